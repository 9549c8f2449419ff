/* posix_spawn_file_actions_addclosefrom_np (glibc 2.34) */
#define _GNU_SOURCE
#include "speak.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

const char *speak_voice(int en)
{
    return en ? "en-gb" : "cmn-latn-pinyin";
}

/* Two 64-bit FNV-1a hashes with different offsets: 128 bits, so two texts
 * never share a cache file by chance. */
static void hash128(const char *parts[], int n, uint64_t h[2])
{
    h[0] = 0xcbf29ce484222325ULL;
    h[1] = 0x84222325cbf29ce4ULL;
    for (int i = 0; i < n; i++)
        for (const unsigned char *p = (const unsigned char *)parts[i];; p++) {
            for (int k = 0; k < 2; k++) {
                h[k] ^= *p;
                h[k] *= 0x100000001b3ULL;
            }
            if (!*p)
                break; /* the NUL separates the parts */
        }
}

int speak_cache_path(const char *dir, const char *engine, const char *voice, int speed,
                     const char *text, char out[SPEAK_PATH_MAX], char *err, size_t errlen)
{
    char sp[16], d[SPEAK_PATH_MAX];
    snprintf(sp, sizeof sp, "%d", speed);
    /* The engine's name is in the key: another engine, another sound. */
    const char *parts[] = {"v1", engine, voice, sp, text};
    uint64_t h[2];
    hash128(parts, 5, h);
    if ((size_t)snprintf(d, sizeof d, "%s/voice", dir) >= sizeof d - 40) {
        snprintf(err, errlen, "voice cache directory name too long");
        return -1;
    }
    if (mkdir(d, 0750) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "cannot create %s: %s", d, strerror(errno));
        return -1;
    }
    int k = snprintf(out, SPEAK_PATH_MAX, "%s/%016llx%016llx.wav", d, (unsigned long long)h[0],
                     (unsigned long long)h[1]);
    return k > 0 && k < SPEAK_PATH_MAX ? 0 : -1;
}

static int write_text(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0)
        return -1;
    size_t len = strlen(text), off = 0;
    while (off < len) {
        ssize_t w = write(fd, text + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            close(fd);
            return -1;
        }
        off += (size_t)w;
    }
    return close(fd);
}

int speak_start(speak_job_t *j, const char *engine, const char *voice, int speed, const char *text,
                const char *wav, uint64_t now_ms, uint64_t timeout_ms, int *err_no, char *err,
                size_t errlen)
{
    memset(j, 0, sizeof *j);
    *err_no = 0;
    if ((size_t)snprintf(j->wav, sizeof j->wav, "%s", wav) >= sizeof j->wav - 8) {
        snprintf(err, errlen, "WAV path too long");
        return -1;
    }
    if (snprintf(j->tmp, sizeof j->tmp, "%s.tmp", wav) < 0 ||
        snprintf(j->text, sizeof j->text, "%s.txt", wav) < 0)
        return -1;
    /* The text goes in a file (-f), not in argv: a text that starts with
     * "-" is never taken for an option. */
    if (write_text(j->text, text)) {
        *err_no = errno;
        snprintf(err, errlen, "cannot write %s: %s", j->text, strerror(errno));
        unlink(j->text);
        return -1;
    }
    char sp[16];
    snprintf(sp, sizeof sp, "%d", speed);
    /* Not -q: espeak-ng writes no WAV at all with it. */
    char *const argv[] = {(char *)engine, "-b",   "1",  "-v",    (char *)voice, "-s", sp,
                          "-w",           j->tmp, "-f", j->text, NULL};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    /* Its chatter goes nowhere: the exit status says what we need. */
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    /* Nothing else of ours (the database, the station key, the log) is
     * open in the engine. */
    posix_spawn_file_actions_addclosefrom_np(&fa, 3);
#endif
    pid_t pid;
    int rc = posix_spawnp(&pid, engine, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        *err_no = rc;
        snprintf(err, errlen, "cannot run %s: %s", engine, strerror(rc));
        unlink(j->text);
        return -1;
    }
    j->pid = pid;
    j->deadline_ms = now_ms + timeout_ms;
    return 0;
}

static void clean(speak_job_t *j)
{
    unlink(j->text);
    unlink(j->tmp);
    j->pid = 0;
}

int speak_poll(speak_job_t *j, uint64_t now_ms, char *err, size_t errlen)
{
    if (!j->pid) {
        snprintf(err, errlen, "no speech job");
        return -1;
    }
    int st;
    pid_t r = waitpid(j->pid, &st, WNOHANG);
    if (r == 0) {
        if (now_ms < j->deadline_ms)
            return 1;
        kill(j->pid, SIGKILL);
        waitpid(j->pid, &st, 0);
        clean(j);
        snprintf(err, errlen, "the speech engine took too long: killed");
        return -1;
    }
    if (r < 0) {
        snprintf(err, errlen, "waitpid: %s", strerror(errno));
        clean(j);
        return -1;
    }
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        if (WIFEXITED(st))
            snprintf(err, errlen, "the speech engine failed (exit status %d)", WEXITSTATUS(st));
        else
            snprintf(err, errlen, "the speech engine died (signal %d)", WTERMSIG(st));
        clean(j);
        return -1;
    }
    if (rename(j->tmp, j->wav) != 0) {
        snprintf(err, errlen, "cannot rename %s: %s", j->tmp, strerror(errno));
        clean(j);
        return -1;
    }
    clean(j);
    return 0;
}

void speak_cancel(speak_job_t *j)
{
    if (!j || !j->pid)
        return;
    int st;
    kill(j->pid, SIGKILL);
    while (waitpid(j->pid, &st, 0) < 0 && errno == EINTR)
        ;
    clean(j);
}
