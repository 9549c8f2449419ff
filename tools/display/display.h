/* kiosk-display: the lobby calling display (issue 19), a separate program
 * that opens the store read-only, polls PRAGMA data_version every 200 ms
 * and draws only when the queue changed (docs/display.md). */
#ifndef DISPLAY_H
#define DISPLAY_H

#include <SDL.h>
#include <SDL_ttf.h>

#include "../../firmware/store/store.h"

#define DISPLAY_RECENT 5
#define DISPLAY_LINES 8

/* What the screen shows: read from the store, nothing personal in it
 * (numbers, lines' letters and names, counters, counts). */
typedef struct display_state {
    char current[QUEUE_LABEL_SIZE]; /* the number being called, "" none */
    int current_counter;
    int current_recalls;
    long long current_id;
    int n_recent;
    struct {
        char label[QUEUE_LABEL_SIZE];
        int counter;
    } recent[DISPLAY_RECENT];
    int n_lines;
    struct {
        char letter;
        char name[QUEUE_NAME_MAX];
        int waiting;
        int closed;
    } lines[DISPLAY_LINES];
    int priority_every;
    char clock[20]; /* YYYY-MM-DD HH:MM */
} display_state_t;

/* Every number called today (called, serving or done alike), oldest call
 * first: what the announcements compare from one read to the next. */
#define DISPLAY_CALLS 512
typedef struct display_calls {
    int n;
    struct {
        long long id;
        char label[QUEUE_LABEL_SIZE];
        int counter, recalls;
    } c[DISPLAY_CALLS];
} display_calls_t;

/* Reads today's calls and lines at now into *s (and every call into
 * *calls, when not NULL): 0, or -1 (store error). */
int display_read(store_t *st, const queue_rule_t *rule, long long now, display_state_t *s,
                 display_calls_t *calls);

/* ---- Announcements (announce.c): a chime, then the call said twice. ---- */
struct voice;
#define ANNOUNCE_QUEUE 96
#define ANNOUNCE_TEXT 96
#define ANNOUNCE_SAID 64
typedef struct announce {
    struct voice *v; /* NULL: the voice is off, nothing is announced */
    int seeded;      /* the first read (calls made before start-up are not said) */
    unsigned calls;  /* calls and recalls announced so far */
    display_calls_t seen;
    int head, n; /* the queue: "" is the chime */
    char q[ANNOUNCE_QUEUE][ANNOUNCE_TEXT];
    int playing; /* an item was started and is sounding */
    char now[ANNOUNCE_TEXT];
    unsigned played; /* voice_played when it started */
    int n_said;
    struct {
        char text[ANNOUNCE_TEXT];
        int times;
    } said[ANNOUNCE_SAID];
} announce_t;

/* The utterance of a call: "请 A零零一 号，到 1 号工作台". */
void announce_text(const char *label, int counter, char *out, size_t n);
/* After a read: each number called since the last read, and each recall,
 * queues a chime and its call twice (the first read queues nothing). */
void announce_calls(announce_t *a, const display_calls_t *calls);
/* Starts the next item when the voice is free; prints "display: said
 * TEXT" for each utterance played to its end. 1 while anything is
 * pending or sounding. */
int announce_pump(announce_t *a);
/* How many times text was said (played to its end). */
int announce_said(const announce_t *a, const char *text);

/* The texts drawn on the last frame, for expect-text. */
#define DISPLAY_TEXTS 64
typedef struct display_draw {
    SDL_Renderer *r;
    TTF_Font *huge, *big, *mid;
    int huge_px, big_px, mid_px; /* the sizes opened; huge and big are fitted to their room */
    int w, h;
    int n_texts;
    char texts[DISPLAY_TEXTS][160];
    SDL_Rect rects[DISPLAY_TEXTS]; /* where each was drawn (a broken line: both parts) */
} display_draw_t;

void display_frame(display_draw_t *d, const display_state_t *s);
/* Whether every text of the last frame lies within the screen and apart
 * from every other; if not, 0 with the first fault in msg. */
int display_fits(const display_draw_t *d, char *msg, size_t n);

#endif
