/* i20wait (issue 20): the waitlist in the resident flow. A full session
 * touched on slots says it is full (the hint, until the next touch) and
 * offers 候补 (`waitlist`) in a panel that stays until another tap; waitlist-join says plainly what joining means; then
 * the phone keypad, whom it is for and the confirmation, as for a booking,
 * lead to the join instead (FLOW_REQ_WAITLIST_JOIN) and to waitlisted:
 * 候补第 N 位 and what happens next. 我的预约 shows the phone's entries
 * (候补第 N 位, or 候补成功 with the seat held), each with 退出候补, which
 * asks once more before it withdraws. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow_int.h"

void flow_waitlist_clear(flow_t *f)
{
    f->s.waitlist = 0;
    f->s.wait_offer = -1;
    f->s.wait_position = 0;
    wipe_bytes(f->s.waits, sizeof f->s.waits);
    f->s.n_waits = 0;
    f->s.wait_ask = 0;
    f->s.wait_notice = 0;
}

void flow_waitlist_offer(flow_t *f, const char *session_id)
{
    f->s.wait_offer = -1;
    if (f->s.bookings_off)
        return;
    for (int i = 0; i < f->s.n_sessions; i++)
        if (strcmp(f->s.sessions[i].id, session_id) == 0 &&
            flow_slot(&f->s, &f->s.sessions[i]) == FLOW_SLOT_FULL)
            f->s.wait_offer = i;
}

static void request_withdraw(flow_t *f, int n)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", f->s.waits[n - 1].id);
    request(f, FLOW_REQ_WAITLIST_WITHDRAW);
    memcpy(f->req.phone, f->s.digits, sizeof f->req.phone);
    snprintf(f->req.input, sizeof f->req.input, "%s", id);
}

int flow_waitlist_tap(flow_t *f, const char *id)
{
    switch (f->s.screen) {
    case FLOW_SLOTS:
        if (strcmp(id, "waitlist") == 0 && f->s.wait_offer >= 0 &&
            f->s.wait_offer < f->s.n_sessions) {
            f->s.session = f->s.wait_offer;
            f->s.wait_offer = -1;
            f->s.waitlist = 1;
            f->s.party = 1;
            go(f, FLOW_WAITLIST_JOIN);
            return 1;
        }
        if (f->s.wait_offer >= 0) { /* any other tap ends the offer */
            f->s.wait_offer = -1;
            changed(f);
        }
        return 0;
    case FLOW_WAITLIST_JOIN:
        if (strcmp(id, "next") == 0 && f->s.session >= 0) {
            go(f, FLOW_PHONE);
            return 1;
        }
        return 0;
    case FLOW_CONFIRM:
        if (strcmp(id, "confirm") == 0 && f->s.waitlist && f->s.session >= 0) {
            request(f, FLOW_REQ_WAITLIST_JOIN);
            strcpy(f->req.session_id, f->s.sessions[f->s.session].id);
            memcpy(f->req.phone, f->s.digits, sizeof f->req.phone);
            f->req.party = f->s.party;
            memcpy(f->req.for_label, f->s.for_label, sizeof f->req.for_label);
            return 1;
        }
        return 0;
    case FLOW_WAITLISTED:
        if (strcmp(id, "done") == 0) {
            wipe_bytes(f->s.digits, sizeof f->s.digits);
            f->s.n_digits = 0;
            f->s.waitlist = 0;
            go(f, FLOW_HOME);
            return 1;
        }
        return 0;
    case FLOW_BOOKINGS:
        if (strncmp(id, "wait-withdraw:", 14) == 0) {
            char *end;
            long n = strtol(id + 14, &end, 10);
            if (*end || n < 1 || n > f->s.n_waits || f->s.waits[n - 1].held)
                return 1;
            if (f->s.wait_ask == n) {
                f->s.wait_ask = 0;
                request_withdraw(f, (int)n);
            } else {
                f->s.wait_ask = (int)n; /* asked once: the button says 确定退出 */
                changed(f);
            }
            return 1;
        }
        if (f->s.wait_ask || f->s.wait_notice) {
            f->s.wait_ask = 0;
            f->s.wait_notice = 0;
            changed(f);
        }
        return 0;
    default:
        return 0;
    }
}

int flow_waitlist_back(flow_t *f)
{
    if (f->s.screen == FLOW_WAITLIST_JOIN) {
        f->s.waitlist = 0;
        go(f, FLOW_SLOTS);
        return 1;
    }
    if (f->s.screen == FLOW_WAITLISTED) {
        f->s.waitlist = 0;
        go(f, FLOW_HOME);
        return 1;
    }
    return 0;
}

void flow_waitlist_join_result(flow_t *f, int result, int position)
{
    if (!awaited(f, FLOW_REQ_WAITLIST_JOIN))
        return;
    if (result == RULES_OK) {
        f->s.wait_position = position;
        go(f, FLOW_WAITLISTED);
        return;
    }
    if (result < 0) {
        f->s.notice = FLOW_NOTICE_STORE_ERROR;
        changed(f);
        return;
    }
    /* Refused (already on it, seats free again, too late): the refusal
     * screen says so and offers its ways on. */
    f->s.waitlist = 0;
    f->s.refusal = (rules_result_t)result;
    if (f->s.session >= 0)
        memcpy(f->s.refused_id, f->s.sessions[f->s.session].id, sizeof f->s.refused_id);
    go(f, FLOW_REFUSED);
}

void flow_waitlist_rows(flow_t *f, const flow_wait_row_t *rows, int n)
{
    wipe_bytes(f->s.waits, sizeof f->s.waits);
    f->s.n_waits = 0;
    f->s.wait_ask = 0;
    if (!rows || n < 0)
        return;
    if (n > FLOW_WAITS_MAX)
        n = FLOW_WAITS_MAX;
    memcpy(f->s.waits, rows, sizeof *rows * (size_t)n);
    f->s.n_waits = n;
    changed(f);
}

void flow_waitlist_withdraw_result(flow_t *f, int result)
{
    if (!awaited(f, FLOW_REQ_WAITLIST_WITHDRAW))
        return;
    f->s.wait_notice = result == RULES_OK ? 1 : -1;
    /* The list again as it now stands. */
    request(f, FLOW_REQ_LOOKUP);
    memcpy(f->req.phone, f->s.digits, sizeof f->req.phone);
}
