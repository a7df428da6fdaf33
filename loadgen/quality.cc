#include "loadgen/quality.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "engine/base/single_writer_counter.h"

namespace nethical::loadgen {
namespace {

inline void Inc(std::atomic<uint64_t>& c, uint64_t by = 1) { SingleWriterAdd<uint64_t>(c, by); }
inline uint64_t Get(const std::atomic<uint64_t>& c) { return c.load(std::memory_order_relaxed); }

bool Covered(const PiiSpan& s, const std::vector<PiiFinding>& findings) {
  for (const PiiFinding& f : findings)
    if (f.start <= s.start && f.end >= s.end) return true;
  return false;
}

std::optional<double> Ratio(uint64_t num, uint64_t den) {
  if (den == 0) return std::nullopt;
  return static_cast<double>(num) / static_cast<double>(den);
}

// The correlation engine found a coordinated_attack on this action.
bool Coordinated(const Verdict& v) {
  for (const correlation::CorrelationMatch& m : v.correlations)
    if (m.pattern == correlation::Pattern::kCoordinatedAttack) return true;
  return false;
}

}  // namespace

std::string_view AlertKindName(int kind) {
  return kind < kAnomalyTypeCount ? AnomalyTypeName(static_cast<AnomalyType>(kind)) : "other";
}

int AlertKindOf(AnomalyType type) { return static_cast<int>(type); }

QualityCounters::QualityCounters(uint8_t pii_scope) : pii_scope_(pii_scope) {
  for (auto& t : first_alert_ns_) t.store(INT64_MAX, std::memory_order_relaxed);
}

void QualityCounters::Account(const ActionTruth& truth, const Verdict& v, int64_t started_ns) {
  if (!truth.known) return;
  Inc(actions_);
  uint32_t detected = 0;
  for (const Violation& x : v.violations) detected |= CategoryBit(CategoryOfViolationType(x.type));
  const uint32_t expected = truth.ExpectedCategories(pii_scope_);
  if (expected == 0) {
    Inc(clean_);
    if (detected != 0) Inc(clean_flagged_);
  }
  for (uint32_t m = expected | detected; m != 0; m &= m - 1) {
    const int c = std::countr_zero(m);
    const uint32_t bit = 1u << c;
    if (expected & bit) Inc(expected_[c]);
    if (detected & bit) Inc(detected_[c]);
    if (expected & detected & bit) Inc(true_positives_[c]);
  }
  if (truth.pii_span_count > 0) {
    if (v.pii) {
      for (int i = 0; i < truth.pii_span_count; ++i) {
        const PiiSpan& s = truth.pii_spans[i];
        const int t = static_cast<int>(s.type);
        if ((pii_scope_ >> t & 1) == 0) {
          Inc(pii_out_of_policy_[t]);
          continue;
        }
        Inc(pii_values_[t]);
        if (Covered(s, v.pii->findings)) Inc(pii_covered_[t]);
      }
    } else {
      Inc(pii_values_unscanned_, truth.pii_span_count);
    }
  }
  if (truth.anomaly == AnomalyKind::kNone) {
    Inc(benign_);
    if (v.anomaly) {
      Inc(false_alerts_);
      Inc(false_alerts_by_kind_[AlertKindOf(v.anomaly->type)]);  // rare: alerts only
    }
    if (Coordinated(v)) Inc(false_coordinated_);
  } else if (truth.anomaly_index < kMaxInjectedAnomalies) {
    const int i = truth.anomaly_index;
    Inc(anomaly_actions_[i]);
    const bool alert =
        truth.anomaly == AnomalyKind::kCoordinatedPayload ? Coordinated(v) : v.anomaly.has_value();
    if (alert) {
      Inc(anomaly_alerts_[i]);
      if (started_ns < first_alert_ns_[i].load(std::memory_order_relaxed))
        first_alert_ns_[i].store(started_ns, std::memory_order_relaxed);
    }
  }
}

void QualityCounters::MergeInto(QualityTotals* t) const {
  t->actions += Get(actions_);
  t->clean += Get(clean_);
  t->clean_flagged += Get(clean_flagged_);
  for (int c = 0; c < kCategoryCount; ++c) {
    t->expected[c] += Get(expected_[c]);
    t->detected[c] += Get(detected_[c]);
    t->true_positives[c] += Get(true_positives_[c]);
  }
  for (int p = 0; p < kPiiTypeCount; ++p) {
    t->pii_values[p] += Get(pii_values_[p]);
    t->pii_covered[p] += Get(pii_covered_[p]);
    t->pii_out_of_policy[p] += Get(pii_out_of_policy_[p]);
  }
  t->pii_values_unscanned += Get(pii_values_unscanned_);
  t->benign += Get(benign_);
  t->false_coordinated += Get(false_coordinated_);
  t->false_alerts += Get(false_alerts_);
  for (int k = 0; k < kAlertKindCount; ++k) t->false_alerts_by_kind[k] += Get(false_alerts_by_kind_[k]);
  for (int i = 0; i < kMaxInjectedAnomalies; ++i) {
    t->anomaly_actions[i] += Get(anomaly_actions_[i]);
    t->anomaly_alerts[i] += Get(anomaly_alerts_[i]);
    t->first_alert_ns[i] = std::min(t->first_alert_ns[i], first_alert_ns_[i].load(std::memory_order_relaxed));
  }
}

QualityReport MakeQualityReport(const QualityTotals& t, const AnomalyPlan& plan, bool anomaly_stage_ran,
                                bool correlation_stage_ran) {
  QualityReport q;
  q.measured = t.actions > 0;
  q.actions = t.actions;
  q.clean = t.clean;
  q.clean_flagged = t.clean_flagged;
  for (int c = 1; c < kCategoryCount; ++c) {
    if (t.expected[c] == 0 && t.detected[c] == 0) continue;
    CategoryQuality cq;
    cq.category = static_cast<ViolationCategory>(c);
    cq.expected = t.expected[c];
    cq.detected = t.detected[c];
    cq.true_positives = t.true_positives[c];
    cq.precision = Ratio(cq.true_positives, cq.detected);
    cq.recall = Ratio(cq.true_positives, cq.expected);
    q.categories.push_back(cq);
  }
  for (int p = 0; p < kPiiTypeCount; ++p) {
    q.pii_values += t.pii_values[p];
    q.pii_covered += t.pii_covered[p];
    if (t.pii_values[p] > 0 || t.pii_out_of_policy[p] > 0)
      q.pii_by_type.push_back(
          {static_cast<PiiType>(p), t.pii_values[p], t.pii_covered[p], t.pii_out_of_policy[p]});
  }
  q.pii_values_unscanned = t.pii_values_unscanned;
  q.pii_measured = q.pii_values > 0;
  q.pii_recall = Ratio(q.pii_covered, q.pii_values);

  // One anomaly of the plan, measured against its first alert.
  auto measure = [&t](size_t i, const InjectedAnomaly& a) {
    AnomalyQuality aq;
    aq.kind = a.kind;
    aq.agent = a.agent;
    aq.group.assign(a.group.begin(), a.group.begin() + a.group_size);
    aq.onset_s = a.onset_ns / 1e9;
    if (a.end_ns != INT64_MAX) aq.end_s = a.end_ns / 1e9;
    aq.actions = t.anomaly_actions[i];
    aq.alerts = t.anomaly_alerts[i];
    if (t.first_alert_ns[i] != INT64_MAX) aq.time_to_detect_s = (t.first_alert_ns[i] - a.onset_ns) / 1e9;
    return aq;
  };
  for (const InjectedAnomaly& a : plan) q.coordinated_injected |= a.kind == AnomalyKind::kCoordinatedPayload;
  q.coordinated_measured = q.coordinated_injected && correlation_stage_ran && q.measured;
  if (q.coordinated_measured) {
    q.false_coordinated = t.false_coordinated;
    for (size_t i = 0; i < plan.size() && i < kMaxInjectedAnomalies; ++i) {
      if (plan[i].kind != AnomalyKind::kCoordinatedPayload) continue;
      q.coordinated.push_back(measure(i, plan[i]));
      q.coordinated_found += q.coordinated.back().time_to_detect_s.has_value();
    }
  }
  q.injected = !plan.empty();
  q.anomaly_measured = anomaly_stage_ran && q.measured;
  q.benign_actions = t.benign;
  q.false_alerts = t.false_alerts;
  q.false_alerts_by_kind = t.false_alerts_by_kind;
  if (!q.anomaly_measured) return q;
  if (t.benign > 0) q.false_alerts_per_10k = 1e4 * static_cast<double>(t.false_alerts) / t.benign;
  std::vector<double> ttd;
  for (size_t i = 0; i < plan.size() && i < kMaxInjectedAnomalies; ++i) {
    if (plan[i].kind == AnomalyKind::kCoordinatedPayload) continue;  // the correlation engine's
    AnomalyQuality aq = measure(i, plan[i]);
    if (aq.time_to_detect_s) {
      ttd.push_back(*aq.time_to_detect_s);
      ++q.anomalies_detected;
    }
    q.anomalies.push_back(aq);
  }
  q.anomaly_recall = Ratio(q.anomalies_detected, q.anomalies.size());
  if (!ttd.empty()) {
    std::sort(ttd.begin(), ttd.end());
    // Nearest rank: the ceil(n/2)-th smallest.
    q.time_to_detect_p50_s = ttd[(ttd.size() + 1) / 2 - 1];
    q.time_to_detect_max_s = ttd.back();
  }
  return q;
}

}  // namespace nethical::loadgen
