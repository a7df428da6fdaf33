#include "loadgen/evaluator_factory.h"

namespace nethical::loadgen {

StatusOr<EvaluatorUnderTest> MakeEvaluator(EvaluatorKind kind, const EngineConfig& config,
                                           const Clock& clock) {
  if (kind == EvaluatorKind::kNull)
    return EvaluatorUnderTest{std::make_unique<NullEvaluator>(), [] { return Status::Ok(); }};
  (void)config;
  (void)clock;
  return Unavailable(
      "--evaluator=engine: the governance engine (engine/engine.h) is not in this build yet; "
      "use --evaluator null to measure the generator alone");
}

}  // namespace nethical::loadgen
