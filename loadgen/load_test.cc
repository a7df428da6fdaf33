#include "loadgen/load_test.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <optional>
#include <random>
#include <thread>

#include "engine/anomaly/anomaly_detector.h"
#include "engine/anomaly/cohort_drift.h"
#include "engine/anomaly/trigram_model.h"
#include "engine/base/shown_value.h"
#include "engine/base/utc_timestamp.h"
#include "engine/privacy/privacy_accountant.h"
#include "engine/redact/pii_type.h"
#include "loadgen/anomaly_plan.h"
#include "loadgen/atomic_file.h"
#include "loadgen/cohort_aggregates.h"
#include "loadgen/console_report.h"
#include "loadgen/coordinator.h"
#include "loadgen/csv_file.h"
#include "loadgen/csv_format.h"
#include "loadgen/evaluator_factory.h"
#include "loadgen/find_max.h"
#include "loadgen/hdr_interval_log.h"
#include "loadgen/html_report.h"
#include "loadgen/json_summary.h"
#include "loadgen/metrics_exporter.h"
#include "loadgen/otlp_exporter.h"
#include "loadgen/progress_reporter.h"
#include "loadgen/quality.h"
#include "loadgen/recorder.h"
#include "loadgen/run_monitor.h"
#include "loadgen/run_report.h"
#include "loadgen/send_source.h"
#include "loadgen/stage_attribution.h"
#include "loadgen/time_series.h"
#include "loadgen/workload.h"
#include "loadgen/workload_file.h"

namespace nethical::loadgen {
namespace {

// The workload's PII types the engine's redaction policy scans.
uint8_t PiiScopeOf(RedactionPolicy policy) {
  uint8_t scope = 0;
  for (int t = 0; t < kPiiTypeCount; ++t) {
    const std::optional<redact::PiiType> engine_type =
        redact::PiiTypeFromName(PiiTypeName(static_cast<PiiType>(t)));
    if (engine_type && redact::PolicyCovers(policy, *engine_type)) scope |= static_cast<uint8_t>(1u << t);
  }
  return scope;
}

std::string FormatNumber(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

struct Trial {
  RunReport report;
  std::unique_ptr<CsvFile> csv;  // uncommitted
};

class LoadTest {
 public:
  LoadTest(const LoadOptions& o, const EngineConfig& config, const LoadTestEnvironment& env)
      : o_(o), config_(config), env_(env) {
    seed_ = o.seed ? *o.seed : std::random_device{}() * 0x100000001ULL ^ std::random_device{}();
    workers_ = o.max_workers > 0 ? o.max_workers
                                 : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    std::string started;
    AppendUtcTimestamp(env.clock->WallNanos(), kPythonIsoformat, &started);
    context_.options = &o;
    context_.seed = seed_;
    context_.started_at = started;
    context_.workers = workers_;
    context_.output = o.find_max ? "" : OutputPath(o, config.region_id);
    context_.engine_config = env.engine_config;
    context_.machine = DescribeMachine();
    context_.build = DescribeBuild();
  }

  int Run() {
    std::fprintf(env_.err,
                 "Starting load test: agents=%u target_rps=%.2f duration=%gs cohort=%s storage=%s seed=%llu\n"
                 "Workers: %d (cpu=%d)\n",
                 o_.agents, o_.rps, o_.duration_s, o_.cohort.c_str(), config_.storage_dir.c_str(),
                 static_cast<unsigned long long>(seed_), workers_, context_.machine.cpus);
    // One plan for the run (a find-max search: the same for every trial).
    if (o_.inject_anomalies) {
      const double duration = o_.find_max ? o_.find_max_trial_s : o_.duration_s;
      const double rps = o_.rps;  // a find-max search starts there
      const AnomalyConfig& a = config_.anomaly;
      const double warmup =
          AnomalyWarmupSeconds(a.warmup_actions, a.drift_warmup_actions,
                               anomaly::DriftTypeBlockActions(static_cast<uint32_t>(a.drift_baseline_size)),
                               anomaly::kMinSupport, anomaly::FrequencySupportSeconds(a), rps, o_.agents);
      if (duration < MinInjectionDurationSeconds(warmup)) {
        return Fail(InvalidArgument(
            "--inject-anomalies: a " + FormatNumber(duration) +
            " s run is too short: the anomaly stage warms up for " +
            FormatNumber(std::round(warmup * 10) / 10) + " s at " + FormatNumber(rps) + " actions/s over " +
            std::to_string(o_.agents) +
            " agents (NETHICAL_ANOMALY_WARMUP_ACTIONS=" + std::to_string(a.warmup_actions) +
            ", NETHICAL_ANOMALY_DRIFT_WARMUP_ACTIONS=" + std::to_string(a.drift_warmup_actions) +
            "; the frequency baseline needs " +
            FormatNumber(std::round(anomaly::FrequencySupportSeconds(a) * 10) / 10) +
            " s of an agent's history), and injected anomalies need " +
            FormatNumber(kMinInjectionSpanSeconds) + " s after it: use " +
            (o_.find_max ? "--find-max-trial-seconds" : "--duration") + " >= " +
            FormatNumber(std::ceil(MinInjectionDurationSeconds(warmup))) + ", or lower the warm-up keys"));
      }
      anomalies_ = PlanAnomalies(seed_, duration, o_.agents, warmup);
    }
    StatusOr<std::unique_ptr<Workload>> workload = MakeWorkload();
    if (!workload.ok()) return Fail(workload.status());
    workload_ = std::move(*workload);
    if (!o_.coordinate.empty()) {
      StatusOr<std::unique_ptr<RunCoordinator>> c = RunCoordinator::Join(
          o_.coordinate, {config_.quota.shared_state_user, config_.quota.shared_state_password}, o_.run_id,
          o_.expect, o_.coordinate_timeout_s, *env_.clock);
      if (!c.ok()) return Fail(c.status());
      coordinator_ = std::move(*c);
      std::fprintf(env_.err, "Coordinated run %s: process %d of %d registered\n", o_.run_id.c_str(),
                   coordinator_->index(), o_.expect);
    }
    StatusOr<std::optional<OtlpOptions>> otlp = OtlpOptionsFrom(
        config_.unavailable, std::getenv("OTEL_EXPORTER_OTLP_ENDPOINT"), std::getenv("OTEL_SERVICE_NAME"));
    if (!otlp.ok()) return Fail(otlp.status());
    otlp_ = *otlp;
    if (otlp_) {
      otlp_->service_version = context_.build.git_commit;
      std::fprintf(env_.err, "OTLP export: %s/v1/metrics as service %s\n", otlp_->endpoint.c_str(),
                   otlp_->service_name.c_str());
    }
    if (o_.metrics_port) {
      MetricsRunInfo info;
      info.build = context_.build;
      metrics_ = std::make_shared<MetricsPublisher>(info);
      StatusOr<std::unique_ptr<MetricsServer>> server =
          MetricsServer::Start(o_.metrics_bind, *o_.metrics_port, metrics_);
      if (!server.ok()) return Fail(server.status());
      metrics_server_ = std::move(*server);
      std::fprintf(env_.err, "Metrics: %s\n", metrics_server_->url().c_str());
      std::fflush(env_.err);
    }
    return o_.find_max ? FindMax() : Single();
  }

 private:
  int Fail(const Status& s) {
    std::fprintf(env_.err, "generate_load: %s\n", s.message().c_str());
    return 2;
  }

  StatusOr<std::unique_ptr<Workload>> MakeWorkload() const {
    WorkloadOptions w;
    w.seed = seed_;
    w.cohort = o_.cohort;
    w.include_pii_test = o_.include_pii_test;
    w.pii_share = o_.pii_share;
    w.trigger_share = o_.trigger_share;
    w.anomalies = anomalies_;
    switch (o_.workload) {
      case WorkloadKind::kSeedCompat:
        return std::unique_ptr<Workload>(new SeedCompatWorkload(w));
      case WorkloadKind::kFile:
        return LoadWorkloadFile(o_.workload_file);
      case WorkloadKind::kMixed:
        break;
    }
    return std::unique_ptr<Workload>(new MixedWorkload(w));
  }

  ArrivalOptions Arrivals(const RateProfile& profile) const {
    ArrivalOptions arrival;
    arrival.poisson = o_.arrival == Arrival::kPoisson;
    arrival.seed = seed_;
    arrival.stagger_ns = o_.stagger_ms * 1'000'000;  // bounded by the flag: no overflow
    arrival.extra = InjectedSends(anomalies_, profile, o_.agents);
    return arrival;
  }

  // `target_rps` <= 0: planned sends / scheduled span.
  StatusOr<Trial> RunTrial(const RateProfile& profile, double target_rps, bool write_csv) {
    const ArrivalOptions arrival = Arrivals(profile);
    std::unique_ptr<SendSource> sends = MakeSendSource(profile, o_.agents, arrival);
    // The profile's sends; the bursts' extra sends are not part of the target.
    const uint64_t profile_sends = sends->planned() - sends->extra();
    const double span_s = ScheduledSpanSeconds(profile, profile_sends, o_.agents, arrival.stagger_ns);
    if (target_rps <= 0) target_rps = profile_sends / span_s;
    // Injected bursts add sends over the same span: the target includes them.
    if (sends->extra() > 0 && profile_sends > 0)
      target_rps *= static_cast<double>(sends->planned()) / static_cast<double>(profile_sends);
    const double deadline_s = span_s + SendGraceSeconds(span_s);
    StatusOr<EvaluatorUnderTest> evaluator =
        MakeEvaluator(o_.evaluator, config_, *env_.clock, o_.stage_sample);
    if (!evaluator.ok()) return evaluator.status();
    Trial trial;
    const std::string output = OutputPath(o_, config_.region_id);
    if (write_csv && !output.empty()) {
      StatusOr<std::unique_ptr<CsvFile>> csv = CsvFile::Create(output, kCsvHeader);
      // As in the original, a CSV that cannot be written does not stop the run.
      if (csv.ok())
        trial.csv = std::move(*csv);
      else
        std::fprintf(env_.err, "Failed to write CSV '%s': %s\n", ShownPath(output).c_str(),
                     csv.status().message().c_str());
    }
    RecorderOptions ro;
    ro.late_threshold_ns = static_cast<int64_t>(o_.late_ms * 1e6);
    ro.include_error_details = o_.include_error_details;
    ro.cohorts = workload_->Cohorts();
    ro.pii_scope = PiiScopeOf(config_.privacy.redaction_policy);
    Recorder recorder(workers_, ro, trial.csv.get(), *env_.clock);
    RunnerOptions runner;
    runner.workers = workers_;
    runner.spin_ns = static_cast<int64_t>(o_.spin_us * 1e3);
    double peak_rps = 0;
    for (const RateProfile::Segment& seg : profile.segments())
      peak_rps = std::max({peak_rps, seg.rate_start, seg.rate_end});
    runner.claim_batch = ClaimBatchFor(peak_rps);
    runner.send_deadline_ns = std::llround(deadline_s * 1e9);
    const bool progress = o_.progress.value_or(env_.err_is_terminal);
    std::unique_ptr<ProgressReporter> reporter;
    if (progress) {
      ProgressOptions po;
      po.planned = sends->planned();
      po.span_s = span_s;
      po.deadline_s = deadline_s;
      po.target_at = [&profile](double t) { return profile.RateAt(t); };
      reporter = std::make_unique<ProgressReporter>(po, env_.err, env_.err_is_terminal);
    }
    TimeSeriesOptions series_options;
    series_options.planned_before = [&profile](double t) { return profile.SendsBefore(t); };
    series_options.slo = o_.slo;
    TimeSeries series(series_options);
    RunMonitor monitor(recorder, *env_.clock, series_options.bucket_ns);
    monitor.Add(&series);
    if (reporter) monitor.Add(reporter.get());
    std::unique_ptr<OtlpExporter> otlp;  // NETHICAL_ENABLE_OTEL
    if (otlp_) {
      OtlpOptions options = *otlp_;
      options.planned = sends->planned();
      otlp = std::make_unique<OtlpExporter>(options, *env_.clock);
      monitor.Add(otlp.get());
    }
    if (metrics_) {
      MetricsRunInfo info;
      info.planned = sends->planned();
      info.target_rps = target_rps;
      info.build = context_.build;
      info.engine_stats = evaluator->stats;
      metrics_->BeginRun(std::move(info));
      monitor.Add(metrics_.get());
    }
    std::unique_ptr<HdrIntervalLog> hdr_log;  // --hdr-log, on a single run only
    if (write_csv && !o_.hdr_log.empty()) {
      StatusOr<std::unique_ptr<HdrIntervalLog>> log =
          HdrIntervalLog::Open(o_.hdr_log, env_.clock->WallNanos());
      if (!log.ok()) return log.status();
      hdr_log = std::move(*log);
      monitor.Add(hdr_log.get());
    }
    if (coordinator_ && write_csv) {
      if (Status s = coordinator_->WaitForStart(*env_.clock, *env_.sleeper, *env_.stop); !s.ok()) return s;
      context_.coordination = {o_.run_id, coordinator_->index(), o_.expect, coordinator_->start_unix_ns(),
                               coordinator_->start_lateness_ns() / 1e6};
      std::fprintf(env_.err, "Coordinated start: %.3f ms after the common instant\n",
                   coordinator_->start_lateness_ns() / 1e6);
    }
    monitor.Start();
    const RunResult result = RunLoad(runner, *sends, *workload_, *evaluator->evaluator, recorder, *env_.clock,
                                     *env_.sleeper, *env_.stop);
    monitor.Finish(result.end_ns);
    if (hdr_log) {
      if (Status s = hdr_log->Close(); !s.ok()) {
        std::fprintf(env_.err, "generate_load: --hdr-log: %s\n", s.message().c_str());
        hdr_log_failed_ = true;
      }
    }
    if (metrics_) metrics_->EndRun();
    // Failures are counted and reported, never fatal.
    if (otlp) std::fprintf(env_.err, "%s\n", otlp->Report().c_str());
    if (Status s = evaluator->shutdown(); !s.ok()) {
      // E.g. an audit write failed: records may be missing, so no success.
      std::fprintf(env_.err, "generate_load: engine shutdown: %s\n", s.message().c_str());
      engine_failed_ = true;
    }
    const std::unique_ptr<RunTotals> totals = recorder.Merge();
    trial.report = MakeRunReport(*totals, result, sends->planned(), profile.duration_s(), target_rps, span_s);
    trial.report.send_deadline_s = deadline_s;
    trial.report.timeseries = series.points();
    trial.report.timeseries_bucket_s = series_options.bucket_ns / 1e9;
    if (trial.report.cut_off)
      std::fprintf(env_.err,
                   "generate_load: stopped sending at %.2fs (scheduled span %.2fs + grace %.2fs): "
                   "%llu planned sends not sent; the evaluator could not keep up with the target rate\n",
                   deadline_s, span_s, deadline_s - span_s,
                   static_cast<unsigned long long>(trial.report.not_sent));
    // After shutdown, so the anchored audit size covers every record.
    trial.report.engine = evaluator->stats();
    trial.report.quality =
        MakeQualityReport(totals->quality, anomalies_, trial.report.engine.anomaly_alerts.has_value(),
                          trial.report.engine.correlation.has_value());
    return trial;
  }

  int Single() {
    const RateProfile profile = BuildProfile(o_, o_.rps, o_.duration_s);
    // The rate the schedule plans: --rps itself for a plain constant run;
    // otherwise planned sends over the scheduled span (a stagger of up to
    // 1 s lengthens it, as the original's did).
    const double target = o_.profile == ProfileKind::kConstant && o_.stagger_ms == 0 ? o_.rps : 0;
    StatusOr<Trial> trial = RunTrial(profile, target, /*write_csv=*/true);
    if (!trial.ok()) {
      // A signal while waiting at a coordinated run's barrier: interrupted, not a usage error.
      if (coordinator_ && env_.stop->load()) {
        std::fprintf(env_.err, "generate_load: %s\n", trial.status().message().c_str());
        return kExitInterrupted;
      }
      return Fail(trial.status());
    }
    RunReport& report = trial->report;
    if (report.completed == 0) {
      if (trial->csv) trial->csv->Abort();
      std::fprintf(env_.out, "Error: No results collected\n");
      return report.interrupted ? kExitInterrupted : 1;
    }
    report.cohorts = ReleaseCohorts(report.cohort_totals);
    const std::vector<SloCheck> slos = CheckSlos(report, o_.slo);
    std::fputs(RenderConsoleSummary(report, slos, o_.late_ms).c_str(), env_.out);
    std::fflush(env_.out);
    int exit_code = report.interrupted ? kExitInterrupted : AllPassed(slos) ? 0 : 1;
    bool outputs_ok = !engine_failed_ && !hdr_log_failed_;
    if (trial->csv) {
      if (Status s = trial->csv->Commit(); !s.ok()) {
        std::fprintf(env_.err, "%s\n", s.message().c_str());
        outputs_ok = false;
      }
    }
    if (!WriteJson(report, slos, nullptr)) outputs_ok = false;
    if (coordinator_) {
      if (Status s = coordinator_->PublishResult(RenderJsonSummary(report, slos, context_, nullptr));
          !s.ok()) {
        std::fprintf(env_.err, "generate_load: --coordinate: publishing the result: %s\n",
                     s.message().c_str());
        outputs_ok = false;
      }
    }
    if (!WriteTimeSeries(report)) outputs_ok = false;
    if (!WriteHtmlReport(report, slos, nullptr)) outputs_ok = false;
    if (!outputs_ok && exit_code != kExitInterrupted) exit_code = 1;
    return exit_code;
  }

  int FindMax() {
    FindMaxOptions fo;
    fo.start_rps = o_.rps;
    fo.limit_rps = o_.find_max_limit_rps;
    fo.precision = o_.find_max_precision;
    Status setup_error;
    const FindMaxResult result = FindMaxRate(fo, [&](double rps, bool* stop) {
      FindMaxTrial t;
      StatusOr<Trial> trial = env_.stop->load()
                                  ? StatusOr<Trial>(Internal("stopped"))
                                  : RunTrial(BuildProfile(o_, rps, o_.find_max_trial_s), rps, false);
      if (!trial.ok() || trial->report.interrupted) {
        if (!trial.ok() && !env_.stop->load()) setup_error = trial.status();
        *stop = true;
        return t;
      }
      t.report = trial->report;
      t.passed = t.report.completed > 0 && AllPassed(CheckSlos(t.report, o_.slo));
      std::fprintf(env_.err, "find-max: %.1f/s %s (achieved %.1f/s, p95 %.2fms, p99 %.2fms, errors %.2f%%)\n",
                   rps, t.passed ? "PASS" : "FAIL", t.report.achieved_rps, t.report.response_time.p95_ms,
                   t.report.response_time.p99_ms, t.report.error_rate * 100);
      return t;
    });
    if (!setup_error.ok()) return Fail(setup_error);
    if (result.trials.empty()) {
      std::fprintf(env_.out, "Error: No results collected\n");
      return result.interrupted ? kExitInterrupted : 1;
    }
    // The summary shows the best passing trial (or, if none passed, the last).
    const FindMaxTrial* shown = &result.trials.back();
    for (const FindMaxTrial& t : result.trials)
      if (t.passed && t.rps == result.max_rps) shown = &t;
    // Only the trial shown is released: one charge to the privacy budget.
    RunReport report = shown->report;
    report.cohorts = ReleaseCohorts(report.cohort_totals);
    const std::vector<SloCheck> slos = CheckSlos(report, o_.slo);
    std::fputs(RenderConsoleSummary(report, slos, o_.late_ms).c_str(), env_.out);
    if (result.found)
      std::fprintf(env_.out, "\nMaximum rate meeting every SLO: %.1f actions/s (%zu trials of %gs%s%s)\n",
                   result.max_rps, result.trials.size(), o_.find_max_trial_s,
                   result.hit_limit ? ", reached --find-max-limit-rps" : "",
                   result.interrupted ? ", interrupted" : "");
    else
      std::fprintf(env_.out, "\nNo rate down to %.2f actions/s met every SLO\n", fo.min_rps);
    std::fflush(env_.out);
    const bool json_ok =
        WriteJson(report, slos, &result) && WriteTimeSeries(report) && WriteHtmlReport(report, slos, &result);
    if (result.interrupted) return kExitInterrupted;
    return result.found && json_ok && !engine_failed_ ? 0 : 1;
  }

  // Exact unless the privacy mode is differential; then charged to the
  // run's accountant (NETHICAL_DP_BUDGET), created on first use.
  CohortAggregates ReleaseCohorts(const std::vector<CohortTotals>& totals) {
    if (config_.privacy.mode == PrivacyMode::kDifferential && !accountant_) {
      auto accountant =
          privacy::PrivacyAccountant::Create(privacy::AccountantOptions::FromConfig(config_.privacy));
      if (!accountant.ok()) {
        CohortAggregates refused;
        refused.release = CohortAggregates::Release::kRefused;
        refused.refusal = accountant.status().message();
        return refused;
      }
      accountant_ = std::move(accountant).value();
    }
    return ReleaseCohortAggregates(totals, config_.privacy, accountant_.get());
  }

  bool WriteJson(const RunReport& report, const std::vector<SloCheck>& slos, const FindMaxResult* find_max) {
    if (o_.json_summary.empty()) return true;
    const Status s =
        WriteFileAtomically(o_.json_summary, RenderJsonSummary(report, slos, context_, find_max));
    if (!s.ok()) std::fprintf(env_.err, "generate_load: %s\n", s.message().c_str());
    return s.ok();
  }

  // --html-report: the self-contained page of the run shown.
  bool WriteHtmlReport(const RunReport& report, const std::vector<SloCheck>& slos,
                       const FindMaxResult* find_max) {
    if (o_.html_report.empty()) return true;
    const std::string stages =
        report.engine.stages ? StageRowsJson(AttributeStages(*report.engine.stages)) : "";
    const Status s =
        WriteFileAtomically(o_.html_report, RenderHtmlReport(report, slos, context_, find_max, stages));
    if (!s.ok()) std::fprintf(env_.err, "generate_load: %s\n", s.message().c_str());
    return s.ok();
  }

  // --timeseries: the per-second CSV of the run shown.
  bool WriteTimeSeries(const RunReport& report) {
    if (o_.timeseries.empty()) return true;
    const Status s = WriteFileAtomically(o_.timeseries, RenderTimeSeriesCsv(report.timeseries));
    if (!s.ok()) std::fprintf(env_.err, "generate_load: %s\n", s.message().c_str());
    return s.ok();
  }

  const LoadOptions& o_;
  const EngineConfig& config_;
  const LoadTestEnvironment& env_;
  uint64_t seed_ = 0;
  int workers_ = 1;
  SummaryContext context_;
  AnomalyPlan anomalies_;                        // empty without --inject-anomalies
  std::unique_ptr<RunCoordinator> coordinator_;  // --coordinate only
  bool hdr_log_failed_ = false;                  // the --hdr-log file could not be written
  bool engine_failed_ = false;                   // an engine shut down with an error (e.g. an audit write)
  std::unique_ptr<Workload> workload_;
  std::unique_ptr<privacy::PrivacyAccountant> accountant_;  // differential mode only
  std::shared_ptr<MetricsPublisher> metrics_;               // --metrics-port only
  std::optional<OtlpOptions> otlp_;                         // NETHICAL_ENABLE_OTEL only
  std::unique_ptr<MetricsServer> metrics_server_;
};

}  // namespace

double SendGraceSeconds(double span_s) { return std::max(1.0, 0.1 * span_s); }

RateProfile BuildProfile(const LoadOptions& o, double rps, double duration_s) {
  switch (o.profile) {
    case ProfileKind::kRamp:
      return RateProfile::Ramp(o.ramp_from_rps, rps, o.ramp_seconds.value_or(duration_s), duration_s);
    case ProfileKind::kStep:
      return RateProfile::Step(rps, o.steps, duration_s);
    case ProfileKind::kSpike:
      return RateProfile::Spike(rps, o.spike_multiplier, o.spike_at_s.value_or(duration_s / 2),
                                o.spike_seconds.value_or(duration_s / 10), duration_s);
    case ProfileKind::kConstant:
      break;
  }
  return RateProfile::Constant(rps, duration_s);
}

int RunLoadTest(const LoadOptions& options, const EngineConfig& config, const LoadTestEnvironment& env) {
  return LoadTest(options, config, env).Run();
}

}  // namespace nethical::loadgen
