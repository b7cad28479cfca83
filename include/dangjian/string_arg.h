// StringArg: the type of every string parameter of the API (a path, a name,
// text, bytes), so that a caller may pass whichever string type it holds.
#ifndef DANGJIAN_STRING_ARG_H_
#define DANGJIAN_STRING_ARG_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

#include "absl/strings/string_view.h"

namespace dangjian {

// A string handed to a dangjian function. It converts implicitly from
// std::string_view, absl::string_view, std::string, a string literal and a
// C string, so a caller passes whichever it holds. (Debian 12's abseil is
// built with ABSL_OPTION_USE_STD_STRING_VIEW 0: there absl::string_view is a
// type of its own, which std::string_view does not convert to, so a function
// taking either view alone would refuse callers holding the other.)
//
// Like both views it refers to the caller's characters without copying them;
// they need only outlive the call. It is a parameter type: do not store one.
// Two words wide and trivially copyable, it is passed in registers, as a view
// is.
//
// Example:
//   std::string_view path = "county.djr";      // or absl::string_view,
//   auto reader = dangjian::OpenRecordReader(path);  // std::string, "..."
class StringArg {
 public:
  // The empty string (`{}`).
  StringArg() = default;
  // `size` characters at `data` (`{data, size}`).
  StringArg(const char* data, std::size_t size) : view_(data, size) {}
  // A null pointer is taken as the empty string.
  StringArg(const char* text)  // NOLINT(google-explicit-constructor)
      : view_(text == nullptr ? absl::string_view() : absl::string_view(text)) {
  }
  // A std::string, or a string of another allocator (std::pmr::string).
  template <typename Allocator>
  StringArg(  // NOLINT(google-explicit-constructor)
      const std::basic_string<char, std::char_traits<char>, Allocator>& text)
      : view_(text.data(), text.size()) {}
  StringArg(std::string_view text)  // NOLINT(google-explicit-constructor)
      : view_(text.data(), text.size()) {}
#if !defined(ABSL_USES_STD_STRING_VIEW)
  StringArg(absl::string_view text)  // NOLINT(google-explicit-constructor)
      : view_(text) {}
#endif
  // Any other type that converts to either view (a type of the caller's
  // with an operator absl::string_view(), say).
  template <typename T,
            std::enable_if_t<
                !std::is_convertible_v<const T&, const char*> &&
                    (std::is_convertible_v<const T&, absl::string_view> ||
                     std::is_convertible_v<const T&, std::string_view>),
                int> = 0>
  StringArg(const T& text)  // NOLINT(google-explicit-constructor)
      : view_(ViewOf(text)) {}

  // The string as abseil's view (the type the library works in).
  operator absl::string_view() const {  // NOLINT(google-explicit-constructor)
    return view_;
  }
  absl::string_view view() const { return view_; }
  // The string as the standard view.
  std::string_view std_view() const {
    return std::string_view(view_.data(), view_.size());
  }
  const char* data() const { return view_.data(); }
  std::size_t size() const { return view_.size(); }
  bool empty() const { return view_.empty(); }

 private:
  template <typename T>
  static absl::string_view ViewOf(const T& text) {
    if constexpr (std::is_convertible_v<const T&, absl::string_view>) {
      return static_cast<absl::string_view>(text);
    } else {
      const std::string_view v = text;
      return absl::string_view(v.data(), v.size());
    }
  }

  absl::string_view view_;
};

}  // namespace dangjian

#endif  // DANGJIAN_STRING_ARG_H_
