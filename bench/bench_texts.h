// The benchmarks' fixed-size texts, taken from the one text generator
// (loadgen/text_generator.h) that also feeds generate_load and the
// instruction-count workloads: benign prose cut to an exact size, and the
// same prose with one of the generator's trigger snippets (the texts its
// mixed workload uses to trip a detector) as a sentence near the middle.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "loadgen/text_generator.h"
#include "loadgen/workload_texts.h"

namespace nethical::bench {

inline std::string CleanText(size_t bytes, uint32_t seed) { return loadgen::BenignText(bytes, seed); }

// A text that trips a detector: `bytes` bytes when the snippet fits, else
// the snippet alone (some are longer than 64 bytes).
inline std::string ViolatingText(size_t bytes, uint32_t seed) {
  const auto& snippet = loadgen::kTriggerSnippets[seed % loadgen::kTriggerSnippets.size()];
  return loadgen::BenignTextWith(bytes, seed, snippet.text);
}

}  // namespace nethical::bench
