#include "engine/cli/flag_parser.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace nethical::cli {
namespace {

// A small tool: --count N in [1, 9], --name NAME (non-empty), --fast /
// --no-fast, --verbose, and an optional positional FILE.
struct Tool {
  int count = 0;
  std::string name;
  std::vector<std::string> events;  // every flag applied, in order
  std::string file;
  FlagParser flags{"Usage: tool [flags] [FILE]\n"};

  explicit Tool(bool file_required = false) {
    flags.Value("--count", "N", "an integer in [1, 9]", "how many", [this](std::string_view v) {
      if (v.size() != 1 || v[0] < '1' || v[0] > '9') return false;
      count = v[0] - '0';
      events.push_back("count=" + std::string(v));
      return true;
    });
    flags.Value("--name", "NAME", "a non-empty string", "a name", [this](std::string_view v) {
      name = v;
      events.push_back("name=" + std::string(v));
      return !v.empty();
    });
    flags.Section("Speed");
    flags.Switch("--fast", "go fast", [this] { events.push_back("fast"); });
    flags.Switch("--no-fast", "", [this] { events.push_back("no-fast"); });
    flags.Switch("--verbose", "talk more", [this] { events.push_back("verbose"); });
    flags.Positional(
        "FILE", "a readable file", "the input",
        [this](std::string_view v) {
          file = v;
          return v != "missing";
        },
        !file_required);
  }

  std::string ErrorOf(const std::vector<std::string>& args) {
    Status s = flags.Parse(args);
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    return s.message();
  }
};

TEST(FlagParserTest, BothValueSpellingsMeanTheSame) {
  Tool a, b;
  ASSERT_TRUE(a.flags.Parse({"--count", "3", "--name", "x"}).ok());
  ASSERT_TRUE(b.flags.Parse({"--count=3", "--name=x"}).ok());
  EXPECT_EQ(a.count, 3);
  EXPECT_EQ(a.events, b.events);
}

TEST(FlagParserTest, FlagsApplyInCommandLineOrderAndTheLastWins) {
  Tool t;
  ASSERT_TRUE(t.flags.Parse({"--no-fast", "--count", "2", "--fast", "--count=5"}).ok());
  EXPECT_EQ(t.events, (std::vector<std::string>{"no-fast", "count=2", "fast", "count=5"}));
  EXPECT_EQ(t.count, 5);
}

TEST(FlagParserTest, AnEmptyEqualsValueIsTheEmptyValueNotTheNextArgument) {
  Tool t;
  EXPECT_EQ(t.ErrorOf({"--name=", "--verbose"}), "--name=: must be a non-empty string");
}

TEST(FlagParserTest, AValueMayStartWithADash) {
  Tool t;
  ASSERT_TRUE(t.flags.Parse({"--name", "-x"}).ok());
  EXPECT_EQ(t.name, "-x");
}

// A command line holds at most 128 KiB per argument; longer ones come only
// from in-process callers, and are refused before CLI11 copies them once
// per option (seconds for 50 MB), naming the flag they belong to.
TEST(FlagParserTest, AnArgumentOverTwoMegabytesIsRefusedNamingItsFlag) {
  Tool t;
  const std::string huge = "\x1b[31m" + std::string(3 << 20, '7');
  const std::string limit = " bytes): an argument holds at most 2097152 bytes";
  for (const auto& [args, named] :
       std::vector<std::pair<std::vector<std::string>, std::string>>{{{"--count=" + huge}, "--count="},
                                                                     {{"--count", huge}, "--count="},
                                                                     {{huge}, "argument "},
                                                                     {{"--" + huge}, "argument --"}}) {
    const std::string e = t.ErrorOf(args);
    EXPECT_EQ(e.rfind(named + "\\x1b[31m7777", 0), 0u) << e;
    EXPECT_NE(e.find(limit), std::string::npos) << e;
    EXPECT_LT(e.size(), 300u);
  }
  EXPECT_TRUE(t.events.empty());
}

TEST(FlagParserTest, ARejectedValueNamesFlagValueAndWhatIsAllowed) {
  Tool t;
  EXPECT_EQ(t.ErrorOf({"--count", "0"}), "--count=0: must be an integer in [1, 9]");
}

TEST(FlagParserTest, AHostileValueIsEscapedOnOneLine) {
  Tool t;
  const std::string e = t.ErrorOf({"--count", "1\n2\x1b[31m"});
  EXPECT_EQ(e, "--count=1\\n2\\x1b[31m: must be an integer in [1, 9]");
}

TEST(FlagParserTest, AOneMegabyteValueIsCutAndItsLengthShown) {
  Tool t;
  const std::string e = t.ErrorOf({"--count=" + std::string(1 << 20, '7')});
  EXPECT_LT(e.size(), 200u);
  EXPECT_NE(e.find("(1048576 bytes)"), std::string::npos) << e;
  EXPECT_EQ(e.find('\n'), std::string::npos);
}

TEST(FlagParserTest, ACheckedValueReturnsItsOwnErrorAsWorded) {
  FlagParser f("x\n");
  f.CheckedValue("--key", "V", "a key", "a key", [](std::string_view v) {
    return v == "ok" ? Status::Ok() : InvalidArgument("--key: NETHICAL_KEY: no");
  });
  EXPECT_TRUE(f.Parse({"--key", "ok"}).ok());
  FlagParser g("x\n");
  g.CheckedValue("--key", "V", "a key", "a key",
                 [](std::string_view) { return InvalidArgument("--key: no"); });
  EXPECT_EQ(g.Parse({"--key=bad"}).message(), "--key: no");
}

TEST(FlagParserTest, AMissingValueNamesTheFlagAndWhatIsAllowed) {
  Tool t;
  EXPECT_EQ(t.ErrorOf({"--verbose", "--count"}), "--count: missing value (must be an integer in [1, 9])");
}

TEST(FlagParserTest, ASwitchTakesNoValue) {
  Tool t;
  EXPECT_EQ(t.ErrorOf({"--verbose=yes"}), "--verbose=yes: --verbose takes no value");
  Tool hostile;
  const std::string e = hostile.ErrorOf({"--verbose=\n" + std::string(1 << 20, 'y')});
  EXPECT_EQ(e.find('\n'), std::string::npos);
  EXPECT_LT(e.size(), 200u);
}

TEST(FlagParserTest, AnUnknownFlagSuggestsTheClosestOne) {
  Tool t;
  EXPECT_EQ(t.ErrorOf({"--cuont=3"}), "unknown flag --cuont; did you mean --count? (see --help)");
  Tool far;
  EXPECT_EQ(far.ErrorOf({"--zzzzzzzz"}), "unknown flag --zzzzzzzz (see --help)");
  Tool upper;
  EXPECT_EQ(upper.ErrorOf({"--VERBOSE"}), "unknown flag --VERBOSE; did you mean --verbose? (see --help)");
}

TEST(FlagParserTest, AnUnknownHostileFlagNameIsEscaped) {
  Tool t;
  const std::string e = t.ErrorOf({"--\x1b]0;x\a" + std::string(1 << 20, 'z')});
  EXPECT_EQ(e.find('\x1b'), std::string::npos) << e;
  EXPECT_LT(e.size(), 200u);
}

TEST(FlagParserTest, ShortOptionsAndStrayArgumentsAreUnexpected) {
  Tool t;
  EXPECT_EQ(t.ErrorOf({"a.txt", "b.txt"}), "unexpected argument 'b.txt' (flags start with --; see --help)");
  Tool s;
  EXPECT_EQ(s.ErrorOf({"-h"}), "unexpected argument '-h' (flags start with --; see --help)");
}

TEST(FlagParserTest, PositionalsAreCheckedAndRequiredOnesMissed) {
  Tool t;
  ASSERT_TRUE(t.flags.Parse({"--verbose", "in.txt"}).ok());
  EXPECT_EQ(t.file, "in.txt");
  Tool bad;
  EXPECT_EQ(bad.ErrorOf({"missing"}), "FILE missing: must be a readable file");
  Tool required(/*file_required=*/true);
  EXPECT_EQ(required.ErrorOf({"--verbose"}), "missing FILE (see --help)");
}

TEST(FlagParserTest, PositionalsTakeEveryFurtherArgumentInOrderBetweenFlags) {
  FlagParser f("x\n");
  std::vector<std::string> files;
  std::string out;
  f.Value("--out", "FILE", "a path", "output", [&](std::string_view v) { return out = v, true; });
  f.Positionals("SUMMARY", "a non-empty path", "inputs", [&](std::string_view v) {
    files.emplace_back(v);
    return !v.empty();
  });
  ASSERT_TRUE(f.Parse({"a.json", "--out", "o.json", "b.json", "-"}).ok());
  EXPECT_EQ(files, (std::vector<std::string>{"a.json", "b.json", "-"}));
  EXPECT_EQ(out, "o.json");
  EXPECT_NE(f.Help().find("  SUMMARY ..."), std::string::npos);
}

TEST(FlagParserTest, PositionalsAreCheckedRequiredAndNeverTakeADashArgument) {
  const auto make = [](FlagParser& f) {
    f.Positionals("SUMMARY", "a readable file", "inputs", [](std::string_view v) { return v != "gone"; });
  };
  FlagParser none("x\n");
  make(none);
  EXPECT_EQ(none.Parse({}).message(), "missing SUMMARY (see --help)");
  FlagParser bad("x\n");
  make(bad);
  EXPECT_EQ(bad.Parse({"a", "gone"}).message(), "SUMMARY gone: must be a readable file");
  FlagParser dash("x\n");
  make(dash);
  EXPECT_EQ(dash.Parse({"a", "-h"}).message(), "unexpected argument '-h' (flags start with --; see --help)");
}

TEST(FlagParserTest, PassThroughFlagsGoWholeInOrderAndMayBeRefused) {
  FlagParser f("x\n");
  std::vector<std::string> passed;
  f.Value("--out", "FILE", "a path", "output", [](std::string_view) { return true; });
  f.PassThrough("--other_", "flags of the other program", [&](std::string_view arg) {
    passed.emplace_back(arg);
    return Status::Ok();
  });
  ASSERT_TRUE(f.Parse({"--other_a=1", "--out", "o", "--other_b=x y"}).ok());
  EXPECT_EQ(passed, (std::vector<std::string>{"--other_a=1", "--other_b=x y"}));
  FlagParser g("x\n");
  g.PassThrough("--other_", "", [](std::string_view arg) {
    return arg == "--other_out=\n" ? InvalidArgument("refused") : Status::Ok();
  });
  EXPECT_EQ(g.Parse({"--other_out=\n"}).message(), "refused");
  EXPECT_NE(f.Help().find("--other_*=V"), std::string::npos);
}

TEST(FlagParserTest, HelpListsEveryFlagPairingNegations) {
  Tool t;
  const std::string h = t.flags.Help();
  EXPECT_EQ(h.rfind("Usage: tool [flags] [FILE]\n", 0), 0u);
  for (const char* line :
       {"  --count N ", "  --name NAME ", "\nSpeed:\n", "  --fast / --no-fast ", "  --verbose ", "  FILE "})
    EXPECT_NE(h.find(line), std::string::npos) << line << "\n" << h;
}

TEST(FlagParserTest, AFlagWithoutHelpIsStillListed) {
  FlagParser f("x\n");
  f.Switch("--no-thing", "", [] {});
  f.Value("--bare", "V", "anything", "", [](std::string_view) { return true; });
  const std::string h = f.Help();
  EXPECT_NE(h.find("--no-thing"), std::string::npos) << h;
  EXPECT_NE(h.find("--bare V"), std::string::npos) << h;
}

}  // namespace
}  // namespace nethical::cli
