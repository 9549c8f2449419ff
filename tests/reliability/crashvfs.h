/* A test-only SQLite VFS that simulates a power cut, as SQLite's own crash
 * tests do (src/test6.c): a shim over the default unix VFS that writes
 * through but remembers, for every 512-byte sector written since the file's
 * last xSync, what the sector held before. At the crash point (the Nth
 * write, sync or truncate of the process) each such sector is left with
 * its new content, put back to its old content, or filled with garbage,
 * at random; the file is cut back towards its synced size; then the process
 * kills itself with SIGKILL. What SQLite had synced stays; what it had not
 * may be lost or torn, so the database must recover from whatever remains.
 *
 * The shim reports 512-byte sectors and no device guarantees (no powersafe
 * overwrite), so SQLite knows a write may tear the whole sector around it.
 * Truncation is taken as durable at once (kinder than a real disk, never
 * harsher). Only for tests: compiled into the crash test alone. */
#ifndef TESTS_CRASHVFS_H
#define TESTS_CRASHVFS_H

/* Registers the shim as the default VFS of this process. The crash comes at
 * the crash_at-th write/sync/truncate (0: never); seed drives the choice of
 * each sector's fate. Returns 0, or -1 when SQLite refuses. */
int crashvfs_install(unsigned long crash_at, unsigned long long seed);

/* The xorshift64 generator behind the sector fates, shared with the test. */
unsigned long long crashvfs_rand(unsigned long long *state);

/* Writes, syncs and truncates seen so far (for the figures). */
unsigned long crashvfs_ops(void);

/* One round of a crash test: forks a child that runs work(fd, ctx), which
 * writes its reports to fd and never returns. power: the child runs on
 * this VFS, cut after cut operations (seed), with a WAL checkpoint every 8
 * pages so that checkpoints are cut too (it exits 5 if that cannot be
 * set up); else the parent kills it with SIGKILL after delay microseconds.
 * Returns the read end of the reports, with *status the child's wait
 * status; -1 when no pipe or child could be made. */
int crashvfs_round(int power, unsigned long cut, unsigned long long seed, unsigned delay,
                   void (*work)(int fd, void *ctx), void *ctx, int *status);

#endif
