// The v1 schemas: a fully populated Dataset and every kind of Record survive
// binary and JSON round trips unchanged, and the schema keeps the conventions
// the rest of the library relies on.
#include <string>
#include <vector>

#include "dangjian/io.h"
#include "dangjian/v1/dataset.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "testing/populate.h"
#include "testing/status_matchers.h"

namespace dangjian {
namespace {

using ::dangjian::testing::IsOk;
using ::dangjian::testing::PopulateAllFields;
using ::dangjian::testing::UnsetFields;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::IsEmpty;

v1::Dataset FullDataset() {
  v1::Dataset d;
  PopulateAllFields(&d);
  return d;
}

TEST(SchemaTest, PopulateReallySetsEveryField) {
  const v1::Dataset d = FullDataset();
  EXPECT_THAT(UnsetFields(d), IsEmpty());
  // And the check can fail: clearing one nested field is reported by path.
  v1::Dataset missing = d;
  missing.mutable_members(1)->clear_national_id();
  EXPECT_THAT(UnsetFields(missing),
              ::testing::ElementsAre("members[1].national_id"));
}

TEST(SchemaTest, FullDatasetRoundTripsThroughBinary) {
  const v1::Dataset d = FullDataset();
  std::string bytes;
  ASSERT_TRUE(d.SerializeToString(&bytes));
  v1::Dataset back;
  ASSERT_TRUE(back.ParseFromString(bytes));
  EXPECT_TRUE(MessageDifferencer::Equals(d, back));
  EXPECT_THAT(UnsetFields(back), IsEmpty());
}

TEST(SchemaTest, FullDatasetRoundTripsThroughJson) {
  const v1::Dataset d = FullDataset();
  for (bool pretty : {false, true}) {
    JsonWriteOptions w;
    w.pretty = pretty;
    absl::StatusOr<std::string> json = DatasetToJson(d, w);
    ASSERT_THAT(json, IsOk());
    absl::StatusOr<v1::Dataset> back = DatasetFromJson(*json);
    ASSERT_THAT(back, IsOk());
    std::string diff;
    MessageDifferencer differ;
    differ.ReportDifferencesToString(&diff);
    EXPECT_TRUE(differ.Compare(d, *back)) << diff;
  }
}

TEST(SchemaTest, JsonUsesEnumNamesAndInt64Strings) {
  v1::Dataset d;
  v1::PartyOrganization* org = d.add_party_organizations();
  org->set_formation(v1::FORMATION_MODEL_JOINT);
  v1::Funding* f = d.add_funding();
  f->set_amount_fen(10000000);  // 红山水泥's 100,000 yuan.
  absl::StatusOr<std::string> json = DatasetToJson(d);
  ASSERT_THAT(json, IsOk());
  EXPECT_THAT(*json, ::testing::HasSubstr("\"FORMATION_MODEL_JOINT\""));
  EXPECT_THAT(*json, ::testing::HasSubstr("\"amountFen\":\"10000000\""));
}

// Every entity kind travels as a Record in a stream: each member of the oneof
// must round-trip on its own, with the right case set.
TEST(SchemaTest, EveryRecordKindRoundTrips) {
  const auto* oneof = v1::Record::descriptor()->FindOneofByName("entity");
  ASSERT_NE(oneof, nullptr);
  for (int i = 0; i < oneof->field_count(); ++i) {
    const auto* field = oneof->field(i);
    SCOPED_TRACE(field->name());
    v1::Record r;
    PopulateAllFields(r.GetReflection()->MutableMessage(&r, field));
    ASSERT_EQ(static_cast<int>(r.entity_case()), field->number());
    std::string bytes;
    ASSERT_TRUE(r.SerializeToString(&bytes));
    v1::Record back;
    ASSERT_TRUE(back.ParseFromString(bytes));
    EXPECT_TRUE(MessageDifferencer::Equals(r, back));
  }
}

// Each repeated entity of Dataset has a Record case of the same message type,
// so a dataset can always be written as a stream and read back.
TEST(SchemaTest, DatasetEntitiesAllHaveRecordCases) {
  const auto* record = v1::Record::descriptor();
  const auto* dataset = v1::Dataset::descriptor();
  for (int i = 0; i < dataset->field_count(); ++i) {
    const auto* f = dataset->field(i);
    if (!f->is_repeated()) continue;
    bool found = false;
    for (int j = 0; j < record->field_count(); ++j) {
      found |= record->field(j)->message_type() == f->message_type();
    }
    EXPECT_TRUE(found) << "Dataset." << f->name() << " ("
                       << f->message_type()->full_name()
                       << ") has no Record case";
  }
}

// Money is int64 fen everywhere: any field named *_fen must be int64.
TEST(SchemaTest, MoneyFieldsAreInt64Fen) {
  const google::protobuf::FileDescriptor* file =
      v1::Dataset::descriptor()->file();
  std::vector<const google::protobuf::FileDescriptor*> files = {file};
  for (int i = 0; i < file->dependency_count(); ++i) {
    files.push_back(file->dependency(i));
  }
  int money_fields = 0;
  for (const auto* fd : files) {
    for (int m = 0; m < fd->message_type_count(); ++m) {
      const auto* msg = fd->message_type(m);
      for (int i = 0; i < msg->field_count(); ++i) {
        const auto* f = msg->field(i);
        const std::string& name = f->name();
        if (name.size() > 4 && name.compare(name.size() - 4, 4, "_fen") == 0) {
          ++money_fields;
          EXPECT_EQ(f->type(), google::protobuf::FieldDescriptor::TYPE_INT64)
              << f->full_name();
        }
      }
    }
  }
  EXPECT_GE(money_fields, 10);
}

}  // namespace
}  // namespace dangjian
