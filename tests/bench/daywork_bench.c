/* daywork_bench: the day's work with the biggest catalog allowed (issue
 * 14 item 8): 1000 sessions each weekday (50 services of 20 schedules).
 *   daywork_bench DIR
 * Times its import (the horizon's sessions in one transaction, under the
 * write lock), then a day change after five days switched off, made as the
 * kiosk makes it, one slice a frame: the slices, the longest one (what one
 * frame may cost) and their total. Prints "NAME VALUE UNIT" lines; figures,
 * never asserted (tests/faults/daywork.sh and tests/store/test_daywork.c
 * test the slicing itself). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../../firmware/core/rules.h"
#include "../../firmware/store/store.h"
#include "../lib/store_fixture.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: daywork_bench DIR\n");
        return 2;
    }
    if (fx_dir_use(argv[1]))
        return 2;
    char path[FX_PATH_MAX];
    fx_path(path, "daywork.db");
    remove(path);
    rules_t r;
    rules_defaults(&r);
    char *text = fx_wide_catalog(50, 20, "Mon-Fri");
    if (!text)
        return 1;
    double t0 = now_ms();
    store_t *st = fx_store("daywork.db", text, "max.ini", fx_at("2026-11-30 08:00"), &r);
    double import_ms = now_ms() - t0;
    free(text);
    if (!st) {
        fprintf(stderr, "daywork_bench: the biggest catalog allowed was not imported\n");
        return 1;
    }
    long long now = fx_at("2026-12-05 09:00");
    int more = 1, slices = 0;
    double longest = 0, total = 0;
    while (more) {
        double s0 = now_ms();
        if (store_refresh_sessions_step(st, now, &r, STORE_REFRESH_SLICE, &more) != STORE_OK) {
            fprintf(stderr, "daywork_bench: %s\n", store_errmsg(st));
            store_close(st);
            return 1;
        }
        double ms = now_ms() - s0;
        slices++;
        total += ms;
        if (ms > longest)
            longest = ms;
    }
    store_close(st);
    printf("max_catalog_import_ms %.0f ms\n", import_ms);
    printf("day_change_slices %d slices\n", slices);
    printf("day_change_slice_max_ms %.1f ms\n", longest);
    printf("day_change_total_ms %.0f ms\n", total);
    return 0;
}
