/* Issue 19, the walk-in queue in the store: numbers restart at midnight and
 * yesterday's stay; two processes taking 200 numbers at once on one file
 * get each number once and skip none; the call order follows the rule;
 * every step at a counter is stored with its time, its audit row and one
 * event; a closed or capped line refuses a take with its reason; lines
 * come and go with the catalog. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../lib/store_fixture.h"
#include "../unit/test.h"

static const char catalog[] = FX_CATALOG(50) "[line zonghe]\n"
                                             "letter = A\n"
                                             "name = 综合咨询\n"
                                             "[line jiuzhu]\n"
                                             "letter = B\n"
                                             "name = 社会救助\n"
                                             "cap = 500\n";

static const queue_rule_t rule2 = {2, 15};
/* Who does the staff steps, as the audit names them. */
static const store_audit_note_t li = {"li", NULL, NULL, 0}, wang = {"wang", NULL, NULL, 0},
                                nobody = {"", NULL, NULL, 0};

static store_t *fresh(const char *name)
{
    rules_t r;
    rules_defaults(&r);
    return fx_store(name, catalog, "q.ini", fx_at("2026-11-30 07:00"), &r);
}

static long long raw(const char *name, const char *sql)
{
    sqlite3 *db = fx_raw_open(name, SQLITE_OPEN_READONLY);
    long long v = db ? fx_raw_int(db, sql) : -999;
    sqlite3_close(db);
    return v;
}

static void take_ok(store_t *st, const char *line, queue_kind_t k, const char *at,
                    const char *label, int ahead)
{
    store_queue_row_t r;
    int rc = store_queue_take(st, line, k, &rule2, fx_at(at), &r);
    CHECK_INT(rc, STORE_OK);
    if (rc != STORE_OK) {
        fprintf(stderr, "  take: %s\n", store_errmsg(st));
        return;
    }
    CHECK_STR(r.label, label);
    CHECK_INT(r.ahead, ahead);
    CHECK_STR(r.status, "waiting");
}

static void numbers_restart_at_midnight(void)
{
    store_t *st = fresh("day.db");
    CHECK(st != NULL);
    if (!st)
        return;
    take_ok(st, "zonghe", QUEUE_WALKIN, "2026-11-30 09:00", "A001", 0);
    take_ok(st, "zonghe", QUEUE_WALKIN, "2026-11-30 09:05", "A002", 1);
    take_ok(st, "jiuzhu", QUEUE_WALKIN, "2026-11-30 09:06", "B001", 0); /* lines apart */
    take_ok(st, "zonghe", QUEUE_WALKIN, "2026-11-30 23:59", "A003", 2);
    /* Midnight: a new day starts at 1, with nobody ahead. */
    take_ok(st, "zonghe", QUEUE_WALKIN, "2026-12-01 00:00", "A001", 0);
    take_ok(st, "zonghe", QUEUE_WALKIN, "2026-12-01 08:30", "A002", 1);
    /* Yesterday's rows stay, for the reports. */
    CHECK_INT(raw("day.db", "SELECT count(*) FROM queue_tickets WHERE day = '2026-11-30'"), 4);
    CHECK_INT(raw("day.db", "SELECT count(*) FROM queue_tickets WHERE day = '2026-12-01'"), 2);
    /* And a call today never reaches yesterday's waiting numbers. */
    store_queue_row_t r;
    CHECK_INT(store_queue_call_next(st, &li, 1, "zonghe", &rule2, fx_at("2026-12-01 08:40"), &r),
              STORE_OK);
    CHECK_STR(r.day, "2026-12-01");
    CHECK_STR(r.label, "A001");
    store_close(st);
}

/* What child pid wrote on fd, "A<number>" a line, then its exit: each
 * number 1..max counted in seen[]; the numbers read, or -1 after a line
 * that is not one (printed) or an exit other than 0. */
static int read_child(int fd, pid_t pid, int *seen, int max)
{
    FILE *f = fdopen(fd, "r");
    char line[256];
    int got = 0, bad = !f;
    while (f && fgets(line, sizeof line, f)) {
        int n = 0;
        if (line[0] == 'A' && sscanf(line + 1, "%d", &n) == 1 && n >= 1 && n <= max) {
            seen[n]++;
            got++;
        } else {
            bad = 1;
            fprintf(stderr, "  child %d: %s", (int)pid, line);
        }
    }
    if (f)
        fclose(f);
    int status = 0;
    waitpid(pid, &status, 0);
    return bad || !WIFEXITED(status) || WEXITSTATUS(status) ? -1 : got;
}

/* ---- Two processes taking at once --------------------------------------------------- */

#define PER_TAKER 100

/* A child: PER_TAKER numbers of line zonghe as fast as it can, each label
 * on a line of fd; "E message" on an error. Never returns. */
static void taker(int start_fd, int out_fd)
{
    char c;
    store_t *st = fx_open("race.db", 0);
    FILE *out = fdopen(out_fd, "w");
    if (!st || !out || read(start_fd, &c, 1) != 1)
        _exit(3);
    for (int i = 0; i < PER_TAKER; i++) {
        store_queue_row_t r;
        if (store_queue_take(st, "zonghe", QUEUE_WALKIN, &rule2, fx_at("2026-11-30 09:00"), &r))
            fprintf(out, "E %s\n", store_errmsg(st));
        else
            fprintf(out, "%s\n", r.label);
    }
    fclose(out);
    store_close(st);
    _exit(0);
}

static void two_takers_no_number_twice_none_skipped(void)
{
    store_t *st = fresh("race.db");
    CHECK(st != NULL);
    if (!st)
        return;
    store_close(st);
    int go[2], out[2][2];
    pid_t pid[2];
    CHECK_INT(pipe(go), 0);
    for (int k = 0; k < 2; k++) {
        CHECK_INT(pipe(out[k]), 0);
        pid[k] = fork();
        if (pid[k] == 0) {
            close(go[1]);
            close(out[k][0]);
            taker(go[0], out[k][1]);
        }
        close(out[k][1]);
    }
    close(go[0]);
    /* Both start together: one byte each on the pipe they share. */
    CHECK_INT((int)write(go[1], "xx", 2), 2);
    close(go[1]);
    int seen[2 * PER_TAKER + 2] = {0}, errors = 0, got = 0;
    for (int k = 0; k < 2; k++) {
        int n = read_child(out[k][0], pid[k], seen, 2 * PER_TAKER);
        errors += n < 0;
        got += n < 0 ? 0 : n;
    }
    CHECK_INT(errors, 0);
    CHECK_INT(got, 2 * PER_TAKER);
    int twice = 0, missing = 0;
    for (int n = 1; n <= 2 * PER_TAKER; n++) {
        twice += seen[n] > 1;
        missing += seen[n] == 0;
    }
    CHECK_INT(twice, 0);
    CHECK_INT(missing, 0);
    /* The file agrees: 200 rows numbered 1..200, one event each. */
    CHECK_INT(raw("race.db", "SELECT count(DISTINCT number) FROM queue_tickets"), 2 * PER_TAKER);
    CHECK_INT(raw("race.db", "SELECT max(number) FROM queue_tickets"), 2 * PER_TAKER);
    CHECK_INT(raw("race.db", "SELECT count(*) FROM queue_events WHERE kind = 'queue_take'"),
              2 * PER_TAKER);
}

/* A child: calls to counter and serves and finishes until nobody waits,
 * each label it called on a line of fd. Before each call it meets the
 * other caller (a byte each way), so that both go for the same next
 * number at the same moment; once the other is gone it goes on alone.
 * Never returns. */
static void caller(int tell_fd, int wait_fd, int out_fd, int counter)
{
    store_t *st = fx_open("callers.db", 0);
    FILE *out = fdopen(out_fd, "w");
    if (!st || !out)
        _exit(3);
    store_audit_note_t by = {"li", NULL, NULL, 0};
    long long t = fx_at("2026-11-30 10:00");
    int together = 1;
    for (;;) {
        char c = 'x';
        if (together && (write(tell_fd, &c, 1) != 1 || read(wait_fd, &c, 1) != 1))
            together = 0;
        store_queue_row_t r;
        int rc = store_queue_call_next(st, &by, counter, NULL, &rule2, t, &r);
        if (rc == RULES_NOT_FOUND)
            break;
        if (rc != STORE_OK ||
            store_queue_step(st, &by, counter, STORE_QUEUE_SERVE, t, NULL) != STORE_OK ||
            store_queue_step(st, &by, counter, STORE_QUEUE_FINISH, t, NULL) != STORE_OK) {
            fprintf(out, "E %s\n", store_errmsg(st));
            break;
        }
        fprintf(out, "%s\n", r.label);
    }
    close(tell_fd);
    fclose(out);
    store_close(st);
    _exit(0);
}

/* Two counters calling at once from two processes: each number called
 * once, by one counter, none left, and the interleave kept overall. */
static void two_callers_each_number_once(void)
{
    store_t *st = fresh("callers.db");
    CHECK(st != NULL);
    if (!st)
        return;
    for (int i = 0; i < 100; i++) {
        store_queue_row_t r;
        CHECK_INT(store_queue_take(st, "zonghe", i % 4 ? QUEUE_WALKIN : QUEUE_PRIORITY, &rule2,
                                   fx_at("2026-11-30 09:00") + i / 10, &r),
                  STORE_OK);
    }
    store_close(st);
    int ab[2], ba[2], out[2][2];
    pid_t pid[2];
    CHECK_INT(pipe(ab), 0);
    CHECK_INT(pipe(ba), 0);
    signal(SIGPIPE, SIG_IGN); /* a caller that finished first closes its end */
    for (int k = 0; k < 2; k++) {
        CHECK_INT(pipe(out[k]), 0);
        pid[k] = fork();
        if (pid[k] == 0) {
            close(out[k][0]);
            close(k ? ab[1] : ba[1]);
            close(k ? ba[0] : ab[0]);
            caller(k ? ba[1] : ab[1], k ? ab[0] : ba[0], out[k][1], k + 1);
        }
        close(out[k][1]);
    }
    close(ab[0]);
    close(ab[1]);
    close(ba[0]);
    close(ba[1]);
    int seen[101] = {0}, errors = 0, per[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        per[k] = read_child(out[k][0], pid[k], seen, 100);
        errors += per[k] < 0;
    }
    CHECK_INT(errors, 0);
    int once = 0;
    for (int n = 1; n <= 100; n++)
        once += seen[n] == 1;
    CHECK_INT(once, 100);
    CHECK(per[0] > 0 && per[1] > 0);
    printf("# two counters called %d and %d of 100 numbers\n", per[0], per[1]);
    CHECK_INT(raw("callers.db", "SELECT count(*) FROM queue_tickets WHERE status = 'done'"), 100);
    CHECK_INT(raw("callers.db", "SELECT count(*) FROM queue_events WHERE kind = 'queue_call'"),
              100);
    /* The calls, in the day's order, kept the interleave: never three
     * regular calls in a row while a priority number waited. */
    CHECK_INT(raw("callers.db",
                  "SELECT count(*) FROM queue_tickets a WHERE a.called_as = 'regular'"
                  " AND (SELECT count(*) FROM queue_tickets b WHERE b.called_as = 'regular'"
                  "      AND b.call_seq BETWEEN a.call_seq - 2 AND a.call_seq) = 3"
                  " AND EXISTS (SELECT 1 FROM queue_tickets p WHERE p.kind = 'priority'"
                  "      AND p.call_seq > a.call_seq)"),
              0);
}

/* ---- Calling ------------------------------------------------------------------------- */

/* Calls the next to counter 1 of every line, serves and finishes it: its label. */
static void call_through(store_t *st, const char *at, const char *want)
{
    store_queue_row_t r;
    int rc = store_queue_call_next(st, &li, 1, NULL, &rule2, fx_at(at), &r);
    CHECK_INT(rc, STORE_OK);
    if (rc) {
        fprintf(stderr, "  call: %s\n", store_errmsg(st));
        return;
    }
    if (strcmp(r.label, want))
        fprintf(stderr, "  called %s, wanted %s\n", r.label, want);
    CHECK_STR(r.label, want);
    CHECK_INT(store_queue_step(st, &li, 1, STORE_QUEUE_SERVE, fx_at(at), NULL), STORE_OK);
    CHECK_INT(store_queue_step(st, &li, 1, STORE_QUEUE_FINISH, fx_at(at), NULL), STORE_OK);
}

static void call_order_follows_the_rule(void)
{
    store_t *st = fresh("order.db");
    CHECK(st != NULL);
    if (!st)
        return;
    /* Four walk-ins, then two priority numbers; every 2 regular, one priority. */
    take_ok(st, "zonghe", QUEUE_WALKIN, "2026-11-30 09:00", "A001", 0);
    take_ok(st, "zonghe", QUEUE_WALKIN, "2026-11-30 09:01", "A002", 1);
    take_ok(st, "jiuzhu", QUEUE_WALKIN, "2026-11-30 09:02", "B001", 0);
    take_ok(st, "zonghe", QUEUE_WALKIN, "2026-11-30 09:03", "A003", 2);
    /* Priority A004: on its line, two regular go first, then it. */
    take_ok(st, "zonghe", QUEUE_PRIORITY, "2026-11-30 09:04", "A004", 2);
    take_ok(st, "jiuzhu", QUEUE_PRIORITY, "2026-11-30 09:05", "B002", 1);
    call_through(st, "2026-11-30 09:10", "A001");
    call_through(st, "2026-11-30 09:11", "A002");
    call_through(st, "2026-11-30 09:12", "A004"); /* two regular: priority's turn */
    call_through(st, "2026-11-30 09:13", "B001");
    call_through(st, "2026-11-30 09:14", "A003");
    call_through(st, "2026-11-30 09:15", "B002");
    store_queue_row_t r;
    CHECK_INT(store_queue_call_next(st, &li, 1, NULL, &rule2, fx_at("2026-11-30 09:16"), &r),
              RULES_NOT_FOUND);
    CHECK(strstr(store_errmsg(st), "nobody waits") != NULL);
    /* Each step is stored with its time, and is one event. */
    CHECK_INT(raw("order.db", "SELECT count(*) FROM queue_tickets WHERE status = 'done'"
                              " AND called_at IS NOT NULL AND served_at IS NOT NULL"
                              " AND finished_at IS NOT NULL AND counter = 1"),
              6);
    CHECK_INT(raw("order.db", "SELECT count(*) FROM queue_events"), 6 + 3 * 6);
    CHECK_INT(raw("order.db", "SELECT waited FROM queue_events WHERE kind = 'queue_call'"
                              " AND label = 'A004'"),
              8);
    CHECK_INT(raw("order.db", "SELECT count(*) FROM audit WHERE action = 'queue_call'"
                              " AND staff = 'li'"),
              6);
    store_close(st);
}

static void counter_steps(void)
{
    store_t *st = fresh("steps.db");
    CHECK(st != NULL);
    if (!st)
        return;
    store_queue_row_t r;
    long long t = fx_at("2026-11-30 10:00");
    take_ok(st, "zonghe", QUEUE_WALKIN, "2026-11-30 10:00", "A001", 0);
    take_ok(st, "zonghe", QUEUE_WALKIN, "2026-11-30 10:00", "A002", 1);
    take_ok(st, "zonghe", QUEUE_WALKIN, "2026-11-30 10:00", "A003", 2);
    /* Nothing called yet: nothing to serve. */
    CHECK_INT(store_queue_step(st, &li, 2, STORE_QUEUE_SERVE, t, &r), RULES_NOT_FOUND);
    CHECK(strstr(store_errmsg(st), "counter 2 has called nobody") != NULL);
    CHECK_INT(store_queue_call_next(st, &li, 2, "zonghe", &rule2, t, &r), STORE_OK);
    CHECK_STR(r.label, "A001");
    CHECK_INT(r.counter, 2);
    /* A counter calls one at a time. */
    CHECK_INT(store_queue_call_next(st, &li, 2, NULL, &rule2, t, &r), RULES_BAD_STATE);
    CHECK(strstr(store_errmsg(st), "counter 2 still has A001 (called)") != NULL);
    CHECK_INT(store_queue_step(st, &li, 2, STORE_QUEUE_FINISH, t, &r), RULES_BAD_STATE);
    CHECK_INT(store_queue_step(st, &li, 2, STORE_QUEUE_RECALL, t + 1, &r), STORE_OK);
    CHECK_INT(r.recalls, 1);
    CHECK_INT(store_queue_step(st, &li, 2, STORE_QUEUE_SKIP, t + 2, &r), STORE_OK);
    CHECK_STR(r.status, "no_show");
    /* Counter 3 takes A002; it goes to line B under its number. */
    CHECK_INT(store_queue_call_next(st, &wang, 3, NULL, &rule2, t + 3, &r), STORE_OK);
    CHECK_STR(r.label, "A002");
    CHECK_INT(store_queue_transfer(st, &wang, 3, "zonghe", &rule2, t + 4, &r), RULES_BAD_STATE);
    CHECK_INT(store_queue_transfer(st, &wang, 3, "nope", &rule2, t + 4, &r), RULES_NOT_FOUND);
    CHECK_INT(store_queue_transfer(st, &wang, 3, "jiuzhu", &rule2, t + 4, &r), STORE_OK);
    CHECK_STR(r.label, "A002");
    CHECK_STR(r.line, "jiuzhu");
    CHECK_STR(r.status, "waiting");
    CHECK_INT(r.ahead, 0);
    /* Line B's own numbers go on from 1: the transfer took none. */
    take_ok(st, "jiuzhu", QUEUE_WALKIN, "2026-11-30 10:05", "B001", 1);
    CHECK_INT(store_queue_call_next(st, &wang, 3, "jiuzhu", &rule2, t + 6, &r), STORE_OK);
    CHECK_STR(r.label, "A002");
    CHECK_INT(store_queue_step(st, &wang, 3, STORE_QUEUE_SERVE, t + 7, &r), STORE_OK);
    CHECK_INT(store_queue_step(st, &wang, 3, STORE_QUEUE_FINISH, t + 9, &r), STORE_OK);
    CHECK_STR(r.status, "done");
    CHECK_INT(raw("steps.db", "SELECT served FROM queue_events WHERE kind = 'queue_finish'"), 2);
    CHECK_INT(raw("steps.db", "SELECT count(*) FROM queue_tickets WHERE status = 'transferred'"),
              1);
    /* One event a step, nothing personal: the events have no booking,
     * phone or label column at all. */
    CHECK_INT(raw("steps.db", "SELECT count(*) FROM queue_events"),
              4 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1);
    CHECK_INT(raw("steps.db", "SELECT count(*) FROM pragma_table_info('queue_events')"
                              " WHERE name IN ('booking', 'phone', 'for_label')"),
              0);
    CHECK_INT(raw("steps.db", "SELECT count(*) FROM audit WHERE action LIKE 'queue_%'"), 8);
    /* Bad counters and no staff name are refused. */
    CHECK_INT(store_queue_call_next(st, &li, 0, NULL, &rule2, t, &r), STORE_ERROR);
    CHECK_INT(store_queue_call_next(st, &nobody, 1, NULL, &rule2, t, &r), STORE_ERROR);
    store_close(st);
}

static void closed_and_capped_lines(void)
{
    store_t *st = fresh("close.db");
    CHECK(st != NULL);
    if (!st)
        return;
    long long t = fx_at("2026-11-30 09:00");
    store_queue_row_t r;
    /* Audited as by says: its time (a test clock's wall clock) and note. */
    store_audit_note_t ctl = {"kioskctl", NULL, "(test clock)", fx_at("2027-01-05 10:00")};
    CHECK_INT(store_queue_set_day(st, &ctl, "zonghe", 1, -1, t), STORE_OK);
    char at[128];
    sqlite3 *db = fx_raw_open("close.db", SQLITE_OPEN_READONLY);
    fx_raw_text(db,
                "SELECT at || ' ' || staff || ' ' || detail FROM audit"
                " WHERE action = 'queue_close'",
                at, sizeof at);
    sqlite3_close(db);
    CHECK_STR(at, "2027-01-05 10:00 kioskctl line zonghe (A) closed for 2026-11-30 (test clock)");
    CHECK_INT(store_queue_take(st, "zonghe", QUEUE_WALKIN, &rule2, t, &r), RULES_CLOSED);
    CHECK_STR(store_errmsg(st),
              "take a queue number: line A (综合咨询) is closed for today; no numbers are given");
    CHECK_INT(store_queue_take(st, "nope", QUEUE_WALKIN, &rule2, t, &r), RULES_NOT_FOUND);
    CHECK(strstr(store_errmsg(st), "no queue line 'nope'") != NULL);
    /* Tomorrow it is open again; today once staff open it. */
    take_ok(st, "zonghe", QUEUE_WALKIN, "2026-12-01 09:00", "A001", 0);
    CHECK_INT(store_queue_set_day(st, &li, "zonghe", 0, -1, t), STORE_OK);
    take_ok(st, "zonghe", QUEUE_WALKIN, "2026-11-30 09:01", "A001", 0);
    /* Capped at 2 for today: the third is refused, the catalog's cap
     * tomorrow. */
    CHECK_INT(store_queue_set_day(st, &li, "zonghe", -1, 2, t), STORE_OK);
    take_ok(st, "zonghe", QUEUE_PRIORITY, "2026-11-30 09:02", "A002", 1);
    CHECK_INT(store_queue_take(st, "zonghe", QUEUE_WALKIN, &rule2, t + 3, &r), RULES_FULL);
    CHECK(strstr(store_errmsg(st), "has given all its 2 numbers for today") != NULL);
    CHECK_INT(raw("close.db", "SELECT count(*) FROM queue_tickets WHERE day = '2026-11-30'"), 2);
    CHECK_INT(raw("close.db", "SELECT count(*) FROM audit WHERE action IN ('queue_close',"
                              " 'queue_open', 'queue_cap')"),
              3);
    store_close(st);
}

typedef struct lines {
    int n;
    store_queue_line_row_t row[4];
} lines_t;

static int take_line(void *ctx, const store_queue_line_row_t *r)
{
    lines_t *l = ctx;
    if (l->n < 4)
        l->row[l->n++] = *r;
    return 0;
}

static void lines_follow_the_catalog(void)
{
    store_t *st = fresh("lines.db");
    CHECK(st != NULL);
    if (!st)
        return;
    long long t = fx_at("2026-11-30 09:00");
    take_ok(st, "jiuzhu", QUEUE_WALKIN, "2026-11-30 09:00", "B001", 0);
    CHECK_INT(store_queue_set_day(st, &li, "jiuzhu", -1, 7, t), STORE_OK);
    lines_t l = {0};
    CHECK_INT(store_queue_lines(st, t, take_line, &l), STORE_OK);
    CHECK_INT(l.n, 2);
    CHECK_STR(l.row[0].id, "zonghe");
    CHECK_INT(l.row[0].letter, 'A');
    CHECK_INT(l.row[0].cap, 999);
    CHECK_STR(l.row[1].name_zh, "社会救助");
    CHECK_INT(l.row[1].cap, 7);
    CHECK_INT(l.row[1].taken, 1);
    CHECK_INT(l.row[1].waiting, 1);
    /* A catalog without line B: it is gone for takers, its numbers stay. */
    rules_t r;
    rules_defaults(&r);
    CHECK_INT(fx_import(st, FX_CATALOG(50) "[line zonghe]\nletter = A\nname = 综合咨询\n", "q2.ini",
                        t, &r),
              STORE_OK);
    l.n = 0;
    CHECK_INT(store_queue_lines(st, t, take_line, &l), STORE_OK);
    CHECK_INT(l.n, 1);
    store_queue_row_t row;
    CHECK_INT(store_queue_take(st, "jiuzhu", QUEUE_WALKIN, &rule2, t, &row), RULES_NOT_FOUND);
    CHECK_INT(raw("lines.db", "SELECT count(*) FROM queue_tickets WHERE line_id = 'jiuzhu'"), 1);
    /* Back in the catalog: active again, its numbers go on. */
    CHECK_INT(fx_import(st, catalog, "q.ini", t, &r), STORE_OK);
    take_ok(st, "jiuzhu", QUEUE_WALKIN, "2026-11-30 09:10", "B002", 1);
    store_close(st);
}

typedef struct rows {
    int n;
    store_queue_row_t row[8];
} rows_t;

static int take_row(void *ctx, const store_queue_row_t *r)
{
    rows_t *l = ctx;
    if (l->n < 8)
        l->row[l->n++] = *r;
    return 0;
}

static void status_shows_each_with_ahead(void)
{
    store_t *st = fresh("status.db");
    CHECK(st != NULL);
    if (!st)
        return;
    take_ok(st, "zonghe", QUEUE_WALKIN, "2026-11-30 09:00", "A001", 0);
    take_ok(st, "zonghe", QUEUE_WALKIN, "2026-11-30 09:01", "A002", 1);
    take_ok(st, "zonghe", QUEUE_WALKIN, "2026-11-30 09:02", "A003", 2);
    take_ok(st, "zonghe", QUEUE_PRIORITY, "2026-11-30 09:03", "A004", 2);
    store_queue_row_t r;
    CHECK_INT(store_queue_call_next(st, &li, 1, NULL, &rule2, fx_at("2026-11-30 09:05"), &r),
              STORE_OK);
    rows_t l = {0};
    CHECK_INT(store_queue_status(st, &rule2, fx_at("2026-11-30 09:06"), take_row, &l), STORE_OK);
    CHECK_INT(l.n, 4);
    CHECK_STR(l.row[0].status, "called");
    CHECK_INT(l.row[0].ahead, -1);
    CHECK_STR(l.row[0].called_at, "2026-11-30 09:05");
    /* One regular call so far: A002, then the priority A004, then A003. */
    CHECK_INT(l.row[1].ahead, 0);
    CHECK_INT(l.row[2].ahead, 2);
    CHECK_INT(l.row[3].ahead, 1);
    store_close(st);
}

/* Issue 19: a booked resident who checks in joins the queue of the
 * service's line as an appointment at the session's start (s2: 14:00). */
static const char catalog_appt[] = FX_CATALOG(50) "line = jiuzhu\n"
                                                  "[line jiuzhu]\n"
                                                  "letter = B\n"
                                                  "name = 社会救助\n";

static void book_at(store_t *st, const char *session, const char *phone, char *t)
{
    rules_t r;
    rules_defaults(&r);
    CHECK_INT(store_book(st, session, phone, 1, fx_at("2026-11-30 08:00"), &r, fx_gen, NULL, t),
              STORE_OK);
}

static void checked_in_bookings_join_the_queue(void)
{
    rules_t r;
    rules_defaults(&r);
    store_t *st = fx_store("appt.db", catalog_appt, "a.ini", fx_at("2026-11-30 07:00"), &r);
    CHECK(st != NULL);
    if (!st)
        return;
    char early[KIOSK_TICKET_SIZE], late[KIOSK_TICKET_SIZE], other[KIOSK_TICKET_SIZE];
    book_at(st, "s2-20261130-1400", "13800000001", early);
    book_at(st, "s2-20261130-1400", "13800000002", late);
    book_at(st, "s1-20261201-0900", "13800000003", other);
    store_queue_row_t q;
    /* Checked in at 13:30 for 14:00: an appointment of line B at 14:00. */
    CHECK_INT(store_checkin(st, early, fx_at("2026-11-30 13:30")), STORE_OK);
    CHECK_INT(store_queue_of_booking(st, early, &rule2, fx_at("2026-11-30 13:30"), &q), STORE_OK);
    CHECK_STR(q.label, "B001");
    CHECK_STR(q.kind, "appointment");
    CHECK_STR(q.booked_at, "2026-11-30 14:00");
    CHECK_STR(q.booking, early);
    /* A service without a line: the check-in queues nobody. */
    CHECK_INT(store_checkin(st, other, fx_at("2026-12-01 08:40")), STORE_OK);
    CHECK_INT(store_queue_of_booking(st, other, &rule2, fx_at("2026-12-01 08:40"), &q),
              RULES_NOT_FOUND);
    take_ok(st, "jiuzhu", QUEUE_WALKIN, "2026-11-30 13:40", "B002", 0); /* B001 waits for 14:00 */
    /* Early: the walk-in goes first; then nobody may be called till 14:00. */
    store_queue_row_t r2;
    CHECK_INT(store_queue_call_next(st, &li, 1, NULL, &rule2, fx_at("2026-11-30 13:50"), &r2),
              STORE_OK);
    CHECK_STR(r2.label, "B002");
    CHECK_INT(store_queue_step(st, &li, 1, STORE_QUEUE_SKIP, fx_at("2026-11-30 13:51"), NULL),
              STORE_OK);
    CHECK_INT(store_queue_call_next(st, &li, 1, NULL, &rule2, fx_at("2026-11-30 13:55"), &r2),
              RULES_NOT_FOUND);
    /* ahead counts as if time stood at 13:56: B001 is not callable yet. */
    take_ok(st, "jiuzhu", QUEUE_WALKIN, "2026-11-30 13:56", "B003", 0);
    /* 14:20, past the 15 minutes' grace: a walk-in from 14:20, after B003. */
    CHECK_INT(store_checkin(st, late, fx_at("2026-11-30 14:20")), STORE_OK);
    CHECK_INT(store_queue_of_booking(st, late, &rule2, fx_at("2026-11-30 14:20"), &q), STORE_OK);
    CHECK_STR(q.label, "B004");
    CHECK_INT(q.ahead, 2); /* B001 at its slot, B003 */
    const char *order[] = {"B001", "B003", "B004"};
    for (int i = 0; i < 3; i++) {
        CHECK_INT(
            store_queue_call_next(st, &li, 1, NULL, &rule2, fx_at("2026-11-30 14:30") + i, &r2),
            STORE_OK);
        CHECK_STR(r2.label, order[i]);
        CHECK_INT(
            store_queue_step(st, &li, 1, STORE_QUEUE_SKIP, fx_at("2026-11-30 14:30") + i, NULL),
            STORE_OK);
    }
    /* The check-in and its queue number are one transaction: a check-in
     * refused (twice) adds no number. */
    CHECK_INT(store_checkin(st, early, fx_at("2026-11-30 14:40")), RULES_BAD_STATE);
    CHECK_INT(raw("appt.db", "SELECT count(*) FROM queue_tickets WHERE kind = 'appointment'"), 2);
    store_close(st);
}

int main(void)
{
    if (fx_dir_make("test_queue", 0))
        return 1;
    RUN(numbers_restart_at_midnight);
    RUN(two_takers_no_number_twice_none_skipped);
    RUN(two_callers_each_number_once);
    RUN(call_order_follows_the_rule);
    RUN(counter_steps);
    RUN(closed_and_capped_lines);
    RUN(lines_follow_the_catalog);
    RUN(status_shows_each_with_ahead);
    RUN(checked_in_bookings_join_the_queue);
    fx_dir_remove();
    TEST_EXIT();
}
