// ShownValue: a user-supplied value made safe to put in a one-line message.
// Hostile input (a 50 MB env value, terminal escape sequences, NUL bytes)
// must neither flood the terminal nor reach it raw, so every error message
// that echoes a value passes it through here first.
//
//   return InvalidArgument("NETHICAL_EPSILON=" + ShownValue(value) + ": must be > 0");
//
// Printable ASCII is kept as is, except '\' which is doubled; \n \r \t are
// written as such; every other byte below 0x20, 0x7f and every byte of
// invalid UTF-8 becomes \xNN; valid multi-byte UTF-8 is kept except the C1
// controls (U+0080..U+009F) and bidi overrides, which are escaped. At most
// `max_bytes` bytes of input are shown; a longer value ends in
// "...(N bytes)" so the reader knows it was cut and how long it was.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace nethical {

inline constexpr size_t kShownValueMaxBytes = 80;

std::string ShownValue(std::string_view value, size_t max_bytes = kShownValueMaxBytes);

// A file or directory name in a message: shown whole up to PATH_MAX (4096
// bytes), since a cut path tells the reader nothing; escaped like a value.
inline constexpr size_t kShownPathMaxBytes = 4096;
inline std::string ShownPath(std::string_view path) { return ShownValue(path, kShownPathMaxBytes); }

}  // namespace nethical
