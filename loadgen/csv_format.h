// The original's per-action CSV formatting (§1.10), as pure functions:
// excel dialect (`,`, `"`, minimal quoting, CRLF), formula-injection guard,
// Python repr() floats. Timestamps: AppendUtcTimestamp(t, kPythonIsoformat)
// (engine/base/utc_timestamp.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace nethical::loadgen {

// The original's header; extra columns only ever follow these seven.
inline constexpr std::string_view kCsvOriginalHeader =
    "agent_id,action_id,timestamp,latency_ms,status,error,violation_detected";
// What generate_load writes: latency_ms keeps the original's meaning (service
// time); response_time_ms and send_lag_ms are measured from the intended
// send time; decision is the engine's (empty on error).
inline constexpr std::string_view kCsvHeader =
    "agent_id,action_id,timestamp,latency_ms,status,error,violation_detected,"
    "response_time_ms,send_lag_ms,decision";

// sanitize_csv_value: \r and \n become spaces, surrounding whitespace is
// stripped, and a value starting with = + - @ or TAB gets a leading '.
std::string SanitizeCsvValue(std::string_view value);
// Appends `value` sanitised, then quoted when it holds ',' or '"'.
void AppendCsvText(std::string_view value, std::string* out);
// Python's repr(float): shortest round-trip digits, "12.0", "1e-05", "1e+16".
void AppendPythonFloat(double value, std::string* out);

}  // namespace nethical::loadgen
