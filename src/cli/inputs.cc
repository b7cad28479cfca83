#include "cli/inputs.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "dangjian/csv_ledger.h"
#include "dangjian/record_stream.h"
#include "google/protobuf/arena.h"

namespace dangjian {
namespace cli {
namespace {

bool Stat(const std::string& path, struct stat* st) {
  return stat(path.c_str(), st) == 0;
}

}  // namespace

std::optional<v1::Date> DeclaredAsOf(const Shard& shard) {
  for (const std::string& path : shard) {
    if (path == "-") return std::nullopt;
    absl::StatusOr<FileFormat> format = FormatForPath(path);
    if (!format.ok() || *format != FileFormat::kRecordStream) continue;
    absl::StatusOr<std::unique_ptr<RecordStreamReader>> reader =
        RecordStreamReader::Open(path);
    if (!reader.ok()) return std::nullopt;
    const v1::Provenance& p = (*reader)->header().provenance();
    if (p.has_as_of()) return p.as_of();
    return std::nullopt;
  }
  return std::nullopt;
}

absl::StatusOr<FileFormat> FormatFromName(const std::string& name) {
  const std::string n = absl::AsciiStrToLower(name);
  if (n == "djr" || n == "pbs" || n == "stream")
    return FileFormat::kRecordStream;
  if (n == "jsonl" || n == "ndjson") return FileFormat::kJsonLines;
  if (n == "json") return FileFormat::kDatasetJson;
  if (n == "pb") return FileFormat::kDatasetBinary;
  if (n == "csv") return FileFormat::kCsvLedger;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown format '", name,
                   "'; the formats are djr, jsonl, json, pb, csv"));
}

namespace {

// Appends the shards of folder `dir`; `depth` 0 for an argument, 1 for its
// subfolders (which are expanded but not descended further).
absl::Status ExpandFolder(const std::string& dir, int depth,
                          std::vector<Shard>* out) {
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) {
    return absl::UnavailableError(
        absl::StrCat(dir, ": cannot list the folder"));
  }
  std::vector<std::string> files, folders;
  while (dirent* e = readdir(d)) {
    const std::string name = e->d_name;
    if (name.empty() || name[0] == '.') continue;
    const std::string path =
        absl::StrCat(dir, dir.back() == '/' ? "" : "/", name);
    struct stat st;
    if (!Stat(path, &st)) continue;
    if (S_ISDIR(st.st_mode)) {
      if (depth == 0) folders.push_back(path);
    } else if (S_ISREG(st.st_mode) && FormatForPath(path).ok()) {
      files.push_back(path);
    }
  }
  closedir(d);
  std::sort(files.begin(), files.end());
  std::sort(folders.begin(), folders.end());
  Shard csv;
  for (const std::string& f : files) {
    if (*FormatForPath(f) == FileFormat::kCsvLedger) {
      csv.push_back(f);
    } else {
      out->push_back({f});
    }
  }
  if (!csv.empty()) out->push_back(std::move(csv));
  for (const std::string& f : folders) {
    if (absl::Status s = ExpandFolder(f, depth + 1, out); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<Shard>> ExpandInputs(
    const std::vector<std::string>& args) {
  std::vector<Shard> out;
  for (const std::string& a : args) {
    struct stat st;
    if (a == "-" || (Stat(a, &st) && !S_ISDIR(st.st_mode))) {
      out.push_back({a});
      continue;
    }
    if (!Stat(a, &st)) {
      return absl::NotFoundError(absl::StrCat(a, ": no such file or folder"));
    }
    const size_t before = out.size();
    if (absl::Status s = ExpandFolder(a, 0, &out); !s.ok()) return s;
    if (out.size() == before) {
      return absl::NotFoundError(
          absl::StrCat(a,
                       ": the folder holds no file the library reads (.djr, "
                       ".jsonl, .pb, .json, .csv), nor do its subfolders"));
    }
  }
  return out;
}

absl::StatusOr<ShardRead> ReadShard(
    const std::string& path, FileFormat stdin_format,
    const std::function<absl::Status(const v1::Record&,
                                     const v1::SourceLocation&)>& fn) {
  absl::StatusOr<std::unique_ptr<RecordReader>> reader =
      internal::OpenShardFile(path, stdin_format, false);
  if (!reader.ok()) return reader.status();
  ShardRead read;
  if (absl::Status s = internal::ReadParsed(reader->get(), fn, &read);
      !s.ok()) {
    return s;
  }
  internal::ReaderFindings(**reader, path, &read);
  return read;
}

namespace internal {

absl::StatusOr<std::unique_ptr<RecordReader>> OpenShardFile(
    const std::string& path, FileFormat stdin_format, bool serialized) {
  OpenOptions options;
  std::string open_path = path;
  if (path == "-") {
    open_path = "/dev/stdin";
    options.format = stdin_format;
  }
  // The consumer of serialized records checks their wire format as it
  // decodes them (Aggregator::AddSerialized()): no second pass in the reader.
  if (serialized) options.record_stream.check_serialized = false;
  return OpenRecordReader(open_path, options);
}

absl::Status ReadParsed(RecordReader* reader,
                        const std::function<absl::Status(
                            const v1::Record&, const v1::SourceLocation&)>& fn,
                        ShardRead* read) {
  // Records parsed onto an arena cost a pointer bump for each submessage
  // and string object rather than a malloc and a free; its first block
  // (reused after each reset, and by the next file of the thread) stays
  // warm in the cache.
  thread_local std::vector<char> block(size_t{1} << 20);
  google::protobuf::ArenaOptions arena_options;
  arena_options.initial_block = block.data();
  arena_options.initial_block_size = block.size();
  google::protobuf::Arena arena(arena_options);
  for (bool more = true; more;) {
    auto* record = google::protobuf::Arena::CreateMessage<v1::Record>(&arena);
    for (int i = 0; i < 1024 && (more = reader->Next(record)); ++i) {
      ++read->records;
      const v1::SourceLocation& where = reader->location();
      read->bytes = where.byte_offset();
      if (absl::Status s = fn(*record, where); !s.ok()) return s;
    }
    arena.Reset();
  }
  return absl::OkStatus();
}

void RefusedBytes(const std::string& path, const v1::SourceLocation& where,
                  const absl::Status& s, ShardRead* read) {
  v1::Finding finding;
  finding.set_rule_id("io.read");
  finding.set_severity(v1::SEVERITY_ERROR);
  *finding.mutable_location() = where;
  finding.mutable_location()->set_file(path);
  finding.set_message(absl::StrCat(
      "reading stopped: ", path, ": record ", where.record_index(),
      " at byte offset ", where.byte_offset(), " is corrupt: ", s.message(),
      "; the records before it were read"));
  read->findings.push_back(std::move(finding));
  read->skipped.emplace_back("io.read", 1);
}

void ReaderFindings(const RecordReader& reader, const std::string& path,
                    ShardRead* read) {
  if (const auto* csv = dynamic_cast<const CsvLedgerReader*>(&reader)) {
    for (const CsvFinding& f : csv->findings()) {
      v1::Finding finding;
      finding.set_rule_id(f.row_skipped ? "io.csv.row_skipped" : "io.csv.cell");
      finding.set_severity(f.row_skipped ? v1::SEVERITY_ERROR
                                         : v1::SEVERITY_WARNING);
      finding.set_record_kind(std::string(CsvTableName(csv->summary().table)));
      finding.mutable_location()->set_file(f.file);
      finding.mutable_location()->set_line(f.line);
      finding.set_field_path(f.header);
      finding.set_message(f.message);
      read->findings.push_back(std::move(finding));
    }
    if (csv->summary().rows_skipped > 0) {
      read->skipped.emplace_back("io.csv.row_skipped",
                                 csv->summary().rows_skipped);
    }
  }
  const absl::Status status = reader.status();
  if (!status.ok()) {
    v1::Finding finding;
    finding.set_rule_id("io.read");
    finding.set_severity(v1::SEVERITY_ERROR);
    *finding.mutable_location() = reader.location();
    finding.mutable_location()->set_file(path);
    finding.set_message(
        absl::StrCat("reading stopped: ", status.message(),
                     "; the records before this point were read"));
    read->findings.push_back(std::move(finding));
    read->skipped.emplace_back("io.read", 1);
  }
}

}  // namespace internal

}  // namespace cli
}  // namespace dangjian
