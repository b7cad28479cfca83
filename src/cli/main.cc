// dangjian: the command-line tool. Run `dangjian --help`.
#include <malloc.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cli/commands.h"
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

namespace {

void PrintUsage() {
  std::printf(
      "dangjian %s: ledgers of party building in non-public economic and "
      "social\n"
      "organizations: generate, check, convert and report them.\n\n"
      "Usage: dangjian COMMAND [OPTIONS] [FILES]\n\nCommands:\n",
      dangjian::VersionString());
  for (const auto& c : dangjian::cli::Commands()) {
    std::printf("  %-10s %s\n", c.name, c.summary);
  }
  std::printf(
      "\nRun 'dangjian COMMAND --help' for a command's options and an "
      "example.\n"
      "Exit status: 0 done; 1 the data has ERROR findings; 2 the run "
      "failed\n"
      "(nothing written; a damaged input file included); 3 written from "
      "damaged\n"
      "input (--allow-damaged).\n");
}

}  // namespace

int main(int argc, char** argv) {
  // Each shard's tables and buffers are freed when it is done and the next
  // shard's take their place. glibc would hand large blocks back to the
  // kernel (mmap and trim thresholds) and take fresh ones, and fresh memory
  // costs a page fault and a zeroed page per 4 KiB, slow on small machines:
  // keep freed memory for reuse instead (the peak is what it was anyway).
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // The largest glibc takes.
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 ||
      std::strcmp(argv[1], "-h") == 0 || std::strcmp(argv[1], "help") == 0) {
    PrintUsage();
    return argc < 2 ? dangjian::cli::kExitFailed : dangjian::cli::kExitOk;
  }
  if (std::strcmp(argv[1], "--version") == 0 ||
      std::strcmp(argv[1], "version") == 0) {
    std::printf("dangjian %s\n", dangjian::VersionString());
    return 0;
  }
  for (const auto& c : dangjian::cli::Commands()) {
    if (c.name != std::string(argv[1])) continue;
    std::vector<std::string> rest(argv + 2, argv + argc);
    for (const std::string& a : rest) {
      if (a == "--help" || a == "-h") {
        std::printf("%s\n%s", c.usage,
                    dangjian::cli::FlagsHelp(c.flags).c_str());
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
