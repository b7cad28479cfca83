// Findings for people: Chinese and English messages, rule titles, enum
// labels, locations, and the text and CSV renderers (RenderFindings*()).
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "dangjian/io.h"
#include "dangjian/render.h"
#include "dangjian/v1/dataset.pb.h"
#include "dangjian/v1/report.pb.h"
#include "dangjian/validate.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::IsOk;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

bool HasChinese(absl::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0xE4) return true;
  }
  return false;
}

// An English word in `s` outside quotes (“…”, "…": ids, codes): a run of
// three ASCII letters or more, not part of an identifier (letters, digits,
// _ . - * +). Empty if none.
std::string EnglishWord(absl::string_view s) {
  std::string plain;
  bool quoted = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (absl::StartsWith(s.substr(i), "“")) quoted = true;
    if (absl::StartsWith(s.substr(i), "”")) quoted = false;
    if (s[i] == '"') quoted = !quoted;
    plain.push_back(quoted ? ' ' : s[i]);
  }
  auto ident = [](char c) {
    return absl::ascii_isalnum(c) || c == '_' || c == '.' || c == '-' ||
           c == '*' || c == '+';
  };
  for (size_t i = 0; i < plain.size();) {
    if (!ident(plain[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    bool all_letters = true;
    while (j < plain.size() && ident(plain[j])) {
      all_letters = all_letters && absl::ascii_isalpha(plain[j]);
      ++j;
    }
    const std::string word = plain.substr(i, j - i);
    if (all_letters && word.size() >= 3) return word;
    i = j;
  }
  return "";
}

TEST(EnglishWordTest, TellsEnglishFromChinese) {
  EXPECT_EQ(EnglishWord("月缴党费 50.00 yuan"), "yuan");
  EXPECT_EQ(EnglishWord("unspecified党组织有星级评定"), "unspecified");
  EXPECT_EQ(EnglishWord("公民身份号码 1504********1234 校验码错误"), "");
  EXPECT_EQ(EnglishWord("所指单位“h-missing”在数据中不存在"), "");
  EXPECT_EQ(EnglishWord("不是数据规范（dangjian.v1）定义的代码"), "");
}

// Every enum of the schema, through the files of the messages that hold them.
std::vector<const google::protobuf::EnumDescriptor*> SchemaEnums() {
  std::vector<const google::protobuf::EnumDescriptor*> out;
  std::set<const google::protobuf::FileDescriptor*> seen;
  std::vector<const google::protobuf::FileDescriptor*> todo = {
      v1::Dataset::descriptor()->file(), v1::Report::descriptor()->file(),
      v1::ValidationReport::descriptor()->file()};
  while (!todo.empty()) {
    const google::protobuf::FileDescriptor* f = todo.back();
    todo.pop_back();
    if (!seen.insert(f).second) continue;
    if (!absl::StartsWith(f->package(), "dangjian.")) continue;
    for (int i = 0; i < f->enum_type_count(); ++i) {
      out.push_back(f->enum_type(i));
    }
    for (int i = 0; i < f->dependency_count(); ++i) {
      todo.push_back(f->dependency(i));
    }
  }
  return out;
}

TEST(EnumLabelTest, EveryValueOfEveryEnumHasAChineseAndAnEnglishLabel) {
  const auto enums = SchemaEnums();
  ASSERT_GE(enums.size(), 15u);
  for (const google::protobuf::EnumDescriptor* e : enums) {
    for (int i = 0; i < e->value_count(); ++i) {
      const google::protobuf::EnumValueDescriptor& v = *e->value(i);
      const std::string zh = EnumLabel(v, ReportLanguage::kChinese);
      const std::string en = EnumLabel(v, ReportLanguage::kEnglish);
      EXPECT_FALSE(en.empty()) << v.full_name();
      EXPECT_EQ(en, absl::AsciiStrToLower(en)) << v.full_name();
      EXPECT_THAT(en, Not(HasSubstr("_"))) << v.full_name();
      if (v.number() == 0) {
        EXPECT_EQ(zh, "未填写") << v.full_name();
        EXPECT_EQ(en, "unspecified") << v.full_name();
      } else {
        EXPECT_TRUE(HasChinese(zh)) << v.full_name() << ": " << zh;
      }
    }
  }
}

TEST(EnumLabelTest, ExamplesInBothLanguages) {
  const auto& joint = *v1::FormationModel_descriptor()->FindValueByNumber(
      v1::FORMATION_MODEL_JOINT);
  EXPECT_EQ(EnumLabel(joint, ReportLanguage::kChinese), "联建");
  EXPECT_EQ(EnumLabel(joint, ReportLanguage::kEnglish), "joint");
  const auto& kind = *v1::HostKind_descriptor()->FindValueByNumber(
      v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
  EXPECT_EQ(EnumLabel(kind, ReportLanguage::kChinese), "非公有制经济组织");
  EXPECT_EQ(EnumLabel(kind, ReportLanguage::kEnglish), "non public economic");
}

TEST(RuleTitleTest, EveryRuleHasTitlesInBothLanguages) {
  const std::vector<RuleInfo> rules = RuleCatalogue();
  ASSERT_GE(rules.size(), 60u);
  std::set<std::string> zh_titles;
  for (const RuleInfo& r : rules) {
    const std::string zh = RuleTitle(r.rule_id, ReportLanguage::kChinese);
    const std::string en = RuleTitle(r.rule_id, ReportLanguage::kEnglish);
    EXPECT_TRUE(HasChinese(zh)) << r.rule_id;
    EXPECT_NE(en, r.rule_id);
    EXPECT_FALSE(HasChinese(en)) << r.rule_id;
    EXPECT_TRUE(zh_titles.insert(zh).second) << "two rules titled " << zh;
  }
  for (const char* reading : {"io.read", "io.csv.row_skipped", "io.csv.cell",
                              "io.csv.subtotal_row"}) {
    EXPECT_TRUE(HasChinese(RuleTitle(reading, ReportLanguage::kChinese)));
  }
  EXPECT_EQ(
      RuleTitle("aggregate.member.duplicate_id", ReportLanguage::kChinese),
      "党员标识重复（只统计一次）");
  EXPECT_EQ(RuleTitle("aggregate.unknown_grid", ReportLanguage::kEnglish),
            "unknown grid in the figures");
  EXPECT_EQ(RuleTitle("aggregate..duplicate_id", ReportLanguage::kChinese),
            "aggregate..duplicate_id");
  EXPECT_EQ(RuleTitle("no.such.rule", ReportLanguage::kChinese),
            "no.such.rule");
  EXPECT_EQ(RuleTitle("member.national_id.checksum", ReportLanguage::kChinese),
            "公民身份号码校验码错误");
}

TEST(SourceLocationTextTest, LinesCellsAndRecords) {
  v1::SourceLocation l;
  l.set_file("县台账.csv");
  l.set_line(12);
  EXPECT_EQ(SourceLocationText(l), "县台账.csv:12");
  l.set_file("县台账.xlsx");
  l.set_sheet("党员");
  l.set_column(3);
  l.set_line(6);
  EXPECT_EQ(SourceLocationText(l), "县台账.xlsx:党员!C6");
  v1::SourceLocation r;
  r.set_file("county.djr");
  r.set_record_index(7);
  EXPECT_EQ(SourceLocationText(r, ReportLanguage::kChinese),
            "county.djr：第 7 条记录");
  EXPECT_EQ(SourceLocationText(r, ReportLanguage::kEnglish),
            "county.djr: record 7");
  EXPECT_EQ(SourceLocationText(v1::SourceLocation()), "-：第 0 条记录");
  v1::SourceLocation id;
  id.set_file("110101199003074514.csv");
  id.set_line(2);
  EXPECT_THAT(SourceLocationText(id), Not(HasSubstr("110101199003074514")));
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

v1::ValidationReport PlantedReport() {
  absl::StatusOr<v1::Dataset> d = DatasetFromJson(ReadFile(
      std::string(DANGJIAN_SOURCE_DIR) + "/tests/data/planted_faults.json"));
  EXPECT_THAT(d, IsOk());
  ValidatorOptions o;
  o.as_of.set_year(2024);
  o.as_of.set_month(6);
  o.as_of.set_day(30);
  auto v = Validator::Create(o);
  EXPECT_THAT(v, IsOk());
  if (!d.ok() || !v.ok()) return {};
  absl::StatusOr<v1::ValidationReport> r = (*v)->Validate(*d);
  EXPECT_THAT(r, IsOk());
  return r.ok() ? *r : v1::ValidationReport();
}

TEST(FindingMessageTest, EveryPlantedFindingSaysWhatIsWrongInChinese) {
  const v1::ValidationReport r = PlantedReport();
  ASSERT_GE(r.findings_size(), 300);
  std::set<std::string> rules;
  for (const v1::Finding& f : r.findings()) {
    rules.insert(f.rule_id());
    EXPECT_TRUE(HasChinese(f.message_zh()))
        << f.rule_id() << ": " << f.message_zh();
    EXPECT_EQ(EnglishWord(f.message_zh()), "")
        << f.rule_id() << ": " << f.message_zh();
    EXPECT_NE(f.message(), f.message_zh());
    // No enum name in the Chinese text.
    EXPECT_THAT(f.message_zh(), Not(HasSubstr("_STATUS_")));
    EXPECT_THAT(f.message_zh(), Not(HasSubstr("FORMATION_MODEL_")));
    EXPECT_THAT(f.message_zh(), Not(HasSubstr("REGION_LEVEL_")));
  }
  EXPECT_GE(rules.size(), 35u);
}

TEST(FindingMessageTest, ChineseMessagesAreMaskedLikeEnglishOnes) {
  const v1::ValidationReport r = PlantedReport();
  bool saw_id = false;
  for (const v1::Finding& f : r.findings()) {
    if (f.rule_id() != "member.national_id.checksum") continue;
    saw_id = true;
    EXPECT_THAT(f.message_zh(), HasSubstr("*"));
    int digits = 0, longest = 0;
    for (char c : f.message_zh()) {
      digits = absl::ascii_isdigit(c) ? digits + 1 : 0;
      longest = std::max(longest, digits);
    }
    EXPECT_LT(longest, 11) << f.message_zh();
  }
  EXPECT_TRUE(saw_id);
}

v1::ValidationReport OneFinding(const std::string& zh) {
  v1::ValidationReport r;
  r.set_policy_version("p-1");
  r.set_records_checked(1234);
  r.set_error_count(1);
  v1::Finding* f = r.add_findings();
  f->set_rule_id("member.national_id.checksum");
  f->set_severity(v1::SEVERITY_ERROR);
  f->set_record_kind("member");
  f->set_record_id("m-17");
  f->set_field_path("national_id");
  f->set_message(
      "resident ID (公民身份号码) 1504********1234 has a wrong check");
  f->set_message_zh(zh);
  f->mutable_location()->set_file("县台账.csv");
  f->mutable_location()->set_line(12);
  v1::RuleCount* c = r.add_rule_counts();
  c->set_rule_id("member.national_id.checksum");
  c->set_severity(v1::SEVERITY_ERROR);
  c->set_count(1);
  return r;
}

TEST(RenderFindingsTextTest, ChineseByDefault) {
  const std::string text = RenderFindingsText(
      OneFinding("公民身份号码 1504********1234 校验码错误"));
  EXPECT_THAT(
      text,
      StartsWith("县台账.csv:12：错误 公民身份号码校验码错误 "
                 "[member.national_id.checksum]：公民身份号码 "
                 "1504********1234 校验码错误 [党员 m-17 national_id]\n"));
  EXPECT_THAT(text, HasSubstr("按规则版本 p-1 检查 1,234 条记录：错误 1 条，"
                              "警告 0 条，提示 0 条"));
  EXPECT_THAT(text, HasSubstr("错误  公民身份号码校验码错误 "
                              "[member.national_id.checksum]"));
}

TEST(RenderFindingsTextTest, EnglishOnRequest) {
  FindingsRenderOptions o;
  o.language = ReportLanguage::kEnglish;
  const std::string text = RenderFindingsText(OneFinding("中文"), o);
  EXPECT_THAT(text, StartsWith("县台账.csv:12: ERROR resident ID check "
                               "character [member.national_id.checksum]: "
                               "resident ID (公民身份号码)"));
  EXPECT_THAT(text, HasSubstr("[member m-17 national_id]"));
  EXPECT_THAT(text, HasSubstr("1234 records checked against policy p-1: 1 "
                              "errors, 0 warnings, 0 notes"));
  EXPECT_THAT(text, HasSubstr("By rule:"));
}

TEST(RenderFindingsTextTest, AFindingWithoutAChineseMessageShowsTheEnglish) {
  const std::string text = RenderFindingsText(OneFinding(""));
  EXPECT_THAT(text, HasSubstr("：resident ID (公民身份号码)"));
}

TEST(RenderFindingsTextTest, PersonalDataInAMessageIsMasked) {
  const std::string text = RenderFindingsText(
      OneFinding("电话 13812345678 身份证 110101199003074514"));
  EXPECT_THAT(text, Not(HasSubstr("13812345678")));
  EXPECT_THAT(text, Not(HasSubstr("110101199003074514")));
}

TEST(RenderFindingsCsvTest, ChineseHeaderAndBomByDefault) {
  const std::string csv =
      RenderFindingsCsv(OneFinding("校验码错误，可能有数字录错"));
  const std::vector<std::string> lines = absl::StrSplit(csv, "\r\n");
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(
      lines[0],
      "\xEF\xBB\xBF文件,行号,记录序号,严重程度,规则标识,记录类型,记录标识,"
      "字段,说明,工作表,列,规则名称");
  EXPECT_EQ(lines[1],
            "县台账.csv,12,0,错误,member.national_id.checksum,党员,m-17,"
            "national_id,校验码错误，可能有数字录错,,0,"
            "公民身份号码校验码错误");
}

TEST(RenderFindingsCsvTest, EnglishWithoutBomAndFormulasDisarmed) {
  FindingsRenderOptions o;
  o.language = ReportLanguage::kEnglish;
  o.utf8_bom = false;
  v1::ValidationReport r = OneFinding("");
  r.mutable_findings(0)->set_record_id("=HYPERLINK(\"x\")");
  const std::string csv = RenderFindingsCsv(r, o);
  EXPECT_THAT(csv, StartsWith("file,line,record_index,severity,rule_id,"
                              "record_kind,record_id,field,message,sheet,"
                              "column,rule_title\r\n"));
  EXPECT_THAT(csv, HasSubstr(",ERROR,member.national_id.checksum,member,"
                             "\"'=HYPERLINK(\"\"x\"\")\",national_id,"));
  EXPECT_THAT(csv, HasSubstr(",resident ID check character\r\n"));
}

}  // namespace
}  // namespace dangjian
