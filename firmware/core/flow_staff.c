/* The staff flow: PIN login, today's sessions, rosters, cancels with a
 * reason, the export range, the technician screens and touch calibration.
 * Its own file because it is a second state machine beside the resident
 * one (flow.c), sharing only the flow's state and primitives (flow_int.h);
 * flow.c hands it every tap on a staff screen. */
#include "flow_int.h"
#include "strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Logging out wipes everything staff saw: phone numbers on the roster, the
 * PIN being typed. */
void flow_staff_clear(flow_t *f)
{
    if (f->s.roster)
        wipe_bytes(f->s.roster, sizeof *f->s.roster * (size_t)f->s.n_roster);
    free(f->s.roster);
    free(f->s.day);
    free(f->s.calls);
    f->s.roster = NULL;
    f->s.day = NULL;
    f->s.calls = NULL;
    f->s.n_calls = 0;
    f->s.n_roster = f->s.n_day = 0;
    f->s.open_bursts = 0;
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
    flow_counter_clear(f); /* i19counter */
}

static void staff_request(flow_t *f, flow_request_kind_t kind)
{
    request(f, kind);
    snprintf(f->req.staff, sizeof f->req.staff, "%s", f->s.staff);
}

static void request_day(flow_t *f)
{
    staff_request(f, FLOW_REQ_STAFF_DAY);
}

void flow_staff_request_day(flow_t *f)
{
    request_day(f);
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
static const str_id_t cancel_reasons[] = {STR_REASON_OWN, STR_REASON_CHANGED, STR_REASON_DUPLICATE,
                                          STR_REASON_OTHER};

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
        dt_date_t next = {first.m == 12 ? first.y + 1 : first.y, first.m == 12 ? 1 : first.m + 1,
                          1};
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
        f->s.calib_fitted = calib_fit((const float(*)[2])f->s.calib_raw, (const float(*)[2])want,
                                      CALIB_TARGETS, f->s.calib_m, &f->s.calib_err) == 0 &&
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

void flow_staff_tap(flow_t *f, const char *id)
{
    flow_screen_t sc = f->s.screen;
    /* Leaving staff mode, from anywhere in it, is a logout to attract. */
    if (strcmp(id, "home") == 0 || strcmp(id, "logout") == 0 ||
        (strcmp(id, "back") == 0 && (sc == FLOW_STAFF_LOGIN || sc == FLOW_STAFF))) {
        flow_reset(f);
        return;
    }
    if (flow_counter_tap(f, id)) /* i19counter: the counter screens' own taps, back included */
        return;
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
        } else if (strcmp(id, "queue-counter") == 0) { /* i19counter */
            f->s.staff_notice = FLOW_STAFF_NOTICE_NONE;
            go(f, FLOW_STAFF_COUNTERS);
        } else if (strcmp(id, "tech") == 0) {
            go(f, FLOW_TECH);
            staff_request(f, FLOW_REQ_TECH);
        } else if (strcmp(id, "release-bursts") == 0 && f->s.open_bursts > 0) {
            /* The bursts the booking limits flagged: their seats back in
             * one step, audited under this staff member's name. */
            staff_request(f, FLOW_REQ_RELEASE);
            snprintf(f->req.input, sizeof f->req.input, "%s", str_get(STR_STAFF_RELEASE_REASON, 0));
        } else if (strncmp(id, "call-ack:", 9) == 0) {
            /* A resident's call for staff, acknowledged under this staff
             * member's name: only one the screen lists. */
            for (int i = 0; i < f->s.n_calls; i++) {
                char want[40];
                snprintf(want, sizeof want, "%lld", f->s.calls[i].id);
                if (strcmp(want, id + 9) == 0) {
                    staff_request(f, FLOW_REQ_CALL_ACK);
                    snprintf(f->req.input, sizeof f->req.input, "%s", want);
                    break;
                }
            }
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
        } else if (r && r->status == RULES_CHECKED_IN && strncmp(id, "rate-prompt:", 12) == 0) {
            /* issue 20 (F): the kiosk offers this visit's rating at the
             * next visit's first touch (after staff log out). */
            staff_request(f, FLOW_REQ_RATE_PROMPT);
            snprintf(f->req.ticket, sizeof f->req.ticket, "%s", r->ticket);
        } else if (r && r->status == RULES_BOOKED) {
            if (strncmp(id, "attend:", 7) == 0) {
                staff_set(f, r->ticket, RULES_CHECKED_IN, NULL);
            } else if (strncmp(id, "noshow:", 7) == 0) {
                staff_set(f, r->ticket, RULES_NO_SHOW, NULL);
            } else if (strncmp(id, "cancel:", 7) == 0) {
                snprintf(f->s.cancel_ticket, sizeof f->s.cancel_ticket, "%s", r->ticket);
                go(f, FLOW_STAFF_CANCEL);
            } else if (strncmp(id, "reprint:", 8) == 0) {
                flow_staff_reprint(f, r->ticket); /* i16checkin (flow_checkin.c) */
            }
        }
        break;
    }
    case FLOW_STAFF_CANCEL:
        if (strncmp(id, "reason:", 7) == 0) {
            int n = id[7] - '1';
            if (n >= 0 && n < (int)(sizeof cancel_reasons / sizeof *cancel_reasons) && !id[8]) {
                go(f, FLOW_STAFF_ROSTER);
                staff_set(f, f->s.cancel_ticket, RULES_CANCELLED, flow_cancel_reason(n, 0));
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
        else if (strcmp(id, "clock-confirm") == 0 && f->s.tech_clock_doubt)
            staff_request(f, FLOW_REQ_CLOCK_CONFIRM);
        break;
    case FLOW_PATTERN:
        if (strcmp(id, "pattern-exit") == 0)
            go(f, FLOW_TECH);
        break;
    default:
        break;
    }
}

const char *flow_cancel_reason(int i, int en)
{
    return i >= 0 && i < (int)(sizeof cancel_reasons / sizeof *cancel_reasons)
               ? str_get(cancel_reasons[i], en)
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

void flow_staff_bursts(flow_t *f, int n)
{
    if (f->s.open_bursts != n) {
        f->s.open_bursts = n > 0 ? n : 0;
        changed(f);
    }
}

void flow_staff_calls(flow_t *f, const flow_call_row_t *rows, int n)
{
    free(f->s.calls);
    f->s.calls = NULL;
    f->s.n_calls = 0;
    if (n > 0 && rows && (f->s.calls = malloc(sizeof *rows * (size_t)n))) {
        memcpy(f->s.calls, rows, sizeof *rows * (size_t)n);
        f->s.n_calls = n;
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
    if (k != FLOW_REQ_STAFF_SET && k != FLOW_REQ_SHOW_PHONE && k != FLOW_REQ_CLOSE &&
        k != FLOW_REQ_RELEASE && k != FLOW_REQ_CALL_ACK && k != FLOW_REQ_RATE_PROMPT)
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
    if (k == FLOW_REQ_RELEASE || k == FLOW_REQ_CALL_ACK)
        request_day(f); /* the day's counts, and the bursts and calls left */
    else if (k != FLOW_REQ_SHOW_PHONE)
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
    if (f->pending != FLOW_REQ_TECH && f->pending != FLOW_REQ_PRINT_TEST &&
        f->pending != FLOW_REQ_CLOCK_CONFIRM)
        return;
    awaited(f, f->pending);
    f->s.n_tech = n < FLOW_TECH_LINES ? (n < 0 ? 0 : n) : FLOW_TECH_LINES;
    for (int i = 0; i < f->s.n_tech; i++)
        snprintf(f->s.tech[i], sizeof f->s.tech[i], "%s", lines[i]);
    changed(f);
}

void flow_tech_clock(flow_t *f, int doubt)
{
    if (f->s.tech_clock_doubt != !!doubt) {
        f->s.tech_clock_doubt = !!doubt;
        changed(f);
    }
}
