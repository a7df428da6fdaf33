// The address of a shared-state server, as NETHICAL_SHARED_STATE and
// generate_load --shared-state give it: redis://HOST:PORT[/DB].
//
//   StatusOr<RedisAddress> a = ParseRedisUrl("redis://10.0.0.5:6379/2");
//
// HOST: a name or IPv4 address ([A-Za-z0-9.-], 1..253 characters) or an
// IPv6 address in brackets; PORT: 1..65535 (required: the port a test or a
// deployment chose is never guessed); DB: 0..15 (default 0). No user,
// password or query part: credentials come from their own keys
// (RedisCredentials below; NETHICAL_SHARED_STATE_USER/_PASSWORD), so no
// password is ever in a URL, an argv or a report. rediss:// (TLS) is refused
// with its own message: Debian's hiredis 0.14 has no TLS. Pure function.
#pragma once

#include <string>
#include <string_view>

#include "engine/base/status.h"

namespace nethical::shared_state {

struct RedisAddress {
  std::string host;  // without brackets
  int port = 0;
  int db = 0;
};

// Who the client is to a server that requires it (AUTH; empty password:
// none sent). With a user, Redis 6's ACL form AUTH user password; without,
// the requirepass form AUTH password.
struct RedisCredentials {
  std::string user;
  std::string password;
};

// The error says what is allowed; the caller prefixes the key and value.
StatusOr<RedisAddress> ParseRedisUrl(std::string_view url);

inline constexpr std::string_view kRedisUrlForm = "redis://HOST:PORT[/DB] (PORT 1..65535, DB 0..15)";

}  // namespace nethical::shared_state
