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

StatusOr<std::unique_ptr<RedisConnection>> RedisConnection::Connect(const RedisAddress& address, int timeout_ms,
                                                                    const RedisCredentials& credentials) {
  const std::string where = "redis://" + (address.host.find(':') != std::string::npos ? "[" + address.host + "]"
                                                                                      : address.host) +
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
  if (!credentials.password.empty()) {
    std::vector<std::string_view> auth = {"AUTH"};
    if (!credentials.user.empty()) auth.push_back(credentials.user);
    auth.push_back(credentials.password);
    StatusOr<RedisReply> r = connection->Command(auth);
    if (!r.ok()) {
      if (r.status().code() == StatusCode::kInternal)  // an error reply: WRONGPASS, or no password configured
        return FailedPrecondition(where + ": AUTH" + (credentials.user.empty() ? "" : " as " + credentials.user) +
                                " refused: " + r.status().message().substr(where.size() + 2));
      return r.status();
    }
  }
  if (address.db != 0) {
    const std::string db = std::to_string(address.db);
    StatusOr<RedisReply> r = connection->Command({"SELECT", db});
    if (!r.ok()) return r.status();
  }
  return connection;
}

RedisConnection::~RedisConnection() { redisFree(context_); }

StatusOr<RedisReply> RedisConnection::Command(const std::vector<std::string_view>& argv) {
  if (broken_) return Unavailable(where_ + ": connection broken");
  std::vector<const char*> args;
  std::vector<size_t> lengths;
  for (std::string_view a : argv) {
    args.push_back(a.data());
    lengths.push_back(a.size());
  }
  auto* reply = static_cast<redisReply*>(
      redisCommandArgv(context_, static_cast<int>(args.size()), args.data(), lengths.data()));
  if (reply == nullptr) {
    broken_ = true;
    return Unavailable(where_ + ": " + (context_->err ? std::string(context_->errstr) : "no reply"));
  }
  if (reply->type == REDIS_REPLY_ERROR) {
    const std::string error(reply->str, reply->len);
    freeReplyObject(reply);
    if (error.rfind("NOSCRIPT", 0) == 0) return NotFound(where_ + ": " + error);
    return Internal(where_ + ": " + error);
  }
  RedisReply out = Convert(reply);
  freeReplyObject(reply);
  return out;
}

StatusOr<std::string> RedisConnection::LoadScript(std::string_view script) {
  StatusOr<RedisReply> r = Command({"SCRIPT", "LOAD", script});
  if (!r.ok()) return r.status();
  if (r->type != RedisReply::Type::kString) return Internal(where_ + ": SCRIPT LOAD did not return a SHA1");
  return r->text;
}

StatusOr<RedisReply> RedisConnection::EvalSha(std::string_view sha, const std::vector<std::string_view>& keys,
                                              const std::vector<std::string_view>& args) {
  const std::string numkeys = std::to_string(keys.size());
  std::vector<std::string_view> argv = {"EVALSHA", sha, numkeys};
  argv.insert(argv.end(), keys.begin(), keys.end());
  argv.insert(argv.end(), args.begin(), args.end());
  return Command(argv);
}

}  // namespace nethical::shared_state
