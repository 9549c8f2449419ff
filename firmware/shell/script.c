#include "script.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/datetime.h"

static const char *skip_space(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* A "quoted string" (with \" and \\) or the rest of the line. */
static int argument(const char *p, char *out, size_t n, int quoted_required)
{
    p = skip_space(p);
    size_t k = 0;
    if (*p == '"') {
        p++;
        while (*p && *p != '"') {
            if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
                p++;
            if (k + 1 >= n)
                return -1;
            out[k++] = *p++;
        }
        if (*p != '"')
            return -1;
        p = skip_space(p + 1);
        if (*p)
            return -1;
    } else {
        if (quoted_required && !*p)
            return -1;
        size_t len = strlen(p);
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
            len--;
        if (len >= n)
            return -1;
        memcpy(out, p, len);
        k = len;
    }
    out[k] = '\0';
    return k == 0 ? -1 : 0;
}

static int ints(const char *p, int *v, int n)
{
    for (int i = 0; i < n; i++) {
        char *end;
        p = skip_space(p);
        long x = strtol(p, &end, 10);
        if (end == p || x < -100000 || x > 100000)
            return -1;
        v[i] = (int)x;
        p = end;
    }
    p = skip_space(p);
    return *p && *p != '\r' ? -1 : 0;
}

int script_parse_line(const char *line, script_cmd_t *cmd, char *err, size_t errlen)
{
    memset(cmd, 0, sizeof *cmd);
    const char *p = skip_space(line);
    if (!*p || *p == '#' || *p == '\r')
        return 0;
    const char *end = p;
    while (*end && *end != ' ' && *end != '\t' && *end != '\r')
        end++;
    size_t len = (size_t)(end - p);
    static const struct {
        const char *name;
        script_op_t op;
    } ops[] = {
        {"tap", SCRIPT_TAP},
        {"tap-text", SCRIPT_TAP_TEXT},
        {"tap-at", SCRIPT_TAP_AT},
        {"touch-raw", SCRIPT_TOUCH_RAW},
        {"hold", SCRIPT_HOLD},
        {"drag", SCRIPT_DRAG},
        {"type", SCRIPT_TYPE},
        {"scan", SCRIPT_SCAN},
        {"wait", SCRIPT_WAIT},
        {"expect-screen", SCRIPT_EXPECT_SCREEN},
        {"expect-text", SCRIPT_EXPECT_TEXT},
        {"expect-no-text", SCRIPT_EXPECT_NO_TEXT},
        {"shot", SCRIPT_SHOT},
        {"widgets", SCRIPT_WIDGETS},
        {"texts", SCRIPT_TEXTS},
        {"stats", SCRIPT_STATS},
        {"set-clock", SCRIPT_SET_CLOCK},
        {"touch", SCRIPT_TOUCH},
        {"tap-nth", SCRIPT_TAP_NTH},
        {"tap-if", SCRIPT_TAP_IF},
        {"screen", SCRIPT_SCREEN},
        {"rss", SCRIPT_RSS},
        {"tap-first", SCRIPT_TAP_FIRST},
        {"key", SCRIPT_KEY},
        {"expect-speech", SCRIPT_EXPECT_SPEECH},
        {"wait-speech", SCRIPT_WAIT_SPEECH},
        {"expect-focus", SCRIPT_EXPECT_FOCUS},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strlen(ops[i].name) == len && strncmp(ops[i].name, p, len) == 0)
            cmd->op = ops[i].op;
    if (cmd->op == SCRIPT_NONE) {
        snprintf(err, errlen, "unknown command '%.*s'", (int)(len > 40 ? 40 : len), p);
        return -1;
    }
    int v[4];
    switch (cmd->op) {
    case SCRIPT_TAP:
    case SCRIPT_TAP_IF:
    case SCRIPT_TAP_FIRST:
    case SCRIPT_EXPECT_SCREEN:
    case SCRIPT_SHOT:
    case SCRIPT_TYPE:
    case SCRIPT_SCAN:
    case SCRIPT_TAP_TEXT:
    case SCRIPT_EXPECT_TEXT:
    case SCRIPT_EXPECT_NO_TEXT:
    case SCRIPT_KEY:
    case SCRIPT_EXPECT_SPEECH:
    case SCRIPT_EXPECT_FOCUS:
        if (argument(end, cmd->arg, sizeof cmd->arg, 1)) {
            snprintf(err, errlen, "missing or malformed argument");
            return -1;
        }
        if (cmd->op == SCRIPT_SHOT && strpbrk(cmd->arg, "/\\")) {
            snprintf(err, errlen, "a shot name is a plain file name");
            return -1;
        }
        return 0;
    case SCRIPT_SET_CLOCK: {
        dt_date_t d;
        int m;
        if (argument(end, cmd->arg, sizeof cmd->arg, 1) || dt_parse_datetime(cmd->arg, &d, &m)) {
            snprintf(err, errlen, "expected: set-clock \"YYYY-MM-DD HH:MM\"");
            return -1;
        }
        cmd->stamp = dt_stamp(d, m);
        return 0;
    }
    case SCRIPT_TOUCH:
        /* touch ID (a widget's centre) or touch X Y */
        if (ints(end, v, 2) == 0)
            cmd->x = v[0], cmd->y = v[1];
        else if (argument(end, cmd->arg, sizeof cmd->arg, 1) || strchr(cmd->arg, ' ')) {
            snprintf(err, errlen, "expected: touch ID or touch X Y");
            return -1;
        }
        return 0;
    case SCRIPT_TAP_NTH:
        if (ints(end, v, 1) || v[0] < 0) {
            snprintf(err, errlen, "expected: tap-nth N (0 or more)");
            return -1;
        }
        cmd->x = v[0];
        return 0;
    case SCRIPT_TAP_AT:
        if (ints(end, v, 2)) {
            snprintf(err, errlen, "expected: tap-at X Y");
            return -1;
        }
        cmd->x = v[0];
        cmd->y = v[1];
        return 0;
    case SCRIPT_TOUCH_RAW: {
        const char *p2 = end;
        double f[2];
        char *e;
        for (int i = 0; i < 2; i++) {
            p2 = skip_space(p2);
            f[i] = strtod(p2, &e);
            if (e == p2 || !(f[i] >= 0.0 && f[i] <= 1.0)) {
                snprintf(err, errlen, "expected: touch-raw NX NY (each from 0 to 1)");
                return -1;
            }
            p2 = e;
        }
        if (*skip_space(p2) && *skip_space(p2) != '\r') {
            snprintf(err, errlen, "expected: touch-raw NX NY (each from 0 to 1)");
            return -1;
        }
        cmd->fx = f[0];
        cmd->fy = f[1];
        return 0;
    }
    case SCRIPT_HOLD: {
        const char *p2 = end;
        char *e;
        for (int i = 0; i < 2; i++) {
            p2 = skip_space(p2);
            long x = strtol(p2, &e, 10);
            if (e == p2 || x < -100000 || x > 100000) {
                snprintf(err, errlen, "expected: hold X Y SECONDS");
                return -1;
            }
            v[i] = (int)x;
            p2 = e;
        }
        cmd->seconds = strtod(skip_space(p2), &e);
        if (e == skip_space(p2) || *skip_space(e) || !(cmd->seconds >= 0) ||
            cmd->seconds > 600) {
            snprintf(err, errlen, "expected: hold X Y SECONDS (0 to 600)");
            return -1;
        }
        cmd->x = v[0];
        cmd->y = v[1];
        return 0;
    }
    case SCRIPT_DRAG:
        if (ints(end, v, 4)) {
            snprintf(err, errlen, "expected: drag X1 Y1 X2 Y2");
            return -1;
        }
        cmd->x = v[0];
        cmd->y = v[1];
        cmd->x2 = v[2];
        cmd->y2 = v[3];
        return 0;
    case SCRIPT_WAIT: {
        char *e;
        cmd->seconds = strtod(skip_space(end), &e);
        if (e == skip_space(end) || *skip_space(e) || !(cmd->seconds >= 0) ||
            cmd->seconds > 86400) {
            snprintf(err, errlen, "expected: wait SECONDS (0 to 86400)");
            return -1;
        }
        return 0;
    }
    case SCRIPT_WAIT_SPEECH:
        /* wait-speech: until played to the end; wait-speech start: until
         * its first sample went to the audio device (make bench). */
        p = skip_space(end);
        if (*p && strcmp(p, "start") != 0 && strcmp(p, "start\r") != 0) {
            snprintf(err, errlen, "expected: wait-speech or wait-speech start");
            return -1;
        }
        cmd->x = *p != '\0';
        return 0;
    case SCRIPT_WIDGETS:
    case SCRIPT_TEXTS:
    case SCRIPT_STATS:
    case SCRIPT_SCREEN:
    case SCRIPT_RSS:
        if (*skip_space(end)) {
            snprintf(err, errlen, "this command takes no argument");
            return -1;
        }
        return 0;
    default:
        return 0;
    }
}
