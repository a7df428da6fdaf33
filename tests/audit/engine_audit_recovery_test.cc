// Engine::Stats() reports what opening the audit log truncated, so that
// `nethical evaluate` and generate_load can tell the operator.
#include <gtest/gtest.h>

#include "engine/audit/audit_log.h"
#include "engine/audit/log_reader.h"
#include "engine/engine.h"
#include "tests/audit/audit_test_util.h"
#include "tests/testing/fake_clock.h"

namespace nethical::audit {
namespace {

TEST(EngineAuditRecoveryTest, StatsReportTheTornTailRecoveryTruncated) {
  const std::string storage = testing::NewTempDir();
  FakeClock clock;
  {
    auto log = AuditLog::Open(storage, "", AuditConfig(), clock);
    ASSERT_TRUE(log.ok());
    for (uint64_t i = 0; i < 10; ++i) EXPECT_TRUE((*log)->Append(testing::SampleRecord(i)));
  }
  const std::string last = ListSegments(storage + "/default/audit")->back().path;
  std::string record, frame;
  EncodeRecord(testing::SampleRecord(10), &record);
  AppendFrame(FrameType::kRecord, record, &frame);
  testing::WriteFile(last, testing::ReadFile(last) + frame.substr(0, 20));

  EngineConfig config;
  config.storage_dir = storage;
  config.audit.enabled = true;
  auto engine = Engine::Create(config, clock);
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  const EngineStats stats = (*engine)->Stats();
  ASSERT_TRUE(stats.audit_recovery.has_value());
  EXPECT_EQ(stats.audit_recovery->truncated_bytes, 20u);
  EXPECT_EQ(stats.audit_recovery->dropped_records, 1u);
  ASSERT_TRUE((*engine)->Shutdown().ok());
}

TEST(EngineAuditRecoveryTest, StatsHaveNoRecoveryBlockWithoutTheAuditLog) {
  FakeClock clock;
  EngineConfig config;
  config.storage_dir = testing::NewTempDir();
  config.audit.enabled = false;
  auto engine = Engine::Create(config, clock);
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  EXPECT_FALSE((*engine)->Stats().audit_recovery.has_value());
}

}  // namespace
}  // namespace nethical::audit
