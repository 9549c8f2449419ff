/* The store shared with other processes, as on a kiosk: kioskctl booking
 * while the screen books, a staff member's sqlite3 shell left open inside a
 * read transaction, another writer holding the lock. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../../firmware/core/catalog.h"
#include "../../firmware/core/datetime.h"
#include "../../firmware/core/rules.h"
#include "../../firmware/store/store.h"
#include "../lib/store_fixture.h"
#include "../unit/test.h"

/* Eight 4-seat sessions a day for 14 days: 112 sessions to race for. */
static const char catalog_race[] = "[station]\n"
                                   "id = race\n"
                                   "name = 测试站\n"
                                   "[category c1]\n"
                                   "name = 养老服务\n"
                                   "[service race]\n"
                                   "category = c1\n"
                                   "name = 康养咨询\n"
                                   "name_en = Wellness\n"
                                   "description = 一对一健康咨询\n"
                                   "audience = 老人\n"
                                   "location = 一楼\n"
                                   "duration = 30\n"
                                   "schedule = Mon-Sun 09:00-09:30 4\n"
                                   "schedule = Mon-Sun 10:00-10:30 4\n"
                                   "schedule = Mon-Sun 11:00-11:30 4\n"
                                   "schedule = Mon-Sun 12:00-12:30 4\n"
                                   "schedule = Mon-Sun 13:00-13:30 4\n"
                                   "schedule = Mon-Sun 14:00-14:30 4\n"
                                   "schedule = Mon-Sun 15:00-15:30 4\n"
                                   "schedule = Mon-Sun 16:00-16:30 4\n";

#define CAPACITY 4
#define FIRST "race-20261130-0900"

static store_t *fresh(const char *name, rules_t *r)
{
    rules_defaults(r);
    /* Every attempt below uses a new phone; the limit is not under test. */
    r->max_active_per_phone = 1000;
    return fx_store(name, catalog_race, "race.ini", fx_at("2026-11-30 08:00"), r);
}

typedef struct session_ids {
    int n;
    char id[128][KIOSK_SESSION_ID_SIZE];
} session_ids_t;

static int take_id(void *ctx, const store_session_row_t *row)
{
    session_ids_t *s = ctx;
    if (s->n < 128)
        snprintf(s->id[s->n++], 64, "%s", row->session_id);
    return 0;
}

/* Both racers meet here before every session, so that they really go for
 * its last seats at the same time: each tells the other it is ready, then
 * waits for the other's word. */
static int meet(int tell_fd, int wait_fd)
{
    char c = 'x';
    return write(tell_fd, &c, 1) == 1 && read(wait_fd, &c, 1) == 1 ? 0 : -1;
}

/* One racer: for every session in turn, book parties of 2 and then 1 until
 * the session is full for a single person. Each success goes to the log as
 * "TICKET SESSION PARTY"; any error as "E message". Runs in a child and
 * never returns. */
static void racer(int proc, const session_ids_t *ids, int tell_fd, int wait_fd,
                  const char *log_path)
{
    char path[256];
    fx_path(path, "race.db");
    FILE *log = fopen(log_path, "w");
    if (!log)
        _exit(2);
    store_t *st = NULL;
    if (store_open(path, 0, &st) != STORE_OK) {
        fprintf(log, "E %s\n", store_errmsg(st));
        fclose(log);
        _exit(1);
    }
    rules_t r;
    rules_defaults(&r);
    r.max_active_per_phone = 1000;
    /* Codes that cannot collide between processes: a letter each. */
    fx_gen_t g = {proc ? 'B' : 'A', 0};
    long long now = fx_at("2026-11-30 08:00");
    int errors = 0, attempt = 0;
    for (int i = 0; i < ids->n && !errors; i++) {
        if (meet(tell_fd, wait_fd)) {
            fprintf(log, "E lost the other racer\n");
            errors++;
            break;
        }
        int party = 2;
        for (;;) {
            char phone[24], t[KIOSK_TICKET_SIZE];
            snprintf(phone, sizeof phone, "1%d8%08u", 3 + proc, (unsigned)attempt++ % 100000000u);
            int rc = store_book(st, ids->id[i], phone, party, now, &r, fx_gen, &g, t);
            if (rc == STORE_OK) {
                fprintf(log, "%s %s %d\n", t, ids->id[i], party);
                fflush(log);
            } else if (rc == RULES_FULL && party == 2) {
                party = 1;
            } else if (rc == RULES_FULL) {
                break;
            } else {
                fprintf(log, "E %d %s\n", rc, store_errmsg(st));
                errors++;
                break;
            }
        }
    }
    store_close(st);
    fclose(log);
    _exit(errors ? 1 : 0);
}

typedef struct booked {
    int n;
    char ticket[1024][KIOSK_TICKET_SIZE];
    char session[1024][KIOSK_SESSION_ID_SIZE];
    int party[1024];
} booked_t;

static void test_two_processes_never_overbook(void)
{
    rules_t r;
    store_t *st = fresh("race.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    session_ids_t *ids = calloc(1, sizeof *ids);
    booked_t *rep = calloc(1, sizeof *rep);
    if (!ids || !rep) {
        CHECK(0);
        free(ids);
        free(rep);
        store_close(st);
        return;
    }
    CHECK_INT(store_sessions(st, NULL, take_id, ids), STORE_OK);
    CHECK_INT(ids->n, 8 * 14);

    /* to[p]: the pipe racer p waits on. */
    int to[2][2];
    CHECK_INT(pipe(to[0]), 0);
    CHECK_INT(pipe(to[1]), 0);
    pid_t pid[2];
    char logs[2][256];
    for (int p = 0; p < 2; p++) {
        char name[32];
        snprintf(name, sizeof name, "racer%d.log", p);
        fx_path(logs[p], name);
        fflush(NULL);
        pid[p] = fork();
        if (pid[p] == 0) {
            close(to[p][1]);
            close(to[1 - p][0]);
            racer(p, ids, to[1 - p][1], to[p][0], logs[p]);
        }
        CHECK(pid[p] > 0);
    }
    /* The parent keeps no ends, so a racer that dies wakes the other with EOF. */
    for (int p = 0; p < 2; p++) {
        close(to[p][0]);
        close(to[p][1]);
    }
    for (int p = 0; p < 2; p++) {
        int status = 0;
        CHECK(pid[p] > 0 && waitpid(pid[p], &status, 0) == pid[p]);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }

    /* Every success a process reported is in the store, as reported. */
    int per_proc[2] = {0, 0};
    for (int p = 0; p < 2; p++) {
        FILE *f = fopen(logs[p], "r");
        CHECK(f != NULL);
        if (!f)
            continue;
        char line[256];
        while (fgets(line, sizeof line, f)) {
            if (line[0] == 'E') {
                fprintf(stderr, "racer %d: %s", p, line);
                CHECK(0);
                continue;
            }
            if (rep->n >= 1024)
                break;
            int k = rep->n;
            if (sscanf(line, "%8s %63s %d", rep->ticket[k], rep->session[k], &rep->party[k]) == 3) {
                rep->n++;
                per_proc[p]++;
            }
        }
        fclose(f);
    }
    for (int k = 0; k < rep->n; k++) {
        store_booking_row_t b;
        CHECK_INT(store_get_booking(st, rep->ticket[k], &b), STORE_OK);
        CHECK_STR(b.session_id, rep->session[k]);
        CHECK_INT(b.party, rep->party[k]);
        CHECK_STR(b.status, "booked");
    }

    /* No session holds more persons than seats; every seat went (each racer
     * stops only when one more person would not fit); and the store has no
     * booking that nobody reported. */
    sqlite3 *db = NULL;
    char path[256];
    fx_path(path, "race.db");
    CHECK_INT(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *s = NULL;
    CHECK_INT(sqlite3_prepare_v2(db,
                                 "SELECT s.id, s.capacity, (SELECT COALESCE(SUM(party), 0)"
                                 " FROM bookings b WHERE b.session_id = s.id"
                                 " AND b.status IN ('booked', 'checked_in')) FROM sessions s",
                                 -1, &s, NULL),
              SQLITE_OK);
    int sessions = 0, over = 0, underfull = 0;
    while (s && sqlite3_step(s) == SQLITE_ROW) {
        int cap = sqlite3_column_int(s, 1), persons = sqlite3_column_int(s, 2);
        sessions++;
        if (persons > cap) {
            fprintf(stderr, "overbooked: %s %d > %d\n", sqlite3_column_text(s, 0), persons, cap);
            over++;
        }
        if (persons < cap)
            underfull++;
    }
    sqlite3_finalize(s);
    CHECK_INT(sessions, ids->n);
    CHECK_INT(over, 0);
    CHECK_INT(underfull, 0);
    s = NULL;
    CHECK_INT(sqlite3_prepare_v2(db, "SELECT count(*), COALESCE(SUM(party), 0) FROM bookings", -1,
                                 &s, NULL),
              SQLITE_OK);
    if (s && sqlite3_step(s) == SQLITE_ROW) {
        CHECK_INT(sqlite3_column_int(s, 0), rep->n);
        CHECK_INT(sqlite3_column_int(s, 1), ids->n * CAPACITY);
    } else {
        CHECK(0);
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    /* Not a test of fairness, only that both really took part. */
    CHECK(per_proc[0] > 0 && per_proc[1] > 0);
    printf("# race: %d bookings, %d + %d\n", rep->n, per_proc[0], per_proc[1]);

    free(ids);
    free(rep);
    store_close(st);
}

static void test_open_reader_does_not_block_booking(void)
{
    rules_t r;
    store_t *st = fresh("reader.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    long long now = fx_at("2026-11-30 08:00");
    fx_gen_t g = {'R', 0};
    char t[KIOSK_TICKET_SIZE];
    CHECK_INT(store_book(st, FIRST, "13800000001", 1, now, &r, fx_gen, &g, t), STORE_OK);

    /* Like a staff member who typed BEGIN; SELECT ... and went for tea. */
    char path[256];
    fx_path(path, "reader.db");
    sqlite3 *db = NULL;
    CHECK_INT(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    CHECK_INT(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_stmt *count = NULL;
    CHECK_INT(sqlite3_prepare_v2(db, "SELECT count(*) FROM bookings", -1, &count, NULL), SQLITE_OK);
    CHECK_INT(sqlite3_step(count), SQLITE_ROW);
    CHECK_INT(sqlite3_column_int(count, 0), 1);
    sqlite3_reset(count);

    for (int i = 0; i < 3; i++) {
        char phone[24];
        snprintf(phone, sizeof phone, "1390000000%d", i);
        CHECK_INT(store_book(st, FIRST, phone, 1, now, &r, fx_gen, &g, t), STORE_OK);
    }
    CHECK_INT(store_book(st, FIRST, "13900000009", 1, now, &r, fx_gen, &g, t), RULES_FULL);
    CHECK_INT(store_cancel(st, t, now), RULES_NOT_FOUND);
    /* The reader still sees its snapshot; after COMMIT it sees the bookings. */
    CHECK_INT(sqlite3_step(count), SQLITE_ROW);
    CHECK_INT(sqlite3_column_int(count, 0), 1);
    sqlite3_reset(count);
    CHECK_INT(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    CHECK_INT(sqlite3_step(count), SQLITE_ROW);
    CHECK_INT(sqlite3_column_int(count, 0), 4);
    sqlite3_finalize(count);
    sqlite3_close(db);
    store_close(st);
}

/* Reads one line the shell printed; returns its integer, or -1 on EOF. */
static int shell_int(FILE *out)
{
    char line[128];
    if (!fgets(line, sizeof line, out))
        return -1;
    return atoi(line);
}

static void test_sqlite3_shell_reader(void)
{
    if (system("command -v sqlite3 >/dev/null 2>&1") != 0)
        SKIP("no sqlite3 binary in PATH (Debian package sqlite3); the in-process reader test still ran");
    rules_t r;
    store_t *st = fresh("shell.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    char path[256];
    fx_path(path, "shell.db");
    int to_shell[2], from_shell[2];
    CHECK_INT(pipe(to_shell), 0);
    CHECK_INT(pipe(from_shell), 0);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(to_shell[0], 0);
        dup2(from_shell[1], 1);
        close(to_shell[0]);
        close(to_shell[1]);
        close(from_shell[0]);
        close(from_shell[1]);
        execlp("sqlite3", "sqlite3", "-batch", path, (char *)NULL);
        _exit(127);
    }
    CHECK(pid > 0);
    close(to_shell[0]);
    close(from_shell[1]);
    FILE *in = fdopen(to_shell[1], "w");
    FILE *out = fdopen(from_shell[0], "r");
    if (!in || !out || pid <= 0) {
        CHECK(0);
        store_close(st);
        return;
    }
    long long now = fx_at("2026-11-30 08:00");
    fx_gen_t g = {'S', 0};
    char t[KIOSK_TICKET_SIZE];

    /* The shell answers each statement as it comes, so its first answer
     * means the read transaction is open. */
    fprintf(in, "BEGIN;\nSELECT count(*) FROM bookings;\n");
    fflush(in);
    CHECK_INT(shell_int(out), 0);
    CHECK_INT(store_book(st, FIRST, "13800000001", 2, now, &r, fx_gen, &g, t), STORE_OK);
    CHECK_INT(store_book(st, FIRST, "13800000002", 2, now, &r, fx_gen, &g, t), STORE_OK);
    CHECK_INT(store_checkin(st, t, now), STORE_OK);
    fprintf(in, "SELECT count(*) FROM bookings;\n");
    fflush(in);
    CHECK_INT(shell_int(out), 0);
    fprintf(in, "COMMIT;\nSELECT sum(party) FROM bookings;\n.quit\n");
    fflush(in);
    CHECK_INT(shell_int(out), 4);
    fclose(in);
    fclose(out);
    int status = 0;
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    store_close(st);
}

static void test_held_write_lock_gives_clear_error(void)
{
    rules_t r;
    store_t *st = fresh("locked.db", &r);
    CHECK(st != NULL);
    if (!st)
        return;
    char path[256];
    fx_path(path, "locked.db");
    sqlite3 *db = NULL;
    CHECK_INT(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    /* Someone else writing and not finishing: the booking waits out the
     * busy timeout, then fails cleanly instead of hanging the screen. */
    CHECK_INT(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    long long now = fx_at("2026-11-30 08:00");
    fx_gen_t g = {'L', 0};
    char t[KIOSK_TICKET_SIZE];
    CHECK_INT(store_book(st, FIRST, "13800000001", 1, now, &r, fx_gen, &g, t), STORE_ERROR);
    CHECK_STR(store_errmsg(st), "book: database is locked");
    /* Reading is not affected, and neither are the calls that have nothing
     * to write: opening an up-to-date file, refreshing sessions that already
     * reach the horizon. */
    store_booking_row_t b;
    CHECK_INT(store_get_booking(st, "NOTICKET", &b), RULES_NOT_FOUND);
    CHECK_INT(store_refresh_sessions(st, now + 60, &r), STORE_OK);
    store_t *other = NULL;
    CHECK_INT(store_open(path, 0, &other), STORE_OK);
    session_ids_t *ids = calloc(1, sizeof *ids);
    CHECK(ids != NULL);
    if (ids) {
        CHECK_INT(store_sessions(other, NULL, take_id, ids), STORE_OK);
        CHECK_INT(ids->n, 8 * 14);
        free(ids);
    }
    store_close(other);
    CHECK_INT(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    CHECK_INT(store_book(st, FIRST, "13800000001", 1, now, &r, fx_gen, &g, t), STORE_OK);
    store_close(st);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    if (fx_dir_make("kiosk-store-race", 0))
        return 1;
    RUN(test_two_processes_never_overbook);
    RUN(test_open_reader_does_not_block_booking);
    RUN(test_sqlite3_shell_reader);
    RUN(test_held_write_lock_gives_clear_error);
    fx_dir_remove();
    TEST_EXIT();
}
