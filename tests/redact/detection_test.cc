// One behaviour per test: each type found in realistic forms, and its
// look-alikes left alone.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/redact/redactor_test_util.h"

namespace nethical::redact {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class Detection : public ::testing::Test {
 protected:
  std::unique_ptr<Redactor> standard_ = MakeRedactor(RedactionPolicy::kStandard);
  std::unique_ptr<Redactor> aggressive_ = MakeRedactor(RedactionPolicy::kAggressive);
};

TEST_F(Detection, FindsEmailsWithSubdomainsAndPlusTags) {
  EXPECT_THAT(Found(*standard_, "write to Jane.Doe+billing@mail.corp.co.uk today"),
              ElementsAre("EMAIL:Jane.Doe+billing@mail.corp.co.uk"));
}

TEST_F(Detection, IgnoresAtSignsThatAreNotEmails) {
  EXPECT_THAT(Found(*standard_, "ping @channel; pip install pkg==1.0 @ main; user@localhost"), IsEmpty());
}

TEST_F(Detection, FindsUsPhonesInCommonFormats) {
  EXPECT_THAT(Found(*standard_, "(415) 555-2671, 415-555-2671, 415.555.2671, +1 415 555 2671"),
              ElementsAre("PHONE:(415) 555-2671", "PHONE:415-555-2671", "PHONE:415.555.2671",
                          "PHONE:+1 415 555 2671"));
}

TEST_F(Detection, FindsInternationalPhones) {
  EXPECT_THAT(Found(*standard_, "London office +44 20 7946 0958, Berlin +49-30-1234567."),
              ElementsAre("PHONE:+44 20 7946 0958", "PHONE:+49-30-1234567"));
}

TEST_F(Detection, RejectsPhonesWithImpossibleAreaCodesOrInsideLongerNumbers) {
  EXPECT_THAT(Found(*standard_, "code 123-456-7890 and part 415-555-2671-99 and 015.555.2671"), IsEmpty());
}

TEST_F(Detection, FindsUnformattedPhoneOnlyNextToAPhoneKeyword) {
  EXPECT_THAT(Found(*standard_, "order 4155552671 shipped"), IsEmpty());
  EXPECT_THAT(Found(*standard_, "call me on 4155552671"), ElementsAre("PHONE:4155552671"));
}

TEST_F(Detection, FindsValidSsn) {
  EXPECT_THAT(Found(*standard_, "SSN 536-22-1234 on file"), ElementsAre("SSN:536-22-1234"));
}

TEST_F(Detection, RejectsSsnWithInvalidAreaGroupOrSerial) {
  EXPECT_THAT(Found(*standard_, "ids 000-12-3456 666-12-3456 912-12-3456 536-00-1234 536-22-0000"),
              IsEmpty());
}

TEST_F(Detection, RejectsPublishedSampleSsnWithoutAnSsnWord) {
  EXPECT_THAT(Found(*standard_, "example numbers 123-45-6789 or 078-05-1120"), IsEmpty());
}

// What a person calls their SSN is redacted even when it is a published
// sample (the load generator's "My SSN is 078-05-1120" was flagged by the
// detectors and stored verbatim).
TEST_F(Detection, FindsSampleSsnNextToAnSsnWord) {
  EXPECT_THAT(Found(*standard_, "My SSN is 078-05-1120 for the form."), ElementsAre("SSN:078-05-1120"));
}

// "Call me on 555-123-4567": the exchange 123 is not NANP, but the layout
// next to a phone word is a phone.
TEST_F(Detection, FindsUsLayoutPhoneWithInvalidExchangeNextToAPhoneWord) {
  EXPECT_THAT(Found(*standard_, "Call me on 555-123-4567 after lunch."), ElementsAre("PHONE:555-123-4567"));
}

TEST_F(Detection, FindsBareNineDigitSsnOnlyWithKeyword) {
  EXPECT_THAT(Found(*standard_, "invoice 536221234 paid"), IsEmpty());
  EXPECT_THAT(Found(*standard_, "my social security number is 536221234"), ElementsAre("SSN:536221234"));
}

TEST_F(Detection, FindsLuhnValidCardsOfEachNetwork) {
  EXPECT_THAT(Found(*standard_, "visa 4111 1111 1111 1111, amex 3782-822463-10005, mc 5555555555554444"),
              ElementsAre("CREDIT_CARD:4111 1111 1111 1111", "CREDIT_CARD:3782-822463-10005",
                          "CREDIT_CARD:5555555555554444"));
}

TEST_F(Detection, RejectsLuhnInvalidCardNumbers) {
  EXPECT_THAT(Found(*standard_, "order 4111 1111 1111 1112 was refunded"), IsEmpty());
}

TEST_F(Detection, RejectsLuhnValidNumbersOutsideIssuerRanges) {
  // 8000000000000002 passes Luhn but no network issues 8-series cards.
  EXPECT_THAT(Found(*standard_, "tracking 8000000000000002 scanned"), IsEmpty());
}

TEST_F(Detection, RejectsCardWithMixedSeparators) {
  EXPECT_THAT(Found(*standard_, "ref 4111-1111 1111-1111"), IsEmpty());
}

TEST_F(Detection, FindsIpv4Addresses) {
  EXPECT_THAT(Found(*standard_, "from 203.0.113.7 and 10.0.0.1"),
              ElementsAre("IP_ADDRESS:203.0.113.7", "IP_ADDRESS:10.0.0.1"));
}

TEST_F(Detection, RejectsIpv4WithOctetsOver255OrLeadingZeros) {
  EXPECT_THAT(Found(*standard_, "bad 256.1.1.1 and 10.01.0.1 and 999.999.999.999"), IsEmpty());
}

TEST_F(Detection, RejectsVersionStringsThatLookLikeIpv4) {
  EXPECT_THAT(Found(*standard_, "upgrade to version 1.2.3.4 or 2.10.3.1.7 now"), IsEmpty());
}

TEST_F(Detection, FindsIpv6Addresses) {
  EXPECT_THAT(
      Found(*standard_, "peer 2001:db8:85a3::8a2e:370:7334 and fe80:0:0:0:202:b3ff:fe1e:8329"),
      ElementsAre("IP_ADDRESS:2001:db8:85a3::8a2e:370:7334", "IP_ADDRESS:fe80:0:0:0:202:b3ff:fe1e:8329"));
}

TEST_F(Detection, RejectsTimesMacAddressesAndScopeOperatorsAsIpv6) {
  EXPECT_THAT(Found(*standard_, "at 10:30:00 on 00:1a:2b:3c:4d:5e using std::vector and a::b"), IsEmpty());
}

TEST_F(Detection, FindsPassportNextToKeyword) {
  EXPECT_THAT(Found(*standard_, "Passport no. X12345678, issued 2019"), ElementsAre("PASSPORT:X12345678"));
}

TEST_F(Detection, IgnoresLetterDigitIdsWithoutKeyword) {
  EXPECT_THAT(Found(*standard_, "SKU AB1234567 restocked, ticket JR0514222 closed"), IsEmpty());
}

TEST_F(Detection, FindsDriverLicenseNextToKeyword) {
  EXPECT_THAT(Found(*standard_, "driver's license D1234567 expired"), ElementsAre("DRIVER_LICENSE:D1234567"));
}

TEST_F(Detection, FindsDateOfBirthOnlyWithBirthContext) {
  EXPECT_THAT(Found(*aggressive_, "invoice dated 2024-03-01"), IsEmpty());
  EXPECT_THAT(Found(*aggressive_, "DOB: 1985-07-04"), ElementsAre("DATE_OF_BIRTH:1985-07-04"));
  EXPECT_THAT(Found(*aggressive_, "she was born on March 4, 1985"),
              ElementsAre("DATE_OF_BIRTH:March 4, 1985"));
}

TEST_F(Detection, StandardPolicyDoesNotScanDatesOfBirth) {
  EXPECT_THAT(Found(*standard_, "DOB: 1985-07-04"), IsEmpty());
}

TEST_F(Detection, FindsApiKeysInAggressivePolicy) {
  EXPECT_THAT(Found(*aggressive_, "key sk-proj-Ab3dEf5hIj7lMn9pQr1tUv3x and AKIAIOSFODNN7EXAMPLE"),
              ElementsAre("API_KEY:sk-proj-Ab3dEf5hIj7lMn9pQr1tUv3x", "API_KEY:AKIAIOSFODNN7EXAMPLE"));
}

TEST_F(Detection, IgnoresLibraryNamesShapedLikeKeys) {
  EXPECT_THAT(Found(*aggressive_, "use sk-learn-compatible-estimators here"), IsEmpty());
}

TEST_F(Detection, RedactsOnlyTheBearerTokenValue) {
  EXPECT_THAT(Found(*aggressive_, "Authorization: Bearer abcDEF123456ghiJKL789"),
              ElementsAre("BEARER_TOKEN:abcDEF123456ghiJKL789"));
}

TEST_F(Detection, FindsPrivateKeyBlocks) {
  std::string text =
      "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\nok";
  std::vector<std::string> found = Found(*aggressive_, text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0],
            "PRIVATE_KEY:-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----");
}

TEST_F(Detection, FindsNameAfterMyNameIs) {
  EXPECT_THAT(Found(*aggressive_, "Hi, my name is Maria Lopez and I need help"),
              ElementsAre("NAME:Maria Lopez"));
}

TEST_F(Detection, FindsStreetAddress) {
  EXPECT_THAT(Found(*aggressive_, "ship to 1600 Pennsylvania Avenue, Washington, DC 20500 please"),
              ElementsAre("ADDRESS:1600 Pennsylvania Avenue, Washington, DC 20500"));
}

TEST_F(Detection, StandardPolicyDoesNotScanNames) {
  EXPECT_THAT(Found(*standard_, "my name is Maria Lopez"), IsEmpty());
}

TEST_F(Detection, MinimalPolicyScansOnlySsnCardPassportAndCredentials) {
  auto minimal = MakeRedactor(RedactionPolicy::kMinimal);
  EXPECT_THAT(Found(*minimal, "a@b.com 415-555-2671 203.0.113.7 SSN 536-22-1234 passport X1234567"),
              ElementsAre("SSN:536-22-1234", "PASSPORT:X1234567"));
}

}  // namespace
}  // namespace nethical::redact
