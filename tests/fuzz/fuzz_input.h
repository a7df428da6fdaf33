// FuzzInput: takes typed values off the front of a fuzzer's byte string, so
// one input can choose a mode, sizes and payloads. Reading past the end
// yields zeros / empty strings (never fails), so every input is usable.
// (libFuzzer's FuzzedDataProvider is clang-only; the replay tests build
// with gcc.)
//
//   FuzzInput in(data, size);
//   uint8_t mode = in.Byte();
//   uint64_t n = in.Uint64() % 100;
//   std::string_view blob = in.Bytes(32);
//   std::string_view rest = in.Rest();
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nethical::fuzz {

// The arguments of a command line written as one byte string: the pieces
// between NUL bytes ("--rps\0" "50" -> {"--rps", "50"}); none when empty.
inline std::vector<std::string> SplitOnNul(std::string_view input) {
  std::vector<std::string> args;
  if (input.empty()) return args;
  size_t start = 0;
  while (true) {
    const size_t nul = input.find('\0', start);
    args.emplace_back(input.substr(start, nul - start));
    if (nul == std::string_view::npos) break;
    start = nul + 1;
  }
  return args;
}

class FuzzInput {
 public:
  FuzzInput(const uint8_t* data, size_t size) : data_(reinterpret_cast<const char*>(data), size) {}

  size_t remaining() const { return data_.size(); }

  uint8_t Byte() {
    if (data_.empty()) return 0;
    const uint8_t b = static_cast<uint8_t>(data_.front());
    data_.remove_prefix(1);
    return b;
  }

  bool Bool() { return (Byte() & 1) != 0; }

  // Little-endian; missing bytes count as zero.
  uint64_t Uint64() {
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= uint64_t{Byte()} << (8 * i);
    return v;
  }

  // Up to `n` bytes (fewer at the end of the input).
  std::string_view Bytes(size_t n) {
    n = std::min(n, data_.size());
    std::string_view out = data_.substr(0, n);
    data_.remove_prefix(n);
    return out;
  }

  std::string_view Rest() { return Bytes(data_.size()); }

 private:
  std::string_view data_;
};

}  // namespace nethical::fuzz
