// Personal data in every field, out of every output (issue 19): the Keshiketeng
// data with every string of every entity replaced by a resident ID or a
// mobile number, in every spelling people use (whole, in groups joined by
// spaces or hyphens, in full-width digits), the same text for the same
// original so that ids still join. Validated and reported through the public
// pipeline, grouped every way; the report in every format, the partial
// report (binary and JSON) and the findings must hold none of them whole.
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "dangjian/aggregate.h"
#include "dangjian/generate.h"
#include "dangjian/io.h"
#include "dangjian/personal_data.h"
#include "dangjian/pipeline.h"
#include "dangjian/record_io.h"
#include "dangjian/render.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace dangjian {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// The n-th personal value: a resident ID with a valid check character or a
// mobile number, each written one of three ways.
std::string PersonalValue(int n) {
  const int spelling = n % 6;
  const int i = n / 6;
  if (spelling < 3) {
    const std::string digits = absl::StrFormat(
        "110105%04d%02d%02d%03d", 1950 + i % 50, 1 + (i / 50) % 12,
        1 + (i / 600) % 28, (i / 16800) % 1000);
    static const int kWeights[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                     3, 7, 9,  10, 5, 8, 4, 2};
    int sum = 0;
    for (int k = 0; k < 17; ++k) sum += (digits[k] - '0') * kWeights[k];
    const std::string id = digits + "10X98765432"[sum % 11];
    if (spelling == 0) return id;
    const char sep = spelling == 1 ? ' ' : '-';
    return absl::StrCat(id.substr(0, 6), std::string(1, sep), id.substr(6, 8),
                        std::string(1, sep), id.substr(14));
  }
  const std::string mobile = absl::StrFormat("13%09d", i);
  if (spelling == 3) return mobile;
  if (spelling == 4) {
    return absl::StrCat(mobile.substr(0, 3), "-", mobile.substr(3, 4), "-",
                        mobile.substr(7));
  }
  std::string wide;  // Full-width digits: U+FF10 + d.
  for (char c : mobile) {
    wide += "\xEF\xBC";
    wide.push_back(static_cast<char>(0x90 + (c - '0')));
  }
  return wide;
}

// The digits of `text` (ASCII or full-width, and X) in runs, spaces and
// hyphens between digits skipped, anything else ending a run.
std::vector<std::string> DigitRuns(const std::string& text) {
  std::vector<std::string> runs;
  std::string run;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c >= '0' && c <= '9') || c == 'X') {
      run.push_back(static_cast<char>(c));
    } else if (c == 0xEF && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0xBC &&
               static_cast<unsigned char>(text[i + 2]) >= 0x90 &&
               static_cast<unsigned char>(text[i + 2]) <= 0x99) {
      run.push_back(static_cast<char>('0' + (text[i + 2] - 0x90)));
      i += 2;
    } else if (c != ' ' && c != '-') {
      if (!run.empty()) runs.push_back(std::move(run));
      run.clear();
    }
  }
  if (!run.empty()) runs.push_back(std::move(run));
  return runs;
}

std::string Digits(const std::string& text) {
  std::string out;
  for (const std::string& r : DigitRuns(text)) out += r;
  return out;
}

class Seeder {
 public:
  // Replaces every non-empty string of `m` and its sub-messages.
  void Seed(Message* m) {
    const Reflection* r = m->GetReflection();
    std::vector<const FieldDescriptor*> fields;
    r->ListFields(*m, &fields);
    for (const FieldDescriptor* f : fields) {
      if (f->type() == FieldDescriptor::TYPE_STRING) {
        if (f->is_repeated()) {
          for (int i = 0; i < r->FieldSize(*m, f); ++i) {
            r->SetRepeatedString(m, f, i,
                                 Value(r->GetRepeatedString(*m, f, i)));
          }
        } else {
          r->SetString(m, f, Value(r->GetString(*m, f)));
        }
      } else if (f->type() == FieldDescriptor::TYPE_MESSAGE) {
        if (f->is_repeated()) {
          for (int i = 0; i < r->FieldSize(*m, f); ++i) {
            Seed(r->MutableRepeatedMessage(m, f, i));
          }
        } else {
          Seed(r->MutableMessage(m, f));
        }
      }
    }
  }

  // Every value seeded, as its digits alone (ASCII; an X kept).
  std::set<std::string> Needles() const {
    std::set<std::string> out;
    for (const auto& [original, value] : values_) out.insert(Digits(value));
    return out;
  }
  size_t size() const { return values_.size(); }
  // A personal value of its own, for a field to hold (a dangling reference,
  // a duplicate id), seeded like the others.
  std::string Fresh() {
    return Value(absl::StrCat("\x01fresh ", values_.size()));
  }

 private:
  std::string Value(const std::string& original) {
    if (original.empty()) return original;
    auto it = values_.find(original);
    if (it == values_.end()) {
      it = values_
               .emplace(original,
                        PersonalValue(static_cast<int>(values_.size())))
               .first;
    }
    return it->second;
  }

  std::map<std::string, std::string> values_;
};

TEST(PrivacyOutputsTest, NoSeededIdOrPhoneAppearsWholeInAnyOutput) {
  v1::Dataset d = BuildKeshiketeng2014();
  Seeder seeder;
  const Reflection* r = d.GetReflection();
  for (int i = 0; i < d.GetDescriptor()->field_count(); ++i) {
    const FieldDescriptor* f = d.GetDescriptor()->field(i);
    // The entities; the provenance and the policy are the producer's.
    if (!f->is_repeated() || f->type() != FieldDescriptor::TYPE_MESSAGE) {
      continue;
    }
    for (int k = 0; k < r->FieldSize(d, f); ++k) {
      seeder.Seed(r->MutableRepeatedMessage(&d, f, k));
    }
  }
  ASSERT_GT(seeder.size(), 10000u);
  // Findings that quote ids: members naming units and organizations that are
  // not on file, units sharing an id, resident IDs on members.
  for (int i = 0; i < d.members_size(); ++i) {
    v1::Member* m = d.mutable_members(i);
    if (i % 5 == 0) m->set_host_organization_id(seeder.Fresh());
    if (i % 5 == 1) m->set_party_organization_id(seeder.Fresh());
    if (i % 5 == 2) m->set_national_id(seeder.Fresh());
    if (i % 5 == 3) m->set_phone(seeder.Fresh());
  }
  for (int i = 1; i < d.host_organizations_size(); i += 97) {
    d.mutable_host_organizations(i)->set_id(d.host_organizations(i - 1).id());
  }
  const std::string path = ::testing::TempDir() + "/dangjian_privacy.pb";
  ASSERT_TRUE(WriteDataset(d, path).ok());

  std::vector<std::pair<std::string, std::string>> outputs;  // name, text
  v1::GroupBy none, township, industry;
  township.set_region_level(v1::REGION_LEVEL_TOWNSHIP);
  industry.set_industry(true);
  industry.set_host_kind(true);
  int g = 0;
  for (const v1::GroupBy& by : {none, township, industry}) {
    PipelineOptions options;
    options.year = 2014;
    options.group_by = by;
    options.worklist_cap = 1000000;  // Every unit of every worklist.
    options.max_findings = 0;        // Every finding.
    options.threads = 1;
    absl::StatusOr<PipelineResult> run = RunPipeline({path}, options);
    ASSERT_TRUE(run.ok()) << run.status();
    const std::string tag = absl::StrCat("group ", g++, " ");
    ASSERT_GT(run->findings.findings_size(), 500);
    std::string findings;
    for (const v1::Finding& f : run->findings.findings()) {
      absl::StrAppend(&findings, f.record_id(), "|", f.message(), "|",
                      f.location().file(), "|", f.field_path(), "\n");
    }
    outputs.emplace_back(tag + "findings", findings);
    std::string partial_json;
    ASSERT_TRUE(
        google::protobuf::util::MessageToJsonString(run->partial, &partial_json)
            .ok());
    outputs.emplace_back(tag + "partial json", partial_json);
    outputs.emplace_back(tag + "partial binary",
                         run->partial.SerializeAsString());
    absl::StatusOr<v1::Report> report = FinishReport(run->partial);
    ASSERT_TRUE(report.ok()) << report.status();
    int worklisted = 0;
    for (const v1::ReportGroup& group : report->groups()) {
      const v1::TargetFigures& t = group.figures().targets();
      for (const v1::TargetResult* r :
           {&t.target_1(), &t.target_2(), &t.target_3(), &t.target_4()}) {
        worklisted += r->worklist_size();
      }
    }
    EXPECT_GT(worklisted, 0) << "no unit id reaches the output to check";
    for (ReportLanguage lang :
         {ReportLanguage::kChinese, ReportLanguage::kEnglish}) {
      TextRenderOptions text;
      text.language = lang;
      outputs.emplace_back(tag + "text", RenderReportText(*report, text));
      CsvRenderOptions csv;
      csv.language = lang;
      outputs.emplace_back(tag + "csv", RenderReportCsv(*report, csv));
      HtmlRenderOptions html;
      html.language = lang;
      outputs.emplace_back(tag + "html", RenderReportHtml(*report, html));
    }
    absl::StatusOr<std::string> json = RenderReportJson(*report);
    ASSERT_TRUE(json.ok());
    outputs.emplace_back(tag + "json", *json);
  }
  std::remove(path.c_str());

  // A needle shows whole when its digits stand in a run of the output's
  // digits (separators between them skipped): every window of a needle's
  // length is looked up.
  const std::set<std::string> needles = seeder.Needles();
  std::set<size_t> lengths;
  for (const std::string& n : needles) lengths.insert(n.size());
  int leaks = 0;
  for (const auto& [name, text] : outputs) {
    for (const std::string& run : DigitRuns(text)) {
      for (size_t len : lengths) {
        for (size_t at = 0; at + len <= run.size(); ++at) {
          const std::string window = run.substr(at, len);
          if (needles.count(window) == 0) continue;
          if (++leaks <= 5) {
            ADD_FAILURE() << name << " shows " << MaskNationalId(window)
                          << " whole";
          }
        }
      }
    }
  }
  EXPECT_EQ(leaks, 0);
}

}  // namespace
}  // namespace dangjian
