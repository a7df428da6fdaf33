#include "bench/compare/comparison.h"

#include "bench/compare/comparison_report.h"
#include "gtest/gtest.h"

namespace nethical::bench {
namespace {

// Ten repetitions around `median` ns, spread +-2 %, same for real and CPU time.
BenchmarkSamples Around(const std::string& name, double median) {
  BenchmarkSamples s{name, {}, {}};
  for (int i = 0; i < 10; ++i) {
    const double t = median * (0.98 + 0.004 * i + 0.002);
    s.real_time_ns.push_back(t);
    s.cpu_time_ns.push_back(t);
  }
  return s;
}

BenchmarkResults Results(std::vector<BenchmarkSamples> b) {
  BenchmarkResults r;
  r.benchmarks = std::move(b);
  return r;
}

TEST(CompareResults, FlagsASignificantSlowdownAboveTheThreshold) {
  auto c = CompareResults(Results({Around("BM_A", 100)}), Results({Around("BM_A", 110)}), CompareOptions{});
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].verdict, Verdict::kSlower);
  EXPECT_NEAR(c[0].change, 0.10, 1e-9);
  ASSERT_TRUE(c[0].test.has_value());
  EXPECT_LT(c[0].test->p_value, 0.05);
  EXPECT_EQ(CountSlower(c), 1u);
}

TEST(CompareResults, DoesNotFlagASignificantSlowdownBelowTheThreshold) {
  // +3 %: the samples do not overlap (significant) but 3 % < 5 %.
  auto c = CompareResults(Results({Around("BM_A", 100)}), Results({Around("BM_A", 103)}), CompareOptions{});
  EXPECT_EQ(c[0].verdict, Verdict::kNoChange);
  EXPECT_LT(c[0].test->p_value, 0.05);
}

TEST(CompareResults, DoesNotFlagALargeChangeThatIsNotSignificant) {
  // Medians differ by 10 % but the samples overlap completely.
  BenchmarkSamples base{"BM_A", {100, 200, 100, 200, 100}, {100, 200, 100, 200, 100}};
  BenchmarkSamples now{"BM_A", {110, 200, 110, 200, 110}, {110, 200, 110, 200, 110}};
  auto c = CompareResults(Results({base}), Results({now}), CompareOptions{});
  EXPECT_NEAR(c[0].change, 0.10, 1e-9);
  EXPECT_GE(c[0].test->p_value, 0.05);
  EXPECT_EQ(c[0].verdict, Verdict::kNoChange);
}

TEST(CompareResults, ReportsASignificantSpeedupAsFaster) {
  auto c = CompareResults(Results({Around("BM_A", 100)}), Results({Around("BM_A", 80)}), CompareOptions{});
  EXPECT_EQ(c[0].verdict, Verdict::kFaster);
  EXPECT_EQ(CountSlower(c), 0u);
}

TEST(CompareResults, HonoursAStricterThreshold) {
  CompareOptions options;
  options.threshold = 0.02;
  auto c = CompareResults(Results({Around("BM_A", 100)}), Results({Around("BM_A", 103)}), options);
  EXPECT_EQ(c[0].verdict, Verdict::kSlower);
}

TEST(CompareResults, UsesTheChosenMetric) {
  BenchmarkSamples base = Around("BM_A", 100);
  BenchmarkSamples now = Around("BM_A", 100);
  now.real_time_ns = Around("BM_A", 150).real_time_ns;  // only wall time grew
  CompareOptions cpu;
  cpu.metric = TimeMetric::kCpuTime;
  CompareOptions real;
  real.metric = TimeMetric::kRealTime;
  EXPECT_EQ(CompareResults(Results({base}), Results({now}), cpu)[0].verdict, Verdict::kNoChange);
  EXPECT_EQ(CompareResults(Results({base}), Results({now}), real)[0].verdict, Verdict::kSlower);
}

TEST(CompareResults, NeverFlagsWithTooFewRepetitions) {
  // Three repetitions each: the smallest possible p is 0.1 > alpha.
  BenchmarkSamples base{"BM_A", {100, 101, 102}, {100, 101, 102}};
  BenchmarkSamples now{"BM_A", {200, 201, 202}, {200, 201, 202}};
  auto c = CompareResults(Results({base}), Results({now}), CompareOptions{});
  EXPECT_EQ(c[0].verdict, Verdict::kNoChange);
  EXPECT_TRUE(c[0].underpowered);
  EXPECT_DOUBLE_EQ(c[0].test->p_value, 0.1);
}

TEST(CompareResults, ListsBenchmarksPresentOnOneSideWithoutFailing) {
  auto c = CompareResults(Results({Around("BM_Old", 100), Around("BM_Both", 100)}),
                          Results({Around("BM_Both", 100), Around("BM_New", 100)}), CompareOptions{});
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].name, "BM_Old");
  EXPECT_EQ(c[0].verdict, Verdict::kOnlyInBase);
  EXPECT_EQ(c[1].verdict, Verdict::kNoChange);
  EXPECT_EQ(c[2].name, "BM_New");
  EXPECT_EQ(c[2].verdict, Verdict::kOnlyInNew);
  EXPECT_FALSE(c[2].test.has_value());
  EXPECT_EQ(CountSlower(c), 0u);
}

TEST(ValidateCompareOptions, RejectsNonPositiveThresholdAndAlphaOutsideTheUnitInterval) {
  CompareOptions bad_threshold;
  bad_threshold.threshold = 0;
  EXPECT_FALSE(ValidateCompareOptions(bad_threshold).ok());
  CompareOptions bad_alpha;
  bad_alpha.alpha = 1.0;
  EXPECT_FALSE(ValidateCompareOptions(bad_alpha).ok());
  EXPECT_TRUE(ValidateCompareOptions(CompareOptions{}).ok());
}

TEST(Median, AveragesTheMiddlePairOfAnEvenSample) {
  EXPECT_EQ(Median({4, 1, 3, 2}), 2.5);
  EXPECT_EQ(Median({5, 1, 3}), 3);
}

TEST(ComparisonReport, JsonCarriesVerdictChangeAndPValue) {
  ComparisonReport report;
  report.base = {"base.json", {{"commit", "aaa"}, {"config", "opt"}}};
  report.after = {"new.json", {{"commit", "bbb"}, {"config", "opt"}}};
  report.comparisons = CompareResults(Results({Around("BM_A", 100)}), Results({Around("BM_A", 110)}), {});
  const nlohmann::json j = ToJson(report);
  EXPECT_EQ(j["format"], "nethical-bench-compare/1");
  EXPECT_EQ(j["base"]["commit"], "aaa");
  EXPECT_EQ(j["options"]["metric"], "cpu_time");
  EXPECT_EQ(j["slower"], 1);
  EXPECT_EQ(j["benchmarks"][0]["verdict"], "slower");
  EXPECT_NEAR(j["benchmarks"][0]["change"].get<double>(), 0.10, 1e-9);
  EXPECT_EQ(j["benchmarks"][0]["method"], "exact");
  EXPECT_EQ(j["benchmarks"][0]["base_repetitions"], 10);
}

TEST(ComparisonReport, TableShowsEachBenchmarkAndTheOutcome) {
  ComparisonReport report;
  report.base = {"base.json", {{"commit", "aaa"}, {"config", "opt"}}};
  report.after = {"new.json", nlohmann::json::object()};
  report.comparisons = CompareResults(Results({Around("BM_A", 100)}), Results({Around("BM_A", 110)}), {});
  const std::string table = FormatTable(report);
  EXPECT_NE(table.find("base.json (commit aaa, config opt)"), std::string::npos) << table;
  EXPECT_NE(table.find("new.json (commit ?, config ?)"), std::string::npos) << table;
  EXPECT_NE(table.find("+10.0%"), std::string::npos) << table;
  EXPECT_NE(table.find("SLOWER"), std::string::npos) << table;
  EXPECT_NE(table.find("1.1e-05"), std::string::npos) << table;  // p = 2 / C(20, 10)
  EXPECT_NE(table.find("FAIL: 1 benchmark(s) significantly slower"), std::string::npos) << table;
}

TEST(FormatDuration, PicksAReadableUnit) {
  EXPECT_EQ(FormatDuration(812), "812.0 ns");
  EXPECT_EQ(FormatDuration(12300), "12.30 us");
  EXPECT_EQ(FormatDuration(4.56e6), "4.56 ms");
  EXPECT_EQ(FormatDuration(1.2e9), "1.20 s");
}

}  // namespace
}  // namespace nethical::bench
