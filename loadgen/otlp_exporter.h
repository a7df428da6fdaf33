// OpenTelemetry export of a run's metrics: OTLP/HTTP with the JSON encoding
// (the stable protocol), POSTed to <endpoint>/v1/metrics by libcurl
// (Debian's libcurl4-openssl-dev) from a background thread.
//
//   OtlpExporter exporter({.endpoint = "http://collector:4318", .service_name = "nethical"}, clock);
//   monitor.Add(&exporter);       // renders the snapshot every `interval_ns`
//   ...                           // the run; OnFinish sends the final state
//   exporter.Report();            // "OTLP export: 7 sent, 0 failed, 0 dropped to http://..."
//
// Never blocks the hot path, nor the monitor for long: the monitor renders
// a snapshot and leaves it in a one-slot mailbox; the sender thread posts
// the newest one. A snapshot still waiting when the next comes is replaced
// (counted as dropped: the newer one holds everything the older one did,
// since every figure is cumulative). A failed post (connection refused,
// timeout, a non-2xx status) is counted and reported, never fatal.
//
// Metrics (cumulative temporality, start = the run's start):
// nethical.loadgen.actions, .errors, .violations, .late_sends (sums),
// .decisions{decision} (sum), .planned (gauge), .response_time,
// .service_time, .send_lag (histograms in seconds, the Prometheus bounds);
// resource attributes service.name, service.version (the git commit).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "engine/base/clock.h"
#include "engine/base/status.h"
#include "engine/config/engine_config.h"
#include "loadgen/recorder.h"
#include "loadgen/run_monitor.h"

namespace nethical::loadgen {

struct OtlpOptions {
  std::string endpoint;  // base URL, e.g. http://127.0.0.1:4318
  std::string service_name = "nethical";
  std::string service_version;
  uint64_t planned = 0;
  int64_t interval_ns = 10'000'000'000;  // one export every 10 s, plus the final one
  long timeout_ms = 2000;                // per post
};

// generate_load's OpenTelemetry settings: NETHICAL_ENABLE_OTEL turns export
// on; the endpoint is NETHICAL_OTEL_EXPORTER_OTLP_ENDPOINT, else the
// standard OTEL_EXPORTER_OTLP_ENDPOINT (`env_endpoint`), else
// http://localhost:4318; the service name NETHICAL_OTEL_SERVICE_NAME, else
// OTEL_SERVICE_NAME, else "nethical". NETHICAL_OTEL_EXPORTER must be empty
// or "otlp"; the endpoint an http:// or https:// URL (errors name the key).
// Unset when export is off.
StatusOr<std::optional<OtlpOptions>> OtlpOptionsFrom(const UnavailableFeatures& settings,
                                                     const char* env_endpoint, const char* env_service_name);

// The OTLP/HTTP JSON body of one snapshot (pure, for tests).
std::string OtlpMetricsJson(const RunTotals& totals, const OtlpOptions& options, int64_t start_unix_ns,
                            int64_t now_unix_ns);

class OtlpExporter final : public RunObserver {
 public:
  OtlpExporter(OtlpOptions options, const Clock& clock);
  ~OtlpExporter() override;
  void OnSample(int64_t elapsed_ns, const RunTotals& totals) override;
  // Sends the final snapshot and waits (at most one post timeout) for it.
  void OnFinish(int64_t elapsed_ns, const RunTotals& totals) override;

  uint64_t sent() const;
  uint64_t failed() const;
  uint64_t dropped() const;
  std::string last_error() const;
  // One line for stderr.
  std::string Report() const;
  std::string url() const { return url_; }

 private:
  void Offer(std::string body);
  void Loop();
  bool Post(const std::string& body, std::string* error);

  const OtlpOptions options_;
  const Clock& clock_;
  const std::string url_;
  const int64_t start_unix_ns_;
  int64_t last_export_ns_ = 0;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::optional<std::string> pending_;            // guarded by mu_
  bool posting_ = false;                          // guarded by mu_
  bool stop_ = false;                             // guarded by mu_
  uint64_t sent_ = 0, failed_ = 0, dropped_ = 0;  // guarded by mu_
  std::string last_error_;                        // guarded by mu_
  std::thread thread_;
};

}  // namespace nethical::loadgen
