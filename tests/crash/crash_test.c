/* SPDX-License-Identifier: MIT
 * tests/crash/crash_test.c: kill a process that commits durable transactions at random moments,
 * recover, and check that every transaction whose commit returned is there, that nothing else
 * is (but the one in flight), and that the database passes the integrity check.
 *
 *   crash_test <dir> [rounds] [seed]
 *
 * Built for Linux (the kill is SIGKILL) and with MinGW, run under Wine (TerminateProcess): the
 * same engine through the other OS layer. The workload is in crash_common.h. One round:
 *   1. start this program again as a worker ("crash_test --worker <dir> <first> <tree>"): it recovers
 *      the previous round's crash as JetInit would, attaches the database, then runs
 *      transactions until killed, appending "C <i>" to <dir>/committed.txt (flushed) after each
 *      commit returns;
 *   2. the parent kills it after a random delay;
 *   3. the parent then recovers in-process and checks against the committed list. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "isam_db.h"
#include "os_test.h"
#include "utf.h"
#include "debug.h"
#include "crash_common.h"

#define TREE_CPG 16u
#define TREE_KEY_MOST 255u

static char g_dir[1024];

static void die(const char *what, JET_ERR err)
{
    fprintf(stderr, "crash_test: %s failed: %ld\n", what, (long)err);
    exit(2);
}

#define CHECK(what, expr) do { JET_ERR e_ = (expr); if (e_ < 0) die(what, e_); } while (0)

static ESENT_WCHAR *wpath(const char *leaf)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", g_dir, leaf);
    return utf8_to_utf16_dup(path);
}

struct env {
    struct isam_instance *inst;
    struct isam_session *sess;
    struct isam_db *db;
    struct isam_tree tree;
};

static void env_open(struct env *e, bool fCreate)
{
    static const ESENT_WCHAR name[] = { 'c', 'r', 'a', 's', 'h', 0 };
    ESENT_WCHAR *dir = wpath("");
    ESENT_WCHAR *db = wpath("crash.edb");
    memset(e, 0, sizeof *e);
    isam_lock();
    isam_set_run_mode(ISAM_MODE_MULTI_INSTANCE);
    CHECK("instance", isam_instance_new(name, NULL, &e->inst));
    isam_unlock();
    CHECK("log path", param_set(&e->inst->params, PARAM_TARGET_INSTANCE, JET_paramLogFilePath, 0, dir));
    CHECK("system path", param_set(&e->inst->params, PARAM_TARGET_INSTANCE, JET_paramSystemPath, 0, dir));
    CHECK("log size", param_set(&e->inst->params, PARAM_TARGET_INSTANCE, JET_paramLogFileSize, 128, NULL));
    /* Hundreds of rounds would otherwise keep every generation. */
    CHECK("circular", param_set(&e->inst->params, PARAM_TARGET_INSTANCE, JET_paramCircularLog, 1, NULL));
    CHECK("init", isam_instance_init(e->inst, 0));
    CHECK("session", isam_session_begin(e->inst, &e->sess));
    JET_DBID dbid;
    if (fCreate) {
        CHECK("create", isam_db_create(e->sess, db, 0, 0, &dbid));
    } else {
        CHECK("attach", isam_db_attach(e->sess, db, 0, 0));
        CHECK("open", isam_db_open(e->sess, db, 0, &dbid));
    }
    e->db = isam_db_get(e->inst, dbid);
    mem_free(dir);
    mem_free(db);
}

static void env_close(struct env *e)
{
    CHECK("close", isam_db_close(e->sess, e->db->dbid, 0));
    isam_session_destroy(e->sess);
    CHECK("term", isam_instance_term(e->inst, JET_bitTermComplete, NULL));
    isam_lock();
    isam_instance_free(e->inst);
    isam_unlock();
}

/* The tree lives in an FDP created by setup; its root is found again at the same place because
 * the creation is the first allocation after the database's own layout. */
static uint32_t g_pgnoTree;

static void tree_desc(struct env *e)
{
    e->tree.db = e->db;
    e->tree.desc.pgnoFDP = g_pgnoTree;
    e->tree.desc.objid = 1000;
    e->tree.desc.type = BT_TYPE_PRIMARY;
    e->tree.desc.fNonUnique = false;
    e->tree.desc.cbKeyMost = TREE_KEY_MOST;
}

static void setup(void)
{
    struct env e;
    env_open(&e, true);
    CHECK("tree", bt_create(e.db->btdb, SPACE_PGNO_DB_ROOT, TREE_CPG, true, 1000, BT_TYPE_PRIMARY, false, &g_pgnoTree));
    env_close(&e);
}

/* out: where each commit is reported, flushed at once so that it survives the kill. */
static void worker(FILE *out, uint32_t start, uint32_t count)
{
    struct env e;
    struct bt_cursor *c = NULL;
    uint8_t key[4], val[256];

    uint64_t t0 = os_time_ms();
    env_open(&e, false);
    if (getenv("CRASH_VERBOSE")) fprintf(stderr, "worker: open took %llu ms\n", (unsigned long long)(os_time_ms() - t0));
    tree_desc(&e);
    CHECK("cursor", bt_open(e.db->btdb, &e.tree.desc, &c));
    for (uint32_t i = start; count == 0 || i < start + count; i++) {
        CHECK("begin", isam_trx_begin(e.sess, 0));
        crash_key(i, key);
        size_t cb = crash_value(i, 0, val);
        CHECK("insert", isam_node_insert(e.sess, c, &e.tree, key, 4, val, (uint32_t)cb));
        if (i >= 5 && !crash_rolled_back(i - 5)) {
            crash_key(i - 5, key);
            if (bt_seek(c, BT_SEEK_EQ, key, 4, NULL, 0, 0) >= 0) {
                cb = crash_value(i - 5, 1, val);
                CHECK("replace", isam_node_replace(e.sess, c, &e.tree, val, (uint32_t)cb));
            }
        }
        if (i >= 10 && !crash_rolled_back(i - 10)) {
            crash_key(i - 10, key);
            if (bt_seek(c, BT_SEEK_EQ, key, 4, NULL, 0, 0) >= 0)
                CHECK("delete", isam_node_flag_delete(e.sess, c, &e.tree));
        }
        if (crash_rolled_back(i)) {
            CHECK("rollback", isam_trx_rollback(e.sess, 0));
            continue;
        }
        CHECK("commit", isam_trx_commit(e.sess, 0));
        if (fprintf(out, "C %u\n", i) < 0 || fflush(out) != 0) exit(3);
    }
    bt_close(c);
    env_close(&e);
}

/* Check the tree after recovery. lastReported: the highest transaction whose commit was reported
 * (-1: none yet). The transaction in flight at the kill (the next one that is not of the kind
 * that rolls back) may have committed without being reported: it counts if its key is there.
 * Returns the failures and, in *plast, the highest transaction whose effects are in. */
static int verify(int64_t lastReported, int64_t *plast)
{
    struct env e;
    struct bt_cursor *c = NULL;
    uint8_t key[4], val[256];
    int failures = 0;

    env_open(&e, false);
    tree_desc(&e);
    CHECK("cursor", bt_open(e.db->btdb, &e.tree.desc, &c));
    int64_t inflight = lastReported + 1;
    if (crash_rolled_back((uint32_t)inflight)) inflight++;
    int64_t last = inflight - 1;
    crash_key((uint32_t)inflight, key);
    if (bt_seek(c, BT_SEEK_EQ, key, 4, NULL, 0, 0) >= 0) last = inflight;
    crash_key((uint32_t)(inflight + 1), key);
    if (bt_seek(c, BT_SEEK_EQ, key, 4, NULL, 0, 0) >= 0) {
        fprintf(stderr, "key %lld present, but that transaction never began\n", (long long)(inflight + 1));
        failures++;
    }
    for (int64_t i = 0; i <= last; i++) {
        crash_key((uint32_t)i, key);
        JET_ERR err = bt_seek(c, BT_SEEK_EQ, key, 4, NULL, 0, 0);
        bool fExpect = !crash_rolled_back((uint32_t)i) && !(i + 10 <= last && !crash_rolled_back((uint32_t)(i + 10)));
        if ((err >= 0) != fExpect) {
            fprintf(stderr, "key %lld: %s, expected %s (last committed %lld)\n", (long long)i, err >= 0 ? "present" : "absent",
                    fExpect ? "present" : "absent", (long long)last);
            failures++;
            continue;
        }
        if (!fExpect) continue;
        bool fReplaced = i + 5 <= last && !crash_rolled_back((uint32_t)(i + 5));
        size_t cb = crash_value((uint32_t)i, fReplaced, val);
        uint32_t cbGot;
        const uint8_t *pb = bt_data(c, &cbGot);
        if (cbGot != cb || memcmp(pb, val, cb) != 0) {
            fprintf(stderr, "key %lld: wrong value (replaced: %d)\n", (long long)i, fReplaced);
            failures++;
        }
    }
    bt_close(c);

    struct bt_check_tree trees[1] = { { g_pgnoTree, 1000, SPACE_PGNO_DB_ROOT, true, BT_TYPE_PRIMARY, false } };
    struct bt_check_stats stats;
    JET_ERR errCheck = bt_check_db(e.db->btdb, trees, 1, NULL, NULL, &stats);
    if (errCheck < 0) {
        fprintf(stderr, "integrity check: %ld (%u errors)\n", (long)errCheck, stats.cErrors);
        failures++;
    }
    env_close(&e);
    *plast = last;
    return failures;
}

static const char g_committed[] = "committed.txt";

static int worker_main(const char *dir, uint32_t start, uint32_t pgnoTree)
{
    char path[1200];
    os_test_proc_started();
    snprintf(g_dir, sizeof g_dir, "%s", dir);
    snprintf(path, sizeof path, "%s/%s", g_dir, g_committed);
    FILE *out = fopen(path, "w");
    if (!out) die("fopen committed", JET_errFileAccessDenied);
    g_pgnoTree = pgnoTree;
    worker(out, start, 0);
    return 0;
}

/* Debugging (CRASH_SNAPSHOT set): the files as the kill left them, copied to <dir>/snap before
 * recovery changes them (the last round's copy stays). */
struct snap_ctx { const ESENT_WCHAR *wszFrom, *wszTo; };

static JET_ERR snap_file(void *pv, const ESENT_WCHAR *wszName)
{
    struct snap_ctx *ctx = pv;
    struct os_vfs *vfs = os_vfs_default();
    char *szName = utf16_to_utf8_dup(wszName);
    char *szFrom = utf16_to_utf8_dup(ctx->wszFrom), *szTo = utf16_to_utf8_dup(ctx->wszTo);
    char path[1400];
    void *pvData = NULL;
    size_t cb = 0;
    JET_ERR err = JET_errSuccess;
    if (strcmp(szName, "snap") != 0) {
        snprintf(path, sizeof path, "%s/%s", szFrom, szName);
        ESENT_WCHAR *w = utf8_to_utf16_dup(path);
        err = os_test_read_file(vfs, w, &pvData, &cb);
        mem_free(w);
        if (err >= 0) {
            snprintf(path, sizeof path, "%s/%s", szTo, szName);
            w = utf8_to_utf16_dup(path);
            err = os_test_write_file(vfs, w, pvData, cb);
            mem_free(w);
        }
    }
    mem_free(pvData);
    mem_free(szName);
    mem_free(szFrom);
    mem_free(szTo);
    return err;
}

static void snapshot(void)
{
    struct os_vfs *vfs = os_vfs_default();
    static const ESENT_WCHAR star[] = { '*', 0 };
    struct snap_ctx ctx = { wpath(""), wpath("snap") };
    CHECK("snapshot mkdir", vfs->ops->mkdir(vfs, ctx.wszTo));
    CHECK("snapshot", vfs->ops->list(vfs, ctx.wszFrom, star, snap_file, &ctx));
    mem_free((void *)ctx.wszFrom);
    mem_free((void *)ctx.wszTo);
}

/* The highest transaction the worker reported as committed (lastBefore if none). */
static int64_t read_committed(int64_t lastBefore)
{
    char path[1200], line[64];
    snprintf(path, sizeof path, "%s/%s", g_dir, g_committed);
    int64_t lastReported = lastBefore;
    FILE *f = fopen(path, "r");
    while (f && fgets(line, sizeof line, f)) {
        unsigned i;
        if (sscanf(line, "C %u", &i) == 1 && (int64_t)i > lastReported) lastReported = i;
    }
    if (f) fclose(f);
    remove(path);   /* a worker killed before it opens the file must not be credited with these */
    return lastReported;
}

int main(int argc, char **argv)
{
    debug_init();
    if (argc == 5 && strcmp(argv[1], "--worker") == 0)
        return worker_main(argv[2], (uint32_t)strtoul(argv[3], NULL, 10), (uint32_t)strtoul(argv[4], NULL, 10));
    if (argc < 2) {
        fprintf(stderr, "usage: crash_test <dir> [rounds] [seed]\n");
        return 2;
    }
    snprintf(g_dir, sizeof g_dir, "%s", argv[1]);
    int rounds = argc > 2 ? atoi(argv[2]) : 20;
    unsigned seed = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 0) : (unsigned)time(NULL);
    srand(seed);
    printf("crash_test: %d rounds, seed %u\n", rounds, seed);
    setup();
    if (rounds == 0) {
        /* Debugging: run the workload for a while without killing it, then check it. */
        int64_t last;
        worker(stdout, 0, 200);
        int failures = verify(199, &last);
        printf("crash_test: no-kill run %s\n", failures ? "FAILED" : "passed");
        return failures ? 1 : 0;
    }

    int64_t last = -1;    /* highest transaction whose effects are in */
    int failures = 0;
    for (int r = 0; r < rounds && !failures; r++) {
        char szStart[24], szTree[24];
        snprintf(szStart, sizeof szStart, "%lld", (long long)(last + 1));
        snprintf(szTree, sizeof szTree, "%u", g_pgnoTree);
        const char *args[] = { "--worker", g_dir, szStart, szTree };
        struct os_test_proc *proc;
        CHECK("spawn", os_test_proc_spawn_self(4, args, &proc));
        /* Kill after a random delay: from right after start (mid-recovery) to a few hundred ms. */
        unsigned ms = (unsigned)(rand() % 400);
        os_sleep_ms(ms);
        os_test_proc_kill(proc);
        int code = os_test_proc_wait(proc);
        if (code > 0) {
            fprintf(stderr, "round %d: worker failed (exit %d)\n", r, code);
            failures++;
            break;
        }
        int64_t lastReported = read_committed(last);
        if (getenv("CRASH_SNAPSHOT")) {
            snapshot();
            printf("round %d: last reported %lld\n", r, (long long)lastReported);
        }
        failures += verify(lastReported, &last);
        printf("round %d: killed after %u ms, %lld transactions so far\n", r, ms, (long long)(last + 1));
    }
    printf("crash_test: %s\n", failures ? "FAILED" : "passed");
    return failures ? 1 : 0;
}
