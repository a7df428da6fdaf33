// The ethical taxonomy (docs/original.md §7.5, docs/stages.md "Ethical
// taxonomy"): tags a violation with scores on four dimensions (privacy,
// manipulation, fairness, safety) and a primary dimension.
//
//   auto taxonomy = EthicalTaxonomy::Load(config);   // config.path "" = the shipped file
//   if (!taxonomy.ok()) { print(taxonomy.status().message()); exit(2); }
//   EthicalTags tags = (*taxonomy)->Tag(violation.type, {.personal_data = true});
//   if (tags.primary) use(DimensionName(*tags.primary), tags.score(*tags.primary));
//
// The taxonomy is data: engine/taxonomy/ethics_taxonomy.json (compiled into
// the library, so the default needs no file at run time) or the file at
// config.path. It holds each dimension's severity multiplier (privacy 1.2,
// manipulation 1.0, fairness 1.1, safety 1.5), a mapping from violation type
// to per-dimension weights, context adjustments and the primary-dimension
// threshold (0.6). A malformed file is refused with one line naming the file,
// where (line:column, or the JSON path of the bad member) and what is wrong.
//
// Tag(type, context): the type's weights, plus each set context flag's
// adjustment (sensitive +0.2 privacy, personal_data +0.3 privacy, automated
// +0.1 fairness, is_privileged +0.2 safety, as shipped), each clamped to
// [0, 1]. A dimension is tagged when its score is > 0. The primary dimension
// is the highest score if it is >= the threshold (ties: the first in
// Dimension order). An unknown type gets only the context adjustments, as in
// the original; the shipped file maps every type engine/detect emits, so
// detector violations are never left untagged (the original's defect: its
// detector types were not mapping keys). MappedTypes() lists the keys.
//
// Thread-safe after Load (immutable). Tag allocates nothing: one hash lookup
// and a few additions.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"

namespace nethical::taxonomy {

enum class Dimension { kPrivacy, kManipulation, kFairness, kSafety };
inline constexpr int kDimensionCount = 4;
static_assert(static_cast<int>(Dimension::kSafety) + 1 == kDimensionCount);
std::string_view DimensionName(Dimension d);  // "privacy" | "manipulation" | "fairness" | "safety"
std::optional<Dimension> DimensionFromName(std::string_view name);

struct Config {
  // NETHICAL_TAXONOMY_PATH: a taxonomy JSON file; empty means the shipped
  // engine/taxonomy/ethics_taxonomy.json (compiled in). The original reads
  // taxonomies/ethics_taxonomy.json relative to the working directory and
  // silently uses an empty taxonomy when it is missing; a missing or
  // malformed file here is an error.
  std::string path;
};

// The action's context flags that adjust scores (the original's context dict).
struct TagContext {
  bool sensitive = false;
  bool personal_data = false;
  bool automated = false;
  bool is_privileged = false;
};

struct EthicalTags {
  std::array<double, kDimensionCount> scores{};  // 0..1 per Dimension; 0 = not tagged
  std::optional<Dimension> primary;

  double score(Dimension d) const { return scores[static_cast<int>(d)]; }
  bool tagged(Dimension d) const { return score(d) > 0; }
  bool empty() const;  // no dimension tagged
};

class EthicalTaxonomy {
 public:
  // The shipped taxonomy if config.path is empty, else the file's.
  // NotFound / IoError when the file cannot be read, InvalidArgument when it
  // is malformed; each a single line that starts with `label`, by default
  // "taxonomy file <path>" (the config layer passes the key and its value).
  static StatusOr<std::unique_ptr<EthicalTaxonomy>> Load(const Config& config, std::string_view label = {});
  // Parses taxonomy JSON; `source` names it in errors.
  static StatusOr<std::unique_ptr<EthicalTaxonomy>> Parse(std::string_view json, std::string_view source);
  // The shipped file's text.
  static std::string_view ShippedJson();

  ~EthicalTaxonomy();

  EthicalTags Tag(std::string_view violation_type, const TagContext& context = {}) const;

  double SeverityMultiplier(Dimension d) const { return multipliers_[static_cast<int>(d)]; }
  double PrimaryThreshold() const { return primary_threshold_; }
  // Every mapping key, sorted.
  std::vector<std::string> MappedTypes() const;
  bool Maps(std::string_view violation_type) const;

 private:
  struct Mappings;
  EthicalTaxonomy();

  std::array<double, kDimensionCount> multipliers_{};
  // Per context flag (TagContext order), the adjustment per dimension.
  std::array<std::array<double, kDimensionCount>, 4> adjustments_{};
  double primary_threshold_ = 0.6;
  std::unique_ptr<Mappings> mappings_;
};

}  // namespace nethical::taxonomy
