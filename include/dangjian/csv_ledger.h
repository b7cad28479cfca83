// CSV ledgers (台账), in and out: one CSV file per entity type, as county and
// township offices keep them in spreadsheets. Every column is documented in
// docs/ledger-format.md.
//
// Reading copes with what real spreadsheets export: UTF-8 with or without a
// byte order mark, GBK/GB18030 (Excel's plain CSV on Chinese Windows), UTF-16LE
// with a BOM and tabs (Excel's "Unicode text"); RFC 4180 quoting with embedded
// separators, quotes and line breaks; CRLF, LF or CR line ends; ',', ';' or
// tab separators; Chinese or English headers, padded with full-width spaces;
// "code label" cells ("11 建立党委"); amounts as "1,234.50", "¥1234", "￥1234",
// full-width digits, "(1,234.00)" or in 万元. It never guesses: a resident
// ID is kept as written (half-width, without spaces) for the validator to
// judge (one that Excel mangled, "1.10101E+17" or 15 significant digits and
// zeros, is found by member.national_id.excel_mangled), never "corrected"; a
// masked one is left out of its row with a warning; amounts are parsed
// exactly to fen, never through a binary float.
//
// A bad row never stops an import: it is reported as a CsvFinding (file, line,
// column, header, what is wrong; personal data masked) and skipped, and the
// summary counts rows read, imported and skipped. Subtotal rows (合计, 小计)
// are reported and not counted.
#ifndef DANGJIAN_CSV_LEDGER_H_
#define DANGJIAN_CSV_LEDGER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "dangjian/export.h"
#include "dangjian/record_reader.h"
#include "dangjian/string_arg.h"
#include "dangjian/v1/dataset.pb.h"

namespace dangjian {

// The entity types a CSV ledger can hold, one per file.
enum class CsvTable {
  kAuto = 0,  // Reading: from the file name, else from the headers.
  kRegions = 1,
  kGrids = 2,
  kHostOrganizations = 3,
  kPartyOrganizations = 4,
  kVenues = 5,
  kFunding = 6,
  kMembers = 7,
  kActivities = 8,
  // Star assessments (星级评定台账), one row per organization and year, keyed
  // by party_organization_id: StarAssessment records.
  kStarAssessments = 9,
  // Cadres seconded, stationed or cultivated (党务干部台账): CadreAssignment.
  kCadreAssignments = 10,
  // Reserve party-affairs talent (储备人才台账): ReserveTalent.
  kReserveTalent = 11,
  // A unit's results of a year (年度成效台账): HostAnnualResult.
  kHostAnnualResults = 12,
  // A region's economy of a year (区域经济台账): RegionEconomy.
  kRegionEconomies = 13,
};

// The table's file stem and Dataset list name: "host_organizations", ...;
// "auto" for kAuto. Thread-safe.
DANGJIAN_EXPORT absl::string_view CsvTableName(CsvTable table);

// The table whose name (as CsvTableName()), Chinese name (单位, 党组织, 党员,
// ...) or record kind (RecordKindName(): "host_organization",
// "region_economy") is `name`; kAuto when none. Thread-safe.
DANGJIAN_EXPORT CsvTable CsvTableFromName(StringArg name);

// The fields of `record`'s entity that hold data no ledger column (CSV or
// workbook) holds as it is: "member.posts" or "party_organization.committee"
// when a post's or seat's text holds its cell's separators (a post named
// "质检；包装", a holder "张三、李四", a seat with neither name nor member id),
// so that the cell would not read back the same; a field of a later schema
// with no column; the record kind alone when no ledger holds the kind. Empty
// when a ledger holds the record whole (a party organization's nested star
// assessments go to the star ledger). Thread-safe.
DANGJIAN_EXPORT std::vector<std::string> FieldsNoLedgerHolds(
    const v1::Record& record);

// Text encodings of CSV files.
enum class TextEncoding {
  kAuto = 0,        // Detect: BOM, else strict UTF-8, else GB18030.
  kUtf8 = 1,        // UTF-8 without a BOM.
  kUtf8Bom = 2,     // UTF-8 with a BOM (Excel's "CSV UTF-8").
  kGb18030 = 3,     // GB18030, a superset of GBK and GB2312.
  kUtf16LeBom = 4,  // UTF-16LE with a BOM (Excel's "Unicode text", tabs).
  kUtf16BeBom = 5,  // UTF-16BE with a BOM.
};

// "UTF-8", "UTF-8 with BOM", "GB18030", ... Thread-safe.
DANGJIAN_EXPORT absl::string_view TextEncodingName(TextEncoding encoding);

// The unit of an amount column.
enum class AmountUnit {
  kYuan = 0,     // 元: at most 2 decimals (fen).
  kWanYuan = 1,  // 万元: at most 6 decimals (1 万元 = 1,000,000 fen).
};

// Parses an amount written as a spreadsheet shows it into fen, exactly (no
// binary float): optional "¥"/"￥" or a trailing "元" (万元 columns: "万元"
// or "万"), thousands separators in groups of three, full-width digits and
// punctuation, a leading '-' or parentheses for a negative.
//
// Example:
//   ParseAmountFen("￥1,234.50", AmountUnit::kYuan) == 123450
//   ParseAmountFen("(1,234.00)", AmountUnit::kYuan) == -123400
//   ParseAmountFen("12.5万元", AmountUnit::kWanYuan) == 12500000
//
// Returns the fen, or InvalidArgument saying what is wrong (a fraction of a
// fen, scientific notation, misplaced separators, out of int64 range, not a
// number). Thread-safe.
DANGJIAN_EXPORT absl::StatusOr<int64_t> ParseAmountFen(StringArg text,
                                                       AmountUnit unit);

// Options for reading a CSV ledger.
struct CsvReaderOptions {
  // The entity type. kAuto takes it from the file name's stem (e.g.
  // "members.csv", "党员.csv") or else from the headers (the table most of
  // whose columns are present).
  // Default: kAuto.
  CsvTable table = CsvTable::kAuto;
  // The encoding; kAuto detects it (BOM, strict UTF-8, GB18030) and
  // summary().encoding says which was found. The input is read once, so a
  // pipe, a FIFO or standard input reads as the same file would. Without a
  // BOM, text up to the first byte above 0x7F is ASCII (alike in UTF-8 and
  // GB18030); the megabyte from there decides: well-formed UTF-8 is read as
  // UTF-8, any other bytes as GB18030. In a file read as UTF-8, a later row
  // that is not UTF-8 is skipped with a finding at its line.
  // Default: kAuto.
  TextEncoding encoding = TextEncoding::kAuto;
  // The separator: ',', ';' or '\t'; 0 detects it from the header line (the
  // most frequent of the three outside quotes).
  // Default: 0.
  char separator = 0;
  // A row (with its quoted line breaks) longer than this stops reading with
  // ResourceExhausted: a file with an unbalanced quote would otherwise be read
  // as one huge cell.
  // Default: 1 MiB.
  int64_t max_row_bytes = int64_t{1} << 20;
  // Findings kept in findings(); later ones are only counted in
  // summary().findings_dropped.
  // Default: 100000.
  int64_t max_findings = 100000;
};

// One problem found in a CSV file. No personal data appears whole in it.
struct CsvFinding {
  std::string file;
  // 1-based line where the row starts (in a workbook: the sheet's row
  // number); 0 for the file or sheet as a whole.
  int64_t line = 0;
  // 1-based column; 0 for the whole row.
  int column = 0;
  // The column's header as written in the file; empty for the whole row.
  std::string header;
  // What is wrong and, where it helps, how to fix it.
  std::string message;
  // True when a row of data was not imported because of it; false for a
  // subtotal row (IsSubtotalRow()), which holds no data.
  bool row_skipped = false;
  // The worksheet, for a row of an Excel workbook; empty for a CSV file.
  std::string sheet;
};

// How the message of a subtotal row's finding begins ("a subtotal row (合计):
// not imported and not counted").
inline constexpr absl::string_view kSubtotalRowMessage = "a subtotal row (";

// Whether `f` reports a subtotal row, no fault: a row with 合计, 小计, 总计,
// 共计 or total (and the like) in its id cell, or in any cell when its id cell
// is blank. Such a row is not imported, is counted in
// CsvImportSummary::subtotal_rows and has `row_skipped` false. Thread-safe.
inline bool IsSubtotalRow(const CsvFinding& f) {
  return !f.row_skipped && absl::StartsWith(f.message, kSubtotalRowMessage);
}

// What an import did.
struct CsvImportSummary {
  // The encoding read (detected or given) and the separator.
  TextEncoding encoding = TextEncoding::kAuto;
  char separator = ',';
  // The table read.
  CsvTable table = CsvTable::kAuto;
  // Data rows read (the header row, blank lines and rows of empty cells not
  // counted): rows_imported + rows_skipped + subtotal_rows.
  int64_t rows_read = 0;
  int64_t rows_imported = 0;
  int64_t rows_skipped = 0;
  // Subtotal rows (合计, 小计, 总计, 共计): reported, not imported.
  int64_t subtotal_rows = 0;
  int64_t blank_lines = 0;
  // Findings beyond CsvReaderOptions::max_findings.
  int64_t findings_dropped = 0;
};

// Reads a CSV ledger of one entity type, one record per good row.
//
// Example:
//   auto reader = dangjian::CsvLedgerReader::Open("单位.csv");
//   if (!reader.ok()) return reader.status();   // unreadable, bad header row
//   dangjian::v1::Record r;
//   while ((*reader)->Next(&r)) AddRecordToDataset(r, &dataset).IgnoreError();
//   for (const auto& f : (*reader)->findings())
//     std::cerr << f.file << ":" << f.line << ": " << f.header << ": "
//               << f.message << "\n";
//   const auto& s = (*reader)->summary();  // rows read / imported / skipped
//
// Open() fails when the file cannot be imported at all: NotFound or
// Unavailable when it cannot be opened; InvalidArgument for no header row, no
// id column, two columns for one field, a table that cannot be told from the
// name or headers, a bad option; DataLoss when the header's bytes do not
// decode in the encoding. Rows with
// problems are findings, not failures; status() is non-OK only when reading
// itself failed (I/O, undecodable bytes in the middle, an overlong row).
//
// Not thread-safe; non-copyable.
class DANGJIAN_EXPORT CsvLedgerReader : public RecordReader {
 public:
  // Opens `path` and reads its header row.
  static absl::StatusOr<std::unique_ptr<CsvLedgerReader>> Open(
      StringArg path, const CsvReaderOptions& options = {});
  // Reads CSV bytes held in memory; `name` stands for the file (and its stem
  // for the table). REQUIRES: `data` outlives the reader.
  static absl::StatusOr<std::unique_ptr<CsvLedgerReader>> FromBuffer(
      StringArg data, StringArg name, const CsvReaderOptions& options = {});

  ~CsvLedgerReader() override;

  // Counts so far; final once Next() has returned false.
  virtual const CsvImportSummary& summary() const = 0;
  // Every finding so far, in file order.
  virtual const std::vector<CsvFinding>& findings() const = 0;

  // As Next(), but delivers the row's record as the bytes of a serialized
  // v1::Record (the entity's oneof field: its tag, length and the entity's
  // wire format) without building a v1::Record: what record.SerializeAsString()
  // would give for the record Next() would have returned, up to field order
  // and zero values written out, so that the bytes parse (ParseFromString())
  // to a message equal to it. The same rows are imported or skipped, with the
  // same findings, summary(), location() and status(). `*bytes` points into
  // the reader's buffer and is valid until the next call of Next() or
  // NextSerialized() or the reader's destruction. For a consumer that decodes
  // what it needs itself, such as Aggregator::AddSerialized(). Next() and
  // NextSerialized() may be mixed.
  //
  // Example:
  //   absl::string_view bytes;
  //   while ((*reader)->NextSerialized(&bytes)) {
  //     if (auto s = (*aggregator)->AddSerialized(bytes); !s.ok()) return s;
  //   }
  //   // findings(), summary() and status() as after Next().
  //
  // REQUIRES: bytes != nullptr.
  // (Declared after the other virtuals, which keep their slots.)
  virtual bool NextSerialized(absl::string_view* bytes) = 0;

 protected:
  CsvLedgerReader() = default;
};

// One sheet of a workbook, as WorkbookLedgerReader read it.
struct WorkbookSheet {
  // The sheet's name, as the workbook gives it (党员, Sheet1, ...).
  std::string name;
  // Its counts, as a CSV ledger's: the table read (kAuto when the sheet was
  // not read: empty, or not a ledger table; a finding then says why), rows
  // read, imported, skipped. encoding is kUtf8 and separator ','.
  CsvImportSummary summary;
};

// Reads an Excel workbook (.xlsx, Office Open XML) of ledgers: each sheet one
// table, with the columns, labels, amounts and habits of CSV ledgers
// (docs/ledger-format.md), sheets read one after another in the workbook's
// order. A sheet's table comes from CsvReaderOptions::table when set, else
// from the sheet's name (党员, members, 单位台账, ...), else, for a workbook of
// one sheet, from the file's name, else from its headers. Rows above the
// header that hold one cell naming no column (a title, merged across the
// columns) are passed over; subtotal rows are reported and not counted.
//
// Cells are read as Excel stores them: shared and inline strings, numbers
// as a cell of the General format shows them (12345, not "12345.0"; 15
// significant digits; from 10^15 on six in scientific form, so that an ID
// typed as a number reads "1.10101E+17" and is found by
// member.national_id.excel_mangled), dates stored as serial numbers in a cell
// with a date format (1900 and 1904 date systems), TRUE/FALSE, a formula's
// saved value, _xHHHH_ escapes; a spreadsheet error (#N/A, #REF!, ...) is
// left out of its row with a finding (in the id column, the row is skipped).
//
// Each finding names the sheet (CsvFinding::sheet) and its row and column
// as Excel numbers them; a sheet's name is masked like any text
// (MaskPersonalData()). The workbook is read in bounded memory: a sheet is
// parsed as it is inflated (libzip, expat), one row at a time, a row's cells
// at most CsvReaderOptions::max_row_bytes; the shared string table is held
// (one copy of each distinct text, at most 1 GiB). A FIFO or pipe is read
// once, into memory (a zip archive is read from its end). Excel's and WPS's
// owner files (~$name.xlsx) are not workbooks: folders pass over them.
//
// Example:
//   auto reader = dangjian::WorkbookLedgerReader::Open("县台账.xlsx");
//   if (!reader.ok()) return reader.status();  // not a workbook, no ledger
//   dangjian::v1::Record r;
//   while ((*reader)->Next(&r)) Use(r, (*reader)->location());  // .sheet()
//   for (const auto& f : (*reader)->findings())
//     std::cerr << f.file << ":" << f.sheet << "!" << f.line << ": "
//               << f.header << ": " << f.message << "\n";
//
// Open() fails with NotFound or Unavailable when the file cannot be opened,
// InvalidArgument when it is not an .xlsx workbook (an Excel 97-2003 .xls or
// a password-protected workbook, not a zip archive, a part missing, the
// workbook's own parts not well-formed), ResourceExhausted for shared
// strings over 1 GiB. status() is then DataLoss when a sheet's part is
// damaged (a CRC error, XML not well-formed or cut short, a shared string
// that is not in the table), ResourceExhausted for a row over max_row_bytes,
// and InvalidArgument at the end when no sheet is a ledger table. A sheet
// whose table is known (by its name, the option or its headers) that cannot
// be read (no id column, two columns for one field) is a finding that kept
// its rows out (row_skipped); another sheet that is no ledger (notes) a
// finding that did not.
//
// Not thread-safe; non-copyable.
class DANGJIAN_EXPORT WorkbookLedgerReader : public RecordReader {
 public:
  // Opens the workbook at `path` and reads its sheet list, shared strings
  // and styles. CsvReaderOptions's table and max_findings apply (table: to
  // every sheet); its encoding, separator and max_row_bytes do not.
  static absl::StatusOr<std::unique_ptr<WorkbookLedgerReader>> Open(
      StringArg path, const CsvReaderOptions& options = {});
  // Reads a workbook held in memory; `name` stands for the file. REQUIRES:
  // `data` outlives the reader.
  static absl::StatusOr<std::unique_ptr<WorkbookLedgerReader>> FromBuffer(
      StringArg data, StringArg name, const CsvReaderOptions& options = {});

  ~WorkbookLedgerReader() override;

  // The sheets started so far, in the workbook's order; all of them once
  // Next() has returned false.
  virtual const std::vector<WorkbookSheet>& sheets() const = 0;
  // The counts of every sheet read, added up (table: the last sheet's).
  virtual CsvImportSummary summary() const = 0;
  // Every finding so far, sheet by sheet, in row order.
  virtual const std::vector<CsvFinding>& findings() const = 0;

 protected:
  WorkbookLedgerReader() = default;
};

// Options for writing a CSV ledger.
struct CsvWriterOptions {
  // The entity type written; records of other types are refused.
  // Default: kAuto, which Create() refuses: set it.
  CsvTable table = CsvTable::kAuto;
  // Chinese headers (单位名称) or English ones (name).
  // Default: true.
  bool chinese_headers = true;
  // Write UTF-8 with a BOM, as Excel needs to recognise UTF-8.
  // Default: true.
  bool utf8_bom = true;
  // The separator.
  // Default: ','.
  char separator = ',';
  // Write resident IDs and phone numbers whole. Without it they are masked
  // (110105********002X, *******8000) and cannot be imported back.
  // Default: false.
  bool full_fidelity = false;
};

// Writes a CSV ledger of one entity type: a header row, then one row per
// record, with CRLF line ends and RFC 4180 quoting. A cell that begins with
// '=', '+', '-', '@', a tab or CR gets a leading "'" so that a spreadsheet does
// not run it as a formula (CsvLedgerReader removes it again). Amounts are
// written in yuan with two decimals, dates as 2014-08-14, flags as 是/否, enums
// by their Chinese label. With full_fidelity, what CsvLedgerReader reads back
// equals what was written, for every field the table has a column for (fields
// without a column, e.g. Member.roles, are not in CSV ledgers).
//
// Not thread-safe; non-copyable.
class DANGJIAN_EXPORT CsvLedgerWriter : public RecordWriter {
 public:
  // Creates `path` (by way of "<path>.tmp") and writes the header row.
  // Returns the writer, InvalidArgument for kAuto or a bad separator, or
  // Unavailable.
  static absl::StatusOr<std::unique_ptr<CsvLedgerWriter>> Create(
      StringArg path, const CsvWriterOptions& options);
  // Writes to `*out`. REQUIRES: out != nullptr and outlives the writer.
  static absl::StatusOr<std::unique_ptr<CsvLedgerWriter>> ToString(
      std::string* out, const CsvWriterOptions& options);

  ~CsvLedgerWriter() override;

 protected:
  CsvLedgerWriter() = default;
};

// Options of WorkbookLedgerWriter::Create().
struct WorkbookWriterOptions {
  // Chinese sheet names and headers (党员, 单位名称) or English ones.
  // Default: true.
  bool chinese_headers = true;
  // Write resident IDs and phone numbers whole, as CsvWriterOptions.
  // Default: false.
  bool full_fidelity = false;
};

// Writes ledgers as one Excel workbook (.xlsx, with libxlsxwriter): a sheet
// per table, named as the table (党员, 单位, ...; English names with English
// headers), in the order of each table's first record; a header row, frozen,
// then a row per record with the cells a CsvLedgerWriter writes (dates as
// 2014-08-14, flags as 是/否, enums by label, amounts in yuan), integers as
// numbers and the rest as text, so that ids, codes and phone numbers never
// become numbers. A party organization's nested star assessments go to the
// star sheet, a row each naming it (those of a second record of an id are
// left out). WorkbookLedgerReader reads back what was written; with
// full_fidelity, the same records. Rows go to disk as written (libxlsxwriter's
// constant-memory mode): memory stays bounded whatever the count. The file
// is written as "<path>.tmp" and renamed into place by Close(); a writer
// destroyed unclosed leaves nothing.
//
// Write() writes a record without the fields no ledger cell holds as they
// are (FieldsNoLedgerHolds(): the whole posts, seats or roles cell when one
// value would not read back the same); returns
// NotFound for a record with no entity, writing nothing; InvalidArgument for a
// field that is not UTF-8; ResourceExhausted past Excel's 1,048,575 rows in a
// sheet. Not thread-safe; non-copyable.
class DANGJIAN_EXPORT WorkbookLedgerWriter : public RecordWriter {
 public:
  // Creates `path` (by way of "<path>.tmp"). Returns the writer, or
  // Unavailable when the file cannot be created.
  static absl::StatusOr<std::unique_ptr<WorkbookLedgerWriter>> Create(
      StringArg path, const WorkbookWriterOptions& options = {});

  ~WorkbookLedgerWriter() override;

 protected:
  WorkbookLedgerWriter() = default;
};

// Writes each non-empty entity list of `dataset` that has a CSV table to
// "<directory>/<table>.csv" (host_organizations.csv, members.csv, ...), with
// `options` (its `table` ignored). star_assessments.csv gets the star
// assessments nested in party organizations (party_organization_id set to
// the organization's id; also those of a second organization with the same
// id, which then count for the first) and then Dataset.star_assessments.
// Every entity list has a table; the fields no ledger cell holds as they are
// (FieldsNoLedgerHolds(): the whole posts, seats or roles cell when one
// value would not read back the same) are not written: use a record stream
// to keep them.
// Returns OK or the first error: NotFound when `directory` is not an existing
// directory, else as CsvLedgerWriter's Create(), Write() and Close() (a file
// already written stays). Thread-safe for different directories.
DANGJIAN_EXPORT absl::Status WriteCsvLedgers(const v1::Dataset& dataset,
                                             StringArg directory,
                                             const CsvWriterOptions& options);

}  // namespace dangjian

#endif  // DANGJIAN_CSV_LEDGER_H_
