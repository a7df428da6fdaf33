// SHA-256 of 64-, 256- and 1024-byte inputs through OpenSSL's EVP API the way
// the audit log hashes leaves: the digest is fetched once and one context is
// reused, so the figure is the per-leaf hashing floor every Merkle benchmark
// sits on (64 B = an interior node's two children, 256 B = an audit record).
//
// Run: bazel run -c opt //bench:sha256_bench -- --benchmark_format=json
#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <vector>

#include "benchmark/benchmark.h"

namespace {

void BM_Sha256(benchmark::State& state) {
  const size_t size = static_cast<size_t>(state.range(0));
  std::vector<uint8_t> input(size);
  for (size_t i = 0; i < size; ++i) input[i] = static_cast<uint8_t>(i * 131 + 7);

  EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (md == nullptr || ctx == nullptr) {
    state.SkipWithError("OpenSSL could not provide SHA-256");
    EVP_MD_CTX_free(ctx);
    EVP_MD_free(md);
    return;
  }
  std::array<uint8_t, 32> digest;
  for (auto _ : state) {
    unsigned int length = 0;
    EVP_DigestInit_ex(ctx, md, nullptr);
    EVP_DigestUpdate(ctx, input.data(), input.size());
    EVP_DigestFinal_ex(ctx, digest.data(), &length);
    benchmark::DoNotOptimize(digest);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(size));
  EVP_MD_CTX_free(ctx);
  EVP_MD_free(md);
}
BENCHMARK(BM_Sha256)->Arg(64)->Arg(256)->Arg(1024);

}  // namespace
