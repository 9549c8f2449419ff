#include "dbguard.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/datetime.h"
#include "../platform/fsync.h"

int dbguard_writable(dbguard_mode_t mode)
{
    return mode == DBGUARD_OK || mode == DBGUARD_RESTORED || mode == DBGUARD_FRESH;
}

const char *dbguard_mode_name(dbguard_mode_t mode)
{
    static const char *const names[] = {"ok", "restored", "fresh", "read-only", "memory"};
    return (unsigned)mode < sizeof names / sizeof *names ? names[mode] : "?";
}

void dbguard_backup_dir(const char *db, char *out, size_t n)
{
    const char *slash = strrchr(db, '/');
    if (slash)
        snprintf(out, n, "%.*s/backup", (int)(slash - db), db);
    else
        snprintf(out, n, "backup");
}

/* Copies from to to: a temporary file, fsync, rename, fsync of the directory. */
static int copy_file(const char *from, const char *to)
{
    char tmp[700];
    snprintf(tmp, sizeof tmp, "%s.restoring", to);
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return -1;
    int out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (out < 0) {
        close(in);
        return -1;
    }
    char buf[64 * 1024];
    ssize_t r;
    int bad = 0;
    while (!bad && (r = read(in, buf, sizeof buf)) != 0) {
        if (r < 0) {
            bad = errno != EINTR;
            continue;
        }
        bad = write(out, buf, (size_t)r) != r;
    }
    bad |= fsync(out) != 0;
    bad |= close(out) != 0;
    close(in);
    if (bad || rename(tmp, to) != 0) {
        unlink(tmp);
        return -1;
    }
    fsync_parent(to);
    return 0;
}

/* The database and its WAL moved aside under one stamped name; the shared
 * memory index is only a cache and goes. The name is never one already
 * taken (two failures in one minute once left only the second file): the
 * first free of NAME, NAME-2, NAME-3 ... is claimed with O_EXCL before the
 * rename replaces that empty claim. */
static int move_aside(const char *db, long long now, char *aside, size_t n)
{
    char stamp[17], s[16];
    dt_format_stamp(now, stamp); /* YYYY-MM-DD HH:MM */
    snprintf(s, sizeof s, "%.4s%.2s%.2s-%.2s%.2s", stamp, stamp + 5, stamp + 8, stamp + 11,
             stamp + 14);
    char a[720], b[720];
    int fd = -1;
    for (int i = 1; fd < 0 && i < 1000; i++) {
        if (i == 1)
            snprintf(aside, n, "%s.corrupt-%s", db, s);
        else
            snprintf(aside, n, "%s.corrupt-%s-%d", db, s, i);
        struct stat sb;
        snprintf(b, sizeof b, "%s-wal", aside);
        if (lstat(b, &sb) == 0)
            continue; /* a WAL of another set-aside file by that name */
        fd = open(aside, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640);
        if (fd < 0 && errno != EEXIST)
            return -1;
    }
    if (fd < 0) {
        errno = EEXIST;
        return -1;
    }
    close(fd);
    if (rename(db, aside) != 0) {
        int e = errno;
        unlink(aside);
        if (e != ENOENT) {
            errno = e;
            return -1;
        }
    }
    snprintf(a, sizeof a, "%s-wal", db);
    snprintf(b, sizeof b, "%s-wal", aside);
    rename(a, b);
    snprintf(a, sizeof a, "%s-shm", db);
    unlink(a);
    fsync_parent(db);
    return 0;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)b, *(char *const *)a); /* newest first */
}

/* The backups kiosk-YYYY-MM-DD.db of dir, newest first, except those
 * dated after now's day, last (see dbguard.h). */
static int list_backups(const char *dir, long long now, char ***names)
{
    *names = NULL;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len != strlen("kiosk-YYYY-MM-DD.db") || strncmp(e->d_name, "kiosk-", 6) != 0 ||
            strcmp(e->d_name + len - 3, ".db") != 0)
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            char **v = realloc(*names, sizeof *v * (size_t)cap);
            if (!v)
                break;
            *names = v;
        }
        if (!((*names)[n] = strdup(e->d_name)))
            break;
        n++;
    }
    closedir(d);
    if (n > 1)
        qsort(*names, (size_t)n, sizeof **names, name_cmp);
    char today[32], date[11];
    dt_format_date(dt_from_days((long)(now / 1440)), date);
    snprintf(today, sizeof today, "kiosk-%s.db", date);
    int future = 0; /* the first ones, newest first: move them behind, in order */
    while (future < n && strcmp((*names)[future], today) > 0)
        future++;
    if (future > 0 && future < n) {
        char **tmp = malloc(sizeof *tmp * (size_t)future);
        if (tmp) {
            memcpy(tmp, *names, sizeof *tmp * (size_t)future);
            memmove(*names, *names + future, sizeof *tmp * (size_t)(n - future));
            memcpy(*names + (n - future), tmp, sizeof *tmp * (size_t)future);
            free(tmp);
        }
    }
    return n;
}

static void free_list(char **names, int n)
{
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* The check's verdict on damage: an inconsistency (rows pointing to rows
 * deleted from the shell) is not damage, and is handled in place. */
static int sound(int check)
{
    return check == STORE_OK || check == STORE_INCONSISTENT;
}

/* A backup worth restoring: a kiosk database that is not damaged. */
static int backup_good(const char *path)
{
    store_t *st = NULL;
    int ok =
        store_open(path, STORE_OPEN_READONLY, &st) == STORE_OK && sound(store_check(st, NULL, 0));
    store_close(st);
    return ok;
}

/* 0 opened and sound (why says "inconsistent ..." when it is, else ""),
 * -1 cannot open, -2 damaged, -3 cannot be written. */
static int open_checked(const char *db, int flags, store_t **out, char *why, size_t n)
{
    store_t *st = NULL;
    int rc = store_open(db, flags, &st);
    int check = rc == STORE_OK ? store_check(st, why, n) : STORE_OK;
    if (rc == STORE_OK && check == STORE_OK)
        why[0] = '\0';
    if (rc == STORE_OK && !sound(check)) {
        store_close(st);
        st = NULL;
        return -2; /* opens, but damaged */
    }
    if (rc != STORE_OK) {
        snprintf(why, n, "%s", store_errmsg(st));
        int kind = store_failure(st);
        store_close(st);
        return kind == STORE_FAIL_CORRUPT ? -2 : kind == STORE_FAIL_READONLY ? -3 : -1;
    }
    *out = st;
    return 0;
}

int dbguard_open(const char *db, long long now, store_t **out, dbguard_mode_t *mode, char *msg,
                 size_t msglen)
{
    char why[512] = "";
    *out = NULL;
    msg[0] = '\0';
    int rc = open_checked(db, STORE_OPEN_CREATE, out, why, sizeof why);
    if (rc == 0) {
        *mode = DBGUARD_OK;
        if (why[0]) {
            /* Rows pointing to rows deleted from the shell: the file and
             * every booking in it stay; the missing rows come back. */
            char fixed[400];
            int n = store_repair(*out, now, fixed, sizeof fixed);
            snprintf(msg, msglen, "%s: %s; %s", db, why, n >= 0 ? fixed : store_errmsg(*out));
        }
        return 0;
    }
    if (rc == -2) {
        char aside[700], dir[600];
        if (move_aside(db, now, aside, sizeof aside) == 0) {
            dbguard_backup_dir(db, dir, sizeof dir);
            char **names;
            int n = list_backups(dir, now, &names), restored = 0;
            for (int i = 0; i < n && !restored; i++) {
                char path[900];
                snprintf(path, sizeof path, "%s/%s", dir, names[i]);
                if (backup_good(path) && copy_file(path, db) == 0 &&
                    open_checked(db, STORE_OPEN_CREATE, out, why, sizeof why) == 0) {
                    snprintf(msg, msglen,
                             "the database was damaged; moved it to %s and restored the backup "
                             "%s",
                             aside, names[i]);
                    restored = 1;
                }
            }
            free_list(names, n);
            if (restored) {
                *mode = DBGUARD_RESTORED;
                if (why[0]) { /* the backup itself had rows pointing nowhere */
                    char fixed[400];
                    size_t l = strlen(msg);
                    int k = store_repair(*out, now, fixed, sizeof fixed);
                    snprintf(msg + l, msglen - l, "; it was %s; %s", why,
                             k >= 0 ? fixed : store_errmsg(*out));
                }
                return 0;
            }
            if (open_checked(db, STORE_OPEN_CREATE, out, why, sizeof why) == 0) {
                snprintf(msg, msglen,
                         "the database was damaged; moved it to %s and started an empty one "
                         "(no good backup in %s)",
                         aside, dir);
                *mode = DBGUARD_FRESH;
                return 0;
            }
        } else {
            snprintf(why, sizeof why, "%s: damaged, and cannot be moved aside: %s", db,
                     strerror(errno));
        }
    }
    if (rc == -3 || rc == -2) {
        /* Readable but not writable (or damaged and stuck): browse from it if
         * it reads. */
        char why2[512];
        if (open_checked(db, STORE_OPEN_READONLY, out, why2, sizeof why2) == 0 ||
            open_checked(db, STORE_OPEN_READONLY | STORE_OPEN_IMMUTABLE, out, why2,
                         sizeof why2) == 0) {
            snprintf(msg, msglen, "%s cannot be written (%s); opened read-only: bookings are refused",
                     db, why);
            *mode = DBGUARD_READONLY;
            return 0;
        }
    }
    store_t *st = NULL;
    if (store_open(NULL, STORE_OPEN_MEMORY, &st) != STORE_OK) {
        snprintf(msg, msglen, "%s; and no memory store: %s", why, store_errmsg(st));
        store_close(st);
        return -1;
    }
    snprintf(msg, msglen, "%s cannot be used (%s); serving the catalog from memory: bookings are refused",
             db, why);
    *out = st;
    *mode = DBGUARD_MEMORY;
    return 0;
}

int dbguard_backup(store_t *st, const char *db, long long now, int keep, int checked, char *msg,
                   size_t msglen)
{
    char dir[600], path[700], date[11];
    dbguard_backup_dir(db, dir, sizeof dir);
    dt_format_date(dt_from_days((long)(now / 1440)), date);
    snprintf(path, sizeof path, "%s/kiosk-%s.db", dir, date);
    struct stat sb;
    if (stat(path, &sb) == 0)
        return 0;
    if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
        snprintf(msg, msglen, "%s: cannot create: %s", dir, strerror(errno));
        return -1;
    }
    char why[512];
    if (!checked && !sound(store_check(st, why, sizeof why))) {
        snprintf(msg, msglen, "no backup of a database that fails its check: %s", why);
        return -1;
    }
    if (store_backup(st, path) != STORE_OK) {
        snprintf(msg, msglen, "%s", store_errmsg(st));
        return -1;
    }
    char **names;
    int n = keep > 0 ? list_backups(dir, now, &names) : 0;
    for (int i = keep; i < n; i++) {
        char old[900];
        snprintf(old, sizeof old, "%s/%s", dir, names[i]);
        unlink(old);
    }
    if (keep > 0)
        free_list(names, n);
    return 1;
}

static void detached_path(const char *db, char *out, size_t n)
{
    snprintf(out, n, "%s.detached", db);
}

void dbguard_detached_write(const char *db, const char *text)
{
    char path[700];
    detached_path(db, path, sizeof path);
    /* O_NOFOLLOW: a link planted under the name is not followed. */
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0640);
    if (fd < 0)
        return; /* the directory itself may be gone: the log line is what stays */
    size_t len = strlen(text);
    if (write(fd, text, len) != (ssize_t)len || write(fd, "\n", 1) != 1 || fsync(fd) != 0)
        unlink(path);
    close(fd);
}

int dbguard_detached_read(const char *db, char *out, size_t n)
{
    char path[700];
    detached_path(db, path, sizeof path);
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t r = read(fd, out, n - 1);
    close(fd);
    out[r > 0 ? r : 0] = '\0';
    out[strcspn(out, "\n")] = '\0';
    return 1;
}

void dbguard_detached_clear(const char *db)
{
    char path[700];
    detached_path(db, path, sizeof path);
    unlink(path);
}
