/* SPDX-License-Identifier: MIT
 * api/api_database.c: JetCreateDatabase*, JetAttachDatabase*, JetDetachDatabase*,
 * JetOpenDatabase*, JetCloseDatabase. Paths are UTF-16 inside (A forms convert up); the
 * engine's rules are in isam/isam_db.c. */
#include "api_int.h"

DEBUG_CHANNEL(api);

/* The grbits each call accepts (ESENT's published ones; others give JET_errInvalidGrbit). */
#define CREATE_GRBITS (JET_bitDbRecoveryOff | JET_bitDbShadowingOff | JET_bitDbOverwriteExisting | \
                       ISAM_bitDbVersioningOff | JET_bitDbExclusive)
#define ATTACH_GRBITS (JET_bitDbReadOnly | JET_bitDbExclusive | JET_bitDbDeleteCorruptIndexes | \
                       JET_bitDbDeleteUnicodeIndexes | JET_bitDbUpgrade | JET_bitDbEnableBackgroundMaintenance | \
                       JET_bitDbPurgeCacheOnAttach | JET_bitDbRecoveryOff | ISAM_bitDbVersioningOff)
#define OPEN_GRBITS   (JET_bitDbReadOnly | JET_bitDbExclusive)

typedef JET_ERR (*path_op)(struct isam_session *sess, const ESENT_WCHAR *wsz, void *ctx);

/* Enter the session, run op with the path, leave. */
static JET_ERR with_session(JET_SESID sesid, const ESENT_WCHAR *wsz, path_op op, void *ctx)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    CALL(api_session_enter(sesid, &sess));
    err = op(sess, wsz, ctx);
out:
    api_session_leave(sess);
    return err;
}

static JET_ERR with_session_a(JET_SESID sesid, const char *sz, path_op op, void *ctx)
{
    JET_ERR err;
    ESENT_WCHAR *wsz = NULL;
    CALL_R(api_check_sesid(sesid));
    CALL(api_wsz_from_a(sz, &wsz));
    err = with_session(sesid, wsz, op, ctx);
out:
    mem_free(wsz);
    return err;
}

struct create_args { uint32_t cpgMax; JET_DBID *pdbid; JET_GRBIT grbit; };

static JET_ERR do_create(struct isam_session *sess, const ESENT_WCHAR *wsz, void *ctx)
{
    struct create_args *a = ctx;
    if (!a->pdbid) return ERR_TRAP(JET_errInvalidParameter);
    if (a->grbit & ~CREATE_GRBITS) return ERR_TRAP(JET_errInvalidGrbit);
    if (a->grbit & ISAM_bitDbVersioningOff) return ERR_TRAP(JET_errCannotDisableVersioning);
    return isam_db_create(sess, wsz, a->cpgMax, a->grbit, a->pdbid);
}

JET_ERR JET_API JetCreateDatabase2W(JET_SESID sesid, JET_PCWSTR wszFilename, const ESENT_ULONG cpgDatabaseSizeMax,
                                    JET_DBID *pdbid, JET_GRBIT grbit)
{
    struct create_args a = { cpgDatabaseSizeMax, pdbid, grbit };
    TRACE("(%#lx, %s, %lu, %p, %#lx)", (unsigned long)sesid, debugstr_w(wszFilename), (unsigned long)cpgDatabaseSizeMax,
          (void *)pdbid, (unsigned long)grbit);
    return api_return(with_session(sesid, wszFilename, do_create, &a));
}

JET_ERR JET_API JetCreateDatabase2A(JET_SESID sesid, JET_PCSTR szFilename, const ESENT_ULONG cpgDatabaseSizeMax,
                                    JET_DBID *pdbid, JET_GRBIT grbit)
{
    struct create_args a = { cpgDatabaseSizeMax, pdbid, grbit };
    TRACE("(%#lx, %s, %lu, %p, %#lx)", (unsigned long)sesid, debugstr_a(szFilename), (unsigned long)cpgDatabaseSizeMax,
          (void *)pdbid, (unsigned long)grbit);
    return api_return(with_session_a(sesid, szFilename, do_create, &a));
}

/* szConnect is reserved. */
JET_ERR JET_API JetCreateDatabaseW(JET_SESID sesid, JET_PCWSTR wszFilename, JET_PCWSTR wszConnect, JET_DBID *pdbid, JET_GRBIT grbit)
{
    (void)wszConnect;
    return JetCreateDatabase2W(sesid, wszFilename, 0, pdbid, grbit);
}

JET_ERR JET_API JetCreateDatabaseA(JET_SESID sesid, JET_PCSTR szFilename, JET_PCSTR szConnect, JET_DBID *pdbid, JET_GRBIT grbit)
{
    (void)szConnect;
    return JetCreateDatabase2A(sesid, szFilename, 0, pdbid, grbit);
}

struct attach_args { uint32_t cpgMax; JET_GRBIT grbit; };

static JET_ERR do_attach(struct isam_session *sess, const ESENT_WCHAR *wsz, void *ctx)
{
    struct attach_args *a = ctx;
    if (a->grbit & ~ATTACH_GRBITS) return ERR_TRAP(JET_errInvalidGrbit);
    return isam_db_attach(sess, wsz, a->cpgMax, a->grbit);
}

JET_ERR JET_API JetAttachDatabase2W(JET_SESID sesid, JET_PCWSTR wszFilename, const ESENT_ULONG cpgDatabaseSizeMax, JET_GRBIT grbit)
{
    struct attach_args a = { cpgDatabaseSizeMax, grbit };
    TRACE("(%#lx, %s, %lu, %#lx)", (unsigned long)sesid, debugstr_w(wszFilename), (unsigned long)cpgDatabaseSizeMax, (unsigned long)grbit);
    return api_return(with_session(sesid, wszFilename, do_attach, &a));
}

JET_ERR JET_API JetAttachDatabase2A(JET_SESID sesid, JET_PCSTR szFilename, const ESENT_ULONG cpgDatabaseSizeMax, JET_GRBIT grbit)
{
    struct attach_args a = { cpgDatabaseSizeMax, grbit };
    TRACE("(%#lx, %s, %lu, %#lx)", (unsigned long)sesid, debugstr_a(szFilename), (unsigned long)cpgDatabaseSizeMax, (unsigned long)grbit);
    return api_return(with_session_a(sesid, szFilename, do_attach, &a));
}

JET_ERR JET_API JetAttachDatabaseW(JET_SESID sesid, JET_PCWSTR wszFilename, JET_GRBIT grbit)
{
    return JetAttachDatabase2W(sesid, wszFilename, 0, grbit);
}

JET_ERR JET_API JetAttachDatabaseA(JET_SESID sesid, JET_PCSTR szFilename, JET_GRBIT grbit)
{
    return JetAttachDatabase2A(sesid, szFilename, 0, grbit);
}

static JET_ERR do_detach(struct isam_session *sess, const ESENT_WCHAR *wsz, void *ctx)
{
    return isam_db_detach(sess, wsz, *(JET_GRBIT *)ctx);
}

JET_ERR JET_API JetDetachDatabase2W(JET_SESID sesid, JET_PCWSTR wszFilename, JET_GRBIT grbit)
{
    TRACE("(%#lx, %s, %#lx)", (unsigned long)sesid, debugstr_w(wszFilename), (unsigned long)grbit);
    if (grbit & ~(JET_bitForceDetach | JET_bitForceCloseAndDetach)) return api_return(ERR_TRAP(JET_errInvalidGrbit));
    return api_return(with_session(sesid, wszFilename, do_detach, &grbit));
}

JET_ERR JET_API JetDetachDatabase2A(JET_SESID sesid, JET_PCSTR szFilename, JET_GRBIT grbit)
{
    TRACE("(%#lx, %s, %#lx)", (unsigned long)sesid, debugstr_a(szFilename), (unsigned long)grbit);
    if (grbit & ~(JET_bitForceDetach | JET_bitForceCloseAndDetach)) return api_return(ERR_TRAP(JET_errInvalidGrbit));
    return api_return(with_session_a(sesid, szFilename, do_detach, &grbit));
}

JET_ERR JET_API JetDetachDatabaseW(JET_SESID sesid, JET_PCWSTR wszFilename)
{
    return JetDetachDatabase2W(sesid, wszFilename, 0);
}

JET_ERR JET_API JetDetachDatabaseA(JET_SESID sesid, JET_PCSTR szFilename)
{
    return JetDetachDatabase2A(sesid, szFilename, 0);
}

struct open_args { JET_DBID *pdbid; JET_GRBIT grbit; };

static JET_ERR do_open(struct isam_session *sess, const ESENT_WCHAR *wsz, void *ctx)
{
    struct open_args *a = ctx;
    if (!a->pdbid) return ERR_TRAP(JET_errInvalidParameter);
    if (a->grbit & ~OPEN_GRBITS) return ERR_TRAP(JET_errInvalidGrbit);
    return isam_db_open(sess, wsz, a->grbit, a->pdbid);
}

JET_ERR JET_API JetOpenDatabaseW(JET_SESID sesid, JET_PCWSTR wszFilename, JET_PCWSTR wszConnect, JET_DBID *pdbid, JET_GRBIT grbit)
{
    struct open_args a = { pdbid, grbit };
    TRACE("(%#lx, %s, %p, %p, %#lx)", (unsigned long)sesid, debugstr_w(wszFilename), (const void *)wszConnect, (void *)pdbid, (unsigned long)grbit);
    return api_return(with_session(sesid, wszFilename, do_open, &a));
}

JET_ERR JET_API JetOpenDatabaseA(JET_SESID sesid, JET_PCSTR szFilename, JET_PCSTR szConnect, JET_DBID *pdbid, JET_GRBIT grbit)
{
    struct open_args a = { pdbid, grbit };
    TRACE("(%#lx, %s, %p, %p, %#lx)", (unsigned long)sesid, debugstr_a(szFilename), (const void *)szConnect, (void *)pdbid, (unsigned long)grbit);
    return api_return(with_session_a(sesid, szFilename, do_open, &a));
}

JET_ERR JET_API JetCloseDatabase(JET_SESID sesid, JET_DBID dbid, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    TRACE("(%#lx, %lu, %#lx)", (unsigned long)sesid, (unsigned long)dbid, (unsigned long)grbit);
    CALL(api_session_enter_ex(sesid, true, &sess));
    err = isam_db_close(sess, dbid, grbit);
out:
    api_session_leave(sess);
    return api_return(err);
}

/* ---- sizes ---- */

JET_ERR JET_API JetGrowDatabase(JET_SESID sesid, JET_DBID dbid, ESENT_ULONG cpg, ESENT_ULONG *pcpgReal)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    uint32_t cpgReal = 0;
    TRACE("(%#lx, %lu, %lu, %p)", (unsigned long)sesid, (unsigned long)dbid, (unsigned long)cpg, (void *)pcpgReal);
    CALL(api_session_enter(sesid, &sess));
    if (!pcpgReal) FAIL(JET_errInvalidParameter);
    CALL(isam_db_grow_to(sess, dbid, cpg, ISAM_RESIZE_GROW_ONLY, &cpgReal));
    *pcpgReal = cpgReal;
out:
    api_session_leave(sess);
    return api_return(err);
}

JET_ERR JET_API JetResizeDatabase(JET_SESID sesid, JET_DBID dbid, ESENT_ULONG cpgTarget, ESENT_ULONG *pcpgActual,
                                  const JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    uint32_t cpgReal = 0;
    TRACE("(%#lx, %lu, %lu, %p, %#lx)", (unsigned long)sesid, (unsigned long)dbid, (unsigned long)cpgTarget,
          (void *)pcpgActual, (unsigned long)grbit);
    CALL(api_session_enter(sesid, &sess));
    if (grbit & ~(JET_bitResizeDatabaseOnlyGrow | JET_bitResizeDatabaseOnlyShrink)) FAIL(JET_errInvalidGrbit);
    if ((grbit & JET_bitResizeDatabaseOnlyGrow) && (grbit & JET_bitResizeDatabaseOnlyShrink)) FAIL(JET_errInvalidGrbit);
    if (!pcpgActual) FAIL(JET_errInvalidParameter);
    CALL(isam_db_grow_to(sess, dbid, cpgTarget,
                         (grbit & JET_bitResizeDatabaseOnlyGrow) ? ISAM_RESIZE_GROW_ONLY
                         : (grbit & JET_bitResizeDatabaseOnlyShrink) ? ISAM_RESIZE_SHRINK_ONLY : ISAM_RESIZE_EITHER,
                         &cpgReal));
    *pcpgActual = cpgReal;
out:
    api_session_leave(sess);
    return api_return(err);
}

static JET_ERR set_size(JET_SESID sesid, const ESENT_WCHAR *wsz, ESENT_ULONG cpg, ESENT_ULONG *pcpgReal)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    uint32_t cpgReal = 0;
    CALL(api_session_enter(sesid, &sess));
    if (!pcpgReal) FAIL(JET_errInvalidParameter);
    CALL(isam_db_set_size(sess, wsz, cpg, &cpgReal));
    *pcpgReal = cpgReal;
out:
    api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetSetDatabaseSizeW(JET_SESID sesid, JET_PCWSTR wszDatabaseName, ESENT_ULONG cpg, ESENT_ULONG *pcpgReal)
{
    TRACE("(%#lx, %s, %lu, %p)", (unsigned long)sesid, debugstr_w(wszDatabaseName), (unsigned long)cpg, (void *)pcpgReal);
    return api_return(set_size(sesid, wszDatabaseName, cpg, pcpgReal));
}

JET_ERR JET_API JetSetDatabaseSizeA(JET_SESID sesid, JET_PCSTR szDatabaseName, ESENT_ULONG cpg, ESENT_ULONG *pcpgReal)
{
    JET_ERR err;
    ESENT_WCHAR *wsz = NULL;
    TRACE("(%#lx, %s, %lu, %p)", (unsigned long)sesid, debugstr_a(szDatabaseName), (unsigned long)cpg, (void *)pcpgReal);
    CALL(api_check_sesid(sesid));
    CALL(api_wsz_from_a(szDatabaseName, &wsz));
    err = set_size(sesid, wsz, cpg, pcpgReal);
out:
    mem_free(wsz);
    return api_return(err);
}
