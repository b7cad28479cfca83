// CSV ledgers read: every spreadsheet quirk the issue lists, each with a
// case that passes and one that fails. Writing them: csv_writer_test.cc.
#include "dangjian/csv_ledger.h"

#include <iconv.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "dangjian/record.h"
#include "dangjian/validate.h"
#include "gmock/gmock.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "io/csv_ledger_fixture.h"
#include "testing/csv_import.h"
#include "testing/populate.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::csv_testing::Convert;
using ::dangjian::csv_testing::kHosts;
using ::dangjian::csv_testing::kId;
using ::dangjian::csv_testing::Messages;
using ::dangjian::csv_testing::Read;
using ::dangjian::testing::Import;
using ::dangjian::testing::IsOk;
using ::dangjian::testing::ReadAllWays;
using ::dangjian::testing::StatusIs;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(CsvEncodingTest, Utf8WithAndWithoutBom) {
  Import a = Read(kHosts);
  ASSERT_THAT(a.open, IsOk());
  EXPECT_EQ(a.summary.encoding, TextEncoding::kUtf8);
  ASSERT_EQ(a.records.size(), 2u) << Messages(a);
  EXPECT_EQ(a.records[0].host_organization().name(), "红山水泥有限公司");
  EXPECT_EQ(a.records[1].host_organization().name(), "经棚镇商会, 联合");
  EXPECT_EQ(a.records[0].host_organization().employees(), 120);
  Import b = Read(std::string("\xEF\xBB\xBF") + kHosts);
  EXPECT_EQ(b.summary.encoding, TextEncoding::kUtf8Bom);
  ASSERT_EQ(b.records.size(), 2u) << Messages(b);
  EXPECT_EQ(b.records[0].host_organization().id(), "h1");
}

TEST(CsvEncodingTest, GbkIsDetectedAsGb18030) {
  const std::string gbk = Convert(kHosts, "GBK");
  ASSERT_NE(gbk, kHosts);
  Import a = Read(gbk);
  ASSERT_THAT(a.open, IsOk());
  EXPECT_EQ(a.summary.encoding, TextEncoding::kGb18030);
  ASSERT_EQ(a.records.size(), 2u) << Messages(a);
  EXPECT_EQ(a.records[0].host_organization().name(), "红山水泥有限公司");
  // Declared UTF-8, the same bytes are reported row by row, not imported.
  CsvReaderOptions utf8;
  utf8.encoding = TextEncoding::kUtf8;
  utf8.table = CsvTable::kHostOrganizations;
  Import b = Read(gbk, "x.csv", utf8);
  EXPECT_THAT(b.open, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("no id column")));
}

TEST(CsvEncodingTest, Utf16LeWithBomAndTabs) {
  std::string tsv = kHosts;
  // Excel's "Unicode text": tabs, CRLF, UTF-16LE with a BOM.
  for (char& c : tsv) {
    if (c == ',') c = '\t';
  }
  tsv = "\xEF\xBB\xBF" + tsv;
  const std::string utf16 = Convert(tsv, "UTF-16LE");
  ASSERT_EQ(utf16.substr(0, 2), "\xFF\xFE");
  Import a = Read(utf16);
  ASSERT_THAT(a.open, IsOk());
  EXPECT_EQ(a.summary.encoding, TextEncoding::kUtf16LeBom);
  EXPECT_EQ(a.summary.separator, '\t');
  ASSERT_EQ(a.records.size(), 2u) << Messages(a);
  EXPECT_EQ(a.records[1].host_organization().name(), "经棚镇商会\t 联合");
  // An odd byte at the end is a truncated character: reading stops, said so.
  Import b = Read(utf16 + "x");
  EXPECT_EQ(b.records.size(), 2u);
  EXPECT_THAT(b.status, StatusIs(absl::StatusCode::kDataLoss,
                                 HasSubstr("truncated UTF-16LE")));
}

TEST(CsvRfc4180Test, QuotesNewlinesAndLineEnds) {
  const std::string body =
      "单位标识,单位名称,所属行业\r\n"
      "h1,\"他说\"\"好\"\"\",制造\r\n"
      "h2,\"两行\r\n名称\",服务\r\n"
      "h3,末行,无换行";
  Import crlf = Read(body);
  ASSERT_EQ(crlf.records.size(), 3u) << Messages(crlf);
  EXPECT_EQ(crlf.records[0].host_organization().name(), "他说\"好\"");
  EXPECT_EQ(crlf.records[1].host_organization().name(), "两行\r\n名称");
  EXPECT_EQ(crlf.records[2].host_organization().industry(), "无换行");
  // Lines count the line break inside the quoted cell.
  EXPECT_THAT(crlf.lines, ElementsAre(2, 3, 5));
  std::string lf = body, cr = body;
  for (size_t at; (at = lf.find("\r\n")) != std::string::npos;) {
    lf.replace(at, 2, "\n");
  }
  for (size_t at; (at = cr.find("\r\n")) != std::string::npos;) {
    cr.replace(at, 2, "\r");
  }
  for (const std::string& text : {lf, cr, lf + "\n"}) {
    Import im = Read(text);
    ASSERT_EQ(im.records.size(), 3u) << Messages(im);
    EXPECT_THAT(im.lines, ElementsAre(2, 3, 5));
    EXPECT_EQ(im.findings.size(), 0u) << Messages(im);
  }
  // An unclosed quote swallows the rest: reported and skipped, not imported.
  Import bad = Read("单位标识,单位名称\nh1,\"open\nh2,b\n");
  EXPECT_TRUE(bad.records.empty());
  EXPECT_EQ(bad.summary.rows_skipped, 1);
  EXPECT_THAT(Messages(bad), HasSubstr("never closed"));
}

TEST(CsvRfc4180Test, BlankLinesAndRaggedRows) {
  Import im = Read(
      "单位标识,单位名称,所属行业\n\n h1 "
      ",甲\n,,\nh2,乙,制造,,\nh3,丙,制造,多余\n");
  ASSERT_EQ(im.records.size(), 2u) << Messages(im);
  EXPECT_EQ(im.records[0].host_organization().id(), "h1");  // Short row.
  EXPECT_EQ(im.records[1].host_organization().id(), "h2");  // Empty extras.
  EXPECT_EQ(im.summary.blank_lines, 2);
  EXPECT_EQ(im.summary.rows_read, 3);
  EXPECT_EQ(im.summary.rows_imported, 2);
  EXPECT_EQ(im.summary.rows_skipped, 1);
  ASSERT_EQ(im.findings.size(), 1u);
  EXPECT_EQ(im.findings[0].line, 6);
  EXPECT_EQ(im.findings[0].column, 4);
  EXPECT_THAT(im.findings[0].message, HasSubstr("4 cells but the header 3"));
}

TEST(CsvHeaderTest, TitleRowsAboveTheHeaderArePassedOver) {
  // A workbook's merged title exported as CSV: one cell, then separators.
  Import im =
      Read("某县非公企业单位台账,,\n,,\n单位标识,单位名称,所属行业\nh1,甲,\n");
  ASSERT_EQ(im.records.size(), 1u) << Messages(im);
  EXPECT_EQ(im.records[0].host_organization().name(), "甲");
  EXPECT_EQ(im.findings.size(), 0u) << Messages(im);
  // A lone cell that names a column is the header, not a title.
  Import one = Read("单位标识\nh1\n");
  ASSERT_EQ(one.records.size(), 1u) << Messages(one);
  // A title and nothing under it: no header, said so.
  Import only = Read("某县非公企业单位台账\n\n");
  EXPECT_THAT(only.open, StatusIs(absl::StatusCode::kInvalidArgument,
                                  AllOf(HasSubstr("单位.csv:1"),
                                        HasSubstr("only a title row"))));
}

TEST(CsvCellTest, SpreadsheetErrorsAreLeftOutAndSaid) {
  Import im = Read("单位标识,单位名称,成立日期\nh1,#N/A,#VALUE!\nh2,#N/A好,\n");
  ASSERT_EQ(im.records.size(), 2u) << Messages(im);
  EXPECT_EQ(im.records[0].host_organization().name(), "");
  EXPECT_FALSE(im.records[0].host_organization().has_registered_on());
  // Not an error value: text as written.
  EXPECT_EQ(im.records[1].host_organization().name(), "#N/A好");
  EXPECT_THAT(Messages(im),
              AllOf(HasSubstr("2:2:单位名称: the cell holds the spreadsheet "
                              "error #N/A"),
                    HasSubstr("2:3:成立日期: the cell holds the spreadsheet "
                              "error #VALUE!")));
  EXPECT_EQ(im.summary.rows_skipped, 0);
}

TEST(CsvHeaderTest, DuplicateBlankPaddedAndUnknownHeaders) {
  // Padded with full-width and ASCII spaces, a '*' for required: accepted.
  Import ok = Read(
      "\xE3\x80\x80*单位标识 ,\xE3\x80\x80单位名称\xE3\x80\x80,,备注栏\n"
      "h1,甲,,x\nh2,乙,孤儿,\n");
  ASSERT_EQ(ok.records.size(), 2u) << Messages(ok);
  EXPECT_THAT(Messages(ok),
              AllOf(HasSubstr("1:4:备注栏: not a column of host_organizations"),
                    HasSubstr("3:3:: a cell under a blank header")));
  // Two columns for one field: cannot be imported.
  Import dup = Read("单位标识,单位名称,name\nh1,甲,乙\n");
  EXPECT_THAT(dup.open, StatusIs(absl::StatusCode::kInvalidArgument,
                                 AllOf(HasSubstr("columns 2 (单位名称) and 3 "
                                                 "(name)"),
                                       HasSubstr("单位.csv:1"))));
  Import noid = Read("单位名称,所属行业\n甲,制造\n");
  EXPECT_THAT(noid.open, StatusIs(absl::StatusCode::kInvalidArgument,
                                  HasSubstr("no id column (单位标识")));
  Import empty = Read("\n\n");
  EXPECT_THAT(empty.open, StatusIs(absl::StatusCode::kInvalidArgument,
                                   HasSubstr("no header row")));
}

TEST(CsvHeaderTest, SeparatorsAndEnglishHeaders) {
  Import semi = Read("id;name;employees\nh1;\"a;b\";1.234\n", "x.csv",
                     {CsvTable::kHostOrganizations});
  EXPECT_EQ(semi.summary.separator, ';');
  // "1.234" is not a whole number: the row is reported, not imported.
  EXPECT_TRUE(semi.records.empty());
  EXPECT_THAT(Messages(semi), HasSubstr("2:3:employees: \"1.234\": not a "
                                        "whole number [skipped]"));
  Import tab = Read("id\tname\temployees\nh1\ta,b\t1,234\n", "x.csv",
                    {CsvTable::kHostOrganizations});
  EXPECT_EQ(tab.summary.separator, '\t');
  ASSERT_EQ(tab.records.size(), 1u) << Messages(tab);
  EXPECT_EQ(tab.records[0].host_organization().name(), "a,b");
  EXPECT_EQ(tab.records[0].host_organization().employees(), 1234);
}

TEST(CsvHeaderTest, WholeNumbersWrittenAsDecimalsAreWhole) {
  // pandas and Excel write a whole number of a float column as "3.0".
  Import ok = Read("id,employees\nh1,3.0\nh2,\"1,234.00\"\nh3,-0.0\n", "x.csv",
                   {CsvTable::kHostOrganizations});
  ASSERT_EQ(ok.records.size(), 3u) << Messages(ok);
  EXPECT_EQ(ok.records[0].host_organization().employees(), 3);
  EXPECT_EQ(ok.records[1].host_organization().employees(), 1234);
  EXPECT_EQ(ok.records[2].host_organization().employees(), 0);
  Import bad = Read("id,employees\nh1,3.5\nh2,3.\nh3,.0\nh4,1.000\n", "x.csv",
                    {CsvTable::kHostOrganizations});
  EXPECT_TRUE(bad.records.empty());
  EXPECT_THAT(Messages(bad),
              AllOf(HasSubstr("2:2:employees: \"3.5\": not a whole number"),
                    HasSubstr("3:2:employees: \"3.\": not a whole number"),
                    HasSubstr("4:2:employees: \".0\": not a whole number"),
                    HasSubstr("5:2:employees: \"1.000\": not a whole number")));
}

TEST(CsvTableTest, DetectedFromNameThenHeaders) {
  EXPECT_EQ(
      Read("id,name\nx,y\n", "township-party_organizations.csv").summary.table,
      CsvTable::kPartyOrganizations);
  EXPECT_EQ(
      Read("人员标识,姓名,性别\nm1,张三,男\n", "export.csv").summary.table,
      CsvTable::kMembers);
  EXPECT_THAT(Read("id,name\nx,y\n", "export.csv").open,
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("cannot tell which table")));
  EXPECT_EQ(CsvTableFromName("党员"), CsvTable::kMembers);
  EXPECT_EQ(CsvTableName(CsvTable::kFunding), "funding");
}

TEST(CsvCellTest, CodeLabelCells) {
  Import im = Read(
      "党组织标识,党组织类别,组建方式\n"
      "p1,11 建立党委,单建\n"
      "p2,党支部,JOINT\n"
      "p3,13-建立党支部,formation_model_regional\n"
      "p4,11,单建\n"
      "p5,党小组,单建\n",
      "党组织.csv");
  ASSERT_EQ(im.records.size(), 3u) << Messages(im);
  EXPECT_EQ(im.records[0].party_organization().level(),
            v1::ORG_LEVEL_COMMITTEE);
  EXPECT_EQ(im.records[0].party_organization().formation(),
            v1::FORMATION_MODEL_STANDALONE);
  EXPECT_EQ(im.records[1].party_organization().formation(),
            v1::FORMATION_MODEL_JOINT);
  EXPECT_EQ(im.records[2].party_organization().level(), v1::ORG_LEVEL_BRANCH);
  EXPECT_EQ(im.records[2].party_organization().formation(),
            v1::FORMATION_MODEL_REGIONAL);
  EXPECT_THAT(Messages(im),
              AllOf(HasSubstr("5:2:党组织类别: \"11\" is a bare code"),
                    HasSubstr("6:2:党组织类别: \"党小组\" is not one of: 党委, "
                              "党总支, 党支部")));
}

// Resident IDs are kept as written, never corrected, for the rules to judge
// (one home: src/validate/); a masked one cannot be, and a phone number that
// is not one is of no use: each is left out of a row that is still imported,
// with a finding at its cell. Before, each dropped its member from the
// figures (target 1 "nothing eligible" for a masked export).
TEST(CsvCellTest, ResidentIdsKeptAsWrittenAndUnusableOnesLeftOut) {
  const std::string csv = absl::StrCat(
      "人员标识,姓名,公民身份号码,联系电话\n", "m1,张三,", kId,
      ",13800138000\n", "m2,李四,1.10105E+17,\n",
      "m3,王五,110105194912310000,\n", "m4,赵六,110105194912310021,\n",
      "m5,钱七,110105********002X,\n", "m6,孙八,,1.38001E+10\n",
      "m7,周九,150425800101123,\n");
  Import im = Read(csv, "members.csv");
  ASSERT_EQ(im.records.size(), 7u) << Messages(im);
  EXPECT_EQ(im.summary.rows_skipped, 0);
  EXPECT_EQ(im.records[0].member().national_id(), kId);
  EXPECT_EQ(im.records[0].member().phone(), "13800138000");
  EXPECT_EQ(im.records[1].member().national_id(), "1.10105E+17");
  EXPECT_EQ(im.records[2].member().national_id(), "110105194912310000");
  EXPECT_EQ(im.records[3].member().national_id(), "110105194912310021");
  EXPECT_TRUE(im.records[4].member().national_id().empty());
  EXPECT_EQ(im.records[4].member().name(), "钱七");
  EXPECT_TRUE(im.records[5].member().phone().empty());
  EXPECT_EQ(im.records[6].member().national_id(), "150425800101123");
  EXPECT_EQ(Messages(im),
            "6:3:公民身份号码: resident ID 110105********002X is masked (an "
            "export that was not full-fidelity): left out, the row imported "
            "without it\n"
            "7:4:联系电话: phone *.***01E+10 was turned into a number in "
            "scientific notation by a spreadsheet and its last digits are "
            "lost; re-export the column as text: left out, the row imported "
            "without it");
  // The rules judge what was kept, each at its member.
  v1::Dataset d;
  for (const v1::Record& r : im.records) *d.add_members() = r.member();
  ValidatorOptions options;
  options.as_of.set_year(2017);
  options.as_of.set_month(12);
  options.as_of.set_day(31);
  auto report = (*Validator::Create(options))->Validate(d);
  ASSERT_TRUE(report.ok()) << report.status();
  std::vector<std::string> found;
  for (const v1::Finding& f : report->findings()) {
    if (absl::StartsWith(f.rule_id(), "member.national_id.")) {
      found.push_back(absl::StrCat(f.record_id(), " ", f.rule_id()));
      EXPECT_THAT(f.message(), Not(HasSubstr("110105194912310")));
    }
  }
  EXPECT_THAT(found, ::testing::UnorderedElementsAre(
                         "m2 member.national_id.excel_mangled",
                         "m3 member.national_id.excel_mangled",
                         "m4 member.national_id.checksum",
                         "m7 member.national_id.format"));
}

TEST(CsvCellTest, AmountsParseExactlyToFen) {
  struct Case {
    const char* text;
    AmountUnit unit;
    int64_t fen;
  };
  const Case good[] = {
      {"1,234.50", AmountUnit::kYuan, 123450},
      {"¥1234", AmountUnit::kYuan, 123400},
      {"￥1234", AmountUnit::kYuan, 123400},
      {"１２３４．５", AmountUnit::kYuan, 123450},
      {"(1,234.00)", AmountUnit::kYuan, -123400},
      {"-¥0.01", AmountUnit::kYuan, -1},
      {"100000元", AmountUnit::kYuan, 10000000},
      {"0.1", AmountUnit::kYuan, 10},  // 0.1 is not exact in binary: fine here.
      {"12.5万元", AmountUnit::kWanYuan, 12500000},
      {"0.000001", AmountUnit::kWanYuan, 1},
      {"92233720368547758.07", AmountUnit::kYuan, INT64_MAX},
      {"1.230", AmountUnit::kYuan, 123},
  };
  for (const Case& c : good) {
    absl::StatusOr<int64_t> fen = ParseAmountFen(c.text, c.unit);
    ASSERT_THAT(fen, IsOk()) << c.text;
    EXPECT_EQ(*fen, c.fen) << c.text;
  }
  const std::pair<const char*, const char*> bad[] = {
      {"1.234", "fraction of a fen"},
      {"1.2E+5", "scientific notation"},
      {"12,34.00", "thousands separators"},
      {"12万", "the column is in 元"},
      {"abc", "not a number"},
      {"92233720368547758.08", "out of range"},
      {"-(5)", "more than one minus"},
      {"5.", "nothing after"},
      {"", "empty"},
  };
  for (const auto& [text, why] : bad) {
    EXPECT_THAT(ParseAmountFen(text, AmountUnit::kYuan),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(why)))
        << text;
  }
  // In a ledger: the 万元 column suffix, and a bad amount reported by cell.
  Import im = Read(
      "记录标识,党组织,年度,经费来源,金额（万元）\n"
      "f1,p1,2014,企业列支,10\n"
      "f2,p1,2014,财政补贴,1.5e3\n",
      "经费.csv");
  ASSERT_EQ(im.records.size(), 1u) << Messages(im);
  EXPECT_EQ(im.records[0].funding().amount_fen(), 10000000);  // 10 万元
  EXPECT_EQ(im.records[0].funding().source(),
            v1::FUNDING_SOURCE_ENTERPRISE_ALLOCATION);
  EXPECT_THAT(Messages(im), HasSubstr("3:5:金额（万元）: amount \"1.5e3\""));
}

TEST(CsvCellTest, DatesAndFlags) {
  Import im = Read(
      "单位标识,成立日期,建立工会组织\n"
      "h1,2014-08-14,是\n"
      "h2,2014/8/4 0:00,否\n"
      "h3,2014年8月,Y\n"
      "h4,20140814,√\n"
      "h5,41865,是\n"
      "h6,2014-02-30,是\n"
      "h7,2014-08-14,也许\n");
  ASSERT_EQ(im.records.size(), 4u) << Messages(im);
  EXPECT_EQ(im.records[0].host_organization().registered_on().day(), 14);
  EXPECT_TRUE(im.records[0].host_organization().has_trade_union());
  EXPECT_EQ(im.records[1].host_organization().registered_on().day(), 4);
  EXPECT_FALSE(im.records[1].host_organization().has_trade_union());
  EXPECT_EQ(im.records[2].host_organization().registered_on().month(), 8);
  EXPECT_EQ(im.records[2].host_organization().registered_on().day(), 0);
  EXPECT_THAT(Messages(im),
              AllOf(HasSubstr("6:2:成立日期: \"41865\": looks like an Excel "
                              "date serial"),
                    HasSubstr("7:2:成立日期: \"2014-02-30\": not a valid"),
                    HasSubstr("8:3:建立工会组织: \"也许\" is not a yes/no")));
}

TEST(CsvRowTest, SubtotalRowsAndMergedCells) {
  Import im = Read(
      "单位标识,单位名称,从业人员数\n"
      "h1,甲,10\n"
      ",乙,20\n"
      "h3,丙,30\n"
      "合  计,,60\n"
      "小计：,,30\n");
  ASSERT_EQ(im.records.size(), 2u) << Messages(im);
  EXPECT_EQ(im.summary.rows_read, 5);
  EXPECT_EQ(im.summary.rows_imported, 2);
  EXPECT_EQ(im.summary.rows_skipped, 1);
  EXPECT_EQ(im.summary.subtotal_rows, 2);
  EXPECT_THAT(Messages(im),
              AllOf(HasSubstr("3:1:单位标识: the id cell is blank; a merged "
                              "cell?"),
                    HasSubstr("5:1:单位标识: a subtotal row (合计)"),
                    HasSubstr("6:1:单位标识: a subtotal row (小计)")));
  for (const CsvFinding& f : im.findings) EXPECT_EQ(f.file, "单位.csv");
  // A subtotal row is no fault; the blank id is.
  ASSERT_EQ(im.findings.size(), 3u);
  EXPECT_FALSE(IsSubtotalRow(im.findings[0]));
  EXPECT_TRUE(im.findings[0].row_skipped);
  EXPECT_TRUE(IsSubtotalRow(im.findings[1]));
  EXPECT_TRUE(IsSubtotalRow(im.findings[2]));
}

// A record whose text begins with a subtotal word is data: only a row with
// the word in its id cell, or with a blank id, is a subtotal row.
TEST(CsvRowTest, ASubtotalWordInARecordsTextIsData) {
  Import im = Read(
      "单位标识,单位名称,从业人员数\n"
      "h1,共计走访企业12家的单位,10\n"
      "合计,,10\n");
  ASSERT_EQ(im.records.size(), 1u) << Messages(im);
  EXPECT_EQ(im.records[0].host_organization().name(), "共计走访企业12家的单位");
  EXPECT_EQ(im.summary.subtotal_rows, 1);
  EXPECT_EQ(im.summary.rows_skipped, 0);
}

TEST(CsvRowTest, FindingsAreCappedButCounted) {
  CsvReaderOptions o;
  o.max_findings = 1;
  Import im = Read("单位标识,从业人员数\nh1,x\nh2,y\nh3,z\n", "单位.csv", o);
  EXPECT_EQ(im.findings.size(), 1u);
  EXPECT_EQ(im.summary.findings_dropped, 2);
  EXPECT_EQ(im.summary.rows_skipped, 3);
}

TEST(CsvRowTest, OverlongRowStopsReading) {
  CsvReaderOptions o;
  o.max_row_bytes = 40;
  Import im = Read("单位标识,单位名称\nh1,甲\nh2,\"" + std::string(50, 'x'),
                   "单位.csv", o);
  EXPECT_EQ(im.records.size(), 1u);
  EXPECT_THAT(im.status, StatusIs(absl::StatusCode::kResourceExhausted,
                                  HasSubstr("单位.csv:3")));
}

// Files larger than the 1 MiB read chunk: multi-byte characters straddle the
// chunk boundaries, in UTF-8 (detection scan), GB18030 and UTF-16 (iconv).
TEST(CsvEncodingTest, LargeFilesAcrossChunkBoundaries) {
  std::string text = "单位标识,单位名称,所属行业\r\n";
  int rows = 0;
  while (text.size() < (size_t{5} << 19)) {  // 2.5 MiB
    absl::StrAppend(&text, "h", rows, ",克什克腾旗红山水泥有限公司", rows % 7,
                    ",\"制造,建材\"\r\n");
    ++rows;
  }
  for (const char* encoding : {"UTF-8", "GB18030", "UTF-16LE"}) {
    SCOPED_TRACE(encoding);
    std::string bytes =
        std::string(encoding) == "UTF-8" ? text : Convert(text, encoding);
    if (std::string(encoding) == "UTF-16LE") bytes = "\xFF\xFE" + bytes;
    const std::string path =
        ::testing::TempDir() + "/host_organizations_large.csv";
    {
      FILE* f = std::fopen(path.c_str(), "wb");
      ASSERT_NE(f, nullptr);
      std::fwrite(bytes.data(), 1, bytes.size(), f);
      std::fclose(f);
    }
    auto r = CsvLedgerReader::Open(path);
    ASSERT_THAT(r, IsOk());
    v1::Record rec;
    int n = 0;
    while ((*r)->Next(&rec)) {
      ASSERT_EQ(rec.host_organization().id(), absl::StrCat("h", n));
      ASSERT_EQ(rec.host_organization().name(),
                absl::StrCat("克什克腾旗红山水泥有限公司", n % 7));
      ASSERT_EQ(rec.host_organization().industry(), "制造,建材");
      ++n;
    }
    EXPECT_THAT((*r)->status(), IsOk());
    EXPECT_EQ(n, rows);
    EXPECT_TRUE((*r)->findings().empty());
    EXPECT_EQ((*r)->location().line(), rows + 1);
  }
}

// Damaged input of every kind: no crash, and the counts always add up.
TEST(CsvRowTest, MutatedInputNeverBreaksTheCounts) {
  const std::string base = absl::StrCat(
      "\xEF\xBB\xBF人员标识,姓名,公民身份号码,性别,月收入（元）,出生日期\r\n"
      "m1,张三,",
      kId,
      ",男,\"4,500.00\",1949-12-31\r\n"
      "m2,\"李\"\"四\",,女,(12.5),1980年1月\r\n合计,,,,,\r\n");
  uint32_t seed = 12345;
  for (int round = 0; round < 2000; ++round) {
    std::string text = base;
    for (int k = 0; k < 1 + round % 4; ++k) {
      seed = seed * 1103515245u + 12345u;
      const size_t at = (seed >> 8) % text.size();
      // 12 mutation bytes (the index once ran to 13: past the literal's NUL,
      // which UBSan caught).
      static const char kBytes[] = "\",;\r\n\t 0X.\xE5\xBC";
      const char c = kBytes[(seed >> 20) % (sizeof(kBytes) - 1)];
      switch ((seed >> 4) % 3) {
        case 0:
          text[at] = c;
          break;
        case 1:
          text.insert(at, 1, c);
          break;
        default:
          text.erase(at, 1);
      }
    }
    Import im = Read(text, "members.csv");
    if (!im.open.ok()) continue;  // A header damaged beyond use: refused.
    EXPECT_EQ(im.summary.rows_read, im.summary.rows_imported +
                                        im.summary.rows_skipped +
                                        im.summary.subtotal_rows);
    EXPECT_EQ(static_cast<int64_t>(im.records.size()),
              im.summary.rows_imported);
    for (const CsvFinding& f : im.findings) {
      EXPECT_THAT(f.message, Not(HasSubstr("49123100")));
    }
  }
}

TEST(CsvEncodingTest, DeclaredUtf8RowsThatAreNotUtf8AreReported) {
  const std::string text = std::string("单位标识,单位名称\nh1,甲\nh2,") +
                           Convert("红山", "GBK") + "\nh3,丙\n";
  CsvReaderOptions o;
  o.encoding = TextEncoding::kUtf8;
  Import im = Read(text, "单位.csv", o);
  ASSERT_THAT(im.open, IsOk());
  EXPECT_EQ(im.summary.encoding, TextEncoding::kUtf8);
  ASSERT_EQ(im.records.size(), 2u) << Messages(im);
  EXPECT_THAT(Messages(im), HasSubstr("3:2:单位名称: not valid UTF-8"));
  EXPECT_EQ(TextEncodingName(TextEncoding::kGb18030), "GB18030");
}

TEST(CsvHeaderTest, BadOptionsAreRefused) {
  CsvReaderOptions o;
  o.separator = '|';
  EXPECT_THAT(
      Read(kHosts, "单位.csv", o).open,
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("separator")));
  CsvWriterOptions w;
  w.table = CsvTable::kMembers;
  w.separator = '|';
  std::string out;
  EXPECT_THAT(
      CsvLedgerWriter::ToString(&out, w),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("separator")));
  w.separator = ';';
  EXPECT_THAT(CsvLedgerWriter::ToString(&out, w), IsOk());
  EXPECT_THAT(CsvLedgerReader::Open("/nonexistent/单位.csv"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("单位.csv")));
}

}  // namespace
}  // namespace dangjian

namespace dangjian {
namespace {

// Columns of fields inside a message field of the entity (owner.name) are set
// through generated accessors, like the entity's own: the message is present
// when one of its cells is not blank, also when that cell is zero, and absent
// when every one is blank.
TEST(CsvCellTest, NestedColumnsSetTheirMessageOnlyWhenACellIsGiven) {
  Import im = Read(
      "单位标识,业主姓名,业主是否党员,正式党员数\n"
      "h1,张三,是,3\n"
      "h2,,,\n"
      "h3,,也许,\n"
      "h4,李四,Y,\"1,234\"\n"
      "h5,,,0\n"
      "h6,,,1.5E+3\n");
  ASSERT_EQ(im.records.size(), 4u) << Messages(im);
  const v1::HostOrganization& h1 = im.records[0].host_organization();
  EXPECT_EQ(h1.owner().name(), "张三");
  EXPECT_TRUE(h1.owner().is_party_member());
  EXPECT_EQ(h1.reported_member_counts().full(), 3);
  const v1::HostOrganization& h2 = im.records[1].host_organization();
  EXPECT_FALSE(h2.has_owner());
  EXPECT_FALSE(h2.has_reported_member_counts());
  // Cells the common path does not read ("Y", "1,234") are read as before.
  const v1::HostOrganization& h4 = im.records[2].host_organization();
  EXPECT_EQ(h4.owner().name(), "李四");
  EXPECT_TRUE(h4.owner().is_party_member());
  EXPECT_EQ(h4.reported_member_counts().full(), 1234);
  const v1::HostOrganization& h5 = im.records[3].host_organization();
  EXPECT_FALSE(h5.has_owner());
  EXPECT_TRUE(h5.has_reported_member_counts());
  EXPECT_EQ(h5.reported_member_counts().full(), 0);
  EXPECT_EQ(Messages(im),
            "4:3:业主是否党员: \"也许\" is not a yes/no value; write 是 or 否 "
            "[skipped]\n"
            "7:4:正式党员数: a number in scientific notation; write it whole "
            "[skipped]");
}

// Each kind of cell read by the common path (SetCellDirectly()) and, in the
// next row, by the general one, with the same result; cells that look common
// but are not right are reported as before, personal data masked.
TEST(CsvCellTest, CommonAndGeneralPathsReadTheSameValues) {
  const std::string csv = absl::StrCat(
      "人员标识,姓名,发展阶段,出生日期,公民身份号码,联系电话,月收入(元),"
      "党员业主\n",
      "m1,甲,正式党员,1949-12-31,", kId, ",13800138000,1234.5,是\n",
      "m2,乙,正式党员,1949/12/31,", " 11010519491231002x", ",010-12345678,",
      "\"1,234.50\",Y\n",
      "m3,丙,党员,1949年12月31日,,＋86 13800138000,¥1234.5,yes\n",
      "m4,丁,正式党员,1949-02-30,,,,\n",
      "m5,戊,正式党员,,110105194912310021,,,\n", "m6,己,正式党员,,,1380013,,\n",
      "m7,庚,正式党员,,,123456,,\n", "m8,辛,党员,,,,1.234,\n");
  Import im = Read(csv, "members.csv");
  ASSERT_EQ(im.records.size(), 6u) << Messages(im);
  for (int i : {0, 1, 2}) {
    const v1::Member& m = im.records[i].member();
    SCOPED_TRACE(m.id());
    EXPECT_EQ(m.status(), v1::MEMBER_STATUS_FULL);
    EXPECT_EQ(m.birth_date().year(), 1949);
    EXPECT_EQ(m.birth_date().month(), 12);
    EXPECT_EQ(m.birth_date().day(), 31);
    EXPECT_EQ(m.monthly_income_fen(), 123450);
    EXPECT_TRUE(m.is_owner());
  }
  EXPECT_EQ(im.records[0].member().national_id(), kId);
  EXPECT_EQ(im.records[1].member().national_id(), "11010519491231002x");
  EXPECT_EQ(im.records[0].member().phone(), "13800138000");
  EXPECT_EQ(im.records[1].member().phone(), "010-12345678");
  EXPECT_EQ(im.records[2].member().phone(), "＋86 13800138000");
  // Kept as written for the rules (a wrong check character); a phone of six
  // digits left out of its row.
  EXPECT_EQ(im.records[3].member().id(), "m5");
  EXPECT_EQ(im.records[3].member().national_id(), "110105194912310021");
  EXPECT_EQ(im.records[4].member().id(), "m6");
  EXPECT_EQ(im.records[4].member().phone(), "1380013");
  EXPECT_EQ(im.records[5].member().id(), "m7");
  EXPECT_TRUE(im.records[5].member().phone().empty());
  const std::string m = Messages(im);
  EXPECT_THAT(
      m,
      AllOf(HasSubstr("5:4:出生日期: \"1949-02-30\": not a valid "
                      "calendar date"),
            Not(HasSubstr("公民身份号码")), HasSubstr("8:6:联系电话: phone "),
            HasSubstr("(6 digits; 7 to 15 expected): left out"),
            HasSubstr("9:7:月收入(元): amount \"1.234\": more than "
                      "2 decimals"),
            Not(HasSubstr("110105194912310021")), Not(HasSubstr("123456"))));
  EXPECT_EQ(im.summary.rows_skipped, 2);
}

// Cells shaped like 2014-08-14 that are not dates of years 1000 to 9999
// leave the common path for the general one, which says what is wrong.
TEST(CsvCellTest, IsoShapedCellsThatAreNotDates) {
  Import im = Read(
      "单位标识,成立日期\n"
      "h1,2014-08-14\n"
      "h2,2014-0a-14\n"
      "h3,0999-01-01\n"
      "h4,2014-13-01\n"
      "h5,2016-02-29\n"
      "h6,2015-02-29\n"
      "h7,/014-08-14\n"
      "h8,9999-12-31\n");
  ASSERT_EQ(im.records.size(), 3u) << Messages(im);
  EXPECT_EQ(im.records[0].host_organization().registered_on().day(), 14);
  EXPECT_EQ(im.records[1].host_organization().registered_on().day(), 29);
  EXPECT_EQ(im.records[2].host_organization().registered_on().year(), 9999);
  const std::string valid =
      "not a valid calendar date (year, month 1-12, day of the month) "
      "[skipped]";
  EXPECT_EQ(Messages(im),
            absl::StrCat("3:2:成立日期: \"2014-0a-14\": not a date [skipped]\n"
                         "4:2:成立日期: \"0999-01-01\": ",
                         valid, "\n5:2:成立日期: \"2014-13-01\": ", valid,
                         "\n7:2:成立日期: \"2015-02-29\": ", valid,
                         "\n8:2:成立日期: \"/014-08-14\": not a date "
                         "[skipped]"));
}

// Every month 0-13 and day 0-32 of years around the leap rules, as
// 2014-08-14 cells: imported exactly when a calendar date (or a year with an
// unknown month and day, or a month with an unknown day), with its values.
// A digit replaced by the byte just below or above the digits is no date.
TEST(CsvCellTest, IsoShapedCellsEveryMonthAndDay) {
  std::string csv = "单位标识,成立日期\n";
  struct Want {
    int year, month, day;
    bool valid;
  };
  std::vector<Want> want;
  for (const int y : {999, 1000, 1900, 2000, 2015, 2016, 9999}) {
    for (int m = 0; m <= 13; ++m) {
      for (int d = 0; d <= 32; ++d) {
        const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        const int days[] = {
            31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        const bool valid =
            y >= 1000 &&
            ((m == 0 && d == 0) || (m >= 1 && m <= 12 && d <= days[m - 1]));
        absl::StrAppendFormat(&csv, "h%d,%04d-%02d-%02d\n", want.size(), y, m,
                              d);
        want.push_back({y, m, d, valid});
      }
    }
  }
  for (size_t i = 0; i < 10; ++i) {
    if (i == 4 || i == 7) continue;
    for (const char c : {'/', ':'}) {
      // The general path reads a last "/" as a separator: 2014-08-1.
      if (c == '/' && i == 9) continue;
      std::string cell = "2014-08-14";
      cell[i] = c;
      absl::StrAppend(&csv, "h", want.size(), ",", cell, "\n");
      want.push_back({0, 0, 0, false});
    }
  }
  const Import im = Read(csv);
  size_t next = 0;
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(i);
    if (!want[i].valid) continue;
    ASSERT_LT(next, im.records.size());
    const v1::HostOrganization& h = im.records[next++].host_organization();
    EXPECT_EQ(h.id(), absl::StrCat("h", i));
    EXPECT_EQ(h.registered_on().year(), want[i].year);
    EXPECT_EQ(h.registered_on().month(), want[i].month);
    EXPECT_EQ(h.registered_on().day(), want[i].day);
  }
  EXPECT_EQ(next, im.records.size());
}

// The Date messages of a row are those of the row before, taken out of the
// cleared entity and set again: a date left blank is absent, not the last
// row's, whether the record is on the heap or on an arena, and whichever
// column's Date a field is given.
TEST(CsvReaderTest, DatesOfTheRowBeforeAreNotKept) {
  const std::string csv =
      "人员标识,递交入党申请书日期,出生日期,转为正式党员日期\n"
      "m1,2001-02-03,1980-01-01,2003-04-05\n"
      "m2,,,\n"
      "m3,,1981-02-02,\n"
      "m4,2002-03-04,1999-99-99,\n"
      "m5,2004-05-06,,2007-08-09\n"
      "m6,2010年,,\n";
  auto check = [](const std::vector<v1::Member>& got) {
    ASSERT_EQ(got.size(), 5u);
    EXPECT_EQ(got[0].applied_on().year(), 2001);
    EXPECT_EQ(got[0].birth_date().year(), 1980);
    EXPECT_EQ(got[0].full_on().day(), 5);
    EXPECT_FALSE(got[1].has_applied_on());
    EXPECT_FALSE(got[1].has_birth_date());
    EXPECT_FALSE(got[1].has_full_on());
    EXPECT_FALSE(got[2].has_applied_on());
    EXPECT_EQ(got[2].birth_date().month(), 2);
    EXPECT_FALSE(got[2].has_full_on());
    EXPECT_EQ(got[3].applied_on().day(), 6);
    EXPECT_FALSE(got[3].has_birth_date());
    EXPECT_EQ(got[3].full_on().year(), 2007);
    EXPECT_EQ(got[4].applied_on().year(), 2010);
    EXPECT_EQ(got[4].applied_on().month(), 0);
    EXPECT_FALSE(got[4].has_full_on());
  };
  {
    auto reader = CsvLedgerReader::FromBuffer(csv, "members.csv");
    ASSERT_THAT(reader, IsOk());
    v1::Record record;
    std::vector<v1::Member> got;
    while ((*reader)->Next(&record)) got.push_back(record.member());
    check(got);
    EXPECT_EQ((*reader)->summary().rows_skipped, 1);
  }
  {
    auto reader = CsvLedgerReader::FromBuffer(csv, "members.csv");
    ASSERT_THAT(reader, IsOk());
    google::protobuf::Arena arena;
    auto* record = google::protobuf::Arena::CreateMessage<v1::Record>(&arena);
    std::vector<v1::Member> got;
    while ((*reader)->Next(record)) got.push_back(record->member());
    check(got);
  }
  Import im = Read(csv, "members.csv");  // And NextSerialized() agrees.
  EXPECT_EQ(im.records.size(), 5u);
}

}  // namespace
}  // namespace dangjian
