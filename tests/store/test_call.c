/* Issue 17, call staff, in the store: one call per visit while nobody
 * acknowledged it (two connections, as a restarted kiosk or kioskctl
 * would be), only a screen id and never anything typed, acknowledged
 * once with its audit row, repeated to staff when due, and only then. */
#include <stdio.h>
#include <string.h>

#include "../lib/store_fixture.h"
#include "../unit/test.h"

static const char catalog[] = FX_CATALOG(50);

typedef struct {
    int n;
    store_call_row_t row[8];
} calls_t;

static int take(void *ctx, const store_call_row_t *r)
{
    calls_t *c = ctx;
    if (c->n < 8)
        c->row[c->n++] = *r;
    return 0;
}

static int open_calls(store_t *st)
{
    calls_t c = {0};
    return store_calls(st, 1, take, &c) == STORE_OK ? c.n : -1;
}

static void one_call_a_visit(void)
{
    rules_t r;
    rules_defaults(&r);
    store_t *a = fx_store("call.db", catalog, "c.ini", fx_at("2026-11-30 08:00"), &r);
    store_t *b = fx_open("call.db", 0);
    CHECK(a && b);
    if (!a || !b)
        goto out;
    store_origin_t lobby7 = {"lobby", 7}, lobby8 = {"lobby", 8}, hall7 = {"hall", 7};
    long long id = 0, again = 0;
    int created = -1;
    CHECK_INT(store_call_add(a, &lobby7, "slots", fx_at("2026-11-30 09:00"), &id, &created),
              STORE_OK);
    CHECK(id > 0);
    CHECK_INT(created, 1);
    /* A second press in the visit, through another connection: the same. */
    CHECK_INT(store_call_add(b, &lobby7, "phone", fx_at("2026-11-30 09:01"), &again, &created),
              STORE_OK);
    CHECK(again == id);
    CHECK_INT(created, 0);
    CHECK_INT(open_calls(a), 1);
    /* Another visit, another kiosk: calls of their own. */
    CHECK_INT(store_call_add(a, &lobby8, "home", fx_at("2026-11-30 09:02"), NULL, &created),
              STORE_OK);
    CHECK_INT(created, 1);
    CHECK_INT(store_call_add(a, &hall7, "home", fx_at("2026-11-30 09:02"), NULL, &created),
              STORE_OK);
    CHECK_INT(created, 1);
    calls_t c = {0};
    CHECK_INT(store_calls(b, 1, take, &c), STORE_OK);
    CHECK_INT(c.n, 3);
    CHECK_STR(c.row[2].kiosk, "lobby"); /* newest first */
    CHECK_STR(c.row[2].screen, "slots");
    CHECK_STR(c.row[2].at, "2026-11-30 09:00");
    CHECK_INT(c.row[2].alerts, 1);
    CHECK_STR(c.row[2].acked_at, "");
    /* Only a screen id: digits (a phone number typed by mistake) and
     * anything else are refused, by the store and by the table's CHECK. */
    CHECK_INT(store_call_add(a, &lobby8, "13812345678", fx_at("2026-11-30 09:03"), NULL, NULL),
              STORE_ERROR);
    CHECK_INT(store_call_add(a, &lobby8, "", fx_at("2026-11-30 09:03"), NULL, NULL), STORE_ERROR);
    sqlite3 *db = fx_raw_open("call.db", SQLITE_OPEN_READWRITE);
    CHECK(db != NULL);
    if (db) {
        CHECK(sqlite3_exec(db,
                           "INSERT INTO calls (kiosk, at, screen, alerted_at)"
                           " VALUES ('x', '2026-11-30 09:00', 'phone 13812345678', 'x')",
                           NULL, NULL, NULL) == SQLITE_CONSTRAINT);
        sqlite3_close(db);
    }
    /* Acknowledged once, audited under the staff member's name. */
    CHECK_INT(store_call_ack(b, "王芳", id, fx_at("2026-11-30 09:10")), STORE_OK);
    CHECK_INT(store_call_ack(a, "王芳", id, fx_at("2026-11-30 09:11")), RULES_BAD_STATE);
    CHECK_INT(store_call_ack(a, "王芳", 999, fx_at("2026-11-30 09:11")), RULES_NOT_FOUND);
    CHECK_INT(store_call_ack(a, "", id + 1, fx_at("2026-11-30 09:11")), STORE_ERROR);
    CHECK_INT(open_calls(a), 2);
    memset(&c, 0, sizeof c);
    CHECK_INT(store_calls(a, 0, take, &c), STORE_OK);
    CHECK_INT(c.n, 3);
    CHECK_STR(c.row[2].acked_at, "2026-11-30 09:10");
    CHECK_STR(c.row[2].acked_by, "王芳");
    db = fx_raw_open("call.db", SQLITE_OPEN_READONLY);
    if (db) {
        CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM audit WHERE action = 'call_ack'"
                                 " AND staff = '王芳' AND detail LIKE 'call % from lobby on slots%'"),
                  1);
        sqlite3_close(db);
    }
    /* After the acknowledgement the visit's next press is a new call. */
    CHECK_INT(store_call_add(a, &lobby7, "ticket", fx_at("2026-11-30 09:20"), &again, &created),
              STORE_OK);
    CHECK_INT(created, 1);
    CHECK(again != id);
out:
    store_close(a);
    store_close(b);
}

static void repeats_when_due(void)
{
    rules_t r;
    rules_defaults(&r);
    store_t *st = fx_store("due.db", catalog, "c.ini", fx_at("2026-11-30 08:00"), &r);
    CHECK(st != NULL);
    if (!st)
        return;
    store_origin_t o = {"lobby", 1}, other = {"hall", 1};
    long long id = 0;
    CHECK_INT(store_call_add(st, &o, "slots", fx_at("2026-11-30 09:00"), &id, NULL), STORE_OK);
    CHECK_INT(store_call_add(st, &other, "home", fx_at("2026-11-30 09:00"), NULL, NULL), STORE_OK);
    calls_t c = {0};
    /* Four minutes on: not due at five. */
    CHECK_INT(store_calls_due(st, "lobby", fx_at("2026-11-30 09:04"), 5, take, &c), STORE_OK);
    CHECK_INT(c.n, 0);
    /* Five: due, this kiosk's only, counted and stamped. */
    CHECK_INT(store_calls_due(st, "lobby", fx_at("2026-11-30 09:05"), 5, take, &c), STORE_OK);
    CHECK_INT(c.n, 1);
    CHECK(c.row[0].id == id);
    CHECK_INT(c.row[0].alerts, 2);
    CHECK_STR(c.row[0].alerted_at, "2026-11-30 09:05");
    /* The next repeat counts from the last alert. */
    c.n = 0;
    CHECK_INT(store_calls_due(st, "lobby", fx_at("2026-11-30 09:09"), 5, take, &c), STORE_OK);
    CHECK_INT(c.n, 0);
    CHECK_INT(store_calls_due(st, "lobby", fx_at("2026-11-30 09:10"), 5, take, &c), STORE_OK);
    CHECK_INT(c.n, 1);
    CHECK_INT(c.row[0].alerts, 3);
    /* Acknowledged: never again. 0 minutes: never repeated. */
    CHECK_INT(store_call_ack(st, "王芳", id, fx_at("2026-11-30 09:11")), STORE_OK);
    c.n = 0;
    CHECK_INT(store_calls_due(st, "lobby", fx_at("2026-11-30 10:00"), 5, take, &c), STORE_OK);
    CHECK_INT(c.n, 0);
    CHECK_INT(store_calls_due(st, "hall", fx_at("2026-11-30 10:00"), 0, take, &c), STORE_OK);
    CHECK_INT(c.n, 0);
    store_close(st);
}

int main(void)
{
    if (fx_dir_make("kiosk-call-test", 0))
        return 1;
    RUN(one_call_a_visit);
    RUN(repeats_when_due);
    fx_dir_remove();
    TEST_EXIT();
}
