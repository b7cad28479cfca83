#include "cli/output.h"

#include <cerrno>
#include <cstdio>
#include <system_error>

#include "absl/strings/str_cat.h"

namespace dangjian {
namespace cli {

absl::Status WriteOutput(const std::string& path, const std::string& text) {
  const bool to_stdout = path.empty() || path == "-";
  std::FILE* f = to_stdout ? stdout : std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    return absl::UnavailableError(absl::StrCat(
        path,
        ": cannot open for writing: ", std::generic_category().message(errno)));
  }
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  const bool closed = to_stdout ? std::fflush(f) == 0 : std::fclose(f) == 0;
  if (!ok || !closed) {
    return absl::UnavailableError(absl::StrCat(
        to_stdout ? "standard output" : path,
        ": write failed: ", std::generic_category().message(errno)));
  }
  return absl::OkStatus();
}

}  // namespace cli
}  // namespace dangjian
