#include "bench/compare/results_merge.h"

#include "gtest/gtest.h"

namespace nethical::bench {
namespace {

using Json = nlohmann::ordered_json;

Json Output(const char* executable, std::vector<std::pair<const char*, int>> entries) {
  Json benchmarks = Json::array();
  for (const auto& [name, family] : entries) {
    benchmarks.push_back({{"name", name}, {"family_index", family}, {"real_time", 1}, {"cpu_time", 1}});
  }
  return {{"context", {{"executable", executable}, {"commit", "abc"}, {"config", "opt"}}},
          {"benchmarks", benchmarks}};
}

TEST(MergeBenchmarkOutputs, ConcatenatesBenchmarksInRunOrder) {
  auto merged = MergeBenchmarkOutputs({{"a_bench", Output("bench/a_bench", {{"BM_A1", 0}, {"BM_A2", 1}})},
                                       {"b_bench", Output("bench/b_bench", {{"BM_B1", 0}})}});
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  const Json& b = (*merged)["benchmarks"];
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b[0]["name"], "BM_A1");
  EXPECT_EQ(b[2]["name"], "BM_B1");
}

TEST(MergeBenchmarkOutputs, ShiftsFamilyIndicesSoBinariesDoNotCollide) {
  auto merged = MergeBenchmarkOutputs({{"a_bench", Output("a", {{"BM_A1", 0}, {"BM_A1", 0}, {"BM_A2", 1}})},
                                       {"b_bench", Output("b", {{"BM_B1", 0}, {"BM_B2", 1}})}});
  ASSERT_TRUE(merged.ok());
  const Json& b = (*merged)["benchmarks"];
  EXPECT_EQ(b[0]["family_index"], 0);
  EXPECT_EQ(b[2]["family_index"], 1);
  EXPECT_EQ(b[3]["family_index"], 2);
  EXPECT_EQ(b[4]["family_index"], 3);
}

TEST(MergeBenchmarkOutputs, KeepsTheContextAndListsTheExecutables) {
  auto merged = MergeBenchmarkOutputs({{"a_bench", Output("bench/a_bench", {{"BM_A1", 0}})},
                                       {"b_bench", Output("bench/b_bench", {{"BM_B1", 0}})}});
  ASSERT_TRUE(merged.ok());
  const Json& context = (*merged)["context"];
  EXPECT_EQ(context["commit"], "abc");
  EXPECT_EQ(context["config"], "opt");
  EXPECT_FALSE(context.contains("executable"));
  EXPECT_EQ(context["executables"], Json::array({"a_bench", "b_bench"}));
}

TEST(MergeBenchmarkOutputs, RejectsAnOutputWithoutBenchmarks) {
  auto merged = MergeBenchmarkOutputs({{"a_bench", Json{{"context", Json::object()}}}});
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.status().message(), "a_bench: output has no \"benchmarks\" array");
}

TEST(MergeBenchmarkOutputs, RejectsANegativeFamilyIndex) {
  auto merged = MergeBenchmarkOutputs({{"a_bench", Output("a", {{"BM_A1", -1}})}});
  ASSERT_FALSE(merged.ok());
  EXPECT_NE(merged.status().message().find("BM_A1"), std::string::npos);
}

TEST(MergeBenchmarkOutputs, RejectsNothingToMerge) { EXPECT_FALSE(MergeBenchmarkOutputs({}).ok()); }

}  // namespace
}  // namespace nethical::bench
