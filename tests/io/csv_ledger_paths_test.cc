// CSV ledgers: the reader's fast paths and the general ones they stand in for
// give the same records and the same findings. Plain rows are read where they
// lie, rows with quotes are copied and unquoted; fields of the entity itself
// are set through generated accessors, nested ones through the wire format;
// amounts, resident IDs and phone numbers in the common form are checked
// without a copy; control characters, UTF-8 and subtotal words are looked for
// once per row or cell. Each has a passing and a failing case on both sides.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "dangjian/csv_ledger.h"
#include "dangjian/validate.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "testing/csv_import.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::Import;
using ::dangjian::testing::IsOk;
using ::dangjian::testing::ReadAllWays;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

Import Read(const std::string& data, const std::string& name) {
  // Every input is also read with NextSerialized(), which must agree.
  return ReadAllWays([&] { return CsvLedgerReader::FromBuffer(data, name); });
}

// "line:column: message" of every finding.
std::vector<std::string> Where(const Import& im) {
  std::vector<std::string> out;
  for (const CsvFinding& f : im.findings) {
    out.push_back(absl::StrCat(f.line, ":", f.column, ": ", f.message));
  }
  return out;
}

constexpr char kHostHeader[] = "单位标识,单位名称,从业人员数,成立日期,业主姓名";

TEST(CsvPathsTest, PlainAndQuotedRowsReadAlike) {
  for (const std::string eol : {"\n", "\r\n", "\r"}) {
    SCOPED_TRACE(absl::CEscape(eol));
    const std::string plain = "h1,甲公司,12,2014-08-14,王建国";
    const std::string quoted = R"("h1","甲公司","12","2014-08-14","王建国")";
    const Import im =
        Read(absl::StrCat(kHostHeader, eol, plain, eol, quoted, eol,
                          "h2,甲\"公司,7,2014-08-14,王建国", eol),
             "单位.csv");
    ASSERT_THAT(im.open, IsOk());
    EXPECT_THAT(im.findings, IsEmpty());
    ASSERT_EQ(im.records.size(), 3u);
    EXPECT_TRUE(MessageDifferencer::Equals(im.records[0], im.records[1]));
    EXPECT_EQ(im.records[0].host_organization().name(), "甲公司");
    EXPECT_EQ(im.records[0].host_organization().employees(), 12);
    EXPECT_EQ(im.records[0].host_organization().registered_on().month(), 8);
    EXPECT_EQ(im.records[0].host_organization().owner().name(), "王建国");
    // A quote inside an unquoted cell is a character of it.
    EXPECT_EQ(im.records[2].host_organization().name(), "甲\"公司");
    EXPECT_THAT(im.lines, ElementsAre(2, 3, 4));
  }
}

TEST(CsvPathsTest, BadCellsReportedAlikeInPlainAndQuotedRows) {
  const Import im =
      Read(absl::StrCat(kHostHeader, "\r\n", "h1,甲,12,2014-13-01,王\r\n",
                        R"("h2","乙","12","2014-13-01","王")", "\r\n",
                        "h3,丙,12,2014-12-01,王\r\n"),
           "单位.csv");
  ASSERT_THAT(im.open, IsOk());
  ASSERT_EQ(im.findings.size(), 2u);
  EXPECT_EQ(im.findings[0].line, 2);
  EXPECT_EQ(im.findings[1].line, 3);
  for (const CsvFinding& f : im.findings) {
    EXPECT_EQ(f.column, 4);
    EXPECT_EQ(f.header, "成立日期");
    EXPECT_TRUE(f.row_skipped);
    EXPECT_EQ(f.message, im.findings[0].message);
  }
  EXPECT_THAT(im.lines, ElementsAre(4));
}

// Rows of a file are read in chunks of 1 MiB: a row, or the CR and LF of a
// CRLF, cut by a chunk's end is read by the general parser.
TEST(CsvPathsTest, RowsAcrossChunksOfAFile) {
  constexpr size_t kChunk = size_t{1} << 20;
  std::string data = absl::StrCat(kHostHeader, "\r\n");
  // Rows of equal length but the first, padded so that one row's CR is the
  // last byte of the first chunk and its LF the first of the next.
  const std::string tail = ",1,2014-08-14,王\r\n";
  const size_t row = absl::StrFormat("h%07d,nnn", 0).size() + tail.size();
  const std::string pad((kChunk + 1 - data.size() - row) % row, 'x');
  data += absl::StrFormat("h%07d,nnn%s%s", 0, pad, tail);
  int rows = 1;
  while (data.size() < kChunk + 4096) {
    data += absl::StrFormat("h%07d,nnn%s", rows++, tail);
  }
  const std::string path = ::testing::TempDir() + "/单位_chunks.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << data;
  }
  EXPECT_EQ(data.substr(kChunk - 1, 2), "\r\n");
  const Import im = ReadAllWays([&] { return CsvLedgerReader::Open(path); });
  std::remove(path.c_str());
  ASSERT_THAT(im.open, IsOk());
  EXPECT_THAT(im.status, IsOk());
  EXPECT_THAT(im.findings, IsEmpty());
  ASSERT_EQ(static_cast<int>(im.records.size()), rows);
  for (int i = 0; i < rows; ++i) {
    ASSERT_EQ(im.records[i].host_organization().id(),
              absl::StrFormat("h%07d", i));
    ASSERT_EQ(im.lines[i], i + 2);
  }
  EXPECT_EQ(im.summary.blank_lines, 0);
}

TEST(CsvPathsTest, ControlCharacterFoundAnywhereInTheRow) {
  const std::string name = "克什克腾旗红山建材有限公司";  // 39 bytes
  for (const char sep : {',', '\t'}) {
    for (size_t at = 0; at <= name.size(); at += 3) {
      std::string bad = name;
      bad.insert(at, "\x01");
      std::string header = kHostHeader;
      std::replace(header.begin(), header.end(), ',', sep);
      const std::string row =
          absl::StrJoin({std::string("h1"), bad, std::string("12"),
                         std::string("2014-08-14"), std::string("王建国")},
                        std::string(1, sep));
      const std::string good =
          absl::StrJoin({std::string("h2"), name, std::string("12"),
                         std::string("2014-08-14"), std::string("王建国")},
                        std::string(1, sep));
      const Import im =
          Read(absl::StrCat(header, "\n", row, "\n", good, "\n"), "单位.csv");
      ASSERT_THAT(im.open, IsOk());
      EXPECT_THAT(
          Where(im),
          ElementsAre(HasSubstr("2:2: a control character (byte 0x01)")))
          << at;
      EXPECT_THAT(im.lines, ElementsAre(3));
    }
  }
}

// The parser notes, as it looks for separators sixteen bytes at a time,
// whether a row may hold a control character; a row it says is free of them is
// not looked at again. A control character at any byte of the row, before
// any line end, and in a last row without one, is found all the same; one in
// the row after is that row's alone.
TEST(CsvPathsTest, ControlCharacterAtEveryByteOfTheRow) {
  const std::string row = "h1,克什克腾旗红山建材,12,2014-08-14,王建国";
  const std::string next = "h2,乙公司,7,2014-08-14,李四";
  for (const std::string eol : {"\n", "\r\n", ""}) {
    for (size_t at = 0; at <= row.size(); ++at) {
      // Between characters: inside one, the file would not be UTF-8.
      if (at < row.size() &&
          (static_cast<unsigned char>(row[at]) & 0xC0) == 0x80) {
        continue;
      }
      SCOPED_TRACE(absl::StrCat(absl::CEscape(eol), " at ", at));
      std::string bad = row;
      bad.insert(at, "\x02");
      // The bad row last in the file, or followed by a good one.
      const Import last = Read(
          absl::StrCat(kHostHeader, "\n", next, "\n", bad, eol), "单位.csv");
      ASSERT_THAT(last.open, IsOk());
      ASSERT_EQ(last.findings.size(), 1u);
      EXPECT_THAT(last.findings[0].message, HasSubstr("byte 0x02"));
      EXPECT_EQ(last.findings[0].line, 3);
      EXPECT_THAT(last.lines, ElementsAre(2));
      if (eol.empty()) continue;
      const Import first = Read(
          absl::StrCat(kHostHeader, "\n", bad, eol, next, eol), "单位.csv");
      ASSERT_EQ(first.findings.size(), 1u);
      EXPECT_EQ(first.findings[0].line, 2);
      EXPECT_THAT(first.lines, ElementsAre(3));
    }
    // The control character first in the next row: this row is imported.
    const Import im =
        Read(absl::StrCat(kHostHeader, "\n", row, eol.empty() ? "\n" : eol,
                          "\x02", next, "\n"),
             "单位.csv");
    ASSERT_EQ(im.findings.size(), 1u);
    EXPECT_EQ(im.findings[0].line, 3);
    EXPECT_THAT(im.lines, ElementsAre(2));
  }
}

// A file with a BOM is declared UTF-8 and not scanned first: each row is
// checked, and a bad one names its cell.
TEST(CsvPathsTest, InvalidUtf8FoundInItsCell) {
  const Import im = Read(absl::StrCat("\xEF\xBB\xBF", kHostHeader, "\n",
                                      "h1,甲公司,12,2014-08-14,王建国\n",
                                      "h2,乙公司,12,2014-08-14,王\xE5\xBB\n",
                                      "h3,丙\xFF公司,12,2014-08-14,王建国\n",
                                      // A number, a date and an id: cells
                                      // read as ASCII are checked when they
                                      // are not.
                                      "h4,丁公司,1\xFF"
                                      "2,2014-08-14,王建国\n",
                                      "h5,戊公司,12,2014-08-1\xC3,王建国\n",
                                      "h6\xE5,己公司,12,2014-08-14,王建国\n",
                                      "h7,庚公司,12,2014-08-14,王建国\n"),
                         "单位.csv");
  ASSERT_THAT(im.open, IsOk());
  const std::string bad =
      "not valid UTF-8 (the file was declared UTF-8 by its byte order mark)";
  EXPECT_THAT(Where(im),
              ElementsAre("3:5: " + bad, "4:2: " + bad, "5:3: " + bad,
                          "6:4: " + bad, "7:1: " + bad));
  EXPECT_THAT(im.lines, ElementsAre(2, 8));
}

// The guard a writer puts before "=", "+", "-", "@", a tab or CR is removed
// before the id is looked at: "'\t" is a blank id.
TEST(CsvPathsTest, GuardedIdsAfterTheGuardIsRemoved) {
  const Import im = Read(absl::StrCat(kHostHeader, "\n", "'\t,甲,1,,\n",
                                      "'=h2,乙,1,,\n", "'h3,丙,1,,\n"),
                         "单位.csv");
  ASSERT_THAT(im.open, IsOk());
  EXPECT_THAT(Where(im), ElementsAre(HasSubstr("2:1: the id cell is blank")));
  ASSERT_EQ(im.records.size(), 2u);
  EXPECT_EQ(im.records[0].host_organization().id(), "=h2");
  EXPECT_EQ(im.records[1].host_organization().id(), "'h3");
}

// Nested fields (owner.*, reported_member_counts.*) go through the wire
// format; a nested message longer than 127 bytes needs a longer length.
TEST(CsvPathsTest, NestedAndDirectFieldsTogether) {
  std::string long_name;
  while (long_name.size() < 200) long_name += "王";
  const Import im =
      Read(absl::StrCat("单位标识,单位名称,业主姓名,业主是否党员,正式党员数,"
                        "组织类别\n",
                        "h1,甲,", long_name, ",是,3,社会组织\n",  //
                        "h2,乙,王,也许,3,社会组织\n",             //
                        "h3,丙,,否,0,非公企业\n"),
           "单位.csv");
  ASSERT_THAT(im.open, IsOk());
  EXPECT_THAT(Where(im), ElementsAre(HasSubstr("3:4: \"也许\" is not")));
  ASSERT_EQ(im.records.size(), 2u);
  const v1::HostOrganization& h1 = im.records[0].host_organization();
  EXPECT_EQ(h1.name(), "甲");
  EXPECT_EQ(h1.owner().name(), long_name);
  EXPECT_TRUE(h1.owner().is_party_member());
  EXPECT_EQ(h1.reported_member_counts().full(), 3);
  EXPECT_EQ(h1.kind(), v1::HOST_KIND_SOCIAL);
  const v1::HostOrganization& h3 = im.records[1].host_organization();
  EXPECT_TRUE(h3.has_owner());  // "否" is written, as false.
  EXPECT_FALSE(h3.owner().is_party_member());
  EXPECT_EQ(h3.kind(), v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
}

TEST(CsvPathsTest, AmountsPlainAndAsWritten) {
  const Import im = Read(
      "记录标识,党组织,金额(元)\n"
      "f1,p,4500\nf2,p,4500.5\nf3,p,4500.50\nf4,p,\"4,500.50\"\n"
      "f5,p,¥4500.5\nf6,p,007.10\nf7,p,(12.00)\nf8,p,4500.001\n"
      "f9,p,4500.\nf10,p,999999999999999.99\n"
      "f11,p,12345678901234567890123.45\n",
      "经费.csv");
  ASSERT_THAT(im.open, IsOk());
  std::vector<int64_t> fen;
  for (const v1::Record& r : im.records)
    fen.push_back(r.funding().amount_fen());
  EXPECT_THAT(fen, ElementsAre(450000, 450050, 450050, 450050, 450050, 710,
                               -1200, 99999999999999999));
  EXPECT_THAT(Where(im), ElementsAre(HasSubstr("9:3: amount \"4500.001\": "
                                               "more than 2 decimals"),
                                     HasSubstr("10:3: amount \"4500.\": "
                                               "nothing after the decimal"),
                                     HasSubstr("12:3: amount")));
  const Import wan = Read(
      "记录标识,党组织,金额(万元)\nf1,p,1.5\nf2,p,0.000001\nf3,p,1.1234567\n",
      "经费.csv");
  fen.clear();
  for (const v1::Record& r : wan.records)
    fen.push_back(r.funding().amount_fen());
  EXPECT_THAT(fen, ElementsAre(1500000, 1));
  EXPECT_THAT(Where(wan), ElementsAre(HasSubstr("4:3: amount")));
}

TEST(CsvPathsTest, ResidentIdsAndPhonesPlainAndAsWritten) {
  const std::string id = "11010519491231002X";
  const std::string lower = "11010519491231002x";
  const std::string full_width =
      "１１０１０５１９４９１２３１００２Ｘ";  // Checked half-width.
  const std::string wrong = "110105194912310021";
  const Import im =
      Read(absl::StrCat("人员标识,姓名,公民身份号码,联系电话\n",  //
                        "m1,甲,", id, ",13800138000\n",           //
                        "m2,乙,", lower, ",138-0013-8000\n",      //
                        "m3,丙,", full_width, ",\n",              //
                        "m4,丁,", wrong, ",\n",                   //
                        "m5,戊,", id, ",123\n"),
           "党员.csv");
  ASSERT_THAT(im.open, IsOk());
  ASSERT_EQ(im.records.size(), 5u);
  EXPECT_EQ(im.records[0].member().national_id(), id);
  EXPECT_EQ(im.records[0].member().phone(), "13800138000");
  EXPECT_EQ(im.records[1].member().national_id(), lower);
  EXPECT_EQ(im.records[1].member().phone(), "138-0013-8000");
  // Kept half-width, as the rules read it; a wrong check character kept as
  // written for the rules to find; a phone of three digits left out.
  EXPECT_EQ(im.records[2].member().national_id(), id);
  EXPECT_EQ(im.records[3].member().national_id(), wrong);
  EXPECT_EQ(im.records[4].member().national_id(), id);
  EXPECT_TRUE(im.records[4].member().phone().empty());
  EXPECT_THAT(Where(im), ElementsAre(HasSubstr("6:4: phone 123 is not a phone "
                                               "number")));
}

// A resident ID whose check character matches is still refused when its
// birth date (digits 7-14) is no calendar date.
TEST(CsvPathsTest, ResidentIdsWithImpossibleBirthDates) {
  // The check character of the first 17 digits (GB 11643).
  auto with_check = [](const std::string& digits) {
    const int weights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i) sum += (digits[i] - '0') * weights[i];
    return digits + "10X98765432"[sum % 11];
  };
  struct Case {
    const char* birth;
    bool good;
  };
  const Case cases[] = {{"19490131", true},  {"20000229", true},
                        {"19491231", true},  {"00000101", false},
                        {"19490230", false}, {"19491301", false},
                        {"19490100", false}, {"19000229", false},
                        {"19490431", false}, {"19490001", false}};
  std::string csv = "人员标识,姓名,公民身份号码\n";
  std::vector<int64_t> good_lines;
  int64_t line = 1;
  for (const Case& c : cases) {
    ++line;
    absl::StrAppend(&csv, "m", line, ",甲,",
                    with_check(absl::StrCat("110105", c.birth, "002")), "\n");
    if (c.good) good_lines.push_back(line);
  }
  const Import im = Read(csv, "党员.csv");
  ASSERT_THAT(im.open, IsOk());
  // Every row is kept, its ID as written: the rules judge the birth date
  // (member.national_id.birth_date), the reader never corrects or drops.
  EXPECT_EQ(im.lines.size(), std::size(cases));
  EXPECT_EQ(im.summary.rows_skipped, 0);
  v1::Dataset d;
  for (const v1::Record& r : im.records) *d.add_members() = r.member();
  ValidatorOptions options;
  options.as_of.set_year(2017);
  options.as_of.set_month(12);
  options.as_of.set_day(31);
  auto report = (*Validator::Create(options))->Validate(d);
  ASSERT_TRUE(report.ok()) << report.status();
  std::vector<int64_t> bad_lines;
  for (const v1::Finding& f : report->findings()) {
    if (f.rule_id() == "member.national_id.birth_date") {
      // Members m<line>: the line from the id.
      bad_lines.push_back(std::stoll(f.record_id().substr(1)));
    }
  }
  std::vector<int64_t> want_bad;
  for (int64_t l = 2; l < 2 + static_cast<int64_t>(std::size(cases)); ++l) {
    if (std::find(good_lines.begin(), good_lines.end(), l) ==
        good_lines.end()) {
      want_bad.push_back(l);
    }
  }
  std::sort(bad_lines.begin(), bad_lines.end());
  EXPECT_EQ(bad_lines, want_bad);
}

// A byte just below or above the digits anywhere in the first seventeen is
// refused, even where the check character is made to match the byte's value
// taken as a digit (its value less '0', modulo 256).
TEST(CsvPathsTest, ResidentIdsWithANonDigit) {
  const int weights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  std::string csv = "人员标识,姓名,公民身份号码\n";
  int rows = 0;
  for (int at = 0; at < 17; ++at) {
    for (const char c : {'/', ':'}) {
      std::string id = "11010519491231002";
      id[at] = c;
      unsigned sum = 0;
      for (int i = 0; i < 17; ++i) {
        sum += static_cast<uint8_t>(id[i] - '0') * weights[i];
      }
      id += "10X98765432"[sum % 11];
      absl::StrAppend(&csv, "m", ++rows, ",甲,", id, "\n");
    }
  }
  absl::StrAppend(&csv, "m", ++rows, ",乙,11010519491231002X\n");
  const Import im = Read(csv, "党员.csv");
  ASSERT_THAT(im.open, IsOk());
  // Kept as written on both paths (the common one takes 17 digits only), for
  // the rules to find the character that is not a digit.
  ASSERT_EQ(im.records.size(), static_cast<size_t>(rows));
  EXPECT_EQ(im.summary.rows_skipped, 0);
  for (int i = 0; i + 1 < rows; ++i) {
    const std::string& id = im.records[i].member().national_id();
    ASSERT_EQ(id.size(), 18u);
    EXPECT_EQ(id[i / 2], i % 2 == 0 ? '/' : ':');
  }
  EXPECT_EQ(im.records[rows - 1].member().national_id(), "11010519491231002X");
}

// A column's enum labels are remembered as they are first met (up to eight),
// and looked up after that: labels in turn, more than eight of them, each
// read as its value every time, plain or quoted.
TEST(CsvPathsTest, EnumLabelsInTurnBeyondThoseRemembered) {
  const std::vector<std::pair<std::string, v1::MemberStatus>> labels = {
      {"正式党员", v1::MEMBER_STATUS_FULL},
      {"预备党员", v1::MEMBER_STATUS_PROBATIONARY},
      {"入党积极分子", v1::MEMBER_STATUS_ACTIVIST},
      {"积极分子", v1::MEMBER_STATUS_ACTIVIST},
      {"发展对象", v1::MEMBER_STATUS_DEVELOPMENT_TARGET},
      {"入党申请人", v1::MEMBER_STATUS_APPLICANT},
      {"中共党员", v1::MEMBER_STATUS_FULL},
      {"党员", v1::MEMBER_STATUS_FULL},
      {"MEMBER_STATUS_PROBATIONARY", v1::MEMBER_STATUS_PROBATIONARY},
      {"MEMBER_STATUS_APPLICANT", v1::MEMBER_STATUS_APPLICANT},
      {"预备", v1::MEMBER_STATUS_UNSPECIFIED}};  // No label: refused.
  std::string csv = "人员标识,发展阶段\n";
  std::vector<v1::MemberStatus> want;
  for (int round = 0; round < 3; ++round) {
    for (const auto& [label, status] : labels) {
      const std::string cell = round == 1 ? "\"" + label + "\"" : label;
      absl::StrAppend(&csv, "m", want.size(), ",", cell, "\n");
      want.push_back(status);
    }
  }
  const Import im = Read(csv, "党员.csv");
  ASSERT_THAT(im.open, IsOk());
  size_t next = 0;
  for (size_t i = 0; i < want.size(); ++i) {
    if (want[i] == v1::MEMBER_STATUS_UNSPECIFIED) continue;
    ASSERT_LT(next, im.records.size());
    EXPECT_EQ(im.records[next].member().id(), absl::StrCat("m", i));
    EXPECT_EQ(im.records[next].member().status(), want[i]) << i;
    ++next;
  }
  EXPECT_EQ(next, im.records.size());
  EXPECT_EQ(im.summary.rows_skipped, 3);
}

TEST(CsvPathsTest, SubtotalWordsAndNamesThatStartAlike) {
  const Import im = Read(absl::StrCat(kHostHeader, "\n",
                                      "h1,合作社,1,,\n",    //
                                      "h2,小明商店,1,,\n",  //
                                      "h3,总部,1,,\n",      //
                                      "h4,共青团,1,,\n",    //
                                      "h5,team,1,,\n",      //
                                      "合计,,5,,\n",        //
                                      " 小 计 ,,5,,\n",     //
                                      "Total,,5,,\n"),
                         "单位.csv");
  ASSERT_THAT(im.open, IsOk());
  EXPECT_EQ(im.records.size(), 5u);
  EXPECT_EQ(im.summary.subtotal_rows, 3);
  EXPECT_THAT(Where(im), ElementsAre(HasSubstr("7:1: a subtotal row (合计)"),
                                     HasSubstr("8:1: a subtotal row (小计)"),
                                     HasSubstr("9:1: a subtotal row (total)")));
}

// Ids and codes that start with s, t or g but hold a digit or a dash are not
// subtotal words; the words themselves are, spaced, with a colon, in capitals
// or full width.
TEST(CsvPathsTest, SubtotalWordsAgainstIdsThatStartAlike) {
  const Import im = Read(absl::StrCat(kHostHeader, "\n",
                                      "g110101-000001,甲,1,,\n",  //
                                      "s1,乙,1,,\n",              //
                                      "total1,丙,1,,\n",          //
                                      "tota,丁,1,,\n",            //
                                      "Sub Total:,,5,,\n",        //
                                      "GRAND TOTAL,,5,,\n",       //
                                      "ｔｏｔａｌ,,5,,\n"),
                         "单位.csv");
  ASSERT_THAT(im.open, IsOk());
  EXPECT_THAT(im.lines, ElementsAre(2, 3, 4, 5));
  EXPECT_EQ(im.summary.subtotal_rows, 3);
  EXPECT_THAT(Where(im), ElementsAre(HasSubstr("6:1: a subtotal row (total)"),
                                     HasSubstr("7:1: a subtotal row (total)"),
                                     HasSubstr("8:1: a subtotal row (total)")));
}

// Cells are trimmed of ASCII spaces, U+3000 and U+00A0 at either end; a cell
// whose last character merely ends in the same byte as those two (0x80, 0xA0)
// keeps it.
TEST(CsvPathsTest, TrimmingSpacesAndCharactersThatEndAlike) {
  // 瀀 U+7000 ends in 0x80 like U+3000; 丠 U+4E20 in 0xA0 like U+00A0.
  const Import im =
      Read(absl::StrCat(kHostHeader, "\n",                        //
                        "h1,甲瀀,1,,王丠\n",                      //
                        "h2,乙瀀\xE3\x80\x80,1,,李丠\xC2\xA0\n",  //
                        "h3, 丙 ,1,,\t张\t\n",                    //
                        "h4,\xE3\x80\x80丁,1,,\xC2\xA0赵\n"),
           "单位.csv");
  ASSERT_THAT(im.open, IsOk());
  ASSERT_EQ(im.records.size(), 4u);
  const std::vector<std::pair<std::string, std::string>> want = {
      {"甲瀀", "王丠"}, {"乙瀀", "李丠"}, {"丙", "张"}, {"丁", "赵"}};
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(im.records[i].host_organization().name(), want[i].first);
    EXPECT_EQ(im.records[i].host_organization().owner().name(), want[i].second);
  }
}

}  // namespace
}  // namespace dangjian
