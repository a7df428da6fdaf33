// audit_tool: the `nethical audit` subcommands as a standalone binary.
#include <iostream>

#include "engine/audit/audit_command.h"

int main(int argc, char** argv) {
  return nethical::audit::RunAuditCommand(argc, argv, std::cout, std::cerr);
}
