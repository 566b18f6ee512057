#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# tests/integration/read_esentoutput.py: compare readdb's dump of ese-parser's decompress_test.edb
# with esentoutput2.txt, the dump esent.dll itself made of it (the compressed text and binary
# columns as Windows decompresses them). Usage: read_esentoutput.py <readdb folder> <esentoutput2.txt>
import os, sys

ours_dir, ref = sys.argv[1], sys.argv[2]
tables, cur = {}, None
with open(ref, encoding="utf-8", errors="replace") as f:
    for line in f:
        line = line.rstrip("\n")
        if line.startswith("table "):
            cur = line[6:].strip(); tables[cur] = []
        elif line.startswith("|") and cur is not None:
            tables[cur].append([c.strip() for c in line.strip("|").split("|")])
bad, checked = 0, 0
for table, rows in tables.items():
    if table.startswith("MSys") or not rows:
        continue
    mine = os.path.join(ours_dir, table)
    if not os.path.exists(mine):
        print(f"{table}: not read through the API"); bad += 1; continue
    with open(mine, encoding="utf-8") as f:
        ours = [l.rstrip("\n").split("\t") for l in f]
    head, body = rows[0], rows[1:]
    if len(ours) - 1 != len(body):
        print(f"{table}: {len(ours) - 1} rows, esent.dll {len(body)}"); bad += 1; continue
    idx = {name: i for i, name in enumerate(ours[0])}
    for r, (theirs, mrow) in enumerate(zip(body, ours[1:])):
        for j, name in enumerate(head):
            if name not in idx:
                print(f"{table}: no column {name}"); bad += 1; continue
            x, y = mrow[idx[name]], theirs[j]
            if " bytes: " in y:
                # "<n> bytes: <first 16 bytes in hex> ..."
                n, hexes = y.split(" bytes: ")
                want = "".join(hexes.replace("...", "").split())
                ok = len(x) == 2 * int(n) and x.startswith(want)
            else:
                ok = x.rstrip() == y.rstrip()
            checked += 1
            if not ok:
                print(f"{table} row {r + 1} column {name}: {x[:60]!r} != esent.dll {y[:60]!r}"); bad += 1
print(f"{checked} values compared with esent.dll's dump, {bad} differences")
sys.exit(1 if bad or not checked else 0)
