#include "engine/anomaly/anomaly_detector.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <string>

#include "engine/anomaly/alert_severity.h"
#include "engine/anomaly/behavior_window.h"

namespace nethical::anomaly {
namespace {

// The middle window, subtracted from the long one to form the baseline, is
// this many short windows.
constexpr double kMidWindows = AnomalyConfig::kMinBaselineWindows;
uint64_t HashOf(std::string_view s) { return std::hash<std::string_view>()(s); }

int64_t ToNanos(double seconds) { return std::llround(seconds * 1e9); }

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%g", v);
  return buf;
}

AnomalyAlert MakeAlert(AnomalyType type, double score, const char* what) {
  char description[96];
  std::snprintf(description, sizeof(description), "%s (score: %.3f)", what, score);
  AnomalyAlert alert;
  alert.type = type;
  alert.severity = AlertSeverityOfScore(score);
  alert.description = description;
  return alert;
}

size_t MallocChunk(size_t request) {  // glibc: 8-byte header, 16-byte alignment, 32 minimum
  return std::max<size_t>(32, (request + 8 + 15) & ~size_t{15});
}

}  // namespace

// The baseline's weight after t seconds of history, L(1 - e^(-t/L)) -
// M(1 - e^(-t/M)) (the long and middle windows' weights, updated as in
// Record), grows with t towards L - M. Bisection for the t where it
// reaches one short window.
double FrequencySupportSeconds(const AnomalyConfig& config) {
  const double w = config.frequency_window_seconds;
  const double m = kMidWindows * w;
  const double l = config.frequency_baseline_seconds;
  if (!(l - m > w)) return std::numeric_limits<double>::infinity();  // never reached
  auto base_weight = [&](double t) { return l * -std::expm1(-t / l) - m * -std::expm1(-t / m); };
  double lo = 0, hi = w;
  while (base_weight(hi) < w) {
    lo = hi;
    hi *= 2;
  }
  for (int i = 0; i < 100 && hi - lo > 1e-9 * hi; ++i) {
    const double mid = (lo + hi) / 2;
    (base_weight(mid) < w ? lo : hi) = mid;
  }
  return hi;
}

StatusOr<std::unique_ptr<AnomalyDetector>> AnomalyDetector::Create(const AnomalyConfig& config,
                                                                   const Clock& clock, AgentLimits limits) {
  std::shared_ptr<const DriftBaselines> baselines;
  if (!config.drift_baseline_file.empty()) {
    StatusOr<DriftBaselines> loaded = DriftBaselines::Load(config.drift_baseline_file);
    if (!loaded.ok()) return loaded.status();
    baselines = std::make_shared<const DriftBaselines>(std::move(loaded).value());
  }
  return std::unique_ptr<AnomalyDetector>(new AnomalyDetector(config, clock, limits, std::move(baselines)));
}

AnomalyDetector::AnomalyDetector(const AnomalyConfig& config, const Clock& clock, AgentLimits limits,
                                 std::shared_ptr<const DriftBaselines> baselines)
    : config_(config),
      clock_(clock),
      short_tau_nanos_(config.frequency_window_seconds * 1e9),
      long_tau_nanos_(config.frequency_baseline_seconds * 1e9),
      sequence_limit_(config.sequence_threshold >= 1.0
                          ? UINT32_MAX  // a geometric mean probability of 0: never
                          : static_cast<uint32_t>(-kSequenceSpan * std::log(1.0 - config.sequence_threshold) /
                                                  kSurprisalUnit)),
      cooldown_nanos_(ToNanos(config.cooldown_seconds)),
      idle_nanos_(ToNanos(limits.idle_seconds)),
      promote_nanos_(idle_nanos_ / 8),
      agents_(static_cast<size_t>(limits.max_agents)),

      cohorts_(DriftSettings{static_cast<uint32_t>(config.drift_baseline_size), config.psi_threshold,
                             config.drift_threshold, cooldown_nanos_,
                             static_cast<uint64_t>(config.drift_warmup_actions)},
               std::move(baselines)) {}

AnomalyDetector::~AnomalyDetector() = default;

std::optional<AnomalyAlert> AnomalyDetector::Record(std::string_view agent_id, std::string_view cohort,
                                                    ActionType type, double risk_score, int64_t now) {
  const uint64_t cohort_key = HashOf(cohort);

  // Under the lock only decide; build the alert's strings after unlocking.
  AgentAlertType alert_type = kAgentAlertTypes;  // none
  double alert_score = 0.0;
  double alert_detail = 0.0;  // frequency: short rate / baseline rate
  CohortDrift* drift = nullptr;
  // First the shard's least recently promoted agents while they are idle,
  // at most once per promote_nanos_ (idle / 8) per shard: reading the
  // oldest agent on every action was a cache miss per action. An agent
  // moves to the newest end at most once per promote_nanos_, so a lookup
  // rarely relinks (two cold neighbours at 100k agents) and the order is by
  // last action to within idle / 8: an idle agent leaves within idle * 10 / 8
  // while actions reach its shard, and one that acts again after idle
  // starts over whether or not it was swept.
  auto idle = [&](const std::string&, const AgentState& a) { return IsIdle(a, now); };
  agents_.WithShardSwept(agent_id, now, promote_nanos_, idle, [&](AgentMap::Table& agents, uint64_t h) {
    bool inserted = false;
    AgentState& st = agents.FindOrInsert(
        agent_id, h, &inserted, [&](const AgentState& a) { return now - a.promoted_nanos < promote_nanos_; });
    if (!inserted && IsIdle(st, now)) {
      st = AgentState{};
      inserted = true;
    }
    if (inserted || now - st.promoted_nanos >= promote_nanos_) st.promoted_nanos = now;

    // Update all state first (as the original), then check in order.
    if (st.actions < UINT32_MAX) ++st.actions;
    // Frequency: decay both counts and weights by the time since the last
    // action, then count this one. Two threads' readings for one agent may
    // arrive out of order: the later-read one first. The earlier then
    // counts at the later's time (no negative interval, no growth).
    {
      const double dt = inserted ? 0.0 : static_cast<double>(std::max<int64_t>(0, now - st.last_nanos));
      const double short_decay = std::exp(-dt / short_tau_nanos_);
      const double long_decay = std::exp(-dt / long_tau_nanos_);
      st.short_count = static_cast<float>(st.short_count * short_decay + 1.0);
      st.short_weight = static_cast<float>(st.short_weight * short_decay +
                                           config_.frequency_window_seconds * (1.0 - short_decay));
      static_assert(kMidWindows == 4, "the middle decay is the short one's fourth root");
      const double mid_decay = std::sqrt(std::sqrt(short_decay));
      st.mid_count = static_cast<float>(st.mid_count * mid_decay + 1.0);
      st.mid_weight = static_cast<float>(st.mid_weight * mid_decay +
                                         kMidWindows * config_.frequency_window_seconds * (1.0 - mid_decay));
      st.long_count = static_cast<float>(st.long_count * long_decay + 1.0);
      st.long_weight = static_cast<float>(st.long_weight * long_decay +
                                          config_.frequency_baseline_seconds * (1.0 - long_decay));
      st.last_nanos = inserted ? now : std::max(st.last_nanos, now);
    }
    // Sequence: how surprising this type is after the agent's previous two,
    // scored before the 3-gram joins the window. An episode is a run of
    // actions whose window is at or over the limit. After an episode's
    // first alert the agent does not train the model for the cooldown: one
    // agent cannot teach the model its own anomaly (at 100x the default
    // rate the window spans 2 s, and one switched agent owns the rare
    // contexts within seconds). An episode that outlasts the cooldown and
    // alerts again is the agent's new normal and trains the model.
    {
      const Cooldown& sc = st.cooldown[kSequenceAlert];
      const bool sequence_cooldown =
          sc.active && sc.cohort_key == cohort_key && now - sc.at_nanos < cooldown_nanos_;
      uint32_t units = 0;
      if (st.history == 2) {
        const int trigram = TrigramId(st.prev2, st.prev1, type);
        units = static_cast<uint32_t>(std::min(65535.0, trigrams_.Surprisal(trigram) / kSurprisalUnit));
        if (!(sequence_cooldown && st.sequence_learning_paused)) trigrams_.Observe(trigram);
      }
      st.surprisal_sum += units - st.surprisal[st.surprisal_head];
      st.surprisal[st.surprisal_head] = static_cast<uint16_t>(units);
      st.surprisal_head = static_cast<uint8_t>((st.surprisal_head + 1) % kSequenceSpan);
      if (st.surprisal_sum >= sequence_limit_) {
        if (st.episode_actions < UINT8_MAX) ++st.episode_actions;
      } else {
        st.episode_actions = 0;
        st.episode_alerts = 0;
      }
    }
    st.prev2 = st.prev1;
    st.prev1 = type;
    st.history = static_cast<uint8_t>(std::min(st.history + 1, 2));
    st.behavior.Add(type);

    auto in_cooldown = [&](AgentAlertType t) {
      const Cooldown& c = st.cooldown[t];
      return c.active && c.cohort_key == cohort_key && now - c.at_nanos < cooldown_nanos_;
    };
    if (st.actions >= warmup_) {
      // Rates as count / weight. The baseline is the long window minus the
      // middle one (events weighted e^(-t/long) - e^(-t/middle), near 0 for
      // the last few seconds: the agent's history before now), so a burst
      // does not raise its own baseline. It needs at least one short window
      // of history.
      const double short_rate = st.short_count / std::max(st.short_weight, 1e-9f);
      const double base_weight = static_cast<double>(st.long_weight) - st.mid_weight;
      const double base_rate =
          std::max(0.0, static_cast<double>(st.long_count) - st.mid_count) / std::max(base_weight, 1e-9);
      if (base_weight >= config_.frequency_window_seconds && st.short_count >= config_.frequency_threshold &&
          short_rate > config_.frequency_ratio * base_rate && !in_cooldown(kFrequencyAlert)) {
        alert_type = kFrequencyAlert;
        alert_score = 1.0;
        alert_detail = base_rate > 0 ? short_rate / base_rate : 0.0;
      }
      // In the cooldown of an earlier episode's alert (a short benign blip,
      // say), a new episode alerts once it has lasted a whole window: at
      // 100x the default rate a blip's cooldown would otherwise cover half
      // of an agent's time.
      if (alert_type == kAgentAlertTypes && st.surprisal_sum >= sequence_limit_ &&
          (!in_cooldown(kSequenceAlert) || (st.episode_alerts == 0 && st.episode_actions >= kSequenceSpan))) {
        alert_type = kSequenceAlert;
        // 1 - the geometric mean probability of the last kSequenceSpan types.
        alert_score = 1.0 - std::exp(-static_cast<double>(st.surprisal_sum) * kSurprisalUnit / kSequenceSpan);
      }
      if (alert_type == kAgentAlertTypes && st.behavior.size() >= kBehaviorMinActions &&
          !in_cooldown(kBehavioralAlert)) {
        const BehaviorStats b = st.behavior.Stats();
        if (b.anomalous) {
          alert_type = kBehavioralAlert;
          alert_score = b.score;
        }
      }
    }
    if (alert_type != kAgentAlertTypes) st.cooldown[alert_type] = {now, cohort_key, true};
    if (alert_type == kSequenceAlert) {
      st.sequence_learning_paused = st.episode_alerts == 0;
      if (st.episode_alerts < 2) ++st.episode_alerts;
    }

    if (st.cohort == nullptr || st.cohort->name() != cohort) st.cohort = cohorts_.Find(cohort);
    drift = st.cohort;
  });

  std::optional<AnomalyAlert> alert;
  switch (alert_type) {
    case kFrequencyAlert:
      alert = MakeAlert(AnomalyType::kFrequency, alert_score, "Frequency burst detected");
      alert->description +=
          ": rate over the last " + Num(config_.frequency_window_seconds) + " s is " +
          (alert_detail > 0 ? Num(std::round(alert_detail * 10) / 10) + "x" : std::string("far above")) +
          " the agent's baseline";
      break;
    case kSequenceAlert:
      alert = MakeAlert(AnomalyType::kSequence, alert_score, "Unusual action sequence detected");
      break;
    case kBehavioralAlert:
      alert = MakeAlert(AnomalyType::kBehavioral, alert_score, "Behavioral anomaly detected");
      break;
    case kAgentAlertTypes:
      break;
  }
  if (drift == nullptr) return alert;
  std::optional<AnomalyAlert> drift_alert =
      drift->AddSample(std::isfinite(risk_score) ? risk_score : 0.0, type, now);
  if (alert) {
    if (drift_alert) drift->Defer(std::move(*drift_alert));
    return alert;
  }
  if (drift_alert) return drift_alert;
  return drift->TakeDeferred();
}

size_t AnomalyDetector::LiveAgents() const { return agents_.Size(); }

bool AnomalyDetector::IsIdle(const AgentState& agent, int64_t now) const {
  return agent.last_nanos < now - idle_nanos_;
}

size_t AnomalyDetector::EvictIdle() {
  const int64_t now = clock_.NowNanos();
  size_t n = 0;
  // A full scan: exact even if two threads' clock readings reached a shard
  // out of order.
  for (size_t i = 0; i < AgentMap::kShards; ++i) {
    n += agents_.EraseIf(i, [&](const std::string&, const AgentState& a) { return IsIdle(a, now); });
  }
  return n;
}

std::optional<DriftReport> AnomalyDetector::LastDrift(std::string_view cohort) const {
  const CohortDrift* c = cohorts_.FindExisting(cohort);
  return c == nullptr ? std::nullopt : c->LastReport();
}

std::optional<DriftReport> AnomalyDetector::LastTypeDrift(std::string_view cohort) const {
  const CohortDrift* c = cohorts_.FindExisting(cohort);
  return c == nullptr ? std::nullopt : c->LastTypeReport();
}

size_t AnomalyDetector::BytesPerAgent(const AnomalyConfig& config, size_t agent_id_length) {
  // One heap node (links, hash, id string, state), the id's own block when
  // it is too long for the string's inline buffer (15 bytes in libstdc++),
  // plus two slots (the table is at most half full).
  (void)config;  // nothing per agent depends on the settings any more
  const size_t id_block = agent_id_length > 15 ? MallocChunk(agent_id_length + 1) : 0;
  return MallocChunk(AgentMap::Table::kNodeBytes) + id_block + 2 * AgentMap::Table::kSlotBytes;
}

}  // namespace nethical::anomaly
