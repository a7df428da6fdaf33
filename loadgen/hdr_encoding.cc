#include "loadgen/hdr_encoding.h"

#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include "engine/base/base64.h"

namespace nethical::loadgen {
namespace {

// The largest V2 encoding we inflate: a full-length payload of 9-byte counts
// for every bucket is 41,512 bytes; anything beyond is not ours.
constexpr size_t kMaxInflatedBytes = 1 << 20;

void PutBigEndian(uint64_t v, int bytes, std::string* out) {
  for (int i = bytes - 1; i >= 0; --i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

uint64_t GetBigEndian(std::string_view b, size_t at, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
  return v;
}

std::string Hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

StatusOr<std::string> Inflate(std::string_view compressed) {
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return Internal("HdrHistogram: zlib inflateInit failed");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  z.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  int rc = Z_OK;
  while (rc == Z_OK) {
    if (out.size() >= kMaxInflatedBytes) break;
    const size_t used = out.size();
    out.resize(std::min(kMaxInflatedBytes, used + 16384));
    z.next_out = reinterpret_cast<Bytef*>(out.data() + used);
    z.avail_out = static_cast<uInt>(out.size() - used);
    rc = inflate(&z, Z_NO_FLUSH);
    out.resize(out.size() - z.avail_out);
    if (rc == Z_BUF_ERROR && z.avail_in == 0) break;  // truncated stream
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) {
    if (out.size() >= kMaxInflatedBytes)
      return InvalidArgument("HdrHistogram: compressed histogram inflates beyond " +
                             std::to_string(kMaxInflatedBytes) + " bytes");
    return InvalidArgument("HdrHistogram: corrupt or truncated zlib stream");
  }
  return out;
}

}  // namespace

HdrCounts CountsOf(const LatencyHistogram& h) {
  HdrCounts counts(LatencyHistogram::kBucketCount);
  for (int i = 0; i < LatencyHistogram::kBucketCount; ++i) counts[i] = h.CountAt(i);
  return counts;
}

void AppendZigZagVarint(int64_t value, std::string* out) {
  uint64_t v = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
  for (int i = 0; i < 8; ++i) {
    if (v < 0x80) {
      out->push_back(static_cast<char>(v));
      return;
    }
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));  // the 9th byte carries the last 8 bits whole
}

bool ReadZigZagVarint(std::string_view bytes, size_t* pos, int64_t* value) {
  uint64_t v = 0;
  for (int i = 0; i < 9; ++i) {
    if (*pos >= bytes.size()) return false;
    const uint64_t b = static_cast<unsigned char>(bytes[(*pos)++]);
    if (i == 8) {
      v |= b << 56;
      break;
    }
    v |= (b & 0x7f) << (7 * i);
    if ((b & 0x80) == 0) break;
  }
  *value = static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
  return true;
}

std::string EncodeHdrV2(const HdrCounts& counts) {
  // Counts up to the last non-zero one; an empty histogram writes one zero
  // (HdrHistogram writes up to the index of its max value, 0 when empty).
  size_t limit = 1;
  for (size_t i = counts.size(); i > 0; --i)
    if (counts[i - 1] != 0) {
      limit = i;
      break;
    }
  std::string payload;
  for (size_t i = 0; i < limit;) {
    const uint64_t c = i < counts.size() ? counts[i] : 0;
    if (c != 0) {
      AppendZigZagVarint(static_cast<int64_t>(std::min<uint64_t>(c, INT64_MAX)), &payload);
      ++i;
      continue;
    }
    size_t zeros = 1;
    while (i + zeros < limit && (i + zeros >= counts.size() || counts[i + zeros] == 0)) ++zeros;
    AppendZigZagVarint(zeros > 1 ? -static_cast<int64_t>(zeros) : 0, &payload);
    i += zeros;
  }
  std::string out;
  out.reserve(kHdrV2HeaderBytes + payload.size());
  PutBigEndian(static_cast<uint32_t>(kHdrV2Cookie), 4, &out);
  PutBigEndian(payload.size(), 4, &out);
  PutBigEndian(0, 4, &out);  // normalizing index offset
  PutBigEndian(kHdrSignificantDigits, 4, &out);
  PutBigEndian(kHdrLowestDiscernibleValue, 8, &out);
  PutBigEndian(kHdrHighestTrackableValue, 8, &out);
  PutBigEndian(std::bit_cast<uint64_t>(1.0), 8, &out);
  out += payload;
  return out;
}

std::string EncodeHdrV2Compressed(const HdrCounts& counts) {
  const std::string raw = EncodeHdrV2(counts);
  uLongf size = compressBound(raw.size());
  std::string deflated(size, '\0');
  // compress2 cannot fail with a bound-sized buffer and a valid level.
  compress2(reinterpret_cast<Bytef*>(deflated.data()), &size, reinterpret_cast<const Bytef*>(raw.data()),
            raw.size(), Z_DEFAULT_COMPRESSION);
  deflated.resize(size);
  std::string out;
  PutBigEndian(static_cast<uint32_t>(kHdrV2CompressedCookie), 4, &out);
  PutBigEndian(deflated.size(), 4, &out);
  return out + deflated;
}

std::string EncodeHdrBase64(const HdrCounts& counts) { return Base64Encode(EncodeHdrV2Compressed(counts)); }

std::string EncodeHdrBase64(const LatencyHistogram& h) { return EncodeHdrBase64(CountsOf(h)); }

StatusOr<HdrCounts> DecodeHdrV2(std::string_view bytes) {
  if (bytes.size() < 8)
    return InvalidArgument("HdrHistogram: " + std::to_string(bytes.size()) +
                           " bytes is too short for a header");
  const uint32_t cookie = static_cast<uint32_t>(GetBigEndian(bytes, 0, 4));
  if (cookie == static_cast<uint32_t>(kHdrV2CompressedCookie)) {
    const uint64_t length = GetBigEndian(bytes, 4, 4);
    if (length != bytes.size() - 8)
      return InvalidArgument("HdrHistogram: compressed length field " + std::to_string(length) + " but " +
                             std::to_string(bytes.size() - 8) + " bytes follow");
    StatusOr<std::string> raw = Inflate(bytes.substr(8));
    if (!raw.ok()) return raw.status();
    if (raw->size() >= 4 && GetBigEndian(*raw, 0, 4) == static_cast<uint32_t>(kHdrV2CompressedCookie))
      return InvalidArgument("HdrHistogram: a compressed histogram inside a compressed histogram");
    return DecodeHdrV2(*raw);
  }
  if (cookie != static_cast<uint32_t>(kHdrV2Cookie))
    return InvalidArgument("HdrHistogram: cookie " + Hex(cookie) + " is not a V2 histogram (" +
                           Hex(kHdrV2Cookie) + " or " + Hex(kHdrV2CompressedCookie) + ")");
  if (bytes.size() < kHdrV2HeaderBytes)
    return InvalidArgument("HdrHistogram: " + std::to_string(bytes.size()) +
                           " bytes is too short for a V2 header");
  const uint64_t payload_length = GetBigEndian(bytes, 4, 4);
  const uint32_t index_offset = static_cast<uint32_t>(GetBigEndian(bytes, 8, 4));
  const uint32_t digits = static_cast<uint32_t>(GetBigEndian(bytes, 12, 4));
  const uint64_t lowest = GetBigEndian(bytes, 16, 8);
  if (payload_length != bytes.size() - kHdrV2HeaderBytes)
    return InvalidArgument("HdrHistogram: payload length field " + std::to_string(payload_length) + " but " +
                           std::to_string(bytes.size() - kHdrV2HeaderBytes) + " bytes follow");
  if (index_offset != 0)
    return InvalidArgument("HdrHistogram: normalizing index offset " + std::to_string(index_offset) +
                           " (only 0 is read)");
  if (digits != kHdrSignificantDigits || lowest != kHdrLowestDiscernibleValue)
    return InvalidArgument("HdrHistogram: layout of " + std::to_string(digits) +
                           " significant digits, lowest value " + std::to_string(lowest) +
                           "; only 2 digits, lowest 1 (LatencyHistogram's) is read");
  HdrCounts counts(LatencyHistogram::kBucketCount);
  const std::string_view payload = bytes.substr(kHdrV2HeaderBytes);
  size_t pos = 0, index = 0;
  while (pos < payload.size()) {
    int64_t v = 0;
    if (!ReadZigZagVarint(payload, &pos, &v))
      return InvalidArgument("HdrHistogram: payload ends inside a count");
    if (v < 0) {
      // A run of -v zero counts.
      if (v == std::numeric_limits<int64_t>::min() || static_cast<uint64_t>(-v) > counts.size() - index)
        return InvalidArgument("HdrHistogram: a zero run past the last of " + std::to_string(counts.size()) +
                               " buckets");
      index += static_cast<size_t>(-v);
      continue;
    }
    if (index >= counts.size()) {
      if (v == 0) {  // trailing zero counts of a longer layout
        ++index;
        continue;
      }
      return InvalidArgument("HdrHistogram: a count at index " + std::to_string(index) + ", beyond the " +
                             std::to_string(counts.size()) + " buckets up to 2^42 ns");
    }
    counts[index++] = static_cast<uint64_t>(v);
  }
  return counts;
}

StatusOr<HdrCounts> DecodeHdrBase64(std::string_view text) {
  const std::optional<std::string> bytes = Base64Decode(text);
  if (!bytes) return InvalidArgument("HdrHistogram: not canonical base64");
  return DecodeHdrV2(*bytes);
}

int64_t HdrValueAtPercentile(const HdrCounts& counts, double percentile) {
  uint64_t total = 0;
  for (uint64_t c : counts) total += c;
  if (total == 0) return 0;
  const double requested = std::clamp(std::nextafter(percentile, -INFINITY), 0.0, 100.0);
  const uint64_t rank = std::max<uint64_t>(1, static_cast<uint64_t>(std::ceil(requested / 100.0 * total)));
  uint64_t seen = 0;
  for (size_t i = 0; i < counts.size(); ++i) {
    seen += counts[i];
    if (seen >= rank) {
      const int index = static_cast<int>(i);
      const int64_t low = LatencyHistogram::BucketLow(index);
      return percentile == 0.0 ? low : low + LatencyHistogram::BucketWidth(index) - 1;
    }
  }
  return 0;
}

}  // namespace nethical::loadgen
