/* The test script language of `kiosk --script` (DESIGN.md §4), one command
 * a line, '#' comments:
 *   tap ID | tap-text "LABEL" | tap-at X Y | touch-raw NX NY | hold X Y SECONDS |
 *   drag X1 Y1 X2 Y2 | type TEXT |
 *   scan TEXT | wait SECONDS | expect-screen ID | expect-text "TEXT" |
 *   shot NAME | widgets | stats | set-clock "YYYY-MM-DD HH:MM" | touch ID |
 *   touch X Y | tap-nth N | tap-if ID | tap-first PREFIX | screen | rss |
 *   key NAME | expect-speech "TEXT" | wait-speech [start] | expect-focus ID
 * (touch-raw, touch, hold, drag, expect-no-text, stats and set-clock are
 * ours beyond DESIGN.md: a tap as the touch panel reports it (NX NY from 0
 * to 1 across the panel, through the touch calibration and rotation; tap-at
 * X Y is in layout pixels and bypasses both), a finger as SDL touch events
 * on a widget's centre or a layout point (the real input path), a long
 * press, a scroll gesture, the absence of a text, the frame and
 * text-render counters, and a step of the wall clock like an NTP
 * correction or a technician would make, while the monotonic clock of the
 * timers runs on. For the monkey test (tests/reliability/): tap-nth taps
 * the (N mod count)-th enabled widget on screen, tap-if taps widget ID when
 * it is on screen and enabled (else nothing); tap-first taps the first
 * enabled widget whose id starts with PREFIX ("cancel:", whatever the
 * code), for scripts that run in every language; screen prints the screen's id
 * (and on the ticket screen the code it confirms), rss prints the resident
 * memory; wait-speech waits, in real time and 30 s at most, until the
 * prompt being said has been played to the audio device, so that a test
 * can record whole prompts with SDL's disk audio driver; wait-speech start
 * only until its first sample went to the device.)
 * Pure parsing; the SDL side carries the commands out. */
#ifndef PLATFORM_SCRIPT_H
#define PLATFORM_SCRIPT_H

#include <stddef.h>

typedef enum script_op {
    SCRIPT_NONE, /* blank or comment */
    SCRIPT_TAP,
    SCRIPT_TAP_TEXT,
    SCRIPT_TAP_AT,
    SCRIPT_TOUCH_RAW,
    SCRIPT_HOLD,
    SCRIPT_DRAG,
    SCRIPT_TYPE,
    SCRIPT_SCAN,
    SCRIPT_WAIT,
    SCRIPT_EXPECT_SCREEN,
    SCRIPT_EXPECT_TEXT,
    SCRIPT_EXPECT_NO_TEXT,
    SCRIPT_SHOT,
    SCRIPT_WIDGETS,
    SCRIPT_TEXTS, /* every string on screen, "text<TAB>..." a line */
    SCRIPT_STATS,
    SCRIPT_SET_CLOCK,
    SCRIPT_TOUCH,
    SCRIPT_TAP_NTH,
    SCRIPT_TAP_IF,
    SCRIPT_SCREEN,
    SCRIPT_RSS,
    SCRIPT_TAP_FIRST,     /* the first enabled widget whose id starts with the argument */
    SCRIPT_KEY,           /* key NAME: an SDL key name (Return, Tab, KP_Multiply, F1) */
    SCRIPT_EXPECT_SPEECH, /* the last utterance contains the argument */
    SCRIPT_WAIT_SPEECH,   /* until what is being said has been played (30 s at most);
                           * x = 1 ("start"): until its first sample was */
    SCRIPT_EXPECT_FOCUS   /* i17keys: the keypad focus is on widget ID (ui/focus.h) */
} script_op_t;

typedef struct script_cmd {
    script_op_t op;
    char arg[256]; /* ID, label, text or name */
    int x, y, x2, y2;
    double seconds;
    double fx, fy;    /* touch-raw: normalised panel coordinates */
    long long stamp;  /* set-clock: the minute stamp (core/datetime.h) */
} script_cmd_t;

/* Parses one line (without its newline). Returns 0, or -1 with a message. */
int script_parse_line(const char *line, script_cmd_t *cmd, char *err, size_t errlen);

#endif
