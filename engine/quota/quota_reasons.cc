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

// "20.0"; rates below 0.1 req/s keep two significant digits ("0.01").
std::string RateText(double rate_per_second) {
  return Format(rate_per_second < 0.1 ? "%.2g" : "%.1f", rate_per_second);
}

std::string EntityPrefix(EntityKind kind, std::string_view id) {
  std::string s(EntityKindName(kind));
  s += ' ';
  s += id;
  return s;
}

}  // namespace

std::string BucketExhaustedReason(EntityKind kind, std::string_view id, double rate_per_second) {
  return EntityPrefix(kind, id) + " exceeded quota: " + RateText(rate_per_second) + " req/s burst exhausted";
}

std::string GlobalBucketExhaustedReason(double rate_per_second) {
  return "global exceeded quota: " + RateText(rate_per_second) + " req/s burst exhausted";
}

std::string WindowExceededReason(EntityKind kind, std::string_view id, double utilisation) {
  // Python's '%' presentation multiplies by 100 and formats as 'f'.
  return EntityPrefix(kind, id) + Format(" exceeded quota: %.1f%% utilization", utilisation * 100);
}

}  // namespace nethical::quota
