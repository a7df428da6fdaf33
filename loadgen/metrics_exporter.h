// Live Prometheus metrics of a run (--metrics-port, --metrics-bind): an HTTP
// endpoint /metrics served by prometheus-cpp's pull exposer (Debian's
// prometheus-cpp-dev, civetweb underneath) while the run goes on.
//
//   auto publisher = std::make_shared<MetricsPublisher>(info);
//   monitor.Add(publisher.get());             // refreshed once a tick
//   StatusOr<std::unique_ptr<MetricsServer>> server =
//       MetricsServer::Start("127.0.0.1", 0, publisher);   // 0: ephemeral
//   (*server)->port();                        // the bound port
//
// The hot path does nothing for it: workers keep their single-writer
// counters and histograms (recorder.h); the RunMonitor thread merges them
// once a second and the publisher turns the merge into metric families,
// which a scrape copies under a mutex only the monitor and the scraper
// take. A scrape therefore shows the state of the last tick (at most one
// period old). Metric names: docs/observability.md.
//
// Latency histograms are exported in seconds with fixed bounds from 50 µs to
// 10 s (kLatencyBucketBounds); a sample counts under the first bound its
// whole LatencyHistogram bucket lies below, so a count may land one bound
// higher for values within 1/128 of a bound.
#pragma once

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/base/status.h"
#include "engine/engine_stats.h"
#include "loadgen/machine_info.h"
#include "loadgen/recorder.h"
#include "loadgen/run_monitor.h"

namespace prometheus {
class Exposer;
}

namespace nethical::loadgen {

inline constexpr double kLatencyBucketBounds[] = {50e-6,  100e-6, 250e-6, 500e-6, 1e-3,   2.5e-3,
                                                  5e-3,   10e-3,  25e-3,  50e-3,  100e-3, 250e-3,
                                                  500e-3, 1,      2.5,    5,      10};

struct MetricsRunInfo {
  uint64_t planned = 0;  // sends the schedule plans
  double target_rps = 0;
  BuildInfo build;
  // The engine's live counters (Engine::Stats, any thread); unset or empty
  // fields: no engine metrics.
  std::function<EngineStats()> engine_stats;
};

// The metric families of one merged snapshot (pure, for tests).
std::vector<prometheus::MetricFamily> RunMetricFamilies(const RunTotals& totals, int64_t elapsed_ns,
                                                        const MetricsRunInfo& info);

// A RunObserver that keeps the families of the last tick for scrapes. One
// publisher may serve several runs in turn (the trials of --find-max):
// BeginRun() before each, EndRun() once its evaluator is gone.
class MetricsPublisher final : public RunObserver, public prometheus::Collectable {
 public:
  explicit MetricsPublisher(MetricsRunInfo info) : info_(std::move(info)) {}
  void BeginRun(MetricsRunInfo info);
  // Forgets info.engine_stats (the engine it reads is about to go); the
  // last families stay scrapeable.
  void EndRun();
  void OnSample(int64_t elapsed_ns, const RunTotals& totals) override;
  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  mutable std::mutex mu_;
  MetricsRunInfo info_;                             // guarded by mu_
  std::vector<prometheus::MetricFamily> families_;  // guarded by mu_
};

class MetricsServer {
 public:
  // Listens on `bind` (an IPv4 or IPv6 address) and `port` (0: an ephemeral
  // one) and serves the publisher's families at /metrics.
  static StatusOr<std::unique_ptr<MetricsServer>> Start(const std::string& bind, int port,
                                                        std::shared_ptr<MetricsPublisher> publisher);
  ~MetricsServer();
  int port() const { return port_; }
  // "http://127.0.0.1:PORT/metrics" (IPv6 in brackets).
  std::string url() const;

 private:
  MetricsServer() = default;
  std::shared_ptr<MetricsPublisher> publisher_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  std::string bind_;
  int port_ = 0;
};

// Whether `address` is a numeric IPv4 or IPv6 address (--metrics-bind).
bool IsIpAddress(const std::string& address);

}  // namespace nethical::loadgen
