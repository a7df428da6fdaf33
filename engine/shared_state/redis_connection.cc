#include "engine/shared_state/redis_connection.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

namespace nethical::shared_state {
namespace {

timeval Timeval(int timeout_ms) {
  timeval tv;
  tv.tv_sec = timeout_ms / 1000;
  tv.tv_usec = (timeout_ms % 1000) * 1000;
  return tv;
}

RedisReply Convert(const redisReply* r) {
  RedisReply out;
  switch (r->type) {
    case REDIS_REPLY_INTEGER:
      out.type = RedisReply::Type::kInteger;
      out.integer = r->integer;
      break;
    case REDIS_REPLY_STRING:
      out.type = RedisReply::Type::kString;
      out.text.assign(r->str, r->len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = RedisReply::Type::kStatus;
      out.text.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ARRAY:
      out.type = RedisReply::Type::kArray;
      for (size_t i = 0; i < r->elements; ++i) out.elements.push_back(Convert(r->element[i]));
      break;
    default:
      break;
  }
  return out;
}

}  // namespace

StatusOr<std::unique_ptr<RedisConnection>> RedisConnection::Connect(const RedisAddress& address,
                                                                    int timeout_ms,
                                                                    const RedisCredentials& credentials) {
  const std::string where =
      "redis://" + (address.host.find(':') != std::string::npos ? "[" + address.host + "]" : address.host) +
      ":" + std::to_string(address.port) + "/" + std::to_string(address.db);
  redisContext* c = redisConnectWithTimeout(address.host.c_str(), address.port, Timeval(timeout_ms));
  if (c == nullptr) return Unavailable(where + ": cannot allocate a connection");
  if (c->err) {
    const std::string why = c->errstr;
    redisFree(c);
    return Unavailable(where + ": " + why);
  }
  if (redisSetTimeout(c, Timeval(timeout_ms)) != REDIS_OK) {
    redisFree(c);
    return Unavailable(where + ": cannot set the command timeout");
  }
  std::unique_ptr<RedisConnection> connection(new RedisConnection(c, where));
  std::vector<std::vector<std::string_view>> setup;
  const bool auth = !credentials.password.empty();
  if (auth) {
    setup.push_back({"AUTH"});
    if (!credentials.user.empty()) setup.back().push_back(credentials.user);
    setup.back().push_back(credentials.password);
  }
  const std::string db = std::to_string(address.db);
  if (address.db != 0) setup.push_back({"SELECT", db});
  if (setup.empty()) return connection;
  std::vector<StatusOr<RedisReply>> r = connection->Pipeline(setup);
  if (auth && !r[0].ok()) {
    if (r[0].status().code() ==
        StatusCode::kInternal)  // an error reply: WRONGPASS, or no password configured
      return FailedPrecondition(where + ": AUTH" +
                                (credentials.user.empty() ? "" : " as " + credentials.user) +
                                " refused: " + r[0].status().message().substr(where.size() + 2));
    return r[0].status();
  }
  if (!r.back().ok()) return r.back().status();
  return connection;
}

RedisConnection::~RedisConnection() { redisFree(context_); }

StatusOr<RedisReply> RedisConnection::Command(const std::vector<std::string_view>& argv) {
  return std::move(Pipeline({argv})[0]);
}

std::vector<StatusOr<RedisReply>> RedisConnection::Pipeline(
    const std::vector<std::vector<std::string_view>>& commands) {
  std::vector<StatusOr<RedisReply>> out;
  out.reserve(commands.size());
  if (broken_) {
    for (size_t i = 0; i < commands.size(); ++i) out.push_back(Unavailable(where_ + ": connection broken"));
    return out;
  }
  std::vector<const char*> args;
  std::vector<size_t> lengths;
  for (const std::vector<std::string_view>& argv : commands) {
    args.clear();
    lengths.clear();
    for (std::string_view a : argv) {
      args.push_back(a.data());
      lengths.push_back(a.size());
    }
    // Only buffers (no I/O): fails only when out of memory.
    if (redisAppendCommandArgv(context_, static_cast<int>(args.size()), args.data(), lengths.data()) !=
        REDIS_OK)
      broken_ = true;
  }
  for (size_t i = 0; i < commands.size(); ++i) {
    void* raw = nullptr;
    if (broken_ || redisGetReply(context_, &raw) != REDIS_OK || raw == nullptr) {
      broken_ = true;
      out.push_back(
          Unavailable(where_ + ": " + (context_->err ? std::string(context_->errstr) : "no reply")));
      continue;
    }
    auto* reply = static_cast<redisReply*>(raw);
    if (reply->type == REDIS_REPLY_ERROR) {
      const std::string error(reply->str, reply->len);
      out.push_back(error.rfind("NOSCRIPT", 0) == 0 ? NotFound(where_ + ": " + error)
                                                    : Internal(where_ + ": " + error));
    } else {
      out.push_back(Convert(reply));
    }
    freeReplyObject(reply);
  }
  return out;
}

}  // namespace nethical::shared_state
