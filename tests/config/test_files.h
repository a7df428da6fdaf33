// Files for configuration tests: temporary env files under $TEST_TMPDIR and
// read access to runfiles (data dependencies) of the test.
#pragma once

#include <string>
#include <string_view>

namespace nethical::testing {

// $TEST_TMPDIR (or /tmp outside Bazel).
std::string TempDir();

// Writes `content` to a fresh file under $TEST_TMPDIR named `name`; returns its path.
std::string WriteTempFile(std::string_view name, std::string_view content);

// The path of a data dependency of this workspace, e.g. "tight_budget_config.env".
std::string RunfilePath(std::string_view workspace_relative);

// The whole content of a file; fails the current test if it cannot be read.
std::string ReadFileOrFail(const std::string& path);

}  // namespace nethical::testing
