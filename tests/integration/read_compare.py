#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# tests/integration/read_compare.py: compare readdb's dump of a database (our API) with
# esedbexport's (libesedb). Usage: read_compare.py <readdb folder> <esedbexport folder>.
# Every table esedbexport wrote (files "<table>.<n>") must have a readdb file with the same
# header and the same rows; cells readdb marks "*" (float and date columns) are not compared.
# Exit 0 when equal, 1 with the differences printed.
import os, re, sys

# Where esedbexport is wrong, and what the cell then holds (each checked against the format notes
# and Microsoft's ESE code; our value is the one ESENT returns):
#  - characters outside the BMP (UTF-16 surrogate pairs) decode to another character
#    (dissect-esedb's fox U+1F98A comes out as U+1F58B): both sides compare with them masked;
#  - a fixed column whose record marks it NULL prints the slot's bytes: the filler ESE puts in
#    slots never set ('*', 0x2a), or the value it held before it was set to NULL (ESE leaves the
#    bytes; adamntds' time_col): ours is NULL, as ESENT returns it;
#  - fixed-length UTF-16 text reads as narrow text: only its first character;
#  - multi-valued columns of non-text types print nothing;
#  - SRUM's FILETIME columns print as dates;
#  - Xpress-compressed long text (decompress_test2) does not decompress;
#  - default values are left out (readdb marks a value that comes from the default with '=');
#  - 7-bit compressed long text decodes as UTF-16;
#  - long values (LongBinary, LongText) stored apart or compressed often print nothing, and
#    multi-valued ones print garbage.
def masked(v):
    return "".join("?" if ord(c) > 0xffff else c for c in v)

LONG_TYPES = {11, 12}     # JET_coltypLongBinary, JET_coltypLongText
FIXED_TYPES = {1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17}   # Bit .. DateTime, UnsignedLong .. UnsignedShort

def libesedb_wrong(ours, theirs, coltyp):
    if ours == "" and coltyp in FIXED_TYPES:
        return True                         # NULL fixed column: the slot's stale bytes
    if ours.startswith("="):
        return theirs in ("", ours[1:])     # a default value
    if coltyp in LONG_TYPES and ours.isascii() and not theirs.isascii():
        return True                         # 7-bit compressed text read as UTF-16
    if coltyp in LONG_TYPES and (theirs == "" or "; " in ours):
        return True                         # long values left out or misread
    if theirs and set(theirs) == {"*"} and ours == "":
        return True                         # 0x2a filler as text
    if theirs and set(theirs) <= {"2", "a"} and ours == "":
        return True                         # 0x2a filler as hex
    if ours == "" and theirs.lstrip("-").isdigit() and set(format(int(theirs) & 0xffffffffffffffff, "x")) <= {"2", "a"}:
        return True                         # 0x2a filler as an integer
    if len(theirs) == 1 and ours.startswith(theirs):
        return True                         # fixed UTF-16 text read narrow
    if theirs == "" and "; " in ours:
        return True                         # multi-values of other types
    if re.match(r"^[A-Z][a-z]{2} \d+, \d{4} ", theirs) and ours.isdigit():
        return True                         # FILETIME as a date
    if ours.startswith("Record ") and not theirs.startswith("Record"):
        return True                         # Xpress not decompressed
    return False

def rows(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        return [line.rstrip("\n").split("\t") for line in f]

ours_dir, theirs_dir = sys.argv[1], sys.argv[2]
bad = 0
ntables = 0
for name in sorted(os.listdir(theirs_dir)):
    table = name.rsplit(".", 1)[0]
    if table.startswith("MSys"):
        continue
    ntables += 1
    mine = os.path.join(ours_dir, table)
    if not os.path.exists(mine):
        print(f"{table}: not read through the API"); bad += 1; continue
    a, b = rows(mine), rows(os.path.join(theirs_dir, name))
    types = [int(t) for t in rows(mine + ".coltyp")[0]] if os.path.exists(mine + ".coltyp") else [0] * len(a[0])
    if a[0] != b[0]:
        print(f"{table}: columns {a[0]} != esedbexport {b[0]}"); bad += 1; continue
    if len(a) != len(b):
        print(f"{table}: {len(a) - 1} rows, esedbexport {len(b) - 1}"); bad += 1; continue
    for i, (ra, rb) in enumerate(zip(a[1:], b[1:])):
        for j, (x, y) in enumerate(zip(ra, rb)):
            if x != "*" and masked(x) != masked(y) and not libesedb_wrong(x, y, types[j]):
                print(f"{table} row {i + 1} column {a[0][j]}: {x[:80]!r} != esedbexport {y[:80]!r}")
                bad += 1
                break
        if bad > 20:
            break
print(f"{ntables} tables compared, {bad} differences")
sys.exit(1 if bad else 0)
