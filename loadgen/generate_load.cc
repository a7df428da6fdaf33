// generate_load: the open-loop macro load generator (docs/loadgen.md).
//   bazel run -c opt //loadgen:generate_load -- --agents 100 --rps 50 --duration 60
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "engine/base/clock.h"
#include "engine/config/config_builder.h"
#include "loadgen/engine_settings.h"
#include "loadgen/load_options.h"
#include "loadgen/load_test.h"
#include "loadgen/machine_info.h"
#include "loadgen/runner.h"
#include "loadgen/stop_signal.h"

extern char** environ;

namespace nethical::loadgen {
namespace {

void PrintHelp() {
  std::fputs(LoadOptionsHelp().c_str(), stdout);
  std::fputs("\nEngine configuration keys (NETHICAL_*; env file, environment, or the flags above):\n",
             stdout);
  for (const KeyInfo& k : AllConfigKeys())
    std::printf("  %-44s %s (default %s)\n", std::string(k.key).c_str(), std::string(k.allowed).c_str(),
                k.default_value.empty() ? "\"\"" : std::string(k.default_value).c_str());
}

int Main(int argc, char** argv) {
  // Under `bazel run` the working directory is the runfiles tree: resolve
  // relative paths (--output, --env-file, storage) against the caller's.
  if (const char* dir = std::getenv("BUILD_WORKING_DIRECTORY"); dir != nullptr && chdir(dir) != 0) {
    std::fprintf(stderr, "generate_load: cannot enter BUILD_WORKING_DIRECTORY '%s'\n", dir);
    return 2;
  }
  StatusOr<LoadOptions> options = ParseLoadOptions(std::vector<std::string>(argv + 1, argv + argc));
  if (!options.ok()) {
    std::fprintf(stderr, "generate_load: %s\n", options.status().message().c_str());
    return 2;
  }
  if (options->help) return PrintHelp(), 0;
  if (options->version) {
    const BuildInfo b = DescribeBuild();
    std::printf("generate_load (nethical-cpp) commit %s, %s build, compiler %s\n", b.git_commit.c_str(),
                b.mode.c_str(), b.compiler.c_str());
    return 0;
  }
  StatusOr<EngineSettings> settings = BuildEngineSettings(*options, environ);
  if (!settings.ok()) {
    std::fprintf(stderr, "generate_load: %s\n", settings.status().message().c_str());
    return 2;
  }
  for (const std::string& n : settings->notices) {
    // The engine exports nothing; generate_load exports its run (otlp_exporter.h).
    if (n.rfind("NETHICAL_ENABLE_OTEL=", 0) == 0) continue;
    std::fprintf(stderr, "note: %s\n", n.c_str());
  }

  SteadyClock clock;
  MonotonicSleeper sleeper;
  LoadTestEnvironment env;
  env.clock = &clock;
  env.sleeper = &sleeper;
  env.stop = &InstallStopSignalHandlers();
  env.err_is_terminal = isatty(STDERR_FILENO) == 1;
  env.engine_config = settings->key_values;
  return RunLoadTest(*options, settings->config, env);
}

}  // namespace
}  // namespace nethical::loadgen

int main(int argc, char** argv) { return nethical::loadgen::Main(argc, argv); }
