// Writing the CLI's outputs (internal to the CLI).
#ifndef DANGJIAN_SRC_CLI_OUTPUT_H_
#define DANGJIAN_SRC_CLI_OUTPUT_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "dangjian/record_io.h"

namespace dangjian {
namespace cli {

// Writes `text` to `path`, or to standard output for "-" or "".
absl::Status WriteOutput(const std::string& path, const std::string& text);

// Whether `path` means standard output.
inline bool IsStdout(const std::string& path) { return path == "-"; }

// A writer of records to standard output in a streaming format (kRecordStream
// or kJsonLines, the only ones that can be written as they come): records go
// out in chunks of about 1 MB while they are written, the rest at Close().
// `options.record_stream` gives the record stream's header. Returns
// InvalidArgument for any other format, naming the streaming ones.
absl::StatusOr<std::unique_ptr<RecordWriter>> CreateStdoutRecordWriter(
    FileFormat format, const CreateOptions& options);

}  // namespace cli
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CLI_OUTPUT_H_
