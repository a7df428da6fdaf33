// ISO 8601 UTC timestamps from wall-clock nanoseconds since the Unix epoch:
// the one formatter behind every timestamp the engine, the load generator
// and the tools write. Pure arithmetic (no gmtime_r, no locale, no
// allocation beyond `out`), correct before 1970 as after.
//
//   std::string s;
//   AppendUtcTimestamp(1'767'225'600'123'456'789, kPythonIsoformat, &s);
//   // "2026-01-01T00:00:00.123456+00:00"
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace nethical {

struct UtcTimestampFormat {
  int fraction_digits;    // 0 (whole seconds), 3, 6 or 9; the rest is truncated
  bool fraction_if_zero;  // false: no fraction at all when its digits are all 0
  std::string_view zone;  // "Z" or "+00:00"
};

// Python's datetime.fromtimestamp(t, timezone.utc).isoformat():
// "2026-01-01T00:00:00.123456+00:00", "2026-01-01T00:00:00+00:00".
inline constexpr UtcTimestampFormat kPythonIsoformat{6, false, "+00:00"};
// "2026-01-01T00:00:00.000000+00:00": the verdict JSON's (the original's
// isoformat() of a datetime that always has microseconds).
inline constexpr UtcTimestampFormat kIsoMicrosOffset{6, true, "+00:00"};
// "2026-01-01T00:00:00.123456Z": the shadow log's.
inline constexpr UtcTimestampFormat kIsoMicrosZ{6, true, "Z"};
// "2026-01-01T00:00:00.123456789Z": the audit log's tree heads.
inline constexpr UtcTimestampFormat kIsoNanosZ{9, true, "Z"};
// "2026-01-01T00:00:00Z": whole seconds (HdrHistogram log headers).
inline constexpr UtcTimestampFormat kIsoSecondsZ{0, true, "Z"};

// The most bytes WriteUtcTimestamp writes in `format`.
constexpr size_t UtcTimestampMaxBytes(const UtcTimestampFormat& format) { return 48 + format.zone.size(); }
// Writes the timestamp of `wall_nanos` in `format` at `out`, which has room
// for UtcTimestampMaxBytes(format), and returns the end of what it wrote.
char* WriteUtcTimestamp(int64_t wall_nanos, const UtcTimestampFormat& format, char* out);
// Appends the timestamp of `wall_nanos` in `format` to `out`.
void AppendUtcTimestamp(int64_t wall_nanos, const UtcTimestampFormat& format, std::string* out);
// The same, as a new string.
std::string UtcTimestamp(int64_t wall_nanos, const UtcTimestampFormat& format);

}  // namespace nethical
