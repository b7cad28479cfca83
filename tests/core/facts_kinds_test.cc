// The table of the kinds read as facts (core/facts_kinds.h).
#include "core/facts_kinds.h"

#include <set>
#include <string>

#include "gtest/gtest.h"

namespace dangjian {
namespace internal {
namespace {

// Exactly the kinds core/record_facts.h reads as facts are in the table;
// for each, the entity of a record of the kind is its message, read into
// its facts, and its bytes decode into the same facts.
TEST(FactsKindsTest, EachKindReadAsFactsAndNoOther) {
  const std::set<int> facts_kinds = {
      v1::Record::kMemberFieldNumber,
      v1::Record::kHostOrganizationFieldNumber,
      v1::Record::kPartyOrganizationFieldNumber,
      v1::Record::kFundingFieldNumber,
      v1::Record::kVenueFieldNumber,
      v1::Record::kActivityFieldNumber,
      v1::Record::kGridFieldNumber,
      v1::Record::kCadreAssignmentFieldNumber,
      v1::Record::kHostAnnualResultFieldNumber,
  };
  const google::protobuf::OneofDescriptor* entity =
      v1::Record::descriptor()->FindOneofByName("entity");
  ASSERT_NE(entity, nullptr);
  FactsScratch facts;
  MessageScratch messages;
  int seen = 0;
  for (int i = 0; i < entity->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = entity->field(i);
    SCOPED_TRACE(field->name());
    v1::Record record;
    google::protobuf::Message* message =
        record.GetReflection()->MutableMessage(&record, field);
    const google::protobuf::FieldDescriptor* id =
        message->GetDescriptor()->FindFieldByName("id");
    if (id != nullptr) {
      message->GetReflection()->SetString(message, id, "x-1");
    }
    ASSERT_EQ(record.entity_case(), field->number());
    bool called = false;
    const bool is_facts = ForFactsKind(record.entity_case(), [&](auto kind) {
      called = true;
      const auto& of = kind.MessageOf(record);
      EXPECT_EQ(static_cast<const void*>(&of),
                static_cast<const void*>(message));
      auto* read = facts.Of(kind);
      kind.Of(of, read);
      EXPECT_EQ(read->id, "x-1");
      // The bytes of the message decode into the same id.
      const std::string bytes = of.SerializeAsString();
      auto* decoded = facts.Of(kind);
      ASSERT_TRUE(kind.Decode(bytes, decoded));
      EXPECT_EQ(decoded->id, "x-1");
      auto* parsed = messages.Of(kind);
      ASSERT_TRUE(parsed->ParseFromString(bytes));
      EXPECT_EQ(parsed->id(), "x-1");
    });
    EXPECT_EQ(is_facts, facts_kinds.count(field->number()) == 1);
    EXPECT_EQ(called, is_facts);
    seen += is_facts;
  }
  EXPECT_EQ(seen, static_cast<int>(facts_kinds.size()));
  // Not a field of the record: none.
  EXPECT_FALSE(ForFactsKind(0, [](auto) { FAIL(); }));
}

}  // namespace
}  // namespace internal
}  // namespace dangjian
