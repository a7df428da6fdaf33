#include "tests/config/key_table_markdown.h"

#include "engine/config/config_builder.h"

namespace nethical::testing {
namespace {

// A table cell: '|' would end the cell, so it is escaped.
std::string Cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string Code(std::string_view text) { return text.empty() ? "(empty)" : "`" + Cell(text) + "`"; }

}  // namespace

std::string KeyTableMarkdown() {
  std::string table =
      "| Key | Kind | Default | Allowed | Meaning |\n"
      "|---|---|---|---|---|\n";
  for (const KeyInfo& k : AllConfigKeys()) {
    table += "| `" + std::string(k.key) + "` | " + std::string(k.kind) + " | " + Code(k.default_value) +
             " | " + Cell(k.allowed) + " | " + Cell(k.help) + " |\n";
  }
  return table;
}

}  // namespace nethical::testing
