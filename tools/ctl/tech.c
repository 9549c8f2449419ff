/* kioskctl's technician commands: the catalog imported, old phone numbers
 * purged, the database checked and backed up, the fleet sync's state, and
 * the signed updates (apply, status, rollback, the boot check). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../firmware/app/dbguard.h"
#include "../../firmware/app/table.h"
#include "../../firmware/app/throttled.h"
#include "../../firmware/core/catalog.h"
#include "../../firmware/core/datetime.h"
#include "../../firmware/platform/clock.h"
#include "../../firmware/update/update.h"
#include "ctl.h"

int ctl_import(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *arg;
    int rc = ctl_one_arg(name, argc, argv, "which catalog file?", &arg);
    if (rc)
        return rc;
    catalog_t *cat;
    char err[512], *text;
    if (catalog_load_source(arg, &cat, &text, err, sizeof err))
        return ctl_refused("%s", err);
    if ((rc = ctl_open_store(c, CTL_OPEN_CREATE)) == 0) {
        if (store_import_catalog(c->st, cat, text, arg, c->now, &c->cfg.rules) != STORE_OK) {
            rc = ctl_store_failed(c);
        } else {
            char today[11];
            dt_date_t d;
            int m;
            dt_from_stamp(c->now, &d, &m);
            dt_format_date(d, today);
            printf("imported %s: %d categories, %d services; sessions from %s for %d days\n",
                   cat->station_id, cat->n_categories, cat->n_services, today,
                   c->cfg.rules.horizon_days);
        }
    }
    free(text);
    catalog_destroy(cat);
    return rc;
}

int ctl_purge(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *pos[1];
    int npos, rc = ctl_parse_opts(name, argc, argv, NULL, 0, pos, 0, &npos);
    if (rc || (rc = ctl_open_store(c, CTL_OPEN_WRITE)))
        return rc;
    int n = store_purge_phones(c->st, c->now, c->cfg.rules.retention_days);
    if (n < 0)
        return ctl_store_failed(c);
    printf("purged %d phone numbers older than %d days\n", n, c->cfg.rules.retention_days);
    return 0;
}

/* The clock against its high-water mark: 0 when believed, 1 in doubt
 * (what is held, and how it ends, on stderr). The line of a believed clock
 * goes to stdout when say_believed. */
static int clock_report(ctl_t *c, int say_believed)
{
    store_clock_t ck;
    if (store_clock_check(c->st, c->now, c->cfg.rules.retention_days, &ck) != STORE_OK)
        return ctl_store_failed(c);
    char line[400];
    clockmark_describe(ck.verdict, c->now, ck.mark, line, sizeof line);
    if (ck.verdict != CLOCKMARK_BELIEVED)
        return ctl_refused("%s", line);
    if (say_believed)
        printf("%s\n", line);
    return EXIT_DONE;
}

int ctl_check(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *pos[1];
    int npos, rc = ctl_parse_opts(name, argc, argv, NULL, 0, pos, 0, &npos);
    if (rc || (rc = ctl_open_store(c, CTL_OPEN_READ)))
        return rc;
    char msg[512], note[600];
    rc = store_check(c->st, msg, sizeof msg);
    /* What the file itself cannot show: the running kiosk found the files
     * under its open connection deleted or replaced, and stopped booking. */
    if (dbguard_detached_read(c->db, note, sizeof note))
        return ctl_refused("the running kiosk stopped booking: %s; restart it (systemctl restart "
                           "kiosk) to open the database at its path (the file there now: %s)",
                           note, msg);
    /* Exit 1 either way; an inconsistency is told apart, as it needs no
     * restore: the kiosk re-creates the missing rows at its next start. */
    if (rc == STORE_INCONSISTENT)
        return ctl_refused("%s: %s; the kiosk re-creates the missing rows at its next start "
                           "and keeps every booking (docs/store.md)",
                           c->db, msg);
    if (rc != STORE_OK)
        return ctl_refused("%s: %s", c->db, msg);
    printf("%s\n", msg);
    /* i16checkin: the throttles' pauses today are told as the clock is,
     * on stderr, without changing the exit: the file is sound, but
     * someone may have been sweeping numbers or guessing codes. */
    throttled_t th;
    char today[11];
    dt_format_date(dt_from_days(c->now / 1440), today);
    if (throttled_count(c->st, today, &th) == STORE_OK && th.lookups + th.checkins > 0)
        fprintf(stderr,
                "warning: today the kiosk paused lookups of 我的预约 %d time(s) and check-ins by "
                "typed code %d time(s), the last at %s: numbers swept or codes guessed there "
                "(kioskctl audit --date %s)\n",
                th.lookups, th.checkins, th.last, today);
    /* The clock is told, not judged: check is about the file (its exit
     * says whether the database is sound); clock status exits 1 for it. */
    clock_report(c, 0);
    return EXIT_DONE;
}

int ctl_clock_status(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *pos[1];
    int npos, rc = ctl_parse_opts(name, argc, argv, NULL, 0, pos, 0, &npos);
    if (rc || (rc = ctl_open_store(c, CTL_OPEN_READ)))
        return rc;
    return clock_report(c, 1);
}

int ctl_clock_confirm(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *pos[1];
    int npos, rc = ctl_parse_opts(name, argc, argv, NULL, 0, pos, 0, &npos);
    if (rc || (rc = ctl_open_store(c, CTL_OPEN_WRITE)))
        return rc;
    /* The audit row takes the wall clock, as every kioskctl row does; the
     * time confirmed is the clock's reading (--now's under a test). */
    char mark[48] = "";
    store_audit_note_t audit = {"kioskctl", "clock_confirm", NULL, clock_now_stamp()};
    if (c->test_clock) {
        snprintf(mark, sizeof mark, "(test clock)");
        audit.detail = mark;
    }
    if (store_clock_confirm(c->st, c->now, &audit) != STORE_OK)
        return ctl_store_failed(c);
    char stamp[17];
    dt_format_stamp(c->now, stamp);
    printf("clock confirmed: %s is now the latest time seen; purge and backup rotation "
           "resume\n",
           stamp);
    return EXIT_DONE;
}

int ctl_backup(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *arg;
    int rc = ctl_one_arg(name, argc, argv, "backup to which file?", &arg);
    if (rc)
        return rc;
    if ((rc = ctl_open_store(c, CTL_OPEN_READ)))
        return rc;
    if (store_backup(c->st, arg) != STORE_OK)
        return ctl_store_failed(c);
    printf("backed up %s to %s\n", c->db, arg);
    return 0;
}

int ctl_fleet_status(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *pos[1];
    int npos, rc = ctl_parse_opts(name, argc, argv, NULL, 0, pos, 0, &npos);
    if (rc || (rc = ctl_open_store(c, CTL_OPEN_READ)))
        return rc;
    store_sync_state_t s;
    if (store_sync_state(c->st, &s) != STORE_OK)
        return ctl_store_failed(c);
    /* All of it came from outside (the catalog, the centre's answers): it
     * is printed without what would act on the terminal. */
    char station[sizeof s.station_id], attempt[sizeof s.last_attempt], ok[sizeof s.last_ok],
        error[sizeof s.last_error], error_at[sizeof s.last_error_at];
    table_clean(station, sizeof station, s.station_id, 0);
    table_clean(attempt, sizeof attempt, s.last_attempt, 0);
    table_clean(ok, sizeof ok, s.last_ok, 0);
    table_clean(error, sizeof error, s.last_error, 0);
    table_clean(error_at, sizeof error_at, s.last_error_at, 0);
    printf("station: %s\n", station[0] ? station : "(none: no catalog imported)");
    printf("waiting: %lld events\n", s.pending);
    printf("sent: up to event %lld of %lld\n", s.sent_seq, s.last_seq);
    /* Issue 19: the queue's events, a stream of their own. */
    long long q_sent, q_last, q_pending;
    if (store_queue_sync_state(c->st, &q_sent, &q_last, &q_pending) != STORE_OK)
        return ctl_store_failed(c);
    printf("queue waiting: %lld events\n", q_pending);
    printf("queue sent: up to event %lld of %lld\n", q_sent, q_last);
    /* issue 20 (F): the ratings (好差评), a stream of their own too. */
    long long r_sent, r_last, r_pending;
    if (store_rating_sync_state(c->st, &r_sent, &r_last, &r_pending) != STORE_OK)
        return ctl_store_failed(c);
    printf("ratings waiting: %lld\n", r_pending);
    printf("ratings sent: up to rating %lld of %lld\n", r_sent, r_last);
    printf("last attempt: %s\n", attempt[0] ? attempt : "never");
    printf("last sync: %s\n", ok[0] ? ok : "never");
    if (s.last_error[0])
        printf("last error: %s (at %s)\n", error, error_at);
    else
        printf("last error: none\n");
    return s.failing ? EXIT_REFUSED : EXIT_DONE;
}

int ctl_update_apply(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *sig = NULL, *pubkey = NULL, *pos[1];
    update_opts_t o = {
        .root = c->cfg.update_root, .pubkey = c->cfg.update_pubkey, .data_dir = c->cfg.data_dir};
    ctl_opt_t opts[] = {
        {"--sig", &sig, NULL}, {"--pubkey", &pubkey, NULL}, {"--allow-downgrade", NULL, &o.allow_downgrade}};
    int npos, rc = ctl_parse_opts(name, argc, argv, opts, 3, pos, 1, &npos);
    if (rc)
        return rc;
    if (npos != 1)
        return ctl_usage_error(name, "which bundle?");
    char sigpath[CONFIG_PATH_MAX + 16];
    if (!sig) {
        snprintf(sigpath, sizeof sigpath, "%.*s.minisig", CONFIG_PATH_MAX, pos[0]);
        sig = sigpath;
    }
    if (pubkey)
        o.pubkey = pubkey;
    char msg[1024];
    if (update_apply(&o, pos[0], sig, msg, sizeof msg) != UPDATE_OK)
        return ctl_refused("%s", msg);
    printf("%s\n", msg);
    return 0;
}

int ctl_update_status(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *pos[1];
    int npos, rc = ctl_parse_opts(name, argc, argv, NULL, 0, pos, 0, &npos);
    if (rc)
        return rc;
    update_status_t s;
    char err[600];
    if (update_status(c->cfg.update_root, c->cfg.data_dir, &s, err, sizeof err))
        return ctl_refused("%s", err);
    printf("root: %s\narch: %s\ncurrent: %s\nprevious: %s\n", c->cfg.update_root, update_arch(),
           s.current[0] ? s.current : "none", s.previous[0] ? s.previous : "none");
    if (s.pending[0] && s.healthy)
        printf("on trial: %s (started %d of %d times; healthy, kept at the next start)\n",
               s.pending, s.boots, c->cfg.update_max_boots);
    else if (s.pending[0])
        printf("on trial: %s (started %d of %d times; kept after %d s of service)\n", s.pending,
               s.boots, c->cfg.update_max_boots, c->cfg.update_health_seconds);
    else
        printf("on trial: none\n");
    printf("rolled back from: %s\n", s.rolled_back[0] ? s.rolled_back : "none");
    if (s.current[0] && update_release_check(c->cfg.update_root, s.current, err, sizeof err))
        return ctl_refused("current release %s is damaged: %s", s.current, err);
    return 0;
}

static int update_simple_cmd(ctl_t *c, const char *cmd, int argc, char **argv,
                             int (*fn)(const update_opts_t *, char *, size_t))
{
    const char *pos[1];
    int npos, rc = ctl_parse_opts(cmd, argc, argv, NULL, 0, pos, 0, &npos);
    if (rc)
        return rc;
    update_opts_t o = {.root = c->cfg.update_root,
                       .max_boots = c->cfg.update_max_boots,
                       .data_dir = c->cfg.data_dir};
    char msg[1024];
    if (fn(&o, msg, sizeof msg) != UPDATE_OK)
        return ctl_refused("%s", msg);
    printf("%s\n", msg);
    return 0;
}

int ctl_update_rollback(ctl_t *c, const char *name, int argc, char **argv)
{
    return update_simple_cmd(c, name, argc, argv, update_rollback);
}

int ctl_update_boot(ctl_t *c, const char *name, int argc, char **argv)
{
    return update_simple_cmd(c, name, argc, argv, update_boot);
}
