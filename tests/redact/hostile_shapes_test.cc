// Hostile shapes that evaded every pattern before (issue 12): each is found,
// under every policy that covers its type, and redaction replaces the
// original bytes (Unicode characters included).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/redact/text_normalizer.h"
#include "tests/redact/redactor_test_util.h"

namespace nethical::redact {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// The AWS documentation's example pair.
constexpr std::string_view kKeyId = "AKIAIOSFODNN7EXAMPLE";
constexpr std::string_view kSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

std::string RedactFull(RedactionPolicy policy, std::string_view text) {
  auto r = MakeRedactor(policy);
  return r->Redact(text, r->Scan(text));
}

TEST(HostileShapes, AwsSecretKeyNextToItsKeyIdIsRedactedUnderEveryPolicy) {
  const std::string text =
      "aws_access_key_id=" + std::string(kKeyId) + " aws_secret_access_key=" + std::string(kSecret);
  for (RedactionPolicy policy : kAllRedactionPolicies) {
    EXPECT_EQ(RedactFull(policy, text),
              "aws_access_key_id=[REDACTED_API_KEY] aws_secret_access_key=[REDACTED_AWS_SECRET_KEY]")
        << static_cast<int>(policy);
  }
}

TEST(HostileShapes, AwsSecretKeyNextToASecretWordIsRedactedUnderEveryPolicy) {
  const std::string text = "the secret is " + std::string(kSecret) + ", rotate it";
  for (RedactionPolicy policy : kAllRedactionPolicies) {
    EXPECT_THAT(Found(*MakeRedactor(policy), text), ElementsAre("AWS_SECRET_KEY:" + std::string(kSecret)));
  }
}

TEST(HostileShapes, FortyCharacterHexDigestIsNoSecret) {
  EXPECT_THAT(Found(*MakeRedactor(RedactionPolicy::kAggressive),
                    "secret commit 3f786850e387550fdab836ed7e6dc881de23001b reverted"),
              IsEmpty());
}

TEST(HostileShapes, AwsKeyIdIsRedactedUnderEveryPolicy) {
  for (RedactionPolicy policy : kAllRedactionPolicies) {
    EXPECT_THAT(Found(*MakeRedactor(policy), "key " + std::string(kKeyId) + " leaked"),
                ElementsAre("API_KEY:" + std::string(kKeyId)));
  }
}

TEST(HostileShapes, CardGluedToUnderscoreAndLettersIsFound) {
  auto r = MakeRedactor(RedactionPolicy::kMinimal);
  EXPECT_THAT(Found(*r, "card_4111111111111111"), ElementsAre("CREDIT_CARD:4111111111111111"));
  EXPECT_THAT(Found(*r, "4111111111111111abc"), ElementsAre("CREDIT_CARD:4111111111111111"));
}

TEST(HostileShapes, SsnGluedToLettersAndUnderscoresIsFound) {
  auto r = MakeRedactor(RedactionPolicy::kMinimal);
  EXPECT_THAT(Found(*r, "ssn536-22-1234"), ElementsAre("SSN:536-22-1234"));
  EXPECT_THAT(Found(*r, "user_ssn_536-22-1234"), ElementsAre("SSN:536-22-1234"));
}

TEST(HostileShapes, NumberGluedToOtherDigitsIsStillRejected) {
  auto r = MakeRedactor(RedactionPolicy::kStandard);
  EXPECT_THAT(Found(*r, "id 94111111111111111 and 1536-22-12345"), IsEmpty());
}

// Found by fuzz_redactor: a token's hex ("[DATE_OF_BIRTH_34d2e9607263824e]")
// holds ten digits that are a valid NANP number; redacting twice must not
// change the text again. The bare shapes keep letters as part of the token.
TEST(HostileShapes, BareDigitRunInsideAHexStringIsNoPhone) {
  auto r = MakeRedactor(RedactionPolicy::kAggressive, RedactionMode::kToken, std::string(32, 'a'));
  const std::string text = "born [DATE_OF_BIRTH_34d2e9607263824e] call 4155552671";
  EXPECT_THAT(Found(*r, text), ElementsAre("PHONE:4155552671"));
}

// Found by fuzz_redactor (corpus: token_label_is_a_context_keyword): the
// type name inside a replacement ("[REDACTED_PHONE]", "[PHONE_<hex>]") is
// not a phone word, so redacting a redacted text changes nothing more.
TEST(HostileShapes, ReplacementTypeNameIsNotContext) {
  for (RedactionMode mode : {RedactionMode::kFull, RedactionMode::kToken}) {
    auto r = MakeRedactor(RedactionPolicy::kStandard, mode, std::string(64, 'a'));
    const std::string text =
        "+44207946\xc3"
        "555-2671";
    const std::string once = r->Redact(text, r->Scan(text));
    EXPECT_EQ(r->Redact(once, r->Scan(once)), once);
  }
  // A user's own lower-case "[phone]" is still a phone word.
  auto r = MakeRedactor(RedactionPolicy::kStandard);
  EXPECT_THAT(Found(*r, "[phone] 555-2671"), ElementsAre("PHONE:555-2671"));
}

// Found by fuzz_redactor (corpus: ip_before_a_later_version_word): a version
// word names the number it stands next to, not every number before it.
TEST(HostileShapes, VersionWordLaterInTheSentenceDoesNotHideAnIpAddress) {
  auto r = MakeRedactor(RedactionPolicy::kStandard);
  EXPECT_THAT(Found(*r, "server at 192.168.1.20 and 2001:db8::f8, version 1.2.3.4"),
              ElementsAre("IP_ADDRESS:192.168.1.20", "IP_ADDRESS:2001:db8::f8"));
  EXPECT_THAT(Found(*r, "Compare 2.6.9.209 with the previous release"), IsEmpty());
  // Version words are looked for between values only (corpora:
  // version_word_inside_a_replaced_email, version_word_after_a_digit_inside_an_email,
  // version_word_glued_to_a_replaced_phone): redacting twice finds nothing more.
  for (const std::string& text :
       std::vector<std::string>{"mail doe@exampleocla.ver at 192.168.1.20 or release@example.com",
                                "mail doe@1119eocla.ver at 192.168.1.20 or release9@example.com",
                                "mail jane.doe@" + std::string(60, 'x') + ".ver at 192.168.1.20 ok"}) {
    const std::string once = r->Redact(text, r->Scan(text));
    EXPECT_NE(once.find("[REDACTED_IP_ADDRESS]"), std::string::npos) << once;
    EXPECT_EQ(r->Redact(once, r->Scan(once)), once);
  }
  // A version word glued to a number is one ("2-19eocla.ver at ..."), and
  // stays one once the number is replaced.
  const std::string glued = "@+4 19854 2-19eocla.ver at 192.168.1.20 and 20 caf";
  const std::string glued_once = r->Redact(glued, r->Scan(glued));
  EXPECT_EQ(glued_once.find("[REDACTED_IP_ADDRESS]"), std::string::npos) << glued_once;
  EXPECT_EQ(r->Redact(glued_once, r->Scan(glued_once)), glued_once);
}

// Found by fuzz_redactor (corpus: email_domain_glued_to_another_at): the
// utility form keeps an email's domain, which with a following "@..."
// would read as a new address; such a value gets the full form.
TEST(HostileShapes, UtilityEmailGluedToAnotherAddressGetsTheFullForm) {
  auto r = MakeRedactor(RedactionPolicy::kStandard, RedactionMode::kUtility);
  const std::string text = "at jane.doe@example.ocane.doe@example.ocall now";
  const std::string once = r->Redact(text, r->Scan(text));
  EXPECT_EQ(once, "at [REDACTED_EMAIL]@example.ocall now");
  EXPECT_EQ(r->Redact(once, r->Scan(once)), once);
  EXPECT_EQ(r->Redact("mail alice@example.org.", r->Scan("mail alice@example.org.")),
            "mail [REDACTED]@example.org.");  // a sentence's full stop joins nothing
  // A phone whose utility form would end a word or address before it
  // (corpus: utility_phone_glued_after_an_email).
  const std::string glued = "at jane.doe@example.ocd689 555-2671";
  const std::string glued_once = r->Redact(glued, r->Scan(glued));
  EXPECT_EQ(r->Redact(glued_once, r->Scan(glued_once)), glued_once);
  EXPECT_EQ(r->Redact("call (689) 555-2671", r->Scan("call (689) 555-2671")), "call (689) XXX-XXXX");
  // The kept domain is part of the replacement to the context windows, as
  // the address was one value (corpus: context_after_a_kept_email_domain).
  const std::string kept = "at jan.doe@extalmoc.eanee ample pleocla er at 192.168.1.20 and x) 556-2671";
  const std::string kept_once = r->Redact(kept, r->Scan(kept));
  EXPECT_EQ(r->Redact(kept_once, r->Scan(kept_once)), kept_once);
  // A match starting in the kept domain is never a finding (corpus:
  // name_phrase_inside_a_kept_email_domain).
  auto a = MakeRedactor(RedactionPolicy::kAggressive, RedactionMode::kUtility);
  auto st_before = MakeRedactor(RedactionPolicy::kStandard);
  const std::string phrase = "r::8oe@example.ocall.my name is Jane Dge,";
  const std::string phrase_once = a->Redact(phrase, a->Scan(phrase));
  EXPECT_EQ(a->Redact(phrase_once, a->Scan(phrase_once)), phrase_once);
  // A mask is exactly "XXX-XXXX": an 'X' glued after it stays text
  // (corpus: letter_glued_after_a_masked_phone).
  const std::string masked = "@+4 19854 2-1985 +4420788888Xdob 1985-03-05; l0";
  const std::string masked_once = a->Redact(masked, a->Scan(masked));
  EXPECT_EQ(a->Redact(masked_once, a->Scan(masked_once)), masked_once);
  // A hit glued to a marker is glue, not a value, in the windows (corpus:
  // version_word_in_an_email_glued_to_a_replaced_phone).
  const std::string version = "<<<+44207894111 111doe@exaEMAIL.ver. at 193.168.1.20 an";
  const std::string version_once = st_before->Redact(version, st_before->Scan(version));
  EXPECT_EQ(st_before->Redact(version_once, st_before->Scan(version_once)), version_once);
  // A candidate that its missing keyword drops (a 40-character run shaped
  // like an AWS secret) hides nothing inside it (corpus:
  // phone_inside_a_dropped_secret_shape).
  auto st = MakeRedactor(RedactionPolicy::kStandard);
  const std::string blob = "Authorizatio+4Authorizatio+44207892\v44207892+4Authorizatio+44207892+44207892";
  const std::string blob_once = st->Redact(blob, st->Scan(blob));
  EXPECT_EQ(st->Redact(blob_once, st->Scan(blob_once)), blob_once);
}

// Found by fuzz_redactor (corpus: number_glued_to_a_replaced_number): a
// number glued to another is rejected, and stays rejected once the other is
// replaced, because a replacement counts as a number to the glue test.
TEST(HostileShapes, NumberGluedToAReplacedNumberStaysRejected) {
  auto r = MakeRedactor(RedactionPolicy::kStandard);
  const std::string text = "call +442079460000+442079460001 now";
  const std::string once = r->Redact(text, r->Scan(text));
  EXPECT_EQ(r->Redact(once, r->Scan(once)), once);
  EXPECT_THAT(Found(*r, "[REDACTED_PHONE]-2671"), IsEmpty());
  EXPECT_THAT(Found(*r, "call [REDACTED_EMAIL] or 415-555-2671"), ElementsAre("PHONE:415-555-2671"));
  // The same after a utility-mode phone (corpus: number_glued_to_a_masked_phone).
  auto u = MakeRedactor(RedactionPolicy::kStandard, RedactionMode::kUtility);
  const std::string masked = "call (442) 555-0199+207 14420789244 now";
  const std::string masked_once = u->Redact(masked, u->Scan(masked));
  EXPECT_EQ(u->Redact(masked_once, u->Scan(masked_once)), masked_once);
}

// Found by fuzz_redactor (corpus: context_window_reaches_past_a_replaced_license):
// a context window measured in bytes reached a keyword in one pass and not
// in the other, once values between them became markers of other lengths.
// The window counts only the text between values, so values between a
// keyword and its number neither hide nor reveal it.
TEST(HostileShapes, ValuesBetweenAKeywordAndItsNumberDoNotMoveTheWindow) {
  for (RedactionMode mode : {RedactionMode::kFull, RedactionMode::kToken, RedactionMode::kUtility}) {
    auto r = MakeRedactor(RedactionPolicy::kStandard, mode, std::string(64, 'a'));
    const std::string text =
        "driver license of jane.someone.long@example-company.com +44 20 7946 0958 is D1234567";
    const std::string once = r->Redact(text, r->Scan(text));
    EXPECT_EQ(once.find("D1234567"), std::string::npos) << once;
    EXPECT_EQ(r->Redact(once, r->Scan(once)), once);
  }
  auto r = MakeRedactor(RedactionPolicy::kStandard);
  EXPECT_THAT(Found(*r, "license of jane.someone.long@example-company.com +44 20 7946 0958 is D1234567"),
              ElementsAre("EMAIL:jane.someone.long@example-company.com", "PHONE:+44 20 7946 0958",
                          "DRIVER_LICENSE:D1234567"));
}

// Found by fuzz_redactor (corpus: dotted_phone_before_a_marker_fragment_utility):
// "etc. 192.168.4414" ended a sentence before the number in the first pass
// (a value may start a sentence) but not before its utility form
// "(192) XXX-XXXX", whose '(' read as text; so "PHONE" in a later unclosed
// "[PHONE_" fragment reached back into the earlier number's window only in
// the second pass. The kept area code is part of the replacement.
TEST(HostileShapes, PhoneUtilityFormStartsASentenceAsItsNumberDid) {
  auto u = MakeRedactor(RedactionPolicy::kStandard, RedactionMode::kUtility);
  const std::string text = "cla. 192.168.4414[PH38eocla. 192.168.4414[PHONE_2361e0fc5 .084";
  const std::string once = u->Redact(text, u->Scan(text));
  EXPECT_EQ(once, "cla. 192.168.4414[PH38eocla. (192) XXX-XXXX[PHONE_2361e0fc5 .084");
  EXPECT_EQ(u->Redact(once, u->Scan(once)), once);
  // The same with a kept country code.
  const std::string plus = "cla. 192.168.4414[PH38eocla. +44 20 7946 0958[PHONE_2361e0fc5 .084";
  const std::string plus_once = u->Redact(plus, u->Scan(plus));
  EXPECT_EQ(u->Redact(plus_once, u->Scan(plus_once)), plus_once);
}

// Found by fuzz_redactor (corpus: keyword_glued_after_a_replaced_number):
// "dob" glued after a phone number was no word start, but after the
// marker replacing the number it was. A value before a word separates it.
TEST(HostileShapes, KeywordGluedAfterANumberReadsAsAfterItsMarker) {
  auto r = MakeRedactor(RedactionPolicy::kAggressive);
  const std::string text = "+4420788888dob 1985-03-05; l0";
  const std::string once = r->Redact(text, r->Scan(text));
  EXPECT_EQ(once, "[REDACTED_PHONE]dob [REDACTED_DATE_OF_BIRTH]; l0");
  EXPECT_EQ(r->Redact(once, r->Scan(once)), once);
  // The same after a number its check rejects (glued to another number),
  // which is glued to a marker in the second pass (corpus:
  // keyword_after_a_rejected_number_glued_to_a_marker).
  const std::string glued = "@ 19854 2-19854+4420788888dob 1985-03-05; l0";
  const std::string glued_once = r->Redact(glued, r->Scan(glued));
  EXPECT_EQ(r->Redact(glued_once, r->Scan(glued_once)), glued_once);
}

// Found by fuzz_redactor (corpus: keyword_inside_a_weak_hit_over_a_phone):
// "+20784888dob" and 24 '+' then "1985" is 40 characters of an AWS secret's
// alphabet: a hit its check rejects, which hid "dob" (inside a value) in the
// first pass; once the phone is a marker the run is shorter, no hit, and
// "dob" raised the date. A weak hit over a confident value is no value.
TEST(HostileShapes, WeakHitOverAReplacedValueDoesNotHideAKeyword) {
  auto r = MakeRedactor(RedactionPolicy::kAggressive);
  const std::string text = "+20784888dob" + std::string(24, '+') + "1985-3-5";
  const std::string once = r->Redact(text, r->Scan(text));
  EXPECT_EQ(once, "[REDACTED_PHONE]dob" + std::string(24, '+') + "[REDACTED_DATE_OF_BIRTH]");
  EXPECT_EQ(r->Redact(once, r->Scan(once)), once);
  // A weak hit whose match touches a value (corpus:
  // keyword_inside_a_weak_hit_glued_to_an_email): ".48848dob+…1986" after
  // an email is no hit once the email is a marker.
  const std::string glued = "e@L.er.48848dob" + std::string(28, '+') + "1986-3-5";
  const std::string glued_once = r->Redact(glued, r->Scan(glued));
  EXPECT_EQ(glued_once, "[REDACTED_EMAIL].48848dob" + std::string(28, '+') + "[REDACTED_DATE_OF_BIRTH]");
  EXPECT_EQ(r->Redact(glued_once, r->Scan(glued_once)), glued_once);
  // A confident hit that loses its overlap (corpus:
  // keyword_inside_a_losing_aws_shape_over_a_phone): aggressive takes a
  // 40-character AWS shape bare, but the phone beats it.
  const std::string losing = "+4570828849Xdob" + std::string(25, '+') + " 1986-3-5";
  const std::string losing_once = r->Redact(losing, r->Scan(losing));
  EXPECT_EQ(losing_once, "[REDACTED_PHONE]Xdob" + std::string(25, '+') + " [REDACTED_DATE_OF_BIRTH]");
  EXPECT_EQ(r->Redact(losing_once, r->Scan(losing_once)), losing_once);
}

// Found by fuzz_redactor (corpus: phone_inside_a_losing_aws_shape): under
// aggressive, a 40-character AWS shape (taken bare at 0.6) spans a card's
// last digits and a phone. The card beats the shape, but the scan resumed
// after the shape, so the phone was found only once the card was a marker.
// A candidate most rows beat hides no hit inside it.
TEST(HostileShapes, ValueInsideALowConfidenceCandidateIsStillFound) {
  auto r = MakeRedactor(RedactionPolicy::kAggressive);
  const std::string text = "4207894110 1111" + std::string(14, 'g') + std::string(10, 'W') + "+44207894112";
  const std::string once = r->Redact(text, r->Scan(text));
  EXPECT_EQ(once,
            "[REDACTED_CREDIT_CARD]" + std::string(14, 'g') + std::string(10, 'W') + "[REDACTED_PHONE]");
  EXPECT_EQ(r->Redact(once, r->Scan(once)), once);
}

// Found by fuzz_redactor (corpus: address_glued_to_a_replaced_name): an
// IPv6 address glued to a name was rejected, but glued to the name's
// marker it was not. A hit glued to a marker is never a finding.
TEST(HostileShapes, HitGluedToAMarkerIsNoFinding) {
  auto r = MakeRedactor(RedactionPolicy::kAggressive);
  const std::string text = "my name is Jdb8::8a2e:370:7368 today";
  const std::string once = r->Redact(text, r->Scan(text));
  EXPECT_EQ(r->Redact(once, r->Scan(once)), once);
  EXPECT_THAT(Found(*r, "[REDACTED_NAME]8::8a2e:370:7368"), IsEmpty());
  EXPECT_THAT(Found(*r, "[REDACTED_NAME] 8::8a2e:370:7368"), ElementsAre("IP_ADDRESS:8::8a2e:370:7368"));
  // The same for a phrase before the value (corpus:
  // name_phrase_glued_to_a_replaced_number): "\bmy name is" matches after
  // "]" but not after the digit it replaced.
  const std::string phrase = "+44207888my name is Jane Doe, born 1985";
  const std::string phrase_once = r->Redact(phrase, r->Scan(phrase));
  EXPECT_EQ(r->Redact(phrase_once, r->Scan(phrase_once)), phrase_once);
  EXPECT_THAT(Found(*r, "[REDACTED_PHONE]my name is Jane Doe"), IsEmpty());
  // And for a utility form's mask (corpus: email_glued_to_a_masked_phone):
  // "+4420789244e@example.ocall" keeps "(442) XXX-XXXX" glued to the rest.
  auto u = MakeRedactor(RedactionPolicy::kStandard, RedactionMode::kUtility);
  const std::string masked = "+4420789244e@example.ocall (4231";
  const std::string masked_once = u->Redact(masked, u->Scan(masked));
  EXPECT_EQ(u->Redact(masked_once, u->Scan(masked_once)), masked_once);
  EXPECT_THAT(Found(*u, "(442) XXX-XXXXe@example.com"), IsEmpty());
  // Inside a token (corpus: card_digits_inside_a_token): 16 decimal digits
  // of hex that pass Luhn with an issuer prefix.
  EXPECT_THAT(Found(*r, "4111111111111111"), ElementsAre("CREDIT_CARD:4111111111111111"));
  EXPECT_THAT(Found(*r, "[EMAIL_4111111111111111]"), IsEmpty());
}

TEST(HostileShapes, FullWidthDigitsAreFoundAndTheOriginalBytesReplaced) {
  // "SSN ５３６-２２-１２３４ on file": full-width digits, 3 bytes each.
  const std::string text =
      "SSN \xEF\xBC\x95\xEF\xBC\x93\xEF\xBC\x96-\xEF\xBC\x92\xEF\xBC\x92-"
      "\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x94 on file";
  auto r = MakeRedactor(RedactionPolicy::kMinimal);
  PiiOutcome scan = r->Scan(text);
  ASSERT_EQ(scan.findings.size(), 1u);
  EXPECT_EQ(scan.findings[0].type, PiiType::kSsn);
  EXPECT_EQ(scan.findings[0].start, 4u);
  EXPECT_EQ(scan.findings[0].end, text.size() - 8);
  EXPECT_EQ(r->Redact(text, scan), "SSN [REDACTED_SSN] on file");
}

TEST(HostileShapes, UnicodeHyphensInsideANumberAreFound) {
  // U+2011 non-breaking hyphen and U+2212 minus sign as separators.
  const std::string text =
      "SSN 536\xE2\x80\x91"
      "22\xE2\x88\x92"
      "1234, card 4111\xE2\x80\x90"
      "1111\xE2\x80\x90"
      "1111\xE2\x80\x90"
      "1111";
  EXPECT_EQ(RedactFull(RedactionPolicy::kMinimal, text), "SSN [REDACTED_SSN], card [REDACTED_CREDIT_CARD]");
}

TEST(HostileShapes, ZeroWidthCharactersInsideANumberAreFound) {
  // U+200B, U+200D, U+2060 and U+FEFF between the digits.
  const std::string text =
      "card 4111\xE2\x80\x8B"
      "1111\xE2\x80\x8D"
      "1111\xE2\x81\xA0"
      "11\xEF\xBB\xBF"
      "11 ok";
  EXPECT_EQ(RedactFull(RedactionPolicy::kMinimal, text), "card [REDACTED_CREDIT_CARD] ok");
}

TEST(HostileShapes, AsciiTextIsScannedWithoutACopy) {
  NormalizedText n;
  const std::string text = "plain ASCII 536-22-1234";
  EXPECT_EQ(NormalizeForScan(text, &n).data(), text.data());
  EXPECT_FALSE(n.folded());
}

TEST(HostileShapes, NonAsciiTextWithNothingToFoldIsScannedWithoutACopy) {
  NormalizedText n;
  const std::string text = "caf\xC3\xA9 536-22-1234";
  EXPECT_EQ(NormalizeForScan(text, &n).data(), text.data());
}

TEST(HostileShapes, FourPartVersionAfterAnUpgradeWordIsNoIpAddress) {
  auto r = MakeRedactor(RedactionPolicy::kStandard);
  EXPECT_THAT(Found(*r, "Upgrade the ingestion service to 2.6.9.209 and rerun the migrations."), IsEmpty());
  EXPECT_THAT(Found(*r, "Compare the latency of 5.0.1.121 with the previous release."), IsEmpty());
  EXPECT_THAT(Found(*r, "Block traffic from 203.0.113.7 at the edge."),
              ElementsAre("IP_ADDRESS:203.0.113.7"));
}

TEST(HostileShapes, BarePhoneNextToAWiderPhoneWordIsFound) {
  auto r = MakeRedactor(RedactionPolicy::kStandard);
  EXPECT_THAT(Found(*r, "Leave a voicemail at 4155552671 if nobody answers."),
              ElementsAre("PHONE:4155552671"));
  EXPECT_THAT(Found(*r, "Dial 4155552671 to join the bridge."), ElementsAre("PHONE:4155552671"));
}

TEST(HostileShapes, ContextStopsAtTheSentenceBoundary) {
  auto r = MakeRedactor(RedactionPolicy::kAggressive);
  EXPECT_THAT(Found(*r, "The applicant was born in Lisbon. The deal settled on 8 Feb 2024."), IsEmpty());
  EXPECT_THAT(Found(*r, "Check that passport no. X1234567 is valid."), ElementsAre("PASSPORT:X1234567"));
}

TEST(HostileShapes, LeadingPlusMarksAPhoneNotACard) {
  // 4915112345678 is 13 digits, Luhn-valid, starting with 4 (a Visa length).
  auto r = MakeRedactor(RedactionPolicy::kStandard);
  EXPECT_THAT(Found(*r, "mobile +4915112345678 today"), ElementsAre("PHONE:+4915112345678"));
}

TEST(HostileShapes, AggressiveFlagsAPassportShapeWithoutContext) {
  EXPECT_THAT(Found(*MakeRedactor(RedactionPolicy::kAggressive), "id AB1234567 on file"),
              ElementsAre("PASSPORT:AB1234567"));
  EXPECT_THAT(Found(*MakeRedactor(RedactionPolicy::kStandard), "id AB1234567 on file"), IsEmpty());
}

}  // namespace
}  // namespace nethical::redact
