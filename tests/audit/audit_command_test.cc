#include "engine/cli/audit_command.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "engine/audit/audit_log.h"
#include "engine/audit/log_reader.h"
#include "engine/audit/merkle_tree.h"
#include "engine/audit/merkle_verify.h"
#include "engine/audit/tree_head.h"
#include "engine/audit/tree_head_signer.h"
#include "engine/base/base64.h"
#include "tests/audit/audit_test_util.h"
#include "tests/testing/fake_clock.h"

namespace nethical::audit {
namespace {

using testing::FramesOfType;
using testing::ReadFile;
using testing::WriteFile;

struct Result {
  int code;
  std::string out, err;
};

Result RunAudit(std::vector<std::string> args) {
  args.insert(args.begin(), "audit");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  std::ostringstream out, err;
  const int code = cli::RunAuditCommand(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

// The command exits 2 (usage) with `message` on stderr.
void ExpectUsageError(std::vector<std::string> args, const std::string& message) {
  const Result r = RunAudit(std::move(args));
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
}

class AuditCommandTest : public ::testing::Test {
 protected:
  // A closed log of `n` records anchored every 10, in small segments.
  void MakeLog(uint64_t n, int64_t segment_bytes = 64 << 20) {
    storage_ = testing::NewTempDir();
    AuditConfig config;
    config.batch_size = 10;
    config.segment_bytes = segment_bytes;
    FakeClock clock;
    auto log = AuditLog::Open(storage_, "r", config, clock);
    ASSERT_TRUE(log.ok());
    for (uint64_t i = 0; i < n; ++i) EXPECT_TRUE((*log)->Append(testing::SampleRecord(i)));
    dir_ = (*log)->dir();
  }

  // Replaces frame `f` of the log by `replacement` bytes.
  void Replace(const testing::RawFrame& f, const std::string& replacement) {
    std::string data = ReadFile(f.segment);
    data.replace(f.offset, f.size, replacement);
    WriteFile(f.segment, data);
  }

  static std::string FrameBytes(FrameType type, const std::string& payload) {
    std::string out;
    AppendFrame(type, payload, &out);
    return out;
  }

  std::string storage_, dir_;
};

TEST_F(AuditCommandTest, VerifyAcceptsAnIntactLog) {
  MakeLog(95);
  const Result r = RunAudit({"verify", dir_});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("95 records, 10 signed tree heads"), std::string::npos) << r.out;
}

TEST_F(AuditCommandTest, VerifyNamesTheRecordWithAFlippedBit) {
  MakeLog(30);
  const auto rec = FramesOfType(dir_, FrameType::kRecord)[17];
  std::string data = ReadFile(rec.segment);
  data[rec.offset + kFrameHeaderSize + 3] ^= 0x04;
  WriteFile(rec.segment, data);
  const Result r = RunAudit({"verify", dir_});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("record 17 "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("checksum"), std::string::npos) << r.err;
}

TEST_F(AuditCommandTest, VerifyNamesTheHeadWhenARecordIsRewrittenWithAValidChecksum) {
  MakeLog(30);
  const auto rec = FramesOfType(dir_, FrameType::kRecord)[12];
  AuditRecord forged = testing::SampleRecord(12);
  forged.decision = "BLOCK";
  forged.violation = true;
  std::string bytes;
  EncodeRecord(forged, &bytes);
  Replace(rec, FrameBytes(FrameType::kRecord, bytes));
  const Result r = RunAudit({"verify", dir_});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("tree head 1 "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("does not match records 0..19"), std::string::npos) << r.err;
}

TEST_F(AuditCommandTest, VerifyDetectsReorderedRecords) {
  MakeLog(30);
  const auto recs = FramesOfType(dir_, FrameType::kRecord);
  std::string data = ReadFile(recs[4].segment);
  const std::string a = data.substr(recs[4].offset, recs[4].size);
  const std::string b = data.substr(recs[5].offset, recs[5].size);
  ASSERT_EQ(recs[4].offset + recs[4].size, recs[5].offset);
  data.replace(recs[4].offset, a.size() + b.size(), b + a);
  WriteFile(recs[4].segment, data);
  const Result r = RunAudit({"verify", dir_});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("tree head 0 "), std::string::npos) << r.err;
}

TEST_F(AuditCommandTest, VerifyDetectsADeletedRecord) {
  MakeLog(30);
  Replace(FramesOfType(dir_, FrameType::kRecord)[25], "");
  const Result r = RunAudit({"verify", dir_});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("tree head 2 "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("covers 30 records but 29 precede it"), std::string::npos) << r.err;
}

TEST_F(AuditCommandTest, VerifyDetectsAnInsertedRecord) {
  MakeLog(30);
  const auto rec = FramesOfType(dir_, FrameType::kRecord)[3];
  std::string extra;
  EncodeRecord(testing::SampleRecord(999), &extra);
  Replace(rec, FrameBytes(FrameType::kRecord, rec.payload) + FrameBytes(FrameType::kRecord, extra));
  const Result r = RunAudit({"verify", dir_});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("tree head 0 "), std::string::npos) << r.err;
}

TEST_F(AuditCommandTest, VerifyDetectsATornTail) {
  MakeLog(30);
  const auto last = *ListSegments(dir_);
  const std::string data = ReadFile(last.back().path);
  WriteFile(last.back().path, data.substr(0, data.size() - 5));
  const Result r = RunAudit({"verify", dir_});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("truncated frame"), std::string::npos) << r.err;
}

TEST_F(AuditCommandTest, VerifyDetectsRecordsCutOffAfterTheirHead) {
  MakeLog(30);
  // Drop the last head: records 20..29 stay but nothing anchors them.
  Replace(FramesOfType(dir_, FrameType::kTreeHead).back(), "");
  const Result r = RunAudit({"verify", dir_});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("records 20..29 are not covered"), std::string::npos) << r.err;
}

TEST_F(AuditCommandTest, VerifyDetectsAForgedHeadSignature) {
  MakeLog(30);
  const auto head = FramesOfType(dir_, FrameType::kTreeHead)[1];
  std::string payload = head.payload;
  payload[payload.size() - 1] ^= 0x01;
  Replace(head, FrameBytes(FrameType::kTreeHead, payload));
  const Result r = RunAudit({"verify", dir_});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("tree head 1 "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("signature"), std::string::npos) << r.err;
}

TEST_F(AuditCommandTest, VerifyDetectsADeletedSegment) {
  MakeLog(300, 4096);
  const auto segments = *ListSegments(dir_);
  ASSERT_GT(segments.size(), 3u);
  ASSERT_EQ(std::remove(segments[1].path.c_str()), 0);
  const Result r = RunAudit({"verify", dir_});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("a segment was deleted"), std::string::npos) << r.err;
}

TEST_F(AuditCommandTest, VerifyWithSomeoneElsesPublicKeyFails) {
  MakeLog(10);
  const std::string other = testing::NewTempDir();
  ASSERT_TRUE(TreeHeadSigner::LoadOrCreate(other).ok());
  const Result r = RunAudit({"verify", dir_, "--public-key", other + "/" + kPublicKeyFile});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("tree head 0 "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("signature does not verify"), std::string::npos) << r.err;
}

TEST_F(AuditCommandTest, UsageErrorsExitTwoWithOneLine) {
  for (const auto& args : std::vector<std::vector<std::string>>{{},
                                                                {"frobnicate"},
                                                                {"proof", "/tmp"},
                                                                {"proof", "/tmp", "--index", "x1"},
                                                                {"verify", "/tmp", "--bogus", "1"},
                                                                {"consistency", "/tmp", "--from"}}) {
    const Result r = RunAudit(args);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

TEST_F(AuditCommandTest, UsageErrorsNameTheFlagAndEscapeHostileValues) {
  EXPECT_EQ(RunAudit({"proof", "/tmp", "--index", "x1"}).err,
            "audit proof: --index=x1: must be a non-negative integer\n");
  EXPECT_EQ(RunAudit({"verify", "/tmp", "--index", "1"}).err,
            "audit verify: unknown flag --index (see --help)\n");
  EXPECT_EQ(RunAudit({"export"}).err, "audit export: missing DIR (see --help)\n");
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"\x1b[2J" + std::string(1 << 20, 's')},
           {"heads", "/tmp", "--region=\n\x1b[2J"},
           {"proof", "/tmp", "--tree-size", "\x1b[2J" + std::string(1 << 20, '1')}}) {
    const Result r = RunAudit(args);
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_LT(r.err.size(), 600u);
  }
}

TEST_F(AuditCommandTest, EachSubcommandsHelpListsItsFlags) {
  const Result r = RunAudit({"proof", "--help"});
  EXPECT_EQ(r.code, 0) << r.err;
  for (const char* flag : {"DIR", "--region R", "--index I", "--tree-size N", "--help"})
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag << "\n" << r.out;
}

// --- Usability -----------------------------------------------------------------

TEST_F(AuditCommandTest, VerifyOfALogInUseSaysARunningWriterHoldsItInsteadOfACrash) {
  storage_ = testing::NewTempDir();
  AuditConfig config;
  config.batch_size = 10;
  FakeClock clock;
  auto log = AuditLog::Open(storage_, "r", config, clock);
  ASSERT_TRUE(log.ok());
  for (uint64_t i = 0; i < 25; ++i) EXPECT_TRUE((*log)->Append(testing::SampleRecord(i)));
  // Records 20..24 are written but not anchored yet: a live tail.
  const Result r = RunAudit({"verify", (*log)->dir()});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("the region is in use by a running writer (pid " + std::to_string(::getpid()) +
                       "); the tail may be incomplete"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("crash"), std::string::npos) << r.out;
  EXPECT_EQ(r.err.find("crash"), std::string::npos) << r.err;
}

TEST_F(AuditCommandTest, VerifyExportAndHeadsFindTheOnlyRegionsLogInTheStorageDir) {
  MakeLog(20);
  const Result verify = RunAudit({"verify", storage_});
  EXPECT_EQ(verify.code, 0) << verify.err;
  EXPECT_NE(verify.out.find("OK: 20 records"), std::string::npos) << verify.out;
  const Result exported = RunAudit({"export", storage_});
  EXPECT_EQ(exported.code, 0) << exported.err;
  EXPECT_EQ(std::count(exported.out.begin(), exported.out.end(), '\n'), 20);
  const Result heads = RunAudit({"heads", storage_});
  EXPECT_EQ(heads.code, 0) << heads.err;
  EXPECT_EQ(std::count(heads.out.begin(), heads.out.end(), '\n'), 2);
}

TEST_F(AuditCommandTest, StorageDirWithSeveralRegionsListsThemAndExitsTwo) {
  MakeLog(5);
  FakeClock clock;
  { ASSERT_TRUE(AuditLog::Open(storage_, "us", AuditConfig(), clock).ok()); }
  for (const std::string sub : {"verify", "export", "heads"}) {
    const Result r = RunAudit({sub, storage_});
    EXPECT_EQ(r.code, 2) << sub;
    EXPECT_NE(r.err.find("r, us"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--region"), std::string::npos) << r.err;
  }
}

TEST_F(AuditCommandTest, ExportOfADirectoryWithoutALogIsAnError) {
  const std::string empty = testing::NewTempDir();
  const Result r = RunAudit({"export", empty});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("no audit log in "), std::string::npos) << r.err;
}

TEST_F(AuditCommandTest, ExportToAFullDeviceFailsWithExitOne) {
  MakeLog(50);
  std::ofstream full("/dev/full");
  ASSERT_TRUE(full.is_open());
  std::vector<std::string> args = {"audit", "export", dir_};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  std::ostringstream err;
  const int code = cli::RunAuditCommand(static_cast<int>(argv.size()), argv.data(), full, err);
  EXPECT_EQ(code, 1);
  EXPECT_NE(err.str().find("cannot write the output"), std::string::npos) << err.str();
}

TEST_F(AuditCommandTest, ProofOutputVerifiesAgainstTheNewestHead) {
  MakeLog(57);
  const Result r = RunAudit({"proof", dir_, "--index", "13"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["leaf_index"], 13);
  EXPECT_EQ(j["tree_size"], 57);
  const auto head = DecodeTreeHead(FramesOfType(dir_, FrameType::kTreeHead).back().payload);
  EXPECT_EQ(j["root"], ToHex(head->root));
  std::vector<Hash> proof;
  for (const auto& h : j["proof"]) proof.push_back(*HashFromHex(h.get<std::string>()));
  const Hash leaf = *HashFromHex(j["leaf_hash"].get<std::string>());
  EXPECT_TRUE(VerifyInclusion(13, 57, AsBytes(leaf), AsBytes(proof), AsBytes(head->root)).ok());
}

TEST_F(AuditCommandTest, ProofForAnIndexBeyondTheTreeIsAUsageError) {
  MakeLog(20);
  ExpectUsageError({"proof", dir_, "--index", "3", "--tree-size", "21"}, "exceeds the log size 20");
}

TEST_F(AuditCommandTest, ConsistencyOutputVerifies) {
  MakeLog(40);
  const Result r = RunAudit({"consistency", dir_, "--from", "7", "--to", "33"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  std::vector<Hash> proof;
  for (const auto& h : j["proof"]) proof.push_back(*HashFromHex(h.get<std::string>()));
  const Hash r1 = *HashFromHex(j["root1"].get<std::string>());
  const Hash r2 = *HashFromHex(j["root2"].get<std::string>());
  EXPECT_TRUE(VerifyConsistency(7, 33, AsBytes(proof), AsBytes(r1), AsBytes(r2)).ok());
}

// The command's output, which must be one JSON value, after exit 0.
nlohmann::json JsonOutput(std::vector<std::string> args) {
  const Result r = RunAudit(std::move(args));
  EXPECT_EQ(r.code, 0) << r.err;
  return nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
}

nlohmann::json Hexes(const std::vector<Hash>& hashes) {
  nlohmann::json out = nlohmann::json::array();
  for (const Hash& h : hashes) out.push_back(ToHex(h));
  return out;
}

TEST_F(AuditCommandTest, ProofsOverManySegmentsAreTheFullTreesProofs) {
  MakeLog(300, 4096);
  ASSERT_GT(ListSegments(dir_)->size(), 5u);
  MerkleTree tree;
  for (const auto& f : FramesOfType(dir_, FrameType::kRecord)) tree.AppendLeaf(LeafHash(f.payload));
  const nlohmann::json pj = JsonOutput({"proof", dir_, "--index", "123", "--tree-size", "251"});
  EXPECT_EQ(pj["leaf_hash"], ToHex(*tree.LeafHashAt(123)));
  EXPECT_EQ(pj["root"], ToHex(*tree.RootAt(251)));
  EXPECT_EQ(pj["proof"], Hexes(*tree.InclusionProof(123, 251)));
  const nlohmann::json cj = JsonOutput({"consistency", dir_, "--from", "77", "--to", "300"});
  EXPECT_EQ(cj["root1"], ToHex(*tree.RootAt(77)));
  EXPECT_EQ(cj["root2"], ToHex(*tree.RootAt(300)));
  EXPECT_EQ(cj["proof"], Hexes(*tree.ConsistencyProof(77, 300)));
}

TEST_F(AuditCommandTest, ProofForAnIndexNotBelowTheTreeSizeIsAUsageError) {
  MakeLog(20);
  ExpectUsageError({"proof", dir_, "--index", "12", "--tree-size", "12"},
                   "leaf index 12 is not below the tree size 12");
}

TEST_F(AuditCommandTest, ConsistencyFromAboveToIsAUsageError) {
  MakeLog(20);
  ExpectUsageError({"consistency", dir_, "--from", "9", "--to", "8"}, "--from 9 is greater than --to 8");
}

TEST_F(AuditCommandTest, ExportDataIsExactlyTheLeafBytes) {
  MakeLog(12);
  const Result r = RunAudit({"export", dir_});
  ASSERT_EQ(r.code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  uint64_t n = 0;
  while (std::getline(lines, line)) {
    const auto j = nlohmann::json::parse(line);
    EXPECT_EQ(j["index"], n);
    const auto data = Base64Decode(j["data"].get<std::string>());
    ASSERT_TRUE(data.has_value());
    EXPECT_EQ(ToHex(LeafHash(*data)), j["leaf_hash"]);
    EXPECT_EQ(j["action_id"], "action-" + std::to_string(n));
    ++n;
  }
  EXPECT_EQ(n, 12u);
}

TEST_F(AuditCommandTest, HeadsListsEveryAnchor) {
  MakeLog(25);
  const Result r = RunAudit({"heads", "--region", "r", storage_});
  ASSERT_EQ(r.code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  std::vector<uint64_t> sizes;
  while (std::getline(lines, line)) {
    const auto j = nlohmann::json::parse(line);
    sizes.push_back(j["tree_size"].get<uint64_t>());
    EXPECT_EQ(j["root"].get<std::string>().size(), 64u);
    EXPECT_EQ(Base64Decode(j["signature"].get<std::string>())->size(), 64u);
    EXPECT_EQ(j["timestamp"].get<std::string>().substr(0, 4), "2026");
  }
  EXPECT_EQ(sizes, (std::vector<uint64_t>{10, 20, 25}));
}

TEST_F(AuditCommandTest, CompatRootReadsJsonlAndChunkFiles) {
  const std::string dir = testing::NewTempDir();
  const std::string event =
      R"({"agent_id": "agent_0000", "action": "User request processing", "risk_score": 0.14, )"
      R"("violation_detected": false, "timestamp": "2025-01-01T00:00:00+00:00"})";
  WriteFile(dir + "/events.jsonl", event + "\n");
  Result r = RunAudit({"compat-root", dir + "/events.jsonl"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("945cb1f04738851342f3b05f0a6c13ffce830641f8311ea364c40fd8db521c81"),
            std::string::npos);
  WriteFile(dir + "/chunk.json", R"({"chunk_id": "c", "merkle_root": "00", "events": [)" + event + "]}");
  r = RunAudit({"compat-root", dir + "/chunk.json"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("\"matches_chunk_root\":false"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace nethical::audit
