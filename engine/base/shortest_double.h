// The shortest decimal text that reads back as a double, exactly as
// std::to_chars(first, last, v) writes it (0.25, 1, 1e-07,
// 0.3333333333333333), for the log writers that put a dozen numbers on each
// line.
//
//   char buf[kShortestDoubleMaxBytes];
//   char* end = WriteShortestDouble(0.125, buf);   // "0.125"
//
// std::to_chars costs 35-50 ns per double here, most of a log line's
// formatting. A line's features and classes take few distinct values
// (0, 1, k/3, 0.0625, ...), so each thread remembers the text of the
// doubles it wrote last in a small direct-mapped table (256 entries by the
// value's bits): a repeated value is one 24-byte copy. The text is the
// same whether or not the table holds it.
#pragma once

namespace nethical {

// The longest text: "-2.2250738585072014e-308".
inline constexpr int kShortestDoubleMaxBytes = 24;

// Writes the text of a finite or infinite (inf, -inf) or NaN (nan) value
// at `out`, which has room for kShortestDoubleMaxBytes, and returns the
// end of what it wrote.
char* WriteShortestDouble(double v, char* out);

}  // namespace nethical
