#include "tests/testing/redis_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace nethical::testing {
namespace {

StatusOr<int> EphemeralPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return IoError(std::string("socket: ") + std::strerror(errno));
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    const std::string why = std::strerror(errno);
    close(fd);
    return IoError("bind 127.0.0.1:0: " + why);
  }
  close(fd);
  return static_cast<int>(ntohs(a.sin_port));
}

bool Accepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(fd);
  return ok;
}

}  // namespace

StatusOr<std::unique_ptr<RedisServer>> RedisServer::Start(std::vector<std::string> extra_args) {
  StatusOr<int> port = EphemeralPort();
  if (!port.ok()) return port.status();
  const char* tmp = std::getenv("TEST_TMPDIR");
  std::string dir = std::string(tmp ? tmp : "/tmp") + "/redis.XXXXXX";
  if (mkdtemp(dir.data()) == nullptr) return IoError("mkdtemp " + dir + ": " + std::strerror(errno));
  std::unique_ptr<RedisServer> server(new RedisServer(*port, dir, std::move(extra_args)));
  if (Status s = server->Launch(); !s.ok()) return s;
  return server;
}

Status RedisServer::Launch() {
  const std::string port = std::to_string(port_);
  const std::string log = dir_ + "/redis.log";
  std::vector<std::string> args = {"redis-server", "--port",      port,     "--bind",    "127.0.0.1",
                                   "--dir",        dir_,          "--save", "",          "--appendonly",
                                   "no",           "--daemonize", "no",     "--logfile", log};
  args.insert(args.end(), extra_args_.begin(), extra_args_.end());
  StatusOr<std::unique_ptr<Subprocess>> started = Subprocess::Start(args);
  if (!started.ok())
    return Unavailable(started.status().message() + " (is redis-server installed? bash ci/setup)");
  process_ = std::move(*started);
  // Ready when it accepts connections (it binds within milliseconds).
  for (int i = 0; i < 500; ++i) {
    if (Accepts(port_)) return Status::Ok();
    if (std::optional<int> status = process_->Poll()) {
      process_.reset();
      return Unavailable("redis-server exited at start (status " + std::to_string(*status) +
                         "); log: " + log);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  Kill();
  return Unavailable("redis-server did not accept connections on port " + port + " within 5 s");
}

void RedisServer::Kill() {
  if (process_ == nullptr) return;
  process_->Signal(SIGKILL);
  process_->Wait();
  process_.reset();
}

Status RedisServer::Restart() {
  Kill();
  return Launch();
}

RedisServer::~RedisServer() {
  if (process_ == nullptr) return;
  process_->Signal(SIGTERM);
  process_->Wait();
}

}  // namespace nethical::testing
