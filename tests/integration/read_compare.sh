#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/integration/read_compare.sh: read a sample through our API (readdb) and through libesedb
# (esedbexport) and compare (read_compare.py). Exit 77 (skip) without esedbexport or python3.
#   read_compare.sh <readdb> <database> <page size> <scratch folder> <read_compare.py>
set -eu
readdb=$1 db=$2 cb=$3 dir=$4 cmp=$5
command -v esedbexport >/dev/null 2>&1 || { echo "SKIP: esedbexport (libesedb-utils) is not installed"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed"; exit 77; }
rm -rf "$dir" && mkdir -p "$dir/ours" "$dir/work"
cp "$db" "$dir/work/db"
"$readdb" "$dir/work/db" "$cb" "$dir/ours"
esedbexport -t "$dir/theirs" "$dir/work/db" >/dev/null 2>&1 || { echo "esedbexport failed on $db"; exit 1; }
python3 "$cmp" "$dir/ours" "$dir/theirs.export"
