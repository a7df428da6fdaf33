#include "tests/regression/instruction_count.h"

#include <unistd.h>

#include <cstdio>
#include <sstream>
#include <vector>

#include "bench/compare/benchmark_results.h"
#include "engine/base/subprocess.h"

namespace nethical::regression {
namespace {

std::vector<std::string> Fields(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::vector<std::string> fields;
  for (std::string f; in >> f;) fields.push_back(f);
  return fields;
}

}  // namespace

StatusOr<uint64_t> ParseCallgrindInstructions(std::string_view callgrind_out, std::string_view source) {
  int ir_column = -1;
  std::string totals;
  std::string summary;
  size_t start = 0;
  while (start < callgrind_out.size()) {
    size_t end = callgrind_out.find('\n', start);
    if (end == std::string_view::npos) end = callgrind_out.size();
    const std::string_view line = callgrind_out.substr(start, end - start);
    start = end + 1;
    const auto value_of = [&](std::string_view key) { return line.substr(key.size()); };
    if (line.rfind("events:", 0) == 0) {
      const std::vector<std::string> events = Fields(value_of("events:"));
      for (size_t i = 0; i < events.size(); ++i) {
        if (events[i] == "Ir") ir_column = static_cast<int>(i);
      }
    } else if (line.rfind("totals:", 0) == 0) {
      totals = std::string(value_of("totals:"));
    } else if (line.rfind("summary:", 0) == 0) {
      summary = std::string(value_of("summary:"));
    }
  }
  if (ir_column < 0) return InvalidArgument(std::string(source) + ": no \"events:\" line listing Ir");
  const std::vector<std::string> values = Fields(totals.empty() ? summary : totals);
  if (values.size() <= static_cast<size_t>(ir_column)) {
    return InvalidArgument(std::string(source) + ": no totals:/summary: line with an Ir value");
  }
  const std::string& text = values[static_cast<size_t>(ir_column)];
  uint64_t count = 0;
  for (char c : text) {
    if (c < '0' || c > '9')
      return InvalidArgument(std::string(source) + ": Ir total \"" + text + "\" is not a count");
    count = count * 10 + static_cast<uint64_t>(c - '0');
  }
  return count;
}

StatusOr<uint64_t> CountWorkloadInstructions(const std::string& workload, const std::string& scratch_dir) {
  const std::string out_file = scratch_dir + "/callgrind.out." + std::to_string(getpid());
  std::string workload_stdout;
  // A fixed environment: library start-up code scans it (getenv), so the
  // caller's variables would otherwise shift the count by a few instructions
  // between `bazel test` and `bazel run`.
  const std::vector<std::string> environment = {"PATH=/usr/bin:/bin", "LC_ALL=C"};
  auto rc = RunCommand({"valgrind", "--tool=callgrind", "--collect-atstart=no", "--quiet",
                        "--callgrind-out-file=" + out_file, workload},
                       {.standard_output = &workload_stdout, .environment = &environment});
  if (!rc.ok()) return rc.status();
  if (*rc != 0) {
    return Internal("valgrind --tool=callgrind " + workload + " exited with status " + std::to_string(*rc));
  }
  auto text = bench::ReadFile(out_file);
  std::remove(out_file.c_str());
  if (!text.ok()) return text.status();
  return ParseCallgrindInstructions(*text, out_file);
}

StatusOr<std::string> ValgrindVersion() {
  std::string version;
  auto rc = RunCommand({"valgrind", "--version"}, {.standard_output = &version});
  if (!rc.ok()) return rc.status();
  if (*rc != 0) return Internal("valgrind --version exited with status " + std::to_string(*rc));
  while (!version.empty() && (version.back() == '\n' || version.back() == '\r')) version.pop_back();
  return version;
}

}  // namespace nethical::regression
