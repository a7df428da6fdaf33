// What a result needs to explain itself: the machine it ran on and the build
// that produced it. Read once at startup (files under /proc, uname).
#pragma once

#include <string>

namespace nethical::loadgen {

struct MachineInfo {
  std::string hostname;
  int cpus = 0;              // std::thread::hardware_concurrency
  std::string cpu_model;     // /proc/cpuinfo "model name"
  std::string kernel;        // uname -sr
  std::string load_average;  // /proc/loadavg, first three fields, at startup
};
MachineInfo DescribeMachine();

struct BuildInfo {
  std::string git_commit;  // the stamped STABLE_GIT_COMMIT, or "unknown"
  std::string compiler;    // __VERSION__
  std::string mode;        // "opt" (NDEBUG) or "debug"
};
BuildInfo DescribeBuild();

}  // namespace nethical::loadgen
