// The ML shadow's scoring models. Both map a ShadowInput to a risk score in
// [0, 1] and a confidence in [0, 1]; both are immutable after construction,
// so any number of threads may score concurrently.
//
//   HeuristicModel: the original's model (§7.2):
//     s = 0.3 vc + 0.25 sev + 0.2 rec + 0.15 freq + 0.1 ctx;  score = 1 - exp(-2 s)
//     confidence = 0.8 * (features present) / 5
//   LogisticModel: score = 1 / (1 + exp(-(bias + sum w_i x_i))), weights from
//     a small text file (format below);
//     confidence = (features present) / 5 * max(score, 1 - score)
//
// Logistic weights file (UTF-8 text, one "key value" pair per line, '#'
// starts a comment, blank lines ignored). The first pair must be
// "format nethical-logistic-v1"; then each of bias, violation_count,
// severity_max, recency, frequency, context_risk exactly once, each a finite
// decimal number. engine/shadow/logistic_example.model is an example.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>

#include "engine/base/status.h"
#include "engine/shadow/shadow_input.h"

namespace nethical::shadow {

struct ModelScore {
  double score = 0.0;
  double confidence = 0.0;
};

class ScoringModel {
 public:
  virtual ~ScoringModel() = default;
  ModelScore Score(const ShadowInput& in) const {
    double x[kShadowFeatureCount];
    const uint8_t present = ShadowFeatureVector(in, x);
    return ScoreFeatures(x, present);
  }
  // `x` as ShadowFeatureVector fills it, `present` its mask.
  virtual ModelScore ScoreFeatures(const double (&x)[kShadowFeatureCount], uint8_t present) const = 0;
  virtual std::string_view Name() const = 0;  // "heuristic" | "logistic"
};

class HeuristicModel final : public ScoringModel {
 public:
  ModelScore ScoreFeatures(const double (&x)[kShadowFeatureCount], uint8_t present) const override;
  std::string_view Name() const override { return "heuristic"; }
};

class LogisticModel final : public ScoringModel {
 public:
  // Parses the weights file format above. `source` names the text in errors
  // (a path, or "<string>").
  static StatusOr<LogisticModel> Parse(std::string_view text, std::string_view source);
  // Reads and parses `path`; kNotFound/kIoError if it cannot be read.
  static StatusOr<LogisticModel> Load(const std::string& path);

  ModelScore ScoreFeatures(const double (&x)[kShadowFeatureCount], uint8_t present) const override;
  std::string_view Name() const override { return "logistic"; }

  double bias() const { return bias_; }
  const std::array<double, kShadowFeatureCount>& weights() const { return weights_; }

 private:
  LogisticModel(double bias, std::array<double, kShadowFeatureCount> weights)
      : bias_(bias), weights_(weights) {}

  double bias_;
  std::array<double, kShadowFeatureCount> weights_;
};

}  // namespace nethical::shadow
