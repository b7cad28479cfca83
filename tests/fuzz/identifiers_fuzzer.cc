// Fuzzes the resident-ID and credit-code checks through the Validator: the
// input is both a member's national_id and a unit's unified social credit
// code. The rules agree with an independent implementation of GB 11643 (ISO
// 7064 MOD 11-2) and GB 32100 (MOD 31), and no message shows the ID whole.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "../../src/core/utf8.h"
#include "dangjian/personal_data.h"
#include "dangjian/validate.h"
#include "fuzz_util.h"

namespace {

const dangjian::Validator& TheValidator() {
  static const dangjian::Validator* v = [] {
    dangjian::ValidatorOptions options;
    options.as_of.set_year(2017);
    options.as_of.set_month(12);
    options.as_of.set_day(31);
    options.max_findings = 0;
    return dangjian::Validator::Create(options)->release();
  }();
  return *v;
}

// 17 digits and the right MOD 11-2 check character, per GB 11643-1999.
bool IdChecksumOk(const std::string& id) {
  if (id.size() != 18) return false;
  static const int kWeights[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                   3, 7, 9,  10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    if (id[i] < '0' || id[i] > '9') return false;
    sum += (id[i] - '0') * kWeights[i];
  }
  static const char kCheck[] = "10X98765432";
  return id[17] == kCheck[sum % 11];
}

// 18 characters of the code alphabet with the right MOD 31 check, GB 32100.
bool CreditCodeOk(const std::string& code) {
  static const std::string kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                   29, 25, 13, 8,  24, 10, 30, 28};
  if (code.size() != 18) return false;
  int sum = 0;
  for (int i = 0; i < 18; ++i) {
    const size_t v = kAlphabet.find(code[i]);
    if (v == std::string::npos) return false;
    if (i < 17) sum += static_cast<int>(v) * kWeights[i];
  }
  const int check = (31 - sum % 31) % 31;
  return code[17] == kAlphabet[check];
}

int DigitCount(const std::string& text) {
  int n = 0;
  for (char c : text) n += c >= '0' && c <= '9';
  return n;
}

bool HasRule(const dangjian::v1::ValidationReport& report,
             absl::string_view prefix) {
  for (const auto& f : report.findings()) {
    if (absl::string_view(f.rule_id()).substr(0, prefix.size()) == prefix) {
      return true;
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  dangjian::v1::Dataset dataset;
  dangjian::v1::HostOrganization* host = dataset.add_host_organizations();
  host->set_id("h1");
  host->set_name("unit");
  host->set_unified_social_credit_code(text);
  dangjian::v1::Member* member = dataset.add_members();
  member->set_id("m1");
  member->set_name("member");
  member->set_host_organization_id("h1");
  member->set_national_id(text);
  auto report = TheValidator().Validate(dataset);
  if (!report.ok()) std::abort();
  for (const dangjian::v1::Finding& f : report->findings()) {
    dangjian_fuzz::CheckNoPersonalData(f.message());
    // Masking never cuts a UTF-8 character: a finding is a proto3 message.
    if (dangjian::internal::IsValidUtf8(text) &&
        !dangjian::internal::IsValidUtf8(f.message())) {
      std::abort();
    }
    // A resident ID of 11 digits or more never appears whole in a member's
    // finding. (The credit code, the same text, is not personal data and its
    // messages may quote it; text of fewer digits may match the message's
    // own words, as the fuzzer found with "17 digits and a ch"; text that is
    // its own mask may appear.)
    if (f.record_kind() == "member" && DigitCount(text) >= 11 &&
        dangjian::MaskNationalId(text) != text &&
        f.message().find(text) != std::string::npos) {
      std::abort();
    }
  }
  // A well-formed ID with the right check character gets no format or
  // checksum finding; any other non-empty text gets one of them (or is
  // reported as mangled by a spreadsheet).
  const bool id_rejected = HasRule(*report, "member.national_id.format") ||
                           HasRule(*report, "member.national_id.checksum");
  if (!text.empty() && IdChecksumOk(text) && id_rejected) std::abort();
  if (!text.empty() && !IdChecksumOk(text) && !id_rejected &&
      !HasRule(*report, "member.national_id.excel_mangled")) {
    std::abort();
  }
  if (!text.empty() &&
      CreditCodeOk(text) == HasRule(*report, "host.credit_code")) {
    std::abort();
  }
  return 0;
}
