/* 好差评 (issue 20) in the store: a visit is rated once, only when it was
 * attended, with a level and reasons of that level, and the rating row
 * holds nothing of the booking but its service and day; the low filter
 * and the follow-up. */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "../lib/store_fixture.h"
#include "../unit/test.h"

static const char catalog[] = FX_CATALOG(50);

typedef struct {
    int n;
    store_rating_row_t row[8];
} ratings_t;

static int take(void *ctx, const store_rating_row_t *r)
{
    ratings_t *c = ctx;
    if (c->n < 8)
        c->row[c->n++] = *r;
    return 0;
}

static store_t *st_with(char t[4][KIOSK_TICKET_SIZE])
{
    rules_t r;
    rules_defaults(&r);
    store_t *st = fx_store("rating.db", catalog, "c.ini", fx_at("2026-11-30 08:00"), &r);
    if (!st)
        return NULL;
    const char *phones[4] = {"13800000001", "13800000002", "13800000003", "13800000004"};
    for (int i = 0; i < 4; i++)
        if (store_book(st, "s2-20261201-1400", phones[i], 1, fx_at("2026-11-30 09:00"), &r, fx_gen,
                       NULL, t[i]) != STORE_OK)
            return st;
    for (int i = 0; i < 3; i++) /* the fourth never came */
        store_checkin(st, t[i], fx_at("2026-12-01 13:50"));
    return st;
}

static int count(const char *sql)
{
    sqlite3 *db = fx_raw_open("rating.db", SQLITE_OPEN_READONLY);
    int n = db ? (int)fx_raw_int(db, sql) : -1;
    sqlite3_close(db);
    return n;
}

static void rated_once(void)
{
    char t[4][KIOSK_TICKET_SIZE] = {{0}};
    store_t *st = st_with(t);
    CHECK(st != NULL && t[3][0]);
    if (!st)
        return;
    long long now = fx_at("2026-12-02 09:00"), seq = -1;
    /* Bad input: nothing written. */
    CHECK_INT(store_rate(st, t[0], 0, "", RATING_VIA_CODE, now, &seq), RULES_BAD_PARTY);
    CHECK_INT(store_rate(st, t[0], 6, "", RATING_VIA_CODE, now, &seq), RULES_BAD_PARTY);
    CHECK_INT(store_rate(st, t[0], 5, "wait", RATING_VIA_CODE, now, &seq), RULES_BAD_PARTY);
    CHECK_INT(store_rate(st, t[0], 2, "wait,wait", RATING_VIA_CODE, now, &seq), RULES_BAD_PARTY);
    CHECK_INT(store_rate(st, t[0], 2, "wait", RATING_CHANNELS, now, &seq), RULES_BAD_PARTY);
    CHECK_INT(store_rate(st, "ZZZZZZZZ", 2, "", RATING_VIA_CODE, now, &seq), RULES_NOT_FOUND);
    CHECK_INT(store_rate(st, t[3], 2, "", RATING_VIA_CODE, now, &seq), RULES_BAD_STATE);
    CHECK_INT(count("SELECT count(*) FROM ratings"), 0);
    CHECK_INT(count("SELECT count(*) FROM bookings WHERE rated = 1"), 0);
    /* Rated: the flag and the row, in one go; a second time refused. */
    CHECK_INT(store_rate_check(st, t[0], NULL), RULES_OK);
    CHECK_INT(store_rate(st, t[0], 2, "wait,unsolved", RATING_VIA_LOOKUP, now, &seq), STORE_OK);
    CHECK(seq > 0);
    CHECK_INT(store_rate(st, t[0], 5, "", RATING_VIA_CODE, now, NULL), RULES_DUPLICATE);
    CHECK_INT(store_rate_check(st, t[0], NULL), RULES_DUPLICATE);
    CHECK_INT(store_rate_prompt(st, t[0], now), RULES_DUPLICATE);
    CHECK_INT(store_rate(st, t[1], 4, "fast", RATING_VIA_STAFF, now, NULL), STORE_OK);
    CHECK_INT(store_rate(st, t[2], 1, "", RATING_VIA_CODE, now, NULL), STORE_OK);
    CHECK_INT(count("SELECT count(*) FROM ratings"), 3);
    CHECK_INT(count("SELECT count(*) FROM bookings WHERE rated = 1"), 3);
    /* The row: service, station, the session's day; nothing else of it. */
    ratings_t all = {0};
    CHECK_INT(store_ratings(st, 0, take, &all), STORE_OK);
    CHECK_INT(all.n, 3);
    const store_rating_row_t *r = &all.row[2]; /* newest first */
    CHECK_STR(r->day, "2026-12-01");
    CHECK_STR(r->service_id, "s2");
    CHECK_STR(r->station_id, "test");
    CHECK_STR(r->service_name, "康养咨询");
    CHECK_INT(r->level, 2);
    CHECK_STR(r->reasons, "wait,unsolved");
    CHECK_STR(r->channel, "lookup");
    CHECK_INT(count("SELECT count(*) FROM pragma_table_info('ratings') WHERE name IN"
                    " ('ticket', 'phone', 'for_label', 'at', 'created_at')"),
              0);
    store_close(st);
}

static void low_and_followed(void)
{
    char t[4][KIOSK_TICKET_SIZE] = {{0}};
    store_t *st = st_with(t);
    CHECK(st != NULL);
    if (!st)
        return;
    long long now = fx_at("2026-12-02 09:00"), s2 = 0;
    CHECK_INT(store_rate(st, t[0], 3, "", RATING_VIA_CODE, now, NULL), STORE_OK);
    CHECK_INT(store_rate(st, t[1], 2, "", RATING_VIA_CODE, now, &s2), STORE_OK);
    CHECK_INT(store_rate(st, t[2], 1, "", RATING_VIA_CODE, now, NULL), STORE_OK);
    ratings_t low = {0};
    CHECK_INT(store_ratings(st, 1, take, &low), STORE_OK);
    CHECK_INT(low.n, 2); /* 不满意 and 非常不满意; 基本满意 is not low */
    CHECK_INT(low.row[0].level, 1);
    CHECK_INT(low.row[1].level, 2);
    long long open = 0;
    CHECK_INT(store_ratings_open_low(st, &open), STORE_OK);
    CHECK_INT(open, 2);
    CHECK_INT(store_rating_follow_up(st, "王芳", 1, "note", now), RULES_BAD_STATE); /* not low */
    CHECK_INT(store_rating_follow_up(st, "王芳", 99, "note", now), RULES_NOT_FOUND);
    CHECK_INT(store_rating_follow_up(st, "王芳", s2, "回访 13812345678", now), STORE_OK);
    CHECK_INT(store_rating_follow_up(st, "王芳", s2, "again", now), RULES_BAD_STATE);
    CHECK_INT(store_ratings_open_low(st, &open), STORE_OK);
    CHECK_INT(open, 1);
    CHECK_INT(count("SELECT count(*) FROM audit WHERE action = 'rating_followup'"
                    " AND staff = '王芳' AND detail NOT LIKE '%13812345678%'"),
              1);
    CHECK_INT(count("SELECT count(*) FROM ratings WHERE note LIKE '%13812345678%'"), 0);
    store_close(st);
}

int main(void)
{
    if (fx_dir_make("kiosk-rating-test", 0))
        return 1;
    RUN(rated_once);
    fx_dir_remove();
    if (fx_dir_make("kiosk-rating-test", 0))
        return 1;
    RUN(low_and_followed);
    fx_dir_remove();
    TEST_EXIT();
}
