#include "loadgen/evaluator_factory.h"

#include "engine/engine.h"

namespace nethical::loadgen {

StatusOr<EvaluatorUnderTest> MakeEvaluator(EvaluatorKind kind, const EngineConfig& config, const Clock& clock,
                                           uint32_t stage_sample) {
  if (kind == EvaluatorKind::kNull)
    return EvaluatorUnderTest{std::make_unique<NullEvaluator>(), [] { return Status::Ok(); },
                              [] { return EngineStats{}; }};
  StatusOr<std::unique_ptr<Engine>> engine = Engine::Create(config, clock);
  if (!engine.ok()) return engine.status();
  Engine* raw = engine->get();
  raw->EnableStageTiming(stage_sample);
  return EvaluatorUnderTest{std::move(*engine), [raw] { return raw->Shutdown(); },
                            [raw] { return raw->Stats(); }};
}

}  // namespace nethical::loadgen
