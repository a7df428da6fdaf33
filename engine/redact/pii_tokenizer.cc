#include "engine/redact/pii_tokenizer.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>

#include "engine/base/shown_value.h"

namespace nethical::redact {
namespace {

constexpr size_t kBlockSize = 64;  // SHA-256 block
constexpr size_t kDigestSize = 32;
constexpr size_t kTokenHexDigits = 16;
constexpr size_t kMinKeyBytes = 16;
constexpr size_t kNewKeyBytes = 32;

// File names are shown longer than values (a sandbox path is ~150 bytes) but
// still bounded and escaped.

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes hex (surrounding whitespace allowed). The error names `setting`
// only: the text may be the key.
StatusOr<std::string> DecodeKeyHex(std::string_view hex, std::string_view setting) {
  while (!hex.empty() && std::isspace(static_cast<unsigned char>(hex.front()))) hex.remove_prefix(1);
  while (!hex.empty() && std::isspace(static_cast<unsigned char>(hex.back()))) hex.remove_suffix(1);
  if (hex.size() % 2 != 0 || hex.size() < 2 * kMinKeyBytes) {
    return InvalidArgument(
        std::string(setting) + ": the token key must be an even number of hex digits, at least " +
        std::to_string(2 * kMinKeyBytes) + " (" + std::to_string(kMinKeyBytes) + " bytes)");
  }
  std::string key(hex.size() / 2, '\0');
  for (size_t i = 0; i < key.size(); ++i) {
    int hi = HexValue(hex[2 * i]);
    int lo = HexValue(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      OPENSSL_cleanse(key.data(), key.size());
      return InvalidArgument(std::string(setting) +
                             ": the token key holds a character that is not a hex digit");
    }
    key[i] = static_cast<char>(hi * 16 + lo);
  }
  return key;
}

// Closes a file descriptor when it goes out of scope.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

std::string ModeText(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof(text), "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

// The hex text of the key file, after checking that only its owner may read
// or write it. `setting` ("NETHICAL_TOKEN_KEY_FILE=<path>") labels errors.
StatusOr<std::string> ReadKeyFile(const std::string& path, const std::string& setting) {
  Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY)};
  if (file.fd < 0) {
    const int e = errno;
    std::string message = setting + ": cannot open the file: " + std::strerror(e);
    return e == ENOENT ? NotFound(std::move(message)) : IoError(std::move(message));
  }
  struct stat st;
  if (::fstat(file.fd, &st) != 0) return IoError(setting + ": cannot stat the file: " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return FailedPrecondition(setting + ": not a regular file");
  if ((st.st_mode & 077) != 0) {
    return FailedPrecondition(
        setting + ": mode " + ModeText(st.st_mode) +
        " lets group or others read or write the token key; it must be 0600 (chmod 600 " + ShownPath(path) +
        ")");
  }
  std::string hex(kMaxTokenKeyFileBytes + 1, '\0');
  size_t size = 0;
  while (size < hex.size()) {
    const ssize_t n = ::read(file.fd, hex.data() + size, hex.size() - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int e = errno;
      OPENSSL_cleanse(hex.data(), hex.size());
      return IoError(setting + ": cannot read the file: " + std::strerror(e));
    }
    if (n == 0) break;
    size += static_cast<size_t>(n);
  }
  if (size > kMaxTokenKeyFileBytes) {
    OPENSSL_cleanse(hex.data(), hex.size());
    return InvalidArgument(setting + ": the file is longer than " + std::to_string(kMaxTokenKeyFileBytes) +
                           " bytes, too long for a token key");
  }
  hex.resize(size);
  return hex;
}

}  // namespace

// HMAC (RFC 2104) with the inner and outer pads absorbed once: a token costs
// two context copies and two short digests instead of re-keying.
struct PiiTokenizer::KeyedState {
  EVP_MD* sha256 = nullptr;
  MdCtx inner;  // SHA-256 state after absorbing key ^ ipad
  MdCtx outer;  // SHA-256 state after absorbing key ^ opad
  ~KeyedState() { EVP_MD_free(sha256); }
};

PiiTokenizer::PiiTokenizer(std::unique_ptr<KeyedState> state) : state_(std::move(state)) {}
PiiTokenizer::~PiiTokenizer() = default;

StatusOr<std::unique_ptr<PiiTokenizer>> PiiTokenizer::Create(std::string_view key) {
  if (key.size() < kMinKeyBytes) {
    return InvalidArgument("token key: must be at least " + std::to_string(kMinKeyBytes) + " bytes");
  }
  auto state = std::make_unique<KeyedState>();
  state->sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  state->inner.reset(EVP_MD_CTX_new());
  state->outer.reset(EVP_MD_CTX_new());
  if (state->sha256 == nullptr || !state->inner || !state->outer) {
    return Internal("token key: OpenSSL could not provide SHA-256");
  }
  unsigned char block[kBlockSize] = {};
  if (key.size() > kBlockSize) {
    unsigned int len = 0;
    if (EVP_Digest(key.data(), key.size(), block, &len, state->sha256, nullptr) != 1) {
      return Internal("token key: hashing the key failed");
    }
  } else {
    std::memcpy(block, key.data(), key.size());
  }
  unsigned char ipad[kBlockSize], opad[kBlockSize];
  for (size_t i = 0; i < kBlockSize; ++i) {
    ipad[i] = block[i] ^ 0x36;
    opad[i] = block[i] ^ 0x5c;
  }
  bool ok = EVP_DigestInit_ex(state->inner.get(), state->sha256, nullptr) == 1 &&
            EVP_DigestUpdate(state->inner.get(), ipad, kBlockSize) == 1 &&
            EVP_DigestInit_ex(state->outer.get(), state->sha256, nullptr) == 1 &&
            EVP_DigestUpdate(state->outer.get(), opad, kBlockSize) == 1;
  OPENSSL_cleanse(block, sizeof(block));
  OPENSSL_cleanse(ipad, sizeof(ipad));
  OPENSSL_cleanse(opad, sizeof(opad));
  if (!ok) return Internal("token key: initialising HMAC-SHA-256 failed");
  return std::unique_ptr<PiiTokenizer>(new PiiTokenizer(std::move(state)));
}

std::string PiiTokenizer::Token(PiiType type, std::string_view value) const {
  std::string_view name = PiiTypeName(type);
  unsigned char inner_digest[kDigestSize];
  unsigned char mac[kDigestSize];
  unsigned int len = 0;
  MdCtx ctx(EVP_MD_CTX_new());
  const unsigned char separator = 0;
  // The copies and digests cannot fail on valid contexts and in-memory
  // buffers; a failing OpenSSL would leave `mac` zeroed, never the value.
  std::memset(mac, 0, sizeof(mac));
  if (ctx && EVP_MD_CTX_copy_ex(ctx.get(), state_->inner.get()) == 1 &&
      EVP_DigestUpdate(ctx.get(), name.data(), name.size()) == 1 &&
      EVP_DigestUpdate(ctx.get(), &separator, 1) == 1 &&
      EVP_DigestUpdate(ctx.get(), value.data(), value.size()) == 1 &&
      EVP_DigestFinal_ex(ctx.get(), inner_digest, &len) == 1 &&
      EVP_MD_CTX_copy_ex(ctx.get(), state_->outer.get()) == 1 &&
      EVP_DigestUpdate(ctx.get(), inner_digest, kDigestSize) == 1) {
    EVP_DigestFinal_ex(ctx.get(), mac, &len);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  token.reserve(name.size() + kTokenHexDigits + 3);
  token.push_back('[');
  token.append(name);
  token.push_back('_');
  for (size_t i = 0; i < kTokenHexDigits / 2; ++i) {
    token.push_back(kHex[mac[i] >> 4]);
    token.push_back(kHex[mac[i] & 0xf]);
  }
  token.push_back(']');
  return token;
}

StatusOr<std::string> LoadTokenKey(const PrivacyConfig& config) {
  if (!config.token_key_file.empty() && !config.token_key_hex.empty()) {
    return InvalidArgument("NETHICAL_TOKEN_KEY_FILE and NETHICAL_TOKEN_KEY are both set: set only one");
  }
  if (!config.token_key_hex.empty()) return DecodeKeyHex(config.token_key_hex, "NETHICAL_TOKEN_KEY");
  if (config.token_key_file.empty()) return std::string();
  const std::string setting = "NETHICAL_TOKEN_KEY_FILE=" + ShownPath(config.token_key_file);
  StatusOr<std::string> hex = ReadKeyFile(config.token_key_file, setting);
  if (!hex.ok()) return hex.status();
  StatusOr<std::string> key = DecodeKeyHex(*hex, setting);
  OPENSSL_cleanse(hex->data(), hex->size());
  return key;
}

Status CreateTokenKeyFile(const std::string& path) {
  const std::string setting = "token key file " + ShownPath(path);
  unsigned char key[kNewKeyBytes];
  if (RAND_bytes(key, sizeof(key)) != 1)
    return Internal(setting + ": OpenSSL could not provide random bytes");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * kNewKeyBytes + 1);
  for (unsigned char b : key) {
    hex.push_back(kHex[b >> 4]);
    hex.push_back(kHex[b & 0xf]);
  }
  hex.push_back('\n');
  OPENSSL_cleanse(key, sizeof(key));
  // O_EXCL: never replace an existing key (tokens made under it would become
  // unrestorable). The umask may clear bits of 0600 (an umask of 0277 gives
  // 0400) but never adds any; fchmod makes it exactly 0600 either way.
  Fd file{::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600)};
  if (file.fd < 0) {
    const int e = errno;
    OPENSSL_cleanse(hex.data(), hex.size());
    if (e == EEXIST) return FailedPrecondition(setting + ": already exists; it is not overwritten");
    return IoError(setting + ": cannot create the file: " + std::strerror(e));
  }
  std::string problem;
  if (::fchmod(file.fd, 0600) != 0) problem = std::string("cannot set mode 0600: ") + std::strerror(errno);
  size_t written = 0;
  while (problem.empty() && written < hex.size()) {
    const ssize_t n = ::write(file.fd, hex.data() + written, hex.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      problem = std::string("cannot write the file: ") + std::strerror(errno);
    else
      written += static_cast<size_t>(n);
  }
  if (problem.empty() && ::fsync(file.fd) != 0)
    problem = std::string("cannot sync the file: ") + std::strerror(errno);
  OPENSSL_cleanse(hex.data(), hex.size());
  if (problem.empty()) {
    const int fd = file.fd;
    file.fd = -1;
    if (::close(fd) != 0) problem = std::string("cannot close the file: ") + std::strerror(errno);
  }
  if (!problem.empty()) {
    ::unlink(path.c_str());  // a partial key must not be mistaken for a key
    return IoError(setting + ": " + problem);
  }
  return Status::Ok();
}

StatusOr<std::string> RestoreTokens(std::string_view text, const TokenMap& tokens,
                                    const PiiTokenizer& tokenizer) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find('[', pos);
    if (open == std::string_view::npos) break;
    size_t close = text.find(']', open);
    if (close == std::string_view::npos) break;
    std::string_view candidate = text.substr(open, close + 1 - open);
    auto it = tokens.find(std::string(candidate));
    if (it == tokens.end()) {
      out.append(text.substr(pos, open + 1 - pos));
      pos = open + 1;
      continue;
    }
    // "[TYPE_hex]": the type is everything between '[' and the last '_'.
    size_t underscore = candidate.rfind('_');
    std::optional<PiiType> type = underscore == std::string_view::npos
                                      ? std::nullopt
                                      : PiiTypeFromName(candidate.substr(1, underscore - 1));
    if (!type || tokenizer.Token(*type, it->second) != candidate) {
      return DataLoss("token map entry for " + std::string(candidate) +
                      " was not made under this key (tampered or foreign map)");
    }
    out.append(text.substr(pos, open - pos));
    out.append(it->second);
    pos = close + 1;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace nethical::redact
