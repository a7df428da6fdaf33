#include "bench/compare/benchmark_results.h"

#include "gtest/gtest.h"

namespace nethical::bench {
namespace {

constexpr char kTwoRepetitions[] = R"({
  "context": {"commit": "abc123", "config": "opt"},
  "benchmarks": [
    {"name": "BM_A/64", "run_name": "BM_A/64", "run_type": "iteration", "repetition_index": 0,
     "real_time": 100, "cpu_time": 90, "time_unit": "ns"},
    {"name": "BM_A/64", "run_name": "BM_A/64", "run_type": "iteration", "repetition_index": 1,
     "real_time": 110, "cpu_time": 95, "time_unit": "ns"},
    {"name": "BM_A/64_mean", "run_name": "BM_A/64", "run_type": "aggregate", "aggregate_name": "mean",
     "real_time": 105, "cpu_time": 92.5, "time_unit": "ns"},
    {"name": "BM_B", "run_name": "BM_B", "run_type": "iteration",
     "real_time": 2, "cpu_time": 1.5, "time_unit": "us"}
  ]
})";

TEST(ParseBenchmarkResults, KeepsOnlyPerRepetitionEntries) {
  auto r = ParseBenchmarkResults(kTwoRepetitions, "two.json");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->benchmarks.size(), 2u);
  EXPECT_EQ(r->benchmarks[0].name, "BM_A/64");
  EXPECT_EQ(r->benchmarks[0].real_time_ns, (std::vector<double>{100, 110}));
  EXPECT_EQ(r->benchmarks[0].cpu_time_ns, (std::vector<double>{90, 95}));
}

TEST(ParseBenchmarkResults, ConvertsTimesToNanoseconds) {
  auto r = ParseBenchmarkResults(kTwoRepetitions, "two.json");
  ASSERT_TRUE(r.ok());
  const BenchmarkSamples* b = r->Find("BM_B");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->real_time_ns, std::vector<double>{2000});
  EXPECT_EQ(b->cpu_time_ns, std::vector<double>{1500});
}

TEST(ParseBenchmarkResults, KeepsTheContext) {
  auto r = ParseBenchmarkResults(kTwoRepetitions, "two.json");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->context["commit"], "abc123");
  EXPECT_EQ(r->context["config"], "opt");
}

TEST(ParseBenchmarkResults, ReadsEntriesWithoutRunTypeAsRepetitions) {
  auto r = ParseBenchmarkResults(R"({"benchmarks": [{"name": "BM_Old", "real_time": 1, "cpu_time": 1,
                                      "time_unit": "ms"}]})",
                                 "old.json");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->benchmarks.size(), 1u);
  EXPECT_EQ(r->benchmarks[0].real_time_ns, std::vector<double>{1e6});
}

TEST(ParseBenchmarkResults, ListsErroredBenchmarksInsteadOfSamplingThem) {
  auto r = ParseBenchmarkResults(R"({"benchmarks": [{"name": "BM_Bad", "run_type": "iteration",
      "error_occurred": true, "error_message": "no SHA-256", "real_time": 0, "cpu_time": 0, "time_unit": "ns"}]})",
                                 "err.json");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->benchmarks.empty());
  EXPECT_EQ(r->errored, std::vector<std::string>{"BM_Bad"});
}

TEST(ParseBenchmarkResults, RejectsTextThatIsNotJson) {
  auto r = ParseBenchmarkResults("Benchmark  Time  CPU", "console.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "console.txt: not valid JSON");
}

TEST(ParseBenchmarkResults, RejectsJsonWithoutBenchmarksArray) {
  auto r = ParseBenchmarkResults(R"({"context": {}})", "x.json");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("no \"benchmarks\" array"), std::string::npos);
}

TEST(ParseBenchmarkResults, RejectsAnUnknownTimeUnit) {
  auto r = ParseBenchmarkResults(
      R"({"benchmarks": [{"name": "A", "real_time": 1, "cpu_time": 1, "time_unit": "ks"}]})", "x.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "x.json: benchmarks[0]: time_unit \"ks\" is not one of ns, us, ms, s");
}

TEST(ParseBenchmarkResults, RejectsAFieldOfTheWrongTypeWithoutThrowing) {
  auto r = ParseBenchmarkResults(R"({"benchmarks": [{"name": 5, "real_time": 1, "cpu_time": 1}]})", "x.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "x.json: benchmarks[0]: \"name\" is not a string");
}

TEST(ParseBenchmarkResults, RejectsAMissingTime) {
  auto r = ParseBenchmarkResults(R"({"benchmarks": [{"name": "A", "cpu_time": 1}]})", "x.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "x.json: benchmarks[0]: \"real_time\" is missing or not a number");
}

TEST(LoadBenchmarkResults, NamesAFileThatCannotBeRead) {
  auto r = LoadBenchmarkResults("/nonexistent/base.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIoError);
  EXPECT_NE(r.status().message().find("/nonexistent/base.json"), std::string::npos);
}

}  // namespace
}  // namespace nethical::bench
