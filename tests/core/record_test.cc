#include "dangjian/record.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "testing/populate.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::IsOk;
using ::dangjian::testing::StatusIs;
using ::testing::HasSubstr;

TEST(RecordTest, KindNameAndId) {
  v1::Record r;
  EXPECT_EQ(RecordKindName(r), "empty");
  EXPECT_EQ(RecordId(r), "");
  r.mutable_host_organization()->set_id("h1");
  EXPECT_EQ(RecordKindName(r), "host_organization");
  EXPECT_EQ(RecordId(r), "h1");
  r.mutable_trailer()->set_record_count(3);
  EXPECT_EQ(RecordKindName(r), "trailer");
  EXPECT_EQ(RecordId(r), "");
}

// Every entity kind with an id reports it: populate each oneof case in turn.
TEST(RecordTest, EveryEntityHasItsId) {
  const auto* oneof = v1::Record::descriptor()->FindOneofByName("entity");
  for (int i = 0; i < oneof->field_count(); ++i) {
    const auto* field = oneof->field(i);
    v1::Record r;
    auto* entity = r.GetReflection()->MutableMessage(&r, field);
    dangjian::testing::PopulateAllFields(entity);
    EXPECT_EQ(RecordKindName(r), field->name());
    const auto* id = entity->GetDescriptor()->FindFieldByName(
        field->name() == "star_assessment" ? "party_organization_id" : "id");
    if (id == nullptr) {
      EXPECT_EQ(RecordId(r), "") << field->name();
    } else {
      EXPECT_EQ(RecordId(r), entity->GetReflection()->GetString(*entity, id))
          << field->name();
      EXPECT_FALSE(RecordId(r).empty());
    }
  }
}

TEST(RecordTest, DatasetRoundTripsThroughRecords) {
  v1::Dataset d;
  dangjian::testing::PopulateAllFields(&d);
  v1::Dataset back;
  v1::Record header;
  *header.mutable_header()->mutable_provenance() = d.provenance();
  *header.mutable_header()->mutable_policy() = d.policy();
  ASSERT_THAT(AddRecordToDataset(header, &back), IsOk());
  int n = 0;
  ForEachRecord(d, [&](const v1::Record& r) {
    ++n;
    ASSERT_THAT(AddRecordToDataset(r, &back), IsOk());
  });
  EXPECT_EQ(n, 13 * 2);  // 13 entity lists, 2 each.
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(d, back));
}

// A star assessment, which has no id, is named by its organization.
TEST(RecordTest, StarAssessmentIsNamedByItsOrganization) {
  v1::Record r;
  r.mutable_star_assessment()->set_year(2014);
  EXPECT_EQ(RecordKindName(r), "star_assessment");
  EXPECT_EQ(RecordId(r), "");
  r.mutable_star_assessment()->set_party_organization_id("org-1");
  EXPECT_EQ(RecordId(r), "org-1");
  v1::Dataset d;
  ASSERT_THAT(AddRecordToDataset(r, &d), IsOk());
  ASSERT_EQ(d.star_assessments_size(), 1);
  EXPECT_EQ(d.star_assessments(0).party_organization_id(), "org-1");
}

TEST(RecordTest, MoveLeavesRecordEmpty) {
  v1::Record r;
  r.mutable_member()->set_id("m1");
  v1::Dataset d;
  ASSERT_THAT(MoveRecordToDataset(&r, &d), IsOk());
  EXPECT_EQ(r.entity_case(), v1::Record::ENTITY_NOT_SET);
  ASSERT_EQ(d.members_size(), 1);
  EXPECT_EQ(d.members(0).id(), "m1");
}

TEST(RecordTest, TrailerAndEmptyAreRefused) {
  v1::Dataset d;
  v1::Record r;
  EXPECT_THAT(AddRecordToDataset(r, &d),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty")));
  r.mutable_trailer();
  EXPECT_THAT(
      AddRecordToDataset(r, &d),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("trailer")));
}

}  // namespace
}  // namespace dangjian
