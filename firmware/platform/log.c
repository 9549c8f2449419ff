#include "log.h"

#include <stdarg.h>
#include <stdio.h>

static enum log_level threshold = LOG_INFO;

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
}
