"""What the checks of the tree (check_modules.py, check_tests.py) share: the
command line, and a self-test that plants each fault in a copy of the tree
and sees it caught."""

import os
import shutil
import sys
import tempfile


def self_test(root, parts, plants, check):
    """Copies the folders `parts` of `root` into a scratch tree for each
    (plant, want) of `plants`, calls plant(scratch) and then check(scratch):
    true when a fault holding `want` is named every time, and the tree at
    `root` itself has none."""
    ok = True
    for plant, want in plants:
        with tempfile.TemporaryDirectory() as tmp:
            for part in parts:
                src = os.path.join(root, part)
                if os.path.isdir(src):
                    shutil.copytree(src, os.path.join(tmp, part),
                                    ignore=shutil.ignore_patterns("corpus", "*.o"))
                else:
                    os.makedirs(os.path.dirname(os.path.join(tmp, part)),
                                exist_ok=True)
                    shutil.copy(src, os.path.join(tmp, part))
            plant(tmp)
            faults = check(tmp)
            if not any(want in f for f in faults):
                print("self-test: %r planted, not caught: %s" % (want, faults))
                ok = False
    if check(root):
        print("self-test: the tree itself has faults")
        ok = False
    return ok


def main(name, doc, check, parts, plants):
    """`name ROOT` checks the tree at ROOT and prints each fault;
    `name --self-test ROOT` runs self_test(). Returns the exit status: 0
    without faults, 1 with, 2 for a wrong command line."""
    if len(sys.argv) == 3 and sys.argv[1] == "--self-test":
        ok = self_test(sys.argv[2], parts, plants, check)
        print("%s self-test: %s" % (name, "ok" if ok else "FAILED"))
        return 0 if ok else 1
    if len(sys.argv) != 2:
        print(doc)
        return 2
    faults = check(sys.argv[1])
    for f in faults:
        print(f)
    print("%s: %s" % (name, "ok" if not faults else "%d faults" % len(faults)))
    return 1 if faults else 0
