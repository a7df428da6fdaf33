// An AgentRisk and a RiskInput as text, for a shared store (RedisRisk):
// every field, doubles as hexadecimal floats, so what is read back is bit for
// bit what was written and two processes compute the same next score.
//
//   std::string text = EncodeAgentRisk(state);
//   AgentRisk back;
//   bool ok = DecodeAgentRisk(text, &back);    // false: not this format
//   std::string in = EncodeRiskInput(input);  // DecodeRiskInput likewise
//
// Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "engine/risk/risk_model.h"

namespace nethical::risk {

std::string EncodeAgentRisk(const AgentRisk& state);
// False (and *state unspecified) when `text` is not what EncodeAgentRisk writes.
bool DecodeAgentRisk(std::string_view text, AgentRisk* state);

std::string EncodeRiskInput(const RiskInput& input);
bool DecodeRiskInput(std::string_view text, RiskInput* input);

}  // namespace nethical::risk
