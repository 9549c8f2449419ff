/* The kiosk's main loop on SDL: input from touch, mouse and keyboard (or a
 * test script), time, the flow, the store requests and the frames. */
#ifndef PLATFORM_SDL_APP_H
#define PLATFORM_SDL_APP_H

#include <stddef.h>

#include "../ui/ui.h"
#include "benchlog.h"
#include "../app/kiosk.h"

typedef struct app_opts {
    ui_opts_t ui;
    const char *script;        /* run this script instead of waiting for people */
    const char *shots;         /* directory for `shot NAME` */
    long long now;             /* wall clock at start */
    int fixed_now;             /* --now: time moves only by `wait` in scripts */
    int dev;                   /* development: Escape and window close quit */
    const char *printer;       /* device or file; "" or NULL: none */
    int printer_dots;          /* 384 or 576 */
    const char *update_root;   /* a release on trial there is marked healthy... */
    int health_seconds;        /* ...after this long serving people... */
    const char *data_dir;      /* ...in this directory (docs/updates.md) */
    benchlog_t *bench;         /* --bench: frame and input timings, or NULL */
} app_opts_t;

enum { APP_OK = 0, APP_ERROR = 1, APP_SCRIPT_FAILED = 3 };

/* Runs until quit (or the script's end). Returns an APP_ code; err says why. */
int app_run(kiosk_t *k, const app_opts_t *o, char *err, size_t errlen);

#endif
