// One line of `nethical audit export`: a record as a JSON object, keys in
// sorted order (action_id, agent_id, data, decision, index, leaf_hash,
// risk, text, timestamp_ns, violation), strings as nlohmann::json dumps
// them (raw UTF-8, invalid bytes replaced by U+FFFD), "data" the base64
// of the record's exact leaf bytes. Byte for byte what building the
// object with nlohmann::json and dumping it wrote, without the object: the
// base64 and hex fields need no escaping and go straight to the line, and
// only the free-text fields pass through nlohmann's string escaping
// (docs/audit.md, "Reading segments").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/audit/audit_record.h"
#include "engine/audit/merkle_hash.h"

namespace nethical::cli {

// Appends the line (without its newline) to *out.
void AppendAuditExportLine(uint64_t index, std::string_view payload, const audit::Hash& leaf_hash,
                           const audit::AuditRecord& r, std::string* out);

}  // namespace nethical::cli
