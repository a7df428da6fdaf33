// Redactor microbenchmarks on ~200-byte agent-action texts, clean and with
// PII, per policy; then the same texts through the original's Python `re`
// approach (python_redact_reference.py), reporting the speed-up from one run.
//
//   bazel run -c opt //bench:redact_bench -- --benchmark_format=json
//   flags of its own (the one flag parser, engine/cli/flag_parser.h; --help
//   lists them): --python=PATH (default /usr/bin/python3; "" skips the
//   comparison), --python_reference=PATH (default the runfiles copy).
//
// Speed-up = Python CPU ns/text / C++ CPU ns/text, each the median of several
// passes over the same 1,000 texts, measured one after the other in this
// process (Python in a child process timing itself with process_time):
//   pipeline: §8.2 EnhancedRedactionPipeline.redact (standard) vs
//             Scan + Redact (standard, full);
//   detector: §4 PIIDetector.detect_all + risk vs Scan (standard).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "bench/bench_texts.h"
#include "engine/base/subprocess.h"
#include "engine/cli/flag_parser.h"
#include "engine/redact/pii_prefilter.h"
#include "engine/redact/redactor.h"
#include "engine/redact/text_normalizer.h"
#include "loadgen/workload.h"

namespace nethical::redact {
namespace {

constexpr size_t kTexts = 1000;
constexpr size_t kTargetBytes = 200;

template <size_t N>
const char* Pick(std::mt19937& rng, const char* const (&items)[N]) {
  return items[std::uniform_int_distribution<size_t>(0, N - 1)(rng)];
}

std::string Hex(std::mt19937& rng, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < digits; ++i) s.push_back(kHex[rng() % 16]);
  return s;
}

std::string Number(std::mt19937& rng, int lo, int hi) {
  return std::to_string(std::uniform_int_distribution<int>(lo, hi)(rng));
}

// Clean agent-action text: tool calls, paths, SQL, URLs, versions, hex ids
// and plain numbers, padded with filler to about 200 bytes.
std::string CleanText(std::mt19937& rng) {
  static const char* const kAgents[] = {"scheduler", "planner", "support-bot", "etl-runner", "triage"};
  static const char* const kTools[] = {"create_ticket", "search_docs", "run_sql", "fetch_url", "send_report"};
  static const char* const kWords[] = {"please",    "customer", "plan",   "highlight", "incident", "summary",
                                       "quarterly", "refund",   "policy", "latency",   "review",   "draft"};
  static const char* const kTails[] = {" Reading file /var/lib/app/cache/index.json",
                                       " SELECT id, total FROM orders WHERE status = 'open' LIMIT 50",
                                       " GET https://api.internal/v2/items?page=3",
                                       " upgraded to v4.12.7 build 2291",
                                       " queue depth 1204, retries 3, backoff 250 ms"};
  std::string t = "Agent " + std::string(Pick(rng, kAgents)) + " invoked tool " + Pick(rng, kTools) +
                  " with query \"" + Pick(rng, kWords) + " " + Pick(rng, kWords) + " " + Pick(rng, kWords) +
                  "\" and limit " + Number(rng, 1, 99) + " at step " + Number(rng, 1, 60) + "; latency " +
                  Number(rng, 10, 999) + " ms, status OK, trace " + Hex(rng, 8) + "." + Pick(rng, kTails);
  while (t.size() < kTargetBytes) t += std::string(" ") + Pick(rng, kWords);
  if (t.size() > kTargetBytes + 12) t.resize(t.rfind(' ', kTargetBytes));
  return t;
}

std::string PiiItem(std::mt19937& rng) {
  static const char* const kItems[] = {"email maria.lopez@corp-mail.com",
                                       "call (415) 555-2671",
                                       "phone +1 212 555 0187",
                                       "SSN 536-22-1234",
                                       "card 4111 1111 1111 1111",
                                       "client ip 203.0.113.77",
                                       "passport X12345678",
                                       "mail j.smith+ops@example.org",
                                       "card 5555-5555-5555-4444",
                                       "reach +44 20 7946 0958"};
  return Pick(rng, kItems);
}

// A clean text with one or two PII items spliced in at word boundaries.
std::string PiiText(std::mt19937& rng) {
  std::string t = CleanText(rng);
  int items = 1 + static_cast<int>(rng() % 2);
  for (int i = 0; i < items; ++i) {
    size_t at = t.find(' ', std::uniform_int_distribution<size_t>(0, t.size() - 1)(rng));
    if (at == std::string::npos) at = t.size();
    t.insert(at, " " + PiiItem(rng));
  }
  if (t.size() > kTargetBytes + 40) t.resize(t.rfind(' ', kTargetBytes + 40));
  return t;
}

struct Corpus {
  std::vector<std::string> clean;
  std::vector<std::string> pii;
};

const Corpus& TheCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus;
    std::mt19937 rng(20261129);
    for (size_t i = 0; i < kTexts; ++i) c->clean.push_back(CleanText(rng));
    for (size_t i = 0; i < kTexts; ++i) c->pii.push_back(PiiText(rng));
    return c;
  }();
  return *corpus;
}

std::unique_ptr<Redactor> Make(RedactionPolicy policy) {
  PrivacyConfig config;
  config.redaction_policy = policy;
  auto made = Redactor::Create(config);
  if (!made.ok()) {
    std::fprintf(stderr, "%s\n", made.status().message().c_str());
    std::exit(1);
  }
  return std::move(made.value());
}

const std::vector<std::string>& Texts(bool pii) { return pii ? TheCorpus().pii : TheCorpus().clean; }

// Scans `texts` in turn, one per iteration.
void ScanInTurn(benchmark::State& state, const Redactor& redactor, const std::vector<std::string>& texts) {
  size_t i = 0;
  for (auto _ : state) {
    PiiOutcome scan = redactor.Scan(texts[i]);
    benchmark::DoNotOptimize(scan);
    if (++i == texts.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}

// The share of `texts` the policy's PII prefilter lets through to the RE2
// pass (the rest costs the prefilter alone).
// A counter averaged over the benchmark's threads (a share, not a sum).
benchmark::Counter PrefilterPass(RedactionPolicy policy, const std::vector<std::string>& texts) {
  auto prefilter = redact::PiiPrefilter::Create(policy).value();
  size_t passed = 0;
  for (const std::string& t : texts) passed += prefilter->MayMatch(t);
  return benchmark::Counter(static_cast<double>(passed) / static_cast<double>(texts.size()),
                            benchmark::Counter::kAvgThreads);
}

// range(0): policy; range(1): 0 clean, 1 PII.
void BM_Scan(benchmark::State& state) {
  const auto policy = static_cast<RedactionPolicy>(state.range(0));
  auto redactor = Make(policy);
  const auto& texts = Texts(state.range(1) != 0);
  ScanInTurn(state, *redactor, texts);
  state.counters["prefilter_pass"] = PrefilterPass(policy, texts);
}

void BM_ScanAndRedact(benchmark::State& state) {
  auto redactor = Make(static_cast<RedactionPolicy>(state.range(0)));
  const auto& texts = Texts(state.range(1) != 0);
  size_t i = 0;
  for (auto _ : state) {
    std::string out = redactor->Redact(texts[i], redactor->Scan(texts[i]));
    benchmark::DoNotOptimize(out);
    if (++i == texts.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}

void PolicyArgs(benchmark::internal::Benchmark* b) {
  b->ArgNames({"policy", "pii"});
  for (int policy = 0; policy < 3; ++policy) {
    for (int pii = 0; pii < 2; ++pii) b->Args({policy, pii});
  }
}

BENCHMARK(BM_Scan)->Apply(PolicyArgs);
BENCHMARK(BM_ScanAndRedact)->Apply(PolicyArgs);

// The normalisation's fast path alone: the ASCII check Scan runs first on
// every text (range(0): 0 clean, 1 PII; all of them ASCII).
void BM_NormalizeAsciiFastPath(benchmark::State& state) {
  const auto& texts = Texts(state.range(0) != 0);
  NormalizedText normalized;
  size_t i = 0;
  for (auto _ : state) {
    std::string_view scanned = NormalizeForScan(texts[i], &normalized);
    benchmark::DoNotOptimize(scanned);
    if (++i == texts.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NormalizeAsciiFastPath)->Arg(0)->Arg(1);

// The slow path: the PII texts with every digit written full width (the
// fold, the offset map and the scan of the folded copy), standard policy.
void BM_ScanFullWidth(benchmark::State& state) {
  auto redactor = Make(RedactionPolicy::kStandard);
  std::vector<std::string> texts;
  for (const std::string& t : Texts(true)) {
    std::string wide;
    for (char c : t) {
      if (c >= '0' && c <= '9') {
        wide += "\xEF\xBC";
        wide.push_back(static_cast<char>(0x90 + (c - '0')));
      } else {
        wide.push_back(c);
      }
    }
    texts.push_back(std::move(wide));
  }
  ScanInTurn(state, *redactor, texts);
}
BENCHMARK(BM_ScanFullWidth);

// Scan + Redact over the load generator's mixed texts (generate_load's
// default workload: 10 % PII, 5 % detector triggers), per policy.
void BM_ScanAndRedactMixedWorkload(benchmark::State& state) {
  auto redactor = Make(static_cast<RedactionPolicy>(state.range(0)));
  loadgen::MixedWorkload workload(loadgen::WorkloadOptions{});
  const std::vector<std::string>& texts = workload.corpus();
  size_t i = 0;
  for (auto _ : state) {
    std::string out = redactor->Redact(texts[i], redactor->Scan(texts[i]));
    benchmark::DoNotOptimize(out);
    if (++i == texts.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScanAndRedactMixedWorkload)->ArgName("policy")->Arg(0)->Arg(1)->Arg(2);

// The PII scan over the mixed texts (standard policy): the generator's 256
// (corpora:1, which the branch predictors learn) or 4,096 (corpora:16,
// bench_texts.h MixedTexts); counter `prefilter_pass` is the share of texts
// the prefilter lets through to the RE2 pass.
void BM_ScanMixedWorkload(benchmark::State& state) {
  auto redactor = Make(RedactionPolicy::kStandard);
  const std::vector<std::string> texts = bench::MixedTexts(static_cast<int>(state.range(0)));
  ScanInTurn(state, *redactor, texts);
  state.counters["prefilter_pass"] = PrefilterPass(RedactionPolicy::kStandard, texts);
}
BENCHMARK(BM_ScanMixedWorkload)->ArgName("corpora")->Arg(1)->Arg(16);
BENCHMARK(BM_ScanMixedWorkload)->ArgName("corpora")->Arg(1)->Threads(2)->UseRealTime();

// The prefilter alone (one Hyperscan pass of the standard policy's rows).
void BM_PiiPrefilterMixedWorkload(benchmark::State& state) {
  auto prefilter = redact::PiiPrefilter::Create(RedactionPolicy::kStandard).value();
  loadgen::MixedWorkload workload(loadgen::WorkloadOptions{});
  const std::vector<std::string>& texts = workload.corpus();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(prefilter->MayMatch(texts[i]));
    if (++i == texts.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["prefilter_pass"] = PrefilterPass(RedactionPolicy::kStandard, texts);
}
BENCHMARK(BM_PiiPrefilterMixedWorkload);

double ThreadCpuNs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

// Median CPU ns per text of `fn` over `passes` passes of `texts`. CPU time,
// not wall time, on both sides: the machine is shared and a loaded run would
// otherwise inflate whichever side ran during the busier moment.
template <typename Fn>
double NsPerText(const std::vector<std::string>& texts, int passes, Fn fn) {
  std::vector<double> samples;
  for (int p = 0; p < passes; ++p) {
    double start = ThreadCpuNs();
    for (const std::string& t : texts) fn(t);
    samples.push_back((ThreadCpuNs() - start) / texts.size());
  }
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

int CompareWithPython(const std::string& python, const std::string& script) {
  const Corpus& corpus = TheCorpus();
  auto redactor = Make(RedactionPolicy::kStandard);
  size_t clean_findings = 0;
  for (const std::string& t : corpus.clean) clean_findings += redactor->Scan(t).findings.size();

  const char* tmp = std::getenv("TMPDIR");
  std::string path = std::string(tmp != nullptr ? tmp : "/tmp") + "/redact_bench_texts." +
                     std::to_string(::getpid()) + ".txt";
  {
    std::ofstream f(path);
    for (const std::string& t : corpus.clean) f << t << '\n';
    f << "---\n";
    for (const std::string& t : corpus.pii) f << t << '\n';
  }
  auto cxx = [&](bool pii, bool redact) {
    return NsPerText(Texts(pii), 21, [&](const std::string& t) {
      PiiOutcome scan = redactor->Scan(t);
      if (redact) {
        std::string out = redactor->Redact(t, scan);
        benchmark::DoNotOptimize(out);
      }
      benchmark::DoNotOptimize(scan);
    });
  };
  double scan_clean = cxx(false, false), scan_pii = cxx(true, false);
  double redact_clean = cxx(false, true), redact_pii = cxx(true, true);

  std::string py;
  const StatusOr<int> rc = RunCommand({python, script, "--texts", path}, {.standard_output = &py});
  std::remove(path.c_str());
  if (!rc.ok() || *rc != 0) {
    std::fprintf(stderr, "redact_bench: %s %s: %s\n", python.c_str(), script.c_str(),
                 rc.ok() ? ("exit status " + std::to_string(*rc)).c_str() : rc.status().message().c_str());
    return 1;
  }
  auto field = [&](const std::string& group, const std::string& key) {
    size_t g = py.find("\"" + group + "\"");
    size_t k = g == std::string::npos ? g : py.find("\"" + key + "\": ", g);
    return k == std::string::npos ? 0.0 : std::atof(py.c_str() + k + key.size() + 4);
  };
  double py_pipe_clean = field("pipeline_standard", "clean"), py_pipe_pii = field("pipeline_standard", "pii");
  double py_det_clean = field("detect_all", "clean"), py_det_pii = field("detect_all", "pii");
  std::printf(
      "{\"redact_vs_python\": {\"texts_per_set\": %zu, \"clean_texts_with_findings\": %zu,\n"
      "  \"cxx_scan_redact_standard_ns\": {\"clean\": %.1f, \"pii\": %.1f},\n"
      "  \"python_pipeline_standard_ns\": {\"clean\": %.1f, \"pii\": %.1f},\n"
      "  \"pipeline_speedup\": {\"clean\": %.1f, \"pii\": %.1f},\n"
      "  \"cxx_scan_standard_ns\": {\"clean\": %.1f, \"pii\": %.1f},\n"
      "  \"python_detect_all_ns\": {\"clean\": %.1f, \"pii\": %.1f},\n"
      "  \"detector_speedup\": {\"clean\": %.1f, \"pii\": %.1f}}}\n",
      corpus.clean.size(), clean_findings, redact_clean, redact_pii, py_pipe_clean, py_pipe_pii,
      py_pipe_clean / redact_clean, py_pipe_pii / redact_pii, scan_clean, scan_pii, py_det_clean, py_det_pii,
      py_det_clean / scan_clean, py_det_pii / scan_pii);
  if (py.empty()) {
    std::fprintf(stderr, "redact_bench: no output from %s %s\n", python.c_str(), script.c_str());
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace nethical::redact

int main(int argc, char** argv) {
  std::string python = "/usr/bin/python3";
  std::string script = "bench/python_redact_reference.py";
  std::vector<std::string> benchmark_flags = {argv[0]};
  bool help = false;
  nethical::cli::FlagParser flags(
      "Usage: redact_bench [--python=PATH] [--python_reference=PATH] [--benchmark_*=V ...]\n"
      "Redactor microbenchmarks, then the same texts through the original's Python approach.\n"
      "Exit status: 0 done, 1 the Python comparison failed, 2 bad flag.\n");
  flags.Value("--python", "PATH", "a path, or empty",
              "the Python for the comparison (default /usr/bin/python3; \"\" skips it)",
              [&](std::string_view v) { return python = v, true; });
  flags.Value("--python_reference", "PATH", "a non-empty path",
              "python_redact_reference.py (default the runfiles copy)",
              [&](std::string_view v) { return !v.empty() && (script = v, true); });
  flags.PassThrough("--benchmark_", "Google Benchmark's flags", [&](std::string_view arg) {
    benchmark_flags.emplace_back(arg);
    return nethical::Status::Ok();
  });
  flags.Switch("--help", "this text", [&] { help = true; });
  if (std::optional<int> exit = flags.ParseMain({argv + 1, argv + argc}, "redact_bench", help)) return *exit;
  std::vector<char*> rest;
  for (std::string& f : benchmark_flags) rest.push_back(f.data());
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rest_argc, rest.data())) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (python.empty()) return 0;
  return nethical::redact::CompareWithPython(python, script);
}
