#include "loadgen/coordinator.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include "engine/shared_state/redis_url.h"

namespace nethical::loadgen {
namespace {

using shared_state::RedisConnection;
using shared_state::RedisReply;

constexpr int kTimeoutMs = 2000;                 // per Redis command
constexpr int64_t kStartLeadNs = 2'000'000'000;  // the start is this far after the last registration
constexpr const char* kExpirySeconds = "86400";

StatusOr<std::unique_ptr<RedisConnection>> Connect(const std::string& url,
                                                   const shared_state::RedisCredentials& credentials) {
  StatusOr<shared_state::RedisAddress> address = shared_state::ParseRedisUrl(url);
  if (!address.ok()) return InvalidArgument("--coordinate: " + address.status().message());
  return RedisConnection::Connect(*address, kTimeoutMs, credentials);
}

// The server's wall clock (TIME), in Unix ns.
StatusOr<int64_t> ServerTime(RedisConnection& redis) {
  StatusOr<RedisReply> t = redis.Command({"TIME"});
  if (!t.ok()) return t.status();
  if (t->type != RedisReply::Type::kArray || t->elements.size() != 2)
    return Internal("redis: TIME: unexpected reply");
  return std::stoll(t->elements[0].text) * 1'000'000'000 + std::stoll(t->elements[1].text) * 1000;
}

std::string Seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

std::string HostName() {
  char buf[256] = {};
  gethostname(buf, sizeof buf - 1);
  return buf;
}

}  // namespace

StatusOr<std::unique_ptr<RunCoordinator>> RunCoordinator::Join(
    const std::string& url, const shared_state::RedisCredentials& credentials, const std::string& run_id,
    int expect, double timeout_s, const Clock& clock) {
  StatusOr<std::unique_ptr<RedisConnection>> redis = Connect(url, credentials);
  if (!redis.ok()) return Unavailable("--coordinate: " + redis.status().message());
  std::unique_ptr<RunCoordinator> c(new RunCoordinator());
  c->redis_ = std::move(*redis);
  c->run_id_ = run_id;
  c->expect_ = expect;
  c->timeout_s_ = timeout_s;
  RedisConnection& r = *c->redis_;

  // The offset of our wall clock to the server's, halfway through TIME.
  const int64_t before = clock.WallNanos();
  StatusOr<int64_t> server = ServerTime(r);
  const int64_t after = clock.WallNanos();
  if (!server.ok()) return server.status();
  c->offset_ns_ = *server - (before + after) / 2;

  StatusOr<RedisReply> n = r.Command({"INCR", c->Key("registered")});
  if (!n.ok()) return n.status();
  c->index_ = static_cast<int>(n->integer);
  for (const char* key : {"registered", "members", "start", "done"}) {
    StatusOr<RedisReply> e = r.Command({"EXPIRE", c->Key(key), kExpirySeconds});
    if (!e.ok()) return e.status();
  }
  if (c->index_ > expect)
    return FailedPrecondition("--coordinate: run " + run_id + " already has " + std::to_string(expect) +
                              " processes (--expect " + std::to_string(expect) + "); this one would be #" +
                              std::to_string(c->index_) + ": use a new --run-id");
  const std::string index = std::to_string(c->index_);
  const std::string member = HostName() + " " + std::to_string(getpid());
  if (StatusOr<RedisReply> m = r.Command({"HSET", c->Key("members"), index, member}); !m.ok())
    return m.status();
  if (c->index_ == expect) {
    // The last one sets the common start (NX: set once, whoever is last).
    StatusOr<int64_t> now = ServerTime(r);
    if (!now.ok()) return now.status();
    const std::string start = std::to_string(*now + kStartLeadNs);
    if (StatusOr<RedisReply> s = r.Command({"SET", c->Key("start"), start, "NX", "EX", kExpirySeconds});
        !s.ok())
      return s.status();
  }
  return c;
}

Status RunCoordinator::WaitForStart(const Clock& clock, Sleeper& sleeper, const std::atomic<bool>& stop) {
  const int64_t give_up = clock.NowNanos() + static_cast<int64_t>(timeout_s_ * 1e9);
  while (start_unix_ns_ == 0) {
    StatusOr<RedisReply> s = redis_->Command({"GET", Key("start")});
    if (!s.ok()) return s.status();
    if (s->type == RedisReply::Type::kString) {
      start_unix_ns_ = std::stoll(s->text);
      break;
    }
    if (stop.load()) return Internal("stopped while waiting for the other processes");
    if (clock.NowNanos() >= give_up) {
      StatusOr<RedisReply> n = redis_->Command({"GET", Key("registered")});
      const std::string seen = n.ok() && n->type == RedisReply::Type::kString ? n->text : "?";
      return Unavailable("--coordinate: run " + run_id_ + ": " + seen + " of " + std::to_string(expect_) +
                         " processes registered within " + Seconds(timeout_s_) + " s");
    }
    sleeper.SleepUntil(clock.NowNanos() + 10'000'000);
  }
  // The start instant on our monotonic clock.
  const int64_t local_wall = start_unix_ns_ - offset_ns_;
  const int64_t deadline = clock.NowNanos() + (local_wall - clock.WallNanos());
  while (clock.NowNanos() < deadline) {
    if (stop.load()) return Internal("stopped while waiting for the common start");
    sleeper.SleepUntil(std::min(deadline, clock.NowNanos() + 50'000'000));
  }
  lateness_ns_ = std::max<int64_t>(0, clock.WallNanos() + offset_ns_ - start_unix_ns_);
  return Status::Ok();
}

Status RunCoordinator::PublishResult(std::string_view json) {
  const std::string index = std::to_string(index_);
  StatusOr<RedisReply> s = redis_->Command({"SET", Key("result:" + index), json, "EX", kExpirySeconds});
  if (!s.ok()) return s.status();
  StatusOr<RedisReply> d = redis_->Command({"RPUSH", Key("done"), index});
  if (!d.ok()) return d.status();
  StatusOr<RedisReply> e = redis_->Command({"EXPIRE", Key("done"), kExpirySeconds});
  return e.ok() ? Status::Ok() : e.status();
}

StatusOr<std::vector<std::string>> CollectResults(const std::string& url,
                                                  const shared_state::RedisCredentials& credentials,
                                                  const std::string& run_id, int expect, double timeout_s) {
  StatusOr<std::unique_ptr<RedisConnection>> redis = Connect(url, credentials);
  if (!redis.ok()) return redis.status();
  const std::string prefix = "nethical:run:" + run_id + ":";
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
  for (;;) {
    StatusOr<RedisReply> n = (*redis)->Command({"LLEN", prefix + "done"});
    if (!n.ok()) return n.status();
    if (n->integer >= expect) break;
    if (std::chrono::steady_clock::now() >= give_up)
      return Unavailable("run " + run_id + ": " + std::to_string(n->integer) + " of " +
                         std::to_string(expect) + " results published within " + Seconds(timeout_s) + " s");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::vector<std::string> results;
  for (int i = 1; i <= expect; ++i) {
    StatusOr<RedisReply> r = (*redis)->Command({"GET", prefix + "result:" + std::to_string(i)});
    if (!r.ok()) return r.status();
    if (r->type != RedisReply::Type::kString)
      return NotFound("run " + run_id + ": no result of process " + std::to_string(i));
    results.push_back(r->text);
  }
  return results;
}

}  // namespace nethical::loadgen
