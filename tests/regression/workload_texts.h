// Deterministic texts for the regression workloads: agent-log prose that
// matches no detector rule or PII pattern, optionally with one PII value or
// one violating phrase spliced into the middle, cut to an exact byte size.
// Words are picked by a fixed linear congruential sequence, so every build
// and run sees the same bytes. Workloads build their texts once, before the
// loop they measure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

namespace nethical::regression {

inline constexpr std::string_view kCleanWords[] = {
    "agent",  "scheduler", "invoked", "tool",    "create_ticket", "with",    "query",
    "please", "customer",  "plan",    "status",  "OK",            "trace",   "latency",
    "step",   "reading",   "file",    "report",  "summary",       "queue",   "worker",
    "batch",  "result",    "invoice", "weekly",  "metrics",       "cluster", "region"};

// One value of each kind the standard redaction policy looks for.
inline constexpr std::string_view kPiiSnippets[] = {
    " contact jane.doe@example.org today ", " call (425) 555-0142 now ",
    " card 4111 1111 1111 1111 on file ",   " ssn 219-09-9999 recorded ",
    " host 192.168.10.20 responded ",       " email ops-team@corp.example.com "};

// Phrases that trigger the detectors (safety, manipulation, privacy, toxic).
inline constexpr std::string_view kViolatingPhrases[] = {
    " run sudo systemctl restart ", " URGENT verify your account ", " mail bob@corp.io ",
    " what a stupid plan ", " try privilege escalation "};

// `bytes` bytes of clean prose; `seed` picks the word sequence.
inline std::string CleanText(size_t bytes, uint32_t seed) {
  uint32_t state = seed * 2654435761u + 1;
  std::string s;
  s.reserve(bytes + 16);
  while (s.size() < bytes) {
    state = state * 1664525u + 1013904223u;
    s += kCleanWords[(state >> 8) % std::size(kCleanWords)];
    s += ((state >> 24) % 9 == 0) ? ". " : " ";
  }
  s.resize(bytes);
  return s;
}

// CleanText(bytes, seed) with `insert` written over its middle.
inline std::string TextWith(size_t bytes, uint32_t seed, std::string_view insert) {
  std::string s = CleanText(bytes, seed);
  const size_t at = s.size() > insert.size() ? (s.size() - insert.size()) / 2 : 0;
  s.replace(at, insert.size(), insert);
  s.resize(bytes);
  return s;
}

}  // namespace nethical::regression
