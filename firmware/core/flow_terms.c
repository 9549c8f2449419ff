/* Enrolling a child for a whole term (issue 20, 东山小学堂): the service
 * screen's 报名整学期 (enrol) opens the term (term: its dates, classes,
 * places left, ages; term:<id> picks another of the service's terms), and
 * the booking path's phone keypad, for screen (the child's label, required:
 * no 本人) and confirmation make an enrolment instead of a booking; the
 * enrolled screen shows its one ticket (QR and code) and is printed. Its
 * own file beside the resident flow (flow.c), which hands it every tap
 * first. */
#include "flow_int.h"

#include <stdio.h>
#include <string.h>

int flow_service_terms(const flow_state_t *s, int out[], int max)
{
    int n = 0;
    for (int i = 0; s->cat && s->service >= 0 && i < s->cat->n_terms && n < max; i++)
        if (s->cat->terms[i].service == s->service)
            out[n++] = i;
    return n;
}

void flow_terms_clear(flow_t *f)
{
    f->s.enrolling = 0;
    f->s.term = -1;
    f->s.term_loaded = f->s.term_failed = 0;
    f->s.term_ahead = f->s.term_left = 0;
    wipe_bytes(f->s.term_first, sizeof f->s.term_first);
    f->s.term_refusal = RULES_OK;
    f->s.enrol_classes = 0;
}

static void term_request(flow_t *f, flow_request_kind_t kind)
{
    request(f, kind);
    snprintf(f->req.service_id, sizeof f->req.service_id, "%s",
             f->s.cat->services[f->s.service].id);
    snprintf(f->req.input, sizeof f->req.input, "%s", f->s.cat->terms[f->s.term].id);
}

static void read_term(flow_t *f)
{
    f->s.term_loaded = f->s.term_failed = 0;
    term_request(f, FLOW_REQ_TERM);
}

static int tap_term(flow_t *f, const char *id)
{
    flow_state_t *s = &f->s;
    if (strcmp(id, "back") == 0) {
        flow_terms_clear(f);
        go(f, FLOW_SERVICE);
    } else if (strncmp(id, "term:", 5) == 0) {
        int t[16], n = flow_service_terms(s, t, 16);
        for (int i = 0; i < n; i++)
            if (strcmp(s->cat->terms[t[i]].id, id + 5) == 0 && t[i] != s->term) {
                s->term = t[i];
                s->term_refusal = RULES_OK;
                read_term(f);
            }
    } else if (strcmp(id, "next") == 0 && s->term_loaded && !s->term_failed &&
               s->term_ahead > 0 && s->term_left > 0 && !s->bookings_off) {
        s->party = 1;
        s->term_refusal = RULES_OK;
        go(f, FLOW_PHONE);
    }
    return 1;
}

int flow_terms_tap(flow_t *f, const char *id)
{
    flow_state_t *s = &f->s;
    if (strcmp(id, "home") == 0 && s->enrolling) {
        flow_terms_clear(f); /* and home, as anywhere (flow.c) */
        return 0;
    }
    switch (s->screen) {
    case FLOW_SERVICE: {
        int t[1];
        if (strcmp(id, "enrol") != 0 || flow_service_terms(s, t, 1) < 1)
            return 0;
        flow_for_clear(f);
        flow_terms_clear(f);
        s->enrolling = 1;
        s->term = t[0];
        go(f, FLOW_TERM);
        read_term(f);
        return 1;
    }
    case FLOW_TERM:
        return tap_term(f, id);
    case FLOW_PHONE:
        if (!s->enrolling)
            return 0;
        if (strcmp(id, "back") == 0) {
            go(f, FLOW_TERM);
            read_term(f);
            return 1;
        }
        if (strcmp(id, "next") == 0 && rules_phone_valid(s->digits)) {
            /* The child's label comes next: an enrolment is always for someone. */
            s->for_nophone = 0;
            go(f, FLOW_FOR);
            return 1;
        }
        return 0;
    case FLOW_CONFIRM:
        if (!s->enrolling)
            return 0;
        if (strcmp(id, "party-inc") == 0 || strcmp(id, "party-dec") == 0)
            return 1; /* one child, one place */
        if (strcmp(id, "confirm") == 0 && s->for_label[0]) {
            term_request(f, FLOW_REQ_ENROL);
            memcpy(f->req.phone, s->digits, sizeof f->req.phone);
            flow_for_request(f);
            return 1;
        }
        return 0;
    case FLOW_ENROLLED:
        if (strcmp(id, "done") == 0) {
            flow_terms_clear(f); /* the enrolment is made: what follows is browsing */
            go(f, FLOW_HOME);
        } else if (strcmp(id, "print") == 0) {
            request(f, FLOW_REQ_PRINT);
            memcpy(f->req.ticket, s->ticket, sizeof f->req.ticket);
            s->print = FLOW_PRINT_SENDING;
            s->print_tries++;
            s->busy = 0;
        }
        return 1;
    default:
        return 0;
    }
}

void flow_term_result(flow_t *f, int ahead, int left, const char *first, int failed)
{
    if (!awaited(f, FLOW_REQ_TERM))
        return;
    f->s.term_loaded = 1;
    f->s.term_failed = failed != 0;
    f->s.term_ahead = failed ? 0 : ahead;
    f->s.term_left = failed ? 0 : left;
    snprintf(f->s.term_first, sizeof f->s.term_first, "%s", first && !failed ? first : "");
    changed(f);
}

void flow_enrol_result(flow_t *f, int result, const char *ticket, const char *payload,
                       int classes)
{
    if (!awaited(f, FLOW_REQ_ENROL))
        return;
    if (result == RULES_OK && (!ticket || strlen(ticket) != sizeof f->s.ticket - 1 || !payload ||
                               strlen(payload) >= sizeof f->s.payload))
        result = -1;
    if (result < 0) {
        f->s.notice = FLOW_NOTICE_STORE_ERROR;
        changed(f);
        return;
    }
    if (result != RULES_OK) {
        /* Back to the term, read again, saying why (full, enrolled already ...). */
        f->s.term_refusal = result;
        go(f, FLOW_TERM);
        read_term(f);
        return;
    }
    memcpy(f->s.ticket, ticket, sizeof f->s.ticket);
    snprintf(f->s.payload, sizeof f->s.payload, "%s", payload);
    f->s.enrol_classes = classes;
    wipe_bytes(f->s.digits, sizeof f->s.digits);
    f->s.n_digits = 0;
    go(f, FLOW_ENROLLED);
    /* Printed as it is shown, as the booking ticket is (not blocking). */
    request(f, FLOW_REQ_PRINT);
    memcpy(f->req.ticket, f->s.ticket, sizeof f->req.ticket);
    f->s.print = FLOW_PRINT_SENDING;
    f->s.print_tries = 1;
    f->s.busy = 0;
}
