#include "engine/audit/audit_record.h"

#include <bit>

#include "engine/audit/byte_order.h"

namespace nethical::audit {
namespace {

void PutString(std::string* out, std::string_view s) {
  s = s.substr(0, kMaxFieldBytes);
  PutFixed32(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}

// Consumes a length-prefixed string from `in`; false if it does not fit.
bool GetString(std::string_view* in, std::string* out) {
  if (in->size() < 4) return false;
  const uint32_t n = GetFixed32(in->data());
  if (in->size() - 4 < n) return false;
  out->assign(in->data() + 4, n);
  in->remove_prefix(4 + n);
  return true;
}

}  // namespace

void EncodeRecord(const AuditRecord& r, std::string* out) {
  out->reserve(out->size() + 1 + 8 + 8 + 1 + 16 + r.agent_id.size() + r.action_id.size() + r.decision.size() +
               r.text.size());
  out->push_back(static_cast<char>(kRecordVersion));
  PutFixed64(out, static_cast<uint64_t>(r.timestamp_ns));
  PutFixed64(out, std::bit_cast<uint64_t>(r.risk));
  out->push_back(r.violation ? 1 : 0);
  PutString(out, r.agent_id);
  PutString(out, r.action_id);
  PutString(out, r.decision);
  PutString(out, r.text);
}

StatusOr<AuditRecord> DecodeRecord(std::string_view in) {
  constexpr size_t kFixed = 1 + 8 + 8 + 1;
  if (in.size() < kFixed) return DataLoss("record is " + std::to_string(in.size()) + " bytes, too short");
  if (static_cast<uint8_t>(in[0]) != kRecordVersion) {
    return DataLoss("record version " + std::to_string(static_cast<uint8_t>(in[0])) +
                    " is not supported (want 1)");
  }
  AuditRecord r;
  r.timestamp_ns = static_cast<int64_t>(GetFixed64(in.data() + 1));
  r.risk = std::bit_cast<double>(GetFixed64(in.data() + 9));
  const uint8_t violation = static_cast<uint8_t>(in[17]);
  if (violation > 1) return DataLoss("record violation flag is " + std::to_string(violation));
  r.violation = violation == 1;
  in.remove_prefix(kFixed);
  if (!GetString(&in, &r.agent_id)) return DataLoss("record agent_id overruns the record");
  if (!GetString(&in, &r.action_id)) return DataLoss("record action_id overruns the record");
  if (!GetString(&in, &r.decision)) return DataLoss("record decision overruns the record");
  if (!GetString(&in, &r.text)) return DataLoss("record text overruns the record");
  if (!in.empty()) return DataLoss(std::to_string(in.size()) + " trailing bytes after the record");
  return r;
}

}  // namespace nethical::audit
