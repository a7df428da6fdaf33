// Deterministic benchmark texts shared by detect_bench and pipeline_bench:
// clean agent-log prose that matches no rule, and the same prose with
// violating phrases spliced in, both cut to an exact byte size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <random>
#include <string>

namespace nethical::bench {

// Words that match no detector rule (checked by the benchmarks at start-up).
inline constexpr const char* kCleanWords[] = {
    "agent", "scheduler", "invoked", "tool", "create_ticket", "with", "query", "please",
    "customer", "plan", "highlight", "incident", "limit", "status", "OK", "trace", "latency",
    "step", "reading", "file", "report", "summary", "queue", "worker", "batch", "result",
    "shipping", "invoice", "weekly", "metrics", "dashboard", "cluster", "region", "north"};

// Phrases that trigger detectors (safety, manipulation, privacy, toxic).
inline constexpr const char* kViolatingPhrases[] = {
    " run sudo systemctl restart ", " URGENT verify your account ", " mail bob@corp.io ",
    " what a stupid plan ", " try privilege escalation "};

inline std::string CleanText(size_t bytes, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s;
  while (s.size() < bytes) {
    s += kCleanWords[rng() % std::size(kCleanWords)];
    s += (rng() % 9 == 0) ? ". " : " ";
  }
  s.resize(bytes);
  return s;
}

// A clean text of `bytes` bytes with one violating phrase in the middle.
inline std::string ViolatingText(size_t bytes, uint32_t seed) {
  std::string phrase = kViolatingPhrases[seed % std::size(kViolatingPhrases)];
  std::string s = CleanText(bytes, seed);
  size_t at = s.size() > phrase.size() ? (s.size() - phrase.size()) / 2 : 0;
  s.replace(at, phrase.size(), phrase);
  s.resize(bytes);
  return s;
}

}  // namespace nethical::bench
