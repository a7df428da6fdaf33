#include "engine/audit/segment_format.h"

#include <cstdio>

#include "engine/audit/byte_order.h"
#include "engine/audit/crc32c.h"

namespace nethical::audit {
namespace {

constexpr std::string_view kPrefix = "segment-";
constexpr std::string_view kSuffix = ".log";
constexpr size_t kIndexDigits = 20;

}  // namespace

std::string SegmentFileName(uint64_t first_index) {
  char digits[kIndexDigits + 1];
  std::snprintf(digits, sizeof(digits), "%020llu", static_cast<unsigned long long>(first_index));
  return std::string(kPrefix) + digits + std::string(kSuffix);
}

bool ParseSegmentFileName(std::string_view name, uint64_t* first_index) {
  if (name.size() != kPrefix.size() + kIndexDigits + kSuffix.size()) return false;
  if (name.substr(0, kPrefix.size()) != kPrefix) return false;
  if (name.substr(kPrefix.size() + kIndexDigits) != kSuffix) return false;
  uint64_t v = 0;
  for (char c : name.substr(kPrefix.size(), kIndexDigits)) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  *first_index = v;
  return true;
}

void AppendSegmentHeader(uint64_t first_index, std::string* out) {
  const size_t start = out->size();
  out->append(kSegmentMagic);
  PutFixed64(out, first_index);
  PutFixed32(out, Crc32c(std::string_view(*out).substr(start, 16)));
}

bool ParseSegmentHeader(std::string_view bytes, uint64_t* first_index) {
  if (bytes.size() < kSegmentHeaderSize) return false;
  if (bytes.substr(0, kSegmentMagic.size()) != kSegmentMagic) return false;
  if (GetFixed32(bytes.data() + 16) != Crc32c(bytes.substr(0, 16))) return false;
  *first_index = GetFixed64(bytes.data() + 8);
  return true;
}

void AppendFrame(FrameType type, std::string_view payload, std::string* out) {
  const char type_byte = static_cast<char>(type);
  const uint32_t crc = Crc32cExtend(Crc32c(std::string_view(&type_byte, 1)), payload);
  PutFixed32(out, static_cast<uint32_t>(payload.size()));
  PutFixed32(out, crc);
  out->push_back(type_byte);
  out->append(payload);
}

void FinishFrame(FrameType type, std::string* frame) {
  const char type_byte = static_cast<char>(type);
  const std::string_view payload = std::string_view(*frame).substr(kFrameHeaderSize);
  const uint32_t crc = Crc32cExtend(Crc32c(std::string_view(&type_byte, 1)), payload);
  char* header = frame->data();
  const uint32_t length = static_cast<uint32_t>(payload.size());
  for (int i = 0; i < 4; ++i) {
    header[i] = static_cast<char>(length >> (8 * i));
    header[4 + i] = static_cast<char>(crc >> (8 * i));
  }
  header[8] = type_byte;
}

FrameStatus ParseFrame(std::string_view data, Frame* frame) {
  if (data.empty()) return FrameStatus::kEnd;
  if (data.size() < kFrameHeaderSize) return FrameStatus::kTruncated;
  const uint32_t length = GetFixed32(data.data());
  if (data.size() - kFrameHeaderSize < length) return FrameStatus::kTruncated;
  const uint32_t crc = GetFixed32(data.data() + 4);
  if (crc != Crc32c(data.substr(8, 1 + static_cast<size_t>(length)))) return FrameStatus::kCorrupt;
  const auto type = static_cast<uint8_t>(data[8]);
  if (!IsFrameType(type)) return FrameStatus::kCorrupt;
  frame->type = static_cast<FrameType>(type);
  frame->payload = data.substr(kFrameHeaderSize, length);
  frame->size = kFrameHeaderSize + length;
  return FrameStatus::kOk;
}

}  // namespace nethical::audit
