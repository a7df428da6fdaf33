#include "engine/base/pattern_database.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

namespace nethical {
namespace {

std::unique_ptr<PatternDatabase> CompileOrDie(const std::vector<PatternDatabase::Pattern>& patterns,
                                              unsigned flags = 0) {
  auto db = PatternDatabase::Compile(patterns, flags);
  EXPECT_TRUE(db.ok()) << db.status().message();
  return db.ok() ? std::move(*db) : nullptr;
}

std::multiset<unsigned> Matches(const PatternDatabase& db, std::string_view text) {
  std::multiset<unsigned> ids;
  EXPECT_TRUE(db.Scan(text, [&](unsigned id) {
    ids.insert(id);
    return true;
  }));
  return ids;
}

TEST(PatternDatabaseTest, ReportsEachMatchingPatternOnceWhateverItsMatchCount) {
  auto db = CompileOrDie({{"ab", 7}, {"c+d", 9}, {"zz", 11}});
  EXPECT_EQ(Matches(*db, "ab ab ccd ab cd"), (std::multiset<unsigned>{7, 9}));
}

TEST(PatternDatabaseTest, EmptyTextMatchesNothing) {
  auto db = CompileOrDie({{"a", 1}});
  EXPECT_TRUE(Matches(*db, "").empty());
}

TEST(PatternDatabaseTest, CaselessFlagFoldsAsciiCase) {
  auto exact = CompileOrDie({{"sudo", 1}});
  auto caseless = CompileOrDie({{"sudo", 1}}, HS_FLAG_CASELESS);
  EXPECT_TRUE(Matches(*exact, "SuDo").empty());
  EXPECT_EQ(Matches(*caseless, "SuDo"), (std::multiset<unsigned>{1}));
}

TEST(PatternDatabaseTest, PatternFlagsApplyToThatPatternAlone) {
  auto db = CompileOrDie({{"sudo", 1, HS_FLAG_CASELESS}, {"ssn", 2}});
  EXPECT_EQ(Matches(*db, "SuDo SSN"), (std::multiset<unsigned>{1}));
  EXPECT_EQ(Matches(*db, "SuDo ssn"), (std::multiset<unsigned>{1, 2}));
}

TEST(PatternDatabaseTest, CallbackReturningFalseStopsTheScan) {
  auto db = CompileOrDie({{"a", 1}, {"b", 2}, {"c", 3}});
  int calls = 0;
  EXPECT_TRUE(db->Scan("a b c", [&](unsigned) {
    ++calls;
    return false;
  }));
  EXPECT_EQ(calls, 1);
}

TEST(PatternDatabaseTest, RefusedPatternIsNamedInTheError) {
  // Back-references are outside Hyperscan's syntax.
  auto db = PatternDatabase::Compile({{"ok", 1}, {"(a)\\1", 2}}, 0);
  ASSERT_FALSE(db.ok());
  EXPECT_NE(db.status().message().find("(a)\\1"), std::string::npos) << db.status().message();
}

TEST(PatternDatabaseTest, OneThreadScansSeveralDatabasesInTurn) {
  auto small = CompileOrDie({{"x", 1}});
  auto large = CompileOrDie({{"[0-9]{3}-[0-9]{4}", 2}, {"foo(bar)+", 3}, {"\\bqux\\b", 4}});
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(Matches(*small, "axb"), (std::multiset<unsigned>{1}));
    EXPECT_EQ(Matches(*large, "555-1234 foobarbar qux"), (std::multiset<unsigned>{2, 3, 4}));
  }
}

TEST(PatternDatabaseTest, ThreadsScanOneDatabaseAtOnce) {
  auto db = CompileOrDie({{"needle", 1}, {"pin", 2}});
  std::vector<std::thread> threads;
  std::vector<int> found(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string_view text = i % 2 == 0 ? "hay needle hay" : "hay hay";
        bool ok = db->Scan(text, [&](unsigned id) {
          found[t] += id == 1;
          return true;
        });
        if (!ok) found[t] = -1'000'000;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int f : found) EXPECT_EQ(f, 1000);
}

}  // namespace
}  // namespace nethical
