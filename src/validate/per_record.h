// What the per-record rules share: the context a rule reports through, the
// text of dates and stages, the enum and id checks. per_record.cc holds the
// rules of every record but members, per_record_member.cc those of members.
#ifndef DANGJIAN_SRC_VALIDATE_PER_RECORD_H_
#define DANGJIAN_SRC_VALIDATE_PER_RECORD_H_

#include <algorithm>
#include <cstdint>
#include <string>

#include "absl/base/attributes.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/id_checks.h"
#include "dangjian/personal_data.h"
#include "dangjian/record.h"
#include "validate/dues.h"
#include "validate/engine.h"

namespace dangjian {
namespace internal {

inline std::string DateText(const Ymd& d) {
  if (d.m == 0) return absl::StrCat(d.y);
  if (d.d == 0) return absl::StrCat(d.y, "-", d.m);
  return absl::StrCat(d.y, "-", d.m, "-", d.d);
}

// A field path built only when a finding needs it: head[index]tail, or head
// alone when index < 0.
struct Field {
  Field(const char* h) : head(h) {}  // NOLINT: implicit by design
  Field(const char* h, int i, const char* t) : head(h), index(i), tail(t) {}
  std::string str() const {
    if (index < 0) return head;
    return absl::StrCat(head, "[", index, "]", tail);
  }
  const char* head;
  int index = -1;
  const char* tail = "";
};

// A member's pipeline dates, in MemberFacts' order: the field, the date's
// name and what the person became.
struct StageText {
  const char* field;
  const char* date_term;
  const char* term;
};
constexpr StageText kStages[5] = {
    {"applied_on", "application date (递交入党申请书日期)",
     "applied (入党申请)"},
    {"activist_on", "activist date (确定为入党积极分子日期)",
     "named an activist (入党积极分子)"},
    {"development_target_on", "development target date (确定为发展对象日期)",
     "named a development target (发展对象)"},
    {"probationary_on", "probationary date (接收为预备党员日期)",
     "admitted as probationary member (预备党员)"},
    {"full_on", "full-member date (转为正式党员日期)",
     "made a full member (正式党员)"},
};

class Ctx {
 public:
  Ctx(const Config& c, const RecordRef& ref, Sink* sink)
      : c_(c), ref_(ref), sink_(sink) {}
  const Config& config() const { return c_; }
  bool On(Rule r) const { return c_.On(r); }
  // Reports a finding on the record, its message the concatenation of
  // `parts` (made only when the sink keeps it). Out of line and cold: the
  // checks stay small enough for the instruction cache on the path without
  // findings.
  template <typename... Parts>
  ABSL_ATTRIBUTE_NOINLINE ABSL_ATTRIBUTE_COLD void Emit(
      Rule r, absl::string_view field, const Parts&... parts) const {
    const v1::SourceLocation& at = *ref_.location;
    auto location = [&at]() -> const v1::SourceLocation& { return at; };
    if (ref_.record != nullptr) {
      sink_->Add(r, KindName(*ref_.record), RecordId(*ref_.record), location,
                 field, parts...);
    } else {
      sink_->Add(r, ref_.kind, ref_.id, location, field, parts...);
    }
  }

  // Checks an optional date; returns it when present and valid, else a Ymd
  // with y == 0.
  Ymd Date(bool present, const v1::Date& date, const Field& field,
           absl::string_view term) const {
    return Date(present, present ? ToYmd(date) : Ymd{}, field, term);
  }
  ABSL_ATTRIBUTE_ALWAYS_INLINE Ymd Date(bool present, const Ymd& d,
                                        const Field& field,
                                        absl::string_view term) const {
    if (!present) return Ymd{};
    if (IsPlainDate(d)) return d;
    return CheckedDate(d, field, term);
  }
  // Date() for a member's pipeline date `i` (MemberFacts::kApplied ...), its
  // field and term from kStages: nothing is made for them unless the date
  // has a problem.
  ABSL_ATTRIBUTE_ALWAYS_INLINE Ymd StageDate(bool present, const Ymd& d,
                                             int i) const {
    if (!present) return Ymd{};
    if (IsPlainDate(d)) return d;
    return CheckedStageDate(d, i);
  }

 private:
  // The common case, inline: a full date on every calendar (day 1 to 28)
  // not after as_of.
  ABSL_ATTRIBUTE_ALWAYS_INLINE bool IsPlainDate(const Ymd& d) const {
    // Unsigned: any int32 field, INT32_MIN included, subtracts without
    // overflow.
    return static_cast<uint32_t>(d.y) - 1u < 9999u &&
           static_cast<uint32_t>(d.m) - 1u < 12u &&
           static_cast<uint32_t>(d.d) - 1u < 28u &&
           d.y * 512 + d.m * 32 + d.d <= as_of_first_day_;
  }
  ABSL_ATTRIBUTE_NOINLINE Ymd CheckedStageDate(const Ymd& d, int i) const {
    return CheckedDate(d, kStages[i].field, kStages[i].date_term);
  }
  Ymd CheckedDate(const Ymd& d, const Field& field,
                  absl::string_view term) const {
    if (!IsValidDate(d)) {
      if (On(Rule::kDateInvalid)) {
        Emit(Rule::kDateInvalid, field.str(),
             Zh(ZhTerm(term), " ", d.y, "-", d.m, "-", d.d, " 不是有效日期"),
             term, " ", d.y, "-", d.m, "-", d.d,
             " is not a calendar date (日期无效)");
      }
      return Ymd{};
    }
    if (IsAfter(d, c_.as_of)) {
      if (On(Rule::kDateFuture)) {
        Emit(Rule::kDateFuture, field.str(),
             Zh(ZhTerm(term), " ", DateText(d), " 晚于校验基准日 ",
                DateText(c_.as_of)),
             term, " ", DateText(d), " is after ", DateText(c_.as_of),
             " (日期在未来)");
      }
    }
    return d;
  }

  const Config& c_;
  const RecordRef& ref_;
  Sink* sink_;
  const int32_t as_of_first_day_ = PackFirstDay(c_.as_of);
};

// Whether `v` is a value of the enum `E` (its generated _IsValid): a range
// check, and the generated function only for an enum with gaps in its range.
template <typename E>
inline bool KnownEnum(int v, int min, int max, bool (*is_valid)(int)) {
  static const bool contiguous = [&] {
    for (int k = min; k <= max; ++k) {
      if (!is_valid(k)) return false;
    }
    return true;
  }();
  return v >= min && v <= max && (contiguous || is_valid(v));
}

#define DANGJIAN_KNOWN(Enum, v) \
  KnownEnum<v1::Enum>((v), v1::Enum##_MIN, v1::Enum##_MAX, v1::Enum##_IsValid)

// What the findings of a dated history call it: its field, an entry in
// English, in Chinese and the Chinese measure word (条, 次), and the term of
// an entry's date.
// An entry's other required part (".status", "status (变更后状态)"), or
// null parts when it has none.
struct HistoryText {
  const char* field;
  const char* en;
  const char* zh;
  const char* zh_measure;
  const char* date_term;
  const char* part = nullptr;
  const char* part_term = nullptr;
  // The date's field within an entry.
  const char* on = ".on";
};

// Reports entry `n` of a dated history as `rule` (the history's
// `*.incomplete` or `*.undated` rule): without a date when `no_date`, else
// without its part. The caller checks ctx.On(rule).
void HistoryEntryIncomplete(const Ctx& ctx, const HistoryText& text, int n,
                            bool no_date, Rule rule);

// Checks the date of entry `n` of a dated history (a unit's changes of
// status, a member's events, a venue's assessments): Ctx::Date() when
// `present`, then `order` when it comes before `*previous` (the last valid
// date of the entries before it) in DateKey() order, the order the reports
// read it in. Returns the date, y == 0 when absent
// or invalid, and moves `*previous` on to it when valid.
Ymd HistoryEntryDate(const Ctx& ctx, const HistoryText& text, int n,
                     bool present, const Ymd& date, Rule order, Ymd* previous);

// The committee term in force on `as_of` (docs/rules.md, "Committee
// terms"): the current one, begun on `current` (term_started_on as read,
// y == 0 when absent), unless it began after `as_of` and one of past_terms
// had begun by then: then the latest such (of two on one date, the later
// listed). `as_of` is a calendar date (the validator's).
struct TermInForce {
  Ymd started;        // Its start; y == 0 when not dated.
  int64_t seats = 0;  // Its seats; -1 for a past term that lists none.
  int past = -1;      // Its index in OrgFacts::past_terms; -1: the current.
  // The field that names its seats (`committee`, `past_terms[1].committee`)
  // and its start (`term_started_on`, `past_terms[1].started_on`), built
  // when a finding names them.
  std::string SeatsField() const;
  std::string StartField() const;
};
TermInForce CommitteeTermInForce(const OrgFacts& o, const Ymd& current,
                                 const Ymd& as_of);

// `o`'s term_started_on when present and a date of the calendar, else y == 0.
inline Ymd TermStart(const OrgFacts& o) {
  const Ymd d{o.term_started_year, o.term_started_month, o.term_started_day};
  return o.has_term_started_on && IsValidDate(d) ? d : Ymd{};
}

// record.enum.unknown for field `field` (`term` for people) holding `v`.
inline void UnknownEnum(const Ctx& ctx, const char* field, const char* term,
                        int v) {
  if (!ctx.On(Rule::kEnumUnknown)) return;
  ctx.Emit(Rule::kEnumUnknown, field,
           Zh(ZhTerm(term), "为", v,
              "，不是数据规范（dangjian.v1）定义的代码；按未填写统计"),
           term, " is ", v,
           ", a number the schema (dangjian.v1) does not define; counted as "
           "not given");
}

// record.count.negative for field `field` holding `v` < 0.
inline void NegativeCount(const Ctx& ctx, const char* field, const char* term,
                          int64_t v) {
  if (!ctx.On(Rule::kCountNegative)) return;
  ctx.Emit(Rule::kCountNegative, field,
           Zh(ZhTerm(term), "为", v, "，小于0；按0统计"), term, " is ", v,
           ", below zero; counted as 0");
}

// record.id.missing: a record without its id.
inline void CheckId(const Ctx& ctx, absl::string_view id) {
  if (id.empty() && ctx.On(Rule::kIdMissing)) {
    ctx.Emit(Rule::kIdMissing, "id", Zh("记录没有标识（记录标识为空）"),
             "the record has no id (记录标识)");
  }
}

// The rules of one member record; returns the key of its resident ID (0
// when it has none that is valid), for the duplicate check across records.
uint64_t CheckMember(const Ctx& ctx, const MemberFacts& m);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_VALIDATE_PER_RECORD_H_
