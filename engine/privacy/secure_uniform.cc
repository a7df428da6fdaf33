#include "engine/privacy/secure_uniform.h"

#include <openssl/rand.h>

#include <cstdint>
#include <cstring>

namespace nethical::privacy {
namespace {

struct RandomBuffer {
  static constexpr size_t kBytes = 4096;
  unsigned char bytes[kBytes];
  size_t used = kBytes;  // empty until the first refill
};

}  // namespace

StatusOr<double> SecureUniformOpen01() {
  thread_local RandomBuffer buffer;
  if (buffer.used + sizeof(uint64_t) > RandomBuffer::kBytes) {
    if (RAND_bytes(buffer.bytes, RandomBuffer::kBytes) != 1) {
      return Internal("OpenSSL RAND_bytes failed: no secure randomness for privacy noise");
    }
    buffer.used = 0;
  }
  uint64_t bits;
  std::memcpy(&bits, buffer.bytes + buffer.used, sizeof(bits));
  std::memset(buffer.bytes + buffer.used, 0, sizeof(bits));  // never reuse noise
  buffer.used += sizeof(bits);
  // (k + 0.5) / 2^53 for k in [0, 2^53): never 0, never 1.
  return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53;
}

}  // namespace nethical::privacy
