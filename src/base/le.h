/* SPDX-License-Identifier: MIT
 * base/le.h: little- and big-endian byte accessors for on-disk structures.
 * Persisted structs are built from the byte-array wrappers below, so they have alignment 1, need
 * no packing pragmas, and mean the same on every host (STYLE.md "On-disk structures"). */
#ifndef BASE_LE_H
#define BASE_LE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef struct { uint8_t b[2]; } le16;
typedef struct { uint8_t b[4]; } le32;
typedef struct { uint8_t b[8]; } le64;

static inline uint16_t get_le16(const void *p)
{
    const uint8_t *b = (const uint8_t *)p;
    return (uint16_t)(b[0] | (b[1] << 8));
}
static inline uint32_t get_le32(const void *p)
{
    const uint8_t *b = (const uint8_t *)p;
    return (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24);
}
static inline uint64_t get_le64(const void *p)
{
    const uint8_t *b = (const uint8_t *)p;
    return (uint64_t)get_le32(b) | ((uint64_t)get_le32(b + 4) << 32);
}
static inline void put_le16(void *p, uint16_t v)
{
    uint8_t *b = (uint8_t *)p;
    b[0] = (uint8_t)v; b[1] = (uint8_t)(v >> 8);
}
static inline void put_le32(void *p, uint32_t v)
{
    uint8_t *b = (uint8_t *)p;
    b[0] = (uint8_t)v; b[1] = (uint8_t)(v >> 8); b[2] = (uint8_t)(v >> 16); b[3] = (uint8_t)(v >> 24);
}
static inline void put_le64(void *p, uint64_t v)
{
    put_le32(p, (uint32_t)v);
    put_le32((uint8_t *)p + 4, (uint32_t)(v >> 32));
}
static inline uint16_t get_be16(const void *p)
{
    const uint8_t *b = (const uint8_t *)p;
    return (uint16_t)((b[0] << 8) | b[1]);
}
static inline uint32_t get_be32(const void *p)
{
    const uint8_t *b = (const uint8_t *)p;
    return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | (uint32_t)b[3];
}
static inline void put_be16(void *p, uint16_t v)
{
    uint8_t *b = (uint8_t *)p;
    b[0] = (uint8_t)(v >> 8); b[1] = (uint8_t)v;
}
static inline void put_be32(void *p, uint32_t v)
{
    uint8_t *b = (uint8_t *)p;
    b[0] = (uint8_t)(v >> 24); b[1] = (uint8_t)(v >> 16); b[2] = (uint8_t)(v >> 8); b[3] = (uint8_t)v;
}

/* Wrapper accessors: le32_get(&hdr->magic). */
static inline uint16_t le16_get(const le16 *p) { return get_le16(p->b); }
static inline uint32_t le32_get(const le32 *p) { return get_le32(p->b); }
static inline uint64_t le64_get(const le64 *p) { return get_le64(p->b); }
static inline void le16_put(le16 *p, uint16_t v) { put_le16(p->b, v); }
static inline void le32_put(le32 *p, uint32_t v) { put_le32(p->b, v); }
static inline void le64_put(le64 *p, uint64_t v) { put_le64(p->b, v); }

/* Bounds-checked reads at a variable position inside a buffer of cb bytes. Return false (and
 * leave *pv alone) when the field does not lie wholly inside the buffer: the caller turns that
 * into JET_errDatabaseCorrupted, since disk bytes are untrusted. */
static inline bool le16_at(const void *buf, size_t cb, size_t ib, uint16_t *pv)
{
    if (ib > cb || cb - ib < 2) return false;
    *pv = get_le16((const uint8_t *)buf + ib);
    return true;
}
static inline bool le32_at(const void *buf, size_t cb, size_t ib, uint32_t *pv)
{
    if (ib > cb || cb - ib < 4) return false;
    *pv = get_le32((const uint8_t *)buf + ib);
    return true;
}

#endif /* BASE_LE_H */
