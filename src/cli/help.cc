#include "cli/help.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "dangjian/version.h"

namespace dangjian {
namespace cli {
namespace {

// Text as roff reads it: a backslash written \e, a line that starts with a
// dot or an apostrophe (a request) guarded by \&, a hyphen that is a minus
// (in flags) as \-, and each character past ASCII (党员, –) as \[uXXXX], which
// groff reads whatever the locale, without preconv.
std::string Roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    line_start = c == '\n';
    if (c >= 0x80) {
      // UTF-8 (the tables are ours, and valid): the code point's bytes.
      const int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      uint32_t cp = c & (0x7F >> n);
      for (int k = 1; k < n && i + 1 < text.size(); ++k) {
        cp = cp << 6 | (static_cast<unsigned char>(text[++i]) & 0x3F);
      }
      absl::StrAppend(&out, "\\[u", absl::StrFormat("%04X", cp), "]");
    } else if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// Whether a flag's value names a file (completed with file names).
bool TakesFile(const FlagSpec& f) {
  return f.takes_value && (f.value_name == "PATH" || f.value_name == "FILE");
}

}  // namespace

std::string ProgramHelp(const std::vector<Command>& commands) {
  std::string out = absl::StrCat(
      "dangjian ", VersionString(),
      ": ledgers of party building in non-public economic and social\n"
      "organizations: generate, check, convert and report them.\n\n"
      "Usage: dangjian COMMAND [OPTIONS] [FILES]\n\nCommands:\n");
  for (const Command& c : commands) {
    std::string name = c.name;
    name.resize(10, ' ');
    absl::StrAppend(&out, "  ", name, " ", c.summary, "\n");
  }
  absl::StrAppend(
      &out,
      "\nRun 'dangjian help COMMAND' (or 'dangjian COMMAND --help') for a "
      "command's\noptions and an example; 'dangjian --version' for the "
      "version. 'man dangjian'\nhas it all; 'dangjian help --man' and "
      "'dangjian help --bash-completion' print\nthe man page and the bash "
      "completion that the package installs.\n"
      "Exit status: 0 done; 1 the data has ERROR findings; 2 the run "
      "failed\n(nothing written; a damaged input file included); 3 written "
      "from damaged\ninput (--allow-damaged).\n");
  return out;
}

std::string CommandHelp(const Command& command) {
  return absl::StrCat(command.usage, "\n", FlagsHelp(command.flags));
}

std::string ManPage(const std::vector<Command>& commands) {
  std::string out = absl::StrCat(
      ".TH DANGJIAN 1 \"\" \"dangjian ", VersionString(),
      "\" \"User Commands\"\n"
      ".SH NAME\n"
      "dangjian \\- generate, check, convert and report ledgers of party "
      "building in non\\-public economic and social organizations\n"
      ".SH SYNOPSIS\n"
      ".B dangjian\n"
      ".I COMMAND\n"
      "[\\fIOPTIONS\\fR] [\\fIFILES\\fR]\n.br\n"
      ".B dangjian help\n"
      "[\\fICOMMAND\\fR]\n.br\n"
      ".B dangjian \\-\\-version\n"
      ".SH DESCRIPTION\n"
      "County organization departments keep ledgers of every private "
      "enterprise,\nindividual business and social organization: its party "
      "members, its party\norganization, venue, funding, star rating, "
      "instructors and activities.\n.B dangjian\n"
      "checks them against the regulations, reports the \"four 100%\" "
      "coverage and\nevery indicator with worklists of the units that fall "
      "short, merges partial\nreports up the region tree and converts "
      "between the exchange formats\n(record streams, JSON, CSV ledgers, "
      "Excel workbooks).\n"
      ".SH COMMANDS\n");
  for (const Command& c : commands) {
    absl::StrAppend(&out, ".SS ", c.name, "\n", Roff(c.summary), ".\n",
                    ".PP\n.nf\n", Roff(c.usage), ".fi\n");
    for (const FlagSpec& f : c.flags) {
      std::string head = "\\fB";
      if (f.short_name != 0) {
        absl::StrAppend(&head, "\\-", std::string(1, f.short_name),
                        "\\fR, \\fB");
      }
      absl::StrAppend(&head, "\\-\\-", Roff(f.name), "\\fR");
      if (f.takes_value) absl::StrAppend(&head, " \\fI", f.value_name, "\\fR");
      absl::StrAppend(&out, ".TP\n", head, "\n", Roff(f.help));
      if (!f.default_value.empty()) {
        absl::StrAppend(&out, " (default: ", Roff(f.default_value), ")");
      }
      out += "\n";
    }
    absl::StrAppend(&out, ".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\n",
                    "the command's help.\n");
  }
  absl::StrAppend(
      &out,
      ".SH EXIT STATUS\n"
      ".TP\n0\ndone.\n"
      ".TP\n1\nthe data has ERROR findings (validate, report).\n"
      ".TP\n2\nthe run failed and nothing was written; also when an input "
      "file could not be\nread whole.\n"
      ".TP\n3\nwritten from damaged input (\\-\\-allow\\-damaged).\n"
      ".SH FILES\n"
      "The library's documentation, with the ledger format, the rule "
      "catalogue and\nthe report's figures, is in the source tree's "
      "\\fIdocs/\\fR folder; the Python\nhelper for the exchange formats is "
      "installed in\n\\fIshare/dangjian/python/\\fR.\n");
  return out;
}

std::string BashCompletion(const std::vector<Command>& commands) {
  std::vector<std::string> names;
  for (const Command& c : commands) names.push_back(c.name);
  std::string out = absl::StrCat(
      "# bash completion for dangjian ", VersionString(),
      "; made by 'dangjian help --bash-completion'.\n"
      "_dangjian() {\n"
      "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
      "  local commands='",
      absl::StrJoin(names, " "),
      " help'\n"
      "  if [[ $COMP_CWORD -eq 1 ]]; then\n"
      "    COMPREPLY=($(compgen -W \"$commands --help --version\" -- "
      "\"$cur\"))\n"
      "    return\n"
      "  fi\n"
      "  local flags='' files='' values=''\n"
      "  case ${COMP_WORDS[1]} in\n"
      "    help)\n"
      "      [[ $COMP_CWORD -eq 2 ]] && COMPREPLY=($(compgen -W \"",
      absl::StrJoin(names, " "),
      "\" -- \"$cur\"))\n"
      "      return ;;\n");
  for (const Command& c : commands) {
    // Every flag; those whose value is a file; those whose value is not.
    std::vector<std::string> flags, files, values;
    for (const FlagSpec& f : c.flags) {
      std::vector<std::string> spellings = {absl::StrCat("--", f.name)};
      if (f.short_name != 0) {
        spellings.push_back(absl::StrCat("-", std::string(1, f.short_name)));
      }
      std::vector<std::string>* kind = !f.takes_value ? nullptr
                                       : TakesFile(f) ? &files
                                                      : &values;
      for (const std::string& s : spellings) {
        flags.push_back(s);
        if (kind != nullptr) kind->push_back(s);
      }
    }
    flags.push_back("--help");
    absl::StrAppend(&out, "    ", c.name, ")\n      flags='",
                    absl::StrJoin(flags, " "), "'\n      files='",
                    absl::StrJoin(files, " "), "'\n      values='",
                    absl::StrJoin(values, " "), "' ;;\n");
  }
  absl::StrAppend(&out,
                  "    *) return ;;\n"
                  "  esac\n"
                  "  if [[ \" $files \" == *\" $prev \"* ]]; then\n"
                  "    mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n"
                  "  elif [[ \" $values \" == *\" $prev \"* ]]; then\n"
                  "    COMPREPLY=()  # a number, a year, a format: see --help\n"
                  "  elif [[ $cur == -* ]]; then\n"
                  "    COMPREPLY=($(compgen -W \"$flags\" -- \"$cur\"))\n"
                  "  else\n"
                  "    mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n"
                  "  fi\n"
                  "}\n"
                  "complete -o filenames -F _dangjian dangjian\n");
  return out;
}

}  // namespace cli
}  // namespace dangjian
