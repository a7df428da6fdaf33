#include "engine/quota/redis_quota.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "engine/quota/quota_reasons.h"

namespace nethical::quota {
namespace {

using shared_state::RedisReply;

std::string Micros(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  return buf;
}

}  // namespace

// KEYS: the buckets, in the order agent, cohort, tenant, global.
// ARGV[1]: tokens wanted from each bucket (the lease, >= 1).
// ARGV[2i], ARGV[2i+1]: bucket i's emission interval (1/rate) and capacity
// (burst/rate), in microseconds. Takes the same number t of tokens from
// every bucket: as many as wanted and as every bucket has, at least 1.
// Returns {0, utilisation, t} when granted (every bucket charged t tokens),
// {i, "1", 0} when bucket i is the first empty one (nothing charged).
const char* const kRedisQuotaScript = R"lua(
if redis.replicate_commands then pcall(redis.replicate_commands) end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local take = tonumber(ARGV[1])
local at = {}
for i = 1, #KEYS do
  local interval = tonumber(ARGV[2 * i])
  local capacity = tonumber(ARGV[2 * i + 1])
  local full_at = tonumber(redis.call('GET', KEYS[i])) or now
  if full_at < now then full_at = now end
  local available = math.floor((capacity + 0.001 - (full_at - now)) / interval)
  if available < 1 then return {i, '1', 0} end
  if available < take then take = available end
  at[i] = full_at
end
local worst = 0
for i = 1, #KEYS do
  local interval = tonumber(ARGV[2 * i])
  local capacity = tonumber(ARGV[2 * i + 1])
  local full_at = at[i] + take * interval
  local use = (full_at - now) / capacity
  if use > worst then worst = use end
  redis.call('SET', KEYS[i], string.format('%.3f', full_at), 'PX', math.ceil((full_at - now) / 1000) + 1000)
end
return {0, string.format('%.6f', worst), take}
)lua";

std::string RedisBucketKey(const EntityKey& entity) {
  return "nethical:quota:" + std::string(EntityKindName(entity.kind)) + ":" + std::string(entity.id);
}

RedisQuota::RedisQuota(const QuotaConfig& config, const Clock& clock)
    : clock_(clock),
      client_(*shared_state::ParseRedisUrl(config.shared_state),
              {config.shared_state_user, config.shared_state_password},
              static_cast<int>(config.shared_state_timeout_ms), clock),
      script_(client_.AddScript(kRedisQuotaScript)),
      failure_(config.shared_state_failure),
      rate_(config.requests_per_second),
      burst_(config.burst_size),
      global_rate_(config.global_requests_per_second),
      throttle_threshold_(config.throttle_threshold),
      lease_(static_cast<uint64_t>(config.shared_state_lease)) {
  interval_us_ = Micros(1e6 / rate_);
  capacity_us_ = Micros(burst_ * 1e6 / rate_);
  if (global_rate_ > 0) {
    global_interval_us_ = Micros(1e6 / global_rate_);
    global_capacity_us_ = Micros(burst_ * 1e6 / global_rate_);
  }
}

RedisQuota::~RedisQuota() = default;

SharedStateCounts RedisQuota::counts() const { return counters_.Snapshot(client_); }

QuotaOutcome RedisQuota::Failed(const Status& why) {
  counters_.CountFailure(failure_ == SharedStateFailure::kOpen);
  QuotaOutcome out;
  if (failure_ == SharedStateFailure::kOpen) return out;  // ALLOW, backpressure 0
  out.decision = QuotaDecision::kBlock;
  out.reason = "shared quota unavailable: " + why.message();
  out.backpressure = 1.0;
  return out;
}

QuotaOutcome RedisQuota::Check(const CheckedEntities& entities) {
  struct Bucket {
    std::string key;
    const std::string* interval;
    const std::string* capacity;
    bool leased = false;  // a local spare token is reserved for this request
  };
  std::vector<Bucket> buckets;
  buckets.reserve(entities.size() + 1);
  for (const EntityKey& e : entities) buckets.push_back({RedisBucketKey(e), &interval_us_, &capacity_us_});
  if (global_rate_ > 0)
    buckets.push_back({kRedisGlobalBucketKey, &global_interval_us_, &global_capacity_us_});

  double leased_use = 0;
  size_t missing = buckets.size();
  if (lease_ > 1) {
    // Reserve a local spare token of every bucket that has one.
    const int64_t now = clock_.NowNanos();
    std::lock_guard<std::mutex> lock(lease_mu_);
    missing = 0;
    for (Bucket& b : buckets) {
      auto it = leases_.find(b.key);
      if (it != leases_.end() && it->second.left > 0 && now < it->second.expires_ns) {
        b.leased = true;
        --it->second.left;
        leased_use = std::max(leased_use, it->second.utilisation);
      } else {
        ++missing;
      }
    }
    if (missing == 0) {
      counters_.local.fetch_add(1, std::memory_order_relaxed);
      QuotaOutcome out;
      out.backpressure = std::clamp(leased_use, 0.0, 1.0);
      if (out.backpressure >= throttle_threshold_) out.decision = QuotaDecision::kThrottle;
      return out;
    }
  }
  auto give_back = [&] {  // a refused or failed request spends no reserved token
    if (lease_ <= 1) return;
    std::lock_guard<std::mutex> lock(lease_mu_);
    for (const Bucket& b : buckets)
      if (b.leased) ++leases_[b.key].left;
  };

  const std::string want = std::to_string(lease_);
  std::vector<std::string_view> keys;
  std::vector<std::string_view> args = {want};
  std::vector<size_t> asked;  // index into `buckets` of each key sent
  for (size_t i = 0; i < buckets.size(); ++i) {
    if (buckets[i].leased) continue;
    keys.push_back(buckets[i].key);
    args.push_back(*buckets[i].interval);
    args.push_back(*buckets[i].capacity);
    asked.push_back(i);
  }

  StatusOr<RedisReply> r = client_.Eval(script_, keys, args);
  if (!r.ok()) {
    give_back();
    return Failed(r.status());
  }
  if (r->type != RedisReply::Type::kArray || r->elements.size() != 3 ||
      r->elements[0].type != RedisReply::Type::kInteger || r->elements[1].type != RedisReply::Type::kString ||
      r->elements[2].type != RedisReply::Type::kInteger || r->elements[0].integer < 0 ||
      static_cast<size_t>(r->elements[0].integer) > keys.size()) {
    give_back();
    return Failed(Internal("redis: unexpected reply to the quota script"));
  }
  counters_.answered.fetch_add(1, std::memory_order_relaxed);
  QuotaOutcome out;
  const size_t refused = static_cast<size_t>(r->elements[0].integer);
  if (refused != 0) {
    give_back();
    const size_t b = asked[refused - 1];
    out.decision = QuotaDecision::kBlock;
    out.backpressure = 1.0;
    out.reason = b < entities.size() ? BucketExhaustedReason(entities[b].kind, entities[b].id, rate_)
                                     : GlobalBucketExhaustedReason(global_rate_);
    return out;
  }
  const double use = std::clamp(std::strtod(r->elements[1].text.c_str(), nullptr), 0.0, 1.0);
  const uint64_t granted = static_cast<uint64_t>(std::max<long long>(1, r->elements[2].integer));
  if (granted > 1) {
    // One token of each is this request's; the rest are spare, held here.
    const int64_t expires = clock_.NowNanos() + kLeaseLifetimeNs;
    std::lock_guard<std::mutex> lock(lease_mu_);
    if (leases_.size() > 100'000)
      std::erase_if(leases_,
                    [&](const auto& kv) { return kv.second.expires_ns <= expires - kLeaseLifetimeNs; });
    for (size_t i : asked) leases_[buckets[i].key] = Lease{granted - 1, expires, use};
  }
  out.backpressure = std::max(use, leased_use);
  if (out.backpressure >= throttle_threshold_) out.decision = QuotaDecision::kThrottle;
  return out;
}

}  // namespace nethical::quota
