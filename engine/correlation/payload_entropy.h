// Shannon entropy of a payload's bytes, in bits per byte (log2), as the
// original's correlation engine computes it: 0 for an empty payload, at most
// 8. One pass over the bytes with 256 counters; allocates nothing.
//
//   double e = PayloadEntropy("hello world");   // ~2.85
#pragma once

#include <string_view>

namespace nethical::correlation {

double PayloadEntropy(std::string_view payload);

}  // namespace nethical::correlation
