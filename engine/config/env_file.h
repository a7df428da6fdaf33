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
// kept exactly. Errors are one line: "<file>:<line>: <what is wrong>".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"

namespace nethical {

struct EnvFileEntry {
  int line;  // 1-based
  std::string key;
  std::string value;
};

// Splits `content` into entries in file order. `file_name` only labels errors.
StatusOr<std::vector<EnvFileEntry>> ParseEnvFile(std::string_view content, std::string_view file_name);

}  // namespace nethical
