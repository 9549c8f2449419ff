#include "benchlog.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct benchlog {
    FILE *f;
};

benchlog_t *benchlog_open(const char *path, char *err, unsigned errlen)
{
    if (!path)
        return NULL;
    benchlog_t *b = calloc(1, sizeof *b);
    if (!b) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    b->f = fopen(path, "a");
    if (!b->f) {
        snprintf(err, errlen, "--bench %s: %s", path, strerror(errno));
        free(b);
        return NULL;
    }
    /* Line by line: a kiosk stopped by a signal keeps its lines. The write
     * happens after the END time is taken, outside what is measured. */
    setvbuf(b->f, NULL, _IOLBF, 0);
    return b;
}

void benchlog_close(benchlog_t *b)
{
    if (!b)
        return;
    fclose(b->f);
    free(b);
}

static uint64_t ns_of(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

benchlog_mark_t benchlog_mark(const benchlog_t *b)
{
    benchlog_mark_t m = {0, 0};
    if (b) {
        m.wall_ns = ns_of(CLOCK_MONOTONIC);
        m.cpu_ns = ns_of(CLOCK_THREAD_CPUTIME_ID);
    }
    return m;
}

void benchlog_event(benchlog_t *b, const char *kind, const char *name, benchlog_mark_t start)
{
    if (!b)
        return;
    benchlog_mark_t end = benchlog_mark(b);
    fprintf(b->f, "%s %s %llu %llu %llu\n", kind, name, (unsigned long long)start.wall_ns,
            (unsigned long long)end.wall_ns, (unsigned long long)(end.cpu_ns - start.cpu_ns));
}

void benchlog_span(benchlog_t *b, const char *kind, const char *name, uint64_t start_ns,
                   uint64_t end_ns)
{
    if (b)
        fprintf(b->f, "%s %s %llu %llu 0\n", kind, name, (unsigned long long)start_ns,
                (unsigned long long)end_ns);
}

uint64_t benchlog_now_ns(void)
{
    return ns_of(CLOCK_MONOTONIC);
}
