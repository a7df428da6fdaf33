// launch_run: the original README's sharding recipe made first-class. Starts
// N generate_load processes as one coordinated run (--coordinate: one Redis
// server, one start instant), forwards SIGINT/SIGTERM/SIGHUP to them, then
// collects the results they published and writes one report with a section
// per region and an overall one, each merged exactly (merge_results.h).
//
//   bazel run //loadgen:launch_run -- --coordinate redis://127.0.0.1:6379
//       --regions us-east-1,eu-west-1 --processes-per-region 2 --base-dir $PWD/run1
//       --json-summary $PWD/run1/report.json -- --agents 100 --rps 50 --duration 60
//   (one command line)
//
// Each child gets --coordinate URL --run-id ID --expect N --region-id R, and
// its own --storage-dir, --output and --json-summary under
// BASE/<region>/<i>/ (its own audit log: the single-writer lock holds).
// Arguments after "--" go to every child unchanged (they must not set those
// flags). Without --regions: --processes N, no region id.
//
// Exit: 3 if a child was interrupted, 2 for a usage error or a child's usage
// error, otherwise 0 when every SLO holds on the overall merge, 1 when not
// or when a result could not be collected or written.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/shown_value.h"
#include "engine/base/subprocess.h"
#include "engine/cli/flag_parser.h"
#include "engine/cli/flag_values.h"
#include "engine/config/config_builder.h"
#include "engine/shared_state/redis_url.h"
#include "loadgen/atomic_file.h"
#include "loadgen/coordinator.h"
#include "loadgen/merge_results.h"

extern char** environ;

namespace {

using namespace nethical;
using namespace nethical::loadgen;
using Json = nlohmann::ordered_json;

constexpr const char* kPreamble =
    "Usage: launch_run --coordinate redis://HOST:PORT[/DB] (--processes N | --regions R1,R2,...\n"
    "         [--processes-per-region K]) [--run-id ID] [--base-dir DIR] [--json-summary FILE]\n"
    "         [--generate-load PATH] -- GENERATE_LOAD_ARGS...\n"
    "Starts N generate_load processes as one coordinated run and merges their results.\n"
    "Arguments after -- go to every child. Exit status: 3 a child was interrupted, 2 bad usage\n"
    "(or a child's), 0 every SLO holds on the overall merge, 1 not, or a result was lost.\n";

volatile sig_atomic_t g_children_count = 0;
volatile pid_t g_children[1024];

// Signals every child still running (a reaped child's slot is 0: its pid
// may be reused).
void Forward(int sig) {
  for (int i = 0; i < g_children_count; ++i)
    if (g_children[i] > 0) kill(g_children[i], sig);
}

int Usage(const std::string& problem) {
  std::fprintf(stderr, "launch_run: %s\n", problem.c_str());
  return 2;
}

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= s.size()) {
    const size_t comma = std::min(s.find(',', at), s.size());
    out.push_back(s.substr(at, comma - at));
    at = comma + 1;
  }
  return out;
}

bool MakeDirs(const std::string& path) {
  for (size_t at = 1; at <= path.size(); ++at) {
    if (at != path.size() && path[at] != '/') continue;
    const std::string prefix = path.substr(0, at);
    if (mkdir(prefix.c_str(), 0700) != 0 && errno != EEXIST) return false;
  }
  return true;
}

std::string SelfDir() {
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return ".";
  std::string path(buf, n);
  return path.substr(0, path.rfind('/'));
}

bool IsRegionId(const std::string& r) {
  return !r.empty() && r.size() <= 64 && r != "." && r != ".." &&
         r.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") ==
             std::string::npos;
}

}  // namespace

int main(int argc, char** argv) {
  std::string url, run_id, base = "launch_run", out_path, generate_load = SelfDir() + "/generate_load";
  std::vector<std::string> regions;
  int processes = 0, per_region = 1;
  std::vector<std::string> child_args;
  bool help = false;
  // Everything after the first "--" is the children's.
  std::vector<std::string> args(argv + 1, argv + argc);
  if (const auto dashes = std::find(args.begin(), args.end(), "--"); dashes != args.end()) {
    child_args.assign(dashes + 1, args.end());
    args.erase(dashes, args.end());
  }
  cli::FlagParser flags(kPreamble);
  flags.Value("--coordinate", "redis://HOST:PORT[/DB]", std::string(shared_state::kRedisUrlForm),
              "the Redis server that coordinates the run (required)", [&](std::string_view v) {
                return shared_state::ParseRedisUrl(std::string(v)).ok() && (url = v, true);
              });
  flags.Value("--processes", "N", "an integer in [1, 1000]", "processes, without --regions",
              [&](std::string_view v) { return cli::ParseInteger(v, 1, 1000, &processes); });
  flags.Value("--regions", "R1,R2,...", "region ids of [A-Za-z0-9._-], 1..64 characters",
              "one group of processes per region, each child given --region-id", [&](std::string_view v) {
                regions = Split(std::string(v));
                return std::all_of(regions.begin(), regions.end(), IsRegionId);
              });
  flags.Value("--processes-per-region", "K", "an integer in [1, 1000]", "processes per region (default 1)",
              [&](std::string_view v) { return cli::ParseInteger(v, 1, 1000, &per_region); });
  flags.Value("--run-id", "ID", "a non-empty id", "the run's id (default run-<time>-<pid>)",
              [&](std::string_view v) { return !v.empty() && (run_id = v, true); });
  flags.Value("--base-dir", "DIR", "a non-empty path",
              "children's files under DIR/<region>/<i>/ (default launch_run)",
              [&](std::string_view v) { return !v.empty() && (base = v, true); });
  flags.Value("--json-summary", "FILE", "a non-empty path", "write the merged report",
              [&](std::string_view v) { return !v.empty() && (out_path = v, true); });
  flags.Value("--generate-load", "PATH", "a non-empty path",
              "the generate_load binary (default: beside launch_run)",
              [&](std::string_view v) { return !v.empty() && (generate_load = v, true); });
  flags.Switch("--help", "this text", [&] { help = true; });
  if (std::optional<int> exit = flags.ParseMain(args, "launch_run", help)) return *exit;
  if (url.empty()) return Usage("--coordinate is required");
  if (regions.empty() == (processes == 0))
    return Usage("give exactly one of --processes N and --regions R1,R2,...");
  for (const std::string& a : child_args)
    for (const char* reserved : {"--coordinate", "--run-id", "--expect", "--region-id", "--storage-dir",
                                 "--output", "--no-output", "--json-summary"})
      if (a == reserved || a.rfind(std::string(reserved) + "=", 0) == 0)
        return Usage(std::string(reserved) + " after --: launch_run sets it for every child");
  if (run_id.empty()) run_id = "run-" + std::to_string(time(nullptr)) + "-" + std::to_string(getpid());
  // The credentials the children use too (NETHICAL_SHARED_STATE_USER/_PASSWORD),
  // read and checked as the children read them.
  ConfigBuilder environment;
  if (Status s = environment.LoadEnvironment(environ); !s.ok()) return Usage(s.message());
  StatusOr<EngineConfig> config = environment.Build();
  if (!config.ok()) return Usage(config.status().message());
  const shared_state::RedisCredentials credentials{config->quota.shared_state_user,
                                                   config->quota.shared_state_password};
  struct Child {
    std::string region, dir;
    std::unique_ptr<Subprocess> process = nullptr;
  };
  std::vector<Child> children;
  if (regions.empty())
    regions = {""};
  else
    processes = static_cast<int>(regions.size()) * per_region;
  for (const std::string& r : regions)
    for (int k = 1; k <= (r.empty() ? processes : per_region); ++k)
      children.push_back({r, base + "/" + (r.empty() ? "default" : r) + "/" + std::to_string(k)});
  if (children.size() > 1024) return Usage("at most 1024 processes");

  struct sigaction sa {};
  sa.sa_handler = Forward;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &sa, nullptr);

  const std::string expect = std::to_string(children.size());
  // A failed start stops the children already started and waits for them
  // (a stop request: they write their results and leave).
  const auto stop_started = [&] {
    Forward(SIGTERM);
    for (Child& c : children)
      if (c.process != nullptr) static_cast<void>(c.process->Wait());  // their results are not used
    return 1;
  };
  for (Child& c : children) {
    if (!MakeDirs(c.dir)) {
      std::fprintf(stderr, "launch_run: cannot create %s: %s\n", ShownPath(c.dir).c_str(),
                   std::strerror(errno));
      return stop_started();
    }
    std::vector<std::string> args = {generate_load,
                                     "--coordinate",
                                     url,
                                     "--run-id",
                                     run_id,
                                     "--expect",
                                     expect,
                                     "--storage-dir",
                                     c.dir + "/storage",
                                     "--output",
                                     c.dir + "/perf_results.csv",
                                     "--json-summary",
                                     c.dir + "/summary.json",
                                     "--no-progress"};
    if (!c.region.empty()) args.insert(args.end(), {"--region-id", c.region});
    args.insert(args.end(), child_args.begin(), child_args.end());
    StatusOr<std::unique_ptr<Subprocess>> started =
        Subprocess::Start(args, {.stdout_path = c.dir + "/stdout.txt", .stderr_path = c.dir + "/stderr.txt"});
    if (!started.ok()) {
      std::fprintf(stderr, "launch_run: %s\n", started.status().message().c_str());
      return stop_started();
    }
    c.process = std::move(*started);
    g_children[g_children_count] = c.process->pid();
    g_children_count = g_children_count + 1;
  }
  std::fprintf(stderr, "launch_run: run %s: %zu processes started\n", run_id.c_str(), children.size());
  // In the order they end: a child that fails before the start (exit 2:
  // its flags, the barrier, Redis) would leave the others waiting at the
  // barrier for their timeout, so the rest are stopped at once.
  int worst = 0;
  std::vector<Subprocess*> running;
  for (Child& c : children) running.push_back(c.process.get());
  while (const std::optional<size_t> ended = Subprocess::WaitAny(running)) {
    const Child& c = children[*ended];
    for (int i = 0; i < g_children_count; ++i)
      if (g_children[i] == c.process->pid()) g_children[i] = 0;  // its pid may be reused now
    const int exit_code = c.process->Wait();                     // 0..255, or 128 + the signal
    if (exit_code == 3 || exit_code > 128)
      worst = 3;
    else if (exit_code == 2 && worst != 3)
      worst = 2;
    if (exit_code != 0 && exit_code != 1)
      std::fprintf(stderr, "launch_run: %s exited %d (see its stderr.txt)\n", ShownPath(c.dir).c_str(),
                   exit_code);
    if (exit_code == 2) Forward(SIGTERM);
  }
  if (worst != 0) return worst;

  StatusOr<std::vector<std::string>> results =
      CollectResults(url, credentials, run_id, static_cast<int>(children.size()), 30);
  if (!results.ok()) {
    std::fprintf(stderr, "launch_run: %s\n", results.status().message().c_str());
    return 1;
  }
  std::map<std::string, std::vector<SummaryInput>> by_region;
  std::vector<SummaryInput> all;
  for (size_t i = 0; i < results->size(); ++i) {
    const std::string name = "process " + std::to_string(i + 1) + " of run " + run_id;
    StatusOr<SummaryInput> in = ParseSummary((*results)[i], name);
    if (!in.ok()) {
      std::fprintf(stderr, "launch_run: %s\n", in.status().message().c_str());
      return 1;
    }
    const Json j = Json::parse((*results)[i], nullptr, false);
    std::string region;
    if (j.is_object() && j.contains("configuration") &&
        j["configuration"]["engine"].contains("NETHICAL_REGION_ID"))
      region = j["configuration"]["engine"]["NETHICAL_REGION_ID"].get<std::string>();
    by_region[region].push_back(*in);
    all.push_back(std::move(*in));
  }
  Json report = Json{{"schema_version", 1}, {"tool", "launch_run"}, {"run_id", run_id}};
  Json region_docs = Json::object();
  for (auto& [region, inputs] : by_region) {
    StatusOr<MergedRun> m = MergeSummaries(inputs);
    if (!m.ok()) {
      std::fprintf(stderr, "launch_run: %s\n", m.status().message().c_str());
      return 1;
    }
    std::printf("== region %s ==\n%s\n", region.empty() ? "(none)" : region.c_str(),
                RenderMergedConsoleSummary(*m).c_str());
    region_docs[region] = Json::parse(RenderMergedJsonSummary(*m));
  }
  StatusOr<MergedRun> overall = MergeSummaries(all);
  if (!overall.ok()) {
    std::fprintf(stderr, "launch_run: %s\n", overall.status().message().c_str());
    return 1;
  }
  std::printf("== overall ==\n%s", RenderMergedConsoleSummary(*overall).c_str());
  Json kids = Json::array();
  for (const Child& c : children)
    kids.push_back({{"region", c.region}, {"dir", c.dir}, {"exit_code", c.process->Wait()}});
  report["children"] = kids;
  report["regions"] = region_docs;
  report["overall"] = Json::parse(RenderMergedJsonSummary(*overall));
  int exit_code = AllPassed(overall->slos) ? 0 : 1;
  if (!out_path.empty()) {
    if (Status s = WriteFileAtomically(out_path, report.dump(2) + "\n"); !s.ok()) {
      std::fprintf(stderr, "launch_run: %s\n", s.message().c_str());
      exit_code = 1;
    }
  }
  return exit_code;
}
