#include "dangjian/record.h"

#include <utility>

namespace dangjian {
namespace {

template <typename T, typename Setter>
void Each(const google::protobuf::RepeatedPtrField<T>& list, v1::Record* r,
          Setter mutable_entity,
          absl::FunctionRef<void(const v1::Record&)> fn) {
  for (const T& item : list) {
    *(r->*mutable_entity)() = item;
    fn(*r);
  }
}

}  // namespace

absl::string_view RecordKindName(const v1::Record& record) {
  if (record.entity_case() == v1::Record::ENTITY_NOT_SET) return "empty";
  const auto* field = v1::Record::descriptor()->FindFieldByNumber(
      static_cast<int>(record.entity_case()));
  return field->name();
}

absl::string_view RecordId(const v1::Record& record) {
  switch (record.entity_case()) {
    case v1::Record::kRegion:
      return record.region().id();
    case v1::Record::kGrid:
      return record.grid().id();
    case v1::Record::kHostOrganization:
      return record.host_organization().id();
    case v1::Record::kPartyOrganization:
      return record.party_organization().id();
    case v1::Record::kVenue:
      return record.venue().id();
    case v1::Record::kFunding:
      return record.funding().id();
    case v1::Record::kMember:
      return record.member().id();
    case v1::Record::kCadreAssignment:
      return record.cadre_assignment().id();
    case v1::Record::kReserveTalent:
      return record.reserve_talent().id();
    case v1::Record::kActivity:
      return record.activity().id();
    case v1::Record::kHostAnnualResult:
      return record.host_annual_result().id();
    case v1::Record::kRegionEconomy:
      return record.region_economy().id();
    case v1::Record::kStarAssessment:
      // No id of its own: the organization's, as a star ledger keys its rows.
      return record.star_assessment().party_organization_id();
    case v1::Record::kHeader:
    case v1::Record::kTrailer:
    case v1::Record::ENTITY_NOT_SET:
      break;
  }
  return "";
}

void ForEachRecord(const v1::Dataset& d,
                   absl::FunctionRef<void(const v1::Record&)> fn) {
  v1::Record r;
  using R = v1::Record;
  Each(d.regions(), &r, &R::mutable_region, fn);
  Each(d.grids(), &r, &R::mutable_grid, fn);
  Each(d.host_organizations(), &r, &R::mutable_host_organization, fn);
  Each(d.party_organizations(), &r, &R::mutable_party_organization, fn);
  Each(d.venues(), &r, &R::mutable_venue, fn);
  Each(d.funding(), &r, &R::mutable_funding, fn);
  Each(d.members(), &r, &R::mutable_member, fn);
  Each(d.cadre_assignments(), &r, &R::mutable_cadre_assignment, fn);
  Each(d.reserve_talent(), &r, &R::mutable_reserve_talent, fn);
  Each(d.activities(), &r, &R::mutable_activity, fn);
  Each(d.host_annual_results(), &r, &R::mutable_host_annual_result, fn);
  Each(d.region_economies(), &r, &R::mutable_region_economy, fn);
  Each(d.star_assessments(), &r, &R::mutable_star_assessment, fn);
}

absl::Status MoveRecordToDataset(v1::Record* r, v1::Dataset* d) {
  switch (r->entity_case()) {
    case v1::Record::kHeader: {
      v1::StreamHeader* h = r->mutable_header();
      *d->mutable_provenance() = std::move(*h->mutable_provenance());
      if (h->has_policy())
        *d->mutable_policy() = std::move(*h->mutable_policy());
      break;
    }
    case v1::Record::kRegion:
      *d->add_regions() = std::move(*r->mutable_region());
      break;
    case v1::Record::kGrid:
      *d->add_grids() = std::move(*r->mutable_grid());
      break;
    case v1::Record::kHostOrganization:
      *d->add_host_organizations() = std::move(*r->mutable_host_organization());
      break;
    case v1::Record::kPartyOrganization:
      *d->add_party_organizations() =
          std::move(*r->mutable_party_organization());
      break;
    case v1::Record::kVenue:
      *d->add_venues() = std::move(*r->mutable_venue());
      break;
    case v1::Record::kFunding:
      *d->add_funding() = std::move(*r->mutable_funding());
      break;
    case v1::Record::kMember:
      *d->add_members() = std::move(*r->mutable_member());
      break;
    case v1::Record::kCadreAssignment:
      *d->add_cadre_assignments() = std::move(*r->mutable_cadre_assignment());
      break;
    case v1::Record::kReserveTalent:
      *d->add_reserve_talent() = std::move(*r->mutable_reserve_talent());
      break;
    case v1::Record::kActivity:
      *d->add_activities() = std::move(*r->mutable_activity());
      break;
    case v1::Record::kHostAnnualResult:
      *d->add_host_annual_results() =
          std::move(*r->mutable_host_annual_result());
      break;
    case v1::Record::kRegionEconomy:
      *d->add_region_economies() = std::move(*r->mutable_region_economy());
      break;
    case v1::Record::kStarAssessment:
      *d->add_star_assessments() = std::move(*r->mutable_star_assessment());
      break;
    case v1::Record::kTrailer:
      return absl::InvalidArgumentError(
          "a stream trailer has no place in a Dataset; drop it before adding");
    case v1::Record::ENTITY_NOT_SET:
      return absl::InvalidArgumentError(
          "the record is empty: no entity is set");
  }
  r->Clear();
  return absl::OkStatus();
}

absl::Status AddRecordToDataset(const v1::Record& record,
                                v1::Dataset* dataset) {
  v1::Record copy = record;
  return MoveRecordToDataset(&copy, dataset);
}

}  // namespace dangjian
