// The CLI's progress line and its help in every form (src/cli/progress.h,
// src/cli/help.h): made from the one table of commands and flags.
#include "cli/help.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangjian {
namespace cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(ProgressLineTest, PercentageAndTimeLeftWhenTheSizeIsKnown) {
  EXPECT_EQ(
      ProgressLine("dangjian report", 1500000, 250000000, 1000000000, 10.0),
      "dangjian report: 1,500,000 records, 0.15 M records/s, 25 MB/s, "
      "25%, 30 s left");
  EXPECT_EQ(ProgressLine("x", 10, 500, 1000, 100.0),
            "x: 10 records, 0.00 M records/s, 0 MB/s, 50%, 1 min 40 s left");
}

TEST(ProgressLineTest, NoPercentageOrTimeLeftWhenUnknownOrDone) {
  EXPECT_EQ(ProgressLine("dangjian generate", 3000000, 0, 0, 2.0),
            "dangjian generate: 3,000,000 records, 1.50 M records/s");
  // Nothing read yet: no rate to go by.
  EXPECT_EQ(ProgressLine("x", 0, 0, 1000, 1.0),
            "x: 0 records, 0.00 M records/s, 0%");
  // Rounded down: 100% only when all is read.
  EXPECT_EQ(ProgressLine("x", 5, 996, 1000, 1.0),
            "x: 5 records, 0.00 M records/s, 0 MB/s, 99%, 0 s left");
  // All read (a file that grew): 100%, no time left.
  EXPECT_EQ(ProgressLine("x", 5, 2000, 1000, 1.0),
            "x: 5 records, 0.00 M records/s, 0 MB/s, 100%");
}

TEST(TimeLeftTest, SecondsMinutesHours) {
  EXPECT_EQ(TimeLeft(0.2), "0 s");
  EXPECT_EQ(TimeLeft(59.4), "59 s");
  EXPECT_EQ(TimeLeft(185), "3 min 5 s");
  EXPECT_EQ(TimeLeft(7800), "2 h 10 min");
}

std::vector<Command> All() {
  return {GenerateCommand(), ValidateCommand(), ReportCommand(), MergeCommand(),
          ConvertCommand()};
}

TEST(HelpTest, ProgramHelpListsEveryCommandHelpAndVersion) {
  const std::string help = ProgramHelp(All());
  for (const Command& c : All()) {
    EXPECT_THAT(help, HasSubstr(absl::StrCat("  ", c.name, " ")));
  }
  EXPECT_THAT(help, HasSubstr("dangjian help COMMAND"));
  EXPECT_THAT(help, HasSubstr("--version"));
}

TEST(HelpTest, TheManPageHasEveryFlagOfEveryCommand) {
  const std::string man = ManPage(All());
  EXPECT_THAT(man, HasSubstr(".TH DANGJIAN 1"));
  int flags = 0;
  for (const Command& c : All()) {
    EXPECT_THAT(man, HasSubstr(absl::StrCat(".SS ", c.name, "\n")));
    for (const FlagSpec& f : c.flags) {
      std::string roff = "\\-\\-";
      for (char ch : f.name) {
        if (ch == '-') {
          roff += "\\-";
        } else {
          roff += ch;
        }
      }
      EXPECT_THAT(man, HasSubstr(roff)) << c.name << " --" << f.name;
      ++flags;
    }
  }
  EXPECT_GE(flags, 40);
  // Chinese as groff escapes (no raw UTF-8), no line a request by accident.
  EXPECT_THAT(man, HasSubstr("\\[u515A]\\[u5458]"));  // 党员
  for (char c : man) EXPECT_LT(static_cast<unsigned char>(c), 0x80);
  EXPECT_THAT(man, Not(HasSubstr("\n'")));
}

TEST(HelpTest, TheBashCompletionKnowsEveryCommandAndFlag) {
  const std::string bash = BashCompletion(All());
  EXPECT_THAT(bash, HasSubstr("complete -o filenames -F _dangjian dangjian"));
  for (const Command& c : All()) {
    EXPECT_THAT(bash, HasSubstr(absl::StrCat("    ", c.name, ")\n")));
    for (const FlagSpec& f : c.flags) {
      EXPECT_THAT(bash, HasSubstr(absl::StrCat("--", f.name, " ")))
          << c.name << " --" << f.name;
    }
  }
}

}  // namespace
}  // namespace cli
}  // namespace dangjian
