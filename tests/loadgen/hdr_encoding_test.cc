#include "loadgen/hdr_encoding.h"

#include <random>
#include <string>
#include <vector>

#include "engine/base/base64.h"
#include "gtest/gtest.h"

namespace nethical::loadgen {
namespace {

std::string Hex(const std::string& bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

std::string VarintHex(int64_t v) {
  std::string out;
  AppendZigZagVarint(v, &out);
  return Hex(out);
}

// The histogram of the vectors below: 1 once, 1000 three times, 123456789 once.
HdrCounts VectorCounts() {
  LatencyHistogram h;
  h.Record(1);
  for (int i = 0; i < 3; ++i) h.Record(1000);
  h.Record(123456789);
  return CountsOf(h);
}

// Written by HdrHistogram 2.1.11 (Java, Debian's libhdrhistogram-java):
//   Histogram h = new Histogram(1, (1L << 42) - 1, 2);
//   h.recordValue(1); h.recordValueWithCount(1000, 3); h.recordValue(123456789);
// encodeIntoByteBuffer, then encodeIntoCompressedByteBuffer in base64.
constexpr const char* kJavaV2Hex =
    "1c849313"
    "00000008"
    "00000000"
    "00000002"
    "0000000000000001"
    "000003ffffffffff"
    "3ff0000000000000"
    "00"
    "02"
    "ef07"
    "06"
    "df21"
    "02";
constexpr const char* kJavaV2CompressedBase64 =
    "HISTFAAAACZ4nJNpmSzMwMDAwQABTFCakYGB+T8I2H+AybxnZ7uvyAQAtrcJfw==";

TEST(HdrEncodingTest, ZigZagVarintsMatchHdrHistogramsEncoding) {
  EXPECT_EQ(VarintHex(0), "00");
  EXPECT_EQ(VarintHex(-1), "01");
  EXPECT_EQ(VarintHex(1), "02");
  EXPECT_EQ(VarintHex(63), "7e");
  EXPECT_EQ(VarintHex(-64), "7f");
  EXPECT_EQ(VarintHex(64), "8001");
  EXPECT_EQ(VarintHex(-504), "ef07");
  // Nine bytes at most: the ninth carries its eight bits whole.
  EXPECT_EQ(VarintHex(INT64_MAX), "feffffffffffffffff");
  EXPECT_EQ(VarintHex(INT64_MIN), "ffffffffffffffffff");
}

TEST(HdrEncodingTest, VarintsRoundTripAcrossTheInt64Range) {
  const std::vector<int64_t> values = {0,
                                       1,
                                       -1,
                                       127,
                                       128,
                                       -129,
                                       int64_t{1} << 35,
                                       -(int64_t{1} << 55),
                                       (int64_t{1} << 62) + 12345,
                                       INT64_MAX,
                                       INT64_MIN};
  for (int64_t v : values) {
    std::string bytes;
    AppendZigZagVarint(v, &bytes);
    size_t pos = 0;
    int64_t back = 0;
    ASSERT_TRUE(ReadZigZagVarint(bytes, &pos, &back)) << v;
    EXPECT_EQ(back, v);
    EXPECT_EQ(pos, bytes.size());
  }
}

TEST(HdrEncodingTest, V2EncodingEqualsHdrHistogramJavasBytes) {
  EXPECT_EQ(Hex(EncodeHdrV2(VectorCounts())), kJavaV2Hex);
}

TEST(HdrEncodingTest, DecodesHdrHistogramJavasCompressedBase64) {
  StatusOr<HdrCounts> counts = DecodeHdrBase64(kJavaV2CompressedBase64);
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(*counts, VectorCounts());
  EXPECT_EQ((*counts)[1], 1u);
  EXPECT_EQ((*counts)[LatencyHistogram::BucketIndex(1000)], 3u);
  EXPECT_EQ((*counts)[LatencyHistogram::BucketIndex(123456789)], 1u);
}

TEST(HdrEncodingTest, PercentilesEqualHdrHistogramJavas) {
  // Java: getValueAtPercentile(50) = 1003, (99) = 123731967 for the vector.
  EXPECT_EQ(HdrValueAtPercentile(VectorCounts(), 50), 1003);
  EXPECT_EQ(HdrValueAtPercentile(VectorCounts(), 99), 123731967);
}

TEST(HdrEncodingTest, CompressedEncodingStartsWithTheStandardPrefix) {
  EXPECT_EQ(EncodeHdrBase64(VectorCounts()).substr(0, 5), "HISTF");
}

TEST(HdrEncodingTest, EmptyHistogramEncodesOneZeroCountAndDecodesEmpty) {
  const HdrCounts empty(LatencyHistogram::kBucketCount);
  const std::string raw = EncodeHdrV2(empty);
  EXPECT_EQ(Hex(raw.substr(kHdrV2HeaderBytes)), "00");
  StatusOr<HdrCounts> back = DecodeHdrBase64(EncodeHdrBase64(empty));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, empty);
}

TEST(HdrEncodingTest, RandomHistogramsRoundTripThroughBase64) {
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> latency(13.0, 2.0);  // ~0.4 ms median, long tail
  for (int trial = 0; trial < 20; ++trial) {
    LatencyHistogram h;
    const int n = 1 + static_cast<int>(rng() % 5000);
    for (int i = 0; i < n; ++i) h.Record(static_cast<int64_t>(latency(rng)));
    StatusOr<HdrCounts> back = DecodeHdrBase64(EncodeHdrBase64(h));
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(*back, CountsOf(h));
  }
}

TEST(HdrEncodingTest, DecodedCountsAddedWithExtremesGiveTheSameQuantiles) {
  std::mt19937_64 rng(11);
  std::lognormal_distribution<double> latency(12.0, 1.5);
  LatencyHistogram h;
  for (int i = 0; i < 10000; ++i) h.Record(static_cast<int64_t>(latency(rng)));
  StatusOr<HdrCounts> counts = DecodeHdrBase64(EncodeHdrBase64(h));
  ASSERT_TRUE(counts.ok());
  LatencyHistogram back;
  back.AddBuckets(counts->data(), static_cast<int>(counts->size()), h.sum(), h.min(), h.max());
  EXPECT_EQ(back.count(), h.count());
  EXPECT_EQ(back.min(), h.min());
  EXPECT_EQ(back.max(), h.max());
  EXPECT_EQ(back.mean(), h.mean());
  for (double q : {0.0, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0})
    EXPECT_EQ(back.Quantile(q), h.Quantile(q)) << q;
}

TEST(HdrEncodingTest, RejectsAnotherCookie) {
  std::string raw = EncodeHdrV2(VectorCounts());
  raw[3] = 0x03;  // 0x1c849303: the V1 cookie base
  StatusOr<HdrCounts> r = DecodeHdrV2(raw);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("cookie 0x1c849303"), std::string::npos) << r.status().message();
}

TEST(HdrEncodingTest, RejectsAnotherLayout) {
  std::string raw = EncodeHdrV2(VectorCounts());
  raw[15] = 3;  // 3 significant digits
  StatusOr<HdrCounts> r = DecodeHdrV2(raw);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("3 significant digits"), std::string::npos) << r.status().message();
}

TEST(HdrEncodingTest, RejectsATruncatedPayload) {
  const std::string raw = EncodeHdrV2(VectorCounts());
  EXPECT_FALSE(DecodeHdrV2(raw.substr(0, raw.size() - 1)).ok());
}

TEST(HdrEncodingTest, RejectsATruncatedZlibStream) {
  std::string compressed = EncodeHdrV2Compressed(VectorCounts());
  compressed.resize(compressed.size() - 4);
  // Keep the length field consistent so the zlib stream itself is what is short.
  const uint32_t length = static_cast<uint32_t>(compressed.size() - 8);
  for (int i = 0; i < 4; ++i) compressed[4 + i] = static_cast<char>(length >> (8 * (3 - i)));
  StatusOr<HdrCounts> r = DecodeHdrV2(compressed);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("zlib"), std::string::npos) << r.status().message();
}

TEST(HdrEncodingTest, RejectsCountsBeyondTheLayout) {
  std::string raw = EncodeHdrV2(HdrCounts(LatencyHistogram::kBucketCount));
  raw.resize(kHdrV2HeaderBytes);
  std::string payload;
  AppendZigZagVarint(-LatencyHistogram::kBucketCount, &payload);
  AppendZigZagVarint(5, &payload);
  raw += payload;
  raw[7] = static_cast<char>(payload.size());
  StatusOr<HdrCounts> r = DecodeHdrV2(raw);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("beyond"), std::string::npos) << r.status().message();
}

TEST(HdrEncodingTest, RejectsTextThatIsNotBase64) { EXPECT_FALSE(DecodeHdrBase64("HISTF!!!").ok()); }

}  // namespace
}  // namespace nethical::loadgen
