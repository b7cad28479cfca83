// Ledgers written as one Excel workbook, a sheet per table (libxlsxwriter).
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/utf8.h"
#include "core/xlsx_text.h"
#include "dangjian/csv_ledger.h"
#include "dangjian/personal_data.h"
#include "dangjian/record.h"
#include "io/csv_columns.h"
#include "xlsxwriter.h"

namespace dangjian {

WorkbookLedgerWriter::~WorkbookLedgerWriter() = default;

namespace internal {
namespace {

// Excel's rows of a sheet.
constexpr lxw_row_t kMaxRows = 1048576;

class XlsxLedgerWriter final : public WorkbookLedgerWriter {
 public:
  XlsxLedgerWriter(std::string path, std::string tmp, lxw_workbook* wb,
                   const WorkbookWriterOptions& options)
      : path_(std::move(path)),
        tmp_(std::move(tmp)),
        wb_(wb),
        options_(options) {
    header_ = workbook_add_format(wb_);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xF2F2F2);
    format_set_border(header_, LXW_BORDER_THIN);
  }

  ~XlsxLedgerWriter() override {
    if (wb_ != nullptr) workbook_close(wb_);  // Frees it.
    if (!done_) unlink(tmp_.c_str());         // Nothing left at the path.
  }

  absl::Status Write(const v1::Record& record) override {
    if (!broken_.ok()) return broken_;
    if (wb_ == nullptr) return absl::FailedPreconditionError("writer closed");
    const Table* table = TableOf(record.entity_case());
    if (table == nullptr) {
      return absl::NotFoundError(
          absl::StrCat("no ledger holds ", RecordKindName(record), " records"));
    }
    const google::protobuf::Message& entity =
        record.GetReflection()->GetMessage(record, table->record_field);
    if (const std::string f = FirstInvalidUtf8Field(entity); !f.empty()) {
      return absl::InvalidArgumentError(MaskPersonalData(absl::StrCat(
          path_, ": ", RecordKindName(record), " ", RecordId(record),
          ": field ", f, " is not valid UTF-8")));
    }
    if (absl::Status s = Row(*table, entity); !s.ok()) return Broken(s);
    if (record.has_party_organization()) {
      // Its star assessments, which its row has no column for, go to the
      // star sheet, a row each naming it; those of a second record of an id
      // are left out, as the report leaves them.
      const v1::PartyOrganization& org = record.party_organization();
      if (!orgs_.insert(org.id()).second) return absl::OkStatus();
      const Table* stars = FindTable(CsvTable::kStarAssessments);
      for (const v1::StarAssessment& a : org.star_assessments()) {
        v1::StarAssessment row = a;
        row.set_party_organization_id(org.id());
        if (absl::Status s = Row(*stars, row); !s.ok()) return Broken(s);
      }
    }
    return absl::OkStatus();
  }

  absl::Status Close() override {
    if (!broken_.ok()) return broken_;
    if (wb_ == nullptr) {
      return absl::FailedPreconditionError("writer already closed");
    }
    const lxw_error e = workbook_close(wb_);
    wb_ = nullptr;
    if (e != LXW_NO_ERROR) {
      return absl::UnavailableError(
          absl::StrCat(MaskPersonalData(path_),
                       ": cannot write the workbook: ", lxw_strerror(e)));
    }
    if (rename(tmp_.c_str(), path_.c_str()) != 0) {
      return absl::UnavailableError(
          absl::StrCat(MaskPersonalData(path_),
                       ": cannot rename into place: ", std::strerror(errno)));
    }
    done_ = true;
    return absl::OkStatus();
  }

 private:
  struct Sheet {
    lxw_worksheet* ws = nullptr;
    lxw_row_t next = 1;  // Row 0 is the header.
  };

  static const Table* TableOf(int entity_case) {
    for (const Table& t : Tables()) {
      if (t.record_field->number() == entity_case) return &t;
    }
    return nullptr;
  }

  absl::Status Broken(absl::Status s) {
    broken_ = s;
    return s;
  }

  // The sheet of `table`, made with its header (frozen, widths from the
  // header and the kind of column) at its first row.
  absl::StatusOr<Sheet*> SheetOf(const Table& table) {
    Sheet& sheet = sheets_[static_cast<size_t>(table.table)];
    if (sheet.ws != nullptr) return &sheet;
    const std::string name =
        options_.chinese_headers ? table.chinese[0] : table.name;
    sheet.ws = workbook_add_worksheet(wb_, name.c_str());
    if (sheet.ws == nullptr) {
      return absl::InternalError(
          absl::StrCat(path_, ": cannot add the sheet ", name));
    }
    worksheet_freeze_panes(sheet.ws, 1, 0);
    lxw_col_t col = 0;
    for (const Column& c : table.columns) {
      if (c.kind == CellKind::kWanYuan) continue;  // Amounts go in 元.
      const std::string header =
          XlsxText(options_.chinese_headers ? c.chinese[0] : c.english);
      double width = std::max<double>(header.size() > 0 ? 8 : 6,
                                      std::min<size_t>(header.size(), 30));
      switch (c.kind) {
        case CellKind::kString:
        case CellKind::kList:
        case CellKind::kEnumList:
        case CellKind::kPosts:
        case CellKind::kSeats:
        case CellKind::kStatusChanges:
        case CellKind::kMemberEvents:
        case CellKind::kVenueAssessments:
        case CellKind::kPastTerms:
          width = std::max(width, 24.0);
          break;
        case CellKind::kNationalId:
        case CellKind::kPhone:
          width = std::max(width, 20.0);
          break;
        case CellKind::kDate:
          width = std::max(width, 12.0);
          break;
        default:
          break;
      }
      worksheet_set_column(sheet.ws, col, col, width, nullptr);
      const lxw_error e =
          worksheet_write_string(sheet.ws, 0, col, header.c_str(), header_);
      if (e != LXW_NO_ERROR) {
        return absl::InternalError(
            absl::StrCat(path_, ": sheet ", name, ": ", lxw_strerror(e)));
      }
      ++col;
    }
    return &sheet;
  }

  // One row of `table` from `entity`: cells as a CSV ledger writes them,
  // integers as numbers, the rest as text (ids, codes and phone numbers are
  // never numbers, which Excel would show as 1.10101E+17).
  absl::Status Row(const Table& table,
                   const google::protobuf::Message& entity) {
    absl::StatusOr<Sheet*> sheet = SheetOf(table);
    if (!sheet.ok()) return sheet.status();
    Sheet& s = **sheet;
    if (s.next >= kMaxRows) {
      return absl::ResourceExhaustedError(absl::StrCat(
          path_, ": the ", table.name, " sheet is full (Excel's ", kMaxRows,
          " rows); write CSV ledgers, which hold any number of rows"));
    }
    lxw_col_t col = 0;
    for (const Column& c : table.columns) {
      if (c.kind == CellKind::kWanYuan) continue;
      std::string cell = FormatCell(c, entity, options_.full_fidelity);
      int64_t n = 0;
      lxw_error e = LXW_NO_ERROR;
      if (cell.empty()) {
        // An empty cell.
      } else if (c.kind == CellKind::kInt && absl::SimpleAtoi(cell, &n) &&
                 n > -(int64_t{1} << 53) && n < (int64_t{1} << 53)) {
        e = worksheet_write_number(s.ws, s.next, col, static_cast<double>(n),
                                   nullptr);
      } else {
        e = worksheet_write_string(s.ws, s.next, col,
                                   XlsxText(std::move(cell)).c_str(), nullptr);
      }
      if (e != LXW_NO_ERROR) {
        return absl::InvalidArgumentError(MaskPersonalData(
            absl::StrCat(path_, ": sheet ", table.name, " row ", s.next + 1,
                         " column ", c.english, ": ", lxw_strerror(e))));
      }
      ++col;
    }
    ++s.next;
    return absl::OkStatus();
  }

  std::string path_;
  std::string tmp_;
  lxw_workbook* wb_;
  WorkbookWriterOptions options_;
  lxw_format* header_ = nullptr;
  Sheet sheets_[16];  // By CsvTable.
  absl::flat_hash_set<std::string> orgs_;
  absl::Status broken_;
  bool done_ = false;
};

}  // namespace
}  // namespace internal

absl::StatusOr<std::unique_ptr<WorkbookLedgerWriter>>
WorkbookLedgerWriter::Create(StringArg path_arg,
                             const WorkbookWriterOptions& options) {
  const absl::string_view path = path_arg;
  const std::string target(path);
  const std::string tmp = absl::StrCat(target, ".tmp");
  // Made now, so that a folder that cannot be written fails here, not at
  // Close().
  FILE* probe = fopen(tmp.c_str(), "wb");
  if (probe == nullptr) {
    return absl::UnavailableError(absl::StrCat(
        MaskPersonalData(target), ": cannot create: ", std::strerror(errno)));
  }
  fclose(probe);
  lxw_workbook_options o = {};
  o.constant_memory = LXW_TRUE;  // Rows go to disk as written.
  o.use_zip64 = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(tmp.c_str(), &o);
  if (wb == nullptr) {
    unlink(tmp.c_str());
    return absl::UnavailableError(
        absl::StrCat(MaskPersonalData(target), ": cannot start the workbook"));
  }
  return std::unique_ptr<WorkbookLedgerWriter>(
      new internal::XlsxLedgerWriter(target, tmp, wb, options));
}

}  // namespace dangjian
