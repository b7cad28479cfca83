// WorkbookLedgerReader: Excel workbooks (.xlsx) of ledgers, made here part by
// part (libzip) as Excel, WPS and openpyxl write them, with their quirks.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "dangjian/csv_ledger.h"
#include "dangjian/pipeline.h"
#include "dangjian/record_io.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangjian {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Cell styles of the workbooks below, by index: 0 General, 1 Excel's
// built-in short date (14), 2 a custom Chinese date, 3 text (@), 4 a custom
// number format that is not a date ("0.00;[Red]-0.00").
constexpr char kStyles[] =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="0.00;[Red]\-0.00"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="49"/><xf numFmtId="177"/></cellXfs>
</styleSheet>)";

struct Sheet {
  std::string name;
  std::string rows;  // The <sheetData>'s rows.
};

struct Book {
  std::vector<Sheet> sheets;
  std::vector<std::string> shared;  // The shared strings, as XML text.
  bool date1904 = false;
  // Parts replaced or added, by name (a damaged one, say).
  std::map<std::string, std::string> extra;
};

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else {
      out += c;
    }
  }
  return out;
}

std::map<std::string, std::string> Parts(const Book& b) {
  std::map<std::string, std::string> parts;
  parts["[Content_Types].xml"] =
      R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";
  parts["_rels/.rels"] =
      R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";
  std::string wb = absl::StrCat(
      R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)",
      b.date1904 ? R"(<workbookPr date1904="1"/>)" : "", "<sheets>");
  std::string rels =
      R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdY" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/styles.xml"/>)";
  for (size_t i = 0; i < b.sheets.size(); ++i) {
    absl::StrAppend(&wb, R"(<sheet name=")", Escape(b.sheets[i].name),
                    R"(" sheetId=")", i + 1, R"(" r:id="rId)", i + 1, R"("/>)");
    absl::StrAppend(
        &rels, R"(<Relationship Id="rId)", i + 1,
        R"(" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet)",
        i + 1, R"(.xml"/>)");
    parts[absl::StrCat("xl/worksheets/sheet", i + 1, ".xml")] = absl::StrCat(
        R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)",
        b.sheets[i].rows, "</sheetData></worksheet>");
  }
  absl::StrAppend(&wb, "</sheets></workbook>");
  absl::StrAppend(&rels, "</Relationships>");
  parts["xl/workbook.xml"] = wb;
  parts["xl/_rels/workbook.xml.rels"] = rels;
  std::string sst = absl::StrCat(
      R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count=")",
      b.shared.size(), R"(">)");
  for (const std::string& s : b.shared)
    absl::StrAppend(&sst, "<si>", s, "</si>");
  absl::StrAppend(&sst, "</sst>");
  parts["xl/sharedStrings.xml"] = sst;
  parts["xl/styles.xml"] = kStyles;
  for (const auto& [name, text] : b.extra) parts[name] = text;
  return parts;
}

// Writes `b` as a workbook at `path` (deflated, as Excel writes).
void Write(const Book& b, const std::string& path) {
  std::remove(path.c_str());
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  ASSERT_NE(z, nullptr);
  // The parts' text must live until zip_close().
  static std::vector<std::string>* keep = new std::vector<std::string>();
  for (const auto& [name, text] : Parts(b)) {
    keep->push_back(text);
    zip_source_t* src =
        zip_source_buffer(z, keep->back().data(), keep->back().size(), 0);
    ASSERT_NE(src, nullptr);
    ASSERT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8), 0);
  }
  ASSERT_EQ(zip_close(z), 0);
}

std::string Path(const std::string& name) {
  return absl::StrCat(::testing::TempDir(), "/", name);
}

// A shared string cell.
std::string S(const std::string& ref, int index, int style = 0) {
  return absl::StrCat(R"(<c r=")", ref, R"(" t="s")",
                      style ? absl::StrCat(R"( s=")", style, R"(")") : "",
                      "><v>", index, "</v></c>");
}
// A number cell.
std::string N(const std::string& ref, const std::string& v, int style = 0) {
  return absl::StrCat(R"(<c r=")", ref, R"(")",
                      style ? absl::StrCat(R"( s=")", style, R"(")") : "",
                      "><v>", v, "</v></c>");
}
// An inline string cell.
std::string I(const std::string& ref, const std::string& text) {
  return absl::StrCat(R"(<c r=")", ref, R"(" t="inlineStr"><is><t>)", text,
                      "</t></is></c>");
}
std::string Row(int r, const std::vector<std::string>& cells) {
  std::string out = absl::StrCat(R"(<row r=")", r, R"(">)");
  for (const std::string& c : cells) out += c;
  return out + "</row>";
}

// The members' header row of a workbook whose shared strings start with
// kMemberHeaders.
const std::vector<std::string> kMemberHeaders = {
    "<t>人员编号</t>", "<t>姓名</t>",         "<t>发展阶段</t>",
    "<t>入党日期</t>", "<t>工作单位</t>",     "<t>身份证号</t>",
    "<t>党员业主</t>", "<t>月缴党费(元)</t>", "<t>转正日期</t>"};
std::string MemberHeader(int r) {
  return Row(r, {S(absl::StrCat("A", r), 0), S(absl::StrCat("B", r), 1),
                 S(absl::StrCat("C", r), 2), S(absl::StrCat("D", r), 3),
                 S(absl::StrCat("E", r), 4), S(absl::StrCat("F", r), 5),
                 S(absl::StrCat("G", r), 6), S(absl::StrCat("H", r), 7),
                 S(absl::StrCat("I", r), 8)});
}

std::vector<v1::Record> ReadAll(WorkbookLedgerReader* r) {
  std::vector<v1::Record> out;
  v1::Record rec;
  while (r->Next(&rec)) out.push_back(rec);
  return out;
}

TEST(WorkbookLedgerReaderTest, ReadsCellsAsExcelStoresThem) {
  Book b;
  b.shared = kMemberHeaders;
  b.shared.push_back("<t>张三</t>");                       // 9
  b.shared.push_back("<t>正式党员</t>");                   // 10
  b.shared.push_back("<r><t>李</t></r><r><t>四</t></r>");  // 11: rich text
  b.shared.push_back("<t>h1</t><rPh><t>ピン</t></rPh>");   // 12: phonetic
  b.shared.push_back("<t>110101199003070012</t>");         // 13: ID as text
  b.sheets.push_back(
      {"党员",
       // A title merged across the columns, then the header.
       Row(1, {I("A1", "某县非公企业党员台账")}) + MemberHeader(2) +
           // A date as a serial with the built-in date style, an ID typed
           // as text, TRUE, an amount with binary-float noise.
           Row(3, {I("A3", "m1"), S("B3", 9), S("C3", 10), N("D3", "41865", 1),
                   S("E3", 12), S("F3", 13), R"(<c r="G3" t="b"><v>1</v></c>)",
                   N("H3", "10.199999999999999"), N("I3", "42248", 2)}) +
           // An ID typed as a number (Excel keeps 15 digits), a rich-text
           // name, a cell left out (D4), a formula's saved value.
           Row(4, {I("A4", "m2"), S("B4", 11), S("C4", 10),
                   N("F4", "1.1010119900307E+17"),
                   R"(<c r="G4" t="b"><v>0</v></c>)",
                   R"(<c r="H4"><f>5*2</f><v>10</v></c>)"}) +
           Row(5, {I("A5", "合计"), N("H5", "20.2")})});
  const std::string path = Path("党员台账.xlsx");
  Write(b, path);

  auto reader = WorkbookLedgerReader::Open(path);
  ASSERT_TRUE(reader.ok()) << reader.status();
  const std::vector<v1::Record> records = ReadAll(reader->get());
  ASSERT_TRUE((*reader)->status().ok()) << (*reader)->status();
  ASSERT_EQ(records.size(), 2u);
  const v1::Member& m1 = records[0].member();
  EXPECT_EQ(m1.id(), "m1");
  EXPECT_EQ(m1.name(), "张三");
  EXPECT_EQ(m1.status(), v1::MEMBER_STATUS_FULL);
  EXPECT_EQ(m1.probationary_on().year(), 2014);  // Serial 41865: 2014-08-14.
  EXPECT_EQ(m1.probationary_on().month(), 8);
  EXPECT_EQ(m1.probationary_on().day(), 14);
  EXPECT_EQ(m1.full_on().year(), 2015);  // 42248: 2015-09-01, 年月日 format.
  EXPECT_EQ(m1.full_on().month(), 9);
  EXPECT_EQ(m1.full_on().day(), 1);
  EXPECT_EQ(m1.host_organization_id(), "h1");  // Without the phonetic run.
  EXPECT_EQ(m1.national_id(), "110101199003070012");
  EXPECT_TRUE(m1.is_owner());
  EXPECT_EQ(m1.monthly_dues_fen(), 1020);  // 10.2, as Excel shows it.
  const v1::Member& m2 = records[1].member();
  EXPECT_EQ(m2.name(), "李四");
  EXPECT_FALSE(m2.has_probationary_on());
  // As Excel shows the number (six significant digits from 10^15 on):
  // found by member.national_id.excel_mangled.
  EXPECT_EQ(m2.national_id(), "1.10101E+17");
  EXPECT_FALSE(m2.is_owner());
  EXPECT_EQ(m2.monthly_dues_fen(), 1000);

  const CsvImportSummary s = (*reader)->summary();
  EXPECT_EQ(s.table, CsvTable::kMembers);
  EXPECT_EQ(s.rows_read, 3);
  EXPECT_EQ(s.rows_imported, 2);
  EXPECT_EQ(s.subtotal_rows, 1);
  ASSERT_EQ((*reader)->sheets().size(), 1u);
  EXPECT_EQ((*reader)->sheets()[0].name, "党员");
  ASSERT_EQ((*reader)->findings().size(), 1u);
  const CsvFinding& f = (*reader)->findings()[0];
  EXPECT_EQ(f.sheet, "党员");
  EXPECT_EQ(f.line, 5);
  EXPECT_EQ(f.column, 1);
  EXPECT_THAT(f.message, HasSubstr("subtotal"));
}

TEST(WorkbookLedgerReaderTest, LocatesFindingsBySheetRowAndColumn) {
  Book b;
  b.shared = kMemberHeaders;
  b.sheets.push_back(
      {"members",
       MemberHeader(1) +
           // A spreadsheet error in a cell: left out, the row kept.
           Row(2, {I("A2", "m1"), R"(<c r="B2" t="e"><v>#N/A</v></c>)"}) +
           // A label that is none: the row skipped, at C3.
           Row(3, {I("A3", "m2"), I("C3", "党员候补")}) +
           // A blank id (a merged cell's later row): skipped, at A4.
           Row(4, {I("B4", "王五")})});
  const std::string path = Path("book_findings.xlsx");
  Write(b, path);
  auto reader = WorkbookLedgerReader::Open(path);
  ASSERT_TRUE(reader.ok()) << reader.status();
  const auto records = ReadAll(reader->get());
  ASSERT_TRUE((*reader)->status().ok());
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].member().name(), "");
  const auto& f = (*reader)->findings();
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].line, 2);
  EXPECT_EQ(f[0].column, 2);
  EXPECT_EQ(f[0].header, "姓名");
  EXPECT_FALSE(f[0].row_skipped);
  EXPECT_THAT(f[0].message, HasSubstr("#N/A"));
  EXPECT_EQ(f[1].sheet, "members");
  EXPECT_EQ(f[1].line, 3);
  EXPECT_EQ(f[1].column, 3);
  EXPECT_TRUE(f[1].row_skipped);
  EXPECT_EQ(f[2].line, 4);
  EXPECT_EQ(f[2].column, 1);
  EXPECT_TRUE(f[2].row_skipped);
  EXPECT_EQ((*reader)->summary().rows_skipped, 2);
}

TEST(WorkbookLedgerReaderTest, TableFromSheetNameFileNameOrHeaders) {
  Book b;
  b.shared = {"<t>单位标识</t>", "<t>单位名称</t>", "<t>人员编号</t>",
              "<t>姓名</t>", "<t>填表说明：每行一个单位</t>"};
  b.sheets.push_back({"单位", Row(1, {S("A1", 0), S("B1", 1)}) +
                                  Row(2, {I("A2", "h1"), I("B2", "甲公司")})});
  // "Sheet2": its headers say members.
  b.sheets.push_back({"Sheet2", Row(1, {S("A1", 2), S("B1", 3)}) +
                                    Row(2, {I("A2", "m1"), I("B2", "张三")})});
  // Notes: not a ledger; said, and the others read.
  b.sheets.push_back({"说明", Row(1, {S("A1", 4)}) + Row(2, {I("A2", "x")})});
  b.sheets.push_back({"空白", ""});
  // Named as a ledger, without its id column: its rows are lost, an error.
  b.sheets.push_back({"党组织", Row(1, {S("A1", 1)}) + Row(2, {I("A2", "x")})});
  const std::string path = Path("县台账.xlsx");
  Write(b, path);
  auto reader = WorkbookLedgerReader::Open(path);
  ASSERT_TRUE(reader.ok()) << reader.status();
  const auto records = ReadAll(reader->get());
  ASSERT_TRUE((*reader)->status().ok()) << (*reader)->status();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].host_organization().name(), "甲公司");
  EXPECT_EQ(records[1].member().name(), "张三");
  const auto& sheets = (*reader)->sheets();
  ASSERT_EQ(sheets.size(), 5u);
  EXPECT_EQ(sheets[0].summary.table, CsvTable::kHostOrganizations);
  EXPECT_EQ(sheets[1].summary.table, CsvTable::kMembers);
  EXPECT_EQ(sheets[2].summary.table, CsvTable::kAuto);
  EXPECT_EQ(sheets[3].summary.table, CsvTable::kAuto);
  EXPECT_EQ(sheets[4].summary.table, CsvTable::kAuto);
  const auto& f = (*reader)->findings();
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].sheet, "说明");
  EXPECT_THAT(f[0].message, HasSubstr("not read as a ledger"));
  EXPECT_FALSE(f[0].row_skipped);  // A notes sheet: said, passed over.
  EXPECT_EQ(f[1].sheet, "党组织");
  EXPECT_THAT(f[1].message,
              AllOf(HasSubstr("none of its rows"), HasSubstr("no id column")));
  EXPECT_TRUE(f[1].row_skipped);

  // One sheet named Sheet1, without headers that tell: the file's name.
  Book one;
  one.shared = {"<t>id</t>", "<t>name</t>"};  // Columns of every table.
  one.sheets.push_back(
      {"Sheet1", Row(1, {S("A1", 0), S("B1", 1)}) +
                     Row(2, {I("A2", "h9"), I("B2", "乙公司")})});
  Write(one, Path("单位.xlsx"));
  auto by_file = WorkbookLedgerReader::Open(Path("单位.xlsx"));
  ASSERT_TRUE(by_file.ok()) << by_file.status();
  const auto got = ReadAll(by_file->get());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].host_organization().id(), "h9");
  // The same workbook under another name cannot be told.
  Write(one, Path("book.xlsx"));
  auto unknown = WorkbookLedgerReader::Open(Path("book.xlsx"));
  ASSERT_TRUE(unknown.ok());
  EXPECT_THAT(ReadAll(unknown->get()), IsEmpty());
  EXPECT_EQ((*unknown)->status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT((*unknown)->status().message(),
              AllOf(HasSubstr("no sheet"), HasSubstr("Sheet1")));
}

TEST(WorkbookLedgerReaderTest, DateSystemsAndEscapes) {
  Book b;
  b.date1904 = true;
  b.shared = kMemberHeaders;
  b.shared.push_back("<t>第一行_x000D_第二行</t>");
  b.sheets.push_back(
      {"党员", MemberHeader(1) +
                   // 1904 system: serial 40403 is 2014-08-14.
                   Row(2, {I("A2", "m1"), S("B2", 9), N("D2", "40403", 1),
                           // Not a date format: the number as it is.
                           N("H2", "12.5", 4)})});
  Write(b, Path("d1904.xlsx"));
  auto reader = WorkbookLedgerReader::Open(Path("d1904.xlsx"));
  ASSERT_TRUE(reader.ok()) << reader.status();
  const auto records = ReadAll(reader->get());
  ASSERT_EQ(records.size(), 1u) << (*reader)->findings().size();
  EXPECT_EQ(records[0].member().probationary_on().year(), 2014);
  EXPECT_EQ(records[0].member().probationary_on().month(), 8);
  EXPECT_EQ(records[0].member().probationary_on().day(), 14);
  EXPECT_EQ(records[0].member().name(), "第一行\r第二行");
  EXPECT_EQ(records[0].member().monthly_dues_fen(), 1250);
}

TEST(WorkbookLedgerReaderTest, RefusesWhatIsNoWorkbook) {
  const std::string text = Path("not_a_book.xlsx");
  std::ofstream(text) << "编号,名称\nh1,甲\n";
  auto r = WorkbookLedgerReader::Open(text);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(),
              AllOf(HasSubstr("not_a_book.xlsx"), HasSubstr("not an Excel")));

  const std::string ole = Path("old.xlsx");
  std::ofstream(ole) << std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)
                     << std::string(600, '\0');
  r = WorkbookLedgerReader::Open(ole);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("97-2003"));

  EXPECT_EQ(WorkbookLedgerReader::Open(Path("nowhere.xlsx")).status().code(),
            absl::StatusCode::kNotFound);

  // A zip archive that is no workbook.
  Book none;
  none.extra["xl/workbook.xml"] = "<workbook><sheets></sheets></workbook>";
  Write(none, Path("nosheet.xlsx"));
  r = WorkbookLedgerReader::Open(Path("nosheet.xlsx"));
  EXPECT_THAT(r.status().message(), HasSubstr("no sheet"));
}

TEST(WorkbookLedgerReaderTest, DamagedPartsStopWithDataLoss) {
  Book b;
  b.shared = kMemberHeaders;
  b.sheets.push_back({"党员", MemberHeader(1) + Row(2, {I("A2", "m1")}) +
                                  // A shared string the table does not have.
                                  Row(3, {I("A3", "m2"), S("B3", 99)})});
  Write(b, Path("badindex.xlsx"));
  auto reader = WorkbookLedgerReader::Open(Path("badindex.xlsx"));
  ASSERT_TRUE(reader.ok()) << reader.status();
  const auto records = ReadAll(reader->get());
  EXPECT_EQ(records.size(), 1u);
  EXPECT_EQ((*reader)->status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT((*reader)->status().message(),
              AllOf(HasSubstr("badindex.xlsx"), HasSubstr("党员"),
                    HasSubstr("shared string 99")));

  // XML cut off in the middle of a row.
  Book cut = b;
  cut.sheets[0].rows = MemberHeader(1) + Row(2, {I("A2", "m1")});
  Write(cut, Path("cut.xlsx"));
  // Replace the sheet's part with one cut short.
  cut.extra["xl/worksheets/sheet1.xml"] =
      R"(<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>m1)";
  Write(cut, Path("cut.xlsx"));
  reader = WorkbookLedgerReader::Open(Path("cut.xlsx"));
  ASSERT_TRUE(reader.ok()) << reader.status();
  ReadAll(reader->get());
  EXPECT_EQ((*reader)->status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT((*reader)->status().message(), HasSubstr("not well-formed"));
}

TEST(WorkbookLedgerReaderTest, ReadsAFifoOnce) {
  Book b;
  b.shared = kMemberHeaders;
  b.sheets.push_back({"党员", MemberHeader(1) + Row(2, {I("A2", "m1")}) +
                                  Row(3, {I("A3", "m2")})});
  const std::string file = Path("fifo_source.xlsx");
  Write(b, file);
  std::ifstream in(file, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  const std::string data = bytes.str();
  const std::string fifo = Path("党员.fifo.xlsx");
  std::remove(fifo.c_str());
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] {
    const int fd = open(fifo.c_str(), O_WRONLY);
    ASSERT_GE(fd, 0);
    size_t done = 0;
    while (done < data.size()) {
      const ssize_t n = write(fd, data.data() + done, data.size() - done);
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    close(fd);
  });
  auto reader = OpenRecordReader(fifo);
  ASSERT_TRUE(reader.ok()) << reader.status();
  v1::Record r;
  int n = 0;
  while ((*reader)->Next(&r)) ++n;
  writer.join();
  EXPECT_TRUE((*reader)->status().ok());
  EXPECT_EQ(n, 2);
  std::remove(fifo.c_str());

  // And from memory.
  auto from_memory = WorkbookLedgerReader::FromBuffer(data, "党员.xlsx");
  ASSERT_TRUE(from_memory.ok()) << from_memory.status();
  EXPECT_EQ(ReadAll(from_memory->get()).size(), 2u);
}

TEST(WorkbookLedgerReaderTest, AFolderOfWorkbooksAndCsvIsOneShard) {
  const std::string dir = Path("county_book");
  mkdir(dir.c_str(), 0700);
  Book b;
  b.shared = {"<t>单位标识</t>", "<t>单位名称</t>"};
  b.sheets.push_back({"单位", Row(1, {S("A1", 0), S("B1", 1)}) +
                                  Row(2, {I("A2", "h1"), I("B2", "甲公司")})});
  Write(b, dir + "/单位.xlsx");
  std::ofstream(dir + "/党员.csv") << "人员编号,姓名,工作单位\nm1,张三,h1\n";
  auto shards = ExpandInputs({dir});
  ASSERT_TRUE(shards.ok()) << shards.status();
  ASSERT_EQ(shards->size(), 1u);
  EXPECT_THAT((*shards)[0], ElementsAre(dir + "/党员.csv", dir + "/单位.xlsx"));
}

}  // namespace
}  // namespace dangjian

namespace dangjian {
namespace {

TEST(WorkbookLedgerReaderTest, NumbersAsExcelShowsThemFromAnyWriter) {
  Book b;
  b.shared = kMemberHeaders;
  b.sheets.push_back(
      {"党员",
       MemberHeader(1) +
           // Apache POI's spellings: 12345.0, 1.0E7; a formula's noise.
           Row(2, {N("A2", "12345.0"), N("H2", "1.0E1")}) +
           Row(3, {N("A3", "1.2346E4"), N("H3", "0.30000000000000004")}) +
           // An error in the id cell: no id, the row is not imported.
           Row(4, {R"(<c r="A4" t="e"><v>#REF!</v></c>)", I("B4", "王五")}) +
           // A value far past the header: said, the row skipped; an empty
           // cell there takes no room.
           Row(5, {I("A5", "m5"), R"(<c r="XFD5"/>)"}) +
           Row(6, {I("A6", "m6"), I("XFD6", "x")}) +
           // A time of day (format 32 in Chinese Excel) is no date; a
           // serial past 9999 is no date either.
           Row(7, {I("A7", "m7"), N("D7", "2958466", 1)})});
  Write(b, Path("poi.xlsx"));
  auto reader = WorkbookLedgerReader::Open(Path("poi.xlsx"));
  ASSERT_TRUE(reader.ok()) << reader.status();
  const auto records = ReadAll(reader->get());
  ASSERT_TRUE((*reader)->status().ok()) << (*reader)->status();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].member().id(), "12345");
  EXPECT_EQ(records[0].member().monthly_dues_fen(), 1000);
  EXPECT_EQ(records[1].member().id(), "12346");
  EXPECT_EQ(records[1].member().monthly_dues_fen(), 30);
  EXPECT_EQ(records[2].member().id(), "m5");
  const auto& f = (*reader)->findings();
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].line, 4);
  EXPECT_TRUE(f[0].row_skipped);
  EXPECT_THAT(f[0].message,
              AllOf(HasSubstr("#REF!"), HasSubstr("not imported")));
  EXPECT_EQ(f[1].line, 6);
  EXPECT_EQ(f[1].column, 16384);
  EXPECT_TRUE(f[1].row_skipped);
  // 2958466 is past 9999-12-31: no date, and the row is skipped.
  EXPECT_EQ(f[2].line, 7);
  EXPECT_TRUE(f[2].row_skipped);
}

TEST(WorkbookLedgerReaderTest, LimitsAndPersonalData) {
  Book b;
  b.shared = kMemberHeaders;
  b.sheets.push_back({"党员", MemberHeader(1) + Row(2, {I("A2", "m1")}) +
                                  Row(3, {I("A3", std::string(2000, 'x'))})});
  // A sheet named with a phone number: never shown whole.
  b.sheets.push_back(
      {"13800138000党员", MemberHeader(1) + Row(2, {S("A2", 77)})});
  Write(b, Path("limits.xlsx"));
  CsvReaderOptions small;
  small.max_row_bytes = 1000;
  auto reader = WorkbookLedgerReader::Open(Path("limits.xlsx"), small);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ(ReadAll(reader->get()).size(), 1u);
  EXPECT_EQ((*reader)->status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT((*reader)->status().message(), HasSubstr("max_row_bytes"));

  auto masked = WorkbookLedgerReader::Open(Path("limits.xlsx"));
  ASSERT_TRUE(masked.ok());
  ReadAll(masked->get());
  // The second sheet's shared string 77 is missing: its status names the
  // sheet, masked.
  EXPECT_EQ((*masked)->status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(
      (*masked)->status().message(),
      AllOf(HasSubstr("8000党员"), ::testing::Not(HasSubstr("13800138000"))));
  for (const WorkbookSheet& s : (*masked)->sheets()) {
    EXPECT_THAT(s.name, ::testing::Not(HasSubstr("13800138000")));
  }
  // A sheet meant as a ledger that cannot be read fails ReadDataset.
  Book lost;
  lost.shared = {"<t>姓名</t>", "<t>单位标识</t>", "<t>单位名称</t>"};
  lost.sheets.push_back({"单位", Row(1, {S("A1", 1), S("B1", 2)}) +
                                     Row(2, {I("A2", "h1"), I("B2", "甲")})});
  lost.sheets.push_back(
      {"党员", Row(1, {S("A1", 0)}) + Row(2, {I("A2", "x")})});
  Write(lost, Path("lost.xlsx"));
  EXPECT_EQ(ReadDataset(Path("lost.xlsx")).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(WorkbookLedgerReaderTest, FoldersPassOverLockFilesAndRefuseXls) {
  const std::string dir = Path("county_locks");
  mkdir(dir.c_str(), 0700);
  std::remove((dir + "/党员.xls").c_str());
  Book b;
  b.shared = {"<t>单位标识</t>", "<t>单位名称</t>"};
  b.sheets.push_back({"单位", Row(1, {S("A1", 0), S("B1", 1)})});
  Write(b, dir + "/单位.xlsx");
  std::ofstream(dir + "/~$单位.xlsx") << "owner";
  auto shards = ExpandInputs({dir});
  ASSERT_TRUE(shards.ok()) << shards.status();
  EXPECT_THAT((*shards)[0], ElementsAre(dir + "/单位.xlsx"));
  std::ofstream(dir + "/党员.xls") << "old";
  shards = ExpandInputs({dir});
  EXPECT_EQ(shards.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(shards.status().message(),
              AllOf(HasSubstr("党员.xls"), HasSubstr("97-2003")));
}

}  // namespace
}  // namespace dangjian
