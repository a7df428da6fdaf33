#include "engine/redact/pii_checks.h"

#include <gtest/gtest.h>

#include <string>

namespace nethical::redact {
namespace {

bool WholeText(bool (*check)(std::string_view, size_t, size_t), std::string_view text) {
  return check(text, 0, text.size());
}

TEST(Luhn, AcceptsKnownValidNumbers) {
  EXPECT_TRUE(LuhnValid("4111111111111111"));
  EXPECT_TRUE(LuhnValid("378282246310005"));
  EXPECT_TRUE(LuhnValid("79927398713"));
}

TEST(Luhn, RejectsOneDigitChanges) {
  std::string valid = "4111111111111111";
  for (size_t i = 0; i < valid.size(); ++i) {
    std::string changed = valid;
    changed[i] = changed[i] == '9' ? '0' : static_cast<char>(changed[i] + 1);
    EXPECT_FALSE(LuhnValid(changed)) << changed;
  }
}

TEST(Luhn, RejectsEmptyAndNonDigits) {
  EXPECT_FALSE(LuhnValid(""));
  EXPECT_FALSE(LuhnValid("41111111111111a1"));
}

TEST(CardIssuer, KnowsEachNetworkAtItsLengths) {
  EXPECT_TRUE(CardIssuerValid("4111111111111"));     // Visa 13
  EXPECT_TRUE(CardIssuerValid("5555555555554444"));  // Mastercard
  EXPECT_TRUE(CardIssuerValid("2221000000000009"));  // Mastercard 2-series
  EXPECT_TRUE(CardIssuerValid("378282246310005"));   // Amex 15
  EXPECT_TRUE(CardIssuerValid("6011111111111117"));  // Discover
  EXPECT_TRUE(CardIssuerValid("3530111333300000"));  // JCB
  EXPECT_TRUE(CardIssuerValid("30569309025904"));    // Diners 14
}

TEST(CardIssuer, RejectsWrongLengthsAndUnknownPrefixes) {
  EXPECT_FALSE(CardIssuerValid("3782822463100051"));  // Amex is 15 digits
  EXPECT_FALSE(CardIssuerValid("5555555555554"));     // Mastercard is 16
  EXPECT_FALSE(CardIssuerValid("8000000000000002"));
  EXPECT_FALSE(CardIssuerValid("1234567812345670"));
}

TEST(Ssn, AppliesAreaGroupAndSerialRules) {
  EXPECT_TRUE(WholeText(SsnValid, "536-22-1234"));
  EXPECT_TRUE(WholeText(SsnValid, "899-22-1234"));
  EXPECT_FALSE(WholeText(SsnValid, "000-22-1234"));
  EXPECT_FALSE(WholeText(SsnValid, "666-22-1234"));
  EXPECT_FALSE(WholeText(SsnValid, "900-22-1234"));
  EXPECT_FALSE(WholeText(SsnValid, "536-00-1234"));
  EXPECT_FALSE(WholeText(SsnValid, "536-22-0000"));
}

TEST(Ipv4, ChecksEveryOctet) {
  EXPECT_TRUE(WholeText(Ipv4Valid, "255.255.255.255"));
  EXPECT_TRUE(WholeText(Ipv4Valid, "0.0.0.0"));
  EXPECT_FALSE(WholeText(Ipv4Valid, "255.255.255.256"));
  EXPECT_FALSE(WholeText(Ipv4Valid, "1.2.3"));
  EXPECT_FALSE(WholeText(Ipv4Valid, "01.2.3.4"));
}

TEST(Ipv4, RejectsHitsInsideLongerDottedChains) {
  std::string text = "1.2.3.4.5";
  EXPECT_FALSE(Ipv4Valid(text, 0, 7));
  EXPECT_FALSE(Ipv4Valid(text, 2, 9));
}

TEST(Ipv6, NeedsThreeGroupsAndFreeBoundaries) {
  EXPECT_TRUE(WholeText(Ipv6Valid, "2001:db8::1"));
  EXPECT_TRUE(WholeText(Ipv6Valid, "::ffff:192.0.2.1"));
  EXPECT_FALSE(WholeText(Ipv6Valid, "fe80::1"));
  EXPECT_FALSE(WholeText(Ipv6Valid, "10:30:00"));
  std::string glued = "x2001:db8::1";
  EXPECT_FALSE(Ipv6Valid(glued, 1, glued.size()));
}

TEST(NanpPhone, RequiresAreaAndExchangeStartingTwoToNine) {
  EXPECT_TRUE(WholeText(NanpPhoneValid, "415-555-2671"));
  EXPECT_TRUE(WholeText(NanpPhoneValid, "+1 415 555 2671"));
  EXPECT_FALSE(WholeText(NanpPhoneValid, "115-555-2671"));
  EXPECT_FALSE(WholeText(NanpPhoneValid, "415-155-2671"));
}

TEST(InternationalPhone, RequiresEightToFifteenDigits) {
  EXPECT_TRUE(WholeText(InternationalPhoneValid, "+44 20 7946 0958"));
  EXPECT_FALSE(WholeText(InternationalPhoneValid, "+44 20 79"));
  EXPECT_FALSE(WholeText(InternationalPhoneValid, "+44 2079 4609 5812 3456"));
}

TEST(Keyword, MatchesCaseInsensitivelyAtWordStart) {
  EXPECT_TRUE(ContainsKeyword("Your SSN:", "ssn"));
  EXPECT_TRUE(ContainsKeyword("Phones:", "phone"));
  EXPECT_FALSE(ContainsKeyword("smartphone", "phone"));
  EXPECT_FALSE(ContainsKeyword("", "ssn"));
}

}  // namespace
}  // namespace nethical::redact
