// The low-level SHA256_* API is deprecated in OpenSSL 3.0 but still shipped;
// it avoids EVP's per-call algorithm fetch (~180 ns).
#define OPENSSL_SUPPRESS_DEPRECATED
#include "engine/base/sha256.h"

#include <openssl/sha.h>

namespace nethical {

Sha256Digest Sha256(std::string_view data) {
  Sha256Digest out;
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, data.data(), data.size());
  SHA256_Final(out.data(), &ctx);
  return out;
}

}  // namespace nethical
