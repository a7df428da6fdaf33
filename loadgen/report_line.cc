#include "loadgen/report_line.h"

#include <cstdarg>
#include <cstdio>

namespace nethical::loadgen {

void AppendLine(std::string* out, const char* format, ...) {
  char buf[512];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buf, sizeof buf, format, args);
  va_end(args);
  out->append(buf);
  out->push_back('\n');
}

}  // namespace nethical::loadgen
