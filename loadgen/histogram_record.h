// HistogramRecord: a latency histogram in the form the JSON summary carries
// it, lossless: every bucket count (HdrHistogram V2 compressed base64,
// hdr_encoding.h) plus the exact count, sum, min and max that HdrHistogram's
// encoding leaves out. Adding the records of several runs gives exactly the
// histogram one run of all their samples would have recorded, so every
// percentile of a merge is the single run's (merge_results.h).
//
//   HistogramRecord r = RecordOf(totals.response_time);   // after a run
//   Json j = r.ToJson();  ...  StatusOr<HistogramRecord> back = HistogramRecord::FromJson(j,
//   "response_time"); LatencyHistogram merged; AddRecord(*back, &merged);
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "engine/base/latency_histogram.h"
#include "engine/base/status.h"
#include "loadgen/hdr_encoding.h"

namespace nethical::loadgen {

struct HistogramRecord {
  uint64_t count = 0;
  uint64_t sum_ns = 0;
  int64_t min_ns = 0;  // 0 when empty
  int64_t max_ns = 0;
  HdrCounts counts;  // kBucketCount entries (empty only in a default record)

  // {"count", "sum_ns", "min_ns", "max_ns", "hdr": "HISTF..."}
  nlohmann::ordered_json ToJson() const;
  // `what` names the histogram in errors ("a.json: histograms.response_time: ...").
  static StatusOr<HistogramRecord> FromJson(const nlohmann::ordered_json& j, std::string_view what);
};

HistogramRecord RecordOf(const LatencyHistogram& h);
// Adds the record's samples to `h` (min, max, sum exact).
void AddRecord(const HistogramRecord& record, LatencyHistogram* h);

}  // namespace nethical::loadgen
