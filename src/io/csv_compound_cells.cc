// Ledger cells that hold a list of small records: a member's posts
// (党员岗位), an organization's committee seats (班子成员), a unit's
// changes of status (经营状态变更), a member's events (组织关系变动), a
// venue's assessments (六有评估) and a committee's past terms (历届委员会).
// Their format is in docs/ledger-format.md; each post, seat, change or event
// goes to the wire format as one occurrence of the repeated message field.

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/enum_labels.h"
#include "dangjian/personal_data.h"
#include "dangjian/v1/host.pb.h"
#include "dangjian/v1/member.pb.h"
#include "dangjian/v1/party_organization.pb.h"
#include "dangjian/v1/venue.pb.h"
#include "io/csv_columns.h"

namespace dangjian {
namespace internal {
namespace {

using google::protobuf::Message;

constexpr absl::string_view kSecondedMarks[] = {"（挂职）", "(挂职)"};

// The items of a cell: separated by ';', '；' or a line break (Alt+Enter in
// Excel), trimmed, blank ones skipped.
std::vector<std::string> Items(absl::string_view cell) {
  std::vector<std::string> out;
  const std::string s = UnifySeparators(cell, {"；"});
  for (absl::string_view item : absl::StrSplit(s, absl::ByAnyChar(";\n\r"))) {
    item = TrimCell(item);
    if (!item.empty()) out.emplace_back(item);
  }
  return out;
}

// Splits `item` at its first ':' or '：' into what is before and after it,
// both trimmed; false (and `*after` is the item) when it has neither.
bool SplitAtColon(absl::string_view item, absl::string_view* before,
                  absl::string_view* after) {
  const size_t ascii = item.find(':');
  const size_t wide = item.find("：");
  const size_t at = std::min(ascii, wide);
  if (at == absl::string_view::npos) {
    *before = {};
    *after = item;
    return false;
  }
  *before = TrimCell(item.substr(0, at));
  *after = TrimCell(item.substr(at + (at == ascii ? 1 : 3)));
  return true;
}

std::string Label(const google::protobuf::EnumValueDescriptor* v) {
  auto it = EnumLabelTable().find(v->name());
  return it != EnumLabelTable().end() ? it->second[0] : v->name();
}

bool HasAny(absl::string_view s, std::initializer_list<absl::string_view> of) {
  for (absl::string_view x : of) {
    if (absl::StrContains(s, x)) return true;
  }
  return false;
}

// What a cell that is left out says; the row is imported without it.
CellProblem LeftOut(absl::string_view what, absl::string_view item,
                    absl::string_view why) {
  return CellProblem::LeftOut(absl::StrCat(what, " \"", MaskPersonalData(item),
                                           "\": ", why,
                                           ": left out, the row imported "
                                           "without it"));
}

// One post, "类别：名称", "类别" or "：名称"; false with `*why` set when its
// kind is no kind of post. `*kind_given` says whether a kind was written.
bool ReadPost(const Column& c, absl::string_view text, v1::MemberPost* post,
              bool* kind_given, std::string* why) {
  absl::string_view kind_text, name;
  if (!SplitAtColon(text, &kind_text, &name)) {
    kind_text = name;  // "党员先锋岗": a kind alone.
    name = {};
  }
  *kind_given = !kind_text.empty();
  post->Clear();
  if (*kind_given) {
    const int kind = ParseEnumCell(c, kind_text, why);
    if (kind == 0) return false;
    post->set_kind(static_cast<v1::PostKind>(kind));
  } else if (name.empty()) {
    *why = "a post with neither kind nor name";
    return false;
  }
  post->set_name(std::string(name));
  return true;
}

CellProblem SetPosts(const Column& c, absl::string_view cell,
                     WireBuffer* wire) {
  std::vector<std::string> posts;  // Serialized, all read before any is put.
  for (const std::string& item : Items(cell)) {
    // "党员示范岗：车间一、党员先锋岗：车间二": posts joined by 、 when every
    // part is a post of a kind; else 、 is part of a name ("质检、包装组").
    std::vector<std::string> parts;
    if (absl::StrContains(item, "、")) {
      for (absl::string_view part : absl::StrSplit(item, "、")) {
        v1::MemberPost post;
        bool kind_given;
        std::string why;
        if (!ReadPost(c, TrimCell(part), &post, &kind_given, &why) ||
            !kind_given) {
          parts.clear();
          break;
        }
        parts.push_back(post.SerializeAsString());
      }
    }
    if (parts.empty()) {
      v1::MemberPost post;
      bool kind_given;
      std::string why;
      if (!ReadPost(c, item, &post, &kind_given, &why)) {
        return LeftOut("post", item,
                       absl::StrCat(why,
                                    " (write 类别：名称, as "
                                    "党员示范岗：质检班组)"));
      }
      parts.push_back(post.SerializeAsString());
    }
    posts.insert(posts.end(), parts.begin(), parts.end());
  }
  for (const std::string& p : posts) {
    PutLengthDelimited(c.tags.back(), p, wire);
  }
  return {};
}

// Takes a seconded mark (（挂职）) off the end of `*holder`: true when it had
// one.
bool TakeSecondedMark(absl::string_view* holder) {
  for (absl::string_view mark : kSecondedMarks) {
    if (absl::ConsumeSuffix(holder, mark)) {
      *holder = TrimCell(*holder);
      return true;
    }
  }
  return false;
}

// The seats of a seats cell (or of a past term's brackets), each serialized
// into `*seats`.
CellProblem ReadSeats(const Column& c, absl::string_view cell,
                      std::vector<std::string>* out) {
  constexpr absl::string_view kHow =
      " (write 职务：姓名, as 书记：张三；委员：李四、王五)";
  std::vector<std::string>& seats = *out;
  for (const std::string& item : Items(cell)) {
    absl::string_view role_text, holders;
    int role = 0;
    if (SplitAtColon(item, &role_text, &holders) && !role_text.empty()) {
      std::string why;
      role = ParseEnumCell(c, role_text, &why);
      if (role == 0) {
        return LeftOut("committee seat", item, absl::StrCat(why, kHow));
      }
    }
    const std::string list = UnifySeparators(holders, {"、", "，"});
    bool any = false;
    for (absl::string_view holder :
         absl::StrSplit(list, absl::ByAnyChar(";,"))) {
      holder = TrimCell(holder);
      if (holder.empty()) continue;
      // "书记：张三，委员：李四" (a ； missing): a new role from here on.
      absl::string_view next_role, rest;
      if (SplitAtColon(holder, &next_role, &rest)) {
        std::string why;
        const int r = next_role.empty() ? 0 : ParseEnumCell(c, next_role, &why);
        if (r == 0) {
          return LeftOut("committee seat", item,
                         absl::StrCat("a holder with a colon in it", kHow));
        }
        role = r;
        holder = rest;
        if (holder.empty()) {
          return LeftOut("committee seat", item, "a role with no one in it");
        }
      }
      any = true;
      v1::CommitteeSeat seat;
      seat.set_role(static_cast<v1::CommitteeRole>(role));
      // The seconded mark after the id or before it: 张三[m-1]（挂职）,
      // 张三（挂职）[m-1].
      bool seconded = TakeSecondedMark(&holder);
      if (absl::EndsWith(holder, "]") || absl::EndsWith(holder, "］")) {
        const bool wide = absl::EndsWith(holder, "］");
        const size_t open = holder.rfind(wide ? "［" : "[");
        if (open == absl::string_view::npos) {
          return LeftOut("committee seat", item,
                         "a member id closed by ] but not opened by [ "
                         "(write 姓名[党员标识])");
        }
        const size_t from = open + (wide ? 3 : 1);
        seat.set_member_id(std::string(TrimCell(
            holder.substr(from, holder.size() - (wide ? 3 : 1) - from))));
        holder = TrimCell(holder.substr(0, open));
        seconded = TakeSecondedMark(&holder) || seconded;
      }
      seat.set_seconded(seconded);
      seat.set_name(std::string(holder));
      if (seat.name().empty() && seat.member_id().empty()) {
        return LeftOut("committee seat", item,
                       "a seat with neither name nor member id");
      }
      seats.push_back(seat.SerializeAsString());
    }
    if (!any) {
      return LeftOut("committee seat", item, "a role with no one in it");
    }
  }
  return {};
}

CellProblem SetSeats(const Column& c, absl::string_view cell,
                     WireBuffer* wire) {
  std::vector<std::string> seats;  // Serialized, all read before any is put.
  if (CellProblem why = ReadSeats(c, cell, &seats); !why.why.empty()) {
    return why;
  }
  for (const std::string& s : seats) {
    PutLengthDelimited(c.tags.back(), s, wire);
  }
  return {};
}

// The brackets a past term's seats are written in.
constexpr absl::string_view kOpen[] = {"（", "("};
constexpr absl::string_view kClose[] = {"）", ")"};

// The terms of a past-terms cell: separated by ';', '；' or a line break
// outside brackets, trimmed, blank ones skipped; "" when a bracket is not
// closed, or closed without being opened.
bool TermItems(absl::string_view cell, std::vector<absl::string_view>* out) {
  int depth = 0;
  size_t from = 0;
  const auto take = [&](size_t to) {
    const absl::string_view item = TrimCell(cell.substr(from, to - from));
    if (!item.empty()) out->push_back(item);
  };
  for (size_t i = 0; i < cell.size();) {
    const absl::string_view rest = cell.substr(i);
    size_t n = 0;
    for (absl::string_view b : kOpen) {
      if (absl::StartsWith(rest, b)) n = b.size(), ++depth;
    }
    for (absl::string_view b : kClose) {
      if (absl::StartsWith(rest, b)) n = b.size(), --depth;
    }
    if (depth < 0) return false;
    if (n == 0 && depth == 0 &&
        (rest[0] == ';' || rest[0] == '\n' || rest[0] == '\r' ||
         absl::StartsWith(rest, "；"))) {
      take(i);
      n = rest[0] == ';' || rest[0] == '\n' || rest[0] == '\r' ? 1 : 3;
      from = i + n;
    }
    i += n == 0 ? 1 : n;
  }
  take(cell.size());
  return depth == 0;
}

CellProblem SetPastTerms(const Column& c, absl::string_view cell,
                         WireBuffer* wire) {
  constexpr absl::string_view kHow =
      " (write 任期开始日期（职务：姓名…）, as "
      "2015-07-01（书记：张三；委员：李四、王五）；2018-07-01)";
  std::vector<absl::string_view> items;
  if (!TermItems(cell, &items)) {
    return LeftOut("past committee terms", cell,
                   absl::StrCat("brackets that do not pair", kHow));
  }
  std::vector<std::string> out;  // Serialized, all read before any is put.
  for (absl::string_view item : items) {
    absl::string_view date_text = item, seats_text;
    // The seats in the first bracket opened, closed by its kind at the end.
    size_t open = absl::string_view::npos, kind = 0;
    for (size_t b = 0; b < 2; ++b) {
      const size_t at = item.find(kOpen[b]);
      if (at < open) open = at, kind = b;
    }
    if (open != absl::string_view::npos) {
      if (!absl::EndsWith(item, kClose[kind])) {
        return LeftOut(
            "past committee term", item,
            absl::StrCat("text after the seats' brackets, or a ", kOpen[kind],
                         " not closed by ", kClose[kind], kHow));
      }
      date_text = TrimCell(item.substr(0, open));
      const size_t from = open + kOpen[kind].size();
      seats_text = item.substr(from, item.size() - kClose[kind].size() - from);
    }
    Ymd on;
    const std::string bad_date = ParseDateCell(date_text, &on);
    if (!bad_date.empty()) {
      return LeftOut("past committee term", item,
                     absl::StrCat("the date ", bad_date, kHow));
    }
    v1::CommitteeTerm t;
    t.mutable_started_on()->set_year(on.y);
    t.mutable_started_on()->set_month(on.m);
    t.mutable_started_on()->set_day(on.d);
    std::vector<std::string> seats;
    if (CellProblem why = ReadSeats(c, seats_text, &seats); !why.why.empty()) {
      return why;
    }
    for (const std::string& seat : seats) {
      t.add_committee()->ParseFromString(seat);
    }
    out.push_back(t.SerializeAsString());
  }
  for (const std::string& s : out) {
    PutLengthDelimited(c.tags.back(), s, wire);
  }
  return {};
}

CellProblem SetStatusChanges(const Column& c, absl::string_view cell,
                             WireBuffer* wire) {
  constexpr absl::string_view kHow =
      " (write 日期：状态, as 2019-06-30：注销；2021-03-01：存续)";
  std::vector<std::string> changes;  // Serialized, all read before any is put.
  for (const std::string& item : Items(cell)) {
    absl::string_view date_text, status_text;
    if (!SplitAtColon(item, &date_text, &status_text) || date_text.empty() ||
        status_text.empty()) {
      return LeftOut("status change", item,
                     absl::StrCat("not a date and a status", kHow));
    }
    Ymd on;
    const std::string bad_date = ParseDateCell(date_text, &on);
    if (!bad_date.empty()) {
      return LeftOut("status change", item,
                     absl::StrCat("the date ", bad_date, kHow));
    }
    std::string why;
    const int status = ParseEnumCell(c, status_text, &why);
    if (status == 0) {
      return LeftOut("status change", item, absl::StrCat(why, kHow));
    }
    v1::HostStatusChange change;
    change.mutable_on()->set_year(on.y);
    change.mutable_on()->set_month(on.m);
    change.mutable_on()->set_day(on.d);
    change.set_status(static_cast<v1::HostStatus>(status));
    changes.push_back(change.SerializeAsString());
  }
  for (const std::string& s : changes) {
    PutLengthDelimited(c.tags.back(), s, wire);
  }
  return {};
}

// The parts of an item separated by ':' or '：', each trimmed.
std::vector<absl::string_view> ColonParts(absl::string_view item) {
  std::vector<absl::string_view> parts;
  for (;;) {
    absl::string_view before, after;
    if (!SplitAtColon(item, &before, &after)) {
      parts.push_back(TrimCell(item));
      return parts;
    }
    parts.push_back(before);
    item = after;
  }
}

CellProblem SetMemberEvents(const Column& c, absl::string_view cell,
                            WireBuffer* wire) {
  constexpr absl::string_view kHow =
      " (write 日期：类别, and for a transfer ：对方党组织：介绍信编号 and, "
      "when known, ：对方县区标识, as "
      "2019-06-30：转出：红山区某支部：2019-015：r150402)";
  std::vector<std::string> events;  // Serialized, all read before any is put.
  for (const std::string& item : Items(cell)) {
    const std::vector<absl::string_view> parts = ColonParts(item);
    if (parts.size() < 2 || parts.size() > 5 || parts[0].empty() ||
        parts[1].empty()) {
      return LeftOut("membership event", item,
                     absl::StrCat("not a date and a kind", kHow));
    }
    Ymd on;
    const std::string bad_date = ParseDateCell(parts[0], &on);
    if (!bad_date.empty()) {
      return LeftOut("membership event", item,
                     absl::StrCat("the date ", bad_date, kHow));
    }
    std::string why;
    const int kind = ParseEnumCell(c, parts[1], &why);
    if (kind == 0) {
      return LeftOut("membership event", item, absl::StrCat(why, kHow));
    }
    v1::MembershipEvent event;
    event.mutable_on()->set_year(on.y);
    event.mutable_on()->set_month(on.m);
    event.mutable_on()->set_day(on.d);
    event.set_kind(static_cast<v1::MembershipEventKind>(kind));
    if (parts.size() > 2) event.set_counterpart(std::string(parts[2]));
    if (parts.size() > 3) event.set_letter_number(std::string(parts[3]));
    if (parts.size() > 4) {
      event.set_counterpart_region_id(std::string(parts[4]));
    }
    events.push_back(event.SerializeAsString());
  }
  for (const std::string& s : events) {
    PutLengthDelimited(c.tags.back(), s, wire);
  }
  return {};
}

// The six haves as an assessment cell names them, in VenueFacts::haves'
// bit order (a cell may leave out the 有).
constexpr absl::string_view kHaves[6] = {"有场所", "有设施", "有标志",
                                         "有党旗", "有书报", "有制度"};
constexpr absl::string_view kNoHaves = "无";
constexpr absl::string_view kAllHaves = "六有齐全";

CellProblem SetVenueAssessments(const Column& c, absl::string_view cell,
                                WireBuffer* wire) {
  constexpr absl::string_view kHow =
      " (write 日期：有场所、有设施…, 日期：六有齐全 or 日期：无, as "
      "2019-05-01：有场所、有党旗)";
  std::vector<std::string> out;  // Serialized, all read before any is put.
  for (const std::string& item : Items(cell)) {
    absl::string_view date_text, haves_text;
    if (!SplitAtColon(item, &date_text, &haves_text) || date_text.empty() ||
        haves_text.empty()) {
      return LeftOut("six-haves assessment", item,
                     absl::StrCat("not a date and its haves", kHow));
    }
    Ymd on;
    const std::string bad_date = ParseDateCell(date_text, &on);
    if (!bad_date.empty()) {
      return LeftOut("six-haves assessment", item,
                     absl::StrCat("the date ", bad_date, kHow));
    }
    unsigned haves = 0;
    if (haves_text == kAllHaves || haves_text == "六有") {
      haves = 0x3F;
    } else if (haves_text != kNoHaves) {
      const std::string list = UnifySeparators(haves_text, {"、", "，"});
      for (absl::string_view h : absl::StrSplit(list, absl::ByAnyChar(";,"))) {
        h = TrimCell(h);
        if (h.empty()) continue;
        int found = -1;
        for (int b = 0; b < 6; ++b) {
          if (h == kHaves[b] || h == kHaves[b].substr(3)) found = b;
        }
        if (found < 0) {
          return LeftOut("six-haves assessment", item,
                         absl::StrCat("\"", MaskPersonalData(h),
                                      "\" is none of the six haves", kHow));
        }
        haves |= 1u << found;
      }
    }
    v1::VenueAssessment a;
    a.mutable_on()->set_year(on.y);
    a.mutable_on()->set_month(on.m);
    a.mutable_on()->set_day(on.d);
    a.set_has_site(haves & 1);
    a.set_has_facilities(haves & 2);
    a.set_has_signage(haves & 4);
    a.set_has_party_flag(haves & 8);
    a.set_has_books_and_newspapers(haves & 16);
    a.set_has_rules_on_wall(haves & 32);
    out.push_back(a.SerializeAsString());
  }
  for (const std::string& s : out) {
    PutLengthDelimited(c.tags.back(), s, wire);
  }
  return {};
}

// Whether `d` (present) is written as a date a cell reads back: a year of
// four digits, a month and day of the calendar or 0 (unknown).
bool Writable(const v1::Date& d) {
  return d.year() >= 1000 && d.year() <= 9999 &&
         !(d.month() == 0 && d.day() != 0) &&
         IsValidDate(Ymd{d.year(), d.month(), d.day()});
}

template <typename T>
std::vector<const T*> Repeated(const Column& c, const Message& entity) {
  std::vector<const T*> out;
  const auto* r = entity.GetReflection();
  const auto* f = c.path.back();
  for (int i = 0; i < r->FieldSize(entity, f); ++i) {
    out.push_back(static_cast<const T*>(&r->GetRepeatedMessage(entity, f, i)));
  }
  return out;
}

// Whether a seats cell holds `s` as it is: a role of its enum, a name or
// an id, neither with the cell's separators nor a seconded mark at its end.
bool SeatHolds(const v1::CommitteeSeat& s) {
  const auto trimmed = [](const std::string& t) { return TrimCell(t) == t; };
  if (v1::CommitteeRole_descriptor()->FindValueByNumber(s.role()) == nullptr ||
      (s.name().empty() && s.member_id().empty()) || !trimmed(s.name()) ||
      !trimmed(s.member_id())) {
    return false;
  }
  for (const std::string* text : {&s.name(), &s.member_id()}) {
    if (HasAny(*text, {";", "；", "\n", "\r", "、", "，", ",", "[", "]", "［",
                       "］", ":", "："})) {
      return false;
    }
  }
  for (absl::string_view mark : kSecondedMarks) {
    if (absl::EndsWith(s.name(), mark)) return false;
  }
  return true;
}

std::string FormatSeat(const v1::CommitteeSeat& s) {
  std::string out = s.name();
  if (!s.member_id().empty()) absl::StrAppend(&out, "[", s.member_id(), "]");
  if (s.seconded()) absl::StrAppend(&out, kSecondedMarks[0]);
  return out;
}

// A seats cell of `seats`.
std::string FormatSeats(const std::vector<const v1::CommitteeSeat*>& seats) {
  std::vector<std::string> items;
  // Seats of one role in a row are one item: 委员：李四、王五.
  for (size_t i = 0; i < seats.size();) {
    const int role = seats[i]->role();
    std::vector<std::string> holders;
    size_t j = i;
    for (; j < seats.size() && seats[j]->role() == role; ++j) {
      holders.push_back(FormatSeat(*seats[j]));
    }
    items.push_back(absl::StrCat(
        role != 0 ? absl::StrCat(
                        Label(v1::CommitteeRole_descriptor()->FindValueByNumber(
                            role)),
                        "：")
                  : "",
        absl::StrJoin(holders, "、")));
    i = j;
  }
  return absl::StrJoin(items, "；");
}

}  // namespace

CellProblem SetCompoundCell(const Column& c, absl::string_view cell,
                            WireBuffer* wire) {
  switch (c.kind) {
    case CellKind::kPosts:
      return SetPosts(c, cell, wire);
    case CellKind::kStatusChanges:
      return SetStatusChanges(c, cell, wire);
    case CellKind::kMemberEvents:
      return SetMemberEvents(c, cell, wire);
    case CellKind::kVenueAssessments:
      return SetVenueAssessments(c, cell, wire);
    case CellKind::kPastTerms:
      return SetPastTerms(c, cell, wire);
    default:
      return SetSeats(c, cell, wire);
  }
}

std::string FormatCompoundCell(const Column& c, const Message& entity) {
  std::vector<std::string> items;
  if (c.kind == CellKind::kStatusChanges) {
    for (const v1::HostStatusChange* s :
         Repeated<v1::HostStatusChange>(c, entity)) {
      items.push_back(absl::StrCat(
          FormatDateCell(s->on()), "：",
          Label(v1::HostStatus_descriptor()->FindValueByNumber(s->status()))));
    }
    return absl::StrJoin(items, "；");
  }
  if (c.kind == CellKind::kVenueAssessments) {
    for (const v1::VenueAssessment* a :
         Repeated<v1::VenueAssessment>(c, entity)) {
      const bool has[6] = {a->has_site(),
                           a->has_facilities(),
                           a->has_signage(),
                           a->has_party_flag(),
                           a->has_books_and_newspapers(),
                           a->has_rules_on_wall()};
      std::vector<absl::string_view> named;
      for (int b = 0; b < 6; ++b) {
        if (has[b]) named.push_back(kHaves[b]);
      }
      items.push_back(absl::StrCat(FormatDateCell(a->on()), "：",
                                   named.empty() ? std::string(kNoHaves)
                                   : named.size() == 6
                                       ? std::string(kAllHaves)
                                       : absl::StrJoin(named, "、")));
    }
    return absl::StrJoin(items, "；");
  }
  if (c.kind == CellKind::kMemberEvents) {
    for (const v1::MembershipEvent* e :
         Repeated<v1::MembershipEvent>(c, entity)) {
      std::string item = absl::StrCat(
          FormatDateCell(e->on()), "：",
          Label(v1::MembershipEventKind_descriptor()->FindValueByNumber(
              e->kind())));
      const bool region = !e->counterpart_region_id().empty();
      const bool letter = region || !e->letter_number().empty();
      if (letter || !e->counterpart().empty()) {
        absl::StrAppend(&item, "：", e->counterpart());
      }
      if (letter) absl::StrAppend(&item, "：", e->letter_number());
      if (region) absl::StrAppend(&item, "：", e->counterpart_region_id());
      items.push_back(std::move(item));
    }
    return absl::StrJoin(items, "；");
  }
  if (c.kind == CellKind::kPosts) {
    for (const v1::MemberPost* p : Repeated<v1::MemberPost>(c, entity)) {
      std::string item =
          p->kind() != 0
              ? Label(v1::PostKind_descriptor()->FindValueByNumber(p->kind()))
              : "";
      if (!p->name().empty()) absl::StrAppend(&item, "：", p->name());
      items.push_back(std::move(item));
    }
    return absl::StrJoin(items, "；");
  }
  if (c.kind == CellKind::kPastTerms) {
    for (const v1::CommitteeTerm* t : Repeated<v1::CommitteeTerm>(c, entity)) {
      std::vector<const v1::CommitteeSeat*> seats;
      for (const v1::CommitteeSeat& seat : t->committee()) {
        seats.push_back(&seat);
      }
      items.push_back(absl::StrCat(
          FormatDateCell(t->started_on()),
          seats.empty() ? "" : absl::StrCat("（", FormatSeats(seats), "）")));
    }
    return absl::StrJoin(items, "；");
  }
  return FormatSeats(Repeated<v1::CommitteeSeat>(c, entity));
}

bool CompoundCellHolds(const Column& c, const Message& entity) {
  auto trimmed = [](const std::string& s) { return TrimCell(s) == s; };
  if (c.kind == CellKind::kEnumList) {
    // Every value a label: neither 0 (not recorded) nor one the schema does
    // not define.
    const auto* r = entity.GetReflection();
    const auto* f = c.path.back();
    for (int i = 0; i < r->FieldSize(entity, f); ++i) {
      const int v = r->GetRepeatedEnumValue(entity, f, i);
      if (v == 0 || f->enum_type()->FindValueByNumber(v) == nullptr) {
        return false;
      }
    }
    return true;
  }
  if (c.kind == CellKind::kStatusChanges) {
    // A date a cell reads back (else the whole cell would be refused) and
    // a status of its enum, not 0.
    for (const v1::HostStatusChange* s :
         Repeated<v1::HostStatusChange>(c, entity)) {
      if (!s->has_on() || !Writable(s->on()) || s->status() == 0 ||
          v1::HostStatus_descriptor()->FindValueByNumber(s->status()) ==
              nullptr) {
        return false;
      }
    }
    return true;
  }
  if (c.kind == CellKind::kVenueAssessments) {
    // A date a cell reads back: the haves are whatever they are.
    for (const v1::VenueAssessment* a :
         Repeated<v1::VenueAssessment>(c, entity)) {
      if (!a->has_on() || !Writable(a->on())) return false;
    }
    return true;
  }
  if (c.kind == CellKind::kMemberEvents) {
    // A date, a kind of its enum (not 0), and a counterpart, letter and
    // region without the cell's separators.
    for (const v1::MembershipEvent* e :
         Repeated<v1::MembershipEvent>(c, entity)) {
      if (!e->has_on() || !Writable(e->on()) || e->kind() == 0 ||
          v1::MembershipEventKind_descriptor()->FindValueByNumber(e->kind()) ==
              nullptr) {
        return false;
      }
      for (const std::string* text : {&e->counterpart(), &e->letter_number(),
                                      &e->counterpart_region_id()}) {
        if (!trimmed(*text) ||
            HasAny(*text, {";", "；", "\n", "\r", ":", "："})) {
          return false;
        }
      }
    }
    return true;
  }
  if (c.kind == CellKind::kPosts) {
    for (const v1::MemberPost* p : Repeated<v1::MemberPost>(c, entity)) {
      const auto* kind =
          v1::PostKind_descriptor()->FindValueByNumber(p->kind());
      if (kind == nullptr || (p->kind() == 0 && p->name().empty()) ||
          !trimmed(p->name()) || HasAny(p->name(), {";", "；", "\n", "\r"})) {
        return false;
      }
    }
    return true;
  }
  if (c.kind == CellKind::kPastTerms) {
    // A date a cell reads back, and seats without brackets in them.
    for (const v1::CommitteeTerm* t : Repeated<v1::CommitteeTerm>(c, entity)) {
      if (!t->has_started_on() || !Writable(t->started_on())) return false;
      for (const v1::CommitteeSeat& s : t->committee()) {
        if (!SeatHolds(s)) return false;
        for (const std::string* text : {&s.name(), &s.member_id()}) {
          if (HasAny(*text, {"（", "）", "(", ")"})) return false;
        }
      }
    }
    return true;
  }
  for (const v1::CommitteeSeat* s : Repeated<v1::CommitteeSeat>(c, entity)) {
    if (!SeatHolds(*s)) return false;
  }
  return true;
}

}  // namespace internal
}  // namespace dangjian
