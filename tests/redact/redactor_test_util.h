// Shared helpers for redactor tests: build a Redactor from a policy and
// mode, and render findings as "TYPE:value" for readable expectations.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/redact/redactor.h"

namespace nethical::redact {

inline std::unique_ptr<Redactor> MakeRedactor(RedactionPolicy policy,
                                              RedactionMode mode = RedactionMode::kFull,
                                              std::string key_hex = "") {
  PrivacyConfig config;
  config.redaction_policy = policy;
  config.redaction_mode = mode;
  config.token_key_hex = std::move(key_hex);
  auto made = Redactor::Create(config);
  EXPECT_TRUE(made.ok()) << made.status().message();
  return made.ok() ? std::move(made.value()) : nullptr;
}

// "TYPE:value" for each finding, in order.
inline std::vector<std::string> Found(const Redactor& redactor, std::string_view text) {
  std::vector<std::string> out;
  for (const PiiFinding& f : redactor.Scan(text).findings) {
    out.push_back(std::string(PiiTypeName(f.type)) + ":" +
                  std::string(text.substr(f.start, f.end - f.start)));
  }
  return out;
}

}  // namespace nethical::redact
