#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/throttle.h"
#include "fsync.h"

void config_defaults(config_t *c)
{
    memset(c, 0, sizeof *c);
    strcpy(c->data_dir, "data");
    strcpy(c->lang, "zh");
    c->printer_dots = 384;
    c->width = 1080;
    c->height = 1920;
    c->touch_matrix[0] = 1.0f;
    c->touch_matrix[4] = 1.0f;
    c->idle_timeout = 60;
    c->idle_countdown = 20;
    c->finished_timeout = 20;
    c->call_repeat_minutes = 5;
    c->lookup_limit = 5;
    c->lookup_window_minutes = 10;
    c->lookup_pause_minutes = 15;
    c->queue.priority_every = 2;
    c->queue.late_grace = 15;
    c->queue_priority_age = 60;
    c->queue_minutes_per_person = 5; /* w (issue 19) */
    c->queue_counters = 4; /* i19counter */
    c->waitlist_hold_minutes = 120; /* i20wait */
    strcpy(c->update_root, "/opt/kiosk");
    strcpy(c->update_pubkey, "/etc/kiosk/update.pub");
    c->update_max_boots = 3;
    c->update_health_seconds = 300;
    rules_defaults(&c->rules);
    c->voice = CONFIG_VOICE_ELDER;
    c->voice_volume = 80;
    c->voice_quiet_from = c->voice_quiet_until = -1;
    strcpy(c->voice_engine, "espeak-ng");
    c->voice_rate = 150;
    c->checkin_limit = 5; /* i16checkin */
    c->checkin_window_minutes = 10;
    c->checkin_pause_minutes = 15;
}

__attribute__((format(printf, 5, 6))) static void fail(char *err, size_t errlen, const char *name,
                                                       int line, const char *fmt, ...);
static void fail(char *err, size_t errlen, const char *name, int line, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(err, errlen, "%s:%d: %s", name, line, msg);
}

static int parse_int(const char *v, long lo, long hi, int *out)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n < lo || n > hi)
        return -1;
    *out = (int)n;
    return 0;
}

static int set_path(char *dst, const char *v)
{
    size_t n = strlen(v);
    if (n >= CONFIG_PATH_MAX)
        return -1;
    memcpy(dst, v, n + 1);
    return 0;
}

enum kind { K_PATH, K_PROGRAM, K_INT, K_LANG, K_SIZE, K_ROTATE, K_DOTS, K_MATRIX, K_ONOFF, K_VOICE, K_QUIET };

static const struct key {
    const char *name;
    enum kind kind;
    size_t off;
    long lo, hi;
} keys[] = {
    {"data_dir", K_PATH, offsetof(config_t, data_dir), 0, 0},
    {"db", K_PATH, offsetof(config_t, db), 0, 0},
    {"catalog", K_PATH, offsetof(config_t, catalog), 0, 0},
    {"printer", K_PATH, offsetof(config_t, printer), 0, 0},
    {"printer_dots", K_DOTS, offsetof(config_t, printer_dots), 0, 0},
    {"export_dir", K_PATH, offsetof(config_t, export_dir), 0, 0},
    {"lang", K_LANG, offsetof(config_t, lang), 0, 0},
    {"size", K_SIZE, 0, 0, 0},
    {"rotate", K_ROTATE, offsetof(config_t, rotate), 0, 0},
    {"touch_matrix", K_MATRIX, 0, 0, 0},
    {"idle_timeout", K_INT, offsetof(config_t, idle_timeout), 10, 3600},
    {"idle_countdown", K_INT, offsetof(config_t, idle_countdown), 5, 600},
    {"finished_timeout", K_INT, offsetof(config_t, finished_timeout), 5, 600},
    {"elder_mode_default", K_ONOFF, offsetof(config_t, elder_mode_default), 0, 0},
    {"call_hook", K_PROGRAM, offsetof(config_t, call_hook), 0, 0},
    {"call_repeat_minutes", K_INT, offsetof(config_t, call_repeat_minutes), 0, 24 * 60},
    {"lookup_limit", K_INT, offsetof(config_t, lookup_limit), 0, THROTTLE_MAX},
    {"lookup_window_minutes", K_INT, offsetof(config_t, lookup_window_minutes), 1, 24 * 60},
    {"lookup_pause_minutes", K_INT, offsetof(config_t, lookup_pause_minutes), 1, 24 * 60},
    {"queue_priority_every", K_INT, offsetof(config_t, queue.priority_every), 0, 100},
    {"queue_late_grace_minutes", K_INT, offsetof(config_t, queue.late_grace), 0, 24 * 60},
    {"queue_priority_age", K_INT, offsetof(config_t, queue_priority_age), 0, 150},
    {"queue_minutes_per_person", K_INT, offsetof(config_t, queue_minutes_per_person), 1, 240},
    {"queue_counters", K_INT, offsetof(config_t, queue_counters), 1, 99}, /* i19counter */
    {"waitlist_hold_minutes", K_INT, offsetof(config_t, waitlist_hold_minutes), 1, 7 * 24 * 60},
    {"horizon_days", K_INT, offsetof(config_t, rules.horizon_days), 1, 366},
    {"max_active_per_phone", K_INT, offsetof(config_t, rules.max_active_per_phone), 1, 100},
    {"cutoff_minutes", K_INT, offsetof(config_t, rules.cutoff_minutes), 0, 7 * 24 * 60},
    {"max_party", K_INT, offsetof(config_t, rules.max_party), 1, 9},
    {"retention_days", K_INT, offsetof(config_t, rules.retention_days), 1, 3650},
    {"visit_max_bookings", K_INT, offsetof(config_t, rules.visit_max_bookings), 1, 100},
    {"service_burst_max", K_INT, offsetof(config_t, rules.service_burst_max), 1, 1000},
    {"service_burst_minutes", K_INT, offsetof(config_t, rules.service_burst_minutes), 1, 24 * 60},
    {"update_root", K_PATH, offsetof(config_t, update_root), 0, 0},
    {"update_pubkey", K_PATH, offsetof(config_t, update_pubkey), 0, 0},
    {"update_max_boots", K_INT, offsetof(config_t, update_max_boots), 1, 20},
    {"update_health_seconds", K_INT, offsetof(config_t, update_health_seconds), 1, 86400},
    {"voice", K_VOICE, 0, 0, 0},
    {"voice_volume", K_INT, offsetof(config_t, voice_volume), 0, 100},
    {"voice_quiet_hours", K_QUIET, 0, 0, 0},
    {"voice_engine", K_PATH, offsetof(config_t, voice_engine), 0, 0},
    {"voice_rate", K_INT, offsetof(config_t, voice_rate), 80, 450},
    {"voice_log", K_PATH, offsetof(config_t, voice_log), 0, 0},
    /* i16checkin */
    {"checkin_limit", K_INT, offsetof(config_t, checkin_limit), 0, THROTTLE_MAX},
    {"checkin_window_minutes", K_INT, offsetof(config_t, checkin_window_minutes), 1, 24 * 60},
    {"checkin_pause_minutes", K_INT, offsetof(config_t, checkin_pause_minutes), 1, 24 * 60},
    /* i16house: limits per person served and per household (issue 16);
     * person_limit is max_active_per_phone's new name, both accepted. */
    {"person_limit", K_INT, offsetof(config_t, rules.max_active_per_phone), 1, 100},
    {"household_limit", K_INT, offsetof(config_t, rules.household_limit), 1, 100},
};

/* "HH:MM-HH:MM" (it may run past midnight), or "" / "none" for none. */
static int parse_quiet(config_t *c, const char *v)
{
    if (!v[0] || strcmp(v, "none") == 0) {
        c->voice_quiet_from = c->voice_quiet_until = -1;
        return 0;
    }
    int h1, m1, h2, m2;
    char tail;
    if (sscanf(v, "%2d:%2d-%2d:%2d%c", &h1, &m1, &h2, &m2, &tail) != 4 || h1 < 0 || h1 > 23 ||
        m1 < 0 || m1 > 59 || h2 < 0 || h2 > 23 || m2 < 0 || m2 > 59 || h1 * 60 + m1 == h2 * 60 + m2)
        return -1;
    c->voice_quiet_from = h1 * 60 + m1;
    c->voice_quiet_until = h2 * 60 + m2;
    return 0;
}

static int apply(config_t *c, const struct key *k, const char *v)
{
    char *base = (char *)c;
    switch (k->kind) {
    case K_PATH:
        /* Room for "/kiosk.db" and the like after a directory. */
        return strlen(v) + 16 > CONFIG_PATH_MAX ? -1 : set_path(base + k->off, v);
    case K_PROGRAM:
        /* Run without a shell and without PATH: an absolute path only. */
        return v[0] != '/' ? -1 : set_path(base + k->off, v);
    case K_INT:
        return parse_int(v, k->lo, k->hi, (int *)(base + k->off));
    case K_ONOFF:
        if (strcmp(v, "on") != 0 && strcmp(v, "off") != 0)
            return -1;
        *(int *)(base + k->off) = strcmp(v, "on") == 0;
        return 0;
    case K_LANG:
        if (strcmp(v, "zh") != 0 && strcmp(v, "en") != 0)
            return -1;
        strcpy(c->lang, v);
        return 0;
    case K_DOTS: {
        int n;
        if (parse_int(v, 384, 576, &n) || (n != 384 && n != 576))
            return -1;
        c->printer_dots = n;
        return 0;
    }
    case K_ROTATE: {
        int n;
        if (parse_int(v, 0, 270, &n) || n % 90)
            return -1;
        c->rotate = n;
        return 0;
    }
    case K_SIZE: {
        int w, h;
        char tail;
        if (sscanf(v, "%dx%d%c", &w, &h, &tail) != 2 || w < 240 || h < 240 || w > 8192 || h > 8192)
            return -1;
        c->width = w;
        c->height = h;
        return 0;
    }
    case K_VOICE:
        c->voice = !strcmp(v, "off")     ? CONFIG_VOICE_OFF
                   : !strcmp(v, "on")    ? CONFIG_VOICE_ON
                   : !strcmp(v, "elder") ? CONFIG_VOICE_ELDER
                                         : -1;
        return c->voice < 0 ? -1 : 0;
    case K_QUIET:
        return parse_quiet(c, v);
    case K_MATRIX: {
        float m[6];
        char tail;
        if (sscanf(v, "%f %f %f %f %f %f %c", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5], &tail) != 6)
            return -1;
        for (int i = 0; i < 6; i++)
            if (!isfinite(m[i]) || m[i] < -10.0f || m[i] > 10.0f)
                return -1; /* nan/inf would turn every touch into undefined behaviour */
        memcpy(c->touch_matrix, m, sizeof m);
        return 0;
    }
    }
    return -1;
}

static const char *expect(const struct key *k)
{
    switch (k->kind) {
    case K_PATH:
        return "a path";
    case K_PROGRAM:
        return "the absolute path of a program (no arguments, no shell)";
    case K_INT:
        return "a whole number in range";
    case K_LANG:
        return "zh or en";
    case K_ONOFF:
        return "on or off";
    case K_DOTS:
        return "384 (58 mm) or 576 (80 mm)";
    case K_ROTATE:
        return "0, 90, 180 or 270";
    case K_SIZE:
        return "WIDTHxHEIGHT, e.g. 1080x1920";
    case K_MATRIX:
        return "six numbers, e.g. 1 0 0 0 1 0";
    case K_VOICE:
        return "on, off or elder";
    case K_QUIET:
        return "HH:MM-HH:MM, e.g. 12:00-13:30, or none";
    }
    return "a value";
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        *--e = '\0';
    return s;
}

int config_parse(config_t *c, const char *text, size_t len, const char *name, char *err,
                 size_t errlen)
{
    config_t tmp = *c;
    size_t pos = 0;
    int lineno = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    while (pos < len) {
        char line[1024];
        size_t n = 0;
        lineno++;
        while (pos < len && text[pos] != '\n') {
            if (text[pos] == '\0') {
                fail(err, errlen, name, lineno, "NUL byte in the file");
                return -1;
            }
            if (n + 1 >= sizeof line) {
                fail(err, errlen, name, lineno, "line longer than %zu bytes", sizeof line - 1);
                return -1;
            }
            line[n++] = text[pos++];
        }
        pos++;
        line[n] = '\0';
        char *s = trim(line);
        if (*s == '\0' || *s == '#' || *s == ';')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            fail(err, errlen, name, lineno, "expected key = value");
            return -1;
        }
        *eq = '\0';
        char *key = trim(s), *val = trim(eq + 1);
        const struct key *k = NULL;
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
            if (strcmp(keys[i].name, key) == 0)
                k = &keys[i];
        if (!k) {
            fail(err, errlen, name, lineno, "unknown key '%s'", key);
            return -1;
        }
        if (apply(&tmp, k, val)) {
            fail(err, errlen, name, lineno, "bad value '%s' for %s: expected %s", val, key,
                 expect(k));
            return -1;
        }
    }
    *c = tmp;
    return 0;
}

int config_load(config_t *c, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    char buf[64 * 1024];
    size_t n = fread(buf, 1, sizeof buf, f);
    int toolong = !feof(f);
    int ioerr = ferror(f);
    fclose(f);
    if (ioerr || toolong) {
        snprintf(err, errlen, "%s: %s", path, ioerr ? "read error" : "file larger than 64 KiB");
        return -1;
    }
    return config_parse(c, buf, n, path, err, errlen);
}

void config_db_path(const config_t *c, char out[CONFIG_PATH_MAX])
{
    if (c->db[0])
        snprintf(out, CONFIG_PATH_MAX, "%s", c->db);
    else
        snprintf(out, CONFIG_PATH_MAX, "%.*s/kiosk.db", CONFIG_PATH_MAX - 10, c->data_dir);
}

void config_key_path(const char *db_path, char out[CONFIG_PATH_MAX])
{
    const char *slash = strrchr(db_path, '/');
    if (!slash)
        snprintf(out, CONFIG_PATH_MAX, "ticket.key");
    else
        snprintf(
            out, CONFIG_PATH_MAX, "%.*s/ticket.key",
            (int)(slash - db_path < CONFIG_PATH_MAX - 12 ? slash - db_path : CONFIG_PATH_MAX - 12),
            db_path);
}

void config_touch_path(const config_t *c, char out[CONFIG_PATH_MAX])
{
    snprintf(out, CONFIG_PATH_MAX, "%.*s/touch.conf", CONFIG_PATH_MAX - 12, c->data_dir);
}

int config_load_touch(config_t *c, char *err, size_t errlen)
{
    char path[CONFIG_PATH_MAX];
    config_touch_path(c, path);
    if (access(path, F_OK) != 0 && errno == ENOENT)
        return 0;
    config_t t = *c;
    if (config_load(&t, path, err, errlen))
        return -1;
    memcpy(c->touch_matrix, t.touch_matrix, sizeof c->touch_matrix);
    return 0;
}

int config_save_touch(const config_t *c, const float m[6], const char *comment, char *err,
                      size_t errlen)
{
    char path[CONFIG_PATH_MAX], tmp[CONFIG_PATH_MAX + 8], text[512];
    config_touch_path(c, path);
    snprintf(tmp, sizeof tmp, "%s.part", path);
    int n = snprintf(text, sizeof text, "# %s\ntouch_matrix = %.6g %.6g %.6g %.6g %.6g %.6g\n",
                     comment ? comment : "touch calibration", m[0], m[1], m[2], m[3], m[4], m[5]);
    /* What is written must read back: the parser is the judge. */
    config_t check = *c;
    if (n < 0 || (size_t)n >= sizeof text ||
        config_parse(&check, text, (size_t)n, path, err, errlen)) {
        if (n < 0 || (size_t)n >= sizeof text)
            snprintf(err, errlen, "%s: calibration text too long", path);
        return -1;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot write: %s", tmp, strerror(errno));
        return -1;
    }
    int bad = write(fd, text, (size_t)n) != n || fsync(fd) != 0;
    int e = errno;
    bad |= close(fd) != 0;
    if (bad || rename(tmp, path) != 0) {
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(bad ? e : errno));
        unlink(tmp);
        return -1;
    }
    fsync_parent(path); /* the rename itself reaches the disk */
    return 0;
}
