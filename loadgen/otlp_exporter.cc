#include "loadgen/otlp_exporter.h"

#include <curl/curl.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <utility>

#include "engine/base/shown_value.h"
#include "engine/model/verdict.h"
#include "loadgen/metrics_exporter.h"

namespace nethical::loadgen {
namespace {

using Json = nlohmann::ordered_json;

Json Attribute(const std::string& key, const std::string& value) {
  return {{"key", key}, {"value", {{"stringValue", value}}}};
}

Json IntPoint(uint64_t value, const std::string& start, const std::string& now,
              Json attributes = Json::array()) {
  Json p = {{"startTimeUnixNano", start}, {"timeUnixNano", now}, {"asInt", std::to_string(value)}};
  if (!attributes.empty()) p["attributes"] = std::move(attributes);
  return p;
}

Json Sum(const char* name, const char* description, const char* unit, Json points) {
  return {{"name", name},
          {"description", description},
          {"unit", unit},
          {"sum", {{"aggregationTemporality", 2}, {"isMonotonic", true}, {"dataPoints", std::move(points)}}}};
}

Json Histogram(const char* name, const char* description, const LatencyHistogram& h, const std::string& start,
               const std::string& now) {
  Json bounds = Json::array(), counts = Json::array();
  uint64_t below = 0, total = 0;
  int index = 0;
  for (double bound : kLatencyBucketBounds) {
    const int64_t bound_ns = static_cast<int64_t>(bound * 1e9 + 0.5);
    uint64_t in_bucket = 0;
    for (; index < LatencyHistogram::kBucketCount &&
           LatencyHistogram::BucketLow(index) + LatencyHistogram::BucketWidth(index) - 1 <= bound_ns;
         ++index)
      in_bucket += h.CountAt(index);
    bounds.push_back(bound);
    counts.push_back(std::to_string(in_bucket));
    below += in_bucket;
  }
  uint64_t above = 0;
  for (; index < LatencyHistogram::kBucketCount; ++index) above += h.CountAt(index);
  counts.push_back(std::to_string(above));
  total = below + above;
  Json point = {{"startTimeUnixNano", start},     {"timeUnixNano", now},
                {"count", std::to_string(total)}, {"sum", h.mean() * static_cast<double>(h.count()) / 1e9},
                {"bucketCounts", counts},         {"explicitBounds", bounds}};
  if (total > 0) {
    point["min"] = h.min() / 1e9;
    point["max"] = h.max() / 1e9;
  }
  return {{"name", name},
          {"description", description},
          {"unit", "s"},
          {"histogram", {{"aggregationTemporality", 2}, {"dataPoints", Json::array({point})}}}};
}

size_t Discard(char*, size_t size, size_t n, void*) { return size * n; }

std::string MetricsUrl(std::string endpoint) {
  while (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
  return endpoint + "/v1/metrics";
}

}  // namespace

StatusOr<std::optional<OtlpOptions>> OtlpOptionsFrom(const UnavailableFeatures& u, const char* env_endpoint,
                                                     const char* env_service_name) {
  if (!u.otel) return std::optional<OtlpOptions>();
  if (!u.otel_exporter.empty() && u.otel_exporter != "otlp")
    return InvalidArgument("NETHICAL_OTEL_EXPORTER=" + ShownValue(u.otel_exporter) +
                           ": must be otlp (OTLP/HTTP, JSON encoding) or empty");
  OtlpOptions o;
  o.endpoint = !u.otel_endpoint.empty()                           ? u.otel_endpoint
               : env_endpoint != nullptr && *env_endpoint != '\0' ? env_endpoint
                                                                  : "http://localhost:4318";
  const bool from_key = !u.otel_endpoint.empty();
  if (o.endpoint.rfind("http://", 0) != 0 && o.endpoint.rfind("https://", 0) != 0)
    return InvalidArgument(
        std::string(from_key ? "NETHICAL_OTEL_EXPORTER_OTLP_ENDPOINT=" : "OTEL_EXPORTER_OTLP_ENDPOINT=") +
        ShownValue(o.endpoint) + ": must be an http:// or https:// URL");
  o.service_name = !u.otel_service_name.empty()                               ? u.otel_service_name
                   : env_service_name != nullptr && *env_service_name != '\0' ? env_service_name
                                                                              : "nethical";
  return std::optional<OtlpOptions>(o);
}

std::string OtlpMetricsJson(const RunTotals& t, const OtlpOptions& o, int64_t start_unix_ns,
                            int64_t now_unix_ns) {
  const std::string start = std::to_string(start_unix_ns), now = std::to_string(now_unix_ns);
  Json decisions = Json::array();
  for (int i = 0; i < kDecisionCount; ++i)
    decisions.push_back(
        IntPoint(t.decisions[i], start, now,
                 Json::array({Attribute("decision", std::string(DecisionName(static_cast<Decision>(i))))})));
  Json metrics = Json::array();
  metrics.push_back(Sum("nethical.loadgen.actions", "Actions evaluated (successes and errors).", "{action}",
                        Json::array({IntPoint(t.completed, start, now)})));
  metrics.push_back(Sum("nethical.loadgen.errors", "Actions the evaluator failed.", "{action}",
                        Json::array({IntPoint(t.errors, start, now)})));
  metrics.push_back(Sum("nethical.loadgen.violations", "Actions with a violation detected.", "{action}",
                        Json::array({IntPoint(t.violations, start, now)})));
  metrics.push_back(Sum("nethical.loadgen.late_sends", "Sends that started later than --late-ms.", "{action}",
                        Json::array({IntPoint(t.late, start, now)})));
  metrics.push_back(
      Sum("nethical.loadgen.decisions", "Verdicts by decision.", "{action}", std::move(decisions)));
  metrics.push_back(
      {{"name", "nethical.loadgen.planned"},
       {"description", "Sends the schedule plans."},
       {"unit", "{action}"},
       {"gauge",
        {{"dataPoints", Json::array({{{"timeUnixNano", now}, {"asInt", std::to_string(o.planned)}}})}}}});
  metrics.push_back(Histogram("nethical.loadgen.response_time", "Intended send time to verdict.",
                              t.response_time, start, now));
  metrics.push_back(
      Histogram("nethical.loadgen.service_time", "Actual start to verdict.", t.service_time, start, now));
  metrics.push_back(
      Histogram("nethical.loadgen.send_lag", "Intended to actual send start.", t.send_lag, start, now));
  Json resource = {{"attributes", Json::array({Attribute("service.name", o.service_name),
                                               Attribute("service.version", o.service_version)})}};
  Json doc = {
      {"resourceMetrics",
       Json::array({{{"resource", resource},
                     {"scopeMetrics",
                      Json::array({{{"scope", {{"name", "generate_load"}, {"version", o.service_version}}},
                                    {"metrics", metrics}}})}}})}};
  return doc.dump();
}

OtlpExporter::OtlpExporter(OtlpOptions options, const Clock& clock)
    : options_(std::move(options)),
      clock_(clock),
      url_(MetricsUrl(options_.endpoint)),
      start_unix_ns_(clock.WallNanos()) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  thread_ = std::thread([this] { Loop(); });
}

OtlpExporter::~OtlpExporter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void OtlpExporter::OnSample(int64_t elapsed_ns, const RunTotals& totals) {
  if (elapsed_ns - last_export_ns_ < options_.interval_ns) return;
  last_export_ns_ = elapsed_ns;
  Offer(OtlpMetricsJson(totals, options_, start_unix_ns_, clock_.WallNanos()));
}

void OtlpExporter::OnFinish(int64_t, const RunTotals& totals) {
  Offer(OtlpMetricsJson(totals, options_, start_unix_ns_, clock_.WallNanos()));
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait_for(lock, std::chrono::milliseconds(2 * options_.timeout_ms + 500),
               [this] { return !pending_ && !posting_; });
}

void OtlpExporter::Offer(std::string body) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (pending_) ++dropped_;
    pending_ = std::move(body);
  }
  cv_.notify_all();
}

void OtlpExporter::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return stop_ || pending_; });
    if (!pending_) return;  // stopping with nothing left
    std::string body = std::move(*pending_);
    pending_.reset();
    posting_ = true;
    lock.unlock();
    std::string error;
    const bool ok = Post(body, &error);
    lock.lock();
    posting_ = false;
    if (ok)
      ++sent_;
    else
      ++failed_, last_error_ = error;
    cv_.notify_all();
    if (stop_ && !pending_) return;
  }
}

bool OtlpExporter::Post(const std::string& body, std::string* error) {
  CURL* curl = curl_easy_init();
  if (curl == nullptr) {
    *error = "curl_easy_init failed";
    return false;
  }
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, options_.timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Discard);
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    *error = curl_easy_strerror(rc);
    return false;
  }
  if (status < 200 || status > 299) {
    *error = "HTTP status " + std::to_string(status);
    return false;
  }
  return true;
}

uint64_t OtlpExporter::sent() const {
  std::lock_guard<std::mutex> lock(mu_);
  return sent_;
}
uint64_t OtlpExporter::failed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return failed_;
}
uint64_t OtlpExporter::dropped() const {
  std::lock_guard<std::mutex> lock(mu_);
  return dropped_;
}
std::string OtlpExporter::last_error() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_error_;
}

std::string OtlpExporter::Report() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::string line = "OTLP export: " + std::to_string(sent_) + " sent, " + std::to_string(failed_) +
                     " failed, " + std::to_string(dropped_) + " dropped to " + url_;
  if (failed_ > 0) line += " (last error: " + last_error_ + ")";
  return line;
}

}  // namespace nethical::loadgen
