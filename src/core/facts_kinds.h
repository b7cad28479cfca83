// The kinds of record read as facts (core/record_facts.h), as one table: for
// each, the Record's field, the entity's message, its facts, the decoder of
// its bytes and the reader of its message. ForFactsKind() is the one map
// from a record's kind to its facts, for the pipeline, the validator and the
// aggregator alike (internal; header-only).
#ifndef DANGJIAN_SRC_CORE_FACTS_KINDS_H_
#define DANGJIAN_SRC_CORE_FACTS_KINDS_H_

#include <tuple>

#include "absl/strings/string_view.h"
#include "core/record_facts.h"
#include "dangjian/v1/dataset.pb.h"

namespace dangjian {
namespace internal {

// One kind read as facts: `Decode` fills its facts from the bytes of its
// message in the plain encoding (false when they are not), `Of` from a
// parsed message, and `MessageOf` is the entity of a Record of the kind.
template <typename M, typename F, bool (*D)(absl::string_view, F*),
          void (*O)(const M&, F*), const M& (v1::Record::*G)() const>
struct FactsKind {
  using Message = M;
  using Facts = F;
  static bool Decode(absl::string_view bytes, Facts* out) {
    return D(bytes, out);
  }
  static void Of(const Message& message, Facts* out) { O(message, out); }
  static const Message& MessageOf(const v1::Record& record) {
    return (record.*G)();
  }
};

using MemberKind = FactsKind<v1::Member, MemberFacts, DecodeMemberFacts,
                             MemberFactsOf, &v1::Record::member>;
using HostKind = FactsKind<v1::HostOrganization, HostFacts, DecodeHostFacts,
                           HostFactsOf, &v1::Record::host_organization>;
using OrgKind = FactsKind<v1::PartyOrganization, OrgFacts, DecodeOrgFacts,
                          OrgFactsOf, &v1::Record::party_organization>;
using FundingKind = FactsKind<v1::Funding, FundingFacts, DecodeFundingFacts,
                              FundingFactsOf, &v1::Record::funding>;
using VenueKind = FactsKind<v1::Venue, VenueFacts, DecodeVenueFacts,
                            VenueFactsOf, &v1::Record::venue>;
using ActivityKind = FactsKind<v1::Activity, ActivityFacts, DecodeActivityFacts,
                               ActivityFactsOf, &v1::Record::activity>;
using GridKind = FactsKind<v1::Grid, GridFacts, DecodeGridFacts, GridFactsOf,
                           &v1::Record::grid>;
using CadreKind = FactsKind<v1::CadreAssignment, CadreFacts, DecodeCadreFacts,
                            CadreFactsOf, &v1::Record::cadre_assignment>;
using ResultKind =
    FactsKind<v1::HostAnnualResult, ResultFacts, DecodeResultFacts,
              ResultFactsOf, &v1::Record::host_annual_result>;

// Calls `f(Kind())` with the FactsKind of Record field `field` (a field
// number, or Record::entity_case(): the same numbers) and returns true when
// it is a kind read as facts; returns false, `f` not called, for any other.
template <typename F>
bool ForFactsKind(int field, F&& f) {
  switch (field) {
    case v1::Record::kMemberFieldNumber:
      f(MemberKind());
      return true;
    case v1::Record::kHostOrganizationFieldNumber:
      f(HostKind());
      return true;
    case v1::Record::kPartyOrganizationFieldNumber:
      f(OrgKind());
      return true;
    case v1::Record::kFundingFieldNumber:
      f(FundingKind());
      return true;
    case v1::Record::kVenueFieldNumber:
      f(VenueKind());
      return true;
    case v1::Record::kActivityFieldNumber:
      f(ActivityKind());
      return true;
    case v1::Record::kGridFieldNumber:
      f(GridKind());
      return true;
    case v1::Record::kCadreAssignmentFieldNumber:
      f(CadreKind());
      return true;
    case v1::Record::kHostAnnualResultFieldNumber:
      f(ResultKind());
      return true;
    default:
      return false;
  }
}

// One record's facts of each kind, kept from record to record (their
// vectors keep their room): Of(Kind()) is the kind's.
class FactsScratch {
 public:
  template <typename Kind>
  typename Kind::Facts* Of(Kind) {
    return &std::get<typename Kind::Facts>(facts_);
  }

 private:
  std::tuple<MemberFacts, HostFacts, OrgFacts, FundingFacts, VenueFacts,
             ActivityFacts, GridFacts, CadreFacts, ResultFacts>
      facts_;
};

// One message of each kind, to parse into from record to record:
// Of(Kind()) is the kind's.
class MessageScratch {
 public:
  template <typename Kind>
  typename Kind::Message* Of(Kind) {
    return &std::get<typename Kind::Message>(messages_);
  }

 private:
  std::tuple<v1::Member, v1::HostOrganization, v1::PartyOrganization,
             v1::Funding, v1::Venue, v1::Activity, v1::Grid,
             v1::CadreAssignment, v1::HostAnnualResult>
      messages_;
};

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_FACTS_KINDS_H_
