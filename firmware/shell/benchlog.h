/* Timing lines for `make bench` (kiosk --bench FILE): what the benchmark
 * driver (tools/bench.sh) cannot see from outside the process. One line per
 * event; wall times in nanoseconds of CLOCK_MONOTONIC (the same clock in
 * every process, so the driver can subtract its own start of the kiosk),
 * and the thread's CPU time, which a busy machine disturbs less:
 *   frame SCREEN START END CPU   a frame laid out, drawn and presented
 *   input down|up START END CPU  an injected touch event (START: when it
 *                                was queued) to the present of the frame
 *                                that shows it
 *   voice cached|synth START END 0  a screen change to the first sample of
 *                                its prompt handed to the audio device
 *                                (a cached WAV, or synthesised then)
 * Every function is a no-op on a NULL log, so a kiosk without --bench pays
 * a branch or two per frame. */
#ifndef PLATFORM_BENCHLOG_H
#define PLATFORM_BENCHLOG_H

#include <stdint.h>

typedef struct benchlog benchlog_t;

/* Opens path for appending; NULL path gives NULL. NULL with err on failure. */
benchlog_t *benchlog_open(const char *path, char *err, unsigned errlen);
/* NULL-safe. */
void benchlog_close(benchlog_t *b);

/* A moment: wall clock and the calling thread's CPU time. */
typedef struct benchlog_mark {
    uint64_t wall_ns, cpu_ns;
} benchlog_mark_t;

/* Now (zeros when b is NULL). */
benchlog_mark_t benchlog_mark(const benchlog_t *b);
/* Writes "KIND NAME START END CPU" (kind "frame" or "input", as above) for
 * the time from start to now. */
void benchlog_event(benchlog_t *b, const char *kind, const char *name, benchlog_mark_t start);
/* Writes "KIND NAME START END 0" for two CLOCK_MONOTONIC times taken elsewhere
 * (the audio thread's first sample). */
void benchlog_span(benchlog_t *b, const char *kind, const char *name, uint64_t start_ns,
                   uint64_t end_ns);
/* CLOCK_MONOTONIC now, in ns, whether or not there is a log. */
uint64_t benchlog_now_ns(void);

#endif
