// //bench:run_all: runs every component benchmark binary and writes one JSON
// file (see results_merge.h) whose context names the commit and build config.
//
//   bazel run -c opt //bench:run_all -- --results_dir=bench-results
//       --benchmark_repetitions=10   (one command line)
//
// Flags:
//   --results_dir=DIR  write DIR/<commit>.json (DIR is created if missing)
//   --out=FILE         write FILE instead
//   --commit=ID        record ID instead of asking git (12-hex HEAD, plus
//                      "-dirty" when tracked files differ from HEAD)
//   --benchmark_*=V    passed to every binary (repetitions, filter, min_time)
//   --help             every flag
// Flags are read by the one flag parser (engine/cli/flag_parser.h).
// The BUILD target supplies --benchmark_binary=PATH (one per component) and
// --config=$(COMPILATION_MODE). Relative paths resolve against the directory
// `bazel run` was typed in. Exit status 0 on success, 1 when a binary fails,
// 2 on bad usage.
#include <stdlib.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "bench/compare/benchmark_results.h"
#include "bench/compare/results_merge.h"
#include "bench/compare/user_path.h"
#include "engine/base/shown_value.h"
#include "engine/base/subprocess.h"
#include "engine/cli/flag_parser.h"
#include "nlohmann/json.hpp"

namespace nethical::bench {
namespace {

struct RunAllFlags {
  std::vector<std::string> binaries;
  std::vector<std::string> benchmark_flags;
  std::string config;
  std::string commit;
  std::string out;
  std::string results_dir;
  std::string help;  // --help: this text is printed and nothing run
};

constexpr char kPreamble[] =
    "Usage: run_all (--results_dir=DIR | --out=FILE) [--commit=ID] [--benchmark_*=V ...]\n"
    "Runs every component benchmark binary into one JSON file whose context names the commit\n"
    "and build config. Exit status: 0 success, 1 a binary failed, 2 bad usage.\n";

StatusOr<RunAllFlags> ParseFlags(int argc, char** argv) {
  RunAllFlags flags;
  bool help = false;
  cli::FlagParser f(kPreamble);
  f.Value("--results_dir", "DIR", "a non-empty path", "write DIR/<commit>.json (DIR is created if missing)",
          [&](std::string_view v) {
            return !v.empty() && (flags.results_dir = ResolveUserPath(std::string(v)), true);
          });
  f.Value("--out", "FILE", "a non-empty path", "write FILE instead", [&](std::string_view v) {
    return !v.empty() && (flags.out = ResolveUserPath(std::string(v)), true);
  });
  f.Value("--commit", "ID", "an ID without ',', '=' or '/'",
          "record ID instead of asking git (12-hex HEAD, plus -dirty when tracked files differ)",
          [&](std::string_view v) {
            return v.find_first_of(",=/") == std::string_view::npos && (flags.commit = v, true);
          });
  f.Value("--benchmark_binary", "PATH", "a non-empty path",
          "a benchmark binary (repeatable; the BUILD target lists them)",
          [&](std::string_view v) { return !v.empty() && (flags.binaries.emplace_back(v), true); });
  f.Value("--config", "MODE", "a build mode", "the build config recorded (the BUILD target sets it)",
          [&](std::string_view v) { return flags.config = v, true; });
  f.PassThrough(
      "--benchmark_", "passed to every binary (repetitions, filter, min_time)", [&](std::string_view arg) {
        const std::string_view name = arg.substr(0, arg.find('='));
        if (name == "--benchmark_out" || name == "--benchmark_out_format" || name == "--benchmark_context" ||
            name == "--benchmark_format")
          return InvalidArgument(ShownValue(arg) + ": run_all sets this itself; use --out or --results_dir");
        flags.benchmark_flags.emplace_back(arg);
        return Status::Ok();
      });
  f.Switch("--help", "this text", [&] { help = true; });
  if (Status s = f.Parse(std::vector<std::string>(argv + 1, argv + argc)); !s.ok()) return s;
  if (help) {
    flags.help = f.Help();
    return flags;
  }
  if (flags.binaries.empty())
    return InvalidArgument("no --benchmark_binary given (the BUILD target lists them)");
  if (flags.out.empty() == flags.results_dir.empty()) {
    return InvalidArgument("give exactly one of --out=FILE or --results_dir=DIR");
  }
  return flags;
}

// HEAD of the workspace `bazel run` was started from, "-dirty" when tracked
// files differ from it.
StatusOr<std::string> GitCommit() {
  const char* workspace = std::getenv("BUILD_WORKSPACE_DIRECTORY");
  const std::string dir = workspace != nullptr ? workspace : ".";
  std::string head;
  auto rc = RunCommand({"git", "-C", dir, "rev-parse", "--short=12", "HEAD"}, {.standard_output = &head});
  if (!rc.ok()) return rc.status();
  if (*rc != 0) return FailedPrecondition(dir + " is not a git checkout; pass --commit=ID");
  while (!head.empty() && (head.back() == '\n' || head.back() == '\r')) head.pop_back();
  std::string ignored;
  auto clean =
      RunCommand({"git", "-C", dir, "diff-index", "--quiet", "HEAD", "--"}, {.standard_output = &ignored});
  if (!clean.ok()) return clean.status();
  return *clean == 0 ? head : head + "-dirty";
}

std::string BaseName(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

int Run(int argc, char** argv) {
  auto flags = ParseFlags(argc, argv);
  if (!flags.ok()) {
    std::cerr << "run_all: " << flags.status().message() << "\n";
    return 2;
  }
  if (!flags->help.empty()) {
    std::cout << flags->help;
    return 0;
  }
  if (flags->commit.empty()) {
    auto commit = GitCommit();
    if (!commit.ok()) {
      std::cerr << "run_all: " << commit.status().message() << "\n";
      return 2;
    }
    flags->commit = *commit;
  }
  std::string out = flags->out;
  if (out.empty()) {
    if (mkdir(flags->results_dir.c_str(), 0755) != 0 && errno != EEXIST) {
      std::cerr << "run_all: mkdir " << flags->results_dir << ": " << std::strerror(errno) << "\n";
      return 2;
    }
    out = flags->results_dir + "/" + flags->commit + ".json";
  }

  const char* tmp = std::getenv("TMPDIR");
  std::string scratch = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/run_all.XXXXXX";
  if (mkdtemp(scratch.data()) == nullptr) {
    std::cerr << "run_all: mkdtemp " << scratch << ": " << std::strerror(errno) << "\n";
    return 2;
  }

  const std::string context = "--benchmark_context=commit=" + flags->commit + ",config=" + flags->config;
  std::vector<BenchmarkOutput> outputs;
  int failures = 0;
  for (const std::string& binary : flags->binaries) {
    const std::string name = BaseName(binary);
    const std::string json_path = scratch + "/" + name + ".json";
    std::vector<std::string> command = {binary, "--benchmark_out=" + json_path, "--benchmark_out_format=json",
                                        context};
    command.insert(command.end(), flags->benchmark_flags.begin(), flags->benchmark_flags.end());
    std::cerr << "run_all: " << name << "\n";
    auto rc = RunCommand(command);
    if (!rc.ok() || *rc != 0) {
      std::cerr << "run_all: " << name
                << " failed: " << (rc.ok() ? "exit status " + std::to_string(*rc) : rc.status().message())
                << "\n";
      ++failures;
      continue;
    }
    auto text = ReadFile(json_path);
    nlohmann::ordered_json document;
    if (text.ok()) document = nlohmann::ordered_json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (!text.ok() || document.is_discarded()) {
      std::cerr << "run_all: " << name << ": no valid JSON in " << json_path << "\n";
      ++failures;
      continue;
    }
    std::remove(json_path.c_str());
    outputs.push_back({name, std::move(document)});
  }
  rmdir(scratch.c_str());
  if (failures != 0) {
    std::cerr << "run_all: " << failures << " of " << flags->binaries.size() << " benchmark binaries failed; "
              << "nothing written\n";
    return 1;
  }
  auto merged = MergeBenchmarkOutputs(outputs);
  if (!merged.ok()) {
    std::cerr << "run_all: " << merged.status().message() << "\n";
    return 1;
  }
  std::ofstream file(out);
  file << merged->dump(2) << "\n";
  file.close();
  if (!file) {
    std::cerr << "run_all: cannot write " << out << ": " << std::strerror(errno) << "\n";
    return 2;
  }
  std::cout << out << "\n";
  return 0;
}

}  // namespace
}  // namespace nethical::bench

int main(int argc, char** argv) { return nethical::bench::Run(argc, argv); }
