/* Issue 17, call staff, in the store: one call per visit while nobody
 * acknowledged it (two connections, as a restarted kiosk or kioskctl
 * would be), only a screen id and never anything typed, acknowledged
 * once with its audit row, repeated to staff when due, and only then.
 * Schema 7: each call and its acknowledgement is an outbox event for the
 * centre, written in the call's own transaction (no call without its
 * event, no event without its call), and the 6 -> 7 migration keeps every
 * event with its number. */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

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

/* The outbox's call events as "seq kind at kiosk call_id screen staff
 * ticket-is-null" lines, one per row, into out. */
static void call_events(sqlite3 *db, char *out, size_t size)
{
    fx_raw_text(db,
                "SELECT group_concat(seq || ' ' || kind || ' ' || at || ' ' || kiosk || ' ' ||"
                " call_id || ' ' || screen || ' ' || COALESCE(staff, '-') || ' ' ||"
                " (COALESCE(ticket, session_id, service_name, party, status) IS NULL), '|')"
                " FROM (SELECT * FROM outbox WHERE kind IN ('call', 'call_ack') ORDER BY seq)",
                out, size);
}

/* A call writes its event in its own transaction, an acknowledgement
 * its call_ack; a second press writes nothing. A failure of either
 * insert (a trigger made to fail, as a full disk or a bug would) leaves
 * neither the call nor the event. */
static void call_events_atomic(void)
{
    rules_t r;
    rules_defaults(&r);
    store_t *st = fx_store("events.db", catalog, "c.ini", fx_at("2026-11-30 08:00"), &r);
    CHECK(st != NULL);
    if (!st)
        return;
    store_origin_t lobby = {"lobby", 3};
    long long id = 0, before = 0;
    sqlite3 *db = fx_raw_open("events.db", SQLITE_OPEN_READWRITE);
    CHECK(db != NULL);
    if (!db)
        goto out;
    before = fx_raw_int(db, "SELECT COALESCE(max(seq), 0) FROM outbox");
    CHECK_INT(store_call_add(st, &lobby, "phone", fx_at("2026-11-30 09:00"), &id, NULL), STORE_OK);
    CHECK_INT(store_call_add(st, &lobby, "confirm", fx_at("2026-11-30 09:01"), NULL, NULL),
              STORE_OK);
    CHECK_INT(store_call_ack(st, "王芳", id, fx_at("2026-11-30 09:04")), STORE_OK);
    char got[512], want[512];
    call_events(db, got, sizeof got);
    snprintf(want, sizeof want,
             "%lld call 2026-11-30 09:00 lobby %lld phone - 1|"
             "%lld call_ack 2026-11-30 09:04 lobby %lld phone 王芳 1",
             before + 1, id, before + 2, id);
    CHECK_STR(got, want);

    /* The call's insert fails: no event either. */
    long long events = fx_raw_int(db, "SELECT count(*) FROM outbox");
    CHECK_INT(sqlite3_exec(db,
                           "CREATE TRIGGER no_calls BEFORE INSERT ON calls"
                           " BEGIN SELECT RAISE(ABORT, 'calls full'); END",
                           NULL, NULL, NULL),
              SQLITE_OK);
    CHECK_INT(store_call_add(st, &lobby, "home", fx_at("2026-11-30 09:10"), NULL, NULL),
              STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "calls full") != NULL);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM outbox"), events);
    CHECK_INT(sqlite3_exec(db, "DROP TRIGGER no_calls", NULL, NULL, NULL), SQLITE_OK);

    /* The event's insert fails: no call, no acknowledgement either. */
    long long calls = fx_raw_int(db, "SELECT count(*) FROM calls");
    CHECK_INT(store_call_add(st, &lobby, "slots", fx_at("2026-11-30 09:11"), &id, NULL), STORE_OK);
    CHECK_INT(sqlite3_exec(db,
                           "CREATE TRIGGER no_events BEFORE INSERT ON outbox"
                           " BEGIN SELECT RAISE(ABORT, 'outbox full'); END",
                           NULL, NULL, NULL),
              SQLITE_OK);
    store_origin_t hall = {"hall", 1};
    CHECK_INT(store_call_add(st, &hall, "home", fx_at("2026-11-30 09:12"), NULL, NULL),
              STORE_ERROR);
    CHECK(strstr(store_errmsg(st), "outbox full") != NULL);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM calls"), calls + 1);
    CHECK_INT(store_call_ack(st, "王芳", id, fx_at("2026-11-30 09:13")), STORE_ERROR);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM calls WHERE acked_at IS NOT NULL"), 1);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM audit WHERE action = 'call_ack'"), 1);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM outbox"), events + 1);
    CHECK_INT(sqlite3_exec(db, "DROP TRIGGER no_events", NULL, NULL, NULL), SQLITE_OK);

    /* The table holds the two shapes apart, whoever writes: a call event
     * with a ticket, or a booking event without one, is refused. */
    CHECK(sqlite3_exec(db,
                       "INSERT INTO outbox (kind, at, kiosk, call_id, screen, ticket)"
                       " VALUES ('call', '2026-11-30 09:20', 'lobby', 9, 'home', 'ABCDEFGH')",
                       NULL, NULL, NULL) == SQLITE_CONSTRAINT);
    CHECK(sqlite3_exec(db,
                       "INSERT INTO outbox (kind, at, kiosk, call_id, screen)"
                       " VALUES ('call', '2026-11-30 09:20', 'lobby', 9, '13812345678')",
                       NULL, NULL, NULL) == SQLITE_CONSTRAINT);
    CHECK(sqlite3_exec(db,
                       "INSERT INTO outbox (kind, at, kiosk, call_id, screen)"
                       " VALUES ('created', '2026-11-30 09:20', 'lobby', 9, 'home')",
                       NULL, NULL, NULL) == SQLITE_CONSTRAINT);
out:
    sqlite3_close(db);
    store_close(st);
}

/* The outbox as a release of schema 6 left it (schema_v3's table). */
#define OUTBOX_V6                                                                                  \
    "CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL"               \
    " CHECK (kind IN ('created', 'cancelled', 'checked_in', 'no_show', 'attended')),"              \
    " at TEXT NOT NULL, ticket TEXT NOT NULL, session_id TEXT NOT NULL,"                           \
    " service_id TEXT NOT NULL, category_id TEXT NOT NULL, service_name TEXT NOT NULL,"            \
    " date TEXT NOT NULL, start TEXT NOT NULL, end TEXT NOT NULL, capacity INTEGER NOT NULL,"      \
    " party INTEGER NOT NULL, status TEXT NOT NULL);"

#define OUTBOX_ALL                                                                                 \
    "SELECT group_concat(line, '|') FROM (SELECT seq || kind || at || ticket || session_id ||"     \
    " service_id || category_id || service_name || date || start || end || capacity || party ||"   \
    " status AS line FROM outbox ORDER BY seq)"

/* A file of schema 6 (its outbox without call columns, some events sent,
 * the counter past the last row as after a renumbering) is migrated to 7
 * with every event kept under its number, sent_seq as it was, the counter
 * never going back, and the floor raised to 7. */
static void migrate_6_to_7(void)
{
    rules_t r;
    rules_defaults(&r);
    store_t *st = fx_store("v6.db", catalog, "c.ini", fx_at("2026-11-30 08:00"), &r);
    CHECK(st != NULL);
    if (!st)
        return;
    char t[KIOSK_TICKET_SIZE];
    CHECK_INT(store_book(st, "s2-20261201-1400", "13800000001", 2, fx_at("2026-11-30 09:00"), &r,
                         fx_gen, NULL, t),
              STORE_OK);
    CHECK_INT(store_book(st, "s2-20261202-1400", "13800000002", 1, fx_at("2026-11-30 09:05"), &r,
                         fx_gen, NULL, t),
              STORE_OK);
    CHECK_INT(store_cancel(st, t, fx_at("2026-11-30 09:06")), STORE_OK);
    store_close(st);
    sqlite3 *db = fx_raw_open("v6.db", SQLITE_OPEN_READWRITE);
    CHECK(db != NULL);
    if (!db)
        return;
    CHECK_INT(sqlite3_exec(db,
                           "ALTER TABLE outbox RENAME TO outbox_old;" OUTBOX_V6
                           "INSERT INTO outbox SELECT seq, kind, at, ticket, session_id,"
                           " service_id, category_id, service_name, date, start, end, capacity,"
                           " party, status FROM outbox_old;"
                           "DROP TABLE outbox_old;"
                           "UPDATE sqlite_sequence SET seq = 40 WHERE name = 'outbox';"
                           "UPDATE sync SET sent_seq = 2;"
                           "UPDATE meta SET value = '3' WHERE key = 'schema_compatible_with';"
                           FX_BEFORE_V8
                           "PRAGMA user_version = 6;",
                           NULL, NULL, NULL),
              SQLITE_OK);
    char before[1024];
    fx_raw_text(db, OUTBOX_ALL, before, sizeof before);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM outbox"), 3);
    sqlite3_close(db);

    st = fx_open("v6.db", 0);
    CHECK(st != NULL);
    if (!st)
        return;
    char msg[128];
    CHECK_INT(store_check(st, msg, sizeof msg), STORE_OK);
    CHECK_STR(msg, "ok, schema version 10");
    store_sync_state_t ss;
    CHECK_INT(store_sync_state(st, &ss), STORE_OK);
    CHECK_INT((int)ss.sent_seq, 2);
    CHECK_INT((int)ss.pending, 1);
    store_origin_t lobby = {"lobby", 1};
    CHECK_INT(store_call_add(st, &lobby, "home", fx_at("2026-11-30 10:00"), NULL, NULL), STORE_OK);
    store_close(st);
    db = fx_raw_open("v6.db", SQLITE_OPEN_READONLY);
    CHECK(db != NULL);
    if (!db)
        return;
    char after[1024];
    fx_raw_text(db, OUTBOX_ALL, after, sizeof after); /* the call's row adds NULL: not in it */
    CHECK_STR(after, before);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM outbox WHERE kind <> 'call'"), 3);
    /* The next number is past the counter, not past the last row. */
    CHECK_INT(fx_raw_int(db, "SELECT seq FROM outbox WHERE kind = 'call'"), 41);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'outbox_v7'"), 0);
    CHECK_INT(fx_raw_int(db, "SELECT CAST(value AS INTEGER) FROM meta"
                             " WHERE key = 'schema_compatible_with'"),
              7);
    sqlite3_close(db);
}

int main(void)
{
    if (fx_dir_make("kiosk-call-test", 0))
        return 1;
    RUN(one_call_a_visit);
    RUN(repeats_when_due);
    RUN(call_events_atomic);
    RUN(migrate_6_to_7);
    fx_dir_remove();
    TEST_EXIT();
}
