/* The catalog in the store: importing one (categories, services, the
 * source text) and generating, refreshing and withdrawing its sessions.
 * Its own file: the parsing is core/catalog.c; this is how a parsed
 * catalog becomes rows. */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../core/datetime.h"
#include "../core/schedule.h"
#include "store_int.h"

static void today_of(long long now, dt_date_t *d)
{
    int m;
    dt_from_stamp(now, d, &m);
}

/* ---- Catalog import and sessions --------------------------------------------- */

static const char *text_zh(const catalog_text_t *t)
{
    const char *s = catalog_str(t, 0);
    return s ? s : "";
}

static const char *text_en(const catalog_text_t *t)
{
    const char *s = catalog_str(t, 1);
    return s ? s : "";
}

/* Returns 1 when the value changed, 0 when it was already so, or -1. */
static int set_meta(store_t *st, const char *what, const char *key, const char *value)
{
    return sql_exec(st, what,
                    "INSERT INTO meta (key, value) VALUES (?1, ?2)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                    " WHERE value IS NOT excluded.value",
                    "ss", key, value);
}

typedef struct idlist {
    char **v;
    size_t n, cap;
} idlist_t;

static void idlist_free(idlist_t *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

/* Reads a whole id column first: changing rows of the table a SELECT is
 * still walking is not something to rely on. */
static int collect_ids(store_t *st, const char *what, idlist_t *l, const char *sql,
                       const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    sqlite3_stmt *s = sql_prepare_va(st, what, 0, sql, types, ap);
    va_end(ap);
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (l->n == l->cap) {
            size_t cap = l->cap ? l->cap * 2 : 32;
            char **v = realloc(l->v, cap * sizeof *v);
            if (!v)
                goto oom;
            l->v = v;
            l->cap = cap;
        }
        const char *id = (const char *)sqlite3_column_text(s, 0);
        if (!(l->v[l->n] = strdup(id ? id : "")))
            goto oom;
        l->n++;
    }
    return sql_finish_rows(st, what, s, rc);
oom:
    store_msg(st, "%s: out of memory", what);
    sqlite3_finalize(s);
    return STORE_ERROR;
}

/* Marks the rows of table that cat no longer has inactive; they stay, since
 * sessions and bookings point at them. */
static int deactivate_missing(store_t *st, const catalog_t *cat, int services)
{
    const char *what = "import catalog";
    idlist_t ids = {0};
    if (collect_ids(st, what, &ids,
                    services ? "SELECT id FROM services WHERE active = 1"
                             : "SELECT id FROM categories WHERE active = 1",
                    NULL))
        return STORE_ERROR;
    int ret = STORE_OK;
    for (size_t i = 0; i < ids.n && ret == STORE_OK; i++) {
        int present = services ? catalog_find_service(cat, ids.v[i]) != NULL
                               : catalog_find_category(cat, ids.v[i]) != NULL;
        if (present)
            continue;
        if (sql_exec(st, what,
                     services ? "UPDATE services SET active = 0 WHERE id = ?1"
                              : "UPDATE categories SET active = 0 WHERE id = ?1",
                     "s", ids.v[i]) < 0)
            ret = STORE_ERROR;
    }
    idlist_free(&ids);
    return ret;
}

static int upsert_catalog(store_t *st, const catalog_t *cat)
{
    const char *what = "import catalog";
    for (int i = 0; i < cat->n_categories; i++) {
        const catalog_category_t *c = &cat->categories[i];
        if (sql_exec(st, what,
                     "INSERT INTO categories (id, name_zh, name_en, sort, active)"
                     " VALUES (?1, ?2, ?3, ?4, 1)"
                     " ON CONFLICT (id) DO UPDATE SET name_zh = excluded.name_zh,"
                     " name_en = excluded.name_en, sort = excluded.sort, active = 1"
                     " WHERE name_zh IS NOT excluded.name_zh OR name_en IS NOT excluded.name_en"
                     " OR sort IS NOT excluded.sort OR active IS NOT 1",
                     "sssi", c->id, text_zh(&c->name), text_en(&c->name), i) < 0)
            return STORE_ERROR;
    }
    if (deactivate_missing(st, cat, 0))
        return STORE_ERROR;
    for (int i = 0; i < cat->n_services; i++) {
        const catalog_service_t *v = &cat->services[i];
        if (v->category < 0 || v->category >= cat->n_categories) {
            store_msg(st, "%s: service %s has no category", what, v->id);
            return STORE_ERROR;
        }
        if (sql_exec(st, what,
                     "INSERT INTO services (id, category_id, name_zh, name_en, location_zh,"
                     " duration, sort, active, queue_line)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8)"
                     " ON CONFLICT (id) DO UPDATE SET category_id = excluded.category_id,"
                     " name_zh = excluded.name_zh, name_en = excluded.name_en,"
                     " location_zh = excluded.location_zh, duration = excluded.duration,"
                     " sort = excluded.sort, active = 1, queue_line = excluded.queue_line"
                     " WHERE category_id IS NOT excluded.category_id"
                     " OR name_zh IS NOT excluded.name_zh OR name_en IS NOT excluded.name_en"
                     " OR location_zh IS NOT excluded.location_zh"
                     " OR duration IS NOT excluded.duration OR sort IS NOT excluded.sort"
                     " OR active IS NOT 1 OR queue_line IS NOT excluded.queue_line",
                     "sssssiis", v->id, cat->categories[v->category].id, text_zh(&v->name),
                     text_en(&v->name), text_zh(&v->location), v->duration, i,
                     v->queue_line) < 0)
            return STORE_ERROR;
    }
    return deactivate_missing(st, cat, 1);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int store_session_upsert(store_t *st, const char *what, const char *id, const char *service_id,
                         dt_date_t date, int start, int end, int capacity)
{
    char d[11], a[6], b[6];
    dt_format_date(date, d);
    dt_format_hhmm(start, a);
    dt_format_hhmm(end, b);
    return sql_exec(st, what,
                    "INSERT INTO sessions (id, service_id, date, start, end, capacity, state)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open')"
                    " ON CONFLICT (id) DO UPDATE SET end = excluded.end,"
                    " capacity = excluded.capacity,"
                    " state = CASE state WHEN 'withdrawn' THEN 'open' ELSE state END"
                    " WHERE end IS NOT excluded.end OR capacity IS NOT excluded.capacity"
                    " OR state = 'withdrawn'",
                    "sssssi", id, service_id, d, a, b, capacity) < 0
               ? -1
               : 0;
}

/* Inserts the sessions cat produces on [from, from + days) and brings the
 * existing ones to what it says now: end and capacity follow the catalog
 * (bookings already over a lowered capacity stay, nobody is bumped), and a
 * withdrawn session the catalog produces again reopens, while one that staff
 * closed stays closed. The WHERE keeps an unchanged row untouched, so
 * importing the same catalog twice writes nothing. When produced is not
 * NULL it receives the generated ids, sorted. Returns how many sessions
 * the days have, or STORE_ERROR. */
static int upsert_sessions(store_t *st, const char *what, const catalog_t *cat, dt_date_t from,
                           int days, idlist_t *produced)
{
    sched_session_t *gen = NULL;
    int n = sched_generate(cat, from, days, &gen);
    if (n < 0) {
        store_msg(st, "%s: out of memory generating sessions", what);
        return STORE_ERROR;
    }
    int ret = STORE_OK;
    if (produced && n > 0) {
        produced->v = calloc((size_t)n, sizeof *produced->v);
        if (!produced->v) {
            store_msg(st, "%s: out of memory", what);
            ret = STORE_ERROR;
        } else {
            produced->cap = (size_t)n;
        }
    }
    for (int i = 0; i < n && ret == STORE_OK; i++) {
        const sched_session_t *g = &gen[i];
        if (store_session_upsert(st, what, g->id, cat->services[g->service].id, g->date, g->start,
                                 g->end, g->capacity) < 0) {
            ret = STORE_ERROR;
            break;
        }
        if (produced) {
            if (!(produced->v[produced->n] = strdup(g->id))) {
                store_msg(st, "%s: out of memory", what);
                ret = STORE_ERROR;
                break;
            }
            produced->n++;
        }
    }
    free(gen);
    if (ret == STORE_OK && produced && produced->n > 1)
        qsort(produced->v, produced->n, sizeof *produced->v, cmp_str);
    return ret == STORE_OK ? n : STORE_ERROR;
}

/* Sessions not started yet, within the horizon just generated, that the new
 * catalog does not produce: a session nobody booked simply goes; one with
 * bookings stays, withdrawn, so that its bookings keep their session (and
 * staff can call the people). Sessions beyond this horizon are left alone:
 * an import with a shorter horizon (kioskctl without the kiosk's config)
 * must not take away days the kiosk already offers. Nor are sessions
 * before the clock's high-water mark (store/clock.c): a clock set back
 * must not rewrite sessions that have already been held. */
static int withdraw_missing(store_t *st, const char *what, const idlist_t *produced,
                            const char *now_text, const char *until)
{
    idlist_t ids = {0};
    if (collect_ids(st, what, &ids,
                    "SELECT id FROM sessions WHERE date || ' ' || start > max(?1,"
                    " coalesce((SELECT value FROM meta WHERE key = 'clock_mark'), ''))"
                    " AND date < ?2 AND state <> 'withdrawn'",
                    "ss", now_text, until))
        return STORE_ERROR;
    int ret = STORE_OK;
    for (size_t i = 0; i < ids.n && ret == STORE_OK; i++) {
        if (produced->n &&
            bsearch(&ids.v[i], produced->v, produced->n, sizeof *produced->v, cmp_str))
            continue;
        long long n = 0;
        if (sql_int(st, what, &n, "SELECT count(*) FROM bookings WHERE session_id = ?1", "s",
                    ids.v[i]) < 0 ||
            sql_exec(st, what,
                     n ? "UPDATE sessions SET state = 'withdrawn' WHERE id = ?1"
                       : "DELETE FROM sessions WHERE id = ?1",
                     "s", ids.v[i]) < 0)
            ret = STORE_ERROR;
    }
    idlist_free(&ids);
    return ret;
}

static int check_horizon(store_t *st, const char *what, const rules_t *rules)
{
    if (!rules || rules->horizon_days < 1 || rules->horizon_days > 366) {
        store_msg(st, "%s: booking horizon must be 1..366 days", what);
        return STORE_ERROR;
    }
    return STORE_OK;
}

int store_import_catalog(store_t *st, const catalog_t *cat, const char *source_text,
                         const char *source_name, long long now, const rules_t *rules)
{
    const char *what = "import catalog";
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return store_fail_readonly(st, what);
    if (!cat || !source_text) {
        store_msg(st, "%s: no catalog given", what);
        return STORE_ERROR;
    }
    if (check_horizon(st, what, rules))
        return STORE_ERROR;

    dt_date_t today;
    today_of(now, &today);
    /* Counted before anything is written, so that a refused catalog
     * leaves the one imported before as it was. */
    long count = sched_count(cat, today, rules->horizon_days, CATALOG_HORIZON_SESSIONS_MAX);
    if (count > CATALOG_HORIZON_SESSIONS_MAX) {
        store_msg(st,
                  "%s: %s: the catalog makes more than %d sessions in the booking horizon of %d "
                  "days (horizon_days); make the horizon or the schedules shorter "
                  "(assets/catalog/README.md, limits)",
                  what, source_name ? source_name : "catalog", CATALOG_HORIZON_SESSIONS_MAX,
                  rules->horizon_days);
        return STORE_ERROR;
    }
    char now_text[17], from[11], until[11];
    dt_format_stamp(now, now_text);
    dt_format_date(today, from);
    dt_format_date(dt_from_days(dt_days(today) + rules->horizon_days), until);

    if (store_write_begin(st, what))
        return STORE_ERROR;
    idlist_t produced = {0};
    int changed, rc = STORE_ERROR;
    if (upsert_catalog(st, cat) || store_queue_import_lines(st, what, cat))
        goto done;
    if ((changed = set_meta(st, what, "catalog_source", source_text)) < 0 ||
        set_meta(st, what, "catalog_name", source_name ? source_name : "") < 0 ||
        set_meta(st, what, "station_id", cat->station_id ? cat->station_id : "") < 0 ||
        set_meta(st, what, "station_name", text_zh(&cat->station_name)) < 0 ||
        set_meta(st, what, "sessions_from", from) < 0 ||
        set_meta(st, what, "sessions_until", until) < 0)
        goto done;
    /* When the text is the one already imported, this is a re-import that
     * changes nothing, and the date says when the text came. */
    if (changed && set_meta(st, what, "catalog_imported_at", now_text) < 0)
        goto done;
    if (upsert_sessions(st, what, cat, today, rules->horizon_days, &produced) < 0 ||
        withdraw_missing(st, what, &produced, now_text, until) ||
        store_terms_import(st, what, cat))
        goto done;
    rc = STORE_OK;
done:
    idlist_free(&produced);
    return store_write_end(st, what, rc);
}

/* Parses the stored catalog source: 1 with *out, 0 when none was imported, -1. */
static int parse_stored(store_t *st, const char *what, catalog_t **out)
{
    char *text = NULL, *name = NULL;
    *out = NULL;
    int rc = sql_text(st, what, &text, "SELECT value FROM meta WHERE key = 'catalog_source'", NULL);
    if (rc <= 0)
        return rc;
    if (sql_text(st, what, &name, "SELECT value FROM meta WHERE key = 'catalog_name'", NULL) < 0) {
        free(text);
        return -1;
    }
    char err[256];
    const char *fname = name && *name ? name : "stored catalog";
    if (catalog_parse(text, strlen(text), fname, out, err, sizeof err) != 0) {
        /* Only a firmware whose parser got stricter gets here: the text
         * parsed when it was imported. */
        store_msg(st, "%s: the stored catalog no longer parses (%s); import it again", what, err);
        *out = NULL;
        rc = -1;
    } else {
        rc = 1;
    }
    free(text);
    free(name);
    return rc;
}

int store_load_catalog(store_t *st, catalog_t **out)
{
    *out = NULL;
    if (!st)
        return STORE_ERROR;
    return parse_stored(st, "load catalog", out) < 0 ? STORE_ERROR : STORE_OK;
}

/* The days generated last, meta sessions_from .. sessions_until (the
 * first day and the day after the last), as day numbers; -1 for one not
 * kept (a database from before sessions_from). Returns 0 for no catalog
 * yet, 1, or -1 on error. */
static int read_window(store_t *st, const char *what, long *from, long *until)
{
    long long any = 0;
    int rc = sql_int(st, what, &any, "SELECT 1 FROM meta WHERE key = 'catalog_source'", NULL);
    if (rc <= 0)
        return rc;
    static const char *const keys[2] = {"sessions_from", "sessions_until"};
    long *out[2] = {from, until};
    for (int i = 0; i < 2; i++) {
        char *text = NULL;
        dt_date_t d;
        if (sql_text(st, what, &text, "SELECT value FROM meta WHERE key = ?1", "s", keys[i]) < 0)
            return -1;
        *out[i] = text && dt_parse_date(text, &d) == 0 ? dt_days(d) : -1;
        free(text);
    }
    return 1;
}

/* Days are generated from today to today + horizon. The window kept says
 * which were: usually only the day the horizon moved onto is missing. A
 * window that does not hold today (the clock went back, or came back
 * from months ahead) starts again at today: generation is idempotent, so
 * nothing is lost by doing days again, and nothing stops for good. */
static int refresh_plan(long today, long want, long from, long until, long *start)
{
    int holds_today = from >= 0 && until >= 0 && from <= today && today <= until;
    if (holds_today && until >= want)
        return 0; /* nothing to do */
    *start = holds_today ? until : today;
    return 1;
}

int store_refresh_sessions_step(store_t *st, long long now, const rules_t *rules, int budget,
                                int *more)
{
    const char *what = "refresh sessions";
    *more = 0;
    if (!st)
        return STORE_ERROR;
    if (st->readonly)
        return STORE_OK;
    if (check_horizon(st, what, rules))
        return STORE_ERROR;
    dt_date_t today_d;
    today_of(now, &today_d);
    long today = dt_days(today_d), want = today + rules->horizon_days, from, until, start;

    /* The common case, many times a day: one read, no write lock. */
    int rc = read_window(st, what, &from, &until);
    if (rc <= 0 || !refresh_plan(today, want, from, until, &start))
        return rc < 0 ? STORE_ERROR : STORE_OK;

    if (store_write_begin(st, what))
        return STORE_ERROR;
    /* Again under the lock: another process may have refreshed meanwhile. */
    rc = read_window(st, what, &from, &until);
    if (rc == 0 || (rc > 0 && !refresh_plan(today, want, from, until, &start))) {
        store_rollback(st);
        return STORE_OK;
    }
    catalog_t *cat = NULL;
    int ret = STORE_ERROR;
    if (rc < 0 || (rc = parse_stored(st, what, &cat)) < 0)
        goto done;
    /* Whole days, until the budget is spent: one slice is bounded by the
     * budget plus one day's sessions (at most CATALOG_SCHEDULES_TOTAL_MAX). */
    long day = start;
    for (int made = 0; day < want && made < budget; day++) {
        int n = rc == 1 ? upsert_sessions(st, what, cat, dt_from_days(day), 1, NULL) : 0;
        if (n < 0)
            goto done;
        made += n;
    }
    char text[11];
    dt_format_date(dt_from_days(start == today ? today : from), text);
    if (set_meta(st, what, "sessions_from", text) < 0)
        goto done;
    dt_format_date(dt_from_days(day), text);
    if (set_meta(st, what, "sessions_until", text) < 0)
        goto done;
    *more = day < want;
    ret = STORE_OK;
done:
    catalog_destroy(cat);
    return store_write_end(st, what, ret);
}

int store_refresh_sessions(store_t *st, long long now, const rules_t *rules)
{
    int more = 1, rc = STORE_OK;
    while (more && rc == STORE_OK)
        rc = store_refresh_sessions_step(st, now, rules, STORE_REFRESH_SLICE, &more);
    return rc;
}
