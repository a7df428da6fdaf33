// Standard base64 (RFC 4648 §4, with '=' padding): the RFC 6962 test
// vectors and `audit export` use it, and the detectors decode hidden
// payloads with it. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nethical {

std::string Base64Encode(std::string_view bytes);
// True for the 64 characters of the alphabet ('=' is not one of them).
bool IsBase64Char(char c);
// nullopt unless `text` is canonical padded base64: length a multiple of 4,
// '=' only as the last one or two characters, unused trailing bits zero.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace nethical
