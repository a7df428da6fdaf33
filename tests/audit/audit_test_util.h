// Helpers shared by the audit tests: fresh temp directories, sample
// records, and raw access to segment frames for tampering.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/audit/audit_record.h"
#include "engine/audit/segment_format.h"
#include "engine/config/engine_config.h"

namespace nethical::audit::testing {

// A new empty directory under $TEST_TMPDIR.
std::string NewTempDir();

AuditRecord SampleRecord(uint64_t i, const std::string& agent = "agent-1");

// The default AuditConfig with a tree head every `batch_size` records.
AuditConfig ConfigWithBatch(int64_t batch_size, Durability durability = Durability::kBatch);

struct RawFrame {
  std::string segment;  // path
  uint64_t offset;
  uint64_t size;  // header + payload
  FrameType type;
  std::string payload;
};

// Every valid frame of every segment, in log order (strict scan).
std::vector<RawFrame> ReadFrames(const std::string& audit_dir);
// Frames of `type` only.
std::vector<RawFrame> FramesOfType(const std::string& audit_dir, FrameType type);

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& data);

}  // namespace nethical::audit::testing
