// The syntax of an env file: one KEY=VALUE per line, as a shell or dotenv
// file would write it. This layer knows nothing about which keys exist
// (ConfigBuilder checks that); it only splits lines.
//
//   # a full-line comment; blank lines are skipped
//   export NETHICAL_REGION_ID=us-east-1     # optional `export `; trailing comment
//   NETHICAL_OTEL_SERVICE_NAME="nethical #1"  # double quotes: \" and \\ escapes
//   NETHICAL_STORAGE_DIR='/data/x y'         # single quotes: taken literally
//
// A trailing comment starts at a '#' preceded by whitespace; "a#b" is a value.
// Unquoted values are trimmed of surrounding whitespace; quoted values are
// kept exactly. CRLF line ends and a leading UTF-8 byte-order mark are
// accepted. A line may hold at most kMaxEnvFileLineBytes bytes. Errors are one
// line: "<file>:<line>: <what is wrong>", with any text of the line passed
// through ShownValue (truncated, control bytes escaped).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"

namespace nethical {

// The longest line an env file may have (64 KiB); a longer one is an error
// naming its line number and this limit.
inline constexpr size_t kMaxEnvFileLineBytes = size_t{64} << 10;

struct EnvFileEntry {
  int line;  // 1-based
  std::string key;
  std::string value;
};

// Splits `content` into entries in file order. `file_name` only labels errors,
// as given: pass a user-supplied name through ShownValue first.
StatusOr<std::vector<EnvFileEntry>> ParseEnvFile(std::string_view content, std::string_view file_name);

}  // namespace nethical
