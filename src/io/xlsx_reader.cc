// Excel workbooks (.xlsx) of ledgers: libzip opens the archive and inflates
// each part as it is read, expat parses the XML as it comes; the rows go to
// the ledger importer (ledger_import.h), which gives them their meaning.

#include <expat.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "dangjian/csv_ledger.h"
#include "dangjian/personal_data.h"
#include "io/ledger_import.h"
#include "io/xlsx_cells.h"

namespace dangjian {

WorkbookLedgerReader::~WorkbookLedgerReader() = default;

namespace internal {
namespace {

// An element's or attribute's local name: "x:c" -> "c". The parts of a
// workbook use fixed namespaces, mostly as the default one, some writers
// with a prefix; expat's namespace processing would cost a third of the
// parse, for names that are known.
absl::string_view Local(const XML_Char* name) {
  const char* colon = nullptr;
  const char* p = name;
  for (; *p != '\0'; ++p) {
    if (*p == ':') colon = p;
  }
  if (colon == nullptr) return absl::string_view(name, p - name);
  return absl::string_view(colon + 1, p - colon - 1);
}

// The value of the attribute whose local name is `local`, or null.
const XML_Char* Attr(const XML_Char** attrs, absl::string_view local) {
  for (int i = 0; attrs[i] != nullptr; i += 2) {
    if (Local(attrs[i]) == local) return attrs[i + 1];
  }
  return nullptr;
}

// Errors a spreadsheet stores as a cell's value (t="e").
bool IsXmlErrorCell(absl::string_view t) { return t == "e"; }

// An archive's part, inflated as it is read.
class ZipPart {
 public:
  ZipPart(zip_t* archive, std::string name) : name_(std::move(name)) {
    file_ = zip_fopen(archive, name_.c_str(), 0);
    if (file_ == nullptr) {
      status_ = absl::InvalidArgumentError(absl::StrCat(
          "part ", name_,
          " cannot be opened: ", zip_error_strerror(zip_get_error(archive))));
    }
  }
  ~ZipPart() {
    if (file_ != nullptr) zip_fclose(file_);
  }
  ZipPart(const ZipPart&) = delete;
  ZipPart& operator=(const ZipPart&) = delete;

  // Reads up to `n` bytes into `buf`; 0 at the end or on an error.
  size_t Read(char* buf, size_t n) {
    if (file_ == nullptr) return 0;
    const zip_int64_t got = zip_fread(file_, buf, n);
    if (got < 0) {
      status_ = absl::DataLossError(absl::StrCat(
          "part ", name_,
          " is damaged: ", zip_error_strerror(zip_file_get_error(file_))));
      return 0;
    }
    return static_cast<size_t>(got);
  }
  const absl::Status& status() const { return status_; }

 private:
  std::string name_;
  zip_file_t* file_ = nullptr;
  absl::Status status_;
};

// An expat parser over one part, with handlers of a class `H` having
// Start(local, attrs), End(local) and Text(s, len).
template <typename H>
class XmlReader {
 public:
  XmlReader(zip_t* archive, std::string part, H* handler)
      : part_name_(part), part_(archive, std::move(part)), handler_(handler) {
    parser_ = XML_ParserCreate(nullptr);
    XML_SetUserData(parser_, handler_);
    XML_SetElementHandler(
        parser_,
        [](void* h, const XML_Char* name, const XML_Char** attrs) {
          static_cast<H*>(h)->Start(Local(name), attrs);
        },
        [](void* h, const XML_Char* name) {
          static_cast<H*>(h)->End(Local(name));
        });
    XML_SetCharacterDataHandler(parser_,
                                [](void* h, const XML_Char* s, int len) {
                                  static_cast<H*>(h)->Text(s, len);
                                });
  }
  ~XmlReader() { XML_ParserFree(parser_); }
  XmlReader(const XmlReader&) = delete;
  XmlReader& operator=(const XmlReader&) = delete;

  // Parses the next piece of the part; false at the end or on an error
  // (status()).
  bool Step() {
    if (done_) return false;
    XML_Status parsed;
    if (suspended_) {
      suspended_ = false;
      parsed = XML_ResumeParser(parser_);
    } else {
      if (!part_.status().ok()) {
        Fail(part_.status());
        return false;
      }
      const size_t n = part_.Read(buf_, sizeof(buf_));
      if (!part_.status().ok()) {
        Fail(part_.status());
        return false;
      }
      final_ = n == 0;
      parsed = XML_Parse(parser_, buf_, static_cast<int>(n), final_ ? 1 : 0);
    }
    if (parsed == XML_STATUS_SUSPENDED && status_.ok()) {
      suspended_ = true;  // By Suspend(): the rest of buf_ comes next.
      return true;
    }
    if (parsed == XML_STATUS_ERROR && status_.ok()) {
      Fail(absl::DataLossError(
          absl::StrCat("part ", part_name_, " is not well-formed XML at line ",
                       XML_GetCurrentLineNumber(parser_), ": ",
                       XML_ErrorString(XML_GetErrorCode(parser_)))));
      return false;
    }
    if (!status_.ok()) return false;
    if (final_) done_ = true;
    return !final_;
  }
  // Pauses parsing after the current callback (from a handler): the next
  // Step() resumes where it stopped. What keeps one row at a time in memory.
  void Suspend() {
    if (!done_) XML_StopParser(parser_, XML_TRUE);
  }
  // Parses the whole part.
  absl::Status ReadAll() {
    while (Step()) {
    }
    return status_;
  }
  const absl::Status& status() const { return status_; }
  // Stops parsing at once, with `s` (from a handler too: no callback
  // follows).
  void Fail(absl::Status s) {
    if (status_.ok()) status_ = std::move(s);
    if (!done_) XML_StopParser(parser_, XML_FALSE);
    done_ = true;
  }

 private:
  std::string part_name_;
  ZipPart part_;
  H* handler_;
  XML_Parser parser_;
  char buf_[1 << 16];
  absl::Status status_;
  bool done_ = false;
  bool suspended_ = false;
  bool final_ = false;  // The last (empty) piece was given to expat.
};

// The parts a workbook's relationships name: Id -> target, resolved against
// the folder of the part they belong to.
struct Relationships {
  absl::flat_hash_map<std::string, std::string> targets;
  std::string shared_strings;
  std::string styles;
  std::string dir;  // "xl/"

  void Start(absl::string_view local, const XML_Char** attrs) {
    if (local != "Relationship") return;
    const XML_Char* id = Attr(attrs, "Id");
    const XML_Char* target = Attr(attrs, "Target");
    const XML_Char* type = Attr(attrs, "Type");
    if (id == nullptr || target == nullptr) return;
    std::string path = target;
    if (!path.empty() && path[0] == '/') {
      path.erase(0, 1);
    } else {
      path = dir + path;
    }
    const absl::string_view t = type != nullptr ? type : "";
    if (absl::EndsWith(t, "/sharedStrings")) shared_strings = path;
    if (absl::EndsWith(t, "/styles")) styles = path;
    targets[id] = std::move(path);
  }
  void End(absl::string_view) {}
  void Text(const XML_Char*, int) {}
};

// xl/workbook.xml: the sheets, in order, and the date system.
struct WorkbookPart {
  struct Sheet {
    std::string name;
    std::string rid;
  };
  std::vector<Sheet> sheets;
  bool date1904 = false;

  void Start(absl::string_view local, const XML_Char** attrs) {
    if (local == "sheet") {
      const XML_Char* name = Attr(attrs, "name");
      const XML_Char* rid = Attr(attrs, "id");
      sheets.push_back({name != nullptr ? name : "", rid ? rid : ""});
    } else if (local == "workbookPr") {
      const XML_Char* v = Attr(attrs, "date1904");
      date1904 = v != nullptr && (absl::string_view(v) == "1" ||
                                  absl::string_view(v) == "true");
    }
  }
  void End(absl::string_view) {}
  void Text(const XML_Char*, int) {}
};

// xl/sharedStrings.xml: every distinct text of the workbook, in one buffer.
// The text of a string item is its <t>, or its runs' <t>s; phonetic runs
// (<rPh>) are not part of it.
struct SharedStrings {
  std::string text;
  std::vector<size_t> ends;
  int depth_in_t = 0;
  int depth_in_rph = 0;
  std::string current;
  uint64_t limit = uint64_t{1} << 30;
  bool over = false;

  absl::string_view at(size_t i) const {
    const size_t begin = i == 0 ? 0 : ends[i - 1];
    return absl::string_view(text).substr(begin, ends[i] - begin);
  }
  void Start(absl::string_view local, const XML_Char**) {
    if (local == "si") current.clear();
    if (local == "t") ++depth_in_t;
    if (local == "rPh") ++depth_in_rph;
  }
  void End(absl::string_view local) {
    if (local == "t") --depth_in_t;
    if (local == "rPh") --depth_in_rph;
    if (local == "si" && !over) {
      DecodeEscapes(&current);
      text.append(current);
      ends.push_back(text.size());
      if (text.size() + ends.size() * sizeof(size_t) > limit) {
        over = true;  // Refused on opening; held no further.
        std::string().swap(text);
        std::vector<size_t>().swap(ends);
      }
    }
  }
  void Text(const XML_Char* s, int len) {
    if (over || depth_in_t == 0 || depth_in_rph > 0) return;
    current.append(s, len);
    // The table, its offsets and the item being read, within the limit.
    if (text.size() + current.size() + ends.size() * sizeof(size_t) > limit) {
      over = true;  // Refused on opening; held no further.
      std::string().swap(text);
      std::string().swap(current);
      std::vector<size_t>().swap(ends);
    }
  }
};

// xl/styles.xml: which cell formats (<cellXfs><xf>) show dates.
struct Styles {
  // Excel holds at most 64,000 cell formats; more are a hostile file's (the
  // rest read as General).
  static constexpr size_t kMaxFormats = 65536;
  absl::flat_hash_map<int, std::string> custom;  // numFmtId -> formatCode
  std::vector<int> xf_format;                    // By style index.
  std::vector<bool> is_date;
  int in_cell_xfs = 0;

  void Start(absl::string_view local, const XML_Char** attrs) {
    if (local == "numFmt") {
      const XML_Char* id = Attr(attrs, "numFmtId");
      const XML_Char* code = Attr(attrs, "formatCode");
      int n;
      if (id != nullptr && code != nullptr && absl::SimpleAtoi(id, &n) &&
          custom.size() < kMaxFormats) {
        custom[n] = code;
      }
    } else if (local == "cellXfs") {
      ++in_cell_xfs;
    } else if (local == "xf" && in_cell_xfs > 0 &&
               xf_format.size() < kMaxFormats) {
      const XML_Char* id = Attr(attrs, "numFmtId");
      int n = 0;
      if (id == nullptr || !absl::SimpleAtoi(id, &n)) n = 0;
      xf_format.push_back(n);
    }
  }
  void End(absl::string_view local) {
    if (local == "cellXfs") --in_cell_xfs;
  }
  void Text(const XML_Char*, int) {}

  void Finish() {
    is_date.resize(xf_format.size());
    for (size_t i = 0; i < xf_format.size(); ++i) {
      auto it = custom.find(xf_format[i]);
      is_date[i] =
          IsDateFormat(xf_format[i], it != custom.end() ? it->second : "");
    }
  }
  bool IsDate(int style) const {
    return style >= 0 && static_cast<size_t>(style) < is_date.size() &&
           is_date[style];
  }
};

// The rows of one worksheet, parsed as the part is inflated.
class SheetRows final : public RowSource {
 public:
  SheetRows(zip_t* archive, std::string part, const SharedStrings* strings,
            const Styles* styles, bool date1904, int64_t max_row_bytes)
      : strings_(strings),
        styles_(styles),
        date1904_(date1904),
        max_row_bytes_(
            static_cast<size_t>(std::max<int64_t>(max_row_bytes, 1))),
        xml_(archive, std::move(part), this) {}

  bool NextRow(Row* row) override {
    while (ready_.empty()) {
      if (!xml_.Step()) {
        if (!ready_.empty()) break;
        return false;
      }
    }
    PendingRow& p = ready_.front();
    row->buffer.clear();
    row->ends.clear();
    for (size_t i = 0; i < p.cells.size(); ++i) {
      if (i > 0) row->buffer.push_back(',');
      row->buffer.append(p.cells[i]);
      row->ends.push_back(row->buffer.size());
    }
    row->text = row->buffer;
    row->n = row->ends.size();
    row->line = p.number;
    row->unterminated = false;
    row->maybe_control = true;
    spare_.push_back(std::move(p.cells));
    ready_.pop_front();
    return true;
  }
  absl::Status status() const override { return xml_.status(); }
  bool TextChecked() const override { return true; }  // Expat's UTF-8.

  // The expat handlers.
  void Start(absl::string_view local, const XML_Char** attrs) {
    if (local == "row") {
      const XML_Char* r = Attr(attrs, "r");
      int64_t n = 0;
      row_number_ = r != nullptr && absl::SimpleAtoi(r, &n) && n > 0
                        ? n
                        : row_number_ + 1;
      cells_.clear();
      if (!spare_.empty()) {
        cells_.swap(spare_.back());
        spare_.pop_back();
        cells_.clear();
      }
      next_column_ = 0;
      in_row_ = true;
    } else if (local == "c" && in_row_) {
      const XML_Char* r = Attr(attrs, "r");
      const XML_Char* t = Attr(attrs, "t");
      const XML_Char* s = Attr(attrs, "s");
      column_ = r != nullptr ? ColumnOfReference(r) : next_column_;
      if (column_ < 0) {
        xml_.Fail(absl::DataLossError(
            absl::StrCat("row ", row_number_, ": cell reference \"", r,
                         "\" is not a cell of a sheet")));
        column_ = next_column_;
      }
      next_column_ = column_ + 1;
      type_ = t != nullptr ? t : "n";
      style_ = -1;
      if (s != nullptr && !absl::SimpleAtoi(s, &style_)) style_ = -1;
      value_.clear();
      in_cell_ = true;
    } else if (in_cell_ && (local == "v" || local == "t")) {
      // <v> a value; <is><t> (or its runs' <t>) an inline string.
      ++in_text_;
    } else if (in_cell_ && local == "rPh") {
      ++in_phonetic_;
    }
  }
  void End(absl::string_view local) {
    if (local == "v" || local == "t") {
      if (in_text_ > 0) --in_text_;
    } else if (local == "rPh") {
      if (in_phonetic_ > 0) --in_phonetic_;
    } else if (local == "c" && in_cell_) {
      in_cell_ = false;
      std::string text = CellText();
      // Cells without a value take no room (a row may name XFD1).
      if (text.empty()) return;
      if (static_cast<size_t>(column_) >= cells_.size()) {
        cells_.resize(column_ + 1);
      }
      cells_[column_] = std::move(text);
    } else if (local == "row" && in_row_) {
      in_row_ = false;
      if (!xml_.status().ok()) return;  // A row with a bad cell is no row.
      ready_.push_back({row_number_, std::move(cells_)});
      cells_.clear();
      row_bytes_ = 0;
      xml_.Suspend();  // One row at a time.
    }
  }
  void Text(const XML_Char* s, int len) {
    if (in_cell_ && in_text_ > 0 && in_phonetic_ == 0) {
      row_bytes_ += static_cast<size_t>(len);
      if (row_bytes_ > max_row_bytes_) {
        xml_.Fail(absl::ResourceExhaustedError(absl::StrCat(
            "row ", row_number_, ": its cells hold more than ", max_row_bytes_,
            " bytes (CsvReaderOptions::max_row_bytes)")));
        return;
      }
      value_.append(s, len);
    }
  }

 private:
  struct PendingRow {
    int64_t number;
    std::vector<std::string> cells;
  };

  // The cell's text as the importer reads it.
  std::string CellText() {
    if (type_ == "s") {
      size_t i;
      if (!absl::SimpleAtoi(value_, &i) || i >= strings_->ends.size()) {
        xml_.Fail(absl::DataLossError(absl::StrCat(
            "row ", row_number_, ", column ", column_ + 1, ": shared string ",
            value_, " is not in the workbook's table")));
        return "";
      }
      return std::string(strings_->at(i));
    }
    if (type_ == "inlineStr" || type_ == "str") {
      DecodeEscapes(&value_);
      return value_;
    }
    if (type_ == "b") {
      return value_ == "1" || value_ == "true" ? "TRUE" : "FALSE";
    }
    if (IsXmlErrorCell(type_)) return value_;  // "#N/A": the importer says.
    if (type_ == "d") return value_.substr(0, value_.find('T'));
    if (value_.empty()) return "";
    if (styles_->IsDate(style_)) {
      std::string date = SerialToDate(value_, date1904_);
      if (!date.empty()) return date;
    }
    return DisplayedNumber(value_);
  }

  const SharedStrings* strings_;
  const Styles* styles_;
  bool date1904_;
  size_t max_row_bytes_;
  size_t row_bytes_ = 0;  // Of the row being read.
  XmlReader<SheetRows> xml_;
  std::deque<PendingRow> ready_;
  std::vector<std::vector<std::string>> spare_;
  std::vector<std::string> cells_;
  int64_t row_number_ = 0;
  int column_ = 0;
  int next_column_ = 0;
  std::string type_;
  int style_ = -1;
  std::string value_;
  int in_text_ = 0;
  int in_phonetic_ = 0;
  bool in_row_ = false;
  bool in_cell_ = false;
};

class XlsxReader final : public WorkbookLedgerReader {
 public:
  ~XlsxReader() override {
    importer_.reset();
    rows_.reset();
    if (archive_ != nullptr) zip_discard(archive_);
  }

  absl::Status Init(absl::string_view path, absl::string_view data,
                    bool from_buffer, const CsvReaderOptions& options) {
    name_ = std::string(path);
    options_ = options;
    last_location_.set_file(name_);
    if (!from_buffer) {
      if (absl::Status s = OpenFile(); !s.ok()) return s;
    } else {
      if (absl::Status s = OpenBuffer(data); !s.ok()) return s;
    }
    // The workbook's parts.
    Relationships root;
    if (Has("_rels/.rels")) {
      if (absl::Status s = Parse("_rels/.rels", &root); !s.ok()) return s;
    }
    std::string workbook_part = "xl/workbook.xml";
    for (const auto& [id, target] : root.targets) {
      if (absl::EndsWith(target, "workbook.xml")) workbook_part = target;
    }
    WorkbookPart workbook;
    if (absl::Status s = Parse(workbook_part, &workbook); !s.ok()) return s;
    const size_t slash = workbook_part.rfind('/');
    Relationships rels;
    rels.dir =
        slash == std::string::npos ? "" : workbook_part.substr(0, slash + 1);
    const std::string rels_part = absl::StrCat(
        rels.dir, "_rels/", workbook_part.substr(rels.dir.size()), ".rels");
    if (absl::Status s = Parse(rels_part, &rels); !s.ok()) return s;
    // Parts a writer put in their usual place without naming them.
    if (rels.shared_strings.empty() && Has(rels.dir + "sharedStrings.xml")) {
      rels.shared_strings = rels.dir + "sharedStrings.xml";
    }
    if (rels.styles.empty() && Has(rels.dir + "styles.xml")) {
      rels.styles = rels.dir + "styles.xml";
    }
    if (!rels.shared_strings.empty()) {
      if (absl::Status s = Parse(rels.shared_strings, &strings_); !s.ok()) {
        return s;
      }
      if (strings_.over) {
        return absl::ResourceExhaustedError(absl::StrCat(
            name_, ": the shared strings pass 1 GiB: not a ledger"));
      }
    }
    if (!rels.styles.empty()) {
      if (absl::Status s = Parse(rels.styles, &styles_); !s.ok()) return s;
    }
    styles_.Finish();
    date1904_ = workbook.date1904;
    for (const WorkbookPart::Sheet& sheet : workbook.sheets) {
      auto it = rels.targets.find(sheet.rid);
      if (it == rels.targets.end()) {
        return absl::InvalidArgumentError(MaskPersonalData(absl::StrCat(
            name_, ": sheet ", sheet.name,
            " names no part of the workbook: the file is damaged")));
      }
      if (!Has(it->second)) {
        return absl::InvalidArgumentError(MaskPersonalData(
            absl::StrCat(name_, ": sheet ", sheet.name, "'s part ", it->second,
                         " is missing: the file is damaged")));
      }
      // A sheet's name goes into findings and locations: masked once, here.
      parts_.push_back({MaskPersonalData(sheet.name), it->second});
    }
    if (parts_.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(name_, ": the workbook has no sheet"));
    }
    return absl::OkStatus();
  }

  bool Next(v1::Record* record) override { return NextImported(record); }

  const v1::SourceLocation& location() const override {
    return importer_ != nullptr ? importer_->location() : last_location_;
  }
  absl::Status status() const override { return status_; }
  const std::vector<WorkbookSheet>& sheets() const override { return sheets_; }
  CsvImportSummary summary() const override {
    CsvImportSummary total;
    total.encoding = TextEncoding::kUtf8;
    for (const WorkbookSheet& s : sheets_) {
      const CsvImportSummary& one = s.summary;
      if (one.table != CsvTable::kAuto) total.table = one.table;
      total.rows_read += one.rows_read;
      total.rows_imported += one.rows_imported;
      total.rows_skipped += one.rows_skipped;
      total.subtotal_rows += one.subtotal_rows;
      total.blank_lines += one.blank_lines;
      total.findings_dropped += one.findings_dropped;
    }
    return total;
  }
  const std::vector<CsvFinding>& findings() const override { return findings_; }

 private:
  struct SheetPart {
    std::string name;
    std::string part;
  };

  absl::Status OpenFile() {
    struct stat st;
    if (stat(name_.c_str(), &st) != 0) {
      const int err = errno;
      if (err == ENOENT) {
        return absl::NotFoundError(absl::StrCat(name_, ": no such file"));
      }
      return absl::UnavailableError(
          absl::StrCat(name_, ": cannot be read (",
                       std::generic_category().message(err), ")"));
    }
    if (!S_ISREG(st.st_mode)) {
      // A pipe or FIFO: read once, whole; a zip archive is read from its end.
      const int fd = open(name_.c_str(), O_RDONLY);
      if (fd < 0) {
        return absl::UnavailableError(
            absl::StrCat(name_, ": cannot be opened (",
                         std::generic_category().message(errno), ")"));
      }
      char buf[1 << 16];
      for (;;) {
        const ssize_t n = read(fd, buf, sizeof(buf));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
          const int err = errno;
          close(fd);
          return absl::UnavailableError(
              absl::StrCat(name_, ": read failed (",
                           std::generic_category().message(err), ")"));
        }
        if (n == 0) break;
        owned_.append(buf, static_cast<size_t>(n));
      }
      close(fd);
      return OpenBuffer(owned_);
    }
    char head[8] = {};
    if (FILE* f = std::fopen(name_.c_str(), "rb")) {
      const size_t got = std::fread(head, 1, sizeof(head), f);
      std::fclose(f);
      if (absl::Status s = CheckMagic(absl::string_view(head, got)); !s.ok()) {
        return s;
      }
    }
    int err = 0;
    archive_ = zip_open(name_.c_str(), ZIP_RDONLY, &err);
    if (archive_ == nullptr) {
      zip_error_t error;
      zip_error_init_with_code(&error, err);
      absl::Status s = NotAWorkbook(zip_error_strerror(&error));
      zip_error_fini(&error);
      return s;
    }
    return absl::OkStatus();
  }

  absl::Status OpenBuffer(absl::string_view data) {
    if (absl::Status s = CheckMagic(data.substr(0, 8)); !s.ok()) return s;
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src =
        zip_source_buffer_create(data.data(), data.size(), 0, &error);
    if (src != nullptr) {
      archive_ = zip_open_from_source(src, ZIP_RDONLY, &error);
      if (archive_ == nullptr) zip_source_free(src);
    }
    absl::Status s;
    if (archive_ == nullptr) s = NotAWorkbook(zip_error_strerror(&error));
    zip_error_fini(&error);
    return s;
  }

  absl::Status CheckMagic(absl::string_view head) const {
    if (head.size() >= 4 && head.substr(0, 4) == "\xD0\xCF\x11\xE0") {
      return absl::InvalidArgumentError(absl::StrCat(
          name_,
          ": an Excel 97-2003 workbook or a password-protected one, not an "
          ".xlsx workbook; open it in Excel and save it as \"Excel "
          "workbook (*.xlsx)\" without a password"));
    }
    return absl::OkStatus();
  }

  absl::Status NotAWorkbook(const char* why) const {
    return absl::InvalidArgumentError(
        absl::StrCat(name_, ": not an Excel workbook (.xlsx): ", why,
                     "; save it from Excel as \"Excel workbook (*.xlsx)\""));
  }

  // True when the archive holds a part named `part`.
  bool Has(const std::string& part) const {
    return zip_name_locate(archive_, part.c_str(), 0) >= 0;
  }

  template <typename H>
  absl::Status Parse(const std::string& part, H* handler) {
    XmlReader<H> xml(archive_, part, handler);
    absl::Status s = xml.ReadAll();
    if (s.ok()) return s;
    return absl::InvalidArgumentError(MaskPersonalData(
        absl::StrCat(name_, ": not a readable .xlsx workbook: ", s.message())));
  }

  // The table of sheet `name`: the options', the name's, for a workbook of
  // one sheet the file's; kAuto (from the headers) else.
  CsvTable TableOf(const std::string& name) const {
    if (options_.table != CsvTable::kAuto) return options_.table;
    CsvTable t = TableFromStem(name);
    if (t == CsvTable::kAuto && parts_.size() == 1) {
      t = TableFromStem(Stem(name_));
    }
    return t;
  }

  // Starts the next sheet; false when none is left.
  bool StartSheet() {
    importer_.reset();
    rows_.reset();
    while (next_part_ < parts_.size()) {
      const SheetPart& part = parts_[next_part_++];
      sheets_.push_back({part.name, {}});
      sheets_.back().summary.encoding = TextEncoding::kUtf8;
      rows_ =
          std::make_unique<SheetRows>(archive_, part.part, &strings_, &styles_,
                                      date1904_, options_.max_row_bytes);
      LedgerSourceTraits traits;
      traits.file = name_;
      traits.sheet = part.name;
      traits.table = TableOf(part.name);
      // The summary of sheets_.back(): sheets_ grows only here, after this
      // importer is gone.
      importer_ = std::make_unique<LedgerImporter>(
          rows_.get(), std::move(traits), options_.max_findings, &findings_,
          &sheets_.back().summary);
      const size_t findings_before = findings_.size();
      absl::Status s = importer_->ReadHeader();
      if (s.ok()) {
        ++sheets_read_;
        return true;
      }
      if (!rows_->status().ok()) {
        // A damaged part (DataLoss), a row over the limit
        // (ResourceExhausted): the code kept, personal data masked.
        status_ = absl::Status(
            rows_->status().code() == absl::StatusCode::kResourceExhausted
                ? absl::StatusCode::kResourceExhausted
                : absl::StatusCode::kDataLoss,
            MaskPersonalData(absl::StrCat(name_, ": sheet ", part.name, ": ",
                                          rows_->status().message())));
        importer_.reset();
        rows_.reset();
        parts_.resize(next_part_);
        return false;
      }
      sheets_.back().summary.table = CsvTable::kAuto;
      // The header's findings (a column unknown) of a sheet not read: the
      // one below says it all.
      findings_.resize(findings_before);
      if (importer_->saw_content()) {
        // A sheet meant as a ledger (by its name or the options) that
        // cannot be read loses its rows: an error. Any other (notes, a
        // chart's data) is said and passed over.
        const bool meant = TableOf(part.name) != CsvTable::kAuto ||
                           importer_->table() != nullptr;
        CsvFinding f;
        f.file = name_;
        f.sheet = part.name;
        f.row_skipped = meant;
        f.message = MaskPersonalData(
            absl::StrCat("the sheet is not read as a ledger",
                         meant ? ", none of its rows" : "", ": ", s.message()));
        not_read_.push_back(f.message);
        if (static_cast<int64_t>(findings_.size()) < options_.max_findings) {
          findings_.push_back(std::move(f));
        } else {
          ++sheets_.back().summary.findings_dropped;
        }
      }
      importer_.reset();
      rows_.reset();
    }
    return false;
  }

  bool NextImported(v1::Record* record) {
    while (!done_) {
      if (importer_ == nullptr && !StartSheet()) {
        done_ = true;
        if (status_.ok() && sheets_read_ == 0) {
          status_ = absl::InvalidArgumentError(MaskPersonalData(absl::StrCat(
              name_, ": no sheet of the workbook is a ledger table",
              not_read_.empty() ? " (every sheet is empty)" : ": ",
              not_read_.empty() ? "" : not_read_.front())));
        }
        return false;
      }
      if (importer_->Next(record)) return true;
      if (!importer_->status().ok()) {
        const absl::Status& failed = importer_->status();
        status_ =
            absl::Status(failed.code() == absl::StatusCode::kResourceExhausted
                             ? absl::StatusCode::kResourceExhausted
                             : absl::StatusCode::kDataLoss,
                         MaskPersonalData(absl::StrCat(
                             name_, ": sheet ", sheets_.back().name, ": ",
                             failed.message())));
        done_ = true;
        return false;
      }
      last_location_ = importer_->location();
      importer_.reset();
      rows_.reset();
    }
    return false;
  }

  std::string name_;
  CsvReaderOptions options_;
  std::string owned_;  // A pipe's bytes.
  zip_t* archive_ = nullptr;
  SharedStrings strings_;
  Styles styles_;
  bool date1904_ = false;
  std::vector<SheetPart> parts_;
  size_t next_part_ = 0;
  std::unique_ptr<SheetRows> rows_;
  std::unique_ptr<LedgerImporter> importer_;
  std::vector<WorkbookSheet> sheets_;
  std::vector<CsvFinding> findings_;
  std::vector<std::string> not_read_;
  int sheets_read_ = 0;
  // Where the last sheet read ended (location() between sheets).
  v1::SourceLocation last_location_;
  absl::Status status_;
  bool done_ = false;
};

}  // namespace
}  // namespace internal

absl::StatusOr<std::unique_ptr<WorkbookLedgerReader>>
WorkbookLedgerReader::Open(StringArg path_arg,
                           const CsvReaderOptions& options) {
  const absl::string_view path = path_arg;
  auto r = std::make_unique<internal::XlsxReader>();
  if (absl::Status s = r->Init(path, {}, false, options); !s.ok()) return s;
  return std::unique_ptr<WorkbookLedgerReader>(std::move(r));
}

absl::StatusOr<std::unique_ptr<WorkbookLedgerReader>>
WorkbookLedgerReader::FromBuffer(StringArg data_arg, StringArg name_arg,
                                 const CsvReaderOptions& options) {
  const absl::string_view data = data_arg;
  const absl::string_view name = name_arg;
  auto r = std::make_unique<internal::XlsxReader>();
  if (absl::Status s = r->Init(name, data, true, options); !s.ok()) return s;
  return std::unique_ptr<WorkbookLedgerReader>(std::move(r));
}

}  // namespace dangjian
