// The address of a shared-state server, as NETHICAL_SHARED_STATE and
// generate_load --shared-state give it: redis://HOST:PORT[/DB].
//
//   StatusOr<RedisAddress> a = ParseRedisUrl("redis://10.0.0.5:6379/2");
//
// HOST: a name or IPv4 address ([A-Za-z0-9.-], 1..253 characters) or an
// IPv6 address in brackets; PORT: 1..65535 (required: the port a test or a
// deployment chose is never guessed); DB: 0..15 (default 0). No user,
// password or query part: a server that needs them is not supported yet.
// Pure function.
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

// The error says what is allowed; the caller prefixes the key and value.
StatusOr<RedisAddress> ParseRedisUrl(std::string_view url);

inline constexpr std::string_view kRedisUrlForm = "redis://HOST:PORT[/DB] (PORT 1..65535, DB 0..15)";

}  // namespace nethical::shared_state
