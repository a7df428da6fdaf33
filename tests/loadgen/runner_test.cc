#include "loadgen/runner.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "gtest/gtest.h"
#include "loadgen/csv_format.h"
#include "loadgen/rate_profile.h"
#include "tests/testing/fake_clock.h"

namespace nethical::loadgen {
namespace {

constexpr int64_t kMs = 1'000'000;

// Sleeping moves the fake clock to the deadline (single worker only).
class FakeSleeper final : public Sleeper {
 public:
  explicit FakeSleeper(FakeClock& clock) : clock_(clock) {}
  void SleepUntil(int64_t deadline_ns) override {
    if (deadline_ns > clock_.NowNanos()) clock_.SetNanos(deadline_ns);
  }

 private:
  FakeClock& clock_;
};

// Takes `service` of fake time per call, and `stall` on call number stall_at.
class FakeEvaluator final : public Evaluator {
 public:
  FakeEvaluator(FakeClock& clock, int64_t service, int64_t stall_at = -1, int64_t stall = 0)
      : clock_(clock), service_(service), stall_at_(stall_at), stall_(stall) {}
  Verdict Evaluate(const Action& action) override {
    const int64_t n = calls_++;
    clock_.Advance(std::chrono::nanoseconds(n == stall_at_ ? stall_ : service_));
    Verdict v;
    v.agent_id = action.agent_id;
    v.decision = n % 4 == 0 ? Decision::kBlock : Decision::kAllow;
    if (n % 4 == 0) v.violations.push_back(Violation{});
    return v;
  }
  int64_t calls() const { return calls_; }

 private:
  FakeClock& clock_;
  int64_t service_, stall_at_, stall_;
  int64_t calls_ = 0;
};

struct FakeRun {
  FakeClock clock;
  FakeSleeper sleeper{clock};
  RecorderOptions recorder_options;
  std::unique_ptr<RunTotals> totals;
  RunResult result;

  int64_t send_deadline_ns = INT64_MAX;

  void Run(const RateProfile& profile, uint32_t agents, Evaluator& evaluator, CsvFile* csv = nullptr,
           const std::atomic<bool>* stop = nullptr) {
    static const std::atomic<bool> kNeverStop{false};
    auto sends = MakeSendSource(profile, agents, ArrivalOptions{});
    SeedCompatWorkload workload{WorkloadOptions{}};
    Recorder recorder(1, recorder_options, csv, clock);
    RunnerOptions options;
    options.workers = 1;
    options.spin_ns = 0;
    options.send_deadline_ns = send_deadline_ns;
    result =
        RunLoad(options, *sends, workload, evaluator, recorder, clock, sleeper, stop ? *stop : kNeverStop);
    totals = recorder.Merge();
  }
};

TEST(RunnerTest, MakesEveryPlannedSendAtItsIntendedTime) {
  FakeRun run;
  FakeEvaluator eval(run.clock, 100'000);  // 0.1 ms per call, well under the 1 ms interval
  run.Run(RateProfile::Constant(1000, 2), 10, eval);
  EXPECT_EQ(eval.calls(), 2000);
  EXPECT_EQ(run.totals->completed, 2000u);
  EXPECT_EQ(run.totals->send_lag.max(), 0);
  EXPECT_EQ(run.totals->late, 0u);
  EXPECT_EQ(run.totals->service_time.Quantile(0.5), 100'000);
  EXPECT_EQ(run.totals->response_time.max(), 100'000);
  // The last send is due at 1.999 s and takes 0.1 ms.
  EXPECT_EQ(run.result.end_ns - run.result.start_ns, 1999 * kMs + 100'000);
  EXPECT_FALSE(run.result.stopped);
}

TEST(RunnerTest, CountsDecisionsAndViolations) {
  FakeRun run;
  FakeEvaluator eval(run.clock, 1000);
  run.Run(RateProfile::Constant(100, 1), 1, eval);
  EXPECT_EQ(run.totals->decisions[static_cast<int>(Decision::kBlock)], 25u);
  EXPECT_EQ(run.totals->decisions[static_cast<int>(Decision::kAllow)], 75u);
  EXPECT_EQ(run.totals->violations, 25u);
  EXPECT_EQ(run.totals->errors, 0u);
}

// The coordinated-omission check: a 200 ms stall delays the 200 sends queued
// behind it. Response time (from the intended send time) shows the stall in
// its p99; service time (the original's measure) hides it.
TEST(RunnerTest, StallShowsInResponseTimeButNotInServiceTime) {
  FakeRun run;
  FakeEvaluator eval(run.clock, 100'000, /*stall_at=*/2000, /*stall=*/200 * kMs);
  run.Run(RateProfile::Constant(1000, 5), 50, eval);
  ASSERT_EQ(run.totals->completed, 5000u);
  EXPECT_GE(run.totals->response_time.Quantile(0.99), 150 * kMs);
  EXPECT_GE(run.totals->response_time.max(), 199 * kMs);
  EXPECT_LE(run.totals->service_time.Quantile(0.99), 101'000);
  EXPECT_EQ(run.totals->service_time.max(), 200 * kMs);
  // Sends queued behind the stall are late, counted, and still made.
  EXPECT_GE(run.totals->late, 180u);
  EXPECT_EQ(eval.calls(), 5000);
}

class ThrowingEvaluator final : public Evaluator {
 public:
  Verdict Evaluate(const Action&) override { throw std::runtime_error("disk full"); }
};

TEST(RunnerTest, ExceptionsBecomeErrorsWithTheirClassName) {
  FakeRun run;
  run.recorder_options.include_error_details = true;
  const std::string path = std::string(getenv("TEST_TMPDIR")) + "/errors.csv";
  auto csv = CsvFile::Create(path, kCsvHeader);
  ASSERT_TRUE(csv.ok());
  ThrowingEvaluator eval;
  run.Run(RateProfile::Constant(10, 1), 2, eval, csv->get());
  ASSERT_TRUE((*csv)->Commit().ok());
  EXPECT_EQ(run.totals->errors, 10u);
  std::ifstream in(path);
  std::string header, row;
  std::getline(in, header);
  std::getline(in, row);
  EXPECT_NE(row.find(",error,std::runtime_error: disk full,False,"), std::string::npos) << row;
}

class RejectingEvaluator final : public Evaluator {
 public:
  Verdict Evaluate(const Action&) override {
    Verdict v;
    v.rejected_input = true;
    v.decision = Decision::kBlock;
    v.reasons = {"text is not valid UTF-8"};
    return v;
  }
};

TEST(RunnerTest, RejectedInputCountsAsAnError) {
  FakeRun run;
  RejectingEvaluator eval;
  run.Run(RateProfile::Constant(10, 1), 1, eval);
  EXPECT_EQ(run.totals->errors, 10u);
  EXPECT_EQ(run.totals->decisions[static_cast<int>(Decision::kBlock)], 0u);
}

TEST(RunnerTest, CsvHasOneRowPerActionWithTheOriginalsColumnsFirst) {
  FakeRun run;
  const std::string path = std::string(getenv("TEST_TMPDIR")) + "/rows.csv";
  auto csv = CsvFile::Create(path, kCsvHeader);
  ASSERT_TRUE(csv.ok());
  FakeEvaluator eval(run.clock, 2'500'000);  // 2.5 ms
  run.Run(RateProfile::Constant(100, 1), 4, eval, csv->get());
  ASSERT_TRUE((*csv)->Commit().ok());
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  const std::string text = content.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 101);
  EXPECT_EQ(text.rfind(std::string(kCsvOriginalHeader), 0), 0u);
  // First row: agent 0, action 0, service 2.5 ms, blocked with a violation.
  EXPECT_NE(text.find("\r\nagent_0000,agent_0000_action_0,2026-01-01T00:00:01.002500+00:00,"
                      "2.5,success,,True,2.5,0.0,BLOCK\r\n"),
            std::string::npos)
      << text.substr(0, 300);
}

TEST(RunnerTest, StopEndsTheRunEarlyAndKeepsWhatWasMeasured) {
  FakeRun run;
  std::atomic<bool> stop{false};
  class StoppingEvaluator final : public Evaluator {
   public:
    StoppingEvaluator(FakeClock& c, std::atomic<bool>& s) : clock_(c), stop_(s) {}
    Verdict Evaluate(const Action&) override {
      clock_.Advance(std::chrono::microseconds(10));
      if (++n_ == 30) stop_.store(true);
      return Verdict{};
    }

   private:
    FakeClock& clock_;
    std::atomic<bool>& stop_;
    int n_ = 0;
  } eval(run.clock, stop);
  run.Run(RateProfile::Constant(100, 10), 5, eval, nullptr, &stop);
  EXPECT_TRUE(run.result.stopped);
  EXPECT_EQ(run.totals->completed, 30u);
}

// --rps beyond the evaluator's capacity: 1,000/s planned for 1 s, but each
// call takes 10 ms. Send k starts at k * 10 ms (each waits for the one
// before); with the deadline at 2 s the sends starting at 0 .. 2.000 s
// (201) are made, the other 799 are abandoned instead of running 10 s.
TEST(RunnerTest, NoSendStartsAfterTheDeadlineAndTheRestAreNotSent) {
  FakeRun run;
  run.send_deadline_ns = 2000 * kMs;
  FakeEvaluator eval(run.clock, 10 * kMs);
  run.Run(RateProfile::Constant(1000, 1), 10, eval);
  EXPECT_TRUE(run.result.cut_off);
  EXPECT_FALSE(run.result.stopped);
  EXPECT_EQ(eval.calls(), 201);
  EXPECT_EQ(run.totals->completed, 201u);
  EXPECT_EQ(run.totals->service_time.max(), 10 * kMs);
  // The last send started at the deadline and took one service time.
  EXPECT_EQ(run.result.end_ns - run.result.start_ns, 2000 * kMs + 10 * kMs);
}

// A send intended after the deadline is abandoned without waiting for it.
TEST(RunnerTest, SendsDueAfterTheDeadlineAreNotWaitedFor) {
  FakeRun run;
  run.send_deadline_ns = 500 * kMs;
  FakeEvaluator eval(run.clock, kMs);
  run.Run(RateProfile::Constant(10, 1), 2, eval);  // sends at 0, 100, ..., 900 ms
  EXPECT_TRUE(run.result.cut_off);
  EXPECT_EQ(run.totals->completed, 6u);  // 0 .. 500 ms
  EXPECT_EQ(run.result.end_ns - run.result.start_ns, 500 * kMs + kMs);
}

TEST(RunnerTest, ARunThatKeepsUpIsNotCutOff) {
  FakeRun run;
  run.send_deadline_ns = 2000 * kMs;
  FakeEvaluator eval(run.clock, 100'000);
  run.Run(RateProfile::Constant(1000, 1), 10, eval);
  EXPECT_FALSE(run.result.cut_off);
  EXPECT_EQ(run.totals->completed, 1000u);
}

// Many real threads against a thread-safe evaluator (run under TSan): every
// planned send is made exactly once and counted once.
class CountingEvaluator final : public Evaluator {
 public:
  Verdict Evaluate(const Action&) override {
    calls_.fetch_add(1, std::memory_order_relaxed);
    return Verdict{};
  }
  std::atomic<int> calls_{0};
};

TEST(RunnerTest, ConcurrentWorkersMakeEachSendExactlyOnce) {
  SteadyClock clock;
  MonotonicSleeper sleeper;
  std::atomic<bool> stop{false};
  const RateProfile profile = RateProfile::Constant(20000, 0.25);
  auto sends = MakeSendSource(profile, 100, ArrivalOptions{});
  MixedWorkload workload{WorkloadOptions{}};
  Recorder recorder(4, RecorderOptions{}, nullptr, clock);
  CountingEvaluator eval;
  RunnerOptions options;
  options.workers = 4;
  options.claim_batch = 8;
  std::atomic<bool> reading{true};
  std::thread progress([&] {  // a live reader, like the progress line
    while (reading.load()) (void)recorder.Merge()->response_time.Quantile(0.99);
  });
  RunLoad(options, *sends, workload, eval, recorder, clock, sleeper, stop);
  reading.store(false);
  progress.join();
  EXPECT_EQ(eval.calls_.load(), 5000);
  EXPECT_EQ(recorder.Merge()->completed, 5000u);
}

// Every verdict carries one PII finding, a violation and risk 0.5.
class FlaggingEvaluator final : public Evaluator {
 public:
  Verdict Evaluate(const Action&) override {
    Verdict v;
    v.pii = PiiOutcome{{PiiFinding{nethical::PiiType::kEmail, 0, 1, 1.0}}, 0.5};
    v.violations.push_back(Violation{});
    v.risk_score = 0.5;
    return v;
  }
};

TEST(RunnerTest, ConcurrentWorkersAggregateTheCohortExactly) {
  SteadyClock clock;
  MonotonicSleeper sleeper;
  std::atomic<bool> stop{false};
  const RateProfile profile = RateProfile::Constant(20000, 0.1);  // the source refers to it
  auto sends = MakeSendSource(profile, 50, ArrivalOptions{});
  WorkloadOptions w;
  w.cohort = "fleet";
  MixedWorkload workload{w};
  RecorderOptions ro;
  ro.cohorts = workload.Cohorts();
  Recorder recorder(4, ro, nullptr, clock);
  FlaggingEvaluator eval;
  RunnerOptions options;
  options.workers = 4;
  std::atomic<bool> reading{true};
  std::thread progress([&] {  // a live merge while workers write
    while (reading.load()) (void)recorder.Merge()->cohorts.size();
  });
  RunLoad(options, *sends, workload, eval, recorder, clock, sleeper, stop);
  reading.store(false);
  progress.join();
  const auto totals = recorder.Merge();
  ASSERT_EQ(totals->cohorts.size(), 1u);
  const CohortTotals& c = totals->cohorts[0];
  EXPECT_EQ(c.cohort, "fleet");
  EXPECT_EQ(c.actions, 2000u);
  EXPECT_EQ(c.violations, 2000u);
  EXPECT_EQ(c.pii_findings, 2000u);
  EXPECT_DOUBLE_EQ(c.risk_sum, 1000.0);
}

// Reports "privacy" exactly when the text holds an '@', with a finding over
// the whole text: a detector the test can predict.
class AtSignEvaluator final : public Evaluator {
 public:
  Verdict Evaluate(const Action& a) override {
    Verdict v;
    v.pii = PiiOutcome{};
    if (a.text.find('@') != std::string::npos) {
      Violation x;
      x.type = "privacy";
      v.violations.push_back(x);
      v.pii->findings.push_back(
          PiiFinding{nethical::PiiType::kEmail, 0, static_cast<uint32_t>(a.text.size()), 1.0});
    }
    return v;
  }
};

TEST(RunnerTest, QualityIsAccountedForEveryActionAgainstTheTruthFillPutIn) {
  FakeClock clock;
  FakeSleeper sleeper{clock};
  const RateProfile profile = RateProfile::Constant(1000, 2);
  auto sends = MakeSendSource(profile, 10, ArrivalOptions{});
  WorkloadOptions w;
  w.seed = 11;
  w.pii_share = 0.3;
  MixedWorkload workload{w};
  Recorder recorder(1, RecorderOptions{}, nullptr, clock);
  AtSignEvaluator eval;
  RunnerOptions options;
  options.spin_ns = 0;
  static const std::atomic<bool> kNeverStop{false};
  RunLoad(options, *sends, workload, eval, recorder, clock, sleeper, kNeverStop);
  // The expectation, from the same sends filled again.
  uint64_t privacy_expected = 0, at_signs = 0, privacy_hits = 0, values = 0;
  const EvenSchedule schedule(profile, 10);
  Action a;
  ActionTruth t;
  for (uint64_t k = 0; k < schedule.total(); ++k) {
    workload.Fill(schedule.At(k), &a, &t);
    const bool expected = t.ExpectedCategories() & CategoryBit(ViolationCategory::kPrivacy);
    const bool at = a.text.find('@') != std::string::npos;
    privacy_expected += expected;
    at_signs += at;
    privacy_hits += expected && at;
    if (at) values += t.pii_span_count;
  }
  const QualityReport q = MakeQualityReport(recorder.Merge()->quality, {}, false);
  EXPECT_EQ(q.actions, 2000u);
  ASSERT_GT(privacy_expected, 0u);
  ASSERT_GT(at_signs, 0u);
  ASSERT_LT(privacy_hits, privacy_expected);  // phones, SSNs... have no '@'
  const CategoryQuality* privacy = nullptr;
  for (const CategoryQuality& c : q.categories) {
    if (c.category == ViolationCategory::kPrivacy)
      privacy = &c;
    else
      EXPECT_EQ(c.detected, 0u) << CategoryName(c.category);  // trigger texts, never reported
  }
  ASSERT_NE(privacy, nullptr);
  EXPECT_EQ(privacy->expected, privacy_expected);
  EXPECT_EQ(privacy->detected, at_signs);
  EXPECT_DOUBLE_EQ(*privacy->precision, static_cast<double>(privacy_hits) / at_signs);
  EXPECT_DOUBLE_EQ(*privacy->recall, static_cast<double>(privacy_hits) / privacy_expected);
  EXPECT_EQ(q.pii_covered, values);  // the finding spans the whole text
}

TEST(RunnerTest, ClaimBatchSpansAboutTwentyMicroseconds) {
  EXPECT_EQ(ClaimBatchFor(50), 1u);
  EXPECT_EQ(ClaimBatchFor(99'999), 1u);
  EXPECT_EQ(ClaimBatchFor(1'000'000), 20u);
  EXPECT_EQ(ClaimBatchFor(1e8), kMaxClaimBatch);
}

}  // namespace
}  // namespace nethical::loadgen
