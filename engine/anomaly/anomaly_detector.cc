#include "engine/anomaly/anomaly_detector.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include "engine/anomaly/alert_severity.h"
#include "engine/anomaly/behavior_window.h"

namespace nethical::anomaly {
namespace {

constexpr int64_t kMaxFrequencyThreshold = 1000;  // the ring costs 8 bytes per event
constexpr double kMaxSeconds = 10.0 * 365 * 86400;  // keeps nanosecond arithmetic in range
constexpr int64_t kMinDriftWindow = 10;
constexpr int64_t kMaxDriftWindow = 100'000'000;

enum AgentAlertType { kFrequency = 0, kSequence = 1, kBehavioral = 2, kAgentAlertTypes = 3 };

struct TransparentHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

// The last alert of one type for one agent, and the cohort it was in.
struct Cooldown {
  int64_t at_nanos = 0;
  uint64_t cohort_key = 0;
  bool active = false;
};

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

// One agent's state: about 200 bytes plus the frequency ring.
struct AgentState {
  AgentState* lru_prev = nullptr;  // towards the most recently seen
  AgentState* lru_next = nullptr;  // towards the least recently seen
  const std::string* key = nullptr;
  CohortDrift* cohort = nullptr;   // cached lookup of the last cohort
  int64_t last_seen = 0;
  std::unique_ptr<int64_t[]> event_times;  // ring of the last frequency_threshold times
  uint32_t event_head = 0;
  uint32_t event_count = 0;
  uint8_t history = 0;  // action types seen so far, saturating at 2
  ActionType prev1 = ActionType::kQuery;  // the latest action type
  ActionType prev2 = ActionType::kQuery;  // the one before it
  BehaviorWindow behavior;
  Cooldown cooldown[kAgentAlertTypes];
};

using AgentMap = std::unordered_map<std::string, AgentState, TransparentHash, std::equal_to<>>;

size_t MallocChunk(size_t request) {  // glibc: 8-byte header, 16-byte alignment, 32 minimum
  return std::max<size_t>(32, (request + 8 + 15) & ~size_t{15});
}

}  // namespace

struct alignas(64) AnomalyDetector::Shard {
  std::mutex mu;
  AgentMap agents;
  AgentState* lru_head = nullptr;  // most recently seen
  AgentState* lru_tail = nullptr;  // least recently seen

  void Unlink(AgentState* s) {
    (s->lru_prev ? s->lru_prev->lru_next : lru_head) = s->lru_next;
    (s->lru_next ? s->lru_next->lru_prev : lru_tail) = s->lru_prev;
    s->lru_prev = s->lru_next = nullptr;
  }
  void PushFront(AgentState* s) {
    s->lru_next = lru_head;
    if (lru_head != nullptr) lru_head->lru_prev = s;
    lru_head = s;
    if (lru_tail == nullptr) lru_tail = s;
  }
  void Evict(AgentState* s) {
    Unlink(s);
    agents.erase(agents.find(*s->key));
  }
  // Evicts idle agents from the LRU end, at most `limit` of them, never `keep`.
  size_t EvictIdle(int64_t now, int64_t idle_nanos, size_t limit, const AgentState* keep) {
    size_t n = 0;
    while (n < limit && lru_tail != nullptr && lru_tail != keep &&
           now - lru_tail->last_seen > idle_nanos) {
      Evict(lru_tail);
      ++n;
    }
    return n;
  }
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
      shards_(new Shard[kShards]),
      cohorts_(DriftSettings{static_cast<uint32_t>(config.drift_baseline_size),
                             config.psi_threshold, config.drift_threshold, cooldown_nanos_},
               std::move(baselines)) {}

AnomalyDetector::~AnomalyDetector() = default;

std::optional<AnomalyAlert> AnomalyDetector::Record(std::string_view agent_id,
                                                    std::string_view cohort, ActionType type,
                                                    double risk_score) {
  const int64_t now = clock_.NowNanos();
  const size_t agent_hash = TransparentHash()(agent_id);
  const uint64_t cohort_key = TransparentHash()(cohort);
  Shard& shard = shards_[agent_hash % kShards];
  const uint32_t k = static_cast<uint32_t>(config_.frequency_threshold);

  std::optional<AnomalyAlert> alert;
  CohortDrift* drift = nullptr;
  {
    std::lock_guard<std::mutex> lock(shard.mu);
    auto it = shard.agents.find(agent_id);
    if (it == shard.agents.end()) {
      if (shard.agents.size() >= shard_capacity_) shard.Evict(shard.lru_tail);
      it = shard.agents.try_emplace(std::string(agent_id)).first;
      it->second.key = &it->first;
      it->second.event_times.reset(new int64_t[k]);
    } else {
      shard.Unlink(&it->second);
    }
    AgentState& st = it->second;
    shard.PushFront(&st);
    st.last_seen = now;
    shard.EvictIdle(now, idle_nanos_, 2, &st);

    // Update all state first (as the original), then check in order.
    st.event_times[st.event_head] = now;
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
    if (st.event_count == k && !in_cooldown(kFrequency)) {
      const int64_t oldest = st.event_times[st.event_head];  // the next slot to overwrite
      if (oldest >= now - window_nanos_) {
        alert = MakeAlert("frequency", 1.0, "Frequency burst detected");
        alert->description += ": " + std::to_string(k) + " actions within " +
                              Num(config_.frequency_window_seconds) + " s";
        st.cooldown[kFrequency] = {now, cohort_key, true};
      }
    }
    if (!alert && trigram >= 0 && !in_cooldown(kSequence)) {
      const SequenceScore s = trigrams_.Score(trigram);
      if (s.score >= config_.sequence_threshold) {
        alert = MakeAlert("sequence", s.score, "Unusual action sequence detected");
        st.cooldown[kSequence] = {now, cohort_key, true};
      }
    }
    if (!alert && st.behavior.size() >= kBehaviorMinActions && !in_cooldown(kBehavioral)) {
      const BehaviorStats b = st.behavior.Stats();
      if (b.anomalous) {
        alert = MakeAlert("behavioral", b.score, "Behavioral anomaly detected");
        st.cooldown[kBehavioral] = {now, cohort_key, true};
      }
    }

    if (st.cohort == nullptr || st.cohort->name() != cohort) st.cohort = cohorts_.Find(cohort);
    drift = st.cohort;
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
    std::lock_guard<std::mutex> lock(shards_[i].mu);
    n += shards_[i].agents.size();
  }
  return n;
}

size_t AnomalyDetector::EvictIdle() {
  const int64_t now = clock_.NowNanos();
  size_t n = 0;
  for (int i = 0; i < kShards; ++i) {
    std::lock_guard<std::mutex> lock(shards_[i].mu);
    n += shards_[i].EvictIdle(now, idle_nanos_, SIZE_MAX, nullptr);
  }
  return n;
}

std::optional<DriftReport> AnomalyDetector::LastDrift(std::string_view cohort) const {
  const CohortDrift* c = cohorts_.FindExisting(cohort);
  return c == nullptr ? std::nullopt : c->LastReport();
}

size_t AnomalyDetector::BytesPerAgent(const AnomalyConfig& config, size_t agent_id_length) {
  // libstdc++ hash node: next pointer, the value, the cached hash.
  const size_t node = sizeof(void*) + sizeof(AgentMap::value_type) + sizeof(size_t);
  const size_t key = agent_id_length > 15 ? MallocChunk(agent_id_length + 1) : 0;
  const size_t ring = MallocChunk(sizeof(int64_t) * config.frequency_threshold);
  const size_t bucket = sizeof(void*);  // load factor <= 1
  return MallocChunk(node) + key + ring + bucket;
}

}  // namespace nethical::anomaly
