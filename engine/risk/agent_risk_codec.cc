#include "engine/risk/agent_risk_codec.h"

#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <tuple>
#include <vector>

namespace nethical::risk {
namespace {

// score, last_update_ns, last_violation_ns, has_update, has_violation,
// actions, violating_actions, tier, tier_change_count, tier_change_next,
// recent_violations, then the 10 tier change times.
constexpr size_t kFields = 11 + std::tuple_size_v<decltype(AgentRisk::tier_changes_ns)>;

std::vector<std::string_view> Fields(std::string_view text) {
  std::vector<std::string_view> f;
  for (size_t at = 0; at <= text.size();) {
    size_t sp = text.find(' ', at);
    if (sp == std::string_view::npos) sp = text.size();
    f.push_back(text.substr(at, sp - at));
    at = sp + 1;
  }
  return f;
}

std::string Hex(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%a", v);
  return buf;
}

// A double written by Hex, in [0, 1].
bool Unit(std::string_view text, double* out) {
  if (text.empty() || text.size() > 40) return false;
  const std::string s(text);
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v) || v < 0 || v > 1) return false;
  *out = v;
  return true;
}

template <typename T>
bool Int(std::string_view text, T min, T max, T* out) {
  T v{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max) return false;
  *out = v;
  return true;
}

}  // namespace

std::string EncodeAgentRisk(const AgentRisk& s) {
  std::string out = Hex(s.score);
  auto add = [&](long long v) {
    out.push_back(' ');
    out += std::to_string(v);
  };
  add(s.last_update_ns);
  add(s.last_violation_ns);
  add(s.has_update);
  add(s.has_violation);
  out.push_back(' ');
  out += std::to_string(s.actions);
  out.push_back(' ');
  out += std::to_string(s.violating_actions);
  add(static_cast<int>(s.tier));
  add(s.tier_change_count);
  add(s.tier_change_next);
  add(s.recent_violations);
  for (int64_t t : s.tier_changes_ns) add(t);
  return out;
}

bool DecodeAgentRisk(std::string_view text, AgentRisk* s) {
  const std::vector<std::string_view> f = Fields(text);
  if (f.size() != kFields || !Unit(f[0], &s->score)) return false;
  constexpr int64_t kMax = INT64_MAX;
  int tier = 0, has_update = 0, has_violation = 0;
  uint8_t count = 0, next = 0;
  const size_t ring = s->tier_changes_ns.size();
  if (!Int<int64_t>(f[1], INT64_MIN, kMax, &s->last_update_ns) ||
      !Int<int64_t>(f[2], INT64_MIN, kMax, &s->last_violation_ns) || !Int(f[3], 0, 1, &has_update) ||
      !Int(f[4], 0, 1, &has_violation) || !Int<uint64_t>(f[5], 0, UINT64_MAX, &s->actions) ||
      !Int<uint64_t>(f[6], 0, s->actions, &s->violating_actions) ||
      !Int(f[7], 0, static_cast<int>(RiskTier::kElevated), &tier) ||
      !Int<uint8_t>(f[8], 0, static_cast<uint8_t>(ring), &count) ||
      !Int<uint8_t>(f[9], 0, static_cast<uint8_t>(ring - 1), &next) ||
      !Int<uint16_t>(f[10], 0, UINT16_MAX, &s->recent_violations))
    return false;
  for (size_t i = 0; i < ring; ++i)
    if (!Int<int64_t>(f[11 + i], INT64_MIN, kMax, &s->tier_changes_ns[i])) return false;
  s->has_update = has_update;
  s->has_violation = has_violation;
  s->tier = static_cast<RiskTier>(tier);
  s->tier_change_count = count;
  s->tier_change_next = next;
  return true;
}

std::string EncodeRiskInput(const RiskInput& in) {
  return Hex(in.violation_score) + " " + Hex(in.pii_risk) + " " + Hex(in.backpressure) + " " +
         (in.is_privileged ? "1" : "0") + " " + (in.is_automated ? "1" : "0");
}

bool DecodeRiskInput(std::string_view text, RiskInput* in) {
  const std::vector<std::string_view> f = Fields(text);
  int privileged = 0, automated = 0;
  if (f.size() != 5 || !Unit(f[0], &in->violation_score) || !Unit(f[1], &in->pii_risk) ||
      !Unit(f[2], &in->backpressure) || !Int(f[3], 0, 1, &privileged) || !Int(f[4], 0, 1, &automated))
    return false;
  in->is_privileged = privileged;
  in->is_automated = automated;
  return true;
}

}  // namespace nethical::risk
