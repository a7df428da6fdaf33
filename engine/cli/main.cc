#include <iostream>

#include "engine/cli/nethical_main.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return nethical::cli::RunNethical(argc, argv, std::cin, std::cout, std::cerr);
}
