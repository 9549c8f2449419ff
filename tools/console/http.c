/* The console's HTTP side, on libmicrohttpd: one thread per connection
 * (bounded: CONN_MAX in all, CONN_PER_IP from one address), so that a
 * slow client or a waiting event stream never holds up another; bodies
 * capped at BODY_MAX; every page under the station's prefix; a session
 * for every page but the login; a CSRF token in every form; the security
 * headers on every answer. The store is used under c->lock, one request at
 * a time, each action one short transaction of the store's. */
#include <microhttpd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "console.h"

#define BODY_MAX 8192
#define URL_MAX 1024
#define CONN_MAX 96
#define CONN_PER_IP 48
#define STREAM_KEEPALIVE_S 5
#define COOKIE_NAME "kc_session"
/* TLS 1.3, and 1.2 with forward secrecy and AEAD ciphers only (no CBC, no
 * SHA-1 MAC); the key is ECDSA, so ECDHE-ECDSA is the one key exchange. */
#define TLS_PRIORITIES                                                                             \
    "SECURE128:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-CIPHER-ALL:+AES-256-GCM:"                      \
    "+CHACHA20-POLY1305:+AES-128-GCM:-MAC-ALL:+AEAD:-KX-ALL:+ECDHE-ECDSA:%SERVER_PRECEDENCE"

typedef struct conn {
    int is_post;
    struct MHD_PostProcessor *pp;
    form_t form;
    size_t body;
    int too_big, bad_body;
} conn_t;

/* 1 when s[0..n) is UTF-8 (no overlong forms, surrogates or code points
 * past U+10FFFF): a value that is not is refused, never stored or shown. */
static int utf8_ok(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        size_t len = c < 0x80                 ? 1
                     : c >= 0xC2 && c <= 0xDF ? 2
                     : c >= 0xE0 && c <= 0xEF ? 3
                     : c >= 0xF0 && c <= 0xF4 ? 4
                                              : 0;
        if (!len || i + len > n)
            return 0;
        for (size_t k = 1; k < len; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
        if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] > 0x9F) ||
            (c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] > 0x8F))
            return 0;
        i += len;
    }
    return 1;
}

const char *form_get(const form_t *f, const char *key)
{
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->key[i], key) == 0)
            return f->val[i];
    return NULL;
}

const char *query_get(const request_t *r, const char *key)
{
    return form_get(&r->query, key);
}

/* Adds (or, with off > 0, continues) a field; 0, or -1 when it does not fit. */
static int form_add(form_t *f, const char *key, const char *data, size_t size, uint64_t off)
{
    if (!key || strlen(key) >= sizeof f->key[0])
        return -1;
    int i;
    for (i = 0; i < f->n && strcmp(f->key[i], key) != 0; i++)
        ;
    if (i == f->n) {
        if (f->n == FORM_FIELDS_MAX)
            return -1;
        strcpy(f->key[i], key);
        f->val[i][0] = '\0';
        f->n++;
    } else if (off == 0) {
        return -1; /* a field given twice: refused rather than guessed */
    }
    size_t have = strlen(f->val[i]);
    if (have + size >= FORM_VALUE_MAX || memchr(data, '\0', size))
        return -1;
    memcpy(f->val[i] + have, data, size);
    f->val[i][have + size] = '\0';
    return 0;
}

/* 1 when every key and value of f is UTF-8 (checked once the whole body is
 * in: a character may straddle two of the post processor's pieces). */
static int form_utf8_ok(const form_t *f)
{
    for (int i = 0; i < f->n; i++)
        if (!utf8_ok((const unsigned char *)f->key[i], strlen(f->key[i])) ||
            !utf8_ok((const unsigned char *)f->val[i], strlen(f->val[i])))
            return 0;
    return 1;
}

static enum MHD_Result post_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *filename, const char *content_type,
                                  const char *transfer_encoding, const char *data, uint64_t off,
                                  size_t size)
{
    (void)kind, (void)content_type, (void)transfer_encoding;
    conn_t *x = cls;
    if (filename || form_add(&x->form, key, data ? data : "", data ? size : 0, off)) {
        x->bad_body = 1;
        return MHD_NO;
    }
    return MHD_YES;
}

/* The URL's arguments, by the rules of a form's fields: one that is
 * repeated, too long, one too many or not UTF-8 makes the request a 400
 * rather than a guess at which was meant. */
typedef struct query_in {
    form_t *f;
    int bad;
} query_in_t;

static enum MHD_Result query_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    (void)kind;
    query_in_t *q = cls;
    const char *v = value ? value : "";
    if (form_add(q->f, key, v, strlen(v), 0) != 0)
        q->bad = 1;
    return MHD_YES;
}

static void done(void *cls, struct MHD_Connection *conn, void **con_cls,
                 enum MHD_RequestTerminationCode code)
{
    (void)cls, (void)conn, (void)code;
    conn_t *x = *con_cls;
    if (!x)
        return;
    if (x->pp)
        MHD_destroy_post_processor(x->pp);
    sodium_memzero(&x->form, sizeof x->form); /* a PIN may be in it */
    free(x);
    *con_cls = NULL;
}

/* ---- the change stream ----------------------------------------------------
 * Server-sent events: "change" each time the store changed (the watcher in
 * main.c), a comment every STREAM_KEEPALIVE_S otherwise; it ends when the
 * session does (logout, idle expiry) or the console stops. */
typedef struct stream {
    console_t *c;
    char sid[CONSOLE_TOKEN_SIZE];
    unsigned long long seen;
    int greeted;
} stream_t;

static int stream_session_alive(stream_t *s)
{
    console_t *c = s->c;
    pthread_mutex_lock(&c->lock);
    const csession_t *x = session_find(c, s->sid, console_now_s(c), 0);
    int alive = x && x->authed;
    pthread_mutex_unlock(&c->lock);
    return alive;
}

static ssize_t stream_read(void *cls, uint64_t pos, char *out, size_t max)
{
    (void)pos;
    stream_t *s = cls;
    console_t *c = s->c;
    if (!s->greeted) {
        s->greeted = 1;
        return snprintf(out, max, "retry: 1000\nevent: hello\ndata: %llu\n\n", s->seen);
    }
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    /* Within the connection's timeout, which a silent stream would hit. */
    until.tv_sec +=
        c->timeout_s > 2 * STREAM_KEEPALIVE_S ? STREAM_KEEPALIVE_S : (c->timeout_s + 1) / 2;
    pthread_mutex_lock(&c->ev_lock);
    while (c->gen == s->seen && !c->stopping)
        if (pthread_cond_timedwait(&c->ev_cond, &c->ev_lock, &until) != 0)
            break;
    unsigned long long gen = c->gen;
    int stopping = c->stopping;
    pthread_mutex_unlock(&c->ev_lock);
    if (stopping || !stream_session_alive(s))
        return MHD_CONTENT_READER_END_OF_STREAM;
    if (gen == s->seen)
        return snprintf(out, max, ": keepalive\n\n");
    s->seen = gen;
    return snprintf(out, max, "event: change\ndata: %llu\n\n", gen);
}

static struct MHD_Response *stream_response(console_t *c, const csession_t *sess)
{
    stream_t *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->c = c;
    strcpy(s->sid, sess->id);
    pthread_mutex_lock(&c->ev_lock);
    s->seen = c->gen;
    pthread_mutex_unlock(&c->ev_lock);
    struct MHD_Response *resp =
        MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 1024, stream_read, s, free);
    if (!resp)
        free(s);
    return resp;
}

/* ---- answers ------------------------------------------------------------- */

void reply_redirect(reply_t *out, const console_t *c, const char *path)
{
    out->status = 303;
    snprintf(out->location, sizeof out->location, "%s%s", c->prefix, path);
}

static void security_headers(struct MHD_Response *resp, const console_t *c, int cache)
{
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'none'; script-src 'self'; style-src 'self'; "
                            "img-src 'self'; connect-src 'self'; form-action 'self'; "
                            "frame-ancestors 'none'; base-uri 'none'");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    /* same-origin, not no-referrer: under no-referrer Chromium sends a
     * form's POST with "Origin: null", which origin_ok rightly refuses, so
     * no login or action worked in a browser (tests/browser/console.sh).
     * No page links elsewhere; the referrer never leaves the console. */
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
    MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
    MHD_add_response_header(resp, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    MHD_add_response_header(resp, "Cache-Control", cache ? "private, max-age=300" : "no-store");
    if (c->tls)
        MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
}

static enum MHD_Result send_reply(struct MHD_Connection *conn, console_t *c, reply_t *out,
                                  const csession_t *stream_for, int cache)
{
    struct MHD_Response *resp;
    if (stream_for) {
        resp = stream_response(c, stream_for);
        out->type = "text/event-stream; charset=utf-8";
    } else {
        if (out->body.oom) {
            buf_free(&out->body);
            out->status = 500;
            buf_put(&out->body, "out of memory\n");
            out->type = "text/plain; charset=utf-8";
        }
        resp = MHD_create_response_from_buffer(out->body.len, out->body.p ? out->body.p : (char *)"",
                                               out->body.p ? MHD_RESPMEM_MUST_FREE
                                                           : MHD_RESPMEM_PERSISTENT);
        if (resp)
            out->body.p = NULL; /* MHD frees it now */
    }
    buf_free(&out->body);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type",
                            out->type ? out->type : "text/html; charset=utf-8");
    security_headers(resp, c, cache);
    if (out->location[0])
        MHD_add_response_header(resp, "Location", out->location);
    if (out->cookie[0])
        MHD_add_response_header(resp, "Set-Cookie", out->cookie);
    if (out->disposition[0])
        MHD_add_response_header(resp, "Content-Disposition", out->disposition);
    if (out->status == 405)
        MHD_add_response_header(resp, "Allow", "GET, HEAD, POST");
    enum MHD_Result rc = MHD_queue_response(conn, (unsigned)(out->status ? out->status : 200), resp);
    MHD_destroy_response(resp);
    return rc;
}

static void set_cookie(reply_t *out, const console_t *c, const char *id)
{
    /* Secure even on the loopback development port: browsers keep a
     * Secure cookie from http://localhost, and nothing else is allowed
     * plain HTTP. */
    snprintf(out->cookie, sizeof out->cookie,
             COOKIE_NAME "=%s; Path=%s/; HttpOnly; Secure; SameSite=Strict%s", id, c->prefix,
             *id ? "" : "; Max-Age=0");
}

static void plain(reply_t *out, int status, const char *text)
{
    out->status = status;
    out->type = "text/plain; charset=utf-8";
    buf_put(&out->body, text);
}

/* A POST from a page of another origin (the Origin header, when the
 * browser sends one, must name this host) is refused even with a token. */
static int origin_ok(struct MHD_Connection *conn, const console_t *c)
{
    const char *origin = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Origin");
    if (!origin)
        return 1;
    const char *host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Host");
    if (!host)
        return 0;
    char want[300];
    snprintf(want, sizeof want, "%s://%s", c->tls ? "https" : "http", host);
    return strcmp(origin, want) == 0;
}

/* The login page's GET and POST: the only ones without a staff session. */
static void login(request_t *r, struct MHD_Connection *conn, csession_t *sess, reply_t *out)
{
    console_t *c = r->c;
    if (sess && sess->authed) {
        reply_redirect(out, c, "/");
        return;
    }
    if (strcmp(r->method, "POST") != 0) {
        if (!sess) {
            sess = session_new(c, r->now_s);
            set_cookie(out, c, sess->id);
        }
        r->sess = sess;
        pages_login(r, out, 200, NULL, NULL);
        return;
    }
    if (!sess || !session_csrf_ok(sess, form_get(&r->form, "csrf")) || !origin_ok(conn, c)) {
        /* The form came from elsewhere, or its session ended: a new form. */
        sess = session_new(c, r->now_s);
        set_cookie(out, c, sess->id);
        r->sess = sess;
        pages_login(r, out, 403, "登录页已过期，请重新输入", "The page expired: enter the PIN again");
        return;
    }
    r->sess = sess;
    const char *pin = form_get(&r->form, "pin");
    char name[KIOSK_STAFF_NAME_SIZE];
    long long until = 0;
    int rc = staff_login_from(c->st, "console", pin ? pin : "", r->now_s, name, &until);
    if (rc == STORE_OK && session_login(sess, name, r->now_s) == 0) {
        set_cookie(out, c, sess->id);
        reply_redirect(out, c, "/");
    } else if (rc == RULES_LOCKED) {
        long long left = until > r->now_s ? until - r->now_s : 0;
        char zh[160], en[160];
        snprintf(zh, sizeof zh, "PIN 错误次数太多，已锁定 %lld 分钟（员工台和自助机都锁定）",
                 (left + 59) / 60);
        snprintf(en, sizeof en, "Too many wrong PINs: locked for %lld min (console and kiosk)",
                 (left + 59) / 60);
        pages_login(r, out, 429, zh, en);
    } else if (rc == RULES_BAD_PIN) {
        pages_login(r, out, 401, "PIN 不对，请再试一次", "Wrong PIN, try again");
    } else {
        pages_login(r, out, 503, "现在无法登录：数据库不可用", "Cannot log in now: the store is unavailable");
    }
    sodium_memzero(name, sizeof name);
}

static int ends_with(const char *s, const char *end)
{
    size_t n = strlen(s), m = strlen(end);
    return n >= m && strcmp(s + n - m, end) == 0;
}

/* 1 for a request a page's script makes on its own (the live update's
 * re-fetch, the event stream: the browser says Sec-Fetch-Dest: empty),
 * which is no sign that anyone is at the desk: it keeps no session alive. */
static int from_script(struct MHD_Connection *conn)
{
    const char *dest = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Sec-Fetch-Dest");
    return dest && strcmp(dest, "empty") == 0;
}

static int is_static(const char *path, reply_t *out)
{
    if (strcmp(path, "/static/console.css") == 0) {
        buf_put(&out->body, console_css);
        out->type = "text/css; charset=utf-8";
    } else if (strcmp(path, "/static/console.js") == 0) {
        buf_put(&out->body, console_js);
        out->type = "text/javascript; charset=utf-8";
    } else {
        return 0;
    }
    out->status = 200;
    return 1;
}

static enum MHD_Result answer(console_t *c, struct MHD_Connection *conn, const char *url,
                              const char *method, conn_t *x)
{
    reply_t out = {0};
    request_t r = {0};
    r.c = c;
    r.method = method;
    r.now_s = console_now_s(c);
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 && strcmp(method, "POST") != 0) {
        plain(&out, 405, "method not allowed\n");
        return send_reply(conn, c, &out, NULL, 0);
    }
    if (x->too_big) {
        plain(&out, 413, "request body too large\n");
        return send_reply(conn, c, &out, NULL, 0);
    }
    if (x->bad_body || !form_utf8_ok(&x->form)) {
        plain(&out, 400, "malformed form\n");
        return send_reply(conn, c, &out, NULL, 0);
    }
    size_t plen = strlen(c->prefix);
    if (strcmp(url, "/") == 0) {
        reply_redirect(&out, c, "/");
        return send_reply(conn, c, &out, NULL, 0);
    }
    if (strncmp(url, c->prefix, plen) != 0 || (url[plen] != '/' && url[plen] != '\0')) {
        /* Only this station's pages: another station's path or any other
         * path is answered the same, with nothing read or written. */
        plain(&out, 404, strncmp(url, "/s/", 3) == 0
                             ? "not this station's console (这不是本站的员工台)\n"
                             : "not found\n");
        return send_reply(conn, c, &out, NULL, 0);
    }
    r.path = url[plen] ? url + plen : "/";
    if (strstr(r.path, "//") || strstr(r.path, "/./") || strstr(r.path, "/../") ||
        !utf8_ok((const unsigned char *)r.path, strlen(r.path)) || ends_with(r.path, "/.") ||
        ends_with(r.path, "/..")) {
        /* A dot segment (also sent as %2e) or an empty one climbs out of or
         * around the app: refused as a path outside it, session or not. */
        plain(&out, 404, "not found\n");
        return send_reply(conn, c, &out, NULL, 0);
    }
    if (is_static(r.path, &out))
        return send_reply(conn, c, &out, NULL, 1);
    query_in_t q = {&r.query, 0};
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, query_field, &q);
    if (q.bad || !form_utf8_ok(&r.query)) {
        plain(&out, 400, "malformed query\n");
        return send_reply(conn, c, &out, NULL, 0);
    }
    r.form = x->form;

    pthread_mutex_lock(&c->lock);
    csession_t *sess = session_find(
        c, MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, COOKIE_NAME), r.now_s,
        !from_script(conn));
    const csession_t *stream_for = NULL;
    csession_t stream_copy;
    if (strcmp(r.path, "/login") == 0) {
        login(&r, conn, sess, &out);
    } else if (!sess || !sess->authed) {
        if (strcmp(method, "POST") == 0) {
            pages_error(&r, &out, 403, "请先登录", "Log in first");
        } else if (strcmp(r.path, "/events") == 0) {
            plain(&out, 403, "log in first\n");
        } else {
            reply_redirect(&out, c, "/login");
        }
    } else if (strcmp(method, "POST") == 0 &&
               (!session_csrf_ok(sess, form_get(&r.form, "csrf")) || !origin_ok(conn, c))) {
        r.sess = sess;
        pages_error(&r, &out, 403, "表单已过期或来自别处，请刷新页面再操作",
                    "The form expired or came from elsewhere: reload the page and try again");
    } else if (strcmp(method, "POST") == 0 && strcmp(r.path, "/logout") == 0) {
        store_audit(c->st, sess->staff, "logout", NULL, NULL, "console", r.now_s / 60);
        session_drop(sess);
        set_cookie(&out, c, "");
        reply_redirect(&out, c, "/login");
    } else if (strcmp(r.path, "/events") == 0) {
        stream_copy = *sess;
        stream_for = &stream_copy;
    } else {
        r.sess = sess;
        pages_route(&r, &out);
    }
    pthread_mutex_unlock(&c->lock);
    sodium_memzero(&r.form, sizeof r.form);
    enum MHD_Result rc = send_reply(conn, c, &out, stream_for, 0);
    if (stream_for)
        sodium_memzero(&stream_copy, sizeof stream_copy);
    return rc;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls)
{
    (void)version;
    console_t *c = cls;
    conn_t *x = *con_cls;
    if (!x) {
        if (!(x = calloc(1, sizeof *x)))
            return MHD_NO;
        *con_cls = x;
        if (strlen(url) > URL_MAX) {
            reply_t out = {0};
            plain(&out, 414, "URL too long\n");
            return send_reply(conn, c, &out, NULL, 0);
        }
        if (strcmp(method, "POST") == 0) {
            x->is_post = 1;
            const char *len =
                MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
            if (len && strtoull(len, NULL, 10) > BODY_MAX) {
                /* Refused before a byte of it is read. */
                x->too_big = 1;
                return answer(c, conn, url, method, x);
            }
            x->pp = MHD_create_post_processor(conn, 1024, post_field, x);
            if (!x->pp)
                x->bad_body = 1; /* not a form (only url-encoded and multipart are) */
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        x->body += *upload_data_size;
        if (x->body > BODY_MAX) {
            /* A body without a length (chunked) past the cap: answered now
             * (or, if the library cannot yet, the connection closed) rather
             * than read to its end. */
            x->too_big = 1;
            *upload_data_size = 0;
            return answer(c, conn, url, method, x);
        }
        if (!x->too_big && !x->bad_body && x->pp &&
            MHD_post_process(x->pp, upload_data, *upload_data_size) != MHD_YES)
            x->bad_body = 1;
        *upload_data_size = 0;
        return MHD_YES;
    }
    return answer(c, conn, url, method, x);
}

/* The library's messages (a connection refused past the limits, a TLS
 * handshake that failed) go to stderr, the journal, at most LOG_PER_S a
 * second: a flood of connections must not become a flood of log lines.
 * The first line after a quiet spell says how many were left out. */
#define LOG_PER_S 5
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static time_t second;
    static int in_second;
    static unsigned long dropped;
    time_t now = time(NULL);
    pthread_mutex_lock(&lock);
    if (now != second) {
        if (dropped)
            fprintf(stderr, "kiosk-console: %lu more messages of the HTTP library left out\n",
                    dropped);
        second = now;
        in_second = 0;
        dropped = 0;
    }
    if (in_second < LOG_PER_S) {
        in_second++;
        fputs("kiosk-console: ", stderr);
        vfprintf(stderr, fmt, ap);
    } else {
        dropped++;
    }
    pthread_mutex_unlock(&lock);
}

struct MHD_Daemon *http_start(console_t *c, const char *addr, int port, const char *key_pem,
                              const char *cert_pem, int *bound, char *err, size_t errlen)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1) {
        snprintf(err, errlen, "bad --listen address '%s' (an IPv4 address)", addr);
        return NULL;
    }
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
                     MHD_USE_POLL | MHD_USE_ERROR_LOG;
    if (c->tls)
        flags |= MHD_USE_TLS;
    struct MHD_Daemon *d;
    if (c->tls)
        d = MHD_start_daemon(flags, 0, NULL, NULL, handle, c, MHD_OPTION_EXTERNAL_LOGGER, mhd_log,
                             NULL, MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_NOTIFY_COMPLETED, done, c,
                             MHD_OPTION_CONNECTION_LIMIT,
                             (unsigned)CONN_MAX, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
                             (unsigned)CONN_PER_IP, MHD_OPTION_CONNECTION_TIMEOUT,
                             (unsigned)c->timeout_s, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
                             (size_t)32768, MHD_OPTION_HTTPS_MEM_KEY, key_pem,
                             MHD_OPTION_HTTPS_MEM_CERT, cert_pem, MHD_OPTION_HTTPS_PRIORITIES,
                             TLS_PRIORITIES,
                             MHD_OPTION_END);
    else
        d = MHD_start_daemon(flags, 0, NULL, NULL, handle, c, MHD_OPTION_EXTERNAL_LOGGER, mhd_log,
                             NULL, MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_NOTIFY_COMPLETED, done, c,
                             MHD_OPTION_CONNECTION_LIMIT,
                             (unsigned)CONN_MAX, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
                             (unsigned)CONN_PER_IP, MHD_OPTION_CONNECTION_TIMEOUT,
                             (unsigned)c->timeout_s, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
                             (size_t)32768, MHD_OPTION_END);
    if (!d) {
        snprintf(err, errlen, "cannot listen on %s:%d (in use, or not allowed)", addr, port);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    *bound = info ? info->port : port;
    return d;
}
