#include "loadgen/governance_report.h"

#include "loadgen/report_line.h"

namespace nethical::loadgen {
namespace {

using Json = nlohmann::ordered_json;
using ull = unsigned long long;

constexpr auto& Line = AppendLine;

double Ms(double nanos) { return nanos / 1e6; }

std::string DimensionKey(int d) {
  return std::string(taxonomy::DimensionName(static_cast<taxonomy::Dimension>(d)));
}
std::string PatternKey(int p) {
  return std::string(correlation::PatternName(static_cast<correlation::Pattern>(p)));
}

void QuarantineBlock(std::string* out, const QuarantineCounts& q) {
  // The judge's own QUARANTINE verdicts (Decisions, above) hold no one:
  // this block is the quarantine stage's list.
  Line(out, "Quarantine (held agents and cohorts; not the judge's QUARANTINE decisions):");
  Line(out, "  Held Now:          %llu", static_cast<ull>(q.held));
  Line(out, "  Quarantined:       %llu actions (agent %llu, cohort %llu; answered QUARANTINE %llu)",
       static_cast<ull>(q.agent_hits + q.cohort_hits), static_cast<ull>(q.agent_hits),
       static_cast<ull>(q.cohort_hits), static_cast<ull>(q.enforced));
  Line(out, "  Auto-quarantines:  %llu on critical anomaly, %llu on TERMINATE (%llu refused)",
       static_cast<ull>(q.auto_on_anomaly), static_cast<ull>(q.auto_on_terminate),
       static_cast<ull>(q.auto_refused));
  std::string cohorts;
  for (const auto& [cohort, n] : q.by_cohort)
    cohorts += (cohorts.empty() ? "" : ", ") + (cohort.empty() ? std::string("(none)") : cohort) + " " +
               std::to_string(n);
  if (q.other_cohorts > 0) cohorts += ", other cohorts " + std::to_string(q.other_cohorts);
  Line(out, "  By Cohort:         %s", cohorts.empty() ? "none quarantined" : cohorts.c_str());
  out->push_back('\n');
}

void TaxonomyBlock(std::string* out, const TaxonomyCounts& t) {
  Line(out, "Ethical Taxonomy (%llu actions with a violation):", static_cast<ull>(t.tagged_actions));
  for (int d = 0; d < taxonomy::kDimensionCount; ++d)
    Line(out, "  %-13s      tagged %llu, primary %llu", (DimensionKey(d) + ":").c_str(),
         static_cast<ull>(t.tagged[d]), static_cast<ull>(t.primary[d]));
  out->push_back('\n');
}

void CorrelationBlock(std::string* out, const correlation::CorrelationEngine::Stats& c) {
  // Each action whose evaluation matched a pattern counts once: a pattern
  // that holds over its window counts every action in it.
  Line(out, "Correlation (informational; actions that matched each pattern):");
  for (int p = 0; p < correlation::kPatternCount; ++p)
    Line(out, "  %-28s %llu", (PatternKey(p) + ":").c_str(), static_cast<ull>(c.matches[p]));
  Line(out, "  Tracked:           %llu agents, %llu payload clusters (%llu actions untracked)",
       static_cast<ull>(c.tracked_agents), static_cast<ull>(c.payload_clusters),
       static_cast<ull>(c.untracked_actions));
  Line(out,
       "  Forgotten:         %llu payload clusters replaced inside their tolerance (raise "
       "NETHICAL_CORRELATION_MAX_PAYLOAD_CLUSTERS to remember more)",
       static_cast<ull>(c.payload_clusters_forgotten));
  out->push_back('\n');
}

void ResidencyBlock(std::string* out, const ResidencyCounts& r) {
  Line(out, "Data Residency (%s):", r.policy.c_str());
  Line(out, "  Checks:            %llu (%llu non-compliant, %llu blocked)", static_cast<ull>(r.checks),
       static_cast<ull>(r.non_compliant), static_cast<ull>(r.blocked));
  out->push_back('\n');
}

void SlaBlock(std::string* out, const sla::SlaReport& s) {
  Line(out, "Engine SLA (engine-side evaluation time, sliding window; not the SLO's response time):");
  Line(out, "  Status:            %s over %llu evaluations",
       std::string(sla::SlaStatusName(s.status)).c_str(), static_cast<ull>(s.count));
  Line(out, "  p95 / p99 / Mean:  %.3f ms (%s) / %.3f ms (%s) / %.3f ms (%s)", Ms(s.p95_nanos),
       std::string(sla::SlaStatusName(s.p95)).c_str(), Ms(s.p99_nanos),
       std::string(sla::SlaStatusName(s.p99)).c_str(), Ms(s.mean_nanos),
       std::string(sla::SlaStatusName(s.mean)).c_str());
  Line(out, "  Checks:            %llu (%llu breached%s)", static_cast<ull>(s.checks),
       static_cast<ull>(s.breaches), s.sustained_breach ? ", sustained breach" : "");
  out->push_back('\n');
}

}  // namespace

std::string GovernanceConsoleBlocks(const EngineStats& e) {
  std::string out;
  if (e.quarantine) QuarantineBlock(&out, *e.quarantine);
  if (e.taxonomy) TaxonomyBlock(&out, *e.taxonomy);
  if (e.correlation) CorrelationBlock(&out, *e.correlation);
  if (e.residency) ResidencyBlock(&out, *e.residency);
  if (e.sla) SlaBlock(&out, *e.sla);
  return out;
}

Json EngineSlaJson(const sla::SlaReport& s) {
  return Json{{"status", sla::SlaStatusName(s.status)},
              {"latency_basis", "engine_evaluation_time"},
              {"evaluations_in_window", s.count},
              {"p95_ms", Ms(s.p95_nanos)},
              {"p99_ms", Ms(s.p99_nanos)},
              {"mean_ms", Ms(s.mean_nanos)},
              {"p95_status", sla::SlaStatusName(s.p95)},
              {"p99_status", sla::SlaStatusName(s.p99)},
              {"mean_status", sla::SlaStatusName(s.mean)},
              {"checks", s.checks},
              {"breaches", s.breaches},
              {"consecutive_breaches", s.consecutive_breaches},
              {"sustained_breach", s.sustained_breach}};
}

void AddGovernanceJson(Json& j, const EngineStats& e) {
  if (e.quarantine) {
    const QuarantineCounts& q = *e.quarantine;
    Json cohorts = Json::object();
    for (const auto& [cohort, n] : q.by_cohort) cohorts[cohort] = n;
    j["quarantine"] = {{"held", q.held},
                       {"agent_hits", q.agent_hits},
                       {"cohort_hits", q.cohort_hits},
                       {"enforced", q.enforced},
                       {"auto_on_anomaly", q.auto_on_anomaly},
                       {"auto_on_terminate", q.auto_on_terminate},
                       {"auto_refused", q.auto_refused},
                       {"by_cohort", std::move(cohorts)},
                       {"other_cohorts", q.other_cohorts}};
  }
  if (e.taxonomy) {
    Json dims = Json::object();
    for (int d = 0; d < taxonomy::kDimensionCount; ++d)
      dims[DimensionKey(d)] = {{"tagged", e.taxonomy->tagged[d]}, {"primary", e.taxonomy->primary[d]}};
    j["ethical_taxonomy"] = {{"tagged_actions", e.taxonomy->tagged_actions}, {"dimensions", std::move(dims)}};
  }
  if (e.correlation) {
    Json matches = Json::object();
    for (int p = 0; p < correlation::kPatternCount; ++p) matches[PatternKey(p)] = e.correlation->matches[p];
    j["correlation"] = {{"matches", std::move(matches)},
                        {"actions", e.correlation->actions},
                        {"untracked_actions", e.correlation->untracked_actions},
                        {"tracked_agents", e.correlation->tracked_agents},
                        {"payload_clusters", e.correlation->payload_clusters},
                        {"payload_clusters_forgotten", e.correlation->payload_clusters_forgotten}};
  }
  if (e.residency)
    j["data_residency"] = {{"policy", e.residency->policy},
                           {"checks", e.residency->checks},
                           {"non_compliant", e.residency->non_compliant},
                           {"blocked", e.residency->blocked}};
  if (e.sla) j["sla"] = EngineSlaJson(*e.sla);
}

}  // namespace nethical::loadgen
