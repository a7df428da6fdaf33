// AppendAuditExportLine writes exactly what building the record's object
// with nlohmann::json and dumping it (with invalid UTF-8 replaced) wrote,
// for random records: bytes of every value in the strings (quotes,
// backslashes, control characters, DEL, multi-byte and broken UTF-8),
// integral, tiny, negative and non-finite risks, negative timestamps.
#include "engine/cli/audit_export_line.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "engine/audit/audit_record.h"
#include "engine/base/base64.h"

namespace nethical::cli {
namespace {

using Json = nlohmann::json;
using audit::AuditRecord;

// The line as the export wrote it before: the object, dumped.
std::string Reference(uint64_t index, std::string_view payload, const audit::Hash& leaf,
                      const AuditRecord& r) {
  const Json j = {
      {"index", index},         {"data", Base64Encode(payload)}, {"leaf_hash", audit::ToHex(leaf)},
      {"agent_id", r.agent_id}, {"action_id", r.action_id},      {"decision", r.decision},
      {"risk", r.risk},         {"violation", r.violation},      {"timestamp_ns", r.timestamp_ns},
      {"text", r.text}};
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string Line(uint64_t index, std::string_view payload, const audit::Hash& leaf, const AuditRecord& r) {
  std::string line;
  AppendAuditExportLine(index, payload, leaf, r, &line);
  return line;
}

// Mostly text, with every kind of byte the escaping treats apart.
std::string RandomText(std::mt19937_64& rng, size_t max_len) {
  static const std::string kPieces[] = {"a",
                                        "Z",
                                        " ",
                                        "\"",
                                        "\\",
                                        "/",
                                        "\n",
                                        "\t",
                                        "\r",
                                        "\b",
                                        "\f",
                                        "\x01",
                                        "\x1f",
                                        "\x7f",
                                        "\xc3\xa9",
                                        "\xe2\x9c\x93",
                                        "\xf0\x9f\x98\x80",
                                        "\xc3",
                                        "\xe2\x82",
                                        "\x80",
                                        "\xff",
                                        "\xed\xa0\x80",
                                        "\xc0\xaf"};
  std::string s;
  const size_t n = rng() % (max_len + 1);
  for (size_t i = 0; i < n; ++i) {
    if (rng() % 4 == 0) {
      s += kPieces[rng() % std::size(kPieces)];
    } else {
      s += static_cast<char>(rng() % 256);
    }
  }
  return s;
}

double RandomRisk(std::mt19937_64& rng) {
  switch (rng() % 6) {
    case 0:
      return static_cast<double>(rng() % 3);  // 0, 1, 2: integral
    case 1:
      return std::ldexp(static_cast<double>(rng() % 1000), -static_cast<int>(rng() % 60));
    case 2:
      return -std::uniform_real_distribution<double>(0, 1)(rng);
    case 3:
      return std::numeric_limits<double>::quiet_NaN();
    case 4:
      return std::numeric_limits<double>::infinity();
    default:
      return std::uniform_real_distribution<double>(0, 1)(rng);
  }
}

TEST(AuditExportLineTest, IsByteForByteTheDumpedObjectForRandomRecords) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 5000; ++trial) {
    AuditRecord r;
    r.agent_id = RandomText(rng, 12);
    r.action_id = RandomText(rng, 12);
    r.decision = RandomText(rng, 8);
    r.risk = RandomRisk(rng);
    r.violation = rng() % 2 == 0;
    r.timestamp_ns = static_cast<int64_t>(rng());
    r.text = RandomText(rng, 200);
    const std::string payload = RandomText(rng, 64);
    audit::Hash leaf;
    for (auto& b : leaf) b = static_cast<uint8_t>(rng());
    const uint64_t index = trial % 2 == 0 ? rng() : rng() % 1000;
    ASSERT_EQ(Line(index, payload, leaf, r), Reference(index, payload, leaf, r)) << "trial " << trial;
  }
}

TEST(AuditExportLineTest, AnEmptyRecordIsTheDumpedObject) {
  const AuditRecord r;
  const audit::Hash leaf{};
  EXPECT_EQ(Line(0, "", leaf, r), Reference(0, "", leaf, r));
}

}  // namespace
}  // namespace nethical::cli
