#include "engine/quarantine/quarantine_manager.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "tests/testing/fake_clock.h"

namespace nethical::quarantine {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

class QuarantineManagerTest : public ::testing::Test {
 protected:
  FakeClock clock_;
  QuarantineManager manager_{Config{}, clock_};
  int64_t Now() const { return clock_.NowNanos(); }
};

TEST(QuarantineConfigTest, DefaultsAreTheOriginals) {
  Config c;
  EXPECT_EQ(c.default_duration_seconds, 24 * 3600);
  EXPECT_EQ(c.max_duration_seconds, 168 * 3600);
}

TEST_F(QuarantineManagerTest, NothingIsQuarantinedAtFirst) {
  EXPECT_FALSE(manager_.IsQuarantined("agent-1", "prod", Now()));
  EXPECT_FALSE(manager_.Find("agent-1", "prod", Now()).has_value());
}

TEST_F(QuarantineManagerTest, QuarantinedAgentIsQuarantinedInAnyCohort) {
  ASSERT_TRUE(manager_.Quarantine(QuarantineScope::kAgent, "agent-1", "terminate").ok());
  EXPECT_TRUE(manager_.IsQuarantined("agent-1", "prod", Now()));
  EXPECT_TRUE(manager_.IsQuarantined("agent-1", "", Now()));
  EXPECT_FALSE(manager_.IsQuarantined("agent-2", "prod", Now()));
}

TEST_F(QuarantineManagerTest, QuarantinedCohortQuarantinesEveryAgentInIt) {
  ASSERT_TRUE(manager_.Quarantine(QuarantineScope::kCohort, "beta", "drift").ok());
  EXPECT_TRUE(manager_.IsQuarantined("agent-1", "beta", Now()));
  EXPECT_TRUE(manager_.IsQuarantined("agent-9", "beta", Now()));
  EXPECT_FALSE(manager_.IsQuarantined("agent-1", "prod", Now()));
}

TEST_F(QuarantineManagerTest, AgentAndCohortNamespacesAreSeparate) {
  ASSERT_TRUE(manager_.Quarantine(QuarantineScope::kCohort, "x", "r").ok());
  EXPECT_FALSE(manager_.IsQuarantined("x", "prod", Now()));
}

TEST_F(QuarantineManagerTest, FindReportsReasonStartAndEnd) {
  const int64_t start = Now();
  ASSERT_TRUE(manager_.Quarantine(QuarantineScope::kCohort, "beta", "drift alert").ok());
  const auto hit = manager_.Find("agent-1", "beta", Now());
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->scope, QuarantineScope::kCohort);
  EXPECT_EQ(hit->id, "beta");
  EXPECT_EQ(hit->reason, "drift alert");
  EXPECT_EQ(hit->start_nanos, start);
  EXPECT_EQ(hit->end_nanos, start + int64_t{24} * 3600 * 1'000'000'000);
}

TEST_F(QuarantineManagerTest, FindPrefersTheAgentsOwnQuarantine) {
  ASSERT_TRUE(manager_.Quarantine(QuarantineScope::kCohort, "beta", "cohort reason").ok());
  ASSERT_TRUE(manager_.Quarantine(QuarantineScope::kAgent, "agent-1", "agent reason").ok());
  EXPECT_EQ(manager_.Find("agent-1", "beta", Now())->reason, "agent reason");
}

TEST_F(QuarantineManagerTest, DefaultQuarantineExpiresAfter24Hours) {
  ASSERT_TRUE(manager_.Quarantine(QuarantineScope::kAgent, "agent-1", "r").ok());
  clock_.Advance(hours(24) - seconds(1));
  EXPECT_TRUE(manager_.IsQuarantined("agent-1", "", Now()));
  clock_.Advance(seconds(1));
  EXPECT_FALSE(manager_.IsQuarantined("agent-1", "", Now()));
}

TEST_F(QuarantineManagerTest, ExpiredEntryIsRemovedOnRead) {
  ASSERT_TRUE(manager_.Quarantine(QuarantineScope::kAgent, "agent-1", "r", hours(1)).ok());
  EXPECT_EQ(manager_.Held(), 1u);
  clock_.Advance(hours(2));
  EXPECT_FALSE(manager_.IsQuarantined("agent-1", "", Now()));
  EXPECT_EQ(manager_.Held(), 0u);
}

TEST_F(QuarantineManagerTest, CustomDurationIsHonoured) {
  ASSERT_TRUE(manager_.Quarantine(QuarantineScope::kAgent, "agent-1", "r", hours(2)).ok());
  clock_.Advance(hours(2));
  EXPECT_FALSE(manager_.IsQuarantined("agent-1", "", Now()));
}

TEST_F(QuarantineManagerTest, DurationAbove168HoursIsRefused) {
  const Status s = manager_.Quarantine(QuarantineScope::kAgent, "agent-1", "r", hours(169));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(manager_.IsQuarantined("agent-1", "", Now()));
}

TEST_F(QuarantineManagerTest, MaximumDurationOf168HoursIsAccepted) {
  EXPECT_TRUE(manager_.Quarantine(QuarantineScope::kAgent, "agent-1", "r", hours(168)).ok());
}

TEST_F(QuarantineManagerTest, ZeroDurationIsRefused) {
  EXPECT_EQ(manager_.Quarantine(QuarantineScope::kAgent, "a", "r", seconds(0)).code(),
            StatusCode::kInvalidArgument);
}

TEST_F(QuarantineManagerTest, EmptyIdIsRefused) {
  EXPECT_EQ(manager_.Quarantine(QuarantineScope::kCohort, "", "r").code(), StatusCode::kInvalidArgument);
}

TEST_F(QuarantineManagerTest, ManualReleaseEndsTheQuarantine) {
  ASSERT_TRUE(manager_.Quarantine(QuarantineScope::kAgent, "agent-1", "r").ok());
  EXPECT_TRUE(manager_.Release(QuarantineScope::kAgent, "agent-1"));
  EXPECT_FALSE(manager_.IsQuarantined("agent-1", "", Now()));
  EXPECT_EQ(manager_.Held(), 0u);
}

TEST_F(QuarantineManagerTest, ReleasingAnUnknownIdReturnsFalse) {
  EXPECT_FALSE(manager_.Release(QuarantineScope::kCohort, "nobody"));
}

TEST_F(QuarantineManagerTest, ReleasingAnExpiredQuarantineReturnsFalse) {
  ASSERT_TRUE(manager_.Quarantine(QuarantineScope::kAgent, "agent-1", "r", hours(1)).ok());
  clock_.Advance(hours(1));
  EXPECT_FALSE(manager_.Release(QuarantineScope::kAgent, "agent-1"));
}

TEST_F(QuarantineManagerTest, RequarantiningReplacesReasonAndRestartsTheClock) {
  ASSERT_TRUE(manager_.Quarantine(QuarantineScope::kAgent, "agent-1", "first", hours(1)).ok());
  clock_.Advance(std::chrono::minutes(50));
  ASSERT_TRUE(manager_.Quarantine(QuarantineScope::kAgent, "agent-1", "second", hours(1)).ok());
  clock_.Advance(std::chrono::minutes(30));
  const auto hit = manager_.Find("agent-1", "", Now());
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->reason, "second");
  EXPECT_EQ(manager_.Held(), 1u);
}

TEST_F(QuarantineManagerTest, LongReasonIsCut) {
  ASSERT_TRUE(manager_.Quarantine(QuarantineScope::kAgent, "a", std::string(10000, 'x')).ok());
  EXPECT_EQ(manager_.Find("a", "", Now())->reason.size(), QuarantineManager::kMaxReasonBytes);
}

TEST_F(QuarantineManagerTest, ReleaseExpiredDropsOnlyExpiredEntries) {
  ASSERT_TRUE(manager_.Quarantine(QuarantineScope::kAgent, "short", "r", hours(1)).ok());
  ASSERT_TRUE(manager_.Quarantine(QuarantineScope::kAgent, "long", "r", hours(3)).ok());
  clock_.Advance(hours(2));
  EXPECT_EQ(manager_.ReleaseExpired(Now()), 1u);
  EXPECT_EQ(manager_.Held(), 1u);
  EXPECT_TRUE(manager_.IsQuarantined("long", "", Now()));
}

TEST_F(QuarantineManagerTest, ListReturnsEveryLiveQuarantine) {
  ASSERT_TRUE(manager_.Quarantine(QuarantineScope::kAgent, "agent-1", "a", hours(1)).ok());
  ASSERT_TRUE(manager_.Quarantine(QuarantineScope::kCohort, "beta", "drift", hours(3)).ok());
  ASSERT_TRUE(manager_.Quarantine(QuarantineScope::kAgent, "short", "s", seconds(10)).ok());
  clock_.Advance(hours(2));
  std::vector<QuarantineRecord> held = manager_.List(Now());
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].scope, QuarantineScope::kCohort);
  EXPECT_EQ(held[0].id, "beta");
  EXPECT_EQ(held[0].reason, "drift");
}

TEST(QuarantineBoundsTest, FullTableRefusesNewQuarantines) {
  FakeClock clock;
  Config config;
  config.max_entries = 16;
  QuarantineManager manager(config, clock);
  int refused = 0;
  for (int i = 0; i < 1000; ++i) {
    const Status s = manager.Quarantine(QuarantineScope::kAgent, "agent-" + std::to_string(i), "r");
    if (!s.ok()) {
      EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
      ++refused;
    }
  }
  EXPECT_EQ(manager.Held(), 16u);
  EXPECT_EQ(refused, 1000 - 16);
}

TEST(QuarantineBoundsTest, FullTableMakesRoomByDroppingExpiredEntries) {
  FakeClock clock;
  Config config;
  config.max_entries = 16;
  QuarantineManager manager(config, clock);
  for (int i = 0; i < 1000; ++i)
    (void)manager.Quarantine(QuarantineScope::kAgent, "old-" + std::to_string(i), "r", hours(1));
  clock.Advance(hours(1));
  for (int i = 0; i < 1000; ++i) {
    const std::string id = "new-" + std::to_string(i);
    if (manager.Quarantine(QuarantineScope::kAgent, id, "r").ok()) {
      EXPECT_TRUE(manager.IsQuarantined(id, "", clock.NowNanos()));
      return;
    }
  }
  FAIL() << "no new quarantine was accepted after the old ones expired";
}

TEST(QuarantineBoundsTest, RequarantiningAHeldIdNeedsNoRoom) {
  FakeClock clock;
  Config config;
  config.max_entries = 2;
  QuarantineManager manager(config, clock);
  ASSERT_TRUE(manager.Quarantine(QuarantineScope::kAgent, "a", "r").ok());
  ASSERT_TRUE(manager.Quarantine(QuarantineScope::kCohort, "a", "r").ok());
  EXPECT_TRUE(manager.Quarantine(QuarantineScope::kAgent, "a", "again").ok());
  EXPECT_EQ(manager.Quarantine(QuarantineScope::kAgent, "b", "r").code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(manager.Held(), 2u);
}

// Readers, writers and releasers on the same ids at once (run under
// --config=tsan too): every read sees either state, the count stays exact.
TEST(QuarantineConcurrencyTest, ConcurrentQuarantineReadAndReleaseKeepCountsExact) {
  FakeClock clock;
  QuarantineManager manager(Config{}, clock);
  constexpr int kIds = 64;
  std::vector<std::string> ids;
  for (int i = 0; i < kIds; ++i) ids.push_back("agent-" + std::to_string(i));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 2000; ++round) {
        const std::string& id = ids[(round * 7 + t) % kIds];
        switch ((round + t) % 4) {
          case 0:
            (void)manager.Quarantine(QuarantineScope::kAgent, id, "r", hours(1));
            break;
          case 1:
            (void)manager.IsQuarantined(id, "cohort", clock.NowNanos());
            break;
          case 2:
            (void)manager.Release(QuarantineScope::kAgent, id);
            break;
          default:
            (void)manager.Find(id, "cohort", clock.NowNanos());
            break;
        }
        if (t == 0 && round % 500 == 0) clock.Advance(std::chrono::minutes(20));
      }
    });
  }
  for (auto& th : threads) th.join();
  size_t live = 0;
  for (const auto& id : ids) live += manager.Lookup(QuarantineScope::kAgent, id, 0).has_value();
  EXPECT_EQ(manager.Held(), live);
}

}  // namespace
}  // namespace nethical::quarantine
