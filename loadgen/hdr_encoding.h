// HdrHistogram's standard V2 encoding of a LatencyHistogram, so a run's
// histograms travel losslessly (JSON summary, interval log) and HdrHistogram's
// own tools and libraries (Java, C, Go, Python, Rust) read them.
//
//   std::string text = EncodeHdrBase64(histogram);   // "HISTF..."
//   StatusOr<HdrCounts> counts = DecodeHdrBase64(text);
//   other.AddBuckets(counts->data(), counts->size(), sum, min, max);
//
// The format (HdrHistogram AbstractHistogram.encodeInto[Compressed]ByteBuffer):
//   V2 encoding, big-endian:
//     int32  cookie 0x1c849313
//     int32  payload length in bytes
//     int32  normalizing index offset (0)
//     int32  significant value digits (2)
//     int64  lowest discernible value (1)
//     int64  highest trackable value (2^42 - 1)
//     double integer-to-double conversion ratio (1.0)
//     payload: counts index 0 .. the last non-zero index, each a ZigZag
//       LEB128 varint (at most 9 bytes, the 9th holding 8 bits); a run of
//       n >= 2 zero counts is written once as -n.
//   V2 compressed: int32 cookie 0x1c849314, int32 length of the zlib stream,
//     the zlib (deflate) stream of the V2 encoding above.
//   Text forms (JSON, interval log): standard base64 of the compressed form.
//
// The layout of LatencyHistogram is HdrHistogram's for (1, 2^42 - 1, 2
// digits), so counts index i is bucket i. Decoding accepts either cookie and
// any histogram of that layout (lowest 1, 2 digits, index offset 0) whose
// counts fit kBucketCount; anything else is an InvalidArgument naming what
// differs. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/latency_histogram.h"
#include "engine/base/status.h"

namespace nethical::loadgen {

inline constexpr int32_t kHdrV2Cookie = 0x1c849313;
inline constexpr int32_t kHdrV2CompressedCookie = 0x1c849314;
inline constexpr int kHdrSignificantDigits = 2;
inline constexpr int64_t kHdrLowestDiscernibleValue = 1;
inline constexpr int64_t kHdrHighestTrackableValue = LatencyHistogram::kMaxTrackableNanos - 1;
inline constexpr size_t kHdrV2HeaderBytes = 40;

// Counts per bucket in LatencyHistogram's (= HdrHistogram's) index order;
// trailing zero buckets may be absent.
using HdrCounts = std::vector<uint64_t>;

// A snapshot of a histogram's bucket counts (a concurrent writer may add more).
HdrCounts CountsOf(const LatencyHistogram& h);

// ZigZag LEB128 as HdrHistogram's ZigZagEncoding writes it.
void AppendZigZagVarint(int64_t value, std::string* out);
// Reads one varint at *pos and advances it; false when the bytes end first.
bool ReadZigZagVarint(std::string_view bytes, size_t* pos, int64_t* value);

// The V2 encoding (uncompressed), as bytes.
std::string EncodeHdrV2(const HdrCounts& counts);
// The V2 compressed encoding, as bytes.
std::string EncodeHdrV2Compressed(const HdrCounts& counts);
// Base64 of the V2 compressed encoding.
std::string EncodeHdrBase64(const HdrCounts& counts);
std::string EncodeHdrBase64(const LatencyHistogram& h);

// Decodes V2 or V2 compressed bytes into kBucketCount counts.
StatusOr<HdrCounts> DecodeHdrV2(std::string_view bytes);
// Decodes base64 text of either encoding.
StatusOr<HdrCounts> DecodeHdrBase64(std::string_view text);

// HdrHistogram's highestEquivalentValue of the bucket that holds the
// nearest-rank sample of `percentile` (0..100), as its getValueAtPercentile
// reports it; 0 when empty. For cross-checks against HdrHistogram itself.
int64_t HdrValueAtPercentile(const HdrCounts& counts, double percentile);

}  // namespace nethical::loadgen
