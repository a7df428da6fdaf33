// Writes the audit-segment seed of fuzz_audit_segment with the project's own
// AuditLog: a few records (unicode, an empty text, a long-ish text) anchored
// by tree heads, in one segment file, copied to the path given.
//
//   bazel run //tests/fuzz:make_audit_seed -- $PWD/tests/fuzz/corpus/audit_segment/real_segment.log
//
// The bytes differ per run (a fresh signing key, the wall clock of the
// FakeClock is fixed but the key is not), which is fine for a seed; commit
// the file, do not regenerate it in tests.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "engine/audit/audit_log.h"
#include "engine/audit/log_reader.h"
#include "tests/testing/fake_clock.h"

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  using namespace nethical::audit;
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT_FILE\n", argv[0]);
    return 2;
  }
  const fs::path storage = fs::temp_directory_path() / ("nethical-audit-seed-" + std::to_string(::getpid()));
  nethical::FakeClock clock;
  nethical::AuditConfig config;
  config.batch_size = 3;
  {
    auto log = AuditLog::Open(storage.string(), "seed", config, clock);
    if (!log.ok()) {
      std::fprintf(stderr, "%s\n", log.status().message().c_str());
      return 1;
    }
    const char* texts[] = {"hello", "", "caf\xc3\xa9 \xe2\x9c\x93 call 415-555-2671", "rm -rf /", "x\ty\nz"};
    int i = 0;
    for (const char* text : texts) {
      AuditRecord r;
      r.agent_id = "agent_" + std::to_string(i % 2);
      r.action_id = "a" + std::to_string(i);
      r.decision = i % 3 == 0 ? "ALLOW" : "BLOCK";
      r.risk = 0.125 * i;
      r.violation = i % 3 != 0;
      r.timestamp_ns = clock.WallNanos() + i;
      r.text = text;
      if (!(*log)->Append(r)) {
        std::fprintf(stderr, "cannot append record %d\n", static_cast<int>(i));
        return 1;
      }
      ++i;
    }
    if (auto s = (*log)->Flush(); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.message().c_str());
      return 1;
    }
  }
  auto dir = AuditDirFor(storage.string(), "seed");
  auto segments = ListSegments(*dir);
  if (!segments.ok() || segments->size() != 1) {
    std::fprintf(stderr, "expected one segment in %s\n", dir->c_str());
    return 1;
  }
  std::error_code ec;
  fs::copy_file((*segments)[0].path, argv[1], fs::copy_options::overwrite_existing, ec);
  fs::remove_all(storage);
  if (ec) {
    std::fprintf(stderr, "cannot write %s: %s\n", argv[1], ec.message().c_str());
    return 1;
  }
  std::printf("wrote %s\n", argv[1]);
  return 0;
}
