// The quality block: the engine's verdicts measured against the ground truth
// of the synthetic workload (action_truth.h), under load.
//
//   QualityCounters counters(pii_scope);            // one per worker
//   counters.Account(truth, verdict, started_ns);   // per action, no lock
//   QualityTotals totals;  counters.MergeInto(&totals);
//   QualityReport q = MakeQualityReport(totals, plan, /*anomaly_stage_ran=*/true);
//
// Figures (docs/loadgen.md, "Quality block"):
//   per category C   expected = actions whose truth expects C; detected =
//                    verdicts with a violation of C's type; precision =
//                    TP / detected, recall = TP / expected
//   clean flagged    clean actions (nothing expected) with any violation
//   PII recall       of the values the generator put in (spans), how many a
//                    Verdict::pii finding covers whole ([start, end) within
//                    the finding); only where the PII stage ran, and only
//                    types the redaction policy scans (`pii_scope`): a value
//                    of another type (DATE_OF_BIRTH under standard) is
//                    counted apart and expects no privacy violation
//   anomalies        per injected anomaly: detected when an alert comes on
//                    an action inside it; time to detect = that alert's
//                    evaluation start - onset; false alerts = alerts on
//                    actions inside no anomaly, per 10k such (benign) actions
//   coordinated      per injected coordinated_payload episode (the
//                    correlation engine's, not the anomaly stage's): found
//                    when a verdict on an action inside it carries a
//                    coordinated_attack correlation; time to detect as
//                    above; false matches = coordinated_attack on benign
//                    actions. Anomaly-stage alerts on its actions count
//                    neither way, and it is not in the anomaly recall.
// Actions without truth (replayed files) and errors are left out.
//
// Thread safety: QualityCounters has one writer (its worker); counters are
// single-writer atomics, so MergeInto may run from any thread at any time.
#pragma once

#include <array>
#include <atomic>
#include <climits>
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/model/verdict.h"
#include "loadgen/action_truth.h"
#include "loadgen/anomaly_plan.h"

namespace nethical::loadgen {

// The anomaly stage's alert types (AnomalyAlert::type), for false alerts by
// kind: "frequency", "sequence", "behavioral", "drift", then "other" (kept
// for the report's shape; every type has its own kind).
inline constexpr int kAlertKindCount = kAnomalyTypeCount + 1;
std::string_view AlertKindName(int kind);
int AlertKindOf(AnomalyType type);

struct QualityTotals {
  uint64_t actions = 0;  // evaluated, with truth
  uint64_t clean = 0, clean_flagged = 0;
  std::array<uint64_t, kCategoryCount> expected{}, detected{}, true_positives{};
  // PII: values in actions the PII stage scanned, those covered, and values
  // in actions it did not scan (no Verdict::pii).
  std::array<uint64_t, kPiiTypeCount> pii_values{}, pii_covered{};
  std::array<uint64_t, kPiiTypeCount> pii_out_of_policy{};  // values of types the policy does not scan
  uint64_t pii_values_unscanned = 0;
  // Anomalies: per index of the plan.
  uint64_t benign = 0, false_alerts = 0;
  std::array<uint64_t, kAlertKindCount> false_alerts_by_kind{};
  std::array<uint64_t, kMaxInjectedAnomalies> anomaly_actions{}, anomaly_alerts{};
  std::array<int64_t, kMaxInjectedAnomalies> first_alert_ns;  // from time zero; INT64_MAX: none
  uint64_t false_coordinated = 0;  // coordinated_attack correlations on benign actions

  QualityTotals() { first_alert_ns.fill(INT64_MAX); }
};

class QualityCounters {
 public:
  // pii_scope: bit per PiiType the engine's redaction policy scans.
  explicit QualityCounters(uint8_t pii_scope = kAllPiiTypes);
  // One evaluated action: its truth, its verdict, and when its evaluation
  // started (ns from the run's time zero, the schedule's scale).
  void Account(const ActionTruth& truth, const Verdict& verdict, int64_t started_ns);
  void MergeInto(QualityTotals* totals) const;

 private:
  using Counter = std::atomic<uint64_t>;
  Counter actions_{0}, clean_{0}, clean_flagged_{0};
  std::array<Counter, kCategoryCount> expected_{}, detected_{}, true_positives_{};
  const uint8_t pii_scope_;
  std::array<Counter, kPiiTypeCount> pii_values_{}, pii_covered_{}, pii_out_of_policy_{};
  Counter pii_values_unscanned_{0};
  Counter benign_{0}, false_alerts_{0};
  std::array<Counter, kAlertKindCount> false_alerts_by_kind_{};
  std::array<Counter, kMaxInjectedAnomalies> anomaly_actions_{}, anomaly_alerts_{};
  std::array<std::atomic<int64_t>, kMaxInjectedAnomalies> first_alert_ns_;
  Counter false_coordinated_{0};
};

struct CategoryQuality {
  ViolationCategory category = ViolationCategory::kNone;
  uint64_t expected = 0, detected = 0, true_positives = 0;
  std::optional<double> precision;  // none when nothing was detected
  std::optional<double> recall;     // none when nothing was expected
};

struct PiiTypeQuality {
  PiiType type = PiiType::kEmail;
  uint64_t values = 0, covered = 0;
  uint64_t out_of_policy = 0;  // values of this type the policy does not scan (not in `values`)
};

struct AnomalyQuality {
  AnomalyKind kind = AnomalyKind::kNone;
  uint32_t agent = 0;
  std::vector<uint32_t> group;  // coordinated_payload: its agents
  double onset_s = 0;
  std::optional<double> end_s;  // none: to the end of the run
  uint64_t actions = 0, alerts = 0;
  std::optional<double> time_to_detect_s;  // none: not detected
};

struct QualityReport {
  bool measured = false;  // some action had truth
  uint64_t actions = 0, clean = 0, clean_flagged = 0;
  // Categories expected or detected at least once, in enum order.
  std::vector<CategoryQuality> categories;
  // PII.
  bool pii_measured = false;  // values were put in and the PII stage scanned some
  uint64_t pii_values = 0, pii_covered = 0, pii_values_unscanned = 0;
  std::optional<double> pii_recall;
  std::vector<PiiTypeQuality> pii_by_type;  // types with values (in or out of policy)
  // Anomalies: `injected` when the run had --inject-anomalies; the figures
  // need the anomaly stage (`anomaly_measured`).
  bool injected = false;
  bool anomaly_measured = false;
  std::vector<AnomalyQuality> anomalies;
  uint64_t anomalies_detected = 0;
  std::optional<double> anomaly_recall;
  std::optional<double> time_to_detect_p50_s, time_to_detect_max_s;
  uint64_t benign_actions = 0, false_alerts = 0;
  std::array<uint64_t, kAlertKindCount> false_alerts_by_kind{};  // by AlertKindName order
  std::optional<double> false_alerts_per_10k;
  // Coordinated episodes (in `anomalies` neither for figures nor recall):
  // `coordinated` lists them when the correlation stage ran
  // (`coordinated_measured`); `alerts` there counts coordinated_attack
  // matches on their actions.
  bool coordinated_injected = false;
  bool coordinated_measured = false;
  std::vector<AnomalyQuality> coordinated;
  uint64_t coordinated_found = 0;
  uint64_t false_coordinated = 0;  // coordinated_attack matches on benign actions
};

QualityReport MakeQualityReport(const QualityTotals& totals, const AnomalyPlan& plan, bool anomaly_stage_ran,
                                bool correlation_stage_ran = false);

}  // namespace nethical::loadgen
