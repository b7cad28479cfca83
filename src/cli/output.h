// Writing the CLI's outputs (internal to the CLI).
#ifndef DANGJIAN_SRC_CLI_OUTPUT_H_
#define DANGJIAN_SRC_CLI_OUTPUT_H_

#include <string>

#include "absl/status/status.h"

namespace dangjian {
namespace cli {

// Writes `text` to `path`, or to standard output for "-" or "".
absl::Status WriteOutput(const std::string& path, const std::string& text);

}  // namespace cli
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CLI_OUTPUT_H_
