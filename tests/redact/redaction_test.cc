// Redactor behaviour beyond detection: overlaps, offsets, confidence
// filtering, risk, output modes and configuration errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cmath>

#include "tests/redact/redactor_test_util.h"

namespace nethical::redact {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kKeyA[] = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr char kKeyB[] = "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

TEST(Overlaps, PassportAndDriverLicenseOnOneSpanGiveOneFinding) {
  auto redactor = MakeRedactor(RedactionPolicy::kStandard);
  std::string text = "passport AB1234567";
  EXPECT_THAT(Found(*redactor, text), ElementsAre("PASSPORT:AB1234567"));
  EXPECT_EQ(redactor->Redact(text, redactor->Scan(text)), "passport [REDACTED_PASSPORT]");
}

TEST(Overlaps, InternationalPrefixWinsOverTheNationalNumberInsideIt) {
  auto redactor = MakeRedactor(RedactionPolicy::kStandard);
  EXPECT_THAT(Found(*redactor, "call +1 415 555 2671"), ElementsAre("PHONE:+1 415 555 2671"));
}

TEST(Overlaps, OriginalsVerifiedSentenceRedactsCleanly) {
  // docs/original.md §8.2: the original garbles the passport into
  // "[REDACTED_[REDACTED_DRIVER_LICENSE]". (Its 555-123-4567 is not a dialable
  // number, exchanges never start with 1, so this uses 555-234-5678.)
  auto redactor = MakeRedactor(RedactionPolicy::kStandard);
  std::string text =
      "Contact john.doe@gmail.com or 555-234-5678, SSN 536-22-1234, card 4111 1111 1111 1111, "
      "ip 192.168.1.1, passport AB1234567, dob 01/15/1990";
  EXPECT_EQ(redactor->Redact(text, redactor->Scan(text)),
            "Contact [REDACTED_EMAIL] or [REDACTED_PHONE], SSN [REDACTED_SSN], card "
            "[REDACTED_CREDIT_CARD], ip [REDACTED_IP_ADDRESS], passport [REDACTED_PASSPORT], dob "
            "01/15/1990");
}

TEST(Overlaps, FindingsAreSortedAndDisjointOnDenseText) {
  auto redactor = MakeRedactor(RedactionPolicy::kAggressive);
  std::string text =
      "4111111111111111 536-22-1234 415-555-2671 a@b.io 1.2.3.4 DOB 01/02/1990 passport X1234567 "
      "driver license X1234567 my name is Ann Lee at 12 Main St";
  PiiOutcome scan = redactor->Scan(text);
  ASSERT_GE(scan.findings.size(), 8u);
  for (size_t i = 1; i < scan.findings.size(); ++i) {
    EXPECT_LE(scan.findings[i - 1].end, scan.findings[i].start);
  }
}

TEST(RedactInto, ReplacesWhatTheStringHeldWithTheRedaction) {
  auto redactor = MakeRedactor(RedactionPolicy::kStandard);
  const std::string text = "passport AB1234567";
  std::string out(200, 'x');  // longer than the redaction: nothing of it may remain
  redactor->RedactInto(text, redactor->Scan(text), &out);
  EXPECT_EQ(out, "passport [REDACTED_PASSPORT]");
  EXPECT_EQ(out, redactor->Redact(text, redactor->Scan(text)));
}

TEST(Offsets, AreByteOffsetsInMultibyteUtf8Text) {
  auto redactor = MakeRedactor(RedactionPolicy::kStandard);
  // "Grüße, schreib an" has two 2-byte characters before the email.
  std::string text = "Grüße — schreib an jörg@example.de oder ruf 415-555-2671 an ✓";
  PiiOutcome scan = redactor->Scan(text);
  ASSERT_EQ(scan.findings.size(), 2u);
  // The non-ASCII 'ö' ends the local part: the email found is "rg@example.de".
  EXPECT_EQ(text.substr(scan.findings[0].start, scan.findings[0].end - scan.findings[0].start),
            "rg@example.de");
  EXPECT_EQ(scan.findings[1].start, text.find("415-555-2671"));
  EXPECT_EQ(scan.findings[1].end, text.find("415-555-2671") + 12);
  EXPECT_EQ(redactor->Redact(text, scan),
            "Grüße — schreib an jö[REDACTED_EMAIL] oder ruf [REDACTED_PHONE] an ✓");
}

TEST(Offsets, NonAsciiDigitsAreNotPii) {
  auto redactor = MakeRedactor(RedactionPolicy::kStandard);
  // Arabic-Indic digits: Python's Unicode \d would match them, this engine
  // matches ASCII digits only.
  EXPECT_THAT(Found(*redactor, "رقم ٥٣٦-٢٢-١٢٣٤"), IsEmpty());
}

TEST(MinConfidence, FiltersLowConfidenceFindings) {
  PrivacyConfig config;
  config.redaction_policy = RedactionPolicy::kStandard;
  config.min_confidence = 0.92;
  auto strict = Redactor::Create(config);
  ASSERT_TRUE(strict.ok());
  // A plain phone scores 0.85, below 0.92; an SSN scores 0.9 without and
  // 0.97 with its keyword.
  EXPECT_THAT(Found(**strict, "value 415-555-2671 or id 536-22-1234"), IsEmpty());
  EXPECT_THAT(Found(**strict, "SSN 536-22-1234"), ElementsAre("SSN:536-22-1234"));
}

TEST(MinConfidence, ZeroKeepsBareAmbiguousIds) {
  PrivacyConfig config;
  config.redaction_policy = RedactionPolicy::kMinimal;
  config.min_confidence = 0.0;
  auto lenient = Redactor::Create(config);
  ASSERT_TRUE(lenient.ok());
  EXPECT_THAT(Found(**lenient, "ref AB1234567"), ElementsAre("PASSPORT:AB1234567"));
}

TEST(MinConfidence, KeywordRaisesConfidence) {
  auto redactor = MakeRedactor(RedactionPolicy::kStandard);
  PiiOutcome plain = redactor->Scan("value 415-555-2671");
  PiiOutcome with_keyword = redactor->Scan("phone 415-555-2671");
  ASSERT_EQ(plain.findings.size(), 1u);
  ASSERT_EQ(with_keyword.findings.size(), 1u);
  EXPECT_GT(with_keyword.findings[0].confidence, plain.findings[0].confidence);
}

TEST(Risk, OneEmailMatchesTheOriginalsFormula) {
  auto redactor = MakeRedactor(RedactionPolicy::kStandard);
  PiiOutcome scan = redactor->Scan("x jane@corp.io y");
  ASSERT_EQ(scan.findings.size(), 1u);
  double expected = 1.0 - 1.0 / (1.0 + 0.5 * 0.5 * scan.findings[0].confidence);
  EXPECT_DOUBLE_EQ(scan.risk, expected);
}

TEST(Risk, IsZeroForCleanText) {
  auto redactor = MakeRedactor(RedactionPolicy::kAggressive);
  PiiOutcome scan = redactor->Scan("Run benchmark suite v9.25.6 with 4 threads.");
  EXPECT_THAT(scan.findings, IsEmpty());
  EXPECT_EQ(scan.risk, 0.0);
}

TEST(UtilityMode, KeepsEmailDomainCardLastFourAndPhoneAreaCode) {
  auto redactor = MakeRedactor(RedactionPolicy::kStandard, RedactionMode::kUtility);
  std::string text = "mail jane@corp.io, card 4111-1111-1111-1111, phone +1 (415) 555-2671, SSN 536-22-1234";
  EXPECT_EQ(redactor->Redact(text, redactor->Scan(text)),
            "mail [REDACTED]@corp.io, card ****-****-****-1111, phone (415) XXX-XXXX, SSN "
            "[REDACTED_SSN]");
}

TEST(UtilityMode, KeepsInternationalCountryCode) {
  auto redactor = MakeRedactor(RedactionPolicy::kStandard, RedactionMode::kUtility);
  std::string text = "office +44 20 7946 0958";
  EXPECT_EQ(redactor->Redact(text, redactor->Scan(text)), "office +44 XXX-XXXX");
}

TEST(TokenMode, SameValueAndKeyGiveTheSameToken) {
  auto a = MakeRedactor(RedactionPolicy::kStandard, RedactionMode::kToken, kKeyA);
  auto b = MakeRedactor(RedactionPolicy::kStandard, RedactionMode::kToken, kKeyA);
  std::string text = "SSN 536-22-1234";
  std::string ra = a->Redact(text, a->Scan(text));
  EXPECT_EQ(ra, b->Redact(text, b->Scan(text)));
  EXPECT_THAT(ra, ::testing::MatchesRegex(R"(SSN \[SSN_[0-9a-f]{16}\])"));
}

TEST(TokenMode, AnotherKeyGivesAnotherToken) {
  auto a = MakeRedactor(RedactionPolicy::kStandard, RedactionMode::kToken, kKeyA);
  auto b = MakeRedactor(RedactionPolicy::kStandard, RedactionMode::kToken, kKeyB);
  std::string text = "SSN 536-22-1234";
  EXPECT_NE(a->Redact(text, a->Scan(text)), b->Redact(text, b->Scan(text)));
}

TEST(TokenMode, TokenIsNotThePlainSha256OfTheValue) {
  // The original's token for this SSN would be sha256("536-22-1234")[:16].
  auto a = MakeRedactor(RedactionPolicy::kStandard, RedactionMode::kToken, kKeyA);
  std::string text = "536-22-1234";
  EXPECT_THAT(a->Redact(text, a->Scan(text)), Not(HasSubstr("4ca6b6f9")));
}

TEST(TokenMode, RestoreWithTheKeyGivesBackTheText) {
  auto redactor = MakeRedactor(RedactionPolicy::kStandard, RedactionMode::kToken, kKeyA);
  std::string text = "mail jane@corp.io or call 415-555-2671; SSN 536-22-1234.";
  TokenMap tokens;
  std::string redacted = redactor->Redact(text, redactor->Scan(text), &tokens);
  EXPECT_EQ(tokens.size(), 3u);
  StatusOr<std::string> restored = redactor->Restore(redacted, tokens);
  ASSERT_TRUE(restored.ok()) << restored.status().message();
  EXPECT_EQ(*restored, text);
}

TEST(TokenMode, RestoreRefusesAMapMadeUnderAnotherKey) {
  auto a = MakeRedactor(RedactionPolicy::kStandard, RedactionMode::kToken, kKeyA);
  auto b = MakeRedactor(RedactionPolicy::kStandard, RedactionMode::kToken, kKeyB);
  std::string text = "SSN 536-22-1234";
  TokenMap tokens;
  std::string redacted = a->Redact(text, a->Scan(text), &tokens);
  StatusOr<std::string> restored = b->Restore(redacted, tokens);
  ASSERT_FALSE(restored.ok());
  EXPECT_EQ(restored.status().code(), StatusCode::kDataLoss);
}

TEST(TokenMode, RestoreRefusesATamperedMap) {
  auto a = MakeRedactor(RedactionPolicy::kStandard, RedactionMode::kToken, kKeyA);
  std::string text = "SSN 536-22-1234";
  TokenMap tokens;
  std::string redacted = a->Redact(text, a->Scan(text), &tokens);
  tokens.begin()->second = "536-22-9999";
  EXPECT_EQ(a->Restore(redacted, tokens).status().code(), StatusCode::kDataLoss);
}

TEST(TokenMode, RestoreWithoutAKeyIsRefused) {
  auto full = MakeRedactor(RedactionPolicy::kStandard, RedactionMode::kFull);
  EXPECT_EQ(full->Restore("[SSN_0011223344556677]", {}).status().code(), StatusCode::kFailedPrecondition);
}

TEST(Create, RejectsTokenModeWithoutKey) {
  PrivacyConfig config;
  config.redaction_mode = RedactionMode::kToken;
  auto made = Redactor::Create(config);
  ASSERT_FALSE(made.ok());
  EXPECT_THAT(made.status().message(), HasSubstr("NETHICAL_TOKEN_KEY"));
}

TEST(Create, RejectsMalformedHexKeyWithoutEchoingIt) {
  PrivacyConfig config;
  config.redaction_mode = RedactionMode::kToken;
  config.token_key_hex = "zz0102030405060708090a0b0c0d0e0fSECRETSECRET";
  auto made = Redactor::Create(config);
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(made.status().message(), Not(HasSubstr("SECRET")));
  EXPECT_THAT(made.status().message(), Not(HasSubstr("zz01")));
}

TEST(Create, RejectsShortKey) {
  PrivacyConfig config;
  config.token_key_hex = "00010203";
  EXPECT_EQ(Redactor::Create(config).status().code(), StatusCode::kInvalidArgument);
}

TEST(Create, RejectsMissingKeyFile) {
  PrivacyConfig config;
  config.token_key_file = "/nonexistent/nethical.key";
  auto made = Redactor::Create(config);
  ASSERT_FALSE(made.ok());
  EXPECT_THAT(made.status().message(), HasSubstr("NETHICAL_TOKEN_KEY_FILE"));
}

TEST(Create, ReadsKeyFromFile) {
  std::string path = std::string(std::getenv("TEST_TMPDIR")) + "/token.key";
  FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fprintf(f, "%s\n", kKeyA);
  std::fclose(f);
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);  // a token key file must be private
  PrivacyConfig config;
  config.redaction_mode = RedactionMode::kToken;
  config.token_key_file = path;
  auto from_file = Redactor::Create(config);
  ASSERT_TRUE(from_file.ok()) << from_file.status().message();
  auto from_hex = MakeRedactor(RedactionPolicy::kStandard, RedactionMode::kToken, kKeyA);
  std::string text = "a@b.io";
  EXPECT_EQ((*from_file)->Redact(text, (*from_file)->Scan(text)),
            from_hex->Redact(text, from_hex->Scan(text)));
}

TEST(Create, RejectsBothKeySources) {
  PrivacyConfig config;
  config.token_key_hex = kKeyA;
  config.token_key_file = "/tmp/k";
  EXPECT_EQ(Redactor::Create(config).status().code(), StatusCode::kInvalidArgument);
}

TEST(Redact, SkipsFindingsOutsideTheTextOrOverlapping) {
  auto redactor = MakeRedactor(RedactionPolicy::kStandard);
  PiiOutcome bogus;
  bogus.findings = {{PiiType::kEmail, 0, 3, 0.9}, {PiiType::kEmail, 2, 5, 0.9}, {PiiType::kSsn, 4, 99, 0.9}};
  EXPECT_EQ(redactor->Redact("abcdef", bogus), "[REDACTED_EMAIL]def");
}

}  // namespace
}  // namespace nethical::redact
