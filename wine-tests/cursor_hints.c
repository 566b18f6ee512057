/* SPDX-License-Identifier: MIT
 * wine-tests/cursor_hints.c: the rest of a cursor's calls: JetRetrieveKey (the current entry's key
 * and the key being made), JetGetCursorInfo (a record another session changed), the sequential
 * and preread hints (JetSetTableSequential, JetResetTableSequential, JetPrereadKeys), index
 * intersection (JetIntersectIndexes), cursor filters (JetSetCursorFilter) and range prereads
 * (JetPrereadIndexRanges: ErrIsamIPrereadIndexRanges, ErrRECIMakeKey). Each check states
 * what Windows' esent.dll does: ESE's ErrIsamRetrieveKey, ErrIsamGetCursorInfo,
 * ErrIsamSetSequential, ErrIsamValidatePrereadKeysArguments, ErrIsamIntersectIndexes with
 * ErrRECICheckIndexrangesForUniqueness, and ErrIsamSetCursorFilter with
 * ErrRECIValidateOneMoveFilter. */
#include "nav_table.h"

START_TEST(cursor_retrieve_key)
{
    JET_TABLEID tableid;
    JET_ERR err;
    unsigned char key[JET_cbKeyMost], made[JET_cbKeyMost];
    unsigned long cb = 0, cbMade = 0;
    static const unsigned char key7[5] = { 0x7f, 0x80, 0x00, 0x00, 0x07 };

    start("cursor_retrieve_key");
    tableid = create_nav();

    /* No key made yet. */
    err = JetRetrieveKey(sesid, tableid, made, sizeof made, &cbMade, JET_bitRetrieveCopy);
    ok(err == JET_errKeyNotMade, "copy without a key made: %ld\n", err);

    /* The current entry's key: a Long is 0x7f, then big-endian with the sign bit flipped. */
    seek_long(tableid, 7, JET_bitSeekEQ);
    err = JetRetrieveKey(sesid, tableid, key, sizeof key, &cb, 0);
    ok(err == JET_errSuccess, "JetRetrieveKey: %ld\n", err);
    ok(cb == sizeof key7 && !memcmp(key, key7, sizeof key7), "key of 7: %lu bytes\n", cb);

    /* A short buffer: truncated, with the whole size. */
    cb = 0;
    memset(key, 0xcc, sizeof key);
    err = JetRetrieveKey(sesid, tableid, key, 2, &cb, 0);
    ok(err == JET_wrnBufferTruncated, "short buffer: %ld\n", err);
    ok(cb == sizeof key7, "size with a short buffer: %lu\n", cb);
    ok(key[0] == 0x7f && key[1] == 0x80 && key[2] == 0xcc, "two bytes copied\n");

    /* JET_bitRetrieveCopy: the key being made, normalized the same way. */
    make_long_key(tableid, 7);
    err = JetRetrieveKey(sesid, tableid, made, sizeof made, &cbMade, JET_bitRetrieveCopy);
    ok(err == JET_errSuccess, "JetRetrieveKey(copy): %ld\n", err);
    ok(cbMade == sizeof key7 && !memcmp(made, key7, sizeof key7), "made key of 7: %lu bytes\n", cbMade);

    JetCloseTable(sesid, tableid);
    stop();
}

START_TEST(cursor_get_cursor_info)
{
    JET_TABLEID tableid, tid2;
    JET_SESID ses2;
    JET_DBID dbid2;
    JET_ERR err;
    long grp = 99;

    start("cursor_info");
    tableid = create_nav();
    /* The creator holds the new table exclusively (JET_errTableLocked for others) until it closes. */
    JetCloseTable(sesid, tableid);
    err = JetOpenTableA(sesid, dbid, "Nav", NULL, 0, 0, &tableid);
    ok(err == JET_errSuccess, "JetOpenTableA: %ld\n", err);

    /* Not on a record. */
    err = JetMove(sesid, tableid, JET_MoveLast, 0);
    ok(err == JET_errSuccess, "JetMove(last): %ld\n", err);
    err = JetMove(sesid, tableid, JET_MoveNext, 0);
    ok(err == JET_errNoCurrentRecord, "past the end: %ld\n", err);
    err = JetGetCursorInfo(sesid, tableid, NULL, 0, 0);
    ok(err == JET_errNoCurrentRecord, "no record: %ld\n", err);

    /* Only a zero buffer size and level 0 are known. */
    seek_long(tableid, 7, JET_bitSeekEQ);
    err = JetGetCursorInfo(sesid, tableid, NULL, 0, 0);
    ok(err == JET_errSuccess, "on a record: %ld\n", err);
    err = JetGetCursorInfo(sesid, tableid, NULL, 4, 0);
    ok(err == JET_errInvalidParameter, "cbMax 4: %ld\n", err);
    err = JetGetCursorInfo(sesid, tableid, NULL, 0, 1);
    ok(err == JET_errInvalidParameter, "level 1: %ld\n", err);

    /* Another session's uncommitted change of the record is a write conflict for this one. */
    err = JetBeginSessionA(inst, &ses2, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSessionA: %ld\n", err);
    err = JetOpenDatabaseA(ses2, dbpath, NULL, &dbid2, 0);
    ok(err == JET_errSuccess, "JetOpenDatabaseA: %ld\n", err);
    err = JetOpenTableA(ses2, dbid2, "Nav", NULL, 0, 0, &tid2);
    ok(err == JET_errSuccess, "JetOpenTableA: %ld\n", err);
    err = JetBeginTransaction(ses2);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    err = JetMakeKey(ses2, tid2, &(long){ 7 }, sizeof(long), JET_bitNewKey);
    ok(err == JET_errSuccess, "JetMakeKey: %ld\n", err);
    err = JetSeek(ses2, tid2, JET_bitSeekEQ);
    ok(err == JET_errSuccess, "JetSeek: %ld\n", err);
    err = JetPrepareUpdate(ses2, tid2, JET_prepReplace);
    ok(err == JET_errSuccess, "JetPrepareUpdate: %ld\n", err);
    err = JetSetColumn(ses2, tid2, colGrp, &grp, sizeof grp, 0, NULL);
    ok(err == JET_errSuccess, "JetSetColumn: %ld\n", err);
    err = JetUpdate(ses2, tid2, NULL, 0, NULL);
    ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);

    err = JetGetCursorInfo(sesid, tableid, NULL, 0, 0);
    ok(err == JET_errWriteConflict, "record changed by another session: %ld\n", err);
    err = JetRollback(ses2, 0);
    ok(err == JET_errSuccess, "JetRollback: %ld\n", err);
    err = JetGetCursorInfo(sesid, tableid, NULL, 0, 0);
    ok(err == JET_errSuccess, "after its rollback: %ld\n", err);

    JetCloseTable(ses2, tid2);
    JetCloseDatabase(ses2, dbid2, 0);
    JetEndSession(ses2, 0);
    JetCloseTable(sesid, tableid);
    stop();
}

START_TEST(cursor_sequential_and_preread)
{
    JET_TABLEID tableid;
    JET_ERR err;
    unsigned char k10[8], k20[8], k30[8];
    const void *rgpv[3];
    unsigned long rgcb[3], cb;
    long c = -1, i;

    start("cursor_preread");
    tableid = create_nav();

    /* Sequential hints change nothing a scan returns. */
    err = JetSetTableSequential(sesid, tableid, JET_bitPrereadForward);
    ok(err == JET_errSuccess, "JetSetTableSequential: %ld\n", err);
    for (i = 0, err = JetMove(sesid, tableid, JET_MoveFirst, 0); err == JET_errSuccess; i++)
        err = JetMove(sesid, tableid, JET_MoveNext, 0);
    ok(err == JET_errNoCurrentRecord && i == NROWS, "scan: %ld after %ld\n", err, i);
    err = JetResetTableSequential(sesid, tableid, 0);
    ok(err == JET_errSuccess, "JetResetTableSequential: %ld\n", err);

    /* Three keys of the primary index, as JetRetrieveKey gives them. */
    seek_long(tableid, 10, JET_bitSeekEQ);
    JetRetrieveKey(sesid, tableid, k10, sizeof k10, &cb, 0);
    rgcb[0] = cb;
    seek_long(tableid, 20, JET_bitSeekEQ);
    JetRetrieveKey(sesid, tableid, k20, sizeof k20, &cb, 0);
    rgcb[1] = cb;
    seek_long(tableid, 30, JET_bitSeekEQ);
    JetRetrieveKey(sesid, tableid, k30, sizeof k30, &cb, 0);
    rgcb[2] = cb;
    rgpv[0] = k10;
    rgpv[1] = k20;
    rgpv[2] = k30;

    err = JetPrereadKeys(sesid, tableid, rgpv, rgcb, 3, &c, JET_bitPrereadForward);
    ok(err == JET_errSuccess, "JetPrereadKeys: %ld\n", err);
    ok(c >= 1 && c <= 3, "keys preread: %ld\n", c);
    c = -1;
    err = JetPrereadKeys(sesid, tableid, rgpv, rgcb, 3, &c, JET_bitPrereadBackward);
    ok(err == JET_errInvalidParameter, "ascending keys read backwards: %ld\n", err);
    ok(c == 0, "count reset on failure: %ld\n", c);
    err = JetPrereadKeys(sesid, tableid, rgpv, rgcb, 3, NULL, 0);
    ok(err == JET_errInvalidGrbit, "no direction: %ld\n", err);
    err = JetPrereadKeys(sesid, tableid, rgpv, rgcb, 3, NULL, JET_bitPrereadForward | JET_bitPrereadBackward);
    ok(err == JET_errInvalidGrbit, "both directions: %ld\n", err);
    err = JetPrereadKeys(sesid, tableid, rgpv, rgcb, 0, NULL, JET_bitPrereadForward);
    ok(err == JET_errInvalidParameter, "no keys: %ld\n", err);
    err = JetPrereadKeys(sesid, tableid, NULL, rgcb, 3, NULL, JET_bitPrereadForward);
    ok(err == JET_errInvalidParameter, "no key array: %ld\n", err);
    rgcb[1] = 0;
    err = JetPrereadKeys(sesid, tableid, rgpv, rgcb, 3, NULL, JET_bitPrereadForward);
    ok(err == JET_errInvalidBufferSize, "an empty key: %ld\n", err);

    JetCloseTable(sesid, tableid);
    stop();
}

START_TEST(cursor_intersect_indexes)
{
    JET_TABLEID tidGrp, tidName, tidRead;
    JET_INDEXRANGE rg[2];
    JET_RECORDLIST rl;
    JET_ERR err;
    WCHAR n10[3] = { 'n', '1', '0' }, n29[3] = { 'n', '2', '9' };
    long ids[8];
    int c = 0;

    start("cursor_intersect");
    tidGrp = create_nav();
    err = JetDupCursor(sesid, tidGrp, &tidName, 0);
    ok(err == JET_errSuccess, "JetDupCursor: %ld\n", err);
    err = JetDupCursor(sesid, tidGrp, &tidRead, 0);
    ok(err == JET_errSuccess, "JetDupCursor: %ld\n", err);

    /* Grp = 3 ... */
    JetSetCurrentIndexA(sesid, tidGrp, "Grp");
    err = seek_long(tidGrp, 3, JET_bitSeekEQ | JET_bitSetIndexRange);
    ok(err == JET_errSuccess, "Grp 3 range: %ld\n", err);
    /* ... and n10 <= Name <= n29. */
    JetSetCurrentIndexA(sesid, tidName, "Name");
    JetMakeKey(sesid, tidName, n10, sizeof n10, JET_bitNewKey);
    err = JetSeek(sesid, tidName, JET_bitSeekGE);
    ok(err == JET_errSuccess, "seek n10: %ld\n", err);
    JetMakeKey(sesid, tidName, n29, sizeof n29, JET_bitNewKey);
    err = JetSetIndexRange(sesid, tidName, JET_bitRangeUpperLimit | JET_bitRangeInclusive);
    ok(err == JET_errSuccess, "Name range: %ld\n", err);

    memset(rg, 0, sizeof rg);
    rg[0].cbStruct = sizeof rg[0];
    rg[0].tableid = tidGrp;
    rg[0].grbit = JET_bitRecordInIndex;
    rg[1] = rg[0];
    rg[1].tableid = tidName;

    memset(&rl, 0, sizeof rl);
    rl.cbStruct = sizeof rl - 1;
    err = JetIntersectIndexes(sesid, rg, 2, &rl, 0);
    ok(err == JET_errInvalidParameter, "JET_RECORDLIST size: %ld\n", err);
    rl.cbStruct = sizeof rl;
    err = JetIntersectIndexes(sesid, rg, 0, &rl, 0);
    ok(err == JET_errInvalidParameter, "no ranges: %ld\n", err);
    rg[1].grbit = JET_bitRecordNotInIndex;
    err = JetIntersectIndexes(sesid, rg, 2, &rl, 0);
    ok(err == JET_errInvalidGrbit, "JET_bitRecordNotInIndex: %ld\n", err);
    rg[1].grbit = JET_bitRecordInIndex;
    rg[1].tableid = tidRead;                /* on the primary index */
    err = JetIntersectIndexes(sesid, rg, 2, &rl, 0);
    ok(err == JET_errInvalidParameter, "a range on the primary index: %ld\n", err);
    rg[1].tableid = tidName;

    err = JetIntersectIndexes(sesid, rg, 2, &rl, 0);
    ok(err == JET_errSuccess, "JetIntersectIndexes: %ld\n", err);
    ok(rl.cRecord == 4, "records in both: %lu\n", rl.cRecord);
    for (err = JetMove(sesid, rl.tableid, JET_MoveFirst, 0); err == JET_errSuccess && c < 8;
         err = JetMove(sesid, rl.tableid, JET_MoveNext, 0)) {
        unsigned char bm[JET_cbBookmarkMost];
        unsigned long cbBm = 0;
        err = JetRetrieveColumn(sesid, rl.tableid, rl.columnidBookmark, bm, sizeof bm, &cbBm, 0, NULL);
        ok(err == JET_errSuccess, "bookmark column: %ld\n", err);
        err = JetGotoBookmark(sesid, tidRead, bm, cbBm);
        ok(err == JET_errSuccess, "JetGotoBookmark: %ld\n", err);
        ids[c++] = current_id(tidRead);
    }
    ok(c == 4 && ids[0] == 13 && ids[1] == 18 && ids[2] == 23 && ids[3] == 28, "%d records: %ld %ld %ld %ld\n", c,
       ids[0], ids[1], ids[2], ids[3]);
    err = JetCloseTable(sesid, rl.tableid);
    ok(err == JET_errSuccess, "closing the record list: %ld\n", err);

    JetCloseTable(sesid, tidRead);
    JetCloseTable(sesid, tidName);
    JetCloseTable(sesid, tidGrp);
    stop();
}

START_TEST(cursor_filter)
{
    JET_TABLEID tableid;
    JET_INDEX_COLUMN f;
    JET_RECPOS pos;
    JET_ERR err;
    long three = 3;
    unsigned long c;
    WCHAR n10[3] = { 'n', '1', '0' };

    start("cursor_filter");
    tableid = create_nav();

    memset(&f, 0, sizeof f);
    f.columnid = colGrp;
    f.relop = JET_relopEquals;
    f.pv = &three;
    f.cb = sizeof three;

    err = JetSetCursorFilter(sesid, tableid, &f, 1, 1);
    ok(err == JET_errInvalidGrbit, "grbit 1: %ld\n", err);
    f.cb = 2;
    err = JetSetCursorFilter(sesid, tableid, &f, 1, 0);
    ok(err == JET_errInvalidParameter, "2 bytes for a Long: %ld\n", err);
    f.cb = sizeof three;
    f.pv = NULL;
    err = JetSetCursorFilter(sesid, tableid, &f, 1, 0);
    ok(err == JET_errInvalidParameter, "a size without a value: %ld\n", err);
    f.pv = &three;
    f.columnid = colName;
    f.pv = n10;
    f.cb = sizeof n10;
    err = JetSetCursorFilter(sesid, tableid, &f, 1, 0);
    ok(err == JET_errFilteredMoveNotSupported, "a text column: %ld\n", err);
    f.columnid = colGrp;
    f.pv = &three;
    f.cb = sizeof three;

    /* Only on the primary index. */
    JetSetCurrentIndexA(sesid, tableid, "Grp");
    err = JetSetCursorFilter(sesid, tableid, &f, 1, 0);
    ok(err == JET_errFilteredMoveNotSupported, "on a secondary index: %ld\n", err);
    JetSetCurrentIndexA(sesid, tableid, NULL);

    /* Grp = 3: moves land on 3, 8, 13, ... */
    err = JetSetCursorFilter(sesid, tableid, &f, 1, 0);
    ok(err == JET_errSuccess, "JetSetCursorFilter: %ld\n", err);
    err = JetMove(sesid, tableid, JET_MoveFirst, 0);
    ok(err == JET_errSuccess && current_id(tableid) == 3, "first: %ld\n", err);
    err = JetMove(sesid, tableid, JET_MoveNext, 0);
    ok(err == JET_errSuccess && current_id(tableid) == 8, "next: %ld\n", err);
    err = JetMove(sesid, tableid, JET_MoveLast, 0);
    ok(err == JET_errSuccess && current_id(tableid) == 48, "last: %ld\n", err);

    /* Counting and positions are not filtered moves. */
    err = JetIndexRecordCount(sesid, tableid, &c, 0);
    ok(err == JET_errFilteredMoveNotSupported, "JetIndexRecordCount: %ld\n", err);
    err = JetGetRecordPosition(sesid, tableid, &pos, sizeof pos);
    ok(err == JET_errFilteredMoveNotSupported, "JetGetRecordPosition: %ld\n", err);
    err = JetSetCurrentIndexA(sesid, tableid, "Grp");
    ok(err == JET_errFilteredMoveNotSupported, "JetSetCurrentIndex: %ld\n", err);

    /* No filters: removed. */
    err = JetSetCursorFilter(sesid, tableid, NULL, 0, 0);
    ok(err == JET_errSuccess, "removing the filter: %ld\n", err);
    err = JetMove(sesid, tableid, JET_MoveFirst, 0);
    ok(err == JET_errSuccess && current_id(tableid) == 1, "first without the filter: %ld\n", err);

    JetCloseTable(sesid, tableid);
    stop();
}

START_TEST(cursor_preread_index_ranges)
{
    JET_TABLEID tableid;
    JET_INDEX_COLUMN start10, end20, bad;
    JET_INDEX_RANGE r;
    JET_ERR err;
    unsigned long c = 0xdeadbeef;
    long v10 = 10, v20 = 20;

    start("cursor_preread_ranges");
    tableid = create_nav();

    memset(&start10, 0, sizeof start10);
    start10.columnid = colId;
    start10.relop = JET_relopEquals;
    start10.pv = &v10;
    start10.cb = sizeof v10;
    end20 = start10;
    end20.pv = &v20;
    memset(&r, 0, sizeof r);
    r.rgStartColumns = &start10;
    r.cStartColumns = 1;
    r.rgEndColumns = &end20;
    r.cEndColumns = 1;

    /* A range of the primary index, read ahead; the count says how many ranges were. */
    err = JetPrereadIndexRanges(sesid, tableid, &r, 1, &c, NULL, 0, JET_bitPrereadForward);
    ok(err == JET_errSuccess, "JetPrereadIndexRanges: %ld\n", err);
    ok(c == 1, "ranges preread: %lu\n", c);

    /* A direction is required, unknown bits are refused, keys are made with Equals or (last)
     * PrefixEquals only, and columns to preread need the primary index. */
    err = JetPrereadIndexRanges(sesid, tableid, &r, 1, &c, NULL, 0, 0);
    ok(err == JET_errInvalidGrbit, "no direction: %ld\n", err);
    err = JetPrereadIndexRanges(sesid, tableid, &r, 1, &c, NULL, 0, JET_bitPrereadForward | 0x100);
    ok(err == JET_errInvalidGrbit, "unknown grbit: %ld\n", err);
    bad = start10;
    bad.relop = JET_relopGreaterThan;
    r.rgStartColumns = &bad;
    err = JetPrereadIndexRanges(sesid, tableid, &r, 1, &c, NULL, 0, JET_bitPrereadForward);
    ok(err == JET_errInvalidParameter, "relop GreaterThan: %ld\n", err);
    r.rgStartColumns = &start10;
    JetSetCurrentIndexA(sesid, tableid, "Grp");
    err = JetPrereadIndexRanges(sesid, tableid, &r, 1, &c, &colName, 1, JET_bitPrereadForward);
    ok(err == JET_errInvalidPreread, "columns with a secondary index: %ld\n", err);

    /* A hint only: the cursor has not moved. */
    err = JetMove(sesid, tableid, JET_MoveFirst, 0);
    ok(err == JET_errSuccess && current_id(tableid) == 5, "first of Grp: %ld\n", err);

    JetCloseTable(sesid, tableid);
    stop();
}
