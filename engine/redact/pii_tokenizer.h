// Reversible tokens for PII: [TYPE_<16 hex>], the first 8 bytes of
// HMAC-SHA-256(key, TYPE || 0x00 || value). Unlike the original's plain
// SHA-256 of the value, a token cannot be brute-forced (an SSN has only 10^9
// values) without the key. The same key and value always give the same
// token, so redacted logs stay joinable; another key gives another token.
//
// Restoring needs both the token->value map that Redactor::Redact emits and
// the key: RestoreTokens recomputes every mapping it uses and refuses a map
// whose entries were not made under this key (tampered or foreign map).
//
// The key comes from PrivacyConfig: token_key_file (a file holding hex, at
// most kMaxTokenKeyFileBytes, that only its owner may read or write: mode
// 0600 or stricter, as the audit signing key) or token_key_hex. It never
// appears in an error message or log; file names in errors go through
// ShownValue. CreateTokenKeyFile writes a fresh random key, mode 0600.
//
// Thread-safe: Token() and RestoreTokens() only read the keyed state.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "engine/base/status.h"
#include "engine/config/engine_config.h"
#include "engine/redact/pii_type.h"

namespace nethical::redact {

// The largest token key file read (a key is 32 to a few hundred hex digits).
inline constexpr size_t kMaxTokenKeyFileBytes = 4096;

// token ("[EMAIL_0123456789abcdef]") -> original value.
using TokenMap = std::map<std::string, std::string>;

class PiiTokenizer {
 public:
  // `key` is raw bytes, at least 16 of them.
  static StatusOr<std::unique_ptr<PiiTokenizer>> Create(std::string_view key);
  ~PiiTokenizer();
  PiiTokenizer(const PiiTokenizer&) = delete;
  PiiTokenizer& operator=(const PiiTokenizer&) = delete;

  // "[TYPE_<16 lower-case hex>]".
  std::string Token(PiiType type, std::string_view value) const;

 private:
  struct KeyedState;
  explicit PiiTokenizer(std::unique_ptr<KeyedState> state);
  std::unique_ptr<KeyedState> state_;
};

// Reads the token key configured in `config`: the hex content of
// token_key_file, or token_key_hex. Returns an empty string when neither is
// set. Errors name the setting and what is wrong, never the key itself; a
// key file group or others may read or write is refused (FailedPrecondition:
// "NETHICAL_TOKEN_KEY_FILE=k: mode 0644 lets group or others read or write
// the token key; it must be 0600 (chmod 600 k)").
StatusOr<std::string> LoadTokenKey(const PrivacyConfig& config);

// Writes a new random 32-byte key as hex to `path`, created with mode 0600
// whatever the umask. Refuses to overwrite an existing file
// (FailedPrecondition); on a write error nothing is left at `path`.
Status CreateTokenKeyFile(const std::string& path);

// Replaces every token of `text` found in `tokens` by its value. Tokens not
// in the map are left as they are. DataLoss when a map entry used for the
// text does not match its value under the tokenizer's key.
StatusOr<std::string> RestoreTokens(std::string_view text, const TokenMap& tokens,
                                    const PiiTokenizer& tokenizer);

}  // namespace nethical::redact
