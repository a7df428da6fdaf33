// main() of every regression workload. Run under
//   valgrind --tool=callgrind --collect-atstart=no <workload>
// the toggles below make callgrind count exactly RunWorkload(). Outside
// valgrind they cost a few instructions and do nothing.
#include <valgrind/callgrind.h>

#include <cinttypes>
#include <cstdio>

#include "tests/regression/workload.h"

int main() {
  CALLGRIND_TOGGLE_COLLECT;
  const uint64_t checksum = nethical::regression::RunWorkload();
  CALLGRIND_TOGGLE_COLLECT;
  std::printf("checksum %016" PRIx64 "\n", checksum);
  return 0;
}
