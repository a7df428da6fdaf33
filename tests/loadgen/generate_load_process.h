// Runs the generate_load binary (or another loadgen binary) as a user
// would, from a test: stdout and stderr go to files under $TEST_TMPDIR.
// The test must list the binary (//loadgen:generate_load) in its data.
// Built on the one subprocess runner (engine/base/subprocess.h).
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/base/subprocess.h"

namespace nethical::loadgen {

std::string TmpPath(const std::string& name);
std::string ReadFile(const std::string& path);
// The rows of a CSV file written by generate_load (CRLF lines), header excluded.
size_t CsvRows(const std::string& path);
// generate_load's outputs for a run called `name`, under $TEST_TMPDIR:
// --storage-dir <name>_store, --output <name>.csv, --json-summary
// <name>.json, with the shadow stage and the progress line off.
std::vector<std::string> RunFileArgs(const std::string& name);

struct Process {
  pid_t pid = -1;
  std::string out_path, err_path;
  std::unique_ptr<Subprocess> process;

  // Starts `binary` (a path in the test's runfiles, default
  // loadgen/generate_load) with `args` (and `extra_env` added to the
  // environment); stdout and stderr go to $TEST_TMPDIR/<name>.out/.err.
  void Start(const std::string& name, std::vector<std::string> args, std::vector<std::string> extra_env = {},
             const std::string& binary = "loadgen/generate_load");
  // The exit status, or 128 + the signal that ended it.
  int Wait();
  std::string out() const { return ReadFile(out_path); }
  std::string err() const { return ReadFile(err_path); }
};

// Start then Wait.
int RunToEnd(const std::string& name, std::vector<std::string> args, Process* p,
             std::vector<std::string> extra_env = {});

}  // namespace nethical::loadgen
