#include "engine/cli/audit_export_line.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "engine/base/base64.h"

namespace nethical::cli {
namespace {

using Json = nlohmann::json;

// A free-text value, escaped exactly as a dump of the whole object would.
void AppendString(std::string_view key, std::string_view value, std::string* out) {
  out->append(key);
  out->append(Json(value).dump(-1, ' ', false, Json::error_handler_t::replace));
}

void AppendInteger(std::string_view key, int64_t value, std::string* out) {
  out->append(key);
  char buf[24];
  out->append(buf, std::to_chars(buf, buf + sizeof(buf), value).ptr);
}

}  // namespace

void AppendAuditExportLine(uint64_t index, std::string_view payload, const audit::Hash& leaf_hash,
                           const audit::AuditRecord& r, std::string* out) {
  AppendString("{\"action_id\":", r.action_id, out);
  AppendString(",\"agent_id\":", r.agent_id, out);
  out->append(",\"data\":\"");
  out->append(Base64Encode(payload));
  AppendString("\",\"decision\":", r.decision, out);
  out->append(",\"index\":");
  char buf[24];
  out->append(buf, std::to_chars(buf, buf + sizeof(buf), index).ptr);
  out->append(",\"leaf_hash\":\"");
  out->append(audit::ToHex(leaf_hash));
  out->append("\",\"risk\":");
  out->append(Json(r.risk).dump());
  AppendString(",\"text\":", r.text, out);
  AppendInteger(",\"timestamp_ns\":", r.timestamp_ns, out);
  out->append(r.violation ? ",\"violation\":true}" : ",\"violation\":false}");
}

}  // namespace nethical::cli
