// The sample township ledger in examples/data/ (written by
// make_township_ledger.py): the UTF-8-with-BOM and the GBK copies read
// without a finding but the subtotal row, to the same records.
#include <string>
#include <vector>

#include "dangjian/csv_ledger.h"
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
                                                {"party_organizations", 20},
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

}  // namespace
}  // namespace dangjian
