// JSON building blocks of the shadow and blended log lines, written
// straight into the line (no document tree: both logs write a line per
// action, on their writer thread).
//
//   out.append("{\"agent_id\":");
//   AppendJsonString(agent_id, &out);   // "agent_\u0007x", quoted and escaped
//   out.append(",\"score\":");
//   AppendJsonNumber(0.25, &out);       // 0.25; NaN and infinities: null
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace nethical::shadow {

// `s` quoted, with ", \ and control characters escaped; bytes that are
// not valid UTF-8 become U+FFFD, so the line stays valid JSON whatever a
// caller's id holds.
void AppendJsonString(std::string_view s, std::string* out);
// The shortest text that reads back as `v` (std::to_chars: 0.25, 1, 1e-07),
// or null when `v` is not finite (JSON has no NaN or infinity).
void AppendJsonNumber(double v, std::string* out);
void AppendJsonUnsigned(uint64_t v, std::string* out);

}  // namespace nethical::shadow
