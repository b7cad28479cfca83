// The direct JSON writer (src/render/json_writer.h) must write exactly what
// protobuf's util::MessageToJsonString() writes: on every code point in a
// string, on random reports, partial reports and records (every field set or
// not, extreme and special values, unknown enum values), pretty and compact,
// with and without default values; and it must leave to protobuf what it
// does not handle.
#include "core/json_writer.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "dangjian/v1/dataset.pb.h"
#include "dangjian/v1/report.pb.h"
#include "dangjian/v1/validation.pb.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace dangjian {
namespace internal {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

std::string Protobuf(const Message& m, bool pretty, bool defaults) {
  google::protobuf::util::JsonPrintOptions o;
  o.add_whitespace = pretty;
  o.always_print_primitive_fields = defaults;
  std::string out;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(m, &out, o).ok());
  return out;
}

// Expects the writer to take `m` and agree with protobuf in all four modes.
void ExpectSame(const Message& m, const std::string& what) {
  for (bool pretty : {false, true}) {
    for (bool defaults : {false, true}) {
      std::string ours;
      ASSERT_TRUE(WriteJsonLikeProtobuf(m, pretty, defaults, &ours))
          << what << " pretty " << pretty << " defaults " << defaults;
      ASSERT_EQ(ours, Protobuf(m, pretty, defaults))
          << what << " pretty " << pretty << " defaults " << defaults;
      // In pieces, the same bytes: each at least `piece` long but the last.
      for (size_t piece : {size_t{1}, size_t{64}, size_t{1} << 20}) {
        std::vector<std::string> pieces;
        ASSERT_TRUE(StreamJsonLikeProtobuf(m, pretty, defaults, piece,
                                           [&](absl::string_view p) {
                                             pieces.emplace_back(p);
                                             return true;
                                           }))
            << what << " in pieces of " << piece;
        std::string joined;
        for (size_t i = 0; i < pieces.size(); ++i) {
          if (i + 1 < pieces.size()) {
            ASSERT_GE(pieces[i].size(), piece);
          }
          joined += pieces[i];
        }
        ASSERT_EQ(joined, ours) << what << " in pieces of " << piece;
      }
    }
  }
}

std::string Utf8(uint32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | cp >> 6);
    s += static_cast<char>(0x80 | (cp & 63));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | cp >> 12);
    s += static_cast<char>(0x80 | (cp >> 6 & 63));
    s += static_cast<char>(0x80 | (cp & 63));
  } else {
    s += static_cast<char>(0xF0 | cp >> 18);
    s += static_cast<char>(0x80 | (cp >> 12 & 63));
    s += static_cast<char>(0x80 | (cp >> 6 & 63));
    s += static_cast<char>(0x80 | (cp & 63));
  }
  return s;
}

TEST(JsonWriterTest, EveryCodePointEscapedAsProtobufDoes) {
  // Each code point an element of its own, 65,536 to a message; and each
  // between two others in one string, so that runs are split where protobuf
  // splits them.
  for (uint32_t base = 0; base <= 0x10FFFF; base += 0x10000) {
    v1::Worklist w;
    std::string joined;
    for (uint32_t cp = base; cp < base + 0x10000 && cp <= 0x10FFFF; ++cp) {
      if (cp >= 0xD800 && cp <= 0xDFFF) continue;  // Not in UTF-8.
      w.add_ids(Utf8(cp));
      joined += "a" + Utf8(cp);
    }
    w.add_ids(joined + "z");
    ExpectSame(w, "code points from " + std::to_string(base));
  }
}

// Random values for every field of a message, recursively.
class Filler {
 public:
  explicit Filler(uint32_t seed) : rng_(seed) {}

  void Fill(Message* m, int depth) {
    const Reflection* r = m->GetReflection();
    const auto* d = m->GetDescriptor();
    for (int i = 0; i < d->field_count(); ++i) {
      const FieldDescriptor* f = d->field(i);
      if (Pick(3) == 0) continue;  // Left unset.
      if (f->is_repeated()) {
        const int n = Pick(4);
        for (int k = 0; k < n; ++k) Add(m, r, f, depth);
      } else {
        Set(m, r, f, depth);
      }
    }
  }

 private:
  int Pick(int n) {
    return static_cast<int>(rng_() % static_cast<unsigned>(n));
  }

  int64_t Int() {
    switch (Pick(6)) {
      case 0:
        return 0;
      case 1:
        return std::numeric_limits<int64_t>::max();
      case 2:
        return std::numeric_limits<int64_t>::min();
      case 3:
        return -Pick(1000);
      default:
        // Shifted unsigned: a signed shift past the top is undefined.
        return static_cast<int64_t>(static_cast<uint64_t>(rng_()) << Pick(40));
    }
  }

  double Double() {
    switch (Pick(12)) {
      case 0:
        return 0.0;
      case 1:
        return -0.0;
      case 2:
        return std::nan("");
      case 3:
        return std::numeric_limits<double>::infinity();
      case 4:
        return -std::numeric_limits<double>::infinity();
      case 5:
        return std::numeric_limits<double>::denorm_min();
      case 6:
        return std::numeric_limits<double>::max();
      case 7:
        return 100.0 * Pick(1000) / (1 + Pick(999));  // A percentage.
      case 8:
        return std::pow(10.0, Pick(40) - 20);
      default: {
        uint64_t bits = (static_cast<uint64_t>(rng_()) << 32) | rng_();
        double v;
        std::memcpy(&v, &bits, sizeof v);
        return v;
      }
    }
  }

  std::string String() {
    static const std::vector<std::string> kPieces = {"h110101-000041",
                                                     "a",
                                                     "",
                                                     "\"",
                                                     "\\",
                                                     "/",
                                                     "<",
                                                     ">",
                                                     "&",
                                                     "'",
                                                     "\x7f",
                                                     "\n",
                                                     "\t",
                                                     "\x01",
                                                     "\x1f",
                                                     "中文",
                                                     "内蒙古",
                                                     "·",
                                                     "\xc2\x80",
                                                     "\xc2\xad",
                                                     "\xe2\x80\xa8",
                                                     "\xef\xbb\xbf",
                                                     "😀",
                                                     "\xf3\xa0\x80\x81",
                                                     "\xe2\x80\x8b",
                                                     " "};
    std::string s;
    for (int n = Pick(5); n > 0; --n) s += kPieces[Pick(kPieces.size())];
    return s;
  }

  int Enum(const FieldDescriptor* f) {
    if (Pick(5) == 0) return 1000 + Pick(5);  // Unknown (open enums).
    const auto* e = f->enum_type();
    return e->value(Pick(e->value_count()))->number();
  }

  void Set(Message* m, const Reflection* r, const FieldDescriptor* f,
           int depth) {
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        r->SetInt32(m, f, static_cast<int32_t>(Int()));
        break;
      case FieldDescriptor::CPPTYPE_UINT32:
        r->SetUInt32(m, f, static_cast<uint32_t>(Int()));
        break;
      case FieldDescriptor::CPPTYPE_INT64:
        r->SetInt64(m, f, Int());
        break;
      case FieldDescriptor::CPPTYPE_UINT64:
        r->SetUInt64(m, f, static_cast<uint64_t>(Int()));
        break;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        r->SetDouble(m, f, Double());
        break;
      case FieldDescriptor::CPPTYPE_FLOAT:
        break;  // None in these messages; left to protobuf if any.
      case FieldDescriptor::CPPTYPE_BOOL:
        r->SetBool(m, f, Pick(2) == 0);
        break;
      case FieldDescriptor::CPPTYPE_ENUM:
        r->SetEnumValue(m, f, Enum(f));
        break;
      case FieldDescriptor::CPPTYPE_STRING:
        if (f->type() != FieldDescriptor::TYPE_BYTES) {
          r->SetString(m, f, String());
        }
        break;
      case FieldDescriptor::CPPTYPE_MESSAGE:
        if (depth < 4) Fill(r->MutableMessage(m, f), depth + 1);
        break;
    }
  }

  void Add(Message* m, const Reflection* r, const FieldDescriptor* f,
           int depth) {
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        r->AddInt32(m, f, static_cast<int32_t>(Int()));
        break;
      case FieldDescriptor::CPPTYPE_UINT32:
        r->AddUInt32(m, f, static_cast<uint32_t>(Int()));
        break;
      case FieldDescriptor::CPPTYPE_INT64:
        r->AddInt64(m, f, Int());
        break;
      case FieldDescriptor::CPPTYPE_UINT64:
        r->AddUInt64(m, f, static_cast<uint64_t>(Int()));
        break;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        r->AddDouble(m, f, Double());
        break;
      case FieldDescriptor::CPPTYPE_FLOAT:
        break;
      case FieldDescriptor::CPPTYPE_BOOL:
        r->AddBool(m, f, Pick(2) == 0);
        break;
      case FieldDescriptor::CPPTYPE_ENUM:
        r->AddEnumValue(m, f, Enum(f));
        break;
      case FieldDescriptor::CPPTYPE_STRING:
        if (f->type() != FieldDescriptor::TYPE_BYTES) {
          r->AddString(m, f, String());
        }
        break;
      case FieldDescriptor::CPPTYPE_MESSAGE:
        if (depth < 4) {
          Fill(r->AddMessage(m, f), depth + 1);
        }
        break;
    }
  }

  std::mt19937 rng_;
};

TEST(JsonWriterTest, RandomReportsAsProtobufWritesThem) {
  for (uint32_t seed = 1; seed <= 150; ++seed) {
    Filler filler(seed);
    v1::Report report;
    filler.Fill(&report, 0);
    ExpectSame(report, "report, seed " + std::to_string(seed));
    v1::PartialReport partial;
    filler.Fill(&partial, 0);
    ExpectSame(partial, "partial report, seed " + std::to_string(seed));
    v1::ValidationReport validation;
    filler.Fill(&validation, 0);
    ExpectSame(validation, "validation report, seed " + std::to_string(seed));
  }
}

TEST(JsonWriterTest, RandomRecordsAsProtobufWritesThem) {
  // Records have a oneof (the entity) and fields with presence (a venue's
  // optional coordinates).
  for (uint32_t seed = 1; seed <= 300; ++seed) {
    Filler filler(seed);
    v1::Record record;
    filler.Fill(&record, 0);
    ExpectSame(record, "record, seed " + std::to_string(seed));
  }
  v1::Record venue;
  venue.mutable_venue()->set_latitude(0.0);  // Present, though zero.
  ExpectSame(venue, "venue at latitude 0");
  ExpectSame(v1::Record(), "empty record");
}

// In pieces, a string that is not UTF-8 is written as protobuf's printer
// writes it (it drops the bad bytes by rules of its own), singular or in a
// list; and a piece refused stops the rest.
TEST(JsonWriterTest, InPiecesAsProtobufWritesEvenAStringNotUtf8) {
  v1::Report report;
  report.set_policy_version("\xc3(");  // Not UTF-8.
  report.add_groups()->set_region_name("县");
  // Not UTF-8 throughout, in part, overlong, cut short, a surrogate.
  for (const char* name : {"ok", "\xff\xfe", "也好", "县\xff", "a\xc3(b",
                           "\xc0\x80", "ab\xe5", "\xed\xa0\x80x"}) {
    v1::NamedCount* c = report.mutable_data_quality()->add_findings();
    c->set_name(name);
    c->set_count(1);
  }
  for (bool pretty : {false, true}) {
    std::string joined;
    ASSERT_TRUE(StreamJsonLikeProtobuf(report, pretty, false, 8,
                                       [&](absl::string_view p) {
                                         joined.append(p.data(), p.size());
                                         return true;
                                       }));
    EXPECT_EQ(joined, Protobuf(report, pretty, false));
    // Whole, the writer leaves such a string to protobuf.
    std::string whole;
    EXPECT_FALSE(WriteJsonLikeProtobuf(report, pretty, false, &whole));
  }
  // The second piece refused: no third is offered, and the call fails.
  int offered = 0;
  EXPECT_FALSE(StreamJsonLikeProtobuf(
      report, true, true, 8, [&](absl::string_view) { return ++offered < 2; }));
  EXPECT_EQ(offered, 2);
}

TEST(JsonWriterTest, LeavesToProtobufWhatItDoesNotWrite) {
  v1::Worklist w;
  w.add_ids("ok");
  w.add_ids("\xff\xfe");  // Not UTF-8.
  std::string out;
  EXPECT_FALSE(WriteJsonLikeProtobuf(w, false, false, &out));
  v1::Worklist fine;
  fine.add_ids("ok");
  out.clear();
  EXPECT_TRUE(WriteJsonLikeProtobuf(fine, false, false, &out));
  EXPECT_EQ(out, "{\"ids\":[\"ok\"]}");
}

}  // namespace
}  // namespace internal
}  // namespace dangjian
