#include "loadgen/merge_results.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "engine/base/shown_value.h"
#include "engine/model/verdict.h"
#include "loadgen/json_summary.h"

namespace nethical::loadgen {
namespace {

using Json = nlohmann::ordered_json;

// Reads j[a][b]... as T; false when a key is missing or of another type.
class Reader {
 public:
  Reader(const Json& root, std::string path) : root_(root), path_(std::move(path)) {}

  const Json* Find(std::initializer_list<const char*> keys) const {
    const Json* j = &root_;
    for (const char* k : keys) {
      if (!j->is_object()) return nullptr;
      const auto it = j->find(k);
      if (it == j->end()) return nullptr;
      j = &*it;
    }
    return j;
  }
  Status Missing(std::initializer_list<const char*> keys, const char* kind) const {
    std::string name;
    for (const char* k : keys) name += (name.empty() ? "" : ".") + std::string(k);
    return InvalidArgument(path_ + ": " + name + " is missing or not " + kind);
  }
  Status Unsigned(std::initializer_list<const char*> keys, uint64_t* out) const {
    const Json* j = Find(keys);
    if (j == nullptr || !j->is_number_unsigned()) return Missing(keys, "a non-negative integer");
    *out = j->get<uint64_t>();
    return Status::Ok();
  }
  Status Number(std::initializer_list<const char*> keys, double* out) const {
    const Json* j = Find(keys);
    if (j == nullptr || !j->is_number()) return Missing(keys, "a number");
    *out = j->get<double>();
    return Status::Ok();
  }
  Status Bool(std::initializer_list<const char*> keys, bool* out) const {
    const Json* j = Find(keys);
    if (j == nullptr || !j->is_boolean()) return Missing(keys, "true or false");
    *out = j->get<bool>();
    return Status::Ok();
  }
  std::string String(std::initializer_list<const char*> keys) const {
    const Json* j = Find(keys);
    return j != nullptr && j->is_string() ? j->get<std::string>() : "";
  }

 private:
  const Json& root_;
  std::string path_;
};

#define RETURN_IF_ERROR(expr)                    \
  do {                                           \
    if (Status s_ = (expr); !s_.ok()) return s_; \
  } while (0)

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

Status SameSetting(const SummaryInput& first, const SummaryInput& other, const char* key, double a,
                   double b) {
  if (a == b) return Status::Ok();
  return InvalidArgument("configuration." + std::string(key) + " differs: " + Number(a) + " in " +
                         ShownPath(first.path) + ", " + Number(b) + " in " + ShownPath(other.path) +
                         " (merged SLO verdicts need one threshold)");
}

// Point-by-point merge of the inputs' series (merge_results.h); null when
// they cannot be aligned.
Json MergeTimeSeries(const std::vector<SummaryInput>& inputs) {
  double width = -1;
  size_t longest = 0;
  for (const SummaryInput& in : inputs) {
    const Json& ts = in.timeseries;
    if (!ts.is_object() || !ts.contains("bucket_seconds") || !ts["bucket_seconds"].is_number() ||
        !ts.contains("points") || !ts["points"].is_array())
      return nullptr;
    const double w = ts["bucket_seconds"].get<double>();
    if (width >= 0 && w != width) return nullptr;
    width = w;
    for (const Json& p : ts["points"])
      if (!p.is_object() || p.value("merged_buckets", 1) != 1) return nullptr;
    longest = std::max(longest, ts["points"].size());
  }
  auto number = [](const Json& p, const char* a, const char* b = nullptr) {
    const Json* j = &p;
    for (const char* k : {a, b}) {
      if (k == nullptr) break;
      if (!j->is_object() || !j->contains(k)) return 0.0;
      j = &(*j)[k];
    }
    return j->is_number() ? j->get<double>() : 0.0;
  };
  Json points = Json::array();
  for (size_t i = 0; i < longest; ++i) {
    Json merged;
    bool first = true, passed = true;
    for (const SummaryInput& in : inputs) {
      const Json& pts = in.timeseries["points"];
      if (i >= pts.size()) continue;
      const Json& p = pts[i];
      if (first) {
        merged = {{"start_seconds", number(p, "start_seconds")},
                  {"end_seconds", number(p, "end_seconds")},
                  {"planned_rps", 0.0},
                  {"achieved_rps", 0.0},
                  {"completed", 0},
                  {"errors", 0},
                  {"late_sends", 0},
                  {"response_time_ms", {{"p50", 0.0}, {"p95", 0.0}, {"p99", 0.0}, {"max", 0.0}}},
                  {"service_time_ms", {{"p50", 0.0}, {"p99", 0.0}}},
                  {"decisions", Json::object()}};
        first = false;
      }
      merged["end_seconds"] = std::max(merged["end_seconds"].get<double>(), number(p, "end_seconds"));
      for (const char* k : {"planned_rps", "achieved_rps"})
        merged[k] = merged[k].get<double>() + number(p, k);
      for (const char* k : {"completed", "errors", "late_sends"})
        merged[k] = merged[k].get<uint64_t>() + static_cast<uint64_t>(number(p, k));
      for (const char* k : {"p50", "p95", "p99", "max"})
        merged["response_time_ms"][k] =
            std::max(merged["response_time_ms"][k].get<double>(), number(p, "response_time_ms", k));
      for (const char* k : {"p50", "p99"})
        merged["service_time_ms"][k] =
            std::max(merged["service_time_ms"][k].get<double>(), number(p, "service_time_ms", k));
      if (p.contains("decisions") && p["decisions"].is_object())
        for (const auto& [name, count] : p["decisions"].items())
          merged["decisions"][name] =
              merged["decisions"].value(name, uint64_t{0}) + (count.is_number() ? count.get<uint64_t>() : 0);
      passed = passed && p.value("slo_passed", true);
    }
    merged["slo_passed"] = passed;
    merged["merged_buckets"] = 1;
    points.push_back(std::move(merged));
  }
  return Json{{"bucket_seconds", width},
              {"percentiles",
               "upper bound: the largest of the inputs' per point (exact run-wide percentiles come from the "
               "histograms)"},
              {"points", points}};
}

}  // namespace

StatusOr<SummaryInput> ParseSummary(std::string_view text, std::string_view path) {
  SummaryInput in;
  in.path = std::string(path);
  const std::string shown = ShownPath(path);
  const Json root = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) return InvalidArgument(shown + ": not a JSON object");
  const Reader r(root, shown);
  uint64_t schema = 0;
  RETURN_IF_ERROR(r.Unsigned({"schema_version"}, &schema));
  if (schema != 1)
    return InvalidArgument(shown + ": schema_version " + std::to_string(schema) + " (this merge reads 1)");
  in.tool = r.String({"tool"});
  if (in.tool != "generate_load" && in.tool != "merge_results")
    return InvalidArgument(shown + ": tool is '" + in.tool + "', not generate_load or merge_results");
  if (r.Find({"histograms"}) == nullptr)
    return InvalidArgument(shown +
                           ": no histograms block (written before summaries embedded their "
                           "histograms): percentiles cannot be merged exactly");
  in.started_at = r.String({"started_at"});
  in.hostname = r.String({"machine", "hostname"});
  RETURN_IF_ERROR(r.Unsigned({"counts", "planned"}, &in.planned));
  RETURN_IF_ERROR(r.Unsigned({"counts", "completed"}, &in.completed));
  RETURN_IF_ERROR(r.Unsigned({"counts", "errors"}, &in.errors));
  RETURN_IF_ERROR(r.Unsigned({"counts", "violations_detected"}, &in.violations));
  RETURN_IF_ERROR(r.Unsigned({"counts", "late_sends"}, &in.late));
  for (int i = 0; i < kDecisionCount; ++i) {
    const std::string name(DecisionName(static_cast<Decision>(i)));
    RETURN_IF_ERROR(r.Unsigned({"decisions", name.c_str()}, &in.decisions[i]));
  }
  RETURN_IF_ERROR(r.Number({"duration_seconds"}, &in.duration_s));
  RETURN_IF_ERROR(r.Number({"elapsed_seconds"}, &in.elapsed_s));
  RETURN_IF_ERROR(r.Number({"scheduled_span_seconds"}, &in.scheduled_span_s));
  RETURN_IF_ERROR(r.Number({"send_deadline_seconds"}, &in.send_deadline_s));
  RETURN_IF_ERROR(r.Number({"target_rps"}, &in.target_rps));
  RETURN_IF_ERROR(r.Bool({"interrupted"}, &in.interrupted));
  RETURN_IF_ERROR(r.Bool({"cut_off"}, &in.cut_off));
  RETURN_IF_ERROR(r.Number({"configuration", "slo", "p95_ms"}, &in.slo.p95_ms));
  RETURN_IF_ERROR(r.Number({"configuration", "slo", "p99_ms"}, &in.slo.p99_ms));
  RETURN_IF_ERROR(r.Number({"configuration", "slo", "rate_tolerance"}, &in.slo.rate_tolerance));
  RETURN_IF_ERROR(r.Number({"configuration", "slo", "error_rate"}, &in.slo.error_rate));
  RETURN_IF_ERROR(r.Number({"configuration", "late_threshold_ms"}, &in.late_threshold_ms));
  if (in.errors > in.completed)
    return InvalidArgument(shown + ": counts.errors " + std::to_string(in.errors) +
                           " exceeds counts.completed " + std::to_string(in.completed));
  if (const Json* ts = r.Find({"timeseries"}); ts != nullptr && ts->is_object()) in.timeseries = *ts;
  struct Slot {
    const char* key;
    HistogramRecord* out;
  };
  for (const Slot& s : {Slot{"response_time", &in.response_time}, Slot{"service_time", &in.service_time},
                        Slot{"send_lag", &in.send_lag}}) {
    const Json* j = r.Find({"histograms", s.key});
    StatusOr<HistogramRecord> h = HistogramRecord::FromJson(j ? *j : Json(), shown + ": histograms." + s.key);
    if (!h.ok()) return h.status();
    if (h->count != in.completed)
      return InvalidArgument(shown + ": histograms." + s.key + " holds " + std::to_string(h->count) +
                             " samples but counts.completed is " + std::to_string(in.completed));
    *s.out = std::move(*h);
  }
  return in;
}

StatusOr<MergedRun> MergeSummaries(std::vector<SummaryInput> inputs) {
  if (inputs.empty()) return InvalidArgument("merge: no summaries given");
  const SummaryInput& first = inputs.front();
  auto totals = std::make_unique<RunTotals>();
  RunResult result;
  uint64_t planned = 0;
  double duration_s = 0, span_s = 0, target_rps = 0, deadline_s = 0, elapsed_s = 0;
  for (const SummaryInput& in : inputs) {
    RETURN_IF_ERROR(SameSetting(first, in, "slo.p95_ms", first.slo.p95_ms, in.slo.p95_ms));
    RETURN_IF_ERROR(SameSetting(first, in, "slo.p99_ms", first.slo.p99_ms, in.slo.p99_ms));
    RETURN_IF_ERROR(
        SameSetting(first, in, "slo.rate_tolerance", first.slo.rate_tolerance, in.slo.rate_tolerance));
    RETURN_IF_ERROR(SameSetting(first, in, "slo.error_rate", first.slo.error_rate, in.slo.error_rate));
    RETURN_IF_ERROR(
        SameSetting(first, in, "late_threshold_ms", first.late_threshold_ms, in.late_threshold_ms));
    totals->completed += in.completed;
    totals->errors += in.errors;
    totals->violations += in.violations;
    totals->late += in.late;
    for (int i = 0; i < kDecisionCount; ++i) totals->decisions[i] += in.decisions[i];
    AddRecord(in.response_time, &totals->response_time);
    AddRecord(in.service_time, &totals->service_time);
    AddRecord(in.send_lag, &totals->send_lag);
    planned += in.planned;
    duration_s = std::max(duration_s, in.duration_s);
    span_s = std::max(span_s, in.scheduled_span_s);
    deadline_s = std::max(deadline_s, in.send_deadline_s);
    elapsed_s = std::max(elapsed_s, in.elapsed_s);
    target_rps += in.target_rps;
    result.stopped = result.stopped || in.interrupted;
    result.cut_off = result.cut_off || in.cut_off;
  }
  result.start_ns = 0;
  result.end_ns = static_cast<int64_t>(elapsed_s * 1e9 + 0.5);
  MergedRun merged;
  merged.report = MakeRunReport(*totals, result, planned, duration_s, target_rps, span_s);
  merged.report.send_deadline_s = deadline_s;
  merged.slo = first.slo;
  merged.late_threshold_ms = first.late_threshold_ms;
  merged.slos = CheckSlos(merged.report, merged.slo);
  merged.timeseries = MergeTimeSeries(inputs);
  merged.inputs = std::move(inputs);
  for (SummaryInput& in : merged.inputs) {
    in.response_time.counts.clear();
    in.service_time.counts.clear();
    in.send_lag.counts.clear();
    in.timeseries = nullptr;
  }
  return merged;
}

std::string RenderMergedJsonSummary(const MergedRun& m) {
  Json inputs = Json::array();
  for (const SummaryInput& in : m.inputs)
    inputs.push_back({{"path", in.path},
                      {"tool", in.tool},
                      {"started_at", in.started_at},
                      {"hostname", in.hostname},
                      {"completed", in.completed},
                      {"target_rps", in.target_rps},
                      {"elapsed_seconds", in.elapsed_s}});
  Json doc =
      Json{{"schema_version", kJsonSummarySchemaVersion}, {"tool", "merge_results"}, {"inputs", inputs}};
  const Json figures = SummaryFiguresJson(m.report, m.slos);
  for (const auto& [key, value] : figures.items()) doc[key] = value;
  if (!m.timeseries.is_null()) doc["timeseries"] = m.timeseries;
  doc["configuration"] = {{"late_threshold_ms", m.late_threshold_ms},
                          {"slo",
                           {{"p95_ms", m.slo.p95_ms},
                            {"p99_ms", m.slo.p99_ms},
                            {"rate_tolerance", m.slo.rate_tolerance},
                            {"error_rate", m.slo.error_rate}}}};
  return doc.dump(2) + "\n";
}

std::string RenderMergedConsoleSummary(const MergedRun& m) {
  const RunReport& r = m.report;
  std::string out;
  char line[256];
  auto add = [&](const char* fmt, auto... args) {
    std::snprintf(line, sizeof line, fmt, args...);
    out += line;
    out += '\n';
  };
  add("Merged %zu summaries:", m.inputs.size());
  for (const SummaryInput& in : m.inputs)
    add("  %s: %llu completed, target %.2f/s, %.2fs", ShownPath(in.path).c_str(),
        static_cast<unsigned long long>(in.completed), in.target_rps, in.elapsed_s);
  add("Completed:           %llu of %llu planned (%llu errors, %llu late sends)",
      static_cast<unsigned long long>(r.completed), static_cast<unsigned long long>(r.planned),
      static_cast<unsigned long long>(r.errors), static_cast<unsigned long long>(r.late));
  add("Rate:                %.2f/s achieved, %.2f/s target", r.achieved_rps, r.target_rps);
  for (const auto& [name, s] :
       {std::pair<const char*, const LatencySummary&>{"Response time", r.response_time},
        {"Service time", r.service_time},
        {"Send lag", r.send_lag}})
    add("%-20s p50 %.3f  p90 %.3f  p95 %.3f  p99 %.3f  p99.9 %.3f  max %.3f ms",
        (std::string(name) + ":").c_str(), s.p50_ms, s.p90_ms, s.p95_ms, s.p99_ms, s.p999_ms, s.max_ms);
  for (const SloCheck& c : m.slos) add("  %s %s", c.passed ? "PASS" : "FAIL", c.label.c_str());
  add("SLO: %s", AllPassed(m.slos) ? "all passed" : "failed");
  return out;
}

}  // namespace nethical::loadgen
