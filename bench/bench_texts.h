// The benchmarks' fixed-size texts, taken from the one text generator
// (loadgen/text_generator.h) that also feeds generate_load and the
// instruction-count workloads: benign prose cut to an exact size, and the
// same prose with one of the generator's trigger snippets (the texts its
// mixed workload uses to trip a detector) as a sentence near the middle.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "loadgen/text_generator.h"
#include "loadgen/workload.h"
#include "loadgen/workload_texts.h"

namespace nethical::bench {

inline std::string CleanText(size_t bytes, uint32_t seed) { return loadgen::BenignText(bytes, seed); }

// A text that trips a detector: `bytes` bytes when the snippet fits, else
// the snippet alone (some are longer than 64 bytes).
inline std::string ViolatingText(size_t bytes, uint32_t seed) {
  const auto& snippet = loadgen::kTriggerSnippets[seed % loadgen::kTriggerSnippets.size()];
  return loadgen::BenignTextWith(bytes, seed, snippet.text);
}

// generate_load's mixed texts (MixedWorkload's corpus: 256 texts per seed)
// from `corpora` seeds. With one corpus, the texts generate_load draws from,
// a loop that scans them over and over lets the CPU's branch predictors
// learn every one of them: the Hyperscan pass and the data-poisoning
// statistic then run about twice as fast as on texts they have not learnt.
// Sixteen corpora (4,096 texts) are more than they learn, which is what an
// action meets in generate_load, where the rest of the pipeline's branches
// overwrite what was learnt between two scans (docs/benchmarks.md, "Texts
// the branch predictors have learnt").
inline std::vector<std::string> MixedTexts(int corpora) {
  std::vector<std::string> texts;
  for (int c = 0; c < corpora; ++c) {
    loadgen::WorkloadOptions options;  // seed 0 first: the generator's default corpus
    options.seed = static_cast<uint64_t>(c);
    const loadgen::MixedWorkload workload(options);
    texts.insert(texts.end(), workload.corpus().begin(), workload.corpus().end());
  }
  return texts;
}

}  // namespace nethical::bench
