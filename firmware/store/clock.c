/* The clock's high-water mark in the store: the latest time the kiosk has
 * lived through, in meta 'clock_mark' ("YYYY-MM-DD HH:MM"). It moves only
 * forward, only with a believed clock (core/clockmark.h), and staff set it
 * to a reading they confirm, audited. Kept in the database, so that it
 * travels with the bookings it protects (and with their backups). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/datetime.h"
#include "store_int.h"

static long long parse_stamp(const char *s)
{
    dt_date_t d;
    int m;
    return s && dt_parse_datetime(s, &d, &m) == 0 ? dt_stamp(d, m) : 0;
}

/* The mark kept (0: none yet). With evidence, a database that has none
 * yet (made before the mark was kept) gets the latest time its bookings
 * and catalog import were stamped with: the kiosk's first start on new
 * firmware is judged against that. The audit is no evidence: its rows
 * take the wall clock even under a test clock. */
static int read_mark(store_t *st, const char *what, long long *mark, int evidence, int *kept)
{
    char *text = NULL;
    *mark = 0;
    int rc = sql_text(st, what, &text, "SELECT value FROM meta WHERE key = 'clock_mark'", NULL);
    if (kept)
        *kept = rc > 0;
    if (rc == 0 && evidence)
        rc = sql_text(st, what, &text,
                      "SELECT max(t) FROM (SELECT max(updated_at) AS t FROM bookings"
                      " UNION ALL SELECT max(created_at) FROM bookings"
                      " UNION ALL SELECT value FROM meta WHERE key = 'catalog_imported_at')",
                      NULL);
    if (rc < 0)
        return STORE_ERROR;
    *mark = parse_stamp(text);
    free(text);
    return STORE_OK;
}

static int check(store_t *st, long long now, int retention_days, store_clock_t *out, int evidence,
                 int *kept)
{
    memset(out, 0, sizeof *out);
    if (!st || read_mark(st, "clock", &out->mark, evidence, kept))
        return STORE_ERROR;
    out->verdict = clockmark_judge(now, out->mark, retention_days);
    return STORE_OK;
}

int store_clock_check(store_t *st, long long now, int retention_days, store_clock_t *out)
{
    return check(st, now, retention_days, out, 0, NULL);
}

static int set_mark(store_t *st, const char *what, const char *stamp, int only_forward)
{
    return sql_exec(st, what,
                    only_forward
                        ? "INSERT INTO meta (key, value) VALUES ('clock_mark', ?1)"
                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                          " WHERE value < excluded.value"
                        : "INSERT INTO meta (key, value) VALUES ('clock_mark', ?1)"
                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    "s", stamp);
}

int store_clock_advance(store_t *st, long long now, int retention_days, store_clock_t *out)
{
    const char *what = "clock";
    int kept;
    if (check(st, now, retention_days, out, 1, &kept))
        return STORE_ERROR;
    if (out->verdict != CLOCKMARK_BELIEVED || (kept && now <= out->mark) || st->readonly)
        return STORE_OK;
    if (now < out->mark)
        now = out->mark; /* the evidence's, slightly ahead: kept as the mark */
    char now_text[17];
    if (store_write_at(st, what, now, now_text))
        return STORE_ERROR;
    if (store_write_done(st, what, set_mark(st, what, now_text, 1) < 0 ? STORE_ERROR : STORE_OK))
        return STORE_ERROR;
    out->mark = now;
    return STORE_OK;
}

int store_clock_confirm(store_t *st, long long now, const store_audit_note_t *audit)
{
    const char *what = "confirm clock";
    char now_text[17], at_text[17], old[17] = "none", detail[160];
    long long mark;
    if (!st || !audit || read_mark(st, what, &mark, 1, NULL))
        return STORE_ERROR;
    if (mark > 0)
        dt_format_stamp(mark, old);
    dt_format_stamp(audit->at, at_text);
    if (store_write_at(st, what, now, now_text))
        return STORE_ERROR;
    snprintf(detail, sizeof detail, "clock confirmed at %s (latest time seen was %s)%s%s",
             now_text, old, audit->detail ? "; " : "", audit->detail ? audit->detail : "");
    int rc = set_mark(st, what, now_text, 0) < 0 ||
                     store_audit_insert(st, what, audit->staff, audit->action ? audit->action
                                                                               : "clock_confirm",
                                        NULL, NULL, detail, at_text)
                 ? STORE_ERROR
                 : STORE_OK;
    return store_write_done(st, what, rc);
}
