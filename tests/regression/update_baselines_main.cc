// //tests/regression:update_baselines: measures every workload and rewrites
// the committed baselines file in the workspace `bazel run` was started in.
//
//   bazel run //tests/regression:update_baselines
//
// Flags (supplied by the BUILD macro): --baselines=WORKSPACE_RELATIVE_PATH and
// --workload=NAME=PATH, one per workload. Workloads no longer listed are
// dropped from the file.
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "bench/compare/benchmark_results.h"
#include "tests/regression/baselines.h"
#include "tests/regression/instruction_count.h"

namespace nethical::regression {
namespace {

int Run(int argc, char** argv) {
  std::string baselines_path;
  std::vector<std::pair<std::string, std::string>> workloads;  // name, path
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--baselines=", 0) == 0) {
      baselines_path = arg.substr(std::strlen("--baselines="));
    } else if (arg.rfind("--workload=", 0) == 0 && arg.find('=', 11) != std::string::npos) {
      const std::string spec = arg.substr(std::strlen("--workload="));
      const size_t eq = spec.find('=');
      workloads.emplace_back(spec.substr(0, eq), spec.substr(eq + 1));
    } else {
      std::cerr << arg << ": unknown flag (allowed: --baselines=PATH, --workload=NAME=PATH)\n";
      return 2;
    }
  }
  const char* workspace = std::getenv("BUILD_WORKSPACE_DIRECTORY");
  if (workspace == nullptr || baselines_path.empty() || workloads.empty()) {
    std::cerr << "run as `bazel run //tests/regression:update_baselines`\n";
    return 2;
  }
  const std::string target = std::string(workspace) + "/" + baselines_path;

  Baselines old;
  if (auto text = bench::ReadFile(target); text.ok()) {
    if (auto parsed = ParseBaselines(*text, target); parsed.ok()) old = std::move(*parsed);
  }
  auto version = ValgrindVersion();
  if (!version.ok()) {
    std::cerr << version.status().message() << "\n";
    return 1;
  }
  Baselines updated;
  updated.valgrind = *version;
  const char* tmp = std::getenv("TMPDIR");
  for (const auto& [name, path] : workloads) {
    auto count = CountWorkloadInstructions(path, tmp != nullptr && *tmp != '\0' ? tmp : "/tmp");
    if (!count.ok()) {
      std::cerr << name << ": " << count.status().message() << "\n";
      return 1;
    }
    updated.workloads[name] = *count;
    auto previous = old.workloads.find(name);
    std::cout << name << ": " << *count << " instructions";
    if (previous != old.workloads.end()) std::cout << " (was " << previous->second << ")";
    std::cout << "\n";
  }
  std::ofstream out(target);
  out << SerializeBaselines(updated);
  out.close();
  if (!out) {
    std::cerr << target << ": cannot write: " << std::strerror(errno) << "\n";
    return 1;
  }
  std::cout << "wrote " << target << "\n";
  return 0;
}

}  // namespace
}  // namespace nethical::regression

int main(int argc, char** argv) { return nethical::regression::Run(argc, argv); }
