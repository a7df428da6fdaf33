#include "engine/shadow/shadow_metrics.h"

#include <algorithm>
#include <cmath>

namespace nethical::shadow {
namespace {

enum Cell { kTp = 0, kFp = 1, kTn = 2, kFn = 3 };

double Ratio(uint64_t num, uint64_t den) {
  return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den);
}

}  // namespace

int CalibrationBin(double confidence) {
  if (!(confidence > 0.0)) return 0;
  return std::min(static_cast<int>(confidence * kCalibrationBins), kCalibrationBins - 1);
}

ShadowMetricsRecorder::Stripe& ShadowMetricsRecorder::MyStripe() {
  return stripes_[ThreadStripe() % kStripes];
}

void ShadowMetricsRecorder::Record(double confidence, RuleClass ml_class, std::optional<RuleClass> rule_class,
                                   bool scores_agree) {
  constexpr auto kRelaxed = std::memory_order_relaxed;
  Stripe& s = MyStripe();
  s.predictions.fetch_add(1, kRelaxed);
  if (scores_agree) s.score_agreements.fetch_add(1, kRelaxed);
  if (!rule_class.has_value()) return;

  const bool ml_positive = ml_class == RuleClass::kDeny;
  const bool rule_positive = *rule_class == RuleClass::kDeny;
  const Cell cell = ml_positive ? (rule_positive ? kTp : kFp) : (rule_positive ? kFn : kTn);
  s.confusion[cell].fetch_add(1, kRelaxed);

  const int bin = CalibrationBin(confidence);
  s.bin_count[bin].fetch_add(1, kRelaxed);
  if (ml_class == *rule_class) s.bin_agree[bin].fetch_add(1, kRelaxed);
  const double c = std::clamp(confidence, 0.0, 1.0);
  s.bin_confidence_nanos[bin].fetch_add(static_cast<uint64_t>(std::llround(c * 1e9)), kRelaxed);
}

ShadowMetrics ShadowMetricsRecorder::Snapshot() const {
  constexpr auto kRelaxed = std::memory_order_relaxed;
  ShadowMetrics m;
  uint64_t confusion[4] = {};
  std::array<uint64_t, kCalibrationBins> confidence_nanos{};
  for (const Stripe& s : stripes_) {
    m.predictions += s.predictions.load(kRelaxed);
    m.score_agreements += s.score_agreements.load(kRelaxed);
    for (int i = 0; i < 4; ++i) confusion[i] += s.confusion[i].load(kRelaxed);
    for (int b = 0; b < kCalibrationBins; ++b) {
      m.bin_count[b] += s.bin_count[b].load(kRelaxed);
      m.bin_agree[b] += s.bin_agree[b].load(kRelaxed);
      confidence_nanos[b] += s.bin_confidence_nanos[b].load(kRelaxed);
    }
  }
  m.true_positives = confusion[kTp];
  m.false_positives = confusion[kFp];
  m.true_negatives = confusion[kTn];
  m.false_negatives = confusion[kFn];
  m.labelled = confusion[kTp] + confusion[kFp] + confusion[kTn] + confusion[kFn];
  for (int b = 0; b < kCalibrationBins; ++b) m.class_agreements += m.bin_agree[b];

  m.precision = Ratio(m.true_positives, m.true_positives + m.false_positives);
  m.recall = Ratio(m.true_positives, m.true_positives + m.false_negatives);
  m.f1 = m.precision + m.recall == 0.0 ? 0.0 : 2 * m.precision * m.recall / (m.precision + m.recall);
  m.accuracy = Ratio(m.true_positives + m.true_negatives, m.labelled);
  m.score_agreement_rate = Ratio(m.score_agreements, m.predictions);
  m.class_agreement_rate = Ratio(m.class_agreements, m.labelled);

  uint64_t binned = 0;
  for (int b = 0; b < kCalibrationBins; ++b) binned += m.bin_count[b];
  for (int b = 0; b < kCalibrationBins; ++b) {
    if (m.bin_count[b] == 0) continue;
    m.bin_mean_confidence[b] =
        static_cast<double>(confidence_nanos[b]) * 1e-9 / static_cast<double>(m.bin_count[b]);
    const double accuracy = Ratio(m.bin_agree[b], m.bin_count[b]);
    m.expected_calibration_error +=
        Ratio(m.bin_count[b], binned) * std::abs(accuracy - m.bin_mean_confidence[b]);
  }
  return m;
}

}  // namespace nethical::shadow
