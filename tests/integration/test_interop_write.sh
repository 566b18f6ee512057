#!/bin/sh
# SPDX-License-Identifier: MIT
# A database made through our API with every column type, every index kind, long, multi-valued
# and compressed values (test_interop_write) must pass our integrity check and be read back
# equal by libesedb's esedbexport and impacket's ese.py (what each can read: see
# test_interop_write.c). test_interop_write itself reads every value back through our API first.
#   test_interop_write.sh <test_interop_write> <test_interop_write_check> <work folder> <page size> <rows>
# Exit 77 (skipped) when a tool is missing (scripts/setup-debian installs them).
set -eu
mk=$1 check=$2 dir=$3 cb=$4 rows=$5
py=/usr/bin/python3
rm -rf "$dir" && mkdir -p "$dir/chk"
"$mk" "$dir" "$cb" "$rows" >"$dir/expect.tsv" 2>"$dir/u64.tsv" || {
  grep -v '^[0-9]' "$dir/u64.tsv" | head -30; echo "FAIL: test_interop_write (writing or reading back)"; exit 1; }
"$check" "$dir/rows.edb" "$cb" "$dir/chk"
command -v esedbexport >/dev/null 2>&1 || { echo "SKIP: esedbexport is not installed (libesedb-utils)"; exit 77; }
"$py" -c 'import impacket.ese' 2>/dev/null || { echo "SKIP: impacket is not installed (python3-impacket)"; exit 77; }
esedbexport -T Every -t "$dir/ex" "$dir/rows.edb" >"$dir/export.log" 2>&1 || { cat "$dir/export.log"; echo "FAIL: esedbexport"; exit 1; }
"$py" - "$dir" <<'PY'
import glob, sys
from impacket.ese import ESENT_DB
d = sys.argv[1]
want = open(d + '/expect.tsv', encoding='latin-1').read().rstrip('\n').split('\n')
got = open(glob.glob(d + '/ex.export/Every.*')[0], encoding='utf-8', errors='replace').read().rstrip('\n').split('\n')
hdr = want[0].split('\t')
bad = 0
if want[0] != got[0] or len(want) != len(got):
    print('FAIL: esedbexport: header or row count differs (%d rows, want %d)' % (len(got) - 1, len(want) - 1))
    sys.exit(1)
sep = sepread = 0
for i, (w, g) in enumerate(zip(want[1:], got[1:])):
    ws, gs = w.split('\t'), g.split('\t')
    for j, x in enumerate(ws):
        y = gs[j] if j < len(gs) else None
        if x.startswith('~'):
            # a separated long value: equal, or nothing where libesedb cannot find it
            x = x[1:]
            sep += 1
            if y == x:
                sepread += 1
            elif y == '':
                continue
        if x != '?' and x != y:
            bad += 1
            if bad <= 5:
                print('FAIL: esedbexport row %d %s: %r, want %r' % (i + 1, hdr[j], (y or '')[:60], x[:60]))
if sep and not sepread:
    bad += 1
    print('FAIL: esedbexport reads none of the %d separated long values' % sep)
db = ESENT_DB(d + '/rows.edb')
u64 = [l.split('\t') for l in open(d + '/u64.tsv').read().split('\n') if l]
c = db.openTable('Unsigned64')
n = 0
while True:
    r = db.getNextRow(c)
    if r is None:
        break
    v = r[b'UnsignedLongLong']
    v = int.from_bytes(bytes.fromhex(v.decode()), 'little') if isinstance(v, bytes) else v
    if n >= len(u64) or [str(r[b'Id']), str(v)] != u64[n]:
        bad += 1
        print('FAIL: impacket Unsigned64 row %d' % (n + 1))
    n += 1
c = db.openTable('Every')
m = 0
while db.getNextRow(c) is not None:
    m += 1
if n != len(u64) or m != len(want) - 1:
    bad += 1
    print('FAIL: impacket reads %d and %d rows, want %d' % (n, m, len(u64)))
if bad:
    sys.exit(1)
print('esedbexport and impacket read back the %d rows (%d of %d separated long values through esedbexport)' % (m, sepread, sep))
PY
