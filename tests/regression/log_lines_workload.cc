// The log writer threads' formatting: 20,000 shadow-prediction lines and
// 20,000 blended-decision lines, each into a reused buffer as JsonlLog's
// writer formats them, from records shaped like a generate_load run's
// (tests/testing/log_line_records.h: scores differ per line, features
// repeat as in a run). The records are made in PrepareWorkload(), so the
// count is the formatting alone. No file: the write(2) is the kernel's.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/shadow/blended_log.h"
#include "engine/shadow/shadow_log_line.h"
#include "tests/regression/workload.h"
#include "tests/testing/log_line_records.h"

namespace nethical::regression {
namespace {

template <typename Record>
uint64_t FormatAll(const std::vector<Record>& records,
                   void (*append)(const Record&, uint64_t, std::string_view, std::string*)) {
  std::string line;
  uint64_t checksum = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    line.clear();
    append(records[i], i, "eu-west-1", &line);
    // The length and a byte from the middle (the numbers): enough to keep
    // the formatting, without a per-byte loop that the count would include.
    checksum =
        checksum * 1099511628211ULL + line.size() * 131 + static_cast<unsigned char>(line[line.size() / 2]);
  }
  return checksum;
}

constexpr size_t kLines = 20000;
std::vector<shadow::ShadowLogRecord>* shadow_records = nullptr;
std::vector<shadow::BlendedDecisionRecord>* blended_records = nullptr;

}  // namespace

void PrepareWorkload() {
  shadow_records = new std::vector<shadow::ShadowLogRecord>(testing::ShadowLogRecordsLikeARun(kLines, 42));
  blended_records =
      new std::vector<shadow::BlendedDecisionRecord>(testing::BlendedDecisionRecordsLikeARun(kLines, 7));
}

uint64_t RunWorkload() {
  return FormatAll(*shadow_records, &shadow::AppendShadowLogLine) ^
         FormatAll(*blended_records, &shadow::AppendBlendedDecisionLine);
}

}  // namespace nethical::regression
