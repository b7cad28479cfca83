#include "core/enum_labels.h"

#include <cstring>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace dangjian {
namespace internal {

const std::unordered_map<std::string, std::vector<std::string>>&
EnumLabelTable() {
  static const auto* labels = new std::unordered_map<std::string,
                                                     std::vector<std::string>>{
      {"REGION_LEVEL_NATION", {"全国"}},
      {"REGION_LEVEL_PROVINCE", {"省", "自治区", "直辖市"}},
      {"REGION_LEVEL_CITY", {"地级市", "盟", "市"}},
      {"REGION_LEVEL_COUNTY", {"县", "旗", "区", "县级市"}},
      {"REGION_LEVEL_SUMU", {"苏木"}},
      {"REGION_LEVEL_TOWNSHIP", {"乡"}},
      {"REGION_LEVEL_TOWN", {"镇"}},
      {"REGION_LEVEL_SUB_DISTRICT", {"街道", "街道办事处"}},
      {"REGION_LEVEL_DEVELOPMENT_ZONE", {"开发区"}},
      {"REGION_LEVEL_INDUSTRIAL_PARK", {"工业园区", "园区"}},
      {"REGION_LEVEL_COMMUNITY", {"社区"}},
      {"REGION_LEVEL_VILLAGE", {"村", "嘎查"}},
      {"GRID_BASIS_GEOGRAPHY", {"按地域", "地域"}},
      {"GRID_BASIS_INDUSTRY", {"按行业类型", "行业", "按行业"}},
      {"HOST_KIND_NON_PUBLIC_ECONOMIC",
       {"非公有制经济组织", "非公经济组织", "非公企业"}},
      {"HOST_KIND_SOCIAL", {"社会组织"}},
      {"HOST_SUBTYPE_PRIVATE_ENTERPRISE", {"私营企业", "民营企业"}},
      {"HOST_SUBTYPE_INDIVIDUAL_BUSINESS", {"个体工商户"}},
      {"HOST_SUBTYPE_ABOVE_SIZE_INDUSTRIAL",
       {"规上工业企业", "限上工业企业", "规模以上工业企业"}},
      {"HOST_SUBTYPE_FARMER_COOPERATIVE", {"农民专业合作社", "合作社"}},
      {"HOST_SUBTYPE_MIXED_OWNERSHIP",
       {"混合所有制企业", "外资企业", "混合所有制/外资企业"}},
      {"HOST_SUBTYPE_OTHER_ECONOMIC", {"其他非公经济组织"}},
      {"HOST_SUBTYPE_SOCIAL_GROUP", {"社会团体", "社团"}},
      {"HOST_SUBTYPE_PRIVATE_NON_ENTERPRISE",
       {"民办非企业单位", "民非", "社会服务机构"}},
      {"HOST_SUBTYPE_FOUNDATION", {"基金会"}},
      {"HOST_SUBTYPE_INTERMEDIARY", {"中介组织"}},
      {"HOST_SUBTYPE_OTHER_SOCIAL", {"其他社会组织"}},
      {"SECTOR_SYSTEM_INDIVIDUAL_PRIVATE_ECONOMY", {"个体私营经济", "工商"}},
      {"SECTOR_SYSTEM_ECONOMY_IT", {"经信", "经济和信息化"}},
      {"SECTOR_SYSTEM_HOUSING_CONSTRUCTION", {"住建", "住房和城乡建设"}},
      {"SECTOR_SYSTEM_INDUSTRIAL_PARK", {"园区"}},
      {"SECTOR_SYSTEM_CIVIL_AFFAIRS", {"民政"}},
      {"SECTOR_SYSTEM_HEALTH", {"卫生", "卫健"}},
      {"SECTOR_SYSTEM_EDUCATION", {"教育"}},
      {"SECTOR_SYSTEM_TOURISM", {"旅游"}},
      {"SECTOR_SYSTEM_TRANSPORT", {"交通"}},
      {"SECTOR_SYSTEM_AGRICULTURE", {"农牧业", "农业"}},
      {"SECTOR_SYSTEM_FINANCE", {"金融"}},
      {"SECTOR_SYSTEM_JUSTICE", {"司法"}},
      {"SECTOR_SYSTEM_TERRITORIAL", {"属地乡镇街道", "属地"}},
      {"SECTOR_SYSTEM_OTHER", {"其他"}},
      {"HOST_STATUS_OPERATING", {"存续", "在营", "正常"}},
      {"HOST_STATUS_SUSPENDED", {"停业", "歇业"}},
      {"HOST_STATUS_CLOSED", {"注销", "吊销"}},
      {"MEMBERSHIP_EVENT_KIND_TRANSFER_IN", {"转入", "组织关系转入"}},
      {"MEMBERSHIP_EVENT_KIND_TRANSFER_OUT", {"转出", "组织关系转出"}},
      {"MEMBERSHIP_EVENT_KIND_STOPPED", {"停止党籍"}},
      {"MEMBERSHIP_EVENT_KIND_RESTORED", {"恢复党籍"}},
      {"MEMBERSHIP_EVENT_KIND_LEFT", {"出党", "退党", "除名", "开除党籍"}},
      {"MEMBERSHIP_EVENT_KIND_DIED", {"去世", "死亡", "病故"}},
      {"ORG_LEVEL_COMMITTEE", {"党委", "建立党委"}},
      {"ORG_LEVEL_GENERAL_BRANCH", {"党总支", "建立党总支"}},
      {"ORG_LEVEL_BRANCH", {"党支部", "建立党支部", "支部"}},
      {"FORMATION_MODEL_STANDALONE", {"单建", "单独组建", "独立组建"}},
      {"FORMATION_MODEL_JOINT", {"联建", "联合组建", "联合党组织"}},
      {"FORMATION_MODEL_AFFILIATED", {"挂靠组建", "挂靠"}},
      {"FORMATION_MODEL_REGIONAL",
       {"区域党支部", "1+N", "区域1+N", "区域组建"}},
      {"VENUE_OWNERSHIP_OWN", {"自有固定场所", "自有"}},
      {"VENUE_OWNERSHIP_SHARED_TOWNSHIP", {"与乡镇党组织共用", "乡镇共用"}},
      {"VENUE_OWNERSHIP_SHARED_COMMUNITY",
       {"与社区/村党组织共用", "社区共用", "村共用"}},
      {"VENUE_OWNERSHIP_SHARED_OTHER", {"与其他单位共用", "其他共用"}},
      {"FUNDING_SOURCE_ENTERPRISE_ALLOCATION", {"企业列支", "企业党组织列支"}},
      {"FUNDING_SOURCE_SUPERIOR_SUPPLEMENT", {"上级补充", "上级党组织补充"}},
      {"FUNDING_SOURCE_DUES_RETURNED", {"党费返还"}},
      {"FUNDING_SOURCE_FISCAL_SUBSIDY", {"财政补贴"}},
      {"MEMBER_STATUS_APPLICANT", {"入党申请人"}},
      {"MEMBER_STATUS_ACTIVIST", {"入党积极分子", "积极分子"}},
      {"MEMBER_STATUS_DEVELOPMENT_TARGET", {"发展对象"}},
      {"MEMBER_STATUS_PROBATIONARY", {"预备党员"}},
      {"MEMBER_STATUS_FULL", {"正式党员", "中共党员", "党员"}},
      {"GENDER_MALE", {"男"}},
      {"GENDER_FEMALE", {"女"}},
      {"DUES_CATEGORY_EMPLOYED", {"在职"}},
      {"DUES_CATEGORY_RETIRED", {"离退休", "退休"}},
      {"DUES_CATEGORY_STUDENT", {"学生"}},
      {"DUES_CATEGORY_UNEMPLOYED", {"失业"}},
      {"DUES_CATEGORY_SUBSISTENCE", {"低保", "享受最低生活保障"}},
      {"ACTIVITY_KIND_HEART_TO_HEART_MEETING", {"恳谈会"}},
      {"ACTIVITY_KIND_VISIT", {"走访"}},
      {"ACTIVITY_KIND_OWNER_TRAINING_CLASS", {"业主培训班"}},
      {"ACTIVITY_KIND_BROCHURE_DISTRIBUTION", {"发放宣传册"}},
      {"ACTIVITY_KIND_CONTACT_CARD_DISTRIBUTION", {"发放服务联系卡"}},
      {"ACTIVITY_KIND_ONLINE_GROUP", {"建立网络群组"}},
      {"ACTIVITY_KIND_ONLINE_POST", {"发布帖子"}},
      {"ACTIVITY_KIND_PROBLEM_SOLVED", {"解决实际问题"}},
      {"ACTIVITY_KIND_THREE_MEETINGS_ONE_LESSON", {"三会一课"}},
      {"ACTIVITY_KIND_TECHNICAL_SERVICE", {"技术服务"}},
      {"ACTIVITY_KIND_OTHER", {"其他"}},
      {"COMMITTEE_ROLE_SECRETARY",
       {"书记", "支部书记", "党支部书记", "总支书记", "党委书记"}},
      {"COMMITTEE_ROLE_DEPUTY_SECRETARY",
       {"副书记", "支部副书记", "党支部副书记", "总支副书记", "党委副书记"}},
      {"COMMITTEE_ROLE_MEMBER",
       {"委员", "支委", "支部委员", "党委委员", "组织委员", "宣传委员",
        "纪检委员", "纪律检查委员", "青年委员", "统战委员", "保密委员"}},
      {"CADRE_ASSIGNMENT_KIND_SECONDED_DEPUTY_SECRETARY",
       {"挂职党组织副书记", "选派副书记"}},
      {"CADRE_ASSIGNMENT_KIND_STATIONED_INSTRUCTOR",
       {"党建工作指导员", "指导员"}},
      {"CADRE_ASSIGNMENT_KIND_INTERNAL", {"内部培养"}},
      {"MEMBER_ROLE_SECRETARY",
       {"书记", "支部书记", "党支部书记", "总支书记", "党委书记"}},
      {"MEMBER_ROLE_DEPUTY_SECRETARY",
       {"副书记", "支部副书记", "党支部副书记", "总支副书记", "党委副书记"}},
      {"MEMBER_ROLE_COMMITTEE_MEMBER",
       {"委员", "支委", "支部委员", "党委委员", "组织委员", "宣传委员",
        "纪检委员", "纪律检查委员", "青年委员", "统战委员", "保密委员"}},
      {"MEMBER_ROLE_PARTY_AFFAIRS_WORKER", {"党务工作者", "党务干部"}},
      {"POST_KIND_DEMONSTRATION_POST", {"党员示范岗", "示范岗"}},
      {"POST_KIND_VANGUARD_POST", {"党员先锋岗", "先锋岗"}},
      {"POST_KIND_RESPONSIBILITY_ZONE", {"党员责任区", "责任区"}},
      {"POST_KIND_TECHNICAL_SERVICE_TEAM", {"党员技术服务队", "技术服务队"}},
      {"SEVERITY_ERROR", {"错误"}},
      {"SEVERITY_WARNING", {"警告"}},
      {"SEVERITY_INFO", {"提示"}},
      {"SHORTFALL_REASON_NO_ORGANIZATION", {"未建立党组织"}},
      {"SHORTFALL_REASON_NOT_STANDALONE", {"未单独建立党组织"}},
      {"SHORTFALL_REASON_NO_STAR_ASSESSMENT", {"未开展本年度星级评定"}},
      {"SHORTFALL_REASON_NOT_JOINED", {"未联合建立或挂靠党组织"}},
      {"SHORTFALL_REASON_NOT_IN_REGIONAL_GRID", {"未纳入区域党组织网格"}},
      {"SHORTFALL_REASON_GRID_WITHOUT_INSTRUCTOR",
       {"所在网格未配备党建工作指导员"}},
  };
  return *labels;
}

std::string EnumValueLabel(const google::protobuf::EnumValueDescriptor& value,
                           bool zh) {
  if (zh) {
    if (value.number() == 0) return "未填写";
    auto it = EnumLabelTable().find(value.name());
    if (it != EnumLabelTable().end()) return it->second[0];
  }
  // Every enum of the schema starts with PREFIX_UNSPECIFIED = 0.
  absl::string_view name = value.name();
  const std::string& zero = value.type()->value(0)->name();
  if (absl::EndsWith(zero, "UNSPECIFIED")) {
    absl::string_view prefix(zero.data(),
                             zero.size() - std::strlen("UNSPECIFIED"));
    if (absl::StartsWith(name, prefix) && name.size() > prefix.size()) {
      name.remove_prefix(prefix.size());
    }
  }
  std::string out = absl::AsciiStrToLower(name);
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  return out;
}

std::string EnumNumberLabel(const google::protobuf::EnumDescriptor* e,
                            int number, bool zh) {
  const google::protobuf::EnumValueDescriptor* v = e->FindValueByNumber(number);
  return v == nullptr ? absl::StrCat(number) : EnumValueLabel(*v, zh);
}

absl::string_view RecordKindLabel(absl::string_view kind, bool zh) {
  if (!zh) return kind;
  static constexpr std::pair<absl::string_view, absl::string_view> kNames[] = {
      {"region", "区域"},
      {"grid", "网格"},
      {"host_organization", "单位"},
      {"party_organization", "党组织"},
      {"venue", "活动场所"},
      {"funding", "经费"},
      {"member", "党员"},
      {"cadre_assignment", "选派干部"},
      {"reserve_talent", "后备人才"},
      {"activity", "活动"},
      {"host_annual_result", "单位年度成效"},
      {"region_economy", "区域经济"},
      {"star_assessment", "星级评定"},
  };
  if (kind == "empty") return "空记录";
  for (const auto& [en, zh_name] : kNames) {
    if (en == kind) return zh_name;
  }
  return kind;
}

}  // namespace internal
}  // namespace dangjian
