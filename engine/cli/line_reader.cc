#include "engine/cli/line_reader.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <exception>

namespace nethical::cli {

LineReader::Result LineReader::Next(std::string* line) {
  line->clear();
  if (done_) return error_.empty() ? kEnd : kError;
  if (!in_.good() && !in_.eof()) {
    done_ = true;
    error_ = "cannot read the input: the stream is in a failed state";
    return kError;
  }
  std::streambuf* buffer = in_.rdbuf();
  if (buffer == nullptr) {
    done_ = true;
    error_ = "cannot read the input: no stream buffer";
    return kError;
  }
  bool too_long = false;
  bool any = false;
  errno = 0;
  try {
    for (;;) {
      const int c = buffer->sbumpc();
      if (c == std::char_traits<char>::eof()) {
        done_ = true;
        in_.setstate(std::ios::eofbit);
        if (!any) return kEnd;
        break;
      }
      any = true;
      if (c == '\n') break;
      if (too_long) continue;
      if (line->size() >= max_line_bytes_) {
        too_long = true;
        std::string().swap(*line);  // give the memory back
        continue;
      }
      line->push_back(static_cast<char>(c));
    }
  } catch (const std::exception& e) {
    // libstdc++'s filebuf throws from underflow on a read error (EISDIR for
    // a directory as stdin, EIO, ...); an istream would set badbit.
    const int saved = errno;
    done_ = true;
    line->clear();
    error_ = std::string("cannot read the input: ") + (saved != 0 ? std::strerror(saved) : e.what());
    return kError;
  } catch (...) {
    done_ = true;
    line->clear();
    error_ = "cannot read the input: unknown error";
    return kError;
  }
  ++line_number_;
  return too_long ? kTooLong : kLine;
}

namespace {

std::string WriteError(int saved_errno) {
  return std::string("cannot write the output") +
         (saved_errno != 0 ? std::string(": ") + std::strerror(saved_errno) : "");
}

}  // namespace

bool WriteOutputLine(std::ostream& out, std::string_view text, std::string* error) {
  errno = 0;
  out << text << '\n';
  if (out) return true;
  *error = WriteError(errno);
  return false;
}

bool FlushOutput(std::ostream& out, std::string* error) {
  errno = 0;
  out.flush();
  if (out) return true;
  *error = WriteError(errno);
  return false;
}

std::string FilterLines(std::istream& in, std::ostream& out, size_t max_line_bytes,
                        const std::function<std::optional<std::string>(const InputLine& line)>& handle) {
  std::string io_error;  // the first read or write error; it ends the run
  LineReader reader(in, max_line_bytes);
  std::string line;
  for (;;) {
    const LineReader::Result r = reader.Next(&line);
    if (r == LineReader::kEnd) break;
    if (r == LineReader::kError) {
      io_error = reader.error();
      break;
    }
    const std::optional<std::string> result = handle({line, r == LineReader::kTooLong, reader.line_number()});
    if (!result) continue;
    if (!WriteOutputLine(out, *result, &io_error)) break;
    if (std::ostream* tied = in.tie(); tied != nullptr && !FlushOutput(*tied, &io_error)) break;
  }
  if (io_error.empty()) FlushOutput(out, &io_error);
  return io_error;
}

size_t ParseMaxLineBytes(std::string_view text) {
  size_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 1 || v > kMaxMaxLineBytes) return 0;
  return v;
}

}  // namespace nethical::cli
