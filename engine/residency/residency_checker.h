// Data residency (docs/original.md §2.1 profiles and §2.3 step 3,
// docs/stages.md "Data residency"): a policy profile with its retention, and
// a cross-border check of each action's region against the engine's region
// and the allowed regions.
//
//   ResidencyChecker checker({.policy = Policy::kEuGdpr, .engine_region = "eu-west-1",
//                             .allowed_regions = {"eu-central-1"}});
//   ResidencyResult r = checker.Check(action.region_id);
//   if (!r.compliant) verdict.reasons.push_back(r.violation);
//
// Profiles (the original's): EU_GDPR (30 days, no cross-border transfer),
// US_CCPA (90 days), AI_ACT (180 days), GLOBAL_DEFAULT (365 days), the last
// three allowing cross-border transfer.
//
// Check(region): the action's region, or the engine's when the action has
// none, is compliant when it is the engine's region, or one of
// allowed_regions, or the profile allows cross-border transfer and no
// allowed_regions are configured (then any region may receive data). Else it
// is non-compliant with a one-line reason. The original compared the
// action's region with itself, so it was always compliant.
//
// Retention is reported (RetentionDays, WithinRetention) but not enforced
// here: nothing in the engine stores action data past the audit log, whose
// retention is a deployment decision (docs/stages.md).
//
// Immutable: thread-safe. Check allocates only for a violation
// (and for a region name longer than the string's inline buffer, 15 bytes).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nethical::residency {

enum class Policy { kEuGdpr, kUsCcpa, kAiAct, kGlobalDefault };
inline constexpr int kPolicyCount = 4;
static_assert(static_cast<int>(Policy::kGlobalDefault) + 1 == kPolicyCount);
std::string_view PolicyName(Policy p);  // "EU_GDPR" | "US_CCPA" | "AI_ACT" | "GLOBAL_DEFAULT"
std::optional<Policy> PolicyFromName(std::string_view name);

struct PolicyProfile {
  int retention_days = 0;
  bool cross_border_allowed = false;
};
PolicyProfile ProfileOf(Policy p);

// A region id the check can compare: 1-64 characters of a-z, 0-9, '-' and
// '_' (the engine's region and each allowed region).
bool IsRegionId(std::string_view region);
inline constexpr std::string_view kRegionIdForm = "1-64 characters of a-z, 0-9, '-' and '_'";

struct Config {
  // NETHICAL_DATA_RESIDENCY_POLICY (the config layer runs no check when it
  // is empty, the original's default, None).
  Policy policy = Policy::kGlobalDefault;
  // NETHICAL_REGION_ID: where this engine runs and keeps its data.
  std::string engine_region;
  // NETHICAL_ALLOWED_REGIONS (comma-separated): regions that may also
  // receive data, whatever the profile says about cross-border transfer.
  std::vector<std::string> allowed_regions;
};

// NETHICAL_ALLOWED_REGIONS' value as a list: split at commas, spaces around
// each name trimmed, empty names dropped ("eu-west-1, eu-central-1").
std::vector<std::string> SplitRegionList(std::string_view comma_separated);

struct ResidencyResult {
  bool compliant = true;
  std::string region;  // the region checked (the engine's if the action had none)
  Policy policy = Policy::kGlobalDefault;
  std::string violation;  // one line; empty when compliant
};

class ResidencyChecker {
 public:
  // REQUIRES: IsRegionId of config.engine_region and of each allowed region
  // (the config layer checks NETHICAL_REGION_ID and NETHICAL_ALLOWED_REGIONS
  // when a policy is set: engine/config/config_validation.h).
  explicit ResidencyChecker(Config config) : config_(std::move(config)) {}

  ResidencyResult Check(std::string_view action_region) const;

  Policy policy() const { return config_.policy; }
  int RetentionDays() const { return ProfileOf(config_.policy).retention_days; }
  bool WithinRetention(int64_t age_seconds) const { return age_seconds <= int64_t{RetentionDays()} * 86400; }

 private:
  const Config config_;
};

}  // namespace nethical::residency
