// Standard base64 (RFC 4648 §4, with '=' padding), as used by the RFC 6962
// test vectors and by `audit export`. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nethical::audit {

std::string Base64Encode(std::string_view bytes);
// nullopt unless `text` is canonical padded base64 (length a multiple of 4).
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace nethical::audit
