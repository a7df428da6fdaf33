#include "engine/cli/nethical_main.h"

#include <string_view>

#include "engine/base/shown_value.h"
#include "engine/cli/audit_command.h"
#include "engine/cli/evaluate_command.h"
#include "engine/cli/redact_command.h"
#include "engine/cli/shadow_command.h"

namespace nethical::cli {
namespace {

// argv[0] of a subcommand is its own name.
using SubcommandFn = int (*)(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err);

struct Subcommand {
  std::string_view name;
  SubcommandFn run;
  std::string_view summary;
};

// `audit` reads files, not stdin.
int RunAudit(int argc, char** argv, std::istream&, std::ostream& out, std::ostream& err) {
  return RunAuditCommand(argc, argv, out, err);
}

constexpr Subcommand kSubcommands[] = {
    {"evaluate", RunEvaluateCommand, "JSONL actions on stdin -> one JSONL verdict per action"},
    {"redact", RunRedactCommand, "lines or JSONL on stdin -> text with PII redacted"},
    {"shadow", RunShadowCommand, "train: logistic shadow weights from evaluate's verdicts"},
    {"audit", RunAudit, "verify | proof | consistency | export | heads | compat-root of an audit log"},
};

void PrintUsage(std::ostream& out) {
  out << "usage: nethical <subcommand> [flags]   (nethical <subcommand> --help: its flags)\n";
  for (const Subcommand& s : kSubcommands) out << "  " << s.name << "  " << s.summary << "\n";
}

}  // namespace

int RunNethical(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err) {
  if (argc < 2) {
    err << "nethical: missing subcommand (try 'nethical help')\n";
    return 2;
  }
  std::string_view name = argv[1];
  if (name == "help" || name == "--help" || name == "-h") {
    PrintUsage(out);
    return 0;
  }
  for (const Subcommand& s : kSubcommands)
    if (s.name == name) return s.run(argc - 1, argv + 1, in, out, err);
  err << "nethical: unknown subcommand '" << ShownValue(name) << "' (try 'nethical help')\n";
  return 2;
}

}  // namespace nethical::cli
