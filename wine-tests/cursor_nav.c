/* SPDX-License-Identifier: MIT
 * wine-tests/cursor_nav.c: moving a cursor by ranges, counts, positions and index bookmarks:
 * JetSetIndexRange (upper/lower, inclusive, instant duration, remove, JetSeek's
 * JET_bitSetIndexRange), JetIndexRecordCount, JetGetRecordPosition / JetGotoPosition (JET_RECPOS and
 * JET_RECPOS2), JetGetSecondaryIndexBookmark / JetGotoSecondaryIndexBookmark and
 * JetSetCurrentIndex2/3/4 (NoMove, itagSequence, grbits). Each check states what Windows' esent.dll
 * does: ESE's ErrIsamSetIndexRange and ErrFUCBCheckIndexRange (a move past the range's end
 * cancels it), ErrDIRIndexRecordCount (a cursor not yet moved counts from the first entry),
 * ErrIsamGetRecordPosition / ErrIsamGotoPosition, ErrIsamGetIndexBookmark /
 * ErrIsamGotoIndexBookmark, and JetSetCurrentIndexEx's grbit check in jetapi.cxx.
 * The positions below are exact fractions of one-page indexes, so Windows returns them too. */
#include "nav_table.h"

START_TEST(cursor_index_range)
{
    JET_TABLEID tableid;
    JET_ERR err;
    unsigned long c;
    int i;

    start("cursor_index_range");
    tableid = create_nav();

    /* Nothing to remove; no key made. */
    err = JetSetIndexRange(sesid, tableid, JET_bitRangeRemove);
    ok(err == JET_errInvalidOperation, "remove without a range: %ld\n", err);
    err = JetSetIndexRange(sesid, tableid, JET_bitRangeUpperLimit);
    ok(err == JET_errKeyNotMade, "no key made: %ld\n", err);

    /* Upper, inclusive: 10..20 is eleven records; the move past 20 ends the range. */
    err = seek_long(tableid, 10, JET_bitSeekGE);
    ok(err == JET_errSuccess, "seek 10: %ld\n", err);
    make_long_key(tableid, 20);
    err = JetSetIndexRange(sesid, tableid, JET_bitRangeUpperLimit | JET_bitRangeInclusive);
    ok(err == JET_errSuccess, "upper inclusive: %ld\n", err);
    c = count_from_here(tableid, 0);
    ok(c == 11, "count in [10, 20]: %lu\n", c);
    c = count_from_here(tableid, 4);
    ok(c == 4, "count limited to 4: %lu\n", c);
    for (i = 0; i < 10; i++) {
        err = JetMove(sesid, tableid, JET_MoveNext, 0);
        ok(err == JET_errSuccess, "move %d in range: %ld\n", i, err);
    }
    ok(current_id(tableid) == 20, "last in range\n");
    err = JetMove(sesid, tableid, JET_MoveNext, 0);
    ok(err == JET_errNoCurrentRecord, "move past the range: %ld\n", err);
    err = JetSetIndexRange(sesid, tableid, JET_bitRangeRemove);
    ok(err == JET_errInvalidOperation, "the range ended with that move: %ld\n", err);

    /* Upper, exclusive: 10..19. */
    seek_long(tableid, 10, JET_bitSeekEQ);
    make_long_key(tableid, 20);
    err = JetSetIndexRange(sesid, tableid, JET_bitRangeUpperLimit);
    ok(err == JET_errSuccess, "upper exclusive: %ld\n", err);
    c = count_from_here(tableid, 0);
    ok(c == 10, "count in [10, 20): %lu\n", c);

    /* A range the current record is already beyond. */
    seek_long(tableid, 30, JET_bitSeekEQ);
    make_long_key(tableid, 20);
    err = JetSetIndexRange(sesid, tableid, JET_bitRangeUpperLimit | JET_bitRangeInclusive);
    ok(err == JET_errNoCurrentRecord, "current record past the limit: %ld\n", err);

    /* Instant duration: checked, then gone. */
    seek_long(tableid, 10, JET_bitSeekEQ);
    make_long_key(tableid, 12);
    err = JetSetIndexRange(sesid, tableid, JET_bitRangeUpperLimit | JET_bitRangeInclusive | JET_bitRangeInstantDuration);
    ok(err == JET_errSuccess, "instant duration: %ld\n", err);
    err = JetMove(sesid, tableid, 5, 0);
    ok(err == JET_errSuccess, "move beyond an instant range: %ld\n", err);
    ok(current_id(tableid) == 15, "moved 5\n");
    err = JetSetIndexRange(sesid, tableid, JET_bitRangeRemove);
    ok(err == JET_errInvalidOperation, "nothing left to remove: %ld\n", err);

    /* Lower, inclusive, moving backwards: 40 down to 35. */
    seek_long(tableid, 40, JET_bitSeekEQ);
    make_long_key(tableid, 35);
    err = JetSetIndexRange(sesid, tableid, JET_bitRangeInclusive);
    ok(err == JET_errSuccess, "lower inclusive: %ld\n", err);
    for (i = 0; i < 5; i++) {
        err = JetMove(sesid, tableid, JET_MovePrevious, 0);
        ok(err == JET_errSuccess, "move back %d: %ld\n", i, err);
    }
    ok(current_id(tableid) == 35, "first in range\n");
    err = JetMove(sesid, tableid, JET_MovePrevious, 0);
    ok(err == JET_errNoCurrentRecord, "move before the range: %ld\n", err);

    /* Removed while set: moves go on past the old limit. */
    seek_long(tableid, 10, JET_bitSeekEQ);
    make_long_key(tableid, 12);
    err = JetSetIndexRange(sesid, tableid, JET_bitRangeUpperLimit | JET_bitRangeInclusive);
    ok(err == JET_errSuccess, "upper inclusive: %ld\n", err);
    err = JetSetIndexRange(sesid, tableid, JET_bitRangeRemove);
    ok(err == JET_errSuccess, "remove: %ld\n", err);
    err = JetMove(sesid, tableid, 15, 0);
    ok(err == JET_errSuccess, "move past the removed range: %ld\n", err);
    ok(current_id(tableid) == 25, "moved 15\n");

    /* JetSeek(JET_bitSetIndexRange) on a secondary index: the equal entries. */
    err = JetSetCurrentIndexA(sesid, tableid, "Grp");
    ok(err == JET_errSuccess, "JetSetCurrentIndexA(Grp): %ld\n", err);
    err = seek_long(tableid, 3, JET_bitSeekEQ | JET_bitSetIndexRange);
    ok(err == JET_errSuccess, "seek Grp 3 with a range: %ld\n", err);
    c = count_from_here(tableid, 0);
    ok(c == NROWS / 5, "entries with Grp 3: %lu\n", c);

    err = JetCloseTable(sesid, tableid);
    ok(err == JET_errSuccess, "JetCloseTable: %ld\n", err);
    stop();
}

START_TEST(cursor_index_record_count)
{
    JET_TABLEID tableid, tidEmpty;
    JET_ERR err;
    unsigned long c;

    start("cursor_record_count");
    tableid = create_nav();
    err = JetCreateTableA(sesid, dbid, "Empty", 0, 0, &tidEmpty);
    ok(err == JET_errSuccess, "JetCreateTableA: %ld\n", err);
    JetCloseTable(sesid, tidEmpty);
    err = JetOpenTableA(sesid, dbid, "Empty", NULL, 0, 0, &tidEmpty);
    ok(err == JET_errSuccess, "JetOpenTableA: %ld\n", err);

    /* An empty table counts 0, not JET_errNoCurrentRecord (fixed since Windows Vista). */
    c = count_from_here(tidEmpty, 0);
    ok(c == 0, "empty: %lu\n", c);

    /* A cursor not yet moved counts from the first entry; the current one is included. */
    c = count_from_here(tableid, 0);
    ok(c == NROWS, "all: %lu\n", c);
    seek_long(tableid, 41, JET_bitSeekEQ);
    c = count_from_here(tableid, 0);
    ok(c == NROWS - 40, "from 41: %lu\n", c);
    c = count_from_here(tableid, 3);
    ok(c == 3, "limited: %lu\n", c);

    /* Past the last record there is no current record to count from. */
    err = JetMove(sesid, tableid, JET_MoveLast, 0);
    ok(err == JET_errSuccess, "JetMove(last): %ld\n", err);
    err = JetMove(sesid, tableid, JET_MoveNext, 0);
    ok(err == JET_errNoCurrentRecord, "JetMove(next) at the end: %ld\n", err);
    c = 0xdeadbeef;
    err = JetIndexRecordCount(sesid, tableid, &c, 0);
    ok(err == JET_errNoCurrentRecord, "count after the end: %ld\n", err);

    /* A multi-valued index has an entry per value. */
    err = JetSetCurrentIndexA(sesid, tableid, "Tags");
    ok(err == JET_errSuccess, "JetSetCurrentIndexA(Tags): %ld\n", err);
    c = count_from_here(tableid, 0);
    ok(c == 2 * NROWS, "entries of Tags: %lu\n", c);

    JetCloseTable(sesid, tidEmpty);
    JetCloseTable(sesid, tableid);
    stop();
}

START_TEST(cursor_record_position)
{
    JET_TABLEID tableid;
    JET_RECPOS pos;
    JET_RECPOS2 pos2;
    JET_ERR err;

    start("cursor_record_position");
    tableid = create_nav();
    seek_long(tableid, 26, JET_bitSeekEQ);

    memset(&pos, 0xcc, sizeof pos);
    err = JetGetRecordPosition(sesid, tableid, &pos, sizeof pos - 1);
    ok(err == JET_errInvalidParameter, "short JET_RECPOS: %ld\n", err);

    memset(&pos, 0xcc, sizeof pos);
    err = JetGetRecordPosition(sesid, tableid, &pos, sizeof pos);
    ok(err == JET_errSuccess, "JetGetRecordPosition: %ld\n", err);
    ok(pos.cbStruct == sizeof pos, "cbStruct %lu\n", pos.cbStruct);
    ok(pos.centriesLT == 25 && pos.centriesTotal == NROWS && pos.centriesInRange == 1,
       "position %lu of %lu (in range %lu)\n", pos.centriesLT, pos.centriesTotal, pos.centriesInRange);

    memset(&pos2, 0xcc, sizeof pos2);
    err = JetGetRecordPosition(sesid, tableid, (JET_RECPOS *)&pos2, sizeof pos2);
    ok(err == JET_errSuccess, "JetGetRecordPosition(JET_RECPOS2): %ld\n", err);
    ok(pos2.cbStruct == sizeof pos2, "cbStruct %lu\n", pos2.cbStruct);
    ok(pos2.centriesLT == 25 && pos2.centriesTotal == NROWS, "position %lu of %lu\n",
       (unsigned long)pos2.centriesLT, (unsigned long)pos2.centriesTotal);
    ok(pos2.centriesLTDeprecated == 25 && pos2.centriesTotalDeprecated == NROWS && pos2.centriesInRangeDeprecated == 1,
       "the 32-bit copies: %lu of %lu (%lu)\n", pos2.centriesLTDeprecated, pos2.centriesTotalDeprecated,
       pos2.centriesInRangeDeprecated);

    /* JetGotoPosition: a fraction of the index. */
    pos.cbStruct = sizeof pos;
    pos.centriesLT = 10;
    pos.centriesTotal = NROWS;
    pos.centriesInRange = 1;
    err = JetGotoPosition(sesid, tableid, &pos);
    ok(err == JET_errSuccess, "JetGotoPosition: %ld\n", err);
    ok(current_id(tableid) == 11, "10 of 50 is the 11th record\n");

    pos.centriesLT = NROWS + 1;
    err = JetGotoPosition(sesid, tableid, &pos);
    ok(err == JET_errInvalidParameter, "LT above total: %ld\n", err);
    pos.cbStruct = sizeof pos + 1;
    pos.centriesLT = 1;
    err = JetGotoPosition(sesid, tableid, &pos);
    ok(err == JET_errInvalidParameter, "cbStruct neither form: %ld\n", err);

    memset(&pos2, 0, sizeof pos2);
    pos2.cbStruct = sizeof pos2;
    pos2.centriesLT = 40;
    pos2.centriesTotal = NROWS;
    err = JetGotoPosition(sesid, tableid, (JET_RECPOS *)&pos2);
    ok(err == JET_errSuccess, "JetGotoPosition(JET_RECPOS2): %ld\n", err);
    ok(current_id(tableid) == 41, "40 of 50 is the 41st record\n");
    pos2.centriesLTDeprecated = 40;
    err = JetGotoPosition(sesid, tableid, (JET_RECPOS *)&pos2);
    ok(err == JET_errInvalidParameter, "JET_RECPOS2 with its 32-bit fields set: %ld\n", err);

    JetCloseTable(sesid, tableid);
    stop();
}

START_TEST(cursor_secondary_index_bookmark)
{
    JET_TABLEID tableid;
    JET_ERR err;
    unsigned char key[JET_cbKeyMost], bm[JET_cbBookmarkMost], keySmall[1];
    unsigned long cbKey = 0, cbBm = 0, cbKey2 = 0, cbBm2 = 0;
    WCHAR name[3] = { 'n', '3', '3' };

    start("cursor_secbm");
    tableid = create_nav();

    /* On the primary index there is no secondary bookmark. */
    seek_long(tableid, 7, JET_bitSeekEQ);
    err = JetGetSecondaryIndexBookmark(sesid, tableid, key, sizeof key, &cbKey, bm, sizeof bm, &cbBm, 0);
    ok(err == JET_errNoCurrentIndex, "on the primary index: %ld\n", err);
    err = JetGotoSecondaryIndexBookmark(sesid, tableid, key, 4, bm, 4, 0);
    ok(err == JET_errNoCurrentIndex, "goto on the primary index: %ld\n", err);

    err = JetSetCurrentIndexA(sesid, tableid, "Grp");
    ok(err == JET_errSuccess, "JetSetCurrentIndexA(Grp): %ld\n", err);
    err = seek_long(tableid, 3, JET_bitSeekEQ);
    ok(err == JET_errSuccess, "seek Grp 3: %ld\n", err);
    err = JetMove(sesid, tableid, 2, 0);
    ok(err == JET_errSuccess, "JetMove(+2): %ld\n", err);
    ok(current_id(tableid) == 13, "third of Grp 3\n");
    err = JetGetSecondaryIndexBookmark(sesid, tableid, key, sizeof key, &cbKey, bm, sizeof bm, &cbBm, 0);
    ok(err == JET_errSuccess, "JetGetSecondaryIndexBookmark: %ld\n", err);
    ok(cbKey > 0 && cbKey <= JET_cbKeyMost && cbBm > 0 && cbBm <= JET_cbBookmarkMost, "sizes %lu, %lu\n", cbKey, cbBm);

    /* A short buffer: JET_errBufferTooSmall, with both sizes. */
    err = JetGetSecondaryIndexBookmark(sesid, tableid, keySmall, sizeof keySmall, &cbKey2, bm, sizeof bm, &cbBm2, 0);
    ok(err == JET_errBufferTooSmall, "short key buffer: %ld\n", err);
    ok(cbKey2 == cbKey && cbBm2 == cbBm, "sizes with a short buffer: %lu, %lu\n", cbKey2, cbBm2);

    /* Going back to it from elsewhere. */
    err = JetMove(sesid, tableid, JET_MoveFirst, 0);
    ok(err == JET_errSuccess, "JetMove(first): %ld\n", err);
    err = JetGotoSecondaryIndexBookmark(sesid, tableid, key, cbKey, bm, cbBm, 0);
    ok(err == JET_errSuccess, "JetGotoSecondaryIndexBookmark: %ld\n", err);
    ok(current_id(tableid) == 13, "back on 13\n");
    err = JetMove(sesid, tableid, JET_MoveNext, 0);
    ok(err == JET_errSuccess && current_id(tableid) == 18, "the index order goes on from there: %ld\n", err);

    /* A non-unique index needs both halves. */
    err = JetGotoSecondaryIndexBookmark(sesid, tableid, key, 0, bm, cbBm, 0);
    ok(err == JET_errInvalidBookmark, "no secondary key: %ld\n", err);
    err = JetGotoSecondaryIndexBookmark(sesid, tableid, key, cbKey, NULL, 0, 0);
    ok(err == JET_errInvalidBookmark, "no primary bookmark on a non-unique index: %ld\n", err);

    /* A unique index does not: its key finds the entry alone. */
    err = JetSetCurrentIndexA(sesid, tableid, "Name");
    ok(err == JET_errSuccess, "JetSetCurrentIndexA(Name): %ld\n", err);
    err = JetMakeKey(sesid, tableid, name, sizeof name, JET_bitNewKey);
    ok(err == JET_errSuccess, "JetMakeKey(n33): %ld\n", err);
    err = JetSeek(sesid, tableid, JET_bitSeekEQ);
    ok(err == JET_errSuccess, "seek n33: %ld\n", err);
    err = JetGetSecondaryIndexBookmark(sesid, tableid, key, sizeof key, &cbKey, bm, sizeof bm, &cbBm, 0);
    ok(err == JET_errSuccess, "JetGetSecondaryIndexBookmark(Name): %ld\n", err);
    JetMove(sesid, tableid, JET_MoveLast, 0);
    err = JetGotoSecondaryIndexBookmark(sesid, tableid, key, cbKey, NULL, 0, 0);
    ok(err == JET_errSuccess, "unique index, key alone: %ld\n", err);
    ok(current_id(tableid) == 33, "on n33\n");

    JetCloseTable(sesid, tableid);
    stop();
}

START_TEST(cursor_set_current_index_forms)
{
    JET_TABLEID tableid;
    JET_ERR err;
    unsigned long c;

    start("cursor_setindex");
    tableid = create_nav();

    /* JetSetCurrentIndex2: MoveFirst (0) goes to the new index's first entry ... */
    err = JetSetCurrentIndex2A(sesid, tableid, "Grp", JET_bitMoveFirst);
    ok(err == JET_errSuccess, "JetSetCurrentIndex2A(Grp, MoveFirst): %ld\n", err);
    ok(current_id(tableid) == 5, "first of Grp 0 is Id 5\n");

    /* ... NoMove keeps the record. */
    err = JetSetCurrentIndex2A(sesid, tableid, NULL, JET_bitMoveFirst);
    ok(err == JET_errSuccess, "back to the primary index: %ld\n", err);
    seek_long(tableid, 17, JET_bitSeekEQ);
    err = JetSetCurrentIndex2A(sesid, tableid, "Grp", JET_bitNoMove);
    ok(err == JET_errSuccess, "JetSetCurrentIndex2A(Grp, NoMove): %ld\n", err);
    ok(current_id(tableid) == 17, "still on 17\n");
    err = JetMove(sesid, tableid, JET_MoveNext, 0);
    ok(err == JET_errSuccess && current_id(tableid) == 22, "next in Grp order: %ld\n", err);

    /* Unknown grbits and unknown indexes. */
    err = JetSetCurrentIndex2A(sesid, tableid, "Grp", 0x4);
    ok(err == JET_errInvalidGrbit, "grbit 0x4: %ld\n", err);
    err = JetSetCurrentIndex4A(sesid, tableid, "Grp", NULL, JET_bitNoMove | 0x100, 1);
    ok(err == JET_errInvalidGrbit, "grbit 0x102: %ld\n", err);
    err = JetSetCurrentIndex2A(sesid, tableid, "NoSuchIndex", JET_bitMoveFirst);
    ok(err == JET_errIndexNotFound, "unknown index: %ld\n", err);
    ok(current_id(tableid) == 22, "a failed switch keeps the record\n");

    /* NoMove needs a current record. */
    err = JetMove(sesid, tableid, JET_MoveLast, 0);
    ok(err == JET_errSuccess, "JetMove(last): %ld\n", err);
    err = JetMove(sesid, tableid, JET_MoveNext, 0);
    ok(err == JET_errNoCurrentRecord, "past the end: %ld\n", err);
    err = JetSetCurrentIndex2A(sesid, tableid, "Name", JET_bitNoMove);
    ok(err == JET_errNoCurrentRecord, "NoMove without a record: %ld\n", err);

    /* itagSequence picks the entry of a multi-valued index: record 17's values are 17 and 1017. */
    JetSetCurrentIndex2A(sesid, tableid, NULL, JET_bitMoveFirst);
    seek_long(tableid, 17, JET_bitSeekEQ);
    err = JetSetCurrentIndex3A(sesid, tableid, "Tags", JET_bitNoMove, 2);
    ok(err == JET_errSuccess, "JetSetCurrentIndex3A(Tags, 2): %ld\n", err);
    c = count_from_here(tableid, 0);
    ok(c == NROWS - 16, "entries from 1017: %lu\n", c);
    JetSetCurrentIndex2A(sesid, tableid, NULL, JET_bitMoveFirst);
    seek_long(tableid, 17, JET_bitSeekEQ);
    err = JetSetCurrentIndex4A(sesid, tableid, "Tags", NULL, JET_bitNoMove, 1);
    ok(err == JET_errSuccess, "JetSetCurrentIndex4A(Tags, 1): %ld\n", err);
    c = count_from_here(tableid, 0);
    ok(c == 2 * NROWS - 16, "entries from 17: %lu\n", c);

    JetCloseTable(sesid, tableid);
    stop();
}
