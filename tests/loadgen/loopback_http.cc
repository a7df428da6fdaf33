#include "tests/loadgen/loopback_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "engine/base/subprocess.h"

namespace nethical::loadgen {

HttpResponse HttpGet(const std::string& host, int port, const std::string& path) {
  HttpResponse r;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return r;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1 ||
      connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return r;
  }
  const std::string request = "GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n";
  size_t sent = 0;
  while (sent < request.size()) {
    const ssize_t n = write(fd, request.data() + sent, request.size() - sent);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string all;
  char buf[8192];
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) all.append(buf, static_cast<size_t>(n));
  close(fd);
  const size_t split = all.find("\r\n\r\n");
  if (split == std::string::npos || all.rfind("HTTP/", 0) != 0) return r;
  r.headers = all.substr(0, split);
  r.body = all.substr(split + 4);
  r.status = std::atoi(all.c_str() + all.find(' ') + 1);
  return r;
}

int PromtoolCheckMetrics(const std::string& text, std::string* output) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  const std::string in = std::string(tmp ? tmp : "/tmp") + "/promtool_input.txt";
  { std::ofstream(in, std::ios::binary) << text; }
  std::string err;
  output->clear();
  const StatusOr<int> status =
      RunCommand({"promtool", "check", "metrics"},
                 {.standard_output = output, .standard_error = &err, .stdin_path = in});
  output->append(err);
  return status.ok() ? *status : -1;
}

}  // namespace nethical::loadgen
