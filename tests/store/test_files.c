/* Issue 14 item 5: the files under an open database deleted or replaced.
 * A connection keeps writing into the files it has open; once the -wal is
 * deleted, or another file is renamed over the database, what it writes is
 * gone at the next start. The store must notice before it confirms a
 * booking, refuse every write from then on, and say why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../firmware/store/store.h"
#include "../lib/store_fixture.h"
#include "../unit/test.h"

#define SID "s2-20261201-1400"

static rules_t rules;

static store_t *fresh(const char *name)
{
    rules_defaults(&rules);
    char path[FX_PATH_MAX];
    fx_path(path, name);
    unlink(path);
    return fx_store(name, FX_CATALOG(20), "test.ini", fx_at("2026-11-30 08:00"), &rules);
}

static int book(store_t *st, const char *phone)
{
    char t[KIOSK_TICKET_SIZE];
    return store_book(st, SID, phone, 1, fx_at("2026-11-30 09:00"), &rules, fx_gen, NULL, t);
}

/* Bookings of SID in the file at name, as a new start would find them. */
static int bookings_after_restart(const char *name)
{
    sqlite3 *db = fx_raw_open(name, SQLITE_OPEN_READONLY);
    if (!db)
        return -1;
    int n = (int)fx_raw_int(db, "SELECT count(*) FROM bookings WHERE session_id = '" SID "'");
    sqlite3_close(db);
    return n;
}

/* name's side file (suffix "", "-wal", "-shm") into out. */
static void side(char out[FX_PATH_MAX], const char *name, const char *suffix)
{
    char file[64];
    snprintf(file, sizeof file, "%.40s%s", name, suffix);
    fx_path(out, file);
}

/* One case: two bookings, then what does to the files, then a third
 * booking, which must be refused with want in the message, and every later
 * write too; a restart finds the bookings it was told about and no other. */
static void refused_after(const char *name, void (*what)(const char *name), const char *want)
{
    store_t *st = fresh(name);
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(book(st, "13800000001"), STORE_OK);
    CHECK_INT(book(st, "13800000002"), STORE_OK);
    CHECK_INT(store_files_intact(st), 1);
    what(name);
    CHECK_INT(store_files_intact(st), 0);
    CHECK(strstr(store_errmsg(st), want) != NULL);
    CHECK(strstr(store_errmsg(st), "every write is refused") != NULL);
    CHECK_INT(book(st, "13800000003"), STORE_ERROR);
    CHECK(strstr(store_errmsg(st), want) != NULL);
    /* Sticky: every kind of write, and the probe the health check uses. */
    CHECK_INT(store_cancel(st, "AAAAAAAA", fx_at("2026-11-30 09:00")), STORE_ERROR);
    CHECK_INT(store_write_probe(st), STORE_ERROR);
    CHECK_INT(book(st, "13800000004"), STORE_ERROR);
    store_close(st);
}

static void delete_wal(const char *name)
{
    char p[FX_PATH_MAX];
    side(p, name, "-wal");
    CHECK_INT(unlink(p), 0);
}

static void delete_shm(const char *name)
{
    char p[FX_PATH_MAX];
    side(p, name, "-shm");
    CHECK_INT(unlink(p), 0);
}

static void delete_db(const char *name)
{
    char p[FX_PATH_MAX];
    side(p, name, "");
    CHECK_INT(unlink(p), 0);
}

/* A copy renamed over the database, as a careless restore does. */
static void replace_db(const char *name)
{
    char p[FX_PATH_MAX], copy[FX_PATH_MAX], cmd[3 * FX_PATH_MAX];
    side(p, name, "");
    side(copy, name, ".copy");
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", p, copy);
    CHECK_INT(system(cmd), 0);
    CHECK_INT(rename(copy, p), 0);
}

/* The -wal deleted: the bookings in it are gone at the next start, which
 * the kiosk cannot undo; it must not confirm any more of them. */
static void test_wal_deleted(void)
{
    refused_after("wal.db", delete_wal, "the WAL (-wal) was deleted");
    /* What a restart finds: the WAL and what it held are gone. The third
     * booking was never confirmed. */
    CHECK(bookings_after_restart("wal.db") < 3);
}

static void test_shm_deleted(void)
{
    refused_after("shm.db", delete_shm, "the shared-memory index (-shm) was deleted");
}

static void test_db_deleted(void)
{
    refused_after("del.db", delete_db, "the database file was deleted");
}

static void test_db_replaced(void)
{
    refused_after("repl.db", replace_db, "the database file was replaced by another file");
    CHECK(bookings_after_restart("repl.db") < 3);
}

/* The files are checked, not their contents: what SQLite and staff do to
 * a live database in the ordinary course is no alarm. */
static void test_no_false_alarm(void)
{
    store_t *st = fresh("ok.db");
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(book(st, "13800000001"), STORE_OK);
    /* A staff sqlite3 shell opens, reads, writes and closes. */
    sqlite3 *db = fx_raw_open("ok.db", SQLITE_OPEN_READWRITE);
    CHECK(db != NULL);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM bookings"), 1);
    CHECK_INT(sqlite3_exec(db, "UPDATE meta SET value = value WHERE 0", NULL, NULL, NULL),
              SQLITE_OK);
    sqlite3_close(db);
    CHECK_INT(book(st, "13800000002"), STORE_OK);
    /* The purge checkpoints and truncates the WAL: the same file. */
    CHECK(store_purge_phones(st, fx_at("2027-06-01 00:00"), 30) >= 0);
    CHECK_INT(book(st, "13800000003"), STORE_OK);
    char bak[FX_PATH_MAX];
    fx_path(bak, "ok-backup.db");
    CHECK_INT(store_backup(st, bak), STORE_OK);
    CHECK_INT(store_write_probe(st), STORE_OK);
    CHECK_INT(book(st, "13800000004"), STORE_OK);
    CHECK_INT(store_files_intact(st), 1);
    store_close(st);
    CHECK_INT(bookings_after_restart("ok.db"), 4);
    /* Opened again, the same files are in use: intact. */
    char p[FX_PATH_MAX];
    fx_path(p, "ok.db");
    st = NULL;
    CHECK_INT(store_open(p, 0, &st), STORE_OK);
    CHECK_INT(store_files_intact(st), 1);
    CHECK_INT(book(st, "13800000005"), STORE_OK);
    store_close(st);
}

/* A new handle on the files at the path is fine again: the check is of
 * the handle's own files, and opening anew is the remedy. */
static void test_reopen_heals(void)
{
    store_t *st = fresh("heal.db");
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(book(st, "13800000001"), STORE_OK);
    replace_db("heal.db");
    CHECK_INT(book(st, "13800000002"), STORE_ERROR);
    store_close(st);
    char p[FX_PATH_MAX];
    fx_path(p, "heal.db");
    st = NULL;
    CHECK_INT(store_open(p, 0, &st), STORE_OK);
    CHECK_INT(book(st, "13800000002"), STORE_OK);
    store_close(st);
    CHECK_INT(bookings_after_restart("heal.db"), 2);
}

/* The probe of the health check: a booking transaction can begin. */
static void test_write_probe(void)
{
    store_t *st = fresh("probe.db");
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(store_write_probe(st), STORE_OK);
    CHECK_STR(store_errmsg(st), "");
    store_close(st);
    char p[FX_PATH_MAX];
    fx_path(p, "probe.db");
    st = NULL;
    CHECK_INT(store_open(p, STORE_OPEN_READONLY, &st), STORE_OK);
    CHECK_INT(store_write_probe(st), STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "read-only") != NULL);
    store_close(st);
    st = NULL;
    CHECK_INT(store_open(NULL, STORE_OPEN_MEMORY, &st), STORE_OK);
    store_set_readonly(st);
    CHECK_INT(store_write_probe(st), STORE_ERROR);
    store_close(st);
}

int main(void)
{
    if (fx_dir_make("kiosk-files-test", 0))
        return 1;
    RUN(test_wal_deleted);
    RUN(test_shm_deleted);
    RUN(test_db_deleted);
    RUN(test_db_replaced);
    RUN(test_no_false_alarm);
    RUN(test_reopen_heals);
    RUN(test_write_probe);
    fx_dir_remove();
    TEST_EXIT();
}
