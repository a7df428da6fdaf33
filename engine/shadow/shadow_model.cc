#include "engine/shadow/shadow_model.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "engine/base/shown_value.h"

namespace nethical::shadow {
namespace {

constexpr double kHeuristicWeights[kShadowFeatureCount] = {0.3, 0.25, 0.2, 0.15, 0.1};
constexpr std::string_view kLogisticFormat = "nethical-logistic-v1";

std::string_view Trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

std::string Where(std::string_view source, int line) {
  return std::string(source) + ":" + std::to_string(line) + ": ";
}

}  // namespace

uint8_t ShadowFeatureVector(const ShadowInput& in, double (&out)[kShadowFeatureCount]) {
  const std::optional<double>* features[kShadowFeatureCount] = {&in.violation_count, &in.severity_max,
                                                                &in.recency, &in.frequency, &in.context_risk};
  uint8_t present = 0;
  for (int i = 0; i < kShadowFeatureCount; ++i) {
    const std::optional<double>& f = *features[i];
    if (f.has_value() && std::isfinite(*f)) {
      out[i] = std::clamp(*f, 0.0, 1.0);
      present |= static_cast<uint8_t>(1u << i);
    } else {
      out[i] = 0.0;
    }
  }
  return present;
}

ModelScore HeuristicModel::ScoreFeatures(const double (&x)[kShadowFeatureCount], uint8_t mask) const {
  const int present = std::popcount(mask);
  double s = 0.0;
  for (int i = 0; i < kShadowFeatureCount; ++i) s += kHeuristicWeights[i] * x[i];
  return {1.0 - std::exp(-2.0 * s), 0.8 * present / kShadowFeatureCount};
}

ModelScore LogisticModel::ScoreFeatures(const double (&x)[kShadowFeatureCount], uint8_t mask) const {
  const int present = std::popcount(mask);
  double z = bias_;
  for (int i = 0; i < kShadowFeatureCount; ++i) z += weights_[i] * x[i];
  const double p = 1.0 / (1.0 + std::exp(-z));
  return {p, static_cast<double>(present) / kShadowFeatureCount * std::max(p, 1.0 - p)};
}

StatusOr<LogisticModel> LogisticModel::Parse(std::string_view text, std::string_view source) {
  bool seen_format = false;
  bool seen[kShadowFeatureCount + 1] = {};  // features, then bias
  double values[kShadowFeatureCount + 1] = {};
  int line_no = 0;
  while (!text.empty()) {
    ++line_no;
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = Trim(line);
    if (line.empty()) continue;

    const size_t sep = line.find_first_of(" \t");
    if (sep == std::string_view::npos)
      return InvalidArgument(Where(source, line_no) + "expected 'key value', got '" + std::string(line) +
                             "'");
    const std::string_view key = line.substr(0, sep);
    const std::string_view value = Trim(line.substr(sep));

    if (!seen_format) {
      if (key != "format" || value != kLogisticFormat)
        return InvalidArgument(Where(source, line_no) + "the first entry must be 'format " +
                               std::string(kLogisticFormat) + "'");
      seen_format = true;
      continue;
    }

    int index = -1;
    if (key == "bias") index = kShadowFeatureCount;
    for (int i = 0; i < kShadowFeatureCount; ++i)
      if (key == kShadowFeatureNames[i]) index = i;
    if (index < 0)
      return InvalidArgument(Where(source, line_no) + "unknown key '" + std::string(key) +
                             "' (allowed: bias, violation_count, severity_max, recency, "
                             "frequency, context_risk)");
    if (seen[index])
      return InvalidArgument(Where(source, line_no) + "duplicate key '" + std::string(key) + "'");

    double v = 0.0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(v))
      return InvalidArgument(Where(source, line_no) + "value of '" + std::string(key) + "' is '" +
                             std::string(value) + "': must be a finite decimal number");
    seen[index] = true;
    values[index] = v;
  }
  if (!seen_format)
    return InvalidArgument(std::string(source) + ": empty model file (expected 'format " +
                           std::string(kLogisticFormat) + "' and six weights)");
  for (int i = 0; i <= kShadowFeatureCount; ++i) {
    if (!seen[i]) {
      const std::string_view name = i == kShadowFeatureCount ? "bias" : kShadowFeatureNames[i];
      return InvalidArgument(std::string(source) + ": missing key '" + std::string(name) + "'");
    }
  }
  std::array<double, kShadowFeatureCount> weights;
  std::copy(values, values + kShadowFeatureCount, weights.begin());
  return LogisticModel(values[kShadowFeatureCount], weights);
}

StatusOr<LogisticModel> LogisticModel::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("shadow model file " + ShownPath(path) + ": cannot open the file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return IoError("shadow model file " + ShownPath(path) + ": read failed");
  return Parse(text.str(), path);
}

}  // namespace nethical::shadow
