#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# tools/esentutl/tests/esentutl_test.py: esentutl's tests, run on the Linux binary and, through
# scripts/wine-run, on esentutl.exe. Expected values are read from the sample files' bytes here,
# independently of the engine (offsets: ESE-FORMAT-NOTES §2, and ESE's log and checkpoint
# headers as eu_logfmt.h lists them), never copied from the tool's own output.
#
#   esentutl_test.py --exe PATH [--mkdb PATH] [--wine-run SCRIPT --prefix DIR] --samples DIR --tmp DIR CASE
# CASE: mh-samples | logs | checksum | copy | damaged | usage | integrity | space | metadata | recovery |
#       export | repair | defrag.
# --mkdb: tests/eu_mkdb, which makes a database of our own, logged, left clean or dirty.
# Exit 0 on success, 1 on failure, 77 when the platform cannot run the program (no 32-bit Wine).
import argparse
import os
import re
import shutil
import struct
import subprocess
import sys

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL: " + what)
    return cond


class Tool:
    def __init__(self, exe, wine_run, prefix):
        self.exe, self.wine_run, self.prefix = os.path.abspath(exe), wine_run, prefix

    def path(self, p):
        """A path as the program sees it (Wine maps / to Z:)."""
        p = os.path.abspath(p)
        return "Z:" + p.replace("/", "\\") if self.wine_run else p

    def run(self, *args, cwd=None, exe=None):
        cmd = [exe or self.exe] + list(args)
        if self.wine_run:
            cmd = [self.wine_run, self.prefix] + cmd
        env = dict(os.environ, ESENT_DEBUG="-all")
        r = subprocess.run(cmd, capture_output=True, cwd=cwd, env=env)
        out = r.stdout.decode("utf-8", "replace").replace("\r\n", "\n")
        err = r.stderr.decode("utf-8", "replace").replace("\r\n", "\n")
        if self.wine_run:
            # wine-run merges the program's stdout and stderr into its stdout.
            if r.returncode == 77 and "SKIP:" in out:
                print(out)
                sys.exit(77)
            err = out
        return r.returncode, out, err


# ---- independent readers of the sample files ---------------------------------------------------

def logtime(b):
    ms = (b[6] >> 1) | (((b[7] >> 1) & 7) << 7)
    return "%02d/%02d/%04d %02d:%02d:%02d.%03d" % (b[4], b[3], 1900 + b[5], b[2], b[1], b[0], ms)


def signature(b):
    return "Create time:%s Rand:%d" % (logtime(b[4:12]), struct.unpack_from("<I", b, 0)[0])


def lgpos(b, off):
    ib, isec, gen = struct.unpack_from("<HHi", b, off)
    return "(0x%X,%X,%X)" % (gen & 0xFFFFFFFF, isec, ib)


def xor_checksum(b):
    x = 0x89ABCDEF
    for (v,) in struct.iter_unpack("<I", b[4:len(b) - len(b) % 4]):
        x ^= v
    return x


STATES = {1: "Just Created", 2: "Dirty Shutdown", 3: "Clean Shutdown", 4: "Being Converted",
          5: "Force Detach Replay Error"}


def db_header(path):
    """The good header copy of a database, as a dict of the fields /mh must show."""
    with open(path, "rb") as f:
        data = f.read(65536)
    for cb in (4096, 8192, 16384, 32768):
        for ib in (0, cb):
            h = data[ib:ib + cb]
            if len(h) == cb and struct.unpack_from("<I", h, 0)[0] == xor_checksum(h):
                cbField = struct.unpack_from("<I", h, 236)[0] or 4096
                if cbField == cb:
                    return cb, ib, h
    return None, None, None


def databases(samples):
    found = []
    for root, _, files in os.walk(samples):
        for name in files:
            if name.lower().endswith((".edb", ".dat", ".mdb", ".dit", ".db")):
                found.append(os.path.join(root, name))
    return sorted(found)


# ---- cases -------------------------------------------------------------------------------------

def field(out, label):
    m = re.search(r"^\s*" + re.escape(label) + r": (.*)$", out, re.M)
    return m.group(1) if m else None


def case_mh_samples(t, a):
    dbs = databases(a.samples)
    check(len(dbs) >= 15, "the samples fixture unpacked the sample databases (found %d)" % len(dbs))
    for db in dbs:
        name = os.path.relpath(db, a.samples)
        cb, ib, h = db_header(db)
        rc, out, _ = t.run("/mh", t.path(db))
        check(rc == 0, "%s: /mh exits 0 (got %d)" % (name, rc))
        check("Initiating FILE DUMP mode..." in out, "%s: banner" % name)
        check(("DATABASE HEADER:" if ib == 0 else "DATABASE SHADOW HEADER:") in out, "%s: the good copy is shown" % name)
        check("Operation completed successfully" in out, "%s: closing line" % name)
        u32 = lambda off: struct.unpack_from("<I", h, off)[0]
        expect = {
            "File Type": "Database",
            "Checksum": "0x%x" % u32(0),
            "Format ulMagic": "0x%x" % u32(4),
            "Format ulVersion": "0x%x,%d,%d  (attached by %d)" % (u32(8), u32(232), u32(644), u32(648)),
            "DB Signature": signature(h[24:52]) + " Computer:",
            "cbDbPage": str(cb),
            "dbtime": "%d (0x%x)" % (struct.unpack_from("<Q", h, 16)[0], struct.unpack_from("<Q", h, 16)[0]),
            "State": STATES.get(u32(52), "Illegal"),
            "Last Objid": str(u32(212)),
            "Repair Count": str(u32(240)),
            "Dbid": str(struct.unpack_from("<h", h, 104)[0]),
            "Shadowed": "No" if h[208] & 1 else "Yes",
            "Upgrade DB": "Yes" if h[208] & 2 else "No",
            "Pages Checked by Maintenance": str(u32(532) - 1) if u32(532) else "0",
        }
        lo, hi = u32(296), u32(300)
        expect["Log Required"] = "%d-%d (0x%x-0x%x) [Min. Req. Pre-Redo: %d (0x%x)]" % (lo, hi, lo, hi, u32(684), u32(684))
        expect["Last Consistent"] = lgpos(h, 56) + "  " + logtime(h[64:72]) + (" UTC" if h[70] & 1 else " LOC")
        expect["OS Version"] = "(%d.%d.%d SP %d NLS %x.%x)" % (u32(216), u32(220), u32(224), u32(228), u32(512), u32(508))
        for label, value in expect.items():
            got = field(out, label)
            check(got == value, "%s: %s is %r (expected %r)" % (name, label, got, value))
        check("WARNING" not in out, "%s: no warning on a sound header" % name)


def srum(a, which):
    return os.path.join(a.samples, "dfir-artifact-museum", "srum-win10-belkasoft", which)


def case_logs(t, a):
    for which in ("Clean", "Dirty"):
        d = srum(a, which)
        if not check(os.path.isdir(d), "%s SRUM folder unpacked" % which):
            continue
        # /mk on the checkpoint
        chk = open(os.path.join(d, "SRU.chk"), "rb").read()
        rc, out, _ = t.run("/mk", t.path(os.path.join(d, "SRU.chk")))
        check(rc == 0, "%s: /mk exits 0 (got %d)" % (which, rc))
        check(field(out, "Checkpoint") == lgpos(chk, 12), "%s: /mk Checkpoint %r" % (which, field(out, "Checkpoint")))
        check(field(out, "DbConsistency") == lgpos(chk, 648), "%s: /mk DbConsistency" % which)
        check(field(out, "Signature") == signature(chk[20:48]) + " Computer:", "%s: /mk Signature" % which)
        check("Env (CircLog,Session" in out, "%s: /mk instance settings" % which)

        # /ml on each archived log: generation, versions, signature, attachments
        for name in sorted(os.listdir(d)):
            if not re.match(r"SRU[0-9A-F]{5}\.log$", name):
                continue
            path = os.path.join(d, name)
            h = open(path, "rb").read(4096)
            gen = struct.unpack_from("<i", h, 4)[0]
            rc, out, _ = t.run("/ml", t.path(path))
            check(rc == 0, "%s/%s: /ml exits 0 (got %d)" % (which, name, rc))
            check(field(out, "lGeneration") == "%d (0x%X)" % (gen, gen), "%s/%s: lGeneration" % (which, name))
            check(field(out, "Base name") == "SRU", "%s/%s: base name" % (which, name))
            check(field(out, "Checkpoint") == lgpos(chk, 12), "%s/%s: checkpoint found beside the log" % (which, name))
            maj, mnr, upd = struct.unpack_from("<III", h, 32)
            check(field(out, "Format LGVersion") == "(%d.%d.%d.%d) (generated by %d)" % (
                maj, mnr, upd, struct.unpack_from("<I", h, 648)[0], struct.unpack_from("<I", h, 661)[0]),
                "%s/%s: Format LGVersion %r" % (which, name, field(out, "Format LGVersion")))
            check(field(out, "Signature") == signature(h[44:72]) + " Computer:", "%s/%s: signature" % (which, name))
            check(field(out, "creation time") == logtime(h[16:24]) + (" UTC" if h[22] & 1 else " LOC"),
                  "%s/%s: creation time" % (which, name))
            if h[671] != 0:
                dbid, flags, cbnames = struct.unpack_from("<BBH", h, 671)
                dbname = h[671 + 64:671 + 64 + cbnames].decode("utf-16-le").rstrip("\0")
                check(re.search(r"^\s+%d %s$" % (dbid, re.escape(dbname)), out, re.M) is not None,
                      "%s/%s: attached database %s listed" % (which, name, dbname))
                dbtime = struct.unpack_from("<Q", h, 671 + 4)[0]
                check(field(out, "dbtime") == "%d (%d-%d)" % (dbtime, dbtime >> 32, dbtime & 0xFFFFFFFF),
                      "%s/%s: attached dbtime" % (which, name))

        # the whole sequence by base name
        rc, out, _ = t.run("/ml", t.path(os.path.join(d, "SRU")))
        check(rc == 0, "%s: /ml SRU (sequence) exits 0 (got %d)" % (which, rc))
        check(len(re.findall(r"- header OK", out)) == 5, "%s: five logs in sequence" % which)
        # a zero-filled log (the temporary one) is damaged
        rc, out, _ = t.run("/ml", t.path(os.path.join(d, "SRUtmp.log")))
        check(rc != 0 and "-501" in out, "%s: /ml SRUtmp.log fails with JET_errLogFileCorrupt" % which)
        # the wrong dump for the file type
        rc, out, _ = t.run("/mk", t.path(os.path.join(d, "SRU00051.log")))
        check(rc != 0 and "-1812" in out, "%s: /mk on a log file fails with JET_errFileInvalidType" % which)
        rc, out, _ = t.run("/ml", t.path(os.path.join(d, "SRUDB.dat")))
        check(rc != 0 and "-1812" in out, "%s: /ml on a database fails with JET_errFileInvalidType" % which)

    # the dirty database says so
    db = os.path.join(srum(a, "Dirty"), "SRUDB.dat")
    rc, out, _ = t.run("/mh", t.path(db))
    _, _, h = db_header(db)
    lo, hi = struct.unpack_from("<II", h, 296)
    check(rc == 0 and field(out, "State") == "Dirty Shutdown", "Dirty SRUDB.dat: State: Dirty Shutdown")
    check(field(out, "Log Required").startswith("%d-%d" % (lo, hi)), "Dirty SRUDB.dat: Log Required %d-%d" % (lo, hi))

    # the engine's own formats (src/log/log_format.h: magic "ELOG"/"ECHK" at offset 4) go to their
    # own reader; these have no valid header checksum (the recovery case dumps real ones)
    os.makedirs(a.tmp, exist_ok=True)
    for name, magic, mode, code in (("own.log", 0x474F4C45, "/ml", "-501"), ("own.chk", 0x4B484345, "/mk", "-533")):
        path = os.path.join(a.tmp, name)
        b = bytearray(8192)
        struct.pack_into("<III", b, 4, magic, 1, 128)
        with open(path, "wb") as f:
            f.write(b)
        rc, out, _ = t.run(mode, t.path(path))
        check(rc != 0 and code in out, "%s %s: our format with a damaged header fails with %s" % (mode, name, code))

    # a damaged checkpoint copy: the shadow takes over; both damaged: JET_errCheckpointCorrupt
    bad = os.path.join(a.tmp, "SRU.chk")
    shutil.copy(os.path.join(srum(a, "Clean"), "SRU.chk"), bad)
    with open(bad, "r+b") as f:
        f.seek(30)
        f.write(b"\xff\xff")
    rc, out, _ = t.run("/mk", t.path(bad))
    check(rc == 0 and "shadow copy was used" in out, "/mk reads the shadow of a damaged checkpoint")
    with open(bad, "r+b") as f:
        f.seek(4096 + 30)
        f.write(b"\xff\xff")
    rc, out, _ = t.run("/mk", t.path(bad))
    check(rc != 0 and "-533" in out, "/mk fails with JET_errCheckpointCorrupt when both copies are damaged")


# Samples whose files hold pages that are not database pages. dissect-esedb/SRUDB.dat: the
# database's own space tree (root page 1, OE tree on page 2) ends at page 142 (0x8e), and file
# pages 143..158 hold UTF-16 text where a page header belongs: slack left when the file was grown.
# Windows' /k checks every page of the file and reports those too.
NOT_PAGES = {"dissect-esedb/SRUDB.dat": list(range(143, 159))}


def case_checksum(t, a):
    for db in databases(a.samples):
        name = os.path.relpath(db, a.samples).replace(os.sep, "/")
        cb, _, h = db_header(db)
        size = os.path.getsize(db)
        with open(db, "rb") as f:
            data = f.read()
        zero = bytes(cb)
        uninit = sum(1 for i in range(size // cb) if data[i * cb:(i + 1) * cb] == zero)
        bad = NOT_PAGES.get(name, [])
        rc, out, err = t.run("/k", t.path(db))
        check((rc != 0) == bool(bad),
              "%s: /k exits %s (got %d)" % (name, "0" if not bad else "non-zero", rc))
        check("Initiating CHECKSUM mode..." in out, "%s: banner" % name)
        check(re.search(r"^%d pages seen$" % (size // cb), out, re.M) is not None, "%s: %d pages seen" % (name, size // cb))
        check(re.search(r"^%d bad checksums$" % len(bad), out, re.M) is not None, "%s: %d bad checksums" % (name, len(bad)))
        check(re.search(r"^%d uninitialized pages$" % uninit, out, re.M) is not None, "%s: %d uninitialized pages" % (name, uninit))
        reported = [int(p) for p in re.findall(r"^ERROR: page (-?\d+) checksum failed$", err, re.M)]
        check(reported == bad, "%s: pages reported %s (expected %s)" % (name, reported, bad))

    # the progress bar: drawn on a terminal, not into a pipe
    large = os.path.join(a.samples, "dissect-esedb", "large.edb")
    rc, out, _ = t.run("/k", t.path(large))
    check("Checksum Status" not in out and "|----|" not in out, "no progress bar when stdout is a pipe")
    if not t.wine_run:
        import pty
        pid, fd = pty.fork()
        if pid == 0:
            os.execv(t.exe, [t.exe, "/k", large, "/o"])
        tty = b""
        while True:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            tty += chunk
        _, status = os.waitpid(pid, 0)
        text = tty.decode("utf-8", "replace")
        check(os.WEXITSTATUS(status) == 0 and "Checksum Status (% complete)" in text and
              "|----|----|" in text and "." * 51 in text, "progress bar on a terminal: scale and 51 dots")

    os.makedirs(a.tmp, exist_ok=True)
    src = os.path.join(a.samples, "dissect-esedb", "basic.edb")
    # four bytes of page 5 (file page 6) changed: beyond what ECC can correct
    bad = os.path.join(a.tmp, "bad.edb")
    shutil.copy(src, bad)
    with open(bad, "r+b") as f:
        f.seek(6 * 4096 + 200)
        old = f.read(4)
        f.seek(6 * 4096 + 200)
        f.write(bytes(b ^ 0xA5 for b in old))
    rc, out, err = t.run("/k", t.path(bad))
    check(rc != 0, "damaged copy: /k exits non-zero (got %d)" % rc)
    check(re.search(r"^ERROR: page 5 checksum failed$", err, re.M) is not None, "damaged copy: page 5 reported")
    check(len(re.findall(r"^ERROR: page", err, re.M)) == 1, "damaged copy: only page 5 reported")
    check(re.search(r"^1 bad checksums$", out, re.M) is not None, "damaged copy: 1 bad checksums")
    check("-1206" in out and "JET_errDatabaseCorrupted" in out, "damaged copy: JET_errDatabaseCorrupted printed")
    # one flipped bit: ECC can correct it, so it is a warning
    one = os.path.join(a.tmp, "onebit.edb")
    shutil.copy(src, one)
    with open(one, "r+b") as f:
        f.seek(6 * 4096 + 300)
        b = f.read(1)
        f.seek(6 * 4096 + 300)
        f.write(bytes([b[0] ^ 0x10]))
    rc, out, err = t.run("/k", t.path(one))
    check(rc == 0, "one bit: /k exits 0 (got %d)" % rc)
    check(re.search(r"^WARNING: page 5 checksum verification failed but the corruption \( bit 2404 \) can be corrected$",
                    err, re.M) is not None, "one bit: page 5 correctable at bit 2404")
    check(re.search(r"^1 correctable checksums$", out, re.M) is not None, "one bit: 1 correctable checksums")
    # a damaged primary header: /k names it, /mh falls back to the shadow
    hdr = os.path.join(a.tmp, "header.edb")
    shutil.copy(src, hdr)
    with open(hdr, "r+b") as f:
        f.seek(100)
        f.write(b"\x55")
    rc, out, err = t.run("/k", t.path(hdr))
    check(rc != 0 and re.search(r"^ERROR: page -1 \(header\) checksum failed$", err, re.M) is not None,
          "damaged header: /k reports page -1 (header)")
    rc, out, _ = t.run("/mh", t.path(hdr))
    check(rc == 0 and "DATABASE SHADOW HEADER:" in out and "WARNING: primary header has a checksum error." in out,
          "damaged header: /mh shows the shadow and warns")
    # both copies damaged: /mh cannot read it
    with open(hdr, "r+b") as f:
        f.seek(4096 + 100)
        f.write(b"\x55")
    rc, out, _ = t.run("/mh", t.path(hdr))
    check(rc != 0 and "-1206" in out, "both headers damaged: /mh fails with JET_errDatabaseCorrupted")


def case_copy(t, a):
    os.makedirs(a.tmp, exist_ok=True)
    src = os.path.join(a.samples, "dissect-esedb", "large.edb")
    dst = os.path.join(a.tmp, "copy.edb")
    if os.path.exists(dst):
        os.remove(dst)
    rc, out, _ = t.run("/y", t.path(src), "/d" + t.path(dst))
    check(rc == 0, "/y exits 0 (got %d)" % rc)
    check("Initiating COPY FILE mode..." in out, "/y banner")
    check(os.path.exists(dst) and open(src, "rb").read() == open(dst, "rb").read(), "/y copy is byte for byte")
    size = os.path.getsize(src)
    check(re.search(r"Total bytes written\s+= %#x \(%d\)" % (size, size), out) is not None, "/y reports the bytes written")
    before = os.path.getmtime(dst)
    rc, out, _ = t.run("/y", t.path(src), "/d" + t.path(dst))
    check(rc != 0 and "-1814" in out, "/y refuses an existing destination (JET_errFileAlreadyExists)")
    check(os.path.getmtime(dst) == before and open(src, "rb").read() == open(dst, "rb").read(),
          "/y left the existing destination alone")
    # default destination: the source's name in the current folder
    cwd = os.path.join(a.tmp, "cwd")
    shutil.rmtree(cwd, ignore_errors=True)
    os.makedirs(cwd)
    rc, out, _ = t.run("/y", t.path(os.path.join(a.samples, "dissect-esedb", "basic.edb")), cwd=cwd)
    check(rc == 0 and os.path.exists(os.path.join(cwd, "basic.edb")), "/y without /d copies into the current folder")
    rc, out, _ = t.run("/y", t.path(os.path.join(a.tmp, "missing.edb")), "/d" + t.path(os.path.join(a.tmp, "x.edb")))
    check(rc != 0 and "-1811" in out and not os.path.exists(os.path.join(a.tmp, "x.edb")),
          "/y of a missing file fails with JET_errFileNotFound and creates nothing")


def case_damaged(t, a):
    """Truncated and random files through every reading mode: an error, never a crash (the Linux
    build runs under ASan/UBSan, which abort on any bad read)."""
    os.makedirs(a.tmp, exist_ok=True)
    d = srum(a, "Clean")
    sources = {"db": os.path.join(a.samples, "dissect-esedb", "basic.edb"),
               "log": os.path.join(d, "SRU00051.log"), "chk": os.path.join(d, "SRU.chk")}
    rnd = bytes((i * 2654435761 >> 13) & 0xFF for i in range(65536))
    cases = []
    for kind, src in sources.items():
        data = open(src, "rb").read()
        for n in (0, 3, 100, 670, 700, 4095, 4100, 8191):
            cases.append(("%s-%d" % (kind, n), data[:n]))
        # a plausible header whose attach list claims more than it holds
        if kind in ("log", "chk"):
            b = bytearray(data[:8192])
            off = 671 if kind == "log" else 679
            b[off:off + 4] = bytes([1, 0x20, 0xF0, 0xFF])
            for base in (0, 4096) if kind == "chk" else (0,):
                struct.pack_into("<I", b, base, 0)
                struct.pack_into("<I", b, base, xor_checksum(bytes(b[base:base + 4096])))
            cases.append(("%s-attach" % kind, bytes(b)))
    cases.append(("random", rnd))
    for label, content in cases:
        path = os.path.join(a.tmp, "damaged-" + label)
        with open(path, "wb") as f:
            f.write(content)
        for mode in ("/mh", "/ml", "/mk", "/k"):
            rc, out, err = t.run(mode, t.path(path))
            ok = rc in (0, 1) if not t.wine_run else "Operation" in out
            if not ok and t.wine_run:
                # These modes read the file on one thread: the same input gives the same run. Under
                # Wine, about one start in a few hundred on a loaded machine ends without the
                # program's closing line; show it and run once more, so that only a failure that
                # repeats counts.
                print("%s %s: no result line under Wine (rc %d), running once more; it printed:\n%s"
                      % (mode, label, rc, out[-500:]))
                rc, out, err = t.run(mode, t.path(path))
                ok = "Operation" in out
            check(ok, "%s %s: ends with a result, not a crash (rc %d)" % (mode, label, rc))
            if label == "random" or label.endswith("-0"):
                check(rc != 0, "%s %s: fails" % (mode, label))
        if label.endswith("-attach"):
            rc, out, _ = t.run("/ml" if label.startswith("log") else "/mk", t.path(path))
            check(rc != 0 and ("-501" in out or "-533" in out), "%s: an overlong attach list is corruption" % label)


def case_usage(t, a):
    usage_rc = 255 if t.wine_run else 2    # Windows: -1
    db = t.path(os.path.join(a.samples, "dissect-esedb", "basic.edb"))
    rc, out, _ = t.run()
    check(rc == usage_rc and "Usage Error: No mode specified." in out and "MODES OF OPERATION" in out,
          "no argument: usage, exit %d (got %d)" % (usage_rc, rc))
    rc, out, _ = t.run("/q", db)
    check(rc == usage_rc and "Usage Error: Invalid mode." in out, "/q: invalid mode (got %d)" % rc)
    rc, out, _ = t.run("mh", db)
    check(rc == usage_rc and "must be preceded by" in out, "mode without a switch character")
    rc, out, _ = t.run("/mh")
    check(rc == usage_rc and "Usage Error: Missing database/filename specification." in out, "/mh without a file")
    rc, out, _ = t.run("/mh", db, "/zz")
    check(rc == usage_rc and "Usage Error: Invalid option '/zz'." in out, "unknown switch is an error")
    rc, out, _ = t.run("/mh", db, db)
    check(rc == usage_rc and "Usage Error: Invalid argument" in out, "two files")
    rc, out, _ = t.run("/mq", db)
    check(rc == usage_rc and "Usage Error: Invalid mode." in out, "unknown dump modifier")
    rc, out, _ = t.run("/?")
    check(rc == 0 and "MODES OF OPERATION" in out, "/? prints the usage and exits 0")
    rc, out, _ = t.run("-MH", db, "-O")
    check(rc == 0 and "Extensible Storage Engine Utilities" not in out and "State: Clean Shutdown" in out,
          "switches are case-insensitive, '-' works, /o hides the banner")
    rc, out, _ = t.run("/m", db, "/h", "/8", "/!")
    check(rc == 0 and "cbDbPage: 4096" in out and "WARNING: the header names 4096-byte pages" in out,
          "bare /m takes its modifier from a later switch; /8 and /! are accepted")
    rc, out, _ = t.run("/mh", db, "/vss")
    check(rc != 0 and "-1001" in out, "/vss is refused with JET_errFeatureNotAvailable")
    rc, out, _ = t.run("/mh", t.path(os.path.join(a.samples, "no-such.edb")))
    check(rc != 0 and "Error: Access to source database" in out and "-1811" in out, "missing file: JET_errFileNotFound")
    if not t.wine_run:
        check(rc == 1, "Linux exit code for an error is 1 (got %d)" % rc)


# ---- the engine modes (/g, /ms, /mm) -------------------------------------------------------------

def db_state(path):
    _, _, h = db_header(path)
    return struct.unpack_from("<I", h, 52)[0] if h else None


def esedbinfo(path):
    """Tables and their indexes as Debian's libesedb-utils (an independent reader) lists them:
    {table: (objid, {index: objid})}, or None when the tool is missing or cannot read the file."""
    exe = shutil.which("esedbinfo")
    if not exe:
        return None
    r = subprocess.run([exe, path], capture_output=True)
    if r.returncode != 0:
        return None
    tables, cur = {}, None
    for line in r.stdout.decode("utf-8", "replace").splitlines():
        m = re.match(r"^Table: \d+\t+(.*) \((\d+)\)$", line)
        if m:
            cur = m.group(1)
            tables[cur] = (int(m.group(2)), {})
            continue
        m = re.match(r"^\tIndex: \d+\t+(.*) \((\d+)\)$", line)
        if m and cur is not None:
            tables[cur][1][m.group(1)] = int(m.group(2))
        elif not line.startswith("\t") and line.strip():
            cur = None if not line.startswith("Table:") else cur
    return tables


def flip(path, pgno, cb, ib=200, n=4):
    """Damage database page pgno (file page pgno + 1) beyond what its ECC can correct."""
    with open(path, "r+b") as f:
        f.seek((pgno + 1) * cb + ib)
        old = f.read(n)
        f.seek((pgno + 1) * cb + ib)
        f.write(bytes(b ^ 0xA5 for b in old))


def case_integrity(t, a):
    os.makedirs(a.tmp, exist_ok=True)
    clean = 0
    for db in databases(a.samples):
        name = os.path.relpath(db, a.samples).replace(os.sep, "/")
        state = db_state(db)
        # the report goes to the current folder, named after the database
        cwd = os.path.join(a.tmp, "g-" + name.replace("/", "-"))
        shutil.rmtree(cwd, ignore_errors=True)
        os.makedirs(cwd)
        rc, out, _ = t.run("/g", t.path(db), cwd=cwd)
        check("Initiating INTEGRITY mode..." in out and "Checking database integrity." in out, "%s: /g banner" % name)
        stem = os.path.splitext(os.path.basename(db))[0]
        raw_path = os.path.join(cwd, stem + ".INTEG.RAW")
        raw = open(raw_path, "rb").read().decode("utf-8", "replace") if os.path.exists(raw_path) else ""
        check("Integrity check of database" in raw, "%s: /g writes %s.INTEG.RAW" % (name, stem))
        if state == 3:
            clean += 1
            check(rc == 0 and "Integrity check successful." in out and "Operation completed successfully" in out,
                  "%s: /g on a clean sample succeeds (rc %d)" % (name, rc))
            check("ERROR:" not in raw.replace("search for 'ERROR:'", ""), "%s: no ERROR in the report" % name)
        else:
            # a database that was not shut down cleanly still needs its logs: Windows calls it corrupted
            check(rc != 0 and "Database is CORRUPTED!" in out and "-1206" in out and "JET_errDatabaseCorrupted" in out,
                  "%s: /g on a dirty sample reports JET_errDatabaseCorrupted (rc %d)" % (name, rc))
            check("The database is not up-to-date." in out, "%s: /g says the database needs recovery" % name)
            check("ERROR: database was not shutdown cleanly (Dirty Shutdown)" in raw, "%s: report names the state" % name)
    check(clean >= 15, "clean samples checked: %d" % clean)

    # /f<prefix> names the report
    db = os.path.join(a.samples, "dissect-esedb", "basic.edb")
    rc, out, _ = t.run("/g", t.path(db), "/f" + t.path(os.path.join(a.tmp, "named")))
    check(rc == 0 and os.path.exists(os.path.join(a.tmp, "named.INTEG.RAW")), "/g /f<prefix> names the report")

    # a damaged copy: bytes flipped in a leaf of MSysObjects' Name index, in the user table's
    # root, in the database root's OE tree
    for pgno, what in ((5, "an OE page"), (31, "the user table's root"), (8, "an index page")):
        bad = os.path.join(a.tmp, "bad%d.edb" % pgno)
        shutil.copy(db, bad)
        flip(bad, pgno, 4096)
        rc, out, _ = t.run("/g", t.path(bad), cwd=a.tmp)
        check(rc != 0 and "Database is CORRUPTED!" in out and "-1206" in out,
              "damaged page %d (%s): /g reports JET_errDatabaseCorrupted (rc %d)" % (pgno, what, rc))
        raw = open(os.path.join(a.tmp, "bad%d.INTEG.RAW" % pgno), "rb").read().decode("utf-8", "replace")
        check(re.search(r"ERROR: .*page %d\b" % pgno, raw) is not None,
              "damaged page %d: the report names the page" % pgno)

    # not a database at all
    junk = os.path.join(a.tmp, "junk.edb")
    with open(junk, "wb") as f:
        f.write(bytes((i * 2654435761 >> 13) & 0xFF for i in range(65536)))
    rc, out, _ = t.run("/g", t.path(junk), cwd=a.tmp)
    check(rc != 0 and "-1206" in out, "/g on random bytes: JET_errDatabaseCorrupted (rc %d)" % rc)
    rc, out, _ = t.run("/g", t.path(os.path.join(a.tmp, "missing.edb")), cwd=a.tmp)
    check(rc != 0 and "-1811" in out, "/g on a missing file: JET_errFileNotFound (rc %d)" % rc)

    # the progress bar on a terminal
    if not t.wine_run:
        import pty
        large = os.path.abspath(os.path.join(a.samples, "dissect-esedb", "large.edb"))
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(a.tmp)
            os.execv(t.exe, [t.exe, "/g", large, "/o"])
        tty = b""
        while True:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            tty += chunk
        _, status = os.waitpid(pid, 0)
        text = tty.decode("utf-8", "replace")
        check(os.WEXITSTATUS(status) == 0 and "Scanning Status (% complete)" in text and "." * 51 in text,
              "/g progress bar on a terminal")
    rc, out, _ = t.run("/g", t.path(db), cwd=a.tmp)
    check("Scanning Status" not in out, "/g: no progress bar into a pipe")


def case_space(t, a):
    seen = 0
    for db in databases(a.samples):
        name = os.path.relpath(db, a.samples).replace(os.sep, "/")
        cb, _, _ = db_header(db)
        rc, out, _ = t.run("/ms", t.path(db), "/v")
        if db_state(db) != 3:
            # attached without recovery, as Windows' esentutl does: a dirty database is refused
            check(rc != 0 and "-550" in out and "JET_errDatabaseDirtyShutdown" in out,
                  "%s: /ms on a dirty sample fails with JET_errDatabaseDirtyShutdown (rc %d)" % (name, rc))
            continue
        check(rc == 0 and "SPACE DUMP" in out and "Operation completed successfully" in out,
              "%s: /ms exits 0 (rc %d)" % (name, rc))
        check(field(out, "PageSize") == str(cb), "%s: /ms PageSize %s" % (name, cb))
        m = re.search(r"Enumerated (\d+) Tables \( (\d+) Internal Trees, (\d+) Long Value Trees, (\d+) Secondary Indices \)", out)
        if not check(m is not None, "%s: /ms summary line" % name):
            continue
        m2 = re.search(r"^\s+Pages (\d+) \( (\d+) Used \([\d.]+%\), (\d+) Available", out, re.M)
        if check(m2 is not None, "%s: /ms pages line" % name):
            total, used, avail = (int(x) for x in m2.groups())
            check(total == used + avail, "%s: pages %d = used %d + available %d" % (name, total, used, avail))
            check(total <= os.path.getsize(db) // cb - 2, "%s: no more pages than the file holds" % name)
        ref = esedbinfo(db)
        if ref is None:
            continue
        seen += 1
        check(int(m.group(1)) == len(ref), "%s: %s tables (esedbinfo: %d)" % (name, m.group(1), len(ref)))
        nidx = sum(len([i for i, o in idx.items() if o != objid]) for objid, idx in ref.values())
        check(int(m.group(4)) == nidx, "%s: %s secondary indexes (esedbinfo: %d)" % (name, m.group(4), nidx))
        for table in ref:
            # names are cut to the column's width (21 characters at a table's depth)
            check(re.search(r"^  %s\s+Pri " % re.escape(table[:21]), out, re.M) is not None,
                  "%s: /ms /v lists table %s" % (name, table))
    check(seen >= 10, "esedbinfo cross-checked %d samples" % seen)

    db = os.path.join(a.samples, "plaso", "Catalog1.edb")
    rc, out, _ = t.run("/ms", t.path(db), "/c", "/v")
    check(rc == 0 and re.search(r"^Name\s*,Type,", out, re.M) is not None, "/ms /c prints CSV")
    rc, out, _ = t.run("/ms", t.path(db), "/d2")
    check(rc == 0 and "space[" in out and "Extents:" in out, "/ms /d2 lists the extents")
    rc, out, _ = t.run("/ms", t.path(db), "/tnamespace", "/v")
    check(rc == 0 and re.search(r"^  namespace\s+Pri ", out, re.M) and not re.search(r"^  string\s", out, re.M),
          "/ms /t<table> restricts the dump")
    rc, out, _ = t.run("/ms", t.path(db), "/tno-such-table")
    check(rc != 0 and "-1305" in out, "/ms /t of a missing table: JET_errObjectNotFound (rc %d)" % rc)


def case_metadata(t, a):
    seen = 0
    for db in databases(a.samples):
        name = os.path.relpath(db, a.samples).replace(os.sep, "/")
        rc, out, _ = t.run("/mm", t.path(db))
        if db_state(db) != 3:
            check(rc != 0 and "-550" in out, "%s: /mm on a dirty sample fails with JET_errDatabaseDirtyShutdown" % name)
            continue
        check(rc == 0 and "META-DATA DUMP" in out, "%s: /mm exits 0 (rc %d)" % (name, rc))
        ref = esedbinfo(db)
        if ref is None:
            continue
        seen += 1
        for table, (objid, idx) in ref.items():
            check(re.search(r"^%s\s+Tbl\s+%d\s" % (re.escape(table), objid), out, re.M) is not None,
                  "%s: /mm lists table %s (%d)" % (name, table, objid))
            for index, iobjid in idx.items():
                check(re.search(r"^  %s\s+(Pri|Idx)\s+%d\s" % (re.escape(index), iobjid), out, re.M) is not None,
                      "%s: /mm lists index %s.%s (%d)" % (name, table, index, iobjid))
    check(seen >= 10, "esedbinfo cross-checked %d samples" % seen)


def files_digest(folder):
    import hashlib
    return {n: hashlib.sha256(open(os.path.join(folder, n), "rb").read()).hexdigest() for n in sorted(os.listdir(folder))}


def our_database(t, a, folder, state, rows=None):
    """A database made by our engine with its log (base name edb) in folder, left clean or dirty
    (with rows: a table "t" holding that many rows)."""
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    sep = "\\" if t.wine_run else "/"
    extra = [str(rows)] if rows else []
    rc, out, err = t.run(t.path(folder) + sep, "our.edb", state, *extra, exe=a.mkdb)
    check(rc == 0 and ("%s end" % state) in out, "eu_mkdb %s: %r %r" % (state, out, err))
    return os.path.join(folder, "our.edb")


def crc32c(data, crc=0):
    crc ^= 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 & -(crc & 1))
    return crc ^ 0xFFFFFFFF


def check_own_logs(t, d):
    """/ml and /mk on the engine's own files, against their bytes (src/log/log_format.h)."""
    logs = sorted(n for n in os.listdir(d) if re.match(r"edb([0-9A-F]{5})?\.log$", n))
    check(len(logs) >= 1, "our log files exist: %s" % logs)
    for name in logs:
        path = os.path.join(d, name)
        h = open(path, "rb").read(128)
        check(struct.unpack_from("<I", h, 0)[0] == crc32c(h[4:128]), "%s: header CRC (test's own reader)" % name)
        gen = struct.unpack_from("<I", h, 16)[0]
        rc, out, _ = t.run("/ml", t.path(path))
        check(rc == 0 and field(out, "lGeneration") == "%d (0x%X)" % (gen, gen), "%s: /ml lGeneration %d" % (name, gen))
        check(field(out, "Signature") == signature(h[56:84]) + " Computer:", "%s: /ml signature" % name)
        check(field(out, "creation time") == logtime(h[40:48]) + (" UTC" if h[46] & 1 else " LOC"), "%s: /ml creation time" % name)
        check("Integrity check passed for log file" in out, "%s: /ml reads the records" % name)
    # the first generation creates the database: its record names the path
    first = "edb00001.log" if "edb00001.log" in logs else "edb.log"
    rc, out, _ = t.run("/ml", t.path(os.path.join(d, first)), "/v")
    check(rc == 0 and re.search(r"CreateDB\s.*our\.edb", out) is not None, "%s: /ml lists the CreateDB record" % first)
    rc, out, _ = t.run("/ml", t.path(os.path.join(d, "edb")))
    check(rc == 0 and len(re.findall(r"- header OK", out)) == len(logs), "/ml edb: %d logs in sequence" % len(logs))
    chk = open(os.path.join(d, "edb.chk"), "rb").read()
    copies = []
    cbdata0 = struct.unpack_from("<I", chk, 40)[0]
    if crc32c(chk[4:128] + chk[128:128 + cbdata0]) == struct.unpack_from("<I", chk, 0)[0]:
        copies.append(chk[:128])
    h1 = chk[-128:]
    cbdata1 = struct.unpack_from("<I", h1, 40)[0]
    if crc32c(h1[4:128] + chk[len(chk) - 128 - cbdata1:len(chk) - 128]) == struct.unpack_from("<I", h1, 0)[0]:
        copies.append(h1)
    check(len(copies) >= 1, "edb.chk: an intact copy (test's own reader)")
    if copies:
        best = max(copies, key=lambda c: struct.unpack_from("<Q", c, 16)[0])
        lsn = struct.unpack_from("<Q", best, 24)[0]
        gen, ib = lsn >> 32, lsn & 0xFFFFFFFF
        rc, out, _ = t.run("/mk", t.path(os.path.join(d, "edb.chk")))
        check(rc == 0 and field(out, "Checkpoint") == "(0x%X,%X,%X)" % (gen, ib // 512, ib % 512),
              "/mk edb.chk: Checkpoint %r" % field(out, "Checkpoint"))


def case_recovery(t, a):
    os.makedirs(a.tmp, exist_ok=True)
    # our own database, left dirty by a crash, with its log
    d = os.path.join(a.tmp, "ours")
    db = our_database(t, a, d, "dirty")
    check_own_logs(t, d)
    rc, out, _ = t.run("/mh", t.path(db))
    check(rc == 0 and field(out, "State") == "Dirty Shutdown", "ours: /mh says Dirty Shutdown (%r)" % field(out, "State"))
    rc, out, _ = t.run("/g", t.path(db), cwd=d)
    check(rc != 0 and "-1206" in out and "The database is not up-to-date." in out, "ours: /g before recovery: corrupted")
    rc, out, _ = t.run("/ms", t.path(db))
    check(rc != 0 and "-550" in out, "ours: /ms before recovery: JET_errDatabaseDirtyShutdown")
    rc, out, _ = t.run("/r", "edb", "/l" + t.path(d), "/s" + t.path(d))
    check(rc == 0 and "Initiating RECOVERY mode..." in out and "Performing soft recovery..." in out and
          "Operation completed successfully" in out, "ours: /r edb succeeds (rc %d)" % rc)
    check(("Log files: %s" % t.path(d)) in out, "ours: /r prints the log folder")
    _, _, h = db_header(db)
    check(h is not None and struct.unpack_from("<I", h, 52)[0] == 3, "ours: the header is Clean Shutdown after /r")
    rc, out, _ = t.run("/mh", t.path(db))
    check(rc == 0 and field(out, "State") == "Clean Shutdown", "ours: /mh says Clean Shutdown after /r")
    rc, out, _ = t.run("/g", t.path(db), cwd=d)
    check(rc == 0 and "Integrity check successful." in out, "ours: /g after recovery succeeds (rc %d)" % rc)
    rc, out, _ = t.run("/k", t.path(db))
    check(rc == 0 and re.search(r"^0 bad checksums$", out, re.M) is not None, "ours: /k after recovery")
    rc, out, _ = t.run("/ms", t.path(db))
    check(rc == 0 and "MSysObjects" in out and "Enumerated 4 Tables" in out, "ours: /ms after recovery")
    rc, out, _ = t.run("/mm", t.path(db))
    check(rc == 0 and re.search(r"^MSysObjects\s+Tbl\s+2\s+4\s", out, re.M) is not None, "ours: /mm after recovery")
    check_own_logs(t, d)
    # the current folder is the default for both
    db = our_database(t, a, d, "dirty")
    rc, out, _ = t.run("/r", "edb", "/o", cwd=d)
    check(rc == 0 and "Log files: <current directory>" in out, "ours: /r in the log folder (rc %d)" % rc)
    check(db_state(db) == 3, "ours: clean after /r in the current folder")
    # a clean database: recovery has nothing to do and succeeds
    db = our_database(t, a, d, "clean")
    rc, out, _ = t.run("/r", "edb", "/l" + t.path(d), "/s" + t.path(d))
    check(rc == 0 and db_state(db) == 3, "ours: /r after a clean end succeeds")

    # Windows' logs of the dirty SRUM sample: refused with the reason, nothing touched
    w = os.path.join(a.tmp, "srum-dirty")
    shutil.rmtree(w, ignore_errors=True)
    shutil.copytree(srum(a, "Dirty"), w)
    before = files_digest(w)
    rc, out, _ = t.run("/r", "SRU", "/l" + t.path(w), "/s" + t.path(w))
    check(rc != 0 and "-514" in out and "JET_errBadLogVersion" in out and "written by Microsoft's ESE" in out,
          "SRUM dirty: /r reports JET_errBadLogVersion and why (rc %d)" % rc)
    check(files_digest(w) == before, "SRUM dirty: /r changed no file")
    check(db_state(os.path.join(w, "SRUDB.dat")) == 2, "SRUM dirty: still Dirty Shutdown")
    # no log at all
    empty = os.path.join(a.tmp, "empty")
    shutil.rmtree(empty, ignore_errors=True)
    os.makedirs(empty)
    rc, out, _ = t.run("/r", "edb", "/l" + t.path(empty), "/s" + t.path(empty))
    check(rc != 0 and "-1811" in out and os.listdir(empty) == [], "no log: /r fails with JET_errFileNotFound, creates nothing")
    rc, out, _ = t.run("/r", "edbx")
    check(rc != 0 and "3 characters" in out, "/r with a base name that is not 3 characters")
    rc, out, _ = t.run("/r", "edb", "/u")
    check(rc != 0 and "-1001" in out, "/r /u (not implemented) is refused with JET_errFeatureNotAvailable")


def esedbexport_tables(path, out):
    """Every table as Debian's esedbexport writes it: {table: (header, rows)}, rows only when
    every line has the header's field count (values with tabs or newlines make it ambiguous)."""
    exe = shutil.which("esedbexport")
    if not exe:
        return None
    shutil.rmtree(out + ".export", ignore_errors=True)
    r = subprocess.run([exe, "-t", out, path], capture_output=True)
    if r.returncode != 0 or not os.path.isdir(out + ".export"):
        return None
    tables = {}
    for n in os.listdir(out + ".export"):
        with open(os.path.join(out + ".export", n), encoding="utf-8", errors="replace", newline="\n") as f:
            lines = f.read().split("\n")
        header = lines[0].split("\t")
        rows = [line.split("\t") for line in lines[1:] if line != ""]
        tables[n.rsplit(".", 1)[0]] = (header, rows if all(len(r) == len(header) for r in rows) else None)
    return tables


def case_export(t, a):
    import csv
    import json
    wanted = ("basic.edb", "multi.edb", "text.edb", "SRUDB.dat", "Catalog1.edb", "adamntds.dit")
    seen = compared = 0
    for db in databases(a.samples):
        if os.path.basename(db) not in wanted or db_state(db) != 3:
            continue
        name = os.path.basename(db)
        out = os.path.join(a.tmp, name)
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out + "/csv")
        os.makedirs(out + "/json")
        rc, o1, _ = t.run("/x", t.path(db), "/d" + t.path(out + "/csv"), "/o")
        check(rc == 0, "%s: /x (CSV) exits 0 (rc %d): %s" % (name, rc, o1[-300:]))
        rc, o2, _ = t.run("/x", t.path(db), "/d" + t.path(out + "/json"), "/fjson", "/o")
        check(rc == 0, "%s: /x /fjson exits 0 (rc %d): %s" % (name, rc, o2[-300:]))
        ref = esedbexport_tables(db, os.path.join(out, "ref"))
        user = sorted(n for n in (esedbinfo(db) or {}) if not n.startswith("MSys"))
        for table in user:
            fname = re.sub(r"[^A-Za-z0-9_.-]", "_", table)
            fname = "_" + fname[1:] if fname.startswith(".") else fname
            pcsv, pjson = os.path.join(out, "csv", fname + ".csv"), os.path.join(out, "json", fname + ".json")
            if not check(os.path.exists(pcsv) and os.path.exists(pjson), "%s: %s exported as CSV and JSON" % (name, table)):
                continue
            with open(pcsv, encoding="utf-8", newline="") as f:
                crows = list(csv.reader(f))
            with open(pjson, encoding="utf-8") as f:
                jrows = json.load(f)
            seen += 1
            check(len(crows) - 1 == len(jrows), "%s.%s: CSV and JSON have the same rows" % (name, table))
            check(all(list(r.keys()) == crows[0] for r in jrows), "%s.%s: JSON keys are the CSV header" % (name, table))
            if not ref or table not in ref:
                continue
            header, rows = ref[table]
            check(crows[0] == header, "%s.%s: columns %s, esedbexport %s" % (name, table, crows[0][:6], header[:6]))
            if rows is None:
                continue
            compared += 1
            check(len(jrows) == len(rows), "%s.%s: %d rows, esedbexport %d" % (name, table, len(jrows), len(rows)))
            for i, (ours, theirs) in enumerate(zip(jrows, rows)):
                for col, val in zip(header, theirs):
                    v = ours.get(col)
                    # integers are printed alike by both; other types are formatted differently
                    if isinstance(v, int) and not isinstance(v, bool) and re.fullmatch(r"-?\d+", val):
                        if not check(str(v) == val, "%s.%s row %d %s: %s, esedbexport %s" % (name, table, i, col, v, val)):
                            return
    check(seen >= 10, "%d tables exported and read back" % seen)
    check(compared >= 5 or shutil.which("esedbexport") is None, "%d tables compared with esedbexport" % compared)


# ---- /p ------------------------------------------------------------------------------------------

def leaf_pages(path, cb, objid_min=8):
    """Data leaf pages of user tables (objid >= objid_min), from the page headers."""
    import struct
    out = []
    with open(path, "rb") as f:
        data = f.read()
    for p in range(1, len(data) // cb - 1):
        b = data[(p + 1) * cb:(p + 2) * cb]
        objid, flags = struct.unpack_from("<I", b, 24)[0], struct.unpack_from("<I", b, 36)[0]
        # leaf, not a space tree (0x20), index (0x40) or long-value (0x80) page, not empty (0x08)
        if objid >= objid_min and flags & 2 and not flags & (0x20 | 0x40 | 0x80 | 0x08):
            out.append(p)
    return out


def repair_copy(t, a, src, name, cb, pages):
    """Damage a copy of src in pages; /k and /g find it, /p repairs it reporting the loss, /g is clean."""
    folder = os.path.join(a.tmp, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    bad = os.path.join(folder, name + ".edb")
    shutil.copy(src, bad)
    for pgno in pages:
        flip(bad, pgno, cb, ib=cb // 2)
    rc, out, err = t.run("/k", t.path(bad), cwd=folder)
    check(rc != 0 and all(re.search(r"\b%d\b" % p, out + err) for p in pages),
          "%s: /k names the damaged pages %s (rc %d)" % (name, pages, rc))
    rc, out, _ = t.run("/g", t.path(bad), cwd=folder)
    check(rc != 0 and "Database is CORRUPTED!" in out, "%s: /g finds the damage (rc %d)" % (name, rc))
    # without an answer (stdin empty) nothing happens
    before = open(bad, "rb").read()
    rc, out, _ = t.run("/p", t.path(bad), cwd=folder)
    check(rc != 0 and "Do you wish to proceed?" in out and "-1003" in out and open(bad, "rb").read() == before,
          "%s: /p without an answer changes nothing, JET_errInvalidParameter (rc %d)" % (name, rc))
    rc, out, _ = t.run("/p", t.path(bad), "/o", cwd=folder)
    check(rc == 0 and "Repair completed. Database corruption has been repaired!" in out and "595" in out,
          "%s: /p /o repairs, JET_wrnDatabaseRepaired (rc %d)\n%s" % (name, rc, out))
    check("damaged data pages lost" in out and ("%d damaged pages" % len(pages)) in out,
          "%s: /p reports the loss on the console" % name)
    raw = open(os.path.join(folder, name + ".INTEG.RAW"), "rb").read().decode("utf-8", "replace")
    check("***** Repair of database" in raw and re.search(r"repaired table .* records kept", raw) is not None
          and all(re.search(r"ERROR: page %d\b" % p, raw) for p in pages),
          "%s: the report names the damaged pages and each table's losses" % name)
    check(not os.path.exists(bad + ".REPAIR.TMP"), "%s: no temporary database left" % name)
    rc, out, _ = t.run("/g", t.path(bad), cwd=folder)
    check(rc == 0 and "Integrity check successful." in out, "%s: /g after /p is clean (rc %d)" % (name, rc))
    rc, out, _ = t.run("/mh", t.path(bad))
    check(rc == 0 and re.search(r"Repair Count: 1\b", out) is not None and "State: Clean Shutdown" in out,
          "%s: the header counts the repair and is clean" % name)
    return out


def case_repair(t, a):
    os.makedirs(a.tmp, exist_ok=True)
    # one of our databases
    ours = our_database(t, a, os.path.join(a.tmp, "ours"), "clean", 800)
    cb = db_header(ours)[0] or 8192
    pages = leaf_pages(ours, cb, 8)
    if check(len(pages) > 0, "our database has a user table leaf page"):
        repair_copy(t, a, ours, "ours-bad", cb, pages[-1:])
    # a Windows-made sample: a leaf of a user table and a catalog page (MSysObjects' root, page 4:
    # its rows come back from the shadow catalog)
    sample = os.path.join(a.samples, "plaso", "Catalog1.edb")
    pages = leaf_pages(sample, 4096)
    if check(len(pages) > 2, "the sample has user table leaf pages"):
        repair_copy(t, a, sample, "catalog1-bad", 4096, [pages[len(pages) // 2], 4])
    # a Windows-made database left dirty without its logs (16 KiB pages, 64-bit LIDs): repair is
    # the last resort for it, and leaves it clean
    qmgr = os.path.join(a.samples, "go-ese", "qmgr.db")
    pages = leaf_pages(qmgr, 16384)
    if check(len(pages) > 0, "qmgr.db has user table leaf pages"):
        repair_copy(t, a, qmgr, "qmgr-bad", 16384, pages[:1])
    # a sound database is left alone
    folder = os.path.join(a.tmp, "sound")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    db = os.path.join(folder, "basic.edb")
    shutil.copy(os.path.join(a.samples, "dissect-esedb", "basic.edb"), db)
    before = open(db, "rb").read()
    rc, out, _ = t.run("/p", t.path(db), "/o", cwd=folder)
    check(rc == 0 and "No corruption was found" in out and open(db, "rb").read() == before,
          "/p on a sound database changes nothing (rc %d)" % rc)
    # a header beyond repair
    junk = os.path.join(folder, "junk.edb")
    with open(junk, "wb") as f:
        f.write(bytes((i * 2654435761 >> 13) & 0xFF for i in range(65536)))
    rc, out, _ = t.run("/p", t.path(junk), "/o", cwd=folder)
    check(rc != 0 and "-1206" in out, "/p on random bytes: JET_errDatabaseCorrupted (rc %d)" % rc)


def export_digest(t, db, out):
    """/x of db (CSV, every user table) into out: {file: sha256}, or None when /x failed."""
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    rc, o, _ = t.run("/x", t.path(db), "/d" + t.path(out), "/o")
    if not check(rc == 0, "/x of %s exits 0 (rc %d): %s" % (db, rc, o[-300:])):
        return None
    return files_digest(out)


def integrity_ok(t, db, cwd):
    os.makedirs(cwd, exist_ok=True)
    rc, out, _ = t.run("/g", t.path(db), "/o", cwd=cwd)
    return rc == 0 and "Integrity check successful." in out


def user_tables_equal(ref, got):
    """esedbexport's user tables of two databases: same names, same headers, same rows."""
    names = sorted(n for n in ref if not n.startswith("MSys"))
    if names != sorted(n for n in got if not n.startswith("MSys")):
        return "tables %s, copy %s" % (names, sorted(n for n in got if not n.startswith("MSys")))
    for n in names:
        if ref[n] != got[n]:
            return "table %s differs" % n
    return None


def case_defrag(t, a):
    os.makedirs(a.tmp, exist_ok=True)
    # our own database: the default temporary name in the current folder, instated over the source
    folder = os.path.join(a.tmp, "ours")
    db = our_database(t, a, folder, "clean")
    orig = os.path.join(a.tmp, "ours-orig.edb")
    shutil.copyfile(db, orig)
    want = export_digest(t, orig, os.path.join(a.tmp, "x-orig"))
    rc, out, _ = t.run("/d", "our.edb", cwd=folder)
    check(rc == 0 and "Initiating DEFRAGMENTATION mode..." in out and "Database: our.edb" in out,
          "/d on our database exits 0 (rc %d): %s" % (rc, out[-400:]))
    check(re.search(r"Moving 'TEMPDFRG\d+\.EDB' to 'our\.edb'\.\.\. DONE!", out) is not None, "/d instates the copy: %s" % out[-400:])
    check("It is recommended that you immediately perform a full backup" in out, "/d prints Windows' note")
    check(not [n for n in os.listdir(folder) if n.upper().startswith("TEMPDFRG")], "/d leaves no temporary database")
    check(open(db, "rb").read() != open(orig, "rb").read(), "/d rewrote the database")
    check(integrity_ok(t, db, os.path.join(a.tmp, "g-ours")), "/g passes on the compacted database")
    check(want is not None and export_digest(t, db, os.path.join(a.tmp, "x-ours")) == want,
          "the compacted database exports the same tables and rows (/x)")

    # /t and /p: the copy is kept under its name, the source stays as it was
    src = os.path.join(a.tmp, "keep.edb")
    tmpdb = os.path.join(a.tmp, "keep-copy.edb")
    shutil.copyfile(orig, src)
    if os.path.exists(tmpdb):
        os.remove(tmpdb)
    rc, out, _ = t.run("/d", t.path(src), "/t" + t.path(tmpdb), "/p", "/o")
    check(rc == 0 and "Moving" not in out, "/d /p exits 0 and moves nothing (rc %d): %s" % (rc, out[-300:]))
    check(open(src, "rb").read() == open(orig, "rb").read(), "/d /p leaves the source alone")
    check(os.path.exists(tmpdb) and integrity_ok(t, tmpdb, os.path.join(a.tmp, "g-keep")), "/d /p keeps a sound copy")
    check(want is not None and export_digest(t, tmpdb, os.path.join(a.tmp, "x-keep")) == want,
          "the kept copy exports the same tables and rows")

    # /b: the source moves to the backup name first
    src = os.path.join(a.tmp, "bak.edb")
    backup = os.path.join(a.tmp, "bak-backup.edb")
    shutil.copyfile(orig, src)
    if os.path.exists(backup):
        os.remove(backup)
    rc, out, _ = t.run("/d", t.path(src), "/b" + t.path(backup), "/t" + t.path(os.path.join(a.tmp, "bak-tmp.edb")), "/o")
    check(rc == 0, "/d /b exits 0 (rc %d): %s" % (rc, out[-300:]))
    check(os.path.exists(backup) and open(backup, "rb").read() == open(orig, "rb").read(), "/d /b keeps the original")
    check(integrity_ok(t, src, os.path.join(a.tmp, "g-bak")), "/d /b instates a sound copy")

    # a missing database
    rc, out, _ = t.run("/d", t.path(os.path.join(a.tmp, "missing.edb")), "/o")
    check(rc != 0 and "-1811" in out, "/d of a missing file: JET_errFileNotFound (rc %d)" % rc)

    # Windows-made samples: the compacted copy is sound and holds the same rows, read by our engine
    # (/x) and, where it reads them, by esedbexport
    wanted = ("basic.edb", "binary.edb", "default.edb", "index.edb", "multi.edb", "SRUDB.dat", "Catalog1.edb")
    done = 0
    for sample in databases(a.samples):
        name = os.path.basename(sample)
        if name not in wanted or db_state(sample) != 3:
            continue
        work = os.path.join(a.tmp, "s-" + os.path.relpath(sample, a.samples).replace(os.sep, "-"))
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        db = os.path.join(work, name)
        shutil.copyfile(sample, db)
        rc, out, _ = t.run("/d", t.path(db), "/t" + t.path(os.path.join(work, "tmp.edb")), "/o")
        name = os.path.relpath(sample, a.samples).replace(os.sep, "/")
        if not check(rc == 0, "%s: /d exits 0 (rc %d): %s" % (name, rc, out[-300:])):
            continue
        done += 1
        check(integrity_ok(t, db, os.path.join(work, "g")), "%s: /g passes on the compacted copy" % name)
        ref = export_digest(t, sample, os.path.join(work, "x-orig"))
        check(ref is not None and export_digest(t, db, os.path.join(work, "x-copy")) == ref,
              "%s: the compacted copy exports the same rows (/x)" % name)
        theirs = esedbexport_tables(sample, os.path.join(work, "e-orig"))
        if theirs is not None:
            mine = esedbexport_tables(db, os.path.join(work, "e-copy"))
            problem = user_tables_equal(theirs, mine or {})
            check(problem is None, "%s: esedbexport reads the same user tables: %s" % (name, problem))
    check(done >= 5, "%d Windows-made samples compacted" % done)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--exe", required=True)
    p.add_argument("--mkdb")
    p.add_argument("--wine-run")
    p.add_argument("--prefix")
    p.add_argument("--samples", required=True)
    p.add_argument("--tmp", required=True)
    p.add_argument("case", choices=["mh-samples", "logs", "checksum", "copy", "damaged", "usage", "integrity", "space",
                                    "metadata", "recovery", "export", "repair", "defrag"])
    a = p.parse_args()
    t = Tool(a.exe, a.wine_run, a.prefix)
    if a.mkdb:
        a.mkdb = os.path.abspath(a.mkdb)
    {"mh-samples": case_mh_samples, "logs": case_logs, "checksum": case_checksum, "copy": case_copy,
     "damaged": case_damaged, "usage": case_usage,
     "integrity": case_integrity, "space": case_space, "metadata": case_metadata, "recovery": case_recovery,
     "export": case_export, "repair": case_repair, "defrag": case_defrag}[a.case](t, a)
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
