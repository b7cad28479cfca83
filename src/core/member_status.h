// A member's status at the end of a year (internal): the one definition of
// "member counts as of the date" that the figures (src/aggregate/) and the
// rules (src/validate/) both count by.
#ifndef DANGJIAN_SRC_CORE_MEMBER_STATUS_H_
#define DANGJIAN_SRC_CORE_MEMBER_STATUS_H_

#include <cstdint>

#include "absl/base/attributes.h"
#include "absl/base/optimization.h"
#include "core/dated.h"
#include "dangjian/v1/member.pb.h"

namespace dangjian {
namespace internal {

// The dated steps of the pipeline, in MemberStatus order.
enum MemberStep : int {
  kStepApplied = 0,
  kStepActivist = 1,
  kStepDevelopmentTarget = 2,
  kStepProbationary = 3,
  kStepFull = 4,
};

// Whether a MembershipEventKind takes the member off the record's roll:
// transferred out, stopped, left, died.
inline bool EventTakesAway(int kind) {
  return kind == v1::MEMBERSHIP_EVENT_KIND_TRANSFER_OUT ||
         kind == v1::MEMBERSHIP_EVENT_KIND_STOPPED ||
         kind == v1::MEMBERSHIP_EVENT_KIND_LEFT ||
         kind == v1::MEMBERSHIP_EVENT_KIND_DIED;
}

// Whether the record is on its organization's roll at the end of `year`, by
// its membership events (Member.events). Of the events dated in or before
// `year`, the one of the latest date decides (of two on one date, the later
// listed): on the roll unless it took the member away (EventTakesAway()).
// With none dated by then, on the roll unless the earliest event is a
// transfer in (the member came later). Events without a date (or of year 0)
// or without a kind are never in force. `View` has ForEachEvent(f), calling
// f(has_on, year, month, day, kind) for each event.
template <typename View>
ABSL_ATTRIBUTE_NOINLINE bool OnRollAtYearEnd(const View& m, int32_t year) {
  bool any_by_then = false, any = false;
  int64_t latest = 0, earliest = 0;
  int latest_kind = 0, earliest_kind = 0;
  m.ForEachEvent([&](bool has_on, int32_t y, int32_t mo, int32_t d, int kind) {
    if (!has_on || y == 0 || kind == 0) return;
    const int64_t key = DateKey(y, mo, d);
    if (y <= year && (!any_by_then || key >= latest)) {
      any_by_then = true;
      latest = key;
      latest_kind = kind;
    }
    if (!any || key < earliest) {
      any = true;
      earliest = key;
      earliest_kind = kind;
    }
  });
  if (any_by_then) return !EventTakesAway(latest_kind);
  return earliest_kind != v1::MEMBERSHIP_EVENT_KIND_TRANSFER_IN;
}

// The member's status at the end of `year`: the status the record holds,
// taken back one stage for each dated step not yet reached by the end of the
// year (a full member whose full_on is next year was probationary), whatever
// stage the record holds now. Returns -1 when the person had not even applied
// by then (the record does not count), and MEMBER_STATUS_UNSPECIFIED for a
// status outside the enum. Returns -1 too when the record is not on the roll
// at the end of `year` (OnRollAtYearEnd()). `View` has status(), After(step,
// year) (whether the date of `step` is present and in a year after `year`),
// has_events() and ForEachEvent() (OnRollAtYearEnd()).
template <typename View>
int MemberStatusAtYearEnd(const View& m, int32_t year) {
  // Out of line, so that the common case (no events) stays small enough to
  // be inlined where it is called.
  if (ABSL_PREDICT_FALSE(m.has_events()) && !OnRollAtYearEnd(m, year)) {
    return -1;
  }
  int s = m.status();
  if (s < 0 || s > v1::MEMBER_STATUS_FULL) s = v1::MEMBER_STATUS_UNSPECIFIED;
  if (s == v1::MEMBER_STATUS_UNSPECIFIED) return s;
  if (s >= v1::MEMBER_STATUS_FULL && m.After(kStepFull, year)) {
    s = v1::MEMBER_STATUS_PROBATIONARY;
  }
  if (s >= v1::MEMBER_STATUS_PROBATIONARY && m.After(kStepProbationary, year)) {
    s = v1::MEMBER_STATUS_DEVELOPMENT_TARGET;
  }
  if (s >= v1::MEMBER_STATUS_DEVELOPMENT_TARGET &&
      m.After(kStepDevelopmentTarget, year)) {
    s = v1::MEMBER_STATUS_ACTIVIST;
  }
  if (s >= v1::MEMBER_STATUS_ACTIVIST && m.After(kStepActivist, year)) {
    s = v1::MEMBER_STATUS_APPLICANT;
  }
  if (s >= v1::MEMBER_STATUS_APPLICANT && m.After(kStepApplied, year)) {
    return -1;
  }
  return s;
}

// The pipeline dates of a parsed member, for MemberStatusAtYearEnd().
class MemberMessageDates {
 public:
  explicit MemberMessageDates(const v1::Member& m) : m_(m) {}
  int status() const { return m_.status(); }
  // The date of `step` (a MemberStep), or null when absent.
  const v1::Date* Date(int step) const {
    switch (step) {
      case kStepApplied:
        return m_.has_applied_on() ? &m_.applied_on() : nullptr;
      case kStepActivist:
        return m_.has_activist_on() ? &m_.activist_on() : nullptr;
      case kStepDevelopmentTarget:
        return m_.has_development_target_on() ? &m_.development_target_on()
                                              : nullptr;
      case kStepProbationary:
        return m_.has_probationary_on() ? &m_.probationary_on() : nullptr;
      default:
        return m_.has_full_on() ? &m_.full_on() : nullptr;
    }
  }
  bool After(int step, int32_t year) const {
    const v1::Date* d = Date(step);
    return d != nullptr && d->year() > year;
  }
  bool In(int step, int32_t year) const {
    const v1::Date* d = Date(step);
    return d != nullptr && d->year() == year;
  }
  bool has_events() const { return m_.events_size() != 0; }
  template <typename F>
  void ForEachEvent(F&& f) const {
    for (const v1::MembershipEvent& e : m_.events()) {
      f(e.has_on(), e.on().year(), e.on().month(), e.on().day(),
        static_cast<int>(e.kind()));
    }
  }

 private:
  const v1::Member& m_;
};

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_CORE_MEMBER_STATUS_H_
