#include "loadgen/metrics_exporter.h"

#include <arpa/inet.h>
#include <prometheus/exposer.h>

#include <exception>
#include <limits>
#include <utility>

#include "engine/model/verdict.h"

namespace nethical::loadgen {
namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

MetricFamily Family(const char* name, const char* help, MetricType type) {
  MetricFamily f;
  f.name = name;
  f.help = help;
  f.type = type;
  return f;
}

ClientMetric Counter(double value, std::vector<ClientMetric::Label> labels = {}) {
  ClientMetric m;
  m.label = std::move(labels);
  m.counter.value = value;
  return m;
}

ClientMetric Gauge(double value, std::vector<ClientMetric::Label> labels = {}) {
  ClientMetric m;
  m.label = std::move(labels);
  m.gauge.value = value;
  return m;
}

MetricFamily OneCounter(const char* name, const char* help, double value) {
  MetricFamily f = Family(name, help, MetricType::Counter);
  f.metric.push_back(Counter(value));
  return f;
}

MetricFamily OneGauge(const char* name, const char* help, double value) {
  MetricFamily f = Family(name, help, MetricType::Gauge);
  f.metric.push_back(Gauge(value));
  return f;
}

MetricFamily LatencyFamily(const char* name, const char* help, const LatencyHistogram& h) {
  MetricFamily f = Family(name, help, MetricType::Histogram);
  ClientMetric m;
  uint64_t cumulative = 0;
  int index = 0;
  for (double bound : kLatencyBucketBounds) {
    const int64_t bound_ns = static_cast<int64_t>(bound * 1e9 + 0.5);
    // Every value of bucket `index` is below BucketLow + BucketWidth.
    for (; index < LatencyHistogram::kBucketCount &&
           LatencyHistogram::BucketLow(index) + LatencyHistogram::BucketWidth(index) - 1 <= bound_ns;
         ++index)
      cumulative += h.CountAt(index);
    m.histogram.bucket.push_back({cumulative, bound});
  }
  for (; index < LatencyHistogram::kBucketCount; ++index) cumulative += h.CountAt(index);
  m.histogram.bucket.push_back({cumulative, std::numeric_limits<double>::infinity()});
  m.histogram.sample_count = cumulative;
  m.histogram.sample_sum = h.mean() * static_cast<double>(h.count()) / 1e9;
  f.metric.push_back(std::move(m));
  return f;
}

void AppendEngineFamilies(const EngineStats& e, std::vector<MetricFamily>* out) {
  if (e.shadow) {
    out->push_back(OneCounter("nethical_engine_shadow_predictions_total",
                              "Predictions of the ML shadow model.",
                              static_cast<double>(e.shadow->predictions)));
    out->push_back(OneGauge("nethical_engine_shadow_agreement_ratio",
                            "Share of shadow predictions whose class agrees with the rule decision.",
                            e.shadow->class_agreement_rate));
  }
  if (e.blend) {
    out->push_back(OneCounter("nethical_engine_blends_total", "Blended risk computations.",
                              static_cast<double>(e.blend->blends)));
    out->push_back(OneCounter("nethical_engine_blend_escalations_total",
                              "Blends whose class is above the rule-risk class.",
                              static_cast<double>(e.blend->escalations)));
    out->push_back(OneCounter("nethical_engine_blend_de_escalations_total",
                              "Blends whose class is below the rule-risk class.",
                              static_cast<double>(e.blend->de_escalations)));
  }
  if (e.anomaly_alerts) {
    MetricFamily f =
        Family("nethical_engine_anomaly_alerts_total", "Anomaly alerts by severity.", MetricType::Counter);
    f.metric.push_back(Counter(static_cast<double>(e.anomaly_alerts->low), {{"severity", "low"}}));
    f.metric.push_back(Counter(static_cast<double>(e.anomaly_alerts->high), {{"severity", "high"}}));
    f.metric.push_back(Counter(static_cast<double>(e.anomaly_alerts->critical), {{"severity", "critical"}}));
    out->push_back(std::move(f));
  }
  if (e.stages) {
    out->push_back(OneGauge("nethical_engine_stage_sample_one_in",
                            "Per-stage timing samples one action in this many.", e.stages->one_in));
    MetricFamily f = Family("nethical_engine_stage_seconds", "Time per engine stage on the sampled actions.",
                            MetricType::Histogram);
    for (int i = 0; i < kStageCount; ++i) {
      const StageHistogramData& h = e.stages->stages[i];
      if (h.count == 0) continue;
      ClientMetric m;
      m.label = {{"stage", std::string(StageName(static_cast<Stage>(i)))}};
      for (double bound : kLatencyBucketBounds)
        m.histogram.bucket.push_back({h.CountAtOrBelow(static_cast<int64_t>(bound * 1e9 + 0.5)), bound});
      m.histogram.bucket.push_back({h.count, std::numeric_limits<double>::infinity()});
      m.histogram.sample_count = h.count;
      m.histogram.sample_sum = h.sum_ns / 1e9;
      f.metric.push_back(std::move(m));
    }
    out->push_back(std::move(f));
  }
  if (e.audit_anchored)
    out->push_back(OneGauge("nethical_engine_audit_anchored_records",
                            "Audit records covered by the newest durable Merkle tree head.",
                            static_cast<double>(*e.audit_anchored)));
}

}  // namespace

std::vector<MetricFamily> RunMetricFamilies(const RunTotals& t, int64_t elapsed_ns,
                                            const MetricsRunInfo& info) {
  std::vector<MetricFamily> out;
  out.push_back(OneGauge("nethical_loadgen_planned_actions", "Sends the schedule plans for the run.",
                         static_cast<double>(info.planned)));
  out.push_back(OneGauge("nethical_loadgen_target_actions_per_second", "The target rate the rate SLO judges.",
                         info.target_rps));
  out.push_back(
      OneGauge("nethical_loadgen_elapsed_seconds", "Time since the run's time zero.", elapsed_ns / 1e9));
  out.push_back(OneCounter("nethical_loadgen_actions_total", "Actions evaluated (successes and errors).",
                           static_cast<double>(t.completed)));
  out.push_back(OneCounter("nethical_loadgen_errors_total",
                           "Actions the evaluator failed (threw, refused its input, or could not audit).",
                           static_cast<double>(t.errors)));
  out.push_back(OneCounter("nethical_loadgen_violations_total", "Actions with a violation detected.",
                           static_cast<double>(t.violations)));
  out.push_back(OneCounter("nethical_loadgen_late_sends_total", "Sends that started later than --late-ms.",
                           static_cast<double>(t.late)));
  MetricFamily decisions =
      Family("nethical_loadgen_decisions_total", "Verdicts by decision.", MetricType::Counter);
  for (int i = 0; i < kDecisionCount; ++i)
    decisions.metric.push_back(Counter(static_cast<double>(t.decisions[i]),
                                       {{"decision", std::string(DecisionName(static_cast<Decision>(i)))}}));
  out.push_back(std::move(decisions));
  out.push_back(LatencyFamily("nethical_loadgen_response_time_seconds",
                              "Intended send time to verdict (what a caller waits; the SLOs judge it).",
                              t.response_time));
  out.push_back(LatencyFamily("nethical_loadgen_service_time_seconds",
                              "Actual start to verdict (the engine alone).", t.service_time));
  out.push_back(
      LatencyFamily("nethical_loadgen_send_lag_seconds", "Intended to actual send start.", t.send_lag));
  if (info.engine_stats) AppendEngineFamilies(info.engine_stats(), &out);
  MetricFamily build =
      Family("nethical_loadgen_build_info", "The build of generate_load (value 1).", MetricType::Gauge);
  build.metric.push_back(Gauge(1, {{"git_commit", info.build.git_commit},
                                   {"compiler", info.build.compiler},
                                   {"build_mode", info.build.mode}}));
  out.push_back(std::move(build));
  return out;
}

void MetricsPublisher::BeginRun(MetricsRunInfo info) {
  std::lock_guard<std::mutex> lock(mu_);
  info_ = std::move(info);
}

void MetricsPublisher::EndRun() {
  std::lock_guard<std::mutex> lock(mu_);
  info_.engine_stats = nullptr;
}

void MetricsPublisher::OnSample(int64_t elapsed_ns, const RunTotals& totals) {
  // Only the monitor thread and BeginRun/EndRun (between runs) take mu_ for
  // long; a scrape waits at most one snapshot's rendering.
  std::lock_guard<std::mutex> lock(mu_);
  families_ = RunMetricFamilies(totals, elapsed_ns, info_);
}

std::vector<MetricFamily> MetricsPublisher::Collect() const {
  std::lock_guard<std::mutex> lock(mu_);
  return families_;
}

bool IsIpAddress(const std::string& address) {
  unsigned char buf[16];
  return inet_pton(AF_INET, address.c_str(), buf) == 1 || inet_pton(AF_INET6, address.c_str(), buf) == 1;
}

StatusOr<std::unique_ptr<MetricsServer>> MetricsServer::Start(const std::string& bind, int port,
                                                              std::shared_ptr<MetricsPublisher> publisher) {
  if (!IsIpAddress(bind)) return InvalidArgument("metrics: not a numeric IP address: " + bind);
  const bool v6 = bind.find(':') != std::string::npos;
  std::unique_ptr<MetricsServer> server(new MetricsServer());
  server->bind_ = bind;
  server->publisher_ = std::move(publisher);
  const std::string listen = (v6 ? "[" + bind + "]" : bind) + ":" + std::to_string(port);
  try {
    server->exposer_ = std::make_unique<prometheus::Exposer>(
        std::vector<std::string>{"listening_ports", listen, "num_threads", "2"});
  } catch (const std::exception& e) {
    return IoError("metrics: cannot listen on " + listen + ": " + e.what());
  }
  server->exposer_->RegisterCollectable(server->publisher_);
  const std::vector<int> ports = server->exposer_->GetListeningPorts();
  if (ports.empty()) return IoError("metrics: no listening port on " + listen);
  server->port_ = ports.front();
  return server;
}

MetricsServer::~MetricsServer() = default;

std::string MetricsServer::url() const {
  const bool v6 = bind_.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + bind_ + "]" : bind_) + ":" + std::to_string(port_) + "/metrics";
}

}  // namespace nethical::loadgen
