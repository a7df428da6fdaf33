// One PII truth in the engine (issue 12): the detectors' PII violation,
// Verdict::pii and the audit record all come from the one PII scan, so an
// action is flagged for PII if and only if its redacted form differs, and
// the audit log never stores a value that was flagged (privacy mode none
// excepted: stored verbatim, with a notice at start).
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "engine/audit/audit_log.h"
#include "engine/audit/audit_record.h"
#include "engine/audit/log_reader.h"
#include "engine/config/config_builder.h"
#include "engine/redact/redactor.h"
#include "loadgen/workload.h"
#include "loadgen/workload_texts.h"
#include "tests/engine/engine_fixture.h"

namespace nethical {
namespace {

// A snippet table's entry is a text or a struct holding one.
template <typename T>
std::string TextOf(const T& entry) {
  if constexpr (std::is_convertible_v<T, std::string_view>) {
    return std::string(std::string_view(entry));
  } else {
    return std::string(entry.text);
  }
}

// Every text the load generator sends: its snippets and sentences, and the
// mixed workload's corpus (generate_load's default).
std::vector<std::string> WorkloadTexts() {
  std::vector<std::string> texts;
  for (const auto& t : loadgen::kSeedCompatTexts) texts.push_back(TextOf(t));
  for (const auto& t : loadgen::kBenignSentences) texts.push_back(TextOf(t));
  for (const auto& t : loadgen::kPiiSnippets) texts.push_back(TextOf(t));
  for (const auto& t : loadgen::kTriggerSnippets) texts.push_back(TextOf(t));
  texts.push_back(std::string(loadgen::kBenignSentences[5]) + loadgen::kPiiTestSuffix);
  loadgen::MixedWorkload mixed(loadgen::WorkloadOptions{});
  texts.insert(texts.end(), mixed.corpus().begin(), mixed.corpus().end());
  return texts;
}

bool HasPrivacyViolation(const Verdict& v) {
  for (const Violation& x : v.violations)
    if (x.type == "privacy" && x.detector == "PrivacyDetector") return true;
  return false;
}

// A stage-0 rejection skips the detectors, the PrivacyDetector included.
bool StageZeroRejected(const Verdict& v) {
  for (const Violation& x : v.violations)
    if (x.detector == "AILawyer") return true;
  return false;
}

// The texts of every record of the region's audit log, in log order.
std::vector<std::string> AuditTexts(const EngineConfig& c) {
  std::vector<std::string> texts;
  StatusOr<std::string> dir = audit::AuditDirFor(c.storage_dir, c.region_id);
  EXPECT_TRUE(dir.ok()) << dir.status().message();
  if (!dir.ok()) return texts;
  audit::ScanTail tail;
  Status s = audit::ScanLog(
      *dir, audit::TailPolicy::kStrict,
      [&](const audit::FrameVisit& f) {
        if (f.type != audit::FrameType::kRecord) return Status::Ok();
        StatusOr<audit::AuditRecord> r = audit::DecodeRecord(f.payload);
        if (!r.ok()) return r.status();
        texts.push_back(r->text);
        return Status::Ok();
      },
      &tail);
  EXPECT_TRUE(s.ok()) << s.message();
  return texts;
}

class PiiTruthTest : public EngineFixture {};

TEST_F(PiiTruthTest, FlaggedForPiiIfAndOnlyIfRedactedOverTheWorkloadTexts) {
  const std::vector<std::string> texts = WorkloadTexts();
  for (RedactionPolicy policy : kAllRedactionPolicies) {
    EngineConfig c = QuietConfig();
    c.privacy.mode = PrivacyMode::kStandard;
    c.privacy.redaction_policy = policy;
    c.detect.judgment_cache = false;
    auto engine = Make(c);
    auto redactor = redact::Redactor::Create(c.privacy).value();
    int flagged = 0;
    for (const std::string& text : texts) {
      Verdict v = engine->Evaluate(A("agent", text));
      const bool redacted = redactor->Redact(text, redactor->Scan(text)) != text;
      ASSERT_TRUE(v.pii.has_value()) << text;
      EXPECT_EQ(!v.pii->findings.empty(), redacted) << static_cast<int>(policy) << ": " << text;
      if (!StageZeroRejected(v)) {
        EXPECT_EQ(HasPrivacyViolation(v), redacted) << static_cast<int>(policy) << ": " << text;
      }
      flagged += redacted;
    }
    EXPECT_GT(flagged, 0) << static_cast<int>(policy);
  }
}

// Each value of the load generator's PII snippets, with the narrowest
// policy that covers its type.
struct SnippetValue {
  const char* value;
  RedactionPolicy policy;
};
constexpr SnippetValue kSnippetValues[] = {
    {"jane.doe@corp-mail.net", RedactionPolicy::kStandard},
    {"555-123-4567", RedactionPolicy::kStandard},
    {"(555) 987-6543", RedactionPolicy::kStandard},
    {"078-05-1120", RedactionPolicy::kMinimal},
    {"4111 1111 1111 1111", RedactionPolicy::kMinimal},
    {"192.168.10.23", RedactionPolicy::kStandard},
    {"03/14/1985", RedactionPolicy::kAggressive},
    {"test.user+load@example.invalid", RedactionPolicy::kStandard},
};

TEST_F(PiiTruthTest, AuditLogWithPrivacyStandardStoresNoPiiValueOfTheWorkloadTexts) {
  for (RedactionPolicy policy : {RedactionPolicy::kStandard, RedactionPolicy::kAggressive}) {
    EngineConfig c = FreshStorage(QuietConfig());
    c.audit.enabled = true;
    c.privacy.mode = PrivacyMode::kStandard;
    c.privacy.redaction_policy = policy;
    auto engine = Make(c);
    std::vector<std::string> flagged_values;
    for (const std::string& text : WorkloadTexts()) {
      Verdict v = engine->Evaluate(A("agent", text));
      for (const PiiFinding& f : v.pii->findings)
        flagged_values.push_back(text.substr(f.start, f.end - f.start));
    }
    ASSERT_TRUE(engine->Shutdown().ok());
    const std::vector<std::string> stored = AuditTexts(c);
    ASSERT_EQ(stored.size(), WorkloadTexts().size());
    for (const SnippetValue& s : kSnippetValues) {
      if (static_cast<int>(s.policy) > static_cast<int>(policy)) continue;
      for (const std::string& text : stored)
        EXPECT_EQ(text.find(s.value), std::string::npos) << s.value << " stored in: " << text;
    }
    ASSERT_FALSE(flagged_values.empty());
    for (const std::string& value : flagged_values)
      for (const std::string& text : stored)
        EXPECT_EQ(text.find(value), std::string::npos) << value << " stored in: " << text;
  }
}

TEST_F(PiiTruthTest, PrivacyModeNoneDetectsPiiAndStoresTheTextVerbatimWithANotice) {
  EngineConfig c = FreshStorage(QuietConfig());
  c.audit.enabled = true;
  ASSERT_EQ(c.privacy.mode, PrivacyMode::kNone);
  auto engine = Make(c);
  const std::string text = "My SSN is 078-05-1120 for the form.";
  Verdict v = engine->Evaluate(A("agent", text));
  ASSERT_TRUE(v.pii.has_value());
  ASSERT_EQ(v.pii->findings.size(), 1u);
  EXPECT_EQ(v.pii->findings[0].type, PiiType::kSsn);
  EXPECT_TRUE(HasPrivacyViolation(v));
  ASSERT_TRUE(engine->Shutdown().ok());
  EXPECT_EQ(AuditTexts(c), std::vector<std::string>{text});
  // What evaluate and generate_load print at start for this configuration.
  const std::vector<std::string> notices = UnavailableFeatureNotices(c);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_NE(notices[0].find("NETHICAL_PRIVACY_MODE=none"), std::string::npos);
  EXPECT_NE(notices[0].find("verbatim"), std::string::npos);
}

}  // namespace
}  // namespace nethical
