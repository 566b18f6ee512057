#!/bin/sh
# SPDX-License-Identifier: MIT
# Make a new database through our API (mkdb), shut down cleanly, and read it with another
# implementation of the format. It must read it without error and list the system tables as
# Windows' databases have them; where a Windows-made sample of the same page size is a fresh
# database plus one user table (objid 8), the tool's output for the system tables must equal the
# tool's output for the sample, the user table's rows left out.
#   interop.sh esedbinfo|esedbexport|impacket <mkdb> <work folder> <page size> <gen_esedbinfo_expect.sh>
# Exit 77 (skipped) when the tool is not installed: scripts/setup-debian installs libesedb-utils
# and python3-impacket. Samples come from $ESENT_SAMPLES_DIR (the `samples` test fixture).
set -eu
tool=$1 mkdb=$2 dir=$3 cb=$4 gen=$5
here=$(dirname "$0")
py=/usr/bin/python3

case $tool in
  esedbinfo|esedbexport)
    command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool is not installed (Debian package libesedb-utils)"; exit 77; } ;;
  impacket)
    "$py" -c 'import impacket.ese' 2>/dev/null || { echo "SKIP: impacket is not installed (Debian package python3-impacket)"; exit 77; } ;;
  *) echo "unknown tool $tool"; exit 2 ;;
esac

rm -rf "$dir"
mkdir -p "$dir"
"$mkdb" "$dir" "$cb" >/dev/null
db=$dir/new.edb

sample=
case $cb in
  4096) sample=dissect-esedb/default.edb ;;
  8192) sample=ese-parser/decompress_test.edb ;;
  32768) sample=dissect-esedb/large.edb ;;
esac
if [ -n "$sample" ] && [ -n "${ESENT_SAMPLES_DIR:-}" ] && [ -f "$ESENT_SAMPLES_DIR/$sample" ]; then
  sample=$ESENT_SAMPLES_DIR/$sample
else
  sample=
fi

fail() { echo "FAIL: $*"; exit 1; }

case $tool in
esedbinfo)
  esedbinfo "$db" >"$dir/esedbinfo.txt" 2>&1 || { cat "$dir/esedbinfo.txt"; fail "esedbinfo exited with $?"; }
  sh "$gen" "$db" >"$dir/tables.txt"
  printf 'MSysObjects\t28\t3\nMSysObjectsShadow\t28\t1\nMSysObjids\t3\t1\nMSysLocales\t3\t1\n' >"$dir/want.txt"
  diff "$dir/want.txt" "$dir/tables.txt" || fail "esedbinfo lists other tables (above: expected, got)"
  echo "esedbinfo reads the $cb-byte-page database: $(tr '\t\n' ' ;' <"$dir/tables.txt")"
  ;;
esedbexport)
  n=0
  for t in MSysObjects MSysObjectsShadow MSysObjids MSysLocales; do
    esedbexport -T "$t" -t "$dir/ours-$t" "$db" >"$dir/export-$t.log" 2>&1 || { cat "$dir/export-$t.log"; fail "esedbexport -T $t exited with $?"; }
    out=$dir/ours-$t.export/$t.$n
    [ -f "$out" ] || fail "esedbexport wrote no $t.$n"
    lines=$(wc -l <"$out")
    case $t in
      MSysObjects|MSysObjectsShadow) want=73 ;;    # a header line and 72 rows
      MSysObjids) want=7 ;;
      MSysLocales) want=8 ;;
    esac
    [ "$lines" -eq "$want" ] || fail "$t: $lines lines exported, expected $want"
    if [ -n "$sample" ]; then
      esedbexport -T "$t" -t "$dir/win-$t" "$sample" >/dev/null 2>&1 || fail "esedbexport cannot export $t of $sample"
      # MSysObjects rows and MSysObjids rows start with the table objid / objid; MSysLocales' with Type
      awk -F'\t' 'NR == 1 || $1 < 8' "$dir/win-$t.export/$t.$n" >"$dir/win-$t.txt"
      diff "$dir/win-$t.txt" "$out" >"$dir/diff-$t.txt" || { head -20 "$dir/diff-$t.txt"; fail "$t differs from $(basename "$sample")'s"; }
    fi
    n=$((n + 1))
  done
  echo "esedbexport exports the four system tables of the $cb-byte-page database${sample:+, equal to $(basename "$sample")'s}"
  ;;
impacket)
  "$py" "$here/impacket_list.py" "$db" >"$dir/impacket.txt" 2>&1 || { cat "$dir/impacket.txt"; fail "impacket's ese.py failed"; }
  printf 'MSysObjects\t28\t3\t72\nMSysObjectsShadow\t28\t1\t72\nMSysObjids\t3\t1\t6\nMSysLocales\t3\t1\t7\n' >"$dir/want.txt"
  diff "$dir/want.txt" "$dir/impacket.txt" || fail "impacket lists other tables or rows (above: expected, got)"
  if [ -n "$sample" ]; then
    "$py" "$here/impacket_list.py" "$sample" 8 >"$dir/impacket-win.txt" 2>&1 || fail "impacket cannot read $sample"
    diff "$dir/impacket-win.txt" "$dir/impacket.txt" || fail "impacket reads $(basename "$sample") otherwise"
  fi
  echo "impacket reads the $cb-byte-page database: $(tr '\t\n' ' ;' <"$dir/impacket.txt")"
  ;;
esac
