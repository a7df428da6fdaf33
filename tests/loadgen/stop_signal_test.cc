#include "loadgen/stop_signal.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gtest/gtest.h"

namespace nethical::loadgen {
namespace {

// Runs `body` in a child process; returns its exit status.
template <typename Body>
int ExitStatusOfChild(Body body) {
  const pid_t pid = fork();
  if (pid == 0) _exit(body());
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(StopSignalTest, FirstSignalOnlyRequestsAStop) {
  EXPECT_EQ(ExitStatusOfChild([] {
              const std::atomic<bool>& stop = InstallStopSignalHandlers();
              if (stop.load()) return 10;
              raise(SIGTERM);
              return stop.load() ? 0 : 11;
            }),
            0);
}

TEST(StopSignalTest, SecondSignalExitsAtOnceWith128PlusSignal) {
  EXPECT_EQ(ExitStatusOfChild([] {
              InstallStopSignalHandlers();
              raise(SIGINT);
              raise(SIGINT);
              return 0;  // not reached
            }),
            128 + SIGINT);
}

}  // namespace
}  // namespace nethical::loadgen
