// The record decoders (src/core/record_facts.h) on every record of
// generated datasets, clean and with planted faults: each record of the nine
// decoded kinds, as a writer encodes it, must be taken by its decoder (none
// left to protobuf's slower way) and give the same facts as the parsed message.
// aggregate_serialized_test checks the decoders through the aggregator on
// encodings no writer produces, and the aggregate_serialized fuzz target on
// any bytes.
#include "core/record_facts.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "core/wire_format.h"
#include "dangjian/record.h"
#include "gtest/gtest.h"
#include "testing/generated.h"
#include "testing/populate.h"

namespace dangjian {
namespace internal {
namespace {

auto Tie(const MembershipEventFacts& e) {
  return std::make_tuple(e.has_on, e.year, e.month, e.day, e.kind,
                         e.counterpart, e.letter_number,
                         e.counterpart_region_id);
}
// (Arrays as vectors: a tuple would compare their addresses.)
auto Tie(const MemberFacts& m) {
  std::vector<decltype(Tie(MembershipEventFacts()))> events;
  for (const MembershipEventFacts& e : m.events) events.push_back(Tie(e));
  return std::make_tuple(
      m.id, m.host_organization_id, m.party_organization_id, m.national_id,
      m.status, m.is_owner, std::vector<bool>(m.has_date, m.has_date + 5),
      std::vector<int32_t>(m.date_year, m.date_year + 5),
      std::vector<int32_t>(m.date_month, m.date_month + 5),
      std::vector<int32_t>(m.date_day, m.date_day + 5), m.has_birth_date,
      m.birth_year, m.birth_month, m.birth_day, m.gender, m.dues_category,
      m.monthly_income_fen, m.monthly_dues_fen, m.roles, m.posts, events);
}
auto Tie(const HostStatusChangeFacts& c) {
  return std::make_tuple(c.has_on, c.year, c.month, c.day, c.status);
}
auto Tie(const HostFacts& h) {
  std::vector<decltype(Tie(HostStatusChangeFacts()))> changes;
  for (const HostStatusChangeFacts& c : h.status_changes) {
    changes.push_back(Tie(c));
  }
  return std::make_tuple(
      h.id, h.industry, h.region_id, h.grid_id, h.unified_social_credit_code,
      h.owner_member_id, h.kind, h.subtype, h.sector_system, h.status,
      h.employees, h.has_trade_union, h.has_womens_organization,
      h.has_youth_league_organization, h.service_contact_card_issued,
      h.owner_is_party_member, h.owner_is_secretary, h.has_registered_on,
      h.registered_year, h.registered_month, h.registered_day,
      h.has_reported_member_counts,
      std::vector<int32_t>(h.reported, h.reported + 5), changes);
}
auto Tie(const StarFacts& a) {
  return std::make_tuple(a.party_organization_id, a.year, a.stars,
                         a.criteria_met, a.has_assessed_on, a.assessed_year,
                         a.assessed_month, a.assessed_day);
}
auto Tie(const OrgFacts& o) {
  std::vector<decltype(Tie(StarFacts()))> stars;
  for (const StarFacts& a : o.star_assessments) stars.push_back(Tie(a));
  std::vector<std::tuple<bool, int32_t, int32_t, int32_t, int32_t>> terms;
  for (const CommitteeTermFacts& t : o.past_terms) {
    terms.emplace_back(t.has_on, t.year, t.month, t.day, t.seats);
  }
  return std::make_tuple(
      o.id, o.region_id, o.parent_id, o.secretary_member_id, o.venue_id,
      o.previous_party_organization_id, o.level, o.formation,
      o.demonstration_point, o.has_founded_on, o.founded_year, o.founded_month,
      o.founded_day, o.has_dissolved_on, o.dissolved_year, o.dissolved_month,
      o.dissolved_day, o.has_term_started_on, o.term_started_year,
      o.term_started_month, o.term_started_day, o.host_organization_ids,
      o.committee_member_ids, o.committee_roles, o.seconded_seats, stars,
      terms);
}
auto Tie(const FundingFacts& f) {
  return std::tie(f.id, f.party_organization_id, f.year, f.source, f.amount_fen,
                  f.has_received_on, f.received_year, f.received_month,
                  f.received_day);
}
// A double by its bits: NaN equal to itself, -0 not to 0.
uint64_t Bits(double d) {
  uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return b;
}
auto Tie(const VenueAssessmentFacts& a) {
  return std::make_tuple(a.has_on, a.year, a.month, a.day, a.haves);
}
auto Tie(const VenueFacts& v) {
  std::vector<decltype(Tie(VenueAssessmentFacts()))> assessments;
  for (const VenueAssessmentFacts& a : v.assessments) {
    assessments.push_back(Tie(a));
  }
  return std::make_tuple(
      v.id, v.party_organization_id, v.shared_with_party_organization_id,
      v.ownership, v.area_square_metres, v.capacity, v.haves, v.has_latitude,
      Bits(v.latitude), v.has_longitude, Bits(v.longitude), assessments);
}
auto Tie(const ActivityFacts& a) {
  return std::tie(a.id, a.party_organization_id, a.grid_id,
                  a.host_organization_id, a.kind, a.has_held_on, a.held_year,
                  a.held_month, a.held_day, a.count, a.participants);
}

auto Tie(const GridFacts& g) {
  return std::tie(g.id, g.party_organization_id, g.region_id, g.instructor_name,
                  g.instructor_assignment_id);
}
auto Tie(const CadreFacts& c) {
  return std::tie(c.id, c.party_organization_id, c.grid_id, c.kind,
                  c.has_start_on, c.start_year, c.start_month, c.start_day,
                  c.has_end_on, c.end_year, c.end_month, c.end_day);
}
auto Tie(const ResultFacts& r) {
  return std::make_tuple(r.id, r.host_organization_id, r.year,
                         std::vector<int64_t>(r.values, r.values + 8));
}

// Decodes the bytes of `message` with `decode` and expects the facts that
// `of` takes from the message. Returns whether the decoder took them. The
// decoder fills one struct, record after record, as the aggregator's do: a
// field its reset forgets keeps the record before's value.
template <typename Facts, typename Message, typename Of, typename Decode>
bool Agrees(const Message& message, Of of, Decode decode,
            const std::string& what) {
  const std::string bytes = message.SerializeAsString();
  Facts from_message;
  static Facts from_bytes;
  of(message, &from_message);
  if (!decode(bytes, &from_bytes)) {
    ADD_FAILURE() << what << ": the decoder refused a writer's encoding";
    return false;
  }
  EXPECT_TRUE(Tie(from_message) == Tie(from_bytes)) << what;
  return true;
}

TEST(RecordFactsTest, EveryGeneratedRecordDecodesAsItParses) {
  for (double faults : {0.0, 0.2}) {
    const std::vector<v1::Record> records = dangjian::testing::GeneratedRecords(
        dangjian::testing::SmallNational(faults));
    int64_t counts[9] = {};
    int64_t stars = 0, posts = 0, status_changes = 0;
    for (size_t i = 0; i < records.size(); ++i) {
      const v1::Record& r = records[i];
      const std::string what = absl::StrCat("faults ", faults, " record ", i,
                                            " ", RecordKindName(r));
      switch (r.entity_case()) {
        case v1::Record::kMember:
          counts[0] += Agrees<MemberFacts>(r.member(), MemberFactsOf,
                                           DecodeMemberFacts, what);
          posts += r.member().posts_size();
          break;
        case v1::Record::kHostOrganization:
          counts[1] += Agrees<HostFacts>(r.host_organization(), HostFactsOf,
                                         DecodeHostFacts, what);
          status_changes += r.host_organization().status_changes_size();
          break;
        case v1::Record::kPartyOrganization:
          counts[2] += Agrees<OrgFacts>(r.party_organization(), OrgFactsOf,
                                        DecodeOrgFacts, what);
          stars += r.party_organization().star_assessments_size();
          break;
        case v1::Record::kFunding:
          counts[3] += Agrees<FundingFacts>(r.funding(), FundingFactsOf,
                                            DecodeFundingFacts, what);
          break;
        case v1::Record::kVenue:
          counts[4] += Agrees<VenueFacts>(r.venue(), VenueFactsOf,
                                          DecodeVenueFacts, what);
          break;
        case v1::Record::kActivity:
          counts[5] += Agrees<ActivityFacts>(r.activity(), ActivityFactsOf,
                                             DecodeActivityFacts, what);
          break;
        case v1::Record::kGrid:
          counts[6] +=
              Agrees<GridFacts>(r.grid(), GridFactsOf, DecodeGridFacts, what);
          break;
        case v1::Record::kCadreAssignment:
          counts[7] += Agrees<CadreFacts>(r.cadre_assignment(), CadreFactsOf,
                                          DecodeCadreFacts, what);
          break;
        case v1::Record::kHostAnnualResult:
          counts[8] += Agrees<ResultFacts>(
              r.host_annual_result(), ResultFactsOf, DecodeResultFacts, what);
          break;
        default:
          break;
      }
    }
    // Every decoded kind is there, in numbers, with its nested parts. (The
    // generator dissolves no organization: the hand-made encodings of
    // aggregate_serialized_test have dissolution dates.)
    for (int k = 0; k < 9; ++k) EXPECT_GT(counts[k], 20) << "kind " << k;
    EXPECT_GT(stars, 20);
    EXPECT_GT(posts, 20);
    EXPECT_GT(status_changes, 20);
  }
}

// A decoder says no to what is not the plain encoding, and the facts it
// leaves behind do not matter; the vectors in them stay usable.
// Every field the facts hold set (from a message with every field set),
// then the bytes of an empty message decoded into the same struct: a decoder
// gives the empty message's facts, whatever the struct held before.
template <typename Facts, typename Message, typename Of, typename Decode>
void ResetsEveryField(Of of, Decode decode) {
  SCOPED_TRACE(Message::descriptor()->name());
  Message full;
  dangjian::testing::PopulateAllFields(&full);
  Facts facts, want;
  of(full, &facts);
  of(Message(), &want);
  ASSERT_FALSE(Tie(want) == Tie(facts)) << "the full message sets nothing";
  ASSERT_TRUE(decode("", &facts));
  EXPECT_TRUE(Tie(want) == Tie(facts));
}

TEST(RecordFactsTest, DecodersResetEveryField) {
  ResetsEveryField<MemberFacts, v1::Member>(MemberFactsOf, DecodeMemberFacts);
  ResetsEveryField<HostFacts, v1::HostOrganization>(HostFactsOf,
                                                    DecodeHostFacts);
  ResetsEveryField<OrgFacts, v1::PartyOrganization>(OrgFactsOf, DecodeOrgFacts);
  ResetsEveryField<FundingFacts, v1::Funding>(FundingFactsOf,
                                              DecodeFundingFacts);
  ResetsEveryField<VenueFacts, v1::Venue>(VenueFactsOf, DecodeVenueFacts);
  ResetsEveryField<ActivityFacts, v1::Activity>(ActivityFactsOf,
                                                DecodeActivityFacts);
  ResetsEveryField<GridFacts, v1::Grid>(GridFactsOf, DecodeGridFacts);
  ResetsEveryField<CadreFacts, v1::CadreAssignment>(CadreFactsOf,
                                                    DecodeCadreFacts);
  ResetsEveryField<ResultFacts, v1::HostAnnualResult>(ResultFactsOf,
                                                      DecodeResultFacts);
}

// Every field of a fully populated message decodes as it parses (the
// decoders read what the validator's rules read too: a party
// organization's committee, dates in full, star criteria).
TEST(RecordFactsTest, FullyPopulatedMessagesDecodeAsTheyParse) {
  auto full = [](auto message) {
    dangjian::testing::PopulateAllFields(&message);
    return message;
  };
  Agrees<MemberFacts>(full(v1::Member()), MemberFactsOf, DecodeMemberFacts,
                      "member");
  {
    // Roles, packed as proto3 writes them, one the schema does not define.
    v1::Member m;
    m.add_roles(v1::MEMBER_ROLE_DEPUTY_SECRETARY);
    m.add_roles(static_cast<v1::MemberRole>(9));
    Agrees<MemberFacts>(m, MemberFactsOf, DecodeMemberFacts, "member roles");
    MemberFacts facts;
    ASSERT_TRUE(DecodeMemberFacts(m.SerializeAsString(), &facts));
    EXPECT_EQ(facts.roles, MemberRoleBit(2) | MemberRoleBit(9));
    EXPECT_EQ(facts.roles, (1 << 2) | 1);
  }
  v1::HostOrganization host = full(v1::HostOrganization());
  // Changes of status after PopulateAllFields' two: one closing the unit in
  // 2019, one without a date.
  v1::HostStatusChange* closed = host.add_status_changes();
  closed->mutable_on()->set_year(2019);
  closed->set_status(v1::HOST_STATUS_CLOSED);
  host.add_status_changes()->set_status(v1::HOST_STATUS_OPERATING);
  Agrees<HostFacts>(host, HostFactsOf, DecodeHostFacts, "host");
  {
    std::string bytes = host.SerializeAsString();
    // One more occurrence of the field, a change dated to a month alone.
    v1::HostOrganization again;
    v1::HostStatusChange* c = again.add_status_changes();
    c->mutable_on()->set_month(4);
    HostFacts h;
    ASSERT_TRUE(DecodeHostFacts(bytes, &h));
    const size_t before = h.status_changes.size();
    ASSERT_GE(before, 3u);  // PopulateAllFields' own, and the two above.
    EXPECT_EQ(h.status_changes[before - 2].year, 2019);
    EXPECT_EQ(h.status_changes[before - 2].status, v1::HOST_STATUS_CLOSED);
    EXPECT_FALSE(h.status_changes[before - 1].has_on);
    // Appended bytes add an element; they are not merged into the last.
    bytes += again.SerializeAsString();
    ASSERT_TRUE(DecodeHostFacts(bytes, &h));
    EXPECT_EQ(h.status_changes.size(), before + 1);
    HostFacts parsed;
    ASSERT_TRUE(host.ParseFromString(bytes));
    HostFactsOf(host, &parsed);
    EXPECT_TRUE(Tie(parsed) == Tie(h));
  }
  v1::PartyOrganization org = full(v1::PartyOrganization());
  // Two seats, one without a member, and stars meeting some criteria.
  org.add_committee()->set_name("no member");
  org.add_committee()->set_seconded(true);
  org.mutable_committee()->rbegin()->set_role(v1::COMMITTEE_ROLE_MEMBER);
  v1::StarAssessment* star = org.add_star_assessments();
  star->set_year(2016);
  star->set_activities_good(true);
  star->set_role_played_well(true);
  // Past terms after PopulateAllFields' two: one of two seats, one undated.
  v1::CommitteeTerm* term = org.add_past_terms();
  term->mutable_started_on()->set_year(2015);
  term->add_committee()->set_name("secretary");
  term->add_committee()->set_member_id("m-1");
  org.add_past_terms();
  Agrees<OrgFacts>(org, OrgFactsOf, DecodeOrgFacts, "party organization");
  OrgFacts facts;
  ASSERT_TRUE(DecodeOrgFacts(org.SerializeAsString(), &facts));
  ASSERT_EQ(facts.committee_member_ids.size(),
            static_cast<size_t>(org.committee_size()));
  EXPECT_EQ(facts.committee_member_ids.back(), "");
  EXPECT_EQ(facts.committee_roles.back(), v1::COMMITTEE_ROLE_MEMBER);
  EXPECT_GE(facts.seconded_seats, 1);
  EXPECT_EQ(facts.star_assessments.back().criteria_met, 2);
  EXPECT_FALSE(facts.parent_id.empty());
  EXPECT_TRUE(facts.has_term_started_on);
  ASSERT_EQ(facts.past_terms.size(),
            static_cast<size_t>(org.past_terms_size()));
  EXPECT_EQ(facts.past_terms[facts.past_terms.size() - 2].year, 2015);
  EXPECT_EQ(facts.past_terms[facts.past_terms.size() - 2].seats, 2);
  EXPECT_FALSE(facts.past_terms.back().has_on);
  Agrees<FundingFacts>(full(v1::Funding()), FundingFactsOf, DecodeFundingFacts,
                       "funding");
  Agrees<VenueFacts>(full(v1::Venue()), VenueFactsOf, DecodeVenueFacts,
                     "venue");
  Agrees<ActivityFacts>(full(v1::Activity()), ActivityFactsOf,
                        DecodeActivityFacts, "activity");
  Agrees<GridFacts>(full(v1::Grid()), GridFactsOf, DecodeGridFacts, "grid");
  Agrees<CadreFacts>(full(v1::CadreAssignment()), CadreFactsOf,
                     DecodeCadreFacts, "cadre assignment");
  // The facts view the bytes: kept as long as they are read.
  const std::string cadre_bytes =
      full(v1::CadreAssignment()).SerializeAsString();
  CadreFacts cadre;
  ASSERT_TRUE(DecodeCadreFacts(cadre_bytes, &cadre));
  EXPECT_NE(cadre.start_month, 0);  // Dates in full, for the rules.
  EXPECT_NE(cadre.end_day, 0);
  Agrees<ResultFacts>(full(v1::HostAnnualResult()), ResultFactsOf,
                      DecodeResultFacts, "annual result");
  const std::string result_bytes =
      full(v1::HostAnnualResult()).SerializeAsString();
  ResultFacts result;
  ASSERT_TRUE(DecodeResultFacts(result_bytes, &result));
  EXPECT_FALSE(result.id.empty());
}

// proto3 `optional` doubles: present when on the wire, zero or not; their
// bits kept, NaN and -0 included.
TEST(RecordFactsTest, VenueCoordinatesDecodeAsTheyParse) {
  for (double latitude : {0.0, -0.0, 95.5, std::nan("")}) {
    v1::Venue v;
    v.set_id("v-1");
    v.set_latitude(latitude);
    v.set_area_square_metres(-3);
    const std::string bytes = v.SerializeAsString();
    VenueFacts facts;
    ASSERT_TRUE(DecodeVenueFacts(bytes, &facts));
    EXPECT_TRUE(facts.has_latitude);
    EXPECT_FALSE(facts.has_longitude);
    EXPECT_EQ(facts.area_square_metres, -3);
    VenueFacts want;
    VenueFactsOf(v, &want);
    EXPECT_TRUE(Tie(want) == Tie(facts)) << latitude;
  }
}

// A tag padded to more bytes than it needs: protobuf takes up to five bytes
// and refuses more, so the decoders take one or two (every field number here
// fits) and leave longer ones to protobuf.
TEST(RecordFactsTest, PaddedTagsAreLeftToProtobuf) {
  MemberFacts facts;
  // id (field 1, length-delimited) as "m1", its tag in 2 and in 6 bytes. The
  // facts view the bytes: they live as long as the check.
  const std::string two("\x8a\x00\x02m1", 5);
  ASSERT_TRUE(DecodeMemberFacts(two, &facts));
  EXPECT_EQ(facts.id, "m1");
  v1::Member parsed;
  ASSERT_TRUE(parsed.ParseFromString(two));
  EXPECT_EQ(parsed.id(), "m1");
  const std::string six("\x8a\x80\x80\x80\x80\x00\x02m1", 9);
  EXPECT_FALSE(DecodeMemberFacts(six, &facts));
  EXPECT_FALSE(parsed.ParseFromString(six));  // What protobuf makes of it.
  HostFacts host;
  EXPECT_FALSE(DecodeHostFacts(std::string("\x8a\x80\x00\x02h1", 6), &host));
}

TEST(RecordFactsTest, RefusesWhatIsNotPlainAndStaysUsable) {
  v1::PartyOrganization o;
  o.set_id("o-1");
  o.add_host_organization_ids("h-1");
  o.add_star_assessments()->set_year(2017);
  const std::string plain = o.SerializeAsString();
  OrgFacts facts;
  EXPECT_FALSE(DecodeOrgFacts(plain + "\xf8\x07\x01", &facts));  // unknown
  EXPECT_FALSE(DecodeOrgFacts(plain + "\x22\x01x", &facts));     // wire type
  EXPECT_FALSE(DecodeOrgFacts(plain + "\x2a\x01\x80", &facts));  // UTF-8
  EXPECT_FALSE(DecodeOrgFacts(plain.substr(0, plain.size() - 1), &facts));
  ASSERT_TRUE(DecodeOrgFacts(plain, &facts));
  ASSERT_EQ(facts.host_organization_ids.size(), 1u);
  EXPECT_EQ(facts.host_organization_ids[0], "h-1");
  ASSERT_EQ(facts.star_assessments.size(), 1u);
  EXPECT_EQ(facts.star_assessments[0].year, 2017);

  FundingFacts funding;
  EXPECT_FALSE(DecodeFundingFacts("\x28", &funding));  // varint cut short
  EXPECT_TRUE(DecodeFundingFacts("", &funding));
  EXPECT_EQ(funding.year, 0);
  VenueFacts venue;
  EXPECT_FALSE(DecodeVenueFacts("\x79\x01\x02", &venue));  // double cut short
  EXPECT_TRUE(DecodeVenueFacts(std::string("\x79\0\0\0\0\0\0\0\0", 9), &venue));
  ActivityFacts activity;
  EXPECT_FALSE(DecodeActivityFacts(std::string("\x32\x02\x1a\x00", 4),
                                   &activity));  // day
  EXPECT_TRUE(DecodeActivityFacts("\x32\x04\x08\x64\x10\x0c", &activity));
  EXPECT_TRUE(activity.has_held_on);
  EXPECT_EQ(activity.held_year, 100);
  EXPECT_EQ(activity.held_month, 12);
  GridFacts grid;
  EXPECT_FALSE(DecodeGridFacts("\x28\x80", &grid));  // varint cut short
  EXPECT_TRUE(DecodeGridFacts("\x3a\x03\xe7\x8e\x8b", &grid));
  EXPECT_EQ(grid.instructor_name, "\xe7\x8e\x8b");
  CadreFacts cadre;
  EXPECT_FALSE(DecodeCadreFacts("\x42\x01", &cadre));  // date cut short
  EXPECT_TRUE(DecodeCadreFacts(std::string("\x42\x00", 2), &cadre));
  EXPECT_TRUE(cadre.has_end_on);
  ResultFacts result;
  EXPECT_FALSE(DecodeResultFacts("\x60\x01", &result));  // unknown field 12
  EXPECT_TRUE(DecodeResultFacts("\x58\x07", &result));
  EXPECT_EQ(result.values[7], 7);
}

// The decoders, the strict check and its slow walk read a field's length as
// protobuf's parser does: at most 5 bytes, the 5th below 8, and at most
// 2^31 - 17.
TEST(ReadLengthTest, TakesTheLengthsProtobufTakes) {
  struct Case {
    std::string bytes;
    VarintRead result;
    uint64_t value;
    size_t read;
  };
  const std::vector<Case> cases = {
      {std::string("\x00", 1), VarintRead::kOk, 0, 1},
      {"\x7f", VarintRead::kOk, 127, 1},
      {"\x80\x01", VarintRead::kOk, 128, 2},
      {std::string("\x80\x80\x80\x80\x00", 5), VarintRead::kOk, 0, 5},
      {"\xef\xff\xff\xff\x07", VarintRead::kOk, kMaxWireLength, 5},
      {"\xf0\xff\xff\xff\x07", VarintRead::kLengthTooLong, 0, 0},
      {"\x80\x80\x80\x80\x08", VarintRead::kLengthTooLong, 0, 0},
      {std::string("\x80\x80\x80\x80\x80\x00", 6), VarintRead::kLengthTooLong,
       0, 0},
      {"\x80\x80", VarintRead::kCutShort, 0, 0},
      {"", VarintRead::kCutShort, 0, 0},
  };
  for (const Case& c : cases) {
    const auto* p = reinterpret_cast<const uint8_t*>(c.bytes.data());
    const uint8_t* at = p;
    uint64_t v = 12345;
    const VarintRead r = ReadLength(&at, p + c.bytes.size(), &v);
    EXPECT_EQ(r, c.result) << absl::CEscape(c.bytes);
    if (c.result == VarintRead::kOk) {
      EXPECT_EQ(v, c.value) << absl::CEscape(c.bytes);
      EXPECT_EQ(static_cast<size_t>(at - p), c.read) << absl::CEscape(c.bytes);
    } else {
      EXPECT_EQ(v, 12345u) << absl::CEscape(c.bytes);  // Left alone.
    }
  }
  EXPECT_EQ(kMaxWireLength, uint64_t{2147483631});
}

}  // namespace
}  // namespace internal
}  // namespace dangjian
