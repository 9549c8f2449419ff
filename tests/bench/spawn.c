/* spawn: runs a kiosk command and reports what only its parent can see.
 *   spawn LOG COMMAND...
 * LOG is the file given to the kiosk's --bench: it is emptied first, and
 * the first "frame" line's end (CLOCK_MONOTONIC, platform/benchlog.h) less
 * the moment before fork is the start-up time, process start to first frame
 * presented. Prints one line:
 *   first_frame_ms F wall_ms W cpu_ms C maxrss_kb R exit E
 * (F is -1 when no frame was logged; C is user + system time; R and C
 * include the command's own children). Exit status: 0, or 1 when the
 * command failed or could not run. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: spawn LOG COMMAND...\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "w");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    fclose(f);
    fflush(stdout);
    uint64_t t0 = now_ns();
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("wait4");
        return 1;
    }
    uint64_t t1 = now_ns();
    double first = -1;
    f = fopen(argv[1], "r");
    char line[256], screen[64];
    unsigned long long start, end;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "frame %63s %llu %llu", screen, &start, &end) == 3) {
            first = (double)(end - t0) / 1e6;
            break;
        }
    if (f)
        fclose(f);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    double cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
                 (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    printf("first_frame_ms %.2f wall_ms %.2f cpu_ms %.1f maxrss_kb %ld exit %d\n", first,
           (double)(t1 - t0) / 1e6, cpu, ru.ru_maxrss, code);
    return code == 0 ? 0 : 1;
}
