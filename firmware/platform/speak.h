/* The speech engine, espeak-ng, as a separate program. It is GPL-3: it is
 * never linked, only run, with an argument vector (posix_spawnp, no
 * shell), its text in a file, a deadline, and its output a WAV file that
 * the caller plays. A failure is a message for the log; the kiosk carries
 * on silent. Synthesised WAVs are cached under <data_dir>/voice/, keyed by
 * a hash of (engine, voice, speed, text). Nothing here blocks: the caller
 * polls. */
#ifndef PLATFORM_SPEAK_H
#define PLATFORM_SPEAK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define SPEAK_PATH_MAX 600

typedef struct speak_job {
    pid_t pid;                 /* 0: no job */
    uint64_t deadline_ms;      /* killed when still running then */
    char wav[SPEAK_PATH_MAX];  /* where the WAV goes when it is done */
    char tmp[SPEAK_PATH_MAX];  /* written by the engine, renamed to wav */
    char text[SPEAK_PATH_MAX]; /* the text file, removed when done */
} speak_job_t;

/* espeak-ng's voice for the language: "cmn-latn-pinyin" reads every Chinese
 * character ("cmn" reads most of them as pinyin with tone numbers, in
 * English), "en-gb" for English. */
const char *speak_voice(int en);

/* The cache file of (engine, voice, speed, text): <dir>/voice/<32 hex>.wav,
 * creating <dir>/voice. 0, or -1 with err. */
int speak_cache_path(const char *dir, const char *engine, const char *voice, int speed,
                     const char *text, char out[SPEAK_PATH_MAX], char *err, size_t errlen);

/* Starts engine (a program name looked up in PATH, or a path) to say text
 * with voice at speed (words a minute) into wav, by deadline_ms. 0, or -1
 * with err (the engine cannot be run: errno in *err_no, ENOENT when it is
 * not installed). */
int speak_start(speak_job_t *j, const char *engine, const char *voice, int speed, const char *text,
                const char *wav, uint64_t now_ms, uint64_t timeout_ms, int *err_no, char *err,
                size_t errlen);

/* 1 while it runs, 0 done (j->wav is there), -1 failed with err (an exit
 * status, a signal, or killed at the deadline). The job is over unless 1. */
int speak_poll(speak_job_t *j, uint64_t now_ms, char *err, size_t errlen);

/* Stops a running job (SIGKILL, reaped) and removes its files. NULL-safe. */
void speak_cancel(speak_job_t *j);

#endif
