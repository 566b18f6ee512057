#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Compute the x86 and x64 layout of every structure in esent.h and esent_private.h and write
tests/header/layout_expected.h, the table that layout.c turns into static assertions.

The numbers come from the packing rules of the Windows SDK header, applied here without any
compiler: each member is aligned to min(natural alignment, pack), where pack is 8 on x64, 4 on
x86 and 1 inside the byte-packed region; a structure's alignment is the largest member alignment
(after packing) and its size is rounded up to it. Natural sizes/alignments are the Windows ones:
long/ULONG/int/enum 4, pointers and JET_API_PTR 8 (x64) or 4 (x86), __int64 and double 8.
Bit-fields share one storage unit of their declared type while they fit (Microsoft's rule).

Run after changing a structure:  python3 tests/header/layout_calc.py > tests/header/layout_expected.h
Review the diff: a changed number means a changed ABI."""
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
JET_VERSION = 0x0A01

BASE = {  # name: (size, align) per arch; 'P' = pointer-sized
    'char': (1, 1), 'unsigned char': (1, 1), 'signed char': (1, 1),
    'short': (2, 2), 'unsigned short': (2, 2), 'ESENT_WCHAR': (2, 2),
    'int': (4, 4), 'unsigned int': (4, 4), 'ESENT_LONG': (4, 4), 'ESENT_ULONG': (4, 4),
    'ESENT_INT64': (8, 8), 'ESENT_UINT64': (8, 8), 'double': (8, 8),
    'JET_API_PTR': 'P',
}


def read(path):
    return open(os.path.join(root, path), encoding='utf-8').read().split('\n')


def active_lines(lines):
    """Keep the lines visible at JET_VERSION 0x0A01 (JET_UNICODE undefined), with the
    packing value in force: yields (line, pack) where pack is None (default) or 1."""
    stack = []
    pack = [None]
    for l in lines:
        s = l.strip()
        m = re.match(r'#if\s+\(?\s*JET_VERSION\s*(>=|<|<=)\s*(0x[0-9A-Fa-f]+)', s)
        if s.startswith('#if'):
            if m:
                v = int(m.group(2), 16)
                ok = {'>=': JET_VERSION >= v, '<': JET_VERSION < v, '<=': JET_VERSION <= v}[m.group(1)]
                if '&&' in s:
                    m2 = re.search(r'JET_VERSION\s*(<=|<)\s*(0x[0-9A-Fa-f]+)\s*\)?$', s)
                    v2 = int(m2.group(2), 16)
                    ok = ok and (JET_VERSION <= v2 if m2.group(1) == '<=' else JET_VERSION < v2)
            elif 'JET_UNICODE' in s:
                ok = s.startswith('#ifndef')
            else:
                ok = True
            stack.append(ok)
            continue
        if s.startswith('#else'):
            stack[-1] = not stack[-1]
            continue
        if s.startswith('#endif'):
            stack.pop()
            continue
        if not all(stack):
            continue
        if s.startswith('#pragma pack(push, 1)'):
            pack.append(1)
            continue
        if s.startswith('#pragma pack(pop)') and len(pack) > 1:
            pack.pop()
            continue
        yield s, pack[-1]


class Arch:
    def __init__(self, name, ptr, pack):
        self.name, self.ptr, self.pack = name, ptr, pack
        self.types = {}     # typedef name -> (size, align) or struct record

    def base(self, t):
        t = re.sub(r'\bconst\b', '', t).strip()
        t = ' '.join(t.split())
        if t.endswith('*'):
            return (self.ptr, self.ptr)
        if t in BASE:
            v = BASE[t]
            return (self.ptr, self.ptr) if v == 'P' else v
        if t.startswith('struct '):
            t = t[7:]
        if t in self.types:
            return self.types[t]
        raise KeyError(t)


def parse_decls(lines):
    """Return the typedefs in order: ('alias', name, type) and ('struct', name, kind, body, pack)."""
    out = []
    i = 0
    L = list(lines)
    while i < len(L):
        s, pk = L[i]
        m = re.match(r'typedef\s+(\w[\w\s]*?)\s*(\*?)\s*(\w+);$', s)
        if m and not s.startswith('typedef struct') and not s.startswith('typedef enum'):
            out.append(('alias', m.group(3), m.group(1) + (' *' if m.group(2) else '')))
            i += 1
            continue
        if re.match(r'typedef .*\(JET_API \*\w+\)', s):
            name = re.search(r'\(JET_API \*(\w+)\)', s).group(1)
            out.append(('alias', name, 'void *'))
            i += 1
            continue
        m = re.match(r'typedef\s+(struct|union|enum)\b.*\{$', s)
        if m:
            kind = m.group(1)
            depth = 1
            body = []
            i += 1
            while depth:
                t, _ = L[i]
                if t.endswith('{'):
                    depth += 1
                if t.startswith('}'):
                    depth -= 1
                    if depth == 0:
                        name = re.match(r'\}\s*(\w+);', t).group(1)
                        break
                body.append(t)
                i += 1
            out.append(('struct', name, kind, body, pk))
        i += 1
    return out


def eval_dim(expr, arch, consts):
    e = expr
    e = re.sub(r'sizeof\((\w+)\)', lambda m: str(arch.base(m.group(1))[0]), e)
    for k, v in consts.items():
        e = re.sub(r'\b%s\b' % k, str(v), e)
    return int(eval(e))


def layout(body, kind, arch, pack, consts, prefix=''):
    """Return (size, align, fields) where fields maps member path -> offset."""
    maxpack = pack if pack else arch.pack
    fields = {}
    off = 0
    align_all = 1
    size_union = 0
    bit_unit = None   # (unit size, bits used, unit offset)
    i = 0
    while i < len(body):
        s = body[i]
        m = re.match(r'(struct|union)\s*\{$', s)
        if m:
            depth, j, sub = 1, i + 1, []
            while True:
                t = body[j]
                if t.endswith('{'):
                    depth += 1
                if t.startswith('}'):
                    depth -= 1
                    if depth == 0:
                        break
                sub.append(t)
                j += 1
            mname = re.match(r'\}\s*(\w*)\s*;', body[j]).group(1)
            ssize, salign, sfields = layout(sub, m.group(1), arch, pack, consts)
            bit_unit = None
            a = min(salign, maxpack)
            if kind == 'union':
                o = 0
                size_union = max(size_union, ssize)
            else:
                off = (off + a - 1) // a * a
                o = off
                off += ssize
            align_all = max(align_all, a)
            pre = prefix + (mname + '.' if mname else '')
            if mname:
                fields[prefix + mname] = o
            for k, v in sfields.items():
                fields[pre + k if mname else prefix + k] = o + v
            i = j + 1
            continue
        m = re.match(r'(.*?)(\**)(\w+)(\[[^\]]*\])?(\s*:\s*(\d+))?;$', s)
        typ, stars, name, dim, bits = m.group(1).strip(), m.group(2), m.group(3), m.group(4), m.group(6)
        if stars:
            typ = typ + ' *'
        sz, al = arch.base(typ)
        n = eval_dim(dim[1:-1], arch, consts) if dim else 1
        a = min(al, maxpack)
        align_all = max(align_all, a)
        if bits is not None:
            b = int(bits)
            if bit_unit and bit_unit[0] == sz and bit_unit[1] + b <= sz * 8:
                bit_unit = (sz, bit_unit[1] + b, bit_unit[2])
                i += 1
                continue
            if kind == 'union':
                size_union = max(size_union, sz)
                bit_unit = None
            else:
                off = (off + a - 1) // a * a
                bit_unit = (sz, b, off)
                off += sz
            i += 1
            continue
        bit_unit = None
        if kind == 'union':
            fields[prefix + name] = 0
            size_union = max(size_union, sz * n)
        else:
            off = (off + a - 1) // a * a
            fields[prefix + name] = off
            off += sz * n
        i += 1
    total = size_union if kind == 'union' else off
    total = (total + align_all - 1) // align_all * align_all
    return total, align_all, fields


def compute(arch, decls, consts):
    res = []
    for d in decls:
        if d[0] == 'alias':
            _, name, typ = d
            try:
                arch.types[name] = arch.base(typ)
            except KeyError:
                pass
            continue
        _, name, kind, body, pk = d
        if kind == 'enum':
            arch.types[name] = (4, 4)
            continue
        size, align, fields = layout(body, kind, arch, pk, consts)
        arch.types[name] = (size, min(align, pk or arch.pack))
        res.append((name, size, fields))
    return res


def main():
    lines = read('include/esent.h') + read('src/api/esent_private.h')
    act = list(active_lines(lines))
    consts = {}
    for l, _ in act:
        m = re.match(r'#define\s+(\w+)\s+\(?\s*(\d+)\s*\)?$', l)
        if m:
            consts[m.group(1)] = int(m.group(2))
    decls = parse_decls(act)
    x86 = compute(Arch('x86', 4, 4), decls, consts)
    x64 = compute(Arch('x64', 8, 8), decls, consts)
    out = sys.stdout
    out.write('/* SPDX-License-Identifier: MIT\n'
              ' * tests/header/layout_expected.h: size and member offsets of every structure of esent.h and\n'
              ' * esent_private.h on x86 and x64, computed from the SDK packing rules by layout_calc.py\n'
              ' * (JET_VERSION 0x0A01). LAYOUT_SIZE(type, x86, x64) and LAYOUT_OFFSET(type, member, x86, x64)\n'
              ' * are defined by the includer. Generated; do not edit. */\n')
    for (n, s86, f86), (n2, s64, f64) in zip(x86, x64):
        assert n == n2
        out.write('\nLAYOUT_SIZE(%s, %d, %d)\n' % (n, s86, s64))
        for k in f86:
            out.write('LAYOUT_OFFSET(%s, %s, %d, %d)\n' % (n, k, f86[k], f64[k]))


if __name__ == '__main__':
    main()
