// CRC-32C, record encoding, segment frames and tree heads.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "engine/audit/audit_record.h"
#include "engine/audit/crc32c.h"
#include "engine/audit/segment_format.h"
#include "engine/audit/tree_head.h"
#include "tests/audit/audit_test_util.h"

namespace nethical::audit {
namespace {

TEST(Crc32cTest, MatchesTheStandardCheckValue) {
  EXPECT_EQ(Crc32c("123456789"), 0xE3069283u);
  EXPECT_EQ(Crc32c(""), 0u);
  EXPECT_EQ(Crc32c(std::string(32, '\0')), 0x8A9136AAu);  // RFC 3720 B.4
}

TEST(Crc32cTest, ExtendingEqualsHashingTheConcatenation) {
  const std::string a = "the quick brown fox jumps", b = " over the lazy dog, twice over";
  EXPECT_EQ(Crc32cExtend(Crc32c(a), b), Crc32c(a + b));
}

TEST(Crc32cTest, PortableAndDispatchedPathsAgreeOnEveryLength) {
  std::string data;
  for (int i = 0; i < 1100; ++i) data.push_back(static_cast<char>(i * 131 + 7));
  for (size_t len = 0; len <= data.size(); len += (len < 64 ? 1 : 37)) {
    const std::string_view part(data.data(), len);
    ASSERT_EQ(Crc32c(part), Crc32cExtendPortable(0, part)) << "length " << len;
    ASSERT_EQ(Crc32cExtend(0x12345678, part), Crc32cExtendPortable(0x12345678, part));
  }
  EXPECT_EQ(Crc32cExtendPortable(0, "123456789"), 0xE3069283u);
}

// The SSE4.2 path runs three chains over blocks of 384 bytes and joins
// them; random buffers of up to 13 blocks, at every alignment and with any
// starting CRC, must give the byte-at-a-time table's answer.
TEST(Crc32cTest, InterleavedChainsAgreeWithThePortablePathOnRandomBuffers) {
  std::mt19937_64 rng(20261207);
  std::string data(5000 + 8, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  for (int trial = 0; trial < 2000; ++trial) {
    const size_t offset = rng() % 8;
    const size_t len = rng() % (data.size() - offset);
    const auto start = static_cast<uint32_t>(rng());
    const std::string_view part(data.data() + offset, len);
    ASSERT_EQ(Crc32cExtend(start, part), Crc32cExtendPortable(start, part))
        << "length " << len << " offset " << offset;
  }
}

TEST(Crc32cTest, BlockBoundariesAgreeWithThePortablePath) {
  std::string data;
  for (int i = 0; i < 3 * 384 + 64; ++i) data.push_back(static_cast<char>(i * 37 + 11));
  for (size_t len : {383, 384, 385, 767, 768, 769, 1151, 1152, 1153}) {
    const std::string_view part(data.data(), len);
    ASSERT_EQ(Crc32c(part), Crc32cExtendPortable(0, part)) << "length " << len;
  }
}

TEST(AuditRecordTest, RoundTripsEveryField) {
  AuditRecord r = testing::SampleRecord(7);
  r.text = std::string("bytes\0with nul and \xff", 21);
  std::string bytes;
  EncodeRecord(r, &bytes);
  auto back = DecodeRecord(bytes);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->agent_id, r.agent_id);
  EXPECT_EQ(back->action_id, r.action_id);
  EXPECT_EQ(back->decision, r.decision);
  EXPECT_EQ(back->risk, r.risk);
  EXPECT_EQ(back->violation, r.violation);
  EXPECT_EQ(back->timestamp_ns, r.timestamp_ns);
  EXPECT_EQ(back->text, r.text);
}

TEST(AuditRecordTest, FieldBoundariesAreUnambiguous) {
  AuditRecord a = testing::SampleRecord(1), b = a;
  a.agent_id = "ab";
  a.action_id = "c";
  b.agent_id = "a";
  b.action_id = "bc";
  std::string ea, eb;
  EncodeRecord(a, &ea);
  EncodeRecord(b, &eb);
  EXPECT_NE(ea, eb);
}

TEST(AuditRecordTest, RejectsTruncatedAndTrailingBytes) {
  std::string bytes;
  EncodeRecord(testing::SampleRecord(3), &bytes);
  EXPECT_EQ(DecodeRecord(bytes.substr(0, bytes.size() - 1)).status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(DecodeRecord(bytes + "x").status().code(), StatusCode::kDataLoss);
  bytes[0] = 9;
  EXPECT_EQ(DecodeRecord(bytes).status().code(), StatusCode::kDataLoss);
}

TEST(AuditRecordTest, CutsAnOversizedFieldAndStaysDecodable) {
  AuditRecord r = testing::SampleRecord(1);
  r.text.assign(kMaxFieldBytes + 10, 'z');
  std::string bytes;
  EncodeRecord(r, &bytes);
  auto back = DecodeRecord(bytes);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->text.size(), kMaxFieldBytes);
  EXPECT_EQ(back->agent_id, r.agent_id);
}

TEST(SegmentFormatTest, FrameRoundTrips) {
  std::string buf;
  AppendFrame(FrameType::kRecord, "payload", &buf);
  Frame f;
  ASSERT_EQ(ParseFrame(buf, &f), FrameStatus::kOk);
  EXPECT_EQ(f.type, FrameType::kRecord);
  EXPECT_EQ(f.payload, "payload");
  EXPECT_EQ(f.size, buf.size());
}

TEST(SegmentFormatTest, AFrameFinishedInPlaceEqualsTheAppendedOne) {
  for (const FrameType type : {FrameType::kRecord, FrameType::kTreeHead}) {
    for (const std::string& payload : {std::string(), std::string("p"), std::string(5000, 'x')}) {
      std::string appended;
      AppendFrame(type, payload, &appended);
      std::string in_place(kFrameHeaderSize, '\xff');
      in_place += payload;
      FinishFrame(type, &in_place);
      EXPECT_EQ(in_place, appended) << payload.size();
    }
  }
}

TEST(SegmentFormatTest, DetectsTruncationAndCorruption) {
  std::string buf;
  AppendFrame(FrameType::kTreeHead, "head bytes", &buf);
  Frame f;
  EXPECT_EQ(ParseFrame(std::string_view(buf).substr(0, buf.size() - 1), &f), FrameStatus::kTruncated);
  EXPECT_EQ(ParseFrame(std::string_view(buf).substr(0, 5), &f), FrameStatus::kTruncated);
  EXPECT_EQ(ParseFrame("", &f), FrameStatus::kEnd);
  for (size_t i = 4; i < buf.size(); ++i) {  // any byte after the length field
    std::string bad = buf;
    bad[i] ^= 0x10;
    EXPECT_EQ(ParseFrame(bad, &f), FrameStatus::kCorrupt) << "byte " << i;
  }
}

TEST(SegmentFormatTest, FileNamesAndHeadersRoundTrip) {
  uint64_t first = 0;
  EXPECT_EQ(SegmentFileName(42), "segment-00000000000000000042.log");
  ASSERT_TRUE(ParseSegmentFileName(SegmentFileName(123456789), &first));
  EXPECT_EQ(first, 123456789u);
  EXPECT_FALSE(ParseSegmentFileName("segment-12.log", &first));
  std::string header;
  AppendSegmentHeader(77, &header);
  ASSERT_TRUE(ParseSegmentHeader(header, &first));
  EXPECT_EQ(first, 77u);
  header[3] ^= 1;
  EXPECT_FALSE(ParseSegmentHeader(header, &first));
}

TEST(TreeHeadTest, RoundTripsAndRejectsWrongLength) {
  TreeHead h;
  h.tree_size = 100;
  h.root = LeafHash("x");
  h.timestamp_ns = 123;
  h.signature[5] = 9;
  std::string payload;
  EncodeTreeHead(h, &payload);
  auto back = DecodeTreeHead(payload);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->tree_size, 100u);
  EXPECT_EQ(back->root, h.root);
  EXPECT_EQ(back->timestamp_ns, 123);
  EXPECT_EQ(back->signature, h.signature);
  EXPECT_FALSE(DecodeTreeHead(payload + "x").ok());
}

}  // namespace
}  // namespace nethical::audit
