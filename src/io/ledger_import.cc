#include "io/ledger_import.h"

#include <climits>
#include <cstring>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/utf8.h"
#include "core/wire_format.h"
#include "dangjian/personal_data.h"
#include "google/protobuf/io/coded_stream.h"

namespace dangjian {
namespace internal {

// True when `text` has a byte below 0x20 other than tab, CR and LF.
bool HasControlCharacter(absl::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  // Eight bytes at a time while none is below 0x20 (exact: a borrow only
  // reaches a byte above one that is).
  constexpr uint64_t kOnes = 0x0101010101010101;
  constexpr uint64_t kHighs = 0x8080808080808080;
  while (end - p >= 8) {
    uint64_t word;
    std::memcpy(&word, p, sizeof(word));
    if (((word - 0x20 * kOnes) & ~word & kHighs) != 0) break;
    p += 8;
  }
  for (; p < end; ++p) {
    const auto u = static_cast<unsigned char>(*p);
    if (u < 0x20 && u != '\t' && u != '\r' && u != '\n') return true;
  }
  return false;
}

absl::string_view Stem(absl::string_view path) {
  const size_t slash = path.find_last_of('/');
  if (slash != absl::string_view::npos) path.remove_prefix(slash + 1);
  const size_t dot = path.find_last_of('.');
  if (dot != absl::string_view::npos) path = path.substr(0, dot);
  return path;
}

CsvTable TableFromStem(absl::string_view stem) {
  CsvTable best = CsvTable::kAuto;
  size_t best_len = 0;
  for (const Table& t : Tables()) {
    std::vector<std::string> names = t.chinese;
    names.push_back(t.name);
    for (const std::string& n : names) {
      if (absl::EndsWith(stem, n) && n.size() > best_len) {
        best = t.table;
        best_len = n.size();
      }
    }
  }
  return best;
}

namespace {

const Column* MatchColumn(const Table& t, const std::string& normalized) {
  for (const Column& c : t.columns) {
    for (const std::string& h : c.normalized) {
      if (h == normalized) return &c;
    }
  }
  return nullptr;
}

std::string FieldPath(const Column& c) {
  std::vector<std::string> parts;
  for (const auto* f : c.path) parts.push_back(f->name());
  return absl::StrJoin(parts, ".");
}

absl::string_view Unguarded(absl::string_view raw) {
  if (raw.size() >= 2 && raw[0] == '\'' &&
      std::strchr("=+-@\t\r", raw[1]) != nullptr) {
    raw.remove_prefix(1);
  }
  return raw;
}

// True for the error values a spreadsheet shows in a cell whose formula
// failed, as a workbook stores them and a CSV export writes them.
bool IsSpreadsheetError(absl::string_view cell) {
  static constexpr absl::string_view kErrors[] = {
      "#N/A",   "#VALUE!",   "#REF!",     "#DIV/0!",
      "#NUM!",  "#NAME?",    "#NULL!",    "#SPILL!",
      "#CALC!", "#FIELD!",   "#BLOCKED!", "#CONNECT!",
      "#BUSY!", "#UNKNOWN!", "#PYTHON!",  "#GETTING_DATA"};
  for (absl::string_view e : kErrors) {
    if (cell == e) return true;
  }
  return false;
}

}  // namespace

LedgerReaderFindings LedgerFindingsOf(const RecordReader& reader) {
  LedgerReaderFindings out;
  if (const auto* csv = dynamic_cast<const CsvLedgerReader*>(&reader)) {
    out.findings = &csv->findings();
    out.rows_skipped = csv->summary().rows_skipped;
    out.reader_name = "CsvLedgerReader";
    out.table = csv->summary().table;
  } else if (const auto* book =
                 dynamic_cast<const WorkbookLedgerReader*>(&reader)) {
    out.findings = &book->findings();
    out.rows_skipped = book->summary().rows_skipped;
    out.reader_name = "WorkbookLedgerReader";
    out.book = book;
  }
  return out;
}

LedgerImporter::LedgerImporter(RowSource* rows, LedgerSourceTraits traits,
                               int64_t max_findings,
                               std::vector<CsvFinding>* findings,
                               CsvImportSummary* summary)
    : rows_(rows),
      traits_(std::move(traits)),
      max_findings_(max_findings),
      findings_(findings),
      summary_(*summary) {
  location_.set_file(traits_.file);
  location_.set_sheet(traits_.sheet);
}

std::string LedgerImporter::Where(int64_t line) const {
  if (traits_.sheet.empty()) return absl::StrCat(traits_.file, ":", line);
  return absl::StrCat(traits_.file, ":", traits_.sheet, "!", line);
}

bool LedgerImporter::Next(v1::Record* record) {
  while (!done_) {
    if (!rows_->NextRow(&row_)) {
      done_ = true;
      status_ = rows_->status();
      return false;
    }
    if (IsBlank()) {
      ++summary_.blank_lines;
      continue;
    }
    ++summary_.rows_read;
    if (BuildRecord(record)) {
      ++summary_.rows_imported;
      location_.set_line(row_.line);
      location_.set_record_index(summary_.rows_imported - 1);
      if (record == nullptr) {
        // The Record around the entity: its oneof field's tag and the
        // entity's length, written into the room left before its bytes.
        const size_t length = wire_.size() - kHeadroom;
        char head[kHeadroom];
        char* end = EncodeVarint(
            static_cast<uint64_t>(table_->record_field->number() << 3 | 2),
            head);
        end = EncodeVarint(length, end);
        const size_t head_size = static_cast<size_t>(end - head);
        char* begin = wire_.data() + (kHeadroom - head_size);
        std::memcpy(begin, head, head_size);
        serialized_ = absl::string_view(begin, head_size + length);
      }
      return true;
    }
  }
  return false;
}

void LedgerImporter::Find(int64_t line, int column, bool skipped,
                          std::string message) {
  if (static_cast<int64_t>(findings_->size()) >= max_findings_) {
    ++summary_.findings_dropped;
    return;
  }
  CsvFinding f;
  f.file = traits_.file;
  f.sheet = traits_.sheet;
  f.line = line;
  f.column = column;
  if (column > 0 && static_cast<size_t>(column) <= headers_.size()) {
    f.header = headers_[column - 1];
  }
  f.message = MaskPersonalData(message);
  f.row_skipped = skipped;
  findings_->push_back(std::move(f));
}

bool LedgerImporter::IsBlank() const {
  for (size_t i = 0; i < row_.n; ++i) {
    if (!TrimCell(row_.cell(i)).empty()) return false;
  }
  return !row_.unterminated;
}

bool LedgerImporter::IsTitle() const {
  size_t filled = 0;
  absl::string_view only;
  for (size_t i = 0; i < row_.n && filled < 2; ++i) {
    const absl::string_view cell = TrimCell(row_.cell(i));
    if (!cell.empty()) {
      only = cell;
      ++filled;
    }
  }
  if (filled != 1 || row_.unterminated) return false;
  const std::string normalized = NormalizeHeader(only);
  for (const Table& t : Tables()) {
    if (MatchColumn(t, normalized) != nullptr) return false;
  }
  return true;
}

absl::Status LedgerImporter::ReadHeader() {
  int64_t title_line = 0;
  for (;;) {
    if (!rows_->NextRow(&row_)) {
      if (!rows_->status().ok()) return rows_->status();
      if (title_line > 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            Where(title_line),
            ": no header row; only a title row of one cell, which names no "
            "column (docs/ledger-format.md)"));
      }
      return absl::InvalidArgumentError(
          absl::StrCat(traits_.file, traits_.sheet.empty() ? "" : ":",
                       traits_.sheet, ": no header row; the ",
                       traits_.sheet.empty() ? "file" : "sheet", " is empty"));
    }
    if (IsBlank()) continue;
    saw_content_ = true;
    // A title above the header ("XX县党员台账", merged across the columns
    // in a workbook): not a header, not data.
    if (IsTitle()) {
      if (title_line == 0) title_line = row_.line;
      continue;
    }
    break;
  }
  const int64_t line = row_.line;
  for (size_t i = 0; i < row_.n; ++i) {
    headers_.push_back(MaskPersonalData(TrimCell(row_.cell(i))));
  }
  std::vector<std::string> normalized;
  for (size_t i = 0; i < row_.n; ++i) {
    normalized.push_back(NormalizeHeader(row_.cell(i)));
  }
  CsvTable table = traits_.table;
  if (table == CsvTable::kAuto) {
    size_t best = 0;
    int ties = 0;
    for (const Table& t : Tables()) {
      size_t score = 0;
      for (const std::string& h : normalized) {
        if (!h.empty() && MatchColumn(t, h) != nullptr) ++score;
      }
      if (score > best) {
        best = score;
        table = t.table;
        ties = 0;
      } else if (score == best && score > 0) {
        ++ties;
      }
    }
    if (best < 2 || ties > 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          Where(line), ": cannot tell which table the ",
          traits_.sheet.empty() ? "file" : "sheet",
          " holds from its name or headers; name it after the table ",
          traits_.sheet.empty()
              ? "(host_organizations.csv, 单位.csv, ...) or set "
                "CsvReaderOptions::table"
              : "(单位, 党员, members, ...)"));
    }
  }
  table_ = FindTable(table);
  if (table_ == nullptr) {
    return absl::InvalidArgumentError("CsvReaderOptions::table is invalid");
  }
  summary_.table = table;
  columns_.assign(row_.n, nullptr);
  blank_header_.assign(row_.n, 0);
  memos_.resize(row_.n);
  std::vector<std::pair<std::string, size_t>> seen;  // field path, column
  for (size_t i = 0; i < row_.n; ++i) {
    if (normalized[i].empty()) {
      blank_header_[i] = 1;
      continue;
    }
    const Column* c = MatchColumn(*table_, normalized[i]);
    if (c == nullptr) {
      Find(line, static_cast<int>(i) + 1, false,
           absl::StrCat("not a column of ", table_->name,
                        " (docs/ledger-format.md); its cells are not "
                        "imported"));
      continue;
    }
    const std::string path = FieldPath(*c);
    for (const auto& [p, col] : seen) {
      if (p == path) {
        return absl::InvalidArgumentError(MaskPersonalData(
            absl::StrCat(Where(line), ": columns ", col + 1, " (",
                         headers_[col], ") and ", i + 1, " (", headers_[i],
                         ") are both the column ", path, "; remove one")));
      }
    }
    seen.emplace_back(path, i);
    columns_[i] = c;
    if (c->release_date != nullptr) date_columns_.push_back(c);
    if (c->is_id) id_column_ = static_cast<int>(i);
  }
  if (id_column_ < 0) {
    const Column& id = table_->columns[0];
    return absl::InvalidArgumentError(absl::StrCat(
        Where(line), ": no id column (", id.chinese[0], " or ", id.english,
        ") among the headers of this ", table_->name, " ledger"));
  }
  return absl::OkStatus();
}

google::protobuf::Message* LedgerImporter::MutableEntity(
    v1::Record* record) const {
  switch (table_->table) {
    case CsvTable::kRegions:
      return record->mutable_region();
    case CsvTable::kGrids:
      return record->mutable_grid();
    case CsvTable::kHostOrganizations:
      return record->mutable_host_organization();
    case CsvTable::kPartyOrganizations:
      return record->mutable_party_organization();
    case CsvTable::kVenues:
      return record->mutable_venue();
    case CsvTable::kFunding:
      return record->mutable_funding();
    case CsvTable::kMembers:
      return record->mutable_member();
    case CsvTable::kActivities:
      return record->mutable_activity();
    case CsvTable::kStarAssessments:
      return record->mutable_star_assessment();
    case CsvTable::kCadreAssignments:
      return record->mutable_cadre_assignment();
    case CsvTable::kReserveTalent:
      return record->mutable_reserve_talent();
    case CsvTable::kHostAnnualResults:
      return record->mutable_host_annual_result();
    case CsvTable::kRegionEconomies:
      return record->mutable_region_economy();
    case CsvTable::kAuto:
      break;
  }
  return record->GetReflection()->MutableMessage(record, table_->record_field);
}

bool LedgerImporter::Merge(google::protobuf::Message* entity) const {
  google::protobuf::io::CodedInputStream in(
      reinterpret_cast<const uint8_t*>(wire_.data()),
      static_cast<int>(wire_.size()));
  return entity->MergeFromCodedStream(&in) && in.ConsumedEntireMessage();
}

bool LedgerImporter::ScreenRow(bool* row_bad) {
  const int64_t line = row_.line;
  if (row_.unterminated) {
    Find(line, 0, true,
         "a quoted cell opened in this row is never closed: the rest of "
         "the file was read into it; close the quote");
    ++summary_.rows_skipped;
    return false;
  }
  // Each cell trimmed once, here, for the checks and the import below.
  trimmed_.resize(row_.n);
  for (size_t i = 0; i < row_.n; ++i) trimmed_[i] = TrimCell(row_.cell(i));
  // A subtotal row: a cell begins with 合计 (小计, total, ...) and the id cell
  // is blank or is that cell. A record whose description begins 共计 (a
  // topic "共计走访企业12家") is data.
  const bool id_blank =
      static_cast<size_t>(id_column_) >= row_.n || trimmed_[id_column_].empty();
  for (size_t i = 0; i < row_.n; ++i) {
    const absl::string_view word = SubtotalWordOfTrimmed(trimmed_[i]);
    if (!word.empty() && (id_blank || static_cast<int>(i) == id_column_)) {
      // Not data: reported, but no row of data was skipped.
      Find(line, static_cast<int>(i) + 1, false,
           absl::StrCat(kSubtotalRowMessage, word,
                        "): not imported and not counted"));
      ++summary_.subtotal_rows;
      return false;
    }
  }
  bool bad = false;
  if (row_.n > headers_.size()) {
    for (size_t i = headers_.size(); i < row_.n; ++i) {
      if (!trimmed_[i].empty()) {
        Find(line, static_cast<int>(i) + 1, true,
             absl::StrCat("the row has ", row_.n, " cells but the header ",
                          headers_.size(),
                          "; a separator inside an unquoted cell?"));
        bad = true;
        break;
      }
    }
  }
  // A NUL or other control character is in no spreadsheet's export: the
  // file is damaged or in another encoding (UTF-16 without its BOM). One
  // pass over the row tells whether a cell has one.
  const bool control =
      !bad && row_.maybe_control && HasControlCharacter(row_.text);
  for (size_t i = 0; i < row_.n && control && !bad; ++i) {
    for (const char c : row_.cell(i)) {
      const unsigned char u = static_cast<unsigned char>(c);
      if (u < 0x20 && u != '\t' && u != '\r' && u != '\n') {
        Find(line, static_cast<int>(i) + 1, true,
             absl::StrCat("a control character (byte 0x",
                          absl::Hex(u, absl::kZeroPad2),
                          ") in the cell: the file is damaged or in "
                          "another encoding (UTF-16 without its BOM?)"));
        bad = true;
        break;
      }
    }
  }
  *row_bad = bad;
  return true;
}

bool LedgerImporter::BuildRecord(v1::Record* record) {
  const int64_t line = row_.line;
  bool bad = false;
  if (!ScreenRow(&bad)) return false;
  // The entity of the previous row is cleared, not freed: its strings and
  // nested messages keep their memory for this row.
  google::protobuf::Message* entity = nullptr;
  if (record != nullptr) {
    if (static_cast<int>(record->entity_case()) !=
        table_->record_field->number()) {
      record->Clear();
    }
    entity = MutableEntity(record);
    // The Date messages of the previous row, to be set again
    // (SetCellDirectly()) rather than new ones created.
    for (const Column* c : date_columns_) {
      if (v1::Date* date = c->release_date(entity)) {
        spare_dates_.push_back(date);
      }
    }
    entity->Clear();
  }
  // Cells are set through generated accessors, or encoded in the wire
  // format and merged into the entity at once at the end (SetCell()): never
  // through reflection, which looks up every field. Without a record, all
  // of them are encoded, after room for the Record's tag and length.
  wire_.clear();
  const size_t wire_start = record != nullptr ? 0 : kHeadroom;
  wire_.resize(wire_start);
  // Text not converted by iconv (declared UTF-8, or read as UTF-8 from its
  // first text above ASCII) was not checked as a whole: its cells are
  // checked here. Only those that can hold other than ASCII need be: a cell
  // set directly as a number, date, resident ID, phone number, 是/否 or a
  // remembered label (SetCellDirectly()) is ASCII or that label, which is
  // valid. Text, and any cell the general path reads, is checked first.
  const bool check_utf8 = !rows_->TextChecked();
  auto bad_utf8 = [&](size_t i) {
    if (IsValidUtf8(row_.cell(i))) return false;
    Find(line, static_cast<int>(i) + 1, true,
         rows_->encoding() == TextEncoding::kUtf8Bom
             ? "not valid UTF-8 (the file was declared UTF-8 by its byte "
               "order mark)"
             : "not valid UTF-8, as the file's text before it is; save "
               "the file again in one encoding");
    bad = true;
    return true;
  };
  const size_t n = std::min(row_.n, headers_.size());
  for (size_t i = 0; i < n && !bad; ++i) {
    absl::string_view cell = trimmed_[i];
    if (cell.empty()) continue;
    // Undo the CSV-injection guard a writer adds: "'=SUM" -> "=SUM". A
    // cell as read that starts with the quote starts so trimmed, too.
    if (cell[0] == '\'') {
      cell = TrimCell(Unguarded(row_.cell(i)));
      if (cell.empty()) continue;
    }
    const Column* c = columns_[i];
    if (cell[0] == '#' && c != nullptr && IsSpreadsheetError(cell)) {
      // An id that is an error keys nothing: the row is skipped.
      const bool id = static_cast<int>(i) == id_column_;
      Find(line, static_cast<int>(i) + 1, id,
           absl::StrCat("the cell holds the spreadsheet error ", cell,
                        " (a formula that failed), not a value; ",
                        id ? "the row is not imported" : "it is left out",
                        ": correct the formula or type the value"));
      if (id) bad = true;
      continue;
    }
    bool checked = !check_utf8;
    if (!checked &&
        (c == nullptr || entity == nullptr || c->kind == CellKind::kString)) {
      if (bad_utf8(i)) continue;
      checked = true;
    }
    if (c == nullptr) {
      if (blank_header_[i] != 0) {
        Find(line, static_cast<int>(i) + 1, false,
             "a cell under a blank header is not imported");
      }
      continue;
    }
    if (entity != nullptr &&
        SetCellDirectly(*c, cell, entity, &memos_[i], &spare_dates_)) {
      continue;
    }
    if (!checked && bad_utf8(i)) continue;
    CellProblem problem = SetCell(*c, cell, entity, &wire_, &memos_[i]);
    if (!problem.empty()) {
      Find(line, static_cast<int>(i) + 1, !problem.row_kept,
           std::move(problem.why));
      if (!problem.row_kept) bad = true;
    }
  }
  // Dates not set again: the arena's, or ours to free.
  if (!spare_dates_.empty()) {
    if (entity->GetArena() == nullptr) {
      for (v1::Date* date : spare_dates_) delete date;
    }
    spare_dates_.clear();
  }
  // A skipped row leaves what was read of it, as before. The cells are
  // valid UTF-8 here and the wire format is ours: the merge can fail only
  // for a row of more than 2 GiB (CsvReaderOptions::max_row_bytes raised
  // that far), which reflection would have stored. A serialized entity of
  // that size would not parse either: the same error.
  const size_t wire_size = wire_.size() - wire_start;
  if (wire_size > static_cast<size_t>(INT_MAX) - wire_start ||
      (entity != nullptr && wire_size > 0 && !Merge(entity))) {
    if (entity != nullptr) entity->Clear();
    status_ = absl::InternalError(
        absl::StrCat(Where(line), ": the row's cells could not be stored in a ",
                     table_->name, " record (a row over 2 GiB?)"));
    done_ = true;
    return false;
  }
  if (!bad && (static_cast<size_t>(id_column_) >= row_.n ||
               TrimCell(Unguarded(row_.cell(id_column_))).empty())) {
    Find(line, id_column_ + 1, true,
         "the id cell is blank; a merged cell? A spreadsheet exports a "
         "merged cell's value in its first row only");
    bad = true;
  }
  if (bad) {
    ++summary_.rows_skipped;
    return false;
  }
  return true;
}

absl::string_view SubtotalWordOf(absl::string_view cell) {
  // Quick rejection: every word below starts with 合, 小, 总 or 共, or an
  // ASCII or full-width (0xEF...) 's', 't' or 'g'.
  cell = TrimCell(cell);
  if (cell.empty()) return {};
  const auto first = static_cast<unsigned char>(cell[0]);
  if (first >= 0x80) {
    // 合, 小 and 共 start with the byte 0xE5, 总 with 0xE6.
    if (first != 0xE5 && first != 0xE6 && first != 0xEF) return {};
    static constexpr absl::string_view kHe = "合", kXiao = "小", kZong = "总",
                                       kGong = "共";
    if (first != 0xEF && !absl::StartsWith(cell, kHe) &&
        !absl::StartsWith(cell, kXiao) && !absl::StartsWith(cell, kZong) &&
        !absl::StartsWith(cell, kGong)) {
      return {};
    }
  } else {
    const char lower = absl::ascii_tolower(first);
    if (lower != 's' && lower != 't' && lower != 'g') return {};
    // Only "total", "subtotal" or "grandtotal" (and a colon) can follow: an
    // ASCII byte that is neither a letter, a space nor a colon rules the
    // cell out before the copies below (ids such as "g110101-000001").
    for (const char ch : cell) {
      const auto b = static_cast<unsigned char>(ch);
      if (b < 0x80 && !absl::ascii_isalpha(b) && b != ' ' && b != '\t' &&
          b != ':') {
        return {};
      }
    }
  }
  const std::string s = RemoveSpaces(HalfWidth(TrimCell(cell)));
  for (absl::string_view w : {"合计", "小计", "总计", "共计"}) {
    if (absl::StartsWith(s, w)) return w;
  }
  const std::string lower = absl::AsciiStrToLower(s);
  if (lower == "total" || lower == "subtotal" || lower == "grandtotal" ||
      lower == "total:" || lower == "subtotal:") {
    return "total";
  }
  return {};
}

}  // namespace internal
}  // namespace dangjian
