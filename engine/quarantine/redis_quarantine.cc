#include "engine/quarantine/redis_quarantine.h"

#include <charconv>
#include <utility>

namespace nethical::quarantine {
namespace {

using shared_state::RedisReply;

constexpr std::string_view kAgentPrefix = "agent:";
constexpr std::string_view kCohortPrefix = "cohort:";

const std::vector<std::string_view> kKeys = {"nethical:quarantine", "nethical:quarantine:version",
                                             "nethical:quarantine:era"};

std::vector<std::string_view> Views(const std::vector<std::string>& args) {
  return std::vector<std::string_view>(args.begin(), args.end());
}

bool ParseI64(std::string_view text, int64_t* out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size();
}

// "<start> <end> <reason>" of `field` ("agent:<id>" | "cohort:<id>").
std::optional<QuarantineRecord> ParseEntry(std::string_view field, std::string_view value) {
  QuarantineRecord r;
  if (field.substr(0, kAgentPrefix.size()) == kAgentPrefix) {
    r.scope = QuarantineScope::kAgent;
    field.remove_prefix(kAgentPrefix.size());
  } else if (field.substr(0, kCohortPrefix.size()) == kCohortPrefix) {
    r.scope = QuarantineScope::kCohort;
    field.remove_prefix(kCohortPrefix.size());
  } else {
    return std::nullopt;
  }
  const size_t a = value.find(' ');
  const size_t b = a == std::string_view::npos ? a : value.find(' ', a + 1);
  if (field.empty() || b == std::string_view::npos || !ParseI64(value.substr(0, a), &r.start_nanos) ||
      !ParseI64(value.substr(a + 1, b - a - 1), &r.end_nanos))
    return std::nullopt;
  r.id = std::string(field);
  r.reason = std::string(value.substr(b + 1));
  return r;
}

}  // namespace

// Every script: KEYS = {hash, version, era}; the era is created (the
// caller's wall time) when missing, i.e. with the list. Each returns
// {era, version, ...}.
#define NETHICAL_QUARANTINE_ERA              \
  "local era = redis.call('GET', KEYS[3])\n" \
  "if not era then\n"                        \
  "  era = ARGV[#ARGV]\n"                    \
  "  redis.call('SET', KEYS[3], era)\n"      \
  "  redis.call('DEL', KEYS[1], KEYS[2])\n"  \
  "end\n"

// ARGV: field, "<start> <end> <reason>", now.
const char* const kRedisQuarantinePutScript = NETHICAL_QUARANTINE_ERA R"lua(
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return {era, redis.call('INCR', KEYS[2])}
)lua";

// ARGV: field, now.
const char* const kRedisQuarantineRemoveScript = NETHICAL_QUARANTINE_ERA R"lua(
if redis.call('HDEL', KEYS[1], ARGV[1]) == 1 then
  return {era, redis.call('INCR', KEYS[2])}
end
return {era, tonumber(redis.call('GET', KEYS[2]) or '0')}
)lua";

// ARGV: the caller's era, its version, now. Returns {era, version} when
// both are the caller's, else {era, version, field, value, ...} of every
// live entry (expired ones deleted on the way).
const char* const kRedisQuarantineSyncScript = NETHICAL_QUARANTINE_ERA R"lua(
local version = tonumber(redis.call('GET', KEYS[2]) or '0')
if era == ARGV[1] and tostring(version) == ARGV[2] then return {era, version} end
local now = tonumber(ARGV[3])
local out = {era, version}
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local ends = tonumber(string.match(all[i + 1], '^%-?%d+ (%-?%d+) '))
  if ends and ends > now then
    out[#out + 1] = all[i]
    out[#out + 1] = all[i + 1]
  else
    redis.call('HDEL', KEYS[1], all[i])
  end
end
return out
)lua";

#undef NETHICAL_QUARANTINE_ERA

std::string RedisQuarantineField(QuarantineScope scope, std::string_view id) {
  std::string field(scope == QuarantineScope::kAgent ? kAgentPrefix : kCohortPrefix);
  field.append(id);
  return field;
}

RedisQuarantine::RedisQuarantine(const Options& options, const Clock& clock)
    : clock_(clock),
      client_(options.address, options.credentials, options.timeout_ms, clock),
      put_(client_.AddScript(kRedisQuarantinePutScript)),
      remove_(client_.AddScript(kRedisQuarantineRemoveScript)),
      sync_(client_.AddScript(kRedisQuarantineSyncScript)),
      max_pending_(options.max_pending) {}

bool RedisQuarantine::Send(const Change& change) {
  StatusOr<RedisReply> r = client_.Eval(change.script, kKeys, Views(change.args));
  using Type = RedisReply::Type;
  if (!r.ok() || r->type != Type::kArray || r->elements.size() != 2 || r->elements[0].type != Type::kString ||
      r->elements[1].type != Type::kInteger) {
    counters_.errors.fetch_add(1, std::memory_order_relaxed);
    return false;
  }
  counters_.answered.fetch_add(1, std::memory_order_relaxed);
  // Nothing else changed since our last read: the list is ours plus this
  // change, which the manager already holds, so the next Sync need not read it.
  if (r->elements[0].text == known_era_ && r->elements[1].integer == known_version_ + 1)
    known_version_ = r->elements[1].integer;
  return true;
}

void RedisQuarantine::Keep(Change change) {
  if (pending_.size() >= max_pending_) {
    pending_.pop_front();
    counters_.errors.fetch_add(1, std::memory_order_relaxed);
  }
  pending_.push_back(std::move(change));
}

void RedisQuarantine::Put(const QuarantineRecord& record) {
  Change change{
      put_,
      {RedisQuarantineField(record.scope, record.id),
       std::to_string(record.start_nanos) + " " + std::to_string(record.end_nanos) + " " + record.reason,
       std::to_string(clock_.WallNanos())}};
  // Behind kept changes, in order.
  if (!pending_.empty() || !Send(change)) Keep(std::move(change));
}

void RedisQuarantine::Remove(QuarantineScope scope, std::string_view id) {
  Change change{remove_, {RedisQuarantineField(scope, id), std::to_string(clock_.WallNanos())}};
  if (!pending_.empty() || !Send(change)) Keep(std::move(change));
}

std::optional<SharedQuarantineList::Snapshot> RedisQuarantine::Sync(int64_t now_wall_nanos) {
  while (!pending_.empty()) {
    if (!Send(pending_.front())) return std::nullopt;
    pending_.pop_front();
    counters_.replayed.fetch_add(1, std::memory_order_relaxed);
  }
  const std::string now = std::to_string(now_wall_nanos);
  StatusOr<RedisReply> r = client_.Eval(sync_, kKeys, {known_era_, std::to_string(known_version_), now, now});
  using Type = RedisReply::Type;
  if (!r.ok() || r->type != Type::kArray || r->elements.size() < 2 || r->elements.size() % 2 != 0 ||
      r->elements[0].type != Type::kString || r->elements[1].type != Type::kInteger) {
    counters_.errors.fetch_add(1, std::memory_order_relaxed);
    return std::nullopt;
  }
  counters_.answered.fetch_add(1, std::memory_order_relaxed);
  Snapshot snapshot;
  const std::string& era = r->elements[0].text;
  const long long version = r->elements[1].integer;
  snapshot.lost = !known_era_.empty() && era != known_era_;
  if (era == known_era_ && version == known_version_ && r->elements.size() == 2) return snapshot;
  std::vector<QuarantineRecord>& records = snapshot.records.emplace();
  for (size_t i = 2; i < r->elements.size(); i += 2) {
    const RedisReply& field = r->elements[i];
    const RedisReply& value = r->elements[i + 1];
    std::optional<QuarantineRecord> record;
    if (field.type == Type::kString && value.type == Type::kString)
      record = ParseEntry(field.text, value.text);
    if (!record) {  // not ours: counted, never applied
      counters_.errors.fetch_add(1, std::memory_order_relaxed);
      continue;
    }
    records.push_back(std::move(*record));
  }
  known_era_ = era;
  known_version_ = version;
  return snapshot;
}

}  // namespace nethical::quarantine
