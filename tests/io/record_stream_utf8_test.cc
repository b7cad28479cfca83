// The record stream writer refuses text that is not UTF-8 (no proto3 reader
// could read it back), names the field, and accepts every well-formed text.
#include <string>

#include "dangjian/record_stream.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"
#include "testing/utf8_reference.h"

namespace dangjian {
namespace {

using testing::WellFormed;

using ::dangjian::testing::IsOk;
using ::dangjian::testing::StatusIs;
using ::testing::HasSubstr;

absl::Status WriteOne(const v1::Record& r) {
  std::string out;
  auto writer = RecordStreamWriter::ToString(&out);
  EXPECT_THAT(writer, IsOk());
  absl::Status s = (*writer)->Write(r);
  if (s.ok()) s = (*writer)->Close();
  return s;
}

TEST(RecordStreamUtf8Test, WellFormedTextIsWritten) {
  v1::Record r;
  v1::PartyOrganization* o = r.mutable_party_organization();
  o->set_id("p1");
  o->set_name("克什克腾旗 \xf0\x9f\x98\x80 branch");
  o->add_committee()->set_name("书记");
  o->add_host_organization_ids("h1");
  EXPECT_THAT(WriteOne(r), IsOk());
}

TEST(RecordStreamUtf8Test, BadTextIsRefusedByField) {
  const std::string bad[] = {
      std::string("\xc3\x28"),          // Bad continuation byte.
      std::string("\xed\xa0\x80"),      // Surrogate.
      std::string("\xb6\xfe\xb7\xa2"),  // GBK bytes.
      std::string("\xe5\x85"),          // Truncated.
  };
  for (const std::string& b : bad) {
    v1::Record r;
    v1::PartyOrganization* o = r.mutable_party_organization();
    o->set_id("p1");
    o->add_committee()->set_name("书记");
    o->add_committee()->set_name("委员" + b);
    EXPECT_THAT(WriteOne(r), StatusIs(absl::StatusCode::kInvalidArgument,
                                      HasSubstr("committee[1].name")));
    o->mutable_committee(1)->set_name("委员");
    o->add_host_organization_ids("h1");
    o->add_host_organization_ids(b);
    EXPECT_THAT(WriteOne(r), StatusIs(absl::StatusCode::kInvalidArgument,
                                      HasSubstr("host_organization_ids[1]")));
  }
}

TEST(RecordStreamUtf8Test, DeeplyNestedDateDoesNotHideText) {
  // Strings after nested messages are still checked.
  v1::Record r;
  v1::Member* m = r.mutable_member();
  m->set_id("m1");
  m->mutable_birth_date()->set_year(1980);
  m->add_posts()->set_name(std::string("\xff"));
  EXPECT_THAT(WriteOne(r), StatusIs(absl::StatusCode::kInvalidArgument,
                                    HasSubstr("posts[0].name")));
}

TEST(RecordStreamUtf8Test, EveryThreeByteSequenceAsUnicodeSays) {
  // Every lead byte C0-FF with every second byte 70-C7 and, for leads E0-EF,
  // every third byte 70-C7 (all the bounds Unicode sets lie in 80-BF):
  // accepted exactly when Unicode calls the text well formed, after ASCII,
  // Chinese text or nothing.
  v1::Record r;
  v1::HostOrganization* h = r.mutable_host_organization();
  h->set_id("h1");
  std::string out;
  auto writer = RecordStreamWriter::ToString(&out);
  ASSERT_THAT(writer, IsOk());
  int64_t accepted = 0, refused = 0;
  for (const std::string prefix : {"", "ab", "单位"}) {
    for (int c = 0xC0; c <= 0xFF; ++c) {
      for (int d = 0x70; d <= 0xC7; ++d) {
        const bool three = c >= 0xE0 && c <= 0xEF;
        for (int e = three ? 0x70 : -1; e <= (three ? 0xC7 : -1); ++e) {
          std::string text = prefix;
          text.push_back(static_cast<char>(c));
          text.push_back(static_cast<char>(d));
          if (e >= 0) text.push_back(static_cast<char>(e));
          h->set_name(text);
          const bool ok = (*writer)->Write(r).ok();
          ASSERT_EQ(ok, WellFormed(text)) << std::hex << c << " " << d << " "
                                          << e << " after '" << prefix << "'";
          ++(ok ? accepted : refused);
        }
      }
    }
  }
  EXPECT_GT(accepted, 3 * 14 * 64 * 64);  // E1-EC, EE-EF, after each prefix.
  EXPECT_GT(refused, accepted);
}

}  // namespace
}  // namespace dangjian
