// One formatted line of a console report: printf-style, at most 511 bytes,
// then '\n'. Shared by the console summary and its stage blocks.
//
//   AppendLine(&out, "  Checks:  %llu", n);
#pragma once

#include <string>

namespace nethical::loadgen {

void AppendLine(std::string* out, const char* format, ...) __attribute__((format(printf, 2, 3)));

}  // namespace nethical::loadgen
