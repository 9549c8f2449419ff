/* kioskctl's 好差评 (issue 20): the ratings for follow-up (--low: 不满意
 * and worse), a low rating marked followed up with a note (audited), and
 * a staff member's prompt that the kiosk offer the rating of an attended
 * visit. A rating holds no ticket or phone: the follow-up is about the
 * service and the day. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../firmware/core/rating.h"
#include "../../firmware/core/strings.h"
#include "../../firmware/platform/clock.h"
#include "ctl.h"

static const char *const rating_cols[] = {"rating",  "day",         "station",     "service_id",
                                          "service", "level",       "level_words", "reasons",
                                          "channel", "followed_at", "followed_by", "note"};
static const int rating_num[] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0};

static int rating_row(void *ctx, const store_rating_row_t *r)
{
    char seq[24], level[8];
    snprintf(seq, sizeof seq, "%lld", r->seq);
    snprintf(level, sizeof level, "%d", r->level);
    int w = rating_level_word(r->level);
    const char *vals[] = {seq,
                          r->day,
                          r->station_id,
                          r->service_id,
                          r->service_name,
                          level,
                          w < 0 ? "" : str_get((str_id_t)w, 0),
                          r->reasons,
                          r->channel,
                          r->followed_at,
                          r->followed_by,
                          r->note};
    return table_row(ctx, vals);
}

int ctl_ratings(ctl_t *c, const char *name, int argc, char **argv)
{
    int low = 0;
    const char *format = NULL, *pos[1];
    ctl_opt_t opts[] = {{"--format", &format, NULL}, {"--low", NULL, &low}};
    int npos;
    table_format_t fmt;
    int rc = ctl_parse_opts(name, argc, argv, opts, 2, pos, 0, &npos);
    if (rc || (rc = ctl_parse_format(name, format, &fmt)) ||
        (rc = ctl_open_store(c, CTL_OPEN_READ)))
        return rc;
    table_t o;
    table_begin(&o, stdout, fmt, rating_cols, rating_num, 12);
    rc = store_ratings(c->st, low, rating_row, &o);
    table_end(&o);
    return rc == STORE_OK ? 0 : ctl_store_failed(c);
}

/* rating-followup N --note TEXT [--staff NAME] */
int ctl_rating_followup(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *note = NULL, *staff = NULL, *pos[1];
    ctl_opt_t opts[] = {{"--note", &note, NULL}, {"--staff", &staff, NULL}};
    int npos, rc = ctl_parse_opts(name, argc, argv, opts, 2, pos, 1, &npos);
    if (rc)
        return rc;
    char *end;
    long long seq = npos == 1 ? strtoll(pos[0], &end, 10) : 0;
    if (npos != 1 || end == pos[0] || *end || seq < 1)
        return ctl_usage_error(name,
                               "rating-followup needs the rating's number (kioskctl ratings)");
    if (!note || !*note || strlen(note) > 200)
        return ctl_usage_error(name, "--note: what was done, 1 to 200 bytes");
    if (staff && !store_staff_name_valid(staff))
        return ctl_usage_error(name, "--staff: a name of 1 to 32 bytes");
    if ((rc = ctl_open_store(c, CTL_OPEN_WRITE)))
        return rc;
    rc = store_rating_follow_up(c->st, staff ? staff : "kioskctl", seq, note, clock_now_stamp());
    if (rc == STORE_OK) {
        printf("rating %lld followed up\n", seq);
        return 0;
    }
    if (rc == RULES_NOT_FOUND)
        return ctl_refused("rating %lld: no such rating", seq);
    if (rc == RULES_BAD_STATE)
        return ctl_refused("rating %lld: not a low rating, or followed up already", seq);
    return ctl_store_failed(c);
}

/* rate-prompt --ticket T: the kiosk offers the rating at its next visit. */
int ctl_rate_prompt(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *ticket = NULL, *pos[1];
    ctl_opt_t opts[] = {{"--ticket", &ticket, NULL}};
    int npos, rc = ctl_parse_opts(name, argc, argv, opts, 1, pos, 0, &npos);
    if (rc)
        return rc;
    if (!ticket)
        return ctl_usage_error(name, "rate-prompt needs --ticket TICKET");
    char code[KIOSK_TICKET_SIZE];
    if ((rc = ctl_ticket_arg(ticket, code)))
        return rc;
    if ((rc = ctl_open_store(c, CTL_OPEN_WRITE)))
        return rc;
    rc = store_rate_prompt(c->st, code, c->now);
    if (rc == STORE_OK) {
        printf("the kiosk asks for the rating of this visit at its next touch\n");
        return 0;
    }
    if (rc == RULES_NOT_FOUND)
        return ctl_refused("%s: no such ticket", ticket);
    if (rc == RULES_BAD_STATE)
        return ctl_refused("%s: not attended (check it in first)", ticket);
    if (rc == RULES_DUPLICATE)
        return ctl_refused("%s: this visit was rated already", ticket);
    return ctl_store_failed(c);
}
