#include "bench/compare/user_path.h"

#include <cstdlib>

namespace nethical::bench {

std::string ResolveUserPath(const std::string& path) {
  if (path.empty() || path.front() == '/') return path;
  const char* dir = std::getenv("BUILD_WORKING_DIRECTORY");
  if (dir == nullptr || *dir == '\0') return path;
  std::string joined = dir;
  if (joined.back() != '/') joined += '/';
  return joined + path;
}

}  // namespace nethical::bench
