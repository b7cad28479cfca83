#include "dangjian/json_lines.h"

#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/json_writer.h"
#include "core/utf8.h"
#include "dangjian/personal_data.h"
#include "dangjian/record.h"
#include "dangjian/version.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/type.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/type_resolver.h"
#include "google/protobuf/util/type_resolver_util.h"
#include "io/input.h"
#include "io/json_check.h"
#include "io/json_fast.h"

namespace dangjian {

JsonLinesReader::~JsonLinesReader() = default;
JsonLinesWriter::~JsonLinesWriter() = default;

namespace internal {
namespace {

bool IsBlank(absl::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

// protobuf's JSON parser asks its TypeResolver for the Record type and every
// type inside it again for every line, and the stock resolver converts the
// descriptors anew each time: most of the parse. A reader keeps the answers.
class CachingTypeResolver final : public google::protobuf::util::TypeResolver {
 public:
  CachingTypeResolver()
      : base_(google::protobuf::util::NewTypeResolverForDescriptorPool(
            "type.googleapis.com",
            google::protobuf::DescriptorPool::generated_pool())) {}

  google::protobuf::util::Status ResolveMessageType(
      const std::string& url, google::protobuf::Type* type) override {
    auto it = types_.find(url);
    if (it != types_.end()) {
      *type = it->second;
      return google::protobuf::util::Status();
    }
    auto s = base_->ResolveMessageType(url, type);
    if (s.ok()) types_.emplace(url, *type);
    return s;
  }

  google::protobuf::util::Status ResolveEnumType(
      const std::string& url, google::protobuf::Enum* e) override {
    auto it = enums_.find(url);
    if (it != enums_.end()) {
      *e = it->second;
      return google::protobuf::util::Status();
    }
    auto s = base_->ResolveEnumType(url, e);
    if (s.ok()) enums_.emplace(url, *e);
    return s;
  }

 private:
  std::unique_ptr<google::protobuf::util::TypeResolver> base_;
  std::map<std::string, google::protobuf::Type> types_;
  std::map<std::string, google::protobuf::Enum> enums_;
};

class LinesReader final : public JsonLinesReader {
 public:
  LinesReader(std::unique_ptr<Input> in, const JsonLinesReaderOptions& options)
      : in_(std::move(in)), options_(options) {
    location_.set_file(in_->name());
    parse_.ignore_unknown_fields = options.ignore_unknown_fields;
  }

  // Reads up to the first record, as RecordStreamReader reads its header on
  // opening: a header there is kept for header(), anything else is held for
  // the first Next(). An error is kept for Next() and status().
  void ReadFirst() {
    int64_t start = 0;
    if (!ReadRecord(&first_, &start)) {
      // No line but blank ones: a failed export or the wrong file, not a
      // county without records (which has its header line).
      if (status_.ok()) {
        Stop(absl::DataLossError(
            absl::StrCat(in_->name(), ": is empty (", in_->offset(),
                         " bytes): no header, record or trailer line")));
      }
      return;
    }
    if (Accept(&first_, start) == kSkipped) return;
    has_first_ = true;
  }

  bool Next(v1::Record* record) override {
    if (has_first_) {
      has_first_ = false;
      record->Swap(&first_);
      return true;
    }
    int64_t start = 0;
    while (ReadRecord(record, &start)) {
      switch (Accept(record, start)) {
        case kEntity:
          return true;
        case kSkipped:
          continue;
        case kStopped:
          return false;
      }
    }
    return false;
  }

  const v1::SourceLocation& location() const override { return location_; }
  absl::Status status() const override { return status_; }
  const v1::StreamHeader* header() const override {
    return has_header_ ? &header_ : nullptr;
  }

 private:
  bool Stop(absl::Status s) {
    status_ = std::move(s);
    done_ = true;
    return false;
  }

  // Sets `*record` to the record of the next non-blank line and `*start` to
  // the line's byte offset; false at the end or on an error.
  bool ReadRecord(v1::Record* record, int64_t* start) {
    while (!done_) {
      absl::string_view line;
      *start = in_->offset();
      if (!ReadLine(&line)) return false;
      ++line_no_;
      if (line_no_ == 1 && line.size() >= 3 &&
          std::memcmp(line.data(), "\xEF\xBB\xBF", 3) == 0) {
        line.remove_prefix(3);
      }
      if (IsBlank(line)) continue;
      if (seen_trailer_) {
        return Stop(
            absl::InvalidArgumentError(absl::StrCat(in_->name(), ":", line_no_,
                                                    ": a record after the "
                                                    "trailer record")));
      }
      // The fast path handles what writers emit; anything it cannot decide
      // goes through protobuf's parser, which words the errors.
      if (!fast_.Parse(line, record)) {
        record->Clear();
        if (absl::Status s = SlowParse(line, *start, record); !s.ok()) {
          return Stop(std::move(s));
        }
      }
      return true;
    }
    return false;
  }

  enum Accepted { kEntity, kSkipped, kStopped };

  // Takes in the record just read from the line at `start`: keeps a header
  // or checks a trailer (kSkipped), or counts an entity (kEntity).
  Accepted Accept(v1::Record* record, int64_t start) {
    if (record->has_header()) {
      if (index_ != 0) {
        Stop(absl::InvalidArgumentError(
            absl::StrCat(in_->name(), ":", line_no_,
                         ": a header record that is not the first record")));
        return kStopped;
      }
      header_ = std::move(*record->mutable_header());
      has_header_ = true;
      ++index_;
      return kSkipped;
    }
    if (record->has_trailer()) {
      seen_trailer_ = true;
      if (record->trailer().record_count() != count_) {
        Stop(absl::DataLossError(
            absl::StrCat(in_->name(), ":", line_no_, ": the trailer counts ",
                         record->trailer().record_count(),
                         " records but the file holds ", count_)));
        return kStopped;
      }
      ++index_;
      return kSkipped;
    }
    ++count_;
    location_.set_line(line_no_);
    location_.set_byte_offset(start);
    location_.set_record_index(index_++);
    return kEntity;
  }

  absl::Status SlowParse(absl::string_view line, int64_t start,
                         v1::Record* record) {
    int64_t at = 0;
    std::string what;
    if (!CheckJsonText(line, &at, &what)) {
      return absl::InvalidArgumentError(MaskPersonalData(
          absl::StrCat(in_->name(), ":", line_no_, " (byte offset ", start,
                       "): not a valid dangjian.v1.Record in JSON: column ",
                       at + 1, ": ", what)));
    }
    binary_.clear();
    auto s = google::protobuf::util::JsonToBinaryString(
        &resolver_, "type.googleapis.com/dangjian.v1.Record",
        google::protobuf::StringPiece(line.data(), line.size()), &binary_,
        parse_);
    if (s.ok() && !record->ParseFromString(binary_)) {
      s = google::protobuf::util::Status(
          google::protobuf::util::StatusCode::kInvalidArgument,
          "the JSON converts to bytes that do not parse");
    }
    if (s.ok()) {
      // Ignored keys can leave bytes in the unknown fields: drop them.
      if (parse_.ignore_unknown_fields) record->DiscardUnknownFields();
      return absl::OkStatus();
    }
    return absl::InvalidArgumentError(MaskPersonalData(
        absl::StrCat(in_->name(), ":", line_no_, " (byte offset ", start,
                     "): not a valid dangjian.v1.Record in JSON: ",
                     internal::EscapeControls(s.message().as_string()))));
  }

  bool TooLong() {
    return Stop(absl::ResourceExhaustedError(absl::StrCat(
        in_->name(), ":", line_no_ + 1, " (byte offset ", in_->offset(),
        "): a line longer than ", options_.max_line_bytes,
        " bytes (JsonLinesReaderOptions::max_line_bytes)")));
  }

  // Sets `*line` to the next line without its '\n' and consumes it; false at
  // the end or on an error.
  bool ReadLine(absl::string_view* line) {
    size_t searched = 0;
    for (;;) {
      const size_t avail = in_->available();
      const char* nl = static_cast<const char*>(
          std::memchr(in_->data() + searched, '\n', avail - searched));
      if (nl != nullptr) {
        const size_t len = nl - in_->data();
        if (static_cast<int64_t>(len) > options_.max_line_bytes) {
          return TooLong();
        }
        *line = absl::string_view(in_->data(), len);
        in_->Skip(len + 1);
        return true;
      }
      searched = avail;
      if (static_cast<int64_t>(avail) > options_.max_line_bytes) {
        return TooLong();
      }
      const size_t got = in_->Ensure(avail + 1 + avail / 2 + 4096);
      if (got == avail) {  // The end.
        if (!in_->status().ok()) return Stop(in_->status());
        if (avail == 0) {
          done_ = true;
          return false;
        }
        *line = absl::string_view(in_->data(), avail);
        in_->Skip(avail);
        return true;
      }
    }
  }

  std::unique_ptr<Input> in_;
  JsonLinesReaderOptions options_;
  google::protobuf::util::JsonParseOptions parse_;
  CachingTypeResolver resolver_;
  FastJsonParser fast_;
  std::string binary_;
  v1::SourceLocation location_;
  v1::StreamHeader header_;
  bool has_header_ = false;
  v1::Record first_;  // The first entity, read by ReadFirst().
  bool has_first_ = false;
  bool seen_trailer_ = false;
  absl::Status status_;
  int64_t line_no_ = 0;
  int64_t index_ = 0;
  int64_t count_ = 0;
  bool done_ = false;
};

class LinesWriter final : public JsonLinesWriter {
 public:
  LinesWriter(std::unique_ptr<Output> out, const JsonLinesWriterOptions& o)
      : out_(std::move(out)), options_(o) {
    print_.preserve_proto_field_names = false;
  }

  absl::Status Start() {
    if (!options_.write_header_and_trailer) return absl::OkStatus();
    v1::Record r;
    *r.mutable_header() = options_.header;
    v1::StreamHeader* h = r.mutable_header();
    if (h->schema_version().empty()) h->set_schema_version("dangjian.v1");
    if (h->provenance().producer().empty()) {
      h->mutable_provenance()->set_producer(
          absl::StrCat("dangjian ", VersionString()));
    }
    if (h->provenance().schema_version().empty()) {
      h->mutable_provenance()->set_schema_version(h->schema_version());
    }
    if (h->policy_version().empty() && h->has_policy()) {
      h->set_policy_version(h->policy().version());
    }
    // protobuf's JSON printer would write such a string as "".
    if (const std::string f = FirstInvalidUtf8Field(r); !f.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          out_->path(), ": the header's field ", f, " is not valid UTF-8"));
    }
    return Line(r);
  }

  absl::Status Write(const v1::Record& record) override {
    if (!broken_.ok()) return broken_;
    if (closed_) return absl::FailedPreconditionError("writer closed");
    if (record.entity_case() == v1::Record::ENTITY_NOT_SET ||
        record.has_header() || record.has_trailer()) {
      return absl::InvalidArgumentError(absl::StrCat(
          out_->path(), ": record ", count_, " is ", RecordKindName(record),
          "; only entity records are written (headers and trailers by the "
          "writer itself)"));
    }
    if (const std::string f = FirstInvalidUtf8Field(record); !f.empty()) {
      return absl::InvalidArgumentError(MaskPersonalData(absl::StrCat(
          out_->path(), ": record ", count_, " (", RecordKindName(record), " ",
          RecordId(record), "): field ", f, " is not valid UTF-8")));
    }
    ++count_;
    return Line(record);
  }

  absl::Status Close() override {
    if (!broken_.ok()) return broken_;
    if (closed_) return absl::FailedPreconditionError("writer already closed");
    closed_ = true;
    if (options_.write_header_and_trailer) {
      v1::Record r;
      r.mutable_trailer()->set_record_count(count_);
      if (absl::Status s = Line(r); !s.ok()) return s;
    }
    return out_->Finish();
  }

 private:
  absl::Status Line(const v1::Record& r) {
    json_.clear();
    // protobuf's bytes, written directly (core/json_writer.h); protobuf's
    // printer for what the direct writer leaves to it.
    if (!WriteJsonLikeProtobuf(r, false, false, &json_)) {
      json_.clear();
      auto s = google::protobuf::util::MessageToJsonString(r, &json_, print_);
      if (!s.ok()) {
        return absl::InvalidArgumentError(MaskPersonalData(absl::StrCat(
            out_->path(), ": record ", count_, " cannot be written as JSON: ",
            internal::EscapeControls(s.message().as_string()))));
      }
    }
    json_.push_back('\n');
    absl::Status w = out_->Append(json_);
    if (!w.ok()) broken_ = w;
    return w;
  }

  std::unique_ptr<Output> out_;
  JsonLinesWriterOptions options_;
  google::protobuf::util::JsonPrintOptions print_;
  std::string json_;
  int64_t count_ = 0;
  bool closed_ = false;
  absl::Status broken_;
};

}  // namespace
}  // namespace internal

absl::StatusOr<std::unique_ptr<JsonLinesReader>> JsonLinesReader::Open(
    StringArg path_arg, const JsonLinesReaderOptions& options) {
  const absl::string_view path = path_arg;
  auto in = internal::Input::OpenFile(path);
  if (!in.ok()) return in.status();
  auto r = std::make_unique<internal::LinesReader>(*std::move(in), options);
  r->ReadFirst();
  return std::unique_ptr<JsonLinesReader>(std::move(r));
}

absl::StatusOr<std::unique_ptr<JsonLinesReader>> JsonLinesReader::FromBuffer(
    StringArg data_arg, StringArg name_arg,
    const JsonLinesReaderOptions& options) {
  const absl::string_view data = data_arg;
  const absl::string_view name = name_arg;
  auto r = std::make_unique<internal::LinesReader>(
      internal::Input::FromBuffer(data, name), options);
  r->ReadFirst();
  return std::unique_ptr<JsonLinesReader>(std::move(r));
}

absl::StatusOr<std::unique_ptr<JsonLinesWriter>> JsonLinesWriter::Create(
    StringArg path_arg, const JsonLinesWriterOptions& options) {
  const absl::string_view path = path_arg;
  auto out = internal::Output::CreateFile(path);
  if (!out.ok()) return out.status();
  auto w = std::make_unique<internal::LinesWriter>(*std::move(out), options);
  if (absl::Status s = w->Start(); !s.ok()) return s;
  return std::unique_ptr<JsonLinesWriter>(std::move(w));
}

absl::StatusOr<std::unique_ptr<JsonLinesWriter>> JsonLinesWriter::ToString(
    std::string* out, const JsonLinesWriterOptions& options) {
  auto w = std::make_unique<internal::LinesWriter>(
      internal::Output::ToString(out), options);
  if (absl::Status s = w->Start(); !s.ok()) return s;
  return std::unique_ptr<JsonLinesWriter>(std::move(w));
}

}  // namespace dangjian
