/* SPDX-License-Identifier: MIT
 * btree/tests/test_concurrency.c: writers and readers on one tree at once. Writers insert and
 * delete keys of their own (splits, merges and space allocation race with each other), readers
 * walk both ways and seek. The latch protocol must neither deadlock (the test would time out)
 * nor let a reader see keys out of order; at the end every writer finds exactly its keys and
 * the tree checks. */
#include "bt_testlib.h"

#define CWRITERS 4
#define CREADERS 2
#define CKEYS    1500

struct shared {
    struct tenv *pe;
    struct bt_tree_desc desc;
    volatile int cWritersDone;
    volatile int fFailed;
    char szFailure[256];
    struct os_mutex mu;
};

struct writer {
    struct shared *ps;
    uint32_t id;
    uint8_t present[CKEYS];
    struct os_thread *th;
};

static void failure(struct shared *ps, const char *sz, JET_ERR err)
{
    os_mutex_lock(&ps->mu);
    if (!ps->fFailed)
        snprintf(ps->szFailure, sizeof ps->szFailure, "%s (%ld)", sz, (long)err);
    ps->fFailed = 1;
    os_mutex_unlock(&ps->mu);
}

static void writer_main(void *pv)
{
    struct writer *pw = pv;
    struct shared *ps = pw->ps;
    struct bt_cursor *c;
    uint64_t seed = 100 + pw->id;
    uint8_t rgbKey[5], rgbData[700];
    JET_ERR err = bt_open(ps->pe->db, &ps->desc, &c);
    if (err < 0) {
        failure(ps, "writer open", err);
        goto done;
    }
    for (uint32_t n = 0; n < 3 * CKEYS && !ps->fFailed; n++) {
        const uint32_t k = trand(&seed) % CKEYS;
        rgbKey[0] = (uint8_t)pw->id;
        put_be32(rgbKey + 1, k);
        if (!pw->present[k] || trand(&seed) % 3) {
            if (pw->present[k])
                continue;
            memset(rgbData, (int)(k + pw->id), sizeof rgbData);
            err = bt_insert(c, rgbKey, 5, rgbData, 20 + trand(&seed) % 600, 0, BT_NO_UNDO);
            if (err < 0) {
                failure(ps, "insert", err);
                break;
            }
            pw->present[k] = 1;
        } else {
            err = bt_seek(c, BT_SEEK_EQ, rgbKey, 5, NULL, 0, 0);
            if (err >= 0)
                err = bt_delete(c, BT_NO_UNDO);
            if (err < 0) {
                failure(ps, "delete", err);
                break;
            }
            pw->present[k] = 0;
        }
    }
    bt_close(c);
done:
    __atomic_add_fetch(&ps->cWritersDone, 1, __ATOMIC_SEQ_CST);
}

static int key_cmp(const uint8_t *a, uint32_t ca, const uint8_t *b, uint32_t cb)
{
    int c = memcmp(a, b, MIN(ca, cb));
    return c ? c : (ca < cb ? -1 : ca > cb);
}

static void reader_main(void *pv)
{
    struct shared *ps = pv;
    struct bt_cursor *c;
    uint8_t rgbPrev[16];
    uint32_t cbPrev;
    uint64_t seed = 7;
    JET_ERR err = bt_open(ps->pe->db, &ps->desc, &c);
    if (err < 0) {
        failure(ps, "reader open", err);
        return;
    }
    while (__atomic_load_n(&ps->cWritersDone, __ATOMIC_SEQ_CST) < CWRITERS && !ps->fFailed) {
        const bool fForward = trand(&seed) % 2;
        cbPrev = 0;
        err = fForward ? bt_move_first(c, 0) : bt_move_last(c, 0);
        while (err == JET_errSuccess) {
            uint32_t cb;
            const uint8_t *pk = bt_key(c, &cb);
            if (cb > sizeof rgbPrev) {
                failure(ps, "reader: key too long", 0);
                break;
            }
            if (cbPrev && (fForward ? key_cmp(rgbPrev, cbPrev, pk, cb) >= 0 : key_cmp(rgbPrev, cbPrev, pk, cb) <= 0)) {
                failure(ps, "reader: keys out of order", 0);
                break;
            }
            memcpy(rgbPrev, pk, cb);
            cbPrev = cb;
            err = fForward ? bt_move_next(c, 0) : bt_move_prev(c, 0);
        }
        if (err != JET_errSuccess && err != JET_errNoCurrentRecord) {
            failure(ps, "reader move", err);
            break;
        }
        uint8_t rgbKey[5];
        rgbKey[0] = (uint8_t)(trand(&seed) % CWRITERS);
        put_be32(rgbKey + 1, trand(&seed) % CKEYS);
        err = bt_seek(c, (enum bt_seek)(trand(&seed) % 5), rgbKey, 5, NULL, 0, 0);
        if (err < 0 && err != JET_errRecordNotFound) {
            failure(ps, "reader seek", err);
            break;
        }
    }
    bt_close(c);
}

static void run(uint32_t cbPage, bool fMultiple)
{
    struct tenv e;
    struct shared sh;
    struct writer rgw[CWRITERS];
    struct os_thread *rgthReader[CREADERS];
    memset(&sh, 0, sizeof sh);
    os_mutex_init(&sh.mu);
    tenv_open(&e, cbPage, 32);
    uint32_t pgnoFDP;
    struct bt_cursor *c = tenv_tree(&e, 1, BT_TYPE_PRIMARY, false, fMultiple, fMultiple ? 4 : 2, 255, &pgnoFDP);
    bt_close(c);
    sh.pe = &e;
    sh.desc = (struct bt_tree_desc){ pgnoFDP, e.rgtree[0].objid, BT_TYPE_PRIMARY, false, 255 };
    for (uint32_t i = 0; i < CREADERS; i++)
        assert_int_equal(os_thread_create(&rgthReader[i], reader_main, &sh), JET_errSuccess);
    for (uint32_t i = 0; i < CWRITERS; i++) {
        memset(&rgw[i], 0, sizeof rgw[i]);
        rgw[i].ps = &sh;
        rgw[i].id = i;
        assert_int_equal(os_thread_create(&rgw[i].th, writer_main, &rgw[i]), JET_errSuccess);
    }
    for (uint32_t i = 0; i < CWRITERS; i++)
        os_thread_join(rgw[i].th);
    for (uint32_t i = 0; i < CREADERS; i++)
        os_thread_join(rgthReader[i]);
    if (sh.fFailed)
        fail_msg("%s", sh.szFailure);
    /* Every writer's keys, exactly. */
    assert_int_equal(bt_open(e.db, &sh.desc, &c), JET_errSuccess);
    uint32_t cPresent = 0, cFound = 0;
    for (uint32_t i = 0; i < CWRITERS; i++)
        for (uint32_t k = 0; k < CKEYS; k++)
            cPresent += rgw[i].present[k];
    for (JET_ERR err = bt_move_first(c, 0); err == JET_errSuccess; err = bt_move_next(c, 0)) {
        uint32_t cb;
        const uint8_t *pk = bt_key(c, &cb);
        assert_int_equal(cb, 5);
        assert_true(pk[0] < CWRITERS);
        assert_true(rgw[pk[0]].present[get_be32(pk + 1)]);
        cFound++;
    }
    assert_int_equal(cFound, cPresent);
    bt_close(c);
    tenv_check_ok(&e);
    tenv_close(&e);
    os_mutex_destroy(&sh.mu);
}

static void test_bt_concurrent_writers_and_readers_keep_tree_sound(void **state)
{
    (void)state;
    run(4096, true);
    run(8192, false);
}

int main(void)
{
    debug_configure(getenv("ESENT_DEBUG") ? getenv("ESENT_DEBUG") : "-all");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bt_concurrent_writers_and_readers_keep_tree_sound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
