// Two engines (two processes or hosts in production) sharing one quarantine
// list through a redis-server the test starts (NETHICAL_SHARED_QUARANTINE):
// an agent one engine quarantines is quarantined in the other at its next
// read of the list, and a release in either ends it everywhere.
#include <gtest/gtest.h>

#include <chrono>
#include <initializer_list>
#include <memory>
#include <string>

#include "engine/engine.h"
#include "tests/engine/engine_fixture.h"
#include "tests/testing/redis_server.h"

namespace nethical {
namespace {

using quarantine::QuarantineScope;

class SharedQuarantineTest : public EngineFixture {
 protected:
  void SetUp() override {
    StatusOr<std::unique_ptr<testing::RedisServer>> server = testing::RedisServer::Start();
    ASSERT_TRUE(server.ok()) << server.status().message();
    redis_ = std::move(*server);
  }
  std::unique_ptr<Engine> MakeShared() {
    EngineConfig c = QuietConfig();
    c.quarantine.enforce = true;
    c.quarantine.on_terminate = true;
    c.quarantine.shared = true;
    c.quota.shared_state = redis_->url();
    c.quota.shared_state_timeout_ms = 1000;
    return Make(c);
  }
  // A read of the list is due, and done by each engine (whose background
  // thread may be reading at the same moment: SyncShared waits for it).
  void NextRead(std::initializer_list<Engine*> engines) {
    clock_.Advance(std::chrono::nanoseconds(quarantine::QuarantineManager::kSyncIntervalNanos));
    for (Engine* e : engines) ASSERT_TRUE(e->quarantine_manager()->SyncShared());
  }

  std::unique_ptr<testing::RedisServer> redis_;
};

TEST_F(SharedQuarantineTest, TerminateInOneEngineQuarantinesTheAgentInTheOther) {
  auto a = MakeShared(), b = MakeShared();
  ASSERT_TRUE(a && b);
  EXPECT_EQ(b->Evaluate(A("agent-7", "list open tickets")).decision, Decision::kAllow);
  Action privileged = A("agent-7", "restart the service");
  privileged.context.is_privileged = true;
  ASSERT_EQ(a->Evaluate(privileged).decision, Decision::kTerminate);
  NextRead({b.get()});
  Verdict v = b->Evaluate(A("agent-7", "list open tickets"));
  EXPECT_EQ(v.decision, Decision::kQuarantine);
  EXPECT_EQ(v.quarantine->reason, "automatic: the judge answered TERMINATE");
  EXPECT_EQ(b->Stats().quarantine->auto_on_terminate, 0u) << "b started no quarantine itself";
  ASSERT_TRUE(b->Stats().shared_quarantine.has_value());
  EXPECT_EQ(b->Stats().shared_quarantine->errors, 0u);
}

TEST_F(SharedQuarantineTest, ReleaseInEitherEngineEndsTheQuarantineEverywhere) {
  auto a = MakeShared(), b = MakeShared();
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(a->quarantine_manager()->Quarantine(QuarantineScope::kCohort, "beta", "manual review").ok());
  NextRead({b.get()});
  Action in_beta = A("agent-1", "list open tickets");
  in_beta.cohort = "beta";
  EXPECT_EQ(b->Evaluate(in_beta).decision, Decision::kQuarantine);
  EXPECT_TRUE(b->quarantine_manager()->Release(QuarantineScope::kCohort, "beta"));
  NextRead({a.get(), b.get()});
  EXPECT_EQ(a->Evaluate(in_beta).decision, Decision::kAllow);
  EXPECT_EQ(b->Evaluate(in_beta).decision, Decision::kAllow);
}

TEST_F(SharedQuarantineTest, NoSharedBlockWithoutTheSwitch) {
  auto e = Make(QuietConfig());
  ASSERT_TRUE(e);
  EXPECT_FALSE(e->Stats().shared_quarantine.has_value());
}

}  // namespace
}  // namespace nethical
