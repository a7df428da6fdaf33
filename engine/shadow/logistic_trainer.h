// Training the logistic shadow model (shadow_model.h) from labelled feature
// vectors: deterministic, so the same examples always give the same bytes.
//
//   LogisticTrainer trainer;
//   trainer.Add(features, /*deny=*/true);          // once per verdict
//   StatusOr<TrainedLogistic> t = trainer.Train(TrainOptions{});
//   std::string text = FormatLogisticModel(*t, "trained on ...");
//   LogisticModel::Parse(text, "<string>");       // loads it back exactly
//
// The method (docs/shadow.md "Training"): binary logistic regression,
// positive = the rule decision is deny (warn and pass are negatives), over
// the five features in kShadowFeatureNames order, absent features 0 as when
// scoring. Loss: mean log loss + l2/2 * |w|^2 (the bias is not penalised).
// Full-batch gradient descent from w = 0, bias = 0, for a fixed number of
// epochs at a fixed learning rate. Identical feature vectors are merged into
// one row with counts (kept in a sorted map), so an epoch costs O(distinct
// vectors) and the summation order never depends on the input's order.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "engine/base/status.h"
#include "engine/shadow/shadow_input.h"

namespace nethical::shadow {

struct TrainOptions {
  int epochs = 3000;
  double learning_rate = 1.0;
  double l2 = 1e-4;
};

struct TrainedLogistic {
  double bias = 0.0;
  std::array<double, kShadowFeatureCount> weights{};
  uint64_t examples = 0;
  uint64_t positives = 0;
  size_t distinct_vectors = 0;
  double log_loss = 0.0;  // mean log loss on the training set (without l2)
  TrainOptions options;
};

class LogisticTrainer {
 public:
  // `features` in kShadowFeatureNames order, each clamped to [0, 1].
  void Add(const std::array<double, kShadowFeatureCount>& features, bool deny);
  uint64_t examples() const { return examples_; }

  // InvalidArgument if there are no examples, or an option is out of range
  // (epochs in [1, 10^6], learning rate in (0, 100], l2 in [0, 100]).
  StatusOr<TrainedLogistic> Train(const TrainOptions& options) const;

 private:
  struct Counts {
    uint64_t total = 0;
    uint64_t positive = 0;
  };
  std::map<std::array<double, kShadowFeatureCount>, Counts> rows_;
  uint64_t examples_ = 0;
};

// The weights in the logistic model file format (shadow_model.h), after
// '#' comment lines: `comment` (each of its lines prefixed) and the training
// summary. Numbers are printed so that they parse back to the same doubles.
std::string FormatLogisticModel(const TrainedLogistic& t, std::string_view comment);

}  // namespace nethical::shadow
