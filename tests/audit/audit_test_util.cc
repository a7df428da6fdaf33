#include "tests/audit/audit_test_util.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>
#include <sstream>

#include "engine/audit/log_reader.h"

namespace nethical::audit::testing {

std::string NewTempDir() {
  const char* base = std::getenv("TEST_TMPDIR");
  std::string templ = std::string(base ? base : "/tmp") + "/audit.XXXXXX";
  char* made = ::mkdtemp(templ.data());
  EXPECT_NE(made, nullptr);
  return templ;
}

AuditConfig ConfigWithBatch(int64_t batch_size, Durability durability) {
  AuditConfig c;
  c.batch_size = batch_size;
  c.durability = durability;
  return c;
}

AuditRecord SampleRecord(uint64_t i, const std::string& agent) {
  AuditRecord r;
  r.agent_id = agent;
  r.action_id = "action-" + std::to_string(i);
  r.decision = i % 7 == 0 ? "BLOCK" : "ALLOW";
  r.risk = static_cast<double>(i % 100) / 100.0;
  r.violation = i % 7 == 0;
  r.timestamp_ns = 1'767'225'600'000'000'000 + static_cast<int64_t>(i);
  r.text = "User request processing #" + std::to_string(i) + " [EMAIL]";
  return r;
}

std::vector<RawFrame> ReadFrames(const std::string& audit_dir) {
  std::vector<RawFrame> frames;
  ScanTail tail;
  Status s = ScanLog(
      audit_dir, TailPolicy::kStrict,
      [&](const FrameVisit& f) {
        frames.push_back(
            {f.segment->path, f.offset, kFrameHeaderSize + f.payload.size(), f.type, std::string(f.payload)});
        return Status::Ok();
      },
      &tail);
  EXPECT_TRUE(s.ok()) << s.message();
  return frames;
}

std::vector<RawFrame> FramesOfType(const std::string& audit_dir, FrameType type) {
  std::vector<RawFrame> out;
  for (auto& f : ReadFrames(audit_dir)) {
    if (f.type == type) out.push_back(std::move(f));
  }
  return out;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << data;
}

}  // namespace nethical::audit::testing
