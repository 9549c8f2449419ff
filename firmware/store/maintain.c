/* The store's maintenance: the purge of old phone numbers, the integrity
 * check and its repair of inconsistencies, and the online backup (with its
 * refusal of targets that are the live database's own files). Moved out of
 * store.c, which keeps the handle and the everyday work. */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/datetime.h"
#include "store_int.h"

/* ---- Maintenance ----------------------------------------------------------------- */

int store_purge_phones(store_t *st, long long now, int retention_days)
{
    const char *what = "purge phones";
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return store_fail_readonly(st, what);
    if (retention_days < 0) {
        store_msg(st, "%s: retention must not be negative", what);
        return STORE_ERROR;
    }
    /* Nothing is cleared for good on a clock that is not believed. */
    store_clock_t ck;
    if (store_clock_check(st, now, retention_days, &ck))
        return STORE_ERROR;
    if (ck.verdict != CLOCKMARK_BELIEVED) {
        char why[400];
        clockmark_describe(ck.verdict, now, ck.mark, why, sizeof why);
        store_msg(st, "%s: refused: %s", what, why);
        return STORE_ERROR;
    }
    char now_text[17], limit[17];
    dt_format_stamp(now, now_text);
    dt_format_stamp(now - (long long)retention_days * 1440, limit);
    if (store_write_begin(st, what))
        return STORE_ERROR;
    int n = sql_exec(st, what,
                     "UPDATE bookings SET phone = NULL, for_label = NULL, updated_at = ?2"
                     " WHERE (phone IS NOT NULL OR for_label IS NOT NULL) AND session_id IN"
                     " (SELECT id FROM sessions WHERE date || ' ' || end < ?1)",
                     "ss", limit, now_text);
    /* t (issue 20): an enrolment keeps the phone and label only while one
     * of its bookings does (its last class within the retention). */
    if (n >= 0 && sql_exec(st, what,
                           "UPDATE enrolments SET phone = NULL, for_label = NULL, updated_at = ?1"
                           " WHERE (phone IS NOT NULL OR for_label IS NOT NULL) AND NOT EXISTS"
                           " (SELECT 1 FROM bookings b WHERE b.enrolment = enrolments.id AND"
                           " (b.phone IS NOT NULL OR b.for_label IS NOT NULL))",
                           "s", now_text) < 0)
        n = -1;
    /* i20wait: the waitlist's numbers go with the bookings'. */
    int w = n < 0 ? -1
                  : sql_exec(st, what,
                             "UPDATE waitlist SET phone = NULL, for_label = NULL, updated_at = ?2"
                             " WHERE (phone IS NOT NULL OR for_label IS NOT NULL)"
                             " AND target_kind = 'session' AND target_id IN"
                             " (SELECT id FROM sessions WHERE date || ' ' || end < ?1)",
                             "ss", limit, now_text);
    if (w > 0)
        n += w;
    if (store_write_end(st, what, n < 0 || w < 0 ? STORE_ERROR : STORE_OK))
        return STORE_ERROR;
    /* The WAL's older frames still hold the numbers: copy the new pages
     * back and empty it. Best effort: a staff shell reading at this moment
     * keeps the frames until the next purge, and the purge is not undone. */
    if (n > 0 && !st->memory)
        sqlite3_exec(st->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    return n;
}

int store_check(store_t *st, char *msg, size_t msglen)
{
    const char *what = "check";
    char local[512];
    if (!msg || msglen == 0) {
        msg = local;
        msglen = sizeof local;
    }
    msg[0] = '\0';
    if (!st) {
        snprintf(msg, msglen, "no database");
        return STORE_ERROR;
    }
    sqlite3_stmt *s = sql_prepare(st, what, "PRAGMA integrity_check(20)", NULL);
    if (!s)
        goto db_error;
    int rc, problems = 0;
    size_t len = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *line = (const char *)sqlite3_column_text(s, 0);
        if (line && strcmp(line, "ok") == 0)
            continue;
        problems++;
        if (len < msglen)
            len += (size_t)snprintf(msg + len, msglen - len, "%s%s", len ? "; " : "",
                                    line ? line : "?");
    }
    if (rc != SQLITE_DONE)
        store_fail_db(st, what); /* while the statement still holds the error */
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        goto db_error;
    if (problems) {
        store_msg(st, "%s: %s", what, msg);
        return STORE_ERROR;
    }

    int v;
    if (store_user_version(st, &v))
        goto db_error;
    if (v < STORE_SCHEMA_VERSION || !store_newer_compatible(st, v)) {
        snprintf(msg, msglen, "schema version %d, this build expects %d", v, STORE_SCHEMA_VERSION);
        store_msg(st, "%s: %s", what, msg);
        return STORE_ERROR;
    }

    /* Last, and apart: a row pointing to a row that is gone (deleted from
     * the sqlite3 shell, which runs without foreign keys) is no damage.
     * Restoring a backup for it would lose the day's bookings. */
    s = sql_prepare(st, what, "PRAGMA foreign_key_check", NULL);
    if (!s)
        goto db_error;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        /* table, rowid, referenced table, fk index */
        const char *table = (const char *)sqlite3_column_text(s, 0);
        const char *parent = (const char *)sqlite3_column_text(s, 2);
        if (problems++ == 0)
            snprintf(msg, msglen,
                     "inconsistent (not damaged): %s row %lld points to a missing row of %s",
                     table ? table : "?", sqlite3_column_int64(s, 1), parent ? parent : "?");
    }
    if (rc != SQLITE_DONE)
        store_fail_db(st, what);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        goto db_error;
    if (problems) {
        if (problems > 1) {
            size_t l = strlen(msg);
            snprintf(msg + l, msglen - l, " (and %d more)", problems - 1);
        }
        store_msg(st, "%s: %s", what, msg);
        return STORE_INCONSISTENT;
    }
    if (v > STORE_SCHEMA_VERSION)
        snprintf(msg, msglen,
                 "ok, schema version %d (newer than this build's %d, and compatible with it)", v,
                 STORE_SCHEMA_VERSION);
    else
        snprintf(msg, msglen, "ok, schema version %d", v);
    store_msg(st, "%s", "");
    return STORE_OK;
db_error:
    snprintf(msg, msglen, "%s", st->msg);
    return STORE_ERROR;
}

/* The repair's steps, parents first so that every insert meets the
 * foreign keys it is checked against. A booking whose session is gone is
 * the case that matters (a row deleted from the shell); its outbox events
 * carry the session as it was (service, date, times, capacity), so the
 * session comes back as it was, closed to new bookings: staff deleted it
 * on purpose or by mistake, and either way the people booked into it keep
 * their bookings and can check in, while nobody new books into a session
 * the catalog may no longer hold. */
#define MISSING_SESSIONS                                                                           \
    "SELECT b.session_id FROM bookings b"                                                          \
    " WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = b.session_id)"
#define MISSING_SERVICES                                                                           \
    "SELECT need FROM (SELECT s.service_id AS need FROM sessions s UNION"                          \
    " SELECT o.service_id FROM outbox o WHERE o.session_id IN (" MISSING_SESSIONS "))"             \
    " WHERE NOT EXISTS (SELECT 1 FROM services v WHERE v.id = need)"
/* The newest outbox row of each value of a column. */
#define NEWEST(col) "o.seq IN (SELECT max(seq) FROM outbox GROUP BY " col ")"

static const struct repair_step {
    const char *what; /* "session" ... for the message */
    const char *sql;
} repair_steps[] = {
    {"categor",
     "INSERT INTO categories (id, name_zh, name_en, sort, active)"
     " SELECT DISTINCT cat, cat, cat, 9999, 0 FROM ("
     "  SELECT v.category_id AS cat FROM services v UNION"
     "  SELECT o.category_id FROM outbox o WHERE " NEWEST(
         "service_id") "  AND o.service_id IN (" MISSING_SERVICES "))"
                       " WHERE NOT EXISTS (SELECT 1 FROM categories c WHERE c.id = cat)"},
    {"service",
     "INSERT INTO services (id, category_id, name_zh, name_en, sort, active)"
     " SELECT o.service_id, o.category_id, o.service_name, o.service_name, 9999, 0"
     " FROM outbox o WHERE " NEWEST(
         "service_id") " AND o.service_id IN (" MISSING_SERVICES ")"
                       " AND EXISTS (SELECT 1 FROM categories c WHERE c.id = o.category_id)"},
    {"session",
     "INSERT INTO sessions (id, service_id, date, start, end, capacity, state)"
     " SELECT o.session_id, o.service_id, o.date, o.start, o.end, o.capacity, 'closed'"
     " FROM outbox o WHERE " NEWEST(
         "session_id") " AND o.session_id IN (" MISSING_SESSIONS ")"
                       " AND EXISTS (SELECT 1 FROM services v WHERE v.id = o.service_id)"},
};

int store_repair(store_t *st, long long now, char *msg, size_t msglen)
{
    const char *what = "repair";
    char local[512];
    if (!msg || msglen == 0) {
        msg = local;
        msglen = sizeof local;
    }
    msg[0] = '\0';
    char now_text[17];
    if (!st || store_write_at(st, what, now, now_text))
        return STORE_ERROR;
    int made[3] = {0, 0, 0}, total = 0, rc = STORE_ERROR;
    for (int i = 0; i < 3; i++) {
        int n = sql_exec(st, what, repair_steps[i].sql, NULL);
        if (n < 0)
            goto done;
        made[i] = n;
        total += n;
    }
    long long left = 0;
    if (sql_int(st, what, &left, "SELECT count(*) FROM pragma_foreign_key_check", NULL) < 0)
        goto done;
    snprintf(msg, msglen,
             "re-created %d session%s (closed to new bookings), %d service%s and %d categor%s "
             "(inactive) from the outbox; every booking kept",
             made[2], made[2] == 1 ? "" : "s", made[1], made[1] == 1 ? "" : "s", made[0],
             made[0] == 1 ? "y" : "ies");
    if (left > 0) {
        size_t l = strlen(msg);
        snprintf(msg + l, msglen - l, "; %lld row%s still point%s to missing rows", left,
                 left == 1 ? "" : "s", left == 1 ? "s" : "");
    }
    rc = total == 0 ? STORE_OK
                    : store_audit_insert(st, what, "", "repair", NULL, NULL, msg, now_text);
done:
    if (total == 0 && rc == STORE_OK) {
        store_rollback(st); /* nothing to keep, nothing to audit */
        store_msg(st, "%s", "");
        return 0;
    }
    if (store_write_done(st, what, rc))
        return STORE_ERROR;
    return total;
}

/* Makes the rename itself survive a power cut. */
static void sync_dir_of(const char *path)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* path made absolute with its directory's links and ".." resolved; the last
 * name as given, so a file that does not exist yet (a -journal) compares
 * too. 0, or -1 when the directory does not resolve. */
static int canonical_path(const char *path, char *out, size_t n)
{
    char dir[PATH_MAX], real[PATH_MAX];
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    if (!realpath(dir, real))
        return -1;
    /* A last name that is itself a link resolves to what it names. */
    char full[PATH_MAX + 260], target[PATH_MAX];
    snprintf(full, sizeof full, "%s/%s", strcmp(real, "/") ? real : "", base);
    if (realpath(full, target)) {
        snprintf(out, n, "%s", target);
        return 0;
    }
    snprintf(out, n, "%s", full);
    return 0;
}

int store_is_own_file(store_t *st, const char *path)
{
    const char *db = st && st->db ? sqlite3_db_filename(st->db, "main") : NULL;
    if (!db || !*db || !path || !*path)
        return 0;
    char want[PATH_MAX + 260];
    int have_want = canonical_path(path, want, sizeof want) == 0;
    struct stat ps;
    int have_ps = stat(path, &ps) == 0;
    static const char *const side[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof side / sizeof *side; i++) {
        char name[PATH_MAX + 16], canon[PATH_MAX + 260];
        snprintf(name, sizeof name, "%s%s", db, side[i]);
        if (have_want && canonical_path(name, canon, sizeof canon) == 0 && strcmp(canon, want) == 0)
            return 1;
        struct stat ns;
        if (have_ps && stat(name, &ns) == 0 && ns.st_dev == ps.st_dev && ns.st_ino == ps.st_ino)
            return 1;
    }
    return 0;
}

/* Removes the private directory of a backup and what SQLite left in it. */
static void backup_dir_remove(const char *dir, const char *base)
{
    static const char *const side[] = {"", "-journal", "-wal", "-shm"};
    for (size_t i = 0; i < sizeof side / sizeof *side; i++) {
        char p[PATH_MAX + 300];
        snprintf(p, sizeof p, "%s/%s%s", dir, base, side[i]);
        unlink(p);
    }
    rmdir(dir);
}

/* What is under path: 0 when absent or a regular file a backup may
 * replace; STORE_ERROR with the reason in st's message otherwise. */
static int backup_target_ok(store_t *st, const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0) {
        if (errno == ENOENT)
            return 0;
        store_msg(st, "backup: %s: %s", path, strerror(errno));
        return STORE_ERROR;
    }
    if (S_ISLNK(sb.st_mode)) {
        store_msg(st,
                  "backup: %s is a symbolic link: not written (a link is never followed here; "
                  "remove it or choose another name)",
                  path);
        return STORE_ERROR;
    }
    if (!S_ISREG(sb.st_mode)) {
        store_msg(st, "backup: %s is not a regular file: not written", path);
        return STORE_ERROR;
    }
    return 0;
}

int store_backup(store_t *st, const char *path)
{
    const char *what = "backup";
    if (!st)
        return STORE_ERROR;
    if (!path || !*path) {
        store_msg(st, "%s: no file given", what);
        return STORE_ERROR;
    }
    /* Copied over the live database (or beside it as its WAL or journal),
     * every booking made after the copy would be lost. */
    if (store_is_own_file(st, path)) {
        store_msg(st, "%s: %s is the live database (or its WAL or journal): refused", what, path);
        return STORE_ERROR;
    }
    if (backup_target_ok(st, path))
        return STORE_ERROR;
    /* The copy is made in a new private directory beside the target (made
     * by mkdtemp, so nothing planted there in advance): SQLite creates its
     * journal, WAL and shared memory files with O_CREAT and would follow a
     * link planted under one of those names. Renamed from there when
     * complete, so a power cut or a full stick leaves only the directory. */
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char dir[PATH_MAX], tmp[PATH_MAX + 300];
    if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
        store_msg(st, "%s: %s: not a file name", what, path);
        return STORE_ERROR;
    }
    if ((size_t)snprintf(dir, sizeof dir, "%.*s.%s.tmp-XXXXXX", slash ? (int)(slash - path + 1) : 0,
                         path, base) >= sizeof dir) {
        store_msg(st, "%s: path too long", what);
        return STORE_ERROR;
    }
    if (!mkdtemp(dir)) {
        store_msg(st, "%s: cannot create a temporary directory beside %s: %s", what, path,
                  strerror(errno));
        return STORE_ERROR;
    }
    snprintf(tmp, sizeof tmp, "%s/%s", dir, base);
    sqlite3 *dst = NULL;
    int rc = sqlite3_open_v2(
        tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW, NULL);
    if (rc != SQLITE_OK) {
        int sys = dst ? sqlite3_system_errno(dst) : 0;
        store_msg(st, "%s: cannot create %s: %s%s%s%s", what, tmp,
                  dst ? sqlite3_errmsg(dst) : "out of memory", sys ? " (" : "",
                  sys ? strerror(sys) : "", sys ? ")" : "");
        goto fail;
    }
    sqlite3_busy_timeout(dst, BUSY_TIMEOUT_MS);
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", st->db, "main");
    if (!b) {
        store_msg(st, "%s: %s", what, sqlite3_errmsg(dst));
        goto fail;
    }
    /* One step copies everything under one read snapshot; in WAL mode that
     * does not hold up the kiosk's writes. */
    /* A writer holding the lock for long is waited for, but not forever:
     * about 30 s, then the backup says so instead of hanging. */
    for (int tries = 0;
         ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) && tries < 600;
         tries++)
        sqlite3_sleep(50);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        int sys = sqlite3_system_errno(dst);
        store_msg(st, "%s: writing %s: %s%s%s%s", what, tmp, sqlite3_errstr(rc), sys ? " (" : "",
                  sys ? strerror(sys) : "", sys ? ")" : "");
        goto fail;
    }
    /* The copy keeps the WAL flag of the source; a backup is one
     * self-contained file, so it goes back to a rollback journal. */
    if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
        store_msg(st, "%s: finishing %s: %s", what, tmp, sqlite3_errmsg(dst));
        goto fail;
    }
    if (sqlite3_close(dst) != SQLITE_OK) {
        store_msg(st, "%s: closing %s: %s", what, tmp, sqlite3_errmsg(dst));
        sqlite3_close_v2(dst);
        dst = NULL;
        goto fail;
    }
    dst = NULL;
    /* Checked again: the target may have changed while the copy was made. */
    if (backup_target_ok(st, path) || store_is_own_file(st, path)) {
        if (store_is_own_file(st, path))
            store_msg(st, "%s: %s is the live database (or its WAL or journal): refused", what,
                      path);
        goto fail;
    }
    if (rename(tmp, path) != 0) {
        store_msg(st, "%s: cannot rename %s to %s: %s", what, tmp, path, strerror(errno));
        goto fail;
    }
    backup_dir_remove(dir, base);
    sync_dir_of(path);
    store_msg(st, "%s", "");
    return STORE_OK;
fail:
    sqlite3_close_v2(dst);
    backup_dir_remove(dir, base);
    return STORE_ERROR;
}

int store_pragma(store_t *st, const char *name, char *out, size_t outlen)
{
    /* PRAGMA takes no bound parameters, so the name must be one of ours. */
    static const char *const allowed[] = {"journal_mode", "synchronous",  "foreign_keys",
                                          "busy_timeout", "user_version", "query_only",
                                          "secure_delete"};
    const char *what = "pragma";
    if (out && outlen)
        out[0] = '\0';
    if (!st)
        return STORE_ERROR;
    const char *pick = NULL;
    for (size_t i = 0; name && i < sizeof allowed / sizeof allowed[0]; i++)
        if (strcmp(name, allowed[i]) == 0)
            pick = allowed[i];
    if (!pick) {
        store_msg(st, "%s: unknown setting %s", what, name ? name : "(null)");
        return STORE_ERROR;
    }
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA %s", pick);
    sqlite3_stmt *s = sql_prepare(st, what, sql, NULL);
    if (!s)
        return STORE_ERROR;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        if (rc == SQLITE_DONE)
            store_msg(st, "%s: %s gave no value", what, pick);
        else
            store_fail_db(st, what);
        sqlite3_finalize(s);
        return STORE_ERROR;
    }
    if (out && outlen) {
        const char *v = (const char *)sqlite3_column_text(s, 0);
        snprintf(out, outlen, "%s", v ? v : "");
    }
    sqlite3_finalize(s);
    return STORE_OK;
}

int store_data_version(store_t *st, long long *out)
{
    /* PRAGMA data_version: moves when another connection commits to the
     * file; a cheap read of the WAL index, no transaction left open. */
    const char *what = "data version";
    if (!st || !out)
        return STORE_ERROR;
    sqlite3_stmt *s = sql_prepare(st, what, "PRAGMA data_version", NULL);
    if (!s)
        return STORE_ERROR;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(s, 0);
    else
        store_fail_db(st, what);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? STORE_OK : STORE_ERROR;
}
