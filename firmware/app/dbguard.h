/* The kiosk's database, kept usable whatever happened to it.
 *
 * dbguard_open opens the database and checks it (PRAGMA integrity_check).
 * Rows that point to rows deleted from the sqlite3 shell (foreign_key_check)
 * are no damage: the file stays, store_repair re-creates what is missing,
 * and msg says what was found and done. A damaged file is moved aside
 * (kiosk.db.corrupt-YYYYMMDD-HHMM, then -2, -3 ... within one minute: a
 * file set aside is never overwritten) and the
 * newest good daily backup is put in its place, or a new empty database
 * when there is none. A file that cannot be written is opened read-only:
 * residents still browse, bookings are refused. When no file can be used
 * at all, a temporary store in memory holds the catalog for browsing.
 *
 * dbguard_backup takes the daily backup: <backup_dir>/kiosk-YYYY-MM-DD.db,
 * only of a database that passes the check, keeping the newest few. */
#ifndef PLATFORM_DBGUARD_H
#define PLATFORM_DBGUARD_H

#include <stddef.h>

#include "../store/store.h"

typedef enum dbguard_mode {
    DBGUARD_OK,       /* opened and checked */
    DBGUARD_RESTORED, /* was damaged: restored from a backup */
    DBGUARD_FRESH,    /* was damaged, no good backup: started empty */
    DBGUARD_READONLY, /* cannot be written: browsing only */
    DBGUARD_MEMORY    /* cannot be used at all: browsing only, from memory */
} dbguard_mode_t;

/* 1 when bookings can be taken in this mode. */
int dbguard_writable(dbguard_mode_t mode);
const char *dbguard_mode_name(dbguard_mode_t mode);

/* <directory of db>/backup. out holds at least 600 bytes. */
void dbguard_backup_dir(const char *db, char *out, size_t n);

/* Always sets *out (even to a memory store) unless out of memory (-1).
 * msg says what was found and done, for the log. now names files. */
int dbguard_open(const char *db, long long now, store_t **out, dbguard_mode_t *mode, char *msg,
                 size_t msglen);

/* Today's backup when there is none yet. 1 taken, 0 already there, -1 with
 * msg (a database that fails its check is never backed up; checked says
 * the caller has just checked it, as dbguard_open does). Keeps the newest
 * keep backups; keep <= 0 deletes none (the clock is in doubt: a backup is
 * still taken, none is rotated away). "Newest" is by the date in the name,
 * except that a backup dated after now's day (made while the clock ran
 * ahead) counts as the oldest: it is rotated away first and restored last,
 * so a clock that came back is not outranked for ever. */
int dbguard_backup(store_t *st, const char *db, long long now, int keep, int checked, char *msg,
                   size_t msglen);

/* The note the kiosk leaves beside the database (<db>.detached) when the
 * files under its open connection were deleted or replaced
 * (store_files_intact), so that `kioskctl check`, another process, can
 * tell the technician the running kiosk has stopped booking and why. The
 * kiosk removes it when it opens the database anew at its next start. */
void dbguard_detached_write(const char *db, const char *text);
/* 1 with the note's first line in out (n > 0), or 0 when there is none. */
int dbguard_detached_read(const char *db, char *out, size_t n);
void dbguard_detached_clear(const char *db);

#endif
