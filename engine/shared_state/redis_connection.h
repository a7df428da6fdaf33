// RedisConnection: one blocking hiredis connection to a Redis server, with a
// timeout on connecting and on every command. The engine keeps a few of them
// in a pool (engine/quota/redis_quota.h); one is used by one thread at a time.
//
//   StatusOr<std::unique_ptr<RedisConnection>> c = RedisConnection::Connect(address, 50);
//   StatusOr<RedisReply> r = (*c)->Command({"GET", "k"});
//   std::vector<StatusOr<RedisReply>> rs = (*c)->Pipeline({{"SCRIPT", "LOAD", s}, {"EVALSHA", sha, "0"}});
//
// Errors are Status values, never exceptions: kUnavailable for a server that
// cannot be reached or stopped answering (the connection is then broken()
// and must be discarded), kNotFound for EVALSHA of a script the server does
// not hold (NOSCRIPT: it restarted; load it again), kInternal for another
// error reply.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"
#include "engine/shared_state/redis_url.h"

struct redisContext;

namespace nethical::shared_state {

struct RedisReply {
  enum class Type { kNil, kInteger, kString, kStatus, kArray };
  Type type = Type::kNil;
  long long integer = 0;
  std::string text;  // kString, kStatus
  std::vector<RedisReply> elements;
};

class RedisConnection {
 public:
  // Connects, authenticates (AUTH, when credentials.password is set) and
  // selects the database of `address` (AUTH and SELECT pipelined: one round
  // trip). A refused AUTH is kFailedPrecondition.
  static StatusOr<std::unique_ptr<RedisConnection>> Connect(const RedisAddress& address, int timeout_ms,
                                                            const RedisCredentials& credentials = {});
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // Any command, its arguments binary-safe.
  StatusOr<RedisReply> Command(const std::vector<std::string_view>& argv);
  // Several commands in one round trip (pipelined: written at once, then
  // every reply read); one result per command, in order. After an I/O error
  // the connection is broken() and the commands not answered fail with it.
  std::vector<StatusOr<RedisReply>> Pipeline(const std::vector<std::vector<std::string_view>>& commands);

  // An I/O error or timeout happened: the connection's state is unknown.
  bool broken() const { return broken_; }

 private:
  RedisConnection(redisContext* context, std::string where) : context_(context), where_(std::move(where)) {}

  redisContext* context_;
  std::string where_;  // "redis://host:port/db", for messages
  bool broken_ = false;
};

}  // namespace nethical::shared_state
