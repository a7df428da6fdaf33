// A process that creates an Engine with the audit log on and leaves without
// Shutdown (return from main, or exit()) must exit cleanly: the log's
// exit-time flush signs a tree head after main, which crashed when OpenSSL
// registered its atexit cleanup (it now initialises with
// OPENSSL_INIT_NO_ATEXIT, engine/audit/openssl_init.h).
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "engine/audit/log_verifier.h"
#include "engine/audit/tree_head_signer.h"
#include "engine/base/subprocess.h"
#include "tests/audit/audit_test_util.h"

namespace nethical::audit {
namespace {

// Runs the child to completion; its exit status (Internal: killed by a signal).
StatusOr<int> RunChild(const std::string& storage, const std::string& how) {
  const std::string binary =
      std::string(std::getenv("TEST_SRCDIR")) + "/nethical_cpp/tests/audit/exit_without_shutdown_child";
  return RunCommand({binary, storage, how});
}

void ExpectCleanExitAndAnAnchoredLog(const std::string& how) {
  const std::string storage = testing::NewTempDir();
  const StatusOr<int> status = RunChild(storage, how);
  ASSERT_TRUE(status.ok()) << status.status().message();  // e.g. "killed by signal 6 (Aborted)"
  EXPECT_EQ(*status, 0);
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
