// The original Nethical's Merkle chunk root (nethical/core/audit_merkle.py),
// for users comparing against chunks written by the Python system. It is
// NOT the audit log's tree: it has no leaf/node domain separation and
// duplicates the last node, so it is offered for comparison only.
//
//   leaf   = sha256(json.dumps(event, sort_keys=True)).hexdigest()
//   parent = sha256((left_hex + right_hex).encode()).hexdigest()
//   odd level: the last node is paired with itself; empty chunk: sha256("")
//
//   std::string root = CompatChunkRoot(events);   // lowercase hex
//
// PythonJsonDumps reproduces json.dumps(v, sort_keys=True) byte for byte:
// ", " and ": " separators, ensure_ascii escapes (\uXXXX lowercase,
// surrogate pairs above the BMP), floats as Python's repr. Pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace nethical::audit {

std::string PythonJsonDumps(const nlohmann::json& value);
std::string PythonFloatRepr(double v);
std::string CompatChunkRoot(const std::vector<nlohmann::json>& events);

}  // namespace nethical::audit
