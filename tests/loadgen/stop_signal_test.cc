#include "loadgen/stop_signal.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "gtest/gtest.h"
#include "loadgen/csv_file.h"

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

TEST(StopSignalTest, SighupRequestsAStopLikeSigterm) {
  EXPECT_EQ(ExitStatusOfChild([] {
              const std::atomic<bool>& stop = InstallStopSignalHandlers();
              raise(SIGHUP);
              return stop.load() ? 0 : 11;
            }),
            0);
}

// The second signal exits at once: the CSV being streamed must not stay
// behind as "<path>.tmp".
TEST(StopSignalTest, SecondSignalRemovesTheTemporaryFilesBeforeExiting) {
  for (const int sig : {SIGINT, SIGTERM, SIGHUP}) {
    const std::string path =
        std::string(std::getenv("TEST_TMPDIR")) + "/second_" + std::to_string(sig) + ".csv";
    EXPECT_EQ(ExitStatusOfChild([&] {
                InstallStopSignalHandlers();
                auto csv = CsvFile::Create(path, "a,b");
                if (!csv.ok() || access((path + ".tmp").c_str(), F_OK) != 0) return 10;
                raise(sig);
                raise(sig);
                return 0;  // not reached
              }),
              128 + sig);
    EXPECT_NE(access((path + ".tmp").c_str(), F_OK), 0) << sig;
    EXPECT_NE(access(path.c_str(), F_OK), 0) << sig;
  }
}

}  // namespace
}  // namespace nethical::loadgen
