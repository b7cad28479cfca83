// The columns of CSV ledgers and how a cell is read and written (internal).
// docs/ledger-format.md documents the same tables for people.
#ifndef DANGJIAN_SRC_IO_CSV_COLUMNS_H_
#define DANGJIAN_SRC_IO_CSV_COLUMNS_H_

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "core/calendar.h"
#include "core/id_index.h"
#include "dangjian/csv_ledger.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace dangjian {
namespace v1 {
class Date;
}  // namespace v1
namespace internal {

enum class CellKind {
  kString,      // Text as written.
  kEnum,        // A label, "code label", or the enum value's name.
  kInt,         // An integer; thousands separators and full-width digits ok.
  kBool,        // 是/否, Y/N, yes/no, true/false, 1/0, √/×, 有/无.
  kDate,        // 2014-08-14, 2014/8/14, 2014年8月14日, 20140814, 2014-08.
  kYuan,        // Amount in 元 into an int64 fen field.
  kWanYuan,     // Amount in 万元 into an int64 fen field.
  kNationalId,  // Resident identity number, checked, never corrected.
  kPhone,       // Phone number.
  kList,        // Repeated string: items separated by ';', '；' or '、'.
  kDecimal,     // A decimal number into a double (coordinates).
  kEnumList,    // Repeated enum: labels separated by '、', ';', '；', ','
                // or '，' (党内职务 "书记、委员").
  kPosts,  // Member posts (MemberPost): "党员示范岗：质检班组；党员先锋岗".
  kSeats,  // Committee seats (CommitteeSeat):
           // "书记：张三[m-1]；委员：李四、王五（挂职）".
  kStatusChanges,  // A unit's changes of status (HostStatusChange):
                   // "2019-06-30：注销；2021-03-01：存续".
  kMemberEvents,   // A member's events (MembershipEvent):
                  // "2019-06-30：转出：红山区某支部：2019-015；2020-03-01：转入".
  kVenueAssessments,  // A venue\'s assessments (VenueAssessment):
                      // "2016-05-01：有场所、有设施；2019-05-01：六有齐全".
  kPastTerms,  // A committee's past terms (CommitteeTerm), each a date and
               // its seats in brackets as a kSeats cell writes them:
               // "2015-07-01（书记：张三；委员：李四、王五）；2018-07-01".
};

struct Column {
  std::string english;               // "owner.name", "amount_yuan".
  std::vector<std::string> chinese;  // First is written; all are read.
  CellKind kind;
  // The field path from the entity message, e.g. {owner, name}.
  std::vector<const google::protobuf::FieldDescriptor*> path;
  // kEnum, kEnumList, and the kind or role of kPosts and kSeats (ColumnEnum()):
  // normalised label or name -> number. Looked up by
  // absl::string_view, without building a std::string per cell.
  absl::flat_hash_map<std::string, int> enum_lookup;
  bool is_id = false;  // The column keying a row: `id`, or the star
                       // ledger's party_organization_id.
  // NormalizeHeader() of the English and every Chinese header.
  std::vector<std::string> normalized;
  // The field numbers of `path` shifted for a wire-format tag (number << 3),
  // and the type of its last field: what SetCell() writes.
  std::vector<uint32_t> tags;
  google::protobuf::FieldDescriptor::Type leaf_type =
      google::protobuf::FieldDescriptor::TYPE_STRING;
  // The field's generated accessor, for a field of the entity itself (a path
  // of one) of a string, integer (enum, bool, fen) or date kind; null when
  // SetCell() writes the wire format instead.
  void (*set_string)(google::protobuf::Message*, absl::string_view) = nullptr;
  void (*set_integer)(google::protobuf::Message*, int64_t) = nullptr;
  v1::Date* (*mutable_date)(google::protobuf::Message*) = nullptr;
  // kDate: the field's unsafe_arena_release_*() and
  // unsafe_arena_set_allocated_*(), so that a row's Date messages are those
  // of the row before rather than new ones (SpareDates).
  v1::Date* (*release_date)(google::protobuf::Message*) = nullptr;
  void (*set_allocated_date)(google::protobuf::Message*, v1::Date*) = nullptr;
  // For a field of a message field of the entity (owner.name): that message
  // field's generated mutable_*(); the setters above are then the leaf's in
  // it. Null for a field of the entity itself.
  google::protobuf::Message* (*mutable_parent)(google::protobuf::Message*) =
      nullptr;
  // True when every value of the column is set through the accessors above
  // (nothing goes to the wire format) when the entity is given: what
  // SetCellDirectly() needs.
  bool direct = false;
};

struct Table {
  CsvTable table;
  std::string name;                  // "host_organizations".
  std::vector<std::string> chinese;  // Names of the table: "单位", ...
  const google::protobuf::FieldDescriptor* record_field;  // In v1::Record.
  std::vector<Column> columns;
  // By field number of the entity: whether a column holds the field (or a
  // field inside it).
  std::vector<bool> held;
};

// Every table, in CsvTable order (kRegions first). Built once; thread-safe.
const std::vector<Table>& Tables();
const Table* FindTable(CsvTable table);

// Header text normalised for matching: surrounding ASCII, full-width and
// no-break spaces, a leading '*' and a BOM removed; full-width parentheses
// made ASCII; ASCII lower-cased.
std::string NormalizeHeader(absl::string_view header);

// What the first or last byte of a cell may start or end, by byte value: a
// space to trim (ASCII whitespace is at most 0x20; U+00A0 is C2 A0 and
// U+3000 is E3 80 80), or a subtotal word (合计 小计 共计 start with 0xE5,
// 总计 with 0xE6, full-width letters with 0xEF; or s, t, g in either case).
enum CellByte : uint8_t {
  kTrimFirst = 1,      // As a first byte, may start a space.
  kTrimLast = 2,       // As a last byte, may end a space.
  kSubtotalFirst = 4,  // As a first byte, may start a subtotal word.
};
struct CellByteTable {
  uint8_t of[256];
  constexpr CellByteTable() : of() {
    for (int b = 0; b < 256; ++b) {
      uint8_t v = 0;
      if (b <= 0x20 || b == 0xC2 || b == 0xE3) v |= kTrimFirst;
      if (b <= 0x20 || b == 0x80 || b == 0xA0) v |= kTrimLast;
      const int lower = b | 0x20;
      if ((b < 0x80 && (lower == 's' || lower == 't' || lower == 'g')) ||
          b == 0xE5 || b == 0xE6 || b == 0xEF) {
        v |= kSubtotalFirst;
      }
      of[b] = v;
    }
  }
};
inline constexpr CellByteTable kCellBytes;

// Trims ASCII whitespace, full-width spaces (U+3000) and no-break spaces.
// Inline: called several times for every cell.
absl::string_view TrimCellSpaces(absl::string_view cell);
inline absl::string_view TrimCell(absl::string_view s) {
  // Most cells have nothing to trim: their first and last bytes say so, with
  // two table lookups and no branch (which Chinese text mispredicts). The few
  // other characters that end in 0x80 or 0xA0 take the slow path, which
  // trims nothing from them.
  if (s.empty()) return s;
  const auto first = static_cast<unsigned char>(s[0]);
  const auto last = static_cast<unsigned char>(s[s.size() - 1]);
  if (((kCellBytes.of[first] & kTrimFirst) |
       (kCellBytes.of[last] & kTrimLast)) == 0) {
    return s;
  }
  return TrimCellSpaces(s);
}

// The wire format of a row's cells as SetCell() encodes them: a growable
// byte buffer whose appends of a few bytes (a tag, a length, a varint) are
// stores, not calls to memcpy as std::string::append's are. Reused from row
// to row, it keeps its memory.
class WireBuffer {
 public:
  WireBuffer() = default;
  WireBuffer(const WireBuffer&) = delete;
  WireBuffer& operator=(const WireBuffer&) = delete;

  const char* data() const { return data_.get(); }
  char* data() { return data_.get(); }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  absl::string_view view() const { return absl::string_view(data(), size_); }

  // Sets the size to `n`; bytes beyond the old size are unspecified.
  void resize(size_t n) {
    if (n > capacity_) Grow(n - size_);
    size_ = n;
  }
  void clear() { size_ = 0; }

  // Room for `n` more bytes: where they go. Commit() then sets the end of
  // what was written there.
  char* Extend(size_t n) {
    if (capacity_ - size_ < n) Grow(n);
    return data_.get() + size_;
  }
  void Commit(const char* end) {
    size_ = static_cast<size_t>(end - data_.get());
  }

  void Append(const char* p, size_t n) {
    char* out = Extend(n);
    std::memcpy(out, p, n);
    size_ += n;
  }
  void push_back(char c) {
    *Extend(1) = c;
    ++size_;
  }
  // Replaces the byte at `at` with the `n` bytes at `p`, moving the rest.
  void Replace(size_t at, const char* p, size_t n);

 private:
  void Grow(size_t n);

  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

// Sets the field that `column` names from a non-blank, trimmed (TrimCell())
// `cell`: in `entity` through the field's generated accessor when the column
// has one and `entity` is not null, else by appending to `*wire` the protobuf
// wire format of the field (through its parent messages) as a field of the
// entity. With a null `entity` every field goes to `*wire`, which then holds
// the whole entity (CsvLedgerReader::NextSerialized()). Parsing (merging)
// the wire of a row's cells into the entity afterwards gives what setting each
// field through reflection did (repeated fields appended, nested messages
// merged): every field has one column at most, so the order does not matter.
// Returns "" or what is wrong (personal data masked); then nothing is set, and
// only the parent messages of the path are appended, empty, as reflection
// created them before the cell was read.
// REQUIRES: `cell` is valid UTF-8 (proto3 refuses to parse other strings);
// `entity` is the table's entity message, or null.
// `memo`, when not null, is the caller's for this column alone: the first
// few enum labels looked up as they were written, and their values, so that
// a ledger's column of a few repeated labels (正式党员 and 预备党员, 男 and 女)
// costs a comparison or two rather than a hash lookup per cell.
struct CellMemo {
  static constexpr int kSize = 8;
  std::string text[kSize];
  int value[kSize] = {};  // Not 0: enum values looked up are not.
  int size = 0;

  // The value remembered for `cell`, or 0.
  int Find(absl::string_view cell) const {
    for (int i = 0; i < size; ++i) {
      if (EqualBytesInline(cell, text[i])) return value[i];
    }
    return 0;
  }
  // Remembers `cell` as `v` while there is room.
  void Remember(absl::string_view cell, int v) {
    if (size == kSize) return;
    text[size].assign(cell.data(), cell.size());
    value[size++] = v;
  }
};
// What SetCell() found wrong with a cell: nothing (empty()); a value left out
// of a row that is still imported (row_kept: a masked resident ID, a phone
// number that is not one); or a cell that keeps its row out.
struct CellProblem {
  CellProblem() = default;
  CellProblem(std::string w) : why(std::move(w)) {}  // NOLINT: implicit
  CellProblem(const char* w) : why(w) {}             // NOLINT: implicit
  // The value is left out; the row is imported without it.
  static CellProblem LeftOut(std::string w) {
    CellProblem p(std::move(w));
    p.row_kept = true;
    return p;
  }
  bool empty() const { return why.empty(); }

  std::string why;
  bool row_kept = false;
};
CellProblem SetCell(const Column& column, absl::string_view cell,
                    google::protobuf::Message* entity, WireBuffer* wire,
                    CellMemo* memo = nullptr);

// Date messages taken out of an entity before it is cleared
// (Column::release_date), set again by SetCellDirectly() instead of new ones
// being created: on an arena, a cleared entity's Date messages are never
// freed, only left behind. Owned by the entity's arena, or, for an entity
// on the heap, by whoever holds them (delete what is left).
using SpareDates = std::vector<v1::Date*>;

// SetCell() for the common cells of a column that sets its field through
// generated accessors (Column::direct): plain text, a remembered enum label,
// a whole number of up to 9 ASCII digits, 是 or 否, a 2014-08-14 date, a plain
// amount, a good resident ID or phone number. Sets exactly what SetCell()
// would, taking a Date from `*spare` when it has one, and returns true;
// returns false, having set nothing, for any other cell: SetCell() then
// reads it (and says what is wrong with it).
// REQUIRES: as SetCell(); `entity` is not null.
bool SetCellDirectly(const Column& column, absl::string_view cell,
                     google::protobuf::Message* entity, CellMemo* memo,
                     SpareDates* spare);

// The enum whose labels a column of `kind` reads for `field` (its last
// field): the field's own for kEnum and kEnumList, the kind's of a post
// (kPosts), the role's of a seat (kSeats), the status of a change
// (kStatusChanges) and the kind of an event (kMemberEvents); null for other
// kinds.
const google::protobuf::EnumDescriptor* ColumnEnum(
    CellKind kind, const google::protobuf::FieldDescriptor* field);

// The value of the enum `column` reads (its field's, or for kPosts and
// kSeats the kind's or role's) whose label, alias or name `cell` is, as a
// kEnum cell is read ("code label" too); 0 with `*why` set when none.
int ParseEnumCell(const Column& column, absl::string_view cell,
                  std::string* why);

// kPosts, kSeats, kStatusChanges, kMemberEvents and kVenueAssessments cells
// (csv_compound_cells.cc): SetCompoundCell() appends to `*wire` each post,
// seat, change, event or assessment that `cell`
// lists as a field of the entity (the format in docs/ledger-format.md) and
// returns "" or, for a cell it cannot read, what is wrong
// (CellProblem::LeftOut: nothing is appended, the row is kept);
// FormatCompoundCell() writes the field of `entity` as such a cell;
// CompoundCellHolds() (also for kEnumList) is false when a value of the
// field would not read back the same: a post's or seat's text holding a
// character the cell's format separates with, a seat with neither name nor
// id, a role, status or kind that is 0 or no value of its enum, a change or
// event without a date, an event's counterpart or letter holding a colon.
CellProblem SetCompoundCell(const Column& column, absl::string_view cell,
                            WireBuffer* wire);
std::string FormatCompoundCell(const Column& column,
                               const google::protobuf::Message& entity);
bool CompoundCellHolds(const Column& column,
                       const google::protobuf::Message& entity);

// Reads a date cell as a kDate column does (2014-08-14, 2014/8/14,
// 2014年8月14日, 20140814, 2014-08, 2014): "" with `*date` set, or what is
// wrong with it.
std::string ParseDateCell(absl::string_view cell, Ymd* date);

// A date as a date cell is written: 2014-08-14, or 2014-08 and 2014 when the
// day or the month is unknown.
std::string FormatDateCell(const v1::Date& date);

// Full-width digits and punctuation (U+FF01..U+FF5E) made ASCII, U+3000 a
// space, "￥" (U+FFE5) "¥" (U+00A5); and `s` without its spaces.
std::string HalfWidth(absl::string_view s);
std::string RemoveSpaces(absl::string_view s);

// `cell` with each of `separators` replaced by ';'.
std::string UnifySeparators(
    absl::string_view cell,
    std::initializer_list<absl::string_view> separators);

// Appends a length-delimited field (`tag` is its number << 3) holding `v`.
void PutLengthDelimited(uint32_t tag, absl::string_view v, WireBuffer* out);

// Writes the field of `entity` that `column` names as a cell (unescaped);
// empty for an absent value. Masks personal data unless `full_fidelity`.
std::string FormatCell(const Column& column,
                       const google::protobuf::Message& entity,
                       bool full_fidelity);

// Returns the subtotal word ("合计", ...) when `cell` marks a subtotal row.
// Inline, like TrimCell(), for the common answer: every word starts with
// 合, 小, 总 or 共, or an ASCII or full-width (0xEF...) 's', 't' or 'g'.
// SubtotalWordOfTrimmed() takes a cell TrimCell() has trimmed.
absl::string_view SubtotalWordOf(absl::string_view cell);
inline absl::string_view SubtotalWordOfTrimmed(absl::string_view s) {
  if (s.empty()) return {};
  const auto first = static_cast<unsigned char>(s[0]);
  if ((kCellBytes.of[first] & kSubtotalFirst) == 0) return {};
  if (first == 0xE5 || first == 0xE6) {
    // 合 E5 90 88, 小 E5 B0 8F, 共 E5 85 B1, 总 E6 80 BB: bytes compared,
    // not memcmp() called, for the many Chinese cells.
    if (s.size() < 3) return {};
    const auto b1 = static_cast<unsigned char>(s[1]);
    const auto b2 = static_cast<unsigned char>(s[2]);
    const bool word = first == 0xE5 ? (b1 == 0x90 && b2 == 0x88) ||
                                          (b1 == 0xB0 && b2 == 0x8F) ||
                                          (b1 == 0x85 && b2 == 0xB1)
                                    : first == 0xE6 && b1 == 0x80 && b2 == 0xBB;
    if (!word) return {};
  }
  return SubtotalWordOf(s);
}
inline absl::string_view SubtotalWord(absl::string_view cell) {
  return SubtotalWordOfTrimmed(TrimCell(cell));
}

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_IO_CSV_COLUMNS_H_
