#include "loadgen/workload.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "loadgen/text_generator.h"
#include "loadgen/workload_texts.h"

namespace nethical::loadgen {
namespace {

void AppendNumber(uint64_t v, int min_digits, std::string* out) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  for (int pad = min_digits - static_cast<int>(end - buf); pad > 0; --pad) out->push_back('0');
  out->append(buf, end);
}

// " trace 2bd9a148": eight hex digits never form a PII pattern of §4 (no
// separators, fewer than nine digits).
void AppendTraceToken(uint32_t id, std::string* text) {
  static constexpr char kHex[] = "0123456789abcdef";
  char token[15] = {' ', 't', 'r', 'a', 'c', 'e', ' '};
  for (int i = 0; i < 8; ++i) token[7 + i] = kHex[(id >> (28 - 4 * i)) & 0xf];
  text->append(token, sizeof token);
}

// Sets the one feature the workloads carry, reusing the vector's storage.
void SetMlScore(double score, Action* action) {
  action->features.resize(1);
  action->features[0].first.assign("ml_score");
  action->features[0].second = score;
}

void ResetCommon(const WorkloadOptions& options, const PlannedSend& send, Action* action) {
  FormatAgentId(send.agent, &action->agent_id);
  FormatActionId(action->agent_id, send.agent_seq, &action->action_id);
  action->cohort.assign(options.cohort);
  action->region_id.clear();
  action->logical_domain.clear();
  action->context = ActionContext{};
}

// Action types weighted like an agent's traffic: mostly queries/responses.
constexpr std::array<std::pair<ActionType, int>, kActionTypeCount> kTypeWeights = {{
    {ActionType::kQuery, 40},
    {ActionType::kResponse, 30},
    {ActionType::kFunctionCall, 10},
    {ActionType::kDataAccess, 8},
    {ActionType::kExternalApi, 6},
    {ActionType::kSystemCommand, 4},
    {ActionType::kModelUpdate, 2},
}};

// An injected cohort drift reverses the weights: system_command 40 %,
// model_update 30 %, external_api 10 %, data_access 8 %, function_call 6 %,
// response 4 %, query 2 %.
constexpr std::array<std::pair<ActionType, int>, kActionTypeCount> kDriftedTypeWeights = {{
    {ActionType::kSystemCommand, 40},
    {ActionType::kModelUpdate, 30},
    {ActionType::kExternalApi, 10},
    {ActionType::kDataAccess, 8},
    {ActionType::kFunctionCall, 6},
    {ActionType::kResponse, 4},
    {ActionType::kQuery, 2},
}};

// An injected sequence switch: the two rarest types in turn. Each 3-gram
// of the cycle has probability about u(c) under the benign mix (2 % and
// 4 %), a geometric mean of 0.028 over any 5: well past the default
// sequence threshold (0.96, i.e. 0.04). A cycle of the three rarest (2, 4
// and 6 %) averaged 0.046 and was found only by luck.
constexpr std::array<ActionType, 2> kSwitchedTypes = {ActionType::kModelUpdate, ActionType::kSystemCommand};

ActionType PickType(uint64_t h, const std::array<std::pair<ActionType, int>, kActionTypeCount>& weights) {
  int roll = static_cast<int>(h % 100);
  for (const auto& [type, weight] : weights) {
    if (roll < weight) return type;
    roll -= weight;
  }
  return weights[0].first;
}

// Appends --include-pii-test's suffix and records its value.
void AppendPiiTest(Action* action, ActionTruth* truth) {
  const uint32_t start =
      static_cast<uint32_t>(action->text.size() + std::string_view(kPiiTestSuffix).find(kPiiTestValue));
  action->text.append(kPiiTestSuffix);
  truth->AddPii(PiiType::kEmail, start, start + static_cast<uint32_t>(kPiiTestValue.size()));
}

}  // namespace

void FormatAgentId(uint32_t agent, std::string* out) {
  out->assign("agent_");
  AppendNumber(agent, 4, out);
}

void FormatActionId(std::string_view agent_id, uint64_t seq, std::string* out) {
  out->assign(agent_id);
  out->append("_action_");
  AppendNumber(seq, 1, out);
}

void SeedCompatWorkload::Fill(const PlannedSend& send, Action* action, ActionTruth* truth) const {
  ResetCommon(options_, send, action);
  *truth = ActionTruth{};
  truth->known = true;  // the five texts carry nothing
  const uint64_t n = send.agent_seq;
  const bool flagged = n % 10 == 0;  // the original's synthetic "violation"
  action->type = ActionType::kResponse;
  action->text.assign(kSeedCompatTexts[n % kSeedCompatTexts.size()]);
  if (options_.include_pii_test && flagged) {
    AppendPiiTest(action, truth);
    truth->category = ViolationCategory::kPrivacy;
  }
  SetMlScore(flagged ? 0.3 : 0.1, action);
  action->rule_risk_score = flagged ? 0.5 : 0.2;
  action->rule_classification = flagged ? RuleClass::kWarn : RuleClass::kPass;
}

MixedWorkload::MixedWorkload(WorkloadOptions options) : options_(std::move(options)) {
  const int pii = static_cast<int>(std::lround(kCorpusSize * options_.pii_share));
  const int trigger = static_cast<int>(std::lround(kCorpusSize * options_.trigger_share));
  corpus_.reserve(kCorpusSize);
  corpus_truth_.resize(kCorpusSize);
  for (int j = 0; j < kCorpusSize; ++j)
    corpus_.push_back(MixedText(options_.seed, j, j < pii, j >= pii && j < pii + trigger, &corpus_truth_[j]));
}

void MixedWorkload::Fill(const PlannedSend& send, Action* action, ActionTruth* truth) const {
  ResetCommon(options_, send, action);
  const uint64_t h = Mix64(Mix64(options_.seed ^ Mix64(send.agent)) ^ send.agent_seq);
  const uint64_t h2 = Mix64(h);
  size_t j = (h >> 8) % corpus_.size();
  uint32_t trace = static_cast<uint32_t>(h2 >> 32);
  action->type = PickType(h, kTypeWeights);
  const InjectedAnomaly* anomaly = nullptr;
  size_t index = 0;
  for (; index < options_.anomalies.size(); ++index) {
    const InjectedAnomaly& a = options_.anomalies[index];
    if (!a.Covers(send.agent, send.intended_ns)) continue;
    anomaly = &a;
    if (a.kind == AnomalyKind::kSequenceSwitch)
      action->type = kSwitchedTypes[send.agent_seq % kSwitchedTypes.size()];
    if (a.kind == AnomalyKind::kCohortDrift) action->type = PickType(h, kDriftedTypeWeights);
    if (a.kind == AnomalyKind::kCoordinatedPayload) {
      // One payload for the whole episode: its text and trace token follow
      // from the seed and the onset, not from the agent or the action.
      const uint64_t e = Mix64(options_.seed ^ Mix64(static_cast<uint64_t>(a.onset_ns)));
      j = (e >> 8) % corpus_.size();
      trace = static_cast<uint32_t>(Mix64(e) >> 32);
    }
    break;
  }
  *truth = corpus_truth_[j];
  if (anomaly != nullptr) {
    truth->anomaly = anomaly->kind;
    truth->anomaly_index = static_cast<uint8_t>(index);
    truth->anomaly_onset_ns = anomaly->onset_ns;
  }
  action->text.assign(corpus_[j]);
  AppendTraceToken(trace, &action->text);
  if (options_.include_pii_test && send.agent_seq % 10 == 0) {
    AppendPiiTest(action, truth);
    if (truth->category == ViolationCategory::kNone) truth->category = ViolationCategory::kPrivacy;
  }
  // An upstream classifier's score, consistent with the text: clean texts
  // [0, 0.3), texts with PII [0.3, 0.7), texts tripping a detector [0.6, 1).
  // The rule view (rule_risk_score, rule_classification) is left to the
  // engine: its own risk and decision.
  const double u = UnitInterval(h2);
  const ViolationCategory c = truth->category;
  SetMlScore(c == ViolationCategory::kNone      ? 0.3 * u
             : c == ViolationCategory::kPrivacy ? 0.3 + 0.4 * u
                                                : 0.6 + 0.4 * u,
             action);
  action->rule_risk_score.reset();
  action->rule_classification.reset();
}

void ReplayWorkload::Fill(const PlannedSend& send, Action* action, ActionTruth* truth) const {
  *truth = ActionTruth{};
  *action = actions_[send.index % actions_.size()];
  if (action->agent_id.empty()) FormatAgentId(send.agent, &action->agent_id);
  if (action->action_id.empty()) FormatActionId(action->agent_id, send.agent_seq, &action->action_id);
}

std::vector<std::string> ReplayWorkload::Cohorts() const {
  std::vector<std::string> cohorts;
  for (const Action& a : actions_) {
    if (std::find(cohorts.begin(), cohorts.end(), a.cohort) != cohorts.end()) continue;
    if (cohorts.size() == kMaxCohorts - 1) {
      cohorts.push_back(kOtherCohort);
      break;
    }
    cohorts.push_back(a.cohort);
  }
  return cohorts;
}

}  // namespace nethical::loadgen
