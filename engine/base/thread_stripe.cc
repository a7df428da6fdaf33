#include "engine/base/thread_stripe.h"

#include <mutex>
#include <vector>

namespace nethical::thread_stripe_internal {
namespace {

// Indices in use. Never destroyed: threads may exit after main returns.
struct Registry {
  std::mutex mu;
  std::vector<bool> taken;  // guarded by mu
};

Registry& TheRegistry() {
  static Registry* registry = new Registry;
  return *registry;
}

void Release(uint32_t index) {
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> lock(r.mu);
  r.taken[index] = false;
}

// Gives the thread's index back when the thread exits.
struct Holder {
  uint32_t index = kNone;
  ~Holder() {
    if (index == kNone) return;
    // this_thread keeps the index: a thread_local destructor that runs
    // after this one and asks shares the stripe with its next holder.
    Release(index);
  }
};

}  // namespace

constinit thread_local uint32_t this_thread = kNone;

uint32_t Acquire() {
  uint32_t index = 0;
  {
    Registry& r = TheRegistry();
    std::lock_guard<std::mutex> lock(r.mu);
    while (index < r.taken.size() && r.taken[index]) ++index;
    if (index == r.taken.size()) r.taken.push_back(false);
    r.taken[index] = true;
  }
  thread_local Holder holder;  // Acquire runs once per thread
  holder.index = index;
  return index;
}

}  // namespace nethical::thread_stripe_internal
