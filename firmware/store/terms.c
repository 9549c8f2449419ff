/* Courses with terms in the store (issue 20, schema 9): the catalog's
 * terms and their sessions at import, enrolling a child for a whole term
 * in one transaction, dropping out, the enrolment's code at check-in, and
 * the register. An enrolment holds ordinary bookings (bookings.enrolment),
 * so everything that works on bookings works on its classes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/datetime.h"
#include "../core/terms.h"
#include "store_int.h"

/* ---- Import ----------------------------------------------------------------- */

int store_terms_import(store_t *st, const char *what, const catalog_t *cat)
{
    if (sql_exec(st, what, "UPDATE terms SET active = 0 WHERE active = 1", NULL) < 0)
        return STORE_ERROR;
    for (int i = 0; i < cat->n_terms; i++) {
        const catalog_term_t *t = &cat->terms[i];
        const catalog_service_t *sv = &cat->services[t->service];
        char from[11], to[11];
        dt_format_date(t->from, from);
        dt_format_date(t->to, to);
        if (sql_exec(st, what,
                     "INSERT INTO terms (id, service_id, name_zh, name_en, date_from, date_to,"
                     " places, age_min, age_max, sort, active)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULLIF(?8, -1), NULLIF(?9, -1), ?10, 1)"
                     " ON CONFLICT (id) DO UPDATE SET service_id = excluded.service_id,"
                     " name_zh = excluded.name_zh, name_en = excluded.name_en,"
                     " date_from = excluded.date_from, date_to = excluded.date_to,"
                     " places = excluded.places, age_min = excluded.age_min,"
                     " age_max = excluded.age_max, sort = excluded.sort, active = 1",
                     "ssssssiiii", t->id, sv->id, catalog_str(&t->name, 0),
                     catalog_str(&t->name, 1), from, to, t->places,
                     t->age_max ? t->age_min : -1, t->age_max ? t->age_max : -1, i) < 0)
            return STORE_ERROR;
        sched_session_t *ss = NULL;
        int n = terms_sessions(cat, t, &ss);
        if (n < 0) {
            store_msg(st, "%s: out of memory", what);
            return STORE_ERROR;
        }
        for (int k = 0; k < n; k++)
            if (store_session_upsert(st, what, ss[k].id, sv->id, ss[k].date, ss[k].start,
                                     ss[k].end, ss[k].capacity) < 0) {
                free(ss);
                return STORE_ERROR;
            }
        free(ss);
    }
    return STORE_OK;
}

/* ---- Counting towards the limits ------------------------------------------------ */

int store_person_counts(store_t *st, const char *what, const char *phone, const char *label,
                        const char *now_text, rules_booking_t *b)
{
    /* One unit a booking, or a whole enrolment: 'e' || its id stands for
     * all its classes. */
    sqlite3_stmt *s = sql_prepare(
        st, what,
        "SELECT count(DISTINCT COALESCE('e' || b.enrolment, b.ticket))"
        " FILTER (WHERE COALESCE(b.for_label, '') = COALESCE(?3, '')),"
        " count(DISTINCT COALESCE('e' || b.enrolment, b.ticket))"
        " FROM bookings b JOIN sessions s ON s.id = b.session_id"
        " WHERE b.phone = ?1 AND b.status IN ('booked', 'checked_in')"
        " AND s.date || ' ' || s.start > ?2",
        "sss", phone, now_text, label);
    if (!s)
        return STORE_ERROR;
    if (sqlite3_step(s) != SQLITE_ROW) {
        store_fail_db(st, what);
        sqlite3_finalize(s);
        return STORE_ERROR;
    }
    b->phone_active = sqlite3_column_int(s, 0);
    b->household_active = sqlite3_column_int(s, 1);
    sqlite3_finalize(s);
    return STORE_OK;
}

/* ---- The term and its classes ----------------------------------------------------- */

typedef struct term_class {
    char id[KIOSK_SESSION_ID_SIZE];
    char date[11];
    int start, capacity, taken;
} term_class_t;

typedef struct term_facts {
    store_term_row_t row;
    term_class_t *ahead; /* the classes a new enrolment would hold */
    int n_ahead;
} term_facts_t;

/* The term and its classes ahead at now (open, past the cut-off):
 * STORE_OK, RULES_NOT_FOUND or STORE_ERROR. The caller frees f->ahead. */
static int term_read(store_t *st, const char *what, const char *term_id, long long now,
                     const rules_t *rules, term_facts_t *f)
{
    memset(f, 0, sizeof *f);
    sqlite3_stmt *s = sql_prepare(
        st, what,
        "SELECT t.id, t.service_id, v.name_zh, t.name_zh, t.name_en, t.date_from, t.date_to,"
        " t.places, COALESCE(t.age_min, 0), COALESCE(t.age_max, 0),"
        " (SELECT count(*) FROM enrolments e WHERE e.term_id = t.id AND e.status = 'enrolled'),"
        " (SELECT count(*) FROM sessions x WHERE x.service_id = t.service_id"
        "  AND x.date BETWEEN t.date_from AND t.date_to)"
        " FROM terms t JOIN services v ON v.id = t.service_id WHERE t.id = ?1 AND t.active = 1",
        "s", term_id);
    if (!s)
        return STORE_ERROR;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        int r = rc == SQLITE_DONE ? store_refuse(st, RULES_NOT_FOUND) : store_fail_db(st, what);
        sqlite3_finalize(s);
        return r;
    }
    store_term_row_t *r = &f->row;
    sql_copy_col(r->id, sizeof r->id, s, 0);
    sql_copy_col(r->service_id, sizeof r->service_id, s, 1);
    sql_copy_col(r->service_name, sizeof r->service_name, s, 2);
    sql_copy_col(r->name_zh, sizeof r->name_zh, s, 3);
    sql_copy_col(r->name_en, sizeof r->name_en, s, 4);
    sql_copy_col(r->date_from, sizeof r->date_from, s, 5);
    sql_copy_col(r->date_to, sizeof r->date_to, s, 6);
    r->places = sqlite3_column_int(s, 7);
    r->age_min = sqlite3_column_int(s, 8);
    r->age_max = sqlite3_column_int(s, 9);
    r->enrolled = sqlite3_column_int(s, 10);
    r->sessions = sqlite3_column_int(s, 11);
    sqlite3_finalize(s);

    s = sql_prepare(st, what,
                    "SELECT x.id, x.date, x.start, x.capacity,"
                    " (SELECT COALESCE(SUM(b.party), 0) FROM bookings b WHERE b.session_id = x.id"
                    "  AND b.status IN ('booked', 'checked_in'))"
                    " FROM sessions x WHERE x.service_id = ?1 AND x.date BETWEEN ?2 AND ?3"
                    " AND x.state = 'open' ORDER BY x.date, x.start",
                    "sss", r->service_id, r->date_from, r->date_to);
    if (!s)
        return STORE_ERROR;
    int cap = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        term_class_t c;
        dt_date_t d;
        char start[6];
        memset(&c, 0, sizeof c);
        sql_copy_col(c.id, sizeof c.id, s, 0);
        sql_copy_col(c.date, sizeof c.date, s, 1);
        sql_copy_col(start, sizeof start, s, 2);
        c.capacity = sqlite3_column_int(s, 3);
        c.taken = sqlite3_column_int(s, 4);
        if (dt_parse_date(c.date, &d) || dt_parse_hhmm(start, &c.start) ||
            rules_check_cutoff(rules, d, c.start, now) != RULES_OK)
            continue; /* begun, or within the cut-off: not held */
        if (f->n_ahead == cap) {
            cap = cap ? cap * 2 : 16;
            term_class_t *a = realloc(f->ahead, (size_t)cap * sizeof *a);
            if (!a) {
                sqlite3_finalize(s);
                store_msg(st, "%s: out of memory", what);
                return STORE_ERROR;
            }
            f->ahead = a;
        }
        f->ahead[f->n_ahead++] = c;
    }
    if (sql_finish_rows(st, what, s, rc))
        return STORE_ERROR;
    r->ahead = f->n_ahead;
    if (f->n_ahead)
        memcpy(r->first_date, f->ahead[0].date, sizeof r->first_date);
    return STORE_OK;
}

int store_term_get(store_t *st, const char *term_id, long long now, const rules_t *rules,
                   store_term_row_t *out)
{
    if (!st || !rules)
        return STORE_ERROR;
    term_facts_t f;
    int rc = term_read(st, "term", term_id, now, rules, &f);
    if (rc == STORE_OK)
        *out = f.row;
    free(f.ahead);
    return rc;
}

/* ---- Enrolling --------------------------------------------------------------------- */

/* The judgement of the enrolment, inside its transaction: the term's
 * places, the person's enrolment, then each class as a booking of it. */
static int enrol_judge(store_t *st, const char *what, const term_facts_t *f,
                       const store_person_t *who, long long now, const rules_t *rules,
                       const char *now_text)
{
    if (f->n_ahead == 0)
        return RULES_TOO_LATE;
    long long n = 0;
    if (who->phone && sql_int(st, what, &n,
                              "SELECT count(*) FROM enrolments WHERE term_id = ?1 AND phone = ?2"
                              " AND COALESCE(for_label, '') = COALESCE(?3, '')"
                              " AND status = 'enrolled'",
                              "sss", f->row.id, who->phone, who->for_label) < 0)
        return STORE_ERROR;
    if (n > 0)
        return RULES_DUPLICATE;
    rules_booking_t b = {.phone = who->phone, .for_label = who->for_label, .party = 1, .now = now};
    if (store_person_counts(st, what, who->phone, who->for_label, now_text, &b))
        return STORE_ERROR;
    for (int i = 0; i < f->n_ahead; i++) {
        const term_class_t *c = &f->ahead[i];
        b.session_found = b.open = 1;
        dt_parse_date(c->date, &b.date);
        b.start_min = c->start;
        b.capacity = c->capacity;
        b.seats_taken = c->taken;
        if (sql_int(st, what, &n,
                    "SELECT count(*) FROM bookings WHERE session_id = ?1 AND phone = ?2"
                    " AND COALESCE(for_label, '') = COALESCE(?3, '')"
                    " AND status IN ('booked', 'checked_in')",
                    "sss", c->id, who->phone, who->for_label) < 0)
            return STORE_ERROR;
        b.phone_holds_it = n > 0;
        rules_result_t r = rules_check_booking(rules, &b);
        if (r != RULES_OK)
            return r;
    }
    /* Every class has a seat; the term's own places come last so that a
     * class full of single bookings says full too. */
    return f->row.enrolled >= f->row.places ? RULES_FULL : RULES_OK;
}

int store_enrol(store_t *st, const store_origin_t *origin, const char *service_id,
                const char *term_id, const store_person_t *who, long long now, const rules_t *rules,
                store_codegen_fn gen, void *gen_ctx, char ticket[KIOSK_TICKET_SIZE], int *classes)
{
    const char *what = "enrol";
    if (!st)
        return STORE_ERROR;
    ticket[0] = '\0';
    if (classes)
        *classes = 0;
    if (!rules || !gen || !who) {
        store_msg(st, "%s: no rules, ticket generator or person given", what);
        return STORE_ERROR;
    }
    rules_result_t early = rules_check_person(rules, who->phone, who->for_label, 1);
    if (early != RULES_OK)
        return store_refuse(st, early);
    if (!term_id)
        return store_refuse(st, RULES_NO_SESSION);
    char now_text[17];
    if (store_write_at(st, what, now, now_text))
        return STORE_ERROR;
    term_facts_t f;
    int rc = term_read(st, what, term_id, now, rules, &f);
    if (rc == RULES_NOT_FOUND || (rc == STORE_OK && service_id && strcmp(service_id, f.row.service_id)))
        rc = store_refuse(st, RULES_NO_SESSION);
    if (rc != STORE_OK)
        goto done;
    rc = enrol_judge(st, what, &f, who, now, rules, now_text);
    if (rc > 0)
        rc = store_refuse(st, (rules_result_t)rc);
    if (rc != STORE_OK)
        goto done;
    rc = STORE_ERROR;
    char code[KIOSK_TICKET_SIZE], one[KIOSK_TICKET_SIZE];
    if (store_new_ticket(st, what, gen, gen_ctx, code) ||
        sql_exec(st, what,
                 "INSERT INTO enrolments (ticket, term_id, phone, for_label, status, created_at,"
                 " updated_at, kiosk, booked_by) VALUES (?1, ?2, ?3, ?4, 'enrolled', ?5, ?5, ?6, ?7)",
                 "sssssss", code, f.row.id, who->phone, who->for_label, now_text,
                 origin ? origin->kiosk : NULL, who->booked_by) < 0)
        goto done;
    long long id = sqlite3_last_insert_rowid(st->db);
    for (int i = 0; i < f.n_ahead; i++)
        if (store_new_ticket(st, what, gen, gen_ctx, one) ||
            sql_exec(st, what,
                     "INSERT INTO bookings (ticket, session_id, phone, party, status, created_at,"
                     " updated_at, kiosk, for_label, booked_by, enrolment)"
                     " VALUES (?1, ?2, ?3, 1, 'booked', ?4, ?4, ?5, ?6, ?7, ?8)",
                     "sssssssl", one, f.ahead[i].id, who->phone, now_text,
                     origin ? origin->kiosk : NULL, who->for_label, who->booked_by, id) < 0 ||
            store_outbox_add(st, what, "created", one, now_text))
            goto done;
    memcpy(ticket, code, sizeof code);
    if (classes)
        *classes = f.n_ahead;
    rc = STORE_OK;
done:
    free(f.ahead);
    rc = store_write_done(st, what, rc);
    if (rc != STORE_OK)
        ticket[0] = '\0';
    return rc;
}

/* ---- Dropping out ------------------------------------------------------------------- */

int store_drop(store_t *st, const char *staff, const char *ticket, long long now, int *freed)
{
    const char *what = "drop";
    if (freed)
        *freed = 0;
    if (!st)
        return STORE_ERROR;
    if (!staff || !*staff) {
        store_msg(st, "%s: no staff name for the audit log", what);
        return STORE_ERROR;
    }
    if (!ticket)
        return store_refuse(st, RULES_NOT_FOUND);
    char now_text[17];
    if (store_write_at(st, what, now, now_text))
        return STORE_ERROR;
    int rc = STORE_ERROR, n = 0;
    char *status = NULL;
    char **tickets = NULL;
    size_t nt = 0;
    int found = sql_text(st, what, &status, "SELECT status FROM enrolments WHERE ticket = ?1", "s",
                         ticket);
    if (found < 0)
        goto done;
    if (found == 0 || strcmp(status, "enrolled")) {
        rc = store_refuse(st, found ? RULES_BAD_STATE : RULES_NOT_FOUND);
        goto done;
    }
    /* The classes ahead, collected first (they change as they are cancelled). */
    sqlite3_stmt *s = sql_prepare(st, what,
                                  "SELECT b.ticket FROM bookings b JOIN enrolments e"
                                  " ON e.id = b.enrolment JOIN sessions x ON x.id = b.session_id"
                                  " WHERE e.ticket = ?1 AND b.status = 'booked'"
                                  " AND x.date || ' ' || x.start > ?2",
                                  "ss", ticket, now_text);
    if (!s)
        goto done;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        char **v = realloc(tickets, (nt + 1) * sizeof *v);
        const char *t = (const char *)sqlite3_column_text(s, 0);
        if (!v || !(v[nt] = strdup(t ? t : ""))) {
            tickets = v ? v : tickets;
            sqlite3_finalize(s);
            store_msg(st, "%s: out of memory", what);
            goto done;
        }
        tickets = v;
        nt++;
    }
    if (sql_finish_rows(st, what, s, step))
        goto done;
    /* The one path by which a staff cancel frees a seat. */
    for (size_t i = 0; i < nt; i++, n++)
        if (store_staff_change(st, what, staff, tickets[i], RULES_CANCELLED, "drop-out",
                               now_text) != STORE_OK)
            goto done;
    char detail[64];
    snprintf(detail, sizeof detail, "dropped out: %d classes freed", n);
    if (sql_exec(st, what,
                 "UPDATE enrolments SET status = 'dropped', updated_at = ?2 WHERE ticket = ?1",
                 "ss", ticket, now_text) < 0 ||
        store_audit_insert(st, what, staff, "drop", ticket, NULL, detail, now_text))
        goto done;
    if (freed)
        *freed = n;
    rc = STORE_OK;
done:
    for (size_t i = 0; i < nt; i++)
        free(tickets[i]);
    free(tickets);
    free(status);
    return store_write_done(st, what, rc);
}

/* ---- Reading enrolments --------------------------------------------------------------- */

int store_enrolment_get(store_t *st, const char *ticket, long long now,
                        store_enrolment_row_t *out)
{
    const char *what = "enrolment";
    if (!st)
        return STORE_ERROR;
    char now_text[17];
    dt_format_stamp(now, now_text);
    sqlite3_stmt *s = sql_prepare(
        st, what,
        "SELECT e.ticket, e.term_id, t.service_id, COALESCE(e.phone, ''),"
        " COALESCE(e.for_label, ''), e.status, count(b.ticket),"
        " count(*) FILTER (WHERE b.status = 'checked_in'),"
        " count(*) FILTER (WHERE b.status <> 'cancelled' AND x.date || ' ' || x.start <= ?2),"
        " (SELECT y.date || ' ' || y.start FROM bookings c JOIN sessions y ON y.id = c.session_id"
        "  WHERE c.enrolment = e.id AND c.status = 'booked' AND y.date || ' ' || y.start > ?2"
        "  ORDER BY y.date, y.start LIMIT 1)"
        " FROM enrolments e JOIN terms t ON t.id = e.term_id"
        " LEFT JOIN bookings b ON b.enrolment = e.id LEFT JOIN sessions x ON x.id = b.session_id"
        " WHERE e.ticket = ?1 GROUP BY e.id",
        "ss", ticket, now_text);
    if (!s)
        return STORE_ERROR;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        int r = rc == SQLITE_DONE ? store_refuse(st, RULES_NOT_FOUND) : store_fail_db(st, what);
        sqlite3_finalize(s);
        return r;
    }
    memset(out, 0, sizeof *out);
    sql_copy_col(out->ticket, sizeof out->ticket, s, 0);
    sql_copy_col(out->term_id, sizeof out->term_id, s, 1);
    sql_copy_col(out->service_id, sizeof out->service_id, s, 2);
    sql_copy_col(out->phone, sizeof out->phone, s, 3);
    sql_copy_col(out->for_label, sizeof out->for_label, s, 4);
    sql_copy_col(out->status, sizeof out->status, s, 5);
    out->classes = sqlite3_column_int(s, 6);
    out->attended = sqlite3_column_int(s, 7);
    out->held = sqlite3_column_int(s, 8);
    char next[17] = "";
    sql_copy_col(next, sizeof next, s, 9);
    if (strlen(next) == 16) {
        memcpy(out->next_date, next, 10);
        memcpy(out->next_start, next + 11, 5);
    }
    sqlite3_finalize(s);
    return STORE_OK;
}

/* The position of session date and start among the enrolment's classes
 * that were not cancelled before (1-based), and their count. */
static int class_of(store_t *st, const char *what, long long enrolment, const char *booking,
                    int *nth, int *total)
{
    sqlite3_stmt *s = sql_prepare(
        st, what,
        "SELECT (SELECT count(*) FROM bookings c JOIN sessions y ON y.id = c.session_id"
        "  WHERE c.enrolment = ?1 AND c.status <> 'cancelled'"
        "  AND y.date || ' ' || y.start <= x.date || ' ' || x.start),"
        " (SELECT count(*) FROM bookings c WHERE c.enrolment = ?1 AND c.status <> 'cancelled')"
        " FROM bookings b JOIN sessions x ON x.id = b.session_id WHERE b.ticket = ?2",
        "ls", enrolment, booking);
    if (!s)
        return STORE_ERROR;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        if (nth)
            *nth = sqlite3_column_int(s, 0);
        if (total)
            *total = sqlite3_column_int(s, 1);
    }
    int r = rc == SQLITE_ROW    ? STORE_OK
            : rc == SQLITE_DONE ? store_refuse(st, RULES_NOT_FOUND)
                                : store_fail_db(st, what);
    sqlite3_finalize(s);
    return r;
}

int store_enrolment_booking(store_t *st, const char *code, long long now,
                            char booking[KIOSK_TICKET_SIZE], int *nth, int *total)
{
    const char *what = "enrolment";
    if (!st)
        return STORE_ERROR;
    dt_date_t today;
    int m;
    dt_from_stamp(now, &today, &m);
    char day[11];
    dt_format_date(today, day);
    long long id = 0;
    int rc = sql_int(st, what, &id, "SELECT id FROM enrolments WHERE ticket = ?1", "s", code);
    if (rc <= 0)
        return rc < 0 ? STORE_ERROR : store_refuse(st, RULES_NOT_FOUND);
    /* Today's class, else the next, else the last: check-in then says
     * which day it is on. */
    char *t = NULL;
    rc = sql_text(st, what, &t,
                  "SELECT b.ticket FROM bookings b JOIN sessions x ON x.id = b.session_id"
                  " WHERE b.enrolment = ?1 AND b.status <> 'cancelled'"
                  " ORDER BY x.date = ?2 DESC, x.date < ?2, abs(julianday(x.date) - julianday(?2)),"
                  " x.start LIMIT 1",
                  "ls", id, day);
    if (rc <= 0) {
        free(t);
        return rc < 0 ? STORE_ERROR : store_refuse(st, RULES_NOT_FOUND);
    }
    snprintf(booking, KIOSK_TICKET_SIZE, "%s", t);
    free(t);
    return class_of(st, what, id, booking, nth, total);
}

int store_enrolment_class(store_t *st, const char *booking, int *nth, int *total)
{
    const char *what = "enrolment";
    if (!st)
        return STORE_ERROR;
    long long id = 0;
    int rc = sql_int(st, what, &id,
                     "SELECT enrolment FROM bookings WHERE ticket = ?1 AND enrolment IS NOT NULL",
                     "s", booking);
    if (rc <= 0)
        return rc < 0 ? STORE_ERROR : store_refuse(st, RULES_NOT_FOUND);
    return class_of(st, what, id, booking, nth, total);
}

int store_register(store_t *st, const char *term_id, long long now, store_register_cb cb,
                   void *ctx)
{
    const char *what = "register";
    if (!st)
        return STORE_ERROR;
    char now_text[17];
    dt_format_stamp(now, now_text);
    sqlite3_stmt *s = sql_prepare(
        st, what,
        "SELECT e.ticket, COALESCE(e.phone, ''), COALESCE(e.for_label, ''), e.status,"
        " b.session_id, x.date, x.start, b.status, x.date || ' ' || x.start <= ?2"
        " FROM enrolments e JOIN bookings b ON b.enrolment = e.id"
        " JOIN sessions x ON x.id = b.session_id WHERE e.term_id = ?1"
        " ORDER BY x.date, x.start, e.id",
        "ss", term_id, now_text);
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_register_row_t r;
        memset(&r, 0, sizeof r);
        sql_copy_col(r.ticket, sizeof r.ticket, s, 0);
        sql_copy_col(r.phone, sizeof r.phone, s, 1);
        sql_copy_col(r.for_label, sizeof r.for_label, s, 2);
        sql_copy_col(r.enrolment_status, sizeof r.enrolment_status, s, 3);
        sql_copy_col(r.session_id, sizeof r.session_id, s, 4);
        sql_copy_col(r.date, sizeof r.date, s, 5);
        sql_copy_col(r.start, sizeof r.start, s, 6);
        sql_copy_col(r.status, sizeof r.status, s, 7);
        r.started = sqlite3_column_int(s, 8);
        if (cb(ctx, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    return sql_finish_rows(st, what, s, rc);
}
