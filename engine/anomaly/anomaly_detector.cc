#include "engine/anomaly/anomaly_detector.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <mutex>
#include <string>

#include "engine/anomaly/agent_table.h"
#include "engine/anomaly/alert_severity.h"
#include "engine/anomaly/behavior_window.h"

namespace nethical::anomaly {
namespace {

constexpr int64_t kMaxFrequencyThreshold = 1000;  // the ring costs 8 bytes per event
constexpr double kMaxSeconds = 10.0 * 365 * 86400;  // keeps nanosecond arithmetic in range
constexpr int64_t kMinDriftWindow = 10;
constexpr int64_t kMaxDriftWindow = 100'000'000;
// Idle sweeps start every idle_seconds / 8 per shard and scan this many
// 24-byte slots per action until they have covered the shard.
constexpr int kSweepsPerIdlePeriod = 8;
constexpr size_t kSweepSlotsPerAction = 32;

static_assert(sizeof(size_t) == 8, "the agent hash splits 64 bits into shard and slot");

uint64_t HashOf(std::string_view s) { return std::hash<std::string_view>()(s); }

int64_t ToNanos(double seconds) { return std::llround(seconds * 1e9); }

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%g", v);
  return buf;
}

AnomalyAlert MakeAlert(std::string_view type, double score, const char* what) {
  char description[96];
  std::snprintf(description, sizeof(description), "%s (score: %.3f)", what, score);
  AnomalyAlert alert;
  alert.type = std::string(type);
  alert.severity = std::string(AlertSeverityName(AlertSeverityOfScore(score)));
  alert.description = description;
  return alert;
}

Status Validate(const AnomalyConfig& c, const AgentLimits& limits) {
  if (!(c.sequence_threshold >= 0.0 && c.sequence_threshold <= 1.0))
    return InvalidArgument("NETHICAL_ANOMALY_SEQUENCE_THRESHOLD=" + Num(c.sequence_threshold) +
                           ": must be in [0, 1]");
  if (!(c.drift_threshold > 0.0 && std::isfinite(c.drift_threshold)))
    return InvalidArgument("NETHICAL_ANOMALY_DRIFT_THRESHOLD=" + Num(c.drift_threshold) +
                           ": must be a finite number > 0");
  if (!(c.psi_threshold > 0.0 && std::isfinite(c.psi_threshold)))
    return InvalidArgument("NETHICAL_PSI_THRESHOLD=" + Num(c.psi_threshold) +
                           ": must be a finite number > 0");
  if (c.frequency_threshold < 1 || c.frequency_threshold > kMaxFrequencyThreshold)
    return InvalidArgument("NETHICAL_ANOMALY_FREQUENCY_THRESHOLD=" +
                           std::to_string(c.frequency_threshold) + ": must be in [1, " +
                           std::to_string(kMaxFrequencyThreshold) + "]");
  if (!(c.frequency_window_seconds > 0.0 && c.frequency_window_seconds <= kMaxSeconds))
    return InvalidArgument("NETHICAL_ANOMALY_FREQUENCY_WINDOW_SECONDS=" +
                           Num(c.frequency_window_seconds) + ": must be > 0 and <= 10 years");
  if (!(c.cooldown_seconds >= 0.0 && c.cooldown_seconds <= kMaxSeconds))
    return InvalidArgument("NETHICAL_ANOMALY_COOLDOWN_SECONDS=" + Num(c.cooldown_seconds) +
                           ": must be >= 0 and <= 10 years");
  if (c.drift_baseline_size < kMinDriftWindow || c.drift_baseline_size > kMaxDriftWindow)
    return InvalidArgument("NETHICAL_ANOMALY_DRIFT_BASELINE_SIZE=" +
                           std::to_string(c.drift_baseline_size) + ": must be in [" +
                           std::to_string(kMinDriftWindow) + ", " +
                           std::to_string(kMaxDriftWindow) + "]");
  if (limits.max_agents < 1)
    return InvalidArgument("NETHICAL_MAX_AGENTS=" + std::to_string(limits.max_agents) +
                           ": must be >= 1");
  if (!(limits.idle_seconds > 0.0 && limits.idle_seconds <= kMaxSeconds))
    return InvalidArgument("NETHICAL_AGENT_IDLE_SECONDS=" + Num(limits.idle_seconds) +
                           ": must be > 0 and <= 10 years");
  return Status::Ok();
}

size_t MallocChunk(size_t request) {  // glibc: 8-byte header, 16-byte alignment, 32 minimum
  return std::max<size_t>(32, (request + 8 + 15) & ~size_t{15});
}

}  // namespace

struct alignas(64) AnomalyDetector::Shard {
  Shard(uint32_t ring_size, size_t capacity) : agents(ring_size, capacity) {}

  std::mutex mu;
  AgentTable agents;
  // When the next idle sweep starts; while one runs, every action of the
  // shard advances it by kSweepSlotsPerAction slots.
  int64_t next_sweep = 0;
};

StatusOr<std::unique_ptr<AnomalyDetector>> AnomalyDetector::Create(const AnomalyConfig& config,
                                                                   const Clock& clock,
                                                                   AgentLimits limits) {
  if (Status s = Validate(config, limits); !s.ok()) return s;
  std::shared_ptr<const DriftBaselines> baselines;
  if (!config.drift_baseline_file.empty()) {
    StatusOr<DriftBaselines> loaded = DriftBaselines::Load(config.drift_baseline_file);
    if (!loaded.ok()) return loaded.status();
    baselines = std::make_shared<const DriftBaselines>(std::move(loaded).value());
  }
  return std::unique_ptr<AnomalyDetector>(
      new AnomalyDetector(config, clock, limits, std::move(baselines)));
}

AnomalyDetector::AnomalyDetector(const AnomalyConfig& config, const Clock& clock,
                                 AgentLimits limits,
                                 std::shared_ptr<const DriftBaselines> baselines)
    : config_(config),
      clock_(clock),
      window_nanos_(ToNanos(config.frequency_window_seconds)),
      cooldown_nanos_(ToNanos(config.cooldown_seconds)),
      idle_nanos_(ToNanos(limits.idle_seconds)),
      shard_capacity_(static_cast<size_t>((limits.max_agents + kShards - 1) / kShards)),

      cohorts_(DriftSettings{static_cast<uint32_t>(config.drift_baseline_size),
                             config.psi_threshold, config.drift_threshold, cooldown_nanos_},
               std::move(baselines)) {
  shards_.reserve(kShards);
  for (int i = 0; i < kShards; ++i)
    shards_.push_back(std::make_unique<Shard>(static_cast<uint32_t>(config.frequency_threshold),
                                              shard_capacity_));
}

AnomalyDetector::~AnomalyDetector() = default;

std::optional<AnomalyAlert> AnomalyDetector::Record(std::string_view agent_id,
                                                    std::string_view cohort, ActionType type,
                                                    double risk_score) {
  const int64_t now = clock_.NowNanos();
  const uint64_t agent_hash = HashOf(agent_id);
  const uint64_t cohort_key = HashOf(cohort);
  // The top bits pick the shard; the table inside uses the low bits.
  Shard& shard = *shards_[agent_hash >> (64 - kShardBits)];
  const uint32_t k = static_cast<uint32_t>(config_.frequency_threshold);

  // Under the lock only decide; build the alert's strings after unlocking.
  AgentAlertType alert_type = kAgentAlertTypes;  // none
  double alert_score = 0.0;
  CohortDrift* drift = nullptr;
  {
    std::lock_guard<std::mutex> lock(shard.mu);
    if (now >= shard.next_sweep) {
      bool cycle_done = false;
      shard.agents.EvictIdle(now - idle_nanos_, kSweepSlotsPerAction, &cycle_done);
      if (cycle_done) shard.next_sweep = now + idle_nanos_ / kSweepsPerIdlePeriod;
    }
    bool inserted = false;
    AgentState& st = *shard.agents.Touch(agent_id, agent_hash, now, &inserted);

    // Update all state first (as the original), then check in order.
    st.event_times()[st.event_head] = now;
    st.event_head = (st.event_head + 1) % k;
    st.event_count = std::min(st.event_count + 1, k);
    int trigram = -1;
    if (st.history == 2) {
      trigram = TrigramId(st.prev2, st.prev1, type);
      trigrams_.Observe(trigram);
    }
    st.prev2 = st.prev1;
    st.prev1 = type;
    st.history = static_cast<uint8_t>(std::min(st.history + 1, 2));
    st.behavior.Add(type);

    auto in_cooldown = [&](AgentAlertType t) {
      const Cooldown& c = st.cooldown[t];
      return c.active && c.cohort_key == cohort_key && now - c.at_nanos < cooldown_nanos_;
    };
    // The oldest ring entry is the next slot to overwrite.
    if (st.event_count == k && !in_cooldown(kFrequencyAlert) &&
        st.event_times()[st.event_head] >= now - window_nanos_) {
      alert_type = kFrequencyAlert;
      alert_score = 1.0;
    }
    if (alert_type == kAgentAlertTypes && trigram >= 0 && !in_cooldown(kSequenceAlert)) {
      const SequenceScore s = trigrams_.Score(trigram);
      if (s.score >= config_.sequence_threshold) {
        alert_type = kSequenceAlert;
        alert_score = s.score;
      }
    }
    if (alert_type == kAgentAlertTypes && st.behavior.size() >= kBehaviorMinActions &&
        !in_cooldown(kBehavioralAlert)) {
      const BehaviorStats b = st.behavior.Stats();
      if (b.anomalous) {
        alert_type = kBehavioralAlert;
        alert_score = b.score;
      }
    }
    if (alert_type != kAgentAlertTypes) st.cooldown[alert_type] = {now, cohort_key, true};

    if (st.cohort == nullptr || st.cohort->name() != cohort) st.cohort = cohorts_.Find(cohort);
    drift = st.cohort;
  }

  std::optional<AnomalyAlert> alert;
  switch (alert_type) {
    case kFrequencyAlert:
      alert = MakeAlert("frequency", alert_score, "Frequency burst detected");
      alert->description += ": " + std::to_string(k) + " actions within " +
                            Num(config_.frequency_window_seconds) + " s";
      break;
    case kSequenceAlert:
      alert = MakeAlert("sequence", alert_score, "Unusual action sequence detected");
      break;
    case kBehavioralAlert:
      alert = MakeAlert("behavioral", alert_score, "Behavioral anomaly detected");
      break;
    case kAgentAlertTypes:
      break;
  }
  if (drift == nullptr) return alert;
  std::optional<AnomalyAlert> drift_alert =
      drift->AddSample(std::isfinite(risk_score) ? risk_score : 0.0, now);
  if (alert) {
    if (drift_alert) drift->Defer(std::move(*drift_alert));
    return alert;
  }
  if (drift_alert) return drift_alert;
  return drift->TakeDeferred();
}

size_t AnomalyDetector::LiveAgents() const {
  size_t n = 0;
  for (int i = 0; i < kShards; ++i) {
    std::lock_guard<std::mutex> lock(shards_[i]->mu);
    n += shards_[i]->agents.size();
  }
  return n;
}

size_t AnomalyDetector::EvictIdle() {
  const int64_t now = clock_.NowNanos();
  size_t n = 0;
  for (int i = 0; i < kShards; ++i) {
    std::lock_guard<std::mutex> lock(shards_[i]->mu);
    n += shards_[i]->agents.EvictAllIdle(now - idle_nanos_);
  }
  return n;
}

std::optional<DriftReport> AnomalyDetector::LastDrift(std::string_view cohort) const {
  const CohortDrift* c = cohorts_.FindExisting(cohort);
  return c == nullptr ? std::nullopt : c->LastReport();
}

size_t AnomalyDetector::BytesPerAgent(const AnomalyConfig& config, size_t agent_id_length) {
  // One heap block, plus two slots (the table is at most half full).
  const size_t block = AgentTable::BlockBytes(
      static_cast<uint32_t>(config.frequency_threshold), agent_id_length);
  return MallocChunk(block) + 2 * AgentTable::kSlotBytes;
}

}  // namespace nethical::anomaly
