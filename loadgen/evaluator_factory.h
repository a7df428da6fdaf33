// What generate_load drives: the governance engine built from the validated
// EngineConfig, or the null evaluator (answers ALLOW at once; measures the
// generator alone).
#pragma once

#include <functional>
#include <memory>

#include "engine/base/clock.h"
#include "engine/base/status.h"
#include "engine/config/engine_config.h"
#include "engine/engine_stats.h"
#include "engine/model/evaluator.h"
#include "loadgen/load_options.h"

namespace nethical::loadgen {

// Returns a default Verdict (ALLOW, no violations) without looking at the action.
class NullEvaluator final : public Evaluator {
 public:
  Verdict Evaluate(const Action&) override { return Verdict{}; }
};

struct EvaluatorUnderTest {
  std::unique_ptr<Evaluator> evaluator;
  // Flushes and closes what the evaluator holds (Engine::Shutdown); called
  // once, after the last Evaluate.
  std::function<Status()> shutdown;
  // The engine's counters (Engine::Stats); every field empty for the null
  // evaluator.
  std::function<EngineStats()> stats;
};

// `stage_sample`: the engine times its stages on one action in this many
// (Engine::EnableStageTiming); 0: off. The null evaluator has no stages.
StatusOr<EvaluatorUnderTest> MakeEvaluator(EvaluatorKind kind, const EngineConfig& config, const Clock& clock,
                                           uint32_t stage_sample = 0);

}  // namespace nethical::loadgen
