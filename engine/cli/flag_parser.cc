#include "engine/cli/flag_parser.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <utility>

#include "CLI/CLI.hpp"
#include "engine/base/edit_distance.h"
#include "engine/base/shown_value.h"

namespace nethical::cli {
namespace {

// Thrown by the option callbacks with the finished one-line message; CLI11
// lets it through parse() untouched.
struct FlagError {
  std::string message;
};

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// No flag is this long: a longer name has no close match (and a 50 MB one
// must not cost an edit distance per flag).
constexpr size_t kMaxSuggestedNameBytes = 64;
constexpr size_t kHelpColumn = 34;
// A command line holds at most 128 KiB per argument (Linux's
// MAX_ARG_STRLEN); in-process callers (tests, fuzzers) may pass more. CLI11
// copies an argument once per declared option it tries, so a 50 MB one
// costs seconds: anything longer than this is refused before CLI11 sees it.
constexpr size_t kMaxArgumentBytes = size_t{2} << 20;

}  // namespace

struct FlagParser::Entry {
  enum class Kind { kValue, kSwitch, kPositional, kPositionals, kSection, kPassThrough };
  Kind kind;
  std::string name;     // "--agents"; the heading of a section
  std::string metavar;  // value flags and positionals
  std::string allowed;
  std::string help;
  bool optional = false;
  bool seen = false;                                  // positionals
  std::function<Status(std::string_view)> pass = {};  // pass-through prefixes
  std::function<bool(std::string_view)> rest = {};    // Positionals
};

FlagParser::FlagParser(std::string preamble)
    : preamble_(std::move(preamble)), app_(std::make_unique<CLI::App>()) {
  app_->set_help_flag();  // --help is the tool's own switch, listed by Help()
  app_->allow_extras();   // unknown flags and stray arguments: worded in Parse()
}

FlagParser::~FlagParser() = default;

void FlagParser::Value(std::string name, std::string metavar, std::string allowed, std::string help,
                       std::function<bool(std::string_view)> apply) {
  CLI::callback_t callback = [name, allowed, apply = std::move(apply)](const CLI::results_t& results) {
    const std::string value = results.empty() ? std::string() : results.back();
    if (!apply(value)) throw FlagError{name + "=" + ShownValue(value) + ": must be " + allowed};
    return true;
  };
  app_->add_option(name, std::move(callback), help)
      ->type_name(metavar)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
      ->trigger_on_parse();  // in command-line order, each occurrence
  entries_.push_back(
      {Entry::Kind::kValue, std::move(name), std::move(metavar), std::move(allowed), std::move(help)});
}

void FlagParser::CheckedValue(std::string name, std::string metavar, std::string allowed, std::string help,
                              std::function<Status(std::string_view)> apply) {
  CLI::callback_t callback = [apply = std::move(apply)](const CLI::results_t& results) {
    const Status s = apply(results.empty() ? std::string() : results.back());
    if (!s.ok()) throw FlagError{s.message()};
    return true;
  };
  app_->add_option(name, std::move(callback), help)
      ->type_name(metavar)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
      ->trigger_on_parse();
  entries_.push_back(
      {Entry::Kind::kValue, std::move(name), std::move(metavar), std::move(allowed), std::move(help)});
}

void FlagParser::Switch(std::string name, std::string help, std::function<void()> apply) {
  app_->add_flag_callback(name, std::move(apply), help)->disable_flag_override()->trigger_on_parse();
  entries_.push_back({Entry::Kind::kSwitch, std::move(name), "", "", std::move(help)});
}

void FlagParser::Positional(std::string metavar, std::string allowed, std::string help,
                            std::function<bool(std::string_view)> apply, bool optional) {
  const size_t index = entries_.size();
  CLI::callback_t callback = [this, index, apply = std::move(apply)](const CLI::results_t& results) {
    Entry& e = entries_[index];
    e.seen = true;
    const std::string value = results.empty() ? std::string() : results.back();
    if (!apply(value)) throw FlagError{e.metavar + " " + ShownValue(value) + ": must be " + e.allowed};
    return true;
  };
  // A positional's CLI11 name has no dashes; it must be unique in the app.
  app_->add_option("positional" + std::to_string(index), std::move(callback), help)->trigger_on_parse();
  entries_.push_back(
      {Entry::Kind::kPositional, "", std::move(metavar), std::move(allowed), std::move(help), optional});
}

void FlagParser::Positionals(std::string metavar, std::string allowed, std::string help,
                             std::function<bool(std::string_view)> apply, bool optional) {
  entries_.push_back(
      {Entry::Kind::kPositionals, "", std::move(metavar), std::move(allowed), std::move(help), optional});
  entries_.back().rest = std::move(apply);
}

void FlagParser::PassThrough(std::string prefix, std::string help,
                             std::function<Status(std::string_view)> apply) {
  entries_.push_back({Entry::Kind::kPassThrough, std::move(prefix), "", "", std::move(help)});
  entries_.back().pass = std::move(apply);
}

void FlagParser::Section(std::string title) {
  entries_.push_back({Entry::Kind::kSection, std::move(title), "", "", ""});
}

const FlagParser::Entry* FlagParser::Find(std::string_view name) const {
  for (const Entry& e : entries_)
    if ((e.kind == Entry::Kind::kValue || e.kind == Entry::Kind::kSwitch) && e.name == name) return &e;
  return nullptr;
}

Status FlagParser::Parse(const std::vector<std::string>& args) {
  if (Status s = CheckArgumentSizes(args); !s.ok()) return s;
  // CLI11 takes the arguments last first. "--flag=" is the empty value:
  // given to CLI11 as "--flag" "", or it would take the next argument.
  std::vector<std::string> reversed;
  reversed.reserve(args.size() + 1);
  for (auto it = args.rbegin(); it != args.rend(); ++it) {
    const std::string& a = *it;
    const Entry* e =
        StartsWith(a, "--") && a.back() == '=' ? Find(std::string_view(a).substr(0, a.size() - 1)) : nullptr;
    if (e != nullptr && e->kind == Entry::Kind::kValue) {
      reversed.emplace_back();
      reversed.push_back(e->name);
    } else {
      reversed.push_back(a);
    }
  }
  try {
    app_->parse(reversed);
  } catch (const FlagError& e) {
    return InvalidArgument(e.message);
  } catch (const CLI::ParseError& e) {
    return ConvertCli11Error(e.what(), args);
  }
  const auto rest = std::find_if(entries_.begin(), entries_.end(),
                                 [](const Entry& e) { return e.kind == Entry::Kind::kPositionals; });
  for (const std::string& arg : app_->remaining()) {
    if (rest != entries_.end() && (arg.empty() || arg[0] != '-' || arg == "-")) {
      rest->seen = true;
      if (!rest->rest(arg))
        return InvalidArgument(rest->metavar + " " + ShownValue(arg) + ": must be " + rest->allowed);
      continue;
    }
    const auto pass = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) {
      return e.kind == Entry::Kind::kPassThrough && StartsWith(arg, e.name);
    });
    if (pass != entries_.end()) {
      if (Status s = pass->pass(arg); !s.ok()) return s;
      continue;
    }
    if (arg.size() < 3 || !StartsWith(arg, "--"))
      return InvalidArgument("unexpected argument '" + ShownValue(arg) +
                             "' (flags start with --; see --help)");
    const std::string_view name = std::string_view(arg).substr(0, arg.find('='));
    // Suggest only close matches: at most 3 edits, or a third of the longer name.
    const Entry* best = nullptr;
    size_t best_distance = SIZE_MAX;
    if (name.size() <= kMaxSuggestedNameBytes) {
      for (const Entry& e : entries_) {
        if (e.kind != Entry::Kind::kValue && e.kind != Entry::Kind::kSwitch) continue;
        const size_t d = EditDistance(name, e.name);
        if (d <= std::max<size_t>(3, std::max(name.size(), e.name.size()) / 3) && d < best_distance)
          best = &e, best_distance = d;
      }
    }
    std::string m = "unknown flag " + ShownValue(name);
    if (best != nullptr) m += "; did you mean " + best->name + "?";
    return InvalidArgument(m + " (see --help)");
  }
  for (const Entry& e : entries_)
    if ((e.kind == Entry::Kind::kPositional || e.kind == Entry::Kind::kPositionals) && !e.optional && !e.seen)
      return InvalidArgument("missing " + e.metavar + " (see --help)");
  return Status::Ok();
}

// Names the flag a too-long argument belongs to: "--name=<value>", the
// value after "--name", or the argument itself.
Status FlagParser::CheckArgumentSizes(const std::vector<std::string>& args) const {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() <= kMaxArgumentBytes) continue;
    // ShownValue gives the value's length.
    const std::string limit = ": an argument holds at most " + std::to_string(kMaxArgumentBytes) + " bytes";
    const size_t eq = a.find('=');
    if (StartsWith(a, "--") && eq != std::string::npos && eq <= kMaxSuggestedNameBytes)
      return InvalidArgument(ShownValue(std::string_view(a).substr(0, eq)) + "=" +
                             ShownValue(std::string_view(a).substr(eq + 1)) + limit);
    const Entry* flag = i > 0 ? Find(args[i - 1]) : nullptr;
    if (flag != nullptr && flag->kind == Entry::Kind::kValue)
      return InvalidArgument(flag->name + "=" + ShownValue(a) + limit);
    return InvalidArgument("argument " + ShownValue(a) + limit);
  }
  return Status::Ok();
}

std::optional<int> FlagParser::ParseMain(const std::vector<std::string>& args, std::string_view tool,
                                         const bool& help) {
  const Status s = Parse(args);
  if (help) {
    std::fputs(Help().c_str(), stdout);
    return 0;
  }
  if (!s.ok()) {
    std::fprintf(stderr, "%.*s: %s\n", static_cast<int>(tool.size()), tool.data(), s.message().c_str());
    return 2;
  }
  return std::nullopt;
}

// CLI11 words a few errors itself; each becomes the project's one line.
Status FlagParser::ConvertCli11Error(const std::string& what, const std::vector<std::string>& args) const {
  for (const Entry& e : entries_) {
    if (e.kind == Entry::Kind::kValue && StartsWith(what, e.name + ": ") &&
        what.find(" required ") != std::string::npos)
      return InvalidArgument(e.name + ": missing value" +
                             (e.allowed.empty() ? "" : " (must be " + e.allowed + ")"));
    // CLI11 names the switch without its dashes: "quota was given a disallowed flag override".
    if (e.kind == Entry::Kind::kSwitch &&
        StartsWith(what, e.name.substr(2) + " was given a disallowed flag override")) {
      const std::string prefix = e.name + "=";
      for (const std::string& a : args)
        if (StartsWith(a, prefix) && a != e.name + "=true")
          return InvalidArgument(ShownValue(a) + ": " + e.name + " takes no value");
      return InvalidArgument(e.name + ": takes no value");
    }
  }
  return InvalidArgument("command line not understood: " + ShownValue(what) + " (see --help)");
}

// "--no-X" without help of a switch "--X" with help: Help() shows the pair
// on one line.
bool FlagParser::IsListedNegation(const Entry& e) const {
  if (e.kind != Entry::Kind::kSwitch || !e.help.empty() || !StartsWith(e.name, "--no-")) return false;
  const Entry* positive = Find("--" + e.name.substr(5));
  return positive != nullptr && positive->kind == Entry::Kind::kSwitch && !positive->help.empty();
}

std::string FlagParser::Help() const {
  std::string h = preamble_;
  for (const Entry& e : entries_) {
    if (e.kind == Entry::Kind::kSection) {
      h += "\n" + e.name + ":\n";
      continue;
    }
    if (e.kind == Entry::Kind::kPassThrough) {
      std::string left = "  " + e.name + "*=V";
      if (left.size() < kHelpColumn) left.resize(kHelpColumn, ' ');
      h += left + e.help + "\n";
      continue;
    }
    if (IsListedNegation(e)) continue;  // shown as "--X / --no-X"
    std::string left = "  " + (e.kind == Entry::Kind::kPositional    ? e.metavar
                               : e.kind == Entry::Kind::kPositionals ? e.metavar + " ..."
                                                                     : e.name);
    if (e.kind == Entry::Kind::kValue) left += " " + e.metavar;
    if (e.kind == Entry::Kind::kSwitch) {
      const std::string negation = "--no-" + e.name.substr(2);
      if (const Entry* n = Find(negation); n != nullptr && IsListedNegation(*n)) left += " / " + negation;
    }
    if (left.size() < kHelpColumn)
      left.resize(kHelpColumn, ' ');
    else
      left += "\n" + std::string(kHelpColumn, ' ');
    h += left + e.help + "\n";
  }
  return h;
}

}  // namespace nethical::cli
