#include <sys/stat.h>

#include <cerrno>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/utf8.h"
#include "dangjian/csv_ledger.h"
#include "dangjian/personal_data.h"
#include "dangjian/record.h"
#include "io/csv_columns.h"
#include "io/input.h"

namespace dangjian {

CsvLedgerWriter::~CsvLedgerWriter() = default;

namespace internal {
namespace {

class CsvWriter final : public CsvLedgerWriter {
 public:
  CsvWriter(std::unique_ptr<Output> out, const Table* table,
            const CsvWriterOptions& options)
      : out_(std::move(out)), table_(table), options_(options) {}

  absl::Status Start() {
    line_.clear();
    if (options_.utf8_bom) line_ = "\xEF\xBB\xBF";
    bool first = true;
    for (const Column& c : table_->columns) {
      if (c.kind == CellKind::kWanYuan) continue;  // Amounts go in 元.
      if (!first) line_.push_back(options_.separator);
      first = false;
      AppendCell(options_.chinese_headers ? c.chinese[0] : c.english);
    }
    line_ += "\r\n";
    return Emit();
  }

  absl::Status Write(const v1::Record& record) override {
    if (!broken_.ok()) return broken_;
    if (closed_) return absl::FailedPreconditionError("writer closed");
    if (record.entity_case() != table_->record_field->number()) {
      return absl::InvalidArgumentError(absl::StrCat(
          out_->path(), ": a ", RecordKindName(record),
          " record cannot be written to a ", table_->name, " ledger"));
    }
    const google::protobuf::Message& entity =
        record.GetReflection()->GetMessage(record, table_->record_field);
    if (const std::string f = FirstInvalidUtf8Field(entity); !f.empty()) {
      return absl::InvalidArgumentError(MaskPersonalData(absl::StrCat(
          out_->path(), ": ", RecordKindName(record), " ", RecordId(record),
          ": field ", f, " is not valid UTF-8")));
    }
    line_.clear();
    bool first = true;
    for (const Column& c : table_->columns) {
      if (c.kind == CellKind::kWanYuan) continue;
      if (!first) line_.push_back(options_.separator);
      first = false;
      AppendCell(FormatCell(c, entity, options_.full_fidelity));
    }
    line_ += "\r\n";
    return Emit();
  }

  absl::Status Close() override {
    if (!broken_.ok()) return broken_;
    if (closed_) return absl::FailedPreconditionError("writer already closed");
    closed_ = true;
    return out_->Finish();
  }

 private:
  void AppendCell(const std::string& cell) {
    std::string v;
    // CSV injection: a spreadsheet runs a cell that starts like a formula.
    if (!cell.empty() &&
        std::string("=+-@\t\r").find(cell[0]) != std::string::npos) {
      v = "'" + cell;
    } else {
      v = cell;
    }
    const bool quote =
        v.find_first_of(std::string("\"\r\n") + options_.separator) !=
            std::string::npos ||
        (!v.empty() && (v.front() == ' ' || v.back() == ' '));
    if (!quote) {
      line_ += v;
      return;
    }
    line_.push_back('"');
    for (char c : v) {
      if (c == '"') line_.push_back('"');
      line_.push_back(c);
    }
    line_.push_back('"');
  }

  absl::Status Emit() {
    absl::Status s = out_->Append(line_);
    if (!s.ok()) broken_ = s;
    return s;
  }

  std::unique_ptr<Output> out_;
  const Table* table_;
  CsvWriterOptions options_;
  std::string line_;
  bool closed_ = false;
  absl::Status broken_;
};

absl::StatusOr<std::unique_ptr<CsvLedgerWriter>> Make(
    std::unique_ptr<Output> out, const CsvWriterOptions& options) {
  const Table* table = FindTable(options.table);
  if (table == nullptr) {
    return absl::InvalidArgumentError(
        "CsvWriterOptions::table must name the entity type to write");
  }
  if (options.separator != ',' && options.separator != ';' &&
      options.separator != '\t') {
    return absl::InvalidArgumentError(
        "CsvWriterOptions::separator must be ',', ';' or '\\t'");
  }
  auto w = std::make_unique<CsvWriter>(std::move(out), table, options);
  if (absl::Status s = w->Start(); !s.ok()) return s;
  return std::unique_ptr<CsvLedgerWriter>(std::move(w));
}

}  // namespace
}  // namespace internal

absl::StatusOr<std::unique_ptr<CsvLedgerWriter>> CsvLedgerWriter::Create(
    StringArg path_arg, const CsvWriterOptions& options) {
  const absl::string_view path = path_arg;
  if (internal::FindTable(options.table) == nullptr) {
    return internal::Make(nullptr, options);
  }
  auto out = internal::Output::CreateFile(path);
  if (!out.ok()) return out.status();
  return internal::Make(*std::move(out), options);
}

absl::StatusOr<std::unique_ptr<CsvLedgerWriter>> CsvLedgerWriter::ToString(
    std::string* out, const CsvWriterOptions& options) {
  return internal::Make(internal::Output::ToString(out), options);
}

absl::Status WriteCsvLedgers(const v1::Dataset& dataset,
                             StringArg directory_arg,
                             const CsvWriterOptions& options) {
  const absl::string_view directory = directory_arg;
  struct stat st;
  const std::string dir(directory);
  if (stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return absl::NotFoundError(
        absl::StrCat(dir, ": not a directory; create it first"));
  }
  // The star ledger holds the nested assessments too, each naming its
  // organization: a party organization's row has no column for them.
  int nested_stars = 0;
  for (const v1::PartyOrganization& org : dataset.party_organizations()) {
    nested_stars += org.star_assessments_size();
  }
  for (const internal::Table& t : internal::Tables()) {
    // The Dataset list of the table has the table's name.
    const auto* list = v1::Dataset::descriptor()->FindFieldByName(t.name);
    const auto* r = dataset.GetReflection();
    const int n = r->FieldSize(dataset, list);
    const bool stars = t.table == CsvTable::kStarAssessments;
    if (n == 0 && !(stars && nested_stars > 0)) continue;
    CsvWriterOptions o = options;
    o.table = t.table;
    auto w = CsvLedgerWriter::Create(absl::StrCat(dir, "/", t.name, ".csv"), o);
    if (!w.ok()) return w.status();
    v1::Record record;
    if (stars) {
      for (const v1::PartyOrganization& org : dataset.party_organizations()) {
        for (const v1::StarAssessment& a : org.star_assessments()) {
          v1::StarAssessment* row = record.mutable_star_assessment();
          *row = a;
          row->set_party_organization_id(org.id());
          if (absl::Status s = (*w)->Write(record); !s.ok()) return s;
        }
      }
    }
    for (int i = 0; i < n; ++i) {
      record.GetReflection()
          ->MutableMessage(&record, t.record_field)
          ->CopyFrom(r->GetRepeatedMessage(dataset, list, i));
      if (absl::Status s = (*w)->Write(record); !s.ok()) return s;
    }
    if (absl::Status s = (*w)->Close(); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace dangjian
