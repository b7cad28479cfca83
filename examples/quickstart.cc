// Quick start: build a small township ledger in code, write it to a file, read
// it back, print a summary, validate it and aggregate it into the coverage
// report (the four 100% targets).
//
//   build/bin/quickstart [PATH]     (default PATH: quickstart.pb)
//
// The township has one enterprise with its own (standalone) branch, two small
// shops in a joint branch, and three units without members covered by the
// township's regional "1+N" branch through a grid with an instructor.
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "dangjian/dangjian.h"

namespace v1 = dangjian::v1;

namespace {

v1::Date MakeDate(int year, int month, int day) {
  v1::Date d;
  d.set_year(year);
  d.set_month(month);
  d.set_day(day);
  return d;
}

v1::HostOrganization* AddHost(v1::Dataset* d, const std::string& id,
                              const std::string& name, v1::HostSubtype subtype,
                              int employees) {
  v1::HostOrganization* h = d->add_host_organizations();
  h->set_id(id);
  h->set_name(name);
  h->set_kind(v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
  h->set_subtype(subtype);
  h->set_region_id("township-jingpeng");
  h->set_sector_system(v1::SECTOR_SYSTEM_INDIVIDUAL_PRIVATE_ECONOMY);
  h->set_employees(employees);
  h->set_status(v1::HOST_STATUS_OPERATING);
  return h;
}

void AddMember(v1::Dataset* d, const std::string& id, const std::string& name,
               const std::string& host, const std::string& org,
               const std::string& national_id) {
  v1::Member* m = d->add_members();
  m->set_id(id);
  m->set_name(name);
  m->set_status(v1::MEMBER_STATUS_FULL);
  m->set_host_organization_id(host);
  m->set_party_organization_id(org);
  m->set_national_id(national_id);
  *m->mutable_probationary_on() = MakeDate(2010, 7, 1);
  *m->mutable_full_on() = MakeDate(2011, 7, 1);
}

void AddFunding(v1::Dataset* d, const std::string& id, v1::FundingSource source,
                int64_t yuan) {
  v1::Funding* f = d->add_funding();
  f->set_id(id);
  f->set_party_organization_id("org-hongshan");
  f->set_year(2014);
  f->set_source(source);
  f->set_amount_fen(yuan * 100);
  *f->mutable_received_on() = MakeDate(2014, 3, 1);
}

v1::Dataset BuildTownship() {
  v1::Dataset d;
  d.mutable_provenance()->set_producer(std::string("quickstart ") +
                                       dangjian::VersionString());
  d.mutable_provenance()->set_reporting_unit("克什克腾旗委组织部");
  d.mutable_provenance()->set_schema_version("dangjian.v1");
  *d.mutable_provenance()->mutable_as_of() = MakeDate(2014, 6, 30);
  *d.mutable_policy() = dangjian::DefaultPolicy();

  v1::Region* banner = d.add_regions();
  banner->set_id("banner-keshiketeng");
  banner->set_name("克什克腾旗");
  banner->set_code("150425");
  banner->set_level(v1::REGION_LEVEL_COUNTY);
  v1::Region* town = d.add_regions();
  town->set_id("township-jingpeng");
  town->set_name("经棚镇");
  town->set_level(v1::REGION_LEVEL_TOWN);
  town->set_parent_id("banner-keshiketeng");

  // Standalone (单建): a cement plant with enough full members for its own
  // branch.
  v1::HostOrganization* plant =
      AddHost(&d, "host-hongshan", "红山水泥有限公司",
              v1::HOST_SUBTYPE_ABOVE_SIZE_INDUSTRIAL, 320);
  plant->mutable_owner()->set_name("业主甲");
  plant->mutable_owner()->set_is_party_member(true);
  plant->mutable_owner()->set_is_secretary(true);
  plant->set_has_trade_union(true);
  plant->set_has_womens_organization(true);
  v1::PartyOrganization* branch = d.add_party_organizations();
  branch->set_id("org-hongshan");
  branch->set_name("红山水泥有限公司党支部");
  branch->set_level(v1::ORG_LEVEL_BRANCH);
  branch->set_formation(v1::FORMATION_MODEL_STANDALONE);
  branch->add_host_organization_ids("host-hongshan");
  branch->set_region_id("township-jingpeng");
  branch->set_venue_id("venue-hongshan");
  *branch->mutable_founded_on() = MakeDate(2012, 5, 4);
  v1::StarAssessment* stars = branch->add_star_assessments();
  stars->set_year(2014);
  stars->set_stars(5);
  stars->set_organization_building_good(true);
  stars->set_guarantee_mechanism_good(true);
  stars->set_activities_good(true);
  stars->set_role_played_well(true);
  stars->set_distinctive_results_good(true);
  stars->set_standard_version("keshiketeng-2013");
  const char* ids[] = {"150425198001011237", "15042519820305004X",
                       "150425197511200033", "150425199008080029"};
  for (int i = 0; i < 4; ++i) {
    AddMember(&d, "member-" + std::to_string(i + 1),
              "党员" + std::to_string(i + 1), "host-hongshan", "org-hongshan",
              ids[i]);
  }
  v1::Venue* venue = d.add_venues();
  venue->set_id("venue-hongshan");
  venue->set_name("红山水泥党员活动室");
  venue->set_party_organization_id("org-hongshan");
  venue->set_ownership(v1::VENUE_OWNERSHIP_OWN);
  venue->set_has_site(true);
  venue->set_has_facilities(true);
  venue->set_has_signage(true);
  venue->set_has_party_flag(true);
  venue->set_has_books_and_newspapers(true);
  venue->set_has_rules_on_wall(true);
  AddFunding(&d, "fund-1", v1::FUNDING_SOURCE_ENTERPRISE_ALLOCATION, 100000);
  AddFunding(&d, "fund-2", v1::FUNDING_SOURCE_SUPERIOR_SUPPLEMENT, 5000);
  AddFunding(&d, "fund-3", v1::FUNDING_SOURCE_DUES_RETURNED, 1200);
  AddFunding(&d, "fund-4", v1::FUNDING_SOURCE_FISCAL_SUBSIDY, 3000);

  // Joint (联建): two shops with one member each.
  v1::PartyOrganization* joint = d.add_party_organizations();
  joint->set_id("org-joint-1");
  joint->set_name("经棚镇个体工商户联合党支部");
  joint->set_level(v1::ORG_LEVEL_BRANCH);
  joint->set_formation(v1::FORMATION_MODEL_JOINT);
  joint->set_region_id("township-jingpeng");
  for (int i = 1; i <= 2; ++i) {
    const std::string id = "host-shop-" + std::to_string(i);
    AddHost(&d, id, "商店" + std::to_string(i),
            v1::HOST_SUBTYPE_INDIVIDUAL_BUSINESS, 3);
    joint->add_host_organization_ids(id);
    AddMember(&d, "member-shop-" + std::to_string(i),
              "店主" + std::to_string(i), id, "org-joint-1",
              i == 1 ? "15042519691231001X" : "150425197702140029");
  }

  // Regional 1+N (区域党支部): three units without members, in one grid.
  v1::PartyOrganization* regional = d.add_party_organizations();
  regional->set_id("org-regional-jingpeng");
  regional->set_name("经棚镇区域党支部");
  regional->set_level(v1::ORG_LEVEL_BRANCH);
  regional->set_formation(v1::FORMATION_MODEL_REGIONAL);
  regional->set_region_id("township-jingpeng");
  v1::Grid* grid = d.add_grids();
  grid->set_id("grid-jingpeng-1");
  grid->set_name("经棚镇商贸网格");
  grid->set_party_organization_id("org-regional-jingpeng");
  grid->set_region_id("township-jingpeng");
  grid->set_basis(v1::GRID_BASIS_INDUSTRY);
  grid->set_instructor_name("指导员乙");
  grid->set_instructor_phone("13904761234");
  for (int i = 1; i <= 3; ++i) {
    v1::HostOrganization* h = AddHost(&d, "host-small-" + std::to_string(i),
                                      "小微企业" + std::to_string(i),
                                      v1::HOST_SUBTYPE_PRIVATE_ENTERPRISE, 8);
    h->set_grid_id("grid-jingpeng-1");
    h->set_service_contact_card_issued(true);
    h->mutable_reported_member_counts();  // The ledger says: no members.
  }
  v1::Activity* meeting = d.add_activities();
  meeting->set_id("act-1");
  meeting->set_kind(v1::ACTIVITY_KIND_HEART_TO_HEART_MEETING);
  meeting->set_party_organization_id("org-regional-jingpeng");
  *meeting->mutable_held_on() = MakeDate(2014, 4, 15);
  meeting->set_count(1);
  meeting->set_participants(12);
  return d;
}

const char* FormationName(v1::FormationModel f) {
  switch (f) {
    case v1::FORMATION_MODEL_STANDALONE:
      return "standalone 单建";
    case v1::FORMATION_MODEL_JOINT:
      return "joint 联建";
    case v1::FORMATION_MODEL_AFFILIATED:
      return "affiliated 挂靠";
    case v1::FORMATION_MODEL_REGIONAL:
      return "regional 1+N 区域";
    default:
      return "unrecorded 未填";
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "quickstart.pb";
  if (absl::Status s = dangjian::WriteDataset(BuildTownship(), path); !s.ok()) {
    std::cerr << "quickstart: " << s << "\n";
    return 2;
  }
  absl::StatusOr<v1::Dataset> read = dangjian::ReadDataset(path);
  if (!read.ok()) {
    std::cerr << "quickstart: " << read.status() << "\n";
    return 2;
  }
  const v1::Dataset& d = *read;

  std::cout << "dangjian " << dangjian::VersionString() << " quick start\n"
            << "Wrote and read back " << path << " (" << d.ByteSizeLong()
            << " bytes), policy " << d.policy().version() << "\n\n"
            << "Township ledger 经棚镇 (" << d.provenance().reporting_unit()
            << ")\n"
            << "  host organizations 单位:   " << d.host_organizations_size()
            << "\n"
            << "  party organizations 党组织: " << d.party_organizations_size()
            << "\n";
  std::map<v1::FormationModel, int> by_formation;
  for (const v1::PartyOrganization& o : d.party_organizations()) {
    ++by_formation[o.formation()];
  }
  for (const auto& [formation, n] : by_formation) {
    std::cout << "    " << FormationName(formation) << ": " << n << "\n";
  }
  std::cout << "  grids 网格: " << d.grids_size()
            << ", members 党员: " << d.members_size() << "\n";
  int64_t total_fen = 0;
  for (const v1::Funding& f : d.funding()) total_fen += f.amount_fen();
  std::cout << "  funding 经费 (four ones 四个一): " << total_fen / 100 << "."
            << (total_fen % 100) / 10 << total_fen % 10 << " yuan from "
            << d.funding_size() << " records\n";
  for (const v1::Venue& v : d.venues()) {
    const int haves = v.has_site() + v.has_facilities() + v.has_signage() +
                      v.has_party_flag() + v.has_books_and_newspapers() +
                      v.has_rules_on_wall();
    std::cout << "  venue 场所 " << v.name() << ": " << haves
              << " of the six haves 六有\n";
  }
  // Personal data is masked whenever it is printed.
  std::cout << "  first member's ID 身份证号: "
            << dangjian::MaskNationalId(d.members(0).national_id()) << "\n"
            << "  grid instructor's phone 电话: "
            << dangjian::MaskPhone(d.grids(0).instructor_phone()) << "\n";

  // Validate: invalid data is not a failed call; the findings say what is
  // wrong, by rule.
  dangjian::ValidatorOptions check;
  check.as_of = MakeDate(2014, 12, 31);
  absl::StatusOr<std::unique_ptr<dangjian::Validator>> validator =
      dangjian::Validator::Create(check);
  if (!validator.ok()) {
    std::cerr << "quickstart: " << validator.status() << "\n";
    return 2;
  }
  absl::StatusOr<v1::ValidationReport> findings = (*validator)->Validate(d);
  if (!findings.ok()) {
    std::cerr << "quickstart: " << findings.status() << "\n";
    return 2;
  }
  std::cout << "\nValidation 校验: " << findings->records_checked()
            << " records, " << findings->error_count() << " errors, "
            << findings->warning_count() << " warnings\n";
  for (const v1::Finding& f : findings->findings()) {
    std::cout << "  " << v1::Severity_Name(f.severity()) << " " << f.rule_id()
              << ": " << f.message() << "\n";
  }

  // Aggregate: the four 100% targets and every indicator.
  dangjian::AggregatorOptions options;
  options.year = 2014;
  absl::StatusOr<v1::Report> report = dangjian::AggregateDataset(d, options);
  if (!report.ok()) {
    std::cerr << "quickstart: " << report.status() << "\n";
    return 2;
  }
  dangjian::TextRenderOptions text;
  text.language = dangjian::ReportLanguage::kEnglish;
  text.include_groups = false;
  const std::string rendered = dangjian::RenderReportText(*report, text);
  // The targets' table: the report's first lines.
  std::cout << "\nReport 报告 (the four 100% targets):\n"
            << rendered.substr(0, rendered.find("\nUnits\n")) << "\n";
  return 0;
}
