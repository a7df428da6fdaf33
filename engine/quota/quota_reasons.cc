#include "engine/quota/quota_reasons.h"

#include <algorithm>
#include <cstdio>

namespace nethical::quota {
namespace {

std::string Format(const char* format, double value) {
  char buf[512];  // room for any double in %.1f
  const int n = std::snprintf(buf, sizeof buf, format, value);
  return std::string(buf, n < 0 ? 0 : std::min<size_t>(n, sizeof buf - 1));
}

std::string EntityPrefix(EntityKind kind, std::string_view id) {
  std::string s(EntityKindName(kind));
  s += ' ';
  s += id;
  return s;
}

}  // namespace

std::string BucketExhaustedReason(EntityKind kind, std::string_view id, double rate_per_second) {
  return EntityPrefix(kind, id) + Format(" exceeded quota: %.1f req/s burst exhausted", rate_per_second);
}

std::string GlobalBucketExhaustedReason(double rate_per_second) {
  return "global" + Format(" exceeded quota: %.1f req/s burst exhausted", rate_per_second);
}

std::string WindowExceededReason(EntityKind kind, std::string_view id, double utilisation) {
  // Python's '%' presentation multiplies by 100 and formats as 'f'.
  return EntityPrefix(kind, id) + Format(" exceeded quota: %.1f%% utilization", utilisation * 100);
}

std::string PayloadTooLargeReason(size_t payload_bytes, int64_t max_payload_bytes) {
  return "Payload size " + std::to_string(payload_bytes) + " exceeds limit " +
         std::to_string(max_payload_bytes);
}

}  // namespace nethical::quota
