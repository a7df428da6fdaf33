// EditDistance: the Levenshtein distance of two strings (insertions,
// deletions and substitutions of one byte each), ASCII case ignored. The one
// measure behind every "did you mean" of the project: unknown NETHICAL_* keys
// (engine/config/key_table.h NearestKey) and unknown flags
// (engine/cli/flag_parser.h).
//
//   EditDistance("kitten", "sitting") == 3
//   EditDistance("Nethical", "NETHICAL") == 0
//
// O(a.size() * b.size()) time, O(b.size()) memory: callers bound the length
// of user-supplied names before asking (a 50 MB name must not be compared).
#pragma once

#include <cstddef>
#include <string_view>

namespace nethical {

size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace nethical
