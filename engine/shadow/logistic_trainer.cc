#include "engine/shadow/logistic_trainer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

namespace nethical::shadow {
namespace {

double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

std::string Shortest(double v) {
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

}  // namespace

void LogisticTrainer::Add(const std::array<double, kShadowFeatureCount>& features, bool deny) {
  std::array<double, kShadowFeatureCount> x;
  for (int i = 0; i < kShadowFeatureCount; ++i)
    x[i] = std::isfinite(features[i]) ? std::clamp(features[i], 0.0, 1.0) : 0.0;
  Counts& c = rows_[x];
  ++c.total;
  c.positive += deny;
  ++examples_;
}

StatusOr<TrainedLogistic> LogisticTrainer::Train(const TrainOptions& o) const {
  if (examples_ == 0) return InvalidArgument("no training examples");
  if (o.epochs < 1 || o.epochs > 1'000'000)
    return InvalidArgument("--epochs=" + std::to_string(o.epochs) + ": must be in [1, 1000000]");
  if (!(o.learning_rate > 0 && o.learning_rate <= 100))
    return InvalidArgument("--learning-rate=" + Shortest(o.learning_rate) + ": must be in (0, 100]");
  if (!(o.l2 >= 0 && o.l2 <= 100)) return InvalidArgument("--l2=" + Shortest(o.l2) + ": must be in [0, 100]");

  struct Row {
    std::array<double, kShadowFeatureCount> x;
    double total;
    double positive;
  };
  std::vector<Row> rows;
  rows.reserve(rows_.size());
  uint64_t positives = 0;
  for (const auto& [x, c] : rows_) {
    rows.push_back({x, static_cast<double>(c.total), static_cast<double>(c.positive)});
    positives += c.positive;
  }
  const double n = static_cast<double>(examples_);

  TrainedLogistic t;
  t.options = o;
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    // Gradient of the mean log loss: sum over rows of (total * p - positive) * x / n.
    double grad_bias = 0.0;
    std::array<double, kShadowFeatureCount> grad{};
    for (const Row& r : rows) {
      double z = t.bias;
      for (int i = 0; i < kShadowFeatureCount; ++i) z += t.weights[i] * r.x[i];
      const double residual = r.total * Sigmoid(z) - r.positive;
      grad_bias += residual;
      for (int i = 0; i < kShadowFeatureCount; ++i) grad[i] += residual * r.x[i];
    }
    t.bias -= o.learning_rate * grad_bias / n;
    for (int i = 0; i < kShadowFeatureCount; ++i)
      t.weights[i] -= o.learning_rate * (grad[i] / n + o.l2 * t.weights[i]);
  }

  double loss = 0.0;
  for (const Row& r : rows) {
    double z = t.bias;
    for (int i = 0; i < kShadowFeatureCount; ++i) z += t.weights[i] * r.x[i];
    const double p = std::clamp(Sigmoid(z), 1e-15, 1.0 - 1e-15);
    loss -= r.positive * std::log(p) + (r.total - r.positive) * std::log(1.0 - p);
  }
  t.log_loss = loss / n;
  t.examples = examples_;
  t.positives = positives;
  t.distinct_vectors = rows.size();
  return t;
}

std::string FormatLogisticModel(const TrainedLogistic& t, std::string_view comment) {
  std::string out;
  while (!comment.empty()) {
    const size_t nl = comment.find('\n');
    out += "# ";
    out += comment.substr(0, nl);
    out += "\n";
    comment = nl == std::string_view::npos ? std::string_view() : comment.substr(nl + 1);
  }
  out += "# logistic regression, positive = rule decision deny; full-batch gradient descent\n";
  out += "# from zero weights: epochs " + std::to_string(t.options.epochs) + ", learning rate " +
         Shortest(t.options.learning_rate) + ", l2 " + Shortest(t.options.l2) + "\n";
  out += "# examples " + std::to_string(t.examples) + " (deny " + std::to_string(t.positives) +
         "), distinct feature vectors " + std::to_string(t.distinct_vectors) + ", training log loss " +
         Shortest(t.log_loss) + "\n";
  out += "format nethical-logistic-v1\n";
  out += "bias " + Shortest(t.bias) + "\n";
  for (int i = 0; i < kShadowFeatureCount; ++i)
    out += std::string(kShadowFeatureNames[i]) + " " + Shortest(t.weights[i]) + "\n";
  return out;
}

}  // namespace nethical::shadow
