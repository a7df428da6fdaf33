// RedisServer: a redis-server (redis-server from PATH; ci/setup installs it)
// that a test starts on an ephemeral loopback port, in its own temporary
// directory, without persistence, and stops (destructor, or Kill()).
//
//   StatusOr<std::unique_ptr<RedisServer>> redis = RedisServer::Start();
//   ASSERT_TRUE(redis.ok()) << redis.status().message();
//   config.shared_state = (*redis)->url();        // "redis://127.0.0.1:PORT"
//   (*redis)->Kill();                             // a server lost mid-run
//   ASSERT_TRUE((*redis)->Restart().ok());        // back, same port, empty
//
// The port is one the kernel handed out for a socket bound to port 0 and
// closed again just before the server binds it. Tests use it through the
// RedisTest fixture (tests/testing/redis_test.h); the benchmark directly.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/base/status.h"
#include "engine/base/subprocess.h"

namespace nethical::testing {

class RedisServer {
 public:
  // `extra_args`: more redis-server options, e.g. {"--requirepass", "pw"}.
  static StatusOr<std::unique_ptr<RedisServer>> Start(std::vector<std::string> extra_args = {});
  ~RedisServer();

  int port() const { return port_; }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
  // SIGKILL, then reaps the process.
  void Kill();
  // Starts a new, empty server on the same port.
  Status Restart();

 private:
  RedisServer(int port, std::string dir, std::vector<std::string> extra_args)
      : port_(port), dir_(std::move(dir)), extra_args_(std::move(extra_args)) {}
  Status Launch();

  int port_;
  std::string dir_;
  std::vector<std::string> extra_args_;
  std::unique_ptr<Subprocess> process_;  // null when not running
};

}  // namespace nethical::testing
