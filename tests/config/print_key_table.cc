// Prints the generated key table of docs/config.md, markers included.
#include <iostream>

#include "tests/config/key_table_markdown.h"

int main() {
  std::cout << nethical::testing::kKeyTableBegin << "\n"
            << nethical::testing::KeyTableMarkdown() << nethical::testing::kKeyTableEnd << "\n";
  return 0;
}
