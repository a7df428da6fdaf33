#include "engine/config/env_file.h"

#include <algorithm>
#include <optional>

#include "engine/base/shown_value.h"

namespace nethical {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool IsKeyStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool IsKeyChar(char c) { return IsKeyStart(c) || (c >= '0' && c <= '9'); }

bool IsValidKey(std::string_view key) {
  return !key.empty() && IsKeyStart(key.front()) && std::all_of(key.begin(), key.end(), IsKeyChar);
}

// What may follow a closing quote: nothing, or whitespace and a comment.
bool IsEmptyOrComment(std::string_view rest) {
  rest = Trim(rest);
  return rest.empty() || rest.front() == '#';
}

// Reads the value text after '='. Returns the error description on failure.
std::optional<std::string> ParseValue(std::string_view text, std::string* value) {
  std::string_view s = text;
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  if (!s.empty() && (s.front() == '"' || s.front() == '\'')) {
    char quote = s.front();
    value->clear();
    size_t i = 1;
    for (; i < s.size() && s[i] != quote; ++i) {
      if (quote == '"' && s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == '"' || s[i + 1] == '\\')) ++i;
      value->push_back(s[i]);
    }
    if (i == s.size())
      return std::string(quote == '"' ? "unterminated double quote" : "unterminated single quote");
    if (!IsEmptyOrComment(s.substr(i + 1))) return std::string("unexpected text after the closing quote");
    return std::nullopt;
  }
  // Unquoted: a comment starts at a '#' preceded by whitespace, so
  // `KEY= # note` is empty while `KEY=#abc` and `KEY=a#b` keep their '#'.
  for (size_t i = 1; i < text.size(); ++i) {
    if (text[i] == '#' && IsSpace(text[i - 1])) {
      text = text.substr(0, i);
      break;
    }
  }
  *value = std::string(Trim(text));
  return std::nullopt;
}

}  // namespace

StatusOr<std::vector<EnvFileEntry>> ParseEnvFile(std::string_view content, std::string_view file_name) {
  std::vector<EnvFileEntry> entries;
  constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";  // some editors write one
  if (content.substr(0, kUtf8ByteOrderMark.size()) == kUtf8ByteOrderMark) {
    content.remove_prefix(kUtf8ByteOrderMark.size());
  }
  int line_number = 0;
  while (!content.empty()) {
    size_t newline = content.find('\n');
    std::string_view raw = content.substr(0, newline);
    content.remove_prefix(newline == std::string_view::npos ? content.size() : newline + 1);
    ++line_number;
    std::string where = std::string(file_name) + ":" + std::to_string(line_number) + ": ";
    if (raw.size() > kMaxEnvFileLineBytes) {
      return InvalidArgument(where + "line is longer than " + std::to_string(kMaxEnvFileLineBytes) +
                             " bytes, the most an env file line may hold");
    }

    std::string_view line = Trim(raw);
    if (line.empty() || line.front() == '#') continue;

    constexpr std::string_view kExport = "export";
    if (line.substr(0, kExport.size()) == kExport && line.size() > kExport.size() &&
        IsSpace(line[kExport.size()])) {
      line = Trim(line.substr(kExport.size()));
    }
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      return InvalidArgument(where + "expected KEY=VALUE, got '" + ShownValue(line) + "'");
    }
    std::string_view key = Trim(line.substr(0, eq));
    if (!IsValidKey(key)) {
      return InvalidArgument(
          where + "'" + ShownValue(key) +
          "' is not a valid key name (letters, digits and '_', not starting with a digit)");
    }
    EnvFileEntry entry{line_number, std::string(key), {}};
    if (std::optional<std::string> error = ParseValue(line.substr(eq + 1), &entry.value)) {
      return InvalidArgument(where + ShownValue(key) + ": " + *error);
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace nethical
