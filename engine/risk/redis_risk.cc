#include "engine/risk/redis_risk.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

#include "engine/risk/agent_risk_codec.h"

namespace nethical::risk {
namespace {

using shared_state::RedisReply;

bool ParseU64(std::string_view text, uint64_t* out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

// KEYS[1]: the snapshot "<era> <version> <state>"; KEYS[2]: the log of
// "<seq> <time_ns> <input>" after it (seq = version + 1, ...).
// ARGV[1]: the era the caller saw ('' if none); ARGV[2]: its version;
// ARGV[3]: its state at that version; ARGV[4]: this update's time (ns);
// ARGV[5]: its input; ARGV[6]: expiry of both keys (ms).
// Returns {era, from, state, updates}: the updates after version `from`,
// this one last; state '=' means "from is your version: continue from your
// state", else it is the snapshot at `from` ('' for none: a new agent).
const char* const kRedisRiskScript = R"lua(
local era, base, state
local cur = redis.call('GET', KEYS[1])
if cur then
  local a = string.find(cur, ' ', 1, true)
  local b = string.find(cur, ' ', a + 1, true)
  era = string.sub(cur, 1, a - 1)
  base = tonumber(string.sub(cur, a + 1, b - 1))
  state = string.sub(cur, b + 1)
else
  redis.call('DEL', KEYS[2])
  era = ARGV[4]
  base = 0
  state = ''
end
local len = redis.call('LLEN', KEYS[2])
local same_era = ARGV[1] == era
local known = tonumber(ARGV[2])
if same_era and known > base and known <= base + len then
  redis.call('LTRIM', KEYS[2], known - base, -1)
  len = len - (known - base)
  base = known
  state = ARGV[3]
end
local seq = base + len + 1
redis.call('RPUSH', KEYS[2], string.format('%d ', seq) .. ARGV[4] .. ' ' .. ARGV[5])
redis.call('SET', KEYS[1], era .. string.format(' %d ', base) .. state, 'PX', ARGV[6])
redis.call('PEXPIRE', KEYS[2], ARGV[6])
if same_era and known >= base and known < seq then
  return {era, string.format('%d', known), '=', redis.call('LRANGE', KEYS[2], known - base, -1)}
end
return {era, string.format('%d', base), state, redis.call('LRANGE', KEYS[2], 0, -1)}
)lua";

std::string RedisRiskKey(std::string_view agent_id) { return "nethical:risk:agent:" + std::string(agent_id); }
std::string RedisRiskLogKey(std::string_view agent_id) {
  return "nethical:risk:log:" + std::string(agent_id);
}

RedisRisk::RedisRisk(const Options& options, const Clock& clock)
    : model_(options.risk),
      clock_(clock),
      client_(*shared_state::ParseRedisUrl(options.shared_state.shared_state),
              {options.shared_state.shared_state_user, options.shared_state.shared_state_password},
              static_cast<int>(options.shared_state.shared_state_timeout_ms), clock),
      script_(client_.AddScript(kRedisRiskScript)),
      failure_(options.shared_state.shared_state_failure),
      ttl_ms_(std::to_string(std::max<int64_t>(1, std::llround(options.idle_seconds * 1000)))),
      seen_(static_cast<size_t>(options.max_agents)) {}

std::optional<SharedStateCounts> RedisRisk::SharedState() const { return counters_.Snapshot(client_); }

RiskResult RedisRisk::Failed(std::string_view agent_id, const Seen& seen, const RiskInput& input,
                             int64_t now) {
  counters_.CountFailure(failure_ == SharedStateFailure::kOpen);
  seen_.Erase(agent_id);  // read the server's state again next time
  if (failure_ == SharedStateFailure::kOpen) {
    AgentRisk local = seen.state;
    return model_.Update(&local, input, std::max(now, local.last_update_ns));
  }
  RiskResult highest;
  highest.score = 1.0;
  highest.tier = RiskTier::kElevated;
  return highest;
}

bool RedisRisk::Apply(const RedisReply& r, const RiskInput& input, Seen* seen, RiskResult* result) const {
  using Type = RedisReply::Type;
  if (r.type != Type::kArray || r.elements.size() != 4 || r.elements[0].type != Type::kString ||
      r.elements[1].type != Type::kString || r.elements[2].type != Type::kString ||
      r.elements[3].type != Type::kArray || r.elements[3].elements.empty())
    return false;
  uint64_t from = 0;
  if (!ParseU64(r.elements[1].text, &from)) return false;
  const std::string& era = r.elements[0].text;
  const std::string& state = r.elements[2].text;
  if (state == "=") {
    if (seen->era != era || seen->version != from) return false;
  } else {
    seen->era = era;
    seen->version = from;
    seen->state = AgentRisk{};
    if (!state.empty() && !DecodeAgentRisk(state, &seen->state)) return false;
  }
  const std::vector<RedisReply>& updates = r.elements[3].elements;
  for (size_t i = 0; i < updates.size(); ++i) {
    if (updates[i].type != Type::kString) return false;
    std::string_view u = updates[i].text;
    const size_t a = u.find(' ');
    const size_t b = a == std::string_view::npos ? a : u.find(' ', a + 1);
    uint64_t seq = 0, time_ns = 0;
    if (b == std::string_view::npos || !ParseU64(u.substr(0, a), &seq) || seq != seen->version + 1 ||
        !ParseU64(u.substr(a + 1, b - a - 1), &time_ns))
      return false;
    RiskInput in = input;  // the last update is this one
    if (i + 1 < updates.size() && !DecodeRiskInput(u.substr(b + 1), &in)) return false;
    const int64_t at = std::max(static_cast<int64_t>(time_ns), seen->state.last_update_ns);
    *result = model_.Update(&seen->state, in, at);
    seen->version = seq;
  }
  return true;
}

RiskResult RedisRisk::Update(std::string_view agent_id, const RiskInput& input, int64_t /*now_ns*/) {
  const int64_t now = clock_.WallNanos();
  Seen seen;
  seen_.WithExisting(agent_id, [&](const Seen& s) { seen = s; });
  const std::string version = std::to_string(seen.version);
  const std::string state = seen.era.empty() ? std::string() : EncodeAgentRisk(seen.state);
  const std::string time = std::to_string(now);
  const std::string encoded = EncodeRiskInput(input);
  StatusOr<RedisReply> r = client_.Eval(script_, {RedisRiskKey(agent_id), RedisRiskLogKey(agent_id)},
                                        {seen.era, version, state, time, encoded, ttl_ms_});
  if (!r.ok()) return Failed(agent_id, seen, input, now);
  const Seen before = seen;
  RiskResult result;
  if (!Apply(*r, input, &seen, &result)) return Failed(agent_id, before, input, now);
  counters_.answered.fetch_add(1, std::memory_order_relaxed);
  counters_.replayed.fetch_add(r->elements[3].elements.size() - 1, std::memory_order_relaxed);
  seen_.WithEntry(agent_id, [&](Seen& s, bool) {
    // A concurrent worker of this engine may have seen a later version.
    if (s.era != seen.era || s.version < seen.version) s = seen;
  });
  return result;
}

}  // namespace nethical::risk
