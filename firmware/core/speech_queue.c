/* What the voice says on the walk-in queue's screens (issue 19) and of the
 * queue number on the check-in result: from the flow's state and the
 * strings, as the screens show them (ui/screens_queue.c). The number is
 * spelled character by character as a ticket code is (speech_code: A，零，
 * 幺，二), so it is never read as a count; nothing personal is on them. */
#include <stdio.h>
#include <string.h>

#include "speech.h"
#include "speech_int.h"
#include "strings.h"

static const char *line_name(const flow_state_t *s, const flow_queue_line_t *l)
{
    return s->lang_en && l->name_en[0] ? l->name_en : l->name_zh;
}

static void say_id(char *out, size_t n, str_id_t id, int en)
{
    speech_sentence(out, n, str_get(id, en), en);
}

/* "您的号码是A，零，幺，二号" (STR_QUEUE_SAY_NUMBER, STR_CHECKIN_QUEUE). */
static void say_number(char *out, size_t n, str_id_t id, const char *label, int en)
{
    char spelled[64] = "", buf[200];
    speech_code(label, en, spelled, sizeof spelled);
    const char *args[] = {spelled};
    str_format(id, en, buf, sizeof buf, args, 1);
    speech_sentence(out, n, buf, en);
}

static void walkin(const flow_state_t *s, char *out, size_t n)
{
    int en = s->lang_en;
    char buf[400], num[24];
    say_id(out, n, STR_WALKIN_TITLE, en);
    say_id(out, n, STR_WALKIN_HINT, en);
    const char *a1[] = {str_num(num, s->queue_priority_age)};
    str_format(STR_QUEUE_PRIORITY_TERMS, en, buf, sizeof buf, a1, 1);
    speech_sentence(out, n, buf, en);
    const char *a2[] = {str_num(num, s->queue_priority_every)};
    str_format(s->queue_priority_every > 0 ? STR_QUEUE_PRIORITY_RULE : STR_QUEUE_PRIORITY_FIRST,
               en, buf, sizeof buf, a2, 1);
    speech_sentence(out, n, buf, en);
    if (!s->q_loaded) {
        say_id(out, n, STR_LOADING, en);
        return;
    }
    if (s->q_failed || !s->n_q_lines) {
        say_id(out, n, s->q_failed ? STR_QUEUE_REFUSED_ERROR : STR_QUEUE_NO_LINES, en);
        return;
    }
    for (int i = 0; i < s->n_q_lines; i++) {
        const flow_queue_line_t *l = &s->q_lines[i];
        char state[64];
        if (l->closed || l->full)
            snprintf(state, sizeof state, "%s", str_get(l->closed ? STR_QUEUE_CLOSED : STR_QUEUE_FULL, en));
        else
            str_format_int(STR_QUEUE_WAITING, en, l->waiting, state, sizeof state);
        snprintf(buf, sizeof buf, "%s%s%s", line_name(s, l), en ? ": " : "，", state);
        speech_sentence(out, n, buf, en);
    }
}

static void ticket(const flow_state_t *s, char *out, size_t n)
{
    int en = s->lang_en;
    say_number(out, n, STR_QUEUE_SAY_NUMBER, s->q_label, en);
    const flow_queue_line_t *l = flow_queue_ticket_line(s);
    if (l)
        speech_sentence(out, n, line_name(s, l), en);
    if (s->q_priority_taken)
        say_id(out, n, STR_QUEUE_KIND_PRIORITY, en);
    speech_sentence_int(out, n, STR_QUEUE_AHEAD, en, s->q_ahead);
    if (s->q_ahead > 0)
        speech_sentence_int(out, n, STR_QUEUE_ESTIMATE, en, s->q_minutes);
    else
        say_id(out, n, STR_QUEUE_NOW, en);
    say_id(out, n, STR_QUEUE_WATCH, en);
}

static void refused(const flow_state_t *s, char *out, size_t n)
{
    int en = s->lang_en;
    const flow_queue_line_t *l = flow_queue_ticket_line(s);
    char buf[300];
    const char *args[] = {l ? line_name(s, l) : ""};
    str_format(s->q_refusal == FLOW_QUEUE_CLOSED ? STR_QUEUE_REFUSED_CLOSED
               : s->q_refusal == FLOW_QUEUE_FULL ? STR_QUEUE_REFUSED_FULL
                                                 : STR_QUEUE_REFUSED_ERROR,
               en, buf, sizeof buf, args, 1);
    say_id(out, n, STR_QUEUE_REFUSED_TITLE, en);
    speech_sentence(out, n, buf, en);
    say_id(out, n, STR_QUEUE_REFUSED_NEXT, en);
}

int speech_queue_prompt(const flow_state_t *s, char *out, size_t n)
{
    switch (s->screen) {
    case FLOW_WALKIN:
        walkin(s, out, n);
        return 1;
    case FLOW_QUEUE_TICKET:
        ticket(s, out, n);
        return 1;
    case FLOW_QUEUE_REFUSED:
        refused(s, out, n);
        return 1;
    default:
        return 0;
    }
}

void speech_checkin_queue(const flow_state_t *s, char *out, size_t n)
{
    if (s->checkin_queue[0])
        say_number(out, n, STR_CHECKIN_QUEUE, s->checkin_queue, s->lang_en);
}
