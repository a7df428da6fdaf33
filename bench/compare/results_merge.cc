#include "bench/compare/results_merge.h"

#include <algorithm>
#include <cstdint>

namespace nethical::bench {

StatusOr<nlohmann::ordered_json> MergeBenchmarkOutputs(const std::vector<BenchmarkOutput>& outputs) {
  if (outputs.empty()) return InvalidArgument("no benchmark outputs to merge");
  nlohmann::ordered_json context = nlohmann::ordered_json::object();
  if (auto it = outputs.front().document.find("context");
      it != outputs.front().document.end() && it->is_object()) {
    context = *it;
  }
  context.erase("executable");
  nlohmann::ordered_json executables = nlohmann::ordered_json::array();
  nlohmann::ordered_json benchmarks = nlohmann::ordered_json::array();

  int64_t family_offset = 0;
  for (const BenchmarkOutput& output : outputs) {
    executables.push_back(output.executable);
    auto list = output.document.find("benchmarks");
    if (!output.document.is_object() || list == output.document.end() || !list->is_array()) {
      return InvalidArgument(output.executable + ": output has no \"benchmarks\" array");
    }
    int64_t families = 0;
    for (nlohmann::ordered_json entry : *list) {
      if (auto family = entry.find("family_index"); family != entry.end()) {
        if (!family->is_number_integer() || family->get<int64_t>() < 0) {
          const auto name = entry.find("name");
          return InvalidArgument(output.executable + ": benchmark \"" +
                                 (name != entry.end() && name->is_string() ? name->get<std::string>() : "?") +
                                 "\" has a family_index that is not a non-negative integer");
        }
        const int64_t index = family->get<int64_t>();
        families = std::max(families, index + 1);
        *family = index + family_offset;
      }
      benchmarks.push_back(std::move(entry));
    }
    family_offset += families;
  }
  context["executables"] = std::move(executables);
  return nlohmann::ordered_json{{"context", std::move(context)}, {"benchmarks", std::move(benchmarks)}};
}

}  // namespace nethical::bench
