#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# isam/tests/test_param_gen.py: turns Microsoft's ESE reference pages into C tables.
#
#   src/isam/tests/test_param_docs.inc  what each *-parameters.md page states about each
#                                       parameter (id, type, default, range, scope, phases),
#                                       the expectations of tests/test_param.c;
#   src/isam/isam_param_errtext.c       name and description of every documented JET_ERR,
#                                       for JET_paramErrorToString.
#
# Usage: test_param_gen.py <ese-docs folder> <src/isam folder>
# Where a page gives values for several Windows releases, the newest one is taken.
import glob
import html
import os
import re
import sys

DOCS, OUT = sys.argv[1], sys.argv[2]

# Constants the pages name in place of numbers (values from the same reference pages).
SYMBOLS = {
    'JET_EventLoggingLevelMax': 100, 'JET_EventLoggingDisable': 0,
    'JET_OnlineDefragAll': 0xffff, 'JET_bitESE98FileNames': 1,
    'JET_ExceptionMsgBox': 1, 'JET_ExceptionNone': 2,
    'JET_cbKeyMost4KBytePage': 1000, 'JET_coltypUnsignedShort + 1': 18,
    'True': 1, 'False': 0, 'NULL': 0, 'Max Integer': 0x7fffffff,
}


def clean(cell):
    cell = re.sub(r'<a [^>]*>|</a>', '', cell)
    cell = re.sub(r'</p>\s*<p>', ' / ', cell)
    cell = re.sub(r'<[^>]+>', '', cell)
    return html.unescape(cell).strip()


def newest(text):
    """The value for the newest release named in a cell ("Windows 2000: 1 / Windows Vista: 2")."""
    parts = [p.strip() for p in re.split(r'\s/\s', text) if p.strip()]
    if not parts:
        return ''
    last = parts[-1]
    while True:
        m = re.match(r'^(Windows[^:]*:|For Windows[^:]*:)\s*', last)
        if not m:
            break
        last = last[m.end():]
    return last.strip().rstrip(';').strip()


def number(tok):
    tok = tok.strip()
    if tok in SYMBOLS:
        return SYMBOLS[tok]
    m = re.fullmatch(r'(\d+)(\s*\(.*\))?', tok)
    return int(m.group(1)) if m else None


def parse_type(t):
    t = newest(t)
    for key, val in (('Boolean', 'BOOL'), ('JET_GRBIT', 'GRBIT'), ('Integer', 'INT'),
                     ('Folder Path', 'FOLDER'), ('Path', 'PATH'), ('String', 'STRING'),
                     ('Function Pointer', 'PTR'), ('JET_UNICODEINDEX', 'SPECIAL'), ('Special', 'SPECIAL')):
        if t.startswith(key):
            return val
    return None


def parse_range(r):
    r = newest(r)
    if r in ('All Values',):
        return ('ANY', 0, None)
    m = re.fullmatch(r'(\d+)\s*characters', r)
    if m:
        return ('CHARS', int(m.group(1)), int(m.group(1)))
    m = re.fullmatch(r'(\d+)\s*[–-]\s*(\d+)\s*characters', r)
    if m:
        return ('CHARS', int(m.group(1)), int(m.group(2)))
    if r == 'False, True':
        return ('BOOL', 0, 1)
    m = re.fullmatch(r'([\w +]+?)\s*[–-]\s*([\w +]+)', r)
    if m and number(m.group(1)) is not None and number(m.group(2)) is not None:
        return ('NUM', number(m.group(1)), number(m.group(2)))
    if re.fullmatch(r'\d+(,\s*\d+)+', r):
        vals = [int(x) for x in r.split(',')]
        return ('LIST', vals[0], vals[-1], vals)
    return None


def parse_default(d, ptype):
    d = newest(d)
    m = re.fullmatch(r'"(.*)"', d)
    if m:
        return ('STR', m.group(1))
    n = number(d)
    if n is None:
        m = re.match(r'(\d+)\s*\(', d)
        n = int(m.group(1)) if m else None
    return ('NUM', n) if n is not None else None


def yes_no(v):
    v = newest(v)
    return {'Yes': 'DOC_YES', 'No': 'DOC_NO'}.get(v, 'DOC_UNKNOWN')


def c_wstr(s):
    return 'u"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


# Two pages leave out the paramid; these are the values of the SDK's esent.h.
IDS_NOT_ON_PAGES = {'JET_paramEventLogCache': 99, 'JET_paramEventLoggingLevel': 51}

params = {}
for path in sorted(glob.glob(os.path.join(DOCS, '*-parameters.md'))):
    if os.path.basename(path).startswith('extensible-storage-engine'):
        continue
    lines = open(path, encoding='utf-8').read().split('\n')
    cur = None
    for i, line in enumerate(lines):
        m = re.match(r'^\*?(JET_param\w+)\*?\s*$', line.strip())
        if m:
            name = m.group(1)
            ident = None
            for nxt in lines[i + 1:i + 4]:
                if re.fullmatch(r'\d+', nxt.strip()):
                    ident = int(nxt.strip())
                    break
            cur = params.setdefault(name, {'name': name, 'page': os.path.basename(path)})
            if ident is not None:
                cur['id'] = ident
            continue
        m = re.match(r'^\| <p>(.*?)</p> \| (.*) \|\s*$', line)
        if m and cur is not None:
            label = clean(m.group(1)).rstrip(':').strip()
            cur.setdefault('fields', {}).setdefault(label, clean(m.group(2)))

rows = []
for name, p in sorted(params.items(), key=lambda kv: kv[1].get('id', 999)):
    f = p.get('fields', {})
    if 'id' not in p:
        p['id'] = IDS_NOT_ON_PAGES[name]
    ptype = parse_type(f['Type']) if 'Type' in f else None
    rng = parse_range(f['Valid Range']) if 'Valid Range' in f else None
    if ptype == 'BOOL' and rng and rng[0] == 'NUM' and rng[1:] == (0, 1):
        rng = ('BOOL', 0, 1)          # "0-1" on a Boolean page means False, True
    dflt = parse_default(f['Default Value'], ptype) if 'Default Value' in f else None
    scope = newest(f.get('Scope', ''))
    scope = 'DOC_GLOBAL' if scope.startswith('Global') or 'This parameter is global' in scope else \
            'DOC_INSTANCE' if scope.startswith('Instance') or 'per instance' in scope else 'DOC_UNKNOWN'
    fields = ['.id = %d' % p['id'], '.name = "%s"' % name]
    fields.append('.type = %s' % ('PARAM_TYPE_' + ptype if ptype else 'DOC_TYPE_UNKNOWN'))
    fields.append('.scope = %s' % scope)
    fields.append('.create = %s' % yes_no(f.get('Set After JetCreateInstance', '')))
    fields.append('.init = %s' % yes_no(f.get('Set after JetInit', '')))
    if dflt and dflt[0] == 'NUM':
        fields.append('.has_def = true, .def = %d' % dflt[1])
    elif dflt and dflt[0] == 'STR':
        fields.append('.has_def = true, .wsz_def = %s' % c_wstr(dflt[1]))
    if rng:
        if rng[0] == 'ANY':
            fields.append('.range = DOC_RANGE_ANY')
        else:
            fields.append('.range = DOC_RANGE_%s, .min = %d, .max = %d' % (rng[0], rng[1], rng[2]))
    rows.append('DOC_PARAM({ ' + ', '.join(fields) + ' })')

# The small configuration's defaults (meta-parameters.md, JET_paramConfiguration).
ids = {name: p['id'] for name, p in params.items()}
meta = open(os.path.join(DOCS, 'meta-parameters.md'), encoding='utf-8').read()
small = meta[meta.index('Small Configuration changes'):meta.index('Small Configuration also')]
for m in re.finditer(r'^\| <p>(JET_param\w+)</p> \| <p>(\d+)</p> \|', small, re.M):
    rows.append('DOC_SMALL(%d, "%s", %s)' % (ids[m.group(1)], m.group(1), m.group(2)))

with open(os.path.join(OUT, 'tests', 'test_param_docs.inc'), 'w') as out:
    out.write('/* SPDX-License-Identifier: MIT\n'
              ' * isam/tests/test_param_docs.inc: what the ESE reference pages (*-parameters.md) state\n'
              ' * about each parameter; the newest release where a page lists several.\n'
              ' * DOC_PARAM: one parameter page entry. DOC_SMALL: the small configuration\'s defaults.\n'
              ' * Generated by test_param_gen.py; do not edit. */\n')
    out.write('\n'.join(rows) + '\n')

# ---- error names and descriptions ------------------------------------------------------------
ASCII = {'\u2019': "'", '\u2018': "'", '\u201c': '"', '\u201d': '"', '\u2013': '-', '\u2014': '-',
         '\u00a0': ' ', '\u2026': '...'}
errs = {}
text = open(os.path.join(DOCS, 'extensible-storage-engine-error-codes.md'), encoding='utf-8').read()
for m in re.finditer(r'^\| <p>(JET_\w+)(?:<br />|\s+)(-?\d+)</p> \| (.*) \|\s*$', text, re.M):
    name, value, desc = m.group(1), int(m.group(2)), clean(m.group(3))
    desc = ''.join(ASCII.get(ch, ch) for ch in desc)
    desc = re.sub(r'\s+', ' ', desc)
    if not desc.isascii():
        sys.exit('non-ASCII description for ' + name)
    errs.setdefault(value, (name, desc))


def c_str(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


with open(os.path.join(OUT, 'isam_param_errtext.c'), 'w') as out:
    out.write('/* SPDX-License-Identifier: MIT\n'
              ' * isam/isam_param_errtext.c: the description of each documented JET_ERR, for\n'
              ' * JET_paramErrorToString ("JET_errXxx, description"; the name comes from base/err_table).\n'
              ' * Generated by tests/test_param_gen.py from the ESE reference\n'
              ' * (extensible-storage-engine-error-codes.md); do not edit.\n'
              ' * Layer: isam (uses base). */\n'
              '#include <stdlib.h>\n\n#include "isam_param.h"\n#include "err_table.h"\n\n'
              'struct err_text { JET_ERR err; const char *text; };\n\n'
              'static const struct err_text err_texts[] = {\n')
    for value in sorted(errs):
        name, desc = errs[value]
        out.write('    { %d, /* %s */\n      %s },\n' % (value, name, c_str(desc)))
    out.write('};\n\n'
              'static int cmp_err(const void *key, const void *elem)\n{\n'
              '    const JET_ERR a = *(const JET_ERR *)key, b = ((const struct err_text *)elem)->err;\n'
              '    return (a > b) - (a < b);\n}\n\n'
              '/* Codes esent.h names but the reference does not describe read "JET_errXxx, JET_errXxx";\n'
              ' * codes it does not name read "Unknown Error, Unknown Error", as on Windows. */\n'
              'void param_error_text(JET_ERR err, const char **pszName, const char **pszText)\n{\n'
              '    const struct err_text *e = bsearch(&err, err_texts, ARRAY_SIZE(err_texts), sizeof err_texts[0], cmp_err);\n'
              '    const char *szName = err_name(err);\n'
              '    *pszName = szName ? szName : "Unknown Error";\n'
              '    *pszText = e && szName ? e->text : *pszName;\n}\n')
print('%d parameters, %d errors' % (len(rows), len(errs)))
