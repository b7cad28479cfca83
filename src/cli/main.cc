// dangjian: the command-line tool. Run `dangjian --help`.
#include <malloc.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "dangjian/personal_data.h"
#include "dangjian/version.h"

namespace dangjian {
namespace cli {

// Every command, in the order `dangjian --help` lists them.
const std::vector<Command>& Commands() {
  static const std::vector<Command>* commands = new std::vector<Command>{
      GenerateCommand(), ValidateCommand(), ReportCommand(),
      MergeCommand(),    ConvertCommand(),
  };
  return *commands;
}

}  // namespace cli
}  // namespace dangjian

int main(int argc, char** argv) {
  // Each shard's tables and buffers are freed when it is done and the next
  // shard's take their place. glibc would hand large blocks back to the
  // kernel (mmap and trim thresholds) and take fresh ones, and fresh memory
  // costs a page fault and a zeroed page per 4 KiB, slow on small machines:
  // keep freed memory for reuse instead (the peak is what it was anyway).
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // The largest glibc takes.
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  namespace cli = dangjian::cli;
  const std::vector<cli::Command>& commands = cli::Commands();
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 ||
      std::strcmp(argv[1], "-h") == 0 ||
      (std::strcmp(argv[1], "help") == 0 &&
       (argc == 2 || std::strcmp(argv[2], "--help") == 0 ||
        std::strcmp(argv[2], "-h") == 0))) {
    std::fputs(cli::ProgramHelp(commands).c_str(), stdout);
    return argc < 2 ? cli::kExitFailed : cli::kExitOk;
  }
  if (std::strcmp(argv[1], "--version") == 0 ||
      std::strcmp(argv[1], "version") == 0) {
    std::printf("dangjian %s\n", dangjian::VersionString());
    return 0;
  }
  if (std::strcmp(argv[1], "help") == 0) {
    const std::string topic = argv[2];
    if (argc == 3 && topic == "--man") {
      std::fputs(cli::ManPage(commands).c_str(), stdout);
      return cli::kExitOk;
    }
    if (argc == 3 && topic == "--bash-completion") {
      std::fputs(cli::BashCompletion(commands).c_str(), stdout);
      return cli::kExitOk;
    }
    for (const cli::Command& c : commands) {
      if (argc == 3 && c.name == topic) {
        std::fputs(cli::CommandHelp(c).c_str(), stdout);
        return cli::kExitOk;
      }
    }
    std::fprintf(stderr, "dangjian help: %s; run 'dangjian --help'\n",
                 argc == 3 ? dangjian::MaskPersonalData(
                                 absl::StrCat("no command '", topic, "'"))
                                 .c_str()
                           : "give one command");
    return cli::kExitFailed;
  }
  for (const auto& c : dangjian::cli::Commands()) {
    if (c.name != std::string(argv[1])) continue;
    std::vector<std::string> rest(argv + 2, argv + argc);
    for (const std::string& a : rest) {
      if (a == "--help" || a == "-h") {
        std::fputs(cli::CommandHelp(c).c_str(), stdout);
        return 0;
      }
    }
    absl::StatusOr<dangjian::cli::Args> args =
        dangjian::cli::ParseArgs(c.flags, rest);
    if (!args.ok())
      return dangjian::cli::Fail(c.name, std::string(args.status().message()));
    return c.run(*args);
  }
  std::fprintf(stderr,
               "dangjian: unknown command '%s'; run 'dangjian --help'\n",
               argv[1]);
  return dangjian::cli::kExitFailed;
}
