/* 好差评 (issue 20): the resident rates a visit in five levels, then may
 * tap reasons, then submits (rate -> rate-reasons -> rated). Three ways
 * lead to rate: a lookup of 我的预约 that found attended, unrated visits
 * (asked about one by one before the bookings), home's 服务评价 with the
 * ticket's QR scanned or its code typed (rate-code), and a staff member's
 * prompt, taken at the first touch of the next visit. The booking's ticket
 * is held only to mark it rated; the rating itself carries none (the
 * store, docs/security.md). No free text anywhere. */
#include "flow_int.h"

#include <stdio.h>
#include <string.h>

#include "rating.h"

void flow_rate_clear(flow_t *f)
{
    wipe_bytes(&f->s.rate_visit, sizeof f->s.rate_visit);
    wipe_bytes(f->s.rate_due, sizeof f->s.rate_due);
    f->s.n_rate_due = 0;
    f->s.rate_level = 0;
    f->s.rate_reasons = 0;
    f->s.rate_channel = RATING_VIA_LOOKUP;
    f->s.rate_notice = RULES_OK;
    f->s.rate_saved = 0;
}

static void open_rate(flow_t *f, const flow_booking_t *b, rating_channel_t via)
{
    f->s.rate_visit = *b;
    f->s.rate_level = 0;
    f->s.rate_reasons = 0;
    f->s.rate_channel = via;
    f->s.rate_notice = RULES_OK;
    f->s.rate_saved = 0;
    go(f, FLOW_RATE);
}

/* The next visit the lookup found to rate, else where the resident was
 * going: the bookings after a lookup, home otherwise. */
static void rate_next(flow_t *f)
{
    int via = f->s.rate_channel;
    wipe_bytes(&f->s.rate_visit, sizeof f->s.rate_visit);
    f->s.rate_level = 0;
    f->s.rate_reasons = 0;
    if (via == RATING_VIA_LOOKUP && f->s.n_rate_due > 0) {
        flow_booking_t b = f->s.rate_due[0];
        f->s.n_rate_due--;
        memmove(&f->s.rate_due[0], &f->s.rate_due[1], sizeof b * (size_t)f->s.n_rate_due);
        wipe_bytes(&f->s.rate_due[f->s.n_rate_due], sizeof b);
        open_rate(f, &b, RATING_VIA_LOOKUP);
        wipe_bytes(&b, sizeof b);
        return;
    }
    go(f, via == RATING_VIA_LOOKUP ? FLOW_BOOKINGS : FLOW_HOME);
}

/* 以后再说 on rate. A staff prompt is dropped in the store (quietly: the
 * resident goes on at once), so that the next visit does not ask again. */
static void skip(flow_t *f)
{
    if (f->s.rate_channel == RATING_VIA_STAFF) {
        char t[KIOSK_TICKET_SIZE];
        memcpy(t, f->s.rate_visit.ticket, sizeof t);
        request(f, FLOW_REQ_RATE_SKIP);
        memcpy(f->req.ticket, t, sizeof t);
        wipe_bytes(t, sizeof t);
        f->s.busy = 0;
        f->pending = FLOW_REQ_NONE;
    }
    rate_next(f);
}

static void submit(flow_t *f)
{
    if (!rating_level_valid(f->s.rate_level))
        return;
    char t[KIOSK_TICKET_SIZE];
    memcpy(t, f->s.rate_visit.ticket, sizeof t);
    request(f, FLOW_REQ_RATE_SUBMIT);
    memcpy(f->req.ticket, t, sizeof t);
    wipe_bytes(t, sizeof t);
    f->req.party = f->s.rate_level;
    rating_reasons_text(f->s.rate_level, f->s.rate_reasons, f->req.input, sizeof f->req.input);
    f->req.counter = f->s.rate_channel;
}

static int tap_code(flow_t *f, const char *id)
{
    if (flow_code_key(f, id))
        return 1;
    if (strcmp(id, "next") == 0) {
        if (f->s.n_code == KIOSK_TICKET_LEN) {
            char code[KIOSK_TICKET_SIZE];
            memcpy(code, f->s.code, sizeof code);
            request(f, FLOW_REQ_RATE_FIND);
            snprintf(f->req.input, sizeof f->req.input, "%s", code);
            wipe_bytes(code, sizeof code);
        }
        return 1;
    }
    if (strcmp(id, "back") == 0) {
        flow_code_clear(f);
        go(f, FLOW_HOME);
        return 1;
    }
    return 0;
}

int flow_rate_tap(flow_t *f, const char *id)
{
    switch (f->s.screen) {
    case FLOW_HOME:
        if (strcmp(id, "rate") != 0)
            return 0;
        flow_code_clear(f);
        f->s.rate_notice = RULES_OK;
        go(f, FLOW_RATE_CODE);
        return 1;
    case FLOW_RATE_CODE:
        return tap_code(f, id);
    case FLOW_RATE:
        if (strncmp(id, "rate:", 5) == 0) {
            int level = id[5] >= '0' && id[5] <= '9' && !id[6] ? id[5] - '0' : 0;
            if (!rating_level_valid(level))
                return 1;
            f->s.rate_level = level;
            f->s.rate_reasons = 0;
            go(f, FLOW_RATE_REASONS);
        } else if (strcmp(id, "skip") == 0) {
            skip(f);
        } else if (strcmp(id, "back") == 0) {
            if (f->s.rate_channel == RATING_VIA_CODE)
                go(f, FLOW_RATE_CODE);
            else
                skip(f);
        } else {
            return 0;
        }
        return 1;
    case FLOW_RATE_REASONS:
        if (strncmp(id, "reason:", 7) == 0) {
            int i = rating_reason_index(f->s.rate_level, id + 7);
            if (i >= 0) {
                f->s.rate_reasons ^= 1u << i;
                changed(f);
            }
        } else if (strcmp(id, "submit") == 0) {
            submit(f);
        } else if (strcmp(id, "back") == 0) {
            f->s.rate_reasons = 0;
            go(f, FLOW_RATE);
        } else {
            return 0;
        }
        return 1;
    case FLOW_RATE_DONE:
        if (strcmp(id, "done") != 0 && strcmp(id, "next") != 0 && strcmp(id, "back") != 0)
            return 0;
        rate_next(f);
        return 1;
    default:
        return 0;
    }
}

int flow_rate_scan(flow_t *f, const char *text)
{
    if (f->s.screen != FLOW_RATE_CODE)
        return 0;
    flow_code_clear(f);
    request(f, FLOW_REQ_RATE_FIND);
    snprintf(f->req.input, sizeof f->req.input, "%s", text);
    return 1;
}

void flow_rate_due(flow_t *f, const flow_booking_t *rows, int n)
{
    wipe_bytes(f->s.rate_due, sizeof f->s.rate_due);
    f->s.n_rate_due = 0;
    for (int i = 0; rows && i < n && i < FLOW_RATE_DUE_MAX; i++)
        f->s.rate_due[f->s.n_rate_due++] = rows[i];
}

void flow_rate_lookup_done(flow_t *f)
{
    if (f->s.screen == FLOW_BOOKINGS && f->s.notice == FLOW_NOTICE_NONE && f->s.n_rate_due > 0) {
        f->s.rate_channel = RATING_VIA_LOOKUP;
        rate_next(f);
    }
}

int flow_rate_prompt(flow_t *f, const flow_booking_t *b)
{
    if (!b || !b->ticket[0] || f->s.screen != FLOW_HOME || f->s.busy || f->s.idle_warning)
        return 0;
    open_rate(f, b, RATING_VIA_STAFF);
    return 1;
}

void flow_rate_find_result(flow_t *f, int result, const flow_booking_t *b)
{
    if (!awaited(f, FLOW_REQ_RATE_FIND))
        return;
    if (f->s.screen != FLOW_RATE_CODE)
        return;
    if (result == RULES_OK && b && b->ticket[0]) {
        flow_code_clear(f);
        open_rate(f, b, RATING_VIA_CODE);
        return;
    }
    /* A code no booking has stays typed, to be corrected; any other
     * answer is about the visit itself: the code goes. */
    if (result != RULES_NOT_FOUND)
        flow_code_clear(f);
    f->s.rate_notice = result == RULES_OK ? -1 : result;
    changed(f);
}

void flow_rate_submit_result(flow_t *f, int result)
{
    if (!awaited(f, FLOW_REQ_RATE_SUBMIT))
        return;
    f->s.rate_saved = result == RULES_OK;
    f->s.rate_notice = result;
    go(f, FLOW_RATE_DONE);
}

const char *flow_rate_service_name(const flow_state_t *s)
{
    const catalog_service_t *sv = catalog_find_service(s->cat, s->rate_visit.service_id);
    return catalog_resident_name(sv, s->lang_en);
}
