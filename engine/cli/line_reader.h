// LineReader: reads the lines of a stream with a bound on their length, and
// tells the end of the input apart from a read error.
//
//   LineReader reader(in, max_line_bytes);
//   std::string line;
//   for (;;) {
//     LineReader::Result r = reader.Next(&line);
//     if (r == LineReader::kEnd) break;
//     if (r == LineReader::kError) { err << reader.error() << "\n"; return 1; }
//     if (r == LineReader::kTooLong) { ...report reader.line_number(); continue; }
//     ...use line (without its '\n')...
//   }
//
// A line longer than max_line_bytes is consumed up to its '\n' without being
// kept (memory stays bounded by max_line_bytes whatever the input) and
// reported as kTooLong; the next call reads the next line. A last line
// without '\n' is a line. A read error (a streambuf that throws, as a file
// buffer does for a directory as stdin: EISDIR; or a stream already bad) is
// kError, with error() describing it; nothing is read after it. Unlike an
// istream's sentry it does not flush the tied stream (std::cout for
// std::cin); the caller does, with FlushOutput, to see that flush fail.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace nethical::cli {

// The default bound of --max-line-bytes, and the largest value it accepts.
inline constexpr size_t kDefaultMaxLineBytes = size_t{16} << 20;  // 16 MiB
inline constexpr size_t kMaxMaxLineBytes = size_t{1} << 30;       // 1 GiB

class LineReader {
 public:
  enum Result { kLine, kTooLong, kEnd, kError };

  // REQUIRES: max_line_bytes >= 1.
  LineReader(std::istream& in, size_t max_line_bytes) : in_(in), max_line_bytes_(max_line_bytes) {}

  Result Next(std::string* line);

  // 1-based number of the line Next() last returned (kLine or kTooLong).
  int64_t line_number() const { return line_number_; }

  // What went wrong, after kError: "cannot read the input: <reason>".
  const std::string& error() const { return error_; }

 private:
  std::istream& in_;
  size_t max_line_bytes_;
  int64_t line_number_ = 0;
  bool done_ = false;
  std::string error_;
};

// Writes `text` and '\n'; false once `out` has failed (a full disk, a closed
// pipe), with *error = "cannot write the output: <reason>". Check it after
// every line so a failed output stops the run instead of dropping the rest.
bool WriteOutputLine(std::ostream& out, std::string_view text, std::string* error);

// Flushes `out`; false, with *error set as above, if the stream has failed.
bool FlushOutput(std::ostream& out, std::string* error);

// The loop of every line-in, line-out command (`nethical redact`,
// `nethical evaluate`): reads `in` with a LineReader and writes, for each
// line, what `handle` returns for it followed by '\n' (nothing for nullopt).
// `handle` gets the line (empty when too long), whether it was longer than
// max_line_bytes (then it was skipped unread), and its 1-based number.
// After each line the stream tied to `in` (std::cout for std::cin) is
// flushed, as an istream's sentry would before the next read, so a caller
// waiting for each answer gets it. Stops at the first read or write error;
// flushes `out` at the end. Returns that error ("cannot read the input: ...",
// "cannot write the output: ..."), or "" when every line went through.
struct InputLine {
  std::string_view text;  // without its '\n'
  bool too_long;
  int64_t number;
};
std::string FilterLines(std::istream& in, std::ostream& out, size_t max_line_bytes,
                        const std::function<std::optional<std::string>(const InputLine& line)>& handle);

// Parses the value of --max-line-bytes: a whole number in [1, kMaxMaxLineBytes].
// Returns 0 when it is not; the caller reports the flag and ShownValue(text).
size_t ParseMaxLineBytes(std::string_view text);

}  // namespace nethical::cli
