// Ledger rows into records (internal): the one home of what a ledger's header
// and cells mean, whatever holds them. A CSV file (csv_reader.cc) and an Excel
// workbook's sheet (xlsx_reader.cc) are both sources of rows of cells; the
// importer here finds the header row, matches its columns to a table
// (csv_columns.h), and turns each data row into a record, or into findings
// located by file, sheet, row and column.
#ifndef DANGJIAN_SRC_IO_LEDGER_IMPORT_H_
#define DANGJIAN_SRC_IO_LEDGER_IMPORT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "dangjian/csv_ledger.h"
#include "dangjian/v1/common.pb.h"
#include "dangjian/v1/dataset.pb.h"
#include "io/csv_columns.h"

namespace dangjian {
namespace internal {

// A row's cells, one after another in `text` with one ASCII byte between two
// (the separator, or ','): the text is valid UTF-8, or free of control
// characters, exactly when every cell is, so that one pass over it tells for
// the whole row. `text` is where the row lies in the source's text, or
// `buffer` when it had to be copied; valid until the next row is read.
struct Row {
  absl::string_view text;
  std::string buffer;
  std::vector<size_t> ends;  // Where each cell ends in `text`.
  size_t n = 0;              // Cells: ends.size().
  // 1-based: the line where the row starts in a CSV file; the row number in a
  // sheet.
  int64_t line = 0;
  bool unterminated = false;
  // False only when the source saw that `text` has no byte below 0x20 but
  // tabs; true when it may have one (HasControlCharacter() then tells).
  bool maybe_control = true;

  absl::string_view cell(size_t i) const {
    const size_t begin = i == 0 ? 0 : ends[i - 1] + 1;
    return absl::string_view(text.data() + begin, ends[i] - begin);
  }
};

// Where rows come from: a CSV parser, a sheet of a workbook.
class RowSource {
 public:
  virtual ~RowSource() = default;
  // Reads the next row into `*row`; false at the end or on an error
  // (status()).
  virtual bool NextRow(Row* row) = 0;
  virtual absl::Status status() const = 0;
  // True when the cells are known to be valid UTF-8 (converted by iconv,
  // parsed from XML); false while each must be checked. May change as the
  // source reads on (a CSV file's encoding is decided at its first byte above
  // ASCII).
  virtual bool TextChecked() const = 0;
  // The encoding read, for the message on a cell that is not UTF-8.
  virtual TextEncoding encoding() const { return TextEncoding::kUtf8; }
};

// True when `text` has a byte below 0x20 other than tab, CR and LF.
bool HasControlCharacter(absl::string_view text);

// The file name of `path` without its folder and extension.
absl::string_view Stem(absl::string_view path);

// The table a file stem or sheet name ends with the name of (单位, members,
// ...), the longest such; kAuto when none.
CsvTable TableFromStem(absl::string_view stem);

// What a ledger reader (a CSV file's, a workbook's) found: its findings, the
// rows it skipped, the reader's class name for messages. For any other
// reader, findings is null.
struct LedgerReaderFindings {
  const std::vector<CsvFinding>* findings = nullptr;
  int64_t rows_skipped = 0;
  absl::string_view reader_name;
  // The CSV file's table; for a workbook, each sheet's is in book->sheets().
  CsvTable table = CsvTable::kAuto;
  const WorkbookLedgerReader* book = nullptr;
};
LedgerReaderFindings LedgerFindingsOf(const RecordReader& reader);

// How the importer judges a source's text.
struct LedgerSourceTraits {
  // The file, as findings and locations name it.
  std::string file;
  // The worksheet, for a workbook; empty for a CSV file.
  std::string sheet;
  // The table when the caller knows it (options, the file's or the sheet's
  // name); kAuto: from the headers.
  CsvTable table = CsvTable::kAuto;
};

// Turns the rows of one source into records of one table. Findings go to a
// list the caller owns (a workbook's sheets share one), at most
// `max_findings` in it; the rest are counted in `summary`'s findings_dropped.
// The counts go to `*summary`, the caller's, whose table the importer sets.
// Not thread-safe.
class LedgerImporter {
 public:
  LedgerImporter(RowSource* rows, LedgerSourceTraits traits,
                 int64_t max_findings, std::vector<CsvFinding>* findings,
                 CsvImportSummary* summary);

  // Reads up to the header row (past blank lines and title rows: a row of one
  // cell that names no column) and matches its columns. Fails when the
  // source cannot be imported at all (see CsvLedgerReader::Open()).
  absl::Status ReadHeader();

  // Reads rows up to the next one imported, into `*record` or, with a null
  // `record`, into serialized() as the wire format of the Record; false at
  // the end or on an error (status()).
  bool Next(v1::Record* record);
  // The Record of the row last read by Next(nullptr). Valid until the next
  // call.
  absl::string_view serialized() const { return serialized_; }

  const v1::SourceLocation& location() const { return location_; }
  const absl::Status& status() const { return status_; }
  const Table* table() const { return table_; }
  // True once ReadHeader() has seen a row that is not blank.
  bool saw_content() const { return saw_content_; }

 private:
  // Room for a Record's tag (at most 5 bytes) and the entity's length (at
  // most 10) before the entity's bytes in wire_, for Next(nullptr).
  static constexpr size_t kHeadroom = 16;

  // "file:line", or "file:sheet!row" for a workbook's sheet.
  std::string Where(int64_t line) const;
  void Find(int64_t line, int column, bool skipped, std::string message);
  bool IsBlank() const;
  bool IsTitle() const;
  google::protobuf::Message* MutableEntity(v1::Record* record) const;
  bool Merge(google::protobuf::Message* entity) const;
  bool BuildRecord(v1::Record* record);
  // The checks of the row before its cells are read: false when it is not
  // imported (a quote never closed, counted as skipped; a subtotal row,
  // reported as one); else true, with `*row_bad` set when the row is read
  // but skipped (more cells than headers, a control character), each
  // reported.
  bool ScreenRow(bool* row_bad);

  RowSource* rows_;
  LedgerSourceTraits traits_;
  int64_t max_findings_;
  std::vector<CsvFinding>* findings_;
  const Table* table_ = nullptr;
  std::vector<std::string> headers_;
  std::vector<const Column*> columns_;
  std::vector<CellMemo> memos_;  // By column.
  // The columns of date fields set through accessors (Column::release_date).
  std::vector<const Column*> date_columns_;
  SpareDates spare_dates_;  // Empty between rows.
  // By column: 1 under a blank header (one lookup per cell: a list of them
  // searched per cell took quadratic time in the columns).
  std::vector<char> blank_header_;
  int id_column_ = -1;
  Row row_;
  std::vector<absl::string_view> trimmed_;  // The row's cells, TrimCell()ed.
  WireBuffer wire_;  // The row's cells in the wire format; reused.
  absl::string_view serialized_;
  v1::SourceLocation location_;
  CsvImportSummary& summary_;
  absl::Status status_;
  bool done_ = false;
  bool saw_content_ = false;
};

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_IO_LEDGER_IMPORT_H_
