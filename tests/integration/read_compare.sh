#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/integration/read_compare.sh: read a sample through our API (readdb) and through libesedb
# (esedbexport) and compare (read_compare.py); with a sixth argument, also compare with that
# dump esent.dll made (read_esentoutput.py). Exit 77 (skip) without python3, or without
# esedbexport once the esent.dll comparison (if any) has passed.
#   read_compare.sh <readdb> <database> <page size> <scratch folder> <read_compare.py> [esentoutput.txt]
set -eu
readdb=$1 db=$2 cb=$3 dir=$4 cmp=$5 ref=${6:-}
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed"; exit 77; }
rm -rf "$dir" && mkdir -p "$dir/ours" "$dir/work"
cp "$db" "$dir/work/db"
"$readdb" "$dir/work/db" "$cb" "$dir/ours"
if [ -n "$ref" ]; then
  python3 "$(dirname "$cmp")/read_esentoutput.py" "$dir/ours" "$ref"
fi
command -v esedbexport >/dev/null 2>&1 || { echo "SKIP: esedbexport (libesedb-utils) is not installed"; exit 77; }
esedbexport -t "$dir/theirs" "$dir/work/db" >/dev/null 2>&1 || { echo "esedbexport failed on $db"; exit 1; }
python3 "$cmp" "$dir/ours" "$dir/theirs.export"
