// Worklists in words: why each unit falls short.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/enum_labels.h"
#include "dangjian/personal_data.h"
#include "dangjian/render.h"
#include "render/figures_table.h"

namespace dangjian {
namespace {

// "3 名正式党员" / "3 名正式党员、1 名预备党员"; "3 full members" / ...
std::string Members(const v1::WorklistEntry& e, bool zh) {
  const int64_t full = e.full_members(), prob = e.probationary_members();
  if (zh) {
    std::string s = absl::StrCat(full, " 名正式党员");
    if (prob > 0) absl::StrAppend(&s, "、", prob, " 名预备党员");
    return s;
  }
  std::string s =
      absl::StrCat(full, full == 1 ? " full member" : " full members");
  if (prob > 0) {
    absl::StrAppend(
        &s, " and ", prob,
        prob == 1 ? " probationary member" : " probationary members");
  }
  return s;
}

}  // namespace

namespace internal {

const std::vector<std::string>& WorklistHeader(bool zh) {
  static const auto* const kZh = new std::vector<std::string>{
      "目标", "所属区域",       "乡镇",     "名称",     "标识",
      "网格", "党建工作指导员", "正式党员", "预备党员", "未达标原因"};
  static const auto* const kEn = new std::vector<std::string>{
      "target",     "region",       "township",
      "name",       "id",           "grid",
      "instructor", "full_members", "probationary_members",
      "reason"};
  return zh ? *kZh : *kEn;
}

std::vector<std::string> WorklistCells(int i, const v1::WorklistEntry& e,
                                       bool zh) {
  const TargetLabel& l = TargetLabels()[static_cast<size_t>(i)];
  // Masked again: a partial may come from anywhere.
  return {zh ? l.zh : l.en,
          MaskPersonalData(absl::StrJoin(e.region_path(), " / ")),
          MaskPersonalData(e.township()),
          MaskPersonalData(e.name()),
          MaskPersonalData(e.id()),
          MaskPersonalData(e.grid_id()),
          MaskPersonalData(e.instructor_name()),
          absl::StrCat(e.full_members()),
          absl::StrCat(e.probationary_members()),
          DescribeShortfall(
              e, zh ? ReportLanguage::kChinese : ReportLanguage::kEnglish)};
}

}  // namespace internal

std::vector<std::string> WorklistTownshipPath(const v1::WorklistEntry& e) {
  int end = e.region_path_size();
  if (!e.township().empty()) {
    for (int i = e.region_path_size() - 1; i >= 0; --i) {
      if (e.region_path(i) == e.township()) {
        end = i + 1;
        break;
      }
    }
  }
  return std::vector<std::string>(e.region_path().begin(),
                                  e.region_path().begin() + end);
}

std::string DescribeShortfall(const v1::WorklistEntry& e,
                              ReportLanguage language) {
  const bool zh = language == ReportLanguage::kChinese;
  if (zh) {
    // The reason's label (core/enum_labels) is its words; the counts or the
    // absence of members go before it.
    const std::string label = internal::EnumNumberLabel(
        v1::ShortfallReason_descriptor(), e.reason(), true);
    switch (e.reason()) {
      case v1::SHORTFALL_REASON_NO_ORGANIZATION:
      case v1::SHORTFALL_REASON_NOT_JOINED:
        return absl::StrCat(Members(e, true), "，", label);
      case v1::SHORTFALL_REASON_NOT_STANDALONE:
        return absl::StrCat(Members(e, true), "，", label,
                            "（由联合、挂靠或区域党组织覆盖）");
      case v1::SHORTFALL_REASON_NO_STAR_ASSESSMENT:
        return label;
      case v1::SHORTFALL_REASON_NOT_IN_REGIONAL_GRID:
      case v1::SHORTFALL_REASON_GRID_WITHOUT_INSTRUCTOR:
        return absl::StrCat("无党员，", label);
      default:
        return "原因未记录";
    }
  }
  switch (e.reason()) {
    case v1::SHORTFALL_REASON_NO_ORGANIZATION:
      return absl::StrCat(Members(e, false), ", no party organization");
    case v1::SHORTFALL_REASON_NOT_STANDALONE:
      return absl::StrCat(Members(e, false),
                          ", no standalone organization (covered by a joint, "
                          "affiliated or regional one)");
    case v1::SHORTFALL_REASON_NO_STAR_ASSESSMENT:
      return "no star assessment for the year";
    case v1::SHORTFALL_REASON_NOT_JOINED:
      return absl::StrCat(Members(e, false),
                          ", in no joint or affiliated organization");
    case v1::SHORTFALL_REASON_NOT_IN_REGIONAL_GRID:
      return "no members, in no grid of a regional branch";
    case v1::SHORTFALL_REASON_GRID_WITHOUT_INSTRUCTOR:
      return "no members, and its grid has no party-building instructor";
    default:
      return "reason not recorded";
  }
}

}  // namespace dangjian
