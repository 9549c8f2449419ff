/* kiosk-console: the staff console in the browser, served by the station's
 * board (issue 18). HTTPS by libmicrohttpd (TLS through GnuTLS), pages
 * rendered on the server, the same SQLite store as the kiosk and kioskctl,
 * and their use cases from firmware/app and firmware/store: no second copy
 * of booking, check-in, export or login logic lives here.
 *
 * The parts: main.c (options, the daemon, the change watcher), http.c
 * (requests: limits, routing, sessions, CSRF, headers), session.c (staff
 * sessions in memory), html.c (a growing buffer, escaping, the page frame),
 * pages.c (the pages and actions), tls.c (the station's certificate),
 * assets.c (the stylesheet and the script). */
#ifndef CONSOLE_H
#define CONSOLE_H

#include <pthread.h>
#include <stddef.h>

#include "../../firmware/app/staff.h"
#include "../../firmware/core/ids.h"
#include "../../firmware/platform/config.h"
#include "../../firmware/store/store.h"

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "dev"
#endif

/* ---- sessions (session.c) ------------------------------------------------ */

#define CONSOLE_SESSIONS_MAX 64
#define CONSOLE_TOKEN_SIZE 44 /* 32 random bytes, base64url without padding, NUL */

typedef struct csession {
    int used;
    int authed; /* 0: a visitor's, holding the login form's CSRF token */
    char id[CONSOLE_TOKEN_SIZE];
    char csrf[CONSOLE_TOKEN_SIZE];
    char staff[KIOSK_STAFF_NAME_SIZE];
    long long created_s, last_s; /* console_now_s() */
    /* The one booking whose phone number and person these staff revealed
     * (an audited POST, pages_roster.c), shown in full on its roster until
     * reveal_until_s; "" for none. Wiped with the session. */
    char reveal[KIOSK_TICKET_SIZE];
    long long reveal_until_s;
} csession_t;

/* ---- the console --------------------------------------------------------- */

typedef struct console {
    config_t cfg;
    char db[CONFIG_PATH_MAX];
    char tls_dir[CONFIG_PATH_MAX];
    char station[64];  /* meta station_id, or "station" */
    char prefix[80];   /* "/s/<station>": every page lives under it */
    int tls;           /* 0 only with --plain, on loopback */
    int idle_seconds;  /* a session unused this long is over */
    int timeout_s;     /* a connection silent this long is closed */
    long long clock_offset; /* --now: seconds added to the wall clock */
    int test_clock;

    /* The store and the sessions: one request at a time holds lock (the
     * store's handle is not shared between threads otherwise). */
    pthread_mutex_t lock;
    store_t *st;
    csession_t sessions[CONSOLE_SESSIONS_MAX];

    /* Changes to the store (the watcher's PRAGMA data_version): gen grows
     * by one for each change seen; event streams wait on cond. */
    pthread_mutex_t ev_lock;
    pthread_cond_t ev_cond;
    unsigned long long gen;
    int stopping;
} console_t;

/* The console's clock, in seconds (minute stamp * 60 + second). */
long long console_now_s(const console_t *c);

/* session.c: all under c->lock. */
csession_t *session_new(console_t *c, long long now_s);
/* The live session whose id is cookie (NULL when none, expired or unknown);
 * an expired one is wiped here. With touch, its last use becomes now_s:
 * a request of the staff member's, not of a page's script refreshing
 * itself (which would keep an unattended console logged in forever). */
csession_t *session_find(console_t *c, const char *cookie, long long now_s, int touch);
/* A visitor's session becomes staff's: a new id and CSRF token, so that an
 * id planted before the login is worth nothing after it. */
int session_login(csession_t *s, const char *staff, long long now_s);
void session_drop(csession_t *s);
/* 1 when token is s's CSRF token (constant time). */
int session_csrf_ok(const csession_t *s, const char *token);

/* ---- html.c ------------------------------------------------------------- */

typedef struct buf {
    char *p;
    size_t len, cap;
    int oom;
} buf_t;

void buf_put(buf_t *b, const char *s);
void buf_putn(buf_t *b, const char *s, size_t n);
void buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s escaped for HTML text and attribute values (& < > " '). */
void buf_esc(buf_t *b, const char *s);
/* s escaped for a URL's path segment or query value. */
void buf_url(buf_t *b, const char *s);
void buf_free(buf_t *b);

/* A bilingual label: the Chinese first, the English after it, smaller. */
void html_label(buf_t *b, const char *zh, const char *en);

/* The frame of a page: head (stylesheet, script, no inline code), the
 * station's bar, the navigation (nav: which entry is the page's) and the
 * logout button; s NULL for the login page. */
void page_begin(buf_t *b, const console_t *c, const csession_t *s, const char *title_zh,
                const char *title_en, const char *nav);
void page_end(buf_t *b);
/* A hidden CSRF field for a form of s. */
void html_csrf(buf_t *b, const csession_t *s);

/* ---- the request and the answer (http.c, pages.c) ------------------------ */

#define FORM_FIELDS_MAX 16
#define FORM_VALUE_MAX 512

typedef struct form {
    int n;
    char key[FORM_FIELDS_MAX][32];
    char val[FORM_FIELDS_MAX][FORM_VALUE_MAX];
} form_t;

/* A field of the form, or NULL. */
const char *form_get(const form_t *f, const char *key);

typedef struct reply {
    int status;
    buf_t body;
    const char *type;     /* default text/html; charset=utf-8 */
    char location[512];   /* a redirect's target */
    char cookie[256];     /* a Set-Cookie value, or "" */
    char disposition[128];/* a Content-Disposition value, or "" */
    int event_stream;     /* answer with the change stream (http.c) */
} reply_t;

typedef struct request {
    console_t *c;
    const char *method; /* "GET", "HEAD" or "POST" */
    const char *path;   /* after the prefix: "/", "/session/x" ... */
    form_t form;        /* POST: the body's fields */
    form_t query;       /* the URL's arguments */
    csession_t *sess;   /* the staff session (NULL on the login page) */
    long long now_s;
} request_t;

/* Answers a request of a logged-in staff member (pages.c). */
void pages_route(request_t *r, reply_t *out);
/* The login page, with form error err (NULL: none) and status. */
void pages_login(request_t *r, reply_t *out, int status, const char *err_zh, const char *err_en);
/* A plain page saying what went wrong (status, both languages). */
void pages_error(request_t *r, reply_t *out, int status, const char *zh, const char *en);
void reply_redirect(reply_t *out, const console_t *c, const char *path);

/* The query value, or NULL. */
const char *query_get(const request_t *r, const char *key);

/* ---- assets.c ----------------------------------------------------------- */

extern const char console_css[];
extern const char console_js[];

/* ---- tls.c --------------------------------------------------------------- */

/* The station's key and certificate in dir (key.pem 0600, cert.pem),
 * made at the first start (ECDSA P-256, self-signed, ten years, the
 * names the board answers to), read afterwards. The PEM texts are malloc'd.
 * 0, or -1 with err. */
int tls_load_or_make(const char *dir, const char *station, char **key_pem, char **cert_pem,
                     char *err, size_t errlen);

/* ---- http.c -------------------------------------------------------------- */

struct MHD_Daemon;
/* Starts the daemon on addr:port (port 0: any free one, *bound gets it). */
struct MHD_Daemon *http_start(console_t *c, const char *addr, int port, const char *key_pem,
                              const char *cert_pem, int *bound, char *err, size_t errlen);

#endif
