/* Hook programs a technician wires to the kiosk (a bell, a light: the
 * config's call_hook). Run as separate programs with posix_spawn and an
 * argument vector, never through a shell; never waited for in the frame
 * loop: hook_poll reaps them, and kills one that outlives its deadline.
 * Every failure (cannot start, non-zero exit, killed) is logged. */
#ifndef PLATFORM_HOOK_H
#define PLATFORM_HOOK_H

#define HOOK_MAX 4

typedef struct hook_set {
    int pid[HOOK_MAX];                    /* 0: free */
    unsigned long long until_ms[HOOK_MAX]; /* monotonic deadline */
    char what[HOOK_MAX][48];              /* for the log */
} hook_set_t;

/* Starts path with argv (argv[0] included, NULL-terminated) and the
 * kiosk's environment; what names it in the log. 0 started, -1 not (the
 * reason logged): no free slot, or posix_spawn failed. */
int hook_run(hook_set_t *h, const char *path, char *const argv[], int deadline_s,
             const char *what);
/* Reaps the hooks that ended (a failure logged) and kills those past their
 * deadline (logged). Cheap when none runs. */
void hook_poll(hook_set_t *h);
/* Waits for the hooks still running until their deadlines, then kills the
 * rest: at the kiosk's exit, so that no hook is left behind. */
void hook_finish(hook_set_t *h);

#endif
