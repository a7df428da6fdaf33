#include "loadgen/progress_reporter.h"

#include "gtest/gtest.h"

namespace nethical::loadgen {
namespace {

TEST(ProgressReporterTest, LineShowsElapsedCountsRateP99ErrorsAndLateSends) {
  EXPECT_EQ(ProgressLine(12.04, 24000, 120000, 2000.34, 1.838, 2, 3),
            "[   12.0s] 24000/120000 sent  2000.3/s  p99 1.84ms  errors 2  late 3");
}

}  // namespace
}  // namespace nethical::loadgen
