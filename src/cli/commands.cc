#include "cli/commands.h"

#include <cstdio>

#include "dangjian/personal_data.h"

namespace dangjian {
namespace cli {

const std::vector<Command>& Commands() {
  static const std::vector<Command>* commands = new std::vector<Command>{
      GenerateCommand(), ValidateCommand(), ReportCommand(),
      MergeCommand(),    ConvertCommand(),
  };
  return *commands;
}

int Fail(const char* command, const std::string& message) {
  // Messages may quote input: never let personal data through whole.
  std::fprintf(stderr,
               "dangjian %s: %s\n(run 'dangjian %s --help' for usage)\n",
               command, MaskPersonalData(message).c_str(), command);
  return kExitFailed;
}

}  // namespace cli
}  // namespace dangjian
