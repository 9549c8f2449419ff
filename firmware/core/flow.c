#include "flow.h"
#include "wipe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct flow {
    flow_state_t s;
    flow_config_t cfg;
    uint64_t last_input;
    flow_request_t req;
    int has_req;
    int keep_date;               /* the next sessions result keeps the selected day */
    flow_request_kind_t pending; /* the request whose result is awaited */
    char pending_ticket[9];      /* the booking a staff request is about */
};

static const char *const screen_ids[FLOW_SCREEN_COUNT] = {
    [FLOW_ATTRACT] = "attract",   [FLOW_HOME] = "home",
    [FLOW_CATEGORY] = "category", [FLOW_SERVICE] = "service",
    [FLOW_SLOTS] = "slots",       [FLOW_PHONE] = "phone",
    [FLOW_CONFIRM] = "confirm",   [FLOW_TICKET] = "ticket",
    [FLOW_REFUSED] = "refused",   [FLOW_LOOKUP] = "lookup",
    [FLOW_BOOKINGS] = "bookings", [FLOW_CANCEL] = "cancel-confirm",
    [FLOW_CHECKIN] = "checkin",   [FLOW_CHECKIN_RESULT] = "checkin-result",
    [FLOW_STAFF_LOGIN] = "staff-login",
    [FLOW_STAFF] = "staff",
    [FLOW_STAFF_ROSTER] = "staff-roster",
    [FLOW_STAFF_CANCEL] = "staff-cancel",
    [FLOW_STAFF_EXPORT] = "staff-export",
    [FLOW_TECH] = "technician",
    [FLOW_TOUCH_TEST] = "touch-test",
    [FLOW_CALIBRATE] = "touch-calibrate",
    [FLOW_PATTERN] = "test-pattern",
};

const char *flow_screen_id(flow_screen_t s)
{
    return (int)s >= 0 && s < FLOW_SCREEN_COUNT ? screen_ids[s] : "unknown";
}

static void changed(flow_t *f)
{
    f->s.version++;
}

static void set_time(flow_t *f, flow_time_t now)
{
    f->s.now = now.stamp;
    int m;
    dt_from_stamp(now.stamp, &f->s.today, &m);
}

static void clear_digits(flow_t *f)
{
    wipe_bytes(f->s.digits, sizeof f->s.digits);
    f->s.n_digits = 0;
    wipe_bytes(f->s.code, sizeof f->s.code);
    f->s.n_code = 0;
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

static void clear_request(flow_t *f)
{
    wipe_bytes(&f->req, sizeof f->req);
    f->has_req = 0;
}

/* Logging out wipes everything staff saw: phone numbers on the roster, the
 * PIN being typed. */
static void clear_staff(flow_t *f)
{
    if (f->s.roster)
        wipe_bytes(f->s.roster, sizeof *f->s.roster * (size_t)f->s.n_roster);
    free(f->s.roster);
    free(f->s.day);
    f->s.roster = NULL;
    f->s.day = NULL;
    f->s.n_roster = f->s.n_day = 0;
    f->s.day_row = -1;
    wipe_bytes(f->s.pin, sizeof f->s.pin);
    f->s.n_pin = 0;
    wipe_bytes(f->s.staff, sizeof f->s.staff);
    wipe_bytes(f->s.reveal, sizeof f->s.reveal);
    wipe_bytes(f->s.cancel_ticket, sizeof f->s.cancel_ticket);
    wipe_bytes(f->s.staff_detail, sizeof f->s.staff_detail);
    wipe_bytes(f->s.tech, sizeof f->s.tech);
    f->s.n_tech = 0;
    f->s.staff_notice = FLOW_STAFF_NOTICE_NONE;
}

static void go(flow_t *f, flow_screen_t to)
{
    f->s.screen = to;
    f->s.notice = FLOW_NOTICE_NONE;
    f->s.staff_notice = FLOW_STAFF_NOTICE_NONE;
    changed(f);
}

static void reset(flow_t *f)
{
    clear_staff(f);
    clear_digits(f);
    clear_sessions(f);
    clear_bookings(f);
    clear_request(f);
    wipe_bytes(f->s.ticket, sizeof f->s.ticket);
    wipe_bytes(f->s.payload, sizeof f->s.payload);
    wipe_bytes(&f->s.checkin, sizeof f->s.checkin);
    f->s.checkin_found = 0;
    f->s.print = FLOW_PRINT_IDLE;
    f->s.category = f->s.service = -1;
    f->s.party = 1;
    f->s.busy = 0;
    f->s.elder = 0;
    f->s.lang_en = f->cfg.lang_en;
    f->s.idle_warning = 0;
    f->s.refusal = RULES_OK;
    f->keep_date = 0;
    f->pending = FLOW_REQ_NONE;
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
    set_time(f, now);
    f->last_input = now.ms;
    reset(f);
    f->s.resets = 0;
    return f;
}

void flow_destroy(flow_t *f)
{
    if (!f)
        return;
    clear_staff(f);
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

static void request(flow_t *f, flow_request_kind_t kind)
{
    clear_request(f);
    f->req.kind = kind;
    f->has_req = 1;
    f->s.busy = 1;
    f->pending = kind;
    changed(f);
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

/* Claims the awaited result of kind; 0 for a stray one, which is ignored. */
static int awaited(flow_t *f, flow_request_kind_t kind)
{
    if (f->pending != kind)
        return 0;
    f->pending = FLOW_REQ_NONE;
    f->s.busy = 0;
    return 1;
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
    if (now.ms >= reset_at(f)) {
        reset(f);
        return;
    }
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
    if (!f->s.idle_warning)
        return warn_at(f);
    /* The next whole second of the countdown. */
    uint64_t end = reset_at(f);
    uint64_t left = (uint64_t)(f->s.countdown_s - 1) * 1000;
    return end - left;
}

/* Input restarts the idle timer; returns 1 when the input was used up by
 * dismissing the idle warning. */
static int touch(flow_t *f, flow_time_t now)
{
    set_time(f, now);
    f->last_input = now.ms;
    if (f->s.idle_warning) {
        f->s.idle_warning = 0;
        changed(f);
        return 1;
    }
    return 0;
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

flow_slot_t flow_slot(const flow_state_t *s, const flow_session_t *se)
{
    if (!se->open || s->bookings_off)
        return FLOW_SLOT_CLOSED;
    if (dt_stamp(se->date, se->start) - s->now < s->rules.cutoff_minutes)
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
    if (f->s.session >= 0 && f->s.sessions[f->s.session].remaining < m)
        m = f->s.sessions[f->s.session].remaining;
    return m < 1 ? 1 : m;
}

static void request_print(flow_t *f)
{
    char t[9];
    memcpy(t, f->s.ticket, sizeof t);
    request(f, FLOW_REQ_PRINT);
    memcpy(f->req.ticket, t, sizeof t);
    f->s.print = FLOW_PRINT_IDLE;
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
    if (f->s.n_digits < 11) {
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
        reset(f);
        break;
    case FLOW_CATEGORY:
    case FLOW_LOOKUP:
    case FLOW_CHECKIN:
    case FLOW_CHECKIN_RESULT:
    case FLOW_TICKET:
        clear_digits(f);
        go(f, FLOW_HOME);
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
    case FLOW_CANCEL:
        go(f, FLOW_BOOKINGS);
        break;
    default:
        break;
    }
}

static void tap_home_screen(flow_t *f, const char *id)
{
    if (strncmp(id, "category:", 9) == 0) {
        int c = find_category(f, id + 9);
        if (c >= 0) {
            f->s.category = c;
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
        changed(f);
    } else if (strcmp(id, "lang") == 0) {
        f->s.lang_en = !f->s.lang_en;
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
        }
    } else if (strcmp(id, "next") == 0) {
        if (!rules_phone_valid(f->s.digits)) {
            f->s.notice = FLOW_NOTICE_PHONE_BAD;
            changed(f);
        } else if (f->s.screen == FLOW_PHONE) {
            f->s.party = 1;
            go(f, FLOW_CONFIRM);
        } else {
            go(f, FLOW_BOOKINGS);
            request_lookup(f);
        }
    }
}

/* The check-in keypad: the ticket code's own alphabet, no IME. */
static void tap_code_keypad(flow_t *f, const char *id)
{
    static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    if (strncmp(id, "key:", 4) == 0) {
        const char *k = id + 4;
        if (strcmp(k, "del") == 0 && f->s.n_code > 0) {
            f->s.code[--f->s.n_code] = '\0';
            changed(f);
        } else if (k[0] && !k[1] && strchr(alphabet, k[0]) && f->s.n_code < 8) {
            f->s.code[f->s.n_code++] = k[0];
            f->s.code[f->s.n_code] = '\0';
            changed(f);
        }
    } else if (strcmp(id, "next") == 0 && f->s.n_code == 8) {
        request(f, FLOW_REQ_CHECKIN);
        memcpy(f->req.input, f->s.code, sizeof f->s.code);
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
    }
}

/* ---- staff mode ---------------------------------------------------------- */

static void staff_request(flow_t *f, flow_request_kind_t kind)
{
    request(f, kind);
    snprintf(f->req.staff, sizeof f->req.staff, "%s", f->s.staff);
}

static void request_day(flow_t *f)
{
    staff_request(f, FLOW_REQ_STAFF_DAY);
}

static void request_roster(flow_t *f)
{
    staff_request(f, FLOW_REQ_ROSTER);
    snprintf(f->req.session_id, sizeof f->req.session_id, "%s", f->s.day[f->s.day_row].s.id);
}

static const flow_roster_row_t *roster_find(const flow_t *f, const char *ticket)
{
    for (int i = 0; i < f->s.n_roster; i++)
        if (strcmp(f->s.roster[i].ticket, ticket) == 0)
            return &f->s.roster[i];
    return NULL;
}

static void staff_set(flow_t *f, const char *ticket, rules_status_t to, const char *reason)
{
    staff_request(f, FLOW_REQ_STAFF_SET);
    snprintf(f->req.ticket, sizeof f->req.ticket, "%s", ticket);
    f->req.status = to;
    snprintf(f->req.input, sizeof f->req.input, "%s", reason ? reason : "");
}

/* The reasons staff choose from for a cancel: short, and the same words in
 * the audit log whoever cancels. */
static const char *const cancel_reasons[] = {"本人要求", "活动调整", "重复预约", "其他"};

static void tap_staff_login(flow_t *f, const char *id)
{
    if (strncmp(id, "key:", 4) == 0) {
        const char *k = id + 4;
        if (k[0] >= '0' && k[0] <= '9' && !k[1] && f->s.n_pin < (int)sizeof f->s.pin - 1) {
            f->s.pin[f->s.n_pin++] = k[0];
            f->s.pin[f->s.n_pin] = '\0';
            f->s.staff_notice = FLOW_STAFF_NOTICE_NONE;
            changed(f);
        } else if (strcmp(k, "del") == 0 && f->s.n_pin > 0) {
            f->s.pin[--f->s.n_pin] = '\0';
            changed(f);
        }
    } else if (strcmp(id, "next") == 0 && f->s.n_pin > 0) {
        request(f, FLOW_REQ_STAFF_LOGIN);
        memcpy(f->req.input, f->s.pin, sizeof f->s.pin);
        wipe_bytes(f->s.pin, sizeof f->s.pin);
        f->s.n_pin = 0;
    }
}

/* The export screen: presets, a day back or on for either end, export. */
static void tap_export(flow_t *f, const char *id)
{
    long today = dt_days(f->s.today);
    long from = dt_days(f->s.export_from), until = dt_days(f->s.export_until);
    if (strcmp(id, "range:today") == 0) {
        from = until = today;
    } else if (strcmp(id, "range:last7") == 0) {
        from = today - 6;
        until = today;
    } else if (strcmp(id, "range:next7") == 0) {
        from = today;
        until = today + 6;
    } else if (strcmp(id, "range:month") == 0) {
        dt_date_t first = {f->s.today.y, f->s.today.m, 1};
        dt_date_t next = {first.m == 12 ? first.y + 1 : first.y, first.m == 12 ? 1 : first.m + 1, 1};
        from = dt_days(first);
        until = dt_days(next) - 1;
    } else if (strcmp(id, "from:-1") == 0 || strcmp(id, "from:+1") == 0) {
        from += id[5] == '+' ? 1 : -1;
        if (until < from)
            until = from; /* the end follows the start past it */
    } else if (strcmp(id, "until:-1") == 0 || strcmp(id, "until:+1") == 0) {
        until += id[6] == '+' ? 1 : -1;
        if (from > until)
            from = until;
    } else if (strcmp(id, "export-save") == 0) {
        staff_request(f, FLOW_REQ_EXPORT);
        dt_format_date(f->s.export_from, f->req.date_from);
        dt_format_date(f->s.export_until, f->req.date_until);
        return;
    } else {
        return;
    }
    /* One export holds at most a year: the end that moved drags the other. */
    if (until - from >= FLOW_EXPORT_MAX_DAYS) {
        if (strncmp(id, "until:", 6) == 0)
            from = until - (FLOW_EXPORT_MAX_DAYS - 1);
        else
            until = from + (FLOW_EXPORT_MAX_DAYS - 1);
    }
    f->s.export_from = dt_from_days(from);
    f->s.export_until = dt_from_days(until);
    f->s.staff_notice = FLOW_STAFF_NOTICE_NONE;
    changed(f);
}

static void calib_clear(flow_t *f)
{
    f->s.calib_n = 0;
    f->s.calib_fitted = 0;
    f->s.calib_err = 0.0f;
    memset(f->s.calib_raw, 0, sizeof f->s.calib_raw);
    memset(f->s.calib_m, 0, sizeof f->s.calib_m);
    f->s.staff_notice = FLOW_STAFF_NOTICE_NONE;
}

/* A fit leaving a touch more than this far (normalised) from its target
 * means a target was missed: ask for the taps again. */
#define CALIB_MAX_ERR 0.03f

void flow_calib_press(flow_t *f, float x, float y, flow_time_t now)
{
    if (touch(f, now))
        return;
    if (f->s.screen != FLOW_CALIBRATE || f->s.busy || f->s.calib_n >= CALIB_TARGETS)
        return;
    f->s.calib_raw[f->s.calib_n][0] = x;
    f->s.calib_raw[f->s.calib_n][1] = y;
    f->s.calib_n++;
    f->s.staff_notice = FLOW_STAFF_NOTICE_NONE;
    if (f->s.calib_n == CALIB_TARGETS) {
        float want[CALIB_TARGETS][2];
        for (int i = 0; i < CALIB_TARGETS; i++)
            calib_target(i, &want[i][0], &want[i][1]);
        f->s.calib_fitted =
            calib_fit((const float(*)[2])f->s.calib_raw, (const float(*)[2])want, CALIB_TARGETS,
                      f->s.calib_m, &f->s.calib_err) == 0 &&
            f->s.calib_err <= CALIB_MAX_ERR && calib_sane(f->s.calib_m);
        if (!f->s.calib_fitted) {
            f->s.calib_n = 0; /* start over at the first target */
            f->s.staff_notice = FLOW_STAFF_NOTICE_CALIB_BAD;
        }
    }
    changed(f);
}

void flow_calib_result(flow_t *f, int result)
{
    if (!awaited(f, FLOW_REQ_CALIB_SAVE))
        return;
    if (result == 0) {
        /* Saved and in use: the touch test shows where touches land now. */
        go(f, FLOW_TOUCH_TEST);
        f->s.staff_notice = FLOW_STAFF_NOTICE_DONE;
    } else {
        f->s.staff_notice = FLOW_STAFF_NOTICE_ERROR;
    }
    changed(f);
}

static void tap_staff(flow_t *f, const char *id)
{
    flow_screen_t sc = f->s.screen;
    /* Leaving staff mode, from anywhere in it, is a logout to attract. */
    if (strcmp(id, "home") == 0 || strcmp(id, "logout") == 0 ||
        (strcmp(id, "back") == 0 && (sc == FLOW_STAFF_LOGIN || sc == FLOW_STAFF))) {
        reset(f);
        return;
    }
    if (strcmp(id, "back") == 0) {
        f->s.staff_notice = FLOW_STAFF_NOTICE_NONE;
        if (sc == FLOW_STAFF_CANCEL) {
            go(f, FLOW_STAFF_ROSTER);
        } else if (sc == FLOW_CALIBRATE) {
            go(f, FLOW_TOUCH_TEST);
        } else if (sc == FLOW_TOUCH_TEST || sc == FLOW_PATTERN) {
            go(f, FLOW_TECH);
        } else {
            wipe_bytes(f->s.reveal, sizeof f->s.reveal);
            go(f, FLOW_STAFF);
            request_day(f);
        }
        return;
    }
    switch (sc) {
    case FLOW_STAFF_LOGIN:
        tap_staff_login(f, id);
        break;
    case FLOW_STAFF:
        if (strncmp(id, "roster:", 7) == 0) {
            for (int i = 0; i < f->s.n_day; i++) {
                if (strcmp(f->s.day[i].s.id, id + 7) == 0) {
                    f->s.day_row = i;
                    go(f, FLOW_STAFF_ROSTER);
                    request_roster(f);
                }
            }
        } else if (strcmp(id, "export") == 0) {
            f->s.export_from = f->s.export_until = f->s.today;
            go(f, FLOW_STAFF_EXPORT);
        } else if (strcmp(id, "tech") == 0) {
            go(f, FLOW_TECH);
            staff_request(f, FLOW_REQ_TECH);
        }
        break;
    case FLOW_STAFF_ROSTER: {
        const char *colon = strchr(id, ':');
        const flow_roster_row_t *r = colon ? roster_find(f, colon + 1) : NULL;
        if (strcmp(id, "close-session") == 0 && f->s.day_row >= 0 &&
            f->s.day[f->s.day_row].s.open) {
            staff_request(f, FLOW_REQ_CLOSE);
            snprintf(f->req.session_id, sizeof f->req.session_id, "%s",
                     f->s.day[f->s.day_row].s.id);
        } else if (r && strncmp(id, "phone:", 6) == 0) {
            staff_request(f, FLOW_REQ_SHOW_PHONE);
            snprintf(f->req.ticket, sizeof f->req.ticket, "%s", r->ticket);
            snprintf(f->pending_ticket, sizeof f->pending_ticket, "%s", r->ticket);
        } else if (r && r->status == RULES_BOOKED) {
            if (strncmp(id, "attend:", 7) == 0) {
                staff_set(f, r->ticket, RULES_CHECKED_IN, NULL);
            } else if (strncmp(id, "noshow:", 7) == 0) {
                staff_set(f, r->ticket, RULES_NO_SHOW, NULL);
            } else if (strncmp(id, "cancel:", 7) == 0) {
                snprintf(f->s.cancel_ticket, sizeof f->s.cancel_ticket, "%s", r->ticket);
                go(f, FLOW_STAFF_CANCEL);
            }
        }
        break;
    }
    case FLOW_STAFF_CANCEL:
        if (strncmp(id, "reason:", 7) == 0) {
            int n = id[7] - '1';
            if (n >= 0 && n < (int)(sizeof cancel_reasons / sizeof *cancel_reasons) && !id[8]) {
                go(f, FLOW_STAFF_ROSTER);
                staff_set(f, f->s.cancel_ticket, RULES_CANCELLED, cancel_reasons[n]);
            }
        }
        break;
    case FLOW_STAFF_EXPORT:
        tap_export(f, id);
        break;
    case FLOW_CALIBRATE:
        if (strcmp(id, "calib-redo") == 0) {
            calib_clear(f);
            changed(f);
        } else if (strcmp(id, "calib-save") == 0 && f->s.calib_fitted) {
            staff_request(f, FLOW_REQ_CALIB_SAVE);
            memcpy(f->req.matrix, f->s.calib_m, sizeof f->req.matrix);
        }
        break;
    case FLOW_TOUCH_TEST:
        if (strcmp(id, "calibrate") == 0) {
            calib_clear(f);
            go(f, FLOW_CALIBRATE);
        }
        break;
    case FLOW_TECH:
        if (strcmp(id, "touch-test") == 0)
            go(f, FLOW_TOUCH_TEST);
        else if (strcmp(id, "test-pattern") == 0)
            go(f, FLOW_PATTERN);
        else if (strcmp(id, "print-test") == 0)
            staff_request(f, FLOW_REQ_PRINT_TEST);
        else if (strcmp(id, "refresh") == 0)
            staff_request(f, FLOW_REQ_TECH);
        break;
    case FLOW_PATTERN:
        if (strcmp(id, "pattern-exit") == 0)
            go(f, FLOW_TECH);
        break;
    default:
        break;
    }
}

const char *flow_cancel_reason(int i)
{
    return i >= 0 && i < (int)(sizeof cancel_reasons / sizeof *cancel_reasons) ? cancel_reasons[i]
                                                                              : NULL;
}

void flow_staff_login_result(flow_t *f, int result, const char *name, long long locked_until)
{
    if (!awaited(f, FLOW_REQ_STAFF_LOGIN))
        return;
    if (result == 0 && name && name[0]) {
        snprintf(f->s.staff, sizeof f->s.staff, "%s", name);
        go(f, FLOW_STAFF);
        request_day(f);
        return;
    }
    f->s.locked_until = locked_until;
    f->s.staff_notice = result == RULES_LOCKED    ? FLOW_STAFF_NOTICE_LOCKED
                        : result == RULES_BAD_PIN ? FLOW_STAFF_NOTICE_BAD_PIN
                                                  : FLOW_STAFF_NOTICE_ERROR;
    changed(f);
}

void flow_staff_day_result(flow_t *f, const flow_day_row_t *rows, int n, int failed)
{
    if (!awaited(f, FLOW_REQ_STAFF_DAY))
        return;
    free(f->s.day);
    f->s.day = NULL;
    f->s.n_day = 0;
    if (failed || n < 0) {
        f->s.staff_notice = FLOW_STAFF_NOTICE_ERROR;
    } else if (n > 0 && (f->s.day = malloc(sizeof *rows * (size_t)n))) {
        memcpy(f->s.day, rows, sizeof *rows * (size_t)n);
        f->s.n_day = n;
    }
    changed(f);
}

void flow_roster_result(flow_t *f, const flow_roster_row_t *rows, int n, int failed)
{
    if (!awaited(f, FLOW_REQ_ROSTER))
        return;
    if (f->s.roster)
        wipe_bytes(f->s.roster, sizeof *f->s.roster * (size_t)f->s.n_roster);
    free(f->s.roster);
    f->s.roster = NULL;
    f->s.n_roster = 0;
    if (failed || n < 0) {
        f->s.staff_notice = FLOW_STAFF_NOTICE_ERROR;
    } else if (n > 0 && (f->s.roster = malloc(sizeof *rows * (size_t)n))) {
        memcpy(f->s.roster, rows, sizeof *rows * (size_t)n);
        f->s.n_roster = n;
    }
    changed(f);
}

void flow_staff_action_result(flow_t *f, int result)
{
    flow_request_kind_t k = f->pending;
    if (k != FLOW_REQ_STAFF_SET && k != FLOW_REQ_SHOW_PHONE && k != FLOW_REQ_CLOSE)
        return;
    awaited(f, k);
    if (k == FLOW_REQ_SHOW_PHONE && result == RULES_OK)
        snprintf(f->s.reveal, sizeof f->s.reveal, "%s", f->pending_ticket);
    if (k == FLOW_REQ_CLOSE && result == RULES_OK && f->s.day_row >= 0)
        f->s.day[f->s.day_row].s.open = 0; /* the roster shows it closed at once */
    f->s.staff_notice = result == RULES_OK ? FLOW_STAFF_NOTICE_DONE
                        : result < 0       ? FLOW_STAFF_NOTICE_ERROR
                                           : FLOW_STAFF_NOTICE_REFUSED;
    changed(f);
    if (k != FLOW_REQ_SHOW_PHONE)
        request_roster(f); /* counts and statuses as they now stand */
}

void flow_export_result(flow_t *f, int result, const char *detail)
{
    if (!awaited(f, FLOW_REQ_EXPORT))
        return;
    f->s.staff_notice = result == 0   ? FLOW_STAFF_NOTICE_EXPORTED
                        : result == 1 ? FLOW_STAFF_NOTICE_NO_USB
                                      : FLOW_STAFF_NOTICE_ERROR;
    snprintf(f->s.staff_detail, sizeof f->s.staff_detail, "%s", detail ? detail : "");
    changed(f);
}

void flow_tech_result(flow_t *f, const char lines[][160], int n)
{
    if (f->pending != FLOW_REQ_TECH && f->pending != FLOW_REQ_PRINT_TEST)
        return;
    awaited(f, f->pending);
    f->s.n_tech = n < FLOW_TECH_LINES ? (n < 0 ? 0 : n) : FLOW_TECH_LINES;
    for (int i = 0; i < f->s.n_tech; i++)
        snprintf(f->s.tech[i], sizeof f->s.tech[i], "%s", lines[i]);
    changed(f);
}

void flow_tap(flow_t *f, const char *id, flow_time_t now)
{
    if (touch(f, now))
        return;
    if (f->s.busy)
        return; /* one request at a time; the result moves the flow on */
    if (f->s.screen == FLOW_ATTRACT && strcmp(id, "staff-login") == 0) {
        /* Only the hidden long press produces this id (the platform). */
        clear_staff(f);
        go(f, FLOW_STAFF_LOGIN);
        return;
    }
    if (f->s.screen == FLOW_ATTRACT) {
        go(f, FLOW_HOME);
        return;
    }
    if (f->s.screen >= FLOW_STAFF_LOGIN) {
        tap_staff(f, id);
        return;
    }
    if (strcmp(id, "home") == 0) {
        clear_digits(f);
        go(f, FLOW_HOME);
        return;
    }
    if (strcmp(id, "back") == 0) {
        back(f);
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
            request_print(f);
        }
        break;
    case FLOW_CHECKIN:
        tap_code_keypad(f, id);
        break;
    case FLOW_CHECKIN_RESULT:
        if (strcmp(id, "done") == 0)
            go(f, FLOW_HOME);
        break;
    case FLOW_REFUSED:
        if (strcmp(id, "slots") == 0) {
            back(f);
        } else if (strcmp(id, "lookup") == 0) {
            go(f, FLOW_BOOKINGS);
            request_lookup(f);
        }
        break;
    case FLOW_BOOKINGS:
        if (strncmp(id, "cancel:", 7) == 0) {
            for (int i = 0; i < f->s.n_bookings; i++) {
                if (strcmp(f->s.bookings[i].ticket, id + 7) == 0 &&
                    f->s.bookings[i].status == RULES_BOOKED) {
                    f->s.booking = i;
                    go(f, FLOW_CANCEL);
                }
            }
        }
        break;
    case FLOW_CANCEL:
        if (strcmp(id, "keep") == 0) {
            back(f);
        } else if (strcmp(id, "confirm") == 0 && f->s.booking >= 0) {
            request(f, FLOW_REQ_CANCEL);
            strcpy(f->req.ticket, f->s.bookings[f->s.booking].ticket);
        }
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
    request(f, FLOW_REQ_CHECKIN);
    snprintf(f->req.input, sizeof f->req.input, "%s", text);
}

void flow_checkin_result(flow_t *f, int result, const flow_booking_t *b)
{
    if (!awaited(f, FLOW_REQ_CHECKIN))
        return;
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
        request_print(f); /* printed at the same time as shown */
        return;
    }
    if (result < 0) {
        f->s.notice = FLOW_NOTICE_STORE_ERROR;
        changed(f);
        return;
    }
    f->s.refusal = (rules_result_t)result;
    go(f, FLOW_REFUSED);
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
