#include "engine/base/ascii.h"

#include <string>

#include "gtest/gtest.h"

namespace nethical {
namespace {

TEST(IsAscii, AcceptsEmptyAndAsciiTextsOfEveryLength) {
  EXPECT_TRUE(IsAscii(""));
  for (size_t n = 1; n <= 80; ++n) EXPECT_TRUE(IsAscii(std::string(n, '~'))) << n;
}

TEST(IsAscii, FindsOneHighByteAtAnyPosition) {
  for (size_t n : {1u, 7u, 8u, 31u, 32u, 33u, 40u, 71u}) {
    for (size_t at = 0; at < n; ++at) {
      std::string text(n, 'a');
      text[at] = '\x80';
      EXPECT_FALSE(IsAscii(text)) << n << " " << at;
    }
  }
}

TEST(IsAscii, RejectsUtf8) { EXPECT_FALSE(IsAscii("caf\xc3\xa9")); }

}  // namespace
}  // namespace nethical
