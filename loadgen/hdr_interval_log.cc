#include "loadgen/hdr_interval_log.h"

#include <cstdio>

#include "engine/base/utc_timestamp.h"
#include "loadgen/atomic_file.h"

namespace nethical::loadgen {

std::string HdrLogHeader(int64_t start_wall_ns) {
  const double start_s = start_wall_ns / 1e9;
  const std::string iso = UtcTimestamp(start_wall_ns, kIsoSecondsZ);
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "#[Histogram log format version 1.3]\n"
                "#[StartTime: %.3f (seconds since epoch), %s]\n"
                "#[BaseTime: %.3f (seconds since epoch)]\n"
                "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"\n",
                start_s, iso.c_str(), start_s);
  return buf;
}

StatusOr<std::unique_ptr<HdrIntervalLog>> HdrIntervalLog::Open(const std::string& path,
                                                               int64_t start_wall_ns) {
  Status error;
  std::FILE* f = OpenTempFile(path, &error);
  if (f == nullptr) return error;
  std::unique_ptr<HdrIntervalLog> log(new HdrIntervalLog(path, f));
  const std::string header = HdrLogHeader(start_wall_ns);
  if (std::fwrite(header.data(), 1, header.size(), f) != header.size()) log->write_failed_ = true;
  const HdrCounts zeros(LatencyHistogram::kBucketCount);
  log->previous_response_ = log->previous_service_ = log->previous_lag_ = zeros;
  return log;
}

HdrIntervalLog::~HdrIntervalLog() {
  if (file_ != nullptr) AbortTempFile(file_, path_);
}

void HdrIntervalLog::WriteInterval(const char* tag, double start_s, double length_s,
                                   const LatencyHistogram& cumulative, HdrCounts* previous) {
  HdrCounts interval(LatencyHistogram::kBucketCount);
  int top = -1;
  for (int i = 0; i < LatencyHistogram::kBucketCount; ++i) {
    const uint64_t now = cumulative.CountAt(i);
    // A reader racing a worker may see a bucket lag; never count backwards.
    interval[i] = now > (*previous)[i] ? now - (*previous)[i] : 0;
    if (interval[i] != 0) top = i;
    if (now > (*previous)[i]) (*previous)[i] = now;
  }
  const double max_ms =
      top < 0 ? 0.0 : (LatencyHistogram::BucketLow(top) + LatencyHistogram::BucketWidth(top) - 1) / 1e6;
  const std::string encoded = EncodeHdrBase64(interval);
  const int n = std::fprintf(file_, "%s%s%.3f,%.3f,%.3f,%s\n", tag[0] ? "Tag=" : "", tag[0] ? tag : "",
                             start_s, length_s, max_ms, encoded.c_str());
  if (n < 0) write_failed_ = true;
}

void HdrIntervalLog::OnSample(int64_t elapsed_ns, const RunTotals& totals) {
  if (file_ == nullptr || elapsed_ns <= last_elapsed_ns_) return;
  const double start_s = last_elapsed_ns_ / 1e9;
  const double length_s = (elapsed_ns - last_elapsed_ns_) / 1e9;
  WriteInterval("", start_s, length_s, totals.response_time, &previous_response_);
  WriteInterval("service_time,", start_s, length_s, totals.service_time, &previous_service_);
  WriteInterval("send_lag,", start_s, length_s, totals.send_lag, &previous_lag_);
  last_elapsed_ns_ = elapsed_ns;
  ++intervals_;
}

Status HdrIntervalLog::Close() {
  if (file_ == nullptr) return Status::Ok();
  std::FILE* f = file_;
  file_ = nullptr;
  return CommitTempFile(f, path_, write_failed_);
}

}  // namespace nethical::loadgen
