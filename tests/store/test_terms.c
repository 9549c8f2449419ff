/* Issue 20 (courses with terms) in the store: the catalog's [term ID]
 * with its line-numbered errors, the terms and their classes at import
 * (beyond the booking horizon too), an enrolment as one transaction (a
 * generator failing midway, or a class full, leaves nothing), the limits
 * counting an enrolment once, the code standing for today's class, a
 * missed class ending nothing, a drop-out as one transaction (a failure at
 * its end leaves every class held), and the purge of the enrolment's phone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "../../firmware/core/terms.h"
#include "../lib/store_fixture.h"
#include "../unit/test.h"

/* s1 runs on Tuesdays at 09:00 with 3 seats: the term's five classes are
 * 1, 8, 15, 22 and 29 December 2026 (the horizon of 14 days from 30
 * November holds the first two). */
#define TERM_CATALOG(places)                                                                       \
    FX_CATALOG(50) "[term t1]\n"                                                                   \
                   "service = s1\n"                                                                \
                   "name = 冬季班\n"                                                               \
                   "from = 2026-12-01\n"                                                           \
                   "to = 2026-12-31\n"                                                             \
                   "places = " places "\n"                                                         \
                   "ages = 6-12\n"

static const char catalog[] = TERM_CATALOG("2");

static store_t *fresh(const char *name)
{
    rules_t r;
    rules_defaults(&r);
    return fx_store(name, catalog, "catalog.ini", fx_at("2026-11-30 08:00"), &r);
}

static char code[KIOSK_TICKET_SIZE];

static int enrol(store_t *st, const char *phone, const char *label, const char *now, int *classes)
{
    rules_t r;
    rules_defaults(&r);
    store_person_t who = {phone, label, "kioskctl"};
    return store_enrol(st, NULL, "s1", "t1", &who, fx_at(now), &r, fx_gen, NULL, code, classes);
}

static long long count(const char *db, const char *sql)
{
    sqlite3 *d = fx_raw_open(db, SQLITE_OPEN_READWRITE);
    long long n = d ? fx_raw_int(d, sql) : -1;
    sqlite3_close(d);
    return n;
}

static void parse_errors(void)
{
    static const struct {
        const char *tail, *want;
    } cases[] = {
        {"[term t1]\nservice = s9\nname = x\nfrom = 2026-12-01\nto = 2026-12-31\nplaces = 2\n",
         "c.ini:27: unknown service 's9' (no [service s9] in this file)"},
        {"[term t1]\nservice = s1\nname = x\nfrom = 2026-12-01\nto = 2026-11-30\nplaces = 2\n",
         "c.ini:30: the term ends (to) before it starts (from)"},
        {"[term t1]\nservice = s1\nname = x\nfrom = 2026-12-01\nto = 2026-12-31\nplaces = 4\n",
         "c.ini:31: places 4 is more than the 3 seats of the schedule on line 16 (every session "
         "must hold every child of the term)"},
        {"[term t1]\nservice = s1\nname = x\nfrom = 2026-12-02\nto = 2026-12-07\nplaces = 2\n",
         "c.ini:26: [term t1] has no session: service s1 has no schedule on an open day between "
         "its from and to"},
        {"[term t1]\nservice = s1\nname = x\nfrom = 2026-12-01\nplaces = 2\n",
         "c.ini:26: [term t1] is missing the required key 'to'"},
        {"[term t1]\nservice = s1\nteacher = 李老师\n",
         "c.ini:28: unknown key 'teacher' in [term t1] (a term takes service, name, name_en, "
         "from, to, places, ages)"},
        {"[term t1]\nservice = s1\nservice = s2\n", "c.ini:28: duplicate key 'service' (first on line 27)"},
        {"[term t1]\nages = 12-6\n",
         "c.ini:27: ages '12-6' must be a range of years like 6-12 (0..120, the first not above "
         "the second)"},
        {"[term t1]\nplaces = 0\n", "c.ini:27: places '0' must be a whole number of children, 1..10000"},
        {"[term t1]\nfrom = 2026-02-30\n",
         "c.ini:27: bad date '2026-02-30' (use YYYY-MM-DD, a real calendar date)"},
        {"[term]\n", "c.ini:26: [term] needs an id, e.g. [term jieqi-2027-spring]"},
        {"[term t1]\nservice = s1\nname = x\nfrom = 2026-12-01\nto = 2026-12-31\nplaces = 2\n"
         "[term t1]\n",
         "c.ini:32: duplicate term id 't1' (first on line 26)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[4096], err[512];
        catalog_t *cat = NULL;
        snprintf(text, sizeof text, "%s%s", FX_CATALOG(50), cases[i].tail);
        CHECK_INT(catalog_parse(text, strlen(text), "c.ini", &cat, err, sizeof err), -1);
        CHECK_STR(err, cases[i].want);
        catalog_destroy(cat);
    }
    catalog_t *cat = fx_parse(catalog, "c.ini");
    CHECK(cat != NULL);
    if (!cat)
        return;
    const catalog_term_t *t = catalog_find_term(cat, "t1");
    CHECK(t != NULL);
    if (t) {
        CHECK_STR(t->name.en, "冬季班"); /* no English: the Chinese */
        CHECK_INT(t->places, 2);
        CHECK_INT(t->age_min * 100 + t->age_max, 612);
        sched_session_t *ss = NULL;
        CHECK_INT(terms_sessions(cat, t, &ss), 5);
        if (ss)
            CHECK_STR(ss[4].id, "s1-20261229-0900");
        free(ss);
    }
    catalog_destroy(cat);
    char w[64];
    terms_class_of(3, 12, 0, w, sizeof w);
    CHECK_STR(w, "第3次课 / 共12次");
}

static void import_and_enrol(void)
{
    store_t *st = fresh("enrol.db");
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(count("enrol.db", "SELECT count(*) FROM sessions WHERE service_id = 's1'"), 5);
    CHECK_INT(count("enrol.db", "SELECT count(*) FROM terms WHERE id = 't1' AND places = 2"
                                " AND age_min = 6 AND age_max = 12"),
              1);
    int classes = 0;
    CHECK_INT(enrol(st, "13800000001", "孩子", "2026-11-30 09:00", &classes), STORE_OK);
    CHECK_INT(classes, 5);
    CHECK_INT(count("enrol.db", "SELECT count(*) FROM bookings WHERE enrolment IS NOT NULL"
                                " AND status = 'booked' AND party = 1 AND for_label = '孩子'"),
              5);
    /* Each class: one created event in the outbox, as a booking's. */
    CHECK_INT(count("enrol.db", "SELECT count(*) FROM outbox WHERE kind = 'created'"), 5);
    store_enrolment_row_t e;
    CHECK_INT(store_enrolment_get(st, code, fx_at("2026-12-01 12:00"), &e), STORE_OK);
    CHECK_STR(e.status, "enrolled");
    CHECK_INT(e.classes, 5);
    CHECK_INT(e.held, 1);
    CHECK_STR(e.next_date, "2026-12-08");
    /* The same person twice: refused, nothing written. */
    CHECK_INT(enrol(st, "13800000001", "孩子", "2026-11-30 09:00", NULL), RULES_DUPLICATE);
    /* Late: the first class is past its cut-off, the other four are held. */
    CHECK_INT(enrol(st, "13800000002", "孙子", "2026-12-01 08:45", &classes), STORE_OK);
    CHECK_INT(classes, 4);
    /* The term's two places are taken. */
    CHECK_INT(enrol(st, "13800000003", "孙女", "2026-12-01 08:45", NULL), RULES_FULL);
    CHECK_INT(count("enrol.db", "SELECT count(*) FROM enrolments"), 2);
    /* No class left. */
    CHECK_INT(enrol(st, "13800000004", "外孙", "2026-12-29 09:00", NULL), RULES_TOO_LATE);
    store_close(st);
}

/* A generator that gives up after a few codes: the enrolment fails midway. */
typedef struct flaky {
    int left;
} flaky_t;
static int flaky_gen(void *ctx, char out[KIOSK_TICKET_SIZE])
{
    flaky_t *f = ctx;
    if (f->left-- <= 0)
        return -1;
    return fx_gen(NULL, out);
}

static void all_or_nothing(void)
{
    store_t *st = fresh("atomic.db");
    CHECK(st != NULL);
    if (!st)
        return;
    rules_t r;
    rules_defaults(&r);
    store_person_t who = {"13800000001", "孩子", "kioskctl"};
    /* The enrolment's code and three classes' codes, then the generator fails. */
    flaky_t f = {4};
    CHECK_INT(store_enrol(st, NULL, NULL, "t1", &who, fx_at("2026-11-30 09:00"), &r, flaky_gen, &f,
                          code, NULL),
              STORE_ERROR);
    CHECK_STR(code, "");
    CHECK_INT(count("atomic.db", "SELECT count(*) FROM bookings"), 0);
    CHECK_INT(count("atomic.db", "SELECT count(*) FROM enrolments"), 0);
    CHECK_INT(count("atomic.db", "SELECT count(*) FROM outbox"), 0);
    /* A class full of single bookings (3 seats on 15 December). */
    char t[KIOSK_TICKET_SIZE];
    for (int i = 0; i < 3; i++) {
        char phone[16];
        snprintf(phone, sizeof phone, "1390000000%d", i);
        CHECK_INT(store_book(st, "s1-20261215-0900", phone, 1, fx_at("2026-11-30 09:00"), &r,
                             fx_gen, NULL, t),
                  STORE_OK);
    }
    CHECK_INT(enrol(st, "13800000001", "孩子", "2026-11-30 09:00", NULL), RULES_FULL);
    CHECK_INT(count("atomic.db", "SELECT count(*) FROM bookings"), 3);
    CHECK_INT(count("atomic.db", "SELECT count(*) FROM enrolments"), 0);
    store_close(st);
}

static void limits_count_once(void)
{
    store_t *st = fresh("limits.db");
    CHECK(st != NULL);
    if (!st)
        return;
    rules_t r;
    rules_defaults(&r); /* 3 a person, 5 a household */
    const char *phone = "13800000001";
    CHECK_INT(enrol(st, phone, "孩子", "2026-11-30 09:00", NULL), STORE_OK);
    store_person_t kid = {phone, "孩子", "kioskctl"};
    char t[KIOSK_TICKET_SIZE];
    long long now = fx_at("2026-11-30 09:00");
    CHECK_INT(store_book_person(st, NULL, "s2-20261201-1400", &kid, 1, now, &r, fx_gen, NULL, t),
              STORE_OK);
    CHECK_INT(store_book_person(st, NULL, "s2-20261202-1400", &kid, 1, now, &r, fx_gen, NULL, t),
              STORE_OK);
    CHECK_INT(store_book_person(st, NULL, "s2-20261203-1400", &kid, 1, now, &r, fx_gen, NULL, t),
              RULES_LIMIT);
    /* The household (5): the enrolment, the child's two bookings, the mother's. */
    store_person_t mum = {phone, "妈妈", "kioskctl"};
    CHECK_INT(store_book_person(st, NULL, "s2-20261204-1400", &mum, 1, now, &r, fx_gen, NULL, t),
              STORE_OK);
    CHECK_INT(store_book_person(st, NULL, "s2-20261205-1400", &mum, 1, now, &r, fx_gen, NULL, t),
              STORE_OK); /* 5 in the household: the enrolment is one */
    CHECK_INT(store_book_person(st, NULL, "s2-20261206-1400", &mum, 1, now, &r, fx_gen, NULL, t),
              RULES_HOUSEHOLD);
    CHECK_INT(enrol(st, phone, "孙女", "2026-11-30 09:00", NULL), RULES_HOUSEHOLD);
    store_close(st);
}

static void checkin_and_no_show(void)
{
    store_t *st = fresh("attend.db");
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(enrol(st, "13800000001", "孩子", "2026-11-30 09:00", NULL), STORE_OK);
    char b1[KIOSK_TICKET_SIZE], b2[KIOSK_TICKET_SIZE];
    int nth = 0, total = 0;
    /* On 8 December the code is that day's class, the second of five. */
    CHECK_INT(store_enrolment_booking(st, code, fx_at("2026-12-08 08:50"), b2, &nth, &total),
              STORE_OK);
    CHECK_INT(nth * 10 + total, 25);
    CHECK_INT(store_enrolment_booking(st, code, fx_at("2026-12-01 08:50"), b1, &nth, &total),
              STORE_OK);
    CHECK_INT(nth, 1);
    CHECK(strcmp(b1, b2) != 0);
    /* Between classes: the next one (check-in then says not today). */
    char bn[KIOSK_TICKET_SIZE];
    CHECK_INT(store_enrolment_booking(st, code, fx_at("2026-12-03 10:00"), bn, &nth, NULL),
              STORE_OK);
    CHECK_STR(bn, b2);
    CHECK_INT(store_enrolment_booking(st, "NOSUCHCD", fx_at("2026-12-03 10:00"), bn, NULL, NULL),
              RULES_NOT_FOUND);
    /* Missed: a no-show ends nothing. */
    CHECK_INT(store_no_show(st, b1, fx_at("2026-12-01 11:00")), STORE_OK);
    CHECK_INT(store_checkin(st, b2, fx_at("2026-12-08 08:50")), STORE_OK);
    store_enrolment_row_t e;
    CHECK_INT(store_enrolment_get(st, code, fx_at("2026-12-08 12:00"), &e), STORE_OK);
    CHECK_STR(e.status, "enrolled");
    CHECK_INT(e.attended * 10 + e.held, 12);
    CHECK_STR(e.next_date, "2026-12-15");
    CHECK_INT(store_enrolment_class(st, b2, &nth, &total), STORE_OK);
    CHECK_INT(nth * 10 + total, 25);
    store_close(st);
}

static void drop_is_one_transaction(void)
{
    store_t *st = fresh("drop.db");
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(enrol(st, "13800000001", "孩子", "2026-11-30 09:00", NULL), STORE_OK);
    /* A failure at the end of the drop (a staff shell's trigger refusing
     * the enrolment's change) leaves every class held. */
    sqlite3 *db = fx_raw_open("drop.db", SQLITE_OPEN_READWRITE);
    CHECK(db != NULL);
    if (!db)
        return;
    CHECK_INT(sqlite3_exec(db,
                           "CREATE TRIGGER no_drop BEFORE UPDATE OF status ON enrolments"
                           " BEGIN SELECT RAISE(ABORT, 'not now'); END;",
                           NULL, NULL, NULL),
              SQLITE_OK);
    int freed = -1;
    CHECK_INT(store_drop(st, "kioskctl", code, fx_at("2026-12-02 10:00"), &freed), STORE_ERROR);
    CHECK_INT(freed, 0);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM bookings WHERE status = 'booked'"), 5);
    CHECK_INT(sqlite3_exec(db, "DROP TRIGGER no_drop", NULL, NULL, NULL), SQLITE_OK);
    CHECK_INT(store_drop(st, "kioskctl", code, fx_at("2026-12-02 10:00"), &freed), STORE_OK);
    CHECK_INT(freed, 4);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM bookings WHERE status = 'cancelled'"
                             " AND cancelled_by = 'kioskctl'"),
              4);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM outbox WHERE kind = 'cancelled'"), 4);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM audit WHERE action = 'cancel'"), 4);
    CHECK_INT(store_drop(st, "kioskctl", code, fx_at("2026-12-02 10:00"), NULL), RULES_BAD_STATE);
    CHECK_INT(store_drop(st, "kioskctl", "NOSUCHCD", fx_at("2026-12-02 10:00"), NULL),
              RULES_NOT_FOUND);
    /* The freed place is there for another child. */
    CHECK_INT(enrol(st, "13800000002", "孙子", "2026-12-02 10:00", NULL), STORE_OK);
    sqlite3_close(db);
    /* The purge: once its last class is past the retention, the
     * enrolment's phone and label go with its bookings'. */
    CHECK(store_purge_phones(st, fx_at("2027-04-30 10:00"), 90) > 0);
    CHECK_INT(count("drop.db", "SELECT count(*) FROM enrolments WHERE phone IS NOT NULL"
                               " OR for_label IS NOT NULL"),
              0);
    store_close(st);
}

int main(void)
{
    if (fx_dir_make("kiosk-terms-test", 0))
        return 1;
    RUN(parse_errors);
    RUN(import_and_enrol);
    RUN(all_or_nothing);
    RUN(limits_count_once);
    RUN(checkin_and_no_show);
    RUN(drop_is_one_transaction);
    fx_dir_remove();
    TEST_EXIT();
}
