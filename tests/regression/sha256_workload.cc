// RFC 6962 leaf hashing, the audit log's per-record cost: SHA-256 of
// 0x00 || record for 10,000 distinct 256-byte records, through OpenSSL's EVP
// API with the digest fetched once and one reused context.
//
// Under valgrind OpenSSL sees valgrind's virtual CPU (no SHA-NI, no AVX-512),
// so this counts its SSSE3/AVX2 code path: a stable proxy, not the speed of
// the SHA-NI path real runs take (bench/sha256_bench measures that).
#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <cstring>

#include "tests/regression/workload.h"

namespace nethical::regression {

uint64_t RunWorkload() {
  constexpr int kRecords = 10000;
  constexpr size_t kRecordSize = 256;
  EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (md == nullptr || ctx == nullptr) return 0;

  std::array<uint8_t, 1 + kRecordSize> leaf;
  leaf[0] = 0x00;  // RFC 6962 leaf prefix
  std::array<uint8_t, 32> digest{};
  uint64_t checksum = 0;
  for (int i = 0; i < kRecords; ++i) {
    for (size_t j = 0; j < kRecordSize; ++j) leaf[1 + j] = static_cast<uint8_t>(i * 31 + j * 7);
    unsigned int length = 0;
    EVP_DigestInit_ex(ctx, md, nullptr);
    EVP_DigestUpdate(ctx, leaf.data(), leaf.size());
    EVP_DigestFinal_ex(ctx, digest.data(), &length);
    uint64_t head = 0;
    std::memcpy(&head, digest.data(), sizeof(head));
    checksum = checksum * 1099511628211ULL ^ head;
  }
  EVP_MD_CTX_free(ctx);
  EVP_MD_free(md);
  return checksum;
}

}  // namespace nethical::regression
