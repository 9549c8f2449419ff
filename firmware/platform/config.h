/* The kiosk's configuration: a flat "key = value" file (/etc/kiosk/kiosk.conf
 * on a board), every key optional, documented in docs/config.md. Command-line
 * options override it. Unknown keys and bad values are refused with
 * "FILE:LINE: message" so that a typo never silently changes behaviour. */
#ifndef PLATFORM_CONFIG_H
#define PLATFORM_CONFIG_H

#include <stddef.h>

#include "../core/queue.h"
#include "../core/rules.h"

#define CONFIG_PATH_MAX 512

typedef struct config {
    char data_dir[CONFIG_PATH_MAX];   /* database, key, logs live here ("data") */
    char db[CONFIG_PATH_MAX];         /* "" = <data_dir>/kiosk.db */
    char catalog[CONFIG_PATH_MAX];    /* catalog imported at start; "" = none */
    char printer[CONFIG_PATH_MAX];    /* device or file; "" = no printer */
    int printer_dots;                 /* 384 (58 mm) or 576 (80 mm) */
    char export_dir[CONFIG_PATH_MAX]; /* USB stick mount point for staff exports */
    char lang[3];                     /* "zh" or "en": the language after reset */
    int width, height;                /* panel size in pixels */
    int rotate;                       /* 0, 90, 180, 270: panel mounted sideways */
    float touch_matrix[6];            /* libinput-style calibration, row-major 2x3 */
    int idle_timeout;                 /* seconds without input before the warning */
    int idle_countdown;               /* seconds the warning counts down */
    int finished_timeout;             /* seconds a finished screen (ticket, check-in
                                       * result) stays before the start again */
    int elder_mode_default;           /* 1: elder mode at start and after each reset */
    /* Call staff (issue 17): a program run (no shell) with the kiosk and
     * the screen when a resident calls, and again every call_repeat_minutes
     * (0: never) while nobody acknowledged the call. "": no hook. */
    char call_hook[CONFIG_PATH_MAX];
    int call_repeat_minutes;
    /* 我的预约 lookups per kiosk (issue 16, core/throttle.h): at most
     * lookup_limit distinct numbers in lookup_window_minutes, then a pause
     * of lookup_pause_minutes; lookup_limit 0 turns it off. */
    int lookup_limit, lookup_window_minutes, lookup_pause_minutes;
    /* The walk-in queue (issue 19, core/queue.h): queue.priority_every
     * (queue_priority_every), queue.late_grace (queue_late_grace_minutes),
     * and the age from which a resident may take a priority number
     * (self-declared; the kiosk says it, nothing checks it). */
    queue_rule_t queue;
    int queue_priority_age;
    /* w (issue 19): the walk-in ticket's estimate per person ahead before
     * the line has served anyone today (queue_minutes_per_person). */
    int queue_minutes_per_person;
    int queue_counters; /* i19counter: counters (工作台 1..N) the kiosk's staff pick from */
    int waitlist_hold_minutes; /* i20wait: a seat freed for the waitlist is held this long */

    /* Updates (docs/updates.md): where releases live, the key that signs
     * bundles, the starts a new release gets without being healthy, and
     * how long it must serve to be kept. */
    char update_root[CONFIG_PATH_MAX];
    char update_pubkey[CONFIG_PATH_MAX];
    int update_max_boots;
    int update_health_seconds;
    rules_t rules;

    /* Voice guidance (issue 17; README, Voice): off, on, or only in elder
     * mode (the default); loudness 0..100; no voice from quiet_from to
     * quiet_until (minutes of the day, -1: no quiet hours); the speech
     * engine program (espeak-ng, run, never linked); its speed in words a
     * minute; and a file where each utterance is written (tests; "" none). */
    int voice;
    int voice_volume;
    int voice_quiet_from, voice_quiet_until;
    char voice_engine[CONFIG_PATH_MAX];
    int voice_rate;
    char voice_log[CONFIG_PATH_MAX];

    /* i16checkin: wrong check-ins by typed code per kiosk (core/throttle.h):
     * at most checkin_limit distinct wrong code-and-factor pairs in
     * checkin_window_minutes, then no typed check-in for
     * checkin_pause_minutes; checkin_limit 0 turns it off. */
    int checkin_limit, checkin_window_minutes, checkin_pause_minutes;
} config_t;

enum { CONFIG_VOICE_OFF = 0, CONFIG_VOICE_ON = 1, CONFIG_VOICE_ELDER = 2 };

void config_defaults(config_t *c);

/* Reads path over the values already in c. Returns 0, or -1 with
 * "FILE:LINE: message" (or "FILE: message") in err. c is unchanged on error. */
int config_load(config_t *c, const char *path, char *err, size_t errlen);

/* Parses a text already in memory; name is used in messages. */
int config_parse(config_t *c, const char *text, size_t len, const char *name, char *err,
                 size_t errlen);

/* The database path: c->db, or <data_dir>/kiosk.db. out holds CONFIG_PATH_MAX. */
void config_db_path(const config_t *c, char out[CONFIG_PATH_MAX]);

/* The station's ticket key lives beside the database it signs for:
 * <directory of db>/ticket.key, so the kiosk and kioskctl always agree. */
void config_key_path(const char *db_path, char out[CONFIG_PATH_MAX]);

/* The touch calibration made on the kiosk's technician screen lives in
 * <data_dir>/touch.conf ("touch_matrix = a b c d e f"), because /etc is
 * read-only on a board. It overrides kiosk.conf's touch_matrix. */
void config_touch_path(const config_t *c, char out[CONFIG_PATH_MAX]);
/* Reads touch_matrix from touch.conf over c's (only that key is taken).
 * 0 (also when there is no such file), or -1 with err (c unchanged). */
int config_load_touch(config_t *c, char *err, size_t errlen);
/* Writes m to touch.conf: a temporary file, fsync, rename, fsync of the
 * directory, so a power cut leaves the old file or the new one. 0, or -1
 * with err. */
int config_save_touch(const config_t *c, const float m[6], const char *comment, char *err,
                      size_t errlen);

#endif
