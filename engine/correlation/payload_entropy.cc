#include "engine/correlation/payload_entropy.h"

#include <array>
#include <cmath>
#include <cstdint>

namespace nethical::correlation {

double PayloadEntropy(std::string_view payload) {
  if (payload.empty()) return 0.0;
  std::array<uint32_t, 256> counts{};
  for (unsigned char c : payload) ++counts[c];
  const double n = static_cast<double>(payload.size());
  double h = 0.0;
  for (uint32_t c : counts) {
    if (c == 0) continue;
    const double p = c / n;
    h -= p * std::log2(p);
  }
  return h;
}

}  // namespace nethical::correlation
