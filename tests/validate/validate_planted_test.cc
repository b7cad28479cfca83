// The planted-faults county (tests/data/, written by make_planted_faults.py):
// every planted fault is found with the right rule and location, and nothing
// else is reported.
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_split.h"
#include "dangjian/io.h"
#include "dangjian/record.h"
#include "dangjian/validate.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::IsOk;
// rule_id, record_kind, record_id, field_path, record_index
using Row =
    std::tuple<std::string, std::string, std::string, std::string, int64_t>;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::map<Row, int> Expected() {
  std::map<Row, int> rows;
  std::istringstream in(ReadFile(std::string(DANGJIAN_SOURCE_DIR) +
                                 "/tests/data/planted_faults_expected.tsv"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    EXPECT_EQ(f.size(), 5u) << line;
    if (f.size() != 5) continue;
    ++rows[Row{f[0], f[1], f[2], f[3], std::stoll(f[4])}];
  }
  return rows;
}

v1::Dataset Planted() {
  absl::StatusOr<v1::Dataset> d = DatasetFromJson(ReadFile(
      std::string(DANGJIAN_SOURCE_DIR) + "/tests/data/planted_faults.json"));
  EXPECT_THAT(d, IsOk());
  return d.ok() ? *d : v1::Dataset();
}

ValidatorOptions Options() {
  ValidatorOptions o;
  o.as_of.set_year(2024);
  o.as_of.set_month(6);
  o.as_of.set_day(30);
  return o;
}

std::map<Row, int> Found(const v1::ValidationReport& r) {
  std::map<Row, int> rows;
  for (const v1::Finding& f : r.findings()) {
    ++rows[Row{f.rule_id(), f.record_kind(), f.record_id(), f.field_path(),
               f.location().record_index()}];
  }
  return rows;
}

std::string Show(const Row& r) {
  return std::get<0>(r) + " " + std::get<1>(r) + "/" + std::get<2>(r) + " " +
         std::get<3>(r) + " @" + std::to_string(std::get<4>(r));
}

void ExpectSame(const std::map<Row, int>& expected,
                const std::map<Row, int>& found) {
  for (const auto& [row, n] : expected) {
    auto it = found.find(row);
    EXPECT_EQ(it == found.end() ? 0 : it->second, n) << "missed " << Show(row);
  }
  for (const auto& [row, n] : found) {
    if (expected.count(row) == 0) ADD_FAILURE() << "unplanted " << Show(row);
  }
}

TEST(PlantedFaultsTest, EveryPlantedFaultIsFoundAndNothingElse) {
  const std::map<Row, int> expected = Expected();
  int64_t total = 0;
  std::map<std::string, int> rules;
  for (const auto& [row, n] : expected) {
    total += n;
    rules[std::get<0>(row)] += n;
  }
  ASSERT_GE(total, 300) << "the dataset should hold several hundred faults";
  EXPECT_GE(rules.size(), 25u);
  auto v = Validator::Create(Options());
  ASSERT_THAT(v, IsOk());
  absl::StatusOr<v1::ValidationReport> r = (*v)->Validate(Planted());
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->findings_size(), total);
  EXPECT_EQ(r->findings_omitted(), 0);
  ExpectSame(expected, Found(*r));
}

TEST(PlantedFaultsTest, StreamingInReverseFindsTheSameFaults) {
  const v1::Dataset d = Planted();
  std::vector<v1::Record> records;
  ForEachRecord(d, [&](const v1::Record& r) { records.push_back(r); });
  auto v = Validator::Create(Options());
  ASSERT_THAT(v, IsOk());
  // Feed backwards, but tell the validator each record's own index.
  for (int64_t i = static_cast<int64_t>(records.size()) - 1; i >= 0; --i) {
    v1::SourceLocation where;
    where.set_file("planted_faults.json");
    where.set_record_index(i);
    ASSERT_THAT((*v)->Add(records[i], &where), IsOk());
  }
  absl::StatusOr<v1::ValidationReport> r = (*v)->Finish();
  ASSERT_THAT(r, IsOk());
  ExpectSame(Expected(), Found(*r));
}

}  // namespace
}  // namespace dangjian
