// Child for exit_without_shutdown_test: creates an Engine with the audit log
// on, held in a global (destroyed during static destruction, after main),
// evaluates a few actions and leaves without Shutdown, by returning from
// main or by calling exit(). The engine's destructor then flushes the log,
// which signs a tree head while the process is exiting.
//   exit_without_shutdown_child STORAGE_DIR return|exit
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "engine/base/clock.h"
#include "engine/engine.h"

namespace {
nethical::SteadyClock clock_for_engine;        // outlives the engine (defined first)
std::unique_ptr<nethical::Engine> the_engine;  // never shut down explicitly
}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  nethical::EngineConfig config;
  config.storage_dir = argv[1];
  config.audit.enabled = true;
  config.audit.batch_size = 1000;  // leaves the records for the exit-time flush to anchor
  auto engine = nethical::Engine::Create(config, clock_for_engine);
  if (!engine.ok()) return 3;
  the_engine = std::move(engine).value();
  for (int i = 0; i < 50; ++i) {
    nethical::Action a;
    a.agent_id = "agent-" + std::to_string(i % 5);
    a.action_id = "act-" + std::to_string(i);
    a.text = "hello world " + std::to_string(i);
    the_engine->Evaluate(a);
  }
  if (std::strcmp(argv[2], "exit") == 0) std::exit(0);
  return 0;
}
