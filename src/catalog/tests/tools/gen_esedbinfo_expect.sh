#!/bin/sh
# SPDX-License-Identifier: MIT
# What Debian's esedbinfo (libesedb-utils) says about a database's catalog, one line per table:
#   <table name> TAB <number of columns> TAB <number of indexes>
# The catalog tests compare catalog_load_table's results with these files:
#   gen_esedbinfo_expect.sh DB > ../data/esedbinfo_<sample>.txt
set -eu
esedbinfo "$1" | awk -F'\t' '
  /^Table: / { if (name != "") print name "\t" ncol "\t" nidx; n = $0; sub(/^Table: [0-9]+\t+/, "", n); sub(/ \([0-9]+\)$/, "", n); name = n; ncol = 0; nidx = 0 }
  /^\tNumber of columns:/ { ncol = $NF }
  /^\tNumber of indexes:/ { nidx = $NF }
  END { if (name != "") print name "\t" ncol "\t" nidx }'
