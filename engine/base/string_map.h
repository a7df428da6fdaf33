// A map keyed by std::string that is looked up by std::string_view without
// building a string (heterogeneous lookup, C++20):
//
//   StringMap<Entry> m;
//   auto it = m.find(std::string_view("agent_7"));   // no allocation
//   size_t shard = StringHash{}("agent_7") % kShards;
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace nethical {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

}  // namespace nethical
