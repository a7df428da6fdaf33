// The test behind //tests/regression:<name>_instructions: counts the
// workload's instructions under callgrind and fails when the count exceeds
// the committed baseline by more than the tolerance.
//
// Flags (the BUILD macro supplies the first three):
//   --name=NAME  --workload=PATH  --baselines=PATH
//   --tolerance_pct=P   default 5; override with --test_arg=--tolerance_pct=3
// read by the one flag parser (engine/cli/flag_parser.h).
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "bench/compare/benchmark_results.h"
#include "engine/cli/flag_parser.h"
#include "engine/cli/flag_values.h"
#include "tests/regression/baselines.h"
#include "tests/regression/instruction_count.h"

namespace nethical::regression {
namespace {

int Run(int argc, char** argv) {
  std::string name, workload, baselines_path;
  double tolerance = 0.05;
  bool help = false;
  cli::FlagParser flags(
      "Usage: instruction gate --name=NAME --workload=PATH --baselines=PATH [--tolerance_pct=P]\n"
      "Counts the workload's instructions under callgrind against the committed baseline.\n"
      "Exit status: 0 within tolerance, 1 above it or a failed measurement, 2 bad usage.\n");
  flags.Value("--name", "NAME", "a non-empty name", "the workload's name in the baselines (required)",
              [&](std::string_view v) { return !v.empty() && (name = v, true); });
  flags.Value("--workload", "PATH", "a non-empty path", "the workload binary (required)",
              [&](std::string_view v) { return !v.empty() && (workload = v, true); });
  flags.Value("--baselines", "PATH", "a non-empty path", "baselines.json (required)",
              [&](std::string_view v) { return !v.empty() && (baselines_path = v, true); });
  flags.Value("--tolerance_pct", "P", "a percentage >= 0, e.g. 5",
              "allowed increase over the baseline (default 5; --test_arg=--tolerance_pct=3)",
              [&](std::string_view v) {
                double pct = 0;
                if (!cli::ParseNumber(v, 0, true, 1e6, &pct)) return false;
                tolerance = pct / 100.0;
                return true;
              });
  flags.Switch("--help", "this text", [&] { help = true; });
  if (auto exit = flags.ParseMain(std::vector<std::string>(argv + 1, argv + argc), "instruction gate", help))
    return *exit;
  if (name.empty() || workload.empty() || baselines_path.empty()) {
    std::cerr << "--name, --workload and --baselines are required (see --help)\n";
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
    std::cout << "note: baselines were measured with " << baselines->valgrind << ", this is " << *version
              << "\n";
  }
  const GateResult result = CheckInstructionCount(name, *measured, *baselines, tolerance);
  std::cout << result.message << "\n";
  return result.passed ? 0 : 1;
}

}  // namespace
}  // namespace nethical::regression

int main(int argc, char** argv) { return nethical::regression::Run(argc, argv); }
