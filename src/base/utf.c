/* SPDX-License-Identifier: MIT
 * base/utf.c: UTF-16 <-> UTF-8. Written for clarity; none of this is on a hot path. */
#include "utf.h"

size_t wstr_len(const ESENT_WCHAR *wsz)
{
    size_t n = 0;
    while (wsz[n]) n++;
    return n;
}

int wstr_cmp(const ESENT_WCHAR *a, const ESENT_WCHAR *b)
{
    while (*a && *a == *b) { a++; b++; }
    return (int)*a - (int)*b;
}

static unsigned fold_ascii(unsigned c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

int wstr_icmp_ascii(const ESENT_WCHAR *a, const ESENT_WCHAR *b)
{
    while (*a && fold_ascii(*a) == fold_ascii(*b)) { a++; b++; }
    return (int)fold_ascii(*a) - (int)fold_ascii(*b);
}

ESENT_WCHAR *wstr_dup(const ESENT_WCHAR *wsz)
{
    size_t cb = (wstr_len(wsz) + 1) * sizeof(ESENT_WCHAR);
    ESENT_WCHAR *p = mem_alloc(cb);
    if (p) memcpy(p, wsz, cb);
    return p;
}

bool wstr_copy(ESENT_WCHAR *dst, size_t cch, const ESENT_WCHAR *src)
{
    size_t i;
    if (cch == 0) return false;
    for (i = 0; i + 1 < cch && src[i]; i++) dst[i] = src[i];
    dst[i] = 0;
    return src[i] == 0;
}

/* Decode one code point from UTF-16; advances *pi. */
static uint32_t next_utf16(const ESENT_WCHAR *w, size_t *pi)
{
    uint32_t c = w[(*pi)++];
    if (c >= 0xD800 && c <= 0xDBFF) {
        uint32_t d = w[*pi];
        if (d >= 0xDC00 && d <= 0xDFFF) {
            (*pi)++;
            return 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
        }
        return 0xFFFD;
    }
    if (c >= 0xDC00 && c <= 0xDFFF) return 0xFFFD;
    return c;
}

bool utf16_to_utf8(const ESENT_WCHAR *wsz, char *sz, size_t cb, size_t *pcbNeeded)
{
    size_t i = 0, o = 0;
    bool fit = true;
    while (wsz[i]) {
        uint32_t c = next_utf16(wsz, &i);
        uint8_t enc[4];
        size_t n;
        if (c < 0x80) { enc[0] = (uint8_t)c; n = 1; }
        else if (c < 0x800) { enc[0] = (uint8_t)(0xC0 | (c >> 6)); enc[1] = (uint8_t)(0x80 | (c & 0x3F)); n = 2; }
        else if (c < 0x10000) {
            enc[0] = (uint8_t)(0xE0 | (c >> 12)); enc[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
            enc[2] = (uint8_t)(0x80 | (c & 0x3F)); n = 3;
        } else {
            enc[0] = (uint8_t)(0xF0 | (c >> 18)); enc[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
            enc[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3F)); enc[3] = (uint8_t)(0x80 | (c & 0x3F)); n = 4;
        }
        if (fit && o + n < cb) memcpy(sz + o, enc, n);
        else if (fit) { fit = false; if (cb) sz[o < cb ? o : cb - 1] = 0; }
        o += n;
    }
    if (fit && o < cb) sz[o] = 0;
    else { fit = false; if (cb && o < cb) sz[o] = 0; }
    if (pcbNeeded) *pcbNeeded = o + 1;
    return fit;
}

/* Decode one code point from UTF-8; advances *pi; invalid sequences give U+FFFD. */
static uint32_t next_utf8(const unsigned char *s, size_t *pi)
{
    uint32_t c = s[(*pi)++];
    int extra;
    uint32_t min;
    if (c < 0x80) return c;
    if ((c & 0xE0) == 0xC0) { extra = 1; c &= 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { extra = 2; c &= 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { extra = 3; c &= 0x07; min = 0x10000; }
    else return 0xFFFD;
    for (int k = 0; k < extra; k++) {
        if ((s[*pi] & 0xC0) != 0x80) return 0xFFFD;
        c = (c << 6) | (s[(*pi)++] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0xFFFD;
    return c;
}

bool utf8_to_utf16(const char *sz, ESENT_WCHAR *wsz, size_t cch, size_t *pcchNeeded)
{
    const unsigned char *s = (const unsigned char *)sz;
    size_t i = 0, o = 0;
    bool fit = true;
    while (s[i]) {
        uint32_t c = next_utf8(s, &i);
        ESENT_WCHAR enc[2];
        size_t n = 1;
        if (c >= 0x10000) {
            c -= 0x10000;
            enc[0] = (ESENT_WCHAR)(0xD800 + (c >> 10));
            enc[1] = (ESENT_WCHAR)(0xDC00 + (c & 0x3FF));
            n = 2;
        } else enc[0] = (ESENT_WCHAR)c;
        if (fit && o + n < cch) memcpy(wsz + o, enc, n * sizeof(ESENT_WCHAR));
        else if (fit) { fit = false; if (cch) wsz[o < cch ? o : cch - 1] = 0; }
        o += n;
    }
    if (fit && o < cch) wsz[o] = 0;
    else { fit = false; if (cch && o < cch) wsz[o] = 0; }
    if (pcchNeeded) *pcchNeeded = o + 1;
    return fit;
}

char *utf16_to_utf8_dup(const ESENT_WCHAR *wsz)
{
    size_t cb;
    if (!wsz) return NULL;
    utf16_to_utf8(wsz, NULL, 0, &cb);
    char *sz = mem_alloc(cb);
    if (sz) utf16_to_utf8(wsz, sz, cb, NULL);
    return sz;
}

ESENT_WCHAR *utf8_to_utf16_dup(const char *sz)
{
    size_t cch;
    if (!sz) return NULL;
    utf8_to_utf16(sz, NULL, 0, &cch);
    ESENT_WCHAR *wsz = mem_alloc(cch * sizeof(ESENT_WCHAR));
    if (wsz) utf8_to_utf16(sz, wsz, cch, NULL);
    return wsz;
}
