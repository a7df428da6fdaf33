// main() of every regression workload. Run under
//   valgrind --tool=callgrind --collect-atstart=no <workload>
// the toggles below make callgrind count exactly RunWorkload(). Outside
// valgrind they cost a few instructions and do nothing.
#include <alloca.h>
#include <valgrind/callgrind.h>

#include <cinttypes>
#include <cstdint>
#include <cstdio>

#include "tests/regression/workload.h"

// The default: nothing to prepare. warm_up.cc overrides it.
__attribute__((weak)) void nethical::regression::PrepareWorkload() {}

int main() {
  // Where the stack starts depends on the path and working directory the
  // process was started from (valgrind puts the executable's absolute path
  // above it). glibc's memcmp/strlen take different paths for strings near a
  // page end, so strings held on the stack would shift the count by a few
  // thousand instructions between `bazel test` and `bazel run`. Padding the
  // stack to a fixed offset within its 4 KiB page makes every stack address
  // the workload sees the same modulo the page size, whatever the start.
  char here;
  const uintptr_t offset = reinterpret_cast<uintptr_t>(&here) % 4096;
  volatile char* pad = static_cast<char*>(alloca(offset + 64));
  pad[0] = 0;
  nethical::regression::PrepareWorkload();
  CALLGRIND_TOGGLE_COLLECT;
  const uint64_t checksum = nethical::regression::RunWorkload();
  CALLGRIND_TOGGLE_COLLECT;
  std::printf("checksum %016" PRIx64 "\n", checksum);
  // A workload returns 0 only when a step failed before its work was done:
  // its count would then measure nothing and must not pass the gate.
  if (checksum == 0) {
    std::fprintf(stderr, "workload failed: RunWorkload returned 0 (a step before the work failed)\n");
    return 1;
  }
  return 0;
}
