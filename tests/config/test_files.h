// Inputs for configuration tests: temporary env files under $TEST_TMPDIR,
// read access to runfiles (data dependencies) of the test, and a fake
// process environment.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nethical::testing {

// $TEST_TMPDIR (or /tmp outside Bazel).
std::string TempDir();

// Writes `content` to a fresh file under $TEST_TMPDIR named `name`; returns its path.
std::string WriteTempFile(std::string_view name, std::string_view content);

// The path of a data dependency of this workspace, e.g. "tight_budget_config.env".
std::string RunfilePath(std::string_view workspace_relative);

// The whole content of a file; fails the current test if it cannot be read.
std::string ReadFileOrFail(const std::string& path);

// A null-terminated envp array owning its strings ("KEY=VALUE" entries).
class FakeEnvironment {
 public:
  explicit FakeEnvironment(std::vector<std::string> entries) : entries_(std::move(entries)) {
    for (const std::string& e : entries_) pointers_.push_back(e.c_str());
    pointers_.push_back(nullptr);
  }
  const char* const* envp() const { return pointers_.data(); }

 private:
  std::vector<std::string> entries_;
  std::vector<const char*> pointers_;
};

}  // namespace nethical::testing
