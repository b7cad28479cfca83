// The sample township ledger in examples/data/ (written by
// make_township_ledger.py): the UTF-8-with-BOM and the GBK copies read
// without a finding but the subtotal row, to the same records, and validate
// clean but for the faults the script plants on purpose.
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "dangjian/csv_ledger.h"
#include "dangjian/validate.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::IsOk;

struct Read {
  std::vector<v1::Record> records;
  CsvImportSummary summary;
  std::vector<CsvFinding> findings;
};

Read ReadTable(const std::string& dir, const std::string& table) {
  Read out;
  auto r = CsvLedgerReader::Open(std::string(DANGJIAN_EXAMPLES_DATA_DIR) + "/" +
                                 dir + "/" + table + ".csv");
  EXPECT_THAT(r, IsOk());
  if (!r.ok()) return out;
  v1::Record rec;
  while ((*r)->Next(&rec)) out.records.push_back(rec);
  EXPECT_THAT((*r)->status(), IsOk());
  out.summary = (*r)->summary();
  out.findings = (*r)->findings();
  return out;
}

TEST(ExamplesDataTest, BothEncodingsReadToTheSameLedger) {
  const std::pair<const char*, int> tables[] = {{"regions", 4},
                                                {"grids", 3},
                                                {"host_organizations", 36},
                                                {"members", 90},
                                                {"party_organizations", 23},
                                                {"funding", 20}};
  for (const auto& [table, rows] : tables) {
    SCOPED_TRACE(table);
    Read utf8 = ReadTable("utf8-bom", table);
    Read gbk = ReadTable("gbk", table);
    EXPECT_EQ(utf8.summary.encoding, TextEncoding::kUtf8Bom);
    EXPECT_EQ(gbk.summary.encoding, TextEncoding::kGb18030);
    EXPECT_EQ(static_cast<int>(utf8.records.size()), rows);
    EXPECT_EQ(utf8.summary.rows_skipped, 0);
    ASSERT_EQ(utf8.records.size(), gbk.records.size());
    for (size_t i = 0; i < utf8.records.size(); ++i) {
      EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
          utf8.records[i], gbk.records[i]))
          << i;
    }
    // Only the host ledger has a subtotal row (合计), reported and not counted.
    const int subtotals = std::string(table) == "host_organizations" ? 1 : 0;
    EXPECT_EQ(utf8.summary.subtotal_rows, subtotals);
    EXPECT_EQ(static_cast<int>(utf8.findings.size()), subtotals);
  }
}

TEST(ExamplesDataTest, OnlyThePlantedFaultsAreErrorsOrRecordWarnings) {
  ValidatorOptions options;
  options.as_of.set_year(2014);
  options.as_of.set_month(12);
  options.as_of.set_day(31);
  auto validator = Validator::Create(options);
  ASSERT_THAT(validator, IsOk());
  for (const char* table : {"regions", "grids", "host_organizations",
                            "party_organizations", "members", "funding"}) {
    for (const v1::Record& r : ReadTable("gbk", table).records) {
      ASSERT_THAT((*validator)->Add(r), IsOk());
    }
  }
  auto report = (*validator)->Finish();
  ASSERT_THAT(report, IsOk());
  std::vector<std::string> errors, record_warnings;
  for (const v1::Finding& f : report->findings()) {
    const std::string what = f.rule_id() + " " + f.record_id();
    if (f.severity() == v1::SEVERITY_ERROR) errors.push_back(what);
    if (f.severity() == v1::SEVERITY_WARNING &&
        f.rule_id().rfind("member.", 0) == 0) {
      record_warnings.push_back(what);
    }
  }
  // The credit code of H-007 and the gender of M-0010 are wrong on purpose;
  // every other credit code, resident ID and gender is consistent.
  EXPECT_THAT(errors,
              ::testing::ElementsAre("host.credit_code.checksum H-007"));
  EXPECT_THAT(record_warnings,
              ::testing::ElementsAre("member.gender.mismatch M-0010"));
}

std::vector<std::string> HeaderCells(CsvTable table, bool chinese) {
  CsvWriterOptions o;
  o.table = table;
  o.chinese_headers = chinese;
  o.utf8_bom = false;
  std::string out;
  auto w = CsvLedgerWriter::ToString(&out, o);
  EXPECT_THAT(w, IsOk());
  std::vector<std::string> cells;
  std::string line = out.substr(0, out.find("\r\n"));
  size_t start = 0;
  for (size_t comma; (comma = line.find(',', start)) != std::string::npos;
       start = comma + 1) {
    cells.push_back(line.substr(start, comma - start));
  }
  cells.push_back(line.substr(start));
  return cells;
}

// docs/ledger-format.md documents every column the writer writes.
TEST(LedgerFormatDocTest, EveryColumnIsDocumented) {
  std::ifstream in(std::string(DANGJIAN_EXAMPLES_DATA_DIR) +
                   "/../../docs/ledger-format.md");
  ASSERT_TRUE(in.good());
  const std::string doc((std::istreambuf_iterator<char>(in)),
                        std::istreambuf_iterator<char>());
  for (int t = static_cast<int>(CsvTable::kRegions);
       t <= static_cast<int>(CsvTable::kRegionEconomies); ++t) {
    const CsvTable table = static_cast<CsvTable>(t);
    const std::string name(CsvTableName(table));
    const size_t section = doc.find("### `" + name + ".csv`");
    ASSERT_NE(section, std::string::npos) << name;
    const size_t next = doc.find("\n### ", section + 1);
    const std::string text = doc.substr(section, next - section);
    const std::vector<std::string> english = HeaderCells(table, false);
    const std::vector<std::string> chinese = HeaderCells(table, true);
    ASSERT_EQ(english.size(), chinese.size());
    for (size_t i = 0; i < english.size(); ++i) {
      EXPECT_THAT(
          text, ::testing::HasSubstr("| `" + english[i] + "` | " + chinese[i]))
          << name;
    }
  }
}

}  // namespace
}  // namespace dangjian
