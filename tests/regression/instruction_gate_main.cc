// The test behind //tests/regression:<name>_instructions: counts the
// workload's instructions under callgrind and fails when the count exceeds
// the committed baseline by more than the tolerance.
//
// Flags (the BUILD macro supplies the first three):
//   --name=NAME  --workload=PATH  --baselines=PATH
//   --tolerance_pct=P   default 5; override with --test_arg=--tolerance_pct=3
#include <cerrno>
#include <cstdlib>
#include <iostream>
#include <string>

#include "bench/compare/benchmark_results.h"
#include "tests/regression/baselines.h"
#include "tests/regression/instruction_count.h"

namespace nethical::regression {
namespace {

int Run(int argc, char** argv) {
  std::string name, workload, baselines_path;
  double tolerance = 0.05;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const size_t eq = arg.find('=');
    const std::string flag = arg.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : arg.substr(eq + 1);
    if (flag == "--name") {
      name = value;
    } else if (flag == "--workload") {
      workload = value;
    } else if (flag == "--baselines") {
      baselines_path = value;
    } else if (flag == "--tolerance_pct") {
      char* end = nullptr;
      errno = 0;
      const double pct = std::strtod(value.c_str(), &end);
      if (value.empty() || *end != '\0' || errno != 0 || !(pct >= 0)) {
        std::cerr << arg << ": must be a percentage >= 0, e.g. 5\n";
        return 2;
      }
      tolerance = pct / 100.0;
    } else {
      std::cerr << arg << ": unknown flag (allowed: --name, --workload, --baselines, --tolerance_pct)\n";
      return 2;
    }
  }
  if (name.empty() || workload.empty() || baselines_path.empty()) {
    std::cerr << "--name, --workload and --baselines are required\n";
    return 2;
  }
  auto text = bench::ReadFile(baselines_path);
  if (!text.ok()) {
    std::cerr << text.status().message() << "\n";
    return 1;
  }
  auto baselines = ParseBaselines(*text, baselines_path);
  if (!baselines.ok()) {
    std::cerr << baselines.status().message() << "\n";
    return 1;
  }
  const char* tmp = std::getenv("TEST_TMPDIR");
  auto measured = CountWorkloadInstructions(workload, tmp != nullptr ? tmp : "/tmp");
  if (!measured.ok()) {
    std::cerr << measured.status().message() << "\n";
    return 1;
  }
  auto version = ValgrindVersion();
  if (version.ok() && !baselines->valgrind.empty() && *version != baselines->valgrind) {
    std::cout << "note: baselines were measured with " << baselines->valgrind << ", this is " << *version << "\n";
  }
  const GateResult result = CheckInstructionCount(name, *measured, *baselines, tolerance);
  std::cout << result.message << "\n";
  return result.passed ? 0 : 1;
}

}  // namespace
}  // namespace nethical::regression

int main(int argc, char** argv) { return nethical::regression::Run(argc, argv); }
