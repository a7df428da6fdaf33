// Invariants over randomized texts (fixed seeds): findings are in bounds,
// sorted and disjoint; redaction removes every found value; scanning is safe
// from many threads at once (run under --config=tsan).
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <thread>

#include "tests/redact/redactor_test_util.h"

namespace nethical::redact {
namespace {

// Random texts built from PII fragments, look-alikes, words, punctuation and
// multibyte characters, glued in random order.
std::string RandomText(std::mt19937& rng) {
  static const char* const kPieces[] = {"jane@corp.io",
                                        "415-555-2671",
                                        "+44 20 7946 0958",
                                        "536-22-1234",
                                        "4111 1111 1111 1111",
                                        "203.0.113.7",
                                        "2001:db8::1",
                                        "passport X1234567",
                                        "DOB 1985-07-04",
                                        "v1.2.3.4",
                                        "8158482932994758",
                                        "INC-39562",
                                        "Grüße",
                                        "✓",
                                        " ",
                                        ", ",
                                        "-",
                                        ".",
                                        ":",
                                        "the",
                                        "call",
                                        "AKIAIOSFODNN7EXAMPLE",
                                        "Bearer abcDEF123456ghiJKL789",
                                        "my name is Ann Lee",
                                        "12 Main St",
                                        "1",
                                        "22",
                                        "333",
                                        "4444"};
  std::uniform_int_distribution<size_t> piece(0, std::size(kPieces) - 1);
  std::uniform_int_distribution<int> count(0, 30);
  std::string text;
  for (int i = count(rng); i > 0; --i) text += kPieces[piece(rng)];
  return text;
}

TEST(RedactorProperty, FindingsAreInBoundsSortedAndDisjoint) {
  auto redactor = MakeRedactor(RedactionPolicy::kAggressive);
  std::mt19937 rng(20261129);
  for (int i = 0; i < 3000; ++i) {
    std::string text = RandomText(rng);
    PiiOutcome scan = redactor->Scan(text);
    uint32_t last_end = 0;
    for (const PiiFinding& f : scan.findings) {
      ASSERT_LT(f.start, f.end) << text;
      ASSERT_LE(f.end, text.size()) << text;
      ASSERT_GE(f.start, last_end) << text;
      ASSERT_GE(f.confidence, 0.5) << text;
      last_end = f.end;
    }
    ASSERT_GE(scan.risk, 0.0);
    ASSERT_LT(scan.risk, 1.0);
  }
}

size_t Occurrences(const std::string& text, const std::string& value) {
  size_t n = 0;
  for (size_t pos = text.find(value); pos != std::string::npos; pos = text.find(value, pos + 1)) ++n;
  return n;
}

// The same value may also occur elsewhere, in a context that is not PII
// (glued to another number) or inside a longer finding, so the property is
// "at least one fewer occurrence per finding".
TEST(RedactorProperty, RedactionRemovesEveryFoundOccurrence) {
  auto redactor = MakeRedactor(RedactionPolicy::kStandard);
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    std::string text = RandomText(rng);
    PiiOutcome scan = redactor->Scan(text);
    std::string redacted = redactor->Redact(text, scan);
    std::map<std::string, size_t> found;
    for (const PiiFinding& f : scan.findings) ++found[text.substr(f.start, f.end - f.start)];
    for (const auto& [value, n] : found) {
      if (value.size() < 8) continue;  // short values can reappear inside markers' neighbours
      ASSERT_LE(Occurrences(redacted, value) + n, Occurrences(text, value)) << text;
    }
  }
}

TEST(RedactorProperty, ConcurrentScansAgreeWithASingleThread) {
  auto redactor =
      MakeRedactor(RedactionPolicy::kAggressive, RedactionMode::kToken, "000102030405060708090a0b0c0d0e0f");
  std::mt19937 rng(99);
  std::vector<std::string> texts;
  std::vector<std::string> expected;
  for (int i = 0; i < 200; ++i) {
    texts.push_back(RandomText(rng));
    expected.push_back(redactor->Redact(texts.back(), redactor->Scan(texts.back())));
  }
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        for (size_t i = 0; i < texts.size(); ++i) {
          if (redactor->Redact(texts[i], redactor->Scan(texts[i])) != expected[i]) ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

}  // namespace
}  // namespace nethical::redact
