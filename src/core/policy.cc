#include "dangjian/policy.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "google/protobuf/repeated_field.h"

namespace dangjian {
namespace {

void AddBracket(google::protobuf::RepeatedPtrField<v1::DuesBracket>* brackets,
                int64_t up_to_yuan, int32_t rate_per_mille) {
  v1::DuesBracket* b = brackets->Add();
  b->set_up_to_fen(up_to_yuan * 100);
  b->set_rate_per_mille(rate_per_mille);
}

absl::Status CheckBrackets(
    const google::protobuf::RepeatedPtrField<v1::DuesBracket>& brackets,
    absl::string_view field) {
  if (brackets.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "policy.", field, ": no dues brackets; give at least one"));
  }
  int64_t previous = 0;
  for (int i = 0; i < brackets.size(); ++i) {
    const v1::DuesBracket& b = brackets.Get(i);
    const std::string where = absl::StrCat("policy.", field, "[", i, "]");
    if (b.rate_per_mille() <= 0 || b.rate_per_mille() > 1000) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ".rate_per_mille is ", b.rate_per_mille(),
                       "; it must be between 1 and 1000 thousandths"));
    }
    const bool last = i + 1 == brackets.size();
    if (b.up_to_fen() < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ".up_to_fen is negative (", b.up_to_fen(), ")"));
    }
    if (b.up_to_fen() == 0 && !last) {
      return absl::InvalidArgumentError(absl::StrCat(
          where,
          ".up_to_fen is 0 (unbounded) but brackets follow; only the last "
          "bracket may be unbounded"));
    }
    if (b.up_to_fen() != 0 && b.up_to_fen() <= previous) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ".up_to_fen (", b.up_to_fen(),
                       ") is not above the previous bracket's bound (",
                       previous, "); list brackets in ascending order"));
    }
    if (last && b.up_to_fen() != 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ".up_to_fen is ", b.up_to_fen(),
                       ": the last bracket must be unbounded (0) so every "
                       "income has a rate"));
    }
    previous = b.up_to_fen();
  }
  return absl::OkStatus();
}

// Each standard named, once, with five rising lowest scores from 0.
absl::Status CheckStarStandards(const v1::Policy& p) {
  for (int i = 0; i < p.star_standards_size(); ++i) {
    const v1::StarStandard& st = p.star_standards(i);
    const std::string where = absl::StrCat("policy.star_standards[", i, "]");
    if (st.version().empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ".version is empty; name the standard"));
    }
    for (int j = 0; j < i; ++j) {
      if (p.star_standards(j).version() == st.version()) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, ".version \"", st.version(),
                         "\" is also star_standards[", j, "]'s"));
      }
    }
    if (st.min_scores_size() != 5) {
      return absl::InvalidArgumentError(absl::StrCat(
          where, " has ", st.min_scores_size(),
          " min_scores; give the lowest score of 1, 2, 3, 4 and 5 stars"));
    }
    for (int k = 0; k < 5; ++k) {
      if (st.min_scores(k) < 0 ||
          (k > 0 && st.min_scores(k) <= st.min_scores(k - 1))) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, ".min_scores[", k, "] is ", st.min_scores(k),
                         "; the lowest scores rise from 1 to 5 stars, from 0"));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status RequirePositive(int64_t value, absl::string_view field) {
  if (value > 0) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      "policy.", field, " is ", value,
      "; it must be positive (0 means unset: call FillPolicyDefaults first)"));
}

}  // namespace

v1::Policy DefaultPolicy() {
  v1::Policy p;
  p.set_version(kDefaultPolicyVersion);
  p.set_min_full_members_to_found(3);
  p.set_branch_max_members(50);
  p.set_general_branch_min_members(50);
  p.set_committee_min_members(100);
  p.set_branch_committee_threshold(7);
  p.set_branch_committee_min_size(3);
  p.set_branch_committee_max_size(5);
  p.set_branch_committee_hard_max_size(7);
  p.set_joint_branch_max_units(5);
  p.set_min_applicant_age(18);
  p.set_activist_min_months(12);
  p.set_probation_months(12);
  p.set_branch_term_years(3);
  AddBracket(p.mutable_employed_dues_brackets(), 3000, 5);
  AddBracket(p.mutable_employed_dues_brackets(), 5000, 10);
  AddBracket(p.mutable_employed_dues_brackets(), 10000, 15);
  AddBracket(p.mutable_employed_dues_brackets(), 0, 20);
  AddBracket(p.mutable_retired_dues_brackets(), 5000, 5);
  AddBracket(p.mutable_retired_dues_brackets(), 0, 10);
  p.set_flat_monthly_dues_fen(20);
  p.set_regional_heart_to_heart_meetings_per_year(4);
  p.set_committee_term_years(5);
  p.set_term_notice_months(6);
  p.set_demonstration_min_stars(4);
  p.set_dues_arrears_months(3);
  p.set_dues_lapse_months(6);
  p.set_transfer_letter_valid_days(90);
  return p;
}

void FillPolicyDefaults(v1::Policy* policy) {
  const v1::Policy d = DefaultPolicy();
  // Every scalar field of Policy is "0 means unset": walk them by reflection so
  // a field added to the schema later is filled without touching this function.
  const google::protobuf::Reflection* r = policy->GetReflection();
  const google::protobuf::Descriptor* desc = policy->GetDescriptor();
  for (int i = 0; i < desc->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* f = desc->field(i);
    if (f->is_repeated()) {
      if (r->FieldSize(*policy, f) == 0) {
        for (int j = 0; j < r->FieldSize(d, f); ++j) {
          r->AddMessage(policy, f)->CopyFrom(r->GetRepeatedMessage(d, f, j));
        }
      }
    } else if (!r->HasField(*policy, f)) {
      // proto3 scalars: HasField is false exactly when the value is the
      // default.
      switch (f->cpp_type()) {
        case google::protobuf::FieldDescriptor::CPPTYPE_INT32:
          r->SetInt32(policy, f, r->GetInt32(d, f));
          break;
        case google::protobuf::FieldDescriptor::CPPTYPE_INT64:
          r->SetInt64(policy, f, r->GetInt64(d, f));
          break;
        case google::protobuf::FieldDescriptor::CPPTYPE_STRING:
          r->SetString(policy, f, r->GetString(d, f));
          break;
        default:
          break;
      }
    }
  }
}

absl::Status CheckPolicy(const v1::Policy& p) {
  struct Named {
    int64_t value;
    const char* field;
  };
  const Named thresholds[] = {
      {p.min_full_members_to_found(), "min_full_members_to_found"},
      {p.branch_max_members(), "branch_max_members"},
      {p.general_branch_min_members(), "general_branch_min_members"},
      {p.committee_min_members(), "committee_min_members"},
      {p.branch_committee_threshold(), "branch_committee_threshold"},
      {p.branch_committee_min_size(), "branch_committee_min_size"},
      {p.branch_committee_max_size(), "branch_committee_max_size"},
      {p.branch_committee_hard_max_size(), "branch_committee_hard_max_size"},
      {p.joint_branch_max_units(), "joint_branch_max_units"},
      {p.min_applicant_age(), "min_applicant_age"},
      {p.activist_min_months(), "activist_min_months"},
      {p.probation_months(), "probation_months"},
      {p.branch_term_years(), "branch_term_years"},
      {p.flat_monthly_dues_fen(), "flat_monthly_dues_fen"},
      {p.regional_heart_to_heart_meetings_per_year(),
       "regional_heart_to_heart_meetings_per_year"},
      {p.committee_term_years(), "committee_term_years"},
      {p.term_notice_months(), "term_notice_months"},
      {p.demonstration_min_stars(), "demonstration_min_stars"},
      {p.dues_arrears_months(), "dues_arrears_months"},
      {p.dues_lapse_months(), "dues_lapse_months"},
      {p.transfer_letter_valid_days(), "transfer_letter_valid_days"},
  };
  for (const Named& t : thresholds) {
    absl::Status s = RequirePositive(t.value, t.field);
    if (!s.ok()) return s;
  }
  if (p.branch_committee_min_size() > p.branch_committee_max_size() ||
      p.branch_committee_max_size() > p.branch_committee_hard_max_size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "policy.branch_committee_min_size (", p.branch_committee_min_size(),
        ") <= branch_committee_max_size (", p.branch_committee_max_size(),
        ") <= branch_committee_hard_max_size (",
        p.branch_committee_hard_max_size(), ") does not hold"));
  }
  if (p.general_branch_min_members() > p.committee_min_members()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "policy.general_branch_min_members (", p.general_branch_min_members(),
        ") is above committee_min_members (", p.committee_min_members(),
        "): a general branch cannot need more members than a committee"));
  }
  if (p.dues_arrears_months() >= p.dues_lapse_months()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "policy.dues_arrears_months (", p.dues_arrears_months(),
        ") is not fewer than dues_lapse_months (", p.dues_lapse_months(),
        "): arrears would never come before a lapse"));
  }
  if (p.demonstration_min_stars() > 5) {
    return absl::InvalidArgumentError(absl::StrCat(
        "policy.demonstration_min_stars is ", p.demonstration_min_stars(),
        "; star ratings go from 1 to 5"));
  }
  const int64_t shortest_term_months =
      int64_t{12} * std::min(p.branch_term_years(), p.committee_term_years());
  if (p.term_notice_months() >= shortest_term_months) {
    return absl::InvalidArgumentError(absl::StrCat(
        "policy.term_notice_months (", p.term_notice_months(),
        ") is not shorter than a term (branch_term_years ",
        p.branch_term_years(), ", committee_term_years ",
        p.committee_term_years(), "): every election would always be due"));
  }
  if (p.min_full_members_to_found() > p.branch_max_members()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "policy.min_full_members_to_found (", p.min_full_members_to_found(),
        ") is above branch_max_members (", p.branch_max_members(),
        "): no branch could ever be founded"));
  }
  if (absl::Status st = CheckStarStandards(p); !st.ok()) return st;
  absl::Status s =
      CheckBrackets(p.employed_dues_brackets(), "employed_dues_brackets");
  if (!s.ok()) return s;
  return CheckBrackets(p.retired_dues_brackets(), "retired_dues_brackets");
}

}  // namespace dangjian
