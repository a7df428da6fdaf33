#include "loadgen/stop_signal.h"

#include <signal.h>
#include <unistd.h>

#include "loadgen/atomic_file.h"

namespace nethical::loadgen {
namespace {

// A signal handler can reach only globals; std::atomic<bool> is lock-free
// here (static_assert below), so touching it in a handler is safe.
std::atomic<bool> g_stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);

void OnStopSignal(int sig) {
  if (g_stop_requested.exchange(true)) {
    RemoveOpenTempFilesFromSignalHandler();
    _exit(128 + sig);
  }
  static const char kMessage[] =
      "\ngenerate_load: stopping: draining in-flight actions (signal again to exit now)\n";
  ssize_t ignored = write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
  (void)ignored;
}

}  // namespace

const std::atomic<bool>& InstallStopSignalHandlers() {
  struct sigaction action = {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGHUP, &action, nullptr);
  return g_stop_requested;
}

}  // namespace nethical::loadgen
