// //bench:compare: see compare_cli.h for flags and exit status.
#include <iostream>
#include <string>
#include <vector>

#include "bench/compare/compare_cli.h"

int main(int argc, char** argv) {
  return nethical::bench::RunCompareCli(std::vector<std::string>(argv + 1, argv + argc), std::cout,
                                        std::cerr);
}
