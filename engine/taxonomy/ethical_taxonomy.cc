#include "engine/taxonomy/ethical_taxonomy.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "engine/base/shown_value.h"
#include "engine/base/string_map.h"

namespace nethical::taxonomy {
namespace {

constexpr std::string_view kFormat = "nethical-ethics-taxonomy-v1";
constexpr std::string_view kShipped =
#include "engine/taxonomy/ethics_taxonomy.inc"
    ;
constexpr std::array<std::string_view, 4> kContextFlags = {"sensitive", "personal_data", "automated",
                                                           "is_privileged"};
constexpr std::array<std::string_view, kDimensionCount> kDimensionNames = {"privacy", "manipulation",
                                                                           "fairness", "safety"};
static_assert(!kDimensionNames.back().empty(), "a name for every Dimension");

using Json = nlohmann::json;
using Scores = std::array<double, kDimensionCount>;

// "line L, column C" of byte offset `byte` (1-based, as nlohmann reports it).
std::string LineColumn(std::string_view text, size_t byte) {
  size_t line = 1, column = 1;
  for (size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

std::string Allowed(const auto& names) {
  std::string out;
  for (std::string_view n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

// Reads {dimension: number} at `where` into *out; numbers in [lo, hi].
Status ReadDimensionScores(const Json& obj, const std::string& where, double lo, double hi, Scores* out) {
  if (!obj.is_object()) return InvalidArgument(where + ": must be an object of dimension -> number");
  for (const auto& [name, value] : obj.items()) {
    const std::string at = where + "." + name;
    const auto d = DimensionFromName(name);
    if (!d) return InvalidArgument(at + ": unknown dimension (allowed: " + Allowed(kDimensionNames) + ")");
    if (!value.is_number()) return InvalidArgument(at + ": must be a number");
    const double v = value.get<double>();
    if (!std::isfinite(v) || v < lo || v > hi)
      return InvalidArgument(at + ": " + ShownValue(value.dump()) + " is outside [" +
                             ShownValue(Json(lo).dump()) + ", " + ShownValue(Json(hi).dump()) + "]");
    (*out)[static_cast<int>(*d)] = v;
  }
  return Status::Ok();
}

}  // namespace

std::string_view DimensionName(Dimension d) { return kDimensionNames[static_cast<int>(d)]; }

std::optional<Dimension> DimensionFromName(std::string_view name) {
  for (int i = 0; i < kDimensionCount; ++i)
    if (kDimensionNames[i] == name) return static_cast<Dimension>(i);
  return std::nullopt;
}

bool EthicalTags::empty() const {
  return std::none_of(scores.begin(), scores.end(), [](double s) { return s > 0; });
}

struct EthicalTaxonomy::Mappings {
  StringMap<Scores> by_type;
};

EthicalTaxonomy::EthicalTaxonomy() : mappings_(std::make_unique<Mappings>()) {}
EthicalTaxonomy::~EthicalTaxonomy() = default;

std::string_view EthicalTaxonomy::ShippedJson() { return kShipped; }

StatusOr<std::unique_ptr<EthicalTaxonomy>> EthicalTaxonomy::Load(const Config& config,
                                                                 std::string_view label) {
  if (config.path.empty()) return Parse(kShipped, "engine/taxonomy/ethics_taxonomy.json (shipped)");
  const std::string source = label.empty() ? "taxonomy file " + ShownPath(config.path) : std::string(label);
  std::ifstream in(config.path, std::ios::binary);
  if (!in) return NotFound(source + ": cannot open the file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return IoError(source + ": read failed");
  return Parse(text.str(), source);
}

StatusOr<std::unique_ptr<EthicalTaxonomy>> EthicalTaxonomy::Parse(std::string_view text,
                                                                  std::string_view source) {
  const std::string where(source);
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::parse_error& e) {
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error ..." ->
    // keep what follows the location.
    if (const size_t colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    return InvalidArgument(where + ": invalid JSON at " + LineColumn(text, e.byte) + ": " + what);
  }
  if (!doc.is_object()) return InvalidArgument(where + ": the top level must be a JSON object");
  const auto format = doc.find("format");
  if (format == doc.end() || !format->is_string() || format->get<std::string>() != kFormat)
    return InvalidArgument(where + ": \"format\" must be \"" + std::string(kFormat) + "\"");

  std::unique_ptr<EthicalTaxonomy> t(new EthicalTaxonomy());

  const auto dims = doc.find("dimensions");
  if (dims == doc.end() || !dims->is_object())
    return InvalidArgument(where + ": \"dimensions\" must be an object with " + Allowed(kDimensionNames));
  for (int i = 0; i < kDimensionCount; ++i) {
    const std::string at = where + ": dimensions." + std::string(kDimensionNames[i]);
    const auto d = dims->find(std::string(kDimensionNames[i]));
    if (d == dims->end()) return InvalidArgument(at + ": missing");
    const auto m = d->is_object() ? d->find("severity_multiplier") : d->end();
    if (!d->is_object() || m == d->end() || !m->is_number() || !(m->get<double>() > 0) ||
        !std::isfinite(m->get<double>()))
      return InvalidArgument(at + ".severity_multiplier: must be a number > 0");
    t->multipliers_[i] = m->get<double>();
  }
  for (const auto& [name, unused] : dims->items())
    if (!DimensionFromName(name))
      return InvalidArgument(where + ": dimensions." + name +
                             ": unknown dimension (allowed: " + Allowed(kDimensionNames) + ")");

  const auto maps = doc.find("mappings");
  if (maps == doc.end() || !maps->is_object() || maps->empty())
    return InvalidArgument(where + ": \"mappings\" must be a non-empty object of violation type -> weights");
  for (const auto& [type, weights] : maps->items()) {
    Scores s{};
    if (Status st = ReadDimensionScores(weights, where + ": mappings." + type, 0.0, 1.0, &s); !st.ok())
      return st;
    t->mappings_->by_type.emplace(type, s);
  }

  if (const auto adj = doc.find("context_adjustments"); adj != doc.end()) {
    if (!adj->is_object()) return InvalidArgument(where + ": \"context_adjustments\" must be an object");
    for (const auto& [flag, scores] : adj->items()) {
      const auto it = std::find(kContextFlags.begin(), kContextFlags.end(), flag);
      if (it == kContextFlags.end())
        return InvalidArgument(where + ": context_adjustments." + flag +
                               ": unknown context flag (allowed: " + Allowed(kContextFlags) + ")");
      if (Status st = ReadDimensionScores(scores, where + ": context_adjustments." + flag, -1.0, 1.0,
                                          &t->adjustments_[it - kContextFlags.begin()]);
          !st.ok())
        return st;
    }
  }

  if (const auto rules = doc.find("aggregation_rules"); rules != doc.end()) {
    const auto th = rules->is_object() ? rules->find("primary_dimension_threshold") : rules->end();
    if (rules->is_object() && th != rules->end()) {
      if (!th->is_number() || !(th->get<double>() > 0 && th->get<double>() <= 1))
        return InvalidArgument(where +
                               ": aggregation_rules.primary_dimension_threshold: must be a number in (0, 1]");
      t->primary_threshold_ = th->get<double>();
    } else if (!rules->is_object()) {
      return InvalidArgument(where + ": \"aggregation_rules\" must be an object");
    }
  }
  return t;
}

EthicalTags EthicalTaxonomy::Tag(std::string_view violation_type, const TagContext& context) const {
  EthicalTags tags;
  if (auto it = mappings_->by_type.find(violation_type); it != mappings_->by_type.end())
    tags.scores = it->second;
  const std::array<bool, 4> flags = {context.sensitive, context.personal_data, context.automated,
                                     context.is_privileged};
  for (int f = 0; f < 4; ++f)
    if (flags[f])
      for (int d = 0; d < kDimensionCount; ++d) tags.scores[d] += adjustments_[f][d];
  int best = 0;
  for (int d = 0; d < kDimensionCount; ++d) {
    tags.scores[d] = std::clamp(tags.scores[d], 0.0, 1.0);
    if (tags.scores[d] > tags.scores[best]) best = d;
  }
  if (tags.scores[best] >= primary_threshold_) tags.primary = static_cast<Dimension>(best);
  return tags;
}

std::vector<std::string> EthicalTaxonomy::MappedTypes() const {
  std::vector<std::string> out;
  for (const auto& [type, unused] : mappings_->by_type) out.push_back(type);
  std::sort(out.begin(), out.end());
  return out;
}

bool EthicalTaxonomy::Maps(std::string_view violation_type) const {
  return mappings_->by_type.find(violation_type) != mappings_->by_type.end();
}

}  // namespace nethical::taxonomy
