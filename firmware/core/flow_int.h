/* What the resident flow (flow.c) and the staff flow (flow_staff.c) share:
 * the flow's private state and the few primitives both state machines move
 * it with. Private to firmware/core/flow*.c; everyone else goes through
 * flow.h. The primitives are static inline so that each file keeps calling
 * them by their short names and nothing new is exported from the core. */
#ifndef CORE_FLOW_INT_H
#define CORE_FLOW_INT_H

#include "flow.h"
#include "throttle.h"
#include "wipe.h"

struct flow {
    flow_state_t s;
    flow_config_t cfg;
    uint64_t last_input;
    flow_request_t req;
    int has_req;
    int keep_date;                          /* the next sessions result keeps the selected day */
    flow_request_kind_t pending;            /* the request whose result is awaited */
    char pending_ticket[KIOSK_TICKET_SIZE]; /* the booking a staff request is about */
    int checkin_typed;                      /* the check-in asked is the code typed, not a scan */
    flow_screen_t cancel_from;              /* where 不取消 goes back to: bookings or booking */
    throttle_t lookups; /* of the kiosk, across visits: the reset leaves it */
    throttle_t checkins; /* i16checkin: wrong typed check-ins, as lookups */
    uint64_t counter_poll_at; /* i19counter: the counter screen's next look at the store */
};

static inline void changed(flow_t *f)
{
    f->s.version++;
}

/* The countdown of a finished screen (ticket, check-in result) at now_ms,
 * from the last input; 0 on any other screen (flow.c). */
void flow_finish_count(flow_t *f, uint64_t now_ms);

static inline void set_time(flow_t *f, flow_time_t now)
{
    f->s.now = now.stamp;
    int m;
    dt_from_stamp(now.stamp, &f->s.today, &m);
}

static inline void clear_request(flow_t *f)
{
    wipe_bytes(&f->req, sizeof f->req);
    f->has_req = 0;
}

static inline void go(flow_t *f, flow_screen_t to)
{
    f->s.screen = to;
    f->s.call_shown = 0; /* a new screen ends the "someone is coming" overlay */
    f->s.notice = FLOW_NOTICE_NONE;
    f->s.staff_notice = FLOW_STAFF_NOTICE_NONE;
    f->s.hint = FLOW_HINT_NONE;
    flow_finish_count(f, f->last_input);
    changed(f);
}

static inline void request(flow_t *f, flow_request_kind_t kind)
{
    clear_request(f);
    f->req.kind = kind;
    f->has_req = 1;
    f->s.busy = 1;
    f->pending = kind;
    changed(f);
}

/* Claims the awaited result of kind; 0 for a stray one, which is ignored. */
static inline int awaited(flow_t *f, flow_request_kind_t kind)
{
    if (f->pending != kind)
        return 0;
    f->pending = FLOW_REQ_NONE;
    f->s.busy = 0;
    return 1;
}

/* Input restarts the idle timer; returns 1 when the input was used up by
 * dismissing the idle warning. */
static inline int touch(flow_t *f, flow_time_t now)
{
    set_time(f, now);
    f->last_input = now.ms;
    if (f->s.hint != FLOW_HINT_NONE) {
        f->s.hint = FLOW_HINT_NONE; /* said until the next touch */
        changed(f);
    }
    if (f->s.finish_s) {
        flow_finish_count(f, now.ms); /* a touch restarts the countdown */
        changed(f);
    }
    if (f->s.idle_warning) {
        f->s.idle_warning = 0;
        changed(f);
        return 1;
    }
    return 0;
}

/* A tap on a resident screen (not attract) while not busy: the call-staff
 * button and its overlay. 1 when the tap was the overlay's (flow_call.c). */
int flow_call_tap(flow_t *f, const char *id);

/* i16checkin: check-in by typed code and its second factor
 * (flow_checkin.c). The code keypad's 签到 with the code complete: */
void flow_checkin_code_done(flow_t *f);
/* A tap on the second factor's keypad (FLOW_CHECKIN_FACTOR), not busy. */
void flow_checkin_factor_tap(flow_t *f, const char *id);
/* Back from the factor keypad to the code, which is kept. */
void flow_checkin_factor_back(flow_t *f);
/* The result of a typed check-in that matched no booking (RULES_NOT_FOUND,
 * RULES_FACTOR_WRONG): counted, and back to the code keypad; 1 when result
 * was such, 0 for any other (the result screen shows it). */
int flow_checkin_refused(flow_t *f, int result);
/* A roster's 补打小票 (reprint:TICKET) for booking r of the session shown:
 * asks for the slip again under the staff member's name. */
void flow_staff_reprint(flow_t *f, const char *ticket);
/* Why a disabled widget of the factor keypad cannot be tapped. */
flow_hint_t flow_checkin_factor_hint(const flow_t *f, const char *id);
/* throttle_lookup on t for key; a fresh pause asks the kiosk to record it
 * (FLOW_REQ_THROTTLED, input what), with no number. */
int flow_throttle(flow_t *f, throttle_t *t, int limit, int window, int pause, const char *key,
                  const char *what);

/* Back to attract with everything personal wiped (flow.c). */
void flow_reset(flow_t *f);
/* Wipes and frees what staff saw: roster phones, the PIN being typed
 * (flow_staff.c). */
void flow_staff_clear(flow_t *f);
/* A tap on a staff screen (screen >= FLOW_STAFF_LOGIN), not busy (flow_staff.c). */
void flow_staff_tap(flow_t *f, const char *id);

/* i16house (flow_for.c): whom a booking is for and 没有手机. A tap the for
 * logic takes (1), or leaves to the resident flow (0); the state wiped;
 * the booking request given the label and, without a phone, no number. */
int flow_for_tap(flow_t *f, const char *id);
void flow_for_clear(flow_t *f);
void flow_for_request(flow_t *f);
/* Asks for the ticket shown (a booking's or a walk-in number's) to be
 * printed; the screen says it is printing until the printer answers. */
void flow_request_print(flow_t *f);

/* w (issue 19, flow_queue.c): the walk-in queue's taps on home (walk-in)
 * and on its own screens, back included (1: taken); its state wiped. */
int flow_queue_tap(flow_t *f, const char *id);
void flow_queue_clear(flow_t *f);
/* t (issue 20, flow_terms.c): enrolling for a term from the service
 * screen's enrol; it is handed every tap first (1: taken). */
int flow_terms_tap(flow_t *f, const char *id);
void flow_terms_clear(flow_t *f);
/* i19counter (flow_counter.c): the counter screens. Their state wiped; a
 * tap on FLOW_STAFF_COUNTERS or FLOW_STAFF_COUNTER (1: taken); the quiet
 * poll for changes elsewhere, from flow_tick, and when it is due. */
void flow_counter_clear(flow_t *f);
int flow_counter_tap(flow_t *f, const char *id);
void flow_counter_tick(flow_t *f, uint64_t now_ms);
uint64_t flow_counter_deadline(const flow_t *f);
/* Back to today's sessions, read again (flow_staff.c). */
void flow_staff_request_day(flow_t *f);
/* issue 20 (F) (flow_rate.c): 好差评. Its taps (home's rate, and its own
 * screens; 1: taken), a scan on rate-code (1: taken), the lookup's
 * answer given (asks about the first visit due), its state wiped. The
 * ticket code's keypad of flow.c: a key of it (1), the code wiped. */
int flow_rate_tap(flow_t *f, const char *id);
int flow_rate_scan(flow_t *f, const char *text);
void flow_rate_lookup_done(flow_t *f);
void flow_rate_clear(flow_t *f);
int flow_code_key(flow_t *f, const char *id);
void flow_code_clear(flow_t *f);
/* end of issue 20 (F) */

/* i20wait (flow_waitlist.c): a tap on the waitlist's widgets (the offer
 * on slots, its screens, confirm on the way to join, 退出候补 on my
 * bookings): 1 when it was one. back on its screens: 1 when handled. A
 * full session touched on slots: offered. Wiped at reset. */
int flow_waitlist_tap(flow_t *f, const char *id);
int flow_waitlist_back(flow_t *f);
void flow_waitlist_offer(flow_t *f, const char *session_id);
void flow_waitlist_clear(flow_t *f);

#endif
