// Command-line flags of the dangjian CLI (internal to the CLI).
#ifndef DANGJIAN_SRC_CLI_FLAGS_H_
#define DANGJIAN_SRC_CLI_FLAGS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace dangjian {
namespace cli {

// One flag a command accepts.
struct FlagSpec {
  std::string name;         // Without dashes: "output".
  char short_name = 0;      // 'o' for -o, or 0.
  bool takes_value = true;  // false for a switch (--partial).
  std::string value_name;   // "PATH", for help.
  std::string help;         // One line.
  std::string default_value;
};

// Parsed arguments: flags by name, and positional arguments in order.
class Args {
 public:
  bool Has(absl::string_view name) const;
  // The flag's value, or its spec's default.
  std::string Get(absl::string_view name) const;
  absl::StatusOr<int64_t> GetInt(absl::string_view name) const;
  absl::StatusOr<double> GetDouble(absl::string_view name) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  friend absl::StatusOr<Args> ParseArgs(const std::vector<FlagSpec>&,
                                        const std::vector<std::string>&);
  std::map<std::string, std::string, std::less<>> values_;
  std::map<std::string, std::string, std::less<>> defaults_;
  std::vector<std::string> positional_;
};

// Parses `--name=value`, `--name value`, `-o value`, switches, `--` (the rest
// are positional) and `-` (a positional: standard input or output). Unknown
// flags and missing values are InvalidArgument errors that name the flag.
absl::StatusOr<Args> ParseArgs(const std::vector<FlagSpec>& specs,
                               const std::vector<std::string>& argv);

// The flags' part of a --help text, one flag a line.
std::string FlagsHelp(const std::vector<FlagSpec>& specs);

}  // namespace cli
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CLI_FLAGS_H_
