#include "loadgen/merge_results.h"

#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "loadgen/json_summary.h"
#include "loadgen/run_report.h"

namespace nethical::loadgen {
namespace {

struct Action {
  int64_t response_ns, service_ns, lag_ns;
  bool error, violation, late;
  int decision;
};

std::vector<Action> RandomActions(uint64_t seed, int n) {
  std::mt19937_64 rng(seed);
  std::lognormal_distribution<double> response(13.5, 1.2);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<Action> actions;
  for (int i = 0; i < n; ++i) {
    Action a;
    a.response_ns = static_cast<int64_t>(response(rng));
    a.service_ns = static_cast<int64_t>(a.response_ns * unit(rng));
    a.lag_ns = a.response_ns - a.service_ns;
    a.error = unit(rng) < 0.005;
    a.violation = !a.error && unit(rng) < 0.2;
    a.late = a.lag_ns > 1'000'000;
    a.decision = static_cast<int>(rng() % kDecisionCount);
    actions.push_back(a);
  }
  return actions;
}

std::unique_ptr<RunTotals> TotalsOf(const std::vector<Action>& actions) {
  auto t = std::make_unique<RunTotals>();
  for (const Action& a : actions) {
    t->completed++;
    t->errors += a.error;
    t->violations += a.violation;
    t->late += a.late;
    if (!a.error) t->decisions[a.decision]++;
    t->response_time.Record(a.response_ns);
    t->service_time.Record(a.service_ns);
    t->send_lag.Record(a.lag_ns);
  }
  return t;
}

// One process's run of `actions` over `span_s` seconds at `rps`, as its JSON summary.
RunReport ReportOf(const std::vector<Action>& actions, uint64_t planned, double span_s, double elapsed_s,
                   double rps) {
  RunResult result;
  result.start_ns = 0;
  result.end_ns = static_cast<int64_t>(elapsed_s * 1e9);
  return MakeRunReport(*TotalsOf(actions), result, planned, span_s, rps, span_s);
}

std::string SummaryOf(const RunReport& report, const SloThresholds& slo = {}) {
  LoadOptions options;
  options.slo = slo;
  SummaryContext context;
  context.options = &options;
  return RenderJsonSummary(report, CheckSlos(report, slo), context, nullptr);
}

SummaryInput Parsed(const std::string& json, const std::string& name) {
  StatusOr<SummaryInput> in = ParseSummary(json, name);
  EXPECT_TRUE(in.ok()) << in.status().message();
  return in.ok() ? *in : SummaryInput{};
}

void ExpectSameLatency(const LatencySummary& a, const LatencySummary& b) {
  EXPECT_EQ(a.min_ms, b.min_ms);
  EXPECT_DOUBLE_EQ(a.mean_ms, b.mean_ms);
  EXPECT_EQ(a.p50_ms, b.p50_ms);
  EXPECT_EQ(a.p90_ms, b.p90_ms);
  EXPECT_EQ(a.p95_ms, b.p95_ms);
  EXPECT_EQ(a.p99_ms, b.p99_ms);
  EXPECT_EQ(a.p999_ms, b.p999_ms);
  EXPECT_EQ(a.max_ms, b.max_ms);
}

TEST(MergeResultsTest, MergeOfProcessSummariesEqualsTheRunOfTheirUnion) {
  // Property: for any split of one set of actions over 1..6 processes running
  // side by side, the merge of their summaries reports what one process
  // with all the actions reports.
  std::mt19937_64 rng(42);
  for (int trial = 0; trial < 12; ++trial) {
    const std::vector<Action> all = RandomActions(trial, 2000 + static_cast<int>(rng() % 3000));
    const int processes = 1 + static_cast<int>(rng() % 6);
    std::vector<std::vector<Action>> parts(processes);
    for (const Action& a : all) parts[rng() % processes].push_back(a);
    const double span_s = 10;
    std::vector<SummaryInput> inputs;
    uint64_t planned = 0;
    double rps = 0, longest = 0;
    for (int p = 0; p < processes; ++p) {
      const double elapsed = span_s + 0.01 * p;
      longest = std::max(longest, elapsed);
      planned += parts[p].size();
      rps += parts[p].size() / span_s;
      inputs.push_back(
          Parsed(SummaryOf(ReportOf(parts[p], parts[p].size(), span_s, elapsed, parts[p].size() / span_s)),
                 "p" + std::to_string(p) + ".json"));
    }
    StatusOr<MergedRun> merged = MergeSummaries(inputs);
    ASSERT_TRUE(merged.ok()) << merged.status().message();
    const RunReport whole = ReportOf(all, planned, span_s, longest, rps);
    const RunReport& m = merged->report;
    EXPECT_EQ(m.completed, whole.completed);
    EXPECT_EQ(m.errors, whole.errors);
    EXPECT_EQ(m.violations, whole.violations);
    EXPECT_EQ(m.late, whole.late);
    EXPECT_EQ(m.decisions, whole.decisions);
    EXPECT_DOUBLE_EQ(m.achieved_rps, whole.achieved_rps);
    EXPECT_DOUBLE_EQ(m.target_rps, whole.target_rps);
    EXPECT_EQ(m.error_rate, whole.error_rate);
    ExpectSameLatency(m.response_time, whole.response_time);
    ExpectSameLatency(m.service_time, whole.service_time);
    ExpectSameLatency(m.send_lag, whole.send_lag);
    EXPECT_EQ(m.response_time_histogram.counts, whole.response_time_histogram.counts);
    const std::vector<SloCheck> slos = CheckSlos(whole, SloThresholds{});
    ASSERT_EQ(merged->slos.size(), slos.size());
    for (size_t i = 0; i < slos.size(); ++i) {
      EXPECT_EQ(merged->slos[i].passed, slos[i].passed) << slos[i].name;
      EXPECT_DOUBLE_EQ(merged->slos[i].observed, slos[i].observed) << slos[i].name;
    }
  }
}

TEST(MergeResultsTest, MergedSummariesMergeAgainIntoTheSameWhole) {
  const std::vector<Action> all = RandomActions(3, 4000);
  std::vector<std::vector<Action>> parts(4);
  for (size_t i = 0; i < all.size(); ++i) parts[i % 4].push_back(all[i]);
  std::vector<std::string> summaries;
  for (const auto& part : parts)
    summaries.push_back(SummaryOf(ReportOf(part, part.size(), 5, 5, part.size() / 5.0)));
  // Two regions of two processes, then the regions together.
  std::vector<std::string> regions;
  for (int r = 0; r < 2; ++r) {
    StatusOr<MergedRun> region =
        MergeSummaries({Parsed(summaries[2 * r], "a"), Parsed(summaries[2 * r + 1], "b")});
    ASSERT_TRUE(region.ok()) << region.status().message();
    regions.push_back(RenderMergedJsonSummary(*region));
  }
  StatusOr<MergedRun> two_level = MergeSummaries({Parsed(regions[0], "r0"), Parsed(regions[1], "r1")});
  std::vector<SummaryInput> flat;
  for (const std::string& s : summaries) flat.push_back(Parsed(s, "p"));
  StatusOr<MergedRun> one_level = MergeSummaries(flat);
  ASSERT_TRUE(two_level.ok() && one_level.ok());
  ExpectSameLatency(two_level->report.response_time, one_level->report.response_time);
  EXPECT_EQ(two_level->report.completed, one_level->report.completed);
  EXPECT_DOUBLE_EQ(two_level->report.achieved_rps, one_level->report.achieved_rps);
}

TEST(MergeResultsTest, DifferentSloThresholdsAreRefusedNamingTheKey) {
  const std::vector<Action> a = RandomActions(1, 100);
  SloThresholds strict;
  strict.p95_ms = 50;
  StatusOr<MergedRun> merged =
      MergeSummaries({Parsed(SummaryOf(ReportOf(a, 100, 1, 1, 100)), "a.json"),
                      Parsed(SummaryOf(ReportOf(a, 100, 1, 1, 100), strict), "b.json")});
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.status().message(),
            "configuration.slo.p95_ms differs: 200 in a.json, 50 in b.json (merged SLO verdicts need one "
            "threshold)");
}

TEST(MergeResultsTest, SummaryWithoutHistogramsIsRefused) {
  nlohmann::ordered_json j =
      nlohmann::ordered_json::parse(SummaryOf(ReportOf(RandomActions(1, 10), 10, 1, 1, 10)));
  j.erase("histograms");
  StatusOr<SummaryInput> in = ParseSummary(j.dump(), "old.json");
  ASSERT_FALSE(in.ok());
  EXPECT_NE(in.status().message().find("old.json: no histograms block"), std::string::npos);
}

TEST(MergeResultsTest, HistogramThatDisagreesWithTheCountsIsRefused) {
  nlohmann::ordered_json j =
      nlohmann::ordered_json::parse(SummaryOf(ReportOf(RandomActions(1, 10), 10, 1, 1, 10)));
  j["counts"]["completed"] = 11;
  StatusOr<SummaryInput> in = ParseSummary(j.dump(), "x.json");
  ASSERT_FALSE(in.ok());
  EXPECT_NE(in.status().message().find("holds 10 samples but counts.completed is 11"), std::string::npos)
      << in.status().message();
}

TEST(MergeResultsTest, CorruptHistogramEncodingIsRefusedNamingTheField) {
  nlohmann::ordered_json j =
      nlohmann::ordered_json::parse(SummaryOf(ReportOf(RandomActions(1, 10), 10, 1, 1, 10)));
  j["histograms"]["service_time"]["hdr"] = "HISTFAAAAA==";
  StatusOr<SummaryInput> in = ParseSummary(j.dump(), "x.json");
  ASSERT_FALSE(in.ok());
  EXPECT_NE(in.status().message().find("x.json: histograms.service_time.hdr: HdrHistogram"),
            std::string::npos)
      << in.status().message();
}

TEST(MergeResultsTest, TextThatIsNotJsonIsRefused) {
  StatusOr<SummaryInput> in = ParseSummary("perf_results.csv,1,2", "x.csv");
  ASSERT_FALSE(in.ok());
  EXPECT_EQ(in.status().message(), "x.csv: not a JSON object");
}

TEST(MergeResultsTest, NothingToMergeIsAnError) { EXPECT_FALSE(MergeSummaries({}).ok()); }

RunReport WithSeries(double bucket_s, std::vector<std::pair<uint64_t, int64_t>> completed_and_p99_ns) {
  RunReport r = ReportOf(RandomActions(5, 10), 10, 1, 1, 10);
  r.timeseries_bucket_s = bucket_s;
  double t = 0;
  for (const auto& [completed, p99] : completed_and_p99_ns) {
    TimeSeriesPoint p;
    p.start_s = t;
    p.end_s = t += bucket_s;
    p.completed = completed;
    p.response_p99_ns = p99;
    p.decisions[0] = completed;
    r.timeseries.push_back(p);
  }
  return r;
}

TEST(MergeResultsTest, TimeSeriesMergePointByPointWithPercentilesAsAnUpperBound) {
  const RunReport a = WithSeries(1, {{100, 2'000'000}, {90, 3'000'000}});
  const RunReport b = WithSeries(1, {{50, 5'000'000}, {60, 1'000'000}, {70, 1'000'000}});
  StatusOr<MergedRun> m = MergeSummaries({Parsed(SummaryOf(a), "a"), Parsed(SummaryOf(b), "b")});
  ASSERT_TRUE(m.ok());
  const nlohmann::ordered_json& points = m->timeseries["points"];
  ASSERT_EQ(points.size(), 3u);
  EXPECT_EQ(points[0]["completed"], 150);
  EXPECT_EQ(points[1]["completed"], 150);
  EXPECT_EQ(points[2]["completed"], 70);
  EXPECT_EQ(points[0]["decisions"]["ALLOW"], 150);
  EXPECT_EQ(points[0]["response_time_ms"]["p99"], 5.0);  // the larger of 2 and 5 ms
  EXPECT_EQ(points[1]["response_time_ms"]["p99"], 3.0);
  const nlohmann::ordered_json j = nlohmann::ordered_json::parse(RenderMergedJsonSummary(*m));
  EXPECT_EQ(j["timeseries"]["points"].size(), 3u);
}

TEST(MergeResultsTest, TimeSeriesOfDifferentBucketWidthsAreLeftOut) {
  StatusOr<MergedRun> m = MergeSummaries(
      {Parsed(SummaryOf(WithSeries(1, {{1, 1}})), "a"), Parsed(SummaryOf(WithSeries(2, {{1, 1}})), "b")});
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->timeseries.is_null());
  EXPECT_FALSE(nlohmann::ordered_json::parse(RenderMergedJsonSummary(*m)).contains("timeseries"));
}

TEST(MergeResultsTest, MergedSloVerdictIsTheUnionsNotAnAverageOfPercentiles) {
  // Process A is all fast (p99 1 ms); process B has 5% slow actions (p99
  // 900 ms). The mean of their p99s (450 ms) would pass p99 < 500 ms; the
  // union has 2.5% slow actions, so its p99 is 900 ms and the gate fails.
  const std::vector<Action> fast(1000, Action{1'000'000, 900'000, 100'000, false, false, false, 0});
  std::vector<Action> slow = fast;
  for (int i = 0; i < 50; ++i) slow[i].response_ns = 900'000'000;
  const RunReport a = ReportOf(fast, 1000, 10, 10, 100);
  const RunReport b = ReportOf(slow, 1000, 10, 10, 100);
  ASSERT_LT((a.response_time.p99_ms + b.response_time.p99_ms) / 2, 500);
  StatusOr<MergedRun> merged = MergeSummaries({Parsed(SummaryOf(a), "a"), Parsed(SummaryOf(b), "b")});
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->slos[1].name, "p99");
  EXPECT_FALSE(merged->slos[1].passed);
  EXPECT_NEAR(merged->slos[1].observed, 900, 900 * 0.004);
}

}  // namespace
}  // namespace nethical::loadgen
