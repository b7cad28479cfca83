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
import shutil
import sys
import tempfile

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


def self_test(root):
    plants = [
        ("src/aggregate/figures.h", '#include "validate/rules.h"\n',
         "aggregate may not use validate"),
        ("src/cli/main.cc", '#include "core/calendar.h"\n',
         "cli may not use core"),
        ("docs/architecture.md", None, "docs/architecture.md says"),
    ]
    ok = True
    for path, line, want in plants:
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copytree(os.path.join(root, "src"), os.path.join(tmp, "src"),
                            ignore=shutil.ignore_patterns("*.o"))
            os.makedirs(os.path.join(tmp, "docs"))
            shutil.copy(os.path.join(root, "docs", "architecture.md"),
                        os.path.join(tmp, "docs"))
            target = os.path.join(tmp, path)
            if line is not None:
                with open(target, "a", encoding="utf-8") as f:
                    f.write(line)
            else:  # The doc lets aggregate use render: differs from CMake.
                text = open(target, encoding="utf-8").read()
                text = text.replace("| `aggregate` | `core` |",
                                    "| `aggregate` | `core`, `render` |")
                open(target, "w", encoding="utf-8").write(text)
            faults = check(tmp)
            if not any(want in f for f in faults):
                print("self-test: %s planted, not caught: %s" % (want, faults))
                ok = False
    if check(root):
        print("self-test: the tree itself has faults")
        ok = False
    return ok


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--self-test":
        ok = self_test(sys.argv[2])
        print("check_modules self-test: %s" % ("ok" if ok else "FAILED"))
        return 0 if ok else 1
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    faults = check(sys.argv[1])
    for f in faults:
        print(f)
    print("check_modules: %s" % ("ok" if not faults else
                                  "%d faults" % len(faults)))
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
