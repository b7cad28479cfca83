#include "dangjian/record_stream.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/crc32.h"
#include "core/utf8.h"
#include "core/wire_check.h"
#include "core/wire_format.h"
#include "dangjian/personal_data.h"
#include "dangjian/record.h"
#include "dangjian/version.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"
#include "io/input.h"

namespace dangjian {

RecordReader::~RecordReader() = default;
RecordWriter::~RecordWriter() = default;
RecordStreamReader::~RecordStreamReader() = default;
RecordStreamWriter::~RecordStreamWriter() = default;

namespace internal {
namespace {

constexpr size_t kMaxVarintBytes = 10;

// "record 12 (member m-7)", personal data masked.
std::string Describe(const v1::Record& r) {
  const absl::string_view id = RecordId(r);
  if (id.empty()) return std::string(RecordKindName(r));
  return MaskPersonalData(absl::StrCat(RecordKindName(r), " ", id));
}

// Whether field `number` of Record is in its oneof.
const std::vector<bool>& EntityFields() {
  static const std::vector<bool>* const entity = [] {
    const google::protobuf::Descriptor* d = v1::Record::descriptor();
    auto* v = new std::vector<bool>();
    for (int i = 0; i < d->field_count(); ++i) {
      const google::protobuf::FieldDescriptor* f = d->field(i);
      if (f->containing_oneof() == nullptr) continue;
      if (static_cast<size_t>(f->number()) >= v->size())
        v->resize(static_cast<size_t>(f->number()) + 1);
      (*v)[static_cast<size_t>(f->number())] = true;
    }
    return v;
  }();
  return *entity;
}

// LastEntityField() through protobuf's CodedInputStream, which skips groups.
int LastEntityFieldSlowly(absl::string_view bytes) {
  const std::vector<bool>& entity = EntityFields();
  google::protobuf::io::CodedInputStream in(
      reinterpret_cast<const uint8_t*>(bytes.data()),
      static_cast<int>(bytes.size()));
  int last = 0;
  for (uint32_t tag; (tag = in.ReadTag()) != 0;) {
    const uint32_t number = tag >> 3;
    if (number < entity.size() && entity[number]) {
      last = static_cast<int>(number);
    }
    if (!google::protobuf::internal::WireFormatLite::SkipField(&in, tag)) break;
  }
  return last;
}

// The number of the last field of Record's oneof in well-formed `bytes` (what
// entity_case() would be after parsing them), or 0. Bytes not checked may be
// malformed: the walk then stops where LastEntityFieldSlowly() would, never
// reading past the end. A record is almost always one tag and one length.
int LastEntityField(absl::string_view bytes) {
  const std::vector<bool>& entity = EntityFields();
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto* end = p + bytes.size();
  int last = 0;
  while (p < end) {
    uint64_t tag = 0;
    // CodedInputStream::ReadTag() reads at most 32 bits and gives 0 (the end)
    // for a tag it cannot read.
    if (ReadVarint(&p, end, &tag) != VarintRead::kOk || tag == 0 ||
        tag > 0xFFFFFFFFu) {
      return last;
    }
    const uint64_t number = tag >> 3;
    if (number < entity.size() && entity[number]) {
      last = static_cast<int>(number);
    }
    uint64_t v = 0;
    switch (tag & 7) {
      case 0:
        if (ReadVarint(&p, end, &v) != VarintRead::kOk) return last;
        break;
      case 1:
        if (end - p < 8) return last;
        p += 8;
        break;
      case 5:
        if (end - p < 4) return last;
        p += 4;
        break;
      case 2:
        if (ReadVarint(&p, end, &v) != VarintRead::kOk ||
            v > static_cast<uint64_t>(end - p)) {
          return last;
        }
        p += v;
        break;
      case 3:  // A group: rare; protobuf's walk skips it.
        return LastEntityFieldSlowly(bytes);
      default:  // An end-group tag or wire type 6 or 7 ends the walk.
        return last;
    }
  }
  return last;
}

class StreamReader final : public RecordStreamReader {
 public:
  StreamReader(std::unique_ptr<Input> in,
               const RecordStreamReaderOptions& options)
      : in_(std::move(in)), options_(options) {
    location_.set_file(in_->name());
  }

  absl::Status ReadHeader() {
    v1::Record r;
    if (in_->AtEnd()) {
      if (!in_->status().ok()) return in_->status();
      return absl::DataLossError(absl::StrCat(
          in_->name(), ": is empty; a record stream begins with a header"));
    }
    if (!ReadFrame(&r)) {
      return absl::DataLossError(
          absl::StrCat(status_.message(), "; is it a dangjian record stream?"));
    }
    if (!r.has_header()) {
      return absl::DataLossError(absl::StrCat(
          in_->name(), ": the first record is a ", RecordKindName(r),
          ", not a header; is it a dangjian record stream?"));
    }
    header_ = std::move(*r.mutable_header());
    ++index_;
    return absl::OkStatus();
  }

  bool Next(v1::Record* record) override {
    if (!MoreToRead()) return false;
    const int64_t start = in_->offset();
    if (!ReadFrame(record)) return false;
    if (record->has_trailer()) return CheckTrailer(record->trailer(), start);
    if (record->has_header()) {
      return Stop(Damage(start, "a second header record"));
    }
    Accept(start);
    return true;
  }

  bool NextSerialized(absl::string_view* bytes) override {
    if (!MoreToRead()) return false;
    const int64_t start = in_->offset();
    if (!CheckFrame(bytes, options_.check_serialized)) return false;
    // The entity a parser would find: the last field of the oneof (when the
    // bytes were not checked, a malformed tail just ends the search: the
    // consumer refuses such bytes).
    switch (LastEntityField(*bytes)) {
      case v1::Record::kTrailerFieldNumber: {
        v1::Record r;
        int64_t bad_at = 0;
        std::string what;
        if (!CheckWireFormat(*bytes, record_type_, &bad_at, &what) ||
            !r.ParseFromArray(bytes->data(), static_cast<int>(bytes->size()))) {
          return Stop(Damage(start,
                             "corrupt: a trailer record that does not "
                             "parse"));
        }
        return CheckTrailer(r.trailer(), start);
      }
      case v1::Record::kHeaderFieldNumber:
        return Stop(Damage(start, "a second header record"));
      case 0:
        if (!bytes->empty()) return Stop(NoEntity(start, bytes->size()));
        break;
      default:
        break;
    }
    Accept(start);
    return true;
  }

  // False, with the status set, when the stream ends here (where a record or
  // the trailer should be).
  bool MoreToRead() {
    if (done_) return false;
    if (in_->WouldMove(1)) FlushCrc();
    if (!in_->AtEnd()) return true;
    if (!in_->status().ok()) return Stop(in_->status());
    return Stop(absl::DataLossError(
        absl::StrCat(in_->name(), ": truncated: the stream ends after ", index_,
                     " records at byte offset ", in_->offset(),
                     " without a trailer record")));
  }

  // Counts the entity record just read from `start`. The crc runs over long
  // spans, not record by record (several times faster): frames are
  // contiguous until the input window moves.
  void Accept(int64_t start) {
    if (crc_end_ != start) {
      FlushCrc();
      crc_begin_ = start;
    }
    crc_end_ = in_->offset();
    ++count_;
    location_.set_record_index(index_++);
    location_.set_byte_offset(start);
  }

  const v1::SourceLocation& location() const override { return location_; }
  absl::Status status() const override { return status_; }
  const v1::StreamHeader& header() const override { return header_; }
  const v1::StreamTrailer* trailer() const override {
    return has_trailer_ ? &trailer_ : nullptr;
  }
  int64_t offset() const override { return in_->offset(); }

 private:
  bool Stop(absl::Status s) {
    status_ = std::move(s);
    done_ = true;
    return false;
  }

  absl::Status Damage(int64_t at, absl::string_view what,
                      absl::StatusCode code = absl::StatusCode::kDataLoss) {
    std::string unread;
    if (in_->size() >= 0) {
      unread = absl::StrCat(" with ", in_->size() - at, " bytes left unread");
    }
    // A damaged length prefix can declare a length of 18 digits, which a log
    // scanner would take for a resident ID: mask as every message is masked.
    return absl::Status(code,
                        MaskPersonalData(absl::StrCat(
                            in_->name(), ": ", what, " (record ", index_,
                            "); reading stopped at byte offset ", at, unread)));
  }

  // Reads one framed record into `record`, or sets the status and returns
  // false.
  bool ReadFrame(v1::Record* record) {
    const int64_t start = in_->offset();
    absl::string_view bytes;
    if (!CheckFrame(&bytes)) return false;
    if (!record->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
      return Stop(Damage(
          start, absl::StrCat("corrupt: ", bytes.size(),
                              " bytes that do not parse as a "
                              "dangjian.v1.Record (damaged, or not UTF-8)")));
    }
    if (!bytes.empty() && record->entity_case() == v1::Record::ENTITY_NOT_SET) {
      return Stop(NoEntity(start, bytes.size()));
    }
    return true;
  }

  absl::Status NoEntity(int64_t start, size_t len) {
    return Damage(start, absl::StrCat("a record of ", len,
                                      " bytes with no entity this reader "
                                      "knows (a newer schema, or damage)"));
  }

  // Reads one frame and checks it (length within the cap, all there, a
  // well-formed Record by the strict wire check): `*bytes` is the record,
  // valid until the input moves (the next read). Or sets the status and
  // returns false.
  bool CheckFrame(absl::string_view* bytes, bool check_wire = true) {
    const int64_t start = in_->offset();
    if (in_->WouldMove(kMaxVarintBytes)) FlushCrc();
    const size_t avail = in_->Ensure(kMaxVarintBytes);
    const auto* p = reinterpret_cast<const uint8_t*>(in_->data());
    uint64_t len = 0;
    size_t prefix = 0;
    bool complete = false;
    for (; prefix < avail && prefix < kMaxVarintBytes; ++prefix) {
      len |= uint64_t{p[prefix] & 0x7Fu} << (7 * prefix);
      if ((p[prefix] & 0x80) == 0) {
        complete = true;
        ++prefix;
        break;
      }
    }
    if (!complete) {
      if (!in_->status().ok()) return Stop(in_->status());
      return Stop(Damage(start, avail < kMaxVarintBytes
                                    ? "truncated inside a length prefix"
                                    : "a length prefix longer than 10 bytes"));
    }
    if (len > static_cast<uint64_t>(options_.max_record_bytes)) {
      return Stop(Damage(
          start,
          absl::StrCat("a record of ", len, " bytes is above the cap of ",
                       options_.max_record_bytes,
                       " bytes (RecordStreamReaderOptions::max_record_bytes)"),
          absl::StatusCode::kResourceExhausted));
    }
    const size_t total = prefix + static_cast<size_t>(len);
    if (in_->WouldMove(total)) FlushCrc();
    const size_t got = in_->Ensure(total);
    if (got < total) {
      if (!in_->status().ok()) return Stop(in_->status());
      return Stop(Damage(
          start, absl::StrCat("truncated: the record declares ", len,
                              " bytes but only ", got - prefix, " remain")));
    }
    // protobuf accepts some bytes no writer produces (a known field with the
    // wrong wire type is kept as an unknown field: its value is lost), and
    // says nothing of where bytes are bad: check the wire format first.
    *bytes = absl::string_view(in_->data() + prefix, len);
    int64_t bad_at = 0;
    std::string what;
    if (check_wire && !CheckWireFormat(*bytes, record_type_, &bad_at, &what)) {
      return Stop(Damage(
          start, absl::StrCat("corrupt: ", what, " at byte offset ",
                              start + static_cast<int64_t>(prefix) + bad_at,
                              " in a record of ", len, " bytes")));
    }
    in_->Skip(total);
    return true;
  }

  // Adds the pending span of frames, still in the input window, to the crc.
  void FlushCrc() {
    if (crc_end_ == crc_begin_) return;
    const char* end = in_->data() - (in_->offset() - crc_end_);
    const int64_t len = crc_end_ - crc_begin_;
    crc_ = Crc32(crc_, end - len, static_cast<size_t>(len));
    crc_begin_ = crc_end_;
  }

  bool CheckTrailer(const v1::StreamTrailer& t, int64_t start) {
    FlushCrc();
    trailer_ = t;
    has_trailer_ = true;
    if (options_.verify_trailer) {
      if (t.record_count() != count_) {
        return Stop(Damage(
            start, absl::StrCat("the trailer counts ", t.record_count(),
                                " records but the stream holds ", count_)));
      }
      if (t.crc32() != static_cast<uint32_t>(crc_)) {
        return Stop(Damage(start, absl::StrCat("checksum mismatch: the trailer "
                                               "says crc32 ",
                                               t.crc32(), ", the records give ",
                                               static_cast<uint32_t>(crc_))));
      }
    }
    if (!in_->AtEnd()) {
      ++index_;
      return Stop(Damage(in_->offset(), "bytes follow the trailer record"));
    }
    done_ = true;
    return false;
  }

  std::unique_ptr<Input> in_;
  RecordStreamReaderOptions options_;
  // v1::Record::descriptor(), asked once: each call costs a call_once check.
  const google::protobuf::Descriptor* const record_type_ =
      v1::Record::descriptor();
  v1::StreamHeader header_;
  v1::StreamTrailer trailer_;
  bool has_trailer_ = false;
  v1::SourceLocation location_;
  absl::Status status_;
  uint32_t crc_ = 0;
  int64_t crc_begin_ = 0;  // Offsets of frames not yet in crc_.
  int64_t crc_end_ = 0;
  int64_t count_ = 0;  // Entity records.
  int64_t index_ = 0;  // Records of the file, header included.
  bool done_ = false;
};

absl::StatusOr<std::unique_ptr<RecordStreamReader>> Finish(
    std::unique_ptr<StreamReader> r) {
  if (absl::Status s = r->ReadHeader(); !s.ok()) return s;
  return std::unique_ptr<RecordStreamReader>(std::move(r));
}

class StreamWriter final : public RecordStreamWriter {
 public:
  StreamWriter(std::unique_ptr<Output> out,
               const RecordStreamWriterOptions& options)
      : out_(std::move(out)), options_(options) {}

  absl::Status WriteHeader() {
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
    if (const std::string f = FirstInvalidUtf8Field(r); !f.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(out_->path(), ": the stream header's field ", f,
                       " is not valid UTF-8"));
    }
    return Frame(r, /*count=*/false);
  }

  absl::Status Write(const v1::Record& record) override {
    if (!broken_.ok()) return broken_;
    if (closed_) return absl::FailedPreconditionError("writer closed");
    switch (record.entity_case()) {
      case v1::Record::ENTITY_NOT_SET:
        return absl::InvalidArgumentError(absl::StrCat(
            out_->path(), ": record ", count_, " is empty; nothing to write"));
      case v1::Record::kHeader:
      case v1::Record::kTrailer:
        return absl::InvalidArgumentError(absl::StrCat(
            out_->path(), ": record ", count_, " is a ", RecordKindName(record),
            "; the writer writes the header and trailer itself"));
      default:
        break;
    }
    return Frame(record, /*count=*/true);
  }

  absl::Status Close() override {
    if (!broken_.ok()) return broken_;
    if (closed_) return absl::FailedPreconditionError("writer already closed");
    closed_ = true;
    v1::Record r;
    r.mutable_trailer()->set_record_count(count_);
    r.mutable_trailer()->set_crc32(static_cast<uint32_t>(crc_));
    if (absl::Status s = Frame(r, /*count=*/false); !s.ok()) return s;
    return out_->Finish();
  }

  int64_t record_count() const override { return count_; }

 private:
  absl::Status Frame(const v1::Record& r, bool count) {
    const size_t size = r.ByteSizeLong();
    if (size > static_cast<uint64_t>(options_.max_record_bytes)) {
      return absl::InvalidArgumentError(absl::StrCat(
          out_->path(), ": record ", count_, " (", Describe(r), ") is ", size,
          " bytes, above the cap of ", options_.max_record_bytes,
          " (RecordStreamWriterOptions::max_record_bytes)"));
    }
    using google::protobuf::io::CodedOutputStream;
    const size_t prefix =
        CodedOutputStream::VarintSize32(static_cast<uint32_t>(size));
    buffer_.resize(prefix + size);
    auto* p = reinterpret_cast<uint8_t*>(&buffer_[0]);
    CodedOutputStream::WriteVarint32ToArray(static_cast<uint32_t>(size), p);
    r.SerializeWithCachedSizesToArray(p + prefix);
    // proto3 readers refuse strings that are not UTF-8: check the bytes just
    // made (cheap), and name the field only when one is bad.
    if (!WireFormatIsValid(absl::string_view(buffer_).substr(prefix),
                           v1::Record::descriptor())) {
      const std::string f = FirstInvalidUtf8Field(r);
      return absl::InvalidArgumentError(absl::StrCat(
          out_->path(), ": record ", count_, " (", Describe(r), "): field ", f,
          " is not valid UTF-8; convert the text to UTF-8 first"));
    }
    if (count) {
      crc_ = Crc32(crc_, p, buffer_.size());
      ++count_;
    }
    absl::Status s = out_->Append(buffer_);
    if (!s.ok()) broken_ = s;
    return s;
  }

  std::unique_ptr<Output> out_;
  RecordStreamWriterOptions options_;
  std::string buffer_;
  uint32_t crc_ = 0;
  int64_t count_ = 0;
  bool closed_ = false;
  absl::Status broken_;
};

absl::StatusOr<std::unique_ptr<RecordStreamWriter>> Start(
    std::unique_ptr<Output> out, const RecordStreamWriterOptions& options) {
  if (options.max_record_bytes <= 0 ||
      options.max_record_bytes > int64_t{INT32_MAX}) {
    return absl::InvalidArgumentError(
        "RecordStreamWriterOptions::max_record_bytes must be 1 to 2^31-1");
  }
  auto w = std::make_unique<StreamWriter>(std::move(out), options);
  if (absl::Status s = w->WriteHeader(); !s.ok()) return s;
  return std::unique_ptr<RecordStreamWriter>(std::move(w));
}

absl::Status CheckReaderOptions(const RecordStreamReaderOptions& options) {
  if (options.max_record_bytes <= 0 ||
      options.max_record_bytes > int64_t{INT32_MAX}) {
    return absl::InvalidArgumentError(
        "RecordStreamReaderOptions::max_record_bytes must be 1 to 2^31-1");
  }
  return absl::OkStatus();
}

}  // namespace
}  // namespace internal

absl::StatusOr<std::unique_ptr<RecordStreamReader>> RecordStreamReader::Open(
    StringArg path_arg, const RecordStreamReaderOptions& options) {
  const absl::string_view path = path_arg;
  if (absl::Status s = internal::CheckReaderOptions(options); !s.ok()) return s;
  auto in = internal::Input::OpenFile(path);
  if (!in.ok()) return in.status();
  return internal::Finish(
      std::make_unique<internal::StreamReader>(*std::move(in), options));
}

absl::StatusOr<std::unique_ptr<RecordStreamReader>>
RecordStreamReader::FromBuffer(StringArg data_arg, StringArg name_arg,
                               const RecordStreamReaderOptions& options) {
  const absl::string_view data = data_arg;
  const absl::string_view name = name_arg;
  if (absl::Status s = internal::CheckReaderOptions(options); !s.ok()) return s;
  return internal::Finish(std::make_unique<internal::StreamReader>(
      internal::Input::FromBuffer(data, name), options));
}

absl::StatusOr<std::unique_ptr<RecordStreamWriter>> RecordStreamWriter::Create(
    StringArg path_arg, const RecordStreamWriterOptions& options) {
  const absl::string_view path = path_arg;
  auto out = internal::Output::CreateFile(path);
  if (!out.ok()) return out.status();
  return internal::Start(*std::move(out), options);
}

absl::StatusOr<std::unique_ptr<RecordStreamWriter>>
RecordStreamWriter::ToString(std::string* out,
                             const RecordStreamWriterOptions& options) {
  return internal::Start(internal::Output::ToString(out), options);
}

}  // namespace dangjian
