#include "loadgen/hdr_interval_log.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace nethical::loadgen {
namespace {

std::string TempPath(const char* name) {
  const char* dir = std::getenv("TEST_TMPDIR");
  return std::string(dir ? dir : "/tmp") + "/" + name + "." + std::to_string(getpid());
}

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The base64 field of a data line (after the fourth comma, or fifth when tagged).
std::string HistogramField(const std::string& line) { return line.substr(line.rfind(',') + 1); }

constexpr int64_t kStartWallNs = 1'765'000'000'123'000'000;

TEST(HdrIntervalLogTest, HeaderIsHdrHistogramsLogFormat13) {
  EXPECT_EQ(HdrLogHeader(kStartWallNs),
            "#[Histogram log format version 1.3]\n"
            "#[StartTime: 1765000000.123 (seconds since epoch), 2025-12-06T05:46:40Z]\n"
            "#[BaseTime: 1765000000.123 (seconds since epoch)]\n"
            "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"\n");
}

TEST(HdrIntervalLogTest, EachIntervalHoldsOnlyItsOwnSamples) {
  const std::string path = TempPath("intervals.hlog");
  StatusOr<std::unique_ptr<HdrIntervalLog>> log = HdrIntervalLog::Open(path, kStartWallNs);
  ASSERT_TRUE(log.ok()) << log.status().message();
  auto totals = std::make_unique<RunTotals>();
  for (int i = 0; i < 100; ++i) totals->response_time.Record(1'000'000);  // 1 ms
  (*log)->OnSample(1'000'000'000, *totals);
  for (int i = 0; i < 7; ++i) totals->response_time.Record(50'000'000);  // 50 ms
  totals->service_time.Record(2'000);
  (*log)->OnSample(2'000'000'000, *totals);
  ASSERT_TRUE((*log)->Close().ok());
  EXPECT_EQ((*log)->intervals(), 2);

  const std::vector<std::string> lines = Lines(path);
  ASSERT_EQ(lines.size(), 4u + 6u);
  EXPECT_EQ(lines[4].substr(0, 18), "0.000,1.000,1.004,");  // max: top of 1 ms's bucket, in ms
  EXPECT_EQ(lines[5].substr(0, 29), "Tag=service_time,0.000,1.000,");
  EXPECT_EQ(lines[6].substr(0, 25), "Tag=send_lag,0.000,1.000,");
  EXPECT_EQ(lines[7].substr(0, 18), "1.000,1.000,50.070");
  StatusOr<HdrCounts> first = DecodeHdrBase64(HistogramField(lines[4]));
  StatusOr<HdrCounts> second = DecodeHdrBase64(HistogramField(lines[7]));
  StatusOr<HdrCounts> second_service = DecodeHdrBase64(HistogramField(lines[8]));
  ASSERT_TRUE(first.ok() && second.ok() && second_service.ok());
  EXPECT_EQ((*first)[LatencyHistogram::BucketIndex(1'000'000)], 100u);
  EXPECT_EQ((*second)[LatencyHistogram::BucketIndex(1'000'000)], 0u);
  EXPECT_EQ((*second)[LatencyHistogram::BucketIndex(50'000'000)], 7u);
  EXPECT_EQ((*second_service)[LatencyHistogram::BucketIndex(2'000)], 1u);
  std::remove(path.c_str());
}

TEST(HdrIntervalLogTest, NothingIsWrittenUnderTheNameUntilClose) {
  const std::string path = TempPath("atomic.hlog");
  std::remove(path.c_str());
  StatusOr<std::unique_ptr<HdrIntervalLog>> log = HdrIntervalLog::Open(path, kStartWallNs);
  ASSERT_TRUE(log.ok());
  EXPECT_FALSE(std::ifstream(path).good());
  EXPECT_TRUE(std::ifstream(path + ".tmp").good());
  ASSERT_TRUE((*log)->Close().ok());
  EXPECT_TRUE(std::ifstream(path).good());
  EXPECT_FALSE(std::ifstream(path + ".tmp").good());
  std::remove(path.c_str());
}

TEST(HdrIntervalLogTest, UnwritableDirectoryIsReportedAtOpen) {
  StatusOr<std::unique_ptr<HdrIntervalLog>> log =
      HdrIntervalLog::Open(TempPath("no-such-dir") + "/x.hlog", kStartWallNs);
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.status().message().find("no-such-dir"), std::string::npos) << log.status().message();
}

TEST(HdrIntervalLogTest, ASampleAtTheSameInstantWritesNoEmptyInterval) {
  const std::string path = TempPath("same.hlog");
  StatusOr<std::unique_ptr<HdrIntervalLog>> log = HdrIntervalLog::Open(path, kStartWallNs);
  ASSERT_TRUE(log.ok());
  auto totals = std::make_unique<RunTotals>();
  (*log)->OnSample(1'000'000'000, *totals);
  (*log)->OnFinish(1'000'000'000, *totals);  // the finish right on a tick
  ASSERT_TRUE((*log)->Close().ok());
  EXPECT_EQ((*log)->intervals(), 1);
  EXPECT_EQ(Lines(path).size(), 4u + 3u);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace nethical::loadgen
