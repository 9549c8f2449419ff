/* Issue 14, item 7, in the store: what one visit and one kiosk book is
 * counted inside the booking transaction, so two processes on one file
 * (two kiosks, or a kiosk restarted mid-visit) cannot pass the bounds
 * together; a refusal flags a burst durably; staff release it in one step. */
#include <stdio.h>
#include <string.h>

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

static char last[KIOSK_TICKET_SIZE]; /* the ticket of the last booking made */

static int book(store_t *st, const char *kiosk, long long visit, int day, int n, const char *at)
{
    rules_t r;
    rules_defaults(&r);
    char phone[24];
    snprintf(phone, sizeof phone, "139%08d", n);
    store_origin_t o = {kiosk, visit};
    return store_book_at(st, kiosk ? &o : NULL, s2(day), phone, 1, fx_at(at), &r, fx_gen, NULL,
                         last);
}

typedef struct {
    int n;
    store_burst_row_t row[8];
} bursts_t;

static int take_burst(void *ctx, const store_burst_row_t *r)
{
    bursts_t *b = ctx;
    if (b->n < 8)
        b->row[b->n++] = *r;
    return 0;
}

static int count_cb(void *ctx, const store_booking_row_t *r)
{
    (void)r;
    ++*(int *)ctx;
    return 0;
}

static int by_staff_cb(void *ctx, const store_booking_row_t *r)
{
    *(int *)ctx += r->by_staff;
    return 0;
}

static int count(store_t *st, const char *status, long long burst)
{
    int n = 0;
    store_booking_filter_t f = {.status = status, .burst = burst};
    return store_bookings(st, &f, count_cb, &n) == STORE_OK ? n : -1;
}

static void one_visit_across_two_connections(void)
{
    rules_t r;
    rules_defaults(&r);
    store_t *a = fx_store("visit.db", catalog, "c.ini", fx_at("2026-11-30 08:00"), &r);
    store_t *b = fx_open("visit.db", 0);
    CHECK(a && b);
    if (!a || !b)
        goto out;
    /* Six in one visit, alternating connections, each a new number. */
    for (int i = 0; i < 6; i++)
        CHECK_INT(book(i % 2 ? b : a, "lobby", 7, 1 + i, i, "2026-11-30 09:00"), STORE_OK);
    CHECK_INT(book(b, "lobby", 7, 8, 6, "2026-11-30 09:00"), RULES_VISIT_LIMIT);
    CHECK_INT(book(a, "lobby", 7, 9, 7, "2026-11-30 09:01"), RULES_VISIT_LIMIT);
    CHECK_INT(count(a, "booked", 0), 6);
    /* The refusals flagged one burst, committed though no booking was. */
    bursts_t u = {0};
    CHECK_INT(store_bursts(b, 1, take_burst, &u), STORE_OK);
    CHECK_INT(u.n, 1);
    CHECK_STR(u.row[0].kind, "visit");
    CHECK_STR(u.row[0].kiosk, "lobby");
    CHECK_INT(u.row[0].refused, 2);
    CHECK_INT(u.row[0].bookings, 6);
    CHECK_INT(u.row[0].still_booked, 6);
    CHECK_STR(u.row[0].first_at, "2026-11-30 09:00");
    CHECK_STR(u.row[0].last_at, "2026-11-30 09:01");
    CHECK_STR(u.row[0].service_names, "康养咨询");
    CHECK_INT(count(a, NULL, u.row[0].id), 6);
    /* Another visit, another kiosk, staff tools: not held by this one. */
    CHECK_INT(book(a, "lobby", 8, 10, 20, "2026-11-30 09:02"), STORE_OK);
    CHECK_INT(book(a, "hall", 1, 11, 21, "2026-11-30 09:02"), STORE_OK);
    CHECK_INT(book(a, NULL, 0, 12, 22, "2026-11-30 09:02"), STORE_OK);
    /* A resident who cancels a mistake gets the room back in the visit
     * (an hour later, so that the kiosk's bound on s2 has slid by). */
    for (int i = 0; i < 6; i++)
        CHECK_INT(book(a, "lobby", 9, 1 + i, 30 + i, "2026-11-30 11:00"), STORE_OK);
    CHECK_INT(store_cancel(b, last, fx_at("2026-11-30 11:01")), STORE_OK);
    CHECK_INT(book(a, "lobby", 9, 7, 40, "2026-11-30 11:01"), STORE_OK);
    CHECK_INT(book(a, "lobby", 9, 8, 41, "2026-11-30 11:01"), RULES_VISIT_LIMIT);
out:
    store_close(a);
    store_close(b);
}

static void one_service_from_one_kiosk_in_the_window(void)
{
    rules_t r;
    rules_defaults(&r);
    store_t *a = fx_store("service.db", catalog, "c.ini", fx_at("2026-11-30 08:00"), &r);
    store_t *b = fx_open("service.db", 0);
    CHECK(a && b);
    if (!a || !b)
        goto out;
    /* Ten of s2 over five visits of two each, within the hour. */
    for (int i = 0; i < 10; i++)
        CHECK_INT(book(i % 2 ? b : a, "lobby", 100 + i / 2, 1 + i, i, "2026-11-30 09:00"),
                  STORE_OK);
    CHECK_INT(book(a, "lobby", 200, 11, 10, "2026-11-30 09:59"), RULES_BURST);
    /* Another kiosk books the same service freely. */
    CHECK_INT(book(b, "hall", 1, 11, 10, "2026-11-30 09:59"), STORE_OK);
    /* The window slides: an hour after the ten, the kiosk books again. */
    CHECK_INT(book(a, "lobby", 201, 12, 11, "2026-11-30 10:00"), STORE_OK);
    bursts_t u = {0};
    CHECK_INT(store_bursts(a, 1, take_burst, &u), STORE_OK);
    CHECK_INT(u.n, 1);
    CHECK_STR(u.row[0].kind, "service");
    CHECK_STR(u.row[0].service_id, "s2");
    CHECK_INT(u.row[0].bookings, 10);

    /* Released in one step: every booking still booked is cancelled by
     * staff, with its audit row and outbox event; the burst is closed. */
    char t[KIOSK_TICKET_SIZE];
    CHECK_INT(
        store_book(a, s2(13), "13800000099", 1, fx_at("2026-11-30 10:00"), &r, fx_gen, NULL, t),
        STORE_OK);
    int n = -1;
    CHECK_INT(
        store_burst_release(b, "王芳", u.row[0].id, "编造号码", fx_at("2026-11-30 10:05"), &n),
        STORE_OK);
    CHECK_INT(n, 10);
    CHECK_INT(count(a, "cancelled", u.row[0].id), 10);
    int by_staff = 0;
    store_booking_filter_t f = {.burst = u.row[0].id};
    CHECK_INT(store_bookings(a, &f, by_staff_cb, &by_staff), STORE_OK);
    CHECK_INT(by_staff, 10);             /* the resident's lookup says staff cancelled it */
    CHECK_INT(count(a, "booked", 0), 3); /* hall's, the one after the window, staff's */
    store_booking_row_t row;
    CHECK_INT(store_get_booking(a, t, &row), STORE_OK);
    CHECK_INT(row.by_staff, 0); /* not of the burst: untouched */
    CHECK_STR(row.status, "booked");
    bursts_t v = {0};
    CHECK_INT(store_bursts(a, 1, take_burst, &v), STORE_OK);
    CHECK_INT(v.n, 0);
    CHECK_INT(store_bursts(a, 0, take_burst, &v), STORE_OK);
    CHECK_INT(v.n, 1);
    CHECK_STR(v.row[0].released_by, "王芳");
    CHECK_STR(v.row[0].reason, "编造号码");
    CHECK_INT(v.row[0].still_booked, 0);
    CHECK_INT(store_burst_release(b, "王芳", u.row[0].id, "again", fx_at("2026-11-30 10:06"), &n),
              RULES_BAD_STATE);
    CHECK_INT(store_burst_release(b, "王芳", 999, "none", fx_at("2026-11-30 10:06"), &n),
              RULES_NOT_FOUND);
    CHECK_INT(store_burst_release(b, "王芳", u.row[0].id, "", fx_at("2026-11-30 10:06"), &n),
              STORE_ERROR);
out:
    store_close(a);
    store_close(b);
}

int main(void)
{
    if (fx_dir_make("kiosk-burst-test", 0))
        return 1;
    RUN(one_visit_across_two_connections);
    RUN(one_service_from_one_kiosk_in_the_window);
    fx_dir_remove();
    TEST_EXIT();
}
