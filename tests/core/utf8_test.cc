// core/utf8.h's fast paths (the inline check of short strings, the SSE2 scan
// of ASCII, the SSSE3 check of 16 bytes or more of other text, the run of
// Chinese characters) give the answer of the plain one-code-point-at-a-time
// check on every input, passing and failing.
#include "core/utf8.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "testing/utf8_reference.h"

namespace dangjian {
namespace internal {
namespace {

using testing::WellFormed;

// All four entry points, each on its own copy of `s` (so that a read past
// the end shows under AddressSanitizer), must say `expected`.
void ExpectAll(const std::string& s, bool expected, const std::string& what) {
  const std::vector<char> copy(s.begin(), s.end());
  const absl::string_view v(copy.data(), copy.size());
  EXPECT_EQ(IsValidUtf8Scalar(v), expected) << what;
  EXPECT_EQ(IsValidUtf8Scan(v), expected) << what;
  EXPECT_EQ(IsValidUtf8(v), expected) << what;
  EXPECT_EQ(IsValidUtf8Upto32(v), expected) << what;
}

TEST(Utf8Test, EmptyAndAscii) {
  ExpectAll("", true, "empty");
  std::string s;
  for (int n = 1; n <= 80; ++n) {
    s.push_back(static_cast<char>('0' + n % 40));
    ExpectAll(s, true, "ascii of " + std::to_string(n));
  }
}

TEST(Utf8Test, EveryShortSequenceAsUnicodeSays) {
  // Every lead byte 80-FF, every second byte and, for 3- and 4-byte leads,
  // every third byte 70-C7 (Unicode's bounds all lie in 80-BF), then a
  // fourth 80 or 7F; after ASCII prefixes that put the sequence in the
  // inline, the word and the SSE2 part of each path, or Chinese text.
  int64_t accepted = 0, refused = 0;
  const std::vector<std::string> prefixes = {"",
                                             "a",
                                             "abc",
                                             "abcdefg",
                                             "abcdefghijklmno",
                                             "abcdefghijklmnopq",
                                             "单位",
                                             "单位abcdefghijklmnopqrstuvwxyz"};
  for (const std::string& prefix : prefixes) {
    for (int c = 0x80; c <= 0xFF; ++c) {
      for (int d = 0x70; d <= 0xC7; ++d) {
        const bool three = c >= 0xE0;
        for (int e = three ? 0x70 : -1; e <= (three ? 0xC7 : -1); ++e) {
          for (int f : {-1, 0x7F, 0x80}) {
            if (f >= 0 && c < 0xF0) continue;
            std::string text = prefix;
            text.push_back(static_cast<char>(c));
            text.push_back(static_cast<char>(d));
            if (e >= 0) text.push_back(static_cast<char>(e));
            if (f >= 0) text.push_back(static_cast<char>(f));
            const bool ok = WellFormed(text);
            ASSERT_EQ(IsValidUtf8Scalar(text), ok) << text;
            ASSERT_EQ(IsValidUtf8Scan(text), ok) << text;
            ASSERT_EQ(IsValidUtf8(text), ok) << text;
            ++(ok ? accepted : refused);
          }
        }
      }
    }
  }
  EXPECT_GT(accepted, 8 * 14 * 64 * 64);  // E1-EC, EE-EF after each prefix.
  EXPECT_GT(refused, accepted);
}

TEST(Utf8Test, BadBytesAtEveryPositionOfEveryLength) {
  // Text of every length 1..64 (ASCII, Chinese, mixed), well formed, then
  // with each bad sequence written over it at every position.
  const std::vector<std::string> fillers = {"a", "单", "a单", "ab\xc3\xa9",
                                            "\xf0\x9f\x98\x80x"};
  const std::vector<std::string> bad = {"\x80",
                                        "\xff",
                                        "\xc0\xaf",
                                        "\xc3\x28",
                                        "\xe5\x85",
                                        "\xed\xa0\x80",
                                        "\xe0\x80\xaf",
                                        "\xf4\x90\x80\x80",
                                        "\xf0\x8f\xbf\xbf",
                                        "\xf8\x88\x80\x80",
                                        "\xe5\x85\x28"};
  int64_t refused = 0, total = 0;
  for (const std::string& filler : fillers) {
    for (size_t n = 1; n <= 64; ++n) {
      std::string text;
      while (text.size() < n) text += filler;
      // Whole code points only: cut at the last boundary within n bytes.
      while (text.size() > n) text.pop_back();
      while (!WellFormed(text)) text.pop_back();
      ExpectAll(text, true, "filler " + filler + " n " + std::to_string(n));
      for (const std::string& b : bad) {
        for (size_t at = 0; at <= text.size(); ++at) {
          // A bad sequence written over the middle of a code point can make
          // a good one (E5 8D + 80): the reference decides.
          std::string t = text.substr(0, at) + b;
          if (t.size() < text.size()) t += text.substr(t.size());
          const bool expected = WellFormed(t);
          refused += !expected;
          ++total;
          ExpectAll(t, expected,
                    "n " + std::to_string(n) + " at " + std::to_string(at));
          if (::testing::Test::HasFailure()) return;
        }
      }
    }
  }
  EXPECT_GT(refused, total / 2);
}

TEST(Utf8Test, RandomTextAgreesWithTheReference) {
  // Bytes drawn mostly from ASCII, lead and continuation bytes, so that most
  // strings are nearly well formed.
  std::mt19937 rng(20171);
  const std::string alphabet =
      "abc012-\x80\x8f\x90\x9f\xa0\xbf\xc2\xdf\xe0\xe5\xed\xef\xf0\xf4\xf5";
  int64_t valid = 0;
  for (int i = 0; i < 200000; ++i) {
    std::string s;
    const int n = static_cast<int>(rng() % 48);
    for (int k = 0; k < n; ++k) {
      if (rng() % 4 == 0) {
        s += "单位";
      } else {
        s.push_back(alphabet[rng() % alphabet.size()]);
      }
    }
    const bool ok = WellFormed(s);
    valid += ok;
    ASSERT_EQ(IsValidUtf8(s), ok) << i;
    ASSERT_EQ(IsValidUtf8Upto32(s), ok) << i;
    ASSERT_EQ(IsValidUtf8Scan(s), ok) << i;
    ASSERT_EQ(IsValidUtf8Scalar(s), ok) << i;
  }
  EXPECT_GT(valid, 1000);
}

// Valid text is kept as it is; each byte of a broken sequence (a GBK file
// name, a cut character, a lone continuation) becomes one U+FFFD.
TEST(ToValidUtf8Test, BadBytesReplacedTheRestKept) {
  EXPECT_EQ(ToValidUtf8(""), "");
  EXPECT_EQ(ToValidUtf8("r110101.djr"), "r110101.djr");
  EXPECT_EQ(ToValidUtf8("\xE5\x8D\x95\xE4\xBD\x8D.csv"),
            "\xE5\x8D\x95\xE4\xBD\x8D.csv");  // 单位.csv
  // 单位 in GBK: B5 A5 is no UTF-8 (a lone continuation byte each); CE BB
  // happens to be one (U+03BB) and stays.
  EXPECT_EQ(ToValidUtf8("\xB5\xA5\xCE\xBB.csv"),
            "\xEF\xBF\xBD\xEF\xBF\xBD\xCE\xBB.csv");
  EXPECT_EQ(ToValidUtf8("a\xE5\x8D"), "a\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(ToValidUtf8("\x80x\xF0\x9F\x98\x80"),
            "\xEF\xBF\xBDx\xF0\x9F\x98\x80");
  for (const char* bad :
       {"\xB5\xA5", "a\xE5\x8D", "\xC0\xAF", "\xED\xA0\x80"}) {
    EXPECT_FALSE(IsValidUtf8(bad)) << bad;
    EXPECT_TRUE(IsValidUtf8(ToValidUtf8(bad))) << bad;
  }
}

TEST(EscapeControlsTest, ControlsEscapedTheRestKept) {
  EXPECT_EQ(EscapeControls("单位 h1, 2017"), "单位 h1, 2017");
  EXPECT_EQ(EscapeControls(""), "");
  EXPECT_EQ(EscapeControls("a\x1b]2;x\x07"
                           "b"),
            "a\\x1B]2;x\\x07b");
  EXPECT_EQ(EscapeControls(std::string("\0\n\x7f", 3)), "\\x00\\x0A\\x7F");
  // C1 controls (U+009B, the one-byte CSI), not the letters after them.
  EXPECT_EQ(EscapeControls("\xc2\x9b"
                           "31m\xc2\xa0"),
            "\\u009B31m\xc2\xa0");
  // A lone 0xC2 at the end is kept as it is.
  EXPECT_EQ(EscapeControls("\xc2"), "\xc2");
}

}  // namespace
}  // namespace internal
}  // namespace dangjian
