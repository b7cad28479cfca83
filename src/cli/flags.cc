#include "cli/flags.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace dangjian {
namespace cli {

bool Args::Has(absl::string_view name) const {
  return values_.find(name) != values_.end();
}

std::string Args::Get(absl::string_view name) const {
  auto it = values_.find(name);
  if (it != values_.end()) return it->second;
  auto d = defaults_.find(name);
  return d == defaults_.end() ? std::string() : d->second;
}

absl::StatusOr<int64_t> Args::GetInt(absl::string_view name) const {
  std::string text = Get(name);
  // Allow 10_000_000 and 10,000,000 for readability.
  text.erase(std::remove_if(text.begin(), text.end(),
                            [](char c) { return c == '_' || c == ','; }),
             text.end());
  int64_t v;
  if (!absl::SimpleAtoi(text, &v)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--", name, " wants a whole number, not '", Get(name), "'"));
  }
  return v;
}

absl::StatusOr<double> Args::GetDouble(absl::string_view name) const {
  double v;
  if (!absl::SimpleAtod(Get(name), &v)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", name, " wants a number, not '", Get(name), "'"));
  }
  return v;
}

absl::StatusOr<Args> ParseArgs(const std::vector<FlagSpec>& specs,
                               const std::vector<std::string>& argv) {
  Args args;
  for (const FlagSpec& s : specs) {
    if (!s.default_value.empty()) args.defaults_[s.name] = s.default_value;
  }
  auto find = [&](absl::string_view name, bool is_short) -> const FlagSpec* {
    for (const FlagSpec& s : specs) {
      if (is_short ? (name.size() == 1 && s.short_name == name[0])
                   : s.name == name) {
        return &s;
      }
    }
    return nullptr;
  };
  for (size_t i = 0; i < argv.size(); ++i) {
    absl::string_view a = argv[i];
    if (a == "--") {
      for (++i; i < argv.size(); ++i) args.positional_.push_back(argv[i]);
      break;
    }
    if (a == "-" || a.empty() || a[0] != '-') {
      args.positional_.emplace_back(a);
      continue;
    }
    const bool is_short = a.size() >= 2 && a[1] != '-';
    absl::string_view body = is_short ? a.substr(1) : a.substr(2);
    std::string value;
    bool has_value = false;
    if (size_t eq = body.find('=');
        !is_short && eq != absl::string_view::npos) {
      value = std::string(body.substr(eq + 1));
      body = body.substr(0, eq);
      has_value = true;
    }
    const FlagSpec* spec = find(body, is_short);
    if (spec == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown option '", a, "'; see --help"));
    }
    if (!spec->takes_value) {
      if (has_value) {
        return absl::InvalidArgumentError(
            absl::StrCat("--", spec->name, " takes no value"));
      }
      args.values_[spec->name] = "true";
      continue;
    }
    if (!has_value) {
      if (i + 1 >= argv.size()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "option '", a, "' wants a value (", spec->value_name, ")"));
      }
      value = argv[++i];
    }
    args.values_[spec->name] = value;
  }
  return args;
}

std::string FlagsHelp(const std::vector<FlagSpec>& specs) {
  std::string out = "Options:\n";
  for (const FlagSpec& s : specs) {
    std::string left = "  ";
    if (s.short_name != 0)
      absl::StrAppend(&left, "-", std::string(1, s.short_name), ", ");
    absl::StrAppend(&left, "--", s.name);
    if (s.takes_value) absl::StrAppend(&left, " ", s.value_name);
    if (left.size() < 28) left.resize(28, ' ');
    absl::StrAppend(&out, left, " ", s.help);
    if (!s.default_value.empty())
      absl::StrAppend(&out, " (default: ", s.default_value, ")");
    out += "\n";
  }
  absl::StrAppend(&out, "  -h, --help                   this text\n");
  return out;
}

}  // namespace cli
}  // namespace dangjian
