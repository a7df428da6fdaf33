#include "engine/residency/residency_checker.h"

#include <algorithm>
#include <array>

#include "engine/base/shown_value.h"

namespace nethical::residency {
namespace {

constexpr std::array<std::string_view, kPolicyCount> kNames = {"EU_GDPR", "US_CCPA", "AI_ACT",
                                                               "GLOBAL_DEFAULT"};
static_assert(!kNames.back().empty(), "a name for every Policy");
constexpr std::array<PolicyProfile, kPolicyCount> kProfiles = {
    {{30, false}, {90, true}, {180, true}, {365, true}}};

std::string AllowedList(const std::vector<std::string>& regions) {
  std::string out;
  for (const auto& r : regions) out += (out.empty() ? "" : ", ") + r;
  return out;
}

}  // namespace

std::string_view PolicyName(Policy p) { return kNames[static_cast<int>(p)]; }

std::optional<Policy> PolicyFromName(std::string_view name) {
  for (int i = 0; i < kPolicyCount; ++i)
    if (kNames[i] == name) return static_cast<Policy>(i);
  return std::nullopt;
}

PolicyProfile ProfileOf(Policy p) { return kProfiles[static_cast<int>(p)]; }

bool IsRegionId(std::string_view r) {
  return !r.empty() && r.size() <= 64 && std::all_of(r.begin(), r.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

std::vector<std::string> SplitRegionList(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
  }
  return out;
}

ResidencyResult ResidencyChecker::Check(std::string_view action_region) const {
  ResidencyResult r;
  r.policy = config_.policy;
  r.region = action_region.empty() ? std::string_view(config_.engine_region) : action_region;
  const std::string_view region = r.region;
  if (region == config_.engine_region) return r;
  const auto& allowed = config_.allowed_regions;
  if (std::find(allowed.begin(), allowed.end(), region) != allowed.end()) return r;
  if (ProfileOf(config_.policy).cross_border_allowed && allowed.empty()) return r;
  r.compliant = false;
  r.violation = "data residency: transfer from " + config_.engine_region + " to " + ShownValue(region) +
                (allowed.empty() ? " is cross-border, which " + std::string(PolicyName(config_.policy)) +
                                       " does not allow"
                                 : " is not allowed by " + std::string(PolicyName(config_.policy)) +
                                       " (allowed regions: " + AllowedList(allowed) + ")");
  return r;
}

}  // namespace nethical::residency
