// The one generator of synthetic agent texts. generate_load's MixedWorkload
// (its corpus), the benchmarks (bench/) and the instruction-count workloads
// (tests/regression) all take their texts from here, so a microbenchmark, a
// regression count and a load run measure the same bytes. Every function is
// a pure function of its arguments (seeded by Mix64, schedule.h).
//
// The material (benign sentences, PII and trigger snippets) is in
// workload_texts.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "loadgen/action_truth.h"

namespace nethical::loadgen {

// Benign sentences (kBenignSentences, picked by `seed`) joined by single
// spaces, cut to exactly `bytes` bytes (the last sentence may be cut). It
// trips no detector and carries no PII.
std::string BenignText(size_t bytes, uint64_t seed);

// BenignText(bytes, seed) with `insert` as a sentence of its own near the
// middle (between two sentences, so no word is glued to it), cut to exactly
// `bytes` bytes. When `insert` is at least `bytes` long the result is
// `insert` alone.
std::string BenignTextWith(size_t bytes, uint64_t seed, std::string_view insert);

// Entry j of the mixed workload's corpus for `seed`: benign sentences up to a
// log-uniform length of 32 B .. 4 KiB, with one PII snippet (`pii`) and/or
// one trigger snippet (`trigger`) inserted at a sentence boundary. *truth
// gets what was put in: the PII value's span and type, the category the
// trigger was written to trip (else kPrivacy for PII, else none).
std::string MixedText(uint64_t seed, int j, bool pii, bool trigger, ActionTruth* truth);

}  // namespace nethical::loadgen
