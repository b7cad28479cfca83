// The report as an Excel workbook (libxlsxwriter): the four targets per
// group, every figure, the worklists and data quality, a sheet each.
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/natural_order.h"
#include "core/xlsx_text.h"
#include "dangjian/personal_data.h"
#include "dangjian/render.h"
#include "render/comparison_lines.h"
#include "render/figures_table.h"
#include "xlsxwriter.h"

namespace dangjian {
namespace {

// Excel's limits: rows and columns of a sheet.
constexpr int64_t kMaxRows = 1048576;
constexpr int64_t kMaxColumns = 16384;
// The widest a column is made, in characters.
constexpr double kMaxWidth = 60;

// A cell: text, or a number with a format.
struct Cell {
  // kPoints: a change of a rate in percentage points, signed.
  enum Kind { kText, kCount, kYuan, kPercent, kPoints } kind = kText;
  std::string text;
  double number = 0;
};

// A text cell.
Cell Text(std::string s) {
  return Cell{Cell::kText, internal::XlsxText(std::move(s)), 0};
}
Cell Count(int64_t n) { return Cell{Cell::kCount, "", static_cast<double>(n)}; }

// The width a column needs for `text`: a wide (CJK) character counts two.
double WidthOf(const Cell& c) {
  switch (c.kind) {
    case Cell::kText:
      return internal::DisplayWidth(c.text);
    case Cell::kCount:
      return static_cast<double>(
          internal::FormatCount(static_cast<int64_t>(c.number)).size());
    case Cell::kYuan:
      return static_cast<double>(
                 internal::FormatCount(static_cast<int64_t>(c.number)).size()) +
             3;
    case Cell::kPercent:
    case Cell::kPoints:
      return 7;
  }
  return 8;
}

// A sheet to write: a header row, then rows; `frozen_columns` stay in view
// when scrolling right.
struct Sheet {
  std::string name;
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
  int frozen_columns = 1;
  // A line below the rows, outside the filter (e.g. that a list is capped).
  std::string note;
};

class Writer {
 public:
  explicit Writer(const std::string& path) {
    lxw_workbook_options options = {};
    options.constant_memory = LXW_TRUE;  // Rows go to disk as written.
    options.use_zip64 = LXW_TRUE;        // Complete worklists may be big.
    wb_ = workbook_new_opt(path.c_str(), &options);
    if (wb_ == nullptr) return;
    header_ = workbook_add_format(wb_);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xF2F2F2);
    format_set_border(header_, LXW_BORDER_THIN);
    format_set_text_wrap(header_);
    format_set_align(header_, LXW_ALIGN_VERTICAL_CENTER);
    count_ = workbook_add_format(wb_);
    format_set_num_format(count_, "#,##0");
    yuan_ = workbook_add_format(wb_);
    format_set_num_format(yuan_, "#,##0.00");
    percent_ = workbook_add_format(wb_);
    format_set_num_format(percent_, "0.0%");
    points_ = workbook_add_format(wb_);
    format_set_num_format(points_, "+0.0;-0.0;0");
  }

  ~Writer() {
    if (wb_ != nullptr) workbook_close(wb_);  // Frees it on any path.
  }

  bool ok() const { return wb_ != nullptr && status_.ok(); }
  const absl::Status& status() const { return status_; }

  // Writes `sheet`: widths that fit the text, a frozen and filtered header.
  void Add(const Sheet& sheet) {
    if (!ok()) return;
    lxw_worksheet* ws = workbook_add_worksheet(wb_, sheet.name.c_str());
    if (ws == nullptr) {
      return Fail(absl::StrCat("cannot add the sheet ", sheet.name));
    }
    const size_t columns = sheet.header.size();
    // Widths first: in constant-memory mode columns precede the rows.
    std::vector<double> width(columns, 6);
    for (size_t c = 0; c < columns; ++c) {
      width[c] = std::max<double>(
          width[c],
          std::min<double>(internal::DisplayWidth(sheet.header[c]), 24));
    }
    for (const std::vector<Cell>& row : sheet.rows) {
      for (size_t c = 0; c < row.size() && c < columns; ++c) {
        width[c] = std::max(width[c], WidthOf(row[c]));
      }
    }
    for (size_t c = 0; c < columns; ++c) {
      worksheet_set_column(ws, static_cast<lxw_col_t>(c),
                           static_cast<lxw_col_t>(c),
                           std::min(width[c] + 2, kMaxWidth), nullptr);
    }
    worksheet_freeze_panes(ws, 1, static_cast<lxw_col_t>(sheet.frozen_columns));
    for (size_t c = 0; c < columns; ++c) {
      Check(worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c),
                                   internal::XlsxText(sheet.header[c]).c_str(),
                                   header_),
            sheet.name, 0);
    }
    lxw_row_t r = 1;
    for (const std::vector<Cell>& row : sheet.rows) {
      for (size_t c = 0; c < row.size() && c < columns; ++c) {
        const Cell& cell = row[c];
        const lxw_col_t col = static_cast<lxw_col_t>(c);
        lxw_error e = LXW_NO_ERROR;
        switch (cell.kind) {
          case Cell::kText:
            if (cell.text.empty()) continue;
            e = worksheet_write_string(ws, r, col, cell.text.c_str(), nullptr);
            break;
          case Cell::kCount:
            e = worksheet_write_number(ws, r, col, cell.number, count_);
            break;
          case Cell::kYuan:
            e = worksheet_write_number(ws, r, col, cell.number, yuan_);
            break;
          case Cell::kPercent:
            e = worksheet_write_number(ws, r, col, cell.number / 100, percent_);
            break;
          case Cell::kPoints:
            e = worksheet_write_number(ws, r, col, cell.number, points_);
            break;
        }
        Check(e, sheet.name, r);
        if (!ok()) return;
      }
      ++r;
    }
    if (columns > 0) {
      worksheet_autofilter(ws, 0, 0, r - 1,
                           static_cast<lxw_col_t>(columns - 1));
    }
    if (!sheet.note.empty()) {
      Check(worksheet_write_string(
                ws, r + 1, 0, internal::XlsxText(sheet.note).c_str(), nullptr),
            sheet.name, r + 1);
    }
  }

  // Closes the workbook, writing the file.
  absl::Status Close() {
    if (wb_ == nullptr) {
      return absl::UnavailableError("cannot create the workbook");
    }
    const lxw_error e = workbook_close(wb_);
    wb_ = nullptr;
    if (!status_.ok()) return status_;
    if (e != LXW_NO_ERROR) {
      return absl::UnavailableError(
          absl::StrCat("cannot write the workbook: ", lxw_strerror(e)));
    }
    return absl::OkStatus();
  }

 private:
  void Fail(std::string message) {
    if (status_.ok()) status_ = absl::InternalError(std::move(message));
  }
  void Check(lxw_error e, const std::string& sheet, lxw_row_t row) {
    if (e != LXW_NO_ERROR) {
      Fail(absl::StrCat("sheet ", sheet, " row ", row + 1, ": ",
                        lxw_strerror(e)));
    }
  }

  lxw_workbook* wb_ = nullptr;
  lxw_format* header_ = nullptr;
  lxw_format* count_ = nullptr;
  lxw_format* yuan_ = nullptr;
  lxw_format* percent_ = nullptr;
  lxw_format* points_ = nullptr;
  absl::Status status_;
};

// The groups shown, the total first, then by title in natural order (苏木2
// before 苏木10).
std::vector<std::pair<std::string, const v1::ReportGroup*>> Groups(
    const v1::Report& report, bool zh, bool include_groups) {
  std::vector<std::pair<std::string, const v1::ReportGroup*>> out;
  out.emplace_back(zh ? "合计" : "total", nullptr);
  if (include_groups && internal::IsGrouped(report)) {
    for (const v1::ReportGroup* g :
         internal::GroupsInReadingOrder(report, zh)) {
      // Masked: a merged partial may come from anywhere.
      out.emplace_back(MaskPersonalData(internal::GroupTitle(*g, zh)), g);
    }
  }
  return out;
}

const v1::ReportFigures& FiguresOf(const v1::Report& report,
                                   const v1::ReportGroup* g) {
  return g == nullptr ? report.total() : g->figures();
}

// The four targets: a row per group.
Sheet TargetsSheet(const v1::Report& report, bool zh, bool include_groups) {
  Sheet s;
  s.name = zh ? "四个100%" : "targets";
  s.header = {zh ? "分组" : "group", zh ? "区域标识" : "region id"};
  for (const internal::TargetLabel& l : internal::TargetLabels()) {
    const std::string label = zh ? l.zh : l.en;
    for (const char* what :
         {zh ? " 应达标" : ", eligible", zh ? " 达标" : ", met",
          zh ? " 比例" : ", rate", zh ? " 未达标" : ", short"}) {
      s.header.push_back(label + what);
    }
  }
  s.header.push_back(zh ? "全覆盖" : "full coverage");
  for (const auto& [title, g] : Groups(report, zh, include_groups)) {
    const v1::TargetFigures& t = FiguresOf(report, g).targets();
    std::vector<Cell> row = {
        Text(title),
        Text(g == nullptr ? "" : MaskPersonalData(g->key().region_id()))};
    for (int i = 0; i < 4; ++i) {
      const v1::TargetResult& r = internal::Target(t, i);
      row.push_back(Count(r.eligible()));
      row.push_back(Count(r.met()));
      row.push_back(Cell{Cell::kPercent, "", r.rate_percent()});
      row.push_back(Count(r.shortfall()));
    }
    row.push_back(
        Text(t.full_coverage() ? (zh ? "是" : "yes") : (zh ? "否" : "no")));
    s.rows.push_back(std::move(row));
  }
  return s;
}

// Figure `r` of `f` as a cell: a count, yuan, or a rate; with `change`, a
// rate's change is in percentage points.
Cell FigureCell(const internal::FigureRow& r, const v1::ReportFigures& f,
                bool change = false) {
  switch (r.unit) {
    case internal::FigureUnit::kCount:
      return Count(r.count(f));
    case internal::FigureUnit::kYuan:
      return Cell{Cell::kYuan, "", static_cast<double>(r.count(f)) / 100};
    case internal::FigureUnit::kPercent:
      // Excel has no NaN: a blank cell.
      if (!std::isfinite(r.percent(f))) return Text("");
      return Cell{change ? Cell::kPoints : Cell::kPercent, "", r.percent(f)};
  }
  return Count(0);
}

// Line `line` of a comparison in `f` as a cell; blank where the year has no
// value (a rate where nothing was eligible).
Cell LineCell(const internal::ComparisonLine& line,
              const v1::ReportFigures& f) {
  if (line.has_value && !line.has_value(f)) return Text("");
  return FigureCell(line.row, f);
}

// The change of `line` as a cell; blank where there is none to show.
Cell ChangeCell(const internal::ComparisonLine& line,
                const v1::ReportFigures& earlier,
                const v1::ReportFigures& later,
                const v1::ReportFigures& change) {
  if (!internal::HasChange(line, earlier, later, change)) return Text("");
  return FigureCell(line.row, change, /*change=*/true);
}

// Every figure: a row per figure, a column per group.
Sheet FiguresSheet(const v1::Report& report, bool zh, bool include_groups) {
  Sheet s;
  s.name = zh ? "全部指标" : "figures";
  s.frozen_columns = 2;
  s.header = {zh ? "类别" : "section", zh ? "指标" : "figure",
              zh ? "标识" : "key"};
  const auto groups = Groups(report, zh, include_groups);
  for (const auto& group : groups) s.header.push_back(group.first);
  for (const internal::FigureSection& section : internal::FigureSections()) {
    for (const internal::FigureRow& r : section.rows) {
      std::vector<Cell> row = {Text(zh ? section.zh : section.en),
                               Text(zh ? r.zh : r.en), Text(r.key)};
      for (const auto& group : groups) {
        row.push_back(FigureCell(r, FiguresOf(report, group.second)));
      }
      s.rows.push_back(std::move(row));
    }
  }
  return s;
}

// One entry of target `i` (0-based) as a sheet's row: the cells of
// WorklistCells(), the member counts as numbers.
std::vector<Cell> WorklistRow(int i, const v1::WorklistEntry& e, bool zh) {
  std::vector<std::string> cells = internal::WorklistCells(i, e, zh);
  std::vector<Cell> row;
  row.reserve(cells.size());
  for (size_t c = 0; c < cells.size(); ++c) {
    if (internal::IsWorklistNumberColumn(c)) {
      row.push_back(
          Count(c == 7 ? e.full_members() : e.probationary_members()));
    } else {
      row.push_back(Text(std::move(cells[c])));
    }
  }
  return row;
}

// The worklists of the total, a sheet per target (continued on further
// sheets past Excel's rows).
std::vector<Sheet> WorklistSheets(const v1::Report& report, bool zh) {
  std::vector<Sheet> out;
  for (int i = 0; i < 4; ++i) {
    const v1::TargetResult& t = internal::Target(report.total().targets(), i);
    const internal::TargetLabel& l = internal::TargetLabels()[i];
    int part = 0;
    for (int at = 0; at < t.worklist_entries_size() || part == 0;) {
      Sheet s;
      ++part;
      s.name = absl::StrCat(zh ? "清单" : "worklist ", i + 1, " ",
                            zh ? l.short_zh : l.short_en);
      if (part > 1) absl::StrAppend(&s.name, " (", part, ")");
      if (s.name.size() > 31)
        s.name = absl::StrCat("worklist ", i + 1, "-", part);
      s.header = internal::WorklistHeader(zh);
      s.frozen_columns = 4;  // Through the name.
      for (; at < t.worklist_entries_size() &&
             static_cast<int64_t>(s.rows.size()) < kMaxRows - 1;
           ++at) {
        s.rows.push_back(WorklistRow(i, t.worklist_entries(at), zh));
      }
      if (at >= t.worklist_entries_size() &&
          t.shortfall() > t.worklist_entries_size()) {
        s.note = zh ? absl::StrCat(
                          "列出前 ", t.worklist_entries_size(), " 个, 共 ",
                          internal::FormatCount(t.shortfall()), " 个 (上限 ",
                          t.worklist_cap(),
                          "); 完整清单: dangjian report --worklist 清单.xlsx")
                    : absl::StrCat("the first ", t.worklist_entries_size(),
                                   " of ", internal::FormatCount(t.shortfall()),
                                   " (cap ", t.worklist_cap(),
                                   "); every one: dangjian report --worklist "
                                   "worklist.xlsx");
      }
      out.push_back(std::move(s));
    }
  }
  return out;
}

// A sheet's name as Excel takes it: no []:*?/\ (they become _), at most 31
// characters (cut at one), not empty, not taken before (then " (2)", ...).
std::string SheetName(const std::string& want, std::set<std::string>* used) {
  // Personal data masked (a township may be named anything); what Excel
  // refuses in a sheet name, control characters and non-characters as _.
  const std::string masked = MaskPersonalData(want);
  std::string base;
  for (size_t i = 0; i < masked.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(masked[i]);
    if (c < 0x20 ||
        std::string("[]:*?/\\").find(masked[i]) != std::string::npos) {
      base.push_back('_');
    } else if (masked.compare(i, 2, "\xEF\xBF") == 0 && i + 2 < masked.size() &&
               (masked[i + 2] == '\xBE' || masked[i + 2] == '\xBF')) {
      base.push_back('_');
      i += 2;
    } else {
      base.push_back(masked[i]);
    }
  }
  if (base.empty() || base.front() == '\'') base.insert(0, "_");
  if (base.back() == '\'') base.push_back('_');
  if (absl::EqualsIgnoreCase(base, "History")) base += "_";  // Reserved.
  // At most `units` UTF-16 code units (Excel's measure: a character past the
  // BMP counts two), cut at a character.
  auto cut = [](const std::string& s, size_t units) {
    size_t n = 0, i = 0;
    while (i < s.size()) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      const size_t w = len == 4 ? 2 : 1;
      if (n + w > units) break;
      n += w;
      i += len;
    }
    return s.substr(0, i);
  };
  // Excel's sheet names are unique whatever the case.
  auto key = [](const std::string& s) { return absl::AsciiStrToLower(s); };
  std::string name = cut(base, 31);
  for (int n = 2; !used->insert(key(name)).second; ++n) {
    const std::string suffix = absl::StrCat(" (", n, ")");
    name = cut(base, 31 - suffix.size()) + suffix;
  }
  return name;
}

// Skipped records, findings per rule and damaged shards.
Sheet QualitySheet(const v1::Report& report, bool zh) {
  Sheet s;
  s.name = zh ? "数据质量" : "data quality";
  s.header = {zh ? "类别" : "kind", zh ? "名称" : "name",
              zh ? "数量" : "count"};
  const v1::DataQualityFigures& q = report.data_quality();
  for (const v1::NamedCount& c : q.skipped_records()) {
    s.rows.push_back(
        {Text(zh ? "跳过的记录" : "skipped records"),
         Text(MaskPersonalData(internal::NamedCountLabel(c.name(), zh))),
         Count(c.count())});
  }
  for (const v1::NamedCount& c : q.findings()) {
    s.rows.push_back(
        {Text(zh ? "校验发现" : "findings"),
         Text(MaskPersonalData(internal::NamedCountLabel(c.name(), zh))),
         Count(c.count())});
  }
  for (const v1::DamagedShard& d : q.damaged_shards()) {
    s.rows.push_back(
        {Text(zh ? "受损文件(数据不完整)" : "damaged file (incomplete data)"),
         Text(MaskPersonalData(absl::StrCat(d.file(), ": ", d.reason()))),
         Count(d.records_read())});
  }
  return s;
}

// The four targets in two years: a row per group (the total first), each
// target's met and rate in both years and the rate's change.
Sheet ComparedTargetsSheet(const v1::ReportComparison& c,
                           const std::vector<internal::ComparedGroup>& groups,
                           bool zh) {
  const int y0 = c.earlier().year(), y1 = c.later().year();
  Sheet s;
  s.name = zh ? "四个100%对比" : "targets compared";
  s.header = {zh ? "分组" : "group", zh ? "区域标识" : "region id"};
  const std::string before =
      absl::StrCat(zh ? " " : ", ", internal::YearLabel(y0, zh));
  const std::string after =
      absl::StrCat(zh ? " " : ", ", internal::YearLabel(y1, zh));
  for (const internal::TargetLabel& l : internal::TargetLabels()) {
    const std::string label = zh ? l.zh : l.en;
    for (const std::string& what :
         {absl::StrCat(zh ? " 达标" : ", met", before),
          absl::StrCat(zh ? " 达标" : ", met", after),
          absl::StrCat(zh ? " 比例" : ", rate", before),
          absl::StrCat(zh ? " 比例" : ", rate", after),
          std::string(zh ? " 比例增减(百分点)" : ", rate change (pp)")}) {
      s.header.push_back(label + what);
    }
  }
  auto row = [&](const std::string& title, const std::string& region_id,
                 const v1::ReportFigures& earlier,
                 const v1::ReportFigures& later,
                 const v1::ReportFigures& change) {
    std::vector<Cell> cells = {Text(title), Text(region_id)};
    for (int i = 0; i < 4; ++i) {
      const internal::ComparisonLine& rate = internal::TargetRateLine(i, zh);
      cells.push_back(Count(internal::Target(earlier.targets(), i).met()));
      cells.push_back(Count(internal::Target(later.targets(), i).met()));
      cells.push_back(LineCell(rate, earlier));
      cells.push_back(LineCell(rate, later));
      cells.push_back(ChangeCell(rate, earlier, later, change));
    }
    s.rows.push_back(std::move(cells));
  };
  row(zh ? "合计" : "total", "", c.earlier().total(), c.later().total(),
      c.change());
  for (const internal::ComparedGroup& g : groups) {
    row(g.title, g.region_id, g.group->earlier(), g.group->later(),
        g.group->change());
  }
  return s;
}

// Every line in two years: a row per line per group (the total first), the
// earlier value, the later and the change, to filter and pivot.
Sheet ComparedFiguresSheet(const v1::ReportComparison& c,
                           const std::vector<internal::ComparedGroup>& groups,
                           bool zh) {
  const int y0 = c.earlier().year(), y1 = c.later().year();
  Sheet s;
  s.name = zh ? "全部指标对比" : "figures compared";
  s.frozen_columns = 3;  // Through the figure's label.
  s.header = {zh ? "分组" : "group",       zh ? "区域标识" : "region id",
              zh ? "指标" : "figure",      zh ? "标识" : "key",
              internal::YearLabel(y0, zh), internal::YearLabel(y1, zh),
              zh ? "增减" : "change"};
  auto block = [&](const std::string& title, const std::string& region_id,
                   const v1::ReportFigures& earlier,
                   const v1::ReportFigures& later,
                   const v1::ReportFigures& change) {
    for (const internal::ComparisonLine& line : internal::ComparisonLines(zh)) {
      s.rows.push_back({Text(title), Text(region_id), Text(line.label),
                        Text(line.key), LineCell(line, earlier),
                        LineCell(line, later),
                        ChangeCell(line, earlier, later, change)});
    }
  };
  block(zh ? "合计" : "total", "", c.earlier().total(), c.later().total(),
        c.change());
  for (const internal::ComparedGroup& g : groups) {
    block(g.title, g.region_id, g.group->earlier(), g.group->later(),
          g.group->change());
  }
  return s;
}

// A file of our own in the temporary folder, removed when done.
class TempFile {
 public:
  TempFile() {
    const char* dir = getenv("TMPDIR");
    dir_ = dir != nullptr && *dir != '\0' ? dir : "/tmp";
    path_ = absl::StrCat(dir_, "/dangjian-XXXXXX.xlsx");
    const int fd = mkstemps(path_.data(), 5);
    if (fd < 0) {
      error_ = errno;
      path_.clear();
    } else {
      close(fd);
    }
  }
  ~TempFile() {
    if (!path_.empty()) unlink(path_.c_str());
  }
  const std::string& path() const { return path_; }
  // The folder tried ($TMPDIR, else /tmp).
  const std::string& dir() const { return dir_; }
  int error() const { return error_; }

 private:
  std::string dir_;
  std::string path_;
  int error_ = 0;
};

}  // namespace

// Writes the sheets that `add` makes into a workbook and returns its bytes;
// `who` names the caller in errors.
template <typename AddSheets>
absl::StatusOr<std::string> WorkbookBytes(const char* who, AddSheets add) {
  TempFile file;
  if (file.path().empty()) {
    return absl::UnavailableError(absl::StrCat(
        who, ": cannot make a temporary file in ", MaskPersonalData(file.dir()),
        " ($TMPDIR, else /tmp): ", std::strerror(file.error())));
  }
  {
    Writer w(file.path());
    add(&w);
    if (absl::Status s = w.Close(); !s.ok()) {
      return absl::Status(s.code(), absl::StrCat(who, ": ", s.message()));
    }
  }
  std::ifstream in(file.path(), std::ios::binary);
  std::ostringstream bytes;
  if (in) bytes << in.rdbuf();
  if (!in || bytes.str().empty()) {
    return absl::UnavailableError(
        absl::StrCat(who, ": cannot read back the temporary file"));
  }
  return bytes.str();
}

absl::StatusOr<std::string> RenderReportXlsx(
    const v1::Report& report, const WorkbookRenderOptions& options) {
  const bool zh = options.language == ReportLanguage::kChinese;
  const int64_t groups = options.include_groups && internal::IsGrouped(report)
                             ? report.groups_size()
                             : 0;
  if (groups + 4 > kMaxColumns) {
    return absl::InvalidArgumentError(absl::StrCat(
        "RenderReportXlsx: the report has ", groups,
        " groups and a sheet holds ", kMaxColumns - 4,
        " columns of them; group by a coarser tier, or leave the groups out"));
  }
  return WorkbookBytes("RenderReportXlsx", [&](Writer* w) {
    w->Add(TargetsSheet(report, zh, options.include_groups));
    if (options.include_worklists) {
      for (const Sheet& s : WorklistSheets(report, zh)) w->Add(s);
    }
    w->Add(FiguresSheet(report, zh, options.include_groups));
    w->Add(QualitySheet(report, zh));
  });
}

absl::StatusOr<std::string> RenderWorklistXlsx(
    const v1::Report& report, const WorklistXlsxOptions& options) {
  const bool zh = options.language == ReportLanguage::kChinese;
  // Each township's rows, in one pass, townships in reading order (the
  // entries are in it already).
  std::vector<std::vector<std::string>> order;
  std::map<std::vector<std::string>, std::vector<std::vector<Cell>>> rows;
  for (int i = 0; i < 4; ++i) {
    const v1::TargetResult& t = internal::Target(report.total().targets(), i);
    for (const v1::WorklistEntry& e : t.worklist_entries()) {
      std::vector<std::string> key;
      if (options.sheet_per_township) key = WorklistTownshipPath(e);
      auto [it, inserted] = rows.try_emplace(key);
      if (inserted) order.push_back(key);
      it->second.push_back(WorklistRow(i, e, zh));
    }
  }
  std::sort(
      order.begin(), order.end(),
      [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
        return std::lexicographical_compare(
            a.begin(), a.end(), b.begin(), b.end(),
            [](const std::string& x, const std::string& y) {
              return internal::NaturalLess(x, y);
            });
      });
  const bool none = order.empty();
  if (none) order.emplace_back();
  return WorkbookBytes("RenderWorklistXlsx", [&](Writer* w) {
    std::set<std::string> used;
    for (const std::vector<std::string>& key : order) {
      std::vector<std::vector<Cell>>& all = rows[key];
      // Named by the township (the last name of its path).
      const std::string title =
          !options.sheet_per_township || none ? (zh ? "未达标清单" : "worklist")
          : key.empty() ? (zh ? "未归属区域" : "no region")
                        : key.back();
      size_t at = 0;
      do {
        Sheet s;
        s.name = SheetName(title, &used);
        s.header = internal::WorklistHeader(zh);
        s.frozen_columns = 4;
        const size_t n = std::min<size_t>(all.size() - at, kMaxRows - 1);
        s.rows.assign(std::make_move_iterator(all.begin() + at),
                      std::make_move_iterator(all.begin() + at + n));
        at += n;
        w->Add(s);
      } while (at < all.size());
    }
  });
}

absl::StatusOr<std::string> RenderComparisonXlsx(
    const v1::ReportComparison& comparison,
    const WorkbookRenderOptions& options) {
  const bool zh = options.language == ReportLanguage::kChinese;
  std::vector<internal::ComparedGroup> groups;
  if (options.include_groups) {
    groups = internal::ComparedGroupsInReadingOrder(comparison, zh);
  }
  const int64_t rows = static_cast<int64_t>(groups.size() + 1) *
                       internal::ComparisonLines(zh).size();
  if (rows + 1 > kMaxRows) {
    return absl::InvalidArgumentError(
        absl::StrCat("RenderComparisonXlsx: ", groups.size(), " groups make ",
                     rows, " rows of figures and a sheet holds ", kMaxRows - 1,
                     "; group by a coarser tier, or leave the groups out"));
  }
  return WorkbookBytes("RenderComparisonXlsx", [&](Writer* w) {
    w->Add(ComparedTargetsSheet(comparison, groups, zh));
    w->Add(ComparedFiguresSheet(comparison, groups, zh));
  });
}

}  // namespace dangjian
