/* SPDX-License-Identifier: MIT
 * os/test/os_test.h: test doubles of the os layer's file system (library esent_os_test; linked
 * by tests only, never shipped). Each is a struct os_vfs, so an engine under test takes one
 * wherever it takes os_vfs_default():
 *   os_mem    files and directories in memory, with the same errors and share modes as the real
 *             file systems (case-insensitive names, as on Windows);
 *   os_fault  wraps any vfs and fails the Nth matching call, or runs out of disk after N more
 *             bytes of growth (SQLite's io_error_pending / disk-full tests);
 *   os_crash  wraps any vfs and remembers what is not yet synced, so that os_crash_simulate can
 *             leave the lower vfs as a power cut would (SQLite's test6.c).
 * And one helper for crash tests that kill a real process: os_test_proc (run this program
 * again as a child, kill it the hard way: SIGKILL, TerminateProcess).
 * Wrappers stack: os_crash over os_fault over os_mem is fine. All are thread-safe. */
#ifndef OS_TEST_H
#define OS_TEST_H

#include "os.h"

/* ---- os_mem ---------------------------------------------------------------------------------- */

/* A new, empty file system holding only the root directory. Relative paths resolve against the
 * root; full_path gives os_path_separator() as separator ("/db/x.edb" on Linux). */
struct os_vfs *os_mem_create(void);
/* Frees every file. Files must be closed first. */
void os_mem_destroy(struct os_vfs *vfs);

/* Conveniences for any vfs: create or replace path with exactly pv[0..cb) (synced), and read a
 * whole file into a mem_alloc'd buffer. */
MUST_CHECK JET_ERR os_test_write_file(struct os_vfs *vfs, const ESENT_WCHAR *path, const void *pv, size_t cb);
MUST_CHECK JET_ERR os_test_read_file(struct os_vfs *vfs, const ESENT_WCHAR *path, void **ppv, size_t *pcb);

/* ---- os_fault -------------------------------------------------------------------------------- */

enum os_fault_op {
    OS_FAULT_OPEN     = 0x01,
    OS_FAULT_READ     = 0x02,
    OS_FAULT_WRITE    = 0x04,
    OS_FAULT_SYNC     = 0x08,
    OS_FAULT_SET_SIZE = 0x10,
    OS_FAULT_ALL      = 0x1f,
};

/* Wraps lower (which must outlive it). Without instructions every call passes through. */
struct os_vfs *os_fault_create(struct os_vfs *lower);
void os_fault_destroy(struct os_vfs *vfs);
/* The nth call from now (1 = the next) whose kind is in ops fails with err and does nothing.
 * With fPersist every later matching call fails too, until os_fault_clear. n = 0 disarms. */
void os_fault_fail_nth(struct os_vfs *vfs, unsigned ops, uint64_t n, JET_ERR err, bool fPersist);
/* The disk holds cb more bytes of growth over all files: a write or set_size that would grow
 * a file past that fails with JET_errDiskFull and changes nothing; shrinking gives space back.
 * free_space reports at most what is left. UINT64_MAX: unlimited (the default). */
void os_fault_disk_full_after(struct os_vfs *vfs, uint64_t cb);
/* Disarm everything and zero the counters. */
void os_fault_clear(struct os_vfs *vfs);
/* Calls of the kinds in ops since create or clear (failed ones included). */
uint64_t os_fault_calls(struct os_vfs *vfs, unsigned ops);
/* Failures injected since create or clear (disk full included). A test loop
 *     for (n = 1; ; n++) { clear; fail_nth(ALL, n, JET_errDiskIO, false); run; check;
 *                          if (os_fault_injected(vfs) == 0) break; }
 * visits every failure point of a workload. */
uint64_t os_fault_injected(struct os_vfs *vfs);

/* ---- os_crash -------------------------------------------------------------------------------- */

/* What a power cut does to each write (or size change) not yet covered by a sync: it is lost
 * whole with pct_drop percent chance, torn with pct_torn percent (each of its sectors
 * independently kept, lost or turned to garbage), and kept whole otherwise. */
struct os_crash_policy {
    unsigned pct_drop;
    unsigned pct_torn;
};
#define OS_CRASH_KEEP_ALL ((struct os_crash_policy){ 0, 0 })
#define OS_CRASH_DROP_ALL ((struct os_crash_policy){ 100, 0 })
#define OS_CRASH_TEAR_ALL ((struct os_crash_policy){ 0, 100 })
#define OS_CRASH_RANDOM   ((struct os_crash_policy){ 30, 30 })

/* Wraps lower (which must outlive it). Writes reach lower at once; the wrapper keeps, per file
 * and per sector of cbSector bytes (0: 512), the content as of the last sync. */
struct os_vfs *os_crash_create(struct os_vfs *lower, uint32_t cbSector);
void os_crash_destroy(struct os_vfs *vfs);
/* Power cut: every file handle opened through vfs dies (later calls give JET_errDiskIO; close
 * them as usual), and lower is rewritten to what the disk would hold: synced data exactly,
 * each unsynced change per policy, decided by seed (same seed, same outcome). Only sectors
 * written since their file's last sync can change. Afterwards vfs starts afresh: new opens
 * work, the write count is 0, and no crash point is set. The test then reopens the files
 * (through lower, or through vfs again to crash during recovery). */
MUST_CHECK JET_ERR os_crash_simulate(struct os_vfs *vfs, struct os_crash_policy policy, uint64_t seed);
/* Crash point: the kth write from now (1 = the next) goes to lower (unsynced, its fate left to
 * the policy) and then the disk is gone: that write and every later call through vfs fail with
 * JET_errDiskIO until os_crash_simulate. 0 disarms. */
void os_crash_at_write(struct os_vfs *vfs, uint64_t k);
/* Writes through vfs since create or the last simulate: run a workload once to count its
 * write points, then loop k = 1..count crashing at each. */
uint64_t os_crash_writes(struct os_vfs *vfs);
/* True once the crash point was reached. */
bool os_crash_has_crashed(struct os_vfs *vfs);

/* ---- os_test_proc ---------------------------------------------------------------------------- */

/* A child process running this same program with argv[0..argc) (UTF-8) as its arguments. Its
 * stdio is the parent's. Returns once the child has called os_test_proc_started (or died). */
struct os_test_proc;
MUST_CHECK JET_ERR os_test_proc_spawn_self(int argc, const char *const *argv, struct os_test_proc **pp);
/* Called by the child first thing: tells the parent it runs (and, under Wine, its Unix pid). */
void os_test_proc_started(void);
/* Kills it at once, as a crash would: no atexit, no buffered output, no unwinding (SIGKILL on
 * POSIX, TerminateProcess on Windows). Harmless after it exited. */
void os_test_proc_kill(struct os_test_proc *p);
/* Waits until it is gone, every write it issued done, and frees p. Returns its exit code, or -1
 * when it was killed. */
int os_test_proc_wait(struct os_test_proc *p);

#endif /* OS_TEST_H */
