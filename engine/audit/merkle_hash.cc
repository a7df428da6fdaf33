#include "engine/audit/merkle_hash.h"

// The low-level SHA256_* API is deprecated in OpenSSL 3.0 but kept, and it
// is ~40% faster than the best EVP path for 65-byte interior nodes.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

namespace nethical::audit {
namespace {

constexpr uint8_t kLeafPrefix = 0x00;
constexpr uint8_t kNodePrefix = 0x01;

}  // namespace

Hash LeafHash(std::string_view data) {
  Hash out;
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, &kLeafPrefix, 1);
  SHA256_Update(&ctx, data.data(), data.size());
  SHA256_Final(out.data(), &ctx);
  return out;
}

Hash NodeHash(const Hash& left, const Hash& right) {
  // One contiguous 65-byte buffer: a single Update call, no internal copies
  // beyond the final padding block.
  uint8_t buf[1 + 2 * kHashSize];
  buf[0] = kNodePrefix;
  __builtin_memcpy(buf + 1, left.data(), kHashSize);
  __builtin_memcpy(buf + 1 + kHashSize, right.data(), kHashSize);
  Hash out;
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, buf, sizeof(buf));
  SHA256_Final(out.data(), &ctx);
  return out;
}

Hash EmptyTreeRoot() { return Sha256(std::string_view()); }

std::string BytesToHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    const auto b = static_cast<uint8_t>(bytes[i]);
    out[2 * i] = kDigits[b >> 4];
    out[2 * i + 1] = kDigits[b & 0xf];
  }
  return out;
}

std::string ToHex(const Hash& h) {
  return BytesToHex(std::string_view(reinterpret_cast<const char*>(h.data()), h.size()));
}

std::optional<Hash> HashFromHex(std::string_view hex) {
  if (hex.size() != 2 * kHashSize) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  Hash out;
  for (size_t i = 0; i < kHashSize; ++i) {
    const int hi = nibble(hex[2 * i]);
    const int lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return out;
}

}  // namespace nethical::audit
