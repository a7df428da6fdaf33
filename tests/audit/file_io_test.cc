// ReadFileInto (engine/audit/file_io.h): how the audit readers read files.
#include "engine/audit/file_io.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/audit/audit_test_util.h"

namespace nethical::audit {
namespace {

using testing::NewTempDir;
using testing::WriteFile;

std::string Bytes(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>(i * 131 + 7);
  return s;
}

TEST(FileIoTest, ReadFileIntoReadsTheWholeFile) {
  const std::string path = NewTempDir() + "/f";
  const std::string want = Bytes(300'000);
  WriteFile(path, want);
  std::string got = "old contents";
  ASSERT_TRUE(ReadFileInto(path, &got).ok());
  EXPECT_EQ(got, want);
}

TEST(FileIoTest, ReadFileIntoStopsAtMaxBytes) {
  const std::string path = NewTempDir() + "/f";
  WriteFile(path, Bytes(10'000));
  std::string got;
  ASSERT_TRUE(ReadFileInto(path, &got, 100).ok());
  EXPECT_EQ(got, Bytes(10'000).substr(0, 100));
  ASSERT_TRUE(ReadFileInto(path, &got, 1'000'000).ok());
  EXPECT_EQ(got.size(), 10'000u);
}

TEST(FileIoTest, ReadFileIntoReusesTheBufferForFilesThatFit) {
  const std::string dir = NewTempDir();
  WriteFile(dir + "/big", Bytes(1 << 20));
  WriteFile(dir + "/small", Bytes(5000));
  std::string buffer;
  ASSERT_TRUE(ReadFileInto(dir + "/big", &buffer).ok());
  const char* storage = buffer.data();
  ASSERT_TRUE(ReadFileInto(dir + "/small", &buffer).ok());
  EXPECT_EQ(buffer, Bytes(5000));
  ASSERT_TRUE(ReadFileInto(dir + "/big", &buffer).ok());
  EXPECT_EQ(buffer, Bytes(1 << 20));
  EXPECT_EQ(buffer.data(), storage) << "the buffer was reallocated";
}

TEST(FileIoTest, ReadFileIntoReadsPastTheSizeTheFileHadWhenOpened) {
  // /proc files report size 0 and hold text: everything is read past fstat's size.
  std::string got;
  // (smaps: a line block per mapping, many KiB for any process.)
  ASSERT_TRUE(ReadFileInto("/proc/self/smaps", &got).ok());
  EXPECT_NE(got.find("Rss:"), std::string::npos) << got.size() << " bytes";
  EXPECT_GT(got.size(), 4096u) << "stopped after the first small read";
}

TEST(FileIoTest, ReadFileIntoNamesAFileItCannotOpen) {
  std::string got = "x";
  const Status s = ReadFileInto(NewTempDir() + "/missing", &got);
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_NE(s.message().find("missing"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace nethical::audit
