#include "engine/redact/utility_form.h"

#include "engine/redact/pii_checks.h"

namespace nethical::redact {

void AppendFullForm(std::string_view type_name, std::string* out) {
  out->append("[REDACTED_");
  out->append(type_name);
  out->push_back(']');
}

void AppendUtilityForm(PiiType type, std::string_view value, std::string* out) {
  switch (type) {
    case PiiType::kEmail: {
      size_t at = value.rfind('@');
      if (at == std::string_view::npos) break;
      out->append("[REDACTED]");
      out->append(value.substr(at));
      return;
    }
    case PiiType::kCreditCard: {
      std::string digits = DigitsOf(value);
      if (digits.size() < 13) break;
      out->append("****-****-****-");
      out->append(digits, digits.size() - 4, 4);
      return;
    }
    case PiiType::kPhone: {
      std::string digits = DigitsOf(value);
      bool north_american = digits.size() == 10 || (digits.size() == 11 && digits[0] == '1');
      if (north_american) {
        size_t area = digits.size() - 10;
        out->append("(");
        out->append(digits, area, 3);
        out->append(") XXX-XXXX");
        return;
      }
      if (!value.empty() && value[0] == '+') {
        // The country code is the digit group written right after '+'.
        size_t len = 1;
        while (len < value.size() && len <= 3 && value[len] >= '0' && value[len] <= '9') ++len;
        bool separated = len < value.size() && (value[len] < '0' || value[len] > '9');
        if (separated && len > 1) {
          out->append(value.substr(0, len));
          out->append(" XXX-XXXX");
          return;
        }
      }
      break;
    }
    default:
      break;
  }
  AppendFullForm(PiiTypeName(type), out);
}

}  // namespace nethical::redact
