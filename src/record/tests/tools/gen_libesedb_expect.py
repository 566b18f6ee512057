#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# record/tests/tools/gen_libesedb_expect.py: what libesedb (Debian python3-libesedb) reads from
# a database, as per-table digests for test_samples.c. Run by hand during development:
#   /usr/bin/python3 gen_libesedb_expect.py DB > ../data/libesedb_<sample>.txt
# For every table: the number of records and an FNV-1a-64 digest of a canonical dump of what
# libesedb returns for each value (its raw view: value flags = the tagged header byte, data =
# the bytes after it; fixed columns as stored whatever their null bit). Each separated long value
# libesedb can read gets a line "LV <table> <record> <column> <size> <digest of its data>".
# test_libesedb.c builds the same dump from our decoder and compares. A table libesedb cannot
# read is listed with "error".
import os
import sys
import pyesedb

DUMP = os.environ.get("DUMP")  # a table name: write its canonical dump to stderr

FNV_OFFSET = 0xcbf29ce484222325
FNV_PRIME = 0x100000001b3

def fnv(h, b):
    for c in b:
        h = ((h ^ c) * FNV_PRIME) & 0xFFFFFFFFFFFFFFFF
    return h

def main(path):
    f = pyesedb.open(path)
    for t in f.tables:
        name = t.name
        try:
            n = t.number_of_records
            ncol = t.number_of_columns
            h = FNV_OFFSET
            lvs = []
            for irec in range(n):
                r = t.get_record(irec)
                for i in range(ncol):
                    d = r.get_value_data(i)
                    fl = r.get_value_data_flags(i)
                    line = "%d:%x:%s\n" % (i, fl, "-" if d is None else d.hex())
                    h = fnv(h, line.encode())
                    if DUMP == name:
                        sys.stderr.write(line)
                    if (fl & 0x05) == 0x05 and not (fl & 0x08):
                        try:
                            lv = r.get_value_data_as_long_value(i)
                        except Exception:
                            lv = None
                        if lv is not None:
                            data = lv.get_data()
                            lvs.append("LV\t%s\t%d\t%d\t%d\t%016x" % (name, irec, i, len(data), fnv(FNV_OFFSET, data)))
                h = fnv(h, b"--\n")
                if DUMP == name:
                    sys.stderr.write("--\n")
            print("%s\t%d\t%016x" % (name, n, h))
            for l in lvs:
                print(l)
        except Exception as e:
            print("%s\terror\t%s" % (name, str(e).replace("\n", " ").replace("\t", " ")))

main(sys.argv[1])
