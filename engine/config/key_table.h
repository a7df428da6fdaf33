// The table of every NETHICAL_* configuration key: the one place that knows
// which EngineConfig field a key sets, how its value is parsed and what is
// allowed. Parsing (ConfigBuilder), validation, --help text (AllConfigKeys)
// and reports (ConfigAsKeyValues) are all driven by this table, so a key is
// added by adding one row in key_table.cc.
//
// Internal to engine/config; other code uses config_builder.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/base/edit_distance.h"  // NearestKey's measure
#include "engine/base/status.h"
#include "engine/config/engine_config.h"

namespace nethical {

// A numeric interval; an infinite end means "unbounded on that side".
struct NumberRange {
  double min = -std::numeric_limits<double>::infinity();
  bool min_inclusive = true;
  double max = std::numeric_limits<double>::infinity();
  bool max_inclusive = true;
};

template <typename T>
using FieldOf = T& (*)(EngineConfig&);

struct BoolField {
  FieldOf<bool> field;
};
struct IntField {
  FieldOf<int64_t> field;
  NumberRange range;
};
struct DoubleField {
  FieldOf<double> field;
  NumberRange range;
};
// An enum class whose values are 0..names.size()-1 in declaration order.
struct EnumField {
  int (*get)(EngineConfig&);
  void (*set)(EngineConfig&, int);
  std::span<const std::string_view> names;  // names[i] spells enum value i
};
struct StringField {
  FieldOf<std::string> field;
  bool non_empty;
};
// A name that ends up in file paths (a region id): empty, or 1..max_length
// characters from [A-Za-z0-9._-], and not "." or "..".
struct NameField {
  FieldOf<std::string> field;
  size_t max_length;
};
// A secret; its value never appears in reports or errors. Hex digits (a
// key: an even number, at least min_digits), or, with text_max > 0, text (a
// password: 1..text_max printable ASCII characters, no space).
struct SecretField {
  FieldOf<std::string> field;
  size_t min_digits = 0;
  size_t text_max = 0;
};

using FieldSpec =
    std::variant<BoolField, IntField, DoubleField, EnumField, StringField, NameField, SecretField>;

struct KeySpec {
  std::string_view key;
  FieldSpec field;
  std::string_view help;
  // Non-empty only for the switches of features this engine does not have:
  // what Notices() says when the switch is on.
  std::string_view unavailable_notice = {};
};

// Every key, in documentation order.
const std::vector<KeySpec>& KeyTable();

// The row for `key` (exact, case-sensitive), or nullptr.
const KeySpec* FindKeySpec(std::string_view key);

// The known key closest to `key` by edit distance (ignoring ASCII case), or
// "" when none is close enough to be a plausible typo.
std::string_view NearestKey(std::string_view key);

// Parses `value` for the key and stores it in `config`. On failure `config`
// is unchanged and the message says what is allowed, e.g.
// "expected a number > 0" (the caller adds origin, key and value).
Status ApplyValue(const KeySpec& spec, std::string_view value, EngineConfig& config);

// Whether the value `config` holds for the key is allowed, by the same check
// ApplyValue makes of a parsed value; the message says what is allowed.
// (A configuration built by hand, not parsed, is checked this way.)
Status CheckValue(const KeySpec& spec, EngineConfig& config);

// The field's current value in the syntax ApplyValue accepts; a secret reads
// "<set>" or "".
std::string FormatValue(const KeySpec& spec, EngineConfig& config);

// `value` as it may be shown in an error message: secrets read "<redacted>",
// anything else goes through ShownValue (truncated, control bytes escaped).
std::string DisplayValue(const KeySpec& spec, std::string_view value);

// The numeric value of an int or double key (cross-field rules compare these).
// REQUIRES: spec is an IntField or DoubleField.
double NumericValue(const KeySpec& spec, EngineConfig& config);

// "bool", "int", "number", "enum", "string", "name" or "secret".
std::string_view KindName(const KeySpec& spec);

// What values are allowed, e.g. "> 0", "[0, 1]", "token_bucket|compat".
std::string AllowedValues(const KeySpec& spec);

}  // namespace nethical
