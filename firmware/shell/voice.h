/* Voice guidance on SDL audio (issue 17): each resident screen says its
 * prompt when it appears, a tapped item is said, the last prompt can be
 * said again, the volume goes up and down. Text is prepared in the core
 * (core/speech.h: normalised, no phone digits), synthesised by espeak-ng
 * in a child process (platform/speak.h) that the loop polls, cached as
 * WAV, and played by SDL's audio callback: nothing here blocks a frame. A
 * new prompt cuts off the one playing; a screen change always does. Any
 * failure (no audio device, no espeak-ng) is one log line, and the kiosk
 * carries on silent. */
#ifndef SHELL_VOICE_H
#define SHELL_VOICE_H

#include <stdint.h>

#include "../core/flow.h"
#include "benchlog.h"

typedef struct voice_opts {
    int mode;                    /* CONFIG_VOICE_OFF, _ON, _ELDER (platform/config.h) */
    int volume;                  /* 0..100, the station's; idle resets return to it */
    int quiet_from, quiet_until; /* minutes of the day, -1: none */
    const char *engine;          /* "espeak-ng" */
    int rate;                    /* words a minute (elder mode: 4/5 of it) */
    const char *data_dir;        /* <data_dir>/voice/ holds the cache */
    const char *log_path;        /* utterance log, or NULL/"" */
    benchlog_t *bench;           /* "voice" lines: screen change to first sample */
} voice_opts_t;

typedef struct voice voice_t;

/* Never NULL unless out of memory; a voice that cannot sound is silent. */
voice_t *voice_create(const voice_opts_t *o);
void voice_destroy(voice_t *v); /* NULL-safe */

/* After every change of the flow: when the screen (or the language, or
 * elder mode) changed, cut off what plays and say the new screen's prompt.
 * stamp: the wall clock (quiet hours). */
void voice_screen(voice_t *v, const flow_state_t *s, long long stamp);
/* Widget id (labelled label) was tapped: said, unless the tap changed the
 * screen (then the screen's prompt is said). Also for the keypad focus. */
void voice_item(voice_t *v, const flow_state_t *s, const char *id, const char *label,
                long long stamp);
/* The keypad focus moved onto widget id (labelled label; enabled or not):
 * said (core/speech.h, speech_focus), unless the screen changed. */
void voice_focus(voice_t *v, const flow_state_t *s, const char *id, const char *label, int on,
                 long long stamp);
/* The volume in VOICE_LEVELS steps of VOICE_STEP percentage points. */
#define VOICE_LEVELS 5
#define VOICE_STEP 20

/* The last prompt again. With the voice off for this resident (off in the
 * config, elder mode's alone, quiet hours) it turns it on for the rest of
 * the visit and says the prompt of the screen shown. */
void voice_repeat(voice_t *v, const flow_state_t *s, long long stamp);
/* One level louder (dir > 0) or softer, within 1..VOICE_LEVELS (never
 * silent), for this visit: the next attract screen returns to the
 * station's volume. Turns the voice on as voice_repeat does, and says the
 * new level at the new volume. Returns the level. */
int voice_volume(voice_t *v, const flow_state_t *s, int dir, long long stamp);
/* The level now, 1..VOICE_LEVELS. */
int voice_level(const voice_t *v);

/* Drives synthesis and playback; call each loop turn. Returns how many ms
 * until it wants the next call (UINT64_MAX: nothing pending). */
uint64_t voice_poll(voice_t *v);
/* 1 while a prompt is being synthesised or played. */
int voice_busy(const voice_t *v);
/* 1 once the prompt being said has had its first sample played. */
int voice_started(voice_t *v);
/* The last utterance as said (after normalisation), "" before any. */
const char *voice_last(const voice_t *v);

/* The lobby calling display (issue 19, tools/display). Says text as it is
 * (normalised by core/speech.h, cached), cutting off what plays: 0 when it
 * is on its way, -1 when it cannot sound (no device, no engine). */
int voice_say_text(voice_t *v, const char *text, int en);
/* Plays the call chime, a generated two-tone ding-dong (0.9 s), cutting
 * off what plays: 0, or -1 (no audio device). */
int voice_chime(voice_t *v);
/* How many clips (utterances, chimes) have been played to their end. */
unsigned voice_played(const voice_t *v);

#endif
