# SPDX-License-Identifier: MIT
# List what impacket's ese.py reads in a database: one line per table of its catalog,
#   <table> TAB <columns> TAB <indexes> TAB <records>
# (records counted with openTable/getNextRow, so every data page of every table is walked).
#   python3 impacket_list.py DB [skip-objid]   rows of that table objid (a user table) are left out
import sys

from impacket.ese import ESENT_DB


SYSTEM = ('MSysObjects', 'MSysObjectsShadow', 'MSysObjids', 'MSysLocales')


def field(row, name):
    """A column of a row, whichever way impacket spells its names (str or bytes)."""
    if name in row:
        return row[name]
    return row.get(name.encode('ascii'))


def main():
    db = ESENT_DB(sys.argv[1])
    skip = int(sys.argv[2]) if len(sys.argv) > 2 else None
    tables = db._ESENT_DB__tables
    for name, entry in tables.items():
        name = name.decode('latin-1') if isinstance(name, bytes) else name
        cursor = db.openTable(name)
        if cursor is None:
            print('cannot open table %s' % name, file=sys.stderr)
            return 1
        count = 0
        while True:
            row = db.getNextRow(cursor)
            if row is None:
                break
            if skip is not None and field(row, 'ObjidTable' if name != 'MSysObjids' else 'objid') == skip:
                continue
            count += 1
        if skip is not None and name not in SYSTEM:
            continue
        print('%s\t%d\t%d\t%d' % (name, len(entry['Columns']), len(entry['Indexes']), count))
    db.close()
    return 0


if __name__ == '__main__':
    sys.exit(main())
