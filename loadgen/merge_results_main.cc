// merge_results: adds the JSON summaries of runs made side by side into the
// summary one run of all their actions would have written, percentiles and
// SLO verdicts recomputed on the summed histograms (merge_results.h).
//
//   bazel run //loadgen:merge_results -- a.json b.json [...] [--json-summary out.json]
//
// Prints a short summary. Exit 0 when every SLO holds on the merged data,
// 1 when one fails or the output cannot be written, 2 on a usage error or
// an input that cannot be read or merged.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/base/shown_value.h"
#include "loadgen/atomic_file.h"
#include "loadgen/merge_results.h"

namespace {

constexpr const char* kUsage =
    "usage: merge_results SUMMARY.json [SUMMARY.json ...] [--json-summary OUT.json]\n";

int Usage(const std::string& problem) {
  std::fprintf(stderr, "merge_results: %s\n%s", problem.c_str(), kUsage);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace nethical;
  using namespace nethical::loadgen;
  std::vector<std::string> paths;
  std::string out_path;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (arg == "--json-summary") {
      if (i + 1 >= argc) return Usage("--json-summary needs a file name");
      out_path = argv[++i];
      if (out_path.empty()) return Usage("--json-summary='': must name a file");
    } else if (arg.rfind("--json-summary=", 0) == 0) {
      out_path = arg.substr(15);
      if (out_path.empty()) return Usage("--json-summary='': must name a file");
    } else if (arg.rfind("--", 0) == 0) {
      return Usage("unknown flag " + ShownValue(arg) + " (allowed: --json-summary FILE)");
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) return Usage("no summaries given");
  std::vector<SummaryInput> inputs;
  for (const std::string& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    if (in) text << in.rdbuf();
    if (!in || in.bad()) {
      std::fprintf(stderr, "merge_results: cannot read %s\n", ShownPath(path).c_str());
      return 2;
    }
    StatusOr<SummaryInput> parsed = ParseSummary(text.str(), path);
    if (!parsed.ok()) {
      std::fprintf(stderr, "merge_results: %s\n", parsed.status().message().c_str());
      return 2;
    }
    inputs.push_back(std::move(*parsed));
  }
  StatusOr<MergedRun> merged = MergeSummaries(std::move(inputs));
  if (!merged.ok()) {
    std::fprintf(stderr, "merge_results: %s\n", merged.status().message().c_str());
    return 2;
  }
  std::fputs(RenderMergedConsoleSummary(*merged).c_str(), stdout);
  std::fflush(stdout);
  int exit_code = AllPassed(merged->slos) ? 0 : 1;
  if (!out_path.empty()) {
    if (Status s = WriteFileAtomically(out_path, RenderMergedJsonSummary(*merged)); !s.ok()) {
      std::fprintf(stderr, "merge_results: %s\n", s.message().c_str());
      exit_code = 1;
    }
  }
  return exit_code;
}
