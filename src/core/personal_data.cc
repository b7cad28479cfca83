#include "dangjian/personal_data.h"

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <vector>

namespace dangjian {
namespace {

constexpr size_t kKeepTail = 4;
constexpr size_t kKeepRegion = 6;

}  // namespace

std::string MaskNationalId(StringArg id_arg) {
  const absl::string_view id = id_arg;
  std::string out(id);
  const size_t n = out.size();
  const size_t head = (n == 15 || n == 18) ? kKeepRegion : 0;
  const size_t tail_start = n > kKeepTail ? n - kKeepTail : n;
  for (size_t i = head; i < tail_start; ++i) out[i] = '*';
  if (n <= kKeepTail) out.assign(n, '*');
  // Counts are in bytes: a UTF-8 character cut by the head or the tail is
  // masked whole, or the result would not be UTF-8 (and a proto3 message
  // holding it could not be written).
  auto continuation = [&](size_t i) {
    return (static_cast<unsigned char>(id[i]) & 0xC0) == 0x80;
  };
  if (head > 0 && head < tail_start) {
    for (size_t i = head; i > 0 && continuation(i); --i) out[i - 1] = '*';
  }
  for (size_t i = tail_start; i < n && continuation(i); ++i) out[i] = '*';
  return out;
}

namespace {

// The length in bytes of the digit at `i` (1 ASCII, 3 full-width), 0 for
// none; its value in `*d`.
size_t DigitAt(absl::string_view t, size_t i, char* d) {
  const auto c = static_cast<unsigned char>(t[i]);
  if (c >= '0' && c <= '9') {
    *d = static_cast<char>(c);
    return 1;
  }
  if (c == 0xEF && i + 2 < t.size() &&
      static_cast<unsigned char>(t[i + 1]) == 0xBC) {
    const auto e = static_cast<unsigned char>(t[i + 2]);
    if (e >= 0x90 && e <= 0x99) {
      *d = static_cast<char>('0' + (e - 0x90));
      return 3;
    }
  }
  return 0;
}

}  // namespace

std::string MaskPhone(StringArg phone_arg) {
  const absl::string_view phone = phone_arg;
  // Every digit (ASCII, or full-width ０-９ as one '*') masked but the last
  // 4.
  char d;
  size_t digits = 0;
  for (size_t i = 0; i < phone.size();) {
    const size_t len = DigitAt(phone, i, &d);
    digits += len > 0;
    i += len > 0 ? len : 1;
  }
  std::string out;
  out.reserve(phone.size());
  size_t seen = 0;
  for (size_t i = 0; i < phone.size();) {
    const size_t len = DigitAt(phone, i, &d);
    if (len > 0 && ++seen + kKeepTail <= digits) {
      out.push_back('*');
      i += len;
    } else {
      out.push_back(phone[i++]);
    }
  }
  return out;
}

namespace {

// A maximal run of digits (ASCII, or full-width ０-９ as a spreadsheet or an
// input method may write them) in a text: its bytes and its digits.
struct Group {
  size_t begin = 0, end = 0;  // Bytes [begin, end).
  std::string digits;         // ASCII.
};

// How a run of groups is masked: a resident ID keeps its first 6 digits and
// last 4 characters; a phone its last 4 digits.
enum class Shape { kNone, kNationalId, kPhone, kFixedLine };

bool Lens(const std::vector<const Group*>& g, std::initializer_list<size_t> l) {
  if (g.size() != l.size()) return false;
  size_t i = 0;
  for (size_t n : l) {
    if (g[i++]->digits.size() != n) return false;
  }
  return true;
}

// YYYYMMDD of 1900-2099 with a month 01-12 and a day 01-31.
bool LooksLikeBirthDate(absl::string_view d) {
  const int century = (d[0] - '0') * 10 + (d[1] - '0');
  const int month = (d[4] - '0') * 10 + (d[5] - '0');
  const int day = (d[6] - '0') * 10 + (d[7] - '0');
  return (century == 19 || century == 20) && month >= 1 && month <= 12 &&
         day >= 1 && day <= 31;
}

bool Mobile(absl::string_view d) {
  return d.size() == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

// The shape of groups `g` (adjacent, joined by single separators) whose
// digits are `d`; `x` when an 'X' follows the last group directly.
Shape ShapeOf(const std::vector<const Group*>& g, const std::string& d,
              bool x) {
  const size_t n = g.size();
  // Resident IDs: 18 characters (17 digits and a check digit or X), or 15
  // digits; written whole, or 6-8-4 or 6-12 (the region, the birth date,
  // the rest), or 6-6-3 (15).
  const size_t id_digits = x ? 17 : 18;
  if (d.size() == id_digits &&
      (n == 1 || Lens(g, {6, 8, x ? 3u : 4u}) || Lens(g, {6, x ? 11u : 12u}))) {
    return Shape::kNationalId;
  }
  if (!x && d.size() == 15 && (n == 1 || Lens(g, {6, 6, 3}))) {
    return Shape::kNationalId;
  }
  // A resident ID with a digit too many or too few (a typing slip is still
  // personal data): 16 to 19 characters in one group, a region code 1-8 and
  // a birth date 1900-2099 in positions 7-14.
  if (n == 1 && d.size() + (x ? 1 : 0) >= 16 && d.size() + (x ? 1 : 0) <= 19 &&
      d[0] >= '1' && d[0] <= '8' && LooksLikeBirthDate(d.substr(6, 8))) {
    return Shape::kNationalId;
  }
  if (x) return Shape::kNone;
  // Mobile numbers: 11 digits 1[3-9]..., whole or 3-4-4, 3-8, 7-4; with the
  // country code 86 (+86, 0086) before them.
  auto mobile_groups = [](const std::vector<const Group*>& m) {
    return m.size() == 1 || Lens(m, {3, 4, 4}) || Lens(m, {3, 8}) ||
           Lens(m, {7, 4});
  };
  if (Mobile(d) && mobile_groups(g)) return Shape::kPhone;
  if (n >= 2 && (g[0]->digits == "86" || g[0]->digits == "0086")) {
    const std::vector<const Group*> rest(g.begin() + 1, g.end());
    if (Mobile(d.substr(g[0]->digits.size())) && mobile_groups(rest)) {
      return Shape::kPhone;
    }
  }
  if (n == 1 && d.size() == 13 && d.compare(0, 2, "86") == 0 &&
      Mobile(d.substr(2))) {
    return Shape::kPhone;
  }
  // Fixed lines with their area code (0 and 2 or 3 digits): 010-12345678,
  // 0476 1234567, 010 1234 5678, or whole. Looked for only where no ID or
  // mobile number is (MaskPersonalData()'s second pass): "021 138 0013
  // 8000" is a mobile number after an area code.
  if (d.size() >= 10 && d.size() <= 12 && d[0] == '0' && d[1] != '0') {
    if (n == 1) return Shape::kFixedLine;
    const size_t area = g[0]->digits.size();
    const size_t a = g[1]->digits.size();
    if ((area == 3 || area == 4) &&
        ((n == 2 && (a == 7 || a == 8)) ||
         (n == 3 && (a == 3 || a == 4) && g[2]->digits.size() == 4))) {
      return Shape::kFixedLine;
    }
  }
  return Shape::kNone;
}

bool IsJoiner(char c) { return c == ' ' || c == '-'; }

// The length in bytes of a joiner at `i` between digit groups: a space or a
// hyphen, ASCII (1) or full-width (3: U+3000 ideographic space, U+FF0D
// full-width hyphen-minus); 0 for anything else.
size_t JoinerAt(absl::string_view t, size_t i) {
  if (i >= t.size()) return 0;
  if (IsJoiner(t[i])) return 1;
  if (i + 2 >= t.size()) return 0;
  const auto a = static_cast<unsigned char>(t[i]);
  const auto b = static_cast<unsigned char>(t[i + 1]);
  const auto c = static_cast<unsigned char>(t[i + 2]);
  if ((a == 0xE3 && b == 0x80 && c == 0x80) ||
      (a == 0xEF && b == 0xBC && c == 0x8D)) {
    return 3;
  }
  return 0;
}

// Whether a resident ID's check character X stands at `i`: ASCII X or x, or
// full-width Ｘ or ｘ.
bool CheckXAt(absl::string_view t, size_t i) {
  if (i >= t.size()) return false;
  if (t[i] == 'X' || t[i] == 'x') return true;
  return i + 2 < t.size() && static_cast<unsigned char>(t[i]) == 0xEF &&
         ((static_cast<unsigned char>(t[i + 1]) == 0xBC &&
           static_cast<unsigned char>(t[i + 2]) == 0xB8) ||
          (static_cast<unsigned char>(t[i + 1]) == 0xBD &&
           static_cast<unsigned char>(t[i + 2]) == 0x98));
}

// Whether groups of these digit counts (joined, in order) could be a shape
// of ShapeOf(): the lengths alone, a superset of what it accepts.
bool PlausibleLengths(const size_t* l, size_t k) {
  size_t total = 0;
  for (size_t i = 0; i < k; ++i) total += l[i];
  if (total < 10 || total > 19) return false;
  if (k == 1) return true;
  const bool cc = l[0] == 2 || l[0] == 4;  // 86, 0086 (or an area code).
  const bool area = l[0] == 3 || l[0] == 4;
  if (k == 2) {
    return (l[0] == 6 && (l[1] == 11 || l[1] == 12)) ||
           (l[0] == 3 && l[1] == 8) || (l[0] == 7 && l[1] == 4) ||
           (area && (l[1] == 7 || l[1] == 8)) || (cc && l[1] == 11);
  }
  if (k == 3) {
    return (l[0] == 6 && l[1] == 8 && (l[2] == 3 || l[2] == 4)) ||
           (l[0] == 6 && l[1] == 6 && l[2] == 3) ||
           (l[0] == 3 && l[1] == 4 && l[2] == 4) ||
           (area && l[1] + l[2] >= 7) ||
           (cc && ((l[1] == 3 && l[2] == 8) || (l[1] == 7 && l[2] == 4)));
  }
  return k == 4 && cc && l[1] == 3 && l[2] == 4 && l[3] == 4;
}

// Whether `text` has digit groups whose lengths could make a shape: the
// only texts MaskPersonalData() needs to look at closely.
bool MayHoldAShape(absl::string_view text) {
  size_t lens[4] = {0, 0, 0, 0};  // The chain's last groups, oldest first.
  size_t chain = 0;               // Groups in the chain (up to 4 kept).
  size_t run = 0;                 // Digits of the group being read.
  size_t gap = 0;                 // Bytes since the last digit.
  for (size_t i = 0; i <= text.size();) {
    size_t len = 0;
    if (i < text.size()) {
      // ASCII digits inline; only a lead byte of a full-width one looked at
      // further.
      const auto c = static_cast<unsigned char>(text[i]);
      if (static_cast<unsigned>(c - '0') < 10u) {
        len = 1;
      } else if (c == 0xEF) {
        char d;
        len = DigitAt(text, i, &d);
      }
    }
    if (len > 0) {
      if (run == 0 && gap != 1) chain = 0;  // Not joined: a new chain.
      ++run;
      gap = 0;
      i += len;
      continue;
    }
    if (run > 0) {
      // A group ends: the windows of the chain that end with it.
      if (chain == 4) {
        for (int k = 0; k < 3; ++k) lens[k] = lens[k + 1];
        chain = 3;
      }
      lens[chain++] = run;
      for (size_t k = 1; k <= chain; ++k) {
        if (PlausibleLengths(lens + chain - k, k)) return true;
      }
      run = 0;
    }
    if (i == text.size()) break;
    // One joiner keeps the chain; anything else (or two) ends it.
    const size_t joiner = JoinerAt(text, i);
    gap = joiner > 0 && gap == 0 ? 1 : 2;
    i += joiner > 0 ? joiner : 1;
  }
  return false;
}

}  // namespace

std::string MaskPersonalData(StringArg text_arg) {
  const absl::string_view text = text_arg;
  // Most texts (record ids such as h110101-000064, messages) hold no digits
  // in a personal shape: they come back whole, in one copy, after one pass
  // that looks at the lengths of the groups alone.
  if (!MayHoldAShape(text)) return std::string(text);

  // The digit groups, and for each the next one when a single separator
  // joins them.
  std::vector<Group> groups;
  for (size_t i = 0; i < text.size();) {
    char d;
    size_t len = DigitAt(text, i, &d);
    if (len == 0) {
      ++i;
      continue;
    }
    Group g;
    g.begin = i;
    while (len > 0) {
      g.digits.push_back(d);
      i += len;
      len = i < text.size() ? DigitAt(text, i, &d) : 0;
    }
    g.end = i;
    groups.push_back(std::move(g));
  }
  std::string out(text);
  // Per byte of `out`: masked ('*' for its digit's first byte, dropped for
  // a full-width digit's other two).
  std::vector<char> drop(text.size(), 0);
  auto mask = [&](const std::vector<const Group*>& g, Shape shape, bool x) {
    size_t total = 0;
    for (const Group* p : g) total += p->digits.size();
    if (x) ++total;
    size_t k = 0;  // Characters of the number so far.
    for (const Group* p : g) {
      for (size_t i = p->begin; i < p->end;) {
        char d;
        const size_t len = DigitAt(text, i, &d);
        const bool keep =
            (shape == Shape::kNationalId && k < 6) || k + 4 >= total;
        if (!keep) {
          out[i] = '*';
          for (size_t b = 1; b < len; ++b) drop[i + b] = 1;
        }
        ++k;
        i += len;
      }
    }
  };
  // Two passes: resident IDs and mobile numbers first, then fixed lines among
  // the groups left, so that an area-code-shaped group before a mobile number
  // does not take its first digits.
  std::vector<char> taken(groups.size(), 0);
  for (const bool fixed_lines : {false, true}) {
    for (size_t i = 0; i < groups.size();) {
      if (taken[i] != 0) {
        ++i;
        continue;
      }
      // The longest run of up to five joined groups from i with a shape
      // (0086 138 0013 8000 has four).
      size_t last = i;
      while (last + 1 < groups.size() && last + 1 < i + 5 &&
             taken[last + 1] == 0 && JoinerAt(text, groups[last].end) > 0 &&
             groups[last + 1].begin ==
                 groups[last].end + JoinerAt(text, groups[last].end)) {
        ++last;
      }
      bool matched = false;
      for (size_t j = last + 1; j-- > i && !matched;) {
        std::vector<const Group*> g;
        std::string d;
        for (size_t k = i; k <= j; ++k) {
          g.push_back(&groups[k]);
          d += groups[k].digits;
        }
        const bool x = d.size() == 17 && CheckXAt(text, groups[j].end);
        const Shape shape = ShapeOf(g, d, x);
        if (shape == Shape::kNone ||
            (shape == Shape::kFixedLine) != fixed_lines) {
          continue;
        }
        mask(g, shape, x);
        for (size_t k = i; k <= j; ++k) taken[k] = 1;
        i = j + 1;
        matched = true;
      }
      if (!matched) ++i;
    }
  }
  std::string result;
  result.reserve(out.size());
  for (size_t i = 0; i < out.size(); ++i) {
    if (drop[i] == 0) result.push_back(out[i]);
  }
  return result;
}

}  // namespace dangjian
