// The ledger tables: their columns (headers, fields, cell kinds), built once
// into Tables(); which fields a table holds; header normalisation.

#include <cstring>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/enum_labels.h"
#include "dangjian/v1/dataset.pb.h"
#include "io/csv_columns.h"

namespace dangjian {
namespace internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

struct ColumnDef {
  const char* field;
  const char* english;  // nullptr: the field path.
  std::vector<std::string> chinese;
  CellKind kind;
};

struct TableDef {
  CsvTable table;
  const char* name;
  std::vector<std::string> chinese;
  std::vector<ColumnDef> columns;
  // The field that keys a row: a row without it is skipped.
  const char* id_field = "id";
};

using K = CellKind;

TableDef RegionsTable() {
  return {CsvTable::kRegions,
          "regions",
          {"区域", "行政区域"},
          {
              {"id", nullptr, {"区域标识", "区域编号"}, K::kString},
              {"name", nullptr, {"区域名称", "名称"}, K::kString},
              {"code", nullptr, {"行政区划代码", "区划代码"}, K::kString},
              {"level", nullptr, {"层级", "区域层级"}, K::kEnum},
              {"parent_id", nullptr, {"上级区域"}, K::kString},
              {"working_committee_member_units",
               nullptr,
               {"党工委成员单位"},
               K::kList},
          }};
}

TableDef GridsTable() {
  return {
      CsvTable::kGrids,
      "grids",
      {"网格"},
      {
          {"id", nullptr, {"网格标识", "网格编号"}, K::kString},
          {"name", nullptr, {"网格名称"}, K::kString},
          {"party_organization_id", nullptr, {"所属区域党支部"}, K::kString},
          {"region_id", nullptr, {"所在区域"}, K::kString},
          {"basis", nullptr, {"划分依据"}, K::kEnum},
          {"industry", nullptr, {"行业"}, K::kString},
          {"instructor_name",
           nullptr,
           {"党建工作指导员姓名", "指导员姓名", "党建工作指导员"},
           K::kString},
          {"instructor_unit", nullptr, {"指导员派出单位"}, K::kString},
          {"instructor_phone", nullptr, {"指导员联系电话"}, K::kPhone},
          {"instructor_assignment_id", nullptr, {"指导员选派记录"}, K::kString},
      }};
}

TableDef HostOrganizationsTable() {
  return {CsvTable::kHostOrganizations,
          "host_organizations",
          {"单位", "非公经济组织和社会组织"},
          {
              {"id", nullptr, {"单位标识", "单位编号"}, K::kString},
              {"name", nullptr, {"单位名称", "组织名称"}, K::kString},
              {"kind", nullptr, {"组织类别", "单位类别"}, K::kEnum},
              {"subtype", nullptr, {"组织类型", "单位类型"}, K::kEnum},
              {"unified_social_credit_code",
               nullptr,
               {"统一社会信用代码"},
               K::kString},
              {"industry", nullptr, {"所属行业", "行业"}, K::kString},
              {"region_id", nullptr, {"所在区域", "所在乡镇"}, K::kString},
              {"grid_id", nullptr, {"所在网格"}, K::kString},
              {"sector_system", nullptr, {"行业系统", "主管部门"}, K::kEnum},
              {"employees", nullptr, {"从业人员数", "职工人数"}, K::kInt},
              {"owner.name", nullptr, {"业主姓名", "负责人"}, K::kString},
              {"owner.is_party_member",
               nullptr,
               {"业主是否党员", "党员业主"},
               K::kBool},
              {"owner.is_secretary", nullptr, {"业主兼任书记"}, K::kBool},
              {"owner.member_id", nullptr, {"业主党员标识"}, K::kString},
              {"has_trade_union",
               nullptr,
               {"建立工会组织", "是否建立工会"},
               K::kBool},
              {"has_womens_organization",
               nullptr,
               {"建立妇女组织", "是否建立妇女组织"},
               K::kBool},
              {"has_youth_league_organization",
               nullptr,
               {"建立团组织", "是否建立团组织"},
               K::kBool},
              {"service_contact_card_issued",
               nullptr,
               {"服务联系卡", "发放服务联系卡"},
               K::kBool},
              {"reported_member_counts.full",
               nullptr,
               {"正式党员数", "正式党员"},
               K::kInt},
              {"reported_member_counts.probationary",
               nullptr,
               {"预备党员数", "预备党员"},
               K::kInt},
              {"reported_member_counts.activists",
               nullptr,
               {"入党积极分子数", "入党积极分子"},
               K::kInt},
              {"reported_member_counts.applicants",
               nullptr,
               {"入党申请人数", "入党申请人"},
               K::kInt},
              {"reported_member_counts.development_targets",
               nullptr,
               {"发展对象数", "发展对象"},
               K::kInt},
              {"registered_on", nullptr, {"成立日期", "登记日期"}, K::kDate},
              {"status", nullptr, {"经营状态", "登记状态"}, K::kEnum},
              {"status_changes",
               nullptr,
               {"经营状态变更", "状态变更记录"},
               K::kStatusChanges},
          }};
}

TableDef PartyOrganizationsTable() {
  return {
      CsvTable::kPartyOrganizations,
      "party_organizations",
      {"党组织"},
      {
          {"id", nullptr, {"党组织标识", "党组织编号"}, K::kString},
          {"name", nullptr, {"党组织名称"}, K::kString},
          {"level", nullptr, {"党组织类别", "党组织建立情况"}, K::kEnum},
          {"formation", nullptr, {"组建方式"}, K::kEnum},
          {"host_organization_ids",
           nullptr,
           {"覆盖单位", "覆盖单位标识"},
           K::kList},
          {"region_id", nullptr, {"所在区域"}, K::kString},
          {"parent_id", nullptr, {"上级党组织"}, K::kString},
          {"founded_on", nullptr, {"成立日期"}, K::kDate},
          {"secretary_member_id", nullptr, {"书记标识"}, K::kString},
          {"secretary_name", nullptr, {"书记姓名"}, K::kString},
          {"demonstration_point", nullptr, {"示范点"}, K::kBool},
          {"venue_id", nullptr, {"活动场所"}, K::kString},
          {"term_started_on", nullptr, {"本届任期开始"}, K::kDate},
          {"previous_party_organization_id", nullptr, {"原党组织"}, K::kString},
          {"dissolved_on", nullptr, {"撤销日期"}, K::kDate},
          {"committee",
           nullptr,
           {"班子成员", "委员会成员", "支委会成员"},
           K::kSeats},
          {"past_terms", nullptr, {"历届委员会", "历届班子"}, K::kPastTerms},
      }};
}

TableDef VenuesTable() {
  return {
      CsvTable::kVenues,
      "venues",
      {"活动场所", "场所"},
      {
          {"id", nullptr, {"场所标识", "场所编号"}, K::kString},
          {"name", nullptr, {"场所名称"}, K::kString},
          {"party_organization_id", nullptr, {"所属党组织"}, K::kString},
          {"ownership", nullptr, {"场所性质"}, K::kEnum},
          {"shared_with_party_organization_id",
           nullptr,
           {"共用党组织"},
           K::kString},
          {"address", nullptr, {"地址"}, K::kString},
          {"area_square_metres", nullptr, {"面积(平方米)", "面积"}, K::kInt},
          {"capacity", nullptr, {"容纳人数"}, K::kInt},
          {"has_site", nullptr, {"有场所"}, K::kBool},
          {"has_facilities", nullptr, {"有设施"}, K::kBool},
          {"has_signage", nullptr, {"有标志"}, K::kBool},
          {"has_party_flag", nullptr, {"有党旗"}, K::kBool},
          {"has_books_and_newspapers", nullptr, {"有书报"}, K::kBool},
          {"has_rules_on_wall", nullptr, {"有制度"}, K::kBool},
          {"latitude", nullptr, {"纬度"}, K::kDecimal},
          {"longitude", nullptr, {"经度"}, K::kDecimal},
          {"assessments",
           nullptr,
           {"六有评估记录", "六有评估"},
           K::kVenueAssessments},
      }};
}

TableDef FundingTable() {
  return {CsvTable::kFunding,
          "funding",
          {"经费"},
          {
              {"id", nullptr, {"记录标识", "经费标识"}, K::kString},
              {"party_organization_id", nullptr, {"党组织"}, K::kString},
              {"year", nullptr, {"年度"}, K::kInt},
              {"source", nullptr, {"经费来源", "来源"}, K::kEnum},
              {"amount_fen", "amount_yuan", {"金额(元)", "金额"}, K::kYuan},
              {"amount_fen", "amount_wan_yuan", {"金额(万元)"}, K::kWanYuan},
              {"received_on", nullptr, {"到位日期"}, K::kDate},
              {"note", nullptr, {"备注"}, K::kString},
          }};
}

TableDef MembersTable() {
  return {
      CsvTable::kMembers,
      "members",
      {"党员", "党员及入党积极分子"},
      {
          {"id", nullptr, {"人员标识", "人员编号"}, K::kString},
          {"name", nullptr, {"姓名"}, K::kString},
          {"status", nullptr, {"发展阶段", "人员类别"}, K::kEnum},
          {"applied_on", nullptr, {"递交入党申请书日期"}, K::kDate},
          {"activist_on", nullptr, {"确定为入党积极分子日期"}, K::kDate},
          {"development_target_on", nullptr, {"确定为发展对象日期"}, K::kDate},
          {"probationary_on",
           nullptr,
           {"接收为预备党员日期", "入党日期"},
           K::kDate},
          {"full_on", nullptr, {"转为正式党员日期", "转正日期"}, K::kDate},
          {"host_organization_id", nullptr, {"工作单位"}, K::kString},
          {"party_organization_id", nullptr, {"所在党支部"}, K::kString},
          {"national_id",
           nullptr,
           {"公民身份号码", "身份证号码", "身份证号"},
           K::kNationalId},
          {"birth_date", nullptr, {"出生日期"}, K::kDate},
          {"gender", nullptr, {"性别"}, K::kEnum},
          {"phone", nullptr, {"联系电话", "手机号码"}, K::kPhone},
          {"is_owner", nullptr, {"党员业主", "是否业主"}, K::kBool},
          {"dues_category", nullptr, {"党费类别"}, K::kEnum},
          {"monthly_income_fen",
           "monthly_income_yuan",
           {"月收入(元)", "月收入"},
           K::kYuan},
          {"monthly_dues_fen",
           "monthly_dues_yuan",
           {"月缴党费(元)", "月缴党费"},
           K::kYuan},
          {"dues_paid_through",
           nullptr,
           {"党费交至", "党费缴至", "党费交纳至"},
           K::kDate},
          {"roles", nullptr, {"党内职务"}, K::kEnumList},
          {"posts", nullptr, {"党员岗位", "设岗定责"}, K::kPosts},
          {"events", nullptr, {"组织关系变动", "党籍变动"}, K::kMemberEvents},
      }};
}

TableDef ActivitiesTable() {
  return {CsvTable::kActivities,
          "activities",
          {"活动"},
          {
              {"id", nullptr, {"记录标识", "活动标识"}, K::kString},
              {"kind", nullptr, {"活动类别", "类别"}, K::kEnum},
              {"party_organization_id", nullptr, {"组织单位"}, K::kString},
              {"grid_id", nullptr, {"网格"}, K::kString},
              {"host_organization_id", nullptr, {"对象单位"}, K::kString},
              {"held_on", nullptr, {"活动日期", "日期"}, K::kDate},
              {"count", nullptr, {"数量"}, K::kInt},
              {"participants", nullptr, {"参加人次"}, K::kInt},
              {"title", nullptr, {"主题", "主题/备注"}, K::kString},
          }};
}

// 星级评定台账: one row per organization per year, keyed by the
// organization (an assessment has no id of its own).
TableDef StarAssessmentsTable() {
  return {CsvTable::kStarAssessments,
          "star_assessments",
          {"星级评定", "星级评定台账", "星级评定情况"},
          {
              {"party_organization_id",
               nullptr,
               {"党组织标识", "党组织编号", "党组织"},
               K::kString},
              {"year", nullptr, {"评定年度", "年度"}, K::kInt},
              {"stars", nullptr, {"星级", "评定星级"}, K::kInt},
              {"organization_building_good", nullptr, {"组织建设好"}, K::kBool},
              {"guarantee_mechanism_good", nullptr, {"保障机制好"}, K::kBool},
              {"activities_good", nullptr, {"活动开展好"}, K::kBool},
              {"role_played_well", nullptr, {"作用发挥好"}, K::kBool},
              {"distinctive_results_good", nullptr, {"特色效果好"}, K::kBool},
              {"standard_version",
               nullptr,
               {"评定标准", "评定标准版本"},
               K::kString},
              {"assessed_on", nullptr, {"评定日期"}, K::kDate},
              {"score", nullptr, {"得分"}, K::kInt},
          },
          "party_organization_id"};
}

TableDef CadreAssignmentsTable() {
  return {CsvTable::kCadreAssignments,
          "cadre_assignments",
          {"党务干部", "党务干部台账", "选派干部"},
          {
              {"id", nullptr, {"记录标识", "选派标识"}, K::kString},
              {"kind", nullptr, {"选派类别"}, K::kEnum},
              {"name", nullptr, {"姓名"}, K::kString},
              {"from_unit", nullptr, {"派出单位"}, K::kString},
              {"party_organization_id",
               nullptr,
               {"所在党组织", "党组织"},
               K::kString},
              {"grid_id", nullptr, {"所在网格"}, K::kString},
              {"start_on", nullptr, {"开始日期", "到任日期"}, K::kDate},
              {"end_on", nullptr, {"结束日期", "离任日期"}, K::kDate},
          }};
}

TableDef ReserveTalentTable() {
  return {CsvTable::kReserveTalent,
          "reserve_talent",
          {"储备人才", "储备人才台账", "储备党务工作人才"},
          {
              {"id", nullptr, {"记录标识", "人才标识"}, K::kString},
              {"name", nullptr, {"姓名"}, K::kString},
              {"member_id", nullptr, {"党员标识"}, K::kString},
              {"host_organization_id", nullptr, {"所在单位"}, K::kString},
              {"party_organization_id", nullptr, {"所在党组织"}, K::kString},
              {"since", nullptr, {"储备日期", "入库日期"}, K::kDate},
          }};
}

TableDef HostAnnualResultsTable() {
  return {CsvTable::kHostAnnualResults,
          "host_annual_results",
          {"年度成效", "年度成效台账", "单位年度成效"},
          {
              {"id", nullptr, {"记录标识", "成效标识"}, K::kString},
              {"host_organization_id", nullptr, {"单位标识"}, K::kString},
              {"year", nullptr, {"年度"}, K::kInt},
              {"jobs_provided",
               nullptr,
               {"解决就业", "解决就业人数", "提供就业岗位"},
               K::kInt},
              {"donations_fen",
               "donations_yuan",
               {"公益捐款(元)", "公益捐款"},
               K::kYuan},
              {"donations_fen",
               "donations_wan_yuan",
               {"公益捐款(万元)"},
               K::kWanYuan},
              {"households_helped", nullptr, {"帮扶贫困户"}, K::kInt},
              {"students_aided", nullptr, {"救助贫困学生"}, K::kInt},
              {"suggestions", nullptr, {"合理化建议"}, K::kInt},
              {"savings_fen",
               "savings_yuan",
               {"节约开支创收(元)", "节约开支创收"},
               K::kYuan},
              {"savings_fen",
               "savings_wan_yuan",
               {"节约开支创收(万元)"},
               K::kWanYuan},
              {"technical_problems_solved", nullptr, {"攻克技术难题"}, K::kInt},
              {"innovation_projects", nullptr, {"创新项目"}, K::kInt},
          }};
}

TableDef RegionEconomiesTable() {
  return {CsvTable::kRegionEconomies,
          "region_economies",
          {"区域经济", "区域经济台账", "经济数据"},
          {
              {"id", nullptr, {"记录标识", "经济数据标识"}, K::kString},
              {"region_id", nullptr, {"区域标识"}, K::kString},
              {"year", nullptr, {"年度"}, K::kInt},
              {"market_entities_total", nullptr, {"市场主体总数"}, K::kInt},
              {"market_entities_non_public",
               nullptr,
               {"非公市场主体数", "非公市场主体"},
               K::kInt},
              {"value_added_total_fen",
               "value_added_total_yuan",
               {"地区生产总值(元)", "地区生产总值"},
               K::kYuan},
              {"value_added_total_fen",
               "value_added_total_wan_yuan",
               {"地区生产总值(万元)"},
               K::kWanYuan},
              {"value_added_non_public_fen",
               "value_added_non_public_yuan",
               {"非公经济增加值(元)", "非公经济增加值"},
               K::kYuan},
              {"value_added_non_public_fen",
               "value_added_non_public_wan_yuan",
               {"非公经济增加值(万元)"},
               K::kWanYuan},
              {"tax_revenue_total_fen",
               "tax_revenue_total_yuan",
               {"地方财政总收入(元)", "地方财政总收入"},
               K::kYuan},
              {"tax_revenue_total_fen",
               "tax_revenue_total_wan_yuan",
               {"地方财政总收入(万元)"},
               K::kWanYuan},
              {"tax_revenue_non_public_fen",
               "tax_revenue_non_public_yuan",
               {"非公经济税收(元)", "非公经济税收"},
               K::kYuan},
              {"tax_revenue_non_public_fen",
               "tax_revenue_non_public_wan_yuan",
               {"非公经济税收(万元)"},
               K::kWanYuan},
          }};
}

std::vector<TableDef> TableDefs() {
  return {RegionsTable(),
          GridsTable(),
          HostOrganizationsTable(),
          PartyOrganizationsTable(),
          VenuesTable(),
          FundingTable(),
          MembersTable(),
          ActivitiesTable(),
          StarAssessmentsTable(),
          CadreAssignmentsTable(),
          ReserveTalentTable(),
          HostAnnualResultsTable(),
          RegionEconomiesTable()};
}

// Generated accessors for the fields of the entities themselves that columns
// set: SetCell() calls them where it would otherwise write the wire format
// and have it parsed (the copy, the parse and protobuf's second UTF-8 check
// of every string are what that costs). A column whose field is not here
// (nested fields, lists, decimals, columns added later) takes the wire format,
// with the same result. Keyed by the field's full name. Strings are assigned
// through mutable_*(): set_*(data, size) builds a std::string first, and the
// entity's own string keeps its memory from one row to the next. Cleared and
// appended to: append() costs less than assign(), whose general replace
// allows for the source overlapping the string.
struct Setters {
  void (*set_string)(Message*, absl::string_view) = nullptr;
  void (*set_integer)(Message*, int64_t) = nullptr;
  v1::Date* (*mutable_date)(Message*) = nullptr;
  v1::Date* (*release_date)(Message*) = nullptr;
  void (*set_allocated_date)(Message*, v1::Date*) = nullptr;
};

#define DANGJIAN_STRING_SETTER(Type, field)                            \
  std::pair<std::string, Setters> {                                    \
    "dangjian.v1." #Type "." #field, Setters {                         \
      [](Message* m, absl::string_view v) {                            \
        std::string* s = static_cast<v1::Type*>(m)->mutable_##field(); \
        s->clear();                                                    \
        s->append(v.data(), v.size());                                 \
      },                                                               \
          nullptr, nullptr, nullptr, nullptr                           \
    }                                                                  \
  }
// Integers, enums and bools, cast to the field's own type.
#define DANGJIAN_INTEGER_SETTER(Type, field)                      \
  std::pair<std::string, Setters> {                               \
    "dangjian.v1." #Type "." #field, Setters {                    \
      nullptr,                                                    \
          [](Message* m, int64_t v) {                             \
            auto* t = static_cast<v1::Type*>(m);                  \
            t->set_##field(static_cast<decltype(t->field())>(v)); \
          },                                                      \
          nullptr, nullptr, nullptr                               \
    }                                                             \
  }
#define DANGJIAN_DATE_SETTER(Type, field)                                     \
  std::pair<std::string, Setters> {                                           \
    "dangjian.v1." #Type "." #field, Setters {                                \
      nullptr, nullptr,                                                       \
          [](Message* m) -> v1::Date* {                                       \
            return static_cast<v1::Type*>(m)->mutable_##field();              \
          },                                                                  \
          [](Message* m) -> v1::Date* {                                       \
            return static_cast<v1::Type*>(m)->unsafe_arena_release_##field(); \
          },                                                                  \
          [](Message* m, v1::Date* date) {                                    \
            static_cast<v1::Type*>(m)->unsafe_arena_set_allocated_##field(    \
                date);                                                        \
          }                                                                   \
    }                                                                         \
  }

const std::unordered_map<std::string, Setters>& SettersByField() {
  static const auto* setters = new std::unordered_map<std::string, Setters>{
      DANGJIAN_STRING_SETTER(Region, id),
      DANGJIAN_STRING_SETTER(Region, name),
      DANGJIAN_STRING_SETTER(Region, code),
      DANGJIAN_INTEGER_SETTER(Region, level),
      DANGJIAN_STRING_SETTER(Region, parent_id),
      DANGJIAN_STRING_SETTER(Grid, id),
      DANGJIAN_STRING_SETTER(Grid, name),
      DANGJIAN_STRING_SETTER(Grid, party_organization_id),
      DANGJIAN_STRING_SETTER(Grid, region_id),
      DANGJIAN_INTEGER_SETTER(Grid, basis),
      DANGJIAN_STRING_SETTER(Grid, industry),
      DANGJIAN_STRING_SETTER(Grid, instructor_name),
      DANGJIAN_STRING_SETTER(Grid, instructor_unit),
      DANGJIAN_STRING_SETTER(Grid, instructor_phone),
      DANGJIAN_STRING_SETTER(Grid, instructor_assignment_id),
      DANGJIAN_STRING_SETTER(HostOrganization, id),
      DANGJIAN_STRING_SETTER(HostOrganization, name),
      DANGJIAN_INTEGER_SETTER(HostOrganization, kind),
      DANGJIAN_INTEGER_SETTER(HostOrganization, subtype),
      DANGJIAN_STRING_SETTER(HostOrganization, unified_social_credit_code),
      DANGJIAN_STRING_SETTER(HostOrganization, industry),
      DANGJIAN_STRING_SETTER(HostOrganization, region_id),
      DANGJIAN_STRING_SETTER(HostOrganization, grid_id),
      DANGJIAN_INTEGER_SETTER(HostOrganization, sector_system),
      DANGJIAN_INTEGER_SETTER(HostOrganization, employees),
      DANGJIAN_INTEGER_SETTER(HostOrganization, has_trade_union),
      DANGJIAN_INTEGER_SETTER(HostOrganization, has_womens_organization),
      DANGJIAN_INTEGER_SETTER(HostOrganization, has_youth_league_organization),
      DANGJIAN_INTEGER_SETTER(HostOrganization, service_contact_card_issued),
      DANGJIAN_DATE_SETTER(HostOrganization, registered_on),
      DANGJIAN_INTEGER_SETTER(HostOrganization, status),
      DANGJIAN_STRING_SETTER(PartyOrganization, id),
      DANGJIAN_STRING_SETTER(PartyOrganization, name),
      DANGJIAN_INTEGER_SETTER(PartyOrganization, level),
      DANGJIAN_INTEGER_SETTER(PartyOrganization, formation),
      DANGJIAN_STRING_SETTER(PartyOrganization, region_id),
      DANGJIAN_STRING_SETTER(PartyOrganization, parent_id),
      DANGJIAN_DATE_SETTER(PartyOrganization, founded_on),
      DANGJIAN_STRING_SETTER(PartyOrganization, secretary_member_id),
      DANGJIAN_STRING_SETTER(PartyOrganization, secretary_name),
      DANGJIAN_INTEGER_SETTER(PartyOrganization, demonstration_point),
      DANGJIAN_STRING_SETTER(PartyOrganization, venue_id),
      DANGJIAN_DATE_SETTER(PartyOrganization, term_started_on),
      DANGJIAN_STRING_SETTER(PartyOrganization, previous_party_organization_id),
      DANGJIAN_DATE_SETTER(PartyOrganization, dissolved_on),
      DANGJIAN_STRING_SETTER(Venue, id),
      DANGJIAN_STRING_SETTER(Venue, name),
      DANGJIAN_STRING_SETTER(Venue, party_organization_id),
      DANGJIAN_INTEGER_SETTER(Venue, ownership),
      DANGJIAN_STRING_SETTER(Venue, shared_with_party_organization_id),
      DANGJIAN_STRING_SETTER(Venue, address),
      DANGJIAN_INTEGER_SETTER(Venue, area_square_metres),
      DANGJIAN_INTEGER_SETTER(Venue, capacity),
      DANGJIAN_INTEGER_SETTER(Venue, has_site),
      DANGJIAN_INTEGER_SETTER(Venue, has_facilities),
      DANGJIAN_INTEGER_SETTER(Venue, has_signage),
      DANGJIAN_INTEGER_SETTER(Venue, has_party_flag),
      DANGJIAN_INTEGER_SETTER(Venue, has_books_and_newspapers),
      DANGJIAN_INTEGER_SETTER(Venue, has_rules_on_wall),
      DANGJIAN_STRING_SETTER(Funding, id),
      DANGJIAN_STRING_SETTER(Funding, party_organization_id),
      DANGJIAN_INTEGER_SETTER(Funding, year),
      DANGJIAN_INTEGER_SETTER(Funding, source),
      DANGJIAN_INTEGER_SETTER(Funding, amount_fen),
      DANGJIAN_DATE_SETTER(Funding, received_on),
      DANGJIAN_STRING_SETTER(Funding, note),
      DANGJIAN_STRING_SETTER(Member, id),
      DANGJIAN_STRING_SETTER(Member, name),
      DANGJIAN_INTEGER_SETTER(Member, status),
      DANGJIAN_DATE_SETTER(Member, applied_on),
      DANGJIAN_DATE_SETTER(Member, activist_on),
      DANGJIAN_DATE_SETTER(Member, development_target_on),
      DANGJIAN_DATE_SETTER(Member, probationary_on),
      DANGJIAN_DATE_SETTER(Member, full_on),
      DANGJIAN_STRING_SETTER(Member, host_organization_id),
      DANGJIAN_STRING_SETTER(Member, party_organization_id),
      DANGJIAN_STRING_SETTER(Member, national_id),
      DANGJIAN_DATE_SETTER(Member, birth_date),
      DANGJIAN_INTEGER_SETTER(Member, gender),
      DANGJIAN_STRING_SETTER(Member, phone),
      DANGJIAN_INTEGER_SETTER(Member, is_owner),
      DANGJIAN_INTEGER_SETTER(Member, dues_category),
      DANGJIAN_INTEGER_SETTER(Member, monthly_income_fen),
      DANGJIAN_INTEGER_SETTER(Member, monthly_dues_fen),
      DANGJIAN_STRING_SETTER(Activity, id),
      DANGJIAN_INTEGER_SETTER(Activity, kind),
      DANGJIAN_STRING_SETTER(Activity, party_organization_id),
      DANGJIAN_STRING_SETTER(Activity, grid_id),
      DANGJIAN_STRING_SETTER(Activity, host_organization_id),
      DANGJIAN_DATE_SETTER(Activity, held_on),
      DANGJIAN_INTEGER_SETTER(Activity, count),
      DANGJIAN_INTEGER_SETTER(Activity, participants),
      DANGJIAN_STRING_SETTER(Activity, title),
      DANGJIAN_STRING_SETTER(StarAssessment, party_organization_id),
      DANGJIAN_INTEGER_SETTER(StarAssessment, year),
      DANGJIAN_INTEGER_SETTER(StarAssessment, stars),
      DANGJIAN_INTEGER_SETTER(StarAssessment, organization_building_good),
      DANGJIAN_INTEGER_SETTER(StarAssessment, guarantee_mechanism_good),
      DANGJIAN_INTEGER_SETTER(StarAssessment, activities_good),
      DANGJIAN_INTEGER_SETTER(StarAssessment, role_played_well),
      DANGJIAN_INTEGER_SETTER(StarAssessment, distinctive_results_good),
      DANGJIAN_STRING_SETTER(StarAssessment, standard_version),
      DANGJIAN_DATE_SETTER(StarAssessment, assessed_on),
      DANGJIAN_INTEGER_SETTER(StarAssessment, score),
      // Fields of the message fields below.
      DANGJIAN_STRING_SETTER(Owner, name),
      DANGJIAN_INTEGER_SETTER(Owner, is_party_member),
      DANGJIAN_INTEGER_SETTER(Owner, is_secretary),
      DANGJIAN_STRING_SETTER(Owner, member_id),
      DANGJIAN_INTEGER_SETTER(ReportedMemberCounts, full),
      DANGJIAN_INTEGER_SETTER(ReportedMemberCounts, probationary),
      DANGJIAN_INTEGER_SETTER(ReportedMemberCounts, activists),
      DANGJIAN_INTEGER_SETTER(ReportedMemberCounts, applicants),
      DANGJIAN_INTEGER_SETTER(ReportedMemberCounts, development_targets),
  };
  return *setters;
}

// The generated mutable_*() of the message fields of entities that columns
// reach into (owner.name), keyed by the field's full name: with the setters
// of the fields inside, a cell of such a column is set without the wire
// format too. Columns of other message fields take the wire format.
using MutableParent = Message* (*)(Message*);
const std::unordered_map<std::string, MutableParent>& ParentsByField() {
  static const auto* parents =
      new std::unordered_map<std::string, MutableParent>{
          {"dangjian.v1.HostOrganization.owner",
           [](Message* m) -> Message* {
             return static_cast<v1::HostOrganization*>(m)->mutable_owner();
           }},
          {"dangjian.v1.HostOrganization.reported_member_counts",
           [](Message* m) -> Message* {
             return static_cast<v1::HostOrganization*>(m)
                 ->mutable_reported_member_counts();
           }},
      };
  return *parents;
}

// True when SetLeaf() sets every value of a column of `kind` through the
// accessors in `c` rather than the wire format.
bool SetsDirectly(CellKind kind, const Column& c) {
  switch (kind) {
    case CellKind::kString:
    case CellKind::kNationalId:
    case CellKind::kPhone:
      return c.set_string != nullptr;
    case CellKind::kEnum:
    case CellKind::kInt:
    case CellKind::kBool:
    case CellKind::kYuan:
    case CellKind::kWanYuan:
      return c.set_integer != nullptr;
    case CellKind::kDate:
      return c.mutable_date != nullptr && c.release_date != nullptr &&
             c.set_allocated_date != nullptr;
    case CellKind::kList:
    case CellKind::kDecimal:
    case CellKind::kEnumList:
    case CellKind::kPosts:
    case CellKind::kSeats:
    case CellKind::kStatusChanges:
    case CellKind::kMemberEvents:
    case CellKind::kVenueAssessments:
    case CellKind::kPastTerms:
      return false;
  }
  return false;
}

#undef DANGJIAN_STRING_SETTER
#undef DANGJIAN_INTEGER_SETTER
#undef DANGJIAN_DATE_SETTER

std::vector<Table> Build() {
  std::vector<Table> tables;
  const Descriptor* record = v1::Record::descriptor();
  for (TableDef& def : TableDefs()) {
    Table t;
    t.table = def.table;
    t.name = def.name;
    t.chinese = std::move(def.chinese);
    // The Record oneof member for a table is its name in the singular.
    static const std::unordered_map<std::string, std::string> kSingular = {
        {"regions", "region"},
        {"grids", "grid"},
        {"host_organizations", "host_organization"},
        {"party_organizations", "party_organization"},
        {"venues", "venue"},
        {"funding", "funding"},
        {"members", "member"},
        {"activities", "activity"},
        {"star_assessments", "star_assessment"},
        {"cadre_assignments", "cadre_assignment"},
        {"reserve_talent", "reserve_talent"},
        {"host_annual_results", "host_annual_result"},
        {"region_economies", "region_economy"}};
    t.record_field = record->FindFieldByName(kSingular.at(t.name));
    for (ColumnDef& cd : def.columns) {
      Column c;
      c.english = cd.english != nullptr ? cd.english : cd.field;
      c.chinese = std::move(cd.chinese);
      c.kind = cd.kind;
      const Descriptor* d = t.record_field->message_type();
      for (absl::string_view part : absl::StrSplit(cd.field, '.')) {
        const FieldDescriptor* f = d->FindFieldByName(std::string(part));
        c.path.push_back(f);
        if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
            f->message_type()->name() != "Date") {
          d = f->message_type();
        }
      }
      c.is_id = c.path.size() == 1 && c.path[0]->name() == def.id_field;
      for (const FieldDescriptor* f : c.path) {
        c.tags.push_back(static_cast<uint32_t>(f->number()) << 3);
      }
      c.leaf_type = c.path.back()->type();
      MutableParent parent = nullptr;
      if (c.path.size() == 2) {
        auto it = ParentsByField().find(c.path[0]->full_name());
        if (it != ParentsByField().end()) parent = it->second;
      }
      if (c.path.size() == 1 || parent != nullptr) {
        auto it = SettersByField().find(c.path.back()->full_name());
        if (it != SettersByField().end()) {
          c.set_string = it->second.set_string;
          c.set_integer = it->second.set_integer;
          c.mutable_date = it->second.mutable_date;
          c.release_date = it->second.release_date;
          c.set_allocated_date = it->second.set_allocated_date;
        }
        c.direct = SetsDirectly(c.kind, c);
        // A nested field without its setters takes the wire format.
        if (parent != nullptr && c.direct) {
          c.mutable_parent = parent;
        } else if (parent != nullptr) {
          c.set_string = nullptr;
          c.set_integer = nullptr;
          c.mutable_date = nullptr;
          c.release_date = nullptr;
          c.set_allocated_date = nullptr;
        }
      }
      c.normalized.push_back(NormalizeHeader(c.english));
      for (const std::string& h : c.chinese) {
        c.normalized.push_back(NormalizeHeader(h));
      }
      if (const auto* e = ColumnEnum(c.kind, c.path.back()); e != nullptr) {
        for (int i = 0; i < e->value_count(); ++i) {
          const auto* v = e->value(i);
          if (v->number() == 0) continue;
          c.enum_lookup[v->name()] = v->number();
          // The name without the enum's prefix: "STANDALONE".
          const std::string& zero = e->value(0)->name();
          const std::string prefix =
              zero.substr(0, zero.size() - std::strlen("UNSPECIFIED"));
          if (absl::StartsWith(v->name(), prefix)) {
            c.enum_lookup[v->name().substr(prefix.size())] = v->number();
          }
          auto it = EnumLabelTable().find(v->name());
          if (it != EnumLabelTable().end()) {
            for (const std::string& l : it->second) {
              c.enum_lookup.emplace(l, v->number());
            }
          }
        }
      }
      const size_t number = static_cast<size_t>(c.path.front()->number());
      if (t.held.size() <= number) t.held.resize(number + 1, false);
      t.held[number] = true;
      t.columns.push_back(std::move(c));
    }
    tables.push_back(std::move(t));
  }
  return tables;
}

}  // namespace

// The enum a column's labels name: its field's, or the kind's of a post and
// the role's of a seat; null for a column of no enum.
const google::protobuf::EnumDescriptor* ColumnEnum(CellKind kind,
                                                   const FieldDescriptor* f) {
  switch (kind) {
    case CellKind::kEnum:
    case CellKind::kEnumList:
      return f->enum_type();
    case CellKind::kPosts:
      return v1::MemberPost::descriptor()
          ->FindFieldByNumber(v1::MemberPost::kKindFieldNumber)
          ->enum_type();
    case CellKind::kSeats:
    case CellKind::kPastTerms:
      return v1::CommitteeSeat::descriptor()
          ->FindFieldByNumber(v1::CommitteeSeat::kRoleFieldNumber)
          ->enum_type();
    case CellKind::kStatusChanges:
      return v1::HostStatus_descriptor();
    case CellKind::kMemberEvents:
      return v1::MembershipEventKind_descriptor();
    default:
      return nullptr;
  }
}

const std::vector<Table>& Tables() {
  static const auto* tables = new std::vector<Table>(Build());
  return *tables;
}

const Table* FindTable(CsvTable table) {
  for (const Table& t : Tables()) {
    if (t.table == table) return &t;
  }
  return nullptr;
}

std::string NormalizeHeader(absl::string_view header) {
  absl::string_view h = header;
  absl::ConsumePrefix(&h, "\xEF\xBB\xBF");
  h = TrimCell(h);
  absl::ConsumePrefix(&h, "*");
  absl::ConsumeSuffix(&h, "*");
  h = TrimCell(h);
  std::string out;
  for (size_t i = 0; i < h.size();) {
    if (h.substr(i, 3) == "\xEF\xBC\x88") {  // （
      out.push_back('(');
      i += 3;
    } else if (h.substr(i, 3) == "\xEF\xBC\x89") {  // ）
      out.push_back(')');
      i += 3;
    } else if (h[i] == ' ' || h.substr(i, 3) == "\xE3\x80\x80") {
      i += h[i] == ' ' ? 1 : 3;  // Spaces inside: "单位 名称".
    } else {
      out.push_back(absl::ascii_tolower(static_cast<unsigned char>(h[i])));
      ++i;
    }
  }
  return out;
}

}  // namespace internal

std::vector<std::string> FieldsNoLedgerHolds(const v1::Record& record) {
  std::vector<std::string> out;
  const int entity = static_cast<int>(record.entity_case());
  if (entity == v1::Record::ENTITY_NOT_SET) return out;
  const internal::Table* table = nullptr;
  for (const internal::Table& t : internal::Tables()) {
    if (t.record_field->number() == entity) table = &t;
  }
  const google::protobuf::FieldDescriptor* kind =
      v1::Record::descriptor()->FindFieldByNumber(entity);
  if (table == nullptr) {
    out.push_back(kind->name());
    return out;
  }
  const google::protobuf::Message& message =
      record.GetReflection()->GetMessage(record, kind);
  std::vector<const google::protobuf::FieldDescriptor*> set;
  message.GetReflection()->ListFields(message, &set);
  for (const google::protobuf::FieldDescriptor* f : set) {
    if (kind->name() == "party_organization" &&
        f->name() == "star_assessments") {
      continue;  // The star ledger's rows.
    }
    const size_t number = static_cast<size_t>(f->number());
    if (number >= table->held.size() || !table->held[number]) {
      out.push_back(absl::StrCat(kind->name(), ".", f->name()));
    }
  }
  // Posts, seats and changes a cell cannot hold as they are (a name with the
  // cell's separator in it, a change without a date).
  for (const internal::Column& c : table->columns) {
    if ((c.kind == internal::CellKind::kEnumList ||
         c.kind == internal::CellKind::kPosts ||
         c.kind == internal::CellKind::kSeats ||
         c.kind == internal::CellKind::kStatusChanges ||
         c.kind == internal::CellKind::kMemberEvents ||
         c.kind == internal::CellKind::kVenueAssessments ||
         c.kind == internal::CellKind::kPastTerms) &&
        !internal::CompoundCellHolds(c, message)) {
      out.push_back(absl::StrCat(kind->name(), ".", c.path.back()->name()));
    }
  }
  return out;
}

}  // namespace dangjian
