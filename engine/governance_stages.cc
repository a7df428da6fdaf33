#include "engine/governance_stages.h"

#include <string_view>

#include "engine/quarantine/redis_quarantine.h"
#include "engine/shared_state/redis_url.h"

namespace nethical {

StatusOr<std::unique_ptr<GovernanceStages>> GovernanceStages::Create(const EngineConfig& config,
                                                                     const Clock& clock) {
  std::unique_ptr<GovernanceStages> g(new GovernanceStages(config, clock));
  if (!config.residency.policy.empty()) {
    g->residency_ = std::make_unique<residency::ResidencyChecker>(
        residency::Config{.policy = *residency::PolicyFromName(config.residency.policy),
                          .engine_region = config.region_id,
                          .allowed_regions = residency::SplitRegionList(config.residency.allowed_regions)});
  }
  if (config.quarantine.enabled) {
    std::unique_ptr<quarantine::SharedQuarantineList> shared;
    if (config.quarantine.shared) {
      shared = std::make_unique<quarantine::RedisQuarantine>(
          quarantine::RedisQuarantine::Options{
              .address = *shared_state::ParseRedisUrl(config.quota.shared_state),
              .credentials = {config.quota.shared_state_user, config.quota.shared_state_password},
              .timeout_ms = static_cast<int>(config.quota.shared_state_timeout_ms),
              .max_pending = static_cast<size_t>(config.quarantine.limits.max_entries)},
          clock);
    }
    g->quarantine_ =
        std::make_unique<quarantine::QuarantineManager>(config.quarantine.limits, clock, std::move(shared));
  }
  if (config.taxonomy.enabled) {
    auto taxonomy = taxonomy::EthicalTaxonomy::Load(config.taxonomy.file);
    if (!taxonomy.ok()) return taxonomy.status();
    g->taxonomy_ = std::move(taxonomy).value();
  }
  if (config.correlation.enabled)
    g->correlation_ = std::make_unique<correlation::CorrelationEngine>(config.correlation.rules);
  if (config.sla.enabled) g->sla_ = std::make_unique<sla::SlaMonitor>(config.sla.targets);
  return g;
}

bool GovernanceStages::ScreenResidency(Verdict* v) {
  v->data_residency = residency_->Check(v->region_id);
  counters_.Add(kResidencyChecks);
  if (v->data_residency->compliant) return true;
  counters_.Add(kResidencyNonCompliant);
  if (!config_.residency.enforce) return true;
  counters_.Add(kResidencyBlocked);
  v->decision = Decision::kBlock;
  v->reasons.push_back(v->data_residency->violation);
  return false;
}

bool GovernanceStages::ScreenQuarantine(const Action& action, int64_t now, Verdict* v) {
  QuarantineOutcome& out = v->quarantine.emplace();
  // The fast path: one atomic load when nothing is quarantined.
  if (!quarantine_->IsQuarantined(action.agent_id, action.cohort, now)) return true;
  std::optional<quarantine::QuarantineRecord> hit = quarantine_->Find(action.agent_id, action.cohort, now);
  if (!hit) return true;  // expired between the two reads
  out.quarantined = true;
  out.scope = std::string(quarantine::QuarantineScopeName(hit->scope));
  out.reason = std::move(hit->reason);
  counters_.Add(hit->scope == quarantine::QuarantineScope::kAgent ? kQuarantineHitsAgent
                                                                  : kQuarantineHitsCohort);
  CountCohortHit(action.cohort);
  if (!config_.quarantine.enforce) return true;
  counters_.Add(kQuarantineEnforced);
  out.enforced = true;
  v->decision = Decision::kQuarantine;
  v->reasons.push_back(out.scope + " " + (out.scope == "agent" ? action.agent_id : action.cohort) +
                       " is quarantined: " + out.reason);
  return false;
}

void GovernanceStages::CountCohortHit(const std::string& cohort) {
  std::lock_guard<std::mutex> lock(cohort_mu_);
  auto it = cohort_hits_.find(cohort);
  if (it != cohort_hits_.end()) {
    ++it->second;
  } else if (cohort_hits_.size() < kMaxCohortRows) {
    cohort_hits_.emplace(cohort, 1);
  } else {
    ++other_cohort_hits_;
  }
}

void GovernanceStages::Tag(const Action& action, Verdict* v) {
  if (v->violations.empty()) return;
  const taxonomy::TagContext context{.sensitive = action.context.sensitive,
                                     .personal_data = action.context.personal_data,
                                     .automated = action.context.is_automated,
                                     .is_privileged = action.context.is_privileged};
  taxonomy::EthicalTags& tags = v->ethical_tags.emplace();
  for (const Violation& violation : v->violations) {
    const taxonomy::EthicalTags one = taxonomy_->Tag(violation.type, context);
    for (int d = 0; d < taxonomy::kDimensionCount; ++d)
      tags.scores[d] = std::max(tags.scores[d], one.scores[d]);
  }
  // The primary dimension of the combination: the highest score at or above
  // the threshold, ties to the first dimension (as Tag does for one type).
  int best = 0;
  for (int d = 1; d < taxonomy::kDimensionCount; ++d)
    if (tags.scores[d] > tags.scores[best]) best = d;
  if (tags.scores[best] >= taxonomy_->PrimaryThreshold())
    tags.primary = static_cast<taxonomy::Dimension>(best);

  counters_.Add(kTaggedActions);
  for (int d = 0; d < taxonomy::kDimensionCount; ++d)
    if (tags.scores[d] > 0) counters_.Add(kTagged + d);
  if (tags.primary) counters_.Add(kPrimary + static_cast<size_t>(*tags.primary));
}

void GovernanceStages::AutoQuarantine(const Action& action, const Verdict& v) {
  const auto start = [&](quarantine::QuarantineScope scope, std::string_view id, std::string reason,
                         Counter counter) {
    counters_.Add(quarantine_->Quarantine(scope, id, reason).ok() ? counter : kAutoRefused);
  };
  if (config_.quarantine.on_terminate && v.decision == Decision::kTerminate)
    start(quarantine::QuarantineScope::kAgent, action.agent_id, "automatic: the judge answered TERMINATE",
          kAutoOnTerminate);
  if (config_.quarantine.on_critical_anomaly && v.anomaly &&
      v.anomaly->severity == AlertSeverity::kCritical) {
    std::string reason = "automatic: critical " + std::string(AnomalyTypeName(v.anomaly->type)) +
                         " anomaly: " + v.anomaly->description;
    // Drift is about a cohort's scores; the other alerts about one agent.
    if (v.anomaly->type == AnomalyType::kDrift && !action.cohort.empty()) {
      start(quarantine::QuarantineScope::kCohort, action.cohort, std::move(reason), kAutoOnAnomaly);
    } else {
      start(quarantine::QuarantineScope::kAgent, action.agent_id, std::move(reason), kAutoOnAnomaly);
    }
  }
}

void GovernanceStages::Correlate(const Action& action, int64_t now_nanos, Verdict* v) {
  v->correlations = correlation_->Observe({.agent_id = action.agent_id,
                                           .payload = action.text,
                                           .target = action.target,
                                           .flagged = v->violation_detected(),
                                           .now_nanos = now_nanos});
}

void GovernanceStages::RecordLatency(int64_t start_nanos) {
  const int64_t now = clock_.NowNanos();
  sla_->Record(now - start_nanos, now);
}

void GovernanceStages::AddStats(EngineStats* s) const {
  if (quarantine_) {
    QuarantineCounts& q = s->quarantine.emplace();
    q.held = quarantine_->Held();
    q.agent_hits = counters_.Sum(kQuarantineHitsAgent);
    q.cohort_hits = counters_.Sum(kQuarantineHitsCohort);
    q.enforced = counters_.Sum(kQuarantineEnforced);
    q.auto_on_anomaly = counters_.Sum(kAutoOnAnomaly);
    q.auto_on_terminate = counters_.Sum(kAutoOnTerminate);
    q.auto_refused = counters_.Sum(kAutoRefused);
    std::lock_guard<std::mutex> lock(cohort_mu_);
    q.by_cohort = cohort_hits_;
    q.other_cohorts = other_cohort_hits_;
  }
  if (taxonomy_) {
    TaxonomyCounts& t = s->taxonomy.emplace();
    t.tagged_actions = counters_.Sum(kTaggedActions);
    for (int d = 0; d < taxonomy::kDimensionCount; ++d) {
      t.tagged[d] = counters_.Sum(kTagged + d);
      t.primary[d] = counters_.Sum(kPrimary + d);
    }
  }
  if (sla_) s->sla = sla_->Report(clock_.NowNanos());
  if (correlation_) s->correlation = correlation_->GetStats();
  if (residency_) {
    ResidencyCounts& r = s->residency.emplace();
    r.policy = std::string(residency::PolicyName(residency_->policy()));
    r.checks = counters_.Sum(kResidencyChecks);
    r.non_compliant = counters_.Sum(kResidencyNonCompliant);
    r.blocked = counters_.Sum(kResidencyBlocked);
  }
}

}  // namespace nethical
