#include "loadgen/workload_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

#include "engine/base/shown_value.h"
#include "engine/model/action_json.h"

namespace nethical::loadgen {

StatusOr<std::unique_ptr<Workload>> LoadWorkloadFile(const std::string& path) {
  const std::string shown = ShownPath(path);
  std::ifstream in(path);
  if (!in) return InvalidArgument("--workload-file=" + shown + ": cannot read: " + std::strerror(errno));
  std::vector<Action> actions;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    StatusOr<Action> action = ParseActionJson(line);
    if (!action.ok())
      return InvalidArgument(shown + ":" + std::to_string(number) + ": " + action.status().message());
    actions.push_back(std::move(*action));
  }
  if (actions.empty())
    return InvalidArgument("--workload-file=" + shown + ": no actions (the file is empty)");
  return std::unique_ptr<Workload>(new ReplayWorkload(std::move(actions)));
}

}  // namespace nethical::loadgen
