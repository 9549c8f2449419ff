#include "kiosk.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../store/store.h"
#include "../ticket/code.h"
#include "log.h"

struct kiosk {
    config_t cfg;
    store_t *st;
    catalog_t *cat;
    flow_t *flow;
    int seeded;
    uint64_t seed;
    long last_day;
};

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        long n = ftell(f);
        if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
            *len = fread(buf, 1, (size_t)n, f);
            buf[*len] = '\0';
        }
    }
    fclose(f);
    return buf;
}

/* Imports the configured catalog file. A bad file never stops a kiosk that
 * already has a good catalog: it keeps serving that one and says so. */
static int import_catalog(kiosk_t *k, long long now, char *err, size_t errlen)
{
    if (!k->cfg.catalog[0])
        return 0;
    catalog_t *cat;
    char msg[512];
    if (catalog_load(k->cfg.catalog, &cat, msg, sizeof msg)) {
        log_msg(LOG_ERROR, "catalog refused: %s", msg);
        snprintf(err, errlen, "%s", msg);
        return -1;
    }
    size_t len = 0;
    char *text = read_file(k->cfg.catalog, &len);
    int rc = 0;
    if (!text || store_import_catalog(k->st, cat, text, k->cfg.catalog, now, &k->cfg.rules)) {
        snprintf(err, errlen, "%s: cannot import: %s", k->cfg.catalog,
                 text ? store_errmsg(k->st) : "cannot read");
        log_msg(LOG_ERROR, "%s", err);
        rc = -1;
    }
    free(text);
    catalog_destroy(cat);
    return rc;
}

kiosk_t *kiosk_open(const kiosk_opts_t *o, char *err, size_t errlen)
{
    kiosk_t *k = calloc(1, sizeof *k);
    if (!k) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    k->cfg = *o->cfg;
    k->seeded = o->seeded_codes;
    k->seed = 20261201;
    if (mkdir(k->cfg.data_dir, 0750) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "%s: cannot create the data directory: %s", k->cfg.data_dir,
                 strerror(errno));
        kiosk_close(k);
        return NULL;
    }
    char db[CONFIG_PATH_MAX];
    config_db_path(&k->cfg, db);
    if (store_open(db, STORE_OPEN_CREATE, &k->st) != STORE_OK) {
        snprintf(err, errlen, "%s: %s", db, k->st ? store_errmsg(k->st) : "out of memory");
        kiosk_close(k);
        return NULL;
    }
    char ierr[600] = "";
    int imported = import_catalog(k, o->now, ierr, sizeof ierr) == 0;
    if (store_load_catalog(k->st, &k->cat) != STORE_OK || !k->cat) {
        snprintf(err, errlen, "%s", !imported ? ierr
                                    : k->cat ? store_errmsg(k->st)
                                             : "no catalog: give --catalog FILE");
        kiosk_close(k);
        return NULL;
    }
    if (!imported)
        log_msg(LOG_WARN, "serving the catalog imported before");
    kiosk_daily(k, o->now);
    flow_config_t fc = {
        .idle_timeout_ms = k->cfg.idle_timeout * 1000,
        .countdown_ms = k->cfg.idle_countdown * 1000,
        .lang_en = strcmp(k->cfg.lang, "en") == 0,
        .rules = k->cfg.rules,
    };
    flow_time_t t = {0, o->now};
    k->flow = flow_create(k->cat, &fc, t);
    if (!k->flow) {
        snprintf(err, errlen, "out of memory");
        kiosk_close(k);
        return NULL;
    }
    return k;
}

void kiosk_close(kiosk_t *k)
{
    if (!k)
        return;
    flow_destroy(k->flow);
    catalog_destroy(k->cat);
    store_close(k->st);
    free(k);
}

flow_t *kiosk_flow(kiosk_t *k)
{
    return k->flow;
}

const catalog_t *kiosk_catalog(const kiosk_t *k)
{
    return k->cat;
}

void kiosk_daily(kiosk_t *k, long long now)
{
    long day = (long)(now / 1440);
    if (day == k->last_day)
        return;
    k->last_day = day;
    if (store_refresh_sessions(k->st, now, &k->cfg.rules) != STORE_OK)
        log_msg(LOG_ERROR, "cannot extend the sessions: %s", store_errmsg(k->st));
    int n = store_purge_phones(k->st, now, k->cfg.rules.retention_days);
    if (n < 0)
        log_msg(LOG_ERROR, "cannot purge expired phone numbers: %s", store_errmsg(k->st));
    else if (n > 0)
        log_msg(LOG_INFO, "purged %d phone numbers past retention", n);
}

/* ---- requests ------------------------------------------------------------- */

typedef struct rows {
    void *v;
    int n, cap;
    size_t size;
    int failed;
} rows_t;

static void *rows_push(rows_t *r)
{
    if (r->n == r->cap) {
        int cap = r->cap ? r->cap * 2 : 32;
        void *v = realloc(r->v, r->size * (size_t)cap);
        if (!v) {
            r->failed = 1;
            return NULL;
        }
        r->v = v;
        r->cap = cap;
    }
    return (char *)r->v + r->size * (size_t)r->n++;
}

static int session_cb(void *ctx, const store_session_row_t *row)
{
    flow_session_t *s = rows_push(ctx);
    if (!s)
        return 1;
    memset(s, 0, sizeof *s);
    snprintf(s->id, sizeof s->id, "%s", row->session_id);
    dt_parse_date(row->date, &s->date);
    dt_parse_hhmm(row->start, &s->start);
    dt_parse_hhmm(row->end, &s->end);
    s->capacity = row->capacity;
    s->remaining = row->remaining;
    s->open = row->open;
    return 0;
}

typedef struct lookup_ctx {
    rows_t rows;
    long long from;
} lookup_ctx_t;

static int booking_cb(void *ctx, const store_booking_row_t *row)
{
    lookup_ctx_t *l = ctx;
    flow_booking_t *b = rows_push(&l->rows);
    if (!b)
        return 1;
    memset(b, 0, sizeof *b);
    snprintf(b->ticket, sizeof b->ticket, "%s", row->ticket);
    snprintf(b->service_id, sizeof b->service_id, "%s", row->service_id);
    snprintf(b->service_name, sizeof b->service_name, "%s", row->service_name);
    dt_parse_date(row->date, &b->date);
    dt_parse_hhmm(row->start, &b->start);
    b->party = row->party;
    int st = rules_status_parse(row->status);
    b->status = st < 0 ? RULES_CANCELLED : (rules_status_t)st;
    return 0;
}

static void wipe(void *p, size_t n)
{
    volatile unsigned char *v = p;
    while (n--)
        *v++ = 0;
}

static int codegen(void *ctx, char out[STORE_TICKET_LEN + 1])
{
    kiosk_t *k = ctx;
    return k->seeded ? ticket_code_seeded(&k->seed, out) : ticket_code_random(NULL, out);
}

static void serve_one(kiosk_t *k, flow_request_t *rq)
{
    flow_t *f = k->flow;
    long long now = flow_state(f)->now;
    switch (rq->kind) {
    case FLOW_REQ_SESSIONS: {
        rows_t r = {.size = sizeof(flow_session_t)};
        store_session_filter_t flt = {.service_id = rq->service_id};
        int rc = store_sessions(k->st, &flt, session_cb, &r);
        if (rc != STORE_OK)
            log_msg(LOG_ERROR, "cannot list sessions: %s", store_errmsg(k->st));
        /* Only the horizon from today: older sessions are history. */
        flow_session_t *v = r.v;
        int keep = 0;
        long today = (long)(now / 1440);
        for (int i = 0; i < r.n; i++)
            if (dt_days(v[i].date) >= today && dt_days(v[i].date) < today + k->cfg.rules.horizon_days)
                v[keep++] = v[i];
        flow_sessions_result(f, v, keep, rc != STORE_OK || r.failed);
        free(r.v);
        break;
    }
    case FLOW_REQ_BOOK: {
        char ticket[STORE_TICKET_LEN + 1] = "";
        int rc = store_book(k->st, rq->session_id, rq->phone, rq->party, now, &k->cfg.rules,
                            codegen, k, ticket);
        if (rc < 0)
            log_msg(LOG_ERROR, "booking failed: %s", store_errmsg(k->st));
        else if (rc == STORE_OK)
            log_msg(LOG_INFO, "booked %s for session %s, party %d", ticket, rq->session_id,
                    rq->party);
        else
            log_msg(LOG_INFO, "booking refused (%s) for session %s", rules_result_name(rc),
                    rq->session_id);
        flow_book_result(f, rc < 0 ? -1 : rc, ticket);
        break;
    }
    case FLOW_REQ_LOOKUP: {
        lookup_ctx_t l = {.rows = {.size = sizeof(flow_booking_t)}};
        store_booking_filter_t flt = {.phone = rq->phone, .from = (now / 1440) * 1440};
        int rc = store_bookings(k->st, &flt, booking_cb, &l);
        if (rc != STORE_OK)
            log_msg(LOG_ERROR, "cannot look up bookings: %s", store_errmsg(k->st));
        flow_lookup_result(f, l.rows.v, l.rows.n, rc != STORE_OK || l.rows.failed);
        if (l.rows.v)
            wipe(l.rows.v, l.rows.size * (size_t)l.rows.cap);
        free(l.rows.v);
        break;
    }
    case FLOW_REQ_CANCEL: {
        int rc = store_cancel(k->st, rq->ticket, now);
        if (rc < 0)
            log_msg(LOG_ERROR, "cancel failed: %s", store_errmsg(k->st));
        else
            log_msg(LOG_INFO, "cancel %s: %s", rq->ticket, rules_result_name(rc));
        flow_cancel_result(f, rc);
        break;
    }
    case FLOW_REQ_PRINT:
        /* The thermal printer comes with the QR-ticket work. */
        log_msg(LOG_INFO, "print requested for %s: no printer support yet", rq->ticket);
        break;
    case FLOW_REQ_NONE:
        break;
    }
}

int kiosk_serve(kiosk_t *k)
{
    int n = 0;
    flow_request_t rq;
    while (flow_take_request(k->flow, &rq)) {
        serve_one(k, &rq);
        wipe(&rq, sizeof rq);
        n++;
    }
    return n;
}
