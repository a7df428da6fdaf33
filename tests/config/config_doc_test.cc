// docs/config.md carries the key table generated from AllConfigKeys.
#include <gtest/gtest.h>

#include "tests/config/key_table_markdown.h"
#include "tests/config/test_files.h"

namespace nethical::testing {
namespace {

TEST(ConfigDoc, KeyTableMatchesAllConfigKeys) {
  std::string doc = ReadFileOrFail(RunfilePath("tests/config/config_md_link.md"));
  size_t begin = doc.find(kKeyTableBegin);
  size_t end = doc.find(kKeyTableEnd);
  ASSERT_NE(begin, std::string::npos) << "marker missing: " << kKeyTableBegin;
  ASSERT_NE(end, std::string::npos) << "marker missing: " << kKeyTableEnd;
  begin += kKeyTableBegin.size() + 1;  // the marker's newline
  ASSERT_LE(begin, end);
  EXPECT_EQ(doc.substr(begin, end - begin), KeyTableMarkdown())
      << "docs/config.md is out of date; regenerate the table with "
         "bazel run //tests/config:print_key_table";
}

}  // namespace
}  // namespace nethical::testing
