/* SPDX-License-Identifier: MIT
 * isam/isam_lv.c: separated long values in a table's LV tree (ESE's lv.cxx: ErrFILECreateLVRoot,
 * ErrLVIGetNextLID, ErrRECICreateLvRootAndChunks, ErrRECAffectSeparateLV, ErrRECAOSeparateLV).
 * Layer: isam.
 *
 * The tree (record/README.md "Long values", ESE-FORMAT-NOTES §10): a root node per value, key the
 * LID (4 bytes big-endian; we make LID32s, as Windows 10's ESENT does), data {refcount, size};
 * then its chunks, key LID + offset, each covering cbChunkMost bytes of the value (the table's
 * LVChunkMax or JET_paramLVChunkSizeMost's default for the page size), the last one what is left.
 * A chunk shorter than its share is compressed (7-bit or Xpress, only when that is smaller).
 *
 * LIDs come from the table's counter (isam_tstate): at first use the highest LID in the tree
 * plus one, then one more for each new value. The tree itself is created on the first separated
 * value (cpgLVTree = 1 page, density 100, catalog row "LV" and MSysObjids row), committed on its
 * own unless the writer holds the table exclusively (ESE's LV session). */
#include "isam_wint.h"
#include "debug.h"

DEBUG_CHANNEL(isam);

#define LV_CPG_TREE 1u          /* cpgLVTree */
#define LV_DENSITY  100u        /* ulFILEDensityMost */

static uint32_t lv_root_data(uint8_t *pb, uint32_t cRef, uint32_t cbSize)
{
    const struct rec_lvroot r = { cRef, cbSize, 0, false };
    return rec_lv_root_encode(&r, pb);
}

/* ---- the tree ----------------------------------------------------------------------------------- */

static JET_ERR lv_create_tree(struct isam_session *sess, struct isam_wtable *pwt)
{
    JET_ERR err;
    struct catw w;
    bool fCatw = false;
    uint32_t objid, pgnoFDP;
    CALL_R(isam_wtrx_begin(sess));
    CALL(isam_db_objid_new(pwt->db, &objid));
    CALL(isam_ddl_new_fdp(sess, pwt->db, pwt->pt->table.pgnoFDP, LV_CPG_TREE, objid, PAGE_FLAG_LONG_VALUE, &pgnoFDP));
    CALL(catw_open(sess, pwt->db, &w));
    fCatw = true;
    struct rec_cat_lv lv;
    memset(&lv, 0, sizeof lv);
    lv.objidTable = pwt->pt->table.objid;
    lv.objid = objid;
    lv.pgnoFDP = pgnoFDP;
    lv.ulDensity = LV_DENSITY;
    lv.cpgInitial = LV_CPG_TREE;
    CALL(catw_add_lv(&w, &lv));
    pwt->fLV = true;
    pwt->tLV.db = pwt->db;
    pwt->tLV.desc = (struct bt_tree_desc){ pgnoFDP, objid, BT_TYPE_LV, false, ISAM_LV_CB_KEY_MOST };
    TRACE("LV tree of table %u: objid %u at %u", pwt->pt->table.objid, objid, pgnoFDP);
out:
    if (fCatw) catw_close(&w);
    err = isam_wtrx_end(sess, err);
    if (err < 0) pwt->fLV = false;
    return err;
}

JET_ERR isam_lv_open(struct isam_session *sess, struct isam_wtable *pwt, bool fCreate)
{
    JET_ERR err = JET_errSuccess;
    if (!pwt->fLV && fCreate) {
        bool fMade = false;
        os_mutex_lock(&pwt->ts->mu);
        /* Another writer may have made it meanwhile. */
        struct catalog *cat = NULL;
        struct catalog_table *pt = NULL;
        err = catalog_open(pwt->db->btdb, &cat);
        if (err >= 0) err = catalog_load_table_objid(cat, pwt->pt->table.objid, &pt);
        if (err >= 0 && pt->fLV) {
            pwt->fLV = true;
            pwt->tLV.db = pwt->db;
            pwt->tLV.desc =
            (struct bt_tree_desc){ pt->lv.pgnoFDP, pt->lv.objid, BT_TYPE_LV, false, ISAM_LV_CB_KEY_MOST };
        }
        catalog_table_free(pt);
        if (cat) catalog_close(cat);
        if (err >= 0 && !pwt->fLV) {
            if (pwt->fExclusive) {
                err = lv_create_tree(sess, pwt);
            } else {
                /* The tree outlives the writer's transaction: a session of its own commits it. */
                struct isam_session *sessLV = NULL;
                err = isam_session_begin(sess->inst, &sessLV);
                if (err >= 0) {
                    err = lv_create_tree(sessLV, pwt);
                    isam_session_destroy(sessLV);
                }
            }
            fMade = err >= 0;
        }
        os_mutex_unlock(&pwt->ts->mu);
        CALL_R(err);
        /* Readers' definitions learn of the new tree. */
        if (fMade) isam_ddl_table_changed(sess, pwt->db->dbid, pwt->pt->table.objid, false);
    }
    if (pwt->fLV && !pwt->cLV) CALL_R(bt_open(pwt->db->btdb, &pwt->tLV.desc, &pwt->cLV));
    return JET_errSuccess;
}

/* ---- reading ------------------------------------------------------------------------------------- */

static JET_ERR lv_seek_root(struct isam_wtable *pwt, uint64_t lid, struct rec_lvroot *proot)
{
    JET_ERR err;
    uint8_t rgbKey[8];
    uint32_t cbData;
    if (!pwt->fLV) return ERR_TRAP(JET_errLVCorrupted);
    CALL_R(isam_lv_open(NULL, pwt, false));
    const uint32_t cbKey = rec_lv_key_root(rgbKey, lid);
    err = bt_seek(pwt->cLV, BT_SEEK_EQ, rgbKey, cbKey, NULL, 0, 0);
    if (err == JET_errRecordNotFound) {
        WARN("LV %llu of table %u has no root", (unsigned long long)lid, pwt->pt->table.objid);
        return ERR_TRAP(JET_errLVCorrupted);
    }
    CALL_R(err);
    const uint8_t *pb = bt_data(pwt->cLV, &cbData);
    err = rec_lv_root_parse(pb, cbData, proot);
    return err < 0 ? ERR_TRAP(JET_errLVCorrupted) : JET_errSuccess;
}

JET_ERR isam_lv_info(struct isam_wtable *pwt, uint64_t lid, uint32_t *pcbSize, uint32_t *pcRef)
{
    JET_ERR err;
    struct rec_lvroot r;
    CALL_R(lv_seek_root(pwt, lid, &r));
    if (r.fFlags) {
        FIXME("encrypted long values are not readable");
        return ERR_TRAP(JET_errFeatureNotAvailable);
    }
    if (pcbSize) *pcbSize = r.ulSize;
    if (pcRef) *pcRef = r.ulReference;
    return JET_errSuccess;
}

/* Chunk ichunk of a value of cbSize bytes, decompressed into pbChunk (cbChunkMost bytes). */
static JET_ERR lv_chunk(struct isam_wtable *pwt, uint64_t lid, uint32_t cbSize, uint32_t ichunk, uint8_t *pbChunk,
        uint32_t *pcbChunk)
{
    JET_ERR err;
    uint8_t rgbKey[12];
    uint32_t cbData;
    const uint32_t C = pwt->cbLVChunkMost, ib = ichunk * C;
    const uint32_t cbExpect = MIN(C, cbSize - ib);
    const uint32_t cbKey = rec_lv_key_chunk(rgbKey, lid, ib);
    err = bt_seek(pwt->cLV, BT_SEEK_EQ, rgbKey, cbKey, NULL, 0, 0);
    if (err == JET_errRecordNotFound) return ERR_TRAP(JET_errLVCorrupted);
    CALL_R(err);
    const uint8_t *pb = bt_data(pwt->cLV, &cbData);
    bool fCompressed;
    if (rec_lv_chunk_is_compressed(C, ib, cbData, cbSize, &fCompressed) < 0) return ERR_TRAP(JET_errLVCorrupted);
    if (!fCompressed) {
        if (cbData != cbExpect) return ERR_TRAP(JET_errLVCorrupted);
        memcpy(pbChunk, pb, cbData);
        *pcbChunk = cbData;
        return JET_errSuccess;
    }
    uint32_t cbOut, cbDecompressed;
    CALL_R(rec_decompressed_size(pb, cbData, &cbDecompressed));
    if (cbDecompressed != cbExpect) return ERR_TRAP(JET_errLVCorrupted);
    CALL_R(rec_decompress(pb, cbData, pbChunk, C, &cbOut));
    if (cbOut != cbExpect) return ERR_TRAP(JET_errLVCorrupted);
    *pcbChunk = cbOut;
    return JET_errSuccess;
}

JET_ERR isam_lv_read(struct isam_wtable *pwt, uint64_t lid, uint32_t ib, uint8_t *pb, uint32_t cbMax, uint32_t *pcbRead,
        uint32_t *pcbActual)
{
    JET_ERR err;
    uint32_t cbSize = 0;
    uint8_t *pbChunk = NULL;
    *pcbRead = 0;
    CALL_R(isam_lv_info(pwt, lid, &cbSize, NULL));
    *pcbActual = cbSize;
    if (ib >= cbSize || cbMax == 0) return JET_errSuccess;
    const uint32_t C = pwt->cbLVChunkMost;
    const uint32_t cbWant = MIN(cbMax, cbSize - ib);
    pbChunk = mem_alloc(C);
    if (!pbChunk) return ERR_TRAP(JET_errOutOfMemory);
    uint32_t cbDone = 0;
    while (cbDone < cbWant) {
        const uint32_t ibAt = ib + cbDone, ichunk = ibAt / C, ibIn = ibAt % C;
        uint32_t cbChunk = 0;
        CALL(lv_chunk(pwt, lid, cbSize, ichunk, pbChunk, &cbChunk));
        const uint32_t cbTake = MIN(cbChunk - ibIn, cbWant - cbDone);
        memcpy(pb + cbDone, pbChunk + ibIn, cbTake);
        cbDone += cbTake;
    }
    *pcbRead = cbDone;
out:
    mem_free(pbChunk);
    return err;
}

JET_ERR isam_lv_read_all(struct isam_wtable *pwt, uint64_t lid, uint8_t **ppb, uint32_t *pcb)
{
    JET_ERR err;
    uint32_t cbSize = 0, cbRead = 0, cbActual = 0;
    *ppb = NULL;
    CALL_R(isam_lv_info(pwt, lid, &cbSize, NULL));
    uint8_t *pb = mem_alloc(cbSize ? cbSize : 1);
    if (!pb) return ERR_TRAP(JET_errOutOfMemory);
    err = isam_lv_read(pwt, lid, 0, pb, cbSize, &cbRead, &cbActual);
    if (err < 0 || cbRead != cbSize) {
        mem_free(pb);
        return err < 0 ? err : ERR_TRAP(JET_errLVCorrupted);
    }
    *ppb = pb;
    *pcb = cbSize;
    return JET_errSuccess;
}

/* ---- writing ------------------------------------------------------------------------------------- */

/* ErrLVITryCompress: a chunk is stored compressed when that is smaller. */
static JET_ERR chunk_data(const uint8_t *pb, uint32_t cb, bool fCompress, uint8_t *pbOut, const uint8_t **ppbData,
        uint32_t *pcbData)
{
    *ppbData = pb;
    *pcbData = cb;
    if (!fCompress || cb == 0) return JET_errSuccess;
    if (cb >= 128 && !rec_compress_worth_trying(pb, cb)) return JET_errSuccess;
    uint32_t cbOut;
    const JET_ERR err = rec_compress(pb, cb, REC_COMPRESS_7BIT | REC_COMPRESS_XPRESS_FLAG, 1024, pbOut, cb, &cbOut);
    if (err >= 0 && cbOut < cb) {
        *ppbData = pbOut;
        *pcbData = cbOut;
    } else if (err == JET_errOutOfMemory) {
        return err;
    }
    return JET_errSuccess;
}

/* ErrLVIGetNextLID. */
static JET_ERR lv_next_lid(struct isam_wtable *pwt, uint64_t *plid)
{
    JET_ERR err = JET_errSuccess;
    struct isam_tstate *ts = pwt->ts;
    os_mutex_lock(&ts->mu);
    if (!ts->fLid) {
        uint64_t lidMax = 0;
        err = bt_move_last(pwt->cLV, BT_DELETED_TOO);
        if (err >= 0) {
            uint32_t cbKey, ibOffset;
            bool fRoot;
            const uint8_t *pbKey = bt_key(pwt->cLV, &cbKey);
            err = rec_lv_key_parse(pbKey, cbKey, &lidMax, &fRoot, &ibOffset);
            if (err < 0) err = ERR_TRAP(JET_errLVCorrupted);
        } else if (err == JET_errNoCurrentRecord || err == JET_errRecordNotFound) {
            err = JET_errSuccess;
        }
        if (err >= 0) {
            ts->lidNext = lidMax + 1;
            ts->fLid = true;
        }
    }
    if (err >= 0) {
        if (ts->lidNext >= 0x7FFFFFFFu) err = ERR_TRAP(JET_errOutOfLongValueIDs);
        else *plid = ts->lidNext++;
    }
    os_mutex_unlock(&ts->mu);
    return err;
}

/* Write chunks [ichunkFirst, ichunkEnd) of a value from its whole new content pbValue[0..cbSize):
 * insert the ones at or past ichunkInsert, replace the others. */
static JET_ERR lv_write_chunks(struct isam_session *sess, struct isam_wtable *pwt, uint64_t lid, const uint8_t *pbValue,
        uint32_t ibValue, uint32_t cbSize, uint32_t ichunkFirst, uint32_t ichunkEnd, uint32_t ichunkInsert, bool fCompress)
{
    JET_ERR err = JET_errSuccess;
    const uint32_t C = pwt->cbLVChunkMost;
    uint8_t *pbComp = mem_alloc(C);
    uint8_t rgbKey[12];
    if (!pbComp) return ERR_TRAP(JET_errOutOfMemory);
    for (uint32_t k = ichunkFirst; k < ichunkEnd; k++) {
        const uint32_t ib = k * C, cb = MIN(C, cbSize - ib);
        const uint8_t *pbData;
        uint32_t cbData;
        CALL(chunk_data(pbValue + (ib - ibValue), cb, fCompress, pbComp, &pbData, &cbData));
        const uint32_t cbKey = rec_lv_key_chunk(rgbKey, lid, ib);
        if (k >= ichunkInsert) {
            CALL(isam_node_insert(sess, pwt->cLV, &pwt->tLV, rgbKey, cbKey, pbData, cbData));
        } else {
            err = bt_seek(pwt->cLV, BT_SEEK_EQ, rgbKey, cbKey, NULL, 0, 0);
            if (err == JET_errRecordNotFound) FAIL(JET_errLVCorrupted);
            CALL(err);
            CALL(isam_node_replace(sess, pwt->cLV, &pwt->tLV, pbData, cbData));
        }
    }
out:
    mem_free(pbComp);
    return err;
}

JET_ERR isam_lv_create(struct isam_session *sess, struct isam_wtable *pwt, const uint8_t *pb, uint32_t cb, bool fCompress,
        uint64_t *plid)
{
    JET_ERR err;
    uint8_t rgbKey[8], rgbRoot[9];
    uint64_t lid = 0;
    CALL_R(isam_lv_open(sess, pwt, true));
    CALL_R(lv_next_lid(pwt, &lid));
    const uint32_t cbKey = rec_lv_key_root(rgbKey, lid);
    const uint32_t cbRoot = lv_root_data(rgbRoot, 1, cb);
    CALL_R(isam_node_insert(sess, pwt->cLV, &pwt->tLV, rgbKey, cbKey, rgbRoot, cbRoot));
    const uint32_t C = pwt->cbLVChunkMost, cchunk = (cb + C - 1) / C;
    CALL_R(lv_write_chunks(sess, pwt, lid, pb, 0, cb, 0, cchunk, 0, fCompress));
    *plid = lid;
    return JET_errSuccess;
}

JET_ERR isam_lv_adjust_ref(struct isam_session *sess, struct isam_wtable *pwt, uint64_t lid, int32_t delta)
{
    JET_ERR err;
    struct rec_lvroot r;
    uint8_t rgbRoot[9], rgbKey[12];
    CALL_R(lv_seek_root(pwt, lid, &r));
    if (delta < 0 && r.ulReference < (uint32_t)-delta) return ERR_TRAP(JET_errLVCorrupted);
    const uint32_t cRef = r.ulReference + (uint32_t)delta;
    if (cRef > 0) {
        r.ulReference = cRef;
        const uint32_t cbRoot = rec_lv_root_encode(&r, rgbRoot);
        return isam_node_replace(sess, pwt->cLV, &pwt->tLV, rgbRoot, cbRoot);
    }
    /* The last reference: the value goes (ESE flag-deletes; cleanup removes the nodes). */
    CALL_R(isam_node_flag_delete(sess, pwt->cLV, &pwt->tLV));
    const uint32_t C = pwt->cbLVChunkMost;
    for (uint64_t ib = 0; ib < r.ulSize; ib += C) {
        const uint32_t cbKey = rec_lv_key_chunk(rgbKey, lid, (uint32_t)ib);
        err = bt_seek(pwt->cLV, BT_SEEK_EQ, rgbKey, cbKey, NULL, 0, 0);
        if (err == JET_errRecordNotFound) return ERR_TRAP(JET_errLVCorrupted);
        CALL_R(err);
        CALL_R(isam_node_flag_delete(sess, pwt->cLV, &pwt->tLV));
    }
    return JET_errSuccess;
}

JET_ERR isam_lv_modify(struct isam_session *sess, struct isam_wtable *pwt, uint64_t lid, uint32_t ib, const uint8_t *pb,
        uint32_t cb, uint32_t cbSize, bool fCompress)
{
    JET_ERR err;
    struct rec_lvroot r;
    uint8_t rgbRoot[9], rgbKey[12];
    uint8_t *pbRegion = NULL;
    CALL_R(lv_seek_root(pwt, lid, &r));
    const uint32_t C = pwt->cbLVChunkMost, cbOld = r.ulSize;
    uint64_t cbNew64 = cbSize != UINT32_MAX ? cbSize : MAX((uint64_t)cbOld, (uint64_t)ib + cb);
    if (cb && (uint64_t)ib + cb > cbNew64) cbNew64 = (uint64_t)ib + cb;
    if (cbNew64 > 0x7FFFFFFFu) return ERR_TRAP(JET_errInvalidParameter);
    const uint32_t cbNew = (uint32_t)cbNew64;
    /* The first byte whose chunk changes, and the chunks before and after. */
    uint32_t lo = cb ? ib : cbNew;
    lo = MIN(lo, MIN(cbOld, cbNew));
    if (cbNew == cbOld && cb == 0) goto out;
    const uint32_t kFirst = lo / C;
    const uint32_t cchunkOld = (cbOld + C - 1) / C, cchunkNew = (cbNew + C - 1) / C;
    /* The new content of the changed region [kFirst*C, cbNew). */
    const uint32_t ibRegion = kFirst * C;
    const uint32_t cbRegion = cbNew > ibRegion ? cbNew - ibRegion : 0;
    pbRegion = mem_calloc(1, cbRegion ? cbRegion : 1);
    if (!pbRegion) FAIL(JET_errOutOfMemory);
    if (cbOld > ibRegion) {
        uint32_t cbRead, cbActual;
        const uint32_t cbKeep = MIN(cbOld, cbNew) - MIN(ibRegion, MIN(cbOld, cbNew));
        if (cbKeep) CALL(isam_lv_read(pwt, lid, ibRegion, pbRegion, cbKeep, &cbRead, &cbActual));
    }
    if (cb) memcpy(pbRegion + (ib - ibRegion), pb, cb);
    CALL(lv_write_chunks(sess, pwt, lid, pbRegion, ibRegion, cbNew, kFirst, cchunkNew, MAX(kFirst, cchunkOld), fCompress));
    /* Chunks past the new end go. */
    for (uint32_t k = MAX(cchunkNew, kFirst); k < cchunkOld; k++) {
        const uint32_t cbKey = rec_lv_key_chunk(rgbKey, lid, k * C);
        err = bt_seek(pwt->cLV, BT_SEEK_EQ, rgbKey, cbKey, NULL, 0, 0);
        if (err == JET_errRecordNotFound) FAIL(JET_errLVCorrupted);
        CALL(err);
        CALL(isam_node_flag_delete(sess, pwt->cLV, &pwt->tLV));
    }
    if (cbNew != cbOld) {
        CALL(lv_seek_root(pwt, lid, &r));
        r.ulSize = cbNew;
        const uint32_t cbRoot = rec_lv_root_encode(&r, rgbRoot);
        CALL(isam_node_replace(sess, pwt->cLV, &pwt->tLV, rgbRoot, cbRoot));
    }
out:
    mem_free(pbRegion);
    return err;
}
