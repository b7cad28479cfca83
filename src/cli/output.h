// Writing the CLI's outputs (internal to the CLI).
#ifndef DANGJIAN_SRC_CLI_OUTPUT_H_
#define DANGJIAN_SRC_CLI_OUTPUT_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "cli/flags.h"
#include "dangjian/record_io.h"
#include "dangjian/render.h"

namespace dangjian {
namespace cli {

// Writes `text` to `path`, or to standard output for "-" or "". A regular
// file is written beside its name ("<path>.tmp") and renamed into place, so
// a full disk or a failed write leaves the old file, or none, never half a
// file; a device or FIFO (`-o /dev/null`) is written directly.
absl::Status WriteOutput(const std::string& path, const std::string& text);

// What makes an output in pieces: it hands each piece, in order, to the
// writer it is given, and returns the first failed write's status (or its
// own failure).
// The writer takes the standard view, as WriteReportJson() hands it out.
using OutputProducer = absl::FunctionRef<absl::Status(
    absl::FunctionRef<absl::Status(std::string_view)>)>;

// WriteOutput() of what `produce` makes, written as it is made (a large
// report is never held whole); the same guarantees: a regular file is
// renamed into place only when every piece was written, and left as it was
// (or absent) when `produce` or a write fails.
absl::Status WriteOutputPieces(const std::string& path,
                               const OutputProducer& produce);

// mkdir -p: creates `dir` and its missing parents. Returns 0, or the errno of
// the first that could not be made (ENOTDIR when a part is a file).
int MakeFolders(const std::string& dir);

// Makes the folder an output file `path` goes into, with its parents, when
// missing (nothing for a bare name or standard output). Unavailable naming
// the folder when it cannot be made.
absl::Status MakeParentFolders(const std::string& path);

// Refuses an output that is one of the input files (the same file by device
// and inode: another spelling of the path or a hard link included), which
// writing would destroy. OK for standard output and for an output that does
// not exist yet. InvalidArgument naming both.
absl::Status CheckOutputIsNoInput(const std::string& output,
                                  const std::vector<std::string>& inputs);

// The --lang flag's spec: "zh" (the default) or "en".
FlagSpec LangFlag();
// The language --lang names, or InvalidArgument.
absl::StatusOr<ReportLanguage> LanguageFromArgs(const Args& args);

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
