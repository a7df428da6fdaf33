// The utility-preserving rendering of a value: enough left to be useful in
// analytics, too little to identify anyone. Email keeps its domain
// ("[REDACTED]@example.org"), a card its last four digits
// ("****-****-****-1111"), a North American phone its area code
// ("(425) XXX-XXXX"), an international phone its country code
// ("+44 XXX-XXXX"). Other types, and values too short to keep anything,
// render as "[REDACTED_<TYPE>]".
#pragma once

#include <string>
#include <string_view>

#include "engine/redact/pii_type.h"

namespace nethical::redact {

// "[REDACTED_<name>]".
void AppendFullForm(std::string_view type_name, std::string* out);

void AppendUtilityForm(PiiType type, std::string_view value, std::string* out);

}  // namespace nethical::redact
