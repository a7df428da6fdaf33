// //tests/regression:update_baselines: measures every workload and rewrites
// the committed baselines file in the workspace `bazel run` was started in.
//
//   bazel run //tests/regression:update_baselines
//
// Flags (supplied by the BUILD macro): --baselines=WORKSPACE_RELATIVE_PATH and
// --workload=NAME=PATH, one per workload, read by the one flag parser
// (engine/cli/flag_parser.h). Workloads no longer listed are dropped from the
// file.
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bench/compare/benchmark_results.h"
#include "engine/cli/flag_parser.h"
#include "tests/regression/baselines.h"
#include "tests/regression/instruction_count.h"

namespace nethical::regression {
namespace {

int Run(int argc, char** argv) {
  std::string baselines_path;
  std::vector<std::pair<std::string, std::string>> workloads;  // name, path
  bool help = false;
  cli::FlagParser flags(
      "Usage: bazel run //tests/regression:update_baselines\n"
      "Measures every workload and rewrites the committed baselines file (the BUILD macro supplies the "
      "flags).\n");
  flags.Value("--baselines", "PATH", "a non-empty workspace-relative path", "the baselines file to rewrite",
              [&](std::string_view v) { return !v.empty() && (baselines_path = v, true); });
  flags.Value("--workload", "NAME=PATH", "NAME=PATH with a non-empty name and path",
              "one workload (repeatable)", [&](std::string_view v) {
                const size_t eq = v.find('=');
                if (eq == 0 || eq == std::string_view::npos || eq + 1 == v.size()) return false;
                workloads.emplace_back(v.substr(0, eq), v.substr(eq + 1));
                return true;
              });
  flags.Switch("--help", "this text", [&] { help = true; });
  if (auto exit = flags.ParseMain(std::vector<std::string>(argv + 1, argv + argc), "update_baselines", help))
    return *exit;
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
