// The replay driver: main() for the cc_test twin of every fuzz target
// (fuzz.bzl). Feeds each file of the target's seed corpus to
// LLVMFuzzerTestOneInput once, so that `bazel test //...` under gcc guards
// every corpus (and every crash ever found, once it is fixed) without clang.
//
//   replay_main <corpus dir>        (or FUZZ_CORPUS=<dir>)
//
// An invariant violation aborts (fuzz_check.h), which fails the test. Prints
// how many files it replayed; zero files is a failure (a glob that matched
// nothing must not pass silently).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  const char* env = std::getenv("FUZZ_CORPUS");
  const std::string dir = argc > 1 ? argv[1] : (env != nullptr ? env : "");
  if (dir.empty()) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR (or FUZZ_CORPUS=CORPUS_DIR)\n", argv[0]);
    return 2;
  }
  std::error_code ec;
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file(ec)) files.push_back(it->path());
  }
  if (ec) {
    std::fprintf(stderr, "cannot list corpus %s: %s\n", dir.c_str(), ec.message().c_str());
    return 1;
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
      std::fprintf(stderr, "cannot read %s\n", file.c_str());
      return 1;
    }
    std::fprintf(stderr, "replaying %s (%zu bytes)\n", file.c_str(), bytes.size());
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }
  std::printf("replayed %zu files from %s\n", files.size(), dir.c_str());
  if (files.empty()) {
    std::fprintf(stderr, "no corpus files in %s: nothing was checked\n", dir.c_str());
    return 1;
  }
  return 0;
}
