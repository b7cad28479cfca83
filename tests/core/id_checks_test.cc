// Tests core/id_checks.h: resident IDs (GB 11643-1999, ISO 7064 MOD 11-2)
// and unified social credit codes (GB 32100-2015), against the standards'
// published examples and the textbook formulas over random identifiers.
#include "core/id_checks.h"

#include <cstdint>
#include <random>
#include <set>
#include <string>

#include "gtest/gtest.h"

namespace dangjian {
namespace internal {
namespace {

// The textbook GB 11643 check character: a digit per loop, one modulo.
char ReferenceIdCheck(const std::string& id) {
  static const int kWeights[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                   3, 7, 9,  10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (id[i] - '0') * kWeights[i];
  return "10X98765432"[sum % 11];
}

// The textbook GB 32100 check character.
char ReferenceCreditCheck(const std::string& code) {
  static const std::string kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                   29, 25, 13, 8,  24, 10, 30, 28};
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    sum += static_cast<int>(kAlphabet.find(code[i])) * kWeights[i];
  }
  return kAlphabet[(31 - sum % 31) % 31];
}

TEST(IdChecksTest, PublishedResidentIdsCheck) {
  // GB 11643-1999's own examples.
  EXPECT_EQ(NationalIdShape("11010519491231002X"), NationalIdProblem::kNone);
  EXPECT_EQ(NationalIdCheckChar("11010519491231002X"), 'X');
  EXPECT_EQ(NationalIdCheckChar("440524188001010014"), '4');
  const Ymd birth = NationalIdBirthDate("11010519491231002X");
  EXPECT_EQ(birth.y, 1949);
  EXPECT_EQ(birth.m, 12);
  EXPECT_EQ(birth.d, 31);
}

TEST(IdChecksTest, ShapesOfResidentIds) {
  EXPECT_EQ(NationalIdShape("1.10105E+17"), NationalIdProblem::kExcelMangled);
  EXPECT_EQ(NationalIdShape("110105194912310.0"),
            NationalIdProblem::kExcelMangled);
  EXPECT_EQ(NationalIdShape("110105491231002"),
            NationalIdProblem::kFifteenDigit);
  EXPECT_EQ(NationalIdShape("11010519491231002x"),
            NationalIdProblem::kLowercaseX);
  EXPECT_EQ(NationalIdShape("1101051949123100"), NationalIdProblem::kFormat);
  EXPECT_EQ(NationalIdShape("11010519491231002Y"), NationalIdProblem::kFormat);
  EXPECT_EQ(NationalIdShape("1101051949A231002X"), NationalIdProblem::kFormat);
  // Fifteen significant digits padded with zeros, as a spreadsheet keeps a
  // long number: the sequence code 000 is never issued.
  EXPECT_EQ(NationalIdShape("110105194912310000"),
            NationalIdProblem::kExcelMangled);
  // A real ID may end in 000: sequence code 900 with check character 0.
  EXPECT_EQ(NationalIdCheckChar("110105194912029000"), '0');
  EXPECT_EQ(NationalIdShape("110105194912029000"), NationalIdProblem::kNone);
  // The same ending with a wrong check character is a padded one.
  EXPECT_EQ(NationalIdShape("110105194912039000"),
            NationalIdProblem::kExcelMangled);
}

TEST(IdChecksTest, CheckCharactersAndKeysOverRandomIds) {
  std::mt19937_64 rng(11643);
  std::set<uint64_t> keys;
  for (int n = 0; n < 20000; ++n) {
    std::string id;
    for (int i = 0; i < 17; ++i) id += static_cast<char>('0' + rng() % 10);
    id += ReferenceIdCheck(id);
    if (NationalIdShape(id) != NationalIdProblem::kNone) continue;
    ASSERT_EQ(NationalIdCheckChar(id), id[17]) << id;
    uint64_t key = 0;
    ASSERT_EQ(NationalIdCheckCharAndKey(id, &key), id[17]) << id;
    EXPECT_EQ(key, NationalIdKey(id));
    EXPECT_EQ(key, NationalIdKeyOf(id));
    keys.insert(key);
  }
  // Distinct IDs, distinct keys (random 17-digit prefixes do not repeat
  // here).
  EXPECT_GT(keys.size(), 19000u);
  EXPECT_EQ(NationalIdKeyOf(""), 0u);
  EXPECT_EQ(NationalIdKeyOf("11010519491231002x"), 0u);
}

TEST(IdChecksTest, PublishedCreditCodesCheck) {
  EXPECT_EQ(CheckCreditCode("91350100M000100Y43"), CreditCodeProblem::kNone);
  EXPECT_EQ(CheckCreditCode("91110000100006485K"), CreditCodeProblem::kNone);
  EXPECT_EQ(CreditCodeCheckChar("91350100M000100Y43"), '3');
  EXPECT_EQ(CheckCreditCode("91350100M000100Y44"),
            CreditCodeProblem::kChecksum);
  // I, O, S, V and Z are not in the code's alphabet.
  EXPECT_EQ(CheckCreditCode("91350100I000100Y43"), CreditCodeProblem::kFormat);
  EXPECT_EQ(CreditCodeCheckChar("91350100I000100Y43"), 0);
  EXPECT_EQ(CheckCreditCode("91350100M000100Y4"), CreditCodeProblem::kFormat);
  EXPECT_EQ(CheckCreditCode("91350100M000100Y4O"), CreditCodeProblem::kFormat);
}

TEST(IdChecksTest, CreditCodesOverRandomCodes) {
  static const std::string kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  std::mt19937_64 rng(32100);
  for (int n = 0; n < 20000; ++n) {
    std::string code;
    for (int i = 0; i < 17; ++i) code += kAlphabet[rng() % kAlphabet.size()];
    const char check = ReferenceCreditCheck(code);
    ASSERT_EQ(CreditCodeCheckChar(code), check) << code;
    EXPECT_EQ(CheckCreditCode(code + check), CreditCodeProblem::kNone);
    const char wrong = kAlphabet[(kAlphabet.find(check) + 1) % 31];
    EXPECT_EQ(CheckCreditCode(code + wrong), CreditCodeProblem::kChecksum);
  }
}

}  // namespace
}  // namespace internal
}  // namespace dangjian
