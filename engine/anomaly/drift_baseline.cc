#include "engine/anomaly/drift_baseline.h"

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/base/shown_value.h"

namespace nethical::anomaly {
namespace {

constexpr std::string_view kFormat = "nethical-drift-baseline-v1";
constexpr std::string_view kDefaultCohort = "*";

}  // namespace

StatusOr<DriftBaselines> DriftBaselines::Parse(std::string_view text, std::string_view source) {
  const std::string where = std::string(source) + ": ";
  const nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return InvalidArgument(where + "not valid JSON");
  if (!doc.is_object()) return InvalidArgument(where + "expected a JSON object");
  const auto format = doc.find("format");
  if (format == doc.end() || !format->is_string() || format->get_ref<const std::string&>() != kFormat)
    return InvalidArgument(where + "\"format\" must be \"" + std::string(kFormat) + "\"");
  const auto cohorts = doc.find("cohorts");
  if (cohorts == doc.end() || !cohorts->is_object() || cohorts->empty())
    return InvalidArgument(where + "\"cohorts\" must be a non-empty object of cohort -> 10 counts");

  DriftBaselines out;
  for (const auto& [name, counts] : cohorts->items()) {
    const std::string what = where + "cohort \"" + name + "\": ";
    if (!counts.is_array() || counts.size() != kRiskBins)
      return InvalidArgument(what + "expected an array of " + std::to_string(kRiskBins) + " numbers");
    RiskHistogram h{};
    double total = 0.0;
    for (int i = 0; i < kRiskBins; ++i) {
      const nlohmann::json& v = counts[i];
      if (!v.is_number()) return InvalidArgument(what + "bin " + std::to_string(i) + " is not a number");
      const double d = v.get<double>();
      if (!std::isfinite(d) || d < 0)
        return InvalidArgument(what + "bin " + std::to_string(i) + " must be finite and >= 0");
      h[i] = d;
      total += d;
    }
    if (total <= 0) return InvalidArgument(what + "all bins are 0");
    out.by_cohort_.emplace(name, h);
  }
  return out;
}

StatusOr<DriftBaselines> DriftBaselines::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("drift baseline file " + ShownPath(path) + ": cannot open the file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return IoError("drift baseline file " + ShownPath(path) + ": read failed");
  return Parse(text.str(), path);
}

std::optional<RiskHistogram> DriftBaselines::For(std::string_view cohort) const {
  if (auto it = by_cohort_.find(cohort); it != by_cohort_.end()) return it->second;
  if (auto it = by_cohort_.find(kDefaultCohort); it != by_cohort_.end()) return it->second;
  return std::nullopt;
}

}  // namespace nethical::anomaly
