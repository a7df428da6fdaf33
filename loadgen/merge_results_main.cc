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
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/shown_value.h"
#include "engine/cli/flag_parser.h"
#include "loadgen/atomic_file.h"
#include "loadgen/merge_results.h"

int main(int argc, char** argv) {
  using namespace nethical;
  using namespace nethical::loadgen;
  std::vector<std::string> paths;
  std::string out_path;
  bool help = false;
  cli::FlagParser flags(
      "Usage: merge_results SUMMARY.json [SUMMARY.json ...] [--json-summary OUT.json]\n"
      "Adds the JSON summaries of runs made side by side into the summary one run of all their\n"
      "actions would have written. Exit status: 0 every SLO holds, 1 one fails or OUT.json cannot\n"
      "be written, 2 bad usage or an input that cannot be read or merged.\n");
  flags.Value("--json-summary", "OUT.json", "a non-empty path", "also write the merged JSON summary",
              [&](std::string_view v) { return !v.empty() && (out_path = v, true); });
  flags.Switch("--help", "this text", [&] { help = true; });
  flags.Positionals("SUMMARY.json", "a non-empty path", "a --json-summary of generate_load",
                    [&](std::string_view v) { return !v.empty() && (paths.emplace_back(v), true); });
  if (std::optional<int> exit = flags.ParseMain({argv + 1, argv + argc}, "merge_results", help)) return *exit;
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
