/* kiosk-sync: sends the station's booking and call events (the store's outbox),
 * its queue events (queue_events, from schema 8) and its ratings (ratings,
 * from schema 11, issue 20), to the district's
 * central PostgreSQL database, each stream in seq order, in batches, by the
 * same path (a stream_t says what differs).
 * Each batch is one transaction at the centre, INSERT ... ON CONFLICT
 * (station_id, seq) DO NOTHING, so sending a batch twice adds nothing;
 * the store's sent_seq is raised only after the centre acknowledged the
 * COMMIT. It never holds a SQLite transaction across the network, so the
 * kiosk never waits for it. docs/fleet.md tells the whole story.
 *
 *
 * Every wait on the network (connecting, the TLS and startup handshake,
 * each statement and its result) is a poll() with a client-side deadline
 * (--timeout), so a centre that stops answering mid-batch cannot hold it:
 * the batch in flight is simply sent again next time. SIGTERM and SIGINT
 * wake the same poll() through a pipe, so a stop is prompt at any point.
 *
 *   kiosk-sync [--db FILE | --config FILE] (--central CONNINFO | --central-file FILE)
 *              [--once] [--batch N] [--interval S] [--max-backoff S] [--timeout S]
 * Exit codes (--once): 0 everything sent, 1 failed or stopped by a signal
 * first (one line on stderr says why; a failure is also kept in the store
 * for `kioskctl fleet status`), 2 usage. Loop mode stopped by a signal: 0. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "../firmware/platform/clock.h"
#include "../firmware/platform/config.h"
#include "../firmware/store/store.h"

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "dev"
#endif

enum { EXIT_DONE = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

/* The central schema versions this program writes to: 2 (the call events,
 * tools/central/schema-v2.sql) and 3 (the queue's events, schema-v3.sql).
 * A centre at 2 gets the outbox only, and the queue's events wait in the
 * store until its DBA runs schema-v3.sql: stations update first.
 * issue 20 (F): and 5 (the ratings, schema-v5.sql); below 5 they wait. */
#define CENTRAL_SCHEMA_MIN 2
#define CENTRAL_SCHEMA 5 /* issue 20 (F): 5, the ratings (schema-v5.sql); 4 is another's */
#define COLS_MAX 19
#define BATCH_MAX 2000 /* at most 19 parameters a row: well under libpq's 65535 */

typedef struct stream stream_t;

typedef struct sync {
    store_t *st;
    PGconn *pg;
    char conninfo[2048];
    char station[CATALOG_ID_MAX + 1];
    int batch;
    int timeout;        /* s: the longest wait for the centre at any one step */
    long long deadline; /* ms on the monotonic clock: when the current step gives up */
    int limit;          /* s: that step's allowance, for the message */
    int centre_version; /* the centre's fleet schema, once connected */
    store_outbox_row_t *rows;
    store_queue_event_row_t *qrows;
    store_rating_row_t *rrows; /* issue 20 (F) */
    int n;
    char err[600];
} sync_t;

/* One stream of events the store keeps and the centre files: the outbox
 * (fleet.events) or the queue's events (fleet.queue_events). Each is keyed
 * at the centre on (station_id, seq) of its own numbering. */
struct stream {
    const char *name;  /* in messages: "events", "queue events" */
    const char *table; /* at the centre */
    const char *cols;  /* the INSERT's column list, station_id and seq first */
    int ncols;
    int since; /* the centre's fleet schema that has the table */
    /* What an event is at the centre, as (what) says it, the check below
     * comparing it and its time (to the minute) with the store's. */
    const char *what_sql;
    const char *at_sql; /* its time at the centre, as "YYYY-MM-DD HH:MM" */
    int (*state)(sync_t *s, long long *sent, long long *pending);
    int (*read)(sync_t *s, long long after); /* fills s->n rows; STORE_OK */
    long long (*seq)(const sync_t *s, int i);
    const char *(*at)(const sync_t *s, int i);
    void (*what)(const sync_t *s, int i, char *out, size_t size);
    /* Row i's values (ncols) into v, numbers written in nums. */
    void (*values)(const sync_t *s, int i, const char **v, char (*nums)[24]);
    int (*mark)(sync_t *s, long long seq); /* the centre has up to seq */
    long long (*renumber)(store_t *st, long long first_seq);
};

/* The signal that asked us to stop (0: none), and the pipe whose reading
 * end every wait polls, so that the signal ends a wait at once. */
static volatile sig_atomic_t stopping;
static int wake[2] = {-1, -1};

static void on_signal(int sig)
{
    int saved = errno;
    stopping = sig;
    if (wake[1] >= 0)
        (void)!write(wake[1], "", 1);
    errno = saved;
}

static const char *signal_name(int sig)
{
    return sig == SIGTERM ? "SIGTERM" : sig == SIGINT ? "SIGINT" : "a signal";
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int fail(sync_t *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(sync_t *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->err, sizeof s->err, fmt, ap);
    va_end(ap);
    /* libpq's messages end in a newline; the store and the log want one line. */
    for (char *p = s->err; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = *(p + 1) ? ' ' : '\0';
    return -1;
}

static const char *pg_error(PGconn *pg)
{
    const char *m = pg ? PQerrorMessage(pg) : "";
    return m && *m ? m : "connection lost";
}

static void pg_close(sync_t *s)
{
    /* Non-blocking by now: the goodbye it sends cannot hang on a dead path. */
    PQfinish(s->pg);
    s->pg = NULL;
}

/* A step that waits for the centre begins: it may take up to secs. */
static void step_begins(sync_t *s, int secs)
{
    s->limit = secs;
    s->deadline = now_ms() + (long long)secs * 1000;
}

/* Waits until the centre's socket is ready for what is asked (POLLIN,
 * POLLOUT), up to s->deadline, or until a stop signal. Returns the ready
 * events, or 0 with s->err set and the connection closed: after a step
 * that got no answer, the connection's state is unknown, and the server
 * rolls back whatever was not committed when it sees it gone. */
static short pg_wait(sync_t *s, const char *what, short events)
{
    struct pollfd p[2] = {{PQsocket(s->pg), events, 0}, {wake[0], POLLIN, 0}};
    for (;;) {
        if (stopping) {
            fail(s, "%s: stopped by %s", what, signal_name(stopping));
            break;
        }
        long long left = s->deadline - now_ms();
        if (left <= 0) {
            fail(s, "%s: the centre did not answer within %d s", what, s->limit);
            break;
        }
        int n = poll(p, 2, left > INT_MAX ? INT_MAX : (int)left);
        if (n < 0 && errno != EINTR) {
            fail(s, "%s: poll: %s", what, strerror(errno));
            break;
        }
        if (n > 0 && p[0].revents)
            return p[0].revents;
    }
    pg_close(s);
    return 0;
}

/* Runs one statement (with parameters, or none) and reads its result, each
 * wait under the deadline. Returns the result when its status is want;
 * else NULL with s->err (and the connection closed if it timed out). */
static PGresult *pg_run(sync_t *s, const char *what, const char *sql, int n,
                        const char *const *params, ExecStatusType want)
{
    if (!s->pg) {
        fail(s, "%s: not connected", what);
        return NULL;
    }
    step_begins(s, s->timeout);
    if (!PQsendQueryParams(s->pg, sql, n, NULL, params, NULL, NULL, 0)) {
        fail(s, "%s: %s", what, pg_error(s->pg));
        return NULL;
    }
    /* libpq's recipe for a non-blocking send: flush until done, reading
     * whatever the server says meanwhile. */
    for (int f; (f = PQflush(s->pg)) != 0;) {
        short ev = f < 0 ? 0 : pg_wait(s, what, POLLIN | POLLOUT);
        if (f < 0 || ev == 0 || ((ev & POLLIN) && !PQconsumeInput(s->pg))) {
            if (f < 0 || s->pg)
                fail(s, "%s: %s", what, pg_error(s->pg));
            return NULL;
        }
    }
    PGresult *last = NULL;
    for (;;) {
        while (PQisBusy(s->pg)) {
            if (!pg_wait(s, what, POLLIN)) {
                PQclear(last);
                return NULL;
            }
            if (!PQconsumeInput(s->pg)) {
                fail(s, "%s: %s", what, pg_error(s->pg));
                PQclear(last);
                return NULL;
            }
        }
        PGresult *r = PQgetResult(s->pg);
        if (!r)
            break;
        PQclear(last);
        last = r;
    }
    if (PQresultStatus(last) != want) {
        const char *m = last ? PQresultErrorMessage(last) : "";
        fail(s, "%s: %s", what, m && *m ? m : pg_error(s->pg));
        PQclear(last);
        return NULL;
    }
    return last;
}

/* Runs a statement that returns no rows; -1 with s->err on failure. */
static int pg_exec(sync_t *s, const char *what, const char *sql)
{
    PGresult *r = pg_run(s, what, sql, 0, NULL, PGRES_COMMAND_OK);
    PQclear(r);
    return r ? 0 : -1;
}

/* The connection's connect_timeout in s (0: none given), as libpq read it
 * from the connection string or PGCONNECT_TIMEOUT. */
static int connect_timeout_of(PGconn *pg)
{
    int t = 0;
    PQconninfoOption *o = PQconninfo(pg);
    for (PQconninfoOption *i = o; i && i->keyword; i++)
        if (strcmp(i->keyword, "connect_timeout") == 0 && i->val)
            t = atoi(i->val);
    PQconninfoFree(o);
    return t;
}

/* Connects and checks that the centre runs the schema this program knows
 * and that the role it logs in as is this station's. */
static int pg_open(sync_t *s)
{
    /* Later keys win over earlier ones: the given string may set its own
     * connect_timeout (10 s unless it does), and --timeout caps it. The
     * handshake (TCP, TLS, startup, authentication) is driven here with
     * PQconnectPoll, each wait under that deadline: libpq's own
     * connect_timeout is not applied to it, nor could a signal end it. */
    const char *keys[] = {"connect_timeout", "fallback_application_name", "dbname", NULL};
    const char *vals[] = {"10", "kiosk-sync", s->conninfo, NULL};
    s->pg = PQconnectStartParams(keys, vals, 1);
    if (!s->pg || PQstatus(s->pg) == CONNECTION_BAD) {
        fail(s, "connect: %s", s->pg ? pg_error(s->pg) : "out of memory");
        pg_close(s);
        return -1;
    }
    int limit = connect_timeout_of(s->pg);
    limit = limit > 0 && limit < s->timeout ? limit : s->timeout;
    step_begins(s, limit);
    for (PostgresPollingStatusType st = PGRES_POLLING_WRITING; st != PGRES_POLLING_OK;
         st = PQconnectPoll(s->pg)) {
        if (st == PGRES_POLLING_FAILED) {
            fail(s, "connect: %s", pg_error(s->pg));
            pg_close(s);
            return -1;
        }
        if (!pg_wait(s, "connect", st == PGRES_POLLING_READING ? POLLIN : POLLOUT))
            return -1;
    }
    if (PQsetnonblocking(s->pg, 1)) {
        fail(s, "connect: %s", pg_error(s->pg));
        pg_close(s);
        return -1;
    }
    /* The centre gives up on a statement before we do, and says why; and
     * a session we left mid-transaction (our deadline, a kill, a dead
     * path) ends after --timeout instead of holding the batch's rows,
     * which the next run needs, for as long as TCP takes to notice. */
    char sql[96];
    snprintf(sql, sizeof sql, "SET statement_timeout = '%dms'", s->timeout * 2000 / 3);
    int set = pg_exec(s, "connect", sql);
    snprintf(sql, sizeof sql, "SET idle_in_transaction_session_timeout = '%ds'", s->timeout);
    if (set || pg_exec(s, "connect", sql)) {
        pg_close(s); /* a connection that did not pass is not kept */
        return -1;
    }
    PGresult *r = pg_run(s, "connect",
                         "SELECT (SELECT max(version) FROM fleet.schema_version), fleet.my_station()",
                         0, NULL, PGRES_TUPLES_OK);
    if (!r) {
        if (s->pg) { /* the centre answered, with an error */
            char why[sizeof s->err];
            snprintf(why, sizeof why, "%s", s->err + strlen("connect: "));
            fail(s, "connect: the centre has no fleet schema we can read: %s", why);
            pg_close(s);
        }
        return -1;
    }
    int rc = -1;
    if (PQntuples(r) != 1) {
        fail(s, "connect: the centre has no fleet schema we can read: no row");
    } else if ((s->centre_version = atoi(PQgetvalue(r, 0, 0))) < CENTRAL_SCHEMA_MIN ||
               s->centre_version > CENTRAL_SCHEMA) {
        fail(s, "connect: the centre runs fleet schema version %s, this kiosk-sync writes %d%s",
             PQgetvalue(r, 0, 0), s->centre_version < CENTRAL_SCHEMA_MIN ? CENTRAL_SCHEMA_MIN
                                                                          : CENTRAL_SCHEMA,
             s->centre_version < CENTRAL_SCHEMA_MIN
                 ? " (the centre's DBA runs tools/central/schema-v2.sql)"
                 : " or older");
    } else if (PQgetisnull(r, 0, 1)) {
        fail(s, "connect: role %s is no station's role at the centre", PQuser(s->pg));
    } else if (strcmp(PQgetvalue(r, 0, 1), s->station) != 0) {
        fail(s, "connect: role %s writes for station %s at the centre, but this store is station %s",
             PQuser(s->pg), PQgetvalue(r, 0, 1), s->station);
    } else {
        rc = 0;
    }
    PQclear(r);
    if (rc)
        pg_close(s);
    return rc;
}

/* ---- The outbox: booking and call events ------------------------------------ */

static int take_row(void *ctx, const store_outbox_row_t *row)
{
    sync_t *s = ctx;
    s->rows[s->n++] = *row;
    return s->n >= s->batch;
}

static int outbox_state(sync_t *s, long long *sent, long long *pending)
{
    store_sync_state_t ss;
    if (store_sync_state(s->st, &ss) != STORE_OK)
        return -1;
    *sent = ss.sent_seq;
    *pending = ss.pending;
    return 0;
}

static int outbox_read(sync_t *s, long long after)
{
    return store_outbox(s->st, after, s->batch, take_row, s);
}

static long long outbox_seq(const sync_t *s, int i) { return s->rows[i].seq; }
static const char *outbox_at(const sync_t *s, int i) { return s->rows[i].at; }

/* What names an event in the check: its kind and a booking event's
 * ticket, a call event's kiosk and call number (it has no ticket). */
static void outbox_what(const sync_t *s, int i, char *out, size_t size)
{
    const store_outbox_row_t *e = &s->rows[i];
    if (e->ticket[0])
        snprintf(out, size, "%s %s", e->kind, e->ticket);
    else
        snprintf(out, size, "%s %s/%lld", e->kind, e->kiosk, e->call_id);
}

static void outbox_values(const sync_t *s, int i, const char **v, char (*nums)[24])
{
    const store_outbox_row_t *e = &s->rows[i];
    snprintf(nums[0], 24, "%lld", e->seq);
    snprintf(nums[1], 24, "%d", e->capacity);
    snprintf(nums[2], 24, "%d", e->party);
    snprintf(nums[3], 24, "%lld", e->call_id);
    const char *row[COLS_MAX] = {
        s->station, nums[0],       e->kind,       e->at,          e->status,
        e->ticket,  e->session_id, e->service_id, e->category_id, e->service_name,
        e->date,    e->start,      e->end,        nums[1],        nums[2],
        e->kiosk,   nums[3],       e->screen,     e->staff};
    /* A call event has no booking columns, a booking event no call
     * columns: NULL at the centre, as in the store (its CHECK). */
    int call = e->ticket[0] == '\0';
    for (int c = call ? 4 : 15; c < (call ? 15 : COLS_MAX); c++)
        row[c] = NULL;
    if (call && !e->staff[0])
        row[18] = NULL;
    memcpy(v, row, sizeof row);
}

static int outbox_mark(sync_t *s, long long seq)
{
    return store_sync_sent(s->st, seq, clock_now_stamp());
}

/* ---- The queue's events --------------------------------------------------------- */

static int take_queue_row(void *ctx, const store_queue_event_row_t *row)
{
    sync_t *s = ctx;
    s->qrows[s->n++] = *row;
    return s->n >= s->batch;
}

static int queue_state(sync_t *s, long long *sent, long long *pending)
{
    long long last;
    return store_queue_sync_state(s->st, sent, &last, pending) == STORE_OK ? 0 : -1;
}

static int queue_read(sync_t *s, long long after)
{
    return store_queue_events(s->st, after, s->batch, take_queue_row, s);
}

static long long queue_seq(const sync_t *s, int i) { return s->qrows[i].seq; }
static const char *queue_at(const sync_t *s, int i) { return s->qrows[i].at; }

static void queue_what(const sync_t *s, int i, char *out, size_t size)
{
    const store_queue_event_row_t *e = &s->qrows[i];
    snprintf(out, size, "%s %s %s", e->kind, e->line_id, e->day);
}

/* No label, ticket or phone: the line, the kind of ticket, the counter and
 * the minutes; what a step does not have is NULL. */
static void queue_values(const sync_t *s, int i, const char **v, char (*nums)[24])
{
    const store_queue_event_row_t *e = &s->qrows[i];
    snprintf(nums[0], 24, "%lld", e->seq);
    snprintf(nums[1], 24, "%d", e->counter);
    snprintf(nums[2], 24, "%d", e->waited);
    snprintf(nums[3], 24, "%d", e->served);
    const char *row[] = {s->station,
                         nums[0],
                         e->kind,
                         e->at,
                         e->day,
                         e->line_id,
                         e->ticket_kind,
                         e->counter > 0 ? nums[1] : NULL,
                         e->to_line[0] ? e->to_line : NULL,
                         e->waited >= 0 ? nums[2] : NULL,
                         e->served >= 0 ? nums[3] : NULL};
    memcpy(v, row, sizeof row);
}

static int queue_mark(sync_t *s, long long seq)
{
    return store_queue_sync_sent(s->st, seq);
}

/* ---- 好差评: the ratings (issue 20 F) ------------------------------------------- */

static int take_rating_row(void *ctx, const store_rating_row_t *row)
{
    sync_t *s = ctx;
    s->rrows[s->n++] = *row;
    return s->n >= s->batch;
}

static int rating_state(sync_t *s, long long *sent, long long *pending)
{
    long long last;
    return store_rating_sync_state(s->st, sent, &last, pending) == STORE_OK ? 0 : -1;
}

static int rating_read(sync_t *s, long long after)
{
    return store_rating_events(s->st, after, s->batch, take_rating_row, s);
}

static long long rating_seq(const sync_t *s, int i) { return s->rrows[i].seq; }
/* A rating has no time of day; the check compares its day at midnight. */
static const char *rating_at(const sync_t *s, int i)
{
    static char at[17];
    snprintf(at, sizeof at, "%.10s 00:00", s->rrows[i].day);
    return at;
}

static void rating_what(const sync_t *s, int i, char *out, size_t size)
{
    const store_rating_row_t *r = &s->rrows[i];
    snprintf(out, size, "%s %d %s", r->service_id, r->level, r->channel);
}

/* No ticket, phone, label or time: the rating is all there is. */
static void rating_values(const sync_t *s, int i, const char **v, char (*nums)[24])
{
    const store_rating_row_t *r = &s->rrows[i];
    snprintf(nums[0], 24, "%lld", r->seq);
    snprintf(nums[1], 24, "%d", r->level);
    const char *row[] = {s->station, nums[0], r->day, r->service_id, nums[1], r->reasons,
                         r->channel};
    memcpy(v, row, sizeof row);
}

static int rating_mark(sync_t *s, long long seq)
{
    return store_rating_sync_sent(s->st, seq);
}

#define AT_SQL "to_char(at, 'YYYY-MM-DD HH24:MI')"
static const stream_t streams[] = {
    {"events", "fleet.events",
     "station_id, seq, kind, at, status, ticket, session_id, service_id, category_id,"
     " service_name, session_date, session_start, session_end, capacity, party, kiosk, call_id,"
     " screen, staff",
     19, 2, "kind || ' ' || COALESCE(ticket, kiosk || '/' || call_id)", AT_SQL, outbox_state,
     outbox_read, outbox_seq, outbox_at, outbox_what, outbox_values, outbox_mark,
     store_outbox_renumber},
    {"queue events", "fleet.queue_events",
     "station_id, seq, kind, at, day, line_id, ticket_kind, counter, to_line, waited, served", 11,
     3, "kind || ' ' || line_id || ' ' || day", AT_SQL, queue_state, queue_read, queue_seq, queue_at,
     queue_what, queue_values, queue_mark, store_queue_events_renumber},
    {"ratings", "fleet.ratings", "station_id, seq, day, service_id, level, reasons, channel", 7, 5,
     "service_id || ' ' || level || ' ' || channel", "to_char(day, 'YYYY-MM-DD') || ' 00:00'",
     rating_state, rating_read, rating_seq,
     rating_at, rating_what, rating_values, rating_mark, store_ratings_renumber},
};
enum { STREAMS = sizeof streams / sizeof streams[0] };

/* ---- Sending a stream --------------------------------------------------------- */

/* One of the stream's events, in messages. */
static const char *stream_one(const stream_t *t)
{
    return t->name[0] == 'q' ? "queue event" : t->name[0] == 'r' ? "rating" : "event";
}

/* The centre already had some of the batch (a batch sent before whose
 * acknowledgement was lost): they must be the very same events. Anything
 * else means this store's numbers were used before, e.g. it was restored
 * from a backup older than what was sent; then nothing is marked sent and
 * a technician must look (docs/fleet.md). */
static int verify_known(sync_t *s, const stream_t *t)
{
    char a[24], b[24], sql[400];
    snprintf(a, sizeof a, "%lld", t->seq(s, 0));
    snprintf(b, sizeof b, "%lld", t->seq(s, s->n - 1));
    snprintf(sql, sizeof sql,
             "SELECT seq, %s, %s FROM %s"
             " WHERE station_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq",
             t->what_sql, t->at_sql, t->table);
    const char *p[3] = {s->station, a, b};
    PGresult *r = pg_run(s, "send", sql, 3, p, PGRES_TUPLES_OK);
    int rc = 0;
    if (!r) {
        rc = -1;
    } else if (PQntuples(r) != s->n) {
        rc = fail(s, "send: the centre has %d of %s %s..%s after the insert, not %d", PQntuples(r),
                  t->name, a, b, s->n);
    } else {
        for (int i = 0; i < s->n && rc == 0; i++) {
            char what[KIOSK_TICKET_SIZE + 128];
            t->what(s, i, what, sizeof what);
            if (atoll(PQgetvalue(r, i, 0)) != t->seq(s, i) || strcmp(PQgetvalue(r, i, 1), what) ||
                strcmp(PQgetvalue(r, i, 2), t->at(s, i)))
                rc = fail(s,
                          "send: the centre's %s %lld of station %s is not this store's (%s"
                          " there, %s here): was this store restored from an old backup?",
                          stream_one(t), t->seq(s, i), s->station,
                          PQgetvalue(r, i, 1), what);
        }
    }
    PQclear(r);
    return rc;
}

/* Sends the rows read into s->rows or s->qrows as one transaction. */
static int send_batch(sync_t *s, const stream_t *t)
{
    size_t cap = 512 + strlen(t->cols) + (size_t)s->n * ((size_t)t->ncols * 7 + 4);
    char *sql = malloc(cap);
    const char **vals = calloc((size_t)s->n * (size_t)t->ncols, sizeof *vals);
    char(*nums)[4][24] = calloc((size_t)s->n, sizeof *nums);
    if (!sql || !vals || !nums) {
        free(sql);
        free(vals);
        free(nums);
        return fail(s, "send: out of memory");
    }
    size_t o = (size_t)snprintf(sql, cap, "INSERT INTO %s (%s) VALUES ", t->table, t->cols);
    for (int i = 0; i < s->n; i++) {
        t->values(s, i, vals + (size_t)i * (size_t)t->ncols, nums[i]);
        o += (size_t)snprintf(sql + o, cap - o, "%s(", i ? "," : "");
        for (int c = 0; c < t->ncols; c++)
            o += (size_t)snprintf(sql + o, cap - o, "%s$%d", c ? "," : "", i * t->ncols + c + 1);
        o += (size_t)snprintf(sql + o, cap - o, ")");
    }
    snprintf(sql + o, cap - o, " ON CONFLICT (station_id, seq) DO NOTHING RETURNING seq");

    int rc = pg_exec(s, "send", "BEGIN");
    if (rc == 0) {
        PGresult *r = pg_run(s, "send", sql, s->n * t->ncols, vals, PGRES_TUPLES_OK);
        if (!r)
            rc = -1;
        else if (PQntuples(r) < s->n)
            rc = verify_known(s, t);
        PQclear(r);
    }
    /* Only an acknowledged COMMIT counts; anything else is sent again. A
     * connection that timed out is closed already (the centre rolls back). */
    if (rc == 0) {
        rc = pg_exec(s, "commit", "COMMIT");
    } else if (s->pg && PQstatus(s->pg) == CONNECTION_OK) {
        char err[sizeof s->err];
        memcpy(err, s->err, sizeof err);
        PQclear(pg_run(s, "rollback", "ROLLBACK", 0, NULL, PGRES_COMMAND_OK));
        memcpy(s->err, err, sizeof err); /* the first failure is the one to tell */
    }
    free(sql);
    free(vals);
    free(nums);
    return rc;
}

/* Sends everything waiting of one stream after sent. Returns the number of
 * events sent, or -1. */
static long long sync_stream(sync_t *s, const stream_t *t, long long after)
{
    long long total = 0;
    for (;;) {
        s->n = 0;
        if (t->read(s, after) != STORE_OK)
            return fail(s, "%s", store_errmsg(s->st));
        if (s->n == 0)
            break;
        /* Stopped between batches, with more waiting: not "all sent". */
        if (stopping)
            return fail(s, "send: stopped by %s", signal_name(stopping));
        if (send_batch(s, t)) {
            pg_close(s);
            return -1;
        }
        after = t->seq(s, s->n - 1);
        if (t->mark(s, after) != STORE_OK)
            return fail(s, "sent %s up to %lld but cannot note it: %s", t->name, after,
                        store_errmsg(s->st));
        total += s->n;
    }
    return total;
}

/* The store's station id into s->station; -1 with s->err when it has none. */
static int station_of_store(sync_t *s)
{
    store_sync_state_t ss;
    if (store_sync_state(s->st, &ss) != STORE_OK)
        return fail(s, "%s", store_errmsg(s->st));
    if (!ss.station_id[0])
        return fail(s, "the store has no station id yet (import a catalog with a [station] id)");
    snprintf(s->station, sizeof s->station, "%s", ss.station_id);
    return 0;
}

/* Sends everything waiting of every stream the centre has a table for;
 * sent[k] the number of events of streams[k] sent (-1: the centre has no
 * table for them yet). Returns 0, or -1. */
static int sync_all(sync_t *s, long long sent[STREAMS])
{
    long long after[STREAMS], pending[STREAMS], any = 0;
    if (station_of_store(s))
        return -1;
    for (int k = 0; k < STREAMS; k++) {
        sent[k] = 0;
        if (streams[k].state(s, &after[k], &pending[k]))
            return fail(s, "%s", store_errmsg(s->st));
        any += pending[k];
    }
    if (any == 0)
        return 0;
    if (!s->pg && pg_open(s))
        return -1;
    for (int k = 0; k < STREAMS; k++) {
        if (s->centre_version < streams[k].since) {
            sent[k] = -1;
            continue;
        }
        if (pending[k] && (sent[k] = sync_stream(s, &streams[k], after[k])) < 0)
            return -1;
    }
    return 0;
}

/* --renumber: the events waiting get numbers after the centre's last one
 * of this station, in each stream the centre has. The centre's events the
 * store no longer has (made after the backup it was restored from) stay
 * there: they happened. */
static int renumber_after_centre(sync_t *s)
{
    if (station_of_store(s) || pg_open(s))
        return -1;
    const char *p[1] = {s->station};
    long long last[STREAMS], sent[STREAMS], pending;
    /* Every stream checked before any is changed: all or nothing. */
    for (int k = 0; k < STREAMS; k++) {
        const stream_t *t = &streams[k];
        last[k] = -1;
        if (s->centre_version < t->since)
            continue;
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT COALESCE(max(seq), 0) FROM %s WHERE station_id = $1",
                 t->table);
        PGresult *r = pg_run(s, "renumber", sql, 1, p, PGRES_TUPLES_OK);
        if (!r)
            return -1;
        last[k] = atoll(PQgetvalue(r, 0, 0));
        PQclear(r);
        if (t->state(s, &sent[k], &pending))
            return fail(s, "%s", store_errmsg(s->st));
        if (last[k] < sent[k])
            return fail(s, "renumber: the centre's last %s of %s is %lld, below this store's %lld"
                           " already sent: this is not a restored store; nothing changed",
                        stream_one(t), s->station, last[k],
                        sent[k]);
    }
    for (int k = 0; k < STREAMS; k++) {
        if (last[k] < 0)
            continue;
        long long n = streams[k].renumber(s->st, last[k] + 1);
        if (n < 0)
            return fail(s, "%s", store_errmsg(s->st));
        fprintf(stderr, "kiosk-sync: %lld waiting %s of station %s renumbered from %lld\n", n,
                streams[k].name, s->station, last[k] + 1);
    }
    return 0;
}

static int usage(const char *what, const char *arg)
{
    if (what)
        fprintf(stderr, "kiosk-sync: %s%s%s\n", what, arg ? ": " : "", arg ? arg : "");
    fputs("usage: kiosk-sync [--db FILE | --config FILE] (--central CONNINFO | --central-file FILE)\n"
          "                  [--once | --renumber] [--batch N] [--interval S] [--max-backoff S]\n"
          "Sends the store's booking and call events, its walk-in queue's events (to a\n"
          "centre at fleet schema 3) and its residents' ratings (好差评, to a centre at 5),\n"
          "to the central PostgreSQL database.\n"
          "  --central CONNINFO  libpq connection string or URI (host=... dbname=... user=...\n"
          "                      sslmode=verify-full ...); put passwords in a passfile, not here\n"
          "  --central-file FILE read it from the first line of FILE instead\n"
          "  --once              send what is waiting and exit (0 done, 1 failed)\n"
          "  --renumber          for a store restored from an old backup (the centre has\n"
          "                      other events under its numbers): number the events waiting\n"
          "                      (of each stream) after the centre's last one, then send\n"
          "                      them (implies --once)\n"
          "  --batch N           events per transaction (1..2000, default 500)\n"
          "  --interval S        seconds between rounds when nothing failed (default 60)\n"
          "  --max-backoff S     longest wait after failures, doubling from 5 s (default 600)\n"
          "  --timeout S         the longest wait for the centre at any one step: connecting\n"
          "                      (also capped by the string's connect_timeout, default 10),\n"
          "                      each statement, each result (1..3600, default 90); the\n"
          "                      centre is asked to give up on a statement after 2/3 of it\n"
          "SIGTERM or SIGINT stops it at once; what the centre did not acknowledge is sent\n"
          "next time. Exit: 0 done (or loop mode stopped), 1 failed or --once stopped, 2 usage.\n",
          what ? stderr : stdout);
    return EXIT_USAGE;
}

static int read_first_line(const char *path, char *out, size_t size)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "kiosk-sync: cannot read %s: %s\n", path, strerror(errno));
        return -1;
    }
    int ok = fgets(out, (int)size, f) != NULL;
    fclose(f);
    out[strcspn(out, "\r\n")] = '\0';
    if (!ok || !*out) {
        fprintf(stderr, "kiosk-sync: %s is empty (it holds the centre's connection string)\n",
                path);
        return -1;
    }
    return 0;
}

static int parse_int(const char *arg, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (errno || end == arg || *end || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

/* Sleeps up to seconds, returning at once on SIGTERM/SIGINT. */
static void nap(int seconds)
{
    long long until = now_ms() + (long long)seconds * 1000;
    struct pollfd p = {wake[0], POLLIN, 0};
    for (long long left; !stopping && (left = until - now_ms()) > 0;)
        (void)poll(&p, 1, (int)left);
}

/* The pipe a signal writes to, so that it ends whatever wait is going on. */
static int wake_pipe(void)
{
    if (pipe(wake))
        return -1;
    for (int i = 0; i < 2; i++)
        if (fcntl(wake[i], F_SETFL, O_NONBLOCK) || fcntl(wake[i], F_SETFD, FD_CLOEXEC))
            return -1;
    return 0;
}

int main(int argc, char **argv)
{
    sync_t s;
    memset(&s, 0, sizeof s);
    s.batch = 500;
    s.timeout = 90;
    const char *db = NULL, *config = NULL, *central = NULL, *central_file = NULL;
    int once = 0, renumber = 0, interval = 60, max_backoff = 600;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
            return usage(NULL, NULL), EXIT_DONE;
        if (strcmp(a, "--version") == 0) {
            printf("kiosk-sync %s\n", KIOSK_VERSION);
            return EXIT_DONE;
        }
        if (strcmp(a, "--once") == 0 || strcmp(a, "--renumber") == 0) {
            once = 1;
            renumber |= a[2] == 'r';
            continue;
        }
        if (i + 1 >= argc)
            return usage("needs a value, or is unknown", a);
        const char *v = argv[++i];
        if (strcmp(a, "--db") == 0)
            db = v;
        else if (strcmp(a, "--config") == 0)
            config = v;
        else if (strcmp(a, "--central") == 0)
            central = v;
        else if (strcmp(a, "--central-file") == 0)
            central_file = v;
        else if (strcmp(a, "--batch") == 0) {
            if (parse_int(v, 1, BATCH_MAX, &s.batch))
                return usage("--batch must be 1..2000", v);
        } else if (strcmp(a, "--interval") == 0) {
            if (parse_int(v, 1, 86400, &interval))
                return usage("--interval must be 1..86400 seconds", v);
        } else if (strcmp(a, "--timeout") == 0) {
            if (parse_int(v, 1, 3600, &s.timeout))
                return usage("--timeout must be 1..3600 seconds", v);
        } else if (strcmp(a, "--max-backoff") == 0) {
            if (parse_int(v, 5, 86400, &max_backoff))
                return usage("--max-backoff must be 5..86400 seconds", v);
        } else {
            return usage("unknown option", a);
        }
    }
    if (!central == !central_file)
        return usage("give the centre with one of --central or --central-file", NULL);
    if (central)
        snprintf(s.conninfo, sizeof s.conninfo, "%s", central);
    else if (read_first_line(central_file, s.conninfo, sizeof s.conninfo))
        return EXIT_FAILED;

    config_t cfg;
    config_defaults(&cfg);
    char path[CONFIG_PATH_MAX], err[600];
    if (config && config_load(&cfg, config, err, sizeof err)) {
        fprintf(stderr, "kiosk-sync: %s\n", err);
        return EXIT_FAILED;
    }
    if (db)
        snprintf(path, sizeof path, "%s", db);
    else
        config_db_path(&cfg, path);
    /* Read-write without CREATE: the kiosk makes the store, not the sync. */
    if (store_open(path, 0, &s.st) != STORE_OK) {
        fprintf(stderr, "kiosk-sync: %s\n", store_errmsg(s.st));
        store_close(s.st);
        return EXIT_FAILED;
    }
    s.rows = calloc((size_t)s.batch, sizeof *s.rows);
    s.qrows = calloc((size_t)s.batch, sizeof *s.qrows);
    s.rrows = calloc((size_t)s.batch, sizeof *s.rrows);
    if (!s.rows || !s.qrows || !s.rrows) {
        fprintf(stderr, "kiosk-sync: out of memory\n");
        free(s.rows);
        free(s.qrows);
        free(s.rrows);
        store_close(s.st);
        return EXIT_FAILED;
    }
    if (wake_pipe()) {
        fprintf(stderr, "kiosk-sync: pipe: %s\n", strerror(errno));
        free(s.rows);
        free(s.qrows);
        free(s.rrows);
        store_close(s.st);
        return EXIT_FAILED;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    if (renumber && renumber_after_centre(&s)) {
        fprintf(stderr, "kiosk-sync: %s%s\n", s.err, stopping ? "; nothing changed" : "");
        pg_close(&s);
        free(s.rows);
        free(s.qrows);
        free(s.rrows);
        store_close(s.st);
        return EXIT_FAILED;
    }
    int rc = EXIT_DONE, backoff = 0;
    srand((unsigned)time(NULL) ^ (unsigned)getpid());
    /* One round at least: a --once stopped before it still says so. */
    for (int first = 1; first || !stopping; first = 0) {
        long long sent[STREAMS];
        int n = sync_all(&s, sent);
        if (n < 0 && stopping) {
            /* Not the centre's failure: nothing to note in the store. */
            fprintf(stderr, "kiosk-sync: %s; what the centre did not acknowledge is sent next time\n",
                    s.err);
            rc = once ? EXIT_FAILED : EXIT_DONE;
            break;
        }
        if (n < 0) {
            fprintf(stderr, "kiosk-sync: %s\n", s.err);
            if (store_sync_failed(s.st, s.err, clock_now_stamp()) != STORE_OK)
                fprintf(stderr, "kiosk-sync: %s\n", store_errmsg(s.st));
            rc = EXIT_FAILED;
        } else {
            if (sent[0] > 0 || sent[1] > 0 || sent[2] > 0 || once)
                fprintf(stderr,
                        "kiosk-sync: sent %lld events of station %s, %s%lld queue events%s,"
                        " %s%lld ratings%s\n",
                        sent[0], s.station, sent[1] < 0 ? "no " : "", sent[1] < 0 ? 0 : sent[1],
                        sent[1] < 0 ? " (they wait for the centre's fleet schema 3:"
                                      " tools/central/schema-v3.sql)"
                                    : "",
                        sent[2] < 0 ? "no " : "", sent[2] < 0 ? 0 : sent[2],
                        sent[2] < 0 ? " (they wait for the centre's fleet schema 5:"
                                      " tools/central/schema-v5.sql)"
                                    : "");
            rc = EXIT_DONE;
        }
        if (once || stopping)
            break;
        /* After a failure: 5, 10, 20 ... s up to max_backoff, with up to a
         * quarter of jitter so that 149 stations coming back after an
         * outage of the centre do not all knock at once. */
        if (rc == EXIT_DONE) {
            backoff = 0;
            nap(interval);
        } else {
            backoff = backoff ? (backoff * 2 < max_backoff ? backoff * 2 : max_backoff) : 5;
            nap(backoff + rand() % (backoff / 4 + 1));
        }
    }
    /* Loop mode ends only when asked to: that is no failure to systemd,
     * even when the last round failed (it is in the journal and the store). */
    if (!once && stopping)
        rc = EXIT_DONE;
    pg_close(&s);
    free(s.rows);
    free(s.qrows);
    free(s.rrows);
    store_close(s.st);
    close(wake[0]);
    close(wake[1]);
    return rc;
}
