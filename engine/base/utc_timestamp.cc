#include "engine/base/utc_timestamp.h"

#include <algorithm>
#include <charconv>

namespace nethical {
namespace {

// Writes `v` at `p`, zero-padded to `width`; returns the end.
char* PutPadded(char* p, int64_t v, int width) {
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  for (int pad = width - static_cast<int>(end - buf); pad > 0; --pad) *p++ = '0';
  return std::copy(buf, end, p);
}

}  // namespace

void AppendUtcTimestamp(int64_t wall_nanos, const UtcTimestampFormat& format, std::string* out) {
  // Floor division: an instant before 1970 has a positive fraction of the
  // second before it.
  int64_t secs = wall_nanos / 1'000'000'000;
  int64_t nanos = wall_nanos % 1'000'000'000;
  if (nanos < 0) {
    nanos += 1'000'000'000;
    secs -= 1;
  }
  // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil,
  // inverted): pure arithmetic, several times cheaper than gmtime_r.
  int64_t days = secs / 86400;
  int64_t rem = secs % 86400;
  if (rem < 0) rem += 86400, days -= 1;
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2);
  // Composed on the stack, one append (a log line holds several).
  char text[96];
  char* p = PutPadded(text, year, 4);
  *p++ = '-';
  p = PutPadded(p, month, 2);
  *p++ = '-';
  p = PutPadded(p, day, 2);
  *p++ = 'T';
  p = PutPadded(p, rem / 3600, 2);
  *p++ = ':';
  p = PutPadded(p, rem / 60 % 60, 2);
  *p++ = ':';
  p = PutPadded(p, rem % 60, 2);
  if (format.fraction_digits > 0) {
    int64_t fraction = nanos;
    for (int d = format.fraction_digits; d < 9; ++d) fraction /= 10;
    if (fraction != 0 || format.fraction_if_zero) {
      *p++ = '.';
      p = PutPadded(p, fraction, format.fraction_digits);
    }
  }
  out->append(text, p);
  out->append(format.zone);
}

std::string UtcTimestamp(int64_t wall_nanos, const UtcTimestampFormat& format) {
  std::string s;
  AppendUtcTimestamp(wall_nanos, format, &s);
  return s;
}

}  // namespace nethical
