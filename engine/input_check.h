// The engine's input screen: what it refuses to evaluate at all. Each
// function returns an empty string for acceptable input, or the reason for a
// rejected_input Verdict ("text is not valid UTF-8 (byte 17)").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/model/action.h"

namespace nethical {

// Byte offset of the first invalid UTF-8 sequence (overlong forms,
// surrogates and code points above U+10FFFF are invalid), or npos.
size_t FindInvalidUtf8(std::string_view s);

// Empty agent id; agent id or text with a NUL byte or invalid UTF-8; text
// longer than max_text_bytes.
std::string CheckAction(const Action& action, int64_t max_text_bytes);

}  // namespace nethical
