/* The test script language of `kiosk --script` (DESIGN.md §4), one command
 * a line, '#' comments:
 *   tap ID | tap-text "LABEL" | tap-at X Y | hold X Y SECONDS |
 *   drag X1 Y1 X2 Y2 | type TEXT |
 *   scan TEXT | wait SECONDS | expect-screen ID | expect-text "TEXT" |
 *   shot NAME | widgets | stats | tap-nth N | tap-if ID | screen | rss
 * (hold, drag, expect-no-text and stats are ours beyond DESIGN.md: a long
 * press, a scroll gesture, the absence of a text, and the frame and
 * text-render counters. For the monkey test (tests/reliability/): tap-nth
 * taps the (N mod count)-th enabled widget on screen, tap-if taps widget
 * ID when it is on screen and enabled (else nothing), screen prints the
 * screen's id (and on the ticket screen the code it confirms), rss prints
 * the resident memory.)
 * Pure parsing; the SDL side carries the commands out. */
#ifndef PLATFORM_SCRIPT_H
#define PLATFORM_SCRIPT_H

#include <stddef.h>

typedef enum script_op {
    SCRIPT_NONE, /* blank or comment */
    SCRIPT_TAP,
    SCRIPT_TAP_TEXT,
    SCRIPT_TAP_AT,
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
    SCRIPT_STATS,
    SCRIPT_TAP_NTH,
    SCRIPT_TAP_IF,
    SCRIPT_SCREEN,
    SCRIPT_RSS
} script_op_t;

typedef struct script_cmd {
    script_op_t op;
    char arg[256]; /* ID, label, text or name */
    int x, y, x2, y2;
    double seconds;
} script_cmd_t;

/* Parses one line (without its newline). Returns 0, or -1 with a message. */
int script_parse_line(const char *line, script_cmd_t *cmd, char *err, size_t errlen);

#endif
