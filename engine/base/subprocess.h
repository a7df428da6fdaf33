// Subprocess: the one way the project starts another program (tools,
// tests, benchmarks), with no shell in between: arguments are passed as
// they are, never re-split or expanded, and argv[0] is searched in $PATH
// when it has no slash.
//
//   // To the end, capturing what it prints:
//   std::string out, err;
//   StatusOr<int> rc = RunCommand({"promtool", "check", "metrics"}, {.standard_output = &out,
//                                                                    .standard_error = &err});
//   // In the background, then stopped:
//   auto p = Subprocess::Start({"redis-server", "--port", "0"}, {.stdout_path = "redis.log"});
//   ...
//   (*p)->Signal(SIGTERM);
//   const int status = (*p)->Wait();   // 0..255, or 128 + the signal
#pragma once

#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/status.h"

namespace nethical {

struct SubprocessOptions {
  // Captured into these strings when set (read until the program closes
  // them); otherwise see the paths below.
  std::string* standard_output = nullptr;
  std::string* standard_error = nullptr;
  // Written to these files (created or truncated, mode 0600) when set and
  // not captured; otherwise inherited from this process.
  std::string stdout_path = {};
  std::string stderr_path = {};
  // Read from this file when set; otherwise stdin is inherited.
  std::string stdin_path = {};
  // "NAME=value" entries: the whole environment when set, else this
  // process's; `extra_environment` is added to either.
  const std::vector<std::string>* environment = nullptr;
  std::vector<std::string> extra_environment = {};
};

class Subprocess {
 public:
  // Starts argv. Errors: InvalidArgument for an empty argv; NotFound when
  // the program cannot be started (the message names it and why); IoError
  // when an output file or pipe cannot be made.
  static StatusOr<std::unique_ptr<Subprocess>> Start(const std::vector<std::string>& argv,
                                                     const SubprocessOptions& options = {});
  // A program still running is killed (SIGKILL) and reaped.
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  pid_t pid() const { return pid_; }
  // Sends `signal`; nothing once the program has been waited for.
  void Signal(int signal);
  // Reads the captured output to its end, then waits for the program: its
  // exit status 0..255, or 128 + the signal that ended it (as a shell says).
  // Again after the first call: the same status.
  int Wait();
  // Without blocking: the exit status (as Wait's) if the program has ended,
  // which then counts as waited for; nullopt while it runs. For a caller
  // that waits for something else (a port to open) as long as the program
  // lives. REQUIRES: no output captured (Wait reads captures).
  std::optional<int> Poll();
  // The signal that ended the program, 0 when it exited (after Wait).
  int term_signal() const { return term_signal_; }

  // Waits for whichever of `running` ends first (none of them captures
  // output) and returns its index; it then counts as waited for (Wait()
  // gives its status). nullopt when none is left running. For a launcher
  // that must react to the first child to fail. REQUIRES: this process has
  // no other child left unreaped (it would wake the wait over and over).
  static std::optional<size_t> WaitAny(const std::vector<Subprocess*>& running);

 private:
  Subprocess(std::string name, pid_t pid, int out_fd, int err_fd, SubprocessOptions options);
  void Reaped(int wait_status);

  std::string name_;
  pid_t pid_;
  int out_fd_, err_fd_;  // capture pipes, -1 when not captured
  SubprocessOptions options_;
  bool waited_ = false;
  int status_ = 0;
  int term_signal_ = 0;
};

// Start then Wait. The exit status 0..255; Internal when the program was
// killed by a signal (the message names the signal).
StatusOr<int> RunCommand(const std::vector<std::string>& argv, const SubprocessOptions& options = {});

}  // namespace nethical
