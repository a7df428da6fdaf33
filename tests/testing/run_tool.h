// RunTool: runs one of the project's binaries from a test (a data
// dependency, named by its runfiles path such as "loadgen/merge_results")
// to its end, capturing what it prints; for the tests of a tool's command
// line (one-line errors, exit 2, --help).
//
//   const ToolRun r = RunTool("loadgen/merge_results", {"--json-sumary=x"});
//   EXPECT_EQ(r.status, 2);
//   EXPECT_EQ(r.err, "merge_results: unknown flag --json-sumary; ...\n");
#pragma once

#include <string>
#include <vector>

#include "engine/base/subprocess.h"
#include "gtest/gtest.h"

namespace nethical::testutil {

struct ToolRun {
  int status = -1;  // the exit status; -1 when it could not run or died of a signal
  std::string out, err;
};

// stdout and stderr are captured, unless `options` sends stdout to a file.
inline ToolRun RunTool(const std::string& binary, const std::vector<std::string>& args,
                       SubprocessOptions options = {}) {
  std::vector<std::string> argv = {binary};
  argv.insert(argv.end(), args.begin(), args.end());
  ToolRun r;
  if (options.stdout_path.empty()) options.standard_output = &r.out;
  options.standard_error = &r.err;
  const StatusOr<int> rc = RunCommand(argv, options);
  EXPECT_TRUE(rc.ok()) << rc.status().message();
  r.status = rc.ok() ? *rc : -1;
  return r;
}

}  // namespace nethical::testutil
