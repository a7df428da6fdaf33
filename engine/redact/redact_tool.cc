// Standalone `redact` for testing; the engine CLI dispatches to the same
// RunRedactCommand.
#include <iostream>

#include "engine/redact/redact_command.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return nethical::redact::RunRedactCommand(argc, argv, std::cin, std::cout, std::cerr);
}
