/* The resident flow (firmware/core/flow.c) driven headless: taps, typed text
 * and time go in, requests come out and the test answers them itself, so no
 * store and no display are involved. Covers the booking path of DESIGN.md §2,
 * the keypad, refusals and store errors, back/home from every screen, the
 * lookup and cancel path, the idle warning and reset, the version counter,
 * junk input and determinism. Run from the repository root (one test reads
 * assets/catalog/demo.ini). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../firmware/core/calib.h"
#include "../../firmware/core/catalog.h"
#include "../../firmware/core/datetime.h"
#include "../../firmware/core/flow.h"
#include "../../firmware/core/rules.h"
#include "../unit/test.h"

#define DEMO "assets/catalog/demo.ini"

/* Two categories so that a service of the other category can be tapped. */
#define SVC_BODY                                                                                   \
    "name_en = Service\n"                                                                          \
    "description = 说明\n"                                                                       \
    "audience = 所有人\n"                                                                       \
    "location = 一楼\n"                                                                          \
    "duration = 30\n"                                                                              \
    "schedule = Mon-Sun 09:00-10:00 4\n"

static const char catalog_text[] = "[station]\n"
                                   "id = s1\n"
                                   "name = 测试站\n"
                                   "[category c1]\n"
                                   "name = 类别一\n"
                                   "[category c2]\n"
                                   "name = 类别二\n"
                                   "[service v1]\n"
                                   "category = c1\n"
                                   "name = 服务一\n" SVC_BODY "[service v2]\n"
                                   "category = c1\n"
                                   "name = 服务二\n" SVC_BODY "[service w1]\n"
                                   "category = c2\n"
                                   "name = 服务三\n" SVC_BODY
                                   /* t (issue 20): v2 is a course with a term */
                                   "[term v2-t]\n"
                                   "service = v2\n"
                                   "name = 冬季班\n"
                                   "from = 2026-12-01\n"
                                   "to = 2026-12-31\n"
                                   "places = 4\n";

#define PHONE "13812345678"
#define LOOKUP_PHONE "13912345678"
#define OPEN_TODAY "v1-20261201-1400"

static catalog_t *cat;

/* The wall clock follows the monotonic clock from t0 (a minute stamp), so a
 * test that waits a minute also sees the minute change, as on the kiosk. */
static long long t0;
static uint64_t clk; /* ms of the last input the helpers gave */

static dt_date_t day(int y, int m, int d)
{
    dt_date_t r = {y, m, d};
    return r;
}

static dt_date_t today(void)
{
    return day(2026, 12, 1); /* a Tuesday */
}

static flow_time_t at(uint64_t ms)
{
    flow_time_t t = {ms, t0 + (long long)(ms / 60000)};
    return t;
}

/* Each helper input comes half a second after the previous one: well inside
 * the idle timeout, so only the idle tests see the warning. */
static flow_time_t next_t(void)
{
    clk += 500;
    return at(clk);
}

static flow_config_t config(void)
{
    flow_config_t c;
    memset(&c, 0, sizeof c);
    c.idle_timeout_ms = 60000;
    c.countdown_ms = 20000;
    c.lang_en = 0;
    rules_defaults(&c.rules);
    return c;
}

static flow_t *new_flow_at(const flow_config_t *c, int minute_of_day)
{
    t0 = dt_stamp(today(), minute_of_day);
    clk = 0;
    flow_t *f = flow_create(cat, c, at(0));
    CHECK(f != NULL);
    return f;
}

static flow_t *new_flow(void)
{
    flow_config_t c = config();
    return new_flow_at(&c, 9 * 60);
}

static const flow_state_t *st(const flow_t *f)
{
    return flow_state(f);
}

static void tap(flow_t *f, const char *id)
{
    flow_tap(f, id, next_t());
}

/* Taps the ticket code's keys (check-in, cancel) for each symbol of code. */
static void type_code(flow_t *f, const char *code)
{
    for (const char *c = code; *c; c++) {
        char id[8] = "key:";
        id[4] = *c;
        id[5] = '\0';
        tap(f, id);
    }
}

static void text(flow_t *f, const char *s)
{
    flow_text(f, s, next_t());
}

/* Time passing after the last input, keeping the clock monotonic. */
static void tick_after(flow_t *f, uint64_t ms)
{
    clk += ms;
    flow_tick(f, at(clk));
}

static int all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return 0;
    return 1;
}

static int same_date(dt_date_t a, dt_date_t b)
{
    return a.y == b.y && a.m == b.m && a.d == b.d;
}

/* Takes the pending request, which must be of the given kind. */
static flow_request_t take(flow_t *f, flow_request_kind_t kind)
{
    flow_request_t rq;
    memset(&rq, 0, sizeof rq);
    CHECK_INT(flow_take_request(f, &rq), 1);
    CHECK_INT(rq.kind, kind);
    return rq;
}

static void no_request(flow_t *f)
{
    flow_request_t rq;
    CHECK_INT(flow_take_request(f, &rq), 0);
}

static flow_session_t session(const char *id, dt_date_t d, int start, int cap, int rem, int open)
{
    flow_session_t s;
    memset(&s, 0, sizeof s);
    snprintf(s.id, sizeof s.id, "%s", id);
    s.date = d;
    s.start = start;
    s.end = start + 60;
    s.capacity = cap;
    s.remaining = rem;
    s.open = open;
    return s;
}

/* The sessions of v1 the store "returns" at 09:00 on 2026-12-01 (cut-off 30):
 * one within the cut-off, one full, one closed, one open today (2 seats
 * left), one open on 12-03 and one closed on 12-03. today_seats sets the
 * seats of the open one today (0: today has nothing open). */
#define N_FIX 6
enum { FIX_LATE, FIX_FULL, FIX_CLOSED, FIX_OPEN, FIX_LATER, FIX_LATER_CLOSED };

static void fixture(flow_session_t rows[N_FIX], int today_seats)
{
    rows[FIX_LATE] = session("v1-20261201-0920", today(), 9 * 60 + 20, 4, 4, 1);
    rows[FIX_FULL] = session("v1-20261201-1000", today(), 10 * 60, 4, 0, 1);
    rows[FIX_CLOSED] = session("v1-20261201-1100", today(), 11 * 60, 4, 4, 0);
    rows[FIX_OPEN] = session(OPEN_TODAY, today(), 14 * 60, 6, today_seats, 1);
    rows[FIX_LATER] = session("v1-20261203-0900", day(2026, 12, 3), 9 * 60, 4, 4, 1);
    rows[FIX_LATER_CLOSED] = session("v1-20261203-1000", day(2026, 12, 3), 10 * 60, 4, 0, 0);
}

static flow_booking_t booking(const char *ticket, const char *svc, int status)
{
    flow_booking_t b;
    memset(&b, 0, sizeof b);
    snprintf(b.ticket, sizeof b.ticket, "%s", ticket);
    snprintf(b.service_id, sizeof b.service_id, "%s", svc);
    snprintf(b.service_name, sizeof b.service_name, "名称 %s", svc);
    b.date = day(2026, 12, 3);
    b.start = 9 * 60;
    b.party = 1;
    b.status = (rules_status_t)status;
    return b;
}

#define N_BOOK 4
static void booking_rows(flow_booking_t rows[N_BOOK], int first_status)
{
    rows[0] = booking("TKTBQQK2", "v1", first_status);
    rows[1] = booking("TKTCHKJN", "v1", RULES_CHECKED_IN);
    rows[2] = booking("TKTCANCL", "v2", RULES_CANCELLED);
    rows[3] = booking("TKTBQQK3", "w1", RULES_BOOKED);
}

static void answer_sessions(flow_t *f, int today_seats)
{
    flow_session_t rows[N_FIX];
    fixture(rows, today_seats);
    flow_sessions_result(f, rows, N_FIX, 0);
}

/* Drives a fresh flow to a screen along the resident's path, with digits
 * typed wherever a keypad was on the way, and no request left pending. */
static void reach(flow_t *f, flow_screen_t to)
{
    if (to == FLOW_ATTRACT) /* where every flow starts */
        return;
    tap(f, "start");
    switch (to) {
    case FLOW_HOME:
        break;
    case FLOW_CHECKIN:
        tap(f, "checkin");
        break;
    case FLOW_CHECKIN_RESULT: {
        tap(f, "checkin");
        for (const char *c = "TKTB2345"; *c; c++) { /* the code alphabet has no O or 1 */
            char id[8] = "key:";
            id[4] = *c;
            id[5] = '\0';
            tap(f, id);
        }
        tap(f, "next");
        tap(f, "key:5");
        tap(f, "next");
        flow_request_t rq = take(f, FLOW_REQ_CHECKIN);
        CHECK_STR(rq.input, "TKTB2345");
        CHECK_STR(rq.factor, "5");
        flow_booking_t b = booking("TKTB2345", "v1", RULES_CHECKED_IN);
        flow_checkin_result(f, RULES_OK, &b);
        break;
    }
    case FLOW_CHECKIN_FACTOR:
        tap(f, "checkin");
        type_code(f, "TKTB2345");
        tap(f, "next");
        break;
    case FLOW_WALKIN: /* w (issue 19): line a open, line b closed today */
    case FLOW_QUEUE_TICKET:
    case FLOW_QUEUE_REFUSED: {
        tap(f, "walk-in");
        take(f, FLOW_REQ_QUEUE_LINES);
        flow_queue_line_t lines[2] = {{"a", 'A', "综合咨询", "General", 2, 0, 0},
                                      {"b", 'B', "社会救助", "Assistance", 0, 1, 0}};
        flow_queue_lines_result(f, lines, 2, 0);
        if (to == FLOW_QUEUE_REFUSED)
            tap(f, "line:b");
        if (to == FLOW_QUEUE_TICKET) {
            tap(f, "line:a");
            take(f, FLOW_REQ_QUEUE_TAKE);
            flow_queue_take_result(f, RULES_OK, "A003", 2, 10);
            take(f, FLOW_REQ_PRINT);
            flow_print_result(f, FLOW_PRINT_OK);
        }
        break;
    }
    case FLOW_TERM: /* t (issue 20) */
    case FLOW_ENROLLED: {
        tap(f, "category:c1");
        tap(f, "service:v2");
        tap(f, "enrol");
        take(f, FLOW_REQ_TERM);
        flow_term_result(f, 5, 3, "2026-12-02", 0);
        if (to == FLOW_TERM)
            break;
        tap(f, "next");
        text(f, PHONE);
        tap(f, "next");
        tap(f, "for:child");
        tap(f, "confirm");
        flow_request_t rq = take(f, FLOW_REQ_ENROL);
        CHECK_STR(rq.input, "v2-t");
        CHECK_STR(rq.service_id, "v2");
        CHECK_STR(rq.phone, PHONE);
        CHECK_STR(rq.for_label, "孩子");
        flow_enrol_result(f, RULES_OK, "ABCDEFGH", "KQ1:ABCDEFGH:AAAAAAAAAAAAAAAA", 5);
        take(f, FLOW_REQ_PRINT); /* printed as it is shown */
        flow_print_result(f, FLOW_PRINT_OK);
        break;
    }
    case FLOW_RATE_CODE: /* issue 20 (F): 好差评 by the ticket's code */
    case FLOW_RATE:
    case FLOW_RATE_REASONS:
    case FLOW_RATE_DONE: {
        tap(f, "rate");
        if (to == FLOW_RATE_CODE)
            break;
        type_code(f, "TKTB2345");
        tap(f, "next");
        CHECK_STR(take(f, FLOW_REQ_RATE_FIND).input, "TKTB2345");
        flow_booking_t b = booking("TKTB2345", "v1", RULES_CHECKED_IN);
        flow_rate_find_result(f, RULES_OK, &b);
        if (to == FLOW_RATE)
            break;
        tap(f, "rate:2");
        if (to == FLOW_RATE_REASONS)
            break;
        tap(f, "reason:wait");
        tap(f, "submit");
        flow_request_t rq = take(f, FLOW_REQ_RATE_SUBMIT);
        CHECK_STR(rq.ticket, "TKTB2345");
        CHECK_INT(rq.party, 2);
        CHECK_STR(rq.input, "wait");
        flow_rate_submit_result(f, RULES_OK);
        break;
    }
    case FLOW_WAITLIST_JOIN: /* i20wait: the full session touched, 排队候补 */
    case FLOW_WAITLISTED:
        tap(f, "category:c1");
        tap(f, "service:v1");
        tap(f, "book");
        take(f, FLOW_REQ_SESSIONS);
        answer_sessions(f, 2);
        flow_tap_disabled(f, "session:v1-20261201-1000", next_t());
        tap(f, "waitlist");
        if (to == FLOW_WAITLISTED) {
            tap(f, "next");
            text(f, PHONE);
            tap(f, "next");
            tap(f, "confirm");
            take(f, FLOW_REQ_WAITLIST_JOIN);
            flow_waitlist_join_result(f, RULES_OK, 2);
        }
        break;
    case FLOW_LOOKUP:
        tap(f, "lookup");
        text(f, "139");
        break;
    case FLOW_BOOKINGS:
    case FLOW_BOOKING:
    case FLOW_CANCEL: {
        tap(f, "lookup");
        text(f, LOOKUP_PHONE);
        tap(f, "next");
        take(f, FLOW_REQ_LOOKUP);
        flow_booking_t rows[N_BOOK];
        booking_rows(rows, RULES_BOOKED);
        flow_lookup_result(f, rows, N_BOOK, 0);
        if (to == FLOW_CANCEL)
            tap(f, "cancel:TKTBQQK2");
        if (to == FLOW_BOOKING)
            tap(f, "booking:1");
        break;
    }
    default:
        tap(f, "category:c1");
        if (to == FLOW_CATEGORY)
            break;
        tap(f, "service:v1");
        if (to == FLOW_SERVICE)
            break;
        tap(f, "book");
        take(f, FLOW_REQ_SESSIONS);
        answer_sessions(f, 2);
        if (to == FLOW_SLOTS)
            break;
        tap(f, "session:" OPEN_TODAY);
        if (to == FLOW_PHONE || to == FLOW_FOR) {
            text(f, "138");
            if (to == FLOW_FOR)
                tap(f, "for");
            break;
        }
        text(f, PHONE);
        tap(f, "next");
        if (to == FLOW_CONFIRM)
            break;
        tap(f, "confirm");
        take(f, FLOW_REQ_BOOK);
        if (to == FLOW_TICKET) {
            flow_book_result(f, RULES_OK, "ABCDEFGH", "KQ1:ABCDEFGH:AAAAAAAAAAAAAAAA");
            take(f, FLOW_REQ_PRINT); /* printed as it is shown */
            flow_print_result(f, FLOW_PRINT_OK);
        } else {
            flow_book_result(f, RULES_FULL, NULL, NULL);
            /* The sessions are read again for the ones offered instead. */
            take(f, FLOW_REQ_SESSIONS);
            answer_sessions(f, 0);
        }
        break;
    }
    CHECK_STR(flow_screen_id(st(f)->screen), flow_screen_id(to));
    CHECK_INT(st(f)->busy, 0);
    no_request(f);
}

/* A deep copy of the visible state, so that states can be compared after
 * the flow has freed or replaced its arrays. */
#define SNAP_MAX 16
typedef struct snap {
    flow_state_t s;
    flow_session_t sessions[SNAP_MAX];
    flow_booking_t bookings[SNAP_MAX];
    int has_sessions, has_bookings; /* the pointers were non-NULL */
} snap_t;

static snap_t snap(const flow_t *f)
{
    snap_t n;
    memset(&n, 0, sizeof n);
    n.s = *st(f);
    n.has_sessions = n.s.sessions != NULL;
    n.has_bookings = n.s.bookings != NULL;
    for (int i = 0; i < n.s.n_sessions && i < SNAP_MAX; i++)
        n.sessions[i] = n.s.sessions[i];
    for (int i = 0; i < n.s.n_bookings && i < SNAP_MAX; i++)
        n.bookings[i] = n.s.bookings[i];
    n.s.sessions = NULL;
    n.s.bookings = NULL;
    return n;
}

/* The first visible field that differs, or "" when none does. Field by
 * field rather than memcmp: the structs have padding. */
static const char *snap_diff(const snap_t *a, const snap_t *b)
{
    const flow_state_t *x = &a->s, *y = &b->s;
#define DIFF(field)                                                                                \
    do {                                                                                           \
        if (x->field != y->field)                                                                  \
            return #field;                                                                         \
    } while (0)
    DIFF(screen);
    DIFF(idle_warning);
    DIFF(countdown_s);
    DIFF(lang_en);
    DIFF(elder);
    DIFF(cat);
    DIFF(category);
    DIFF(service);
    DIFF(n_sessions);
    DIFF(sessions_loaded);
    DIFF(session);
    DIFF(n_digits);
    DIFF(party);
    DIFF(refusal);
    DIFF(n_bookings);
    DIFF(booking);
    DIFF(notice);
    DIFF(busy);
    DIFF(version);
    DIFF(resets);
    DIFF(now);
#undef DIFF
    if (!same_date(x->today, y->today))
        return "today";
    if (!same_date(x->date, y->date))
        return "date";
    if (memcmp(x->digits, y->digits, sizeof x->digits) != 0)
        return "digits";
    if (memcmp(x->ticket, y->ticket, sizeof x->ticket) != 0)
        return "ticket";
    if (memcmp(&x->rules, &y->rules, sizeof x->rules) != 0)
        return "rules";
    if (a->has_sessions != b->has_sessions)
        return "sessions";
    if (a->has_bookings != b->has_bookings)
        return "bookings";
    for (int i = 0; i < x->n_sessions && i < SNAP_MAX; i++) {
        const flow_session_t *p = &a->sessions[i], *q = &b->sessions[i];
        if (strcmp(p->id, q->id) || !same_date(p->date, q->date) || p->start != q->start ||
            p->end != q->end || p->capacity != q->capacity || p->remaining != q->remaining ||
            p->open != q->open)
            return "sessions[]";
    }
    for (int i = 0; i < x->n_bookings && i < SNAP_MAX; i++) {
        const flow_booking_t *p = &a->bookings[i], *q = &b->bookings[i];
        if (strcmp(p->ticket, q->ticket) || strcmp(p->service_id, q->service_id) ||
            strcmp(p->service_name, q->service_name) || !same_date(p->date, q->date) ||
            p->start != q->start || p->party != q->party || p->status != q->status)
            return "bookings[]";
    }
    return "";
}

#define CHECK_SAME(a, b) CHECK_STR(snap_diff(&(a), &(b)), "")

/* ------------------------------------------------------------------ tests */

/* Issue 17: call-staff on a resident screen puts up the overlay and asks
 * for one call a visit; the overlay is modal and goes with call-close;
 * attract has no call; the idle reset ends the visit. */
static void call_staff_once_a_visit(void)
{
    flow_t *f = new_flow();
    tap(f, "call-staff"); /* on attract: starts, as any tap does */
    CHECK_INT(st(f)->screen, FLOW_HOME);
    CHECK_INT(st(f)->call_shown, 0);
    no_request(f);
    reach(f, FLOW_SLOTS);
    answer_sessions(f, 3);
    tap(f, "call-staff");
    CHECK_INT(st(f)->call_shown, 1);
    CHECK_INT(st(f)->call, FLOW_CALL_ASKED);
    flow_request_t rq = take(f, FLOW_REQ_CALL);
    CHECK_STR(rq.input, "slots");
    flow_call_result(f, 0);
    CHECK_INT(st(f)->call, FLOW_CALL_MADE);
    /* Modal: a tap on what is under it does nothing. */
    tap(f, "back");
    CHECK_INT(st(f)->screen, FLOW_SLOTS);
    CHECK_INT(st(f)->call_shown, 1);
    tap(f, "call-close");
    CHECK_INT(st(f)->call_shown, 0);
    CHECK_INT(st(f)->screen, FLOW_SLOTS);
    /* Pressed again in the visit: the overlay, no second call. */
    tap(f, "call-staff");
    CHECK_INT(st(f)->call_shown, 1);
    no_request(f);
    tap(f, "call-close");
    /* The idle reset ends the visit: the next press is a new call. */
    tick_after(f, 80001);
    CHECK_INT(st(f)->screen, FLOW_ATTRACT);
    CHECK_INT(st(f)->call, FLOW_CALL_NONE);
    tap(f, "start");
    tap(f, "call-staff");
    rq = take(f, FLOW_REQ_CALL);
    CHECK_STR(rq.input, "home");
    /* A call the store could not record is asked again at the next press. */
    flow_call_result(f, -1);
    CHECK_INT(st(f)->call, FLOW_CALL_FAILED);
    tap(f, "call-close");
    tap(f, "call-staff");
    take(f, FLOW_REQ_CALL);
    flow_destroy(f);
}

static void screen_ids_are_the_design_ids(void)
{
    static const char *const ids[FLOW_SCREEN_COUNT] = {
        "attract",     "home",           "category",        "service",        "slots",
        "phone",       "confirm",        "ticket",          "refused",        "lookup",
        "bookings",    "cancel-confirm", "checkin",         "checkin-result", "booking",
        "checkin-verify",
        "for",
        "walk-in",     "queue-ticket",   "queue-refused", /* w (issue 19) */
        "term",        "enrolled", /* t (issue 20) */
        "rate-code",   "rate",           "rate-reasons",    "rated", /* issue 20 (F) */
        "waitlist-join", "waitlisted", /* i20wait */
        "staff-login", "staff",          "staff-roster",    "staff-cancel",   "staff-export",
        "technician",  "touch-test",     "touch-calibrate", "test-pattern",
        "staff-counters", "staff-counter", /* i19counter */
    };
    for (int i = 0; i < FLOW_SCREEN_COUNT; i++)
        CHECK_STR(flow_screen_id((flow_screen_t)i), ids[i]);
    CHECK_STR(flow_screen_id(FLOW_SCREEN_COUNT), "unknown");
    CHECK_STR(flow_screen_id((flow_screen_t)-1), "unknown");
}

static void a_new_flow_waits_on_attract(void)
{
    flow_config_t c = config();
    c.lang_en = 1;
    flow_t *f = new_flow_at(&c, 9 * 60);
    const flow_state_t *s = st(f);
    CHECK_INT(s->screen, FLOW_ATTRACT);
    CHECK_INT(s->lang_en, 1);
    CHECK_INT(s->elder, 0);
    CHECK_INT(s->idle_warning, 0);
    CHECK_INT(s->resets, 0); /* creating is not a reset the UI must react to */
    CHECK_INT(s->category, -1);
    CHECK_INT(s->service, -1);
    CHECK_INT(s->session, -1);
    CHECK_INT(s->booking, -1);
    CHECK_INT(s->party, 1);
    CHECK_INT(s->busy, 0);
    CHECK(all_zero(s->digits, sizeof s->digits));
    CHECK(s->cat == cat);
    CHECK(same_date(s->today, today()));
    CHECK_INT(s->now, dt_stamp(today(), 9 * 60));
    CHECK_INT(s->rules.horizon_days, 14);
    CHECK(flow_next_deadline(f) == UINT64_MAX);
    no_request(f);
    /* Time alone never leaves attract. */
    unsigned v = s->version;
    flow_tick(f, at(3600000));
    CHECK_INT(s->screen, FLOW_ATTRACT);
    CHECK_INT(s->version, v);
    flow_destroy(f);
    flow_destroy(NULL);
}

static void any_tap_on_attract_goes_home(void)
{
    static const char *const ids[] = {"start", "", "back", "home", "category:c1", "key:1"};
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        flow_t *f = new_flow();
        unsigned v = st(f)->version;
        tap(f, ids[i]);
        CHECK_INT(st(f)->screen, FLOW_HOME);
        CHECK(st(f)->version > v);
        CHECK_INT(st(f)->category, -1); /* the tap only wakes the kiosk */
        no_request(f);
        flow_destroy(f);
    }
    /* Typed text is not a tap: the attract screen stays. */
    flow_t *f = new_flow();
    text(f, "1");
    CHECK_INT(st(f)->screen, FLOW_ATTRACT);
    CHECK_INT(st(f)->n_digits, 0);
    flow_destroy(f);
}

static void browsing_to_slots_requests_sessions(void)
{
    flow_t *f = new_flow();
    tap(f, "start");
    tap(f, "category:c2");
    CHECK_INT(st(f)->screen, FLOW_CATEGORY);
    CHECK_INT(st(f)->category, 1);
    tap(f, "back");
    tap(f, "category:c1");
    CHECK_INT(st(f)->screen, FLOW_CATEGORY);
    CHECK_INT(st(f)->category, 0);
    /* A service of another category is not on this screen. */
    unsigned v = st(f)->version;
    tap(f, "service:w1");
    CHECK_INT(st(f)->screen, FLOW_CATEGORY);
    CHECK_INT(st(f)->service, -1);
    CHECK_INT(st(f)->version, v);
    tap(f, "service:v2");
    CHECK_INT(st(f)->screen, FLOW_SERVICE);
    CHECK_INT(st(f)->service, 1);
    tap(f, "back");
    tap(f, "service:v1");
    CHECK_INT(st(f)->screen, FLOW_SERVICE);
    CHECK_INT(st(f)->service, 0);
    no_request(f);
    tap(f, "book");
    CHECK_INT(st(f)->screen, FLOW_SLOTS);
    CHECK_INT(st(f)->busy, 1);
    CHECK_INT(st(f)->sessions_loaded, 0);
    CHECK(st(f)->sessions == NULL);
    CHECK(same_date(st(f)->date, today()));
    flow_request_t rq = take(f, FLOW_REQ_SESSIONS);
    CHECK_STR(rq.service_id, "v1");
    no_request(f);             /* moved out: taken once */
    CHECK_INT(st(f)->busy, 1); /* still waiting for the answer */
    flow_destroy(f);
}

static void sessions_are_classified(void)
{
    flow_t *f = new_flow();
    reach(f, FLOW_SLOTS);
    const flow_state_t *s = st(f);
    CHECK_INT(s->sessions_loaded, 1);
    CHECK_INT(s->n_sessions, N_FIX);
    CHECK_INT(s->session, -1);
    CHECK_INT(s->notice, FLOW_NOTICE_NONE);
    /* Today has an open session: the strip starts on today. */
    CHECK(same_date(s->date, today()));
    CHECK_INT(flow_slot(s, &s->sessions[FIX_LATE]), FLOW_SLOT_TOO_LATE);
    CHECK_INT(flow_slot(s, &s->sessions[FIX_FULL]), FLOW_SLOT_FULL);
    CHECK_INT(flow_slot(s, &s->sessions[FIX_CLOSED]), FLOW_SLOT_CLOSED);
    CHECK_INT(flow_slot(s, &s->sessions[FIX_OPEN]), FLOW_SLOT_OPEN);
    CHECK_INT(flow_slot(s, &s->sessions[FIX_LATER]), FLOW_SLOT_OPEN);
    CHECK_INT(flow_slot(s, &s->sessions[FIX_LATER_CLOSED]), FLOW_SLOT_CLOSED);
    CHECK_STR(s->sessions[FIX_OPEN].id, OPEN_TODAY);
    CHECK_INT(s->sessions[FIX_OPEN].remaining, 2);
    flow_destroy(f);
}

static void slot_cutoff_boundaries(void)
{
    /* flow_slot only reads now and the rules: a bare state is enough. */
    flow_state_t s;
    memset(&s, 0, sizeof s);
    rules_defaults(&s.rules);
    s.now = dt_stamp(today(), 9 * 60);
    flow_session_t se = session("x", today(), 9 * 60 + 30, 4, 4, 1);
    /* Exactly the cut-off is still open, as in store_book. */
    CHECK_INT(flow_slot(&s, &se), FLOW_SLOT_OPEN);
    se.start = 9 * 60 + 29;
    CHECK_INT(flow_slot(&s, &se), FLOW_SLOT_TOO_LATE);
    se.start = 8 * 60; /* already started */
    CHECK_INT(flow_slot(&s, &se), FLOW_SLOT_TOO_LATE);
    se = session("x", day(2026, 11, 30), 14 * 60, 4, 4, 1); /* yesterday */
    CHECK_INT(flow_slot(&s, &se), FLOW_SLOT_TOO_LATE);
    /* The order of the reasons: closed, then too late, then full. */
    se = session("x", today(), 9 * 60 + 10, 4, 0, 0);
    CHECK_INT(flow_slot(&s, &se), FLOW_SLOT_CLOSED);
    se.open = 1;
    CHECK_INT(flow_slot(&s, &se), FLOW_SLOT_TOO_LATE);
    se.start = 12 * 60;
    CHECK_INT(flow_slot(&s, &se), FLOW_SLOT_FULL);
    se.remaining = -3; /* oversold by staff: still full, not open */
    CHECK_INT(flow_slot(&s, &se), FLOW_SLOT_FULL);
    se.remaining = 1;
    CHECK_INT(flow_slot(&s, &se), FLOW_SLOT_OPEN);
    /* A midnight crossing: 23:50 for a session at 00:10 the next day. */
    s.now = dt_stamp(today(), 23 * 60 + 50);
    se = session("x", day(2026, 12, 2), 10, 4, 4, 1);
    CHECK_INT(flow_slot(&s, &se), FLOW_SLOT_TOO_LATE);
    se.start = 20;
    CHECK_INT(flow_slot(&s, &se), FLOW_SLOT_OPEN);
}

static void slots_start_on_the_first_open_day(void)
{
    flow_t *f = new_flow();
    reach(f, FLOW_SERVICE);
    tap(f, "book");
    take(f, FLOW_REQ_SESSIONS);
    answer_sessions(f, 0); /* nothing open today */
    CHECK(same_date(st(f)->date, day(2026, 12, 3)));
    CHECK_INT(flow_slot(st(f), &st(f)->sessions[FIX_OPEN]), FLOW_SLOT_FULL);
    /* Nothing open at all: the strip stays on today. */
    tap(f, "back");
    tap(f, "book");
    take(f, FLOW_REQ_SESSIONS);
    flow_session_t rows[N_FIX];
    fixture(rows, 0);
    rows[FIX_LATER].open = 0;
    flow_sessions_result(f, rows, N_FIX, 0);
    CHECK(same_date(st(f)->date, today()));
    /* The selected day is kept when it has something open, even if the
     * store lists a later day first. */
    tap(f, "back");
    tap(f, "book");
    take(f, FLOW_REQ_SESSIONS);
    fixture(rows, 2);
    flow_session_t swapped[N_FIX];
    for (int i = 0; i < N_FIX; i++)
        swapped[i] = rows[N_FIX - 1 - i];
    flow_sessions_result(f, swapped, N_FIX, 0);
    CHECK(same_date(st(f)->date, today()));
    /* No sessions at all. */
    tap(f, "back");
    tap(f, "book");
    take(f, FLOW_REQ_SESSIONS);
    flow_sessions_result(f, NULL, 0, 0);
    CHECK_INT(st(f)->sessions_loaded, 1);
    CHECK_INT(st(f)->n_sessions, 0);
    CHECK(st(f)->sessions == NULL);
    CHECK_INT(st(f)->notice, FLOW_NOTICE_NONE);
    CHECK(same_date(st(f)->date, today()));
    flow_destroy(f);
}

static void sessions_store_error(void)
{
    flow_t *f = new_flow();
    reach(f, FLOW_SERVICE);
    tap(f, "book");
    take(f, FLOW_REQ_SESSIONS);
    flow_session_t rows[N_FIX];
    fixture(rows, 2);
    flow_sessions_result(f, rows, N_FIX, 1); /* rows of a failed load are not shown */
    CHECK_INT(st(f)->screen, FLOW_SLOTS);
    CHECK_INT(st(f)->busy, 0);
    CHECK_INT(st(f)->notice, FLOW_NOTICE_STORE_ERROR);
    CHECK_INT(st(f)->sessions_loaded, 1);
    CHECK_INT(st(f)->n_sessions, 0);
    CHECK(st(f)->sessions == NULL);
    tap(f, "session:" OPEN_TODAY);
    CHECK_INT(st(f)->screen, FLOW_SLOTS);
    /* A negative count is a failure too. */
    tap(f, "back");
    tap(f, "book");
    take(f, FLOW_REQ_SESSIONS);
    flow_sessions_result(f, rows, -1, 0);
    CHECK_INT(st(f)->notice, FLOW_NOTICE_STORE_ERROR);
    CHECK_INT(st(f)->n_sessions, 0);
    flow_destroy(f);
}

static void date_selection_within_the_horizon(void)
{
    flow_t *f = new_flow();
    reach(f, FLOW_SLOTS);
    unsigned v = st(f)->version;
    tap(f, "date:2026-12-03");
    CHECK(same_date(st(f)->date, day(2026, 12, 3)));
    CHECK(st(f)->version > v);
    tap(f, "date:2026-12-14"); /* the last day of a 14-day horizon */
    CHECK(same_date(st(f)->date, day(2026, 12, 14)));
    tap(f, "date:2026-12-01"); /* today */
    CHECK(same_date(st(f)->date, today()));
    static const char *const bad[] = {
        "date:2026-12-15", /* one past the horizon */
        "date:2026-11-30", /* yesterday */
        "date:2027-12-01",  "date:1970-01-01", "date:2026-02-30", "date:2026-12-3",
        "date:2026-12-03x", "date:20261203",   "date:",           "date",
        "date: 2026-12-03",
    };
    v = st(f)->version;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        tap(f, bad[i]);
        CHECK(same_date(st(f)->date, today()));
        CHECK_INT(st(f)->screen, FLOW_SLOTS);
    }
    CHECK_INT(st(f)->version, v);
    /* A chosen session belongs to its day: another day drops it. */
    tap(f, "session:" OPEN_TODAY);
    tap(f, "back");
    CHECK_INT(st(f)->screen, FLOW_SLOTS);
    tap(f, "date:2026-12-03");
    CHECK_INT(st(f)->session, -1);
    flow_destroy(f);

    /* The horizon is the configured one. */
    flow_config_t c = config();
    c.rules.horizon_days = 3;
    f = new_flow_at(&c, 9 * 60);
    reach(f, FLOW_SLOTS);
    tap(f, "date:2026-12-04");
    CHECK(same_date(st(f)->date, today()));
    tap(f, "date:2026-12-03");
    CHECK(same_date(st(f)->date, day(2026, 12, 3)));
    flow_destroy(f);
}

static void only_open_sessions_can_be_chosen(void)
{
    flow_t *f = new_flow();
    reach(f, FLOW_SLOTS);
    snap_t before = snap(f);
    static const char *const refused[] = {
        "session:v1-20261201-0920", /* within the cut-off */
        "session:v1-20261201-1000", /* full */
        "session:v1-20261201-1100", /* closed */
        "session:v1-20261203-1000", /* closed and full */
        "session:nope",
        "session:",
        "session",
        "session:v1-20261201-140",
        "session:" OPEN_TODAY "0",
    };
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        tap(f, refused[i]);
        snap_t now = snap(f);
        CHECK_SAME(before, now);
    }
    CHECK_INT(st(f)->session, -1);
    tap(f, "session:" OPEN_TODAY);
    CHECK_INT(st(f)->screen, FLOW_PHONE);
    CHECK_INT(st(f)->session, FIX_OPEN);
    CHECK_INT(st(f)->party, 1);
    CHECK_INT(st(f)->n_digits, 0);
    no_request(f);
    /* A session on another day of the horizon can be chosen too. */
    tap(f, "back");
    tap(f, "date:2026-12-03");
    tap(f, "session:v1-20261203-0900");
    CHECK_INT(st(f)->screen, FLOW_PHONE);
    CHECK_INT(st(f)->session, FIX_LATER);
    flow_destroy(f);
}

static void keypad_keys_and_text(void)
{
    flow_t *f = new_flow();
    reach(f, FLOW_SLOTS);
    tap(f, "session:" OPEN_TODAY);
    const flow_state_t *s = st(f);
    for (int d = 0; d <= 9; d++) {
        char id[8];
        snprintf(id, sizeof id, "key:%d", d);
        unsigned v = s->version;
        tap(f, id);
        CHECK(s->version > v);
    }
    CHECK_STR(s->digits, "0123456789");
    CHECK_INT(s->n_digits, 10);
    tap(f, "key:del");
    tap(f, "key:del");
    CHECK_STR(s->digits, "01234567");
    CHECK_INT(s->n_digits, 8);
    /* The byte after the last digit is the terminator. */
    CHECK_INT(s->digits[8], '\0');
    /* Keys that are not a digit. */
    unsigned v = s->version;
    static const char *const junk[] = {"key:",   "key:10", "key:a", "key:-", "key:del ", "key:DEL",
                                       "key:0 ", "key: 1", "key",   "1",     "del"};
    for (size_t i = 0; i < sizeof junk / sizeof *junk; i++)
        tap(f, junk[i]);
    CHECK_STR(s->digits, "01234567");
    CHECK_INT(s->version, v);
    /* Delete down to nothing and beyond. */
    for (int i = 0; i < 10; i++)
        tap(f, "key:del");
    CHECK_INT(s->n_digits, 0);
    CHECK(all_zero(s->digits, sizeof s->digits));
    v = s->version;
    tap(f, "key:del");
    CHECK_INT(s->version, v);
    /* Typed text: only ASCII digits count. */
    text(f, "138 1234-5678");
    CHECK_STR(s->digits, PHONE);
    CHECK_INT(s->n_digits, 11);
    /* The 11-digit cap, by key and by text. */
    v = s->version;
    tap(f, "key:9");
    text(f, "99");
    CHECK_STR(s->digits, PHONE);
    CHECK_INT(s->version, v);
    for (int i = 0; i < 11; i++)
        tap(f, "key:del");
    text(f, "a1b"
            "\xe4\xb8\x80" /* 一 */
            "2\t3\n+"
            "\xef\xbc\x90" /* a full-width zero is not an ASCII digit */
            "4");
    CHECK_STR(s->digits, "1234");
    text(f, "");
    CHECK_STR(s->digits, "1234");
    text(f, "5678901234567890");
    CHECK_STR(s->digits, "12345678901");
    CHECK_INT(s->n_digits, 11);
    CHECK_INT(s->digits[11], '\0');
    /* Text goes nowhere on screens without a keypad. */
    tap(f, "back");
    CHECK_INT(s->screen, FLOW_SLOTS);
    v = s->version;
    text(f, "5");
    CHECK_INT(s->version, v);
    CHECK_STR(s->digits, "12345678901");
    flow_destroy(f);
}

/* key:clear empties the number in one tap, wiped, and clears the notice. */
static void keypad_clear_all(void)
{
    flow_t *f = new_flow();
    reach(f, FLOW_SLOTS);
    tap(f, "session:" OPEN_TODAY);
    const flow_state_t *s = st(f);
    unsigned v = s->version;
    tap(f, "key:clear"); /* nothing to clear: nothing changes */
    CHECK_INT(s->version, v);
    text(f, "2381234567");
    tap(f, "key:9");
    tap(f, "next");
    CHECK_INT(s->notice, FLOW_NOTICE_PHONE_BAD);
    v = s->version;
    tap(f, "key:clear");
    CHECK(s->version > v);
    CHECK_INT(s->n_digits, 0);
    CHECK(all_zero(s->digits, sizeof s->digits));
    CHECK_INT(s->notice, FLOW_NOTICE_NONE);
    CHECK_INT(s->screen, FLOW_PHONE);
    text(f, PHONE);
    tap(f, "next");
    CHECK_INT(s->screen, FLOW_CONFIRM);
    flow_destroy(f);
}

static void phone_next_validates(void)
{
    flow_t *f = new_flow();
    reach(f, FLOW_SLOTS);
    tap(f, "session:" OPEN_TODAY);
    const flow_state_t *s = st(f);
    tap(f, "next"); /* nothing typed */
    CHECK_INT(s->screen, FLOW_PHONE);
    CHECK_INT(s->notice, FLOW_NOTICE_PHONE_BAD);
    text(f, "1381234567");                  /* ten digits */
    CHECK_INT(s->notice, FLOW_NOTICE_NONE); /* typing clears the notice */
    unsigned v = s->version;
    tap(f, "next");
    CHECK_INT(s->screen, FLOW_PHONE);
    CHECK_INT(s->notice, FLOW_NOTICE_PHONE_BAD);
    CHECK(s->version > v);
    CHECK_STR(s->digits, "1381234567"); /* kept for correcting */
    tap(f, "key:del");
    CHECK_INT(s->notice, FLOW_NOTICE_NONE); /* deleting clears it too */
    tap(f, "key:del");
    text(f, "9");
    text(f, "8");
    CHECK_STR(s->digits, "1381234598");
    for (int i = 0; i < 11; i++)
        tap(f, "key:del");
    text(f, "12812345678"); /* 12x is not a mobile prefix */
    tap(f, "next");
    CHECK_INT(s->screen, FLOW_PHONE);
    CHECK_INT(s->notice, FLOW_NOTICE_PHONE_BAD);
    for (int i = 0; i < 11; i++)
        tap(f, "key:del");
    text(f, PHONE);
    no_request(f);
    tap(f, "next");
    CHECK_INT(s->screen, FLOW_CONFIRM);
    CHECK_INT(s->notice, FLOW_NOTICE_NONE);
    CHECK_INT(s->party, 1);
    CHECK_STR(s->digits, PHONE);
    no_request(f);
    flow_destroy(f);
}

static void party_size_limits(void)
{
    /* Two seats left, max_party 4: the cap is the seats. */
    flow_t *f = new_flow();
    reach(f, FLOW_CONFIRM);
    const flow_state_t *s = st(f);
    CHECK_INT(s->party, 1);
    unsigned v = s->version;
    tap(f, "party-dec");
    CHECK_INT(s->party, 1);
    CHECK_INT(s->version, v);
    tap(f, "party-inc");
    CHECK_INT(s->party, 2);
    CHECK(s->version > v);
    v = s->version;
    tap(f, "party-inc");
    tap(f, "party-inc");
    CHECK_INT(s->party, 2);
    CHECK_INT(s->version, v);
    tap(f, "party-dec");
    tap(f, "party-dec");
    tap(f, "party-dec");
    CHECK_INT(s->party, 1);
    /* Back to the keypad and on again: the party starts over at 1. */
    tap(f, "party-inc");
    tap(f, "back");
    CHECK_INT(s->screen, FLOW_PHONE);
    tap(f, "next");
    CHECK_INT(s->screen, FLOW_CONFIRM);
    CHECK_INT(s->party, 1);
    flow_destroy(f);

    /* Four seats left, max_party 3: the cap is the rule. */
    flow_config_t c = config();
    c.rules.max_party = 3;
    f = new_flow_at(&c, 9 * 60);
    reach(f, FLOW_SLOTS);
    s = st(f);
    tap(f, "date:2026-12-03");
    tap(f, "session:v1-20261203-0900");
    text(f, PHONE);
    tap(f, "next");
    CHECK_INT(s->screen, FLOW_CONFIRM);
    for (int i = 0; i < 10; i++)
        tap(f, "party-inc");
    CHECK_INT(s->party, 3);
    tap(f, "confirm");
    flow_request_t rq = take(f, FLOW_REQ_BOOK);
    CHECK_INT(rq.party, 3);
    CHECK_STR(rq.session_id, "v1-20261203-0900");
    flow_destroy(f);
}

static void confirm_books_and_shows_the_ticket(void)
{
    flow_t *f = new_flow();
    reach(f, FLOW_CONFIRM);
    const flow_state_t *s = st(f);
    tap(f, "party-inc");
    unsigned v = s->version;
    tap(f, "confirm");
    CHECK(s->version > v);
    CHECK_INT(s->busy, 1);
    CHECK_INT(s->screen, FLOW_CONFIRM);
    flow_request_t rq = take(f, FLOW_REQ_BOOK);
    CHECK_STR(rq.session_id, OPEN_TODAY);
    CHECK_STR(rq.phone, PHONE);
    CHECK_INT(rq.party, 2);
    /* While the store works, nothing is taken: no double booking. */
    snap_t busy = snap(f);
    static const char *const ids[] = {"confirm", "party-inc", "party-dec", "back",
                                      "home",    "start",     "key:1",     "lookup"};
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        tap(f, ids[i]);
        snap_t now = snap(f);
        busy.s.now = now.s.now; /* only the clock moves */
        busy.s.today = now.s.today;
        CHECK_SAME(busy, now);
        no_request(f);
    }
    text(f, "5");
    CHECK_STR(s->digits, PHONE);
    flow_book_result(f, RULES_OK, "ABCDEFGH", "KQ1:ABCDEFGH:AAAAAAAAAAAAAAAA");
    CHECK_INT(s->screen, FLOW_TICKET);
    CHECK_INT(s->busy, 0);
    CHECK_STR(s->ticket, "ABCDEFGH");
    CHECK_INT(s->n_digits, 0);
    CHECK(all_zero(s->digits, sizeof s->digits)); /* the phone leaves memory at once */
    CHECK_INT(s->notice, FLOW_NOTICE_NONE);
    CHECK_STR(s->payload, "KQ1:ABCDEFGH:AAAAAAAAAAAAAAAA");
    /* The ticket is printed as it is shown, without blocking the screen. */
    rq = take(f, FLOW_REQ_PRINT);
    CHECK_STR(rq.ticket, "ABCDEFGH");
    CHECK_INT(s->busy, 0);
    flow_print_result(f, FLOW_PRINT_FAILED);
    CHECK_INT(s->print, FLOW_PRINT_FAILED);
    no_request(f);
    /* Printing again does not block the screen. */
    tap(f, "print");
    rq = take(f, FLOW_REQ_PRINT);
    CHECK_STR(rq.ticket, "ABCDEFGH");
    CHECK(all_zero(rq.phone, sizeof rq.phone));
    CHECK_INT(s->busy, 0);
    CHECK_INT(s->screen, FLOW_TICKET);
    tap(f, "done");
    CHECK_INT(s->screen, FLOW_HOME);
    no_request(f);
    flow_destroy(f);
}

static void a_refusal_goes_back_to_the_same_day(void)
{
    static const char *const via[] = {"slots", "back"};
    for (size_t i = 0; i < sizeof via / sizeof *via; i++) {
        flow_t *f = new_flow();
        reach(f, FLOW_CONFIRM);
        const flow_state_t *s = st(f);
        tap(f, "confirm");
        take(f, FLOW_REQ_BOOK);
        unsigned v = s->version;
        flow_book_result(f, RULES_FULL, NULL, NULL);
        CHECK_INT(s->screen, FLOW_REFUSED);
        CHECK_INT(s->refusal, RULES_FULL);
        CHECK(s->version > v);
        CHECK(s->ticket[0] == '\0');
        /* Read again for the sessions to offer instead (issue 15 item 5). */
        CHECK_INT(s->busy, 1);
        take(f, FLOW_REQ_SESSIONS);
        answer_sessions(f, 0);
        CHECK_INT(s->busy, 0);
        CHECK_INT(s->screen, FLOW_REFUSED);
        no_request(f);
        tap(f, via[i]);
        CHECK_INT(s->screen, FLOW_SLOTS);
        CHECK_INT(s->busy, 1);
        CHECK_INT(s->sessions_loaded, 0);
        CHECK(s->sessions == NULL);
        CHECK_INT(s->session, -1);
        flow_request_t rq = take(f, FLOW_REQ_SESSIONS);
        CHECK_STR(rq.service_id, "v1");
        /* The session filled meanwhile: today has nothing open now, yet the
         * resident sees today again, with that session full. */
        answer_sessions(f, 0);
        CHECK(same_date(s->date, today()));
        CHECK_INT(flow_slot(s, &s->sessions[FIX_OPEN]), FLOW_SLOT_FULL);
        tap(f, "session:" OPEN_TODAY);
        CHECK_INT(s->screen, FLOW_SLOTS);
        /* Keeping the day was for that one reload: a later load starts on
         * the first open day again. */
        tap(f, "back");
        tap(f, "book");
        take(f, FLOW_REQ_SESSIONS);
        answer_sessions(f, 0);
        CHECK(same_date(s->date, day(2026, 12, 3)));
        flow_destroy(f);
    }
}

static void a_refusal_offers_the_lookup(void)
{
    static const int reasons[] = {RULES_DUPLICATE, RULES_LIMIT,     RULES_TOO_LATE,
                                  RULES_CLOSED,    RULES_BAD_PARTY, RULES_NO_SESSION};
    for (size_t i = 0; i < sizeof reasons / sizeof *reasons; i++) {
        flow_t *f = new_flow();
        reach(f, FLOW_CONFIRM);
        tap(f, "confirm");
        take(f, FLOW_REQ_BOOK);
        flow_book_result(f, reasons[i], NULL, NULL);
        CHECK_INT(st(f)->screen, FLOW_REFUSED);
        CHECK_INT(st(f)->refusal, reasons[i]);
        flow_request_t again;
        if (flow_take_request(f, &again)) { /* the sessions, read again */
            CHECK_INT(again.kind, FLOW_REQ_SESSIONS);
            answer_sessions(f, 0);
        }
        tap(f, "lookup");
        CHECK_INT(st(f)->screen, FLOW_BOOKINGS);
        CHECK_INT(st(f)->busy, 1);
        flow_request_t rq = take(f, FLOW_REQ_LOOKUP);
        CHECK_STR(rq.phone, PHONE);
        flow_destroy(f);
    }
}

/* Issue 14, item 7: a visit's or a kiosk's limit is no fault of the
 * resident's; "done" goes home with the number typed for it wiped. */
static void a_limit_goes_home_wiping_the_number(void)
{
    static const int reasons[] = {RULES_VISIT_LIMIT, RULES_BURST};
    for (size_t i = 0; i < sizeof reasons / sizeof *reasons; i++) {
        flow_t *f = new_flow();
        reach(f, FLOW_CONFIRM);
        const flow_state_t *s = st(f);
        tap(f, "confirm");
        take(f, FLOW_REQ_BOOK);
        flow_book_result(f, reasons[i], NULL, NULL);
        CHECK_INT(s->screen, FLOW_REFUSED);
        CHECK_INT(s->refusal, reasons[i]);
        tap(f, "done");
        CHECK_INT(s->screen, FLOW_HOME);
        CHECK_INT(s->n_digits, 0);
        CHECK_STR(s->digits, "");
        no_request(f);
        flow_destroy(f);
    }
}

static void a_store_error_stays_on_confirm(void)
{
    flow_t *f = new_flow();
    reach(f, FLOW_CONFIRM);
    const flow_state_t *s = st(f);
    tap(f, "party-inc");
    tap(f, "confirm");
    take(f, FLOW_REQ_BOOK);
    unsigned v = s->version;
    flow_book_result(f, -1, NULL, NULL);
    CHECK_INT(s->screen, FLOW_CONFIRM);
    CHECK_INT(s->notice, FLOW_NOTICE_STORE_ERROR);
    CHECK_INT(s->busy, 0);
    CHECK(s->version > v);
    CHECK_STR(s->digits, PHONE);
    CHECK_INT(s->party, 2);
    no_request(f);
    /* The resident may try again. */
    tap(f, "confirm");
    flow_request_t rq = take(f, FLOW_REQ_BOOK);
    CHECK_STR(rq.phone, PHONE);
    CHECK_INT(rq.party, 2);
    flow_book_result(f, RULES_OK, "ZZZZ2222", "KQ1:ZZZZ2222:AAAAAAAAAAAAAAAA");
    CHECK_INT(s->screen, FLOW_TICKET);
    CHECK_STR(s->ticket, "ZZZZ2222");
    CHECK_INT(s->notice, FLOW_NOTICE_NONE);
    flow_destroy(f);
}

/* Issue 16 (i16house): whom a booking is for, chosen from presets on the
 * for screen, travels in the booking request as its Chinese word; without
 * a phone the request has no number and the label is asked first; another
 * session starts again for the booker; the reset wipes it all. */
static void booking_for_someone_and_without_a_phone(void)
{
    flow_t *f = new_flow();
    reach(f, FLOW_PHONE);
    tap(f, "for");
    CHECK_STR(flow_screen_id(st(f)->screen), "for");
    flow_for_choice_t c[FLOW_FOR_MAX];
    CHECK_INT(flow_for_choices(st(f), c), 12);
    CHECK_STR(c[0].id, "for:self");
    tap(f, "for:grandmother");
    CHECK_STR(flow_screen_id(st(f)->screen), "phone");
    CHECK_STR(st(f)->for_label, "奶奶");
    CHECK_STR(flow_for_shown(st(f)), "奶奶");
    text(f, "12345678"); /* after the 138 reach typed */
    tap(f, "next");
    CHECK_STR(flow_screen_id(st(f)->screen), "confirm");
    tap(f, "confirm");
    flow_request_t rq = take(f, FLOW_REQ_BOOK);
    CHECK_STR(rq.phone, PHONE);
    CHECK_STR(rq.for_label, "奶奶");
    flow_destroy(f);

    /* No phone: the number typed goes, the label is asked, then confirm. */
    f = new_flow();
    reach(f, FLOW_PHONE);
    tap(f, "no-phone");
    CHECK_STR(flow_screen_id(st(f)->screen), "for");
    CHECK_INT(st(f)->n_digits, 0);
    CHECK_INT(flow_for_choices(st(f), c), 13); /* no 本人; 叔叔, 阿姨 */
    tap(f, "for:self"); /* not offered: nothing happens */
    CHECK_STR(flow_screen_id(st(f)->screen), "for");
    tap(f, "for:aunt");
    CHECK_STR(flow_screen_id(st(f)->screen), "confirm");
    CHECK_INT(st(f)->no_phone, 1);
    tap(f, "confirm");
    rq = take(f, FLOW_REQ_BOOK);
    CHECK_STR(rq.phone, "");
    CHECK_STR(rq.for_label, "阿姨");
    flow_book_result(f, RULES_OK, "ABCDEFGH", "KQ1:ABCDEFGH:AAAAAAAAAAAAAAAA");
    CHECK_INT(st(f)->no_phone, 1); /* the ticket says the code is the only key */
    /* The reset wipes whom it was for. */
    flow_time_t later = {.ms = 10ull * 3600 * 1000, .stamp = st(f)->now + 600};
    flow_tick(f, later);
    flow_tick(f, (flow_time_t){.ms = later.ms + 3600 * 1000, .stamp = later.stamp + 60});
    CHECK_STR(flow_screen_id(st(f)->screen), "attract");
    CHECK_STR(st(f)->for_label, "");
    CHECK_INT(st(f)->no_phone, 0);
    flow_destroy(f);

    /* Back from the confirmation of a no-phone booking asks for a number again. */
    f = new_flow();
    reach(f, FLOW_PHONE);
    tap(f, "for");
    tap(f, "for:father");
    tap(f, "no-phone");
    CHECK_STR(flow_screen_id(st(f)->screen), "confirm");
    tap(f, "back");
    CHECK_STR(flow_screen_id(st(f)->screen), "phone");
    CHECK_INT(st(f)->no_phone, 0);
    CHECK_STR(st(f)->for_label, "爸爸");
    flow_destroy(f);
}

static void back_goes_one_step_up(void)
{
    static const struct {
        flow_screen_t from, to;
    } cases[] = {
        {FLOW_CATEGORY, FLOW_HOME},   {FLOW_SERVICE, FLOW_CATEGORY}, {FLOW_SLOTS, FLOW_SERVICE},
        {FLOW_PHONE, FLOW_SLOTS},     {FLOW_CONFIRM, FLOW_PHONE},    {FLOW_TICKET, FLOW_HOME},
        {FLOW_REFUSED, FLOW_SLOTS},   {FLOW_LOOKUP, FLOW_HOME},      {FLOW_BOOKINGS, FLOW_LOOKUP},
        {FLOW_CANCEL, FLOW_BOOKINGS}, {FLOW_CHECKIN, FLOW_HOME},     {FLOW_BOOKING, FLOW_BOOKINGS},
        {FLOW_CHECKIN_FACTOR, FLOW_CHECKIN},
        {FLOW_FOR, FLOW_PHONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        flow_t *f = new_flow();
        reach(f, cases[i].from);
        const flow_state_t *s = st(f);
        unsigned v = s->version;
        int digits = s->n_digits;
        tap(f, "back");
        if (s->screen != cases[i].to)
            fprintf(stderr, "back from %s\n", flow_screen_id(cases[i].from));
        CHECK_STR(flow_screen_id(s->screen), flow_screen_id(cases[i].to));
        CHECK(s->version > v);
        CHECK_INT(s->notice, FLOW_NOTICE_NONE);
        switch (cases[i].from) {
        case FLOW_REFUSED: /* seats may have changed: reload */
            CHECK_STR(take(f, FLOW_REQ_SESSIONS).service_id, "v1");
            break;
        case FLOW_LOOKUP: /* leaving a keypad for home drops the number */
            CHECK_INT(s->n_digits, 0);
            CHECK(all_zero(s->digits, sizeof s->digits));
            no_request(f);
            break;
        case FLOW_CONFIRM:
        case FLOW_BOOKINGS: /* going back to the keypad keeps the number */
            CHECK_INT(s->n_digits, digits);
            CHECK_INT(s->n_digits, 11);
            no_request(f);
            break;
        default:
            no_request(f);
            break;
        }
        flow_destroy(f);
    }
    /* Back along the whole path, from the keypad to home, where it stops:
     * home has no back (issue 15 item 9), and a stray "back" there neither
     * ends the visit nor turns elder mode or English off. */
    flow_t *f = new_flow();
    reach(f, FLOW_HOME);
    tap(f, "elder");
    tap(f, "lang");
    reach(f, FLOW_CONFIRM);
    static const flow_screen_t path[] = {FLOW_PHONE, FLOW_SLOTS, FLOW_SERVICE, FLOW_CATEGORY,
                                         FLOW_HOME,  FLOW_HOME};
    for (size_t i = 0; i < sizeof path / sizeof *path; i++) {
        unsigned resets = st(f)->resets;
        tap(f, "back");
        CHECK_STR(flow_screen_id(st(f)->screen), flow_screen_id(path[i]));
        CHECK_INT(st(f)->resets, resets);
    }
    CHECK(all_zero(st(f)->digits, sizeof st(f)->digits));
    CHECK(st(f)->elder);
    CHECK(st(f)->lang_en);
    flow_destroy(f);
}

static void home_from_everywhere_wipes_the_digits(void)
{
    for (int sc = FLOW_HOME; sc < FLOW_STAFF_LOGIN; sc++) /* resident screens */ {
        flow_t *f = new_flow();
        reach(f, (flow_screen_t)sc);
        const flow_state_t *s = st(f);
        unsigned v = s->version;
        tap(f, "home");
        if (s->screen != FLOW_HOME)
            fprintf(stderr, "home from %s\n", flow_screen_id((flow_screen_t)sc));
        CHECK_INT(s->screen, FLOW_HOME);
        CHECK(s->version > v);
        CHECK_INT(s->n_digits, 0);
        CHECK(all_zero(s->digits, sizeof s->digits));
        CHECK_INT(s->notice, FLOW_NOTICE_NONE);
        CHECK_INT(s->resets, 0); /* home is not a reset: elder and language stay */
        no_request(f);
        /* And the flow goes on from there. */
        tap(f, "category:c1");
        CHECK_INT(s->screen, FLOW_CATEGORY);
        flow_destroy(f);
    }
}

/* t (issue 20): enrolling for a term: no 本人 on the for screen, back
 * from the number to the term, a refusal back on the term saying why
 * (read again), home ends the enrolling. */
static void enrolling_for_a_term(void)
{
    flow_t *f = new_flow();
    const flow_state_t *s = st(f);
    reach(f, FLOW_TERM);
    CHECK_INT(s->enrolling, 1);
    CHECK_STR(s->cat->terms[s->term].id, "v2-t");
    CHECK_INT(s->term_ahead * 10 + s->term_left, 53);
    tap(f, "next");
    CHECK_INT(s->screen, FLOW_PHONE);
    tap(f, "back");
    CHECK_INT(s->screen, FLOW_TERM);
    take(f, FLOW_REQ_TERM);
    flow_term_result(f, 5, 0, "2026-12-02", 0); /* full meanwhile: no next */
    tap(f, "next");
    CHECK_INT(s->screen, FLOW_TERM);
    flow_term_result(f, 5, 1, "2026-12-02", 0); /* a stray answer is ignored */
    CHECK_INT(s->term_left, 0);
    tap(f, "home");
    CHECK_INT(s->screen, FLOW_HOME);
    CHECK_INT(s->enrolling, 0);
    flow_destroy(f);

    f = new_flow();
    s = st(f);
    reach(f, FLOW_TERM);
    tap(f, "next");
    text(f, PHONE);
    tap(f, "next");
    CHECK_INT(s->screen, FLOW_FOR);
    flow_for_choice_t ch[FLOW_FOR_MAX];
    int n = flow_for_choices(s, ch);
    CHECK(n > 0 && strcmp(ch[0].id, "for:self") != 0);
    tap(f, "for:self");
    CHECK_INT(s->screen, FLOW_FOR);
    tap(f, "for:grandson");
    CHECK_INT(s->screen, FLOW_CONFIRM);
    tap(f, "party-inc");
    CHECK_INT(s->party, 1);
    tap(f, "confirm");
    take(f, FLOW_REQ_ENROL);
    flow_enrol_result(f, RULES_FULL, NULL, NULL, 0);
    CHECK_INT(s->screen, FLOW_TERM);
    CHECK_INT(s->term_refusal, RULES_FULL);
    take(f, FLOW_REQ_TERM);
    flow_destroy(f);
    /* Done on the enrolled screen: the next booking is a booking again. */
    f = new_flow();
    s = st(f);
    reach(f, FLOW_ENROLLED);
    CHECK_STR(s->ticket, "ABCDEFGH");
    CHECK_INT(s->enrol_classes, 5);
    tap(f, "done");
    CHECK_INT(s->screen, FLOW_HOME);
    CHECK_INT(s->enrolling, 0);
    flow_destroy(f);
}

static void lookup_and_cancel(void)
{
    flow_t *f = new_flow();
    tap(f, "start");
    const flow_state_t *s = st(f);
    tap(f, "lookup");
    CHECK_INT(s->screen, FLOW_LOOKUP);
    CHECK_INT(s->n_digits, 0);
    CHECK(s->bookings == NULL);
    text(f, "1391234567");
    tap(f, "next");
    CHECK_INT(s->screen, FLOW_LOOKUP);
    CHECK_INT(s->notice, FLOW_NOTICE_PHONE_BAD);
    no_request(f);
    tap(f, "key:8");
    tap(f, "key:del");
    tap(f, "key:8");
    CHECK_STR(s->digits, "13912345678");
    tap(f, "next");
    CHECK_INT(s->screen, FLOW_BOOKINGS);
    CHECK_INT(s->busy, 1);
    CHECK_INT(s->notice, FLOW_NOTICE_NONE);
    flow_request_t rq = take(f, FLOW_REQ_LOOKUP);
    CHECK_STR(rq.phone, LOOKUP_PHONE);
    tap(f, "cancel:TKTBQQK2"); /* nothing listed yet, and busy */
    CHECK_INT(s->screen, FLOW_BOOKINGS);
    flow_booking_t rows[N_BOOK];
    booking_rows(rows, RULES_BOOKED);
    unsigned v = s->version;
    flow_lookup_result(f, rows, N_BOOK, 0);
    CHECK(s->version > v);
    CHECK_INT(s->busy, 0);
    CHECK_INT(s->n_bookings, N_BOOK);
    CHECK_INT(s->booking, -1);
    CHECK_INT(s->notice, FLOW_NOTICE_NONE);
    CHECK_STR(s->bookings[0].ticket, "TKTBQQK2");
    CHECK_STR(s->bookings[3].service_id, "w1");
    CHECK_STR(s->bookings[2].service_name, "名称 v2");
    CHECK_INT(s->bookings[1].status, RULES_CHECKED_IN);
    /* Only booked ones can be cancelled. */
    v = s->version;
    static const char *const no[] = {"cancel:TKTCHKJN", "cancel:TKTCANCL", "cancel:NOPE",
                                     "cancel:",         "cancel:TKTBQQK",  "cancel:TKTBQQK2 ",
                                     "cancel"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        tap(f, no[i]);
    CHECK_INT(s->screen, FLOW_BOOKINGS);
    CHECK_INT(s->version, v);
    tap(f, "cancel:TKTBQQK3");
    CHECK_INT(s->screen, FLOW_CANCEL);
    CHECK_INT(s->booking, 3);
    tap(f, "keep");
    CHECK_INT(s->screen, FLOW_BOOKINGS);
    no_request(f);
    tap(f, "cancel:TKTBQQK2");
    CHECK_INT(s->screen, FLOW_CANCEL);
    CHECK_INT(s->booking, 0);
    type_code(f, "TKTBQQK2");
    tap(f, "confirm");
    CHECK_INT(s->busy, 1);
    CHECK_INT(s->screen, FLOW_CANCEL);
    rq = take(f, FLOW_REQ_CANCEL);
    CHECK_STR(rq.ticket, "TKTBQQK2");
    CHECK(all_zero(rq.phone, sizeof rq.phone));
    tap(f, "keep"); /* busy */
    CHECK_INT(s->screen, FLOW_CANCEL);
    flow_cancel_result(f, RULES_OK);
    CHECK_INT(s->screen, FLOW_BOOKINGS);
    CHECK_INT(s->notice, FLOW_NOTICE_CANCELLED);
    CHECK_INT(s->busy, 1);
    CHECK(s->bookings == NULL); /* the list is stale until it reloads */
    CHECK_INT(s->n_bookings, 0);
    rq = take(f, FLOW_REQ_LOOKUP);
    CHECK_STR(rq.phone, LOOKUP_PHONE);
    booking_rows(rows, RULES_CANCELLED);
    flow_lookup_result(f, rows, N_BOOK, 0);
    CHECK_INT(s->busy, 0);
    CHECK_INT(s->n_bookings, N_BOOK);
    CHECK_INT(s->bookings[0].status, RULES_CANCELLED);
    CHECK_INT(s->notice, FLOW_NOTICE_CANCELLED); /* survives the reload */
    tap(f, "cancel:TKTBQQK2");
    CHECK_INT(s->screen, FLOW_BOOKINGS);
    /* back keeps the number for another look. */
    tap(f, "back");
    CHECK_INT(s->screen, FLOW_LOOKUP);
    CHECK_STR(s->digits, LOOKUP_PHONE);
    CHECK_INT(s->notice, FLOW_NOTICE_NONE);
    tap(f, "next");
    CHECK_STR(take(f, FLOW_REQ_LOOKUP).phone, LOOKUP_PHONE);
    flow_lookup_result(f, NULL, 0, 0); /* none */
    CHECK_INT(s->n_bookings, 0);
    CHECK(s->bookings == NULL);
    CHECK_INT(s->notice, FLOW_NOTICE_NONE);
    flow_destroy(f);
}

/* Issue 15 item 1: a booking opens from the list ("booking:N", N from 1)
 * to show when and where again; cancelling is a step from there, and
 * 不取消 comes back to it. */
/* Issue 16: a phone number alone cancels nothing. The cancel screen asks
 * for the booking's code: confirm is refused until eight symbols are
 * typed, a wrong code asks no cancel (notice, code kept to correct), the
 * right one does; leaving the screen wipes what was typed. */
static void cancel_needs_the_code(void)
{
    flow_t *f = new_flow();
    reach(f, FLOW_CANCEL);
    const flow_state_t *s = st(f);
    CHECK_INT(s->n_code, 0);
    tap(f, "confirm"); /* nothing typed */
    no_request(f);
    CHECK_INT(s->screen, FLOW_CANCEL);
    type_code(f, "TKTBQQK"); /* seven of eight */
    tap(f, "confirm");
    no_request(f);
    tap(f, "key:4"); /* eight, the last one wrong */
    CHECK_STR(s->code, "TKTBQQK4");
    tap(f, "confirm");
    no_request(f);
    CHECK_INT(s->screen, FLOW_CANCEL);
    CHECK_INT(s->notice, FLOW_NOTICE_CODE_WRONG);
    CHECK_STR(s->code, "TKTBQQK4"); /* kept, to correct */
    /* Another booking's code is no key to this one. */
    tap(f, "key:del");
    CHECK_INT(s->notice, FLOW_NOTICE_NONE);
    tap(f, "key:3");
    tap(f, "confirm");
    no_request(f);
    CHECK_INT(s->notice, FLOW_NOTICE_CODE_WRONG);
    /* Leaving wipes it; coming back starts empty. */
    tap(f, "back");
    CHECK_INT(s->n_code, 0);
    CHECK(all_zero(s->code, sizeof s->code));
    CHECK_INT(s->notice, FLOW_NOTICE_NONE);
    tap(f, "cancel:TKTBQQK2");
    CHECK_INT(s->screen, FLOW_CANCEL);
    CHECK_INT(s->n_code, 0);
    type_code(f, "TKTBQQK2");
    tap(f, "confirm");
    CHECK_STR(take(f, FLOW_REQ_CANCEL).ticket, "TKTBQQK2");
    CHECK_INT(s->n_code, 0); /* wiped once used */
    flow_destroy(f);
}

static void my_booking_opens_from_the_list(void)
{
    flow_t *f = new_flow();
    reach(f, FLOW_BOOKINGS);
    const flow_state_t *s = st(f);
    unsigned v = s->version;
    static const char *const no[] = {"booking:0",
                                     "booking:5",
                                     "booking:",
                                     "booking:-1",
                                     "booking:1x",
                                     "booking:01",
                                     "booking:99999999999999999999",
                                     "booking",
                                     "cancel"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
        tap(f, no[i]);
        CHECK_INT(s->screen, FLOW_BOOKINGS); /* each one alone changes nothing */
        CHECK_INT(s->version, v);
    }
    tap(f, "booking:4");
    CHECK_INT(s->screen, FLOW_BOOKING);
    CHECK_INT(s->booking, 3);
    no_request(f);
    tap(f, "done");
    CHECK_INT(s->screen, FLOW_BOOKINGS);
    tap(f, "booking:2"); /* checked in: shown, not cancellable */
    CHECK_INT(s->screen, FLOW_BOOKING);
    CHECK_INT(s->booking, 1);
    tap(f, "cancel");
    CHECK_INT(s->screen, FLOW_BOOKING);
    tap(f, "back");
    CHECK_INT(s->screen, FLOW_BOOKINGS);
    tap(f, "booking:1");
    tap(f, "cancel:TKTBQQK2"); /* the list's id is not the booking screen's */
    CHECK_INT(s->screen, FLOW_BOOKING);
    tap(f, "cancel");
    CHECK_INT(s->screen, FLOW_CANCEL);
    CHECK_INT(s->booking, 0);
    tap(f, "keep");
    CHECK_INT(s->screen, FLOW_BOOKING); /* 不取消: back to the booking */
    CHECK_INT(s->booking, 0);
    tap(f, "cancel");
    tap(f, "back");
    CHECK_INT(s->screen, FLOW_BOOKING);
    tap(f, "cancel");
    type_code(f, "TKTBQQK2");
    tap(f, "confirm");
    CHECK_STR(take(f, FLOW_REQ_CANCEL).ticket, "TKTBQQK2");
    flow_cancel_result(f, RULES_OK);
    CHECK_INT(s->screen, FLOW_BOOKINGS); /* the list, reloading */
    CHECK_INT(s->notice, FLOW_NOTICE_CANCELLED);
    take(f, FLOW_REQ_LOOKUP);
    flow_destroy(f);
}

/* Issue 15 item 13: each 打印凭条 asks the printer again, and the screen
 * can tell a first failure from a later one. */
static void print_again_counts(void)
{
    flow_t *f = new_flow();
    reach(f, FLOW_TICKET);
    const flow_state_t *s = st(f);
    CHECK_INT(s->print_tries, 1);
    tap(f, "print");
    CHECK_INT(s->print, FLOW_PRINT_SENDING);
    CHECK_INT(s->print_tries, 2);
    take(f, FLOW_REQ_PRINT);
    flow_print_result(f, FLOW_PRINT_FAILED);
    CHECK_INT(s->print, FLOW_PRINT_FAILED);
    CHECK_INT(s->print_tries, 2);
    /* A second booking in the same visit starts counting again. */
    tap(f, "done");
    tap(f, "category:c1");
    tap(f, "service:v1");
    tap(f, "book");
    take(f, FLOW_REQ_SESSIONS);
    answer_sessions(f, 2);
    tap(f, "session:" OPEN_TODAY);
    text(f, PHONE);
    tap(f, "next");
    tap(f, "confirm");
    take(f, FLOW_REQ_BOOK);
    flow_book_result(f, RULES_OK, "BCDEFGHJ", "KQ1:BCDEFGHJ:AAAAAAAAAAAAAAAA");
    CHECK_INT(s->screen, FLOW_TICKET);
    CHECK_INT(s->print, FLOW_PRINT_SENDING);
    CHECK_INT(s->print_tries, 1);
    flow_destroy(f);
}

static void lookup_and_cancel_errors(void)
{
    flow_t *f = new_flow();
    reach(f, FLOW_CANCEL);
    const flow_state_t *s = st(f);
    type_code(f, s->bookings[s->booking].ticket);
    tap(f, "confirm");
    take(f, FLOW_REQ_CANCEL);
    flow_cancel_result(f, -1);
    CHECK_INT(s->screen, FLOW_BOOKINGS);
    CHECK_INT(s->notice, FLOW_NOTICE_STORE_ERROR);
    CHECK_INT(s->busy, 0);
    CHECK_INT(s->n_bookings, N_BOOK);
    no_request(f);
    /* A failed lookup. */
    tap(f, "back");
    tap(f, "next");
    take(f, FLOW_REQ_LOOKUP);
    flow_booking_t rows[N_BOOK];
    booking_rows(rows, RULES_BOOKED);
    flow_lookup_result(f, rows, N_BOOK, 1);
    CHECK_INT(s->notice, FLOW_NOTICE_STORE_ERROR);
    CHECK_INT(s->n_bookings, 0);
    CHECK(s->bookings == NULL);
    CHECK_INT(s->busy, 0);
    tap(f, "back");
    tap(f, "next");
    take(f, FLOW_REQ_LOOKUP);
    flow_lookup_result(f, rows, -1, 0);
    CHECK_INT(s->notice, FLOW_NOTICE_STORE_ERROR);
    CHECK_INT(s->n_bookings, 0);
    flow_destroy(f);
}

static void checkin_screen(void)
{
    flow_t *f = new_flow();
    reach(f, FLOW_CHECKIN);
    unsigned v = st(f)->version;
    tap(f, "confirm");
    tap(f, "next");
    CHECK_INT(st(f)->screen, FLOW_CHECKIN);
    CHECK_INT(st(f)->version, v);
    text(f, "1");
    CHECK_INT(st(f)->n_digits, 0);
    tap(f, "back");
    CHECK_INT(st(f)->screen, FLOW_HOME);
    flow_destroy(f);
}

static void idle_warning_counts_down_to_attract(void)
{
    flow_t *f = new_flow();
    const flow_state_t *s = st(f);
    flow_tap(f, "start", at(1000));
    CHECK_INT(s->screen, FLOW_HOME);
    CHECK(flow_next_deadline(f) == 61000);
    unsigned v = s->version;
    flow_tick(f, at(60900)); /* 59.9 s */
    CHECK_INT(s->idle_warning, 0);
    CHECK_INT(s->version, v);
    CHECK(flow_next_deadline(f) == 61000);
    flow_tick(f, at(61000)); /* 60 s */
    CHECK_INT(s->idle_warning, 1);
    CHECK_INT(s->countdown_s, 20);
    CHECK_INT(s->screen, FLOW_HOME);
    CHECK(s->version > v);
    CHECK(flow_next_deadline(f) == 62000);
    v = s->version;
    flow_tick(f, at(61500)); /* the same second: nothing to redraw */
    CHECK_INT(s->countdown_s, 20);
    CHECK_INT(s->version, v);
    CHECK(flow_next_deadline(f) == 62000);
    flow_tick(f, at(61500));
    CHECK_INT(s->version, v);
    /* Tick at every deadline, as the platform does. */
    int expect = 20;
    uint64_t now = 61500;
    for (int guard = 0; guard < 100 && s->screen != FLOW_ATTRACT; guard++) {
        uint64_t d = flow_next_deadline(f);
        CHECK(d > now); /* never in the past */
        CHECK(d != UINT64_MAX);
        now = d;
        flow_tick(f, at(now));
        if (s->screen == FLOW_ATTRACT)
            break;
        expect--;
        CHECK_INT(s->countdown_s, expect);
        CHECK_INT(s->idle_warning, 1);
    }
    CHECK_INT(expect, 1);
    CHECK(now == 81000); /* 80 s after the last input */
    CHECK_INT(s->screen, FLOW_ATTRACT);
    CHECK_INT(s->idle_warning, 0);
    CHECK_INT(s->resets, 1);
    CHECK(flow_next_deadline(f) == UINT64_MAX);
    flow_destroy(f);

    /* Late ticks (a busy main loop) still count from the last input. */
    f = new_flow();
    s = st(f);
    flow_tap(f, "start", at(1000));
    flow_tick(f, at(75300));
    CHECK_INT(s->idle_warning, 1);
    CHECK_INT(s->countdown_s, 6); /* 5.7 s left, rounded up */
    CHECK(flow_next_deadline(f) == 76000);
    flow_tick(f, at(80001));
    CHECK_INT(s->countdown_s, 1);
    CHECK(flow_next_deadline(f) == 81000);
    flow_tick(f, at(500000));
    CHECK_INT(s->screen, FLOW_ATTRACT);
    flow_destroy(f);

    /* A tick long after the reset time goes straight to attract. */
    f = new_flow();
    flow_tap(f, "start", at(1000));
    flow_tick(f, at(81000));
    CHECK_INT(st(f)->screen, FLOW_ATTRACT);
    CHECK_INT(st(f)->idle_warning, 0);
    flow_destroy(f);
}

static void every_input_restarts_the_idle_timer(void)
{
    flow_t *f = new_flow();
    const flow_state_t *s = st(f);
    flow_tap(f, "start", at(1000));
    flow_tap(f, "nonsense", at(50000)); /* ignored, but it is input */
    CHECK(flow_next_deadline(f) == 110000);
    flow_tick(f, at(100000));
    CHECK_INT(s->idle_warning, 0);
    flow_tap(f, "category:c1", at(100000));
    flow_tap(f, "service:v1", at(101000));
    flow_tap(f, "book", at(102000));
    take(f, FLOW_REQ_SESSIONS);
    answer_sessions(f, 2);
    flow_tap(f, "session:" OPEN_TODAY, at(103000));
    flow_text(f, "x", at(150000)); /* text with no digit is input too */
    CHECK(flow_next_deadline(f) == 210000);
    flow_tick(f, at(209999));
    CHECK_INT(s->idle_warning, 0);
    CHECK_INT(s->screen, FLOW_PHONE);
    flow_tick(f, at(210000));
    CHECK_INT(s->idle_warning, 1);
    flow_destroy(f);
}

static void a_tap_while_warned_only_dismisses(void)
{
    static const char *const ids[] = {"key:5", "home", "back", "next", "", "category:c1"};
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        flow_t *f = new_flow();
        reach(f, FLOW_PHONE);
        const flow_state_t *s = st(f);
        uint64_t last = clk;
        flow_tick(f, at(last + 60000));
        CHECK_INT(s->idle_warning, 1);
        snap_t warned = snap(f);
        flow_tap(f, ids[i], at(last + 65000));
        snap_t after = snap(f);
        CHECK_INT(s->idle_warning, 0);
        CHECK_INT(s->screen, FLOW_PHONE);
        CHECK_STR(s->digits, "138");
        CHECK_INT(after.s.version, warned.s.version + 1);
        /* Apart from the overlay and the version, nothing moved. */
        warned.s.idle_warning = 0;
        warned.s.version++;
        warned.s.countdown_s = after.s.countdown_s;
        CHECK_SAME(warned, after);
        no_request(f);
        /* A full timeout again from the dismissing tap. */
        CHECK(flow_next_deadline(f) == last + 65000 + 60000);
        /* The next tap is acted upon. */
        flow_tap(f, "key:5", at(last + 66000));
        CHECK_STR(s->digits, "1385");
        flow_tick(f, at(last + 66000 + 59999));
        CHECK_INT(s->idle_warning, 0);
        flow_destroy(f);
    }
}

static void idle_reset_wipes_everything(void)
{
    flow_config_t c = config();
    c.lang_en = 1;
    flow_t *f = new_flow_at(&c, 9 * 60);
    const flow_state_t *s = st(f);
    tap(f, "start");
    tap(f, "elder");
    tap(f, "lang");
    CHECK_INT(s->elder, 1);
    CHECK_INT(s->lang_en, 0);
    /* Bookings looked up, then a booking started: both lists are held. */
    tap(f, "lookup");
    text(f, LOOKUP_PHONE);
    tap(f, "next");
    take(f, FLOW_REQ_LOOKUP);
    flow_booking_t rows[N_BOOK];
    booking_rows(rows, RULES_BOOKED);
    flow_lookup_result(f, rows, N_BOOK, 0);
    tap(f, "home");
    tap(f, "category:c1");
    tap(f, "service:v1");
    tap(f, "book");
    take(f, FLOW_REQ_SESSIONS);
    answer_sessions(f, 2);
    tap(f, "session:" OPEN_TODAY);
    text(f, PHONE);
    tap(f, "next");
    tap(f, "party-inc");
    CHECK_INT(s->screen, FLOW_CONFIRM);
    CHECK(s->sessions != NULL);
    CHECK(s->bookings != NULL);
    CHECK_INT(s->elder, 1);
    uint64_t last = clk;
    /* Elder mode: warning after 120 s with 40 s to go. */
    flow_tick(f, at(last + 119999));
    CHECK_INT(s->idle_warning, 0);
    flow_tick(f, at(last + 120000));
    CHECK_INT(s->idle_warning, 1);
    CHECK_INT(s->countdown_s, 40);
    flow_tick(f, at(last + 159999));
    CHECK_INT(s->screen, FLOW_CONFIRM);
    CHECK_INT(s->countdown_s, 1);
    unsigned v = s->version;
    flow_tick(f, at(last + 160000));
    CHECK_INT(s->screen, FLOW_ATTRACT);
    CHECK(s->version > v);
    CHECK_INT(s->idle_warning, 0);
    CHECK_INT(s->n_digits, 0);
    CHECK(all_zero(s->digits, sizeof s->digits));
    CHECK(s->sessions == NULL);
    CHECK_INT(s->n_sessions, 0);
    CHECK_INT(s->sessions_loaded, 0);
    CHECK_INT(s->session, -1);
    CHECK(s->bookings == NULL);
    CHECK_INT(s->n_bookings, 0);
    CHECK_INT(s->booking, -1);
    CHECK_INT(s->elder, 0);
    CHECK_INT(s->lang_en, 1);
    CHECK_INT(s->resets, 1);
    CHECK_INT(s->category, -1);
    CHECK_INT(s->service, -1);
    CHECK_INT(s->party, 1);
    CHECK_INT(s->busy, 0);
    CHECK_INT(s->notice, FLOW_NOTICE_NONE);
    CHECK(all_zero(s->ticket, sizeof s->ticket));
    no_request(f);
    CHECK(flow_next_deadline(f) == UINT64_MAX);
    /* The next resident starts clean, with the normal timeouts. */
    flow_tap(f, "start", at(last + 200000));
    CHECK_INT(s->screen, FLOW_HOME);
    CHECK(flow_next_deadline(f) == last + 200000 + 60000);
    flow_destroy(f);
}

static void idle_reset_while_a_request_is_out(void)
{
    flow_t *f = new_flow();
    const flow_state_t *s = st(f);
    reach(f, FLOW_CONFIRM);
    tap(f, "confirm");
    CHECK_INT(s->busy, 1);
    /* The pending request leaves with the resident: nobody takes it. */
    tick_after(f, 80000);
    CHECK_INT(s->screen, FLOW_ATTRACT);
    CHECK_INT(s->busy, 0);
    no_request(f);
    tap(f, "start");
    CHECK_INT(s->screen, FLOW_HOME);
    flow_destroy(f);
}

static void idle_reset_forgets_the_ticket(void)
{
    flow_t *f = new_flow();
    reach(f, FLOW_TICKET);
    CHECK_STR(st(f)->ticket, "ABCDEFGH");
    tick_after(f, 80000);
    CHECK_INT(st(f)->screen, FLOW_ATTRACT);
    CHECK(all_zero(st(f)->ticket, sizeof st(f)->ticket));
    flow_destroy(f);
}

static void elder_mode_doubles_the_timeouts(void)
{
    flow_t *f = new_flow();
    const flow_state_t *s = st(f);
    flow_tap(f, "start", at(1000));
    flow_tap(f, "elder", at(2000));
    CHECK_INT(s->elder, 1);
    CHECK(flow_next_deadline(f) == 122000);
    flow_tick(f, at(121999));
    CHECK_INT(s->idle_warning, 0);
    flow_tick(f, at(122000));
    CHECK_INT(s->idle_warning, 1);
    CHECK_INT(s->countdown_s, 40);
    CHECK(flow_next_deadline(f) == 123000);
    flow_tick(f, at(161999));
    CHECK_INT(s->countdown_s, 1);
    CHECK_INT(s->screen, FLOW_HOME);
    flow_tick(f, at(162000));
    CHECK_INT(s->screen, FLOW_ATTRACT);
    CHECK_INT(s->elder, 0);
    /* Off again: the configured timeouts. */
    flow_tap(f, "start", at(200000));
    flow_tap(f, "elder", at(201000));
    flow_tap(f, "elder", at(202000));
    CHECK_INT(s->elder, 0);
    CHECK(flow_next_deadline(f) == 262000);
    flow_tick(f, at(262000));
    CHECK_INT(s->countdown_s, 20);
    flow_destroy(f);
}

static void elder_and_language_toggle_on_home(void)
{
    flow_t *f = new_flow();
    const flow_state_t *s = st(f);
    tap(f, "start");
    unsigned v = s->version;
    tap(f, "elder");
    CHECK_INT(s->elder, 1);
    CHECK(s->version > v);
    v = s->version;
    tap(f, "elder");
    CHECK_INT(s->elder, 0);
    CHECK(s->version > v);
    v = s->version;
    tap(f, "lang");
    CHECK_INT(s->lang_en, 1);
    CHECK(s->version > v);
    v = s->version;
    tap(f, "lang");
    CHECK_INT(s->lang_en, 0);
    CHECK(s->version > v);
    CHECK_INT(s->screen, FLOW_HOME);
    /* Both carry through the booking path and survive home. */
    tap(f, "elder");
    tap(f, "lang");
    tap(f, "category:c1");
    tap(f, "home");
    CHECK_INT(s->elder, 1);
    CHECK_INT(s->lang_en, 1);
    /* Only the home screen has the toggles. */
    tap(f, "category:c1");
    v = s->version;
    tap(f, "elder");
    tap(f, "lang");
    CHECK_INT(s->elder, 1);
    CHECK_INT(s->lang_en, 1);
    CHECK_INT(s->version, v);
    flow_destroy(f);
}

static void version_moves_with_every_visible_change(void)
{
    flow_t *f = new_flow();
    const flow_state_t *s = st(f);
    unsigned v = s->version;
#define MOVED()                                                                                    \
    do {                                                                                           \
        CHECK(s->version > v);                                                                     \
        v = s->version;                                                                            \
    } while (0)
#define STILL() CHECK_INT(s->version, v)
    tap(f, "start");
    MOVED();
    tick_after(f, 1000); /* nothing due */
    STILL();
    tap(f, "nonsense");
    STILL();
    tap(f, "elder");
    MOVED();
    tap(f, "elder"); /* off again, so the idle times below are the plain ones */
    MOVED();
    tap(f, "lang");
    MOVED();
    tap(f, "category:c1");
    MOVED();
    tap(f, "service:v1");
    MOVED();
    tap(f, "book");
    MOVED();
    tick_after(f, 1000);
    STILL();
    take(f, FLOW_REQ_SESSIONS);
    STILL(); /* taking the request changes nothing on screen */
    answer_sessions(f, 2);
    MOVED();
    tap(f, "date:2026-12-03");
    MOVED();
    tap(f, "date:2026-12-01");
    MOVED();
    tap(f, "session:" OPEN_TODAY);
    MOVED();
    tap(f, "key:1");
    MOVED();
    tap(f, "key:del");
    MOVED();
    text(f, "1381234567");
    MOVED();
    tap(f, "next");
    MOVED(); /* the notice */
    text(f, "8");
    MOVED();
    tap(f, "next");
    MOVED();
    tap(f, "party-inc");
    MOVED();
    tap(f, "party-dec");
    MOVED();
    tap(f, "party-dec");
    STILL();
    tap(f, "confirm");
    MOVED();
    flow_book_result(f, RULES_OK, "ABCDEFGH", "KQ1:ABCDEFGH:AAAAAAAAAAAAAAAA");
    MOVED();
    tick_after(f, 2000);
    STILL();
    tick_after(f, 0); /* the same moment twice */
    STILL();
    tap(f, "home");
    MOVED();
    tick_after(f, 60000);
    MOVED(); /* the warning */
    tick_after(f, 0);
    STILL();
    tick_after(f, 1000);
    MOVED(); /* the countdown */
    tick_after(f, 19000);
    MOVED(); /* attract */
    CHECK_INT(s->screen, FLOW_ATTRACT);
    tick_after(f, 200000);
    STILL();
#undef MOVED
#undef STILL
    flow_destroy(f);
}

/* Ids that no screen accepts, including ones far too long for any buffer. */
static char long_plain[6000], long_cat[6000], long_svc[6000], long_date[6000], long_session[6000],
    long_cancel[6000], long_key[6000];

static void make_long_ids(void)
{
    char *ids[] = {long_plain, long_cat, long_svc, long_date, long_session, long_cancel, long_key};
    const char *prefix[] = {"", "category:", "service:", "date:", "session:", "cancel:", "key:"};
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        size_t p = strlen(prefix[i]);
        memcpy(ids[i], prefix[i], p);
        memset(ids[i] + p, i == 6 ? '7' : 'a', sizeof long_plain - 1 - p);
        ids[i][sizeof long_plain - 1] = '\0';
    }
}

static void junk_input_changes_nothing(void)
{
    make_long_ids();
    const char *junk[] = {
        "",
        " ",
        "nonsense",
        "HOME",
        "Back",
        "home ",
        " back",
        "back\n",
        "category:",
        "category:nope",
        "category:c1x",
        "category:C1",
        "service:",
        "service:nope",
        "service:w1",
        "session:",
        "session:nope",
        "session:v1-20261201-0920",
        "date:",
        "date:garbage",
        "date:2030-01-01",
        "cancel:",
        "cancel:NOPE",
        "cancel:TKTCHKJN",
        "key:",
        "key:x",
        "key:12",
        "\xff\xfe",
        "中文",
        long_plain,
        long_cat,
        long_svc,
        long_date,
        long_session,
        long_cancel,
        long_key,
    };
    /* Ids of other screens: each is junk except on the screens that take it. */
    static const char *const foreign[] = {
        "book",
        "next",
        "confirm",
        "keep",
        "party-inc",
        "party-dec",
        "done",
        "print",
        "slots",
        "lookup",
        "checkin",
        "elder",
        "lang",
        "category:c1",
        "service:v1",
        "date:2026-12-03",
        "session:" OPEN_TODAY,
        "cancel:TKTBQQK2",
        "key:1",
        "key:del",
        "for",        /* i16house */
        "no-phone",
        "for:father",
        "walk-in", /* w (issue 19) */
        "priority",
        "line:a",
    };
    static const char *const valid[FLOW_SCREEN_COUNT] = {
        [FLOW_HOME] = " lookup checkin elder lang category:c1 walk-in ",
        [FLOW_CATEGORY] = " service:v1 ",
        [FLOW_SERVICE] = " book ",
        [FLOW_SLOTS] = " date:2026-12-03 session:" OPEN_TODAY " ",
        [FLOW_PHONE] = " key:1 key:del next for no-phone ",
        [FLOW_LOOKUP] = " key:1 key:del next ",
        [FLOW_CONFIRM] = " party-inc party-dec confirm ",
        [FLOW_TICKET] = " done print ",
        [FLOW_REFUSED] = " slots lookup done phone party ",
        [FLOW_BOOKINGS] = " cancel:TKTBQQK2 ",
        [FLOW_CANCEL] = " keep confirm ",
        [FLOW_CHECKIN] = " ",
        [FLOW_CHECKIN_RESULT] = " done checkin ",
        [FLOW_BOOKING] = " done ",
        [FLOW_CHECKIN_FACTOR] = " key:1 key:del next ",
        [FLOW_FOR] = " for:father ",
        [FLOW_WALKIN] = " priority line:a ", /* w (issue 19) */
        [FLOW_QUEUE_TICKET] = " done print ",
        [FLOW_QUEUE_REFUSED] = " done walk-in ",
        [FLOW_TERM] = " next ", /* t (issue 20) */
        [FLOW_ENROLLED] = " done print ",
        [FLOW_RATE_CODE] = " ", /* issue 20 (F) */
        [FLOW_RATE] = " ",
        [FLOW_RATE_REASONS] = " ",
        [FLOW_RATE_DONE] = " done next ",
        [FLOW_WAITLIST_JOIN] = " next ", /* i20wait */
        [FLOW_WAITLISTED] = " done ",
    };
    for (int sc = FLOW_HOME; sc < FLOW_STAFF_LOGIN; sc++) /* resident screens */ {
        flow_t *f = new_flow();
        reach(f, (flow_screen_t)sc);
        snap_t before = snap(f);
        size_t n_junk = sizeof junk / sizeof *junk, n_foreign = sizeof foreign / sizeof *foreign;
        for (size_t i = 0; i < n_junk + n_foreign; i++) {
            const char *id = i < n_junk ? junk[i] : foreign[i - n_junk];
            if (i >= n_junk) {
                char word[80];
                snprintf(word, sizeof word, " %s ", id);
                if (strstr(valid[sc], word))
                    continue;
            }
            tap(f, id);
            snap_t after = snap(f);
            const char *d = snap_diff(&before, &after);
            if (*d)
                fprintf(stderr, "on %s, id \"%.40s\" changed %s\n",
                        flow_screen_id((flow_screen_t)sc), id, d);
            CHECK_STR(d, "");
            CHECK(flow_next_deadline(f) == clk + 60000); /* the idle timer did restart */
            no_request(f);
        }
        flow_destroy(f);
    }
}

static void stray_results_do_not_crash(void)
{
    flow_session_t srows[N_FIX];
    fixture(srows, 2);
    flow_booking_t brows[N_BOOK];
    booking_rows(brows, RULES_BOOKED);
    for (int sc = FLOW_ATTRACT; sc < FLOW_STAFF_LOGIN; sc++) /* resident screens */ {
        flow_t *f = new_flow();
        if (sc != FLOW_ATTRACT)
            reach(f, (flow_screen_t)sc);
        flow_sessions_result(f, srows, N_FIX, 0);
        flow_sessions_result(f, NULL, 0, 1);
        flow_sessions_result(f, srows, N_FIX, 0);
        flow_lookup_result(f, brows, N_BOOK, 0);
        flow_lookup_result(f, NULL, 0, 1);
        flow_lookup_result(f, brows, N_BOOK, 0);
        flow_cancel_result(f, -1);
        flow_cancel_result(f, RULES_NOT_FOUND);
        flow_book_result(f, -1, NULL, NULL);
        flow_book_result(f, RULES_FULL, NULL, NULL);
        const flow_state_t *s = st(f);
        CHECK_INT(s->busy, 0);
        CHECK((int)s->screen >= 0 && (int)s->screen < FLOW_SCREEN_COUNT);
        CHECK((s->sessions == NULL) == (s->n_sessions == 0));
        CHECK((s->bookings == NULL) == (s->n_bookings == 0));
        CHECK(s->session < s->n_sessions);
        CHECK(s->booking < s->n_bookings);
        /* Whatever it did, the flow still works and resets cleanly. */
        flow_request_t rq;
        while (flow_take_request(f, &rq))
            ;
        tap(f, "home");
        tap(f, "category:c1");
        CHECK_INT(s->screen, FLOW_CATEGORY);
        tick_after(f, 80000);
        CHECK_INT(s->screen, FLOW_ATTRACT);
        CHECK(s->sessions == NULL);
        CHECK(s->bookings == NULL);
        flow_destroy(f);
    }
}

/* One input of a scripted visit. */
typedef enum { OP_TAP, OP_TEXT, OP_TICK, OP_ANSWER } op_kind_t;
typedef struct op {
    op_kind_t kind;
    const char *arg; /* OP_ANSWER: "ok", "full", "fail", or the seats for sessions */
    uint64_t ms;
} op_t;

/* Answers whatever is pending the way a store would. */
static void answer(flow_t *f, const char *how, flow_request_t *got)
{
    memset(got, 0, sizeof *got);
    if (!flow_take_request(f, got))
        return;
    int fail = strcmp(how, "fail") == 0;
    switch (got->kind) {
    case FLOW_REQ_SESSIONS: {
        flow_session_t rows[N_FIX];
        fixture(rows, fail ? 0 : atoi(how));
        flow_sessions_result(f, rows, N_FIX, fail);
        break;
    }
    case FLOW_REQ_BOOK:
        flow_book_result(f,
                         fail                       ? -1
                         : strcmp(how, "full") == 0 ? RULES_FULL
                                                    : RULES_OK,
                         "QWERTY12", "KQ1:QWERTY12:AAAAAAAAAAAAAAAA");
        break;
    case FLOW_REQ_LOOKUP: {
        flow_booking_t rows[N_BOOK];
        booking_rows(rows, RULES_BOOKED);
        flow_lookup_result(f, rows, N_BOOK, fail);
        break;
    }
    case FLOW_REQ_CANCEL:
        flow_cancel_result(f, fail ? -1 : RULES_OK);
        break;
    default:
        break;
    }
}

static void same_inputs_same_states(void)
{
    static const op_t script[] = {
        {OP_TAP, "x", 1000},
        {OP_TAP, "elder", 2000},
        {OP_TAP, "category:c1", 3000},
        {OP_TAP, "service:v1", 4000},
        {OP_TAP, "book", 5000},
        {OP_ANSWER, "2", 0},
        {OP_TAP, "date:2026-12-03", 6000},
        {OP_TAP, "date:2026-12-01", 7000},
        {OP_TAP, "session:" OPEN_TODAY, 8000},
        {OP_TEXT, "138", 9000},
        {OP_TAP, "key:1", 10000},
        {OP_TAP, "key:del", 11000},
        {OP_TEXT, "12345678", 12000},
        {OP_TAP, "next", 13000},
        {OP_TAP, "party-inc", 14000},
        {OP_TAP, "confirm", 15000},
        {OP_ANSWER, "fail", 0},
        {OP_TAP, "confirm", 16000},
        {OP_ANSWER, "full", 0},
        {OP_TAP, "slots", 17000},
        {OP_ANSWER, "0", 0},
        {OP_TAP, "date:2026-12-03", 18000},
        {OP_TAP, "session:v1-20261203-0900", 19000},
        {OP_TAP, "next", 20000},
        {OP_TAP, "confirm", 21000},
        {OP_ANSWER, "ok", 0},
        {OP_TAP, "print", 22000},
        {OP_ANSWER, "ok", 0},
        {OP_TAP, "home", 23000},
        {OP_TICK, NULL, 140000}, /* elder mode: no warning yet */
        {OP_TICK, NULL, 143000}, /* the warning */
        {OP_TICK, NULL, 190000}, /* reset */
        {OP_TAP, "x", 200000},
        {OP_TAP, "lang", 200500},
        {OP_TAP, "lookup", 201000},
        {OP_TEXT, "13912345678", 202000},
        {OP_TAP, "next", 203000},
        {OP_ANSWER, "ok", 0},
        {OP_TAP, "cancel:TKTBQQK3", 204000},
        {OP_TAP, "confirm", 205000},
        {OP_ANSWER, "ok", 0},
        {OP_ANSWER, "ok", 0},
        {OP_TICK, NULL, 300000},
        {OP_TICK, NULL, 330000},
        {OP_TAP, "x", 500000},
        {OP_TAP, "lang", 501000},
        {OP_TICK, NULL, 550000},
    };
    flow_t *a = new_flow();
    flow_t *b = new_flow();
    for (size_t i = 0; i < sizeof script / sizeof *script; i++) {
        const op_t *o = &script[i];
        flow_request_t ra, rb;
        memset(&ra, 0, sizeof ra);
        memset(&rb, 0, sizeof rb);
        flow_t *both[2] = {a, b};
        for (int k = 0; k < 2; k++) {
            switch (o->kind) {
            case OP_TAP:
                flow_tap(both[k], o->arg, at(o->ms));
                break;
            case OP_TEXT:
                flow_text(both[k], o->arg, at(o->ms));
                break;
            case OP_TICK:
                flow_tick(both[k], at(o->ms));
                break;
            case OP_ANSWER:
                answer(both[k], o->arg, k ? &rb : &ra);
                break;
            }
        }
        snap_t sa = snap(a), sb = snap(b);
        const char *d = snap_diff(&sa, &sb);
        if (*d)
            fprintf(stderr, "step %zu: %s differs\n", i, d);
        CHECK_STR(d, "");
        CHECK(flow_next_deadline(a) == flow_next_deadline(b));
        CHECK_INT(ra.kind, rb.kind);
        CHECK_STR(ra.service_id, rb.service_id);
        CHECK_STR(ra.session_id, rb.session_id);
        CHECK(memcmp(ra.phone, rb.phone, sizeof ra.phone) == 0);
        CHECK_INT(ra.party, rb.party);
        CHECK(memcmp(ra.ticket, rb.ticket, sizeof ra.ticket) == 0);
    }
    /* The script did go somewhere: two idle resets on the way. */
    CHECK_INT(st(a)->resets, 2);
    CHECK_INT(st(a)->screen, FLOW_HOME);
    CHECK_INT(st(a)->lang_en, 1);
    flow_destroy(a);
    flow_destroy(b);
}

static void demo_catalog_every_service(void)
{
    char err[512] = "";
    catalog_t *demo = NULL;
    if (catalog_load(DEMO, &demo, err, sizeof err) != 0)
        fprintf(stderr, "%s\n", err);
    CHECK(demo != NULL);
    if (!demo)
        return;
    flow_config_t c = config();
    flow_t *f = flow_create(demo, &c, at(0));
    const flow_state_t *s = st(f);
    uint64_t ms = 0;
    flow_tap(f, "start", at(ms += 100));
    int services_seen = 0;
    for (int ci = 0; ci < demo->n_categories; ci++) {
        char id[80];
        snprintf(id, sizeof id, "category:%s", demo->categories[ci].id);
        flow_tap(f, id, at(ms += 100));
        CHECK_INT(s->screen, FLOW_CATEGORY);
        CHECK_INT(s->category, ci);
        for (int si = 0; si < demo->n_services; si++) {
            snprintf(id, sizeof id, "service:%s", demo->services[si].id);
            flow_tap(f, id, at(ms += 100));
            if (demo->services[si].category != ci) {
                CHECK_INT(s->screen, FLOW_CATEGORY);
                continue;
            }
            services_seen++;
            CHECK_INT(s->screen, FLOW_SERVICE);
            CHECK_INT(s->service, si);
            flow_tap(f, "book", at(ms += 100));
            flow_request_t rq = take(f, FLOW_REQ_SESSIONS);
            CHECK_STR(rq.service_id, demo->services[si].id);
            flow_sessions_result(f, NULL, 0, 0);
            CHECK_INT(s->screen, FLOW_SLOTS);
            flow_tap(f, "back", at(ms += 100));
            CHECK_INT(s->screen, FLOW_SERVICE);
            flow_tap(f, "back", at(ms += 100));
            CHECK_INT(s->screen, FLOW_CATEGORY);
        }
        flow_tap(f, "back", at(ms += 100));
        CHECK_INT(s->screen, FLOW_HOME);
    }
    CHECK_INT(services_seen, demo->n_services);
    CHECK(services_seen > 0);
    flow_destroy(f);
    catalog_destroy(demo);
}

/* Known defects: each of these fails against the flow.c it was written for;
 * see the report that came with this file. */

/* The version promises a redraw "whenever anything visible changes", and the
 * platform redraws only then. A session that passes its cut-off while the
 * slots screen is up turns from selectable to "too late" on screen, but no
 * tick moves the version, so the stale screen keeps offering it (and a tap
 * on it is silently ignored). */
static void slot_cutoff_passing_is_a_visible_change(void)
{
    flow_config_t c = config();
    flow_t *f = new_flow_at(&c, 13 * 60 + 30); /* the open session starts at 14:00 */
    reach(f, FLOW_SLOTS);
    const flow_state_t *s = st(f);
    flow_tick(f, at(59000)); /* still 13:30: exactly the cut-off, open */
    CHECK_INT(flow_slot(s, &s->sessions[FIX_OPEN]), FLOW_SLOT_OPEN);
    CHECK_INT(s->idle_warning, 0);
    unsigned v = s->version;
    flow_tick(f, at(61000)); /* 13:31, no idle warning yet */
    CHECK_INT(s->idle_warning, 0);
    CHECK_INT(flow_slot(s, &s->sessions[FIX_OPEN]), FLOW_SLOT_TOO_LATE);
    CHECK(s->version != v);
    flow_destroy(f);
}

/* keep_date is set for the reload after a refusal, but flow_sessions_result
 * returns early on a failed load without clearing it (and reset() never
 * clears it), so the next, unrelated service's sessions do not start on the
 * first open day. */
static void keep_date_does_not_outlive_a_failed_reload(void)
{
    flow_t *f = new_flow();
    reach(f, FLOW_REFUSED);
    const flow_state_t *s = st(f);
    tap(f, "slots");
    take(f, FLOW_REQ_SESSIONS);
    flow_sessions_result(f, NULL, 0, 1);
    CHECK_INT(s->notice, FLOW_NOTICE_STORE_ERROR);
    tap(f, "home");
    tap(f, "category:c1");
    tap(f, "service:v2");
    tap(f, "book");
    take(f, FLOW_REQ_SESSIONS);
    answer_sessions(f, 0); /* nothing open today, open on 12-03 */
    CHECK(same_date(s->date, day(2026, 12, 3)));
    flow_destroy(f);
}

/* Staff checked the booking in (or it was cancelled elsewhere) while the
 * resident was on the confirm step: the list is shown again, with a reason
 * that is not "ask the staff". */
static void cancel_refused_reloads_the_list(void)
{
    flow_t *f = new_flow();
    reach(f, FLOW_CANCEL);
    const flow_state_t *s = st(f);
    type_code(f, s->bookings[s->booking].ticket);
    tap(f, "confirm");
    take(f, FLOW_REQ_CANCEL);
    flow_cancel_result(f, RULES_BAD_STATE);
    CHECK_INT(s->screen, FLOW_BOOKINGS);
    CHECK_INT(s->notice, FLOW_NOTICE_NOT_CANCELLABLE);
    flow_request_t rq = take(f, FLOW_REQ_LOOKUP);
    CHECK_STR(rq.phone, s->digits);
    flow_destroy(f);
}

/* Results nobody asked for, and text typed over the idle warning, change
 * nothing but what they must. */
static void stray_results_and_text_over_the_warning(void)
{
    flow_t *f = new_flow();
    tap(f, "start");
    unsigned v = st(f)->version;
    flow_cancel_result(f, RULES_OK);
    flow_book_result(f, RULES_OK, "ABCDEFGH", "KQ1:ABCDEFGH:AAAAAAAAAAAAAAAA");
    flow_lookup_result(f, NULL, 0, 0);
    flow_sessions_result(f, NULL, 0, 0);
    CHECK_INT(st(f)->screen, FLOW_HOME);
    CHECK_INT(st(f)->version, v);
    no_request(f);
    flow_destroy(f);

    f = new_flow();
    reach(f, FLOW_PHONE); /* with "138" typed */
    tick_after(f, 60000);
    CHECK(st(f)->idle_warning);
    text(f, "1234");
    CHECK(!st(f)->idle_warning);
    CHECK_STR(st(f)->digits, "138");
    flow_destroy(f);
}

/* A scan checks in from any screen, even over the idle warning; the keypad
 * takes only the code's alphabet and eight symbols. */
static void scans_and_the_checkin_keypad(void)
{
    flow_t *f = new_flow();
    const flow_state_t *s = st(f);
    flow_scan(f, "KQ1:ABCD2345:AAAAAAAAAAAAAAAA", next_t());
    flow_request_t rq = take(f, FLOW_REQ_CHECKIN);
    CHECK_STR(rq.input, "KQ1:ABCD2345:AAAAAAAAAAAAAAAA");
    CHECK_INT(s->busy, 1);
    flow_scan(f, "KQ1:ZZZZ2345:AAAAAAAAAAAAAAAA", next_t()); /* busy: ignored */
    no_request(f);
    flow_checkin_result(f, RULES_FORGED, NULL);
    CHECK_INT(s->screen, FLOW_CHECKIN_RESULT);
    CHECK_INT(s->checkin_result, RULES_FORGED);
    CHECK_INT(s->checkin_found, 0);
    tap(f, "done");
    CHECK_INT(s->screen, FLOW_HOME);
    flow_destroy(f);

    f = new_flow();
    s = st(f);
    reach(f, FLOW_PHONE);
    tick_after(f, 60000);
    CHECK(s->idle_warning);
    flow_scan(f, "KQ1:ABCD2345:AAAAAAAAAAAAAAAA", next_t());
    CHECK(!s->idle_warning);
    take(f, FLOW_REQ_CHECKIN);
    flow_booking_t b = booking("ABCD2345", "v1", RULES_CHECKED_IN);
    flow_checkin_result(f, RULES_OK, &b);
    CHECK_INT(s->screen, FLOW_CHECKIN_RESULT);
    CHECK_STR(s->checkin.ticket, "ABCD2345");
    flow_destroy(f);

    f = new_flow();
    s = st(f);
    reach(f, FLOW_CHECKIN);
    tap(f, "next"); /* nothing typed */
    no_request(f);
    const char *keys[] = {"key:A", "key:0", "key:O", "key:1", "key:I", "key:b", "key:22"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        tap(f, keys[i]);
    CHECK_STR(s->code, "A");
    for (int i = 0; i < 10; i++)
        tap(f, "key:Z");
    CHECK_STR(s->code, "AZZZZZZZ");
    tap(f, "key:del");
    CHECK_STR(s->code, "AZZZZZZ");
    tap(f, "home");
    CHECK(all_zero(s->code, sizeof s->code));
    flow_destroy(f);
}

/* Into staff mode as 王芳, on today's (empty) list of sessions. */
static void staff_login_as_wang(flow_t *f)
{
    tap(f, "staff-login");
    CHECK_STR(flow_screen_id(st(f)->screen), "staff-login");
    for (const char *k = "246810"; *k; k++) {
        char id[8] = "key:";
        id[4] = *k;
        tap(f, id);
    }
    tap(f, "next");
    take(f, FLOW_REQ_STAFF_LOGIN);
    flow_staff_login_result(f, 0, "王芳", 0);
    CHECK_STR(flow_screen_id(st(f)->screen), "staff");
    take(f, FLOW_REQ_STAFF_DAY);
    flow_staff_day_result(f, NULL, 0, 0);
}

/* The buttons read in the station's language; the audit keeps one word. */
static void cancel_reasons_in_both_languages(void)
{
    CHECK_STR(flow_cancel_reason(0, 0), "本人要求");
    CHECK_STR(flow_cancel_reason(3, 0), "其他");
    CHECK_STR(flow_cancel_reason(0, 1), "Resident asked");
    CHECK_STR(flow_cancel_reason(3, 1), "Other");
    CHECK(flow_cancel_reason(4, 0) == NULL);
    CHECK(flow_cancel_reason(-1, 1) == NULL);
}

static void check_range(flow_t *f, dt_date_t from, dt_date_t until)
{
    CHECK(same_date(st(f)->export_from, from));
    CHECK(same_date(st(f)->export_until, until));
}

/* Issue 14, item 7: the bursts the booking limits flagged are counted on
 * the staff screen and released there in one tap, under the staff
 * member's name, with the reason the audit keeps; the day is reloaded. */
static void staff_release_bursts_in_one_tap(void)
{
    flow_t *f = new_flow();
    staff_login_as_wang(f);
    tap(f, "release-bursts");
    no_request(f); /* nothing flagged: nothing to release */
    flow_staff_bursts(f, 2);
    CHECK_INT(st(f)->open_bursts, 2);
    tap(f, "release-bursts");
    flow_request_t rq = take(f, FLOW_REQ_RELEASE);
    CHECK_STR(rq.staff, "王芳");
    CHECK_STR(rq.input, "集中预约，工作人员核查后在本机释放");
    flow_staff_action_result(f, RULES_OK);
    CHECK_INT(st(f)->staff_notice, FLOW_STAFF_NOTICE_DONE);
    CHECK_STR(flow_screen_id(st(f)->screen), "staff");
    take(f, FLOW_REQ_STAFF_DAY);
    flow_staff_bursts(f, 0);
    flow_staff_day_result(f, NULL, 0, 0);
    CHECK_INT(st(f)->open_bursts, 0);
    /* Logging out forgets the count with the rest. */
    flow_staff_bursts(f, 1);
    tap(f, "logout");
    CHECK_INT(st(f)->open_bursts, 0);
    flow_destroy(f);
}

static void staff_export_of_a_date_range(void)
{
    flow_t *f = new_flow();
    staff_login_as_wang(f);
    tap(f, "export");
    CHECK_STR(flow_screen_id(st(f)->screen), "staff-export");
    no_request(f); /* choosing the dates comes first */
    check_range(f, today(), today());
    tap(f, "range:next7");
    check_range(f, today(), day(2026, 12, 7));
    tap(f, "range:last7");
    check_range(f, day(2026, 11, 25), today());
    tap(f, "range:month");
    check_range(f, today(), day(2026, 12, 31));
    tap(f, "range:today");
    /* The start pushed past the end drags the end with it, and back. */
    tap(f, "from:+1");
    check_range(f, day(2026, 12, 2), day(2026, 12, 2));
    tap(f, "until:-1");
    tap(f, "until:-1");
    check_range(f, day(2026, 11, 30), day(2026, 11, 30));
    tap(f, "until:+1");
    check_range(f, day(2026, 11, 30), today());
    /* At most a year at once: the end that moves drags the other. */
    for (int i = 0; i < 400; i++)
        tap(f, "from:-1");
    CHECK_INT(dt_days(st(f)->export_until) - dt_days(st(f)->export_from) + 1, FLOW_EXPORT_MAX_DAYS);
    CHECK(same_date(st(f)->export_from, dt_from_days(dt_days(today()) - 401)));
    tap(f, "range:month");
    tap(f, "from:junk");
    tap(f, "range:");
    check_range(f, today(), day(2026, 12, 31));
    no_request(f);
    tap(f, "export-save");
    flow_request_t rq = take(f, FLOW_REQ_EXPORT);
    CHECK_STR(rq.date_from, "2026-12-01");
    CHECK_STR(rq.date_until, "2026-12-31");
    CHECK_STR(rq.staff, "王芳");
    CHECK_INT(st(f)->busy, 1);
    flow_export_result(f, 1, NULL);
    CHECK_INT(st(f)->staff_notice, FLOW_STAFF_NOTICE_NO_USB);
    tap(f, "export-save");
    take(f, FLOW_REQ_EXPORT);
    flow_export_result(f, 0, "bookings.csv");
    CHECK_INT(st(f)->staff_notice, FLOW_STAFF_NOTICE_EXPORTED);
    CHECK_STR(st(f)->staff_detail, "bookings.csv");
    CHECK_STR(flow_screen_id(st(f)->screen), "staff-export");
    /* Back is today's list again, loaded afresh. */
    tap(f, "back");
    CHECK_STR(flow_screen_id(st(f)->screen), "staff");
    take(f, FLOW_REQ_STAFF_DAY);
    flow_destroy(f);
}

/* A panel that reports touches off by an affine error: (x, y) is reported
 * as (1.05x + 0.02y - 0.03, 0.95y + 0.08). */
static void misreport(float x, float y, float *rx, float *ry)
{
    *rx = 1.05f * x + 0.02f * y - 0.03f;
    *ry = 0.95f * y + 0.08f;
}

static void press_targets(flow_t *f, int wild)
{
    for (int i = 0; i < CALIB_TARGETS; i++) {
        float x, y, rx, ry;
        calib_target(i, &x, &y);
        misreport(x, y, &rx, &ry);
        if (i == wild)
            rx += 0.2f; /* a finger that slipped */
        flow_calib_press(f, rx, ry, next_t());
    }
}

/* Issue 14 item 3: the technician screen offers to confirm the clock
 * only while the kiosk says it is in doubt; the answer is the lines. */
static void clock_confirm_only_in_doubt(void)
{
    flow_t *f = new_flow();
    staff_login_as_wang(f);
    tap(f, "tech");
    take(f, FLOW_REQ_TECH);
    flow_tech_result(f, NULL, 0);
    tap(f, "clock-confirm");
    no_request(f);
    flow_tech_clock(f, 1);
    CHECK_INT(st(f)->tech_clock_doubt, 1);
    tap(f, "clock-confirm");
    flow_request_t rq = take(f, FLOW_REQ_CLOCK_CONFIRM);
    CHECK_STR(rq.staff, "王芳");
    CHECK_INT(st(f)->busy, 1);
    flow_tech_result(f, NULL, 0);
    flow_tech_clock(f, 0);
    CHECK_INT(st(f)->busy, 0);
    CHECK_INT(st(f)->tech_clock_doubt, 0);
    CHECK_STR(flow_screen_id(st(f)->screen), "technician");
    flow_destroy(f);
}

static void touch_calibration_by_tapping_targets(void)
{
    flow_t *f = new_flow();
    staff_login_as_wang(f);
    /* Presses count only on the calibration screen. */
    flow_calib_press(f, 0.5f, 0.5f, next_t());
    CHECK_INT(st(f)->calib_n, 0);
    tap(f, "tech");
    take(f, FLOW_REQ_TECH);
    flow_tech_result(f, NULL, 0);
    tap(f, "touch-test");
    CHECK_STR(flow_screen_id(st(f)->screen), "touch-test");
    tap(f, "calibrate");
    CHECK_STR(flow_screen_id(st(f)->screen), "touch-calibrate");
    CHECK_INT(st(f)->calib_n, 0);

    /* One touch far off: no fit, start again at the first target. */
    press_targets(f, 2);
    CHECK_INT(st(f)->calib_fitted, 0);
    CHECK_INT(st(f)->calib_n, 0);
    CHECK_INT(st(f)->staff_notice, FLOW_STAFF_NOTICE_CALIB_BAD);
    tap(f, "calib-save");
    no_request(f); /* nothing to save */

    unsigned v = st(f)->version;
    press_targets(f, -1);
    CHECK(st(f)->version != v);
    CHECK_INT(st(f)->calib_fitted, 1);
    CHECK_INT(st(f)->calib_n, CALIB_TARGETS);
    CHECK_INT(st(f)->staff_notice, FLOW_STAFF_NOTICE_NONE);
    CHECK(st(f)->calib_err < 1e-4f);
    /* The fit undoes the panel's error. */
    for (int i = 0; i < CALIB_TARGETS; i++) {
        float x, y, rx, ry;
        calib_target(i, &x, &y);
        misreport(x, y, &rx, &ry);
        calib_apply(st(f)->calib_m, &rx, &ry);
        CHECK(fabsf(rx - x) < 1e-4f && fabsf(ry - y) < 1e-4f);
    }
    /* More presses once all are in change nothing. */
    float m0 = st(f)->calib_m[0];
    flow_calib_press(f, 0.3f, 0.3f, next_t());
    CHECK_INT(st(f)->calib_n, CALIB_TARGETS);
    CHECK(st(f)->calib_m[0] == m0);

    /* Redo starts over; save hands the fitted map to the platform. */
    tap(f, "calib-redo");
    CHECK_INT(st(f)->calib_n, 0);
    CHECK_INT(st(f)->calib_fitted, 0);
    press_targets(f, -1);
    tap(f, "calib-save");
    flow_request_t rq = take(f, FLOW_REQ_CALIB_SAVE);
    CHECK(memcmp(rq.matrix, st(f)->calib_m, sizeof rq.matrix) == 0);
    CHECK_STR(rq.staff, "王芳");
    flow_calib_result(f, -1);
    CHECK_STR(flow_screen_id(st(f)->screen), "touch-calibrate");
    CHECK_INT(st(f)->staff_notice, FLOW_STAFF_NOTICE_ERROR);
    tap(f, "calib-save");
    take(f, FLOW_REQ_CALIB_SAVE);
    flow_calib_result(f, 0);
    CHECK_STR(flow_screen_id(st(f)->screen), "touch-test");
    CHECK_INT(st(f)->staff_notice, FLOW_STAFF_NOTICE_DONE);
    /* Back from calibrating is the touch test; from there the technician screen. */
    tap(f, "calibrate");
    tap(f, "back");
    CHECK_STR(flow_screen_id(st(f)->screen), "touch-test");
    tap(f, "back");
    CHECK_STR(flow_screen_id(st(f)->screen), "technician");
    flow_destroy(f);
}

/* Issue 15 item 5: a session refused as full (closed, too late, gone) is
 * followed by the next sessions with seats for the party, read again from
 * the store; one tap goes on to the confirmation with the number kept. */
static void a_refusal_offers_other_sessions(void)
{
    static const int reasons[] = {RULES_FULL, RULES_CLOSED, RULES_TOO_LATE, RULES_NO_SESSION};
    for (size_t i = 0; i < sizeof reasons / sizeof *reasons; i++) {
        flow_t *f = new_flow();
        const flow_state_t *s = st(f);
        reach(f, FLOW_CONFIRM);
        tap(f, "confirm");
        take(f, FLOW_REQ_BOOK);
        flow_book_result(f, reasons[i], NULL, NULL);
        CHECK_STR(s->refused_id, OPEN_TODAY);
        int alt[FLOW_ALTERNATIVES];
        CHECK_INT(flow_alternatives(s, alt, FLOW_ALTERNATIVES), 0); /* still reading */
        take(f, FLOW_REQ_SESSIONS);
        /* Today's open session still shows 2 seats: it was refused, and is
         * not offered again; 12-03 09:00 is the one with seats. */
        answer_sessions(f, 2);
        CHECK_INT(flow_alternatives(s, alt, FLOW_ALTERNATIVES), 1);
        CHECK_STR(s->sessions[alt[0]].id, "v1-20261203-0900");
        /* Read again (back to slots would): with 12-03 10:00 open too, two
         * are offered, soonest first, and the one tapped is the one booked. */
        if (i == 1) {
            flow_session_t rows[N_FIX];
            fixture(rows, 2);
            rows[FIX_LATER_CLOSED].open = 1;
            rows[FIX_LATER_CLOSED].remaining = 4;
            tap(f, "back");
            take(f, FLOW_REQ_SESSIONS);
            flow_sessions_result(f, rows, N_FIX, 0);
            tap(f, "session:" OPEN_TODAY);
            text(f, "");
            CHECK_INT(s->screen, FLOW_PHONE);
            tap(f, "next");
            tap(f, "confirm");
            take(f, FLOW_REQ_BOOK);
            flow_book_result(f, reasons[i], NULL, NULL);
            take(f, FLOW_REQ_SESSIONS);
            flow_sessions_result(f, rows, N_FIX, 0);
            CHECK_INT(flow_alternatives(s, alt, FLOW_ALTERNATIVES), 2);
            CHECK_STR(s->sessions[alt[0]].id, "v1-20261203-0900");
            CHECK_STR(s->sessions[alt[1]].id, "v1-20261203-1000");
            tap(f, "session:v1-20261203-1000");
            CHECK_INT(s->screen, FLOW_CONFIRM);
            tap(f, "confirm");
            flow_request_t two = take(f, FLOW_REQ_BOOK);
            CHECK_STR(two.session_id, "v1-20261203-1000");
            CHECK_STR(two.phone, PHONE);
            flow_destroy(f);
            continue;
        }
        tap(f, "session:" OPEN_TODAY); /* not offered: nothing happens */
        CHECK_INT(s->screen, FLOW_REFUSED);
        tap(f, "session:v1-20261201-1000"); /* full: nothing happens */
        CHECK_INT(s->screen, FLOW_REFUSED);
        tap(f, "session:v1-20261203-0900");
        CHECK_INT(s->screen, FLOW_CONFIRM);
        CHECK_STR(s->sessions[s->session].id, "v1-20261203-0900");
        CHECK_STR(s->digits, PHONE);
        tap(f, "confirm");
        flow_request_t rq = take(f, FLOW_REQ_BOOK);
        CHECK_STR(rq.session_id, "v1-20261203-0900");
        CHECK_STR(rq.phone, PHONE);
        flow_destroy(f);
    }
    /* A party of 2 is offered only sessions with 2 seats: 12-03 09:00
     * has 1 left now, and is not offered. */
    flow_t *f = new_flow();
    const flow_state_t *s = st(f);
    reach(f, FLOW_CONFIRM);
    tap(f, "party-inc"); /* 2 seats left today: 2 at most */
    tap(f, "confirm");
    take(f, FLOW_REQ_BOOK);
    flow_book_result(f, RULES_FULL, NULL, NULL);
    take(f, FLOW_REQ_SESSIONS);
    flow_session_t rows[N_FIX];
    fixture(rows, 2);
    rows[FIX_LATER].remaining = 1;
    flow_sessions_result(f, rows, N_FIX, 0);
    int alt[FLOW_ALTERNATIVES];
    CHECK_INT(s->party, 2);
    CHECK_INT(flow_alternatives(s, alt, FLOW_ALTERNATIVES), 0);
    tap(f, "session:v1-20261203-0900");
    CHECK_INT(s->screen, FLOW_REFUSED);
    flow_destroy(f);
}

/* Issue 15 item 5: a code typed that no booking has stays on the keypad,
 * with the notice, to be corrected; editing it clears the notice. */
static void checkin_not_found_keeps_the_code(void)
{
    flow_t *f = new_flow();
    const flow_state_t *s = st(f);
    reach(f, FLOW_CHECKIN);
    for (const char *c = "TKTB2345"; *c; c++) {
        char id[8] = "key:";
        id[4] = *c;
        id[5] = '\0';
        tap(f, id);
    }
    tap(f, "next");
    CHECK_INT(s->screen, FLOW_CHECKIN_FACTOR);
    no_request(f);
    type_code(f, "5678");
    tap(f, "next");
    take(f, FLOW_REQ_CHECKIN);
    flow_checkin_result(f, RULES_NOT_FOUND, NULL);
    CHECK_INT(s->screen, FLOW_CHECKIN);
    CHECK_INT(s->notice, FLOW_NOTICE_CHECKIN_MISMATCH);
    CHECK_STR(s->code, "TKTB2345");
    CHECK(all_zero(s->digits, sizeof s->digits)); /* the factor typed is gone */
    tap(f, "key:del");
    CHECK_STR(s->code, "TKTB234");
    CHECK_INT(s->notice, FLOW_NOTICE_NONE);
    tap(f, "key:6");
    tap(f, "next");
    type_code(f, "5678");
    tap(f, "next");
    flow_request_t rq = take(f, FLOW_REQ_CHECKIN);
    CHECK_STR(rq.input, "TKTB2346");
    flow_booking_t b = booking("TKTB2346", "v1", RULES_CHECKED_IN);
    flow_checkin_result(f, RULES_OK, &b);
    CHECK_INT(s->screen, FLOW_CHECKIN_RESULT);
    CHECK(all_zero(s->code, sizeof s->code));
    /* A scanned ticket that is not found has no code to correct, even
     * with a code half typed on the keypad. */
    tap(f, "done");
    tap(f, "checkin");
    tap(f, "key:A");
    flow_scan(f, "KQ1:ABCD2345:AAAAAAAAAAAAAAAA", next_t());
    take(f, FLOW_REQ_CHECKIN);
    flow_checkin_result(f, RULES_NOT_FOUND, NULL);
    CHECK_INT(s->screen, FLOW_CHECKIN_RESULT);
    CHECK(all_zero(s->code, sizeof s->code));
    tap(f, "done");
    flow_scan(f, "KQ1:ABCD2345:AAAAAAAAAAAAAAAA", next_t());
    take(f, FLOW_REQ_CHECKIN);
    flow_checkin_result(f, RULES_NOT_FOUND, NULL);
    CHECK_INT(s->screen, FLOW_CHECKIN_RESULT);
    tap(f, "checkin");
    CHECK_INT(s->screen, FLOW_CHECKIN);
    flow_destroy(f);
}


/* i16checkin: a check-in by typed code needs a second factor. The code
 * keypad's 签到 asks nothing yet: the factor keypad takes up to four
 * digits, and 签到 there sends the code with them. A wrong pair goes back
 * to the code (kept, the factor wiped); checkin_limit distinct wrong pairs
 * are allowed, the next pauses typed check-ins (the kiosk is asked to
 * record it once) while a scan still goes through; after checkin_pause
 * minutes typing works again. The lookup throttle is recorded the same. */
static void checkin_by_code_needs_a_factor_and_is_throttled(void)
{
    flow_config_t c = config();
    c.checkin_limit = 2, c.checkin_window = 10, c.checkin_pause = 15;
    flow_t *f = new_flow_at(&c, 9 * 60);
    const flow_state_t *s = st(f);
    reach(f, FLOW_CHECKIN);
    type_code(f, "TKTB2345");
    tap(f, "next");
    CHECK_INT(s->screen, FLOW_CHECKIN_FACTOR);
    no_request(f);
    tap(f, "next"); /* nothing typed: nothing asked */
    no_request(f);
    type_code(f, "123456"); /* four digits at most */
    CHECK_STR(s->digits, "1234");
    tap(f, "key:del");
    tap(f, "key:9");
    tap(f, "next");
    flow_request_t rq = take(f, FLOW_REQ_CHECKIN);
    CHECK_STR(rq.input, "TKTB2345");
    CHECK_STR(rq.factor, "1239");
    /* Wrong, twice (two distinct pairs): back to the code, kept. */
    for (int i = 0; i < 2; i++) {
        flow_checkin_result(f, i ? RULES_NOT_FOUND : RULES_FACTOR_WRONG, NULL);
        no_request(f);
        CHECK_INT(s->screen, FLOW_CHECKIN);
        CHECK_INT(s->notice, FLOW_NOTICE_CHECKIN_MISMATCH);
        CHECK_STR(s->code, "TKTB2345");
        CHECK_INT(s->n_digits, 0);
        tap(f, "next");
        type_code(f, i ? "7777" : "8888");
        tap(f, "next");
        take(f, FLOW_REQ_CHECKIN);
    }
    /* The third distinct wrong pair pauses: recorded once, with no number. */
    flow_checkin_result(f, RULES_FACTOR_WRONG, NULL);
    CHECK_INT(s->screen, FLOW_CHECKIN);
    CHECK_INT(s->notice, FLOW_NOTICE_CHECKIN_PAUSED);
    rq = take(f, FLOW_REQ_THROTTLED);
    CHECK_STR(rq.input, "checkin");
    CHECK_STR(rq.factor, "");
    flow_throttled_result(f, 0);
    CHECK_INT(s->busy, 0);
    /* Paused: 签到 on the code asks for nothing, ... */
    tap(f, "next");
    CHECK_INT(s->screen, FLOW_CHECKIN);
    CHECK_INT(s->notice, FLOW_NOTICE_CHECKIN_PAUSED);
    no_request(f);
    /* ... and a scan still checks in. */
    flow_scan(f, "KQ1:TKTB2345:AAAAAAAAAAAAAAAAAAAAAA", next_t());
    rq = take(f, FLOW_REQ_CHECKIN);
    CHECK_STR(rq.factor, "");
    flow_booking_t b = booking("TKTB2345", "v1", RULES_CHECKED_IN);
    flow_checkin_result(f, RULES_OK, &b);
    CHECK_INT(s->screen, FLOW_CHECKIN_RESULT);
    /* Ten minutes on, still paused; after fifteen, typing works again. */
    clk += 10 * 60000;
    tap(f, "done");
    tap(f, "checkin");
    type_code(f, "TKTB2345");
    tap(f, "next");
    CHECK_INT(s->screen, FLOW_CHECKIN);
    CHECK_INT(s->notice, FLOW_NOTICE_CHECKIN_PAUSED);
    clk += 6 * 60000;
    tap(f, "next");
    CHECK_INT(s->screen, FLOW_CHECKIN_FACTOR);
    flow_destroy(f);

    /* The lookup throttle's pause is recorded the same way, once. */
    c = config();
    c.lookup_limit = 1, c.lookup_window = 10, c.lookup_pause = 15;
    f = new_flow_at(&c, 9 * 60);
    s = st(f);
    reach(f, FLOW_LOOKUP);
    text(f, "13812340001");
    tap(f, "next");
    take(f, FLOW_REQ_LOOKUP);
    flow_lookup_result(f, NULL, 0, 0);
    tap(f, "back");
    tap(f, "key:clear");
    text(f, "13812340002");
    tap(f, "next");
    CHECK_INT(s->notice, FLOW_NOTICE_LOOKUP_PAUSED);
    rq = take(f, FLOW_REQ_THROTTLED);
    CHECK_STR(rq.input, "lookup");
    flow_throttled_result(f, 0);
    tap(f, "key:clear");
    text(f, "13812340003");
    tap(f, "next");
    no_request(f); /* still paused: not recorded again */
    flow_destroy(f);
}

/* Issue 15 item 7: the ticket and the check-in result go back to attract,
 * wiped, after finished_ms without input (doubled in elder mode), counting
 * down in whole seconds; a touch starts the count again. */
static void finished_screens_return_to_attract(void)
{
    for (int elder = 0; elder < 2; elder++) {
        for (int which = 0; which < 2; which++) {
            flow_config_t c = config();
            c.finished_ms = 20000;
            flow_t *f = new_flow_at(&c, 9 * 60);
            const flow_state_t *s = st(f);
            if (elder) {
                tap(f, "start");
                tap(f, "elder");
                tap(f, "home");
                flow_tick(f, at(clk));
            }
            reach(f, which ? FLOW_CHECKIN_RESULT : FLOW_TICKET);
            if (elder)
                CHECK(s->elder);
            int total = 20 * (elder ? 2 : 1);
            CHECK_INT(s->finish_s, total);
            uint64_t start = clk;
            CHECK(flow_next_deadline(f) == start + 1000);
            tick_after(f, 5000);
            CHECK_INT(s->finish_s, total - 5);
            CHECK(flow_next_deadline(f) == start + 6000);
            tap(f, "back-not-a-widget"); /* a touch: the count starts again */
            CHECK_INT(s->finish_s, total);
            start = clk;
            tick_after(f, (uint64_t)total * 1000 - 1);
            CHECK_STR(flow_screen_id(s->screen), which ? "checkin-result" : "ticket");
            CHECK_INT(s->finish_s, 1);
            CHECK_INT(s->idle_warning, 0);
            tick_after(f, 1);
            CHECK_INT(s->screen, FLOW_ATTRACT);
            CHECK_INT(s->finish_s, 0);
            CHECK(all_zero(s->ticket, sizeof s->ticket));
            CHECK(all_zero(&s->checkin, sizeof s->checkin));
            CHECK_INT(s->elder, 0);
            flow_destroy(f);
        }
    }
    /* Without finished_ms only the idle reset ends them. */
    flow_t *f = new_flow();
    reach(f, FLOW_TICKET);
    CHECK_INT(st(f)->finish_s, 0);
    tick_after(f, 30000);
    CHECK_INT(st(f)->screen, FLOW_TICKET);
    flow_destroy(f);
}

/* Issue 15 item 13: a tap on what is drawn disabled says why, until the
 * next touch. */
static void disabled_taps_say_why(void)
{
    flow_t *f = new_flow();
    const flow_state_t *s = st(f);
    reach(f, FLOW_SLOTS);
    flow_tap_disabled(f, "session:v1-20261201-1000", next_t());
    CHECK_INT(s->hint, FLOW_HINT_SESSION_FULL);
    CHECK_INT(s->screen, FLOW_SLOTS);
    flow_input(f, next_t()); /* the next touch */
    CHECK_INT(s->hint, FLOW_HINT_NONE);
    flow_tap_disabled(f, "session:v1-20261201-1100", next_t());
    CHECK_INT(s->hint, FLOW_HINT_SESSION_CLOSED);
    flow_tap_disabled(f, "session:v1-20261201-0920", next_t());
    CHECK_INT(s->hint, FLOW_HINT_SESSION_LATE);
    flow_tap_disabled(f, "date:2026-12-02", next_t());
    CHECK_INT(s->hint, FLOW_HINT_DAY_EMPTY);
    tap(f, "session:" OPEN_TODAY);
    CHECK_INT(s->hint, FLOW_HINT_NONE);
    text(f, "138");
    flow_tap_disabled(f, "next", next_t());
    CHECK_INT(s->hint, FLOW_HINT_PHONE_SHORT);
    text(f, "12345678");
    tap(f, "next");
    CHECK_INT(s->screen, FLOW_CONFIRM);
    flow_tap_disabled(f, "party-dec", next_t());
    CHECK_INT(s->hint, FLOW_HINT_PARTY_MIN);
    tap(f, "party-inc");
    flow_tap_disabled(f, "party-inc", next_t());
    CHECK_INT(s->hint, FLOW_HINT_PARTY_MAX);
    flow_destroy(f);

    f = new_flow();
    s = st(f);
    reach(f, FLOW_CHECKIN);
    flow_tap_disabled(f, "next", next_t());
    CHECK_INT(s->hint, FLOW_HINT_CODE_SHORT);
    flow_tap_disabled(f, "key:del", next_t());
    CHECK_INT(s->hint, FLOW_HINT_NOTHING_TYPED);
    flow_destroy(f);
}

/* i15elder: a station's elder_mode_default (flow_config elder) is the
 * mode at start and after every idle reset, whatever the resident chose. */
static void elder_default_returns_after_the_reset(void)
{
    flow_config_t c = config();
    c.elder = 1;
    flow_t *f = new_flow_at(&c, 9 * 60);
    const flow_state_t *s = st(f);
    CHECK_INT(s->elder, 1);
    tap(f, "start");
    tap(f, "elder");
    CHECK_INT(s->elder, 0);
    tick_after(f, 60000 + 20000);
    CHECK_INT(s->screen, FLOW_ATTRACT);
    CHECK_INT(s->elder, 1);
    flow_destroy(f);
}

/* i15elder: home and a category page rather than scroll: page-next and
 * page-prev move the page of the screen shown, never below the first;
 * a category opens on its first page, back from a service returns to the
 * page it was chosen on, home starts home at its first page; the idle
 * reset forgets both. */
static void pages_of_home_and_a_category(void)
{
    flow_t *f = new_flow();
    const flow_state_t *s = st(f);
    tap(f, "start");
    tap(f, "page-prev");
    CHECK_INT(s->home_page, 0);
    tap(f, "page-next");
    CHECK_INT(s->home_page, 1);
    tap(f, "category:c1");
    CHECK_INT(s->cat_page, 0);
    tap(f, "page-next");
    tap(f, "page-next");
    tap(f, "page-prev");
    CHECK_INT(s->cat_page, 1);
    CHECK_INT(s->home_page, 1);
    tap(f, "service:v2");
    CHECK_INT(s->screen, FLOW_SERVICE);
    unsigned v = s->version;
    tap(f, "page-next"); /* no list here: nothing changes */
    CHECK_INT(s->version, v);
    tap(f, "back");
    CHECK_INT(s->screen, FLOW_CATEGORY);
    CHECK_INT(s->cat_page, 1);
    tap(f, "back");
    CHECK_INT(s->screen, FLOW_HOME);
    CHECK_INT(s->home_page, 1);
    tap(f, "category:c2");
    CHECK_INT(s->cat_page, 0);
    tap(f, "page-next");
    tap(f, "home");
    CHECK_INT(s->home_page, 0);
    tap(f, "page-next");
    tick_after(f, 60000 + 20000);
    CHECK_INT(s->screen, FLOW_ATTRACT);
    CHECK_INT(s->home_page, 0);
    CHECK_INT(s->cat_page, 0);
    flow_destroy(f);
}

/* i20wait (issue 20): a full session touched offers 排队候补 until another
 * tap (the hint goes at the next touch, the offer stays); joining goes
 * through the keypad and the confirmation to a join request, persons not
 * held to the seats left; the place given is shown; done goes home wiped. */
static void waitlist_offer_and_join(void)
{
    flow_t *f = new_flow();
    const flow_state_t *s = st(f);
    reach(f, FLOW_SLOTS);
    tap(f, "waitlist");
    CHECK_INT(s->screen, FLOW_SLOTS); /* nothing offered yet */
    flow_tap_disabled(f, "session:v1-20261201-1100", next_t()); /* closed: no waitlist */
    CHECK_INT(s->wait_offer, -1);
    flow_tap_disabled(f, "session:v1-20261201-1000", next_t()); /* full */
    CHECK(s->wait_offer >= 0);
    flow_input(f, next_t());
    CHECK_INT(s->hint, FLOW_HINT_NONE);
    CHECK(s->wait_offer >= 0); /* the offer outlives the hint */
    tap(f, "date:2026-12-03"); /* another tap ends it */
    CHECK_INT(s->wait_offer, -1);
    tap(f, "date:2026-12-01");
    flow_tap_disabled(f, "session:v1-20261201-1000", next_t());
    tap(f, "waitlist");
    CHECK_INT(s->screen, FLOW_WAITLIST_JOIN);
    CHECK_INT(s->waitlist, 1);
    tap(f, "next");
    CHECK_INT(s->screen, FLOW_PHONE);
    text(f, PHONE);
    tap(f, "next");
    CHECK_INT(s->screen, FLOW_CONFIRM);
    tap(f, "party-inc"); /* no seat is left, yet two may wait */
    CHECK_INT(s->party, 2);
    tap(f, "confirm");
    flow_request_t rq = take(f, FLOW_REQ_WAITLIST_JOIN);
    CHECK_STR(rq.session_id, "v1-20261201-1000");
    CHECK_STR(rq.phone, PHONE);
    CHECK_INT(rq.party, 2);
    flow_waitlist_join_result(f, RULES_OK, 3);
    CHECK_INT(s->screen, FLOW_WAITLISTED);
    CHECK_INT(s->wait_position, 3);
    tap(f, "done");
    CHECK_INT(s->screen, FLOW_HOME);
    CHECK_INT(s->n_digits, 0);
    CHECK_INT(s->waitlist, 0);
    flow_destroy(f);
}

int main(void)
{
    char err[512] = "";
    if (catalog_parse(catalog_text, strlen(catalog_text), "flow.ini", &cat, err, sizeof err)) {
        fprintf(stderr, "fixture catalog: %s\n", err);
        return 1;
    }
    RUN(screen_ids_are_the_design_ids);
    RUN(elder_default_returns_after_the_reset);
    RUN(pages_of_home_and_a_category);
    RUN(a_new_flow_waits_on_attract);
    RUN(any_tap_on_attract_goes_home);
    RUN(browsing_to_slots_requests_sessions);
    RUN(sessions_are_classified);
    RUN(slot_cutoff_boundaries);
    RUN(slots_start_on_the_first_open_day);
    RUN(sessions_store_error);
    RUN(date_selection_within_the_horizon);
    RUN(only_open_sessions_can_be_chosen);
    RUN(keypad_keys_and_text);
    RUN(keypad_clear_all);
    RUN(phone_next_validates);
    RUN(party_size_limits);
    RUN(confirm_books_and_shows_the_ticket);
    RUN(a_refusal_goes_back_to_the_same_day);
    RUN(a_refusal_offers_the_lookup);
    RUN(a_refusal_offers_other_sessions);
    RUN(checkin_not_found_keeps_the_code);
    RUN(checkin_by_code_needs_a_factor_and_is_throttled);
    RUN(finished_screens_return_to_attract);
    RUN(disabled_taps_say_why);
    RUN(a_limit_goes_home_wiping_the_number);
    RUN(a_store_error_stays_on_confirm);
    RUN(back_goes_one_step_up);
    RUN(booking_for_someone_and_without_a_phone);
    RUN(home_from_everywhere_wipes_the_digits);
    RUN(enrolling_for_a_term);
    RUN(lookup_and_cancel);
    RUN(lookup_and_cancel_errors);
    RUN(my_booking_opens_from_the_list);
    RUN(cancel_needs_the_code);
    RUN(print_again_counts);
    RUN(checkin_screen);
    RUN(idle_warning_counts_down_to_attract);
    RUN(every_input_restarts_the_idle_timer);
    RUN(a_tap_while_warned_only_dismisses);
    RUN(idle_reset_wipes_everything);
    RUN(idle_reset_while_a_request_is_out);
    RUN(idle_reset_forgets_the_ticket);
    RUN(elder_mode_doubles_the_timeouts);
    RUN(elder_and_language_toggle_on_home);
    RUN(version_moves_with_every_visible_change);
    RUN(junk_input_changes_nothing);
    RUN(stray_results_do_not_crash);
    RUN(same_inputs_same_states);
    RUN(demo_catalog_every_service);
    RUN(slot_cutoff_passing_is_a_visible_change);
    RUN(keep_date_does_not_outlive_a_failed_reload);
    RUN(cancel_refused_reloads_the_list);
    RUN(stray_results_and_text_over_the_warning);
    RUN(scans_and_the_checkin_keypad);
    RUN(staff_export_of_a_date_range);
    RUN(staff_release_bursts_in_one_tap);
    RUN(cancel_reasons_in_both_languages);
    RUN(touch_calibration_by_tapping_targets);
    RUN(clock_confirm_only_in_doubt);
    RUN(call_staff_once_a_visit);
    RUN(waitlist_offer_and_join); /* i20wait */
    catalog_destroy(cat);
    TEST_EXIT();
}
