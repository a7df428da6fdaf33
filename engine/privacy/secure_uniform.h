// Uniform doubles from a cryptographically secure source (OpenSSL
// RAND_bytes), for differential-privacy noise: a predictable PRNG would let
// an observer subtract the noise. Bytes are drawn 4 KiB at a time into a
// per-thread buffer, so a sample costs a few nanoseconds, and threads never
// contend.
#pragma once

#include "engine/base/status.h"

namespace nethical::privacy {

// A double uniformly distributed in the open interval (0, 1), with 53 random
// bits. Internal when OpenSSL's generator fails (it is not seeded).
StatusOr<double> SecureUniformOpen01();

}  // namespace nethical::privacy
