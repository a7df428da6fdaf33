#include "engine/base/utc_timestamp.h"

#include <time.h>

#include <cstdint>
#include <limits>
#include <string>

#include "gtest/gtest.h"

namespace nethical {
namespace {

constexpr int64_t kNewYear2026 = 1'767'225'600'000'000'000LL;

TEST(UtcTimestampTest, PythonIsoformatHasMicrosecondsAndAnOffset) {
  EXPECT_EQ(UtcTimestamp(kNewYear2026 + 123'456'789, kPythonIsoformat), "2026-01-01T00:00:00.123456+00:00");
}

TEST(UtcTimestampTest, PythonIsoformatOmitsAZeroFraction) {
  EXPECT_EQ(UtcTimestamp(kNewYear2026, kPythonIsoformat), "2026-01-01T00:00:00+00:00");
  // Nanoseconds below a microsecond are truncated, so they count as zero.
  EXPECT_EQ(UtcTimestamp(kNewYear2026 + 999, kPythonIsoformat), "2026-01-01T00:00:00+00:00");
}

TEST(UtcTimestampTest, MicrosOffsetKeepsAZeroFraction) {
  EXPECT_EQ(UtcTimestamp(kNewYear2026, kIsoMicrosOffset), "2026-01-01T00:00:00.000000+00:00");
  EXPECT_EQ(UtcTimestamp(kNewYear2026 + 5'000, kIsoMicrosOffset), "2026-01-01T00:00:00.000005+00:00");
}

TEST(UtcTimestampTest, MicrosZEndsWithZ) {
  EXPECT_EQ(UtcTimestamp(kNewYear2026 + 42'000, kIsoMicrosZ), "2026-01-01T00:00:00.000042Z");
}

TEST(UtcTimestampTest, NanosZKeepsAllNineDigits) {
  EXPECT_EQ(UtcTimestamp(kNewYear2026 + 7, kIsoNanosZ), "2026-01-01T00:00:00.000000007Z");
}

TEST(UtcTimestampTest, SecondsZHasNoFraction) {
  EXPECT_EQ(UtcTimestamp(kNewYear2026 + 999'999'999, kIsoSecondsZ), "2026-01-01T00:00:00Z");
}

TEST(UtcTimestampTest, AnInstantBefore1970HasAPositiveFractionOfTheSecondBefore) {
  EXPECT_EQ(UtcTimestamp(-1, kIsoNanosZ), "1969-12-31T23:59:59.999999999Z");
}

TEST(UtcTimestampTest, AppendKeepsWhatIsAlreadyThere) {
  std::string s = "at ";
  AppendUtcTimestamp(kNewYear2026, kIsoSecondsZ, &s);
  EXPECT_EQ(s, "at 2026-01-01T00:00:00Z");
}

TEST(UtcTimestampTest, WriteStaysWithinItsStatedBoundAtTheExtremes) {
  for (const UtcTimestampFormat* format : {&kPythonIsoformat, &kIsoMicrosOffset, &kIsoMicrosZ, &kIsoNanosZ})
    for (int64_t t : {std::numeric_limits<int64_t>::min(), int64_t{-1}, int64_t{0}, kNewYear2026,
                      std::numeric_limits<int64_t>::max()}) {
      char text[128];
      char* end = WriteUtcTimestamp(t, *format, text);
      ASSERT_LE(static_cast<size_t>(end - text), UtcTimestampMaxBytes(*format)) << t;
      EXPECT_EQ(std::string(text, end), UtcTimestamp(t, *format));
    }
  EXPECT_EQ(UtcTimestamp(std::numeric_limits<int64_t>::max(), kIsoNanosZ), "2262-04-11T23:47:16.854775807Z");
  EXPECT_EQ(UtcTimestamp(std::numeric_limits<int64_t>::min(), kIsoNanosZ), "1677-09-21T00:12:43.145224192Z");
}

// Property: the arithmetic civil-date conversion agrees with gmtime_r over
// a wide range of instants (before 1970 included).
TEST(UtcTimestampTest, AgreesWithGmtimeOverCenturies) {
  for (int64_t secs = -4'000'000'000LL; secs < 8'000'000'000LL; secs += 86'399 * 37 + 11) {
    const time_t t = static_cast<time_t>(secs);
    struct tm tm;
    gmtime_r(&t, &tm);
    char want[32];
    strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%SZ", &tm);
    ASSERT_EQ(UtcTimestamp(secs * 1'000'000'000, kIsoSecondsZ), want) << secs;
  }
}

// The thread's last second is kept rendered: instants that alternate
// between seconds (and days, and years) each get their own.
TEST(UtcTimestampTest, AlternatingSecondsEachGetTheirOwnDateAndTime) {
  const int64_t late = kNewYear2026 - 1'000;  // 2025-12-31T23:59:59.999999000
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(UtcTimestamp(late, kIsoMicrosZ), "2025-12-31T23:59:59.999999Z");
    EXPECT_EQ(UtcTimestamp(kNewYear2026, kIsoMicrosZ), "2026-01-01T00:00:00.000000Z");
    EXPECT_EQ(UtcTimestamp(kNewYear2026 + 1'500'000'000, kIsoMicrosZ), "2026-01-01T00:00:01.500000Z");
  }
}

}  // namespace
}  // namespace nethical
