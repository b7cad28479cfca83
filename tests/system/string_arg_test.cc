// StringArg: every string parameter of the API takes std::string_view,
// absl::string_view, std::string, a literal and a C string alike.
#include "dangjian/string_arg.h"

#include <memory_resource>
#include <string>
#include <string_view>
#include <type_traits>

#include "absl/strings/string_view.h"
#include "dangjian/csv_ledger.h"
#include "dangjian/personal_data.h"
#include "dangjian/record_io.h"
#include "dangjian/record_stream.h"
#include "dangjian/render.h"
#include "gtest/gtest.h"

namespace dangjian {
namespace {

// What a caller holds converts; what is not a string does not.
static_assert(std::is_convertible_v<std::string_view, StringArg>);
static_assert(std::is_convertible_v<absl::string_view, StringArg>);
static_assert(std::is_convertible_v<const std::string&, StringArg>);
static_assert(std::is_convertible_v<const char*, StringArg>);
static_assert(std::is_convertible_v<const char (&)[4], StringArg>);
static_assert(!std::is_convertible_v<int, StringArg>);
static_assert(!std::is_convertible_v<const std::string*, StringArg>);
static_assert(std::is_convertible_v<const std::pmr::string&, StringArg>);
// Passed in registers, as a view is.
static_assert(std::is_trivially_copyable_v<StringArg>);
static_assert(sizeof(StringArg) == sizeof(absl::string_view));

absl::string_view Through(StringArg s) { return s; }

// A caller's own type that converts to abseil's view, and one that converts
// to the standard one.
struct ToAbsl {
  operator absl::string_view() const { return "absl"; }  // NOLINT
};
struct ToStd {
  operator std::string_view() const { return "standard"; }  // NOLINT
};

// Every form a call took when the parameter was absl::string_view.
TEST(StringArgTest, TakesWhatAbseilsViewTook) {
  const std::pmr::string pmr = "pmr";
  EXPECT_EQ(Through(pmr), "pmr");
  EXPECT_EQ(Through(pmr).data(), pmr.data());
  const char* text = "braced";
  EXPECT_EQ(Through({text, 3}), "bra");
  EXPECT_EQ(Through({}), "");
  EXPECT_EQ(Through(ToAbsl()), "absl");
  EXPECT_EQ(Through(ToStd()), "standard");
  EXPECT_EQ(Through(nullptr), "");
  char array[] = "array";
  EXPECT_EQ(Through(array), "array");
  EXPECT_EQ(Through(std::string("temporary")), "temporary");
}

TEST(StringArgTest, RefersToTheCallersCharactersWithoutCopying) {
  const std::string owner = "county.djr";
  const std::string_view std_view = owner;
  const absl::string_view absl_view = owner;
  EXPECT_EQ(Through(std_view).data(), owner.data());
  EXPECT_EQ(Through(absl_view).data(), owner.data());
  EXPECT_EQ(Through(owner).data(), owner.data());
  EXPECT_EQ(Through(owner.c_str()).data(), owner.data());
  EXPECT_EQ(Through(std_view.substr(7)), "djr");
  const StringArg arg(std_view);
  EXPECT_EQ(arg.size(), owner.size());
  EXPECT_EQ(arg.std_view(), std_view);
  EXPECT_EQ(arg.view(), absl_view);
  EXPECT_FALSE(arg.empty());
}

TEST(StringArgTest, KeepsEmbeddedZerosOfAView) {
  const std::string bytes("a\0b", 3);
  EXPECT_EQ(Through(std::string_view(bytes)).size(), 3u);
  EXPECT_EQ(Through(bytes).size(), 3u);
  // A C string ends at its first zero.
  EXPECT_EQ(Through(bytes.c_str()).size(), 1u);
}

TEST(StringArgTest, NullCStringIsEmpty) {
  const char* none = nullptr;
  EXPECT_TRUE(StringArg(none).empty());
  EXPECT_EQ(Through(none), "");
}

// The API, called as a C++17 program holding std::string_view would, and as
// one holding abseil's view would: both compile and agree.
TEST(StringArgTest, ApiTakesEitherView) {
  const std::string id = "11010519491231002X";
  EXPECT_EQ(MaskNationalId(std::string_view(id)),
            MaskNationalId(absl::string_view(id)));
  EXPECT_EQ(MaskPersonalData(std::string_view(id)), "110105********002X");
  EXPECT_EQ(CsvTableFromName(std::string_view("members")), CsvTable::kMembers);
  EXPECT_EQ(CsvTableFromName(absl::string_view("members")), CsvTable::kMembers);
  EXPECT_EQ(RuleTitle(std::string_view("io.read"), ReportLanguage::kEnglish),
            RuleTitle("io.read", ReportLanguage::kEnglish));

  const std::string_view missing = "/nonexistent/dir/county.djr";
  auto by_std = OpenRecordReader(missing);
  auto by_absl =
      OpenRecordReader(absl::string_view(missing.data(), missing.size()));
  ASSERT_FALSE(by_std.ok());
  ASSERT_FALSE(by_absl.ok());
  EXPECT_EQ(by_std.status(), by_absl.status());
  EXPECT_NE(by_std.status().message().find("county.djr"), std::string::npos);

  // A buffer given as a std::string_view (bytes, not only text).
  const std::string_view no_stream = "not a record stream";
  auto reader =
      RecordStreamReader::FromBuffer(no_stream, std::string_view("x"));
  EXPECT_FALSE(reader.ok());
}

}  // namespace
}  // namespace dangjian
