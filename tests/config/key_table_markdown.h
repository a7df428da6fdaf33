// The Markdown table of every configuration key that docs/config.md embeds
// between the markers below, generated from AllConfigKeys so that a test can
// keep the doc in sync (regenerate: bazel run //tests/config:print_key_table).
#pragma once

#include <string>
#include <string_view>

namespace nethical::testing {

inline constexpr std::string_view kKeyTableBegin = "<!-- BEGIN KEY TABLE (generated) -->";
inline constexpr std::string_view kKeyTableEnd = "<!-- END KEY TABLE -->";

// The table, one line per key, each line ending in '\n'.
std::string KeyTableMarkdown();

}  // namespace nethical::testing
