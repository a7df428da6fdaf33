#include "engine/quota/quota_enforcer.h"

#include "engine/quota/entity_key.h"
#include "engine/quota/redis_quota.h"
#include "engine/quota/sliding_window_quota.h"
#include "engine/quota/token_bucket_quota.h"

namespace nethical::quota {

QuotaEnforcer::QuotaEnforcer(const QuotaConfig& config, const Clock& clock)
    : cohort_isolation_(config.cohort_isolation), tenant_isolation_(config.tenant_isolation) {
  if (config.mode == QuotaMode::kCompat) {
    sliding_window_ = std::make_unique<SlidingWindowQuota>(config, clock);
  } else if (!config.shared_state.empty()) {
    shared_ = std::make_unique<RedisQuota>(config, clock);
  } else {
    token_bucket_ = std::make_unique<TokenBucketQuota>(config, clock);
  }
}

QuotaEnforcer::~QuotaEnforcer() = default;

QuotaOutcome QuotaEnforcer::Check(std::string_view agent_id, std::string_view cohort,
                                  std::string_view tenant) {
  const CheckedEntities entities(agent_id, cohort, tenant, cohort_isolation_, tenant_isolation_);
  if (token_bucket_) return token_bucket_->Check(entities);
  if (shared_) return shared_->Check(entities);
  return sliding_window_->Check(entities);
}

size_t QuotaEnforcer::LiveEntities() const {
  if (shared_) return 0;
  return token_bucket_ ? token_bucket_->LiveEntities() : sliding_window_->LiveEntities();
}

std::optional<SharedStateCounts> QuotaEnforcer::SharedState() const {
  if (!shared_) return std::nullopt;
  return shared_->counts();
}

}  // namespace nethical::quota
