/* The resident flow: the kiosk's screens from attract to ticket, lookup,
 * cancel and check-in, the idle timer, and the dispatch of every input to
 * the resident or the staff flow (flow_staff.c). */
#include "flow_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void clear_code(flow_t *f)
{
    wipe_bytes(f->s.code, sizeof f->s.code);
    f->s.n_code = 0;
}

static void clear_digits(flow_t *f)
{
    wipe_bytes(f->s.digits, sizeof f->s.digits);
    f->s.n_digits = 0;
    clear_code(f);
}

static void clear_sessions(flow_t *f)
{
    free(f->s.sessions);
    f->s.sessions = NULL;
    f->s.n_sessions = 0;
    f->s.sessions_loaded = 0;
    f->s.session = -1;
}

static void clear_bookings(flow_t *f)
{
    if (f->s.bookings)
        wipe_bytes(f->s.bookings, sizeof *f->s.bookings * (size_t)f->s.n_bookings);
    free(f->s.bookings);
    f->s.bookings = NULL;
    f->s.n_bookings = 0;
    f->s.booking = -1;
}

void flow_reset(flow_t *f)
{
    flow_staff_clear(f);
    clear_digits(f);
    clear_sessions(f);
    clear_bookings(f);
    clear_request(f);
    wipe_bytes(f->s.ticket, sizeof f->s.ticket);
    wipe_bytes(f->s.payload, sizeof f->s.payload);
    wipe_bytes(&f->s.checkin, sizeof f->s.checkin);
    f->s.checkin_found = 0;
    f->s.print = FLOW_PRINT_IDLE;
    f->s.print_tries = 0;
    f->s.category = f->s.service = -1;
    f->s.party = 1;
    f->s.busy = 0;
    f->s.elder = f->cfg.elder;
    f->s.lang_en = f->cfg.lang_en;
    f->s.home_page = f->s.cat_page = 0;
    f->s.idle_warning = 0;
    f->s.call = FLOW_CALL_NONE; /* the visit ends: the next press is a new call */
    f->s.refusal = RULES_OK;
    wipe_bytes(f->s.refused_id, sizeof f->s.refused_id);
    f->s.hint = FLOW_HINT_NONE;
    f->keep_date = 0;
    f->pending = FLOW_REQ_NONE;
    flow_for_clear(f);
    flow_queue_clear(f);
    flow_terms_clear(f);
    flow_rate_clear(f); /* issue 20 (F) */
    flow_waitlist_clear(f); /* i20wait */
    f->s.resets++;
    go(f, FLOW_ATTRACT);
}

flow_t *flow_create(const catalog_t *cat, const flow_config_t *cfg, flow_time_t now)
{
    flow_t *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->cfg = *cfg;
    f->s.cat = cat;
    f->s.rules = cfg->rules;
    /* i19counter: 工作台 1..queue_counters (4 when not configured) */
    f->s.n_counters = cfg->queue_counters > 0 && cfg->queue_counters <= FLOW_COUNTER_MAX
                          ? cfg->queue_counters
                          : 4;
    set_time(f, now);
    f->last_input = now.ms;
    flow_reset(f);
    f->s.resets = 0;
    return f;
}

void flow_destroy(flow_t *f)
{
    if (!f)
        return;
    flow_staff_clear(f);
    clear_digits(f);
    clear_sessions(f);
    clear_bookings(f);
    clear_request(f);
    wipe_bytes(f, sizeof *f);
    free(f);
}

const flow_state_t *flow_state(const flow_t *f)
{
    return &f->s;
}

int flow_take_request(flow_t *f, flow_request_t *out)
{
    if (!f->has_req)
        return 0;
    *out = f->req;
    clear_request(f);
    return 1;
}

static int timeout_scale(const flow_t *f)
{
    return f->s.elder ? 2 : 1;
}

static uint64_t warn_at(const flow_t *f)
{
    return f->last_input + (uint64_t)f->cfg.idle_timeout_ms * (uint64_t)timeout_scale(f);
}

static uint64_t reset_at(const flow_t *f)
{
    return warn_at(f) + (uint64_t)f->cfg.countdown_ms * (uint64_t)timeout_scale(f);
}

/* A finished screen: the booking made or the check-in done. What it shows
 * (service, time, code) is the last resident's, so it goes back to the
 * start on its own, sooner than the idle reset (issue 15 item 7). */
static int finished(const flow_t *f)
{
    return f->cfg.finished_ms > 0 &&
           (f->s.screen == FLOW_TICKET || f->s.screen == FLOW_CHECKIN_RESULT ||
            f->s.screen == FLOW_QUEUE_TICKET || f->s.screen == FLOW_ENROLLED ||
            f->s.screen == FLOW_RATE_DONE);
}

static uint64_t finish_at(const flow_t *f)
{
    return f->last_input + (uint64_t)f->cfg.finished_ms * (uint64_t)timeout_scale(f);
}

void flow_finish_count(flow_t *f, uint64_t now_ms)
{
    if (!finished(f)) {
        f->s.finish_s = 0;
        return;
    }
    uint64_t end = finish_at(f);
    f->s.finish_s = end > now_ms ? (int)((end - now_ms + 999) / 1000) : 1;
}

void flow_tick(flow_t *f, flow_time_t now)
{
    /* A new minute can close a session for booking (the cut-off): the
     * screens that show sessions must be drawn again. */
    if (now.stamp != f->s.now && f->s.screen == FLOW_SLOTS)
        changed(f);
    set_time(f, now);
    if (f->s.screen == FLOW_ATTRACT)
        return;
    if (finished(f)) {
        if (now.ms >= finish_at(f)) {
            flow_reset(f);
            return;
        }
        int left = f->s.finish_s;
        flow_finish_count(f, now.ms);
        if (left != f->s.finish_s)
            changed(f);
    }
    if (now.ms >= reset_at(f)) {
        flow_reset(f);
        return;
    }
    flow_counter_tick(f, now.ms); /* i19counter */
    if (now.ms >= warn_at(f)) {
        int left = (int)((reset_at(f) - now.ms + 999) / 1000);
        if (!f->s.idle_warning || left != f->s.countdown_s) {
            f->s.idle_warning = 1;
            f->s.countdown_s = left;
            changed(f);
        }
    }
}

uint64_t flow_next_deadline(const flow_t *f)
{
    if (f->s.screen == FLOW_ATTRACT)
        return UINT64_MAX;
    if (finished(f) && f->s.finish_s > 0) {
        /* The countdown's next whole second, unless the warning is sooner. */
        uint64_t next = finish_at(f) - (uint64_t)(f->s.finish_s - 1) * 1000;
        if (!f->s.idle_warning && next < warn_at(f))
            return next;
    }
    if (!f->s.idle_warning)
        return warn_at(f) < flow_counter_deadline(f) ? warn_at(f)
                                                     : flow_counter_deadline(f); /* i19counter */
    /* The next whole second of the countdown. */
    uint64_t end = reset_at(f);
    uint64_t left = (uint64_t)(f->s.countdown_s - 1) * 1000;
    return end - left;
}

int flow_input(flow_t *f, flow_time_t now)
{
    return touch(f, now);
}

void flow_set_bookings_off(flow_t *f, int off)
{
    if (f->s.bookings_off != !!off) {
        f->s.bookings_off = !!off;
        changed(f);
    }
}

int flow_alternatives(const flow_state_t *s, int out[], int max)
{
    int n = 0;
    for (int i = 0; i < s->n_sessions && n < max; i++) {
        const flow_session_t *se = &s->sessions[i];
        if (strcmp(se->id, s->refused_id) != 0 && flow_slot(s, se) == FLOW_SLOT_OPEN &&
            se->remaining >= s->party)
            out[n++] = i;
    }
    return n;
}

int flow_private_digits(flow_screen_t screen)
{
    return screen == FLOW_PHONE || screen == FLOW_LOOKUP || screen == FLOW_CHECKIN_FACTOR;
}

flow_slot_t flow_slot(const flow_state_t *s, const flow_session_t *se)
{
    if (!se->open || s->bookings_off)
        return FLOW_SLOT_CLOSED;
    if (rules_check_cutoff(&s->rules, se->date, se->start, s->now) != RULES_OK)
        return FLOW_SLOT_TOO_LATE;
    if (se->remaining < 1)
        return FLOW_SLOT_FULL;
    return FLOW_SLOT_OPEN;
}

static int find_category(const flow_t *f, const char *id)
{
    for (int i = 0; i < f->s.cat->n_categories; i++)
        if (strcmp(f->s.cat->categories[i].id, id) == 0)
            return i;
    return -1;
}

static int find_service(const flow_t *f, const char *id)
{
    for (int i = 0; i < f->s.cat->n_services; i++)
        if (strcmp(f->s.cat->services[i].id, id) == 0)
            return i;
    return -1;
}

static int max_party(const flow_t *f)
{
    int m = f->cfg.rules.max_party;
    if (f->s.session >= 0 && !f->s.waitlist && f->s.sessions[f->s.session].remaining < m)
        m = f->s.sessions[f->s.session].remaining;
    return m < 1 ? 1 : m;
}

void flow_request_print(flow_t *f)
{
    char t[KIOSK_TICKET_SIZE];
    memcpy(t, f->s.ticket, sizeof t);
    request(f, FLOW_REQ_PRINT);
    memcpy(f->req.ticket, t, sizeof t);
    /* The tap answers at once: the screen says it is printing until the
     * printer answers (issue 15 item 13). */
    f->s.print = FLOW_PRINT_SENDING;
    f->s.print_tries++;
    /* Printing never blocks the screen: the resident may leave meanwhile. */
    f->s.busy = 0;
}

static void request_sessions(flow_t *f)
{
    clear_sessions(f);
    request(f, FLOW_REQ_SESSIONS);
    strcpy(f->req.service_id, f->s.cat->services[f->s.service].id);
}

static void request_lookup(flow_t *f)
{
    clear_bookings(f);
    request(f, FLOW_REQ_LOOKUP);
    memcpy(f->req.phone, f->s.digits, sizeof f->req.phone);
}

static void key_digit(flow_t *f, char c)
{
    if (f->s.n_digits < KIOSK_PHONE_LEN) {
        f->s.digits[f->s.n_digits++] = c;
        f->s.digits[f->s.n_digits] = '\0';
        f->s.notice = FLOW_NOTICE_NONE;
        changed(f);
    }
}

static int keypad_screen(const flow_t *f)
{
    return f->s.screen == FLOW_PHONE || f->s.screen == FLOW_LOOKUP;
}

static void back(flow_t *f)
{
    switch (f->s.screen) {
    case FLOW_HOME:
        /* Home has no back (issue 15 item 9): it used to end the visit,
         * switching elder mode and English off; only the idle reset does. */
        break;
    case FLOW_CATEGORY:
    case FLOW_LOOKUP:
    case FLOW_CHECKIN:
    case FLOW_CHECKIN_RESULT:
    case FLOW_TICKET:
        clear_digits(f);
        go(f, FLOW_HOME);
        break;
    case FLOW_CHECKIN_FACTOR:
        flow_checkin_factor_back(f);
        break;
    case FLOW_SERVICE:
        go(f, f->s.category >= 0 ? FLOW_CATEGORY : FLOW_HOME);
        break;
    case FLOW_SLOTS:
        go(f, FLOW_SERVICE);
        break;
    case FLOW_PHONE:
        go(f, FLOW_SLOTS);
        break;
    case FLOW_CONFIRM:
        go(f, FLOW_PHONE);
        break;
    case FLOW_REFUSED:
        /* Seats may have changed: show the same day again from the store,
         * with the session that filled now marked full. */
        go(f, FLOW_SLOTS);
        request_sessions(f);
        f->keep_date = 1;
        break;
    case FLOW_BOOKINGS:
        go(f, FLOW_LOOKUP);
        break;
    case FLOW_BOOKING:
        go(f, FLOW_BOOKINGS);
        break;
    case FLOW_CANCEL:
        clear_code(f);
        f->s.notice = FLOW_NOTICE_NONE;
        go(f, f->cancel_from == FLOW_BOOKING ? FLOW_BOOKING : FLOW_BOOKINGS);
        break;
    default:
        flow_waitlist_back(f); /* i20wait */
        break;
    }
}

/* My bookings (issue 15 item 1): "booking:N" opens the N-th booking listed
 * (from 1), to see again when and where to come; from there "cancel" asks
 * to cancel it ("cancel:<ticket>" from the list still does, for callers
 * of the flow; the screens no longer offer it there) and "done" goes back
 * to the list. */
static void tap_my_bookings(flow_t *f, const char *id)
{
    if (f->s.screen == FLOW_BOOKINGS && strncmp(id, "booking:", 8) == 0) {
        char *end;
        long n = strtol(id + 8, &end, 10);
        if (id[8] >= '1' && id[8] <= '9' && *end == '\0' && n <= f->s.n_bookings) {
            f->s.booking = (int)n - 1;
            go(f, FLOW_BOOKING);
        }
        return;
    }
    if (f->s.screen == FLOW_BOOKING && strcmp(id, "done") == 0) {
        go(f, FLOW_BOOKINGS); /* back to the list */
        return;
    }
    if (f->s.screen == FLOW_BOOKING && strcmp(id, "cancel") == 0) {
        if (f->s.booking >= 0 && f->s.booking < f->s.n_bookings &&
            f->s.bookings[f->s.booking].status == RULES_BOOKED) {
            f->cancel_from = FLOW_BOOKING;
            clear_code(f);
            go(f, FLOW_CANCEL);
        }
        return;
    }
    if (f->s.screen == FLOW_BOOKINGS && strncmp(id, "cancel:", 7) == 0) {
        for (int i = 0; i < f->s.n_bookings; i++) {
            if (strcmp(f->s.bookings[i].ticket, id + 7) == 0 &&
                f->s.bookings[i].status == RULES_BOOKED) {
                f->s.booking = i;
                f->cancel_from = FLOW_BOOKINGS;
                clear_code(f);
                go(f, FLOW_CANCEL);
            }
        }
    }
}

static void tap_home_screen(flow_t *f, const char *id)
{
    if (strncmp(id, "category:", 9) == 0) {
        int c = find_category(f, id + 9);
        if (c >= 0) {
            f->s.category = c;
            f->s.cat_page = 0;
            go(f, FLOW_CATEGORY);
        }
    } else if (strcmp(id, "lookup") == 0) {
        clear_digits(f);
        clear_bookings(f);
        go(f, FLOW_LOOKUP);
    } else if (strcmp(id, "checkin") == 0) {
        go(f, FLOW_CHECKIN);
    } else if (strcmp(id, "elder") == 0) {
        f->s.elder = !f->s.elder;
        f->s.home_page = 0; /* the pages are not the same any more */
        changed(f);
    } else if (strcmp(id, "lang") == 0) {
        f->s.lang_en = !f->s.lang_en;
        f->s.home_page = 0;
        changed(f);
    }
}

static void tap_slots(flow_t *f, const char *id)
{
    if (strncmp(id, "date:", 5) == 0) {
        dt_date_t d;
        long off;
        if (dt_parse_date(id + 5, &d) == 0 && (off = dt_days(d) - dt_days(f->s.today)) >= 0 &&
            off < f->cfg.rules.horizon_days) {
            f->s.date = d;
            f->s.session = -1;
            changed(f);
        }
    } else if (strncmp(id, "session:", 8) == 0) {
        for (int i = 0; i < f->s.n_sessions; i++) {
            if (strcmp(f->s.sessions[i].id, id + 8) == 0 &&
                flow_slot(&f->s, &f->s.sessions[i]) == FLOW_SLOT_OPEN) {
                f->s.session = i;
                f->s.party = 1;
                f->s.waitlist = 0; /* i20wait: a booking, not the waitlist */
                go(f, FLOW_PHONE);
                return;
            }
        }
    }
}

static void tap_keypad(flow_t *f, const char *id)
{
    if (strncmp(id, "key:", 4) == 0) {
        const char *k = id + 4;
        if (k[0] >= '0' && k[0] <= '9' && k[1] == '\0') {
            key_digit(f, k[0]);
        } else if (strcmp(k, "del") == 0 && f->s.n_digits > 0) {
            f->s.digits[--f->s.n_digits] = '\0';
            f->s.notice = FLOW_NOTICE_NONE;
            changed(f);
        } else if (strcmp(k, "clear") == 0 && f->s.n_digits > 0) {
            /* One tap to start again (issue 15 item 3), wiped as on reset. */
            clear_digits(f);
            f->s.notice = FLOW_NOTICE_NONE;
            changed(f);
        }
    } else if (strcmp(id, "next") == 0) {
        if (!rules_phone_valid(f->s.digits)) {
            f->s.notice = FLOW_NOTICE_PHONE_BAD;
            changed(f);
        } else if (f->s.screen == FLOW_PHONE) {
            f->s.party = 1;
            go(f, FLOW_CONFIRM);
        } else if (!flow_throttle(f, &f->lookups, f->cfg.lookup_limit, f->cfg.lookup_window,
                                  f->cfg.lookup_pause, f->s.digits, "lookup")) {
            /* Numbers are being tried one after another (issue 16): no
             * lookup for a while, calmly, and the number typed goes. */
            clear_digits(f);
            f->s.notice = FLOW_NOTICE_LOOKUP_PAUSED;
            changed(f);
        } else {
            go(f, FLOW_BOOKINGS);
            request_lookup(f);
        }
    }
}

/* A key of the ticket code's keypad (check-in, cancel; the code's own
 * alphabet, no IME): "key:<symbol>" or "key:del". Returns 1 when id was
 * such a key. */
static int code_key(flow_t *f, const char *id)
{
    static const char alphabet[] = KIOSK_TICKET_ALPHABET;
    if (strncmp(id, "key:", 4) != 0)
        return 0;
    const char *k = id + 4;
    if (strcmp(k, "del") == 0 && f->s.n_code > 0) {
        f->s.code[--f->s.n_code] = '\0';
        f->s.notice = FLOW_NOTICE_NONE;
        changed(f);
    } else if (k[0] && !k[1] && strchr(alphabet, k[0]) && f->s.n_code < KIOSK_TICKET_LEN) {
        f->s.code[f->s.n_code++] = k[0];
        f->s.code[f->s.n_code] = '\0';
        f->s.notice = FLOW_NOTICE_NONE;
        changed(f);
    }
    return 1;
}

/* issue 20 (F): the code keypad of rate-code (flow_rate.c). */
int flow_code_key(flow_t *f, const char *id)
{
    return code_key(f, id);
}

void flow_code_clear(flow_t *f)
{
    clear_code(f);
}

/* Cancelling needs the booking's code (issue 16): a phone number alone
 * shows that bookings exist and when and where to come, but cancels
 * nothing. A wrong code stays on the keypad to be corrected, with what
 * happened above it; one who lost the code is sent to the staff. */
static void tap_cancel(flow_t *f, const char *id)
{
    if (code_key(f, id))
        return;
    if (strcmp(id, "keep") == 0) {
        back(f);
    } else if (strcmp(id, "confirm") == 0 && f->s.booking >= 0 &&
               f->s.booking < f->s.n_bookings && f->s.n_code == KIOSK_TICKET_LEN) {
        if (strcmp(f->s.code, f->s.bookings[f->s.booking].ticket) != 0) {
            f->s.notice = FLOW_NOTICE_CODE_WRONG;
            changed(f);
            return;
        }
        clear_code(f);
        request(f, FLOW_REQ_CANCEL);
        strcpy(f->req.ticket, f->s.bookings[f->s.booking].ticket);
    }
}

static void tap_code_keypad(flow_t *f, const char *id)
{
    /* On to the second factor (flow_checkin.c). */
    if (!code_key(f, id) && strcmp(id, "next") == 0 && f->s.n_code == KIOSK_TICKET_LEN)
        flow_checkin_code_done(f);
}

/* A refusal offers the step that works (issue 15 item 5): another session
 * with seats, straight to the confirmation with the number kept; my
 * bookings for that number; typing the number or choosing the persons
 * again; other times; home. */
static void tap_refused(flow_t *f, const char *id)
{
    if (strcmp(id, "done") == 0) {
        /* What was booked stays booked; the number typed for the refused
         * one goes, as with "home". */
        clear_digits(f);
        go(f, FLOW_HOME);
    } else if (strcmp(id, "slots") == 0) {
        back(f);
    } else if (strcmp(id, "lookup") == 0) {
        go(f, FLOW_BOOKINGS);
        request_lookup(f);
    } else if (strcmp(id, "phone") == 0 && f->s.session >= 0) {
        go(f, FLOW_PHONE);
    } else if (strcmp(id, "party") == 0 && f->s.session >= 0) {
        f->s.party = 1;
        go(f, FLOW_CONFIRM);
    } else if (strncmp(id, "session:", 8) == 0) {
        int alt[FLOW_ALTERNATIVES];
        int n = flow_alternatives(&f->s, alt, FLOW_ALTERNATIVES);
        for (int i = 0; i < n; i++) {
            if (strcmp(f->s.sessions[alt[i]].id, id + 8) == 0) {
                f->s.session = alt[i];
                f->s.date = f->s.sessions[alt[i]].date;
                go(f, FLOW_CONFIRM);
                return;
            }
        }
    }
}

static void tap_confirm(flow_t *f, const char *id)
{
    if (strcmp(id, "party-inc") == 0 && f->s.party < max_party(f)) {
        f->s.party++;
        changed(f);
    } else if (strcmp(id, "party-dec") == 0 && f->s.party > 1) {
        f->s.party--;
        changed(f);
    } else if (strcmp(id, "confirm") == 0 && f->s.session >= 0) {
        request(f, FLOW_REQ_BOOK);
        strcpy(f->req.session_id, f->s.sessions[f->s.session].id);
        memcpy(f->req.phone, f->s.digits, sizeof f->req.phone);
        f->req.party = f->s.party;
        flow_for_request(f);
    }
}

void flow_tap(flow_t *f, const char *id, flow_time_t now)
{
    if (touch(f, now))
        return;
    if (f->s.busy)
        return; /* one request at a time; the result moves the flow on */
    if (f->s.screen == FLOW_ATTRACT && strcmp(id, "staff-login") == 0) {
        /* Only the hidden long press produces this id (the platform). */
        flow_staff_clear(f);
        go(f, FLOW_STAFF_LOGIN);
        return;
    }
    if (f->s.screen == FLOW_ATTRACT) {
        go(f, FLOW_HOME);
        return;
    }
    if (f->s.screen >= FLOW_STAFF_LOGIN) {
        flow_staff_tap(f, id);
        return;
    }
    if (flow_call_tap(f, id) || flow_terms_tap(f, id) || flow_for_tap(f, id) ||
        flow_queue_tap(f, id) || flow_rate_tap(f, id) || flow_waitlist_tap(f, id))
        return;
    if (strcmp(id, "home") == 0) {
        clear_digits(f);
        f->s.home_page = 0; /* home starts at its first page; back keeps it */
        go(f, FLOW_HOME);
        return;
    }
    if (strcmp(id, "back") == 0) {
        back(f);
        return;
    }
    if (strcmp(id, "page-next") == 0 || strcmp(id, "page-prev") == 0) {
        /* i15elder: lists that do not fit page rather than scroll. */
        int *page = f->s.screen == FLOW_HOME       ? &f->s.home_page
                    : f->s.screen == FLOW_CATEGORY ? &f->s.cat_page
                                                   : NULL;
        int step = id[5] == 'n' ? 1 : -1;
        if (page && *page + step >= 0) {
            *page += step;
            changed(f);
        }
        return;
    }
    switch (f->s.screen) {
    case FLOW_HOME:
        tap_home_screen(f, id);
        break;
    case FLOW_CATEGORY:
        if (strncmp(id, "service:", 8) == 0) {
            int s = find_service(f, id + 8);
            if (s >= 0 && f->s.cat->services[s].category == f->s.category) {
                f->s.service = s;
                go(f, FLOW_SERVICE);
            }
        }
        break;
    case FLOW_SERVICE:
        if (strcmp(id, "book") == 0) {
            f->s.date = f->s.today;
            go(f, FLOW_SLOTS);
            request_sessions(f);
        }
        break;
    case FLOW_SLOTS:
        tap_slots(f, id);
        break;
    case FLOW_PHONE:
    case FLOW_LOOKUP:
        tap_keypad(f, id);
        break;
    case FLOW_CONFIRM:
        tap_confirm(f, id);
        break;
    case FLOW_TICKET:
        if (strcmp(id, "done") == 0) {
            go(f, FLOW_HOME);
        } else if (strcmp(id, "print") == 0) {
            flow_request_print(f);
        }
        break;
    case FLOW_CHECKIN:
        tap_code_keypad(f, id);
        break;
    case FLOW_CHECKIN_FACTOR:
        flow_checkin_factor_tap(f, id);
        break;
    case FLOW_CHECKIN_RESULT:
        if (strcmp(id, "done") == 0) {
            go(f, FLOW_HOME);
        } else if (strcmp(id, "checkin") == 0) {
            clear_digits(f);
            go(f, FLOW_CHECKIN);
        }
        break;
    case FLOW_REFUSED:
        tap_refused(f, id);
        break;
    case FLOW_BOOKINGS:
    case FLOW_BOOKING:
        tap_my_bookings(f, id);
        break;
    case FLOW_CANCEL:
        tap_cancel(f, id);
        break;
    default:
        break;
    }
}

void flow_text(flow_t *f, const char *text, flow_time_t now)
{
    if (touch(f, now))
        return;
    if (f->s.busy || !keypad_screen(f))
        return;
    for (const char *p = text; *p; p++)
        if (*p >= '0' && *p <= '9')
            key_digit(f, *p);
}

void flow_scan(flow_t *f, const char *text, flow_time_t now)
{
    /* A scan means someone is at the kiosk: it both ends the idle warning
     * and is carried out, from whatever screen is showing. */
    touch(f, now);
    if (f->s.busy || !text || !text[0])
        return;
    if (flow_rate_scan(f, text)) /* issue 20 (F): a ticket to rate, on rate-code */
        return;
    request(f, FLOW_REQ_CHECKIN);
    snprintf(f->req.input, sizeof f->req.input, "%s", text);
    f->checkin_typed = 0;
}

void flow_checkin_result(flow_t *f, int result, const flow_booking_t *b)
{
    if (!awaited(f, FLOW_REQ_CHECKIN))
        return;
    /* A typing slip, or someone else's code: back to the code, kept to
     * be corrected (issue 15 item 5), and counted (flow_checkin.c). */
    if (f->checkin_typed && f->s.screen == FLOW_CHECKIN_FACTOR && flow_checkin_refused(f, result))
        return;
    if (f->checkin_typed)
        clear_digits(f); /* the factor typed */
    f->s.checkin_result = result;
    f->s.checkin_found = b != NULL;
    if (b)
        f->s.checkin = *b;
    else
        wipe_bytes(&f->s.checkin, sizeof f->s.checkin);
    wipe_bytes(f->s.code, sizeof f->s.code);
    f->s.n_code = 0;
    go(f, FLOW_CHECKIN_RESULT);
}

void flow_print_result(flow_t *f, flow_print_t print)
{
    if (!awaited(f, FLOW_REQ_PRINT))
        return;
    f->s.print = print;
    changed(f);
}

void flow_sessions_result(flow_t *f, const flow_session_t *rows, int n, int failed)
{
    if (!awaited(f, FLOW_REQ_SESSIONS))
        return;
    int keep_date = f->keep_date;
    f->keep_date = 0;
    clear_sessions(f);
    f->s.sessions_loaded = 1;
    if (failed || n < 0) {
        f->s.notice = FLOW_NOTICE_STORE_ERROR;
        changed(f);
        return;
    }
    if (n > 0) {
        f->s.sessions = malloc(sizeof *rows * (size_t)n);
        if (!f->s.sessions) {
            f->s.notice = FLOW_NOTICE_STORE_ERROR;
            changed(f);
            return;
        }
        memcpy(f->s.sessions, rows, sizeof *rows * (size_t)n);
        f->s.n_sessions = n;
    }
    /* Start on the selected day if it has anything open, else on the first
     * day that does, so a resident does not face an empty day. */
    int has = 0, first = -1;
    for (int i = 0; i < n; i++) {
        if (flow_slot(&f->s, &rows[i]) != FLOW_SLOT_OPEN)
            continue;
        if (dt_days(rows[i].date) == dt_days(f->s.date))
            has = 1;
        if (first < 0)
            first = i;
    }
    if (!has && first >= 0 && !keep_date)
        f->s.date = rows[first].date;
    changed(f);
}

void flow_book_result(flow_t *f, int result, const char *ticket, const char *payload)
{
    if (!awaited(f, FLOW_REQ_BOOK))
        return;
    if (result == RULES_OK && (!ticket || strlen(ticket) != sizeof f->s.ticket - 1 || !payload ||
                               strlen(payload) >= sizeof f->s.payload))
        result = -1; /* booked without a code to show: treat as a failure */
    if (result == RULES_OK) {
        memcpy(f->s.ticket, ticket, sizeof f->s.ticket);
        snprintf(f->s.payload, sizeof f->s.payload, "%s", payload);
        clear_digits(f);
        go(f, FLOW_TICKET);
        f->s.print_tries = 0; /* this ticket's prints, counted from its first */
        flow_request_print(f);     /* printed at the same time as shown */
        return;
    }
    if (result < 0) {
        f->s.notice = FLOW_NOTICE_STORE_ERROR;
        changed(f);
        return;
    }
    f->s.refusal = (rules_result_t)result;
    if (f->s.session >= 0)
        memcpy(f->s.refused_id, f->s.sessions[f->s.session].id, sizeof f->s.refused_id);
    go(f, FLOW_REFUSED);
    if (result == RULES_FULL || result == RULES_CLOSED || result == RULES_TOO_LATE ||
        result == RULES_NO_SESSION) {
        /* Seats have changed since the slots were read: read them again
         * for the sessions to offer instead, the refused one marked. */
        request_sessions(f);
        f->keep_date = 1;
    }
}

void flow_lookup_result(flow_t *f, const flow_booking_t *rows, int n, int failed)
{
    if (!awaited(f, FLOW_REQ_LOOKUP))
        return;
    clear_bookings(f);
    if (failed || n < 0) {
        f->s.notice = FLOW_NOTICE_STORE_ERROR;
    } else if (n > 0) {
        f->s.bookings = malloc(sizeof *rows * (size_t)n);
        if (f->s.bookings) {
            memcpy(f->s.bookings, rows, sizeof *rows * (size_t)n);
            f->s.n_bookings = n;
        } else {
            f->s.notice = FLOW_NOTICE_STORE_ERROR;
        }
    }
    changed(f);
    flow_rate_lookup_done(f); /* issue 20 (F) */
}

void flow_cancel_result(flow_t *f, int result)
{
    if (!awaited(f, FLOW_REQ_CANCEL))
        return;
    go(f, FLOW_BOOKINGS);
    if (result < 0) {
        f->s.notice = FLOW_NOTICE_STORE_ERROR;
        changed(f);
        return;
    }
    /* Done, or refused because staff checked it in or cancelled it in the
     * meantime: either way the list is shown again as it now stands. */
    request_lookup(f);
    f->s.notice = result == RULES_OK ? FLOW_NOTICE_CANCELLED : FLOW_NOTICE_NOT_CANCELLABLE;
}

/* ---- taps on what cannot be chosen (issue 15 item 13) ---------------------- */

static flow_hint_t session_hint(const flow_t *f, const char *sid)
{
    for (int i = 0; i < f->s.n_sessions; i++) {
        if (strcmp(f->s.sessions[i].id, sid) != 0)
            continue;
        switch (flow_slot(&f->s, &f->s.sessions[i])) {
        case FLOW_SLOT_FULL:
            return FLOW_HINT_SESSION_FULL;
        case FLOW_SLOT_TOO_LATE:
            return FLOW_HINT_SESSION_LATE;
        case FLOW_SLOT_CLOSED:
            return FLOW_HINT_SESSION_CLOSED;
        default:
            return FLOW_HINT_UNAVAILABLE;
        }
    }
    return FLOW_HINT_UNAVAILABLE;
}

static flow_hint_t disabled_hint(const flow_t *f, const char *id)
{
    const flow_state_t *s = &f->s;
    if (s->busy)
        return FLOW_HINT_WAIT;
    if (s->screen == FLOW_SLOTS && strncmp(id, "session:", 8) == 0)
        return session_hint(f, id + 8);
    if (s->screen == FLOW_SLOTS && strncmp(id, "date:", 5) == 0)
        return FLOW_HINT_DAY_EMPTY;
    if (s->screen == FLOW_CHECKIN_FACTOR)
        return flow_checkin_factor_hint(f, id);
    if (s->screen == FLOW_CHECKIN || s->screen == FLOW_CANCEL) {
        if (strcmp(id, s->screen == FLOW_CANCEL ? "confirm" : "next") == 0)
            return FLOW_HINT_CODE_SHORT;
        if (strcmp(id, "key:del") == 0)
            return FLOW_HINT_NOTHING_TYPED;
        if (strncmp(id, "key:", 4) == 0)
            return FLOW_HINT_CODE_FULL;
    }
    if (keypad_screen(f)) {
        if (strcmp(id, "next") == 0)
            return FLOW_HINT_PHONE_SHORT;
        if (strcmp(id, "key:del") == 0 || strcmp(id, "key:clear") == 0)
            return FLOW_HINT_NOTHING_TYPED;
    }
    if (s->screen == FLOW_CONFIRM && strcmp(id, "party-inc") == 0)
        return FLOW_HINT_PARTY_MAX;
    if (s->screen == FLOW_CONFIRM && strcmp(id, "party-dec") == 0)
        return FLOW_HINT_PARTY_MIN;
    return FLOW_HINT_UNAVAILABLE;
}

void flow_tap_disabled(flow_t *f, const char *id, flow_time_t now)
{
    if (touch(f, now) || f->s.screen == FLOW_ATTRACT || f->s.screen >= FLOW_STAFF_LOGIN)
        return;
    f->s.hint = disabled_hint(f, id);
    if (f->s.hint == FLOW_HINT_SESSION_FULL)
        flow_waitlist_offer(f, id + 8); /* i20wait: 候补 beside the word */
    else
        f->s.wait_offer = -1;
    changed(f);
}
