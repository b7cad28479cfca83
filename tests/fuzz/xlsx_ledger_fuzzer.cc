// Fuzzes WorkbookLedgerReader::FromBuffer: reading never crashes, leaks or
// hangs; every record has an entity; each sheet's counts add up (rows read =
// imported + skipped + subtotals) when reading ends OK; summary() counts the
// records Next() gave; no status, finding or sheet name shows personal data
// whole; findings() keeps at most max_findings.
//
// The first byte picks the mode and options, the rest is the input:
// - bit 0x80 clear: the text of xl/worksheets/sheet1.xml in an otherwise
//   valid workbook (fixed workbook, relationships, shared strings with the
//   member ledger's headers, styles with date formats), zipped in memory and
//   stored without compression. A NUL (which no XML holds) ends the sheet:
//   the text after it, up to a second NUL, replaces xl/sharedStrings.xml, and
//   the text after that xl/styles.xml (an empty piece keeps the fixed part).
//   Bit 0x40 names the sheet "Sheet1" instead of 党员 (its table then comes
//   from its headers); bit 0x20 sets the 1904 date system.
// - bit 0x80 set: the whole .xlsx file.
// In both, (byte & 0x7F) % 10 is CsvReaderOptions::table.
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "dangjian/csv_ledger.h"
#include "fuzz_util.h"

namespace {

constexpr char kContentTypes[] =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";

constexpr char kRootRels[] =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";

constexpr char kWorkbookRels[] =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdY" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/styles.xml"/></Relationships>)";

// Shared strings, by index: 0-8 member ledger headers, 9-13 cell values, 14
// a rich text, 15 a phonetic run, 16 an escape, 17-18 personal data, 19 a
// title.
constexpr char kSharedStrings[] =
    R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="20">)"
    R"(<si><t>人员编号</t></si><si><t>姓名</t></si><si><t>发展阶段</t></si>)"
    R"(<si><t>入党日期</t></si><si><t>工作单位</t></si><si><t>身份证号</t></si>)"
    R"(<si><t>党员业主</t></si><si><t>月缴党费(元)</t></si><si><t>转正日期</t></si>)"
    R"(<si><t>张三</t></si><si><t>正式党员</t></si><si><t>预备党员</t></si>)"
    R"(<si><t>合计</t></si><si><t>h1</t></si>)"
    R"(<si><r><t>李</t></r><r><t>四</t></r></si>)"
    R"(<si><t>h2</t><rPh><t>ピン</t></rPh></si>)"
    R"(<si><t>第一行_x000D_第二行</t></si>)"
    R"(<si><t>110101199003070012</t></si><si><t>13800138000</t></si>)"
    R"(<si><t>某县非公企业党员台账</t></si></sst>)";

// Cell styles, by index: 0 General, 1 Excel's built-in short date (14), 2 a
// custom Chinese date, 3 text (@), 4 a custom number format that is no date.
constexpr char kStyles[] =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
    R"(<numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="0.00;[Red]\-0.00"/></numFmts>)"
    R"(<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>)"
    R"(<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="49"/><xf numFmtId="177"/></cellXfs></styleSheet>)";

std::string Workbook(bool sheet1, bool date1904) {
  return absl::StrCat(
      R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)",
      date1904 ? R"(<workbookPr date1904="1"/>)" : "",
      R"(<sheets><sheet name=")", sheet1 ? "Sheet1" : "党员",
      R"(" sheetId="1" r:id="rId1"/></sheets></workbook>)");
}

[[noreturn]] void HarnessFailure(const char* what) {
  std::fprintf(stderr, "xlsx_ledger_fuzzer: libzip failed: %s\n", what);
  std::abort();
}

// The parts zipped into one archive in memory, each stored uncompressed.
std::string Zip(
    const std::vector<std::pair<const char*, absl::string_view>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (src == nullptr) HarnessFailure("zip_source_buffer_create");
  zip_t* archive = zip_open_from_source(src, ZIP_TRUNCATE, &error);
  if (archive == nullptr) HarnessFailure("zip_open_from_source");
  zip_error_fini(&error);
  // The archive's data stays in `src` after zip_close().
  zip_source_keep(src);
  for (const auto& [name, text] : parts) {
    zip_source_t* part =
        zip_source_buffer(archive, text.data(), text.size(), 0);
    if (part == nullptr) HarnessFailure("zip_source_buffer");
    const zip_int64_t index =
        zip_file_add(archive, name, part, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(part);
      HarnessFailure("zip_file_add");
    }
    if (zip_set_file_compression(archive, static_cast<zip_uint64_t>(index),
                                 ZIP_CM_STORE, 0) != 0) {
      HarnessFailure("zip_set_file_compression");
    }
  }
  if (zip_close(archive) != 0) HarnessFailure("zip_close");
  std::string out;
  if (zip_source_open(src) != 0) HarnessFailure("zip_source_open");
  char buf[1 << 14];
  for (;;) {
    const zip_int64_t n = zip_source_read(src, buf, sizeof(buf));
    if (n < 0) HarnessFailure("zip_source_read");
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  zip_source_close(src);
  zip_source_free(src);
  return out;
}

// The text of `bytes` up to the first NUL, which is taken off `*bytes` with
// the NUL; all of it when there is none.
absl::string_view NextPiece(absl::string_view* bytes) {
  const size_t nul = bytes->find('\0');
  const absl::string_view piece = bytes->substr(0, nul);
  bytes->remove_prefix(nul == absl::string_view::npos ? bytes->size()
                                                      : nul + 1);
  return piece;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > (256 << 10)) return 0;
  const uint8_t pick = data[0];
  absl::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  dangjian::CsvReaderOptions options;
  options.table = static_cast<dangjian::CsvTable>((pick & 0x7F) % 10);
  options.max_findings = 1000;

  std::string zipped;
  if ((pick & 0x80) == 0) {
    const absl::string_view sheet = NextPiece(&bytes);
    const absl::string_view strings = NextPiece(&bytes);
    const absl::string_view styles = bytes;
    const std::string workbook =
        Workbook((pick & 0x40) != 0, (pick & 0x20) != 0);
    zipped = Zip({
        {"[Content_Types].xml", kContentTypes},
        {"_rels/.rels", kRootRels},
        {"xl/workbook.xml", workbook},
        {"xl/_rels/workbook.xml.rels", kWorkbookRels},
        {"xl/sharedStrings.xml", strings.empty() ? kSharedStrings : strings},
        {"xl/styles.xml", styles.empty() ? kStyles : styles},
        {"xl/worksheets/sheet1.xml", sheet},
    });
    bytes = zipped;
  }

  auto reader =
      dangjian::WorkbookLedgerReader::FromBuffer(bytes, "fuzz.xlsx", options);
  if (!reader.ok()) {
    dangjian_fuzz::CheckNoPersonalData(reader.status().message());
    return 0;
  }
  dangjian::v1::Record r;
  int64_t imported = 0;
  while ((*reader)->Next(&r)) {
    ++imported;
    if (r.entity_case() == dangjian::v1::Record::ENTITY_NOT_SET) std::abort();
  }
  // Next() stays false at the end.
  if ((*reader)->Next(&r)) std::abort();
  const absl::Status status = (*reader)->status();
  dangjian_fuzz::CheckNoPersonalData(status.message());
  const auto& findings = (*reader)->findings();
  if (static_cast<int64_t>(findings.size()) > options.max_findings) {
    std::abort();
  }
  for (const dangjian::CsvFinding& f : findings) {
    dangjian_fuzz::CheckNoPersonalData(f.message);
    dangjian_fuzz::CheckNoPersonalData(f.header);
    dangjian_fuzz::CheckNoPersonalData(f.sheet);
  }
  for (const dangjian::WorkbookSheet& sheet : (*reader)->sheets()) {
    dangjian_fuzz::CheckNoPersonalData(sheet.name);
    const dangjian::CsvImportSummary& s = sheet.summary;
    if (status.ok() &&
        s.rows_read != s.rows_imported + s.rows_skipped + s.subtotal_rows) {
      std::abort();
    }
  }
  const dangjian::CsvImportSummary total = (*reader)->summary();
  if (total.rows_imported != imported) std::abort();
  if (status.ok() && total.rows_read != total.rows_imported +
                                            total.rows_skipped +
                                            total.subtotal_rows) {
    std::abort();
  }
  return 0;
}
