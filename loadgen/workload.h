// Workloads: what each planned send asks the engine to evaluate. A workload
// is a pure function of (its seed, the send), so a run is reproducible no
// matter how threads interleave. Fill() reuses the Action's buffers: after
// warm-up a worker allocates nothing per action.
//
//   MixedWorkload     (default) seeded mix of action types, texts from tens
//                     of bytes to 4 KiB, a share with PII (the original's
//                     PII types, §4) and a share that trips detectors (§3);
//                     each text ends in a per-action "trace <8 hex>" token,
//                     so an engine's judgment cache cannot turn the run into
//                     a cache benchmark (the original's five texts did, §0.8).
//   SeedCompatWorkload the original's five texts, features and ids exactly (§1.2).
//   ReplayWorkload    actions read from a JSONL file, cycled in order.
//
// Each synthetic action comes with its ground truth (action_truth.h): what
// the generator put in (PII values and where, the detector category the
// text was written to trip, the injected anomaly), filled beside the Action
// so the engine never sees it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/model/action.h"
#include "loadgen/action_truth.h"
#include "loadgen/anomaly_plan.h"
#include "loadgen/schedule.h"

namespace nethical::loadgen {

class Workload {
 public:
  virtual ~Workload() = default;
  // Thread-safe (const). Overwrites every field of *action and *truth.
  virtual void Fill(const PlannedSend& send, Action* action, ActionTruth* truth) const = 0;
  // The same, when the truth is not wanted.
  void Fill(const PlannedSend& send, Action* action) const {
    ActionTruth unused;
    Fill(send, action, &unused);
  }
  // The cohorts Fill() can produce, for per-cohort aggregates: at most
  // kMaxCohorts names; a longer list ends in kOtherCohort, which takes the
  // rest (recorder.h).
  virtual std::vector<std::string> Cohorts() const = 0;
};

inline constexpr size_t kMaxCohorts = 64;
// The cohort slot that takes actions of cohorts not named.
inline constexpr char kOtherCohort[] = "(other)";

struct WorkloadOptions {
  uint64_t seed = 0;
  std::string cohort = "load-test";
  // The original's --include-pii-test: every 10th action of an agent gets
  // " Contact: test.user+load@example.invalid" appended.
  bool include_pii_test = false;
  double pii_share = 0.10;      // MixedWorkload: texts carrying PII
  double trigger_share = 0.05;  // MixedWorkload: texts tripping a detector
  // MixedWorkload: --inject-anomalies (anomaly_plan.h). Sends inside a
  // sequence switch or the cohort drift get its action types, and every
  // send inside an anomaly carries it in its truth.
  AnomalyPlan anomalies;
};

// Writes "agent_0042" (4-digit zero pad, as the original) into *out.
void FormatAgentId(uint32_t agent, std::string* out);
// Writes "<agent_id>_action_17" (e.g. "agent_0042_action_17") into *out.
void FormatActionId(std::string_view agent_id, uint64_t seq, std::string* out);

inline constexpr char kPiiTestSuffix[] = " Contact: test.user+load@example.invalid";

class SeedCompatWorkload final : public Workload {
 public:
  explicit SeedCompatWorkload(WorkloadOptions options) : options_(std::move(options)) {}
  using Workload::Fill;
  // Truth: clean (the five texts trip nothing), plus the email of
  // --include-pii-test where it is appended. Anomalies are not injected.
  void Fill(const PlannedSend& send, Action* action, ActionTruth* truth) const override;
  std::vector<std::string> Cohorts() const override { return {options_.cohort}; }

 private:
  WorkloadOptions options_;
};

class MixedWorkload final : public Workload {
 public:
  // 256 texts (~210 KiB) stay in a core's L2 cache: the copy into the
  // action is most of the generator's per-action cost.
  static constexpr int kCorpusSize = 256;
  explicit MixedWorkload(WorkloadOptions options);
  using Workload::Fill;
  void Fill(const PlannedSend& send, Action* action, ActionTruth* truth) const override;
  std::vector<std::string> Cohorts() const override { return {options_.cohort}; }

  // The precomputed texts and their truths, for tests of the mix.
  const std::vector<std::string>& corpus() const { return corpus_; }
  const std::vector<ActionTruth>& corpus_truth() const { return corpus_truth_; }

 private:
  WorkloadOptions options_;
  std::vector<std::string> corpus_;  // bounded: kCorpusSize texts of <= ~4 KiB
  std::vector<ActionTruth> corpus_truth_;
};

class ReplayWorkload final : public Workload {
 public:
  // REQUIRES: !actions.empty(). The k-th send replays actions[k % size]; its
  // agent_id and action_id are kept when set, else made as in the synthetic
  // workloads ("agent_0003", "<agent_id>_action_<n>").
  explicit ReplayWorkload(std::vector<Action> actions) : actions_(std::move(actions)) {}
  using Workload::Fill;
  // Truth: unknown (truth->known is false).
  void Fill(const PlannedSend& send, Action* action, ActionTruth* truth) const override;
  // The file's distinct cohorts in order of first appearance.
  std::vector<std::string> Cohorts() const override;

 private:
  std::vector<Action> actions_;
};

}  // namespace nethical::loadgen
