#include "loadgen/evaluator_factory.h"

#include "engine/engine.h"

namespace nethical::loadgen {

StatusOr<EvaluatorUnderTest> MakeEvaluator(EvaluatorKind kind, const EngineConfig& config,
                                           const Clock& clock) {
  if (kind == EvaluatorKind::kNull)
    return EvaluatorUnderTest{std::make_unique<NullEvaluator>(), [] { return Status::Ok(); },
                              [] { return EngineStats{}; }};
  StatusOr<std::unique_ptr<Engine>> engine = Engine::Create(config, clock);
  if (!engine.ok()) return engine.status();
  Engine* raw = engine->get();
  return EvaluatorUnderTest{std::move(*engine), [raw] { return raw->Shutdown(); },
                            [raw] { return raw->Stats(); }};
}

}  // namespace nethical::loadgen
