// Microbenchmarks of the audit log's Merkle anchoring (engine/audit).
//
//   bazel run -c opt //bench:merkle_bench -- --benchmark_format=json
//
// Targets (-c opt, one thread, durability none), see docs/audit.md:
//   BM_AppendAnchor/100 <= 400 ns per record, and its records/s >= 85% of
//   BM_BareSha256AppendAnchorBytes (the same leaf and interior bytes hashed
//   by a bare SHA256_Init/Update/Final loop with nothing else).
#include <benchmark/benchmark.h>

#include <bit>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include "engine/audit/audit_log.h"
#include "engine/audit/audit_record.h"
#include "engine/audit/compact_range.h"
#include "engine/audit/crc32c.h"
#include "engine/audit/log_appender.h"
#include "engine/audit/log_verifier.h"
#include "engine/audit/merkle_hash.h"
#include "engine/audit/merkle_tree.h"
#include "engine/audit/merkle_verify.h"
#include "engine/audit/tree_head_signer.h"
#include "engine/base/clock.h"

namespace nethical::audit {
namespace {

constexpr size_t kRecordBytes = 256;

std::string Record256(uint64_t i) {
  std::string r(kRecordBytes, 'x');
  for (size_t k = 0; k < 8; ++k) r[k] = static_cast<char>(i >> (8 * k));
  return r;
}

std::string TempDir() {
  std::string templ = (std::filesystem::temp_directory_path() / "merkle_bench.XXXXXX").string();
  if (::mkdtemp(templ.data()) == nullptr) std::abort();
  return templ;
}

// --- Hashing ---------------------------------------------------------------

void BM_LeafHash256(benchmark::State& state) {
  const std::string record = Record256(1);
  for (auto _ : state) benchmark::DoNotOptimize(LeafHash(record));
  state.SetBytesProcessed(state.iterations() * (kRecordBytes + 1));
}
BENCHMARK(BM_LeafHash256);

// The floor: the same 257 bytes (0x00 || record) through a bare loop.
void BM_BareSha256Leaf(benchmark::State& state) {
  std::string buf = "\0" + Record256(1);
  buf[0] = 0;
  unsigned char out[32];
  for (auto _ : state) {
    SHA256_CTX ctx;
    SHA256_Init(&ctx);
    SHA256_Update(&ctx, buf.data(), buf.size());
    SHA256_Final(out, &ctx);
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(state.iterations() * (kRecordBytes + 1));
}
BENCHMARK(BM_BareSha256Leaf);

void BM_NodeHash(benchmark::State& state) {
  Hash a = LeafHash("a"), b = LeafHash("b");
  for (auto _ : state) {
    a = NodeHash(a, b);
    benchmark::DoNotOptimize(a);
  }
  state.SetBytesProcessed(state.iterations() * 65);
}
BENCHMARK(BM_NodeHash);

void BM_BareSha256Node(benchmark::State& state) {
  unsigned char buf[65] = {1};
  for (auto _ : state) {
    SHA256_CTX ctx;
    SHA256_Init(&ctx);
    SHA256_Update(&ctx, buf, sizeof(buf));
    SHA256_Final(buf + 1, &ctx);
    benchmark::DoNotOptimize(buf);
  }
  state.SetBytesProcessed(state.iterations() * 65);
}
BENCHMARK(BM_BareSha256Node);

void BM_Crc32c256(benchmark::State& state) {
  const std::string record = Record256(1);
  for (auto _ : state) benchmark::DoNotOptimize(Crc32c(record));
  state.SetBytesProcessed(state.iterations() * kRecordBytes);
}
BENCHMARK(BM_Crc32c256);

// A frame of generate_load's mixed workload is ~900 bytes. Each CRC extends
// the previous one, so calls do not overlap: the time is the chain's
// latency, as for the one frame an appender finishes before it queues it
// (a loop of independent calls measures throughput instead). Arg 1: the
// table-driven path.
void BM_Crc32cFrame(benchmark::State& state) {
  std::string frame;
  for (int i = 0; i < 900; ++i) frame.push_back(static_cast<char>(i * 131 + 7));
  const bool portable = state.range(0) == 1;
  uint32_t crc = 0;
  for (auto _ : state) {
    crc = portable ? Crc32cExtendPortable(crc, frame) : Crc32cExtend(crc, frame);
    benchmark::DoNotOptimize(crc);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(frame.size()));
}
BENCHMARK(BM_Crc32cFrame)->Arg(0)->Arg(1);

// --- Append + anchor -------------------------------------------------------

// The Merkle work per record: leaf hash, compact-range append, and the root
// every `batch` records (the anchor's O(log n) node hashes).
void BM_AppendAnchor(benchmark::State& state) {
  const uint64_t batch = static_cast<uint64_t>(state.range(0));
  const std::string record = Record256(1);
  CompactRange range;
  uint64_t since_anchor = 0;
  for (auto _ : state) {
    range.Append(LeafHash(record));
    if (++since_anchor == batch) {
      benchmark::DoNotOptimize(range.Root());
      since_anchor = 0;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * kRecordBytes);
}
BENCHMARK(BM_AppendAnchor)->Arg(100);

// The same leaf and interior bytes as BM_AppendAnchor/100, through a bare
// SHA-256 loop: one 257-byte leaf, the node merges a binary counter does
// (popcount of trailing ones), and at every 100th record the root fold
// (one 65-byte node per extra perfect subtree).
void BM_BareSha256AppendAnchorBytes(benchmark::State& state) {
  std::string leaf = "\0" + Record256(1);
  leaf[0] = 0;
  unsigned char node[65] = {1};
  unsigned char out[32];
  uint64_t n = 0;
  auto hash = [&out](const void* p, size_t len) {
    SHA256_CTX ctx;
    SHA256_Init(&ctx);
    SHA256_Update(&ctx, p, len);
    SHA256_Final(out, &ctx);
  };
  for (auto _ : state) {
    hash(leaf.data(), leaf.size());
    for (uint64_t s = n; s & 1; s >>= 1) hash(node, sizeof(node));
    ++n;
    if (n % 100 == 0) {
      for (int k = std::popcount(n) - 1; k > 0; --k) hash(node, sizeof(node));
    }
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * kRecordBytes);
}
BENCHMARK(BM_BareSha256AppendAnchorBytes);

// The writer's whole CPU cost per record (no I/O): record encoding, leaf
// hash, CRC-32C framing, compact range, and a signed, framed tree head every
// `batch` records. Ed25519 signing dominates at small batches.
void BM_WriterCpuPerRecord(benchmark::State& state) {
  const uint64_t batch = static_cast<uint64_t>(state.range(0));
  const std::string dir = TempDir();
  auto signer = TreeHeadSigner::LoadOrCreate(dir);
  if (!signer.ok()) {
    state.SkipWithError(signer.status().message().c_str());
    return;
  }
  SteadyClock clock;
  LogAppender appender(clock);
  AuditRecord r;
  r.agent_id = "agent-0042";
  r.action_id = "action-0000000001";
  r.decision = "ALLOW";
  r.risk = 0.14;
  r.text = std::string(200, 't');
  std::string bytes;
  for (auto _ : state) {
    bytes.clear();
    EncodeRecord(r, &bytes);
    appender.AddRecord(bytes);
    if (appender.pending() == batch) {
      if (!appender.Anchor(**signer).ok()) state.SkipWithError("sign failed");
      appender.buffer().clear();
    } else if (appender.buffer().size() > (1 << 20)) {
      appender.buffer().clear();
    }
  }
  state.SetItemsProcessed(state.iterations());
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_WriterCpuPerRecord)->Arg(100)->Arg(1000);

void BM_Ed25519SignTreeHead(benchmark::State& state) {
  const std::string dir = TempDir();
  auto signer = TreeHeadSigner::LoadOrCreate(dir);
  TreeHead head;
  head.tree_size = 1;
  head.root = LeafHash("x");
  for (auto _ : state) {
    if (!(*signer)->Sign(&head).ok()) state.SkipWithError("sign failed");
    ++head.tree_size;
  }
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_Ed25519SignTreeHead);

// The full AuditLog (real files): Append throughput including the final
// Flush, per durability policy (range(0): 0 none, 1 batch, 2 always), on 1
// and 2 appending threads sharing one log (real time, all threads).
struct SharedLog {
  std::string storage;
  std::unique_ptr<AuditLog> log;
};
SharedLog& Shared() {
  static SharedLog shared;
  return shared;
}

void BM_AuditLogAppend(benchmark::State& state) {
  SharedLog& shared = Shared();
  if (state.thread_index() == 0) {
    shared.storage = TempDir();
    AuditConfig config;
    config.durability = static_cast<Durability>(state.range(0));
    static SteadyClock clock;
    auto log = AuditLog::Open(shared.storage, "bench", config, clock);
    if (!log.ok()) {
      state.SkipWithError(log.status().message().c_str());
      return;
    }
    shared.log = std::move(*log);
  }
  AuditRecord r;
  r.agent_id = "agent-0042";
  r.action_id = "action-0000000001";
  r.decision = "ALLOW";
  r.text = std::string(200, 't');
  for (auto _ : state) benchmark::DoNotOptimize(shared.log->Append(r));
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(state.range(0) == 0 ? "none" : state.range(0) == 1 ? "batch" : "always");
  if (state.thread_index() == 0) {
    if (!shared.log->Flush().ok()) state.SkipWithError("flush failed");
    shared.log.reset();
    std::filesystem::remove_all(shared.storage);
  }
}
BENCHMARK(BM_AuditLogAppend)->DenseRange(0, 2)->Threads(1)->Threads(2)->UseRealTime();

// --- Proofs at n = 1M --------------------------------------------------------

const MerkleTree& MillionLeafTree() {
  static const MerkleTree* tree = [] {
    auto* t = new MerkleTree;
    for (uint64_t i = 0; i < (1u << 20); ++i) t->AppendLeaf(LeafHash(Record256(i)));
    return t;
  }();
  return *tree;
}

void BM_InclusionProof1M(benchmark::State& state) {
  const MerkleTree& tree = MillionLeafTree();
  std::mt19937_64 rng(1);
  const uint64_t n = 1'000'000;
  for (auto _ : state) benchmark::DoNotOptimize(tree.InclusionProof(rng() % n, n));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_InclusionProof1M);

void BM_ConsistencyProof1M(benchmark::State& state) {
  const MerkleTree& tree = MillionLeafTree();
  std::mt19937_64 rng(2);
  const uint64_t n = 1'000'000;
  for (auto _ : state) benchmark::DoNotOptimize(tree.ConsistencyProof(1 + rng() % (n - 1), n));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ConsistencyProof1M);

void BM_VerifyInclusion1M(benchmark::State& state) {
  const MerkleTree& tree = MillionLeafTree();
  const uint64_t n = 1'000'000;
  const Hash root = *tree.RootAt(n);
  std::vector<std::pair<uint64_t, std::vector<Hash>>> proofs;
  std::mt19937_64 rng(3);
  for (int i = 0; i < 256; ++i) {
    const uint64_t index = rng() % n;
    proofs.emplace_back(index, *tree.InclusionProof(index, n));
  }
  size_t i = 0;
  for (auto _ : state) {
    const auto& [index, proof] = proofs[i++ % proofs.size()];
    const Hash leaf = *tree.LeafHashAt(index);
    if (!VerifyInclusion(index, n, AsBytes(leaf), AsBytes(proof), AsBytes(root)).ok()) {
      state.SkipWithError("proof failed");
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VerifyInclusion1M);

// `audit verify` on a closed 100k-record log: records per second checked
// (checksums, decode, tree, 1000 signed heads, consistency proofs).
void BM_VerifyLog100k(benchmark::State& state) {
  const std::string storage = TempDir();
  std::string dir;
  {
    SteadyClock clock;
    AuditConfig config;
    config.durability = Durability::kNone;
    auto log = AuditLog::Open(storage, "bench", config, clock);
    AuditRecord r;
    r.agent_id = "agent-0042";
    r.decision = "ALLOW";
    r.text = std::string(200, 't');
    for (int i = 0; i < 100'000; ++i) {
      r.action_id = "action-" + std::to_string(i);
      if (!(*log)->Append(r)) {
        state.SkipWithError("audit append failed");
        return;
      }
    }
    dir = (*log)->dir();
  }
  VerifyReport report;
  for (auto _ : state) {
    if (!VerifyLog(dir, dir + "/" + kPublicKeyFile, &report).ok()) state.SkipWithError("verify failed");
  }
  state.SetItemsProcessed(state.iterations() * report.records);
  std::filesystem::remove_all(storage);
}
BENCHMARK(BM_VerifyLog100k)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace nethical::audit
