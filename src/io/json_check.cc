#include "io/json_check.h"

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/utf8.h"

namespace dangjian {
namespace internal {
namespace {

// Adds hex digit `c` to `*v` (times 16 plus its value); false for a
// character that is not one.
bool HexDigit(char c, unsigned* v) {
  if (c >= '0' && c <= '9') {
    *v = *v * 16 + (c - '0');
  } else if (c >= 'a' && c <= 'f') {
    *v = *v * 16 + (c - 'a' + 10);
  } else if (c >= 'A' && c <= 'F') {
    *v = *v * 16 + (c - 'A' + 10);
  } else {
    return false;
  }
  return true;
}

// The value of the four hex digits at `p`; false for any other character.
bool Hex4(const char* p, uint32_t* out) {
  unsigned v = 0;
  for (int i = 0; i < 4; ++i) {
    if (!HexDigit(p[i], &v)) return false;
  }
  *out = v;
  return true;
}

class Checker {
 public:
  explicit Checker(absl::string_view json)
      : begin_(json.data()), p_(json.data()), end_(json.data() + json.size()) {}

  bool Run(int64_t* offset, std::string* what) {
    if (end_ - p_ >= 3 && absl::string_view(p_, 3) == "\xEF\xBB\xBF") p_ += 3;
    Ws();
    if (Value(0)) {
      Ws();
      if (p_ == end_) return true;
      Fail("text after the JSON value");
    }
    *offset = error_at_;
    *what = error_;
    return false;
  }

 private:
  bool Fail(absl::string_view what) {
    if (error_.empty()) {
      error_ = std::string(what);
      error_at_ = p_ - begin_;
    }
    return false;
  }

  void Ws() {
    while (p_ < end_ &&
           (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) {
      ++p_;
    }
  }

  bool Value(int depth) {
    if (p_ == end_) return Fail("the text ends where a value should be");
    switch (*p_) {
      case '{':
        return Object(depth + 1);
      case '[':
        return Array(depth + 1);
      case '"': {
        std::string s;
        return String(&s);
      }
      case 't':
        return Literal("true");
      case 'f':
        return Literal("false");
      case 'n':
        return Literal("null");
      default:
        if (*p_ == '-' || (*p_ >= '0' && *p_ <= '9')) return Number();
        if (*p_ == 'N' || *p_ == 'I') {
          return Fail("NaN and Infinity are not JSON numbers");
        }
        return Fail("not a JSON value");
    }
  }

  bool Literal(absl::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() ||
        absl::string_view(p_, word.size()) != word) {
      return Fail("not a JSON value");
    }
    p_ += word.size();
    return true;
  }

  bool Number() {
    const char* start = p_;
    if (*p_ == '-') ++p_;
    if (p_ == end_) return Fail("a '-' without digits");
    if (*p_ == '0') {
      ++p_;
    } else if (*p_ >= '1' && *p_ <= '9') {
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    } else {
      return Fail("a malformed number");
    }
    if (p_ < end_ && *p_ == '.') {
      ++p_;
      if (p_ == end_ || *p_ < '0' || *p_ > '9') {
        return Fail("a malformed number");
      }
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || *p_ < '0' || *p_ > '9') {
        return Fail("a malformed number");
      }
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    }
    const std::string text(start, p_ - start);
    errno = 0;
    const double v = std::strtod(text.c_str(), nullptr);
    if (errno == ERANGE && (v > 1 || v < -1)) {
      p_ = start;
      return Fail("a number beyond the range of a double");
    }
    return true;
  }

  bool Hex4(unsigned* v) {
    *v = 0;
    if (end_ - p_ < 4) return Fail("a \\u escape cut short");
    for (int i = 0; i < 4; ++i) {
      if (!HexDigit(p_[i], v)) return Fail("a malformed \\u escape");
    }
    p_ += 4;
    return true;
  }

  // Reads a string; `*out` gets its raw text (escapes kept) for key checks.
  bool String(std::string* out) {
    const char* open = p_++;
    for (;;) {
      if (p_ == end_) {
        p_ = open;
        return Fail("a string that is never closed");
      }
      const unsigned char c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        if (!IsValidUtf8(absl::string_view(open + 1, p_ - open - 1))) {
          p_ = open;
          return Fail("a string that is not valid UTF-8");
        }
        out->assign(open + 1, p_ - open - 1);
        ++p_;
        return true;
      }
      if (c < 0x20) return Fail("a control character in a string");
      if (c != '\\') {
        ++p_;
        continue;
      }
      const char* escape = p_;
      if (end_ - p_ < 2) return Fail("an escape cut short");
      const char e = p_[1];
      p_ += 2;
      if (e == 'u') {
        unsigned u = 0;
        if (!Hex4(&u)) return false;
        if (u >= 0xDC00 && u <= 0xDFFF) {
          p_ = escape;
          return Fail("a lone low surrogate escape");
        }
        if (u >= 0xD800 && u <= 0xDBFF) {
          unsigned low = 0;
          if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') {
            p_ = escape;
            return Fail("a lone high surrogate escape");
          }
          p_ += 2;
          if (!Hex4(&low)) return false;
          if (low < 0xDC00 || low > 0xDFFF) {
            p_ = escape;
            return Fail("a lone high surrogate escape");
          }
        }
      } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' &&
                 e != 'n' && e != 'r' && e != 't') {
        p_ = escape;
        return Fail("an escape that JSON does not have");
      }
    }
  }

  // A string's text as written (String() checked its escapes) with its
  // escapes decoded, as protobuf's parser reads a key: "national\u005fid"
  // is "national_id".
  static std::string Unescaped(const std::string& raw) {
    if (raw.find('\\') == std::string::npos) return raw;
    std::string out;
    const char* p = raw.data();
    const char* const end = p + raw.size();
    while (p < end) {
      if (*p != '\\') {
        out.push_back(*p++);
        continue;
      }
      ++p;
      // String() checked every escape: none fails here.
      if (!AppendJsonEscape(&p, end, &out)) break;
    }
    return out;
  }

  // The key as protobuf's JSON mapping matches it, escapes decoded:
  // snake_case as lowerCamelCase ("national_id", "nationalId" and
  // "national\u005fid" name one field).
  static std::string FieldKey(const std::string& escaped) {
    const std::string raw = Unescaped(escaped);
    std::string out;
    bool upper = false;
    for (char c : raw) {
      if (c == '_') {
        upper = true;
        continue;
      }
      out.push_back(upper && c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
      upper = false;
    }
    return out;
  }

  bool Object(int depth) {
    if (depth > kMaxJsonDepth) {
      return Fail(absl::StrCat("objects and arrays nested deeper than ",
                               kMaxJsonDepth));
    }
    ++p_;
    Ws();
    if (p_ < end_ && *p_ == '}') {
      ++p_;
      return true;
    }
    std::set<std::string> keys;
    for (;;) {
      Ws();
      if (p_ == end_ || *p_ != '"') return Fail("an object key should be here");
      const char* at = p_;
      std::string key;
      if (!String(&key)) return false;
      if (key.empty()) {
        // protobuf's parser takes "" for no field at all and keeps the value
        // as unknown bytes, even when unknown keys are to be refused.
        p_ = at;
        return Fail("an empty key names no field");
      }
      if (!keys.insert(FieldKey(key)).second) {
        p_ = at;
        return Fail(
            absl::StrCat("the key \"", key, "\" is given twice in one object"));
      }
      Ws();
      if (p_ == end_ || *p_ != ':') return Fail("a ':' should be here");
      ++p_;
      Ws();
      if (!Value(depth)) return false;
      Ws();
      if (p_ < end_ && *p_ == ',') {
        ++p_;
        continue;
      }
      if (p_ < end_ && *p_ == '}') {
        ++p_;
        return true;
      }
      return Fail("a ',' or '}' should be here");
    }
  }

  bool Array(int depth) {
    if (depth > kMaxJsonDepth) {
      return Fail(absl::StrCat("objects and arrays nested deeper than ",
                               kMaxJsonDepth));
    }
    ++p_;
    Ws();
    if (p_ < end_ && *p_ == ']') {
      ++p_;
      return true;
    }
    for (;;) {
      Ws();
      if (!Value(depth)) return false;
      Ws();
      if (p_ < end_ && *p_ == ',') {
        ++p_;
        continue;
      }
      if (p_ < end_ && *p_ == ']') {
        ++p_;
        return true;
      }
      return Fail("a ',' or ']' should be here");
    }
  }

  const char* begin_;
  const char* p_;
  const char* end_;
  std::string error_;
  int64_t error_at_ = 0;
};

}  // namespace

bool AppendJsonEscape(const char** p, const char* end, std::string* out) {
  const char* q = *p;
  if (q == end) return false;
  const char e = *q++;
  switch (e) {
    case '"':
    case '\\':
    case '/':
      out->push_back(e);
      break;
    case 'b':
      out->push_back('\b');
      break;
    case 'f':
      out->push_back('\f');
      break;
    case 'n':
      out->push_back('\n');
      break;
    case 'r':
      out->push_back('\r');
      break;
    case 't':
      out->push_back('\t');
      break;
    case 'u': {
      uint32_t cp;
      if (end - q < 4 || !Hex4(q, &cp)) return false;
      q += 4;
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        uint32_t lo;
        if (end - q < 6 || q[0] != '\\' || q[1] != 'u' || !Hex4(q + 2, &lo) ||
            lo < 0xDC00 || lo > 0xDFFF) {
          return false;
        }
        q += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        return false;
      }
      AppendUtf8(cp, out);
      break;
    }
    default:
      return false;
  }
  *p = q;
  return true;
}

bool CheckJsonText(absl::string_view json, int64_t* offset, std::string* what) {
  return Checker(json).Run(offset, what);
}

}  // namespace internal
}  // namespace dangjian
