#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Compare a built esent.dll's (or libesent.so's) export table with Windows' list.

  check_exports.py pe <objdump> <esent.dll> <esent-exports[-x86].tsv> <esent-api-coverage.tsv>
  check_exports.py elf <nm> <libesent.so> <esent-exports.tsv>

PE: the same names with the same ordinals, nothing more; every name Windows exports at the RVA of
another (JetFoo and JetFoo@N, and the undecorated aliases of the A forms) shares that RVA here too.
ELF: the same names (ordinals do not exist there)."""
import re
import subprocess
import sys


def read_tsv(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                name, ordinal = line.split("\t")[:2]
                out.append((name, int(ordinal)))
    return out


def pe_exports(objdump, dll):
    text = subprocess.run([objdump, "-p", dll], check=True, capture_output=True, text=True).stdout
    m = re.search(r"Ordinal Base (\d+)", text)
    base = int(m.group(1)) if m else 1
    # Export Address Table: "\t[   0] +base[   1] 12340 Export RVA"
    rvas = {}
    for m in re.finditer(r"^\s*\[\s*\d+\]\s+\+base\[\s*(\d+)\]\s+([0-9a-f]+)\s+Export RVA", text, re.M):
        rvas[int(m.group(1))] = int(m.group(2), 16)
    # "[Ordinal/Name Pointer] Table" rows. binutils before 2.38 print "\t[   0] +base[   1] 0000 Name"
    # (the ordinal after +base); later ones "\t[   0] Name" (the ordinal less the base).
    names = {}
    i = text.find("[Ordinal/Name Pointer] Table")
    if i >= 0:
        for line in text[i:].splitlines()[1:]:
            m = re.match(r"^\s*\[\s*(\d+)\]\s+(?:\+base\[\s*(\d+)\]\s+[0-9a-f]+\s+)?(\S+)\s*$", line)
            if not m:
                break
            names[m.group(3)] = int(m.group(2)) if m.group(2) else int(m.group(1)) + base
    return names, rvas


def alias_groups(coverage, x86_names):
    """Names that must share one RVA (each group includes its A form)."""
    groups = []
    for line in open(coverage, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        if cols[2] == "plain=A-alias":
            groups.append({cols[0], cols[0] + "A"})
    groups.append({"JetSetTableInfo", "JetSetTableInfoA", "JetSetTableInfoW"})
    for n in x86_names:
        if "@" in n:
            base = n.split("@")[0]
            groups.append({n, base})
    return groups


def check_pe(objdump, dll, tsv, coverage):
    want = dict(read_tsv(tsv))
    names, rvas = pe_exports(objdump, dll)
    errors = []
    for n in sorted(set(want) - set(names)):
        errors.append("missing export %s" % n)
    for n in sorted(set(names) - set(want)):
        errors.append("unexpected export %s" % n)
    for n in sorted(set(want) & set(names)):
        if want[n] != names[n]:
            errors.append("%s: ordinal %d, Windows has %d" % (n, names[n], want[n]))
    for group in alias_groups(coverage, want.keys()):
        present = [n for n in group if n in names]
        rv = {n: rvas.get(names[n]) for n in present}
        if len(set(rv.values())) > 1:
            errors.append("these should share one RVA: %s" % rv)
    return errors, len(names)


def check_elf(nm, so, tsv):
    want = {n for n, _ in read_tsv(tsv)}
    text = subprocess.run([nm, "-D", "--defined-only", so], check=True, capture_output=True, text=True).stdout
    have = set()
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[1] in "TtDdBbRrVvWwAi":
            have.add(parts[2].split("@")[0])
    errors = ["missing export %s" % n for n in sorted(want - have)]
    errors += ["unexpected export %s" % n for n in sorted(have - want)]
    return errors, len(have)


def main():
    if sys.argv[1] == "pe":
        errors, count = check_pe(*sys.argv[2:6])
    else:
        errors, count = check_elf(*sys.argv[2:5])
    for e in errors:
        print(e)
    print("%d exports checked, %d problems" % (count, len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
