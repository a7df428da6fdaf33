#include "loadgen/machine_info.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

namespace nethical::loadgen {

extern const char* const kBuildCommit;  // build_stamp.cc (genrule)

MachineInfo DescribeMachine() {
  MachineInfo m;
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) == 0) m.hostname = host;
  m.cpus = static_cast<int>(std::thread::hardware_concurrency());
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.rfind("model name", 0) == 0) {
      const size_t colon = line.find(':');
      if (colon != std::string::npos) m.cpu_model = line.substr(line.find_first_not_of(' ', colon + 1));
      break;
    }
  }
  utsname u;
  if (uname(&u) == 0) m.kernel = std::string(u.sysname) + " " + u.release;
  std::ifstream loadavg("/proc/loadavg");
  std::string a, b, c;
  if (loadavg >> a >> b >> c) m.load_average = a + " " + b + " " + c;
  return m;
}

BuildInfo DescribeBuild() {
  BuildInfo b;
  b.git_commit = kBuildCommit;
  b.compiler = __VERSION__;
#ifdef NDEBUG
  b.mode = "opt";
#else
  b.mode = "debug";
#endif
  return b;
}

}  // namespace nethical::loadgen
