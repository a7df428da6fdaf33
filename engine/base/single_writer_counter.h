// Counters with exactly one writer thread and any number of readers: a
// relaxed load + store (no locked read-modify-write), so an increment costs
// what a plain one does, and readers never see a torn value.
#pragma once

#include <atomic>
#include <cstdint>

namespace nethical {

template <typename T>
inline void SingleWriterAdd(std::atomic<T>& counter, T by) {
  counter.store(counter.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
}

}  // namespace nethical
