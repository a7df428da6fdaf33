#include "engine/quota/quota_enforcer.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "engine/quota/entity_key.h"
#include "engine/quota/sliding_window_quota.h"
#include "engine/quota/token_bucket_quota.h"

namespace nethical::quota {
namespace {

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

Status Invalid(const char* key, double value, const char* allowed) {
  return InvalidArgument(std::string(key) + "=" + Number(value) + ": " + allowed);
}

}  // namespace

Status ValidateQuotaConfig(const QuotaConfig& c) {
  if (!std::isfinite(c.requests_per_second) || c.requests_per_second <= 0) {
    return Invalid("NETHICAL_REQUESTS_PER_SECOND", c.requests_per_second,
                   "must be a finite number > 0");
  }
  if (!std::isfinite(c.burst_size) || c.burst_size < 1) {
    return Invalid("NETHICAL_QUOTA_BURST_SIZE", c.burst_size, "must be a finite number >= 1");
  }
  if (!std::isfinite(c.global_requests_per_second) || c.global_requests_per_second < 0) {
    return Invalid("NETHICAL_QUOTA_GLOBAL_RPS", c.global_requests_per_second,
                   "must be a finite number >= 0 (0: no global limit)");
  }
  if (c.max_payload_bytes < 0) {
    return InvalidArgument("NETHICAL_MAX_PAYLOAD_BYTES=" + std::to_string(c.max_payload_bytes) +
                           ": must be >= 0");
  }
  if (!(c.throttle_threshold >= 0 && c.throttle_threshold <= 1)) {
    return Invalid("NETHICAL_QUOTA_THROTTLE_THRESHOLD", c.throttle_threshold,
                   "must be between 0 and 1");
  }
  if (!(c.block_threshold > 0 && c.block_threshold <= 1)) {
    return Invalid("NETHICAL_QUOTA_BLOCK_THRESHOLD", c.block_threshold,
                   "must be > 0 and <= 1");
  }
  if (!(c.idle_eviction_seconds >= 0 && c.idle_eviction_seconds <= 1e8)) {
    return Invalid("NETHICAL_QUOTA_IDLE_EVICTION_SECONDS", c.idle_eviction_seconds,
                   "must be between 0 and 1e8 seconds");
  }
  return Status::Ok();
}

QuotaEnforcer::QuotaEnforcer(const QuotaConfig& config, const Clock& clock)
    : cohort_isolation_(config.cohort_isolation), tenant_isolation_(config.tenant_isolation) {
  if (config.mode == QuotaMode::kCompat) {
    sliding_window_ = std::make_unique<SlidingWindowQuota>(config, clock);
  } else {
    token_bucket_ = std::make_unique<TokenBucketQuota>(config, clock);
  }
}

QuotaEnforcer::~QuotaEnforcer() = default;

QuotaOutcome QuotaEnforcer::Check(std::string_view agent_id, std::string_view cohort,
                                  std::string_view tenant, size_t payload_bytes) {
  const CheckedEntities entities(agent_id, cohort, tenant, cohort_isolation_, tenant_isolation_);
  if (token_bucket_) return token_bucket_->Check(entities, payload_bytes);
  return sliding_window_->Check(entities, payload_bytes);
}

size_t QuotaEnforcer::LiveEntities() const {
  return token_bucket_ ? token_bucket_->LiveEntities() : sliding_window_->LiveEntities();
}

}  // namespace nethical::quota
