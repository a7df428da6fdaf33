// The progress line: its figures, the ETA, and how it is written (rewritten
// in place on a terminal, a plain line every 10 s otherwise). Driven by the
// monitor's SampleNow() with a FakeClock; output goes to a memory stream.
#include "loadgen/progress_reporter.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "gtest/gtest.h"
#include "loadgen/run_monitor.h"
#include "tests/testing/fake_clock.h"

namespace nethical::loadgen {
namespace {

TEST(ProgressLineTest, ShowsElapsedOfSpanCountsRateVsTargetP99ErrorsLateAndEta) {
  ProgressFigures f;
  f.elapsed_s = 12.04, f.span_s = 60, f.completed = 24000, f.planned = 120000;
  f.rate = 2000.34, f.target_rps = 2000, f.p99_ms = 1.838, f.errors = 2, f.late = 3, f.eta_s = 48;
  EXPECT_EQ(
      ProgressLine(f),
      "[   12.0s/60.0s] 24000/120000 sent  2000.3/s of 2000.0/s  p99 1.84ms  errors 2  late 3  ETA 48s");
}

TEST(ProgressLineTest, LongEtasInMinutesAndHours) {
  ProgressFigures f;
  f.eta_s = 125;
  EXPECT_NE(ProgressLine(f).find("ETA 2m05s"), std::string::npos);
  f.eta_s = 3 * 3600 + 7 * 60;
  EXPECT_NE(ProgressLine(f).find("ETA 3h07m"), std::string::npos);
  f.eta_s.reset();
  EXPECT_NE(ProgressLine(f).find("ETA ?"), std::string::npos);
}

TEST(EstimateSecondsLeftTest, OnScheduleIsTheSpanLeft) {
  EXPECT_DOUBLE_EQ(*EstimateSecondsLeft(10, 60, 66, 100'000, 2000), 50);
}

TEST(EstimateSecondsLeftTest, BehindScheduleIsTheSendsLeftAtTheCurrentRate) {
  // 100,000 left at 1,000/s: 100 s, but sending stops at the deadline.
  EXPECT_DOUBLE_EQ(*EstimateSecondsLeft(10, 60, 200, 100'000, 1000), 100);
  EXPECT_DOUBLE_EQ(*EstimateSecondsLeft(10, 60, 66, 100'000, 1000), 56);
}

TEST(EstimateSecondsLeftTest, StalledPastTheSpanWaitsForTheDeadline) {
  EXPECT_DOUBLE_EQ(*EstimateSecondsLeft(61, 60, 66, 5, 0), 5);
  EXPECT_FALSE(EstimateSecondsLeft(70, 60, 66, 5, 0).has_value());
  EXPECT_DOUBLE_EQ(*EstimateSecondsLeft(70, 60, 66, 0, 0), 0);
}

class ProgressReporterTest : public ::testing::Test {
 protected:
  ProgressReporterTest()
      : recorder_(1, RecorderOptions{}, nullptr, clock_), monitor_(recorder_, clock_, 1'000'000'000) {
    out_ = open_memstream(&buf_, &len_);
  }
  ~ProgressReporterTest() override {
    std::fclose(out_);
    std::free(buf_);
  }
  ProgressOptions Options() {
    ProgressOptions o;
    o.planned = 1000;
    o.span_s = 100;
    o.deadline_s = 110;
    o.target_at = [](double) { return 10.0; };
    return o;
  }
  void Complete(int n) {
    for (int i = 0; i < n; ++i) {
      Sample s;
      s.finished_ns = clock_.NowNanos();
      s.intended_ns = s.started_ns = s.finished_ns - 1'000'000;
      recorder_.worker(0).Record(s);
    }
  }
  void Seconds(int n) {
    for (int i = 0; i < n; ++i) {
      Complete(10);
      clock_.Advance(std::chrono::seconds(1));
      monitor_.SampleNow();
    }
  }
  std::string Output() {
    std::fflush(out_);
    return std::string(buf_, len_);
  }

  FakeClock clock_;
  Recorder recorder_;
  RunMonitor monitor_;
  std::FILE* out_;
  char* buf_ = nullptr;
  size_t len_ = 0;
};

TEST_F(ProgressReporterTest, TerminalRewritesOneLineEveryTick) {
  ProgressReporter reporter(Options(), out_, /*terminal=*/true);
  monitor_.Add(&reporter);
  Seconds(3);
  monitor_.Finish();
  const std::string out = Output();
  EXPECT_EQ(std::count(out.begin(), out.end(), '\r'), 3);  // one per tick
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1);  // only the end of the line
  EXPECT_NE(out.find("\r[    3.0s/100.0s] 30/1000 sent  10.0/s of 10.0/s  p99 1.00ms  errors 0  late 0  ETA "
                     "1m37s\033[K"),
            std::string::npos)
      << out;
}

TEST_F(ProgressReporterTest, NotATerminalAppendsAPlainLineEveryTenSeconds) {
  ProgressReporter reporter(Options(), out_, /*terminal=*/false);
  monitor_.Add(&reporter);
  Seconds(25);
  const std::string out = Output();
  EXPECT_EQ(out.find('\r'), std::string::npos);
  EXPECT_EQ(out.find('\033'), std::string::npos);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 2) << out;
  EXPECT_EQ(out.rfind("[   10.0s/100.0s] 100/1000 sent", 0), 0u) << out;
  EXPECT_NE(out.find("\n[   20.0s/100.0s] 200/1000 sent"), std::string::npos) << out;
}

}  // namespace
}  // namespace nethical::loadgen
