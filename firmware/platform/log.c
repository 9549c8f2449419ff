#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static enum log_level threshold = LOG_INFO;

/* The log is the platform's one singleton: a small ring of recent lines,
 * so a technician can read them on the kiosk's own screen. */
#define LOG_RING 32
static char ring[LOG_RING][160];
static int ring_next, ring_count;

void log_set_level(enum log_level lvl)
{
    threshold = lvl;
}

void log_msg(enum log_level lvl, const char *fmt, ...)
{
    static const char *const names[] = {"debug", "info", "warning", "error"};
    if (lvl < threshold)
        return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    /* systemd's journal reads the <N> prefix as the priority. */
    static const int prio[] = {7, 6, 4, 3};
    fprintf(stderr, "<%d>kiosk: %s: %s\n", prio[lvl], names[lvl], line);
    snprintf(ring[ring_next], sizeof ring[0], "%.8s: %.140s", names[lvl], line);
    ring_next = (ring_next + 1) % LOG_RING;
    if (ring_count < LOG_RING)
        ring_count++;
}

int log_tail(char lines[][160], int max)
{
    int n = ring_count < max ? ring_count : max;
    for (int i = 0; i < n; i++) {
        int k = (ring_next - n + i + LOG_RING) % LOG_RING;
        memcpy(lines[i], ring[k], sizeof ring[0]);
    }
    return n;
}
