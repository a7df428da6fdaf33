// The values that fill a corpus frame's slots, valid by construction.
//
// A frame is a sentence with slots: "Call {FULLNAME} back at {PHONE}." A
// slot is '{', upper-case letters or '_', '}'. Seven slots are labeled PII
// (their value becomes a span of that type); the others are fillers that
// are never PII, several of them deliberate look-alikes.
//
//   labeled  EMAIL PHONE SSN CARD IP PASSPORT DOB
//   hostile  CARD_FW SSN_FW    digits written full width (U+FF10..FF19)
//            SSN_UH PHONE_UH   separators U+2010..2014 or U+2212
//            CARD_ZW           zero-width characters between digit groups
//            AWS_KEY_ID        AKIA + 16 (API_KEY)
//            AWS_SECRET        40 characters of base64 (AWS_SECRET_KEY)
//            (glued values need no slot: the frame glues "{SSN}" to letters)
//   filler   FIRST LAST FULLNAME CITY COMPANY TEAM PRODUCT WEEKDAY MONTH
//            NUMBER PERCENT DURATION PORT ZIP TIME HEX SKU
//            AMOUNT    money: $1,234.56, EUR 980.00
//            ORDER     16-digit order number that fails Luhn
//            VERSION   1.4.2, v3.12.0, 2.0.0-rc.1, 10.2.1.4
//            TICKET    INC-204817, JIRA-4821, CHG0031234
//            DATE      a date that is not a birth date (2019-2026)
//
// What "valid" means follows the redactor's own rules (engine/redact/
// pii_checks.h): cards are Luhn-valid with an issuer prefix the networks
// issue at that length; SSNs have area 001-899 except 666, group 01-99,
// serial 0001-9999, and are never a published sample number; phones are
// NANP (area code and exchange start with 2-9) or E.164 with 8-15 digits;
// IPv4 octets have no leading zero; IPv6 addresses have at least three
// groups; dates of birth are real calendar dates between 1940 and 2006.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tests/redact/pii_corpus_rng.h"

namespace nethical::redact {

enum class Slot {
  // Labeled.
  kEmail,
  kPhone,
  kSsn,
  kCard,
  kIp,
  kPassport,
  kDob,
  kCardFullWidth,
  kSsnFullWidth,
  kSsnUnicodeHyphen,
  kPhoneUnicodeHyphen,
  kCardZeroWidth,
  kAwsKeyId,
  kAwsSecret,
  // Fillers.
  kFirst,
  kLast,
  kFullName,
  kCity,
  kCompany,
  kTeam,
  kProduct,
  kWeekday,
  kMonth,
  kNumber,
  kPercent,
  kDuration,
  kPort,
  kZip,
  kTime,
  kHex,
  kSku,
  kAmount,
  kOrder,
  kVersion,
  kTicket,
  kDate,
};

// "EMAIL" -> Slot::kEmail, ...; nullopt for a name that is no slot.
std::optional<Slot> SlotFromName(std::string_view name);

// The PII type name a labeled slot's span carries ("EMAIL", "PHONE", "SSN",
// "CREDIT_CARD", "IP_ADDRESS", "PASSPORT", "DATE_OF_BIRTH", "API_KEY",
// "AWS_SECRET_KEY"); empty for a filler.
std::string_view SlotLabel(Slot slot);

// A fresh value for `slot`, drawn from `rng`.
std::string MakeSlotValue(Slot slot, CorpusRng& rng);

// The Luhn check digit that completes `digits` (ASCII digits, without it).
char LuhnCheckDigit(std::string_view digits);

}  // namespace nethical::redact
