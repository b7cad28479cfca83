#include "cli/commands.h"

#include <cstdio>

#include "dangjian/personal_data.h"

namespace dangjian {
namespace cli {

namespace {
const char* program_name = "dangjian";
}  // namespace

void SetProgramName(const char* name) { program_name = name; }

const char* ProgramName() { return program_name; }

int Fail(const char* command, const std::string& message) {
  // Messages may quote input: never let personal data through whole.
  std::fprintf(stderr, "%s %s: %s\n(run '%s %s --help' for usage)\n",
               program_name, command, MaskPersonalData(message).c_str(),
               program_name, command);
  return kExitFailed;
}

}  // namespace cli
}  // namespace dangjian
