#!/usr/bin/env python3
"""Holds every source file of src/ to a test (tests/README.md).

    check_tests.py ROOT               check the tree at ROOT
    check_tests.py --self-test ROOT   plant each fault in a copy and see it caught

A source file src/<folder>/<name>.cc is covered by tests/<folder>/<name>_test.cc
or by the tests its row of the table "Which test covers which source" of
tests/README.md names. Fails (exit 1, naming each fault) when a source file
has neither, or when a row names a test file that does not exist or a
source file that does not exist. (A *_test.cc at the top of tests/ fails the
configure step: tests/CMakeLists.txt.)
"""

import glob
import os
import re
import sys

sys.dont_write_bytecode = True  # Nothing written into the source tree.
import tree_check  # noqa: E402


def table(root):
    text = open(os.path.join(root, "tests", "README.md"),
                encoding="utf-8").read()
    section = text.split("## Which test covers which source", 1)[1]
    rows = {}
    for line in section.splitlines():
        m = re.match(r"^\| `(src/[^`]+)` \| (.*) \|$", line)
        if m:
            rows[m.group(1)] = re.findall(r"`(tests/[^`]+)`", m.group(2))
    return rows


def check(root):
    faults = []
    rows = table(root)
    if not rows:
        faults.append("tests/README.md: no rows under "
                      "\"Which test covers which source\"")
    sources = sorted(os.path.relpath(p, root) for p in
                     glob.glob(os.path.join(root, "src", "*", "*.cc")))
    for source in sources:
        folder, name = source.split("/")[1], os.path.basename(source)[:-3]
        own = os.path.join(root, "tests", folder, name + "_test.cc")
        if not os.path.exists(own) and source not in rows:
            faults.append("%s: no tests/%s/%s_test.cc and no row in "
                          "tests/README.md" % (source, folder, name))
    for source, tests in rows.items():
        if not os.path.exists(os.path.join(root, source)):
            faults.append("tests/README.md: %s is no source file" % source)
        if not tests:
            faults.append("tests/README.md: %s names no test" % source)
        for test in tests:
            if not os.path.exists(os.path.join(root, test)):
                faults.append("tests/README.md: %s for %s does not exist"
                              % (test, source))
    return faults


def new_source(tmp):  # A source file with no test and no row.
    open(os.path.join(tmp, "src", "core", "untested.cc"), "w").close()


def missing_test(tmp):  # A row naming a test that is not there.
    os.remove(os.path.join(tmp, "tests", "pipeline", "pipeline_test.cc"))


def gone_source(tmp):  # A row for a source file that was removed.
    os.remove(os.path.join(tmp, "src", "io", "json_check.cc"))


PLANTS = [(new_source, "src/core/untested.cc: no tests/core/untested_test.cc"),
          (missing_test, "tests/pipeline/pipeline_test.cc for"),
          (gone_source, "src/io/json_check.cc is no source file")]

if __name__ == "__main__":
    sys.exit(tree_check.main("check_tests", __doc__, check, ("src", "tests"),
                             PLANTS))
