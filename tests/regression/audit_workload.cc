// The audit log's appender path as Engine::Evaluate drives it, one thread:
// 20,000 records (ids, a decision, a ~200-byte text) appended to an
// AuditLog in a fresh temporary directory (durability none, a tree head
// every 100 records, a FakeClock), then flushed and closed. Counts the
// encode, the leaf hash, the compact range, the framing and copy into the
// staging ring (and its entry CRC), the signed heads, and the ring's
// pwritev calls on Flush; not the writer's background thread
// (callgrind collects only inside RunWorkload) nor the kernel.
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "engine/audit/audit_log.h"
#include "engine/config/engine_config.h"
#include "tests/regression/workload.h"
#include "tests/testing/fake_clock.h"

namespace nethical::regression {

uint64_t RunWorkload() {
  constexpr int kRecords = 20000;
  constexpr size_t kTextBytes = 200;
  const char* tmp = std::getenv("TEST_TMPDIR");
  std::string dir = std::string(tmp != nullptr ? tmp : "/tmp") + "/audit_workload.XXXXXX";
  if (mkdtemp(dir.data()) == nullptr) return 0;
  AuditConfig config;
  config.durability = Durability::kNone;
  config.batch_size = 100;
  FakeClock clock;
  uint64_t checksum = 0;
  {
    auto log = audit::AuditLog::Open(dir, "", config, clock);
    if (!log.ok()) return 0;
    audit::AuditRecord r;
    r.decision = "ALLOW";
    r.text.assign(kTextBytes, ' ');
    for (int i = 0; i < kRecords; ++i) {
      r.agent_id = "agent_" + std::to_string(i % 100);
      r.action_id = "action_" + std::to_string(i);
      r.risk = (i % 10) / 10.0;
      r.violation = i % 7 == 0;
      r.timestamp_ns = clock.WallNanos();
      for (size_t j = 0; j < kTextBytes; ++j) r.text[j] = static_cast<char>('a' + (i * 31 + j * 7) % 26);
      const std::optional<uint64_t> leaf = (*log)->Append(r);
      if (!leaf) return 0;
      checksum = checksum * 1099511628211ULL ^ *leaf;
    }
    if (!(*log)->Flush().ok()) return 0;
    checksum ^= (*log)->AnchoredSize();
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return checksum;
}

}  // namespace nethical::regression
