// The whole Engine::Evaluate per feature set (core, core with the judgment
// cache, each optional stage alone on top of core, the full stack) and texts
// (256-byte benchmark texts, generate_load's mixed workload), on 1 and 2
// threads (aggregate throughput: items_per_second, real time).
//   bazel run -c opt //bench:pipeline_bench -- --benchmark_format=json
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "bench/bench_texts.h"
#include "engine/base/clock.h"
#include "engine/engine.h"
#include "loadgen/workload.h"

namespace nethical::bench {
namespace {

constexpr int kActions = 4096;
constexpr int kAgents = 1000;

// The action stream of one thread, range(1):
//   0 "bench-256": 256-byte texts, 90% clean, 10% violating; 64 distinct
//     texts so a cache-on run hits, as the original's 5-10 texts did;
//   1 "mixed": generate_load's default workload (MixedWorkload::Fill, the
//     same generator): texts of 32 B .. 4 KiB, 10% with PII, 5% tripping a
//     detector, each ending in its own trace token, so a judgment cache
//     misses, as in a load run.
// Each thread has its own 1000 agents, as when a load generator gives each
// agent to one worker; the threads still share the engine's shards, its
// judgment cache and RE2's DFA.
enum Texts { kBench256, kMixed };
constexpr const char* kTextNames[] = {"bench-256", "mixed"};

std::vector<Action> Stream(int thread, Texts texts) {
  std::vector<Action> actions(kActions);
  if (texts == kMixed) {
    loadgen::MixedWorkload workload{loadgen::WorkloadOptions{}};
    std::vector<uint64_t> seq(kAgents);
    for (int i = 0; i < kActions; ++i) {
      loadgen::PlannedSend send;
      const uint32_t agent = (i * 7919) % kAgents;
      send.index = i;
      send.agent = thread * kAgents + agent;
      send.agent_seq = seq[agent]++;
      workload.Fill(send, &actions[i]);
    }
    return actions;
  }
  std::vector<std::string> clean, violating;
  for (int t = 0; t < 64; ++t) {
    clean.push_back(CleanText(256, t));
    violating.push_back(ViolatingText(256, t));
  }
  for (int i = 0; i < kActions; ++i) {
    Action& a = actions[i];
    a.agent_id = "t" + std::to_string(thread) + "-agent-" + std::to_string((i * 7919) % kAgents);
    a.action_id = "act-" + std::to_string(i);
    a.text = (i % 10 == 0) ? violating[i % 64] : clean[i % 64];
  }
  return actions;
}

// Feature sets, range(0). "core" is input screen -> detectors -> judge ->
// risk; each other stage is measured alone on top of core, then everything
// ("full"), and the full stack without the five stages of docs/stages.md
// ("full-before", what "full" was before they joined the pipeline).
enum FeatureSet {
  kCore,
  kCoreCached,
  kQuota,
  kPrivacy,
  kShadow,
  kBlend,
  kAnomaly,
  kAudit,
  kQuarantine,
  kTaxonomy,
  kSla,
  kCorrelation,
  kResidency,
  kFullBefore,
  kFull
};
constexpr const char* kSetNames[] = {"core",  "core+cache",  "quota",     "privacy",     "shadow",
                                     "blend", "anomaly",     "audit",     "quarantine",  "taxonomy",
                                     "sla",   "correlation", "residency", "full-before", "full"};
static_assert(std::size(kSetNames) == kFull + 1);

EngineConfig ConfigFor(FeatureSet set, const std::string& storage_dir) {
  const bool before = set == kFullBefore || set == kFull;  // the eight stages of the previous full stack
  EngineConfig c;
  c.storage_dir = storage_dir;
  c.detect.judgment_cache = set == kCoreCached || before;
  c.quota.enabled = set == kQuota || before;
  c.quota.requests_per_second = 1e9;  // admit everything: measure the check
  c.quota.burst_size = 1e9;
  if (set == kPrivacy || before) c.privacy.mode = PrivacyMode::kStandard;
  c.shadow.enabled = set == kShadow || before;
  c.shadow.log_enabled = false;
  c.blend.enabled = set == kBlend || before;
  c.blend.log_enabled = false;  // the JSONL logs are off, as the shadow's
  c.anomaly.enabled = set == kAnomaly || before;
  c.anomaly.log_enabled = false;
  c.audit.enabled = set == kAudit || before;
  c.audit.durability = Durability::kNone;
  // Quarantine (informational, nothing quarantined: the fast path's atomic
  // load), taxonomy and the SLA monitor are on by default: off unless measured.
  c.quarantine.enabled = set == kQuarantine || set == kFull;
  c.taxonomy.enabled = set == kTaxonomy || set == kFull;
  c.sla.enabled = set == kSla || set == kFull;
  c.correlation.enabled = set == kCorrelation || set == kFull;
  if (set == kResidency || set == kFull) {
    c.region_id = "eu-west-1";
    c.residency.policy = "EU_GDPR";
  }
  return c;
}

// The engine under test and its storage, replaced per benchmark run. It is
// shut down and destroyed by main before main returns: no engine thread may
// outlive main (static destruction order is not something to rely on).
struct EngineUnderTest {
  std::unique_ptr<Engine> engine;
  std::string dir;
  void Reset() {
    if (engine) (void)engine->Shutdown();
    engine.reset();  // releases the region lock before the next engine
    if (!dir.empty()) std::filesystem::remove_all(dir);
    dir.clear();
  }
  void Start(FeatureSet set) {
    static int runs = 0;
    Reset();
    dir = (std::filesystem::temp_directory_path() /
           ("nethical_pipeline_bench_" + std::to_string(getpid()) + "_" + std::to_string(++runs)))
              .string();
    static SteadyClock clock;
    engine = Engine::Create(ConfigFor(set, dir), clock).value();
  }
};

EngineUnderTest under_test;

// range(0): the feature set; range(1): the texts (Stream).
void BM_Pipeline(benchmark::State& state) {
  auto set = static_cast<FeatureSet>(state.range(0));
  auto texts = static_cast<Texts>(state.range(1));
  if (state.thread_index() == 0) under_test.Start(set);
  std::vector<Action> actions = Stream(state.thread_index(), texts);
  // Google Benchmark starts the timed loop of all threads together, after
  // every thread's setup above.
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const Action& a = actions[i++ % kActions];
    Verdict v = under_test.engine->Evaluate(a);
    bytes += a.text.size();
    benchmark::DoNotOptimize(v.decision);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetLabel(std::string(kSetNames[set]) + ", " + kTextNames[texts]);
}
BENCHMARK(BM_Pipeline)
    ->ArgsProduct({benchmark::CreateDenseRange(kCore, kFull, 1), {kBench256, kMixed}})
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();

// The cost of per-stage time attribution (Engine::EnableStageTiming): the
// full stack with it off (0), on 1 action in 16 (generate_load's default),
// and on every action (1), in the same run. range(0): one_in.
void BM_PipelineStageTiming(benchmark::State& state) {
  const auto one_in = static_cast<uint32_t>(state.range(0));
  under_test.Start(kFull);
  under_test.engine->EnableStageTiming(one_in);
  std::vector<Action> actions = Stream(0, kBench256);
  size_t i = 0;
  for (auto _ : state) {
    Verdict v = under_test.engine->Evaluate(actions[i++ % kActions]);
    benchmark::DoNotOptimize(v.decision);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(one_in == 0 ? "full, stage timing off"
                             : "full, stage timing 1 in " + std::to_string(one_in));
}
// A fixed iteration count, so every repetition replays the same actions on a
// fresh engine (the full stack's per-agent state grows with the run); run
// with --benchmark_repetitions=N --benchmark_enable_random_interleaving=true
// and compare medians.
BENCHMARK(BM_PipelineStageTiming)->Arg(0)->Arg(16)->Arg(1)->Iterations(20000)->UseRealTime();

// The quarantine fast path: the full stack with NETHICAL_QUARANTINE_ENFORCE
// and every agent of the stream quarantined, so each action is answered
// QUARANTINE before the quota, PII scan and detectors (compare "full").
void BM_PipelineQuarantineFastPath(benchmark::State& state) {
  under_test.Start(kFull);
  std::vector<Action> actions = Stream(0, kBench256);
  EngineConfig c = ConfigFor(kFull, under_test.dir + "_enforced");
  c.quarantine.enforce = true;
  static SteadyClock clock;
  under_test.Reset();
  under_test.dir = c.storage_dir;
  under_test.engine = Engine::Create(c, clock).value();
  for (const Action& a : actions)
    (void)under_test.engine->quarantine_manager()->Quarantine(quarantine::QuarantineScope::kAgent, a.agent_id,
                                                              "benchmark");
  size_t i = 0;
  for (auto _ : state) {
    Verdict v = under_test.engine->Evaluate(actions[i++ % kActions]);
    benchmark::DoNotOptimize(v.decision);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("full, every agent quarantined (enforced)");
}
BENCHMARK(BM_PipelineQuarantineFastPath)->UseRealTime();

void ShutDownEngines() { under_test.Reset(); }

}  // namespace
}  // namespace nethical::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  nethical::bench::ShutDownEngines();
  return 0;
}
