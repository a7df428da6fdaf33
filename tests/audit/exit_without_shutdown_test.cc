// A process that creates an Engine with the audit log on and leaves without
// Shutdown (return from main, or exit()) must exit cleanly: the log's
// exit-time flush signs a tree head after main, which crashed when OpenSSL
// registered its atexit cleanup (it now initialises with
// OPENSSL_INIT_NO_ATEXIT, engine/audit/openssl_init.h).
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

#include "engine/audit/log_verifier.h"
#include "engine/audit/tree_head_signer.h"
#include "tests/audit/audit_test_util.h"

namespace nethical::audit {
namespace {

// Runs the child to completion; returns its wait status.
int RunChild(const std::string& storage, const std::string& how) {
  const std::string binary = std::string(std::getenv("TEST_SRCDIR")) +
                             "/nethical_cpp/tests/audit/exit_without_shutdown_child";
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execl(binary.c_str(), binary.c_str(), storage.c_str(), how.c_str(), nullptr);
    _exit(127);
  }
  int wstatus = 0;
  EXPECT_EQ(::waitpid(pid, &wstatus, 0), pid);
  return wstatus;
}

void ExpectCleanExitAndAnAnchoredLog(const std::string& how) {
  const std::string storage = testing::NewTempDir();
  const int wstatus = RunChild(storage, how);
  ASSERT_FALSE(WIFSIGNALED(wstatus)) << "child died of signal " << WTERMSIG(wstatus);
  ASSERT_TRUE(WIFEXITED(wstatus));
  EXPECT_EQ(WEXITSTATUS(wstatus), 0);
  // The exit-time flush anchored every record.
  const std::string dir = storage + "/default/audit";
  VerifyReport report;
  const Status s = VerifyLog(dir, dir + "/" + kPublicKeyFile, &report);
  EXPECT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(report.records, 50u);
}

TEST(ExitWithoutShutdownTest, ReturningFromMainWithALiveEngineDoesNotCrash) {
  ExpectCleanExitAndAnAnchoredLog("return");
}

TEST(ExitWithoutShutdownTest, CallingExitWithALiveEngineDoesNotCrash) {
  ExpectCleanExitAndAnAnchoredLog("exit");
}

}  // namespace
}  // namespace nethical::audit
