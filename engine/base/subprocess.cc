#include "engine/base/subprocess.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <optional>
#include <utility>

extern char** environ;

namespace nethical {
namespace {

std::vector<char*> NullTerminated(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (std::string& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

void CloseAll(std::initializer_list<int> fds) {
  for (int fd : fds)
    if (fd >= 0) ::close(fd);
}

}  // namespace

StatusOr<std::unique_ptr<Subprocess>> Subprocess::Start(const std::vector<std::string>& argv,
                                                        const SubprocessOptions& options) {
  if (argv.empty()) return InvalidArgument("Subprocess: empty argument list");
  std::vector<std::string> args = argv;
  std::vector<std::string> env;
  if (options.environment != nullptr) {
    env = *options.environment;
  } else {
    for (char** e = environ; *e != nullptr; ++e) env.emplace_back(*e);
  }
  env.insert(env.end(), options.extra_environment.begin(), options.extra_environment.end());
  std::vector<char*> arg_pointers = NullTerminated(args);
  std::vector<char*> env_pointers = NullTerminated(env);

  int out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1};
  if ((options.standard_output != nullptr && ::pipe2(out_pipe, O_CLOEXEC) != 0) ||
      (options.standard_error != nullptr && ::pipe2(err_pipe, O_CLOEXEC) != 0)) {
    const std::string why = strerror(errno);
    CloseAll({out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]});
    return IoError(argv[0] + ": pipe: " + why);
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const auto route = [&](int target, int pipe_write_end, const std::string& path) {
    if (pipe_write_end >= 0) {
      posix_spawn_file_actions_adddup2(&actions, pipe_write_end, target);
    } else if (!path.empty()) {
      posix_spawn_file_actions_addopen(&actions, target, path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    }
  };
  if (!options.stdin_path.empty())
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, options.stdin_path.c_str(), O_RDONLY, 0);
  route(STDOUT_FILENO, out_pipe[1], options.stdout_path);
  route(STDERR_FILENO, err_pipe[1], options.stderr_path);
  pid_t pid = -1;
  const int spawn_error =
      posix_spawnp(&pid, arg_pointers[0], &actions, nullptr, arg_pointers.data(), env_pointers.data());
  posix_spawn_file_actions_destroy(&actions);
  CloseAll({out_pipe[1], err_pipe[1]});
  if (spawn_error != 0) {
    CloseAll({out_pipe[0], err_pipe[0]});
    return NotFound(argv[0] + ": cannot run: " + strerror(spawn_error));
  }
  return std::unique_ptr<Subprocess>(new Subprocess(argv[0], pid, out_pipe[0], err_pipe[0], options));
}

Subprocess::Subprocess(std::string name, pid_t pid, int out_fd, int err_fd, SubprocessOptions options)
    : name_(std::move(name)), pid_(pid), out_fd_(out_fd), err_fd_(err_fd), options_(std::move(options)) {}

Subprocess::~Subprocess() {
  if (!waited_) {
    ::kill(pid_, SIGKILL);
    static_cast<void>(Wait());  // the status of a killed program is of no use here
  }
}

void Subprocess::Signal(int signal) {
  if (!waited_) ::kill(pid_, signal);
}

int Subprocess::Wait() {
  if (waited_) return status_;
  // Both pipes at once: a program that fills one while we block on the
  // other would never end.
  struct Capture {
    int& fd;
    std::string* into;
  } captures[] = {{out_fd_, options_.standard_output}, {err_fd_, options_.standard_error}};
  for (;;) {
    pollfd fds[2];
    int n = 0;
    for (const Capture& c : captures)
      if (c.fd >= 0) fds[n++] = {c.fd, POLLIN, 0};
    if (n == 0) break;
    if (::poll(fds, n, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (Capture& c : captures) {
      if (c.fd < 0) continue;
      char buffer[4096];
      for (int i = 0; i < n; ++i) {
        if (fds[i].fd != c.fd || fds[i].revents == 0) continue;
        const ssize_t got = ::read(c.fd, buffer, sizeof buffer);
        if (got > 0) {
          c.into->append(buffer, static_cast<size_t>(got));
        } else if (got == 0 || errno != EINTR) {
          ::close(c.fd);
          c.fd = -1;
        }
      }
    }
  }
  CloseAll({out_fd_, err_fd_});
  out_fd_ = err_fd_ = -1;
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  Reaped(status);
  return status_;
}

std::optional<int> Subprocess::Poll() {
  if (waited_) return status_;
  int status = 0;
  pid_t got;
  while ((got = ::waitpid(pid_, &status, WNOHANG)) < 0 && errno == EINTR) {
  }
  if (got != pid_) return std::nullopt;
  Reaped(status);
  return status_;
}

void Subprocess::Reaped(int wait_status) {
  waited_ = true;
  if (WIFSIGNALED(wait_status)) {
    term_signal_ = WTERMSIG(wait_status);
    status_ = 128 + term_signal_;
  } else {
    status_ = WEXITSTATUS(wait_status);
  }
}

std::optional<size_t> Subprocess::WaitAny(const std::vector<Subprocess*>& running) {
  for (;;) {
    bool any = false;
    for (const Subprocess* p : running) any = any || !p->waited_;
    if (!any) return std::nullopt;
    int status = 0;
    // Only this process's children: waitpid(-1) would also reap a child
    // started elsewhere in the process, so each is polled in turn, and the
    // wait blocks on the first one still running.
    for (size_t i = 0; i < running.size(); ++i) {
      Subprocess* p = running[i];
      if (p->waited_) continue;
      const pid_t got = ::waitpid(p->pid_, &status, WNOHANG);
      if (got == p->pid_) {
        p->Reaped(status);
        return i;
      }
    }
    // None has ended yet: sleep until some child changes state (without
    // reaping it), then look again.
    siginfo_t info{};
    if (::waitid(P_ALL, 0, &info, WEXITED | WNOWAIT) != 0 && errno != EINTR) return std::nullopt;
  }
}

StatusOr<int> RunCommand(const std::vector<std::string>& argv, const SubprocessOptions& options) {
  StatusOr<std::unique_ptr<Subprocess>> p = Subprocess::Start(argv, options);
  if (!p.ok()) return p.status();
  const int status = (*p)->Wait();
  if (const int sig = (*p)->term_signal(); sig != 0)
    return Internal(argv[0] + ": killed by signal " + std::to_string(sig) + " (" + strsignal(sig) + ")");
  return status;
}

}  // namespace nethical
