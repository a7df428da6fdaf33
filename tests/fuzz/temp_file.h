// A scratch directory per fuzzing process (under $TEST_TMPDIR when Bazel
// runs the replay test, else the system temp directory), removed at exit,
// for targets whose parser reads files: env files, workload files, audit
// segments.
//
//   const std::string& dir = ScratchDir();
//   WriteFileOrDie(dir + "/in.env", bytes);
#pragma once

#include <string>
#include <string_view>

namespace nethical::fuzz {

// Created on first use; the same directory for the life of the process.
const std::string& ScratchDir();

// Writes `bytes` to `path` (replacing it); aborts on any error, which is a
// harness failure, not a finding.
void WriteFileOrDie(const std::string& path, std::string_view bytes);

}  // namespace nethical::fuzz
