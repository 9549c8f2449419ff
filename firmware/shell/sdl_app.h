/* The kiosk's main loop on SDL: input from touch, mouse and keyboard (or a
 * test script), time, the flow, the store requests and the frames. */
#ifndef PLATFORM_SDL_APP_H
#define PLATFORM_SDL_APP_H

#include <stddef.h>
#include <stdint.h>

#include "../ui/ui.h"
#include "benchlog.h"
#include "../app/kiosk.h"
#include "voice.h"

/* The wall clock as a minute stamp, ms into the run (the loop's monotonic
 * time): the system's, or one that moves only with the loop (--now, so
 * scripts are deterministic). Chosen in main.c. */
typedef struct app_clock {
    long long (*now)(void *ctx, uint64_t ms);
    void *ctx;
} app_clock_t;

typedef struct app_opts {
    ui_opts_t ui;
    const char *script;      /* run this script instead of waiting for people */
    const char *shots;       /* directory for `shot NAME` */
    app_clock_t clock;       /* the wall clock (set once in main.c) */
    int dev;                 /* development: Escape and window close quit */
    const char *update_root; /* a release on trial there is marked healthy... */
    int health_seconds;      /* ...after this long serving people... */
    const char *data_dir;    /* ...in this directory (docs/updates.md) */
    benchlog_t *bench;       /* --bench: frame and input timings, or NULL */
    voice_opts_t voice;      /* voice guidance (shell/voice.h) */
} app_opts_t;

/* APP_UNHEALTHY: a release on trial could not book when its health period
 * ended; it stops unmarked, so that the boot check counts the start. */
enum { APP_OK = 0, APP_ERROR = 1, APP_SCRIPT_FAILED = 3, APP_UNHEALTHY = 4 };

/* Runs until quit (or the script's end). Returns an APP_ code; err says why. */
int app_run(kiosk_t *k, const app_opts_t *o, char *err, size_t errlen);

#endif
