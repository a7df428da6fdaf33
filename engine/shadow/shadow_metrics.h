// Online metrics of the ML shadow against the rule engine, in constant
// memory (counters only, no prediction list). Record() is lock-free and safe
// from many threads: counters are striped per thread and summed on read, so
// concurrent scorers do not bounce one cache line. Snapshot() may run at any
// time; it sees each counter at some recent value.
//
// Definitions (labelled = the rule classification was known):
//   confusion matrix: positive = "deny"; ML deny vs rule deny, labelled only
//   class agreement rate = ML class == rule class, over labelled predictions
//   score agreement rate = |ML score - rule risk| <= threshold, over all
//   ECE over five confidence bins [0,.2) [.2,.4) [.4,.6) [.6,.8) [.8,1]:
//     sum_b (n_b / n) * |accuracy_b - mean confidence_b|, where accuracy_b is
//     the class agreement rate of the bin (labelled predictions only). The
//     original used each bin's centre instead of its mean confidence.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <optional>

#include "engine/base/thread_stripe.h"
#include "engine/model/action.h"

namespace nethical::shadow {

inline constexpr int kCalibrationBins = 5;

struct ShadowMetrics {
  uint64_t predictions = 0;
  uint64_t labelled = 0;
  uint64_t true_positives = 0;
  uint64_t false_positives = 0;
  uint64_t true_negatives = 0;
  uint64_t false_negatives = 0;
  uint64_t score_agreements = 0;
  uint64_t class_agreements = 0;
  std::array<uint64_t, kCalibrationBins> bin_count{};
  std::array<uint64_t, kCalibrationBins> bin_agree{};
  std::array<double, kCalibrationBins> bin_mean_confidence{};

  double precision = 0.0;
  double recall = 0.0;
  double f1 = 0.0;
  double accuracy = 0.0;
  double score_agreement_rate = 0.0;
  double class_agreement_rate = 0.0;  // "agreement rate"
  double expected_calibration_error = 0.0;

  // The shadow log (zeros when logging is off).
  uint64_t log_lines_written = 0;
  uint64_t log_lines_dropped = 0;  // queue full: dropped, never blocked
  uint64_t log_rotations = 0;
  uint64_t log_write_errors = 0;
};

// The bin of a confidence in [0, 1].
int CalibrationBin(double confidence);

class ShadowMetricsRecorder {
 public:
  void Record(double confidence, RuleClass ml_class, std::optional<RuleClass> rule_class, bool scores_agree);
  // Counters and the derived rates; log_* fields are left zero.
  ShadowMetrics Snapshot() const;

 private:
  static constexpr size_t kStripes = kDefaultStripes;  // thread_stripe.h
  struct alignas(64) Stripe {
    std::atomic<uint64_t> predictions{0};
    std::atomic<uint64_t> score_agreements{0};
    std::atomic<uint64_t> confusion[4] = {};  // tp, fp, tn, fn
    std::atomic<uint64_t> bin_count[kCalibrationBins] = {};
    std::atomic<uint64_t> bin_agree[kCalibrationBins] = {};
    // Confidence sums in units of 1e-9 (fixed point: atomic and exact to sum).
    std::atomic<uint64_t> bin_confidence_nanos[kCalibrationBins] = {};
  };
  Stripe& MyStripe();

  std::array<Stripe, kStripes> stripes_;
};

}  // namespace nethical::shadow
