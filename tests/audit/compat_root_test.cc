// The original's chunk root, pinned by the five vectors of
// docs/original.md §8.1 (computed by running the Python code).
#include "engine/audit/compat_root.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace nethical::audit {
namespace {

nlohmann::json Event(int i) {
  char agent[32];
  std::snprintf(agent, sizeof(agent), "agent_%04d", i);
  return {{"agent_id", agent},
          {"action", "User request processing"},
          {"risk_score", 0.14},
          {"violation_detected", false},
          {"timestamp", "2025-01-01T00:00:00+00:00"}};
}

std::string RootOf(int n) {
  std::vector<nlohmann::json> events;
  for (int i = 0; i < n; ++i) events.push_back(Event(i));
  return CompatChunkRoot(events);
}

TEST(CompatRootTest, CanonicalLeafStringMatchesPythonJsonDumps) {
  EXPECT_EQ(PythonJsonDumps(Event(0)),
            "{\"action\": \"User request processing\", \"agent_id\": \"agent_0000\", "
            "\"risk_score\": 0.14, \"timestamp\": \"2025-01-01T00:00:00+00:00\", "
            "\"violation_detected\": false}");
}

TEST(CompatRootTest, MatchesTheOriginalsRootVectors) {
  EXPECT_EQ(RootOf(0), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(RootOf(1), "945cb1f04738851342f3b05f0a6c13ffce830641f8311ea364c40fd8db521c81");
  EXPECT_EQ(RootOf(2), "a890ecce6731b6cc2928b3406a73e314c4038db21677ce7b9d7a2a367cd4a4af");
  EXPECT_EQ(RootOf(3), "a5131c40267ff1c71ad05580009a78fb5e39014c4ff70b9326d1d48651ca1602");
  EXPECT_EQ(RootOf(5), "e3bcd1971f98ecd2625fa6134626f4620989105754893dc59cc8b65a7b64d4bf");
}

TEST(CompatRootTest, FloatsFollowPythonRepr) {
  EXPECT_EQ(PythonFloatRepr(1e-05), "1e-05");
  EXPECT_EQ(PythonFloatRepr(0.0001), "0.0001");
  EXPECT_EQ(PythonFloatRepr(1e16), "1e+16");
  EXPECT_EQ(PythonFloatRepr(1e15), "1000000000000000.0");
  EXPECT_EQ(PythonFloatRepr(1.5e16), "1.5e+16");
  EXPECT_EQ(PythonFloatRepr(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(PythonFloatRepr(1.0), "1.0");
  EXPECT_EQ(PythonFloatRepr(-2.5), "-2.5");
  EXPECT_EQ(PythonFloatRepr(1e100), "1e+100");
  EXPECT_EQ(PythonFloatRepr(123.456), "123.456");
}

TEST(CompatRootTest, StringsAreEscapedLikeEnsureAscii) {
  const nlohmann::json v = {{"k", "caf\xc3\xa9 \xf0\x9f\x98\x80 \"q\" \\ \n\x01\x7f"}};
  EXPECT_EQ(PythonJsonDumps(v), "{\"k\": \"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\n\\u0001\\u007f\"}");
}

TEST(CompatRootTest, NestedValuesUsePythonSeparators) {
  const nlohmann::json v = nlohmann::json::parse(R"({"b": [1, 2.0, null, true], "a": {}})");
  EXPECT_EQ(PythonJsonDumps(v), "{\"a\": {}, \"b\": [1, 2.0, null, true]}");
}

}  // namespace
}  // namespace nethical::audit
