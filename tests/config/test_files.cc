#include "tests/config/test_files.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace nethical::testing {

namespace {
std::string EnvOr(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v != nullptr ? v : fallback;
}
}  // namespace

std::string TempDir() { return EnvOr("TEST_TMPDIR", "/tmp"); }

std::string WriteTempFile(std::string_view name, std::string_view content) {
  std::string path = TempDir() + "/" + std::string(name);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  EXPECT_TRUE(out.good()) << "cannot write " << path;
  return path;
}

std::string RunfilePath(std::string_view workspace_relative) {
  return EnvOr("TEST_SRCDIR", ".") + "/nethical_cpp/" + std::string(workspace_relative);
}

std::string ReadFileOrFail(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace nethical::testing
