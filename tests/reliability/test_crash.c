/* Power cuts and kills in the middle of bookings. A child process books and
 * cancels in a loop through firmware/store and reports each booking on a
 * pipe only after store_book() returned (COMMIT done); the parent kills it
 * at a random moment, reopens the database and checks: integrity_check ok,
 * every reported booking present (and booked, unless a cancel of it was
 * under way), every reported cancel cancelled, no session over capacity.
 *
 *   kill: SIGKILL from the parent at a random time, CRASH_ROUNDS rounds
 *         (default 200).
 *   vfs:  the child runs on tests/reliability/crashvfs.c and "loses power"
 *         at a random write or sync: unsynced sectors are kept, rolled back
 *         or torn; checkpoints are made frequent so that they are cut too.
 * CRASH_SEED picks another random sequence (default 1). Under ASan (make
 * test SANITIZE=1) 50 rounds of each by default: the plain suite runs the
 * 200, the sanitized one looks for memory errors on the way. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../../firmware/core/catalog.h"
#include "../../firmware/core/datetime.h"
#include "../../firmware/core/rules.h"
#include "../../firmware/store/store.h"
#include "../lib/store_fixture.h"
#include "../unit/test.h"
#include "crashvfs.h"

/* Six 3-seat sessions a day for 14 days: sessions fill up, so the capacity
 * check is under fire too. */
static const char catalog_crash[] = "[station]\n"
                                    "id = crash\n"
                                    "name = 测试站\n"
                                    "[category c1]\n"
                                    "name = 养老服务\n"
                                    "[service s1]\n"
                                    "category = c1\n"
                                    "name = 康养咨询\n"
                                    "name_en = Wellness\n"
                                    "description = 一对一健康咨询\n"
                                    "audience = 老人\n"
                                    "location = 一楼\n"
                                    "duration = 30\n"
                                    "schedule = Mon-Sun 09:00-09:30 3\n"
                                    "schedule = Mon-Sun 10:00-10:30 3\n"
                                    "schedule = Mon-Sun 11:00-11:30 3\n"
                                    "schedule = Mon-Sun 14:00-14:30 3\n"
                                    "schedule = Mon-Sun 15:00-15:30 3\n"
                                    "schedule = Mon-Sun 16:00-16:30 3\n";

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

#define NOW_TEXT "2026-11-30 08:00"
#define MAX_SESSIONS 128

static char db[FX_PATH_MAX];
static char sessions[MAX_SESSIONS][KIOSK_SESSION_ID_SIZE];
static int n_sessions;

static unsigned long long rnd_state;
static unsigned long long rnd(void)
{
    return crashvfs_rand(&rnd_state);
}

static void rules(rules_t *r)
{
    rules_defaults(r);
    r->max_active_per_phone = 1000; /* every attempt has its own phone anyway */
}

/* ---- what the children reported, over all rounds ---------------------------- */

enum { REPORTED_BOOKED, CANCEL_TRIED, REPORTED_CANCELLED };
typedef struct reported {
    char code[KIOSK_TICKET_SIZE];
    int state;
    int round; /* the last round that reported on it */
} reported_t;

static reported_t *rep;
static int n_rep, cap_rep;
static long total_booked, total_cancelled;
static int cur_round;

static reported_t *find_rep(const char *code)
{
    for (int i = n_rep - 1; i >= 0; i--)
        if (strcmp(rep[i].code, code) == 0)
            return &rep[i];
    return NULL;
}

/* One line of the child: "B CODE", "T CODE" (cancel about to start) or
 * "C CODE" (cancel committed). A torn last line is ignored. */
static void take_line(const char *line)
{
    if (strlen(line) != 2 + KIOSK_TICKET_LEN || line[1] != ' ')
        return;
    const char *code = line + 2;
    reported_t *r = find_rep(code);
    if (line[0] == 'B') {
        if (n_rep == cap_rep) {
            cap_rep = cap_rep ? cap_rep * 2 : 256;
            rep = realloc(rep, (size_t)cap_rep * sizeof *rep);
            if (!rep)
                abort();
        }
        r = &rep[n_rep++];
        memcpy(r->code, code, KIOSK_TICKET_SIZE);
        r->state = REPORTED_BOOKED;
        total_booked++;
    } else if (r && line[0] == 'T') {
        r->state = CANCEL_TRIED;
    } else if (r && line[0] == 'C') {
        r->state = REPORTED_CANCELLED;
        total_cancelled++;
    }
    if (r)
        r->round = cur_round;
}

static void read_reports(int fd)
{
    char buf[4096], line[64];
    size_t k = 0;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] == '\n') {
                line[k] = '\0';
                take_line(line);
                k = 0;
            } else if (k + 1 < sizeof line) {
                line[k++] = buf[i];
            }
        }
    }
}

/* ---- the child ------------------------------------------------------------------ */

static unsigned long long code_state;
static int gen_code(void *ctx, char out[KIOSK_TICKET_SIZE])
{
    (void)ctx;
    static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    unsigned long long v =
        (code_state = code_state * 6364136223846793005ULL + 1442695040888963407ULL);
    for (int i = 0; i < KIOSK_TICKET_LEN; i++, v >>= 5)
        out[i] = alphabet[(v >> 3) % 32];
    out[KIOSK_TICKET_LEN] = '\0';
    return 0;
}

static void say(int fd, char what, const char *code)
{
    char line[2 + KIOSK_TICKET_LEN + 1];
    line[0] = what;
    line[1] = ' ';
    memcpy(line + 2, code, KIOSK_TICKET_LEN);
    line[2 + KIOSK_TICKET_LEN] = '\n';
    if (write(fd, line, sizeof line) != (ssize_t)sizeof line)
        _exit(3);
}

typedef struct mine {
    char code[64][KIOSK_TICKET_SIZE];
    int n;
} mine_t;

static int take_booked(void *ctx, const store_booking_row_t *row)
{
    mine_t *m = ctx;
    if (m->n < 64)
        memcpy(m->code[m->n++], row->ticket, KIOSK_TICKET_SIZE);
    return m->n == 64;
}

/* Books (7 in 10) and cancels (3 in 10) until killed: its own bookings and
 * those of earlier rounds, so that the sessions stay close to full. Never
 * returns. */
static void booker(int fd, void *ctx)
{
    unsigned long long seed = *(const unsigned long long *)ctx;
    rnd_state = seed;
    code_state = seed * 2654435761ULL;
    store_t *st = NULL;
    if (store_open(db, 0, &st) != STORE_OK) {
        fprintf(stderr, "child: %s\n", store_errmsg(st));
        _exit(2);
    }
    rules_t r;
    rules(&r);
    long long now = fx_at(NOW_TEXT);
    mine_t m = {.n = 0};
    if (store_bookings(st, &(store_booking_filter_t){.status = "booked"}, take_booked, &m) !=
        STORE_OK)
        _exit(4);
    for (int i = 0; i < 100000; i++) {
        if (m.n && rnd() % 10 < 3) {
            int k = (int)(rnd() % (unsigned)m.n);
            say(fd, 'T', m.code[k]);
            int rc = store_cancel(st, m.code[k], now);
            if (rc == STORE_OK)
                say(fd, 'C', m.code[k]);
            else if (rc < 0)
                _exit(4);
            memcpy(m.code[k], m.code[--m.n], sizeof m.code[k]);
            continue;
        }
        char phone[KIOSK_PHONE_SIZE], t[KIOSK_TICKET_SIZE];
        snprintf(phone, sizeof phone, "139%08llu", rnd() % 100000000ULL);
        int rc = store_book(st, sessions[rnd() % (unsigned)n_sessions], phone, 1 + (int)(rnd() % 2),
                            now, &r, gen_code, NULL, t);
        if (rc == STORE_OK) {
            say(fd, 'B', t);
            if (m.n < 64)
                memcpy(m.code[m.n++], t, sizeof t);
        } else if (rc < 0) {
            fprintf(stderr, "child: %s\n", store_errmsg(st));
            _exit(4);
        }
    }
    store_close(st);
    _exit(0);
}

/* ---- the checks -------------------------------------------------------------------- */

static int count(sqlite3 *d, const char *sql)
{
    sqlite3_stmt *s;
    int n = -1;
    if (sqlite3_prepare_v2(d, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return n;
}

/* After a round: 0, or -1 with the reason printed. The bookings the round
 * reported on are looked up each time, all of them every 20 rounds. */
static int verify(int round, int all)
{
    store_t *st = NULL;
    char msg[512];
    if (store_open(db, 0, &st) != STORE_OK) {
        fprintf(stderr, "round %d: cannot reopen: %s\n", round, store_errmsg(st));
        store_close(st);
        return -1;
    }
    int bad = 0;
    if (store_check(st, msg, sizeof msg) != STORE_OK) {
        fprintf(stderr, "round %d: check: %s\n", round, msg);
        bad = 1;
    }
    for (int i = 0; i < n_rep && !bad; i++) {
        if (!all && rep[i].round != round)
            continue;
        store_booking_row_t row;
        int rc = store_get_booking(st, rep[i].code, &row);
        if (rc != STORE_OK) {
            fprintf(stderr, "round %d: reported booking %s is missing (%s)\n", round, rep[i].code,
                    store_errmsg(st));
            bad = 1;
            break;
        }
        int cancelled = strcmp(row.status, "cancelled") == 0;
        if ((rep[i].state == REPORTED_BOOKED && strcmp(row.status, "booked") != 0) ||
            (rep[i].state == REPORTED_CANCELLED && !cancelled) ||
            (rep[i].state == CANCEL_TRIED && !cancelled && strcmp(row.status, "booked") != 0)) {
            fprintf(stderr, "round %d: booking %s is %s, reported state %d\n", round, rep[i].code,
                    row.status, rep[i].state);
            bad = 1;
        }
    }
    store_close(st);
    sqlite3 *d;
    if (sqlite3_open_v2(db, &d, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fprintf(stderr, "round %d: sqlite3_open: %s\n", round, sqlite3_errmsg(d));
        bad = 1;
    } else {
        int over = count(d, "SELECT count(*) FROM sessions s WHERE s.capacity < "
                            "(SELECT coalesce(sum(party), 0) FROM bookings b "
                            " WHERE b.session_id = s.id AND b.status IN ('booked', 'checked_in'))");
        if (over != 0) {
            fprintf(stderr, "round %d: %d sessions over capacity\n", round, over);
            bad = 1;
        }
    }
    sqlite3_close(d);
    return bad ? -1 : 0;
}

/* ---- rounds ------------------------------------------------------------------------ */

static int env_int(const char *name, int def)
{
    const char *v = getenv(name);
    return v && atoi(v) > 0 ? atoi(v) : def;
}

static int take_session(void *ctx, const store_session_row_t *row)
{
    (void)ctx;
    if (n_sessions < MAX_SESSIONS)
        snprintf(sessions[n_sessions++], sizeof sessions[0], "%s", row->session_id);
    return 0;
}

static int fixture(const char *name)
{
    rules_t r;
    rules(&r);
    n_sessions = 0;
    n_rep = 0;
    total_booked = total_cancelled = 0;
    fx_path(db, name);
    store_t *st = fx_store(name, catalog_crash, "crash.ini", fx_at(NOW_TEXT), &r);
    int rc =
        !st || store_sessions(st, &(store_session_filter_t){0}, take_session, NULL) != STORE_OK;
    if (rc && st)
        fprintf(stderr, "fixture: %s\n", store_errmsg(st));
    store_close(st);
    return rc || n_sessions == 0 ? -1 : 0;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* How long a booker takes, on this machine, from its start to its first
 * booking (open the store, list its bookings, book one): in microseconds,
 * from 1 ms to 5 s. The SIGKILL rounds wait from half to four and a half
 * times this (at least 50 ms of spread) before the kill, so that most rounds are cut
 * after a booking whatever the machine: a fixed 0-50 ms was shorter than
 * that under qemu-arm (the armhf cross-test), where no round reported one. */
static unsigned first_booking_us(void)
{
    rules_t r;
    rules(&r);
    char cal[FX_PATH_MAX];
    fx_path(cal, "cal.db");
    store_t *st = fx_store("cal.db", catalog_crash, "crash.ini", fx_at(NOW_TEXT), &r);
    if (!st)
        return 50000;
    store_close(st);
    st = NULL;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    if (store_open(cal, 0, &st) == STORE_OK) {
        mine_t m = {.n = 0};
        char t[KIOSK_TICKET_SIZE];
        (void)store_bookings(st, &(store_booking_filter_t){.status = "booked"}, take_booked, &m);
        (void)store_book(st, sessions[0], "13900000000", 1, fx_at(NOW_TEXT), &r, gen_code, NULL, t);
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    store_close(st);
    long long us = (b.tv_sec - a.tv_sec) * 1000000LL + (b.tv_nsec - a.tv_nsec) / 1000;
    return us < 1000 ? 1000 : us > 5000000 ? 5000000 : (unsigned)us;
}

/* Runs the rounds; power = 0: SIGKILL from outside, 1: cut by crashvfs. */
static void rounds(int power)
{
    int n = env_int("CRASH_ROUNDS", UNDER_ASAN ? 50 : 200);
    unsigned long long seed = (unsigned long long)env_int("CRASH_SEED", 1);
    rnd_state = seed * 0x9e3779b97f4a7c15ULL + (unsigned long long)power;
    CHECK(fixture(power ? "power.db" : "kill.db") == 0);
    if (test_cur_failed)
        return;
    unsigned first = power ? 0 : first_booking_us();
    unsigned span = first * 4 > 50000 ? first * 4 : 50000;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int done = 0, early = 0;
    for (int round = 1; round <= n && !test_cur_failed; round++) {
        cur_round = round;
        unsigned long long child_seed = rnd() | 1;
        unsigned long cut = 1 + (unsigned long)(rnd() % 400);
        unsigned delay = power ? (unsigned)(rnd() % 50000) : first / 2 + (unsigned)(rnd() % span);
        int status;
        int rfd = crashvfs_round(power, cut, child_seed, delay, booker, &child_seed, &status);
        CHECK(rfd >= 0);
        if (rfd < 0)
            break;
        read_reports(rfd);
        close(rfd);
        if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
            /* Killed before it started, or it failed on its own. */
            if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
                fprintf(stderr, "round %d: the child failed (exit %d)\n", round,
                        WEXITSTATUS(status));
                CHECK(0);
            }
            early++;
        }
        if (getenv("CRASH_VERBOSE"))
            fprintf(stderr, "round %d: ops %lu delay %u status %d\n", round, cut, (unsigned)delay,
                    status);
        CHECK(verify(round, round % 20 == 0 || round == n) == 0);
        done++;
    }
    printf("# %s: %d rounds (%d ended otherwise) in %.1f s; %ld bookings and %ld cancels "
           "reported, all found; seed %llu\n",
           power ? "power cuts (crash VFS)" : "SIGKILL", done, early, seconds_since(&t0),
           total_booked, total_cancelled, seed);
    if (!power)
        printf("# a booker's first booking came %.1f ms after its start\n", first / 1000.0);
    CHECK(done == n);
    CHECK(total_booked > 0);
}

/* The simulator has teeth: without syncs (synchronous = OFF) rows that
 * SQLite had reported as committed are lost at a cut. */
static void test_power_cut_loses_unsynced(void)
{
    char path[FX_PATH_MAX];
    fx_path(path, "teeth.db");
    int reported = 0, lost = 0;
    for (int round = 0; round < 20; round++) {
        int fds[2];
        CHECK(pipe(fds) == 0);
        fflush(NULL);
        pid_t pid = fork();
        if (pid == 0) {
            close(fds[0]);
            sqlite3 *d;
            if (crashvfs_install(40 + (unsigned long)round * 7, (unsigned long long)round + 1) ||
                sqlite3_open(path, &d) != SQLITE_OK ||
                sqlite3_exec(d,
                             "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;"
                             "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v BLOB)",
                             NULL, NULL, NULL) != SQLITE_OK)
                _exit(5);
            for (int i = 0; i < 100000; i++) {
                char sql[128];
                snprintf(sql, sizeof sql, "INSERT INTO t (v) VALUES (randomblob(600))");
                if (sqlite3_exec(d, sql, NULL, NULL, NULL) != SQLITE_OK)
                    _exit(6);
                long long id = sqlite3_last_insert_rowid(d);
                if (write(fds[1], &id, sizeof id) != (ssize_t)sizeof id)
                    _exit(7);
            }
            _exit(0);
        }
        close(fds[1]);
        waitpid(pid, NULL, 0);
        long long id, last = 0;
        while (read(fds[0], &id, sizeof id) == (ssize_t)sizeof id)
            last = id;
        close(fds[0]);
        sqlite3 *d;
        CHECK(sqlite3_open(path, &d) == SQLITE_OK);
        int have = count(d, "SELECT coalesce(max(id), 0) FROM t");
        reported++;
        lost += have < last;
        sqlite3_close(d);
    }
    printf("# synchronous = OFF under the crash VFS: committed rows lost in %d of %d cuts\n", lost,
           reported);
    CHECK(lost > 0);
}

static void test_sigkill_rounds(void)
{
    rounds(0);
}

static void test_power_cut_rounds(void)
{
    rounds(1);
}

int main(void)
{
    /* Durability comes from the simulator's model, not the disk: a RAM disk
     * when there is one keeps the rounds fast. */
    if (fx_dir_make("kiosk-crash", 1))
        return 1;
    RUN(test_power_cut_loses_unsynced);
    RUN(test_sigkill_rounds);
    RUN(test_power_cut_rounds);
    fx_dir_remove();
    TEST_EXIT();
}
