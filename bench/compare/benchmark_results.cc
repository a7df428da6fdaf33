#include "bench/compare/benchmark_results.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

namespace nethical::bench {
namespace {

StatusOr<double> NanosecondsPerUnit(const std::string& unit, std::string_view where) {
  if (unit == "ns") return 1.0;
  if (unit == "us") return 1e3;
  if (unit == "ms") return 1e6;
  if (unit == "s") return 1e9;
  return InvalidArgument(std::string(where) + ": time_unit \"" + unit + "\" is not one of ns, us, ms, s");
}

StatusOr<double> NumberField(const nlohmann::json& entry, const char* key, std::string_view where) {
  auto it = entry.find(key);
  if (it == entry.end() || !it->is_number()) {
    return InvalidArgument(std::string(where) + ": \"" + key + "\" is missing or not a number");
  }
  return it->get<double>();
}

// nlohmann's value() throws on a type mismatch; this reports it instead.
StatusOr<std::string> StringField(const nlohmann::json& entry, const char* key, std::string fallback,
                                  std::string_view where) {
  auto it = entry.find(key);
  if (it == entry.end()) return fallback;
  if (!it->is_string()) return InvalidArgument(std::string(where) + ": \"" + key + "\" is not a string");
  return it->get<std::string>();
}

}  // namespace

const BenchmarkSamples* BenchmarkResults::Find(std::string_view name) const {
  for (const BenchmarkSamples& b : benchmarks) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

StatusOr<BenchmarkResults> ParseBenchmarkResults(std::string_view json_text, std::string_view source) {
  nlohmann::json root = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return InvalidArgument(std::string(source) + ": not valid JSON");
  if (!root.is_object()) return InvalidArgument(std::string(source) + ": top level is not an object");
  auto list = root.find("benchmarks");
  if (list == root.end() || !list->is_array()) {
    return InvalidArgument(std::string(source) +
                           ": no \"benchmarks\" array (is this Google Benchmark JSON output?)");
  }

  BenchmarkResults results;
  if (auto context = root.find("context"); context != root.end() && context->is_object()) {
    results.context = *context;
  }
  std::map<std::string, size_t, std::less<>> index;
  for (size_t i = 0; i < list->size(); ++i) {
    const nlohmann::json& entry = (*list)[i];
    const std::string where = std::string(source) + ": benchmarks[" + std::to_string(i) + "]";
    if (!entry.is_object()) return InvalidArgument(where + " is not an object");
    auto run_type = StringField(entry, "run_type", "iteration", where);
    if (!run_type.ok()) return run_type.status();
    if (*run_type != "iteration") continue;

    auto name = StringField(entry, "name", "", where);
    if (!name.ok()) return name.status();
    name = StringField(entry, "run_name", *name, where);
    if (!name.ok()) return name.status();
    if (name->empty()) return InvalidArgument(where + ": no \"name\"");
    if (auto error = entry.find("error_occurred");
        error != entry.end() && error->is_boolean() && error->get<bool>()) {
      results.errored.push_back(*name);
      continue;
    }
    auto time_unit = StringField(entry, "time_unit", "ns", where);
    if (!time_unit.ok()) return time_unit.status();
    auto unit = NanosecondsPerUnit(*time_unit, where);
    if (!unit.ok()) return unit.status();
    auto real_time = NumberField(entry, "real_time", where);
    if (!real_time.ok()) return real_time.status();
    auto cpu_time = NumberField(entry, "cpu_time", where);
    if (!cpu_time.ok()) return cpu_time.status();

    auto [it, inserted] = index.try_emplace(*name, results.benchmarks.size());
    if (inserted) results.benchmarks.push_back(BenchmarkSamples{*name, {}, {}});
    BenchmarkSamples& samples = results.benchmarks[it->second];
    samples.real_time_ns.push_back(*real_time * *unit);
    samples.cpu_time_ns.push_back(*cpu_time * *unit);
  }
  return results;
}

StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(path + ": cannot open: " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return IoError(path + ": read failed");
  return text.str();
}

StatusOr<BenchmarkResults> LoadBenchmarkResults(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseBenchmarkResults(*text, path);
}

}  // namespace nethical::bench
