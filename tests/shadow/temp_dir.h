// A fresh directory under $TEST_TMPDIR for one test.
#pragma once

#include <cstdlib>
#include <string>

namespace nethical::testing {

inline std::string MakeTempDir() {
  const char* base = std::getenv("TEST_TMPDIR");
  std::string tmpl = std::string(base ? base : "/tmp") + "/shadowXXXXXX";
  return std::string(::mkdtemp(tmpl.data()));
}

}  // namespace nethical::testing
