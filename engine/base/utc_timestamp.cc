#include "engine/base/utc_timestamp.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace nethical {
namespace {

// Writes `v` at `p`, zero-padded to `width`; returns the end.
char* PutPadded(char* p, int64_t v, int width) {
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  for (int pad = width - static_cast<int>(end - buf); pad > 0; --pad) *p++ = '0';
  return std::copy(buf, end, p);
}

// The same for a width known here: exactly kWidth digits written right to
// left when `v` has no more, else PutPadded.
template <int kWidth>
char* PutDigits(char* p, int64_t v) {
  int64_t limit = 1;
  for (int i = 0; i < kWidth; ++i) limit *= 10;
  if (v < 0 || v >= limit) return PutPadded(p, v, kWidth);
  for (int i = kWidth - 1; i >= 0; --i, v /= 10) p[i] = static_cast<char>('0' + v % 10);
  return p + kWidth;
}

// "YYYY-MM-DDTHH:MM:SS" of `secs` since the Unix epoch at `p`; returns the end.
char* WriteDateTime(int64_t secs, char* p) {
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
  p = PutDigits<4>(p, year);
  *p++ = '-';
  p = PutDigits<2>(p, month);
  *p++ = '-';
  p = PutDigits<2>(p, day);
  *p++ = 'T';
  p = PutDigits<2>(p, rem / 3600);
  *p++ = ':';
  p = PutDigits<2>(p, rem / 60 % 60);
  *p++ = ':';
  return PutDigits<2>(p, rem % 60);
}

// Room for what WriteDateTime writes for any second int64 nanoseconds
// reach (years 1677 to 2262: 19 bytes), with some to spare.
constexpr size_t kMaxDateTimeBytes = 32;

}  // namespace

char* WriteUtcTimestamp(int64_t wall_nanos, const UtcTimestampFormat& format, char* p) {
  // Floor division: an instant before 1970 has a positive fraction of the
  // second before it.
  int64_t secs = wall_nanos / 1'000'000'000;
  int64_t nanos = wall_nanos % 1'000'000'000;
  if (nanos < 0) {
    nanos += 1'000'000'000;
    secs -= 1;
  }
  // The thread's last second, rendered: a log writer formats thousands of
  // lines a second, and the date arithmetic is most of a timestamp's cost
  // (35 ns against about 10 for the rest).
  thread_local struct {
    int64_t secs = INT64_MIN;  // none yet: no wall_nanos gives this second
    size_t size = 0;
    char text[kMaxDateTimeBytes];
  } last;
  if (secs != last.secs) {
    last.size = static_cast<size_t>(WriteDateTime(secs, last.text) - last.text);
    last.secs = secs;
  }
  p = std::copy_n(last.text, last.size, p);
  if (format.fraction_digits > 0) {
    int64_t fraction = nanos;
    for (int d = format.fraction_digits; d < 9; ++d) fraction /= 10;
    if (fraction != 0 || format.fraction_if_zero) {
      *p++ = '.';
      switch (format.fraction_digits) {
        case 3:
          p = PutDigits<3>(p, fraction);
          break;
        case 6:
          p = PutDigits<6>(p, fraction);
          break;
        case 9:
          p = PutDigits<9>(p, fraction);
          break;
        default:
          p = PutPadded(p, fraction, format.fraction_digits);
      }
    }
  }
  return std::copy(format.zone.begin(), format.zone.end(), p);
}

void AppendUtcTimestamp(int64_t wall_nanos, const UtcTimestampFormat& format, std::string* out) {
  const size_t start = out->size();
  out->resize(start + UtcTimestampMaxBytes(format));
  char* end = WriteUtcTimestamp(wall_nanos, format, out->data() + start);
  out->resize(static_cast<size_t>(end - out->data()));
}

std::string UtcTimestamp(int64_t wall_nanos, const UtcTimestampFormat& format) {
  std::string s;
  AppendUtcTimestamp(wall_nanos, format, &s);
  return s;
}

}  // namespace nethical
