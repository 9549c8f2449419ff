/* The calling display's announcements (issue 19, docs/display.md): each
 * number called since the last read, and each recall, is a chime and then
 * the call said twice in Mandarin, one after the other, through
 * shell/voice.c (espeak-ng run as a separate program, SDL audio). Calls
 * made before the display started are shown, not said. */
#include <stdio.h>
#include <string.h>

#include "../../firmware/shell/voice.h"
#include "display.h"

void announce_text(const char *label, int counter, char *out, size_t n)
{
    static const char *const digit[10] = {"零", "一", "二", "三", "四",
                                          "五", "六", "七", "八", "九"};
    char spelt[64] = "";
    size_t k = 0;
    for (const char *p = label; *p && k + 4 < sizeof spelt; p++) {
        const char *piece = *p >= '0' && *p <= '9' ? digit[*p - '0'] : NULL;
        char one[2] = {*p, '\0'};
        k += (size_t)snprintf(spelt + k, sizeof spelt - k, "%s", piece ? piece : one);
    }
    snprintf(out, n, "请 %s 号，到 %d 号工作台", spelt, counter);
}

static void push(announce_t *a, const char *text)
{
    if (a->n >= ANNOUNCE_QUEUE) {
        fprintf(stderr, "kiosk-display: too many calls at once; \"%s\" is not said\n", text);
        return;
    }
    snprintf(a->q[(a->head + a->n) % ANNOUNCE_QUEUE], ANNOUNCE_TEXT, "%s", text);
    a->n++;
}

/* 1 when id was among the calls c, with its recalls then in *recalls. */
static int find(const display_calls_t *c, long long id, int *recalls)
{
    for (int i = 0; i < c->n; i++)
        if (c->c[i].id == id) {
            *recalls = c->c[i].recalls;
            return 1;
        }
    return 0;
}

void announce_calls(announce_t *a, const display_calls_t *calls)
{
    if (!a->v)
        return;
    if (a->seeded) {
        for (int i = 0; i < calls->n; i++) {
            int before = 0;
            /* New today (a transfer is a new number), or called again. */
            if (find(&a->seen, calls->c[i].id, &before) && calls->c[i].recalls <= before)
                continue;
            char text[ANNOUNCE_TEXT];
            announce_text(calls->c[i].label, calls->c[i].counter, text, sizeof text);
            push(a, "");
            for (int k = 0; k < 2; k++) /* said twice */
                push(a, text);
            a->calls++;
        }
    }
    a->seeded = 1;
    a->seen = *calls;
}

static void count_said(announce_t *a, const char *text)
{
    printf("display: said %s\n", text);
    fflush(stdout);
    for (int i = 0; i < a->n_said; i++)
        if (!strcmp(a->said[i].text, text)) {
            a->said[i].times++;
            return;
        }
    if (a->n_said < ANNOUNCE_SAID) {
        snprintf(a->said[a->n_said].text, ANNOUNCE_TEXT, "%s", text);
        a->said[a->n_said++].times = 1;
    }
}

int announce_pump(announce_t *a)
{
    if (!a->v)
        return 0;
    voice_poll(a->v);
    if (a->playing) {
        if (voice_busy(a->v))
            return 1;
        a->playing = 0;
        if (voice_played(a->v) == a->played)
            fprintf(stderr, "kiosk-display: \"%s\" was not played (no sound)\n",
                    a->now[0] ? a->now : "the chime");
        else if (a->now[0])
            count_said(a, a->now);
    }
    while (a->n && !a->playing) {
        snprintf(a->now, sizeof a->now, "%s", a->q[a->head]);
        a->head = (a->head + 1) % ANNOUNCE_QUEUE;
        a->n--;
        a->played = voice_played(a->v);
        int r = a->now[0] ? voice_say_text(a->v, a->now, 0) : voice_chime(a->v);
        if (r == 0)
            a->playing = 1;
        else
            fprintf(stderr, "kiosk-display: \"%s\" cannot be played (no sound)\n",
                    a->now[0] ? a->now : "the chime");
    }
    return a->playing || a->n;
}

int announce_said(const announce_t *a, const char *text)
{
    for (int i = 0; i < a->n_said; i++)
        if (!strcmp(a->said[i].text, text))
            return a->said[i].times;
    return 0;
}
