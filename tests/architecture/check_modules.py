#!/usr/bin/env python3
"""Holds the module graph to one truth (docs/architecture.md).

    check_modules.py ROOT          check the tree at ROOT
    check_modules.py --self-test   plant each fault in a copy and see it caught

Fails (exit 1, naming each fault) when the table "Who may use whom" of
docs/architecture.md and the DANGJIAN_USES_<module> lists of
src/CMakeLists.txt differ, when a module of either is not a folder of src/
(or a folder of src/ is in neither, but for the programs cli and mpi), or
when a file of src/<module>/ includes a header of a module it may not use.
The programs (src/cli, src/mpi) may include their own headers only (mpi
also cli's): they use the public API.
"""

import os
import re
import sys

sys.dont_write_bytecode = True  # Nothing written into the source tree.
import tree_check  # noqa: E402

PROGRAMS = {"cli": {"cli"}, "mpi": {"cli", "mpi"}}


def doc_graph(root):
    text = open(os.path.join(root, "docs", "architecture.md"),
                encoding="utf-8").read()
    section = text.split("## Who may use whom", 1)[1].split("\n## ", 1)[0]
    graph = {}
    for line in section.splitlines():
        m = re.match(r"^\| `([a-z_]+)` \| (.*) \|$", line)
        if m:
            graph[m.group(1)] = set(re.findall(r"`([a-z_]+)`", m.group(2)))
    return graph


def cmake_graph(root):
    text = open(os.path.join(root, "src", "CMakeLists.txt"),
                encoding="utf-8").read()
    modules = re.search(r"set\(DANGJIAN_MODULES ([a-z_ ]+)\)", text)
    graph = {m: set() for m in modules.group(1).split()} if modules else {}
    for m, uses in re.findall(r"set\(DANGJIAN_USES_([a-z_]+) ([^)]*)\)", text):
        graph[m] = set(u for u in uses.replace('"', "").split() if u)
    return graph


def check(root):
    faults = []
    doc, cmake = doc_graph(root), cmake_graph(root)
    if not doc:
        faults.append("docs/architecture.md: no table under \"Who may use whom\"")
    if doc != cmake:
        faults.append("docs/architecture.md says %s; src/CMakeLists.txt says %s"
                      % (sorted((k, sorted(v)) for k, v in doc.items()),
                         sorted((k, sorted(v)) for k, v in cmake.items())))
    src = os.path.join(root, "src")
    folders = set(d for d in os.listdir(src)
                  if os.path.isdir(os.path.join(src, d)))
    for m in set(cmake) | set(doc):
        if m not in folders:
            faults.append("module %s has no folder src/%s" % (m, m))
    for d in folders - set(cmake) - set(PROGRAMS):
        faults.append("src/%s is no module of src/CMakeLists.txt" % d)
    for d in sorted(folders):
        allowed = PROGRAMS.get(d) or (cmake.get(d, set()) | {d})
        for name in sorted(os.listdir(os.path.join(src, d))):
            if not name.endswith((".h", ".cc")):
                continue
            path = os.path.join(src, d, name)
            for n, line in enumerate(open(path, encoding="utf-8"), 1):
                m = re.match(r'\s*#\s*include\s+"([a-z_]+)/', line)
                if m and m.group(1) in folders and m.group(1) not in allowed:
                    faults.append("src/%s/%s:%d: %s may not use %s (%s)"
                                  % (d, name, n, d, m.group(1), line.strip()))
    return faults


def append(path, line):
    """A plant: `line` added to the file `path` of the tree."""
    def plant(tmp):
        with open(os.path.join(tmp, path), "a", encoding="utf-8") as f:
            f.write(line)
    return plant


def doc_lets_aggregate_use_render(tmp):  # The page differs from CMake.
    path = os.path.join(tmp, "docs", "architecture.md")
    text = open(path, encoding="utf-8").read()
    text = text.replace("| `aggregate` | `core` |",
                        "| `aggregate` | `core`, `render` |")
    open(path, "w", encoding="utf-8").write(text)


PLANTS = [
    (append("src/aggregate/figures.h", '#include "validate/rules.h"\n'),
     "aggregate may not use validate"),
    (append("src/cli/main.cc", '#include "core/calendar.h"\n'),
     "cli may not use core"),
    (doc_lets_aggregate_use_render, "docs/architecture.md says"),
]

if __name__ == "__main__":
    sys.exit(tree_check.main("check_modules", __doc__, check,
                             ("src", "docs/architecture.md"), PLANTS))
