/* store_bench: bookings per second through the store (store_book: rules,
 * capacity, ticket code, one durable transaction each) against a raw SQLite
 * loop with the same pragmas (WAL, synchronous=FULL, foreign keys, one
 * BEGIN IMMEDIATE ... COMMIT of one INSERT per booking), in the same run on
 * the same disk.
 *   store_bench DIR N [store|raw|both]
 *   store_bench DIR N latency FROM
 * Only the N bookings are timed, not opening or importing the catalog; the
 * two alternate in rounds of N/10, so a busy disk slows both alike.
 * Prints "NAME VALUE UNIT" lines. With N = 0 it only sets up, which lets
 * tools/bench.sh subtract the set-up's fsyncs under strace.
 * latency: bookings FROM to FROM+N-1 into DIR/store.db as it is (made by
 * an earlier `store_bench DIR 0 store`, perhaps open in the console
 * meanwhile), one every LATENCY_GAP_MS as a kiosk's come, one line per
 * booking: its time in ms (tools/bench.sh: a booking at the kiosk's store
 * while the console is hammered).
 *   store_bench DIR N queue CALLS
 * queue: the walk-in queue (issue 19) on a new DIR/queue.db with the lines
 * of the demo catalog (assets/catalog/demo.ini, read from the current
 * directory as tools/bench.sh runs it): N numbers taken round the lines,
 * then CALLS of them called, to counters 1..99 in turn, paced as latency's
 * bookings; one line per step, "take MS" or "call MS". A counter that
 * called before first marks its resident a no-show (untimed, and paced
 * too), so with
 * CALLS <= 99 the run makes takes and calls only (the fsync counts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "../../firmware/core/catalog.h"
#include "../../firmware/core/datetime.h"
#include "../../firmware/core/queue.h"
#include "../../firmware/core/rules.h"
#include "../../firmware/platform/config.h"
#include "../../firmware/store/store.h"
#include "../../firmware/ticket/code.h"
#include "../lib/store_fixture.h"

/* One service with eight hourly sessions a day of 20 seats: bookings spread
 * over the horizon's sessions as a busy station's would. */
static const char catalog_head[] =
    "[station]\nid = bench\nname = 基准测试站\n[category c]\nname = 养老服务\n"
    "[service s]\ncategory = c\nname = 康养咨询\nname_en = Wellness\ndescription = 咨询\n"
    "audience = 老人\nlocation = 一楼\nduration = 60\n";
static const int hours[8] = {8, 9, 10, 11, 13, 14, 15, 16};

static void make_catalog(char *out, size_t n)
{
    size_t k = (size_t)snprintf(out, n, "%s", catalog_head);
    for (int i = 0; i < 8 && k < n; i++)
        k += (size_t)snprintf(out + k, n - k, "schedule = Mon-Sun %02d:00-%02d:00 20\n", hours[i],
                              hours[i] + 1);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "store_bench: %s: %s\n", what, msg);
    exit(1);
}

/* Booking i: the session of day i/8 % 13 + 1 (tomorrow on), hour i%8; phone
 * 139 and i, so no phone reaches the per-phone limit. */
static void booking(int i, long long today, char sid[KIOSK_SESSION_ID_SIZE], char phone[KIOSK_PHONE_SIZE])
{
    dt_date_t d;
    int m;
    dt_from_stamp(today + (long long)(1 + i / 8 % 13) * 1440, &d, &m);
    snprintf(sid, 64, "s-%04d%02d%02d-%02d00", d.y, d.m, d.d, hours[i % 8]);
    snprintf(phone, 12, "139%08u", (unsigned)i % 100000000u);
}

typedef struct bench {
    store_t *st;
    rules_t rules;
    unsigned long long seed;
    sqlite3 *raw;
    sqlite3_stmt *ins;
    long long now;
    char now_text[17];
} bench_t;

static void open_store(bench_t *b, const char *dir)
{
    char path[FX_PATH_MAX], text[1024];
    if (fx_dir_use(dir))
        exit(2);
    fx_path(path, "store.db");
    remove(path);
    rules_defaults(&b->rules);
    make_catalog(text, sizeof text);
    if (!(b->st = fx_store("store.db", text, "bench.ini", b->now, &b->rules)))
        die(path, "no store with the bench catalog");
    b->seed = 1;
}

static void exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        die(sql, msg ? msg : "?");
}

static void open_raw(bench_t *b, const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/raw.db", dir);
    remove(path);
    if (sqlite3_open(path, &b->raw) != SQLITE_OK)
        die(path, sqlite3_errmsg(b->raw));
    exec(b->raw, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
                 "CREATE TABLE b (ticket TEXT PRIMARY KEY, session_id TEXT NOT NULL,"
                 " phone TEXT NOT NULL, party INTEGER NOT NULL, created_at TEXT NOT NULL)");
    if (sqlite3_prepare_v2(b->raw, "INSERT INTO b VALUES (?1, ?2, ?3, 1, ?4)", -1, &b->ins, NULL))
        die("prepare", sqlite3_errmsg(b->raw));
    dt_format_stamp(b->now, b->now_text);
}

/* Bookings [from, to) through the store; returns the seconds taken. */
static double book_store(bench_t *b, int from, int to)
{
    double t0 = now_s();
    for (int i = from; i < to; i++) {
        char sid[KIOSK_SESSION_ID_SIZE], phone[KIOSK_PHONE_SIZE], ticket[KIOSK_TICKET_SIZE];
        booking(i, b->now - b->now % 1440, sid, phone);
        if (store_book(b->st, sid, phone, 1, b->now, &b->rules, ticket_code_seeded, &b->seed,
                       ticket) != STORE_OK)
            die(sid, store_errmsg(b->st));
    }
    return now_s() - t0;
}

/* The same bookings as plain INSERTs, one transaction each. */
static double book_raw(bench_t *b, int from, int to)
{
    double t0 = now_s();
    for (int i = from; i < to; i++) {
        char sid[KIOSK_SESSION_ID_SIZE], phone[KIOSK_PHONE_SIZE], ticket[16];
        booking(i, b->now - b->now % 1440, sid, phone);
        snprintf(ticket, sizeof ticket, "T%07d", i);
        exec(b->raw, "BEGIN IMMEDIATE");
        sqlite3_bind_text(b->ins, 1, ticket, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(b->ins, 2, sid, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(b->ins, 3, phone, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(b->ins, 4, b->now_text, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(b->ins) != SQLITE_DONE)
            die("insert", sqlite3_errmsg(b->raw));
        sqlite3_reset(b->ins);
        exec(b->raw, "COMMIT");
    }
    return now_s() - t0;
}

#define LATENCY_GAP_MS 10

/* The pause after a timed step: one every LATENCY_GAP_MS, as a kiosk's come. */
static void pace(void)
{
    struct timespec gap = {0, LATENCY_GAP_MS * 1000000L};
    nanosleep(&gap, NULL);
}

/* Bookings [from, from + n) into the store already in dir, each timed. */
static int latency(bench_t *b, const char *dir, int from, int n)
{
    char path[FX_PATH_MAX];
    snprintf(path, sizeof path, "%s/store.db", dir);
    if (store_open(path, 0, &b->st) != STORE_OK)
        die(path, store_errmsg(b->st));
    rules_defaults(&b->rules);
    b->seed = (unsigned long long)from + 1;
    for (int i = from; i < from + n; i++) {
        double t = book_store(b, i, i + 1);
        printf("%.3f\n", t * 1e3);
        pace();
    }
    store_close(b->st);
    return 0;
}

#define QUEUE_CATALOG "assets/catalog/demo.ini"
#define QUEUE_COUNTERS 99

typedef struct lines {
    char id[8][QUEUE_LINE_ID_MAX];
    int n;
} lines_t;

static int add_line(void *ctx, const store_queue_line_row_t *row)
{
    lines_t *l = ctx;
    if (l->n < 8)
        snprintf(l->id[l->n++], QUEUE_LINE_ID_MAX, "%s", row->id);
    return 0;
}

/* The queue mode (see the top): n takes, then calls of them, each timed. */
static int queue(bench_t *b, const char *dir, int n, int calls)
{
    char path[FX_PATH_MAX], err[256], *text = NULL;
    catalog_t *cat = NULL;
    if (fx_dir_use(dir))
        exit(2);
    if (catalog_load_source(QUEUE_CATALOG, &cat, &text, err, sizeof err))
        die(QUEUE_CATALOG, err);
    catalog_destroy(cat);
    fx_path(path, "queue.db");
    remove(path);
    rules_defaults(&b->rules);
    if (!(b->st = fx_store("queue.db", text, QUEUE_CATALOG, b->now, &b->rules)))
        die(path, "no store with the demo catalog");
    free(text);
    config_t cfg;
    config_defaults(&cfg);
    lines_t lines = {.n = 0};
    if (store_queue_lines(b->st, b->now, add_line, &lines) != STORE_OK || lines.n == 0)
        die(path, "the demo catalog has no queue lines");
    store_audit_note_t by = {.staff = "store_bench"};
    store_queue_row_t row; /* the ticket with how many are ahead, as the kiosk shows it */
    for (int i = 0; i < n; i++) {
        double t0 = now_s();
        if (store_queue_take(b->st, lines.id[i % lines.n], QUEUE_WALKIN, &cfg.queue, b->now, &row) !=
            STORE_OK)
            die("take", store_errmsg(b->st));
        printf("take %.3f\n", (now_s() - t0) * 1e3);
        pace();
    }
    for (int i = 0; i < calls; i++) {
        int counter = i % QUEUE_COUNTERS + 1;
        if (i >= QUEUE_COUNTERS) {
            if (store_queue_step(b->st, &by, counter, STORE_QUEUE_SKIP, b->now, &row) != STORE_OK)
                die("skip", store_errmsg(b->st));
            pace(); /* no timed call right after another commit */
        }
        double t0 = now_s();
        if (store_queue_call_next(b->st, &by, counter, NULL, &cfg.queue, b->now, &row) != STORE_OK)
            die("call", store_errmsg(b->st));
        printf("call %.3f\n", (now_s() - t0) * 1e3);
        pace();
    }
    store_close(b->st);
    return 0;
}

int main(int argc, char **argv)
{
    int is_queue = argc == 5 && strcmp(argv[3], "queue") == 0;
    int is_timed = argc == 5 && (is_queue || strcmp(argv[3], "latency") == 0);
    int is_rate = argc == 3 || (argc == 4 && (!strcmp(argv[3], "store") || !strcmp(argv[3], "raw") ||
                                              !strcmp(argv[3], "both")));
    if (!is_timed && !is_rate) {
        fprintf(stderr, "usage: store_bench DIR N [store|raw|both]\n"
                        "       store_bench DIR N latency FROM\n"
                        "       store_bench DIR N queue CALLS\n");
        return 2;
    }
    const char *dir = argv[1], *mode = argc > 3 ? argv[3] : "both";
    int n = atoi(argv[2]), first = argc == 5 ? atoi(argv[4]) : 0;
    dt_date_t d = {2026, 11, 30};
    bench_t b = {.now = dt_stamp(d, 7 * 60)};
    if (is_queue) {
        if (n < 0 || first < 0 || first > n) {
            fprintf(stderr, "store_bench: CALLS must be 0 to N\n");
            return 2;
        }
        return queue(&b, dir, n, first);
    }
    if (n < 0 || first < 0 || first + n > 8 * 13 * 20) {
        fprintf(stderr, "store_bench: FROM + N must be 0 to %d\n", 8 * 13 * 20);
        return 2;
    }
    if (argc == 5)
        return latency(&b, dir, first, n);
    int use_store = strcmp(mode, "raw") != 0, use_raw = strcmp(mode, "store") != 0;
    if (use_store)
        open_store(&b, dir);
    if (use_raw)
        open_raw(&b, dir);
    /* Alternating rounds: both see the same disk and the same load. */
    double ts = 0, tr = 0;
    enum { ROUNDS = 10 };
    for (int r = 0; r < ROUNDS; r++) {
        int from = n * r / ROUNDS, to = n * (r + 1) / ROUNDS;
        if (use_store)
            ts += book_store(&b, from, to);
        if (use_raw)
            tr += book_raw(&b, from, to);
    }
    store_close(b.st);
    sqlite3_finalize(b.ins);
    sqlite3_close(b.raw);
    if (n == 0)
        return 0;
    if (ts > 0)
        printf("store_bookings_per_s %.0f 1/s\n", n / ts);
    if (tr > 0)
        printf("raw_sqlite_bookings_per_s %.0f 1/s\n", n / tr);
    if (ts > 0 && tr > 0)
        printf("store_vs_raw_ratio %.2f x\n", tr / ts);
    return 0;
}
