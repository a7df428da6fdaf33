// RedisTest: the fixture of every test that needs a Redis server. SetUp
// starts its own redis-server on an ephemeral loopback port in a temporary
// directory (tests/testing/redis_server.h); TearDown stops it.
//
//   TEST_F(RedisQuotaTest, ...) { config.shared_state = redis().url(); ... }
//   StatusOr<RedisReply> r = Command({"EXISTS", "nethical:quota:global"});
//
// A test that needs a server started with options (a password) derives
// and overrides ServerArgs().
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"
#include "engine/shared_state/redis_connection.h"
#include "engine/shared_state/redis_url.h"
#include "gtest/gtest.h"
#include "tests/testing/redis_server.h"

namespace nethical::testing {

class RedisTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StatusOr<std::unique_ptr<RedisServer>> server = RedisServer::Start(ServerArgs());
    ASSERT_TRUE(server.ok()) << server.status().message();
    server_ = std::move(*server);
  }
  virtual std::vector<std::string> ServerArgs() const { return {}; }

  RedisServer& redis() { return *server_; }

  // One command on a new connection of the test's own (as an operator's
  // redis-cli would send it).
  StatusOr<shared_state::RedisReply> Command(const std::vector<std::string_view>& argv,
                                             const shared_state::RedisCredentials& credentials = {}) {
    StatusOr<shared_state::RedisAddress> address = shared_state::ParseRedisUrl(server_->url());
    if (!address.ok()) return address.status();
    StatusOr<std::unique_ptr<shared_state::RedisConnection>> c =
        shared_state::RedisConnection::Connect(*address, 1000, credentials);
    if (!c.ok()) return c.status();
    return (*c)->Command(argv);
  }

 private:
  std::unique_ptr<RedisServer> server_;
};

}  // namespace nethical::testing
