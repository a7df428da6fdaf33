#include "loadgen/histogram_record.h"

namespace nethical::loadgen {
namespace {

using Json = nlohmann::ordered_json;

bool ReadUnsigned(const Json& j, const char* key, uint64_t* out) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number_unsigned()) return false;
  *out = it->get<uint64_t>();
  return true;
}

}  // namespace

Json HistogramRecord::ToJson() const {
  return Json{{"count", count},
              {"sum_ns", sum_ns},
              {"min_ns", min_ns},
              {"max_ns", max_ns},
              {"hdr", EncodeHdrBase64(counts)}};
}

StatusOr<HistogramRecord> HistogramRecord::FromJson(const Json& j, std::string_view what) {
  const std::string where(what);
  if (!j.is_object()) return InvalidArgument(where + ": not an object");
  HistogramRecord r;
  uint64_t min = 0, max = 0;
  if (!ReadUnsigned(j, "count", &r.count) || !ReadUnsigned(j, "sum_ns", &r.sum_ns) ||
      !ReadUnsigned(j, "min_ns", &min) || !ReadUnsigned(j, "max_ns", &max))
    return InvalidArgument(where + ": count, sum_ns, min_ns and max_ns must be non-negative integers");
  if (min > max || max >= static_cast<uint64_t>(INT64_MAX))
    return InvalidArgument(where + ": min_ns " + std::to_string(min) + " and max_ns " + std::to_string(max) +
                           " are not an ordered pair of int64 values");
  r.min_ns = static_cast<int64_t>(min);
  r.max_ns = static_cast<int64_t>(max);
  const auto hdr = j.find("hdr");
  if (hdr == j.end() || !hdr->is_string()) return InvalidArgument(where + ": hdr must be a string");
  StatusOr<HdrCounts> counts = DecodeHdrBase64(hdr->get<std::string>());
  if (!counts.ok()) return InvalidArgument(where + ".hdr: " + counts.status().message());
  r.counts = std::move(*counts);
  uint64_t total = 0;
  for (uint64_t c : r.counts) total += c;
  if (total != r.count)
    return InvalidArgument(where + ": count " + std::to_string(r.count) + " but the buckets hold " +
                           std::to_string(total));
  if (total > 0 && (LatencyHistogram::BucketIndex(r.min_ns) >= static_cast<int>(r.counts.size()) ||
                    r.counts[LatencyHistogram::BucketIndex(r.min_ns)] == 0 ||
                    r.counts[LatencyHistogram::BucketIndex(r.max_ns)] == 0))
    return InvalidArgument(where + ": min_ns or max_ns lies in an empty bucket");
  return r;
}

HistogramRecord RecordOf(const LatencyHistogram& h) {
  HistogramRecord r;
  r.counts = CountsOf(h);
  for (uint64_t c : r.counts) r.count += c;  // the buckets, not count_: one consistent snapshot
  r.sum_ns = h.sum();
  r.min_ns = h.min();
  r.max_ns = h.max();
  return r;
}

void AddRecord(const HistogramRecord& record, LatencyHistogram* h) {
  h->AddBuckets(record.counts.data(), static_cast<int>(record.counts.size()), record.sum_ns, record.min_ns,
                record.max_ns);
}

}  // namespace nethical::loadgen
