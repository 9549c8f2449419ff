/* Check-in by typed code needs a second factor (issue 16): the code is on
 * the slip, and a slip can be lost and found, so the keypad also asks for
 * something only the resident has. A booking with a phone number: its last
 * four digits (the resident knows them without reading anything; the slip
 * does not print them). A booking made without a phone: its party size
 * (only 1-9, so the throttle matters most there). The screen asks for
 * both in one sentence, so it says nothing about the code typed before it
 * is checked; the kiosk answers a wrong code and a wrong factor alike.
 * Scanning the signed QR needs no factor: the MAC is the proof.
 *
 * Wrong tries are counted per kiosk like the lookups (core/throttle.c,
 * config checkin_*): past the limit, no typed check-in for a while, the
 * booking stays booked, and staff are told (FLOW_REQ_THROTTLED). Its own
 * file beside flow.c, which hands it the code keypad's 签到. */
#include "flow_int.h"

#include <stdio.h>
#include <string.h>

/* The longest factor: four digits of a phone. */
#define FACTOR_MAX 4

static void clear_factor(flow_t *f)
{
    wipe_bytes(f->s.digits, sizeof f->s.digits);
    f->s.n_digits = 0;
}

int flow_throttle(flow_t *f, throttle_t *t, int limit, int window, int pause, const char *key,
                  const char *what)
{
    int was = throttle_paused(t, f->s.now);
    int ok = throttle_lookup(t, limit, window, pause, key, f->s.now);
    if (!ok && !was) {
        request(f, FLOW_REQ_THROTTLED);
        snprintf(f->req.input, sizeof f->req.input, "%s", what);
    }
    return ok;
}

void flow_throttled_result(flow_t *f, int result)
{
    (void)result; /* the app logs a failure; the resident's screen is the same */
    awaited(f, FLOW_REQ_THROTTLED);
}

void flow_checkin_code_done(flow_t *f)
{
    int paused = throttle_paused(&f->checkins, f->s.now);
    if (paused) {
        f->s.notice = FLOW_NOTICE_CHECKIN_PAUSED;
        changed(f);
        return;
    }
    clear_factor(f);
    go(f, FLOW_CHECKIN_FACTOR);
}

void flow_checkin_factor_back(flow_t *f)
{
    clear_factor(f);
    go(f, FLOW_CHECKIN);
}

void flow_checkin_factor_tap(flow_t *f, const char *id)
{
    if (strncmp(id, "key:", 4) == 0) {
        const char *k = id + 4;
        if (k[0] >= '0' && k[0] <= '9' && !k[1] && f->s.n_digits < FACTOR_MAX) {
            f->s.digits[f->s.n_digits++] = k[0];
            f->s.digits[f->s.n_digits] = '\0';
        } else if ((strcmp(k, "del") == 0 || strcmp(k, "clear") == 0) && f->s.n_digits > 0) {
            if (k[0] == 'c')
                clear_factor(f);
            else
                f->s.digits[--f->s.n_digits] = '\0';
        } else {
            return;
        }
        f->s.notice = FLOW_NOTICE_NONE;
        changed(f);
    } else if (strcmp(id, "next") == 0 && f->s.n_digits > 0 &&
               f->s.n_code == KIOSK_TICKET_LEN) {
        if (throttle_paused(&f->checkins, f->s.now)) {
            clear_factor(f);
            go(f, FLOW_CHECKIN);
            f->s.notice = FLOW_NOTICE_CHECKIN_PAUSED;
            return;
        }
        request(f, FLOW_REQ_CHECKIN);
        memcpy(f->req.input, f->s.code, sizeof f->s.code);
        memcpy(f->req.factor, f->s.digits, (size_t)f->s.n_digits + 1);
        f->checkin_typed = 1;
    }
}

int flow_checkin_refused(flow_t *f, int result)
{
    if (result != RULES_NOT_FOUND && result != RULES_FACTOR_WRONG)
        return 0;
    /* The same wrong pair twice is one try; the key is only hashed. */
    char key[KIOSK_TICKET_SIZE + KIOSK_PHONE_SIZE];
    snprintf(key, sizeof key, "%s:%s", f->s.code, f->s.digits);
    int ok = flow_throttle(f, &f->checkins, f->cfg.checkin_limit, f->cfg.checkin_window,
                           f->cfg.checkin_pause, key, "checkin");
    wipe_bytes(key, sizeof key);
    clear_factor(f);
    go(f, FLOW_CHECKIN);
    /* The code stays to be corrected, with what happened above it. */
    f->s.notice = ok ? FLOW_NOTICE_CHECKIN_MISMATCH : FLOW_NOTICE_CHECKIN_PAUSED;
    return 1;
}

flow_hint_t flow_checkin_factor_hint(const flow_t *f, const char *id)
{
    if (strcmp(id, "next") == 0 || strcmp(id, "key:del") == 0 || strcmp(id, "key:clear") == 0)
        return FLOW_HINT_NOTHING_TYPED;
    (void)f;
    return FLOW_HINT_UNAVAILABLE;
}

void flow_staff_throttles(flow_t *f, int n, const char *last)
{
    f->s.throttle_trips = n > 0 ? n : 0;
    snprintf(f->s.throttle_last, sizeof f->s.throttle_last, "%s", n > 0 && last ? last : "");
    changed(f);
}

/* A resident who lost the slip (or its code) is sent to the staff, who
 * print it again from the roster: the same slip, audited under their
 * name (the app). */
void flow_staff_reprint(flow_t *f, const char *ticket)
{
    request(f, FLOW_REQ_REPRINT);
    snprintf(f->req.staff, sizeof f->req.staff, "%s", f->s.staff);
    snprintf(f->req.ticket, sizeof f->req.ticket, "%s", ticket);
    if (f->s.day_row >= 0 && f->s.day_row < f->s.n_day)
        snprintf(f->req.session_id, sizeof f->req.session_id, "%s", f->s.day[f->s.day_row].s.id);
}

void flow_reprint_result(flow_t *f, int result, flow_print_t print)
{
    if (!awaited(f, FLOW_REQ_REPRINT))
        return;
    f->s.staff_notice = result < 0                ? FLOW_STAFF_NOTICE_ERROR
                        : result != RULES_OK      ? FLOW_STAFF_NOTICE_REFUSED
                        : print == FLOW_PRINT_OK  ? FLOW_STAFF_NOTICE_REPRINTED
                                                  : FLOW_STAFF_NOTICE_REPRINT_FAILED;
    changed(f);
}
