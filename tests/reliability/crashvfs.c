#include "crashvfs.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#define SECTOR 512
#define MAX_FILES 16

/* A sector written since its file's last sync, and what it held before:
 * old_len bytes (fewer than SECTOR when the file ended inside it). */
typedef struct dirty {
    long long sector;
    int old_len;
    unsigned char old[SECTOR];
} dirty_t;

/* What a file (by name, so it outlives a close) has unsynced. */
typedef struct fstate {
    char path[512];
    int used;
    long long synced_size;
    dirty_t *d;
    int n, cap;
} fstate_t;

typedef struct cfile {
    sqlite3_file base;
    fstate_t *st; /* NULL for nameless temporary files */
    sqlite3_file *real;
} cfile_t;

static sqlite3_vfs *parent;
static sqlite3_vfs crash_vfs;
static fstate_t files[MAX_FILES];
static unsigned long ops, crash_at;
static unsigned long long rng;

unsigned long long crashvfs_rand(unsigned long long *state)
{
    unsigned long long x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *state = x;
}

static unsigned long long next_rand(void)
{
    return crashvfs_rand(&rng);
}

static fstate_t *state_of(const char *path, int create)
{
    for (int i = 0; i < MAX_FILES; i++)
        if (files[i].used && strcmp(files[i].path, path) == 0)
            return &files[i];
    if (!create)
        return NULL;
    for (int i = 0; i < MAX_FILES; i++) {
        if (!files[i].used) {
            fstate_t *f = &files[i];
            memset(f, 0, sizeof *f);
            f->used = 1;
            strncpy(f->path, path, sizeof f->path - 1);
            struct stat sb;
            f->synced_size = stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
            return f;
        }
    }
    return NULL;
}

static void state_drop(fstate_t *f)
{
    free(f->d);
    memset(f, 0, sizeof *f);
}

static void fill_random(unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        b[i] = (unsigned char)next_rand();
}

/* The power cut: every unsynced sector of every file keeps its new bytes,
 * gets its old ones back or turns to garbage; each file is cut to the
 * largest of its synced size and the end of what survived. Then the
 * process dies on the spot. */
static void crash_now(void)
{
    for (int i = 0; i < MAX_FILES; i++) {
        fstate_t *f = &files[i];
        if (!f->used || f->n == 0)
            continue;
        int fd = open(f->path, O_RDWR);
        struct stat sb;
        if (fd < 0 || fstat(fd, &sb) != 0)
            continue;
        long long cur = sb.st_size, final = f->synced_size;
        int *fate = calloc((size_t)f->n, sizeof *fate);
        if (!fate)
            abort();
        for (int j = 0; j < f->n; j++) {
            unsigned r = (unsigned)(next_rand() % 10);
            fate[j] = r < 4 ? 0 : r < 8 ? 1 : 2; /* new, old, garbage */
            long long end = (f->d[j].sector + 1) * SECTOR;
            if (end > cur)
                end = cur;
            if (fate[j] != 1 && end > final)
                final = end;
        }
        if (final > cur)
            final = cur;
        for (int j = 0; j < f->n; j++) {
            dirty_t *d = &f->d[j];
            long long off = d->sector * SECTOR, end = off + SECTOR;
            if (end > final)
                end = final;
            if (end <= off || fate[j] == 0)
                continue;
            unsigned char buf[SECTOR];
            size_t len = (size_t)(end - off);
            if (fate[j] == 2) {
                fill_random(buf, len);
            } else {
                memset(buf, 0, len); /* bytes that did not exist before read as zeros */
                memcpy(buf, d->old, (size_t)d->old_len < len ? (size_t)d->old_len : len);
            }
            if (pwrite(fd, buf, len, off) != (ssize_t)len)
                abort();
        }
        free(fate);
        if (ftruncate(fd, final) != 0)
            abort();
        close(fd);
    }
    kill(getpid(), SIGKILL);
    _exit(137);
}

static void tick(void)
{
    ops++;
    if (crash_at && ops == crash_at)
        crash_now();
}

/* Before a write: remember the old bytes of each sector it touches. */
static int remember(cfile_t *c, long long off, int amt)
{
    fstate_t *f = c->st;
    sqlite3_int64 size;
    if (c->real->pMethods->xFileSize(c->real, &size) != SQLITE_OK)
        return SQLITE_IOERR;
    for (long long s = off / SECTOR; s * SECTOR < off + amt; s++) {
        int known = 0;
        for (int j = 0; j < f->n && !known; j++)
            known = f->d[j].sector == s;
        if (known)
            continue;
        if (f->n == f->cap) {
            int cap = f->cap ? f->cap * 2 : 64;
            dirty_t *d = realloc(f->d, (size_t)cap * sizeof *d);
            if (!d)
                return SQLITE_NOMEM;
            f->d = d;
            f->cap = cap;
        }
        dirty_t *d = &f->d[f->n++];
        d->sector = s;
        long long have = size - s * SECTOR;
        d->old_len = have <= 0 ? 0 : have > SECTOR ? SECTOR : (int)have;
        memset(d->old, 0, sizeof d->old);
        if (d->old_len) {
            int rc = c->real->pMethods->xRead(c->real, d->old, d->old_len, s * SECTOR);
            if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
                return rc;
        }
    }
    return SQLITE_OK;
}

static void mark_synced(cfile_t *c)
{
    sqlite3_int64 size;
    if (!c->st)
        return;
    c->st->n = 0;
    if (c->real->pMethods->xFileSize(c->real, &size) == SQLITE_OK)
        c->st->synced_size = size;
}

static int c_close(sqlite3_file *p)
{
    cfile_t *c = (cfile_t *)p;
    return c->real->pMethods->xClose(c->real);
}

static int c_read(sqlite3_file *p, void *buf, int amt, sqlite3_int64 off)
{
    cfile_t *c = (cfile_t *)p;
    return c->real->pMethods->xRead(c->real, buf, amt, off);
}

static int c_write(sqlite3_file *p, const void *buf, int amt, sqlite3_int64 off)
{
    cfile_t *c = (cfile_t *)p;
    tick();
    if (c->st) {
        int rc = remember(c, off, amt);
        if (rc != SQLITE_OK)
            return rc;
    }
    return c->real->pMethods->xWrite(c->real, buf, amt, off);
}

static int c_truncate(sqlite3_file *p, sqlite3_int64 size)
{
    cfile_t *c = (cfile_t *)p;
    tick();
    int rc = c->real->pMethods->xTruncate(c->real, size);
    if (rc == SQLITE_OK)
        mark_synced(c); /* taken as durable at once */
    return rc;
}

static int c_sync(sqlite3_file *p, int flags)
{
    cfile_t *c = (cfile_t *)p;
    tick();
    int rc = c->real->pMethods->xSync(c->real, flags);
    if (rc == SQLITE_OK)
        mark_synced(c);
    return rc;
}

static int c_file_size(sqlite3_file *p, sqlite3_int64 *size)
{
    cfile_t *c = (cfile_t *)p;
    return c->real->pMethods->xFileSize(c->real, size);
}

static int c_lock(sqlite3_file *p, int lvl)
{
    cfile_t *c = (cfile_t *)p;
    return c->real->pMethods->xLock(c->real, lvl);
}

static int c_unlock(sqlite3_file *p, int lvl)
{
    cfile_t *c = (cfile_t *)p;
    return c->real->pMethods->xUnlock(c->real, lvl);
}

static int c_check_reserved(sqlite3_file *p, int *out)
{
    cfile_t *c = (cfile_t *)p;
    return c->real->pMethods->xCheckReservedLock(c->real, out);
}

static int c_file_control(sqlite3_file *p, int op, void *arg)
{
    cfile_t *c = (cfile_t *)p;
    return c->real->pMethods->xFileControl(c->real, op, arg);
}

static int c_sector_size(sqlite3_file *p)
{
    (void)p;
    return SECTOR;
}

static int c_device(sqlite3_file *p)
{
    (void)p;
    return 0; /* no atomic or powersafe writes promised */
}

static int c_shm_map(sqlite3_file *p, int pg, int pgsz, int extend, void volatile **out)
{
    cfile_t *c = (cfile_t *)p;
    return c->real->pMethods->xShmMap(c->real, pg, pgsz, extend, out);
}

static int c_shm_lock(sqlite3_file *p, int off, int n, int flags)
{
    cfile_t *c = (cfile_t *)p;
    return c->real->pMethods->xShmLock(c->real, off, n, flags);
}

static void c_shm_barrier(sqlite3_file *p)
{
    cfile_t *c = (cfile_t *)p;
    c->real->pMethods->xShmBarrier(c->real);
}

static int c_shm_unmap(sqlite3_file *p, int del)
{
    cfile_t *c = (cfile_t *)p;
    return c->real->pMethods->xShmUnmap(c->real, del);
}

static const sqlite3_io_methods crash_io = {
    2, /* no xFetch: every read goes through xRead */
    c_close,
    c_read,
    c_write,
    c_truncate,
    c_sync,
    c_file_size,
    c_lock,
    c_unlock,
    c_check_reserved,
    c_file_control,
    c_sector_size,
    c_device,
    c_shm_map,
    c_shm_lock,
    c_shm_barrier,
    c_shm_unmap,
    NULL,
    NULL,
};

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
    (void)vfs;
    cfile_t *c = (cfile_t *)file;
    memset(c, 0, sizeof *c);
    c->real = (sqlite3_file *)(c + 1);
    int rc = parent->xOpen(parent, name, c->real, flags, out_flags);
    if (rc != SQLITE_OK)
        return rc;
    c->st = name ? state_of(name, 1) : NULL;
    if (name && !c->st) {
        c->real->pMethods->xClose(c->real);
        return SQLITE_CANTOPEN;
    }
    c->base.pMethods = &crash_io;
    return SQLITE_OK;
}

static int v_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
    (void)vfs;
    fstate_t *f = state_of(name, 0);
    if (f)
        state_drop(f);
    return parent->xDelete(parent, name, sync_dir);
}

int crashvfs_install(unsigned long at, unsigned long long seed)
{
    parent = sqlite3_vfs_find(NULL);
    if (!parent)
        return -1;
    crash_vfs = *parent;
    crash_vfs.zName = "crash";
    crash_vfs.pNext = NULL;
    crash_vfs.szOsFile = (int)sizeof(cfile_t) + parent->szOsFile;
    crash_vfs.xOpen = v_open;
    crash_vfs.xDelete = v_delete;
    crash_at = at;
    ops = 0;
    rng = seed ? seed : 0x9e3779b97f4a7c15ULL;
    return sqlite3_vfs_register(&crash_vfs, 1) == SQLITE_OK ? 0 : -1;
}

unsigned long crashvfs_ops(void)
{
    return ops;
}

static int small_checkpoints(sqlite3 *d, const char **err, const struct sqlite3_api_routines *api)
{
    (void)err;
    (void)api;
    return sqlite3_exec(d, "PRAGMA wal_autocheckpoint = 8", NULL, NULL, NULL);
}

int crashvfs_round(int power, unsigned long cut, unsigned long long seed, unsigned delay,
                   void (*work)(int fd, void *ctx), void *ctx, int *status)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        if (power && (sqlite3_auto_extension((void (*)(void))small_checkpoints) != SQLITE_OK ||
                      crashvfs_install(cut, seed)))
            _exit(5);
        work(fds[1], ctx);
        _exit(0);
    }
    close(fds[1]);
    if (!power) {
        usleep(delay);
        kill(pid, SIGKILL);
    }
    *status = 0;
    waitpid(pid, status, 0);
    return fds[0];
}
