#include "loadgen/workload_file.h"

namespace nethical::loadgen {

StatusOr<std::unique_ptr<Workload>> LoadWorkloadFile(const std::string& path) {
  return Unavailable("--workload-file=" + path +
                     ": replaying JSONL needs the engine's action parser (engine/model/action_json.h), "
                     "not in this build yet");
}

}  // namespace nethical::loadgen
