#include "aggregate/hot_fields.h"

#include <cstdint>

#include "core/utf8.h"
#include "core/wire_format.h"

namespace dangjian {
namespace internal {
namespace {

// A cursor over wire bytes that gives up (returns false) on anything but the
// plain encoding: it never has to decide what protobuf would make of the
// rest, since the caller parses with protobuf then.
class Wire {
 public:
  Wire(const char* p, const char* end)
      : p_(reinterpret_cast<const uint8_t*>(p)),
        end_(reinterpret_cast<const uint8_t*>(end)) {}

  bool done() const { return p_ == end_; }

  // A varint of at most 10 bytes whose 10th byte is 0 or 1 (protobuf takes
  // more; those go to protobuf).
  bool Varint(uint64_t* v) {
    return ReadVarint(&p_, end_, v) == VarintRead::kOk;
  }

  // A tag: its field number and wire type.
  bool Tag(uint32_t* number, uint32_t* wire) {
    uint64_t t;
    if (!Varint(&t) || t > 0xFFFFFFFFu) return false;
    *number = static_cast<uint32_t>(t >> 3);
    *wire = static_cast<uint32_t>(t & 7);
    return true;
  }

  // A length-delimited value.
  bool Bytes(absl::string_view* v) {
    uint64_t len;
    if (!Varint(&len) || len > static_cast<uint64_t>(end_ - p_)) return false;
    *v = absl::string_view(reinterpret_cast<const char*>(p_), len);
    p_ += len;
    return true;
  }

  // A proto3 string: refused, as protobuf refuses it, when not UTF-8.
  bool String(absl::string_view* v) { return Bytes(v) && IsValidUtf8(*v); }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
};

constexpr uint32_t kVarint = 0, kLength = 2;

// protobuf's int32 and enum fields keep a varint's low 32 bits.
int32_t Int32(uint64_t v) { return static_cast<int32_t>(v); }

// A Date's year, merged as protobuf merges a submessage field seen twice.
bool DecodeYear(absl::string_view bytes, int32_t* year) {
  // What every writer makes of a full date from 128 AD on: year in two varint
  // bytes, then month and day in one each (08 yy yy 10 mm 18 dd).
  const auto* b = reinterpret_cast<const uint8_t*>(bytes.data());
  if (bytes.size() == 7 && b[0] == 0x08 && (b[1] & 0x80) != 0 && b[2] < 0x80 &&
      b[3] == 0x10 && b[4] < 0x80 && b[5] == 0x18 && b[6] < 0x80) {
    *year = static_cast<int32_t>((b[1] & 0x7F) | uint32_t{b[2]} << 7);
    return true;
  }
  Wire w(bytes.data(), bytes.data() + bytes.size());
  while (!w.done()) {
    uint32_t number, wire;
    uint64_t v;
    if (!w.Tag(&number, &wire) || wire != kVarint || number < 1 || number > 3 ||
        !w.Varint(&v)) {
      return false;
    }
    if (number == 1) *year = Int32(v);
  }
  return true;
}

// The values of a repeated enum field, packed: all must be whole varints.
bool PackedVarints(absl::string_view bytes) {
  Wire w(bytes.data(), bytes.data() + bytes.size());
  uint64_t v;
  while (!w.done()) {
    if (!w.Varint(&v)) return false;
  }
  return true;
}

bool DecodePost(absl::string_view bytes, MemberFacts* out) {
  Wire w(bytes.data(), bytes.data() + bytes.size());
  int32_t kind = 0;
  absl::string_view name;
  while (!w.done()) {
    uint32_t number, wire;
    if (!w.Tag(&number, &wire)) return false;
    if (number == 1 && wire == kVarint) {
      uint64_t v;
      if (!w.Varint(&v)) return false;
      kind = Int32(v);
    } else if (number == 2 && wire == kLength) {
      if (!w.String(&name)) return false;
    } else {
      return false;
    }
  }
  out->posts.emplace_back(kind, name);
  return true;
}

bool DecodeOwner(absl::string_view bytes, HostFacts* out) {
  Wire w(bytes.data(), bytes.data() + bytes.size());
  while (!w.done()) {
    uint32_t number, wire;
    if (!w.Tag(&number, &wire)) return false;
    absl::string_view s;
    uint64_t v;
    switch (number) {
      case 1:  // name
      case 4:  // member_id
        if (wire != kLength || !w.String(&s)) return false;
        break;
      case 2:
      case 3:
        if (wire != kVarint || !w.Varint(&v)) return false;
        (number == 2 ? out->owner_is_party_member : out->owner_is_secretary) =
            v != 0;
        break;
      default:
        return false;
    }
  }
  return true;
}

bool DecodeReported(absl::string_view bytes, HostFacts* out) {
  Wire w(bytes.data(), bytes.data() + bytes.size());
  while (!w.done()) {
    uint32_t number, wire;
    uint64_t v;
    if (!w.Tag(&number, &wire) || wire != kVarint || number < 1 || number > 5 ||
        !w.Varint(&v)) {
      return false;
    }
    out->reported[number - 1] = Int32(v);
  }
  return true;
}

}  // namespace

void MemberFactsOf(const v1::Member& m, MemberFacts* out) {
  out->host_organization_id = m.host_organization_id();
  out->party_organization_id = m.party_organization_id();
  out->status = m.status();
  out->is_owner = m.is_owner();
  // Absent dates read as year 0 without touching the default instance.
  auto year = [](bool has, const v1::Date& d) { return has ? d.year() : 0; };
  out->has_date[0] = m.has_applied_on();
  out->date_year[0] = year(out->has_date[0], m.applied_on());
  out->has_date[1] = m.has_activist_on();
  out->date_year[1] = year(out->has_date[1], m.activist_on());
  out->has_date[2] = m.has_development_target_on();
  out->date_year[2] = year(out->has_date[2], m.development_target_on());
  out->has_date[3] = m.has_probationary_on();
  out->date_year[3] = year(out->has_date[3], m.probationary_on());
  out->has_date[4] = m.has_full_on();
  out->date_year[4] = year(out->has_date[4], m.full_on());
  out->posts.clear();
  for (const v1::MemberPost& p : m.posts()) {
    out->posts.emplace_back(p.kind(), p.name());
  }
}

void HostFactsOf(const v1::HostOrganization& h, HostFacts* out) {
  out->id = h.id();
  out->industry = h.industry();
  out->region_id = h.region_id();
  out->grid_id = h.grid_id();
  out->kind = h.kind();
  out->subtype = h.subtype();
  out->sector_system = h.sector_system();
  out->status = h.status();
  out->has_trade_union = h.has_trade_union();
  out->has_womens_organization = h.has_womens_organization();
  out->has_youth_league_organization = h.has_youth_league_organization();
  out->service_contact_card_issued = h.service_contact_card_issued();
  out->owner_is_party_member = h.owner().is_party_member();
  out->owner_is_secretary = h.owner().is_secretary();
  out->has_registered_on = h.has_registered_on();
  out->registered_year = h.registered_on().year();
  out->has_reported_member_counts = h.has_reported_member_counts();
  const v1::ReportedMemberCounts& r = h.reported_member_counts();
  out->reported[0] = r.full();
  out->reported[1] = r.probationary();
  out->reported[2] = r.activists();
  out->reported[3] = r.applicants();
  out->reported[4] = r.development_targets();
}

bool DecodeMemberFacts(absl::string_view bytes, MemberFacts* out) {
  std::vector<std::pair<int32_t, absl::string_view>> posts =
      std::move(out->posts);
  posts.clear();
  *out = MemberFacts{};
  out->posts = std::move(posts);
  Wire w(bytes.data(), bytes.data() + bytes.size());
  while (!w.done()) {
    uint32_t number, wire;
    if (!w.Tag(&number, &wire)) return false;
    absl::string_view s;
    uint64_t v;
    switch (number) {
      case 1:   // id
      case 2:   // name
      case 11:  // national_id
      case 14:  // phone
        if (wire != kLength || !w.String(&s)) return false;
        break;
      case 9:
      case 10:
        if (wire != kLength || !w.String(&s)) return false;
        (number == 9 ? out->host_organization_id : out->party_organization_id) =
            s;
        break;
      case 3:
        if (wire != kVarint || !w.Varint(&v)) return false;
        out->status = Int32(v);
        break;
      case 4:
      case 5:
      case 6:
      case 7:
      case 8: {
        const int step = static_cast<int>(number) - 4;
        if (wire != kLength || !w.Bytes(&s) ||
            !DecodeYear(s, &out->date_year[step])) {
          return false;
        }
        out->has_date[step] = true;
        break;
      }
      case 12: {  // birth_date
        int32_t year;
        if (wire != kLength || !w.Bytes(&s) || !DecodeYear(s, &year))
          return false;
        break;
      }
      case 13:  // gender
      case 18:  // dues_category
      case 19:  // monthly_income_fen
      case 20:  // monthly_dues_fen
        if (wire != kVarint || !w.Varint(&v)) return false;
        break;
      case 15:
        if (wire != kVarint || !w.Varint(&v)) return false;
        out->is_owner = v != 0;
        break;
      case 16:  // roles: packed or not
        if (wire == kVarint) {
          if (!w.Varint(&v)) return false;
        } else if (wire != kLength || !w.Bytes(&s) || !PackedVarints(s)) {
          return false;
        }
        break;
      case 17:
        if (wire != kLength || !w.Bytes(&s) || !DecodePost(s, out))
          return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

bool DecodeHostFacts(absl::string_view bytes, HostFacts* out) {
  *out = HostFacts{};
  Wire w(bytes.data(), bytes.data() + bytes.size());
  while (!w.done()) {
    uint32_t number, wire;
    if (!w.Tag(&number, &wire)) return false;
    absl::string_view s;
    uint64_t v;
    switch (number) {
      case 1:
      case 2:  // name
      case 5:  // unified_social_credit_code
      case 6:
      case 7:
      case 8:
        if (wire != kLength || !w.String(&s)) return false;
        if (number == 1) out->id = s;
        if (number == 6) out->industry = s;
        if (number == 7) out->region_id = s;
        if (number == 8) out->grid_id = s;
        break;
      case 3:
      case 4:
      case 9:
      case 10:  // employees
      case 18:
        if (wire != kVarint || !w.Varint(&v)) return false;
        if (number == 3) out->kind = Int32(v);
        if (number == 4) out->subtype = Int32(v);
        if (number == 9) out->sector_system = Int32(v);
        if (number == 18) out->status = Int32(v);
        break;
      case 12:
      case 13:
      case 14:
      case 15:
        if (wire != kVarint || !w.Varint(&v)) return false;
        (number == 12   ? out->has_trade_union
         : number == 13 ? out->has_womens_organization
         : number == 14 ? out->has_youth_league_organization
                        : out->service_contact_card_issued) = v != 0;
        break;
      case 11:
        if (wire != kLength || !w.Bytes(&s) || !DecodeOwner(s, out))
          return false;
        break;
      case 16:
        if (wire != kLength || !w.Bytes(&s) || !DecodeReported(s, out))
          return false;
        out->has_reported_member_counts = true;
        break;
      case 17:
        if (wire != kLength || !w.Bytes(&s) ||
            !DecodeYear(s, &out->registered_year)) {
          return false;
        }
        out->has_registered_on = true;
        break;
      default:
        return false;
    }
  }
  return true;
}

}  // namespace internal
}  // namespace dangjian
