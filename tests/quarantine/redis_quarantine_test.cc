// The quarantine list shared through Redis (engine/quarantine/
// redis_quarantine.h): two managers stand for two engines (processes or
// hosts) using one server, which each test starts itself on an ephemeral
// loopback port. Time is a FakeClock shared by both.
#include "engine/quarantine/redis_quarantine.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "engine/quarantine/quarantine_manager.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/redis_test.h"

namespace nethical::quarantine {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;

class RedisQuarantineTest : public testing::RedisTest {
 protected:
  // Reads of the list happen at lookups and SyncShared() only, unless
  // `sync_thread`.
  std::unique_ptr<QuarantineManager> Engine(RedisQuarantine** list = nullptr, bool sync_thread = false) {
    RedisQuarantine::Options options;
    options.address = *shared_state::ParseRedisUrl(redis().url());
    options.timeout_ms = 1000;
    auto shared = std::make_unique<RedisQuarantine>(options, clock_);
    if (list != nullptr) *list = shared.get();
    return std::make_unique<QuarantineManager>(Config{}, clock_, std::move(shared), sync_thread);
  }
  int64_t Now() const { return clock_.NowNanos(); }

  FakeClock clock_;
};

TEST_F(RedisQuarantineTest, QuarantineInOneEngineAppliesInAnotherAtItsNextRead) {
  auto a = Engine(), b = Engine();
  EXPECT_FALSE(b->IsQuarantined("agent-7", "prod", Now()));  // reads the (empty) list
  ASSERT_TRUE(a->Quarantine(QuarantineScope::kAgent, "agent-7", "TERMINATE", hours(2)).ok());
  EXPECT_FALSE(b->IsQuarantined("agent-7", "prod", Now()));  // not read again within the interval
  clock_.Advance(milliseconds(100));
  EXPECT_TRUE(b->IsQuarantined("agent-7", "prod", Now()));
  std::optional<QuarantineRecord> hit = b->Find("agent-7", "prod", Now());
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->reason, "TERMINATE");
  EXPECT_EQ(hit->end_nanos - hit->start_nanos, std::chrono::nanoseconds(hours(2)).count());
}

TEST_F(RedisQuarantineTest, BackgroundThreadReadsTheListWithoutAnyLookup) {
  auto a = Engine();
  auto b = Engine(nullptr, /*sync_thread=*/true);
  ASSERT_TRUE(b->SyncShared());
  ASSERT_TRUE(a->Quarantine(QuarantineScope::kAgent, "agent-7", "TERMINATE").ok());
  clock_.Advance(milliseconds(100));  // a read is due; the thread wakes every 100 ms of real time
  for (int i = 0; i < 500 && b->Held() == 0; ++i) std::this_thread::sleep_for(milliseconds(10));
  EXPECT_EQ(b->Held(), 1u);
}

TEST_F(RedisQuarantineTest, ReleaseInOneEngineEndsTheQuarantineInAnother) {
  auto a = Engine(), b = Engine();
  ASSERT_TRUE(a->Quarantine(QuarantineScope::kCohort, "beta", "drift").ok());
  ASSERT_TRUE(b->SyncShared());
  ASSERT_TRUE(b->IsQuarantined("agent-1", "beta", Now()));
  EXPECT_TRUE(b->Release(QuarantineScope::kCohort, "beta"));
  ASSERT_TRUE(a->SyncShared());
  EXPECT_FALSE(a->IsQuarantined("agent-1", "beta", Now()));
  EXPECT_EQ(a->Held(), 0u);
}

TEST_F(RedisQuarantineTest, AgentAndCohortOfOneNameStayApartAcrossEngines) {
  auto a = Engine(), b = Engine();
  ASSERT_TRUE(a->Quarantine(QuarantineScope::kCohort, "x", "cohort").ok());
  ASSERT_TRUE(b->SyncShared());
  EXPECT_FALSE(b->IsQuarantined("x", "", Now()));
  EXPECT_TRUE(b->IsQuarantined("someone", "x", Now()));
}

TEST_F(RedisQuarantineTest, ListIsReadAtMostOncePerInterval) {
  auto a = Engine();
  for (int i = 0; i < 1000; ++i) (void)a->IsQuarantined("agent-" + std::to_string(i), "", Now());
  EXPECT_EQ(a->SharedState()->checks, 1u);
  clock_.Advance(milliseconds(QuarantineManager::kSyncIntervalNanos / 1'000'000));
  for (int i = 0; i < 1000; ++i) (void)a->IsQuarantined("agent-" + std::to_string(i), "", Now());
  EXPECT_EQ(a->SharedState()->checks, 2u);
}

TEST_F(RedisQuarantineTest, OwnChangeDoesNotMakeTheNextReadFetchTheList) {
  auto a = Engine();
  ASSERT_TRUE(a->SyncShared());
  ASSERT_TRUE(a->Quarantine(QuarantineScope::kAgent, "agent-1", "r").ok());
  const uint64_t trips = a->SharedState()->round_trips;
  ASSERT_TRUE(a->SyncShared());
  EXPECT_EQ(a->SharedState()->round_trips, trips + 1);  // the version check only
  EXPECT_TRUE(a->IsQuarantined("agent-1", "", Now()));
}

TEST_F(RedisQuarantineTest, ExpiredEntriesLeaveBothEnginesAndTheServersNextRead) {
  auto a = Engine(), b = Engine();
  ASSERT_TRUE(a->Quarantine(QuarantineScope::kAgent, "agent-1", "r", hours(1)).ok());
  ASSERT_TRUE(b->SyncShared());
  ASSERT_TRUE(b->IsQuarantined("agent-1", "", Now()));
  clock_.Advance(hours(1));
  EXPECT_FALSE(b->IsQuarantined("agent-1", "", Now()));
  EXPECT_FALSE(a->IsQuarantined("agent-1", "", Now()));
  // The next read of the changed list deletes it from the server.
  ASSERT_TRUE(a->Quarantine(QuarantineScope::kAgent, "agent-2", "r", hours(1)).ok());
  ASSERT_TRUE(b->SyncShared());
  StatusOr<shared_state::RedisReply> fields = Command({"HKEYS", "nethical:quarantine"});
  ASSERT_TRUE(fields.ok());
  ASSERT_EQ(fields->elements.size(), 1u);
  EXPECT_EQ(fields->elements[0].text, "agent:agent-2");
}

TEST_F(RedisQuarantineTest, LookupsGoOnWithTheLastListWhileTheServerIsDown) {
  auto a = Engine(), b = Engine();
  ASSERT_TRUE(a->Quarantine(QuarantineScope::kAgent, "agent-1", "r").ok());
  ASSERT_TRUE(b->SyncShared());
  redis().Kill();
  clock_.Advance(milliseconds(100));
  EXPECT_TRUE(b->IsQuarantined("agent-1", "", Now()));
  EXPECT_FALSE(b->SyncShared());
  EXPECT_GE(b->SharedState()->errors, 1u);
  EXPECT_TRUE(b->IsQuarantined("agent-1", "", Now()));
}

TEST_F(RedisQuarantineTest, ChangesMadeWhileTheServerIsDownAreSentWhenItIsBack) {
  RedisQuarantine* list = nullptr;
  auto a = Engine(&list), b = Engine();
  ASSERT_TRUE(a->SyncShared());
  redis().Kill();
  ASSERT_TRUE(a->Quarantine(QuarantineScope::kAgent, "agent-1", "while down").ok());
  ASSERT_TRUE(a->Quarantine(QuarantineScope::kAgent, "agent-2", "while down").ok());
  EXPECT_TRUE(a->Release(QuarantineScope::kAgent, "agent-2"));
  EXPECT_TRUE(a->IsQuarantined("agent-1", "", Now()));  // applies here at once
  EXPECT_EQ(list->pending(), 3u);
  ASSERT_TRUE(redis().Restart().ok());
  clock_.Advance(std::chrono::seconds(6));  // past the client's reconnection backoff
  ASSERT_TRUE(a->SyncShared());
  EXPECT_EQ(list->pending(), 0u);
  EXPECT_EQ(a->SharedState()->replayed, 3u);
  ASSERT_TRUE(b->SyncShared());
  EXPECT_TRUE(b->IsQuarantined("agent-1", "", Now()));
  EXPECT_FALSE(b->IsQuarantined("agent-2", "", Now()));
  EXPECT_TRUE(a->IsQuarantined("agent-1", "", Now()));
}

TEST_F(RedisQuarantineTest, EngineRepublishesItsQuarantinesWhenTheServerLostTheList) {
  auto a = Engine(), b = Engine();
  ASSERT_TRUE(a->Quarantine(QuarantineScope::kAgent, "agent-1", "r").ok());
  ASSERT_TRUE(a->SyncShared());
  redis().Kill();
  ASSERT_TRUE(redis().Restart().ok());  // empty: no persistence
  EXPECT_FALSE(a->SyncShared());        // the connection the restart broke
  clock_.Advance(std::chrono::seconds(6));
  ASSERT_TRUE(a->SyncShared());
  EXPECT_TRUE(a->IsQuarantined("agent-1", "", Now()));
  ASSERT_TRUE(b->SyncShared());
  EXPECT_TRUE(b->IsQuarantined("agent-1", "", Now()));
}

TEST_F(RedisQuarantineTest, ForeignFieldIsCountedAndNotApplied) {
  auto a = Engine();
  ASSERT_TRUE(a->SyncShared());  // creates the list
  ASSERT_TRUE(Command({"HSET", "nethical:quarantine", "robot:9", "1 99999999999999999999 x"}).ok());
  ASSERT_TRUE(Command({"HSET", "nethical:quarantine", "agent:bad", "1 99999999999999999999999 x"}).ok());
  ASSERT_TRUE(Command({"INCR", "nethical:quarantine:version"}).ok());
  ASSERT_TRUE(a->SyncShared());
  EXPECT_EQ(a->Held(), 0u);
  EXPECT_EQ(a->SharedState()->errors, 2u);
}

TEST_F(RedisQuarantineTest, ConcurrentLookupsAndChangesInTwoEnginesConverge) {
  auto a = Engine(), b = Engine();
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    QuarantineManager* m = t == 0 ? a.get() : b.get();
    threads.emplace_back([m, t, this] {
      for (int i = 0; i < 200; ++i) {
        const std::string id = "agent-" + std::to_string(t) + "-" + std::to_string(i);
        ASSERT_TRUE(m->Quarantine(QuarantineScope::kAgent, id, "r").ok());
        (void)m->IsQuarantined(id, "", clock_.NowNanos());
      }
    });
    threads.emplace_back([m, this] {
      for (int i = 0; i < 2000; ++i) (void)m->IsQuarantined("reader", "", clock_.NowNanos());
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_TRUE(a->SyncShared());
  ASSERT_TRUE(b->SyncShared());
  EXPECT_EQ(a->Held(), 400u);
  EXPECT_EQ(b->Held(), 400u);
}

}  // namespace
}  // namespace nethical::quarantine
