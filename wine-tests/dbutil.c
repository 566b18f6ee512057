/* SPDX-License-Identifier: MIT
 * wine-tests/dbutil.c: JetDBUtilities' integrity check and repair (opDBUTILEDBRepair with and
 * without JET_bitDBUtilOptionDontRepair) on a database made here: the argument checks (ESE's
 * JetDBUtilitiesEx and ErrIsamDBUtilities: the structure's size, a database name), a sound
 * database left alone, a leaf page damaged on disk found by the check and repaired
 * (JET_wrnDatabaseRepaired), then found sound. */
#include "test_util.h"
#include "esent_private.h"     /* JetDBUtilities: exported by esent.dll, not in the SDK header */

#define NROWS 600

static void make_db(const char *name, char *dir, char *path)
{
    JET_INSTANCE inst;
    JET_SESID sesid;
    JET_DBID dbid;
    JET_COLUMNCREATE_A rgc[2];
    JET_COLUMNID colid[2];
    JET_TABLEID tableid;
    JET_ERR err;
    char payload[200];
    long i;

    test_db_start(name, "util.edb", &inst, &sesid, dir, path, &dbid);
    memset(rgc, 0, sizeof rgc);
    rgc[0].szColumnName = (char *)"Id";
    rgc[0].coltyp = JET_coltypLong;
    rgc[1].szColumnName = (char *)"Payload";
    rgc[1].coltyp = JET_coltypBinary;
    rgc[1].cbMax = 255;
    tableid = test_create_table(sesid, dbid, "Rows", rgc, 2, colid);
    memset(payload, 'p', sizeof payload);
    JetBeginTransaction(sesid);
    for (i = 1; i <= NROWS; i++) {
        JetPrepareUpdate(sesid, tableid, JET_prepInsert);
        JetSetColumn(sesid, tableid, colid[0], &i, sizeof i, 0, NULL);
        JetSetColumn(sesid, tableid, colid[1], payload, sizeof payload, 0, NULL);
        err = JetUpdate(sesid, tableid, NULL, 0, NULL);
        ok(err == JET_errSuccess, "JetUpdate %ld: %ld\n", i, err);
    }
    err = JetCommitTransaction(sesid, 0);
    ok(err == JET_errSuccess, "JetCommitTransaction: %ld\n", err);
    JetCloseTable(sesid, tableid);
    /* Detached and terminated, the folder kept: test_db_stop without removing it. */
    JetCloseDatabase(sesid, dbid, 0);
    err = JetDetachDatabaseA(sesid, path);
    ok(err == JET_errSuccess, "JetDetachDatabaseA: %ld\n", err);
    JetEndSession(sesid, 0);
    err = JetTerm2(inst, JET_bitTermComplete);
    ok(err == JET_errSuccess, "JetTerm2: %ld\n", err);
}

/* Overwrites the middle of a leaf page of the table "Rows" (the tree with the highest objid,
 * not its root): ESE's page header has objidFDP at 24 and the flags at 36 (leaf 0x2, root 0x1). */
static int damage_a_leaf(const char *path)
{
    FILE *f = fopen(path, "r+b");
    unsigned char hdr[668], page[40];
    unsigned long cbPage, pgno, objidMax = 0, pgnoLeaf = 0;
    if (!f)
        return 0;
    fread(hdr, 1, sizeof hdr, f);
    cbPage = hdr[236] | hdr[237] << 8 | (unsigned long)hdr[238] << 16 | (unsigned long)hdr[239] << 24;
    for (pgno = 1; fseek(f, (long)((pgno + 1) * cbPage), SEEK_SET) == 0 && fread(page, 1, sizeof page, f) == sizeof page;
         pgno++) {
        unsigned long objid = page[24] | page[25] << 8 | (unsigned long)page[26] << 16 | (unsigned long)page[27] << 24;
        unsigned long flags = page[36] | page[37] << 8;
        if ((flags & 3) == 2 && objid >= objidMax) {
            objidMax = objid;
            pgnoLeaf = pgno;
        }
    }
    if (pgnoLeaf) {
        unsigned char junk[64];
        unsigned i;
        for (i = 0; i < sizeof junk; i++)
            junk[i] = (unsigned char)(i * 37 + 11);
        fseek(f, (long)((pgnoLeaf + 1) * cbPage + cbPage / 2), SEEK_SET);
        fwrite(junk, 1, sizeof junk, f);
    }
    fclose(f);
    return pgnoLeaf != 0;
}

static JET_ERR run_dbutil(const char *dir, const char *path, JET_GRBIT grbit)
{
    JET_INSTANCE inst;
    JET_SESID sesid;
    JET_DBUTIL_A u;
    char prefix[MAX_PATH];
    JET_ERR err;
    snprintf(prefix, sizeof prefix, "%sutil", dir);        /* the report in the test's folder */
    err = JetCreateInstanceA(&inst, "dbutil-run");
    ok(err == JET_errSuccess, "JetCreateInstanceA: %ld\n", err);
    test_set_paths(&inst, dir);
    err = JetInit(&inst);
    ok(err == JET_errSuccess, "JetInit: %ld\n", err);
    err = JetBeginSessionA(inst, &sesid, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSessionA: %ld\n", err);
    memset(&u, 0, sizeof u);
    u.cbStruct = sizeof u;
    u.sesid = sesid;
    u.op = opDBUTILEDBRepair;
    u.szDatabase = (char *)path;
    u.szIntegPrefix = prefix;
    u.grbitOptions = grbit | JET_bitDBUtilOptionSuppressLogo | JET_bitDBUtilOptionSuppressConsoleOutput;
    err = JetDBUtilitiesA(&u);
    JetEndSession(sesid, 0);
    JetTerm2(inst, JET_bitTermComplete);
    return err;
}

START_TEST(dbutil_check_and_repair)
{
    char dir[MAX_PATH], path[MAX_PATH];
    JET_INSTANCE inst;
    JET_SESID sesid;
    JET_DBUTIL_A u;
    JET_ERR err;

    make_db("dbutil", dir, path);

    /* The structure's size and a database name are checked first. */
    err = JetCreateInstanceA(&inst, "dbutil-args");
    ok(err == JET_errSuccess, "JetCreateInstanceA: %ld\n", err);
    test_set_paths(&inst, dir);
    JetInit(&inst);
    JetBeginSessionA(inst, &sesid, NULL, NULL);
    err = JetDBUtilitiesA(NULL);
    ok(err == JET_errInvalidParameter, "NULL: %ld\n", err);
    memset(&u, 0, sizeof u);
    u.cbStruct = sizeof u - 1;
    u.sesid = sesid;
    u.op = opDBUTILEDBRepair;
    u.szDatabase = path;
    err = JetDBUtilitiesA(&u);
    ok(err == JET_errInvalidParameter, "a short JET_DBUTIL: %ld\n", err);
    u.cbStruct = sizeof u;
    u.szDatabase = NULL;
    err = JetDBUtilitiesA(&u);
    ok(err == JET_errDatabaseInvalidName, "no database: %ld\n", err);
    JetEndSession(sesid, 0);
    JetTerm2(inst, JET_bitTermComplete);

    /* Sound: the check passes and a repair changes nothing. */
    err = run_dbutil(dir, path, JET_bitDBUtilOptionDontRepair);
    ok(err == JET_errSuccess, "check of a sound database: %ld\n", err);
    err = run_dbutil(dir, path, 0);
    ok(err == JET_errSuccess, "repair of a sound database: %ld\n", err);

    /* A damaged leaf: found, repaired, then sound. */
    ok(damage_a_leaf(path), "a leaf of Rows to damage\n");
    err = run_dbutil(dir, path, JET_bitDBUtilOptionDontRepair);
    ok(err < 0, "check of the damaged database: %ld\n", err);
    err = run_dbutil(dir, path, 0);
    ok(err == JET_wrnDatabaseRepaired, "repair: %ld\n", err);
    err = run_dbutil(dir, path, JET_bitDBUtilOptionDontRepair);
    ok(err == JET_errSuccess, "check after the repair: %ld\n", err);

    test_remove_dir(dir);
}
