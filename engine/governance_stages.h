// GovernanceStages: the engine's quarantine, data-residency, ethical-taxonomy,
// correlation and SLA stages (docs/stages.md), built from EngineConfig and
// called by Engine::RunPipeline at their places in the pipeline:
//
//   auto stages = GovernanceStages::Create(config, clock);   // each stage only if on
//   if (!(*stages)->ScreenResidency(action, &v)) ...          // BLOCKed (enforced)
//   if (!(*stages)->ScreenQuarantine(action, now, &v)) ...    // QUARANTINE (enforced)
//   ... detectors ...
//   (*stages)->Tag(action, &v);            // ethical tags of the violations
//   (*stages)->AutoQuarantine(action, v);  // after the judge and the anomaly stage
//   (*stages)->Correlate(action, now, &v); // informational matches
//   (*stages)->RecordLatency(start_nanos); // SLA monitor, at the end
//   (*stages)->AddStats(&stats);
//
// Defaults follow the original: quarantine (informational), taxonomy and SLA
// on; correlation and residency off. Enforcement is opt-in:
// NETHICAL_QUARANTINE_ENFORCE answers QUARANTINE before the detectors run,
// NETHICAL_DATA_RESIDENCY_ENFORCE BLOCKs a non-compliant region, and
// NETHICAL_QUARANTINE_ON_CRITICAL_ANOMALY / _ON_TERMINATE quarantine an agent
// (a drift alert, which is about a cohort, quarantines the cohort).
//
// Thread-safe: every method may be called from any thread. Counters are
// striped per thread (engine/base/thread_stripe.h), touched only when their
// event happens (a lookup that hits, a violation, a residency check); the
// per-cohort quarantine table is written only on a hit.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "engine/base/clock.h"
#include "engine/base/status.h"
#include "engine/base/thread_stripe.h"
#include "engine/config/engine_config.h"
#include "engine/correlation/correlation_engine.h"
#include "engine/engine_stats.h"
#include "engine/model/action.h"
#include "engine/model/verdict.h"
#include "engine/quarantine/quarantine_manager.h"
#include "engine/residency/residency_checker.h"
#include "engine/sla/sla_monitor.h"
#include "engine/taxonomy/ethical_taxonomy.h"

namespace nethical {

class GovernanceStages {
 public:
  // The most cohorts whose quarantined actions are counted by name; more
  // are counted under QuarantineCounts::other_cohorts.
  static constexpr size_t kMaxCohortRows = 1000;

  // REQUIRES: Validate(config).ok(). Fails when the taxonomy file cannot be
  // loaded (one line naming the file). `clock` must outlive the stages.
  static StatusOr<std::unique_ptr<GovernanceStages>> Create(const EngineConfig& config, const Clock& clock);

  bool residency_on() const { return residency_ != nullptr; }
  bool quarantine_on() const { return quarantine_ != nullptr; }
  bool taxonomy_on() const { return taxonomy_ != nullptr; }
  bool correlation_on() const { return correlation_ != nullptr; }
  bool sla_on() const { return sla_ != nullptr; }

  // Residency check of the verdict's region (the action's, else the
  // engine's). False when enforcement turned it into BLOCK.
  bool ScreenResidency(Verdict* v);
  // Quarantine lookup of the agent and cohort at `now_nanos` (the engine's
  // reading for this action). False when enforcement answered QUARANTINE
  // (the caller skips to the audit stage).
  bool ScreenQuarantine(const Action& action, int64_t now_nanos, Verdict* v);
  // Ethical tags of the verdict's violations (none: no tags).
  void Tag(const Action& action, Verdict* v);
  // With the switches on: a TERMINATE, or a critical anomaly alert,
  // quarantines the agent (a drift alert its cohort).
  void AutoQuarantine(const Action& action, const Verdict& v);
  // Feeds the correlation engine the action at `now_nanos` (the engine's
  // reading for this action); the patterns completed go to the verdict.
  void Correlate(const Action& action, int64_t now_nanos, Verdict* v);
  // Records one evaluation's engine-side latency, started at `start_nanos`.
  void RecordLatency(int64_t start_nanos);

  void AddStats(EngineStats* s) const;

  // The manager, for callers that quarantine or release by hand (null when off).
  quarantine::QuarantineManager* quarantine_manager() { return quarantine_.get(); }

 private:
  GovernanceStages(const EngineConfig& config, const Clock& clock) : config_(config), clock_(clock) {}
  void CountCohortHit(const std::string& cohort);

  const EngineConfig config_;
  const Clock& clock_;
  std::unique_ptr<residency::ResidencyChecker> residency_;
  std::unique_ptr<quarantine::QuarantineManager> quarantine_;
  std::unique_ptr<taxonomy::EthicalTaxonomy> taxonomy_;
  std::unique_ptr<correlation::CorrelationEngine> correlation_;
  std::unique_ptr<sla::SlaMonitor> sla_;

  enum Counter : size_t {
    kResidencyChecks,
    kResidencyNonCompliant,
    kResidencyBlocked,
    kQuarantineHitsAgent,
    kQuarantineHitsCohort,
    kQuarantineEnforced,
    kAutoOnAnomaly,
    kAutoOnTerminate,
    kAutoRefused,
    kTaggedActions,
    kTagged,                                         // one per dimension
    kPrimary = kTagged + taxonomy::kDimensionCount,  // one per dimension
    kCounterCount = kPrimary + taxonomy::kDimensionCount
  };
  StripedCounters<kCounterCount> counters_;
  mutable std::mutex cohort_mu_;
  std::map<std::string, uint64_t> cohort_hits_;  // guarded by cohort_mu_
  uint64_t other_cohort_hits_ = 0;               // guarded by cohort_mu_
};

}  // namespace nethical
