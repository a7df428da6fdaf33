// Offline checks of a region's audit directory, for `nethical audit`.
//
//   VerifyReport report;
//   Status s = VerifyLog(dir, dir + "/tree_head_key.pub.pem", &report);
//
// VerifyLog recomputes the RFC 6962 tree from the records and checks, in log
// order: segment headers and continuity, every frame checksum, that every
// record decodes, and for every tree head that it covers exactly the
// records before it, that its root matches them, that its Ed25519 signature
// verifies, that it grows the tree, and that an RFC 6962 consistency proof
// from the previous head verifies; and for every range checkpoint that it
// holds the tree of the records before it and the newest head's size.
// Records after the last head fail the
// check (a cleanly closed or recovered log has none). The first problem is
// returned as a DataLoss Status naming the record index or head and where
// it sits (segment file, byte offset).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/audit/tree_head.h"
#include "engine/base/status.h"

namespace nethical::audit {

struct VerifyReport {
  uint64_t records = 0;
  uint64_t heads = 0;
  uint64_t segments = 0;
  uint64_t unanchored = 0;        // live only: records after the last head
  uint64_t incomplete_bytes = 0;  // live only: a frame still being written
  // Frames the staging ring holds after the last segment's (acknowledged,
  // not in a segment yet: a running writer's, or a killed one's, which
  // opening the log writes to the segment; docs/audit.md).
  uint64_t staged_bytes = 0;
};

// live: the log belongs to a running writer, so its tail may be incomplete:
// records after the last head and a partial last frame (with no valid frame
// after it) are reported in `report` instead of failing the check.
Status VerifyLog(const std::string& audit_dir, const std::string& public_key_path, VerifyReport* report,
                 bool live = false);

}  // namespace nethical::audit
