#include "core/wire_check.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/utf8.h"
#include "core/wire_format.h"
#include "dangjian/personal_data.h"

namespace dangjian {
namespace internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

const char* WireTypeName(int wire) {
  switch (wire) {
    case 0:
      return "varint";
    case 1:
      return "fixed64";
    case 2:
      return "length-delimited";
    case 3:
      return "start-group";
    case 4:
      return "end-group";
    case 5:
      return "fixed32";
    default:
      return "unknown";
  }
}

class Walker {
 public:
  explicit Walker(absl::string_view bytes)
      : begin_(reinterpret_cast<const uint8_t*>(bytes.data())) {}

  bool Message(const uint8_t* p, const uint8_t* end, const Descriptor* type,
               const std::string& path, int depth, int group_field) {
    if (depth > kMaxWireDepth) {
      return Fail(p, path, absl::StrCat("nested deeper than ", kMaxWireDepth));
    }
    // By oneof: the first of its fields met, to refuse another one.
    std::vector<const FieldDescriptor*> oneof_first(
        type != nullptr ? static_cast<size_t>(type->oneof_decl_count()) : 0);
    while (p < end) {
      const uint8_t* tag_at = p;
      uint64_t tag = 0;
      if (!Varint(
              &p, end, &tag, [&] { return path; }, "a tag"))
        return false;
      const uint64_t number = tag >> 3;
      const int wire = static_cast<int>(tag & 7);
      const FieldDescriptor* f =
          type != nullptr && number <= kMaxFieldNumber
              ? type->FindFieldByNumber(static_cast<int>(number))
              : nullptr;
      // The field's path, built only when needed (an error, a nested message).
      auto here = [&] {
        return absl::StrCat(path, path.empty() ? "" : ".",
                            f != nullptr ? f->name() : "",
                            f != nullptr ? " " : "", "(field ", number, ")");
      };
      if (number == 0 || number > kMaxFieldNumber) {
        return Fail(tag_at, path, absl::StrCat("field number ", number));
      }
      if (wire > 5) {
        return Fail(tag_at, here(),
                    absl::StrCat("wire type ", wire, " does not exist"));
      }
      if (wire == 4) {
        if (group_field == static_cast<int64_t>(number)) {
          end_of_group_ = p;
          return true;
        }
        return Fail(tag_at, here(), "an end-group tag without its start");
      }
      if (f != nullptr) {
        const int want = WireTypeOf(f);
        const bool packed = f->is_packable() && wire == 2;
        if (wire != want && !packed) {
          return Fail(
              tag_at, here(),
              absl::StrCat("wire type ", WireTypeName(wire),
                           ", but the schema says ", WireTypeName(want)));
        }
        if (const auto* o = f->real_containing_oneof(); o != nullptr) {
          const FieldDescriptor*& first =
              oneof_first[static_cast<size_t>(o->index())];
          if (first != nullptr && first != f) {
            // protobuf would keep the last and drop the first, silently (the
            // same field again merges, as protobuf defines).
            return Fail(tag_at, here(),
                        absl::StrCat(
                            "another field of the oneof ", o->name(), " after ",
                            first->name(), " (field ", first->number(),
                            "): only one may be given (a record carries "
                            "one entity)"));
          }
          first = f;
        }
      }
      switch (wire) {
        case 0: {
          uint64_t v;
          if (!Varint(&p, end, &v, here, "a varint")) return false;
          break;
        }
        case 1:
        case 5: {
          const int64_t n = wire == 1 ? 8 : 4;
          if (end - p < n)
            return Fail(p, here(), "a fixed-width value cut short");
          p += n;
          break;
        }
        case 2: {
          const uint8_t* len_at = p;
          uint64_t len = 0;
          if (!Length(&p, end, &len, here)) return false;
          if (len > static_cast<uint64_t>(end - p)) {
            return Fail(len_at, here(),
                        absl::StrCat("a length of ", len, " but only ", end - p,
                                     " bytes remain"));
          }
          const uint8_t* value_end = p + len;
          if (f != nullptr && f->type() == FieldDescriptor::TYPE_MESSAGE) {
            if (!Message(p, value_end, f->message_type(), here(), depth + 1,
                         -1)) {
              return false;
            }
          } else if (f != nullptr &&
                     f->type() == FieldDescriptor::TYPE_STRING) {
            if (!IsValidUtf8(
                    absl::string_view(reinterpret_cast<const char*>(p), len))) {
              return Fail(p, here(), "a string that is not valid UTF-8");
            }
          } else if (f != nullptr && f->is_packable()) {
            if (!Packed(p, value_end, WireTypeOf(f), here)) return false;
          }
          p = value_end;
          break;
        }
        case 3: {
          if (!Message(p, end, nullptr, here(), depth + 1,
                       static_cast<int>(number))) {
            return false;
          }
          if (end_of_group_ == nullptr) {
            return Fail(tag_at, here(), "a group that is never closed");
          }
          p = end_of_group_;
          end_of_group_ = nullptr;
          break;
        }
      }
    }
    if (group_field >= 0) end_of_group_ = nullptr;
    return true;
  }

  int64_t offset() const { return offset_; }
  const std::string& what() const { return what_; }

 private:
  bool Fail(const uint8_t* at, const std::string& path,
            absl::string_view what) {
    offset_ = at - begin_;
    what_ = path.empty() ? std::string(what) : absl::StrCat(path, ": ", what);
    return false;
  }

  template <typename PathFn>
  bool Varint(const uint8_t** p, const uint8_t* end, uint64_t* v,
              const PathFn& path, absl::string_view what) {
    const uint8_t* start = *p;
    switch (ReadVarint(p, end, v)) {
      case VarintRead::kOk:
        return true;
      case VarintRead::kCutShort:
        return Fail(start, path(), absl::StrCat(what, " cut short"));
      case VarintRead::kOverflows64Bits:
        return Fail(start, path(),
                    absl::StrCat(what, " that overflows 64 bits"));
      case VarintRead::kLongerThan10Bytes:
      case VarintRead::kLengthTooLong:  // ReadLength() only.
        break;
    }
    return Fail(start, path(), absl::StrCat(what, " longer than 10 bytes"));
  }

  // A length-delimited field's length, read as protobuf reads one
  // (ReadLength()).
  template <typename PathFn>
  bool Length(const uint8_t** p, const uint8_t* end, uint64_t* v,
              const PathFn& path) {
    const uint8_t* start = *p;
    switch (ReadLength(p, end, v)) {
      case VarintRead::kOk:
        return true;
      case VarintRead::kCutShort:
        return Fail(start, path(), "a length cut short");
      default:
        break;
    }
    return Fail(start, path(),
                "a length longer than 5 bytes or from 2 GiB up, which "
                "protobuf refuses");
  }

  template <typename PathFn>
  bool Packed(const uint8_t* p, const uint8_t* end, int wire,
              const PathFn& path) {
    while (p < end) {
      if (wire == 0) {
        uint64_t v;
        if (!Varint(&p, end, &v, path, "a packed varint")) return false;
      } else {
        const int64_t n = wire == 1 ? 8 : 4;
        if (end - p < n) return Fail(p, path(), "a packed value cut short");
        p += n;
      }
    }
    return true;
  }

  const uint8_t* begin_;
  const uint8_t* end_of_group_ = nullptr;
  int64_t offset_ = 0;
  std::string what_;
};

}  // namespace

bool CheckWireFormat(absl::string_view bytes, const Descriptor* type,
                     int64_t* offset, std::string* what) {
  // The fast walk answers yes or no; only a "no" needs the path and offset.
  if (WireFormatIsValid(bytes, type)) return true;
  return CheckWireFormatSlowly(bytes, type, offset, what);
}

bool CheckWireFormatSlowly(absl::string_view bytes, const Descriptor* type,
                           int64_t* offset, std::string* what) {
  Walker w(bytes);
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  if (w.Message(p, p + bytes.size(), type, "", 0, -1)) return true;
  *offset = w.offset();
  *what = w.what();
  return false;
}

absl::Status NotWellFormedRecord(absl::string_view bytes,
                                 absl::string_view what) {
  return absl::InvalidArgumentError(
      MaskPersonalData(absl::StrCat("not a well-formed dangjian.v1.Record (",
                                    bytes.size(), " bytes): ", what)));
}

absl::Status CheckRecordStrictly(absl::string_view bytes) {
  int64_t at = 0;
  std::string what;
  if (bytes.size() > static_cast<size_t>(INT32_MAX)) {
    return NotWellFormedRecord(bytes, "more than 2^31-1 bytes");
  }
  if (!CheckWireFormat(bytes, v1::Record::descriptor(), &at, &what)) {
    return NotWellFormedRecord(bytes,
                               absl::StrCat(what, " at byte offset ", at));
  }
  return absl::OkStatus();
}

absl::Status ParseRecordStrictly(absl::string_view bytes, v1::Record* record) {
  if (absl::Status s = CheckRecordStrictly(bytes); !s.ok()) return s;
  if (!record->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return NotWellFormedRecord(bytes, "bytes protobuf does not parse");
  }
  return absl::OkStatus();
}

}  // namespace internal
}  // namespace dangjian
