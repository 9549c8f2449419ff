/* Issue 16 (booking for someone else, no mobile phone, retention) in the
 * store: schema 6's label of the person served and who booked, the limits
 * per person within a household cap, bookings with no phone, the label
 * purged with the phone and never in the outbox, and the 5 -> 6 migration
 * keeping every row. */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "../lib/store_fixture.h"
#include "../unit/test.h"

static const char catalog[] = FX_CATALOG(50);

/* s2 on the n-th day of December 2026, 14:00. */
static const char *s2(int day)
{
    static char id[32];
    snprintf(id, sizeof id, "s2-202612%02d-1400", day);
    return id;
}

static char last[KIOSK_TICKET_SIZE];

static int count_cb(void *ctx, const store_booking_row_t *r)
{
    (void)r;
    ++*(int *)ctx;
    return 0;
}

static int book(store_t *st, int day, const char *phone, const char *label)
{
    rules_t r;
    rules_defaults(&r);
    store_person_t who = {phone, label, "kioskctl"};
    return store_book_person(st, NULL, s2(day), &who, 1, fx_at("2026-11-30 09:00"), &r, fx_gen,
                             NULL, last);
}

static store_t *fresh(const char *name)
{
    rules_t r;
    rules_defaults(&r);
    return fx_store(name, catalog, "catalog.ini", fx_at("2026-11-30 08:00"), &r);
}

/* One phone books for five people (the booker, both parents, a child, a
 * grandparent): each is its own person; the sixth booking is beyond the
 * household cap, whoever it is for. */
static void five_people_one_phone(void)
{
    store_t *st = fresh("house.db");
    CHECK(st != NULL);
    if (!st)
        return;
    const char *phone = "13800000001";
    CHECK_INT(book(st, 1, phone, NULL), STORE_OK);
    CHECK_INT(book(st, 1, phone, "爸爸"), STORE_OK);
    CHECK_INT(book(st, 1, phone, "妈妈"), STORE_OK); /* same session: another person */
    CHECK_INT(book(st, 1, phone, "孩子"), STORE_OK);
    CHECK_INT(book(st, 2, phone, "奶奶"), STORE_OK);
    CHECK_INT(book(st, 3, phone, "爷爷"), RULES_HOUSEHOLD);
    CHECK_INT(book(st, 3, phone, NULL), RULES_HOUSEHOLD);
    /* The same person twice in a session is still a duplicate. */
    CHECK_INT(book(st, 1, phone, "妈妈"), RULES_DUPLICATE);
    CHECK_INT(book(st, 1, phone, NULL), RULES_DUPLICATE);
    /* Another phone is another household. */
    CHECK_INT(book(st, 3, "13900000002", "爷爷"), STORE_OK);
    store_booking_row_t b;
    CHECK_INT(store_get_booking(st, last, &b), STORE_OK);
    CHECK_STR(b.for_label, "爷爷");
    CHECK_STR(b.booked_by, "kioskctl");
    /* Staff find a booking by its label. */
    int n = 0;
    store_booking_filter_t f = {.for_label = "妈妈"};
    CHECK_INT(store_bookings(st, &f, count_cb, &n), STORE_OK);
    CHECK_INT(n, 1);
    store_close(st);
}

/* The per-person limit counts the person, not the phone. */
static void per_person_limit(void)
{
    store_t *st = fresh("person.db");
    CHECK(st != NULL);
    if (!st)
        return;
    const char *phone = "13800000001";
    CHECK_INT(book(st, 1, phone, "奶奶"), STORE_OK);
    CHECK_INT(book(st, 2, phone, "奶奶"), STORE_OK);
    CHECK_INT(book(st, 3, phone, "奶奶"), STORE_OK);
    CHECK_INT(book(st, 4, phone, "奶奶"), RULES_LIMIT);
    CHECK_INT(book(st, 4, phone, "爷爷"), STORE_OK);
    CHECK_INT(book(st, 5, phone, NULL), STORE_OK);
    store_close(st);
}

/* No phone: the label is required, the booking is made with phone NULL,
 * and neither the per-person nor the household count applies to it. */
static void no_phone(void)
{
    store_t *st = fresh("nophone.db");
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(book(st, 1, NULL, NULL), RULES_BAD_PHONE);
    CHECK_INT(book(st, 1, NULL, "13800000001"), RULES_BAD_LABEL);
    for (int i = 0; i < 4; i++)
        CHECK_INT(book(st, 1, NULL, "张奶奶"), STORE_OK);
    store_booking_row_t b;
    CHECK_INT(store_get_booking(st, last, &b), STORE_OK);
    CHECK_STR(b.phone, "");
    CHECK_STR(b.for_label, "张奶奶");
    CHECK_INT(store_checkin(st, last, fx_at("2026-12-01 13:50")), STORE_OK);
    store_close(st);
    sqlite3 *db = fx_raw_open("nophone.db", SQLITE_OPEN_READONLY);
    CHECK(db != NULL);
    if (db) {
        CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM bookings WHERE phone IS NULL"), 4);
        sqlite3_close(db);
    }
}

/* The label is personal data: purged with the phone, never in the outbox
 * (what kiosk-sync sends to the centre). */
static void label_purged_never_sent(void)
{
    store_t *st = fresh("purge.db");
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(book(st, 1, "13800000001", "张奶奶"), STORE_OK);
    CHECK_INT(book(st, 2, NULL, "李爷爷"), STORE_OK);
    CHECK_INT(book(st, 12, "13800000001", "王阿姨"), STORE_OK);
    store_clock_t ck;
    CHECK_INT(store_clock_advance(st, fx_at("2026-12-10 08:00"), 90, &ck), STORE_OK);
    /* Retention 7 days: the sessions of the 1st and 2nd ended more than that ago. */
    CHECK_INT(store_purge_phones(st, fx_at("2026-12-10 08:00"), 7), 2);
    store_close(st);
    sqlite3 *db = fx_raw_open("purge.db", SQLITE_OPEN_READONLY);
    CHECK(db != NULL);
    if (!db)
        return;
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM bookings WHERE for_label IS NOT NULL"), 1);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM bookings WHERE for_label = '王阿姨'"), 1);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM pragma_table_info('outbox')"
                             " WHERE name LIKE '%label%' OR name LIKE '%phone%'"),
              0);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM outbox"), 3);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM outbox WHERE instr(kind || ticket ||"
                             " session_id || service_id || category_id || service_name ||"
                             " date || start || end || capacity || party || status, '王阿姨')"
                             " OR instr(kind || ticket || session_id || service_name ||"
                             " status, '奶奶')"),
              0);
    sqlite3_close(db);
}

/* A file of schema 5 (as a release of it left it: no label columns, the
 * unique index per phone) is migrated to 6 in place with every row kept;
 * its bookings are the bookers' own (label NULL). */
static void migrate_5_to_6(void)
{
    store_t *st = fresh("v5.db");
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(book(st, 1, "13800000001", NULL), STORE_OK);
    CHECK_INT(book(st, 2, "13800000001", NULL), STORE_OK);
    CHECK_INT(book(st, 1, "13800000002", NULL), STORE_OK);
    store_close(st);
    sqlite3 *db = fx_raw_open("v5.db", SQLITE_OPEN_READWRITE);
    CHECK(db != NULL);
    if (!db)
        return;
    CHECK_INT(sqlite3_exec(db,
                           "DROP INDEX bookings_one_per_person;"
                           "ALTER TABLE bookings DROP COLUMN for_label;"
                           "ALTER TABLE bookings DROP COLUMN booked_by;"
                           "CREATE UNIQUE INDEX bookings_one_per_phone ON bookings"
                           " (session_id, phone) WHERE status IN ('booked', 'checked_in');"
                           FX_BEFORE_V8
                           "PRAGMA user_version = 5;",
                           NULL, NULL, NULL),
              SQLITE_OK);
    sqlite3_close(db);

    st = fx_open("v5.db", 0);
    CHECK(st != NULL);
    if (!st)
        return;
    char msg[128];
    CHECK_INT(store_check(st, msg, sizeof msg), STORE_OK);
    CHECK_STR(msg, "ok, schema version 10"); /* and on to 10, through 7 (the outbox's call events) */
    int n = 0;
    CHECK_INT(store_bookings(st, NULL, count_cb, &n), STORE_OK);
    CHECK_INT(n, 3);
    /* The old bookings are their bookers' own: the same person twice is a
     * duplicate, another person in the same session is not. */
    CHECK_INT(book(st, 1, "13800000001", NULL), RULES_DUPLICATE);
    CHECK_INT(book(st, 1, "13800000001", "爸爸"), STORE_OK);
    store_close(st);
    db = fx_raw_open("v5.db", SQLITE_OPEN_READONLY);
    CHECK(db != NULL);
    if (!db)
        return;
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM bookings"), 4);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM bookings WHERE for_label IS NULL"), 3);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM sqlite_schema"
                             " WHERE name = 'bookings_one_per_phone'"),
              0);
    CHECK_INT(fx_raw_int(db, "SELECT CAST(value AS INTEGER) FROM meta"
                             " WHERE key = 'schema_compatible_with'"),
              7); /* 6 kept the floor at 3; 7 raised it */
    /* The index holds for whatever writes the file (a staff shell). */
    CHECK(fx_raw_int(db, "SELECT count(*) FROM sqlite_schema WHERE name ="
                         " 'bookings_one_per_person'") == 1);
    sqlite3_close(db);
}

int main(void)
{
    if (fx_dir_make("kiosk-household-test", 0))
        return 1;
    RUN(five_people_one_phone);
    RUN(per_person_limit);
    RUN(no_phone);
    RUN(label_purged_never_sent);
    RUN(migrate_5_to_6);
    fx_dir_remove();
    TEST_EXIT();
}
