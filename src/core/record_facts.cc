#include "core/record_facts.h"

#include <cstdint>
#include <cstring>

#include "absl/base/attributes.h"
#include "absl/base/config.h"
#include "core/utf8.h"
#include "core/wire_format.h"

namespace dangjian {
namespace internal {
namespace {

constexpr uint32_t kVarint = 0, kFixed64 = 1, kLength = 2;

// A field's tag as one number, to switch on: the field number and the wire
// type together, so that one comparison checks both.
constexpr uint64_t Tag(uint32_t number, uint32_t wire) {
  return uint64_t{number} << 3 | wire;
}

// protobuf's int32 and enum fields keep a varint's low 32 bits.
int32_t Int32(uint64_t v) { return static_cast<int32_t>(v); }

// A Date's year and, unless `month` (`day`) is null, its month (day), merged
// as protobuf merges a submessage field seen twice (each set only when its
// field is there): any encoding of fields 1-3 as varints.
bool DecodeDate(absl::string_view bytes, int32_t* year, int32_t* month,
                int32_t* day);

// A cursor over wire bytes that gives up (returns false) on anything but the
// plain encoding: it never has to decide what protobuf would make of the
// rest, since the caller parses with protobuf then.
class Wire {
 public:
  Wire(const char* p, const char* end)
      : p_(reinterpret_cast<const uint8_t*>(p)),
        end_(reinterpret_cast<const uint8_t*>(end)) {}
  explicit Wire(absl::string_view bytes)
      : Wire(bytes.data(), bytes.data() + bytes.size()) {}

  bool done() const { return p_ == end_; }

  // Consumes the one-byte tag `tag` when it comes next.
  ABSL_ATTRIBUTE_ALWAYS_INLINE bool Next(uint8_t tag) {
    if (p_ == end_ || *p_ != tag) return false;
    ++p_;
    return true;
  }

  // A varint of at most 10 bytes whose 10th byte is 0 or 1 (protobuf takes
  // more; those go to protobuf).
  ABSL_ATTRIBUTE_ALWAYS_INLINE bool Varint(uint64_t* v) {
    return ReadVarint(&p_, end_, v) == VarintRead::kOk;
  }

  // A tag in one or two bytes (every field number here is below 2,048).
  // Longer ones, which a writer pads and protobuf may refuse (over five
  // bytes), go to protobuf.
  ABSL_ATTRIBUTE_ALWAYS_INLINE bool ReadTag(uint64_t* tag) {
    if (p_ == end_) return false;
    if (p_[0] < 0x80) {
      *tag = *p_++;
      return true;
    }
    if (end_ - p_ < 2 || p_[1] >= 0x80) return false;
    *tag = (p_[0] & 0x7Fu) | uint64_t{p_[1]} << 7;
    p_ += 2;
    return true;
  }

  // A length-delimited value (its length read as protobuf reads one).
  ABSL_ATTRIBUTE_ALWAYS_INLINE bool Bytes(absl::string_view* v) {
    uint64_t len;
    if (ReadLength(&p_, end_, &len) != VarintRead::kOk ||
        len > static_cast<uint64_t>(end_ - p_)) {
      return false;
    }
    *v = absl::string_view(reinterpret_cast<const char*>(p_), len);
    p_ += len;
    return true;
  }

  // An 8-byte value: a double, little-endian on the wire.
  ABSL_ATTRIBUTE_ALWAYS_INLINE bool Double(double* v) {
    if (end_ - p_ < 8) return false;
    uint64_t bits;
    std::memcpy(&bits, p_, 8);
#if defined(ABSL_IS_BIG_ENDIAN)
    bits = __builtin_bswap64(bits);
#endif
    std::memcpy(v, &bits, 8);
    p_ += 8;
    return true;
  }

  // A proto3 string: refused, as protobuf refuses it, when not UTF-8.
  ABSL_ATTRIBUTE_ALWAYS_INLINE bool String(absl::string_view* v) {
    return Bytes(v) && IsValidUtf8Upto32(*v);
  }

  // A length-delimited Date: its year into `*year` and, unless `month`
  // (`day`) is null, its month (day) into `*month` (`*day`), each when
  // present.
  ABSL_ATTRIBUTE_ALWAYS_INLINE bool Date(int32_t* year,
                                         int32_t* month = nullptr,
                                         int32_t* day = nullptr) {
    // What every writer makes of a full date from 128 AD on: length 7, year
    // in two varint bytes, then month and day in one each
    // (07 08 yy yy 10 mm 18 dd), read in one load.
    if (end_ - p_ >= 8) {
      uint64_t w;
      std::memcpy(&w, p_, 8);
#if defined(ABSL_IS_BIG_ENDIAN)
      w = __builtin_bswap64(w);
#endif
      constexpr uint64_t kMask = 0x80FF80FF8080FFFFULL;
      constexpr uint64_t kPlain = 0x0018001000800807ULL;
      if ((w & kMask) == kPlain) {
        *year = static_cast<int32_t>((w >> 16 & 0x7F) | (w >> 24 & 0x7F) << 7);
        if (month != nullptr) *month = static_cast<int32_t>(w >> 40 & 0x7F);
        if (day != nullptr) *day = static_cast<int32_t>(w >> 56 & 0x7F);
        p_ += 8;
        return true;
      }
    }
    absl::string_view s;
    return Bytes(&s) && DecodeDate(s, year, month, day);
  }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
};

bool DecodeDate(absl::string_view bytes, int32_t* year, int32_t* month,
                int32_t* day) {
  Wire w(bytes);
  while (!w.done()) {
    uint64_t tag, v;
    if (!w.ReadTag(&tag) || !w.Varint(&v)) return false;
    switch (tag) {
      case Tag(1, kVarint):
        *year = Int32(v);
        break;
      case Tag(2, kVarint):
        if (month != nullptr) *month = Int32(v);
        break;
      case Tag(3, kVarint):
        if (day != nullptr) *day = Int32(v);
        break;
      default:
        return false;
    }
  }
  return true;
}

// Packed Member.roles: MemberRoleBit() of each into `*roles`.
bool PackedRoles(absl::string_view bytes, uint8_t* roles) {
  Wire w(bytes);
  uint64_t v;
  while (!w.done()) {
    if (!w.Varint(&v)) return false;
    *roles |= MemberRoleBit(Int32(v));
  }
  return true;
}

bool DecodePost(absl::string_view bytes, MemberFacts* out) {
  Wire w(bytes);
  int32_t kind = 0;
  absl::string_view name;
  while (!w.done()) {
    uint64_t tag, v;
    if (!w.ReadTag(&tag)) return false;
    switch (tag) {
      case Tag(1, kVarint):
        if (!w.Varint(&v)) return false;
        kind = Int32(v);
        break;
      case Tag(2, kLength):
        if (!w.String(&name)) return false;
        break;
      default:
        return false;
    }
  }
  out->posts.emplace_back(kind, name);
  return true;
}

// One occurrence of Member.events, appended.
bool DecodeEvent(absl::string_view bytes, MemberFacts* out) {
  Wire w(bytes);
  MembershipEventFacts& e = out->events.emplace_back();
  while (!w.done()) {
    uint64_t tag, v;
    if (!w.ReadTag(&tag)) return false;
    switch (tag) {
      case Tag(1, kLength):
        if (!w.Date(&e.year, &e.month, &e.day)) return false;
        e.has_on = true;
        break;
      case Tag(2, kVarint):
        if (!w.Varint(&v)) return false;
        e.kind = Int32(v);
        break;
      case Tag(3, kLength):
        if (!w.String(&e.counterpart)) return false;
        break;
      case Tag(4, kLength):
        if (!w.String(&e.letter_number)) return false;
        break;
      case Tag(5, kLength):
        if (!w.String(&e.counterpart_region_id)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

bool DecodeOwner(absl::string_view bytes, HostFacts* out) {
  Wire w(bytes);
  while (!w.done()) {
    uint64_t tag, v;
    absl::string_view s;
    if (!w.ReadTag(&tag)) return false;
    switch (tag) {
      case Tag(1, kLength):  // name
        if (!w.String(&s)) return false;
        break;
      case Tag(4, kLength):
        if (!w.String(&out->owner_member_id)) return false;
        break;
      case Tag(2, kVarint):
        if (!w.Varint(&v)) return false;
        out->owner_is_party_member = v != 0;
        break;
      case Tag(3, kVarint):
        if (!w.Varint(&v)) return false;
        out->owner_is_secretary = v != 0;
        break;
      default:
        return false;
    }
  }
  return true;
}

// One occurrence of HostOrganization.status_changes, appended (a repeated
// message field: each occurrence is an element, as protobuf parses it).
bool DecodeStatusChange(absl::string_view bytes, HostFacts* out) {
  Wire w(bytes);
  HostStatusChangeFacts& c = out->status_changes.emplace_back();
  while (!w.done()) {
    uint64_t tag, v;
    if (!w.ReadTag(&tag)) return false;
    switch (tag) {
      case Tag(1, kLength):
        if (!w.Date(&c.year, &c.month, &c.day)) return false;
        c.has_on = true;
        break;
      case Tag(2, kVarint):
        if (!w.Varint(&v)) return false;
        c.status = Int32(v);
        break;
      default:
        return false;
    }
  }
  return true;
}

bool DecodeReported(absl::string_view bytes, HostFacts* out) {
  Wire w(bytes);
  while (!w.done()) {
    uint64_t tag, v;
    if (!w.ReadTag(&tag) || !w.Varint(&v)) return false;
    switch (tag) {
      case Tag(1, kVarint):
      case Tag(2, kVarint):
      case Tag(3, kVarint):
      case Tag(4, kVarint):
      case Tag(5, kVarint):
        out->reported[(tag >> 3) - 1] = Int32(v);
        break;
      default:
        return false;
    }
  }
  return true;
}

// A StarAssessment nested in a party organization, into `out` (fresh).
bool DecodeStar(absl::string_view bytes, StarFacts* out) {
  Wire w(bytes);
  // The five criteria, by field number 3 to 7 (the last value of each
  // counts, as protobuf keeps it).
  bool criteria[5] = {};
  while (!w.done()) {
    uint64_t tag, v;
    if (!w.ReadTag(&tag)) return false;
    switch (tag) {
      case Tag(1, kVarint):
        if (!w.Varint(&v)) return false;
        out->year = Int32(v);
        break;
      case Tag(2, kVarint):
        if (!w.Varint(&v)) return false;
        out->stars = Int32(v);
        break;
      case Tag(3, kVarint):  // organization_building_good
      case Tag(4, kVarint):  // guarantee_mechanism_good
      case Tag(5, kVarint):  // activities_good
      case Tag(6, kVarint):  // role_played_well
      case Tag(7, kVarint):  // distinctive_results_good
        if (!w.Varint(&v)) return false;
        criteria[(tag >> 3) - 3] = v != 0;
        break;
      case Tag(10, kVarint):
        if (!w.Varint(&v)) return false;
        out->score = Int32(v);
        break;
      case Tag(8, kLength):
        if (!w.String(&out->standard_version)) return false;
        break;
      case Tag(11, kLength):
        if (!w.String(&out->party_organization_id)) return false;
        break;
      case Tag(9, kLength):
        out->has_assessed_on = true;
        if (!w.Date(&out->assessed_year, &out->assessed_month,
                    &out->assessed_day)) {
          return false;
        }
        break;
      default:
        return false;
    }
  }
  out->criteria_met =
      criteria[0] + criteria[1] + criteria[2] + criteria[3] + criteria[4];
  return true;
}

// A CommitteeSeat: its member_id, role and secondment (the last of each
// written, as protobuf keeps it); the rest must be plain.
bool DecodeSeat(absl::string_view bytes, absl::string_view* member_id,
                int32_t* role, bool* seconded) {
  Wire w(bytes);
  while (!w.done()) {
    uint64_t tag, v;
    absl::string_view s;
    if (!w.ReadTag(&tag)) return false;
    switch (tag) {
      case Tag(1, kLength):
        if (!w.String(member_id)) return false;
        break;
      case Tag(2, kLength):  // name
        if (!w.String(&s)) return false;
        break;
      case Tag(3, kVarint):
        if (!w.Varint(&v)) return false;
        *role = Int32(v);
        break;
      case Tag(4, kVarint):
        if (!w.Varint(&v)) return false;
        *seconded = v != 0;
        break;
      default:
        return false;
    }
  }
  return true;
}

// A CommitteeTerm: its start and the number of its seats, each of which
// DecodeSeat() reads.
bool DecodeTerm(absl::string_view bytes, CommitteeTermFacts* out) {
  Wire w(bytes);
  while (!w.done()) {
    uint64_t tag;
    absl::string_view s, member_id;
    if (!w.ReadTag(&tag)) return false;
    switch (tag) {
      case Tag(1, kLength):
        if (!w.Date(&out->year, &out->month, &out->day)) return false;
        out->has_on = true;
        break;
      case Tag(2, kLength): {
        int32_t role = 0;
        bool seconded = false;
        if (!w.Bytes(&s) || !DecodeSeat(s, &member_id, &role, &seconded)) {
          return false;
        }
        ++out->seats;
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

// Decodes `bytes` field by field with `field(&wire, tag, out)`, which
// consumes one field's value and says false to what is not plain.
template <typename Facts, typename FieldFn>
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool DecodeFields(absl::string_view bytes,
                                                      Facts* out,
                                                      FieldFn field) {
  Wire w(bytes);
  while (!w.done()) {
    uint64_t tag;
    if (!w.ReadTag(&tag) || !field(&w, tag, out)) return false;
  }
  return true;
}

}  // namespace

bool OneEntity(absl::string_view bytes, int* field, absl::string_view* body) {
  if (bytes.size() < 2) return false;
  const uint8_t tag = static_cast<uint8_t>(bytes[0]);
  if ((tag & 7) != 2 || (tag & 0x80) != 0 || (tag >> 3) == 0) return false;
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data()) + 1;
  const auto* end =
      reinterpret_cast<const uint8_t*>(bytes.data()) + bytes.size();
  uint64_t len = 0;
  if (ReadLength(&p, end, &len) != VarintRead::kOk ||
      len != static_cast<uint64_t>(end - p)) {
    return false;
  }
  *field = tag >> 3;
  *body = absl::string_view(reinterpret_cast<const char*>(p), len);
  return true;
}

// One field of a v1::Member whose tag has been read: false when the tag or
// the value is not in the plain encoding. Inlined with a constant `tag` in
// the decoder's straight run, where it comes down to that field's case.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool MemberField(Wire* w, uint64_t tag,
                                                     MemberFacts* out) {
  uint64_t v;
  absl::string_view s;
  switch (tag) {
    case Tag(1, kLength):
      if (!w->String(&out->id)) return false;
      break;
    case Tag(2, kLength):   // name
    case Tag(14, kLength):  // phone
      if (!w->String(&s)) return false;
      break;
    case Tag(11, kLength):
      if (!w->String(&out->national_id)) return false;
      break;
    case Tag(3, kVarint):
      if (!w->Varint(&v)) return false;
      out->status = Int32(v);
      break;
    case Tag(4, kLength):
    case Tag(5, kLength):
    case Tag(6, kLength):
    case Tag(7, kLength):
    case Tag(8, kLength): {
      const int step = static_cast<int>(tag >> 3) - 4;
      if (!w->Date(&out->date_year[step], &out->date_month[step],
                   &out->date_day[step])) {
        return false;
      }
      out->has_date[step] = true;
      break;
    }
    case Tag(9, kLength):
      if (!w->String(&out->host_organization_id)) return false;
      break;
    case Tag(10, kLength):
      if (!w->String(&out->party_organization_id)) return false;
      break;
    case Tag(12, kLength):
      if (!w->Date(&out->birth_year, &out->birth_month, &out->birth_day)) {
        return false;
      }
      out->has_birth_date = true;
      break;
    case Tag(13, kVarint):
      if (!w->Varint(&v)) return false;
      out->gender = Int32(v);
      break;
    case Tag(18, kVarint):
      if (!w->Varint(&v)) return false;
      out->dues_category = Int32(v);
      break;
    case Tag(19, kVarint):
      if (!w->Varint(&v)) return false;
      out->monthly_income_fen = static_cast<int64_t>(v);
      break;
    case Tag(20, kVarint):
      if (!w->Varint(&v)) return false;
      out->monthly_dues_fen = static_cast<int64_t>(v);
      break;
    case Tag(15, kVarint):
      if (!w->Varint(&v)) return false;
      out->is_owner = v != 0;
      break;
    case Tag(v1::Member::kDuesPaidThroughFieldNumber, kLength): {
      int32_t day;
      if (!w->Date(&out->dues_paid_year, &out->dues_paid_month, &day)) {
        return false;
      }
      out->has_dues_paid_through = true;
      break;
    }
    case Tag(16, kVarint):  // roles, one by one
      if (!w->Varint(&v)) return false;
      out->roles |= MemberRoleBit(Int32(v));
      break;
    case Tag(16, kLength):  // roles, packed
      if (!w->Bytes(&s) || !PackedRoles(s, &out->roles)) return false;
      break;
    case Tag(17, kLength):
      if (!w->Bytes(&s) || !DecodePost(s, out)) return false;
      break;
    case Tag(v1::Member::kEventsFieldNumber, kLength):
      if (!w->Bytes(&s) || !DecodeEvent(s, out)) return false;
      break;
    default:
      return false;
  }
  return true;
}

bool DecodeMemberFacts(absl::string_view bytes, MemberFacts* out) {
  out->Reset();
  Wire w(bytes);
  // A straight run through the fields in the order writers emit them (by
  // number), each taken if it comes next; then whatever is left (repeated,
  // reordered, multi-byte tags) field by field. Both apply the same
  // MemberField(), in the order of the bytes, so they give the same result.
#define DJ_FIELD(number, wire)                                               \
  if (w.Next(Tag(number, wire)) && !MemberField(&w, Tag(number, wire), out)) \
    return false;
  DJ_FIELD(1, kLength)
  DJ_FIELD(2, kLength)
  DJ_FIELD(3, kVarint)
  DJ_FIELD(4, kLength)
  DJ_FIELD(5, kLength)
  DJ_FIELD(6, kLength)
  DJ_FIELD(7, kLength)
  DJ_FIELD(8, kLength)
  DJ_FIELD(9, kLength)
  DJ_FIELD(10, kLength)
  DJ_FIELD(11, kLength)
  DJ_FIELD(12, kLength)
  DJ_FIELD(13, kVarint)
  DJ_FIELD(14, kLength)
  DJ_FIELD(15, kVarint)
#undef DJ_FIELD
  while (!w.done()) {
    uint64_t tag;
    if (!w.ReadTag(&tag) || !MemberField(&w, tag, out)) return false;
  }
  return true;
}

// One field of a v1::HostOrganization, as MemberField() is of a member.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool HostField(Wire* w, uint64_t tag,
                                                   HostFacts* out) {
  uint64_t v;
  absl::string_view s;
  switch (tag) {
    case Tag(1, kLength):
      if (!w->String(&out->id)) return false;
      break;
    case Tag(2, kLength):
      if (!w->String(&out->name)) return false;
      break;
    case Tag(5, kLength):
      if (!w->String(&out->unified_social_credit_code)) return false;
      break;
    case Tag(3, kVarint):
      if (!w->Varint(&v)) return false;
      out->kind = Int32(v);
      break;
    case Tag(4, kVarint):
      if (!w->Varint(&v)) return false;
      out->subtype = Int32(v);
      break;
    case Tag(6, kLength):
      if (!w->String(&out->industry)) return false;
      break;
    case Tag(7, kLength):
      if (!w->String(&out->region_id)) return false;
      break;
    case Tag(8, kLength):
      if (!w->String(&out->grid_id)) return false;
      break;
    case Tag(9, kVarint):
      if (!w->Varint(&v)) return false;
      out->sector_system = Int32(v);
      break;
    case Tag(10, kVarint):
      if (!w->Varint(&v)) return false;
      out->employees = Int32(v);
      break;
    case Tag(11, kLength):
      if (!w->Bytes(&s) || !DecodeOwner(s, out)) return false;
      break;
    case Tag(12, kVarint):
      if (!w->Varint(&v)) return false;
      out->has_trade_union = v != 0;
      break;
    case Tag(13, kVarint):
      if (!w->Varint(&v)) return false;
      out->has_womens_organization = v != 0;
      break;
    case Tag(14, kVarint):
      if (!w->Varint(&v)) return false;
      out->has_youth_league_organization = v != 0;
      break;
    case Tag(15, kVarint):
      if (!w->Varint(&v)) return false;
      out->service_contact_card_issued = v != 0;
      break;
    case Tag(16, kLength):
      if (!w->Bytes(&s) || !DecodeReported(s, out)) return false;
      out->has_reported_member_counts = true;
      break;
    case Tag(17, kLength):
      if (!w->Date(&out->registered_year, &out->registered_month,
                   &out->registered_day)) {
        return false;
      }
      out->has_registered_on = true;
      break;
    case Tag(18, kVarint):
      if (!w->Varint(&v)) return false;
      out->status = Int32(v);
      break;
    case Tag(19, kLength):
      if (!w->Bytes(&s) || !DecodeStatusChange(s, out)) return false;
      break;
    default:
      return false;
  }
  return true;
}

bool DecodeHostFacts(absl::string_view bytes, HostFacts* out) {
  out->Reset();
  Wire w(bytes);
  // As in DecodeMemberFacts().
#define DJ_FIELD(number, wire)                                             \
  if (w.Next(Tag(number, wire)) && !HostField(&w, Tag(number, wire), out)) \
    return false;
  DJ_FIELD(1, kLength)
  DJ_FIELD(2, kLength)
  DJ_FIELD(3, kVarint)
  DJ_FIELD(4, kVarint)
  DJ_FIELD(5, kLength)
  DJ_FIELD(6, kLength)
  DJ_FIELD(7, kLength)
  DJ_FIELD(8, kLength)
  DJ_FIELD(9, kVarint)
  DJ_FIELD(10, kVarint)
  DJ_FIELD(11, kLength)
  DJ_FIELD(12, kVarint)
  DJ_FIELD(13, kVarint)
  DJ_FIELD(14, kVarint)
  DJ_FIELD(15, kVarint)
#undef DJ_FIELD
  while (!w.done()) {
    uint64_t tag;
    if (!w.ReadTag(&tag) || !HostField(&w, tag, out)) return false;
  }
  return true;
}

bool DecodeOrgFacts(absl::string_view bytes, OrgFacts* out) {
  out->Reset();
  return DecodeFields(bytes, out, [](Wire* w, uint64_t tag, OrgFacts* o) {
    uint64_t v;
    absl::string_view s;
    switch (tag) {
      case Tag(1, kLength):
        return w->String(&o->id);
      case Tag(2, kLength):
        return w->String(&o->name);
      case Tag(10, kLength):  // secretary_name
        return w->String(&s);
      case Tag(7, kLength):
        return w->String(&o->parent_id);
      case Tag(9, kLength):
        return w->String(&o->secretary_member_id);
      case Tag(14, kLength):
        return w->String(&o->venue_id);
      case Tag(3, kVarint):
        if (!w->Varint(&v)) return false;
        o->level = Int32(v);
        return true;
      case Tag(4, kVarint):
        if (!w->Varint(&v)) return false;
        o->formation = Int32(v);
        return true;
      case Tag(5, kLength):
        if (!w->String(&s)) return false;
        o->host_organization_ids.push_back(s);
        return true;
      case Tag(6, kLength):
        return w->String(&o->region_id);
      case Tag(8, kLength):
        o->has_founded_on = true;
        return w->Date(&o->founded_year, &o->founded_month, &o->founded_day);
      case Tag(11, kLength): {
        if (!w->Bytes(&s)) return false;
        bool seconded = false;
        if (!DecodeSeat(s, &o->committee_member_ids.emplace_back(""),
                        &o->committee_roles.emplace_back(0), &seconded)) {
          return false;
        }
        o->seconded_seats += seconded;
        return true;
      }
      case Tag(12, kLength):
        if (!w->Bytes(&s)) return false;
        o->star_assessments.emplace_back();
        return DecodeStar(s, &o->star_assessments.back());
      case Tag(13, kVarint):
        if (!w->Varint(&v)) return false;
        o->demonstration_point = v != 0;
        return true;
      case Tag(15, kLength):
        o->has_term_started_on = true;
        return w->Date(&o->term_started_year, &o->term_started_month,
                       &o->term_started_day);
      case Tag(16, kLength):
        return w->String(&o->previous_party_organization_id);
      case Tag(17, kLength):
        o->has_dissolved_on = true;
        return w->Date(&o->dissolved_year, &o->dissolved_month,
                       &o->dissolved_day);
      case Tag(18, kLength):
        return w->Bytes(&s) && DecodeTerm(s, &o->past_terms.emplace_back());
      default:
        return false;
    }
  });
}

bool DecodeFundingFacts(absl::string_view bytes, FundingFacts* out) {
  out->Reset();
  return DecodeFields(bytes, out, [](Wire* w, uint64_t tag, FundingFacts* f) {
    uint64_t v;
    absl::string_view s;
    switch (tag) {
      case Tag(1, kLength):
        return w->String(&f->id);
      case Tag(7, kLength):  // note
        return w->String(&s);
      case Tag(2, kLength):
        return w->String(&f->party_organization_id);
      case Tag(3, kVarint):
        if (!w->Varint(&v)) return false;
        f->year = Int32(v);
        return true;
      case Tag(4, kVarint):
        if (!w->Varint(&v)) return false;
        f->source = Int32(v);
        return true;
      case Tag(5, kVarint):
        if (!w->Varint(&v)) return false;
        f->amount_fen = static_cast<int64_t>(v);
        return true;
      case Tag(6, kLength):
        f->has_received_on = true;
        return w->Date(&f->received_year, &f->received_month, &f->received_day);
      default:
        return false;
    }
  });
}

// One occurrence of Venue.assessments, appended.
bool DecodeVenueAssessment(absl::string_view bytes, VenueFacts* out) {
  Wire w(bytes);
  VenueAssessmentFacts& a = out->assessments.emplace_back();
  while (!w.done()) {
    uint64_t tag, v;
    if (!w.ReadTag(&tag)) return false;
    switch (tag) {
      case Tag(1, kLength):
        if (!w.Date(&a.year, &a.month, &a.day)) return false;
        a.has_on = true;
        break;
      case Tag(2, kVarint):
      case Tag(3, kVarint):
      case Tag(4, kVarint):
      case Tag(5, kVarint):
      case Tag(6, kVarint):
      case Tag(7, kVarint): {
        if (!w.Varint(&v)) return false;
        const uint8_t bit = static_cast<uint8_t>(1u << ((tag >> 3) - 2));
        a.haves = static_cast<uint8_t>(v != 0 ? a.haves | bit : a.haves & ~bit);
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

bool DecodeVenueFacts(absl::string_view bytes, VenueFacts* out) {
  out->Reset();
  return DecodeFields(bytes, out, [](Wire* w, uint64_t tag, VenueFacts* f) {
    uint64_t v;
    absl::string_view s;
    switch (tag) {
      case Tag(1, kLength):
        return w->String(&f->id);
      case Tag(2, kLength):  // name
      case Tag(6, kLength):  // address
        return w->String(&s);
      case Tag(3, kLength):
        return w->String(&f->party_organization_id);
      case Tag(5, kLength):
        return w->String(&f->shared_with_party_organization_id);
      case Tag(4, kVarint):
        if (!w->Varint(&v)) return false;
        f->ownership = Int32(v);
        return true;
      case Tag(7, kVarint):
        if (!w->Varint(&v)) return false;
        f->area_square_metres = Int32(v);
        return true;
      case Tag(8, kVarint):
        if (!w->Varint(&v)) return false;
        f->capacity = Int32(v);
        return true;
      case Tag(9, kVarint):
      case Tag(10, kVarint):
      case Tag(11, kVarint):
      case Tag(12, kVarint):
      case Tag(13, kVarint):
      case Tag(14, kVarint): {
        if (!w->Varint(&v)) return false;
        const uint8_t bit = static_cast<uint8_t>(1u << ((tag >> 3) - 9));
        f->haves =
            static_cast<uint8_t>(v != 0 ? f->haves | bit : f->haves & ~bit);
        return true;
      }
      case Tag(15, kFixed64):
        f->has_latitude = true;
        return w->Double(&f->latitude);
      case Tag(16, kFixed64):
        f->has_longitude = true;
        return w->Double(&f->longitude);
      case Tag(17, kLength):
        return w->Bytes(&s) && DecodeVenueAssessment(s, f);
      default:
        return false;
    }
  });
}

bool DecodeActivityFacts(absl::string_view bytes, ActivityFacts* out) {
  out->Reset();
  return DecodeFields(bytes, out, [](Wire* w, uint64_t tag, ActivityFacts* a) {
    uint64_t v;
    absl::string_view s;
    switch (tag) {
      case Tag(1, kLength):
        return w->String(&a->id);
      case Tag(9, kLength):  // title
        return w->String(&s);
      case Tag(2, kVarint):
        if (!w->Varint(&v)) return false;
        a->kind = Int32(v);
        return true;
      case Tag(3, kLength):
        return w->String(&a->party_organization_id);
      case Tag(4, kLength):
        return w->String(&a->grid_id);
      case Tag(5, kLength):
        return w->String(&a->host_organization_id);
      case Tag(6, kLength):
        a->has_held_on = true;
        return w->Date(&a->held_year, &a->held_month, &a->held_day);
      case Tag(7, kVarint):
        if (!w->Varint(&v)) return false;
        a->count = static_cast<int64_t>(v);
        return true;
      case Tag(8, kVarint):
        if (!w->Varint(&v)) return false;
        a->participants = static_cast<int64_t>(v);
        return true;
      default:
        return false;
    }
  });
}

bool DecodeGridFacts(absl::string_view bytes, GridFacts* out) {
  out->Reset();
  return DecodeFields(bytes, out, [](Wire* w, uint64_t tag, GridFacts* g) {
    uint64_t v;
    absl::string_view s;
    switch (tag) {
      case Tag(1, kLength):
        return w->String(&g->id);
      case Tag(2, kLength):  // name
      case Tag(6, kLength):  // industry
      case Tag(8, kLength):  // instructor_unit
      case Tag(9, kLength):  // instructor_phone
        return w->String(&s);
      case Tag(3, kLength):
        return w->String(&g->party_organization_id);
      case Tag(4, kLength):
        return w->String(&g->region_id);
      case Tag(5, kVarint):  // basis
        return w->Varint(&v);
      case Tag(7, kLength):
        return w->String(&g->instructor_name);
      case Tag(10, kLength):
        return w->String(&g->instructor_assignment_id);
      default:
        return false;
    }
  });
}

bool DecodeCadreFacts(absl::string_view bytes, CadreFacts* out) {
  out->Reset();
  return DecodeFields(bytes, out, [](Wire* w, uint64_t tag, CadreFacts* c) {
    uint64_t v;
    absl::string_view s;
    switch (tag) {
      case Tag(1, kLength):
        return w->String(&c->id);
      case Tag(3, kLength):
        return w->String(&c->name);
      case Tag(4, kLength):  // from_unit
        return w->String(&s);
      case Tag(2, kVarint):
        if (!w->Varint(&v)) return false;
        c->kind = Int32(v);
        return true;
      case Tag(5, kLength):
        return w->String(&c->party_organization_id);
      case Tag(6, kLength):
        return w->String(&c->grid_id);
      case Tag(7, kLength):
        c->has_start_on = true;
        return w->Date(&c->start_year, &c->start_month, &c->start_day);
      case Tag(8, kLength):
        c->has_end_on = true;
        return w->Date(&c->end_year, &c->end_month, &c->end_day);
      default:
        return false;
    }
  });
}

bool DecodeResultFacts(absl::string_view bytes, ResultFacts* out) {
  out->Reset();
  return DecodeFields(bytes, out, [](Wire* w, uint64_t tag, ResultFacts* r) {
    uint64_t v;
    switch (tag) {
      case Tag(1, kLength):
        return w->String(&r->id);
      case Tag(2, kLength):
        return w->String(&r->host_organization_id);
      case Tag(3, kVarint):
        if (!w->Varint(&v)) return false;
        r->year = Int32(v);
        return true;
      case Tag(4, kVarint):
      case Tag(5, kVarint):
      case Tag(6, kVarint):
      case Tag(7, kVarint):
      case Tag(8, kVarint):
      case Tag(9, kVarint):
      case Tag(10, kVarint):
      case Tag(11, kVarint):
        if (!w->Varint(&v)) return false;
        r->values[(tag >> 3) - 4] = static_cast<int64_t>(v);
        return true;
      default:
        return false;
    }
  });
}

}  // namespace internal
}  // namespace dangjian
