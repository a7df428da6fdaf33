#include "bench/compare/run_command.h"

#include <errno.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

extern char** environ;

namespace nethical::bench {

namespace {

std::vector<char*> NullTerminated(const std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (const std::string& s : strings) pointers.push_back(const_cast<char*>(s.c_str()));
  pointers.push_back(nullptr);
  return pointers;
}

}  // namespace

StatusOr<int> RunCommand(const std::vector<std::string>& argv, std::string* standard_output,
                         const std::vector<std::string>* environment) {
  if (argv.empty()) return InvalidArgument("RunCommand: empty argument list");
  std::vector<char*> args = NullTerminated(argv);
  std::vector<char*> env;
  if (environment != nullptr) env = NullTerminated(*environment);

  int pipe_fds[2] = {-1, -1};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (standard_output != nullptr) {
    if (pipe(pipe_fds) != 0) {
      posix_spawn_file_actions_destroy(&actions);
      return Internal(std::string("pipe: ") + std::strerror(errno));
    }
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
  }
  pid_t pid = 0;
  const int spawn_error = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(),
                                        environment != nullptr ? env.data() : environ);
  posix_spawn_file_actions_destroy(&actions);
  if (standard_output != nullptr) close(pipe_fds[1]);
  if (spawn_error != 0) {
    if (standard_output != nullptr) close(pipe_fds[0]);
    return NotFound(argv[0] + ": cannot run: " + std::strerror(spawn_error));
  }
  if (standard_output != nullptr) {
    char buffer[4096];
    for (;;) {
      const ssize_t n = read(pipe_fds[0], buffer, sizeof(buffer));
      if (n > 0) {
        standard_output->append(buffer, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        break;
      }
    }
    close(pipe_fds[0]);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return Internal(argv[0] + ": waitpid: " + std::strerror(errno));
  }
  if (WIFSIGNALED(status)) {
    return Internal(argv[0] + ": killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
                    strsignal(WTERMSIG(status)) + ")");
  }
  return WEXITSTATUS(status);
}

}  // namespace nethical::bench
