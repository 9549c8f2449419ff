/* Whom a booking is for, and booking with no mobile phone (issue 16): the
 * phone screen's 为家人预约 and 没有手机 buttons and the for screen of large
 * preset buttons (本人, 爸爸, 妈妈 ...: nothing typed in Chinese). The label
 * stored is the preset's Chinese word, so staff read the same word whatever
 * language the resident used. A resident with no phone still needs a label:
 * staff find such a booking by it and the time. Its own file beside the
 * resident flow (flow.c), which hands it every tap first. */
#include "flow_int.h"

#include <string.h>

#include "strings.h"

static const struct {
    const char *key;
    str_id_t word;
    int nophone_only; /* how one addresses a resident booking for themself */
} presets[] = {
    {"father", STR_FOR_FATHER, 0},         {"mother", STR_FOR_MOTHER, 0},
    {"grandfather", STR_FOR_GRANDFATHER, 0}, {"grandmother", STR_FOR_GRANDMOTHER, 0},
    {"grandfather-m", STR_FOR_GRANDFATHER_M, 0}, {"grandmother-m", STR_FOR_GRANDMOTHER_M, 0},
    {"spouse", STR_FOR_SPOUSE, 0},         {"child", STR_FOR_CHILD, 0},
    {"grandson", STR_FOR_GRANDSON, 0},     {"granddaughter", STR_FOR_GRANDDAUGHTER, 0},
    {"family", STR_FOR_FAMILY, 0},         {"uncle", STR_FOR_UNCLE, 1},
    {"aunt", STR_FOR_AUNT, 1},
};
#define N_PRESETS ((int)(sizeof presets / sizeof presets[0]))

int flow_for_choices(const flow_state_t *s, flow_for_choice_t out[FLOW_FOR_MAX])
{
    int n = 0;
    if (!s->for_nophone && !s->enrolling) { /* t: an enrolment is for a child */
        strcpy(out[n].id, "for:self");
        out[n++].word = STR_FOR_SELF;
    }
    for (int i = 0; i < N_PRESETS && n < FLOW_FOR_MAX; i++) {
        if (presets[i].nophone_only && !s->for_nophone)
            continue;
        strcpy(out[n].id, "for:");
        strcat(out[n].id, presets[i].key);
        out[n++].word = presets[i].word;
    }
    return n;
}

const char *flow_for_shown(const flow_state_t *s)
{
    for (int i = 0; i < N_PRESETS; i++)
        if (strcmp(s->for_label, str_get(presets[i].word, 0)) == 0)
            return str_get(presets[i].word, s->lang_en);
    return s->for_label;
}

void flow_for_clear(flow_t *f)
{
    wipe_bytes(f->s.for_label, sizeof f->s.for_label);
    f->s.no_phone = 0;
    f->s.for_nophone = 0;
}

void flow_for_request(flow_t *f)
{
    memcpy(f->req.for_label, f->s.for_label, sizeof f->req.for_label);
    if (f->s.no_phone)
        wipe_bytes(f->req.phone, sizeof f->req.phone);
}

/* A choice of the for screen: the label set (or cleared for 本人), then on
 * to the number, or with no phone straight to the confirmation. */
static void choose(flow_t *f, const char *key)
{
    if (strcmp(key, "self") == 0 && !f->s.for_nophone && !f->s.enrolling) {
        wipe_bytes(f->s.for_label, sizeof f->s.for_label);
        go(f, FLOW_PHONE);
        return;
    }
    for (int i = 0; i < N_PRESETS; i++) {
        if (strcmp(key, presets[i].key) != 0 || (presets[i].nophone_only && !f->s.for_nophone))
            continue;
        const char *w = str_get(presets[i].word, 0);
        wipe_bytes(f->s.for_label, sizeof f->s.for_label);
        memcpy(f->s.for_label, w, strlen(w));
        if (f->s.for_nophone || f->s.enrolling) { /* t: enrolling has the number */
            f->s.no_phone = f->s.for_nophone;
            f->s.party = 1;
            go(f, FLOW_CONFIRM);
        } else {
            go(f, FLOW_PHONE);
        }
        return;
    }
}

static void no_phone(flow_t *f)
{
    /* Whatever was typed goes: this booking has no number. */
    wipe_bytes(f->s.digits, sizeof f->s.digits);
    f->s.n_digits = 0;
    if (f->s.for_label[0]) {
        f->s.no_phone = 1;
        f->s.party = 1;
        go(f, FLOW_CONFIRM);
    } else {
        f->s.for_nophone = 1; /* the label is asked first: it is the booking's name */
        go(f, FLOW_FOR);
    }
}

int flow_for_tap(flow_t *f, const char *id)
{
    switch (f->s.screen) {
    case FLOW_SLOTS:
        /* Another session is another booking: for the booker, by default. */
        if (strncmp(id, "session:", 8) == 0)
            flow_for_clear(f);
        return 0;
    case FLOW_PHONE:
        if (strcmp(id, "for") == 0) {
            f->s.for_nophone = 0;
            go(f, FLOW_FOR);
            return 1;
        }
        if (strcmp(id, "no-phone") == 0) {
            no_phone(f);
            return 1;
        }
        return 0;
    case FLOW_FOR:
        if (strcmp(id, "back") == 0) {
            f->s.for_nophone = 0;
            f->s.no_phone = 0;
            go(f, FLOW_PHONE);
            return 1;
        }
        if (strncmp(id, "for:", 4) == 0) {
            choose(f, id + 4);
            return 1;
        }
        return 0;
    case FLOW_CONFIRM:
    case FLOW_REFUSED:
        /* Back to the number (back, or a refusal's 重新输入): with one. */
        if (strcmp(id, "back") == 0 || strcmp(id, "phone") == 0) {
            f->s.no_phone = 0;
            f->s.for_nophone = 0;
        }
        return 0;
    default:
        return 0;
    }
}
