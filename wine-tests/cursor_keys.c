/* SPDX-License-Identifier: MIT
 * wine-tests/cursor_keys.c: making keys and seeking with them: JetMakeKey's grbits (NewKey,
 * NormalizedKey, KeyDataZeroLength, StrLimit, SubStrLimit, FullColumnStartLimit/EndLimit) and
 * errors, JetSeek's LT/LE/GE/GT on unique and non-unique indexes, and JetMove's
 * JET_bitMoveKeyNE. Each check states what Windows' esent.dll does: ESE's ErrIsamMakeKey
 * (JET_errKeyNotMade without NewKey, JET_errKeyIsMade past the last segment or after a limit,
 * JET_errInvalidBufferSize for a fixed column of the wrong size) and ErrIsamSeek (no direction:
 * JET_errInvalidParameter; LT and GT step off equal keys; GE and LE give JET_wrnSeekNotEqual
 * when they land on another key). */
#include "nav_table.h"

static void make_text_key(JET_TABLEID tableid, const char *sz, JET_GRBIT grbit)
{
    WCHAR w[16];
    size_t i, n = strlen(sz);
    JET_ERR err;
    for (i = 0; i < n; i++)
        w[i] = (WCHAR)sz[i];
    err = JetMakeKey(sesid, tableid, w, (unsigned long)(n * sizeof(WCHAR)), grbit);
    ok(err == JET_errSuccess, "JetMakeKey(%s, %#lx): %ld\n", sz, grbit, err);
}

START_TEST(cursor_make_key)
{
    JET_TABLEID tableid;
    JET_ERR err;
    long v = 5;
    unsigned char key[JET_cbKeyMost], keyNull[JET_cbKeyMost], keyEmpty[JET_cbKeyMost];
    unsigned long cb = 0, cbNull = 0, cbEmpty = 0;

    start("cursor_make_key");
    tableid = create_nav();

    /* The first segment needs JET_bitNewKey; a one-segment key is full after it. */
    err = JetMakeKey(sesid, tableid, &v, sizeof v, 0);
    ok(err == JET_errKeyNotMade, "no NewKey: %ld\n", err);
    err = JetMakeKey(sesid, tableid, &v, sizeof v, JET_bitNewKey);
    ok(err == JET_errSuccess, "JetMakeKey: %ld\n", err);
    err = JetMakeKey(sesid, tableid, &v, sizeof v, 0);
    ok(err == JET_errKeyIsMade, "a second segment of a one-segment index: %ld\n", err);
    err = JetMakeKey(sesid, tableid, &v, 2, JET_bitNewKey);
    ok(err == JET_errInvalidBufferSize, "2 bytes for a Long: %ld\n", err);

    /* A key made with a limit cannot take another segment. */
    err = JetSetCurrentIndexA(sesid, tableid, "Name");
    ok(err == JET_errSuccess, "JetSetCurrentIndexA(Name): %ld\n", err);
    make_text_key(tableid, "n1", JET_bitNewKey | JET_bitSubStrLimit);
    err = JetMakeKey(sesid, tableid, L"x", sizeof(WCHAR), 0);
    ok(err == JET_errKeyIsMade, "after a limit: %ld\n", err);

    /* NULL and zero-length are different keys. */
    err = JetMakeKey(sesid, tableid, NULL, 0, JET_bitNewKey);
    ok(err == JET_errSuccess, "NULL key: %ld\n", err);
    err = JetRetrieveKey(sesid, tableid, keyNull, sizeof keyNull, &cbNull, JET_bitRetrieveCopy);
    ok(err == JET_errSuccess, "JetRetrieveKey(NULL key): %ld\n", err);
    err = JetMakeKey(sesid, tableid, NULL, 0, JET_bitNewKey | JET_bitKeyDataZeroLength);
    ok(err == JET_errSuccess, "zero-length key: %ld\n", err);
    err = JetRetrieveKey(sesid, tableid, keyEmpty, sizeof keyEmpty, &cbEmpty, JET_bitRetrieveCopy);
    ok(err == JET_errSuccess, "JetRetrieveKey(zero-length key): %ld\n", err);
    ok(cbNull != cbEmpty || memcmp(keyNull, keyEmpty, cbNull), "NULL and zero-length keys differ\n");

    /* A normalized key, as JetRetrieveKey gave it, seeks to its record. */
    make_text_key(tableid, "n33", JET_bitNewKey);
    err = JetSeek(sesid, tableid, JET_bitSeekEQ);
    ok(err == JET_errSuccess, "seek n33: %ld\n", err);
    err = JetRetrieveKey(sesid, tableid, key, sizeof key, &cb, 0);
    ok(err == JET_errSuccess, "JetRetrieveKey: %ld\n", err);
    JetMove(sesid, tableid, JET_MoveFirst, 0);
    err = JetMakeKey(sesid, tableid, key, cb, JET_bitNormalizedKey);
    ok(err == JET_errSuccess, "JetMakeKey(normalized): %ld\n", err);
    err = JetSeek(sesid, tableid, JET_bitSeekEQ);
    ok(err == JET_errSuccess && current_id(tableid) == 33, "seek by the normalized key: %ld\n", err);

    JetCloseTable(sesid, tableid);
    stop();
}

START_TEST(cursor_seek_directions)
{
    JET_TABLEID tableid;
    JET_ERR err;

    start("cursor_seek_dirs");
    tableid = create_nav();

    make_long_key(tableid, 25);
    err = JetSeek(sesid, tableid, 0);
    ok(err == JET_errInvalidParameter, "no direction: %ld\n", err);

    /* A unique index, an existing key. */
    err = seek_long(tableid, 25, JET_bitSeekLT);
    ok(err == JET_errSuccess && current_id(tableid) == 24, "LT 25: %ld\n", err);
    err = seek_long(tableid, 25, JET_bitSeekLE);
    ok(err == JET_errSuccess && current_id(tableid) == 25, "LE 25: %ld\n", err);
    err = seek_long(tableid, 25, JET_bitSeekGE);
    ok(err == JET_errSuccess && current_id(tableid) == 25, "GE 25: %ld\n", err);
    err = seek_long(tableid, 25, JET_bitSeekGT);
    ok(err == JET_errSuccess && current_id(tableid) == 26, "GT 25: %ld\n", err);

    /* Beyond the ends. */
    err = seek_long(tableid, 60, JET_bitSeekLE);
    ok(err == JET_wrnSeekNotEqual && current_id(tableid) == NROWS, "LE 60: %ld\n", err);
    err = seek_long(tableid, 0, JET_bitSeekGE);
    ok(err == JET_wrnSeekNotEqual && current_id(tableid) == 1, "GE 0: %ld\n", err);
    err = seek_long(tableid, NROWS, JET_bitSeekGT);
    ok(err == JET_errRecordNotFound, "GT the last: %ld\n", err);
    err = seek_long(tableid, 1, JET_bitSeekLT);
    ok(err == JET_errRecordNotFound, "LT the first: %ld\n", err);
    err = seek_long(tableid, 60, JET_bitSeekEQ);
    ok(err == JET_errRecordNotFound, "EQ 60: %ld\n", err);

    /* A non-unique index: LT and GT step over every entry of the key. */
    JetSetCurrentIndexA(sesid, tableid, "Grp");
    err = seek_long(tableid, 3, JET_bitSeekGT);
    ok(err == JET_errSuccess && current_id(tableid) == 4, "GT Grp 3 is the first of Grp 4: %ld\n", err);
    err = seek_long(tableid, 3, JET_bitSeekLT);
    ok(err == JET_errSuccess && current_id(tableid) == 47, "LT Grp 3 is the last of Grp 2: %ld\n", err);
    err = seek_long(tableid, 3, JET_bitSeekEQ);
    ok(err == JET_errSuccess && current_id(tableid) == 3, "EQ Grp 3 is its first: %ld\n", err);

    /* JET_bitMoveKeyNE: on to the next key. */
    err = JetMove(sesid, tableid, JET_MoveNext, JET_bitMoveKeyNE);
    ok(err == JET_errSuccess && current_id(tableid) == 4, "next key after Grp 3: %ld\n", err);
    err = JetMove(sesid, tableid, JET_MovePrevious, JET_bitMoveKeyNE);
    ok(err == JET_errSuccess && current_id(tableid) == 48, "previous key before Grp 4: %ld\n", err);

    /* Full-column limits: the first and last entries of a key. */
    err = JetMakeKey(sesid, tableid, &(long){ 3 }, sizeof(long), JET_bitNewKey | JET_bitFullColumnEndLimit);
    ok(err == JET_errSuccess, "JetMakeKey(end limit): %ld\n", err);
    err = JetSeek(sesid, tableid, JET_bitSeekLE);
    ok(err >= 0 && current_id(tableid) == 48, "LE the end of Grp 3: %ld\n", err);
    err = JetMakeKey(sesid, tableid, &(long){ 3 }, sizeof(long), JET_bitNewKey | JET_bitFullColumnStartLimit);
    ok(err == JET_errSuccess, "JetMakeKey(start limit): %ld\n", err);
    err = JetSeek(sesid, tableid, JET_bitSeekGE);
    ok(err >= 0 && current_id(tableid) == 3, "GE the start of Grp 3: %ld\n", err);

    /* Text limits on "Name" (n01 .. n50): every name starting "n1" is before SubStrLimit. */
    JetSetCurrentIndexA(sesid, tableid, "Name");
    make_text_key(tableid, "n1", JET_bitNewKey | JET_bitSubStrLimit);
    err = JetSeek(sesid, tableid, JET_bitSeekLE);
    ok(err >= 0 && current_id(tableid) == 19, "LE the end of n1*: %ld, %ld\n", err, current_id(tableid));
    make_text_key(tableid, "n1", JET_bitNewKey);
    err = JetSeek(sesid, tableid, JET_bitSeekGE);
    ok(err == JET_wrnSeekNotEqual && current_id(tableid) == 10, "GE n1: %ld\n", err);
    make_text_key(tableid, "n1", JET_bitNewKey | JET_bitStrLimit);
    err = JetSeek(sesid, tableid, JET_bitSeekLE);
    ok(err >= 0 && current_id(tableid) == 9, "LE the end of exactly n1: %ld, %ld\n", err, current_id(tableid));

    JetCloseTable(sesid, tableid);
    stop();
}
