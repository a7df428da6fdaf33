#include "tests/loadgen/generate_load_process.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"

extern char** environ;

namespace nethical::loadgen {

std::string TmpPath(const std::string& name) { return std::string(std::getenv("TEST_TMPDIR")) + "/" + name; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void Process::Start(const std::string& name, std::vector<std::string> args,
                    std::vector<std::string> extra_env) {
  out_path = TmpPath(name + ".out");
  err_path = TmpPath(name + ".err");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  args.insert(args.begin(), "loadgen/generate_load");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (char** e = environ; *e != nullptr; ++e) envp.push_back(*e);
  for (std::string& e : extra_env) envp.push_back(e.data());
  envp.push_back(nullptr);
  // The binary's path is relative to the test's runfiles directory.
  const std::string binary = std::string(std::getenv("TEST_SRCDIR")) + "/nethical_cpp/" + args[0];
  ASSERT_EQ(posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), envp.data()), 0);
  posix_spawn_file_actions_destroy(&actions);
}

int Process::Wait() {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int RunToEnd(const std::string& name, std::vector<std::string> args, Process* p,
             std::vector<std::string> extra_env) {
  p->Start(name, std::move(args), std::move(extra_env));
  return p->Wait();
}

}  // namespace nethical::loadgen
