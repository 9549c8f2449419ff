/* The files under the open database: still the ones at its path?
 *
 * SQLite keeps its files open. Delete the -wal, or rename another file over
 * the database, and the open connection goes on writing into files no
 * later start will read: every booking confirmed from then on is gone
 * after the next restart. So the device and inode of the database, its
 * -wal and its -shm are noted once the connection has them open, and
 * compared with what the path names now before every write and before every
 * COMMIT (three stat calls). A difference is sticky: the handle refuses
 * every write until the program opens the database again. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "store_int.h"

static const char *const side[STORE_FILES] = {"", "-wal", "-shm"};
static const char *const side_name[STORE_FILES] = {"database file", "WAL (-wal)",
                                                   "shared-memory index (-shm)"};

void store_files_note(store_t *st)
{
    const char *db = st->db ? sqlite3_db_filename(st->db, "main") : NULL;
    if (st->memory || st->readonly || !db || !*db)
        return;
    /* A read makes SQLite open the -wal and -shm of a file just switched to WAL. */
    if (sql_int(st, st->name, NULL, "SELECT count(*) FROM sqlite_schema", NULL) < 0)
        return;
    for (int i = 0; i < STORE_FILES; i++) {
        char path[4200];
        struct stat sb;
        snprintf(path, sizeof path, "%s%s", db, side[i]);
        st->files[i].known = stat(path, &sb) == 0;
        st->files[i].dev = (unsigned long long)sb.st_dev;
        st->files[i].ino = (unsigned long long)sb.st_ino;
    }
}

int store_files_intact(store_t *st)
{
    if (!st)
        return 0;
    if (st->detached)
        return 0;
    const char *db = st->db ? sqlite3_db_filename(st->db, "main") : NULL;
    for (int i = 0; db && i < STORE_FILES; i++) {
        if (!st->files[i].known)
            continue;
        char path[4200];
        struct stat sb;
        snprintf(path, sizeof path, "%s%s", db, side[i]);
        int gone = stat(path, &sb) != 0, e = errno;
        if (!gone && (unsigned long long)sb.st_dev == st->files[i].dev &&
            (unsigned long long)sb.st_ino == st->files[i].ino)
            continue;
        st->detached = 1;
        snprintf(st->detached_msg, sizeof st->detached_msg,
                 "%.200s: the %s was %s while open; what is written now would be lost at the next "
                 "start, so every write is refused until the database is opened again",
                 st->name, side_name[i],
                 gone ? (e == ENOENT ? "deleted or renamed away" : "made unreadable")
                      : "replaced by another file");
        break;
    }
    if (st->detached) {
        store_msg(st, "%s", st->detached_msg);
        return 0;
    }
    return 1;
}

int store_write_probe(store_t *st)
{
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return store_fail_readonly(st, "write probe");
    if (store_write_begin(st, "write probe"))
        return STORE_ERROR;
    store_rollback(st);
    store_msg(st, "%s", "");
    return STORE_OK;
}
