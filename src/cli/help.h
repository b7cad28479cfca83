// The CLI's help in every form (internal to the CLI): the program's and each
// command's --help text, the man page and the bash completion, all made from
// the one table of commands and their flags.
#ifndef DANGJIAN_SRC_CLI_HELP_H_
#define DANGJIAN_SRC_CLI_HELP_H_

#include <string>
#include <vector>

#include "cli/commands.h"

namespace dangjian {
namespace cli {

// `dangjian --help`: what the program does, its commands, how to get more.
std::string ProgramHelp(const std::vector<Command>& commands);

// `dangjian help COMMAND` and `dangjian COMMAND --help`: the usage, the
// example and the options.
std::string CommandHelp(const Command& command);

// The man page, dangjian(1), in roff (man(7) macros): the program's help,
// then each command's usage and options, exit status.
std::string ManPage(const std::vector<Command>& commands);

// A bash completion script: the commands after `dangjian` (and after
// `dangjian help`), each command's flags after a `-`, and file names for the
// values of flags that name a file (PATH, FILE) and for the arguments;
// nothing for other values (a year, a format: --help says which).
std::string BashCompletion(const std::vector<Command>& commands);

}  // namespace cli
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CLI_HELP_H_
