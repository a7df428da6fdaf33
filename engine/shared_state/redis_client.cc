#include "engine/shared_state/redis_client.h"

#include <algorithm>
#include <utility>

namespace nethical::shared_state {

RedisClient::RedisClient(RedisAddress address, RedisCredentials credentials, int timeout_ms, const Clock& clock)
    : address_(std::move(address)),
      credentials_(std::move(credentials)),
      timeout_ms_(timeout_ms),
      clock_(clock),
      where_("redis://" + address_.host + ":" + std::to_string(address_.port)) {}

RedisClient::~RedisClient() = default;

int RedisClient::AddScript(const char* source) {
  std::lock_guard<std::mutex> lock(mu_);
  scripts_.push_back(source);
  shas_.emplace_back();
  return static_cast<int>(scripts_.size()) - 1;
}

std::unique_ptr<RedisConnection> RedisClient::Acquire(Status* error) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      std::unique_ptr<RedisConnection> c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    if (retry_at_ns_ != 0 && clock_.NowNanos() < retry_at_ns_) {
      *error = Unavailable(where_ + ": unreachable, next attempt after backoff");
      return nullptr;
    }
  }
  StatusOr<std::unique_ptr<RedisConnection>> c = RedisConnection::Connect(address_, timeout_ms_, credentials_);
  if (!c.ok()) {
    *error = c.status();
    NoteFailure();
    return nullptr;
  }
  connects_.fetch_add(1, std::memory_order_relaxed);
  return std::move(*c);
}

void RedisClient::Release(std::unique_ptr<RedisConnection> c) {
  std::lock_guard<std::mutex> lock(mu_);
  if (c->broken()) return;  // dropped: its state is unknown
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
  std::unique_ptr<RedisConnection> c = Acquire(&error);
  if (!c) return error;
  const char* source;
  std::string sha;
  {
    std::lock_guard<std::mutex> lock(mu_);
    source = scripts_[handle];
    sha = shas_[handle];
  }
  StatusOr<RedisReply> r = Internal(where_ + ": the script could not be loaded");
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (sha.empty()) {
      StatusOr<std::string> loaded = c->LoadScript(source);
      if (!loaded.ok()) {
        r = loaded.status();
        break;
      }
      script_loads_.fetch_add(1, std::memory_order_relaxed);
      sha = *loaded;
      std::lock_guard<std::mutex> lock(mu_);
      shas_[handle] = sha;
    }
    r = c->EvalSha(sha, keys, args);
    if (r.ok() || r.status().code() != StatusCode::kNotFound) break;
    sha.clear();  // NOSCRIPT: the server restarted or flushed its scripts
    r = Internal(where_ + ": the script could not be loaded");
  }
  const bool broken = c->broken();
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
  c.local_checks = local.load(std::memory_order_relaxed);
  c.replayed = replayed.load(std::memory_order_relaxed);
  return c;
}

}  // namespace nethical::shared_state
