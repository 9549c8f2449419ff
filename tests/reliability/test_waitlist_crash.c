/* Issue 20: kills and power cuts in the middle of the waitlist's
 * cancel-and-promote cycles. Each round has a fresh store whose session (2
 * seats) is full with WAITING residents on its list. A child frees a seat
 * again and again, through every path that frees one (a resident's cancel,
 * staff's cancel, a held seat withdrawn, a hold passing), each of which
 * gives it to the next waiting in its own transaction; after each commit it
 * reports how many were ever given a seat. The parent kills it (SIGKILL at
 * a random moment) or it loses power at a random write or sync
 * (crashvfs.c). After each round the store holds the old state or the new
 * one, never a mix: integrity ok; the session never over its capacity; no
 * seat free while someone still waits (a freed seat is never lost); every
 * held or taken row has its own live booking and every live booking the
 * waitlist made has its row (never given twice, never given without its
 * row); each promotion whose commit was reported is there.
 * WAITLIST_CRASH_ROUNDS (default 25 of each; 10 under ASan). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../lib/store_fixture.h"
#include "../unit/test.h"
#include "crashvfs.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

#define SESSION "s2-20261201-1400"
#define WAITING 120
#define CAPACITY 2

static const char catalog[] = FX_CATALOG(2);
static char db[FX_PATH_MAX];
static unsigned long long rnd_state = 0x5deece66dULL;

static unsigned long long rnd(void)
{
    return crashvfs_rand(&rnd_state);
}

static void phone_of(int i, char out[KIOSK_PHONE_SIZE])
{
    snprintf(out, KIOSK_PHONE_SIZE, "139%08d", i);
}

static long long one(sqlite3 *d, const char *sql)
{
    sqlite3_stmt *s;
    long long v = -999;
    if (sqlite3_prepare_v2(d, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* A live booking of the session (op 0: the oldest, else the newest) or a
 * held row's id and phone, read on a connection of its own. */
static int pick(sqlite3 *d, const char *sql, char *out, size_t n, long long *id)
{
    sqlite3_stmt *s;
    int found = 0;
    if (sqlite3_prepare_v2(d, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
        found = 1;
        if (id)
            *id = sqlite3_column_int64(s, 0);
        const unsigned char *t = sqlite3_column_text(s, 1);
        snprintf(out, n, "%s", t ? (const char *)t : "");
    }
    sqlite3_finalize(s);
    return found;
}

/* Frees a seat through each path in turn until nobody waits or killed;
 * after each commit writes "PROMOTED\n" (rows ever given a seat). */
static void worker(int fd, void *ctx)
{
    (void)ctx;
    store_t *st = NULL;
    if (store_open(db, 0, &st) != STORE_OK)
        _exit(2);
    store_set_waitlist_hold(st, 1); /* a minute: the clock below passes holds */
    sqlite3 *d;
    if (sqlite3_open_v2(db, &d, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        _exit(2);
    sqlite3_busy_timeout(d, 5000);
    long long now = fx_at("2026-12-01 08:00");
    for (int i = 0; i < 4 * WAITING; i++, now += 2) {
        char text[64];
        long long id = 0;
        int rc = STORE_OK;
        switch (i % 4) {
        case 0: /* the resident cancels */
            if (pick(d,
                     "SELECT id, ticket FROM bookings WHERE session_id = '" SESSION
                     "' AND status = 'booked' ORDER BY id LIMIT 1",
                     text, sizeof text, &id))
                rc = store_cancel(st, text, now);
            break;
        case 1: /* staff cancel */
            if (pick(d,
                     "SELECT id, ticket FROM bookings WHERE session_id = '" SESSION
                     "' AND status = 'booked' ORDER BY id DESC LIMIT 1",
                     text, sizeof text, &id))
                rc = store_staff_set_status(st, "crash", text, RULES_CANCELLED, "test", now);
            break;
        case 2: /* the resident withdraws a held seat */
            if (pick(d, "SELECT id, phone FROM waitlist WHERE status = 'held' ORDER BY id LIMIT 1",
                     text, sizeof text, &id))
                rc = store_waitlist_withdraw(st, NULL, text, id, now);
            break;
        default: /* the hold passes */
            rc = store_waitlist_expire(st, now, NULL);
            break;
        }
        if (rc != STORE_OK)
            _exit(rc < 0 ? 4 : 3);
        long long promoted = one(d, "SELECT count(*) FROM waitlist WHERE ticket IS NOT NULL");
        char line[32];
        int n = snprintf(line, sizeof line, "%lld\n", promoted);
        if (write(fd, line, (size_t)n) != n)
            _exit(5);
        if (one(d, "SELECT count(*) FROM waitlist WHERE status = 'waiting'") == 0)
            break;
    }
    sqlite3_close(d);
    store_close(st);
    _exit(0);
}

/* The invariants after a round whose child last reported `reported`
 * promotions: 0, or -1 with the reason printed. */
static int verify(int round, long long reported)
{
    store_t *st = NULL;
    char msg[512];
    if (store_open(db, 0, &st) != STORE_OK) {
        fprintf(stderr, "round %d: cannot reopen: %s\n", round, store_errmsg(st));
        store_close(st);
        return -1;
    }
    int bad = store_check(st, msg, sizeof msg) != STORE_OK;
    if (bad)
        fprintf(stderr, "round %d: check: %s\n", round, msg);
    store_close(st);
    sqlite3 *d;
    if (sqlite3_open_v2(db, &d, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(d);
        return -1;
    }
    long long seats = one(d, "SELECT COALESCE(SUM(party), 0) FROM bookings WHERE session_id = '" SESSION
                             "' AND status IN ('booked', 'checked_in')");
    long long waiting = one(d, "SELECT count(*) FROM waitlist WHERE status = 'waiting'");
    long long orphans = one(d, "SELECT count(*) FROM waitlist w LEFT JOIN bookings b"
                               " ON b.ticket = w.ticket WHERE w.status IN ('held', 'taken')"
                               " AND (b.status IS NULL OR b.status <> 'booked'"
                               " OR b.phone IS NOT w.phone)");
    long long unrowed = one(d, "SELECT count(*) FROM bookings b WHERE b.booked_by = 'waitlist'"
                               " AND b.status = 'booked' AND (SELECT count(*) FROM waitlist w"
                               " WHERE w.ticket = b.ticket AND w.status IN ('held', 'taken')) <> 1");
    long long promoted = one(d, "SELECT count(*) FROM waitlist WHERE ticket IS NOT NULL");
    long long wl_bookings = one(d, "SELECT count(*) FROM bookings WHERE booked_by = 'waitlist'");
    long long events = one(d, "SELECT count(*) FROM outbox WHERE kind = 'created'");
    long long all = one(d, "SELECT count(*) FROM bookings");
    sqlite3_close(d);
    if (seats > CAPACITY || (waiting > 0 && seats < CAPACITY)) {
        fprintf(stderr, "round %d: %lld of %d seats taken with %lld waiting\n", round, seats,
                CAPACITY, waiting);
        bad = 1;
    }
    if (orphans || unrowed || promoted != wl_bookings || events != all) {
        fprintf(stderr,
                "round %d: %lld held rows without their booking, %lld bookings without their"
                " row, %lld promoted for %lld waitlist bookings, %lld created events for %lld\n",
                round, orphans, unrowed, promoted, wl_bookings, events, all);
        bad = 1;
    }
    if (promoted < reported || waiting + promoted != WAITING) {
        fprintf(stderr, "round %d: %lld promoted, %lld reported, %lld waiting\n", round, promoted,
                reported, waiting);
        bad = 1;
    }
    return bad ? -1 : 0;
}

/* A fresh store: the session full (two bookings) and WAITING on its list. */
static int setup(const rules_t *r)
{
    fx_path(db, "w.db");
    char side[FX_PATH_MAX + 8];
    unlink(db);
    snprintf(side, sizeof side, "%s-wal", db);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", db);
    unlink(side);
    store_t *st = fx_store("w.db", catalog, "w.ini", fx_at("2026-11-30 07:00"), r);
    if (!st)
        return -1;
    long long now = fx_at("2026-12-01 07:00");
    char ticket[KIOSK_TICKET_SIZE], phone[KIOSK_PHONE_SIZE];
    int bad = 0;
    for (int i = 0; i < CAPACITY && !bad; i++) {
        phone_of(90000 + i, phone);
        bad = store_book(st, SESSION, phone, 1, now, r, fx_gen, NULL, ticket) != STORE_OK;
    }
    for (int i = 0; i < WAITING && !bad; i++) {
        phone_of(i, phone);
        store_person_t who = {phone, NULL, NULL};
        bad = store_waitlist_join(st, NULL, SESSION, &who, 1, now, r, NULL, NULL) != STORE_OK;
    }
    if (bad)
        fprintf(stderr, "setup: %s\n", store_errmsg(st));
    store_close(st);
    return bad ? -1 : 0;
}

/* Microseconds from a worker's start to its first report, at least 1000. */
static unsigned first_report_us(const rules_t *r)
{
    if (setup(r))
        return 30000;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    store_t *st = NULL;
    char ticket[KIOSK_TICKET_SIZE];
    if (store_open(db, 0, &st) == STORE_OK) {
        sqlite3 *d = NULL;
        if (sqlite3_open_v2(db, &d, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
            pick(d, "SELECT id, ticket FROM bookings ORDER BY id LIMIT 1", ticket, sizeof ticket,
                 NULL))
            (void)store_cancel(st, ticket, fx_at("2026-12-01 08:00"));
        sqlite3_close(d);
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    store_close(st);
    long long us = (b.tv_sec - a.tv_sec) * 1000000LL + (b.tv_nsec - a.tv_nsec) / 1000;
    return us < 1000 ? 1000 : us > 5000000 ? 5000000 : (unsigned)us;
}

static void rounds(int power)
{
    const char *env = getenv("WAITLIST_CRASH_ROUNDS");
    int n = env && atoi(env) > 0 ? atoi(env) : UNDER_ASAN ? 10 : 25;
    rules_t r;
    rules_defaults(&r);
    long total = 0;
    int cut_in_the_middle = 0;
    unsigned first = power ? 0 : first_report_us(&r);
    unsigned span = first * 40 > 30000 ? first * 40 : 30000;
    for (int round = 1; round <= n && !test_cur_failed; round++) {
        CHECK(setup(&r) == 0);
        if (test_cur_failed)
            break;
        unsigned long cut = 1 + (unsigned long)(rnd() % 400);
        unsigned long long seed = rnd() | 1;
        unsigned delay = power ? (unsigned)(rnd() % 30000) : first / 2 + (unsigned)(rnd() % span);
        int status;
        int rfd = crashvfs_round(power, cut, seed, delay, worker, NULL, &status);
        CHECK(rfd >= 0);
        if (rfd < 0)
            break;
        FILE *f = fdopen(rfd, "r");
        char line[32];
        long long last = 0;
        int reports = 0;
        while (f && fgets(line, sizeof line, f)) {
            long long v = atoll(line);
            if (v < last) {
                fprintf(stderr, "round %d: %lld promoted after %lld\n", round, v, last);
                CHECK(0);
            }
            last = v;
            reports++;
        }
        if (f)
            fclose(f);
        if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
            fprintf(stderr, "round %d: the worker failed (exit %d)\n", round, WEXITSTATUS(status));
            CHECK(0);
        }
        cut_in_the_middle += WIFSIGNALED(status) && reports > 0;
        total += last;
        CHECK(verify(round, last) == 0);
    }
    printf("# waitlist %s: %d rounds, %ld promotions reported, all there; the session never"
           " over its seats nor a seat free while one waited; %d rounds cut mid-run\n",
           power ? "power cuts (crash VFS)" : "SIGKILL", n, total, cut_in_the_middle);
    CHECK(total > 0);
    CHECK(cut_in_the_middle > 0);
}

static void waitlist_sigkill_rounds(void)
{
    rounds(0);
}

static void waitlist_power_cut_rounds(void)
{
    rounds(1);
}

int main(void)
{
    if (fx_dir_make("test_waitlist_crash", 1))
        return 1;
    RUN(waitlist_sigkill_rounds);
    RUN(waitlist_power_cut_rounds);
    fx_dir_remove();
    TEST_EXIT();
}
