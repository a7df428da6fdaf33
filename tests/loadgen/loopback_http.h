// A minimal HTTP/1.0 GET over loopback for tests that scrape what the
// program under test serves (the /metrics endpoint). No redirects, no TLS.
#pragma once

#include <string>

namespace nethical::loadgen {

struct HttpResponse {
  int status = 0;       // 0: could not connect or no status line
  std::string headers;  // the header block, status line included
  std::string body;
};

// GET http://<host>:<port><path>; host is a numeric IPv4 address.
HttpResponse HttpGet(const std::string& host, int port, const std::string& path);

// Runs `promtool check metrics` on `text` (promtool must be on PATH: ci/setup
// installs Debian's prometheus package). Returns promtool's exit status
// (-1 if it could not be run) and its output in *output.
int PromtoolCheckMetrics(const std::string& text, std::string* output);

}  // namespace nethical::loadgen
