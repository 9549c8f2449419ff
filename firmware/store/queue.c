/* The walk-in queue (schema version 8): taking a number and the staff's
 * steps at a counter, each a write transaction with its queue_events row
 * (and for staff its audit row). The rule of who is called next is the
 * core's (core/queue.h); this file loads the waiting numbers, asks it, and
 * writes the answer. The listings and the lines are in queue_read.c. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* ---- The state of a line today ---------------------------------------------------- */

typedef struct line_state {
    char letter;
    char name[QUEUE_NAME_MAX];
    int cap;    /* today's */
    int closed; /* today */
    int taken;  /* numbers given today (the highest) */
} line_state_t;

/* 1 with *ls filled for an active line, 0 when there is none, -1 on error. */
static int line_state(store_t *st, const char *what, const char *line, const char *day,
                      line_state_t *ls)
{
    sqlite3_stmt *s = sql_prepare(
        st, what,
        "SELECT l.letter, l.name_zh, MIN(l.cap, COALESCE(d.cap, l.cap)), COALESCE(d.closed, 0),"
        " (SELECT COALESCE(MAX(number), 0) FROM queue_tickets t WHERE t.day = ?2"
        "  AND t.line_id = l.id)"
        " FROM queue_lines l LEFT JOIN queue_days d ON d.line_id = l.id AND d.day = ?2"
        " WHERE l.id = ?1 AND l.active = 1",
        "ss", line, day);
    if (!s)
        return -1;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        const unsigned char *letter = sqlite3_column_text(s, 0);
        ls->letter = letter ? (char)letter[0] : '?';
        sql_copy_col(ls->name, sizeof ls->name, s, 1);
        ls->cap = sqlite3_column_int(s, 2);
        ls->closed = sqlite3_column_int(s, 3);
        ls->taken = sqlite3_column_int(s, 4);
    }
    if (sql_finish_rows(st, what, s, rc == SQLITE_ROW ? SQLITE_DONE : rc))
        return -1;
    return rc == SQLITE_ROW;
}

static int no_line(store_t *st, const char *what, const char *line)
{
    store_refuse(st, RULES_NOT_FOUND);
    store_msg(st, "%s: there is no queue line '%s' (kioskctl queue status lists them)", what,
              line ? line : "");
    return RULES_NOT_FOUND;
}

/* ---- Events ----------------------------------------------------------------------- */

/* The queue_events row of a step on ticket id, after the change: its line,
 * number and kind as they are now; to_line for a transfer. waited is the
 * minutes from taking to the first call (queue_call), served the minutes
 * of serving (queue_finish). */
static int add_event(store_t *st, const char *what, const char *kind, long long id,
                     const char *to_line, const char *now_text)
{
    int n = sql_exec(
        st, what,
        "INSERT INTO queue_events (kind, at, day, line_id, label, ticket_kind, counter, to_line,"
        " waited, served)"
        " SELECT ?1, ?2, day, line_id, label, kind, counter, ?4,"
        " CASE WHEN ?1 = 'queue_call' THEN CAST(round((julianday(called_at) -"
        "  julianday(taken_at)) * 1440) AS INTEGER) END,"
        " CASE WHEN ?1 = 'queue_finish' THEN CAST(round((julianday(finished_at) -"
        "  julianday(served_at)) * 1440) AS INTEGER) END"
        " FROM queue_tickets WHERE id = ?3",
        "ssls", kind, now_text, id, to_line);
    if (n == 1)
        return STORE_OK;
    if (n == 0)
        store_msg(st, "%s: queue ticket %lld is missing for its event", what, id);
    return STORE_ERROR;
}

/* ---- Taking a number -------------------------------------------------------------- */

int store_queue_insert(store_t *st, const char *what, const char *line, queue_kind_t kind,
                       const char *booking, const char *booked_at, long long from_id,
                       const char *now_text, long long *id)
{
    char day[11];
    memcpy(day, now_text, 10);
    day[10] = '\0';
    line_state_t ls;
    int rc = line_state(st, what, line, day, &ls);
    if (rc < 0)
        return STORE_ERROR;
    if (rc == 0)
        return no_line(st, what, line);
    char label[QUEUE_LABEL_SIZE];
    long long number = ls.taken + 1;
    if (from_id) {
        /* A transfer keeps the number the resident holds. */
        char *old = NULL;
        if (sql_text(st, what, &old, "SELECT label FROM queue_tickets WHERE id = ?1", "l",
                     from_id) != 1) {
            free(old);
            return STORE_ERROR;
        }
        snprintf(label, sizeof label, "%s", old);
        free(old);
    } else {
        /* A booked resident who checked in is queued even when walk-ins
         * are closed or capped: the booking was the promise. */
        if (kind != QUEUE_APPOINTMENT && ls.closed) {
            store_refuse(st, RULES_CLOSED);
            store_msg(st, "%s: line %c (%s) is closed for today; no numbers are given", what,
                      ls.letter, ls.name);
            return RULES_CLOSED;
        }
        if ((kind != QUEUE_APPOINTMENT && ls.taken >= ls.cap) || number > QUEUE_NUMBER_MAX) {
            store_refuse(st, RULES_FULL);
            store_msg(st, "%s: line %c (%s) has given all its %d numbers for today", what,
                      ls.letter, ls.name, ls.taken);
            return RULES_FULL;
        }
        queue_label(label, sizeof label, ls.letter, (int)number);
    }
    /* The number is max + 1 inside this write transaction (BEGIN
     * IMMEDIATE): no other taker can read the same max before we commit,
     * and the UNIQUE (day, line_id, number) stands behind it. */
    if (sql_exec(st, what,
                 "INSERT INTO queue_tickets (day, line_id, number, label, kind, booking,"
                 " booked_at, taken_at, from_id)"
                 " VALUES (?1, ?2, NULLIF(?3, 0), ?4, ?5, ?6, ?7, ?8, NULLIF(?9, 0))",
                 "sslsssssl", day, line, from_id ? 0LL : number, label, queue_kind_name(kind),
                 booking, booked_at, now_text, from_id) != 1)
        return STORE_ERROR;
    *id = sqlite3_last_insert_rowid(st->db);
    return add_event(st, what, "queue_take", *id, NULL, now_text);
}

int store_queue_arrive(store_t *st, const char *what, const char *ticket, const char *now_text)
{
    sqlite3_stmt *s =
        sql_prepare(st, what,
                    "SELECT v.queue_line, s.date || ' ' || s.start FROM bookings b"
                    " JOIN sessions s ON s.id = b.session_id JOIN services v ON v.id = s.service_id"
                    " JOIN queue_lines l ON l.id = v.queue_line AND l.active = 1"
                    " WHERE b.ticket = ?1",
                    "s", ticket);
    if (!s)
        return STORE_ERROR;
    char line[QUEUE_LINE_ID_MAX] = "", booked_at[17] = "";
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        sql_copy_col(line, sizeof line, s, 0);
        sql_copy_col(booked_at, sizeof booked_at, s, 1);
    }
    if (sql_finish_rows(st, what, s, rc == SQLITE_ROW ? SQLITE_DONE : rc))
        return STORE_ERROR;
    if (rc != SQLITE_ROW)
        return STORE_OK; /* no line: the check-in queues nobody */
    long long id;
    rc = store_queue_insert(st, what, line, QUEUE_APPOINTMENT, ticket, booked_at, 0, now_text, &id);
    if (rc > 0)
        store_msg(st, "%s", "");
    return rc > 0 ? STORE_OK : rc;
}

int store_queue_take(store_t *st, const char *line, queue_kind_t kind, const queue_rule_t *rule,
                     long long now, store_queue_row_t *out)
{
    const char *what = "take a queue number";
    if (!st)
        return STORE_ERROR;
    if (kind != QUEUE_WALKIN && kind != QUEUE_PRIORITY) {
        store_msg(st, "%s: a walk-in or priority number only (appointments join at check-in)",
                  what);
        return STORE_ERROR;
    }
    char now_text[17];
    if (store_write_at(st, what, now, now_text))
        return STORE_ERROR;
    long long id = 0;
    int rc = store_queue_insert(st, what, line, kind, NULL, NULL, 0, now_text, &id);
    if (rc == STORE_OK && out)
        rc = store_queue_row(st, what, id, rule, now, out);
    return store_write_done(st, what, rc);
}

/* ---- At a counter ----------------------------------------------------------------- */

static int staff_ok(store_t *st, const char *what, const store_audit_note_t *by)
{
    if (!by || !by->staff || !*by->staff) {
        store_msg(st, "%s: a staff name is needed for the audit log", what);
        return 0;
    }
    return 1;
}

static int counter_ok(store_t *st, const char *what, const store_audit_note_t *by, int counter)
{
    if (!staff_ok(st, what, by))
        return 0;
    if (counter < 1 || counter > 99) {
        store_msg(st, "%s: counter %d: counters are numbered 1 to 99", what, counter);
        return 0;
    }
    return 1;
}

/* The start of a step at a counter: checks staff and counter, begins the
 * write at now and finds the ticket the counter has called or is serving,
 * whatever its day (c->found, with its id, status and label): a number
 * called at 23:58 is served and finished after midnight, under its own
 * day, and the counter calls nobody new until it is. STORE_OK with the
 * transaction open, or STORE_ERROR with none. */
typedef struct at_counter {
    char now_text[17];
    char day[11];
    long long id;
    char status[12];
    char label[QUEUE_LABEL_SIZE];
    int found;
} at_counter_t;

static int counter_begin(store_t *st, const char *what, const store_audit_note_t *by, int counter,
                         long long now, at_counter_t *c)
{
    memset(c, 0, sizeof *c);
    if (!counter_ok(st, what, by, counter) || store_write_at(st, what, now, c->now_text))
        return STORE_ERROR;
    memcpy(c->day, c->now_text, 10);
    sqlite3_stmt *s = sql_prepare(st, what,
                                  "SELECT id, status, label FROM queue_tickets"
                                  " WHERE counter = ?1 AND status IN ('called', 'serving')"
                                  " ORDER BY day DESC LIMIT 1",
                                  "i", counter);
    if (!s)
        return store_write_end(st, what, STORE_ERROR);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        c->found = 1;
        c->id = sqlite3_column_int64(s, 0);
        sql_copy_col(c->status, sizeof c->status, s, 1);
        sql_copy_col(c->label, sizeof c->label, s, 2);
    }
    if (sql_finish_rows(st, what, s, rc == SQLITE_ROW ? SQLITE_DONE : rc))
        return store_write_end(st, what, STORE_ERROR);
    return STORE_OK;
}

/* The refusal of a step at a counter that has called nobody; the write ends. */
static int nobody_called(store_t *st, const char *what, int counter)
{
    store_refuse(st, RULES_NOT_FOUND);
    store_msg(st, "%s: counter %d has called nobody (call the next number first)", what, counter);
    return store_write_end(st, what, RULES_NOT_FOUND);
}

/* The audit row of a staff step: at by->at (0: the step's now_text),
 * the detail made of fmt and by->detail after it. */
__attribute__((format(printf, 6, 7))) static int audit_row(store_t *st, const char *what,
                                                           const store_audit_note_t *by,
                                                           const char *action, const char *now_text,
                                                           const char *fmt, ...)
{
    char detail[200], at[17];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    if (by->detail && n >= 0 && (size_t)n < sizeof detail)
        snprintf(detail + n, sizeof detail - (size_t)n, " %s", by->detail);
    if (by->at)
        dt_format_stamp(by->at, at);
    else
        snprintf(at, sizeof at, "%s", now_text);
    return store_audit_insert(st, what, by->staff, action, NULL, NULL, detail, at);
}

/* The audit row and event of a step on ticket id at counter. */
static int record(store_t *st, const char *what, const store_audit_note_t *by, const char *event,
                  long long id, const char *label, int counter, const char *to_line,
                  const char *now_text)
{
    if (audit_row(st, what, by, event, now_text, "%s at counter %d%s%s", label, counter,
                  to_line ? " to " : "", to_line ? to_line : ""))
        return STORE_ERROR;
    return add_event(st, what, event, id, to_line, now_text);
}

/* Which of the waiting in scope the rule calls: 1 with *id and how it is
 * called, 0 for nobody, -1 on error. */
static int pick_next(store_t *st, const char *what, const char *day, const char *line,
                     const queue_rule_t *rule, long long now, long long *id, const char **as)
{
    store_queue_waiting_t ws;
    if (store_queue_load(st, what, day, line, &ws))
        return -1;
    int run = store_queue_run(st, what, day, line);
    int i = run < 0 ? -1 : queue_pick(rule, ws.w, ws.n, run, now);
    if (i >= 0) {
        *id = ws.ids[i];
        *as = ws.w[i].kind == QUEUE_PRIORITY     ? "priority"
              : queue_is_regular(rule, &ws.w[i]) ? "regular"
                                                 : "appointment";
    }
    store_queue_waiting_free(&ws);
    return run < 0 ? -1 : i >= 0;
}

int store_queue_call_next(store_t *st, const store_audit_note_t *by, int counter, const char *line,
                          const queue_rule_t *rule, long long now, store_queue_row_t *out)
{
    const char *what = "call next";
    at_counter_t c;
    if (!st || counter_begin(st, what, by, counter, now, &c))
        return STORE_ERROR;
    if (c.found) {
        store_refuse(st, RULES_BAD_STATE);
        store_msg(st, "%s: counter %d still has %s (%s): serve, finish, skip or transfer it first",
                  what, counter, c.label, c.status);
        return store_write_end(st, what, RULES_BAD_STATE);
    }
    line_state_t ls;
    int rc;
    if (line && (rc = line_state(st, what, line, c.day, &ls)) <= 0)
        return store_write_end(st, what, rc < 0 ? STORE_ERROR : no_line(st, what, line));
    long long id = 0;
    const char *as = NULL;
    if ((rc = pick_next(st, what, c.day, line, rule, now, &id, &as)) < 0)
        return store_write_end(st, what, STORE_ERROR);
    if (rc == 0) {
        store_refuse(st, RULES_NOT_FOUND);
        store_msg(st, "%s: nobody waits%s%s that may be called now", what, line ? " on line " : "",
                  line ? line : "");
        return store_write_end(st, what, RULES_NOT_FOUND);
    }
    /* call_seq: the day's calls in order, for the interleave's count. */
    if (sql_exec(st, what,
                 "UPDATE queue_tickets SET status = 'called', called_at = ?2, counter = ?3,"
                 " called_as = ?4, call_seq = (SELECT COALESCE(max(call_seq), 0) + 1"
                 " FROM queue_tickets WHERE day = ?5)"
                 " WHERE id = ?1 AND status = 'waiting'",
                 "lsiss", id, c.now_text, counter, as, c.day) != 1 ||
        store_queue_row(st, what, id, rule, now, out) ||
        record(st, what, by, "queue_call", id, out->label, counter, NULL, c.now_text))
        return store_write_end(st, what, STORE_ERROR);
    return store_write_done(st, what, STORE_OK);
}

/* Each step on the counter's ticket: its name, the state it needs, the
 * UPDATE's SET clause (?1 the id, ?2 now) and its event (the audit
 * action too). */
static const struct queue_step_def {
    const char *what, *from, *set, *event;
} steps[] = {
    [STORE_QUEUE_RECALL] = {"recall", "called", "recalls = recalls + 1", "queue_recall"},
    [STORE_QUEUE_SKIP] = {"skip", "called", "status = 'no_show', finished_at = ?2", "queue_skip"},
    [STORE_QUEUE_SERVE] = {"serve", "called", "status = 'serving', served_at = ?2", "queue_serve"},
    [STORE_QUEUE_FINISH] = {"finish", "serving", "status = 'done', finished_at = ?2",
                            "queue_finish"},
};

int store_queue_step(store_t *st, const store_audit_note_t *by, int counter,
                     store_queue_step_t step, long long now, store_queue_row_t *out)
{
    if (!st)
        return STORE_ERROR;
    if ((unsigned)step >= sizeof steps / sizeof steps[0]) {
        store_msg(st, "queue step: no step %d", (int)step);
        return STORE_ERROR;
    }
    const struct queue_step_def *d = &steps[step];
    at_counter_t c;
    if (counter_begin(st, d->what, by, counter, now, &c))
        return STORE_ERROR;
    if (!c.found)
        return nobody_called(st, d->what, counter);
    if (strcmp(c.status, d->from)) {
        store_refuse(st, RULES_BAD_STATE);
        store_msg(st, "%s: counter %d's %s is %s, not %s", d->what, counter, c.label, c.status,
                  d->from);
        return store_write_end(st, d->what, RULES_BAD_STATE);
    }
    char sql[128];
    snprintf(sql, sizeof sql, "UPDATE queue_tickets SET %s WHERE id = ?1", d->set);
    store_queue_row_t row;
    if (sql_exec(st, d->what, sql, strstr(d->set, "?2") ? "ls" : "l", c.id, c.now_text) != 1 ||
        store_queue_row(st, d->what, c.id, NULL, now, out ? out : &row) ||
        record(st, d->what, by, d->event, c.id, c.label, counter, NULL, c.now_text))
        return store_write_end(st, d->what, STORE_ERROR);
    return store_write_done(st, d->what, STORE_OK);
}

int store_queue_transfer(store_t *st, const store_audit_note_t *by, int counter,
                         const char *to_line, const queue_rule_t *rule, long long now,
                         store_queue_row_t *out)
{
    const char *what = "transfer";
    at_counter_t c;
    if (!st || counter_begin(st, what, by, counter, now, &c))
        return STORE_ERROR;
    if (!c.found)
        return nobody_called(st, what, counter);
    char *kind = NULL, *line = NULL, *booking = NULL, *booked_at = NULL;
    queue_kind_t k = QUEUE_WALKIN;
    long long to_id = 0;
    int rc = STORE_ERROR;
    if (sql_text(st, what, &kind, "SELECT kind FROM queue_tickets WHERE id = ?1", "l", c.id) != 1 ||
        sql_text(st, what, &line, "SELECT line_id FROM queue_tickets WHERE id = ?1", "l", c.id) !=
            1 ||
        queue_kind_parse(kind, &k))
        goto done;
    if (to_line && !strcmp(to_line, line)) {
        rc = store_refuse(st, RULES_BAD_STATE);
        store_msg(st, "%s: %s is on line %s already", what, c.label, line);
        goto done;
    }
    /* An appointment's booking and slot go along: it stays one. */
    if (k == QUEUE_APPOINTMENT &&
        (sql_text(st, what, &booking, "SELECT booking FROM queue_tickets WHERE id = ?1", "l",
                  c.id) != 1 ||
         sql_text(st, what, &booked_at, "SELECT booked_at FROM queue_tickets WHERE id = ?1", "l",
                  c.id) != 1))
        goto done;
    if (sql_exec(st, what,
                 "UPDATE queue_tickets SET status = 'transferred', finished_at = ?2 WHERE id = ?1",
                 "ls", c.id, c.now_text) != 1 ||
        record(st, what, by, "queue_transfer", c.id, c.label, counter, to_line, c.now_text))
        goto done;
    rc = store_queue_insert(st, what, to_line, k, booking, booked_at, c.id, c.now_text, &to_id);
    if (rc == STORE_OK && out)
        rc = store_queue_row(st, what, to_id, rule, now, out);
done:
    free(kind);
    free(line);
    free(booking);
    free(booked_at);
    return store_write_done(st, what, rc);
}

int store_queue_set_day(store_t *st, const store_audit_note_t *by, const char *line, int closed,
                        int cap, long long now)
{
    const char *what = closed == 1 ? "close line" : closed == 0 ? "open line" : "cap line";
    if (!st)
        return STORE_ERROR;
    if (!staff_ok(st, what, by))
        return STORE_ERROR;
    if (closed < -1 || closed > 1 || cap < -1 || cap > QUEUE_NUMBER_MAX) {
        store_msg(st, "%s: a cap is 0 to %d numbers", what, QUEUE_NUMBER_MAX);
        return STORE_ERROR;
    }
    char now_text[17], day[11];
    if (store_write_at(st, what, now, now_text))
        return STORE_ERROR;
    memcpy(day, now_text, 10);
    day[10] = '\0';
    line_state_t ls;
    int rc = line_state(st, what, line, day, &ls);
    if (rc <= 0)
        return store_write_end(st, what, rc < 0 ? STORE_ERROR : no_line(st, what, line));
    if (sql_exec(st, what,
                 "INSERT INTO queue_days (day, line_id, closed, cap, updated_at, updated_by)"
                 " VALUES (?1, ?2, MAX(?3, 0), NULLIF(?4, -1), ?5, ?6)"
                 " ON CONFLICT (day, line_id) DO UPDATE SET"
                 " closed = CASE WHEN ?3 < 0 THEN closed ELSE ?3 END,"
                 " cap = CASE WHEN ?4 < 0 THEN cap ELSE ?4 END,"
                 " updated_at = ?5, updated_by = ?6",
                 "ssiiss", day, line, closed, cap, now_text, by->staff) != 1)
        return store_write_end(st, what, STORE_ERROR);
    const char *action = cap >= 0 ? "queue_cap" : closed == 1 ? "queue_close" : "queue_open";
    if (cap >= 0)
        rc =
            audit_row(st, what, by, action, now_text, "line %s (%c) capped at %d for %s (%d given)",
                      line, ls.letter, cap, day, ls.taken);
    else
        rc = audit_row(st, what, by, action, now_text, "line %s (%c) %s for %s", line, ls.letter,
                       closed ? "closed" : "opened", day);
    return store_write_done(st, what, rc);
}
