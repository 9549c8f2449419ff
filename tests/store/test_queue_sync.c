/* Issue 19, the queue at midnight and its events for the centre, in the
 * store: a number called before midnight is served and finished after it
 * under its own day (its waits kept for the reports), while the counter
 * calls nobody new until it is; the numbers of the new day restart; the
 * queue's event stream lists every step without the label, marks what the
 * centre acknowledged in meta queue_sent_seq (never lowered) and renumbers
 * what waits after a restore, apart from the booking outbox. */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "../lib/store_fixture.h"
#include "../unit/test.h"

static const char catalog[] = FX_CATALOG(50) "[line zonghe]\n"
                                             "letter = A\n"
                                             "name = 综合咨询\n"
                                             "[line jiuzhu]\n"
                                             "letter = B\n"
                                             "name = 社会救助\n";

static const queue_rule_t rule = {2, 15};
static const store_audit_note_t li = {"li", NULL, NULL, 0};

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

static int take(store_t *st, const char *line, const char *at, store_queue_row_t *r)
{
    int rc = store_queue_take(st, line, QUEUE_WALKIN, &rule, fx_at(at), r);
    if (rc)
        fprintf(stderr, "  take at %s: %s\n", at, store_errmsg(st));
    return rc;
}

static int step(store_t *st, int counter, store_queue_step_t s, const char *at,
                store_queue_row_t *r)
{
    int rc = store_queue_step(st, &li, counter, s, fx_at(at), r);
    if (rc)
        fprintf(stderr, "  step %d at %s: %s\n", (int)s, at, store_errmsg(st));
    return rc;
}

static void served_across_midnight(void)
{
    store_t *st = fresh("midnight.db");
    CHECK(st != NULL);
    if (!st)
        return;
    store_queue_row_t r;
    CHECK_INT(take(st, "zonghe", "2026-11-30 23:30", &r), STORE_OK);
    CHECK_STR(r.label, "A001");
    CHECK_INT(take(st, "zonghe", "2026-11-30 23:40", &r), STORE_OK);
    CHECK_INT(store_queue_call_next(st, &li, 1, "zonghe", &rule, fx_at("2026-11-30 23:50"), &r),
              STORE_OK);
    CHECK_STR(r.label, "A001");
    CHECK_INT(step(st, 1, STORE_QUEUE_SERVE, "2026-11-30 23:58", &r), STORE_OK);
    /* Midnight: the counter still serves A001 of yesterday. It calls
     * nobody new before it is finished ... */
    CHECK_INT(take(st, "zonghe", "2026-12-01 00:05", &r), STORE_OK);
    CHECK_STR(r.label, "A001"); /* today's numbers restart */
    CHECK_STR(r.day, "2026-12-01");
    CHECK_INT(store_queue_call_next(st, &li, 1, "zonghe", &rule, fx_at("2026-12-01 00:06"), &r),
              RULES_BAD_STATE);
    CHECK(strstr(store_errmsg(st), "counter 1 still has A001 (serving)") != NULL);
    /* ... and finishes it after midnight, under its own day. */
    CHECK_INT(step(st, 1, STORE_QUEUE_FINISH, "2026-12-01 00:13", &r), STORE_OK);
    CHECK_STR(r.day, "2026-11-30");
    CHECK_STR(r.status, "done");
    CHECK_STR(r.finished_at, "2026-12-01 00:13");
    CHECK_INT(raw("midnight.db", "SELECT served FROM queue_events WHERE kind = 'queue_finish'"),
              15);
    CHECK_INT(raw("midnight.db", "SELECT day = '2026-11-30' FROM queue_events"
                                 " WHERE kind = 'queue_finish'"),
              1);
    /* A number called at 23:59 and not there is skipped after midnight. */
    CHECK_INT(store_queue_call_next(st, &li, 2, "zonghe", &rule, fx_at("2026-11-30 23:59"), &r),
              STORE_OK);
    CHECK_STR(r.label, "A002");
    CHECK_INT(step(st, 2, STORE_QUEUE_SKIP, "2026-12-01 00:20", &r), STORE_OK);
    CHECK_STR(r.label, "A002");
    CHECK_STR(r.status, "no_show");
    /* Yesterday's rows and waits stay; today's call reaches today's number. */
    CHECK_INT(raw("midnight.db", "SELECT count(*) FROM queue_tickets WHERE day = '2026-11-30'"
                                 " AND status IN ('done', 'no_show')"),
              2);
    CHECK_INT(raw("midnight.db", "SELECT sum(waited) FROM queue_events WHERE kind = 'queue_call'"
                                 " AND day = '2026-11-30'"),
              20 + 19);
    CHECK_INT(store_queue_call_next(st, &li, 1, "zonghe", &rule, fx_at("2026-12-01 00:30"), &r),
              STORE_OK);
    CHECK_STR(r.day, "2026-12-01");
    CHECK_STR(r.label, "A001");
    store_close(st);
}

typedef struct listed {
    store_queue_event_row_t rows[32];
    int n;
} listed_t;

static int keep(void *ctx, const store_queue_event_row_t *row)
{
    listed_t *l = ctx;
    if (l->n < 32)
        l->rows[l->n++] = *row;
    return 0;
}

static void event_stream_for_the_centre(void)
{
    store_t *st = fresh("stream.db");
    CHECK(st != NULL);
    if (!st)
        return;
    store_queue_row_t r;
    CHECK_INT(take(st, "zonghe", "2026-12-01 09:00", &r), STORE_OK);
    CHECK_INT(take(st, "zonghe", "2026-12-01 09:01", &r), STORE_OK);
    CHECK_INT(store_queue_call_next(st, &li, 3, NULL, &rule, fx_at("2026-12-01 09:10"), &r),
              STORE_OK);
    CHECK_INT(step(st, 3, STORE_QUEUE_SERVE, "2026-12-01 09:11", &r), STORE_OK);
    CHECK_INT(step(st, 3, STORE_QUEUE_FINISH, "2026-12-01 09:25", &r), STORE_OK);
    CHECK_INT(store_queue_call_next(st, &li, 3, NULL, &rule, fx_at("2026-12-01 09:30"), &r),
              STORE_OK);
    CHECK_INT(store_queue_transfer(st, &li, 3, "jiuzhu", &rule, fx_at("2026-12-01 09:31"), &r),
              STORE_OK);

    listed_t l = {0};
    CHECK_INT(store_queue_events(st, 0, 0, keep, &l), STORE_OK);
    CHECK_INT(l.n, 8);
    const char *kinds[] = {"queue_take",     "queue_take",   "queue_call",
                           "queue_serve",    "queue_finish", "queue_call",
                           "queue_transfer", "queue_take"};
    for (int i = 0; i < l.n && i < 8; i++) {
        CHECK_INT(l.rows[i].seq, i + 1);
        CHECK_STR(l.rows[i].kind, kinds[i]);
    }
    CHECK_INT(l.rows[0].counter, 0);
    CHECK_INT(l.rows[0].waited, -1);
    CHECK_STR(l.rows[2].at, "2026-12-01 09:10");
    CHECK_INT(l.rows[2].counter, 3);
    CHECK_INT(l.rows[2].waited, 10);
    CHECK_INT(l.rows[4].served, 14);
    CHECK_INT(l.rows[5].waited, 29);
    CHECK_STR(l.rows[6].to_line, "jiuzhu");
    CHECK_STR(l.rows[6].line_id, "zonghe");
    CHECK_STR(l.rows[7].line_id, "jiuzhu");
    CHECK_STR(l.rows[7].day, "2026-12-01");
    CHECK_STR(l.rows[7].ticket_kind, "walkin");
    /* The batch's limit and its start. */
    l.n = 0;
    CHECK_INT(store_queue_events(st, 5, 2, keep, &l), STORE_OK);
    CHECK_INT(l.n, 2);
    CHECK_INT(l.rows[0].seq, 6);

    long long sent, last, pending;
    CHECK_INT(store_queue_sync_state(st, &sent, &last, &pending), STORE_OK);
    CHECK_INT(sent, 0);
    CHECK_INT(last, 8);
    CHECK_INT(pending, 8);
    CHECK_INT(store_queue_sync_sent(st, 6), STORE_OK);
    CHECK_INT(store_queue_sync_sent(st, 4), STORE_OK); /* a late answer never lowers it */
    CHECK_INT(store_queue_sync_state(st, &sent, &last, &pending), STORE_OK);
    CHECK_INT(sent, 6);
    CHECK_INT(pending, 2);
    /* The booking outbox is another stream: untouched. */
    store_sync_state_t ss;
    CHECK_INT(store_sync_state(st, &ss), STORE_OK);
    CHECK_INT(ss.sent_seq, 0);

    /* Restored from an old backup: the two waiting go after the centre's 20. */
    CHECK_INT((int)store_queue_events_renumber(st, 21), 2);
    CHECK_INT(store_queue_sync_state(st, &sent, &last, &pending), STORE_OK);
    CHECK_INT(sent, 20);
    CHECK_INT(last, 22);
    CHECK_INT(pending, 2);
    l.n = 0;
    CHECK_INT(store_queue_events(st, 20, 0, keep, &l), STORE_OK);
    CHECK_INT(l.n, 2);
    CHECK_STR(l.rows[0].kind, "queue_transfer");
    CHECK_INT(l.rows[1].seq, 22);
    /* The next step's seq follows them; renumbering below is refused. */
    CHECK_INT(take(st, "zonghe", "2026-12-01 09:40", &r), STORE_OK);
    CHECK_INT(raw("stream.db", "SELECT max(seq) FROM queue_events"), 23);
    CHECK((int)store_queue_events_renumber(st, 21) < 0);
    CHECK_INT(raw("stream.db", "SELECT count(*) FROM queue_events"), 9);
    store_close(st);
}

int main(void)
{
    if (fx_dir_make("test_queue_sync", 0))
        return 1;
    RUN(served_across_midnight);
    RUN(event_stream_for_the_centre);
    fx_dir_remove();
    TEST_EXIT();
}
