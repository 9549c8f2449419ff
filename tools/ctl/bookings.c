/* kioskctl's commands on the booking data: services, sessions and bookings
 * listed, a booking made, checked in, cancelled or marked no-show, its
 * ticket printed or verified, the bookings exported. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../firmware/app/checkin.h"
#include "../../firmware/app/export.h"
#include "../../firmware/core/catalog.h"
#include "../../firmware/core/datetime.h"
#include "../../firmware/core/rules.h"
#include "../../firmware/platform/clock.h"
#include "ctl.h"

int ctl_services(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *format = NULL, *pos[1];
    ctl_opt_t opts[] = {{"--format", &format, NULL}};
    int npos, rc = ctl_parse_opts(name, argc, argv, opts, 1, pos, 0, &npos);
    table_format_t fmt;
    if (rc || (rc = ctl_parse_format(name, format, &fmt)) ||
        (rc = ctl_open_store(c, CTL_OPEN_READ)))
        return rc;
    catalog_t *cat = NULL;
    if (store_load_catalog(c->st, &cat) != STORE_OK)
        return ctl_store_failed(c);
    if (!cat)
        return ctl_refused("no catalog imported yet");
    static const char *const cols[] = {"service_id", "category_id", "name",     "name_en",
                                       "duration",   "location",    "schedules"};
    static const int num[] = {0, 0, 0, 0, 1, 0, 1};
    table_t o;
    table_begin(&o, stdout, fmt, cols, num, 7);
    for (int i = 0; i < cat->n_services; i++) {
        const catalog_service_t *s = &cat->services[i];
        char dur[16], ns[16];
        snprintf(dur, sizeof dur, "%d", s->duration);
        snprintf(ns, sizeof ns, "%d", s->n_schedules);
        const char *vals[] = {
            s->id, cat->categories[s->category].id, s->name.zh, s->name.en, dur, s->location.zh,
            ns};
        table_row(&o, vals);
    }
    table_end(&o);
    catalog_destroy(cat);
    return 0;
}

static const char *const session_cols[] = {
    "session_id", "service_id", "category_id", "service_name", "date",
    "start",      "end",        "capacity",    "booked",       "remaining"};
static const int session_num[] = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1};

static int session_row(void *ctx, const store_session_row_t *r)
{
    char cap[16], booked[16], rem[16];
    snprintf(cap, sizeof cap, "%d", r->capacity);
    snprintf(booked, sizeof booked, "%d", r->booked);
    snprintf(rem, sizeof rem, "%d", r->remaining);
    const char *vals[] = {r->session_id,  r->service_id,
                          r->category_id, r->service_name,
                          r->date,        r->start,
                          r->end,         cap,
                          booked,         rem};
    return table_row(ctx, vals);
}

int ctl_sessions(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *format = NULL, *date = NULL, *service = NULL, *pos[1];
    ctl_opt_t opts[] = {{"--format", &format, NULL}, {"--date", &date, NULL}, {"--service", &service, NULL}};
    int npos, rc = ctl_parse_opts(name, argc, argv, opts, 3, pos, 0, &npos);
    table_format_t fmt;
    if (rc || (rc = ctl_parse_format(name, format, &fmt)) || (rc = ctl_check_date(name, date)) ||
        (rc = ctl_open_store(c, CTL_OPEN_READ)))
        return rc;
    store_session_filter_t f = {.date = date, .service_id = service};
    table_t o;
    table_begin(&o, stdout, fmt, session_cols, session_num, 10);
    rc = store_sessions(c->st, &f, session_row, &o);
    table_end(&o);
    return rc == STORE_OK ? 0 : ctl_store_failed(c);
}

int ctl_bookings(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *format = NULL, *date = NULL, *status = NULL, *phone = NULL, *burst = NULL,
               *label = NULL, *pos[1];
    ctl_opt_t opts[] = {{"--format", &format, NULL}, {"--date", &date, NULL},   {"--status", &status, NULL},
                        {"--phone", &phone, NULL},   {"--burst", &burst, NULL}, {"--for", &label, NULL}};
    int npos, rc = ctl_parse_opts(name, argc, argv, opts, 6, pos, 0, &npos);
    table_format_t fmt;
    if (rc || (rc = ctl_parse_format(name, format, &fmt)) || (rc = ctl_check_date(name, date)))
        return rc;
    if (status && rules_status_parse(status) < 0)
        return ctl_usage_error(name, "--status must be booked, checked_in, cancelled or no_show");
    if ((rc = ctl_open_store(c, CTL_OPEN_READ)))
        return rc;
    long long burst_id = 0;
    if (burst && (burst_id = atoll(burst)) < 1)
        return ctl_usage_error(name, "--burst takes a burst's number (kioskctl bursts)");
    store_booking_filter_t f = {
        .date = date, .status = status, .phone = phone, .burst = burst_id, .for_label = label};
    table_t o;
    table_begin(&o, stdout, fmt, export_booking_cols, export_booking_numeric, EXPORT_BOOKING_NCOLS);
    rc = store_bookings(c->st, &f, export_booking_row, &o);
    table_end(&o);
    return rc == STORE_OK ? 0 : ctl_store_failed(c);
}

int ctl_book(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *session = NULL, *phone = NULL, *party_s = NULL, *label = NULL, *pos[1];
    int no_phone = 0;
    ctl_opt_t opts[] = {{"--session", &session, NULL}, {"--party", &party_s, NULL},
                        CTL_PERSON_OPTS(&phone, &label, &no_phone)};
    int npos, rc = ctl_parse_opts(name, argc, argv, opts, 5, pos, 0, &npos);
    if (rc || (rc = ctl_person_check(name, phone, no_phone)))
        return rc;
    if (no_phone && !label)
        return ctl_usage_error(name, "--no-phone needs --for LABEL: the person staff will look for");
    if (!session || (!phone && !no_phone))
        return ctl_usage_error(name, "book needs --session and --phone (or --no-phone --for LABEL)");
    if (label && !rules_label_valid(label))
        return ctl_refused("%s", rules_result_text(RULES_BAD_LABEL, 1));
    int party;
    if ((rc = ctl_parse_party(name, party_s, &party)))
        return rc;
    if ((rc = ctl_open_store(c, CTL_OPEN_WRITE)))
        return rc;
    store_refresh_sessions(c->st, c->now, &c->cfg.rules);
    char ticket[KIOSK_TICKET_SIZE];
    store_person_t who = {phone, label, "kioskctl"};
    rc = store_book_person(c->st, NULL, session, &who, party, c->now, &c->cfg.rules,
                           ticket_code_random, NULL, ticket);
    if (rc == STORE_OK) {
        printf("%s\n", ticket);
        return 0;
    }
    if (rc > 0)
        return ctl_refused("%s", rules_result_text((rules_result_t)rc, 1));
    return ctl_store_failed(c);
}

/* cancel and no-show from the command line: the same store call as the
 * kiosk's staff screens, so the change and its audit row ("kioskctl") are
 * one transaction. */
static int set_status(ctl_t *c, const char *cmd, int argc, char **argv, rules_status_t to,
                      const char *done)
{
    const char *arg;
    int rc = ctl_one_arg(cmd, argc, argv, "which ticket?", &arg);
    if (rc)
        return rc;
    char code[KIOSK_TICKET_SIZE];
    if ((rc = ctl_ticket_arg(arg, code)))
        return rc;
    if ((rc = ctl_open_store(c, CTL_OPEN_WRITE)))
        return rc;
    rc = store_staff_set_status(c->st, "kioskctl", code, to,
                                to == RULES_CANCELLED ? "kioskctl" : NULL, c->now);
    if (rc == STORE_OK) {
        printf("%s %s\n", code, done);
        return 0;
    }
    if (rc == RULES_BAD_STATE) {
        store_booking_row_t b;
        if (store_get_booking(c->st, code, &b) == STORE_OK)
            return ctl_refused("%s: refused: the booking is %s", code, b.status);
    }
    if (rc > 0)
        return ctl_refused("%s: %s", code, rules_result_text((rules_result_t)rc, 1));
    return ctl_store_failed(c);
}

int ctl_cancel(ctl_t *c, const char *name, int argc, char **argv)
{
    return set_status(c, name, argc, argv, RULES_CANCELLED, "cancelled");
}

int ctl_no_show(ctl_t *c, const char *name, int argc, char **argv)
{
    return set_status(c, name, argc, argv, RULES_NO_SHOW, "marked no-show");
}

int ctl_checkin(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *arg;
    int rc = ctl_one_arg(name, argc, argv, "which ticket?", &arg);
    if (rc)
        return rc;
    ticket_key_t key;
    if ((rc = ctl_open_store(c, CTL_OPEN_WRITE)) || (rc = ctl_load_key(c, &key)))
        return rc;
    /* The audit row is written with the check-in, in its transaction, and
     * takes the wall clock: --now moves the check-in's day (for tests and
     * demos), never the time the audit says it happened. */
    char mark[48] = "";
    store_audit_note_t audit = {"kioskctl", "attended", NULL, clock_now_stamp()};
    if (c->test_clock) {
        char stamp[17];
        dt_format_stamp(c->now, stamp);
        snprintf(mark, sizeof mark, "(test clock %s)", stamp);
        audit.detail = mark;
    }
    checkin_outcome_t o;
    rc = checkin_present_audited(c->st, &key, arg, c->now, &audit, &o);
    ticket_key_wipe(&key);
    if (rc == STORE_OK) {
        char service[sizeof o.booking.service_name]; /* catalog text: no terminal controls */
        printf("%s checked in: %s %s %s, party %d\n", o.booking.ticket,
               table_clean(service, sizeof service, o.booking.service_name, 0), o.booking.date,
               o.booking.start, o.booking.party);
        if (o.class_total) /* t: a class of a term */
            printf("class %d of %d\n", o.class_nth, o.class_total);
        /* Issue 19: the queue number the check-in gave, when the service has a line. */
        store_queue_row_t q;
        if (store_queue_of_booking(c->st, o.booking.ticket, &c->cfg.queue, c->now, &q) == STORE_OK)
            printf("queue number %s on line %s (appointment at %s): %d ahead\n", q.label, q.line,
                   q.booked_at + 11, q.ahead);
        return 0;
    }
    if (rc == RULES_BAD_STATE)
        return ctl_refused("%s: refused: the booking is %s", o.booking.ticket, o.booking.status);
    if (rc == RULES_NOT_TODAY)
        return ctl_refused("%s: refused: the session is on %s, not today", o.booking.ticket,
                           o.booking.date);
    if (rc > 0)
        return ctl_refused("%s: %s", arg, rules_result_text((rules_result_t)rc, 1));
    return ctl_store_failed(c);
}

int ctl_ticket(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *arg;
    int rc = ctl_one_arg(name, argc, argv, "which ticket?", &arg);
    if (rc)
        return rc;
    char code[KIOSK_TICKET_SIZE];
    if ((rc = ctl_ticket_arg(arg, code)))
        return rc;
    if ((rc = ctl_open_store(c, CTL_OPEN_READ)))
        return rc;
    store_booking_row_t b;
    rc = store_get_booking(c->st, code, &b);
    if (rc == RULES_NOT_FOUND)
        return ctl_refused("%s: %s", code, rules_result_text(RULES_NOT_FOUND, 1));
    if (rc != STORE_OK)
        return ctl_store_failed(c);
    ticket_key_t key;
    if ((rc = ctl_load_key(c, &key)))
        return rc;
    char payload[TICKET_PAYLOAD_LEN + 1];
    ticket_payload_make(&key, code, payload);
    ticket_key_wipe(&key);
    printf("%s\n", payload);
    return 0;
}

int ctl_verify(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *arg;
    int rc = ctl_one_arg(name, argc, argv, "which payload?", &arg);
    if (rc)
        return rc;
    ticket_key_t key;
    if ((rc = ctl_load_key(c, &key)))
        return rc;
    char code[KIOSK_TICKET_SIZE];
    rc = ticket_payload_verify(&key, arg, code);
    ticket_key_wipe(&key);
    if (rc)
        return ctl_refused("not a genuine ticket of this station");
    printf("%s\n", code);
    return 0;
}

int ctl_export(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *out = NULL, *date = NULL, *from = NULL, *until = NULL, *pos[1];
    ctl_opt_t opts[] = {{"--out", &out, NULL}, {"--date", &date, NULL}, {"--from", &from, NULL}, {"--until", &until, NULL}};
    int npos, rc = ctl_parse_opts(name, argc, argv, opts, 4, pos, 0, &npos);
    if (rc || (rc = ctl_check_date(name, date)) || (rc = ctl_check_date(name, from)) ||
        (rc = ctl_check_date(name, until)))
        return rc;
    if (!out)
        return ctl_usage_error(name, "export needs --out FILE.csv");
    if (date && (from || until))
        return ctl_usage_error(name, "give either --date D or --from D --until D, not both");
    if (date)
        from = until = date;
    if (from && until && strcmp(from, until) > 0)
        return ctl_usage_error(name, "--from %s is after --until %s", from, until);
    if ((rc = ctl_open_store(c, CTL_OPEN_READ)))
        return rc;
    char err[700];
    int n = export_bookings_csv(c->st, out, from, until, err, sizeof err);
    if (n < 0)
        return ctl_refused("%s", err);
    printf("exported %d bookings to %s\n", n, out);
    return 0;
}
