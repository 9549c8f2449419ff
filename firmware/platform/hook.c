#include "hook.h"

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "log.h"

extern char **environ;

static unsigned long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000ull + (unsigned long long)ts.tv_nsec / 1000000ull;
}

int hook_run(hook_set_t *h, const char *path, char *const argv[], int deadline_s,
             const char *what)
{
    hook_poll(h);
    int slot = -1;
    for (int i = 0; i < HOOK_MAX && slot < 0; i++)
        if (!h->pid[i])
            slot = i;
    if (slot < 0) {
        log_msg(LOG_ERROR, "hook %s (%s) not run: %d hooks still running", what, path, HOOK_MAX);
        return -1;
    }
    pid_t pid;
    int rc = posix_spawn(&pid, path, NULL, NULL, argv, environ);
    if (rc != 0) {
        log_msg(LOG_ERROR, "hook %s (%s) cannot start: %s", what, path, strerror(rc));
        return -1;
    }
    h->pid[slot] = (int)pid;
    h->until_ms[slot] = mono_ms() + (unsigned long long)deadline_s * 1000ull;
    snprintf(h->what[slot], sizeof h->what[slot], "%s", what);
    return 0;
}

/* Reaps slot i when it ended (or kills it when kill_late and past its
 * deadline); 1 while it still runs. */
static int reap(hook_set_t *h, int i, int kill_late)
{
    int status;
    pid_t r = waitpid((pid_t)h->pid[i], &status, WNOHANG);
    if (r == 0) {
        if (!kill_late || mono_ms() < h->until_ms[i])
            return 1;
        kill((pid_t)h->pid[i], SIGKILL);
        waitpid((pid_t)h->pid[i], &status, 0);
        log_msg(LOG_ERROR, "hook %s killed: still running at its deadline", h->what[i]);
    } else if (r < 0) {
        log_msg(LOG_ERROR, "hook %s: %s", h->what[i], strerror(errno));
    } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
        log_msg(LOG_ERROR, "hook %s failed: exit status %d", h->what[i], WEXITSTATUS(status));
    } else if (WIFSIGNALED(status)) {
        log_msg(LOG_ERROR, "hook %s failed: killed by signal %d", h->what[i], WTERMSIG(status));
    }
    h->pid[i] = 0;
    return 0;
}

void hook_poll(hook_set_t *h)
{
    for (int i = 0; i < HOOK_MAX; i++)
        if (h->pid[i])
            reap(h, i, 1);
}

void hook_finish(hook_set_t *h)
{
    for (;;) {
        int running = 0;
        for (int i = 0; i < HOOK_MAX; i++)
            if (h->pid[i])
                running |= reap(h, i, 1);
        if (!running)
            return;
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}
