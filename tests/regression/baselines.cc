#include "tests/regression/baselines.h"

#include <cstdio>

#include "nlohmann/json.hpp"

namespace nethical::regression {
namespace {

constexpr char kAbout[] =
    "Instructions (callgrind Ir) executed inside RunWorkload() of each tests/regression workload, "
    "built -c opt. Checked by bazel test //tests/regression/...; rewrite with "
    "bazel run //tests/regression:update_baselines (docs/benchmarks.md).";

std::string Percent(double fraction) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%+.2f%%", fraction * 100);
  return buffer;
}

}  // namespace

StatusOr<Baselines> ParseBaselines(std::string_view json_text, std::string_view source) {
  const nlohmann::json root = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  const std::string where(source);
  if (root.is_discarded() || !root.is_object()) return InvalidArgument(where + ": not a JSON object");
  Baselines baselines;
  if (auto v = root.find("valgrind"); v != root.end() && v->is_string())
    baselines.valgrind = v->get<std::string>();
  auto workloads = root.find("workloads");
  if (workloads == root.end() || !workloads->is_object()) {
    return InvalidArgument(where + ": no \"workloads\" object");
  }
  for (const auto& [name, count] : workloads->items()) {
    if (!count.is_number_unsigned()) {
      return InvalidArgument(where + ": workloads." + name +
                             " must be a non-negative integer instruction count");
    }
    baselines.workloads[name] = count.get<uint64_t>();
  }
  return baselines;
}

std::string SerializeBaselines(const Baselines& baselines) {
  nlohmann::ordered_json root;
  root["about"] = kAbout;
  root["valgrind"] = baselines.valgrind;
  root["workloads"] = nlohmann::ordered_json::object();
  for (const auto& [name, count] : baselines.workloads) root["workloads"][name] = count;
  return root.dump(2) + "\n";
}

GateResult CheckInstructionCount(const std::string& name, uint64_t measured, const Baselines& baselines,
                                 double tolerance) {
  GateResult result;
  auto it = baselines.workloads.find(name);
  if (it == baselines.workloads.end()) {
    result.message = name +
                     ": no baseline; run `bazel run //tests/regression:update_baselines` and commit "
                     "tests/regression/baselines.json";
    return result;
  }
  const uint64_t baseline = it->second;
  result.change = baseline == 0 ? (measured == 0 ? 0.0 : 1.0)
                                : (static_cast<double>(measured) - static_cast<double>(baseline)) /
                                      static_cast<double>(baseline);
  const std::string figures = name + ": " + std::to_string(measured) + " instructions, baseline " +
                              std::to_string(baseline) + " (" + Percent(result.change) + ", tolerance " +
                              Percent(tolerance) + ")";
  result.passed = result.change <= tolerance;
  if (!result.passed) {
    result.message = "FAIL " + figures;
  } else if (result.change < -tolerance) {
    result.message = "PASS " + figures +
                     "; faster than the baseline: update it (bazel run //tests/regression:update_baselines) "
                     "so later regressions are measured from here";
  } else {
    result.message = "PASS " + figures;
  }
  return result;
}

}  // namespace nethical::regression
