#include "loadgen/atomic_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "loadgen/csv_file.h"

namespace nethical::loadgen {
namespace {

std::string Tmp(const std::string& name) { return std::string(std::getenv("TEST_TMPDIR")) + "/" + name; }

mode_t ModeOf(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

// Under umask(0) fopen() created 0666 files: anyone could read the results.
class UmaskZero : public testing::Test {
 protected:
  void SetUp() override { old_ = umask(0); }
  void TearDown() override { umask(old_); }
  mode_t old_ = 0;
};

TEST_F(UmaskZero, AtomicallyWrittenFilesAreOwnerOnly) {
  const std::string path = Tmp("summary.json");
  ASSERT_TRUE(WriteFileAtomically(path, "{}").ok());
  EXPECT_EQ(ModeOf(path), 0600u);
}

TEST_F(UmaskZero, TheCsvIsOwnerOnlyWhileStreamedAndOnceCommitted) {
  const std::string path = Tmp("rows.csv");
  auto csv = CsvFile::Create(path, "a,b");
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(ModeOf(path + ".tmp"), 0600u);
  ASSERT_TRUE((*csv)->Commit().ok());
  EXPECT_EQ(ModeOf(path), 0600u);
}

TEST_F(UmaskZero, AStaleTemporaryFileOfAnotherModeIsResetTo0600) {
  const std::string path = Tmp("stale.json");
  { std::ofstream(path + ".tmp") << "old"; }
  ASSERT_EQ(chmod((path + ".tmp").c_str(), 0666), 0);
  ASSERT_TRUE(WriteFileAtomically(path, "{}").ok());
  EXPECT_EQ(ModeOf(path), 0600u);
}

TEST(AtomicFileTest, OpenTemporaryFilesAreRemovedForASignalHandler) {
  const std::string path = Tmp("open.csv");
  Status error;
  std::FILE* f = OpenTempFile(path, &error);
  ASSERT_NE(f, nullptr);
  RemoveOpenTempFilesFromSignalHandler();
  EXPECT_NE(access((path + ".tmp").c_str(), F_OK), 0);
  std::fclose(f);
}

TEST(AtomicFileTest, CommittedFilesAreNoLongerRegisteredForRemoval) {
  const std::string path = Tmp("kept.json");
  ASSERT_TRUE(WriteFileAtomically(path, "{}").ok());
  { std::ofstream(path + ".tmp") << "another writer's"; }
  RemoveOpenTempFilesFromSignalHandler();
  EXPECT_EQ(access((path + ".tmp").c_str(), F_OK), 0);
  EXPECT_EQ(access(path.c_str(), F_OK), 0);
}

TEST(AtomicFileTest, AnUnwritablePathIsNamedThroughShownValue) {
  const Status s = WriteFileAtomically("no_such_dir/\x1b[31m.json", "{}");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message().find('\x1b'), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("\\x1b[31m"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace nethical::loadgen
