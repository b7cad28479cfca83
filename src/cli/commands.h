// The dangjian CLI's commands (internal to the CLI). Each uses only the public
// API.
#ifndef DANGJIAN_SRC_CLI_COMMANDS_H_
#define DANGJIAN_SRC_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "cli/flags.h"

namespace dangjian {
namespace cli {

// Exit codes: 0 success; 1 the data has ERROR findings (validate, report); 2
// the run failed and nothing was written (a damaged input included); 3 the
// output was written from damaged input (--allow-damaged).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitFailed = 2;
inline constexpr int kExitDamaged = 3;

struct Command {
  const char* name;
  const char* summary;
  // The --help text above the options: usage and an example.
  const char* usage;
  std::vector<FlagSpec> flags;
  int (*run)(const Args& args);
};

// The program's name in messages: "dangjian" unless set (once, at the start
// of main(), before any thread runs).
void SetProgramName(const char* name);
const char* ProgramName();

// Prints "<program> <command>: <message>" (personal data masked) and a hint
// on stderr; returns kExitFailed.
int Fail(const char* command, const std::string& message);

Command GenerateCommand();
Command ValidateCommand();
Command ReportCommand();
Command MergeCommand();
Command ConvertCommand();

}  // namespace cli
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CLI_COMMANDS_H_
