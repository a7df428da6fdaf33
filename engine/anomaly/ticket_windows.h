// TicketWindows<kBins>: counts per bin for consecutive windows of samples,
// each sample attributed to the window its ticket (the running count of
// samples, taken first) falls in, exactly, however threads interleave: a
// window's counts are its own samples, none from the windows around it.
//
//   TicketWindows<10> windows;
//   const uint64_t n = ticket.fetch_add(1) + 1;           // 1-based
//   if (auto counts = windows.Add((n - 1) / 100, 100, bin)) Compare(*counts);
//
// Two buffers alternate (window w counts into buffer w % 2). The sample
// that completes a window (the last of its samples to be counted, whichever
// thread adds it, so nobody waits for a slower thread) takes the window's
// counts and hands the buffer to window w + 2. A sample of window w + 2
// that arrives while window w is still open (a thread of window w
// preempted for a whole window's worth of samples) yields until it
// completes. Windows complete in order except when such a straggler
// holds one back. Lock-free otherwise: per sample a load and two atomic
// adds on one cache line; AddCounts adds a run of samples with one add per
// bin it touches and one to the fill count.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <thread>

namespace nethical::anomaly {

template <size_t kBins>
class TicketWindows {
 public:
  TicketWindows() {
    buffers_[0].window.store(0, std::memory_order_relaxed);
    buffers_[1].window.store(1, std::memory_order_relaxed);
  }

  // Counts one sample in `bin` of window `w` (which holds `size` samples).
  // Returns the window's counts if this sample completed it.
  // REQUIRES: size >= 1, bin < kBins; every window's samples added once each.
  std::optional<std::array<uint32_t, kBins>> Add(uint64_t w, uint32_t size, size_t bin) {
    Buffer& b = BufferOf(w);
    b.counts[bin].fetch_add(1, std::memory_order_relaxed);
    return Filled(b, w, size, 1);
  }

  // Counts `samples` samples of window `w` at once, counts[i] of them in bin
  // i: a run of consecutive tickets (ThreadBatches). Returns the window's
  // counts if these completed it.
  // REQUIRES: counts add up to samples, 1 <= samples <= what is left of w.
  std::optional<std::array<uint32_t, kBins>> AddCounts(uint64_t w, uint32_t size,
                                                       const std::array<uint32_t, kBins>& counts,
                                                       uint32_t samples) {
    Buffer& b = BufferOf(w);
    for (size_t i = 0; i < kBins; ++i)
      if (counts[i] != 0) b.counts[i].fetch_add(counts[i], std::memory_order_relaxed);
    return Filled(b, w, size, samples);
  }

 private:
  struct alignas(64) Buffer {
    std::atomic<uint64_t> window{0};  // the window counting here
    std::atomic<uint32_t> filled{0};  // its samples counted so far
    std::array<std::atomic<uint32_t>, kBins> counts{};
  };

  Buffer& BufferOf(uint64_t w) {
    Buffer& b = buffers_[w % 2];
    while (b.window.load(std::memory_order_acquire) != w) std::this_thread::yield();
    return b;
  }

  // Marks `samples` more of window w counted; if that completes it, takes
  // its counts and hands the buffer to window w + 2.
  std::optional<std::array<uint32_t, kBins>> Filled(Buffer& b, uint64_t w, uint32_t size, uint32_t samples) {
    // acq_rel: the completing add sees every count added before any add of
    // the window (all are read-modify-writes of `filled`).
    if (b.filled.fetch_add(samples, std::memory_order_acq_rel) + samples != size) return std::nullopt;
    std::array<uint32_t, kBins> counts;
    for (size_t i = 0; i < kBins; ++i) counts[i] = b.counts[i].exchange(0, std::memory_order_relaxed);
    b.filled.store(0, std::memory_order_relaxed);
    b.window.store(w + 2, std::memory_order_release);
    return counts;
  }

  std::array<Buffer, 2> buffers_;
};

}  // namespace nethical::anomaly
