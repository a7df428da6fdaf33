#include "loadgen/json_summary.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "engine/model/verdict.h"
#include "loadgen/governance_report.h"
#include "loadgen/stage_attribution.h"

namespace nethical::loadgen {
namespace {

using Json = nlohmann::ordered_json;

Json FalseAlertsByKind(const QualityReport& q) {
  Json kinds = Json::object();
  for (int k = 0; k < kAlertKindCount; ++k) kinds[std::string(AlertKindName(k))] = q.false_alerts_by_kind[k];
  return kinds;
}

Json Latency(const LatencySummary& s) {
  return Json{{"p50", s.p50_ms},   {"p90", s.p90_ms}, {"p95", s.p95_ms},   {"p99", s.p99_ms},
              {"p999", s.p999_ms}, {"max", s.max_ms}, {"mean", s.mean_ms}, {"min", s.min_ms}};
}

Json Figures(const RunReport& r) {
  Json decisions = Json::object();
  for (int i = 0; i < kDecisionCount; ++i)
    decisions[std::string(DecisionName(static_cast<Decision>(i)))] = r.decisions[i];
  return Json{{"interrupted", r.interrupted},
              {"duration_seconds", r.duration_s},
              {"elapsed_seconds", r.elapsed_s},
              {"scheduled_span_seconds", r.scheduled_span_s},
              {"send_deadline_seconds", r.send_deadline_s},
              {"cut_off", r.cut_off},
              {"target_rps", r.target_rps},
              {"achieved_rps", r.achieved_rps},
              {"counts",
               {{"planned", r.planned},
                {"completed", r.completed},
                {"successes", r.successes},
                {"errors", r.errors},
                {"violations_detected", r.violations},
                {"late_sends", r.late},
                {"not_sent", r.not_sent}}},
              {"error_rate", r.error_rate},
              {"decisions", decisions},
              {"response_time_ms", Latency(r.response_time)},
              {"service_time_ms", Latency(r.service_time)},
              {"send_lag_ms", Latency(r.send_lag)}};
}

// A stage's JSONL log (engine/base/jsonl_log.h).
Json LogJson(const JsonlLogCounters& c) {
  return {{"lines_written", c.written},
          {"lines_dropped", c.dropped},
          {"rotations", c.rotations},
          {"write_errors", c.write_errors}};
}

// Only the stages that ran have a key.
Json EngineStatsJson(const EngineStats& e) {
  Json j = Json::object();
  if (e.shadow) {
    const shadow::ShadowMetrics& m = *e.shadow;
    Json bins = Json::array();
    for (int b = 0; b < shadow::kCalibrationBins; ++b)
      bins.push_back({{"count", m.bin_count[b]},
                      {"agreements", m.bin_agree[b]},
                      {"mean_confidence", m.bin_mean_confidence[b]}});
    j["shadow"] = {{"predictions", m.predictions},
                   {"labelled", m.labelled},
                   {"confusion_matrix",
                    {{"true_positives", m.true_positives},
                     {"false_positives", m.false_positives},
                     {"true_negatives", m.true_negatives},
                     {"false_negatives", m.false_negatives}}},
                   {"precision", m.precision},
                   {"recall", m.recall},
                   {"f1", m.f1},
                   {"accuracy", m.accuracy},
                   {"agreement_rate", m.class_agreement_rate},
                   {"score_agreement_rate", m.score_agreement_rate},
                   {"expected_calibration_error", m.expected_calibration_error},
                   {"calibration_bins", bins},
                   {"log",
                    {{"lines_written", m.log_lines_written},
                     {"lines_dropped", m.log_lines_dropped},
                     {"rotations", m.log_rotations},
                     {"write_errors", m.log_write_errors}}}};
  }
  if (e.blend)
    j["blend"] = {{"blends", e.blend->blends},
                  {"gray_zone", e.blend->gray_zone},
                  {"escalations", e.blend->escalations},
                  {"de_escalations", e.blend->de_escalations}};
  if (e.blend_log) j["blend"]["log"] = LogJson(*e.blend_log);
  if (e.anomaly_alerts)
    j["anomaly_alerts"] = {{"low", e.anomaly_alerts->low},
                           {"high", e.anomaly_alerts->high},
                           {"critical", e.anomaly_alerts->critical}};
  if (e.anomaly_log) j["anomaly_log"] = LogJson(*e.anomaly_log);
  AddGovernanceJson(j, e);
  if (e.audit_anchored) j["audit_anchored"] = *e.audit_anchored;
  if (e.audit_recovery)
    j["audit_recovery"] = {{"truncated_bytes", e.audit_recovery->truncated_bytes},
                           {"dropped_records", e.audit_recovery->dropped_records},
                           {"restored_records", e.audit_recovery->restored_records},
                           {"unrestored_bytes", e.audit_recovery->unrestored_bytes}};
  if (e.shared_state)
    j["shared_state"] = {{"checks", e.shared_state->checks},
                         {"errors", e.shared_state->errors},
                         {"fail_open_admits", e.shared_state->fail_open_admits},
                         {"fail_closed_blocks", e.shared_state->fail_closed_blocks},
                         {"connects", e.shared_state->connects},
                         {"script_loads", e.shared_state->script_loads},
                         {"round_trips", e.shared_state->round_trips},
                         {"local_checks", e.shared_state->local_checks}};
  if (e.shared_risk)
    j["shared_risk"] = {{"updates", e.shared_risk->checks},
                        {"replayed", e.shared_risk->replayed},
                        {"errors", e.shared_risk->errors},
                        {"local_fallbacks", e.shared_risk->fail_open_admits},
                        {"highest_risk_reports", e.shared_risk->fail_closed_blocks},
                        {"connects", e.shared_risk->connects},
                        {"script_loads", e.shared_risk->script_loads},
                        {"round_trips", e.shared_risk->round_trips}};
  if (e.shared_quarantine)
    j["shared_quarantine"] = {{"requests", e.shared_quarantine->checks},
                              {"sent_late", e.shared_quarantine->replayed},
                              {"errors", e.shared_quarantine->errors},
                              {"connects", e.shared_quarantine->connects},
                              {"script_loads", e.shared_quarantine->script_loads},
                              {"round_trips", e.shared_quarantine->round_trips}};
  if (e.stages) {
    // Where the time goes (stage_attribution.h).
    const StageAttribution a = AttributeStages(*e.stages);
    const Json rows = Json::parse(StageRowsJson(a));  // one writer of the rows
    j["stages"] = {{"one_in", a.one_in},
                   {"sampled_actions", a.sampled_actions},
                   {"pipeline_us",
                    {{"mean", a.pipeline_mean_us}, {"p50", a.pipeline_p50_us}, {"p99", a.pipeline_p99_us}}},
                   {"by_stage", rows}};
  }
  return j;
}

Json CohortsJson(const CohortAggregates& c) {
  Json per_cohort = Json::array();
  for (const CohortFigures& f : c.cohorts)
    per_cohort.push_back({{"cohort", f.cohort},
                          {"actions", f.actions},
                          {"violations", f.violations},
                          {"pii_findings", f.pii_findings},
                          {"mean_risk", f.mean_risk}});
  return Json{{"release", ReleaseName(c.release)},
              {"noisy", c.release == CohortAggregates::Release::kDifferential},
              {"epsilon_spent", c.epsilon_spent},
              {"refusal", c.refusal},
              {"per_cohort", per_cohort}};
}

// null when undefined (nothing to divide by).
Json Opt(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json QualityJson(const RunReport& r) {
  const QualityReport& q = r.quality;
  Json categories = Json::array();
  for (const CategoryQuality& c : q.categories)
    categories.push_back({{"category", CategoryName(c.category)},
                          {"expected", c.expected},
                          {"detected", c.detected},
                          {"true_positives", c.true_positives},
                          {"precision", Opt(c.precision)},
                          {"recall", Opt(c.recall)}});
  Json pii_types = Json::array();
  for (const PiiTypeQuality& t : q.pii_by_type)
    pii_types.push_back({{"type", PiiTypeName(t.type)},
                         {"values", t.values},
                         {"covered", t.covered},
                         {"out_of_policy", t.out_of_policy}});
  Json shadow = nullptr;
  if (r.engine.shadow) {
    const shadow::ShadowMetrics& m = *r.engine.shadow;
    shadow = {{"true_positives", m.true_positives}, {"false_positives", m.false_positives},
              {"true_negatives", m.true_negatives}, {"false_negatives", m.false_negatives},
              {"precision", m.precision},           {"recall", m.recall}};
  }
  Json anomalies = Json::array();
  for (const AnomalyQuality& a : q.anomalies)
    anomalies.push_back({{"kind", AnomalyKindName(a.kind)},
                         {"agent", a.kind == AnomalyKind::kCohortDrift ? Json(nullptr) : Json(a.agent)},
                         {"onset_seconds", a.onset_s},
                         {"end_seconds", Opt(a.end_s)},
                         {"actions", a.actions},
                         {"alerts", a.alerts},
                         {"detected", a.time_to_detect_s.has_value()},
                         {"time_to_detect_seconds", Opt(a.time_to_detect_s)}});
  Json episodes = Json::array();
  for (const AnomalyQuality& a : q.coordinated)
    episodes.push_back({{"kind", AnomalyKindName(a.kind)},
                        {"agents", a.group},
                        {"onset_seconds", a.onset_s},
                        {"end_seconds", Opt(a.end_s)},
                        {"actions", a.actions},
                        {"matches", a.alerts},
                        {"found", a.time_to_detect_s.has_value()},
                        {"time_to_detect_seconds", Opt(a.time_to_detect_s)}});
  return Json{{"measured", q.measured},
              {"actions", q.actions},
              {"clean_actions", q.clean},
              {"clean_flagged", q.clean_flagged},
              {"categories", categories},
              {"pii",
               {{"measured", q.pii_measured},
                {"values", q.pii_values},
                {"covered", q.pii_covered},
                {"recall", Opt(q.pii_recall)},
                {"values_unscanned", q.pii_values_unscanned},
                {"by_type", pii_types}}},
              {"shadow_vs_rule", shadow},
              {"anomalies",
               {{"injected", q.injected},
                {"measured", q.anomaly_measured},
                {"detected", q.anomalies_detected},
                {"recall", Opt(q.anomaly_recall)},
                {"time_to_detect_p50_seconds", Opt(q.time_to_detect_p50_s)},
                {"time_to_detect_max_seconds", Opt(q.time_to_detect_max_s)},
                {"benign_actions", q.benign_actions},
                {"false_alerts", q.false_alerts},
                {"false_alerts_per_10k", Opt(q.false_alerts_per_10k)},
                {"false_alerts_by_kind", FalseAlertsByKind(q)},
                {"injected_anomalies", anomalies}}},
              {"coordinated",
               {{"injected", q.coordinated_injected},
                {"measured", q.coordinated_measured},
                {"found", q.coordinated_found},
                {"false_matches", q.false_coordinated},
                {"episodes", episodes}}}};
}

Json TimeSeriesJson(const RunReport& r) {
  Json points = Json::array();
  for (const TimeSeriesPoint& p : r.timeseries) {
    Json decisions = Json::object();
    for (int i = 0; i < kDecisionCount; ++i)
      decisions[std::string(DecisionName(static_cast<Decision>(i)))] = p.decisions[i];
    Json failed = Json::array();
    const std::string names = SloFailureNames(p.slo_failures);
    for (size_t at = 0; at < names.size();) {
      const size_t comma = std::min(names.find(',', at), names.size());
      failed.push_back(names.substr(at, comma - at));
      at = comma + 1;
    }
    points.push_back({{"start_seconds", p.start_s},
                      {"end_seconds", p.end_s},
                      {"planned_rps", p.planned_rps()},
                      {"achieved_rps", p.achieved_rps()},
                      {"completed", p.completed},
                      {"errors", p.errors},
                      {"late_sends", p.late},
                      {"response_time_ms",
                       {{"p50", p.response_p50_ns / 1e6},
                        {"p95", p.response_p95_ns / 1e6},
                        {"p99", p.response_p99_ns / 1e6},
                        {"max", p.response_max_ns / 1e6}}},
                      {"service_time_ms", {{"p50", p.service_p50_ns / 1e6}, {"p99", p.service_p99_ns / 1e6}}},
                      {"decisions", decisions},
                      {"slo_passed", p.slo_passed()},
                      {"slo_failed", failed},
                      {"merged_buckets", p.merged}});
  }
  return Json{{"bucket_seconds", r.timeseries_bucket_s}, {"points", points}};
}

// Lossless: merge_results reads these back (histogram_record.h).
Json Histograms(const RunReport& r) {
  return Json{
      {"encoding", "HdrHistogram V2 compressed, base64; values in ns; lowest 1, highest 2^42-1, 2 digits"},
      {"response_time", r.response_time_histogram.ToJson()},
      {"service_time", r.service_time_histogram.ToJson()},
      {"send_lag", r.send_lag_histogram.ToJson()}};
}

Json Slo(const std::vector<SloCheck>& slos) {
  Json checks = Json::array();
  for (const SloCheck& c : slos)
    checks.push_back({{"name", c.name},
                      {"label", c.label},
                      {"observed", c.observed},
                      {"threshold", c.threshold},
                      {"passed", c.passed}});
  return Json{{"passed", AllPassed(slos)}, {"latency_basis", "response_time"}, {"checks", checks}};
}

Json Configuration(const SummaryContext& c) {
  const LoadOptions& o = *c.options;
  Json engine = Json::object();
  for (const auto& [k, v] : c.engine_config) engine[k] = v;
  return Json{{"command_line", o.command_line},
              {"agents", o.agents},
              {"rps", o.rps},
              {"duration_seconds", o.duration_s},
              {"cohort", o.cohort},
              {"seed", c.seed},
              {"workers", c.workers},
              {"arrival", ArrivalName(o.arrival)},
              {"profile", ProfileName(o.profile)},
              {"workload", WorkloadName(o.workload)},
              {"workload_file", o.workload_file},
              {"include_pii_test", o.include_pii_test},
              {"inject_anomalies", o.inject_anomalies},
              {"stagger_ms", o.stagger_ms},
              {"late_threshold_ms", o.late_ms},
              {"evaluator", EvaluatorName(o.evaluator)},
              {"output", c.output},
              {"env_file", o.env_file},
              {"slo",
               {{"p95_ms", o.slo.p95_ms},
                {"p99_ms", o.slo.p99_ms},
                {"rate_tolerance", o.slo.rate_tolerance},
                {"error_rate", o.slo.error_rate}}},
              {"engine", engine}};
}

}  // namespace

Json SummaryFiguresJson(const RunReport& report, const std::vector<SloCheck>& slos) {
  Json doc = Figures(report);
  doc["slo"] = Slo(slos);
  doc["histograms"] = Histograms(report);
  return doc;
}

std::string RenderJsonSummary(const RunReport& report, const std::vector<SloCheck>& slos,
                              const SummaryContext& context, const FindMaxResult* find_max) {
  Json doc = Json{{"schema_version", kJsonSummarySchemaVersion},
                  {"tool", "generate_load"},
                  {"version",
                   {{"git_commit", context.build.git_commit},
                    {"compiler", context.build.compiler},
                    {"build_mode", context.build.mode}}},
                  {"started_at", context.started_at}};
  const Json figures = Figures(report);
  for (const auto& [key, value] : figures.items()) doc[key] = value;
  doc["slo"] = Slo(slos);
  if (report.engine.sla) doc["slo"]["engine_sla"] = EngineSlaJson(*report.engine.sla);
  doc["histograms"] = Histograms(report);
  doc["engine_stats"] = EngineStatsJson(report.engine);
  doc["cohorts"] = CohortsJson(report.cohorts);
  doc["quality"] = QualityJson(report);
  doc["timeseries"] = TimeSeriesJson(report);
  if (find_max != nullptr) {
    Json trials = Json::array();
    for (const FindMaxTrial& t : find_max->trials)
      trials.push_back({{"rps", t.rps},
                        {"passed", t.passed},
                        {"achieved_rps", t.report.achieved_rps},
                        {"error_rate", t.report.error_rate},
                        {"response_time_ms", Latency(t.report.response_time)}});
    doc["find_max"] = {{"found", find_max->found},
                       {"max_rps", find_max->max_rps},
                       {"hit_limit", find_max->hit_limit},
                       {"interrupted", find_max->interrupted},
                       {"trials", trials}};
  }
  if (!context.coordination.run_id.empty())
    doc["coordination"] = {{"run_id", context.coordination.run_id},
                           {"process", context.coordination.process},
                           {"processes", context.coordination.processes},
                           {"start_unix_ns", context.coordination.start_unix_ns},
                           {"start_lateness_ms", context.coordination.start_lateness_ms}};
  doc["configuration"] = Configuration(context);
  doc["machine"] = {{"hostname", context.machine.hostname},
                    {"cpus", context.machine.cpus},
                    {"cpu_model", context.machine.cpu_model},
                    {"kernel", context.machine.kernel},
                    {"load_average_at_start", context.machine.load_average}};
  return doc.dump(2) + "\n";
}

}  // namespace nethical::loadgen
