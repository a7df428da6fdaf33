// The generated PII corpus: deterministic per seed, labels that cover
// exactly their values, values valid by construction, look-alikes that are
// not PII, and two splits that share no frame.
#include "tests/redact/pii_corpus.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <set>
#include <string>

#include "engine/redact/pii_checks.h"
#include "engine/redact/text_normalizer.h"
#include "tests/redact/pii_corpus_frames.h"
#include "tests/redact/pii_corpus_rng.h"
#include "tests/redact/pii_corpus_values.h"

namespace nethical::redact {
namespace {

constexpr int kRecords = 3000;
constexpr CorpusSplit kSplits[] = {CorpusSplit::kPublic, CorpusSplit::kValidation};

bool SameCorpus(const std::vector<LabeledText>& a, const std::vector<LabeledText>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].id != b[i].id || a[i].text != b[i].text || a[i].spans.size() != b[i].spans.size()) {
      return false;
    }
    for (size_t k = 0; k < a[i].spans.size(); ++k) {
      const LabeledSpan& x = a[i].spans[k];
      const LabeledSpan& y = b[i].spans[k];
      if (x.type != y.type || x.start != y.start || x.end != y.end || x.value != y.value) {
        return false;
      }
    }
  }
  return true;
}

TEST(PiiCorpus, SameSeedGivesTheSameCorpus) {
  for (CorpusSplit split : kSplits) {
    EXPECT_TRUE(SameCorpus(GeneratePiiCorpus(split, 7, kRecords), GeneratePiiCorpus(split, 7, kRecords)))
        << CorpusSplitName(split);
  }
}

TEST(PiiCorpus, DifferentSeedsGiveDifferentCorpora) {
  for (CorpusSplit split : kSplits) {
    std::vector<LabeledText> a = GeneratePiiCorpus(split, 1, 200);
    std::vector<LabeledText> b = GeneratePiiCorpus(split, 2, 200);
    int same_text = 0;
    for (size_t i = 0; i < a.size(); ++i) same_text += a[i].text == b[i].text;
    EXPECT_LT(same_text, 20) << CorpusSplitName(split);
  }
}

TEST(PiiCorpus, ShorterCorpusIsAPrefixOfALongerOne) {
  std::vector<LabeledText> shorter = GeneratePiiCorpus(CorpusSplit::kPublic, 3, 100);
  std::vector<LabeledText> longer = GeneratePiiCorpus(CorpusSplit::kPublic, 3, 500);
  longer.resize(100);
  EXPECT_TRUE(SameCorpus(shorter, longer));
}

TEST(PiiCorpus, EverySpanCoversExactlyItsValue) {
  for (CorpusSplit split : kSplits) {
    for (const LabeledText& r : GeneratePiiCorpus(split, 11, kRecords)) {
      uint32_t previous_end = 0;
      for (const LabeledSpan& s : r.spans) {
        ASSERT_LT(s.start, s.end) << r.id;
        ASSERT_LE(s.end, r.text.size()) << r.id;
        EXPECT_EQ(r.text.substr(s.start, s.end - s.start), s.value) << r.id;
        EXPECT_GE(s.start, previous_end) << r.id << ": spans overlap or are out of order";
        previous_end = s.end;
      }
    }
  }
}

TEST(PiiCorpus, IdsNameTheSplitAndIndex) {
  std::vector<LabeledText> v = GeneratePiiCorpus(CorpusSplit::kValidation, 1, 12);
  EXPECT_EQ(v[0].id, "validation-000000");
  EXPECT_EQ(v[11].id, "validation-000011");
  EXPECT_EQ(GeneratePiiCorpus(CorpusSplit::kPublic, 1, 1)[0].id, "public-000000");
}

TEST(PiiCorpus, HasCleanRecordsAndAllNineTypesInBothSplits) {
  for (CorpusSplit split : kSplits) {
    std::map<std::string, int> spans_by_type;
    int clean = 0;
    std::vector<LabeledText> corpus = GeneratePiiCorpus(split, 5, kRecords);
    for (const LabeledText& r : corpus) {
      clean += r.spans.empty();
      for (const LabeledSpan& s : r.spans) ++spans_by_type[s.type];
    }
    EXPECT_GT(clean, kRecords / 4) << CorpusSplitName(split);
    EXPECT_LT(clean, kRecords / 2) << CorpusSplitName(split);
    for (const char* type :
         {"EMAIL", "PHONE", "SSN", "CREDIT_CARD", "IP_ADDRESS", "PASSPORT", "DATE_OF_BIRTH"}) {
      EXPECT_GT(spans_by_type[type], kRecords / 20) << CorpusSplitName(split) << " " << type;
    }
    for (const char* type : {"API_KEY", "AWS_SECRET_KEY"}) {  // hostile frames only
      EXPECT_GT(spans_by_type[type], kRecords / 200) << CorpusSplitName(split) << " " << type;
    }
    EXPECT_EQ(spans_by_type.size(), 9u) << CorpusSplitName(split);
  }
}

bool Ipv6Parses(const std::string& s) {
  unsigned char addr[16];
  return inet_pton(AF_INET6, s.c_str(), addr) == 1;
}

bool Ipv4Parses(const std::string& s) {
  unsigned char addr[4];
  return inet_pton(AF_INET, s.c_str(), addr) == 1;
}

// A four-digit run that is a year between 1940 and 2006.
bool HasBirthYear(const std::string& v) {
  for (size_t i = 0; i + 4 <= v.size(); ++i) {
    const std::string run = v.substr(i, 4);
    if (DigitsOf(run).size() != 4) continue;
    if ((i > 0 && isdigit(static_cast<unsigned char>(v[i - 1]))) ||
        (i + 4 < v.size() && isdigit(static_cast<unsigned char>(v[i + 4])))) {
      continue;
    }
    const int year = std::stoi(run);
    if (year >= 1940 && year <= 2006) return true;
  }
  return false;
}

// Checks each value on its own (the whole value is the text), with the
// structural rules the redactor enforces; context is the frame's business.
TEST(PiiCorpus, EveryLabeledValueIsValidByConstruction) {
  for (CorpusSplit split : kSplits) {
    for (const LabeledText& r : GeneratePiiCorpus(split, 13, kRecords)) {
      for (const LabeledSpan& s : r.spans) {
        // Hostile values are checked as the redactor sees them: folded.
        NormalizedText folded;
        const std::string v(NormalizeForScan(s.value, &folded));
        const size_t n = v.size();
        if (s.type == "CREDIT_CARD") {
          EXPECT_TRUE(CreditCardValid(v, 0, n)) << r.id << " " << v;
        } else if (s.type == "SSN") {
          EXPECT_TRUE(SsnValid(v, 0, n)) << r.id << " " << v;
        } else if (s.type == "IP_ADDRESS") {
          const bool v6 = v.find(':') != std::string::npos;
          EXPECT_TRUE(v6 ? Ipv6Parses(v) && Ipv6Valid(v, 0, n) : Ipv4Parses(v) && Ipv4Valid(v, 0, n))
              << r.id << " " << v;
        } else if (s.type == "PHONE") {
          EXPECT_TRUE(v[0] == '+' ? InternationalPhoneValid(v, 0, n) : NanpPhoneValid(v, 0, n))
              << r.id << " " << v;
        } else if (s.type == "EMAIL") {
          EXPECT_TRUE(EmailValid(v, 0, n)) << r.id << " " << v;
        } else if (s.type == "PASSPORT") {
          const std::string digits = DigitsOf(v);
          EXPECT_TRUE(digits.size() >= 6 && digits.size() <= 9 && n - digits.size() <= 2) << r.id << " " << v;
        } else if (s.type == "DATE_OF_BIRTH") {
          EXPECT_TRUE(HasBirthYear(v)) << r.id << " " << v;
        } else if (s.type == "API_KEY") {
          EXPECT_TRUE(n == 20 && v.rfind("AKIA", 0) == 0) << r.id << " " << v;
        } else if (s.type == "AWS_SECRET_KEY") {
          EXPECT_TRUE(AwsSecretKeyValid(v, 0, n)) << r.id << " " << v;
        } else {
          ADD_FAILURE() << r.id << ": unknown type " << s.type;
        }
      }
    }
  }
}

TEST(PiiCorpus, OrderNumbersFailLuhn) {
  CorpusRng rng(21);
  for (int i = 0; i < 2000; ++i) {
    const std::string order = MakeSlotValue(Slot::kOrder, rng);
    const std::string digits = DigitsOf(order);
    EXPECT_EQ(digits.size(), 16u) << order;
    EXPECT_FALSE(LuhnValid(digits)) << order;
  }
}

TEST(PiiCorpus, LuhnCheckDigitCompletesKnownNumbers) {
  EXPECT_EQ(LuhnCheckDigit("411111111111111"), '1');  // 4111 1111 1111 1111
  EXPECT_EQ(LuhnCheckDigit("37828224631000"), '5');   // 3782 822463 10005
  EXPECT_EQ(LuhnCheckDigit("7992739871"), '3');       // the textbook example
}

TEST(PiiCorpus, PublicAndValidationShareNoFrame) {
  const CorpusFrames& p = PublicFrames();
  const CorpusFrames& v = ValidationFrames();
  std::set<std::string_view> public_frames;
  for (auto frames :
       {p.clean, p.email, p.phone, p.ssn, p.card, p.ip, p.passport, p.dob, p.mixed, p.hostile}) {
    public_frames.insert(frames.begin(), frames.end());
  }
  for (auto frames :
       {v.clean, v.email, v.phone, v.ssn, v.card, v.ip, v.passport, v.dob, v.mixed, v.hostile}) {
    for (std::string_view f : frames) EXPECT_EQ(public_frames.count(f), 0u) << f;
  }
}

TEST(PiiCorpus, EverySlotInAFrameIsKnown) {
  for (const CorpusFrames* set : {&PublicFrames(), &ValidationFrames()}) {
    for (auto frames : {set->clean, set->email, set->phone, set->ssn, set->card, set->ip, set->passport,
                        set->dob, set->mixed, set->hostile}) {
      for (std::string_view f : frames) {
        for (size_t open = f.find('{'); open != std::string_view::npos; open = f.find('{', open + 1)) {
          size_t close = open + 1;
          while (close < f.size() && ((f[close] >= 'A' && f[close] <= 'Z') || f[close] == '_')) ++close;
          if (close == open + 1 || close >= f.size() || f[close] != '}') continue;  // literal brace
          EXPECT_TRUE(SlotFromName(f.substr(open + 1, close - open - 1)).has_value()) << f;
        }
      }
    }
  }
}

TEST(PiiCorpus, LabeledFramesHoldTheirTypeAndCleanFramesNone) {
  const auto labeled_slots = [](std::string_view f) {
    int n = 0;
    for (const char* slot :
         {"{EMAIL}", "{PHONE}", "{SSN}", "{CARD}", "{IP}", "{PASSPORT}", "{DOB}", "{CARD_FW}", "{SSN_FW}",
          "{SSN_UH}", "{PHONE_UH}", "{CARD_ZW}", "{AWS_KEY_ID}", "{AWS_SECRET}"}) {
      for (size_t at = f.find(slot); at != std::string_view::npos; at = f.find(slot, at + 1)) ++n;
    }
    return n;
  };
  for (const CorpusFrames* set : {&PublicFrames(), &ValidationFrames()}) {
    for (std::string_view f : set->clean) EXPECT_EQ(labeled_slots(f), 0) << f;
    for (auto [frames, slot] : {std::pair{set->email, "{EMAIL}"},
                                {set->phone, "{PHONE}"},
                                {set->ssn, "{SSN}"},
                                {set->card, "{CARD}"},
                                {set->ip, "{IP}"},
                                {set->passport, "{PASSPORT}"},
                                {set->dob, "{DOB}"}}) {
      for (std::string_view f : frames) {
        EXPECT_EQ(labeled_slots(f), 1) << f;
        EXPECT_NE(f.find(slot), std::string_view::npos) << f;
      }
    }
    for (std::string_view f : set->mixed) EXPECT_GE(labeled_slots(f), 2) << f;
    for (std::string_view f : set->hostile) EXPECT_GE(labeled_slots(f), 1) << f;
  }
}

}  // namespace
}  // namespace nethical::redact
