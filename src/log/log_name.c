/* SPDX-License-Identifier: MIT
 * log/log_name.c: the names of log, reserve and checkpoint files, as ESE forms and parses them
 * (logstream.cxx ErrLGMakeLogNameBaselessEx / LGSzLogIdAppend, logutil.cxx ErrLGGetGeneration),
 * and folder paths.
 * Layer: log. */
#include "log_int.h"

const ESENT_WCHAR log_ext_log[] = ESENT_WTEXT(".log");
const ESENT_WCHAR log_ext_jtx[] = ESENT_WTEXT(".jtx");
const ESENT_WCHAR log_ext_chk[] = ESENT_WTEXT(".chk");
const ESENT_WCHAR log_ext_jcp[] = ESENT_WTEXT(".jcp");
const ESENT_WCHAR log_ext_jrs[] = ESENT_WTEXT(".jrs");

static const char hex_digits[] = "0123456789ABCDEF";

unsigned log_name_digits(uint32_t grbitLegacy, uint32_t gen)
{
    if (!(grbitLegacy & JET_bitEightDotThreeSoftCompat))
        return 8;
    return gen > 0xFFFFF ? 8 : 5;
}

static size_t append(ESENT_WCHAR *wsz, size_t ich, const ESENT_WCHAR *wszAdd)
{
    while (*wszAdd && ich < LOG_CCH_NAME_MAX - 1)
        wsz[ich++] = *wszAdd++;
    wsz[ich] = 0;
    return ich;
}

static size_t append_ascii(ESENT_WCHAR *wsz, size_t ich, const char *sz)
{
    while (*sz && ich < LOG_CCH_NAME_MAX - 1)
        wsz[ich++] = (ESENT_WCHAR)(unsigned char)*sz++;
    wsz[ich] = 0;
    return ich;
}

static size_t append_hex(ESENT_WCHAR *wsz, size_t ich, uint32_t v, unsigned cDigits)
{
    if (ich + cDigits >= LOG_CCH_NAME_MAX) return ich;
    for (unsigned i = cDigits; i-- > 0; v >>= 4)
        wsz[ich + i] = (ESENT_WCHAR)hex_digits[v & 0xF];
    wsz[ich + cDigits] = 0;
    return ich + cDigits;
}

void log_name_build(ESENT_WCHAR *wsz, const ESENT_WCHAR *wszBase, enum log_name_kind kind,
                    uint32_t gen, unsigned cDigits, const ESENT_WCHAR *wszExt)
{
    size_t ich = append(wsz, 0, wszBase);
    switch (kind) {
    case LOG_NAME_TMP:
    case LOG_NAME_CHECKPOINT_TMP:
        ich = append_ascii(wsz, ich, "tmp");
        break;
    case LOG_NAME_ARCHIVE:
        ich = append_hex(wsz, ich, gen, cDigits == 5 && gen <= 0xFFFFF ? 5 : 8);
        break;
    case LOG_NAME_RESERVE:
        ich = append_ascii(wsz, ich, "res");
        ich = append_hex(wsz, ich, gen, 5);
        wszExt = log_ext_jrs;
        break;
    default:
        break;
    }
    append(wsz, ich, wszExt);
}

static ESENT_WCHAR fold(ESENT_WCHAR c)
{
    return c >= 'A' && c <= 'Z' ? (ESENT_WCHAR)(c + 32) : c;
}

/* Case-insensitive prefix match: length of prefix if wsz starts with it, else 0. */
static size_t prefix_len(const ESENT_WCHAR *wsz, const ESENT_WCHAR *wszPrefix)
{
    size_t i = 0;
    for (; wszPrefix[i]; i++)
        if (fold(wsz[i]) != fold(wszPrefix[i]))   /* also stops at wsz's NUL */
            return 0;
    return i;
}

static bool equal_ascii_fold(const ESENT_WCHAR *wsz, size_t cch, const char *sz)
{
    for (size_t i = 0; i < cch; i++)
        if (!sz[i] || fold(wsz[i]) != (ESENT_WCHAR)sz[i]) return false;
    return sz[cch] == 0;
}

static bool parse_hex(const ESENT_WCHAR *wsz, size_t cch, uint32_t *pv)
{
    uint32_t v = 0;
    for (size_t i = 0; i < cch; i++) {
        ESENT_WCHAR c = fold(wsz[i]);
        if (c >= '0' && c <= '9') v = v * 16 + (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f') v = v * 16 + (uint32_t)(c - 'a' + 10);
        else return false;
    }
    *pv = v;
    return true;
}

enum log_name_kind log_name_parse(const ESENT_WCHAR *wszName, const ESENT_WCHAR *wszBase,
                                  const ESENT_WCHAR *wszExt, uint32_t *pgen, unsigned *pcDigits)
{
    size_t cchBase = prefix_len(wszName, wszBase);
    if (!cchBase) return LOG_NAME_NONE;
    const ESENT_WCHAR *wszRest = wszName + cchBase;
    size_t cchRest = wstr_len(wszRest);
    enum log_name_kind kind = LOG_NAME_NONE;
    size_t cchExt = wstr_len(log_ext_jrs);

    /* Reserve files: <base>res + 5 digits + .jrs, whatever the log extension. */
    if (cchRest == 3 + 5 + cchExt && equal_ascii_fold(wszRest, 3, "res") &&
        prefix_len(wszRest + 8, log_ext_jrs) == cchExt) {
        if (parse_hex(wszRest + 3, 5, pgen)) {
            *pcDigits = 5;
            return LOG_NAME_RESERVE;
        }
        return LOG_NAME_NONE;
    }

    cchExt = wstr_len(wszExt);
    if (cchRest < cchExt || prefix_len(wszRest + cchRest - cchExt, wszExt) != cchExt)
        return LOG_NAME_NONE;
    size_t cchMid = cchRest - cchExt;
    if (cchMid == 0) {
        kind = LOG_NAME_CURRENT;
    } else if (equal_ascii_fold(wszRest, cchMid, "tmp")) {
        kind = LOG_NAME_TMP;
    } else if ((cchMid == 5 || cchMid == 8) && parse_hex(wszRest, cchMid, pgen) && *pgen != 0) {
        *pcDigits = (unsigned)cchMid;
        kind = LOG_NAME_ARCHIVE;
    }
    return kind;
}

JET_ERR log_path_join(const ESENT_WCHAR *wszDir, const ESENT_WCHAR *wszName, ESENT_WCHAR **pwsz)
{
    size_t cchDir = wszDir ? wstr_len(wszDir) : 0, cchName = wstr_len(wszName);
    bool fSep = cchDir && wszDir[cchDir - 1] != '/' && wszDir[cchDir - 1] != '\\';
    ESENT_WCHAR *wsz = mem_alloc((cchDir + fSep + cchName + 1) * sizeof(ESENT_WCHAR));
    if (!wsz) return ERR_TRAP(JET_errOutOfMemory);
    if (cchDir) memcpy(wsz, wszDir, cchDir * sizeof(ESENT_WCHAR));
    if (fSep) wsz[cchDir] = os_path_separator();
    memcpy(wsz + cchDir + fSep, wszName, (cchName + 1) * sizeof(ESENT_WCHAR));
    *pwsz = wsz;
    return JET_errSuccess;
}

JET_ERR log_mkdir_p(struct os_vfs *vfs, const ESENT_WCHAR *wszDir)
{
    size_t cch = wszDir ? wstr_len(wszDir) : 0;
    JET_ERR err = JET_errSuccess;
    if (cch == 0) return JET_errSuccess;
    ESENT_WCHAR *wsz = wstr_dup(wszDir);
    if (!wsz) return ERR_TRAP(JET_errOutOfMemory);
    /* Each prefix ending before a separator, then the whole path. Errors of the outer folders
     * (a drive "C:", a UNC share, a folder we may not create but that exists) are left to the
     * innermost mkdir, whose error is the answer. */
    for (size_t i = 1; i <= cch; i++) {
        if (i < cch && wsz[i] != '/' && wsz[i] != '\\') continue;
        if (wsz[i - 1] == '/' || wsz[i - 1] == '\\' || (i < cch && wsz[i - 1] == ':')) continue;
        ESENT_WCHAR c = wsz[i];
        wsz[i] = 0;
        err = vfs->ops->mkdir(vfs, wsz);
        wsz[i] = c;
    }
    mem_free(wsz);
    return err;
}
