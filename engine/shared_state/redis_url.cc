#include "engine/shared_state/redis_url.h"

#include <charconv>

namespace nethical::shared_state {
namespace {

bool ParseInt(std::string_view text, int min, int max, int* out) {
  if (text.empty() || text.size() > 5) return false;
  int v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max) return false;
  *out = v;
  return true;
}

bool IsHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

bool IsIpv6Char(char c) {
  return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || (c >= '0' && c <= '9') || c == ':' || c == '.';
}

}  // namespace

StatusOr<RedisAddress> ParseRedisUrl(std::string_view url) {
  const Status bad = InvalidArgument("expected " + std::string(kRedisUrlForm));
  constexpr std::string_view kScheme = "redis://";
  if (url.substr(0, 9) == "rediss://")
    return InvalidArgument(
        "rediss:// (TLS) is not supported: Debian's hiredis 0.14 has no TLS (hiredis_ssl); use redis:// on a "
        "network "
        "you trust, or a TLS tunnel (stunnel, spiped) to a local redis:// address");
  if (url.substr(0, kScheme.size()) != kScheme) return bad;
  std::string_view rest = url.substr(kScheme.size());
  if (rest.find('@') != std::string_view::npos)
    return InvalidArgument(
        "expected " + std::string(kRedisUrlForm) +
        ", without credentials: set NETHICAL_SHARED_STATE_USER and NETHICAL_SHARED_STATE_PASSWORD");
  RedisAddress a;
  size_t host_end;
  if (!rest.empty() && rest[0] == '[') {
    host_end = rest.find(']');
    if (host_end == std::string_view::npos || host_end < 3) return bad;
    for (char c : rest.substr(1, host_end - 1))
      if (!IsIpv6Char(c)) return bad;
    a.host = std::string(rest.substr(1, host_end - 1));
    ++host_end;
  } else {
    host_end = rest.find(':');
    if (host_end == std::string_view::npos || host_end == 0 || host_end > 253) return bad;
    for (char c : rest.substr(0, host_end))
      if (!IsHostChar(c)) return bad;
    a.host = std::string(rest.substr(0, host_end));
  }
  rest = rest.substr(host_end);
  if (rest.empty() || rest[0] != ':') return bad;
  rest = rest.substr(1);
  const size_t slash = rest.find('/');
  if (!ParseInt(rest.substr(0, slash), 1, 65535, &a.port)) return bad;
  if (slash != std::string_view::npos && !ParseInt(rest.substr(slash + 1), 0, 15, &a.db)) return bad;
  return a;
}

}  // namespace nethical::shared_state
