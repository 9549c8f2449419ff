/* Checking in what a resident presents (app/checkin.c), the one place the
 * kiosk's scanner, its check-in keypad and kioskctl share: a ticket checks
 * in on its session's day only, once, and a payload needs its MAC. Issue
 * 24's mutants: checking in on a later or an earlier day passed every test. */
#include "../../firmware/app/checkin.h"
#include "../lib/store_fixture.h"
#include "../unit/test.h"

static const char catalog_a[] = FX_CATALOG(6);
/* Tuesday 2026-12-01 14:00, s2. */
#define S2_DEC01 "s2-20261201-1400"

static const ticket_key_t key = {{1, 2, 3, 4, 5, 6, 7, 8}};

static store_t *booked(const char *name, char ticket[KIOSK_TICKET_SIZE])
{
    rules_t r;
    rules_defaults(&r);
    store_t *st = fx_store(name, catalog_a, "a.ini", fx_at("2026-11-30 08:00"), &r);
    if (st && store_book(st, S2_DEC01, "13800000001", 2, fx_at("2026-11-30 08:00"), &r, fx_gen,
                         NULL, ticket) != STORE_OK) {
        store_close(st);
        return NULL;
    }
    return st;
}

static void only_on_the_sessions_day(void)
{
    char t[KIOSK_TICKET_SIZE];
    store_t *st = booked("today.db", t);
    CHECK(st != NULL);
    if (!st)
        return;
    checkin_outcome_t o;
    /* The day before and the day after: refused, the booking untouched. */
    CHECK_INT(checkin_present(st, &key, t, fx_at("2026-11-30 14:00"), &o), RULES_NOT_TODAY);
    CHECK_INT(o.found, 1);
    CHECK_STR(o.booking.status, "booked");
    CHECK_INT(checkin_present(st, &key, t, fx_at("2026-12-02 09:00"), &o), RULES_NOT_TODAY);
    CHECK_STR(o.booking.status, "booked");
    CHECK_INT(checkin_present(st, &key, t, fx_at("2026-12-08 14:00"), &o), RULES_NOT_TODAY);
    /* The session's day, early in the morning: checked in, once. */
    CHECK_INT(checkin_present(st, &key, t, fx_at("2026-12-01 00:01"), &o), RULES_OK);
    CHECK_STR(o.booking.status, "checked_in");
    CHECK_INT(checkin_present(st, &key, t, fx_at("2026-12-01 13:50"), &o), RULES_BAD_STATE);
    CHECK_STR(o.booking.status, "checked_in");
    store_close(st);
}

static void a_payload_needs_its_mac(void)
{
    char t[KIOSK_TICKET_SIZE], p[TICKET_PAYLOAD_LEN + 1];
    store_t *st = booked("payload.db", t);
    CHECK(st != NULL);
    if (!st)
        return;
    checkin_outcome_t o;
    ticket_payload_make(&key, t, p);
    char forged[TICKET_PAYLOAD_LEN + 1];
    memcpy(forged, p, sizeof p);
    forged[TICKET_PAYLOAD_LEN - 1] = forged[TICKET_PAYLOAD_LEN - 1] == 'A' ? 'B' : 'A';
    CHECK_INT(checkin_present(st, &key, forged, fx_at("2026-12-01 13:50"), &o), RULES_FORGED);
    CHECK_INT(o.found, 0);
    CHECK_INT(checkin_present(st, &key, "ZZZZ-ZZZZ", fx_at("2026-12-01 13:50"), &o),
              RULES_NOT_FOUND);
    CHECK_INT(checkin_present(st, &key, p, fx_at("2026-12-01 13:50"), &o), RULES_OK);
    CHECK_STR(o.booking.status, "checked_in");
    CHECK_STR(o.booking.ticket, t);
    store_close(st);
}

/* i16checkin: the kiosk's check-in keypad (checkin_typed): the code and
 * the last four digits of the booking's phone; a booking with no phone
 * (NULL: issue 16's no-phone bookings, inserted here by hand) by its
 * party. A wrong factor is refused, tells nothing of the booking, and
 * leaves it booked; a payload typed on the keypad is no way round it. */
static void typed_needs_the_second_factor(void)
{
    char t[KIOSK_TICKET_SIZE], p[TICKET_PAYLOAD_LEN + 1];
    store_t *st = booked("typed.db", t);
    CHECK(st != NULL);
    if (!st)
        return;
    checkin_outcome_t o;
    long long at = fx_at("2026-12-01 13:50");
    CHECK_INT(checkin_typed(st, t, "0002", at, &o), RULES_FACTOR_WRONG);
    CHECK_INT(o.found, 0);
    CHECK_STR(o.booking.ticket, "");
    CHECK_INT(checkin_typed(st, t, "2", at, &o), RULES_FACTOR_WRONG); /* its party: not enough */
    CHECK_INT(checkin_typed(st, t, "", at, &o), RULES_FACTOR_WRONG);
    CHECK_INT(checkin_typed(st, t, NULL, at, &o), RULES_FACTOR_WRONG);
    ticket_payload_make(&key, t, p);
    CHECK_INT(checkin_typed(st, p, "0001", at, &o), RULES_NOT_FOUND);
    CHECK_INT(checkin_typed(st, "ZZZZ-ZZZZ", "0001", at, &o), RULES_NOT_FOUND);
    CHECK_INT(checkin_present(st, &key, t, fx_at("2026-11-30 14:00"), &o), RULES_NOT_TODAY);
    CHECK_STR(o.booking.status, "booked");
    CHECK_INT(checkin_typed(st, t, "0001", at, &o), RULES_OK);
    CHECK_STR(o.booking.status, "checked_in");
    store_close(st);

    /* No phone: the party size. */
    st = booked("nophone.db", t);
    CHECK(st != NULL);
    if (!st)
        return;
    store_close(st);
    sqlite3 *db = fx_raw_open("nophone.db", SQLITE_OPEN_READWRITE);
    CHECK(db != NULL);
    if (!db)
        return;
    CHECK_INT(sqlite3_exec(db, "UPDATE bookings SET phone = NULL, party = 3", NULL, NULL, NULL),
              SQLITE_OK);
    CHECK_INT(fx_raw_int(db, "SELECT count(*) FROM bookings WHERE phone IS NULL AND party = 3"), 1);
    sqlite3_close(db);
    st = fx_open("nophone.db", 0);
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(checkin_typed(st, t, "0001", at, &o), RULES_FACTOR_WRONG);
    CHECK_INT(checkin_typed(st, t, "2", at, &o), RULES_FACTOR_WRONG);
    CHECK_INT(checkin_typed(st, t, "3", at, &o), RULES_OK);
    CHECK_STR(o.booking.status, "checked_in");
    store_close(st);
}

int main(void)
{
    if (fx_dir_make("kiosk-checkin-test", 0))
        return 1;
    RUN(only_on_the_sessions_day);
    RUN(a_payload_needs_its_mac);
    RUN(typed_needs_the_second_factor);
    fx_dir_remove();
    TEST_EXIT();
}
