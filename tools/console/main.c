/* kiosk-console: options, the store, the certificate, the daemon, and the
 * watcher that tells open pages the store changed (PRAGMA data_version on
 * a connection of its own, every WATCH_MS: no busy loop, and a booking at
 * the kiosk reaches an open page within a second). */
#include <errno.h>
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../firmware/app/certprint.h"
#include "../../firmware/core/datetime.h"
#include "../../firmware/platform/clock.h"
#include "console.h"

#define WATCH_MS 200

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
    stop_signal = sig;
}

long long console_now_s(const console_t *c)
{
    return clock_now_seconds() + c->clock_offset;
}

static int usage(FILE *f)
{
    fprintf(f,
            "usage: kiosk-console [--config FILE] [--db FILE] [--listen ADDR] [--port N]\n"
            "                     [--tls-dir DIR] [--plain] [--idle-minutes N] [--timeout N]\n"
            "                     [--now TIME]\n"
            "The staff console in the browser: today's sessions, rosters, attendance,\n"
            "bookings and their CSV export, over HTTPS on the station's network, on the\n"
            "same store as the kiosk. Staff log in with their kiosk PIN.\n"
            "  --config FILE      kiosk.conf (data_dir, db)\n"
            "  --db FILE          the store (default: the config's)\n"
            "  --listen ADDR      IPv4 address to listen on (default 0.0.0.0)\n"
            "  --port N           port (default 8443; 0: any free one, printed)\n"
            "  --tls-dir DIR      the station's key and certificate, made at the first\n"
            "                     start (default <data_dir>/console)\n"
            "  --plain            plain HTTP, for development: only with --listen 127.0.0.1\n"
            "  --idle-minutes N   a session unused this long ends (default 15)\n"
            "  --idle-seconds N   the same in seconds (tests)\n"
            "  --timeout N        a connection silent N seconds is closed (default 15)\n"
            "  --now TIME         act as if it were TIME (\"YYYY-MM-DD HH:MM\"), then run on\n"
            "  --version, --help\n");
    return f == stdout ? 0 : 2;
}

/* The watcher: its own read connection, whose data_version moves when any
 * other connection (the kiosk, kioskctl, this console's requests) commits. */
static void watch(console_t *c)
{
    store_t *w = NULL;
    if (store_open(c->db, STORE_OPEN_READONLY, &w) != STORE_OK) {
        fprintf(stderr, "kiosk-console: live updates off: %s\n", store_errmsg(w));
        store_close(w);
        w = NULL;
    }
    long long last = -1, now;
    struct timespec tick = {0, WATCH_MS * 1000000L};
    while (!stop_signal) {
        if (w && store_data_version(w, &now) == STORE_OK && now != last) {
            if (last >= 0) {
                pthread_mutex_lock(&c->ev_lock);
                c->gen++;
                pthread_cond_broadcast(&c->ev_cond);
                pthread_mutex_unlock(&c->ev_lock);
            }
            last = now;
        }
        nanosleep(&tick, NULL);
    }
    store_close(w);
}

static int station_ok(const char *s)
{
    if (!*s || strlen(s) >= 64)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_' || *s == '.'))
            return 0;
    return 1;
}

int main(int argc, char **argv)
{
    static console_t con;
    console_t *c = &con;
    const char *config = NULL, *db = NULL, *listen = "0.0.0.0", *tls_dir = NULL, *now = NULL;
    int port = 8443, plain = 0;
    long idle = 15 * 60, timeout = 15;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (strcmp(a, "--help") == 0)
            return usage(stdout);
        if (strcmp(a, "--version") == 0) {
            printf("kiosk-console %s\n", KIOSK_VERSION);
            return 0;
        }
        if (strcmp(a, "--plain") == 0) {
            plain = 1;
            continue;
        }
        if (strcmp(a, "--config") == 0)
            slot = &config;
        else if (strcmp(a, "--db") == 0)
            slot = &db;
        else if (strcmp(a, "--listen") == 0)
            slot = &listen;
        else if (strcmp(a, "--tls-dir") == 0)
            slot = &tls_dir;
        else if (strcmp(a, "--now") == 0)
            slot = &now;
        else if (strcmp(a, "--port") == 0 || strcmp(a, "--idle-minutes") == 0 ||
                 strcmp(a, "--idle-seconds") == 0 || strcmp(a, "--timeout") == 0) {
            char *end;
            if (i + 1 >= argc)
                return usage(stderr);
            long v = strtol(argv[++i], &end, 10);
            if (*end || v < 0 || v > 65535 || (a[2] != 'p' && v == 0)) {
                fprintf(stderr, "kiosk-console: bad %s '%s'\n", a, argv[i]);
                return 2;
            }
            if (a[2] == 'p')
                port = (int)v;
            else if (a[2] == 't')
                timeout = v;
            else
                idle = strcmp(a, "--idle-minutes") == 0 ? v * 60 : v;
            continue;
        } else {
            fprintf(stderr, "kiosk-console: unknown option '%s'\n", a);
            return usage(stderr);
        }
        if (i + 1 >= argc)
            return usage(stderr);
        *slot = argv[++i];
    }
    if (plain && strcmp(listen, "127.0.0.1") != 0) {
        fprintf(stderr, "kiosk-console: --plain (HTTP without TLS) only with --listen 127.0.0.1: "
                        "PINs and cookies never cross the network in the clear\n");
        return 2;
    }
    char err[512];
    config_defaults(&c->cfg);
    if (config && config_load(&c->cfg, config, err, sizeof err) != 0) {
        fprintf(stderr, "kiosk-console: %s\n", err);
        return 1;
    }
    if (db)
        snprintf(c->db, sizeof c->db, "%s", db);
    else
        config_db_path(&c->cfg, c->db);
    if (tls_dir)
        snprintf(c->tls_dir, sizeof c->tls_dir, "%s", tls_dir);
    else if (strlen(c->cfg.data_dir) + sizeof "/console" > sizeof c->tls_dir) {
        fprintf(stderr, "kiosk-console: data_dir too long\n");
        return 1;
    } else {
        strcpy(c->tls_dir, c->cfg.data_dir);
        strcat(c->tls_dir, "/console");
    }
    if (now) {
        dt_date_t d;
        int m;
        if (dt_parse_datetime(now, &d, &m)) {
            fprintf(stderr, "kiosk-console: bad --now '%s': expected \"YYYY-MM-DD HH:MM\"\n", now);
            return 2;
        }
        c->clock_offset = dt_stamp(d, m) * 60 - clock_now_seconds();
        c->test_clock = 1;
    }
    c->idle_seconds = (int)idle;
    c->timeout_s = (int)timeout;
    c->tls = !plain;

    if (store_open(c->db, 0, &c->st) != STORE_OK) {
        fprintf(stderr, "kiosk-console: %s: %s\n", c->db, store_errmsg(c->st));
        store_close(c->st);
        return 1;
    }
    store_set_waitlist_hold(c->st, c->cfg.waitlist_hold_minutes); /* i20wait */
    store_sync_state_t ss;
    if (store_sync_state(c->st, &ss) == STORE_OK && station_ok(ss.station_id))
        snprintf(c->station, sizeof c->station, "%s", ss.station_id);
    else
        strcpy(c->station, "station");
    snprintf(c->prefix, sizeof c->prefix, "/s/%s", c->station);

    char *key_pem = NULL, *cert_pem = NULL, print[CERTPRINT_SIZE] = "";
    if (c->tls) {
        if (tls_load_or_make(c->tls_dir, c->station, &key_pem, &cert_pem, err, sizeof err) != 0 ||
            certprint_pem(cert_pem, print) != 0) {
            fprintf(stderr, "kiosk-console: %s\n", err);
            store_close(c->st);
            return 1;
        }
    }
    pthread_mutex_init(&c->lock, NULL);
    pthread_mutex_init(&c->ev_lock, NULL);
    pthread_cond_init(&c->ev_cond, NULL);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    int bound = 0;
    struct MHD_Daemon *d = http_start(c, listen, port, key_pem, cert_pem, &bound, err, sizeof err);
    if (key_pem) {
        memset(key_pem, 0, strlen(key_pem));
        free(key_pem);
    }
    free(cert_pem);
    if (!d) {
        fprintf(stderr, "kiosk-console: %s\n", err);
        store_close(c->st);
        return 1;
    }
    printf("kiosk-console: listening on %s://%s:%d%s/\n", c->tls ? "https" : "http", listen, bound,
           c->prefix);
    if (c->tls)
        printf("kiosk-console: certificate SHA-256 %s\n", print);
    fflush(stdout);

    watch(c);

    pthread_mutex_lock(&c->ev_lock);
    c->stopping = 1;
    pthread_cond_broadcast(&c->ev_cond);
    pthread_mutex_unlock(&c->ev_lock);
    MHD_stop_daemon(d);
    store_close(c->st);
    fprintf(stderr, "kiosk-console: stopped (signal %d)\n", (int)stop_signal);
    return 0;
}
