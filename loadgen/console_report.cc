#include "loadgen/console_report.h"

#include <cstdio>
#include <optional>

#include "engine/model/verdict.h"
#include "loadgen/governance_report.h"
#include "loadgen/report_line.h"
#include "loadgen/stage_attribution.h"

namespace nethical::loadgen {
namespace {

constexpr auto& Line = AppendLine;

// "  p50:     1.23": two spaces, the label padded to 9, two decimals.
void LatencyBlock(std::string* out, const char* title, const LatencySummary& s) {
  Line(out, "%s", title);
  const std::pair<const char*, double> rows[] = {{"Min:", s.min_ms}, {"Mean:", s.mean_ms}, {"p50:", s.p50_ms},
                                                 {"p95:", s.p95_ms}, {"p99:", s.p99_ms},   {"Max:", s.max_ms},
                                                 {"p90:", s.p90_ms}, {"p99.9:", s.p999_ms}};
  for (const auto& [label, value] : rows) Line(out, "  %-9s%.2f", label, value);
}

using ull = unsigned long long;

// A stage's JSONL log (engine/base/jsonl_log.h): what reached the file and
// what a full queue dropped.
void LogLine(std::string* out, const JsonlLogCounters& c) {
  Line(out, "  Log:               %llu lines written, %llu dropped, %llu rotations, %llu write errors",
       static_cast<ull>(c.written), static_cast<ull>(c.dropped), static_cast<ull>(c.rotations),
       static_cast<ull>(c.write_errors));
}

// One titled block per heavy-tier stage that ran (EngineStats fields set).
void EngineBlocks(std::string* out, const EngineStats& e) {
  if (e.shadow) {
    const shadow::ShadowMetrics& m = *e.shadow;
    Line(out, "ML Shadow (positive = deny):");
    Line(out, "  Predictions:       %llu (%llu labelled)", static_cast<ull>(m.predictions),
         static_cast<ull>(m.labelled));
    Line(out, "  Confusion:         TP %llu  FP %llu  TN %llu  FN %llu", static_cast<ull>(m.true_positives),
         static_cast<ull>(m.false_positives), static_cast<ull>(m.true_negatives),
         static_cast<ull>(m.false_negatives));
    Line(out, "  Precision/Recall:  %.4f / %.4f (F1 %.4f)", m.precision, m.recall, m.f1);
    Line(out, "  Agreement Rate:    %.2f%% (scores %.2f%%)", m.class_agreement_rate * 100,
         m.score_agreement_rate * 100);
    Line(out, "  ECE (5 bins):      %.4f", m.expected_calibration_error);
    out->push_back('\n');
  }
  if (e.blend) {
    Line(out, "Blended Risk:");
    Line(out, "  Blends:            %llu (%llu in the gray zone)", static_cast<ull>(e.blend->blends),
         static_cast<ull>(e.blend->gray_zone));
    Line(out, "  Escalations:       %llu", static_cast<ull>(e.blend->escalations));
    Line(out, "  De-escalations:    %llu", static_cast<ull>(e.blend->de_escalations));
    if (e.blend_log) LogLine(out, *e.blend_log);
    out->push_back('\n');
  }
  if (e.anomaly_alerts)
    Line(out, "Anomaly Alerts:      low %llu, high %llu, critical %llu",
         static_cast<ull>(e.anomaly_alerts->low), static_cast<ull>(e.anomaly_alerts->high),
         static_cast<ull>(e.anomaly_alerts->critical));
  if (e.anomaly_log) LogLine(out, *e.anomaly_log);
  if (e.audit_anchored) Line(out, "Audit Anchored:      %llu records", static_cast<ull>(*e.audit_anchored));
  if (e.audit_recovery && e.audit_recovery->truncated_bytes > 0)
    Line(out, "Audit Recovery:      truncated %llu bytes (%llu partial records) at open",
         static_cast<ull>(e.audit_recovery->truncated_bytes),
         static_cast<ull>(e.audit_recovery->dropped_records));
  if (e.audit_recovery && e.audit_recovery->restored_records > 0)
    Line(out, "Audit Recovery:      wrote %llu acknowledged records from the staging ring at open",
         static_cast<ull>(e.audit_recovery->restored_records));
  if (e.audit_recovery && e.audit_recovery->unrestored_bytes > 0)
    Line(out,
         "Audit Recovery:      %llu bytes of the staging ring did not follow the segment (a power loss?)",
         static_cast<ull>(e.audit_recovery->unrestored_bytes));
  if (e.anomaly_alerts || e.audit_anchored) out->push_back('\n');
  if (e.shared_state) {
    const SharedStateCounts& c = *e.shared_state;
    Line(out,
         "Shared Quota (Redis): %llu checks, %llu errors (%llu admitted open, %llu blocked closed), "
         "%llu connects, %llu script loads, %llu from leased tokens\n",
         static_cast<ull>(c.checks), static_cast<ull>(c.errors), static_cast<ull>(c.fail_open_admits),
         static_cast<ull>(c.fail_closed_blocks), static_cast<ull>(c.connects),
         static_cast<ull>(c.script_loads), static_cast<ull>(c.local_checks));
  }
  if (e.shared_risk) {
    const SharedStateCounts& c = *e.shared_risk;
    Line(out,
         "Shared Risk (Redis): %llu updates, %llu replayed from other engines, %llu errors (%llu computed "
         "locally, %llu reported "
         "highest), %llu connects, %llu script loads\n",
         static_cast<ull>(c.checks), static_cast<ull>(c.replayed), static_cast<ull>(c.errors),
         static_cast<ull>(c.fail_open_admits), static_cast<ull>(c.fail_closed_blocks),
         static_cast<ull>(c.connects), static_cast<ull>(c.script_loads));
  }
  if (e.shared_quarantine) {
    const SharedStateCounts& c = *e.shared_quarantine;
    Line(out,
         "Shared Quarantine (Redis): %llu requests (list reads and changes), %llu changes sent late, "
         "%llu errors, %llu connects, %llu script loads\n",
         static_cast<ull>(c.checks), static_cast<ull>(c.replayed), static_cast<ull>(c.errors),
         static_cast<ull>(c.connects), static_cast<ull>(c.script_loads));
  }
  if (e.stages) {
    const std::string block = RenderStageAttribution(AttributeStages(*e.stages));
    if (!block.empty()) {
      out->append(block);
      out->push_back('\n');
    }
  }
}

// Exact figures print as integers; noisy ones keep one decimal, so they
// cannot be mistaken for exact counts.
void CohortBlock(std::string* out, const CohortAggregates& c) {
  if (c.release == CohortAggregates::Release::kRefused) {
    out->append("Per-Cohort Aggregates: not released: " + c.refusal + "\n\n");
    return;
  }
  if (c.cohorts.empty()) return;
  if (c.release == CohortAggregates::Release::kDifferential)
    Line(out, "Per-Cohort Aggregates (differentially private, noisy; epsilon %g spent):", c.epsilon_spent);
  else
    Line(out, "Per-Cohort Aggregates:");
  Line(out, "  %-20s %12s %12s %12s %10s", "Cohort", "Actions", "Violations", "PII", "Mean Risk");
  const bool noisy = c.release == CohortAggregates::Release::kDifferential;
  for (const CohortFigures& f : c.cohorts) {
    if (noisy)
      Line(out, "  %-20.64s %12.1f %12.1f %12.1f %10.4f", f.cohort.c_str(), f.actions, f.violations,
           f.pii_findings, f.mean_risk);
    else
      Line(out, "  %-20.64s %12.0f %12.0f %12.0f %10.4f", f.cohort.c_str(), f.actions, f.violations,
           f.pii_findings, f.mean_risk);
  }
  out->push_back('\n');
}

std::string Opt(const std::optional<double>& v, const char* format = "%.4f") {
  if (!v) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, format, *v);
  return buf;
}

// The verdicts against the ground truth (quality.h; docs/loadgen.md).
void QualityBlock(std::string* out, const RunReport& r) {
  const QualityReport& q = r.quality;
  if (!q.measured) {
    Line(out, "Quality:             not measured (no ground truth: replayed actions)");
    out->push_back('\n');
    return;
  }
  Line(out, "Quality (verdicts against the workload's ground truth):");
  Line(out, "  Actions:           %llu (%llu clean, %llu of them flagged: %s)", static_cast<ull>(q.actions),
       static_cast<ull>(q.clean), static_cast<ull>(q.clean_flagged),
       Opt(q.clean ? std::optional<double>(100.0 * q.clean_flagged / q.clean) : std::nullopt, "%.2f%%")
           .c_str());
  Line(out, "  %-20s %10s %10s %10s %10s %10s", "Category", "Expected", "Detected", "TP", "Precision",
       "Recall");
  for (const CategoryQuality& c : q.categories)
    Line(out, "  %-20s %10llu %10llu %10llu %10s %10s", std::string(CategoryName(c.category)).c_str(),
         static_cast<ull>(c.expected), static_cast<ull>(c.detected), static_cast<ull>(c.true_positives),
         Opt(c.precision).c_str(), Opt(c.recall).c_str());
  if (q.pii_measured) {
    Line(out, "  PII Recall:        %s (%llu of %llu values covered by a finding)", Opt(q.pii_recall).c_str(),
         static_cast<ull>(q.pii_covered), static_cast<ull>(q.pii_values));
    for (const PiiTypeQuality& t : q.pii_by_type) {
      if (t.values > 0)
        Line(out, "    %-17s %llu / %llu", std::string(PiiTypeName(t.type)).c_str(),
             static_cast<ull>(t.covered), static_cast<ull>(t.values));
      if (t.out_of_policy > 0)
        Line(out, "    %-17s %llu values not scanned by the redaction policy (not counted)",
             std::string(PiiTypeName(t.type)).c_str(), static_cast<ull>(t.out_of_policy));
    }
  } else if (q.pii_values_unscanned > 0) {
    Line(out, "  PII Recall:        not measured (the PII stage did not run; %llu values put in)",
         static_cast<ull>(q.pii_values_unscanned));
  }
  if (r.engine.shadow) {
    const shadow::ShadowMetrics& m = *r.engine.shadow;
    Line(out, "  Shadow vs Rule:    TP %llu  FP %llu  TN %llu  FN %llu (precision %.4f, recall %.4f)",
         static_cast<ull>(m.true_positives), static_cast<ull>(m.false_positives),
         static_cast<ull>(m.true_negatives), static_cast<ull>(m.false_negatives), m.precision, m.recall);
  }
  if (!q.injected) {
    Line(out, "  Anomalies:         none injected (--inject-anomalies)");
  } else if (!q.anomaly_measured) {
    Line(out, "  Anomalies:         injected, not measured (the anomaly stage is off: --anomaly)");
  } else {
    Line(out, "  Anomaly Recall:    %s (%llu of %zu detected); time to detect p50 %ss, max %ss",
         Opt(q.anomaly_recall).c_str(), static_cast<ull>(q.anomalies_detected), q.anomalies.size(),
         Opt(q.time_to_detect_p50_s, "%.2f").c_str(), Opt(q.time_to_detect_max_s, "%.2f").c_str());
    for (const AnomalyQuality& a : q.anomalies) {
      char who[32] = "the cohort";
      if (a.kind != AnomalyKind::kCohortDrift) std::snprintf(who, sizeof who, "agent %u", a.agent);
      Line(
          out, "    %-16s %-12s from %7.2fs to %8s: %s (%llu alerts in %llu actions)",
          std::string(AnomalyKindName(a.kind)).c_str(), who, a.onset_s,
          a.end_s ? Opt(a.end_s, "%.2fs").c_str() : "the end",
          a.time_to_detect_s ? ("detected after " + Opt(a.time_to_detect_s, "%.2f") + "s").c_str() : "missed",
          static_cast<ull>(a.alerts), static_cast<ull>(a.actions));
    }
  }
  if (q.coordinated_injected && !q.coordinated_measured) {
    Line(out, "  Coordinated:       injected, not measured (the correlation stage is off: --correlation)");
  } else if (q.coordinated_measured) {
    for (const AnomalyQuality& a : q.coordinated) {
      std::string who;
      for (uint32_t g : a.group) who += (who.empty() ? "agents " : ", ") + std::to_string(g);
      Line(out,
           "  Coordinated:       %s from %.2fs to %s: %s (%llu coordinated_attack matches in %llu actions)",
           who.c_str(), a.onset_s, Opt(a.end_s, "%.2fs").c_str(),
           a.time_to_detect_s ? ("found after " + Opt(a.time_to_detect_s, "%.2f") + "s").c_str() : "missed",
           static_cast<ull>(a.alerts), static_cast<ull>(a.actions));
    }
    Line(out, "  False Coordinated: %llu coordinated_attack matches on %llu benign actions",
         static_cast<ull>(q.false_coordinated), static_cast<ull>(q.benign_actions));
  }
  if (q.anomaly_measured) {
    Line(out, "  False Alerts:      %llu on %llu benign actions (%s per 10k)",
         static_cast<ull>(q.false_alerts), static_cast<ull>(q.benign_actions),
         Opt(q.false_alerts_per_10k, "%.2f").c_str());
    if (q.false_alerts > 0) {
      std::string kinds;
      for (int k = 0; k < kAlertKindCount; ++k) {
        if (q.false_alerts_by_kind[k] == 0) continue;
        if (!kinds.empty()) kinds += ", ";
        kinds += std::string(AlertKindName(k)) + " " + std::to_string(q.false_alerts_by_kind[k]);
      }
      Line(out, "    by kind:         %s", kinds.c_str());
    }
  }
  out->push_back('\n');
}

}  // namespace

std::string RenderConsoleSummary(const RunReport& r, const std::vector<SloCheck>& slos,
                                 double late_threshold_ms) {
  std::string out;
  const std::string rule(60, '=');
  Line(&out, "\n%s", rule.c_str());
  Line(&out, "LOAD TEST RESULTS%s", r.interrupted ? " (interrupted: partial run)" : "");
  Line(&out, "%s", rule.c_str());
  Line(&out, "Elapsed Time:        %.2fs", r.elapsed_s);
  Line(&out, "Total Actions:       %llu", static_cast<unsigned long long>(r.completed));
  Line(&out, "Target RPS:          %.2f", r.target_rps);
  Line(&out, "Achieved RPS:        %.2f", r.achieved_rps);
  Line(&out, "Successes:           %llu", static_cast<unsigned long long>(r.successes));
  Line(&out, "Errors:              %llu", static_cast<unsigned long long>(r.errors));
  Line(&out, "Error Rate:          %.2f%%", r.error_rate * 100);
  Line(&out, "Violations Detected: %llu", static_cast<unsigned long long>(r.violations));
  out.push_back('\n');
  LatencyBlock(&out, "Latency (ms):", r.response_time);
  out.push_back('\n');
  LatencyBlock(&out, "Service Time (ms):", r.service_time);
  out.push_back('\n');
  LatencyBlock(&out, "Send Lag (ms):", r.send_lag);
  out.push_back('\n');
  Line(&out, "Planned Actions:     %llu", static_cast<unsigned long long>(r.planned));
  Line(&out, "Not Sent:            %llu%s", static_cast<unsigned long long>(r.not_sent),
       r.cut_off ? " (sending stopped at the deadline: the evaluator could not keep up)" : "");
  Line(&out, "Late Sends (>%gms): %llu (%.2f%%)", late_threshold_ms, static_cast<unsigned long long>(r.late),
       r.completed ? 100.0 * r.late / r.completed : 0.0);
  std::string decisions;
  for (int i = 0; i < kDecisionCount; ++i) {
    if (r.decisions[i] == 0) continue;
    if (!decisions.empty()) decisions += ", ";
    decisions += std::string(DecisionName(static_cast<Decision>(i))) + " " + std::to_string(r.decisions[i]);
  }
  Line(&out, "Decisions:           %s", decisions.empty() ? "-" : decisions.c_str());
  out.push_back('\n');
  EngineBlocks(&out, r.engine);
  QualityBlock(&out, r);
  CohortBlock(&out, r.cohorts);
  out += GovernanceConsoleBlocks(r.engine);  // the engine SLA last, above the SLO check
  Line(&out, "SLO Compliance:");
  for (const SloCheck& c : slos) {
    const char* verdict = c.passed ? "\u2713 PASS" : "\u2717 FAIL";
    if (c.name == "p95" || c.name == "p99")
      Line(&out, "  %s:  %s (%.2fms)", c.label.c_str(), verdict, c.observed);
    else
      Line(&out, "  %s: %s", c.label.c_str(), verdict);
  }
  return out;
}

}  // namespace nethical::loadgen
