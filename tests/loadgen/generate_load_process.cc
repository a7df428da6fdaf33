#include "tests/loadgen/generate_load_process.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"

namespace nethical::loadgen {

std::string TmpPath(const std::string& name) { return std::string(std::getenv("TEST_TMPDIR")) + "/" + name; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

size_t CsvRows(const std::string& path) {
  const std::string rows = ReadFile(path);
  size_t lines = 0;
  for (size_t at = 0; (at = rows.find("\r\n", at)) != std::string::npos; at += 2) ++lines;
  return lines - 1;  // the header
}

std::vector<std::string> RunFileArgs(const std::string& name) {
  return {"--storage-dir",  TmpPath(name + "_store"), "--output",    TmpPath(name + ".csv"),
          "--json-summary", TmpPath(name + ".json"),  "--no-shadow", "--no-progress"};
}

void Process::Start(const std::string& name, std::vector<std::string> args,
                    std::vector<std::string> extra_env, const std::string& binary) {
  out_path = TmpPath(name + ".out");
  err_path = TmpPath(name + ".err");
  // The binary's path is relative to the test's runfiles directory.
  args.insert(args.begin(), std::string(std::getenv("TEST_SRCDIR")) + "/nethical_cpp/" + binary);
  StatusOr<std::unique_ptr<Subprocess>> started = Subprocess::Start(
      args, {.stdout_path = out_path, .stderr_path = err_path, .extra_environment = std::move(extra_env)});
  ASSERT_TRUE(started.ok()) << started.status().message();
  process = std::move(*started);
  pid = process->pid();
}

int Process::Wait() { return process != nullptr ? process->Wait() : -1; }

int RunToEnd(const std::string& name, std::vector<std::string> args, Process* p,
             std::vector<std::string> extra_env) {
  p->Start(name, std::move(args), std::move(extra_env));
  return p->Wait();
}

}  // namespace nethical::loadgen
