// AuditRecord: what the audit log keeps for every evaluated action, and its
// canonical byte encoding, which is exactly what the Merkle leaf hashes.
//
//   std::string bytes;
//   EncodeRecord(record, &bytes);                 // appends
//   StatusOr<AuditRecord> r = DecodeRecord(bytes);
//
// Encoding (version 1, little-endian):
//   u8  version = 1
//   i64 timestamp_ns      u64 risk (IEEE-754 bits)      u8 violation (0|1)
//   u32 len + agent_id    u32 len + action_id    u32 len + decision
//   u32 len + text        (text as the privacy mode stored it)
// Strings are raw bytes. The encoding is injective, so two different
// records never share a leaf. A field longer than kMaxFieldBytes (far above
// any payload the engine admits) is cut to that length, so that a record
// always fits its u32 length prefixes and stays decodable.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/status.h"

namespace nethical::audit {

struct AuditRecord {
  std::string agent_id, action_id;
  std::string decision;
  double risk = 0;
  bool violation = false;
  int64_t timestamp_ns = 0;
  std::string text;
};

inline constexpr uint8_t kRecordVersion = 1;
inline constexpr size_t kMaxFieldBytes = 64 << 20;

void EncodeRecord(const AuditRecord& record, std::string* out);
// DataLoss naming the field when the bytes are not one whole record.
StatusOr<AuditRecord> DecodeRecord(std::string_view bytes);

}  // namespace nethical::audit
