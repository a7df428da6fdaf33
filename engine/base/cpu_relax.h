// CpuRelax: one pause of a spin-wait loop (x86 PAUSE: frees the core's
// pipeline for its sibling and saves power; nothing elsewhere). For loops
// that spin a bounded number of times before they block or yield
// (spin_lock.h, the audit log's write lock).
#pragma once

namespace nethical {

inline void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

}  // namespace nethical
