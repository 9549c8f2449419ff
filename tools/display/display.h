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

/* Reads today's calls and lines at now into *s: 0, or -1 (store error). */
int display_read(store_t *st, const queue_rule_t *rule, long long now, display_state_t *s);

/* The texts drawn on the last frame, for expect-text. */
#define DISPLAY_TEXTS 64
typedef struct display_draw {
    SDL_Renderer *r;
    TTF_Font *huge, *big, *mid;
    int w, h;
    int n_texts;
    char texts[DISPLAY_TEXTS][160];
} display_draw_t;

void display_frame(display_draw_t *d, const display_state_t *s);

#endif
