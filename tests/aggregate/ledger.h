// A small ledger for the aggregate module's tests: a dataset built record by
// record, the options of the report year and the report of a dataset.
#ifndef DANGJIAN_TESTS_AGGREGATE_LEDGER_H_
#define DANGJIAN_TESTS_AGGREGATE_LEDGER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "dangjian/aggregate.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace aggregate_testing {

inline constexpr int kYear = 2014;

inline v1::Date D(int y, int m = 0, int d = 0) {
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

// A small ledger builder.
class Ledger {
 public:
  v1::HostOrganization* Host(const std::string& id,
                             const std::string& region = "") {
    v1::HostOrganization* h = d_.add_host_organizations();
    h->set_id(id);
    h->set_region_id(region);
    h->set_kind(v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
    return h;
  }
  v1::Member* Member(const std::string& host, v1::MemberStatus status,
                     const std::string& org = "") {
    v1::Member* m = d_.add_members();
    m->set_id("m" + std::to_string(d_.members_size()));
    m->set_host_organization_id(host);
    m->set_party_organization_id(org);
    m->set_status(status);
    return m;
  }
  v1::PartyOrganization* Org(const std::string& id, v1::FormationModel f,
                             std::vector<std::string> hosts = {}) {
    v1::PartyOrganization* o = d_.add_party_organizations();
    o->set_id(id);
    o->set_formation(f);
    for (const auto& h : hosts) o->add_host_organization_ids(h);
    return o;
  }
  v1::Grid* Grid(const std::string& id, const std::string& org,
                 bool instructor) {
    v1::Grid* g = d_.add_grids();
    g->set_id(id);
    g->set_party_organization_id(org);
    if (instructor) g->set_instructor_name("王指导员");
    return g;
  }
  v1::Region* Region(const std::string& id, v1::RegionLevel level,
                     const std::string& parent = "") {
    v1::Region* r = d_.add_regions();
    r->set_id(id);
    r->set_name("区域" + id);
    r->set_level(level);
    r->set_parent_id(parent);
    return r;
  }
  v1::Activity* Activity(v1::ActivityKind kind, const std::string& org,
                         v1::Date held_on, int64_t count = 0) {
    v1::Activity* a = d_.add_activities();
    a->set_id("a" + std::to_string(d_.activities_size()));
    a->set_kind(kind);
    a->set_party_organization_id(org);
    *a->mutable_held_on() = held_on;
    a->set_count(count);
    return a;
  }
  v1::Funding* Funding(const std::string& org, v1::FundingSource source,
                       int64_t fen, int year = kYear) {
    v1::Funding* f = d_.add_funding();
    f->set_id("f" + std::to_string(d_.funding_size()));
    f->set_party_organization_id(org);
    f->set_source(source);
    f->set_amount_fen(fen);
    f->set_year(year);
    return f;
  }
  v1::Dataset& dataset() { return d_; }

 private:
  v1::Dataset d_;
};

inline AggregatorOptions Options(int year = kYear) {
  AggregatorOptions o;
  o.year = year;
  return o;
}

inline v1::Report Aggregate(const v1::Dataset& d,
                            const AggregatorOptions& o = Options()) {
  absl::StatusOr<v1::Report> r = AggregateDataset(d, o);
  EXPECT_THAT(r, testing::IsOk());
  return r.ok() ? *r : v1::Report();
}

}  // namespace aggregate_testing
}  // namespace dangjian

#endif  // DANGJIAN_TESTS_AGGREGATE_LEDGER_H_
