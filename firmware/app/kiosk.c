#include "kiosk.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <sodium.h>

#include "../core/calib.h"
#include "../core/strings.h"
#include "../core/wipe.h"
#include "../store/store.h"
#include "../ticket/code.h"
#include "../ticket/payload.h"
#include "callalert.h"
#include "checkin.h"
#include "consoleinfo.h"
#include "counter.h"
#include "dbguard.h"
#include "enrol.h"
#include "export.h"
#include "queue_take.h"
#include "rate.h" /* issue 20 (F) */
#include "reprint.h"
#include "staff.h"
#include "throttled.h"
#include "waitlist.h"
#include "../platform/clock.h"
#include "../platform/log.h"

/* Daily backups kept beside the database. */
#define KIOSK_BACKUPS_KEPT 7

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "dev"
#endif

struct kiosk {
    config_t cfg;
    store_t *st;
    catalog_t *cat;
    flow_t *flow;
    int seeded;
    uint64_t seed;
    long last_day;
    ticket_key_t key;
    kiosk_print_fn print;
    void *print_ctx;
    char db[CONFIG_PATH_MAX];
    dbguard_mode_t db_mode;
    char db_note[160];          /* what dbguard_open found, or which file went: technician */
    int daily_done;             /* kiosk_daily ran once since the start */
    staff_throttle_t login_mem; /* staff logins the store cannot count (read-only) */
    int daily_step;             /* the next step of the day's work (daily_steps_t) */
    int daily_slices;           /* session slices made today */
    int clock_doubt;            /* the clock is not believed: no purge, no rotation */
    long long clock_recheck;    /* when a clock in doubt is judged again */
    char clock_note[160];       /* the technician's line: reading, mark, what to do */
    int detached;               /* the database's files were deleted or replaced: no bookings */
    char name[33];              /* this kiosk in the bookings it makes: its host name */
    long long visit_base;       /* + the flow's resets: this visit's number */
    callalert_t calls;          /* residents' calls for staff: hook and repeats */
    long long queue_dv;         /* i19counter: store_data_version when the counter was read */
    unsigned rate_asked;        /* issue 20 (F): the visit (flow resets + 1) asked for a prompt */
    long long wait_tick;        /* i20wait: the minute the waitlist's expiry pass last ran */
};

typedef enum daily_steps {
    DAILY_IDLE,
    DAILY_CLOCK,
    DAILY_SESSIONS,
    DAILY_PURGE,
    DAILY_BACKUP
} daily_steps_t;

/* Minutes between two judgements of a clock in doubt: staff confirming it
 * (kioskctl clock confirm) or the clock coming back takes effect within. */
#define KIOSK_CLOCK_RECHECK 10

/* The files under the open database deleted or replaced while the kiosk
 * runs (store_files_intact; the store then refuses every write): bookings
 * stop with the out-of-service banner, the log says why, and a note beside
 * the database tells `kioskctl check`. A restart opens the files at the
 * path again. */
static void watch_files(kiosk_t *k)
{
    if (k->detached || !dbguard_writable(k->db_mode) || store_files_intact(k->st))
        return;
    k->detached = 1;
    const char *why = store_errmsg(k->st);
    log_msg(LOG_ERROR, "%s; bookings stopped (out of service) until the kiosk is restarted", why);
    dbguard_detached_write(k->db, why);
    /* For the technician screen, without the path ("PATH: the WAL ..."). */
    const char *what = strstr(why, ": the ");
    snprintf(k->db_note, sizeof k->db_note, "%.150s", what ? what + 2 : why);
    if (k->flow)
        flow_set_bookings_off(k->flow, 1);
}

int kiosk_store_ready(kiosk_t *k, char *why, size_t n)
{
    watch_files(k);
    if (!dbguard_writable(k->db_mode))
        snprintf(why, n, "the database is not open for writing (%s)",
                 dbguard_mode_name(k->db_mode));
    else if (k->detached)
        snprintf(why, n, "%s", k->db_note);
    else if (store_write_probe(k->st) != STORE_OK)
        snprintf(why, n, "a booking transaction cannot begin: %s", store_errmsg(k->st));
    else
        return 1;
    return 0;
}

/* Imports the configured catalog file. A bad file never stops a kiosk that
 * already has a good catalog: it keeps serving that one and says so. */
static int import_catalog(kiosk_t *k, long long now, char *err, size_t errlen)
{
    if (!k->cfg.catalog[0])
        return 0;
    catalog_t *cat;
    char msg[512], *text;
    if (catalog_load_source(k->cfg.catalog, &cat, &text, msg, sizeof msg)) {
        log_msg(LOG_ERROR, "catalog refused: %s", msg);
        snprintf(err, errlen, "%s", msg);
        return -1;
    }
    int rc = 0;
    if (store_import_catalog(k->st, cat, text, k->cfg.catalog, now, &k->cfg.rules)) {
        snprintf(err, errlen, "%s: cannot import: %s", k->cfg.catalog, store_errmsg(k->st));
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
    /* Each visit (attract to attract) gets its own number, new after a
     * restart too, so the store can count what one visit booked. */
    if (gethostname(k->name, sizeof k->name - 1) != 0 || !k->name[0])
        snprintf(k->name, sizeof k->name, "kiosk");
    k->visit_base = (long long)randombytes_uniform(1u << 30) << 20;
    k->calls.cfg = &k->cfg;
    k->calls.kiosk = k->name;
    if (mkdir(k->cfg.data_dir, 0750) != 0 && errno != EEXIST)
        /* Not fatal: the database guard falls back to browsing only. */
        log_msg(LOG_ERROR, "%s: cannot create the data directory: %s", k->cfg.data_dir,
                strerror(errno));
    char terr[700];
    if (config_load_touch(&k->cfg, terr, sizeof terr))
        /* A bad calibration file must not stop the kiosk: kiosk.conf's
         * matrix stays, and the technician can calibrate again. */
        log_msg(LOG_ERROR, "touch calibration ignored: %s", terr);
    config_db_path(&k->cfg, k->db);
    char gmsg[1600];
    if (dbguard_open(k->db, o->now, &k->st, &k->db_mode, gmsg, sizeof gmsg)) {
        snprintf(err, errlen, "%s", gmsg);
        kiosk_close(k);
        return NULL;
    }
    store_set_waitlist_hold(k->st, k->cfg.waitlist_hold_minutes); /* i20wait */
    char note[600];
    if (dbguard_writable(k->db_mode) && dbguard_detached_read(k->db, note, sizeof note)) {
        log_msg(LOG_WARN, "the previous run had stopped booking: %s; opened anew", note);
        dbguard_detached_clear(k->db);
    }
    if (gmsg[0]) {
        log_msg(LOG_ERROR, "%s", gmsg);
        /* The technician screen keeps it after the log has moved on. */
        const char *w = strstr(gmsg, "inconsistent");
        snprintf(k->db_note, sizeof k->db_note, "%.150s", w ? w : gmsg);
    }
    char kpath[CONFIG_PATH_MAX];
    config_key_path(k->db, kpath);
    if (ticket_key_load(kpath, 1, &k->key, err, errlen)) {
        if (dbguard_writable(k->db_mode)) {
            kiosk_close(k);
            return NULL;
        }
        /* Browsing only: no ticket is issued, and a check-in cannot be
         * written either; a throwaway key keeps the code paths whole. */
        log_msg(LOG_ERROR, "%s; check-ins are refused", err);
        randombytes_buf(k->key.k, sizeof k->key.k);
    }
    char ierr[600] = "";
    int imported = import_catalog(k, o->now, ierr, sizeof ierr) == 0;
    if (!k->cfg.catalog[0] && o->fallback_catalog &&
        store_load_catalog(k->st, &k->cat) == STORE_OK && !k->cat) {
        /* A store that never had a catalog: the demo, so a fresh clone runs.
         * A station's own catalog is never replaced by it. */
        snprintf(k->cfg.catalog, sizeof k->cfg.catalog, "%s", o->fallback_catalog);
        imported = import_catalog(k, o->now, ierr, sizeof ierr) == 0;
    }
    catalog_destroy(k->cat);
    k->cat = NULL;
    if (store_load_catalog(k->st, &k->cat) != STORE_OK || !k->cat) {
        snprintf(err, errlen, "%s",
                 !imported ? ierr
                 : k->cat  ? store_errmsg(k->st)
                           : "no catalog: give --catalog FILE");
        kiosk_close(k);
        return NULL;
    }
    if (!imported)
        log_msg(LOG_WARN, "serving the catalog imported before");
    /* Before the first frame, the day's work is done whole: the sessions
     * are bounded (CATALOG_HORIZON_SESSIONS_MAX), and systemd waits for
     * READY, not for the watchdog. */
    while (kiosk_daily(k, o->now))
        ;
    if (k->db_mode == DBGUARD_MEMORY)
        store_set_readonly(k->st); /* the catalog and sessions are in; no bookings */
    flow_config_t fc = {
        .idle_timeout_ms = k->cfg.idle_timeout * 1000,
        .countdown_ms = k->cfg.idle_countdown * 1000,
        .finished_ms = k->cfg.finished_timeout * 1000,
        .lang_en = strcmp(k->cfg.lang, "en") == 0,
        .rules = k->cfg.rules,
        .elder = k->cfg.elder_mode_default,
        .lookup_limit = k->cfg.lookup_limit,
        .lookup_window = k->cfg.lookup_window_minutes,
        .lookup_pause = k->cfg.lookup_pause_minutes,
        .checkin_limit = k->cfg.checkin_limit,
        .checkin_window = k->cfg.checkin_window_minutes,
        .checkin_pause = k->cfg.checkin_pause_minutes,
        .queue_priority_age = k->cfg.queue_priority_age, /* w (issue 19) */
        .queue_priority_every = k->cfg.queue.priority_every,
        .queue_counters = k->cfg.queue_counters, /* i19counter */
    };
    flow_time_t t = {0, o->now};
    k->flow = flow_create(k->cat, &fc, t);
    if (!k->flow) {
        snprintf(err, errlen, "out of memory");
        kiosk_close(k);
        return NULL;
    }
    if (!dbguard_writable(k->db_mode))
        flow_set_bookings_off(k->flow, 1);
    return k;
}

void kiosk_close(kiosk_t *k)
{
    if (!k)
        return;
    callalert_finish(&k->calls);
    flow_destroy(k->flow);
    ticket_key_wipe(&k->key);
    catalog_destroy(k->cat);
    store_close(k->st);
    free(k);
}

void kiosk_set_printer(kiosk_t *k, kiosk_print_fn fn, void *ctx)
{
    k->print = fn;
    k->print_ctx = ctx;
}

flow_t *kiosk_flow(kiosk_t *k)
{
    return k->flow;
}

const catalog_t *kiosk_catalog(const kiosk_t *k)
{
    return k->cat;
}

/* Judges the clock against its high-water mark, and says when that
 * changes: in doubt (a warning, and the technician's line) or believed
 * again (housekeeping resumes). */
static void daily_clock(kiosk_t *k, long long now)
{
    store_clock_t ck;
    if (store_clock_advance(k->st, now, k->cfg.rules.retention_days, &ck) != STORE_OK) {
        log_msg(LOG_ERROR, "cannot check the clock: %s", store_errmsg(k->st));
        return; /* as it was */
    }
    int doubt = ck.verdict != CLOCKMARK_BELIEVED;
    char line[400];
    clockmark_describe(ck.verdict, now, ck.mark, line, sizeof line);
    if (doubt) {
        log_msg(LOG_WARN, "%s", line);
        char a[17], b[17];
        dt_format_stamp(now, a);
        dt_format_stamp(ck.mark, b);
        long long gap = (now > ck.mark ? now - ck.mark : ck.mark - now) / 1440;
        snprintf(k->clock_note, sizeof k->clock_note, "%s (%lld d %s %s) · kioskctl clock confirm",
                 a, gap, ck.verdict == CLOCKMARK_AHEAD ? "past" : "behind", b);
        k->clock_recheck = now + KIOSK_CLOCK_RECHECK;
    } else if (k->clock_doubt) {
        log_msg(LOG_INFO, "%s again: purge and backup rotation resume", line);
    }
    k->clock_doubt = doubt;
}

int kiosk_daily(kiosk_t *k, long long now)
{
    if (k->st)
        callalert_tick(&k->calls, k->st, now);
    if (k->st && dbguard_writable(k->db_mode))
        waitlist_tick(k->st, now, &k->wait_tick); /* i20wait: holds whose time is up pass on */
    long day = (long)(now / 1440);
    if (day != k->last_day || (k->clock_doubt && now >= k->clock_recheck &&
                               k->daily_step == DAILY_IDLE)) {
        k->last_day = day;
        k->daily_step = DAILY_CLOCK;
        k->daily_slices = 0;
    }
    if (k->db_mode == DBGUARD_READONLY)
        k->daily_step = DAILY_IDLE; /* nothing can be written: no new sessions, purge or backup */
    switch (k->daily_step) {
    case DAILY_IDLE:
        return 0;
    case DAILY_CLOCK:
        if (dbguard_writable(k->db_mode))
            daily_clock(k, now);
        k->daily_step = DAILY_SESSIONS;
        break;
    case DAILY_SESSIONS: {
        int more = 0;
        k->daily_slices++;
        if (store_refresh_sessions_step(k->st, now, &k->cfg.rules, STORE_REFRESH_SLICE, &more) !=
            STORE_OK) {
            log_msg(LOG_ERROR, "cannot extend the sessions: %s", store_errmsg(k->st));
            more = 0;
        }
        if (!more) {
            if (k->daily_slices > 1)
                log_msg(LOG_INFO, "sessions extended in %d slices of at most %d sessions",
                        k->daily_slices, STORE_REFRESH_SLICE);
            k->daily_step = DAILY_PURGE;
        }
        break;
    }
    case DAILY_PURGE: {
        k->daily_step = DAILY_BACKUP;
        if (k->clock_doubt)
            break; /* said when the doubt began; the store would refuse it too */
        int n = store_purge_phones(k->st, now, k->cfg.rules.retention_days);
        if (n < 0)
            log_msg(LOG_ERROR, "cannot purge expired phone numbers: %s", store_errmsg(k->st));
        else if (n > 0)
            log_msg(LOG_INFO, "purged %d phone numbers past retention", n);
        break;
    }
    case DAILY_BACKUP:
        k->daily_step = DAILY_IDLE;
        if (dbguard_writable(k->db_mode)) {
            char msg[700];
            /* The first day's check is the one dbguard_open made at start.
             * A clock in doubt gets its backup, and rotates none away. */
            int b = dbguard_backup(k->st, k->db, now, k->clock_doubt ? 0 : KIOSK_BACKUPS_KEPT,
                                   !k->daily_done, msg, sizeof msg);
            k->daily_done = 1;
            if (b < 0)
                log_msg(LOG_ERROR, "daily backup failed: %s", msg);
            else if (b > 0)
                log_msg(LOG_INFO, "daily backup taken");
        }
        break;
    }
    return k->daily_step != DAILY_IDLE;
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

void kiosk_booking_from_row(const store_booking_row_t *row, flow_booking_t *b)
{
    memset(b, 0, sizeof *b);
    snprintf(b->ticket, sizeof b->ticket, "%s", row->ticket);
    snprintf(b->service_id, sizeof b->service_id, "%s", row->service_id);
    snprintf(b->service_name, sizeof b->service_name, "%s", row->service_name);
    dt_parse_date(row->date, &b->date);
    dt_parse_hhmm(row->start, &b->start);
    b->party = row->party;
    int st = rules_status_parse(row->status);
    b->status = st < 0 ? RULES_CANCELLED : (rules_status_t)st;
    b->by_staff = row->by_staff;
}

static int booking_cb(void *ctx, const store_booking_row_t *row)
{
    lookup_ctx_t *l = ctx;
    flow_booking_t *b = rows_push(&l->rows);
    if (!b)
        return 1;
    kiosk_booking_from_row(row, b);
    return 0;
}

static int codegen(void *ctx, char out[KIOSK_TICKET_SIZE])
{
    kiosk_t *k = ctx;
    return k->seeded ? ticket_code_seeded(&k->seed, out) : ticket_code_random(NULL, out);
}

/* ---- staff mode ---------------------------------------------------------- */

static int count_burst(void *ctx, const store_burst_row_t *row)
{
    (void)row;
    ++*(int *)ctx;
    return 0;
}

/* The bursts a release on the staff screen takes in one go; more are left
 * for the next tap (the notice still counts them). */
typedef struct burst_ids {
    long long id[32];
    int n;
} burst_ids_t;

static int collect_burst(void *ctx, const store_burst_row_t *row)
{
    burst_ids_t *b = ctx;
    b->id[b->n++] = row->id;
    return b->n == 32;
}

static int day_cb(void *ctx, const store_day_row_t *row)
{
    flow_day_row_t *d = rows_push(ctx);
    if (!d)
        return 1;
    memset(d, 0, sizeof *d);
    rows_t one = {.size = sizeof(flow_session_t)};
    session_cb(&one, &row->s);
    if (one.n == 1)
        d->s = *(flow_session_t *)one.v;
    free(one.v);
    snprintf(d->service_name, sizeof d->service_name, "%s", row->s.service_name);
    snprintf(d->service_id, sizeof d->service_id, "%s", row->s.service_id);
    d->booked = row->booked_persons;
    d->checked_in = row->checked_in_persons;
    d->no_show = row->no_show_persons;
    return 0;
}

typedef struct roster_ctx {
    rows_t rows;
    const char *session_id;
} roster_ctx_t;

static int roster_cb(void *ctx, const store_booking_row_t *row)
{
    roster_ctx_t *r = ctx;
    if (strcmp(row->session_id, r->session_id) != 0)
        return 0;
    flow_roster_row_t *o = rows_push(&r->rows);
    if (!o)
        return 1;
    memset(o, 0, sizeof *o);
    snprintf(o->ticket, sizeof o->ticket, "%s", row->ticket);
    snprintf(o->phone, sizeof o->phone, "%s", row->phone);
    snprintf(o->for_label, sizeof o->for_label, "%s", row->for_label); /* i16house */
    o->party = row->party;
    int st = rules_status_parse(row->status);
    o->status = st < 0 ? RULES_CANCELLED : (rules_status_t)st;
    return 0;
}

/* One technician's line: id's text with args, in the staff's language
 * (the station's, as on the staff screens). */
static void tech_line(int en, char line[160], str_id_t id, const char *const args[], int nargs)
{
    str_format(id, en, line, 160, args, nargs);
}

static void tech_lines(kiosk_t *k, char lines[][160], int *n, const char *extra)
{
    int i = 0;
    char msg[512], a[160], b[160], c[24];
    const char *args[3] = {a, b, c};
    int en = flow_state(k->flow)->lang_en;
    snprintf(a, sizeof a, "%s", KIOSK_VERSION);
    tech_line(en, lines[i++], STR_TECH_VERSION, args, 1);
    snprintf(a, sizeof a, "%.60s", catalog_str(&k->cat->station_name, 0));
    snprintf(b, sizeof b, "%.40s", k->cat->station_id);
    tech_line(en, lines[i++], STR_TECH_STATION, args, 2);
    consoleinfo_lines(k->cfg.data_dir, k->cat->station_id, en, lines[i], lines[i + 1]);
    i += 2;
    store_check(k->st, msg, sizeof msg);
    if (k->detached) {
        snprintf(a, sizeof a, "%.150s", k->db_note);
        tech_line(en, lines[i++], STR_TECH_DB_PAUSED, args, 1);
    } else if (dbguard_writable(k->db_mode)) {
        if (k->db_note[0])
            snprintf(a, sizeof a, "%.40s; at start: %.100s", msg, k->db_note);
        else
            snprintf(a, sizeof a, "%.140s", msg);
        tech_line(en, lines[i++], STR_TECH_DB, args, 1);
    } else {
        snprintf(a, sizeof a, "%s",
                 str_get(k->db_mode == DBGUARD_READONLY ? STR_TECH_DB_READONLY : STR_TECH_DB_MEMORY,
                         en));
        tech_line(en, lines[i++], STR_TECH_DB_PAUSED, args, 1);
    }
    struct statvfs vfs;
    if (statvfs(k->cfg.data_dir, &vfs) == 0) {
        str_num(a, (long long)((unsigned long long)vfs.f_bavail * vfs.f_frsize / (1024 * 1024)));
        snprintf(b, sizeof b, "%.80s", k->cfg.data_dir);
        tech_line(en, lines[i++], STR_TECH_DISK, args, 2);
    }
    snprintf(a, sizeof a, "%.120s",
             k->cfg.printer[0] ? k->cfg.printer : str_get(STR_TECH_NO_PRINTER, en));
    str_num(b, k->cfg.printer_dots);
    tech_line(en, lines[i++], STR_TECH_PRINTER, args, 2);
    str_num(a, k->cfg.width);
    str_num(b, k->cfg.height);
    str_num(c, k->cfg.rotate);
    tech_line(en, lines[i++], STR_TECH_SCREEN, args, 3);
    if (k->clock_doubt) {
        snprintf(a, sizeof a, "%s", k->clock_note);
        tech_line(en, lines[i++], STR_TECH_CLOCK, args, 1);
    }
    if (extra)
        snprintf(lines[i++], 160, "%.150s", extra);
    char tail[8][160];
    int t = log_tail(tail, FLOW_TECH_LINES - i < 8 ? FLOW_TECH_LINES - i : 8);
    for (int j = 0; j < t; j++) {
        snprintf(a, sizeof a, "%.150s", tail[j]);
        tech_line(en, lines[i++], STR_TECH_LOG, args, 1);
    }
    *n = i;
}

/* The login throttle's second. The wall clock's own second when the kiosk
 * runs on it; a test clock (--now, scripts) moves in whole minutes, so its
 * minute's start. */
static long long staff_seconds(long long now)
{
    long long wall = clock_now_seconds();
    return wall / 60 == now ? wall : now * 60;
}

/* A staff member on the technician screen says the clock reads right:
 * the mark becomes now, audited in the same transaction, and the day's
 * work runs again from the clock's judgement (the purge and rotation it
 * held). */
static void confirm_clock(kiosk_t *k, const char *staff, long long now)
{
    store_audit_note_t note = {staff, "clock_confirm", "on the kiosk's technician screen", now};
    char stamp[17];
    dt_format_stamp(now, stamp);
    if (store_clock_confirm(k->st, now, &note) != STORE_OK) {
        log_msg(LOG_ERROR, "clock not confirmed: %s", store_errmsg(k->st));
        return;
    }
    log_msg(LOG_INFO, "staff %s confirmed the clock: %s is the latest time seen", staff, stamp);
    k->clock_doubt = 0;
    k->daily_step = DAILY_CLOCK;
}

static void serve_staff(kiosk_t *k, flow_request_t *rq, long long now)
{
    flow_t *f = k->flow;
    char today[11];
    dt_format_date(dt_from_days((long)(now / 1440)), today);
    switch (rq->kind) {
    case FLOW_REQ_STAFF_LOGIN: {
        char name[KIOSK_STAFF_NAME_SIZE] = "";
        long long until = 0;
        int rc = staff_login_throttled(k->st, &k->login_mem, rq->input, staff_seconds(now), name,
                                       &until);
        /* On a database that cannot be written the attempts are counted in
         * memory and the audit cannot take the login: the log does. */
        const char *mem = k->login_mem.in_memory
                              ? " (the database cannot be written: counted in memory, not audited)"
                              : "";
        if (rc == STORE_OK)
            log_msg(LOG_INFO, "staff login: %s%s", name, mem);
        else if (rc < 0)
            log_msg(LOG_ERROR, "staff login failed: %s", store_errmsg(k->st));
        else
            log_msg(LOG_WARN, "staff login refused: %s%s", rules_result_name(rc), mem);
        /* The screen shows a minute: the one the lockout has ended by. */
        flow_staff_login_result(f, rc < 0 ? -1 : rc, name, until > 0 ? (until + 59) / 60 : 0);
        wipe_bytes(name, sizeof name);
        break;
    }
    case FLOW_REQ_STAFF_DAY: {
        rows_t r = {.size = sizeof(flow_day_row_t)};
        int rc = store_day(k->st, today, day_cb, &r);
        int bursts = 0;
        if (store_bursts(k->st, 1, count_burst, &bursts) != STORE_OK)
            bursts = 0; /* the notice is extra; the day's list is what counts */
        flow_staff_bursts(f, bursts);
        throttled_t th;
        if (throttled_count(k->st, today, &th) != STORE_OK)
            memset(&th, 0, sizeof th); /* extra, as the bursts */
        flow_staff_throttles(f, th.lookups + th.checkins, th.last);
        callalert_staff(k->st, f);
        flow_staff_day_result(f, r.v, r.n, rc != STORE_OK || r.failed);
        free(r.v);
        break;
    }
    case FLOW_REQ_ROSTER: {
        roster_ctx_t r = {.rows = {.size = sizeof(flow_roster_row_t)},
                          .session_id = rq->session_id};
        store_booking_filter_t flt = {.date = today};
        int rc = store_bookings(k->st, &flt, roster_cb, &r);
        flow_roster_result(f, r.rows.v, r.rows.n, rc != STORE_OK || r.rows.failed);
        if (r.rows.v)
            wipe_bytes(r.rows.v, r.rows.size * (size_t)r.rows.cap);
        free(r.rows.v);
        break;
    }
    case FLOW_REQ_STAFF_SET: {
        int rc = store_staff_set_status(k->st, rq->staff, rq->ticket, rq->status,
                                        rq->input[0] ? rq->input : NULL, now);
        log_msg(LOG_INFO, "staff %s: %s -> %s: %s", rq->staff, rq->ticket,
                rules_status_name(rq->status),
                rc < 0 ? store_errmsg(k->st) : rules_result_name(rc));
        flow_staff_action_result(f, rc < 0 ? -1 : rc);
        break;
    }
    case FLOW_REQ_SHOW_PHONE: {
        /* Showing a number in full is itself recorded: who looked, at which
         * booking (never the number). */
        int rc = store_audit(k->st, rq->staff, "show_phone", rq->ticket, NULL, NULL, now);
        flow_staff_action_result(f, rc < 0 ? -1 : RULES_OK);
        break;
    }
    case FLOW_REQ_RELEASE: {
        /* Collected first: a write from inside a listing's callback
         * could meet another process's write (store.h). */
        burst_ids_t b = {0};
        int rc = store_bursts(k->st, 1, collect_burst, &b);
        int total = 0;
        for (int i = 0; rc == STORE_OK && i < b.n; i++) {
            int n = 0;
            rc = store_burst_release(k->st, rq->staff, b.id[i], rq->input, now, &n);
            if (rc == RULES_BAD_STATE) /* released meanwhile, by kioskctl */
                rc = STORE_OK;
            total += n;
        }
        log_msg(rc < 0 ? LOG_ERROR : LOG_INFO, "staff %s released %d bursts (%d bookings): %s",
                rq->staff, b.n, total, rc < 0 ? store_errmsg(k->st) : rules_result_name(rc));
        flow_staff_action_result(f, rc < 0 ? -1 : rc);
        break;
    }
    case FLOW_REQ_CALL_ACK: {
        int rc = store_call_ack(k->st, rq->staff, strtoll(rq->input, NULL, 10), now);
        if (rc < 0)
            log_msg(LOG_ERROR, "call %s not acknowledged: %s", rq->input, store_errmsg(k->st));
        else
            log_msg(LOG_INFO, "call %s acknowledged by %s: %s", rq->input, rq->staff,
                    rules_result_name(rc));
        flow_staff_action_result(f, rc < 0 ? -1 : rc);
        break;
    }
    case FLOW_REQ_CLOSE: {
        int rc = store_session_close(k->st, rq->staff, rq->session_id, now);
        log_msg(LOG_INFO, "staff %s closed %s: %s", rq->staff, rq->session_id,
                rc < 0 ? store_errmsg(k->st) : rules_result_name(rc));
        flow_staff_action_result(f, rc < 0 ? -1 : rc);
        break;
    }
    case FLOW_REQ_EXPORT: {
        struct stat sb;
        if (!k->cfg.export_dir[0] || stat(k->cfg.export_dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
            flow_export_result(f, 1, NULL);
            break;
        }
        char path[CONFIG_PATH_MAX + 100], err[600], name[100];
        const char *from = rq->date_from, *until = rq->date_until;
        if (strcmp(from, until) == 0)
            snprintf(name, sizeof name, "bookings-%s-%.40s.csv", from, k->cat->station_id);
        else
            snprintf(name, sizeof name, "bookings-%s_%s-%.40s.csv", from, until,
                     k->cat->station_id);
        snprintf(path, sizeof path, "%s/%s", k->cfg.export_dir, name);
        int n = export_bookings_csv(k->st, path, from, until, err, sizeof err);
        if (n < 0) {
            log_msg(LOG_ERROR, "export failed: %s", err);
            flow_export_result(f, -1, NULL);
            break;
        }
        char detail[200];
        snprintf(detail, sizeof detail, "%d bookings, %s to %s", n, from, until);
        store_audit(k->st, rq->staff, "export", NULL, NULL, detail, now);
        log_msg(LOG_INFO, "staff %s exported %d bookings to %s", rq->staff, n, path);
        flow_export_result(f, 0, name);
        break;
    }
    case FLOW_REQ_CALIB_SAVE: {
        float m[6];
        char err[800], comment[128], stamp[17];
        calib_to_panel(rq->matrix, k->cfg.rotate, m);
        dt_format_stamp(now, stamp);
        snprintf(comment, sizeof comment, "touch calibration by %.60s on the kiosk, %s", rq->staff,
                 stamp);
        if (!calib_sane(m) || config_save_touch(&k->cfg, m, comment, err, sizeof err)) {
            if (!calib_sane(m))
                snprintf(err, sizeof err, "calibration out of range, not saved");
            log_msg(LOG_ERROR, "touch calibration not saved: %s", err);
            flow_calib_result(f, -1);
            break;
        }
        memcpy(k->cfg.touch_matrix, m, sizeof m); /* in use from the next touch */
        char detail[160];
        snprintf(detail, sizeof detail, "touch_matrix = %.4g %.4g %.4g %.4g %.4g %.4g", m[0], m[1],
                 m[2], m[3], m[4], m[5]);
        store_audit(k->st, rq->staff, "touch_calibrate", NULL, NULL, detail, now);
        log_msg(LOG_INFO, "staff %s saved the touch calibration: %s", rq->staff, detail);
        flow_calib_result(f, 0);
        break;
    }
    case FLOW_REQ_CLOCK_CONFIRM:
    case FLOW_REQ_TECH:
    case FLOW_REQ_PRINT_TEST: {
        char lines[FLOW_TECH_LINES][160];
        int n = 0;
        const char *extra = NULL;
        if (rq->kind == FLOW_REQ_CLOCK_CONFIRM)
            confirm_clock(k, rq->staff, now);
        if (rq->kind == FLOW_REQ_PRINT_TEST) {
            flow_print_t p = k->print ? k->print(k->print_ctx, flow_state(f), 1) : FLOW_PRINT_NONE;
            extra = str_get(p == FLOW_PRINT_OK     ? STR_TECH_PRINT_SENT
                            : p == FLOW_PRINT_NONE ? STR_TECH_PRINT_NONE
                                                   : STR_TECH_PRINT_FAILED,
                            flow_state(f)->lang_en);
        }
        tech_lines(k, lines, &n, extra);
        flow_tech_result(f, (const char(*)[160])lines, n);
        flow_tech_clock(f, k->clock_doubt);
        break;
    }
    default:
        break;
    }
}

static void serve_one(kiosk_t *k, flow_request_t *rq)
{
    flow_t *f = k->flow;
    long long now = flow_state(f)->now;
    switch (rq->kind) {
    case FLOW_REQ_SESSIONS: {
        /* Only the horizon from today: older sessions are history. */
        rows_t r = {.size = sizeof(flow_session_t)};
        char from[11], until[11];
        long today = (long)(now / 1440);
        dt_format_date(dt_from_days(today), from);
        dt_format_date(dt_from_days(today + k->cfg.rules.horizon_days), until);
        store_session_filter_t flt = {
            .service_id = rq->service_id, .from_date = from, .until_date = until};
        int rc = store_sessions(k->st, &flt, session_cb, &r);
        if (rc != STORE_OK)
            log_msg(LOG_ERROR, "cannot list sessions: %s", store_errmsg(k->st));
        flow_sessions_result(f, r.v, r.n, rc != STORE_OK || r.failed);
        free(r.v);
        break;
    }
    case FLOW_REQ_BOOK: {
        char ticket[KIOSK_TICKET_SIZE] = "";
        store_origin_t origin = {k->name, k->visit_base + flow_state(f)->resets};
        /* i16house: whom it is for (none: the booker), and no phone at all
         * when the resident has none (the code is then the only key). */
        store_person_t who = {rq->phone[0] ? rq->phone : NULL,
                              rq->for_label[0] ? rq->for_label : NULL, "kiosk"};
        int rc = store_book_person(k->st, &origin, rq->session_id, &who, rq->party, now,
                                   &k->cfg.rules, codegen, k, ticket);
        if (rc == RULES_VISIT_LIMIT || rc == RULES_BURST)
            log_msg(LOG_WARN,
                    "booking refused (%s) for session %s: a burst of bookings from this"
                    " kiosk, flagged for staff (kioskctl bursts)",
                    rules_result_name(rc), rq->session_id);
        else if (rc < 0)
            log_msg(LOG_ERROR, "booking failed: %s", store_errmsg(k->st));
        else if (rc == STORE_OK)
            log_msg(LOG_INFO, "booked %s for session %s, party %d", ticket, rq->session_id,
                    rq->party);
        else
            log_msg(LOG_INFO, "booking refused (%s) for session %s", rules_result_name(rc),
                    rq->session_id);
        char payload[TICKET_PAYLOAD_LEN + 1] = "";
        if (rc == STORE_OK)
            ticket_payload_make(&k->key, ticket, payload);
        flow_book_result(f, rc < 0 ? -1 : rc, ticket, payload);
        break;
    }
    case FLOW_REQ_LOOKUP: {
        lookup_ctx_t l = {.rows = {.size = sizeof(flow_booking_t)}};
        store_booking_filter_t flt = {.phone = rq->phone, .from = (now / 1440) * 1440};
        int rc = store_bookings(k->st, &flt, booking_cb, &l);
        if (rc != STORE_OK)
            log_msg(LOG_ERROR, "cannot look up bookings: %s", store_errmsg(k->st));
        rate_lookup_due(k->st, f, rq->phone, now); /* issue 20 (F) */
        waitlist_lookup(k->st, f, rq->phone, now); /* i20wait: the phone's waitlist too */
        flow_lookup_result(f, l.rows.v, l.rows.n, rc != STORE_OK || l.rows.failed);
        if (l.rows.v)
            wipe_bytes(l.rows.v, l.rows.size * (size_t)l.rows.cap);
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
        flow_print_result(f, k->print ? k->print(k->print_ctx, flow_state(f), 0) : FLOW_PRINT_NONE);
        break;
    case FLOW_REQ_STAFF_LOGIN:
    case FLOW_REQ_STAFF_DAY:
    case FLOW_REQ_ROSTER:
    case FLOW_REQ_STAFF_SET:
    case FLOW_REQ_SHOW_PHONE:
    case FLOW_REQ_CLOSE:
    case FLOW_REQ_EXPORT:
    case FLOW_REQ_TECH:
    case FLOW_REQ_PRINT_TEST:
    case FLOW_REQ_CALIB_SAVE:
    case FLOW_REQ_CLOCK_CONFIRM:
    case FLOW_REQ_RELEASE:
    case FLOW_REQ_CALL_ACK:
        serve_staff(k, rq, now);
        break;
    case FLOW_REQ_CALL:
        flow_call_result(f, callalert_call(&k->calls, k->st, k->visit_base + flow_state(f)->resets,
                                           rq->input, now));
        break;
    case FLOW_REQ_CHECKIN: {
        checkin_outcome_t o;
        /* Only the signed QR checks in without the second factor: anything
         * else is a code, typed (or a bare code scanned), and needs it. */
        int rc = ticket_payload_looks_like(rq->input)
                     ? checkin_present(k->st, &k->key, rq->input, now, &o)
                     : checkin_typed(k->st, rq->input, rq->factor, now, &o);
        if (rc < 0)
            log_msg(LOG_ERROR, "check-in failed: %s", store_errmsg(k->st));
        else
            log_msg(LOG_INFO, "check-in %s: %s", o.found ? o.booking.ticket : "(no ticket)",
                    rules_result_name(rc));
        flow_booking_t b;
        if (o.found)
            kiosk_booking_from_row(&o.booking, &b);
        /* w (issue 19): the queue number the check-in gave, for the screen. */
        char qlabel[QUEUE_LABEL_SIZE] = "";
        if (rc == RULES_OK && o.found)
            queue_take_of_booking(k->st, o.booking.ticket, &k->cfg.queue, now, qlabel);
        flow_checkin_queue(f, qlabel);
        flow_checkin_result(f, rc < 0 ? -1 : rc, o.found ? &b : NULL);
        wipe_bytes(&o, sizeof o);
        wipe_bytes(&b, sizeof b);
        break;
    }
    case FLOW_REQ_REPRINT: {
        flow_print_t printed;
        int rc = reprint_slip(k->st, &k->key, flow_state(f), rq->ticket, rq->staff, now, k->print,
                              k->print_ctx, &printed);
        flow_reprint_result(f, rc, printed);
        break;
    }
    case FLOW_REQ_THROTTLED:
        flow_throttled_result(f, throttled_record(k->st, rq->input, now));
        break;
    case FLOW_REQ_QUEUE_LINES: /* w (issue 19) */
    case FLOW_REQ_QUEUE_TAKE:
        queue_take_serve(k->st, k->flow, &k->cfg.queue, k->cfg.queue_minutes_per_person, rq, now);
        break;
    case FLOW_REQ_COUNTER: /* i19counter */
    case FLOW_REQ_COUNTER_POLL:
    case FLOW_REQ_QUEUE_STEP:
        counter_serve(k->st, k->flow, &k->cfg.queue, &k->queue_dv, rq, now);
        break;
    case FLOW_REQ_TERM: /* t (issue 20) */
    case FLOW_REQ_ENROL: {
        store_origin_t origin = {k->name, k->visit_base + flow_state(f)->resets};
        enrol_serve(k->st, f, &k->key, &k->cfg.rules, &origin, codegen, k, rq, now);
        break;
    }
    case FLOW_REQ_RATE_FIND: /* issue 20 (F) */
    case FLOW_REQ_RATE_SUBMIT:
    case FLOW_REQ_RATE_SKIP:
    case FLOW_REQ_RATE_PROMPT:
        rate_serve(k->st, &k->key, f, rq, now);
        break;
    case FLOW_REQ_WAITLIST_JOIN: /* i20wait */
    case FLOW_REQ_WAITLIST_WITHDRAW: {
        store_origin_t origin = {k->name, k->visit_base + flow_state(f)->resets};
        waitlist_serve(k->st, f, rq, &origin, &k->cfg.rules, now);
        break;
    }
    case FLOW_REQ_NONE:
        break;
    }
}

int kiosk_serve(kiosk_t *k)
{
    flow_request_t rq;
    /* issue 20 (F): a staff member's prompt to rate a visit opens at the
     * first touch of the next visit (attract to home): looked for once a
     * visit, not polled. */
    const flow_state_t *fs = flow_state(k->flow);
    if (k->st && fs->screen == FLOW_HOME && k->rate_asked != fs->resets + 1) {
        k->rate_asked = fs->resets + 1;
        if (rate_staff_prompt(k->st, k->flow, fs->now))
            return 1;
    }
    if (!flow_take_request(k->flow, &rq))
        return 0;
    /* Before a resident sees the sessions or books, and after: a booking
     * refused because the files went is followed by the banner at once. */
    watch_files(k);
    serve_one(k, &rq);
    watch_files(k);
    wipe_bytes(&rq, sizeof rq);
    return 1;
}

const float *kiosk_touch_matrix(const kiosk_t *k)
{
    return k->cfg.touch_matrix;
}
