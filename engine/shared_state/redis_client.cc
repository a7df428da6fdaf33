#include "engine/shared_state/redis_client.h"

#include <openssl/evp.h>

#include <algorithm>
#include <utility>

namespace nethical::shared_state {

std::string ScriptSha1(std::string_view source) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(source.data(), source.size(), digest, &length, EVP_sha1(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 15]);
  }
  return hex;
}

RedisClient::RedisClient(RedisAddress address, RedisCredentials credentials, int timeout_ms,
                         const Clock& clock)
    : address_(std::move(address)),
      credentials_(std::move(credentials)),
      timeout_ms_(timeout_ms),
      clock_(clock),
      where_("redis://" + address_.host + ":" + std::to_string(address_.port)) {}

RedisClient::~RedisClient() = default;

int RedisClient::AddScript(const char* source) {
  scripts_.push_back({source, ScriptSha1(source)});
  return static_cast<int>(scripts_.size()) - 1;
}

RedisClient::Connection RedisClient::Acquire(Status* error) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      Connection c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    if (retry_at_ns_ != 0 && clock_.NowNanos() < retry_at_ns_) {
      *error = Unavailable(where_ + ": unreachable, next attempt after backoff");
      return {};
    }
  }
  StatusOr<std::unique_ptr<RedisConnection>> c =
      RedisConnection::Connect(address_, timeout_ms_, credentials_);
  if (!credentials_.password.empty() || address_.db != 0)
    round_trips_.fetch_add(1, std::memory_order_relaxed);
  if (!c.ok()) {
    *error = c.status();
    NoteFailure();
    return {};
  }
  connects_.fetch_add(1, std::memory_order_relaxed);
  return {std::move(*c), false};
}

void RedisClient::Release(Connection c) {
  std::lock_guard<std::mutex> lock(mu_);
  if (c.redis->broken()) return;  // dropped: its state is unknown
  retry_at_ns_ = 0;
  backoff_ns_ = 0;
  idle_.push_back(std::move(c));
}

void RedisClient::NoteFailure() {
  std::lock_guard<std::mutex> lock(mu_);
  backoff_ns_ = backoff_ns_ == 0 ? kFirstBackoffNs : std::min(kMaxBackoffNs, backoff_ns_ * 2);
  retry_at_ns_ = clock_.NowNanos() + backoff_ns_;
  idle_.clear();  // the others went to the same server
}

StatusOr<RedisReply> RedisClient::Eval(int handle, const std::vector<std::string_view>& keys,
                                       const std::vector<std::string_view>& args) {
  Status error;
  Connection c = Acquire(&error);
  if (!c.redis) return error;
  const Script& script = scripts_[handle];
  const std::string numkeys = std::to_string(keys.size());
  std::vector<std::string_view> eval = {"EVALSHA", script.sha, numkeys};
  eval.insert(eval.end(), keys.begin(), keys.end());
  eval.insert(eval.end(), args.begin(), args.end());

  StatusOr<RedisReply> r = Internal(where_ + ": the script could not be loaded");
  for (int attempt = 0; attempt < 2; ++attempt) {
    // Scripts this connection has not loaded go in the same write as the EVALSHA.
    std::vector<std::vector<std::string_view>> commands;
    if (!c.scripts_loaded) {
      for (const Script& s : scripts_) commands.push_back({"SCRIPT", "LOAD", s.source});
    } else if (attempt > 0) {
      commands.push_back({"SCRIPT", "LOAD", script.source});
    }
    const size_t loads = commands.size();
    commands.push_back(eval);
    std::vector<StatusOr<RedisReply>> replies = c.redis->Pipeline(commands);
    round_trips_.fetch_add(1, std::memory_order_relaxed);
    script_loads_.fetch_add(loads, std::memory_order_relaxed);
    r = std::move(replies.back());
    for (size_t i = 0; i < loads && r.ok(); ++i)
      if (!replies[i].ok()) r = replies[i].status();
    if (loads > 0 && r.ok()) c.scripts_loaded = true;
    if (r.ok() || r.status().code() != StatusCode::kNotFound) break;
    // NOSCRIPT: the server restarted or flushed its scripts; load and run again.
  }
  const bool broken = c.redis->broken();
  Release(std::move(c));
  if (broken) NoteFailure();
  return r;
}

SharedStateCounts SharedStateCounters::Snapshot(const RedisClient& client) const {
  SharedStateCounts c;
  c.checks = answered.load(std::memory_order_relaxed);
  c.errors = errors.load(std::memory_order_relaxed);
  c.fail_open_admits = fail_open.load(std::memory_order_relaxed);
  c.fail_closed_blocks = fail_closed.load(std::memory_order_relaxed);
  c.connects = client.connects();
  c.script_loads = client.script_loads();
  c.round_trips = client.round_trips();
  c.local_checks = local.load(std::memory_order_relaxed);
  c.replayed = replayed.load(std::memory_order_relaxed);
  return c;
}

}  // namespace nethical::shared_state
