/* kioskctl: the staff and technician command line of the station kiosk.
 * It works on the same SQLite store as the kiosk, safely while it runs.
 * Exit codes: 0 done, 1 refused / invalid / not found, 2 usage. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "../firmware/core/catalog.h"
#include "../firmware/core/datetime.h"
#include "../firmware/core/rules.h"
#include "../firmware/app/checkin.h"
#include "../firmware/platform/clock.h"
#include "../firmware/platform/config.h"
#include "../firmware/app/export.h"
#include "../firmware/app/staff.h"
#include "../firmware/update/update.h"
#include "../firmware/store/store.h"
#include "../firmware/ticket/code.h"
#include "../firmware/ticket/payload.h"

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "dev"
#endif

enum { EXIT_DONE = 0, EXIT_REFUSED = 1, EXIT_USAGE = 2 };

typedef struct ctl {
    config_t cfg;
    char db[CONFIG_PATH_MAX];
    long long now;
    store_t *st;
} ctl_t;

/* ---- help ------------------------------------------------------------- */

static const struct command_help {
    const char *name, *usage, *text;
} helps[] = {
    {"import-catalog", "import-catalog FILE",
     "Validate the catalog FILE and load it: categories, services and the sessions of the\n"
     "booking horizon. Errors are reported as FILE:LINE: message and leave the database as it\n"
     "was. Re-importing keeps every booking; a service removed from the catalog keeps its\n"
     "booked sessions until they pass."},
    {"services", "services [--format table|csv|json]",
     "List the services of the imported catalog."},
    {"sessions", "sessions [--date D] [--service ID] [--format table|csv|json]",
     "List sessions with their seats. Columns:\n"
     "session_id,service_id,category_id,service_name,date,start,end,capacity,booked,remaining\n"
     "booked counts persons of booked and checked-in bookings."},
    {"bookings", "bookings [--date D] [--status S] [--phone P] [--format table|csv|json]",
     "List bookings. S is booked, checked_in, cancelled or no_show. Columns:\n"
     "ticket,session_id,service_id,service_name,date,start,phone,party,status,created_at"},
    {"book", "book --session ID --phone PHONE [--party N]",
     "Book a session and print the ticket code. A refused booking (full, duplicate, too late,\n"
     "limit, bad phone) exits 1 with a one-line reason."},
    {"checkin", "checkin TICKET|PAYLOAD",
     "Check a booking of today in (booked -> checked_in), by its ticket code or the QR payload\n"
     "a scanner read. A payload must be genuine (see verify-ticket)."},
    {"cancel", "cancel TICKET", "Cancel a booking (booked -> cancelled); its seats are freed."},
    {"no-show", "no-show TICKET", "Mark a booking as not attended (booked -> no_show)."},
    {"ticket", "ticket TICKET",
     "Print the QR payload of a booking: KQ1:<code>:<MAC under the station key>. The key is\n"
     "ticket.key beside the database (created 0600 on first use)."},
    {"verify-ticket", "verify-ticket PAYLOAD",
     "Exit 0 and print the ticket code when PAYLOAD is a genuine ticket of this station,\n"
     "else exit 1."},
    {"export", "export --out FILE.csv [--date D | --from D --until D]",
     "Write bookings as CSV (UTF-8 with BOM, CRLF: opens cleanly in Excel and WPS)."},
    {"purge", "purge",
     "Clear the phone numbers of bookings whose session ended more than retention_days ago."},
    {"check", "check",
     "Check the database's integrity and schema version; prints ok or the problem."},
    {"backup", "backup FILE", "Copy the live database to FILE with SQLite's online backup."},
    {"staff add", "staff add NAME",
     "Add a staff member for the kiosk's staff mode. The PIN (6 to 12 digits) is asked twice\n"
     "on the terminal without echo, or read as one line from stdin when stdin is not a\n"
     "terminal; it is never an argument. Only its Argon2id hash is stored. Audited."},
    {"staff passwd", "staff passwd NAME",
     "Set a new PIN for a staff member, read as for staff add. Audited."},
    {"staff list", "staff list [--format table|csv|json]",
     "List the staff members: name,created_at,updated_at (never a PIN or a hash)."},
    {"staff remove", "staff remove NAME",
     "Remove a staff member; the audit rows naming them stay. Audited."},
    {"audit", "audit [--date D] [--format table|csv|json]",
     "List the audit log, oldest first: who did what to which booking or session. Columns:\n"
     "at,staff,action,ticket,session_id,detail\n"
     "Actions: login, login_failed, attended, no_show, cancel, show_phone, close_session,\n"
     "export, staff_add, staff_passwd, staff_remove. kioskctl's own rows name kioskctl."},
    {"fleet status", "fleet status",
     "Print the fleet sync state: the station id, events waiting to be sent to the centre\n"
     "(outbox depth), the last event sent, and when kiosk-sync last succeeded and last failed,\n"
     "with its error. Exits 1 when the last attempt failed."},
    {"update apply", "update apply FILE [--sig FILE.minisig] [--pubkey KEY] [--allow-downgrade]",
     "Install a signed update bundle (tools/make-bundle.sh) from a USB stick or a file. The\n"
     "minisign signature (default FILE.minisig) must verify under the public key (default:\n"
     "update_pubkey of the configuration); the bundle must be made for this board's\n"
     "architecture and newer than the current release. It is unpacked into\n"
     "UPDATE_ROOT/releases/<version>, checked file by file against its manifest, and made\n"
     "current; the old one becomes previous. The new release is on trial until the kiosk\n"
     "has served update_health_seconds. Restart the kiosk to run it. A refused bundle\n"
     "leaves the current release as it was."},
    {"update status", "update status",
     "Print the current and previous releases, the release on trial and its starts so far,\n"
     "and the last release rolled back from."},
    {"update rollback", "update rollback",
     "Make the previous release current again (each of its files checked first)."},
    {"update boot", "update boot",
     "Run before each start of the kiosk (ExecStartPre): counts the starts of a release on\n"
     "trial and, after update_max_boots starts without becoming healthy, rolls back."},
};

static void usage_all(FILE *f)
{
    fprintf(f,
            "usage: kioskctl [--db FILE] [--config FILE] [--now \"YYYY-MM-DD HH:MM\"] COMMAND ...\n"
            "\n"
            "Staff and technician tool of the station kiosk (version %s).\n"
            "\n"
            "Options:\n"
            "  --db FILE       the kiosk database (default: from --config, else data/kiosk.db)\n"
            "  --config FILE   the kiosk configuration (rules: horizon, limits, cut-off)\n"
            "  --now TIME      act as if it were TIME (station local time)\n"
            "  --help          this help; 'kioskctl COMMAND --help' for one command\n"
            "\n"
            "Commands:\n",
            KIOSK_VERSION);
    for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++)
        fprintf(f, "  %s\n", helps[i].usage);
    fprintf(f, "\nExit codes: 0 done, 1 refused / invalid / not found, 2 usage.\n");
}

/* "staff" names the group of "staff add", "staff list" ... */
static int help_matches(const struct command_help *h, const char *cmd)
{
    size_t n = strlen(cmd);
    return strncmp(h->name, cmd, n) == 0 && (h->name[n] == '\0' || h->name[n] == ' ');
}

static const struct command_help *find_help(const char *cmd)
{
    for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++)
        if (help_matches(&helps[i], cmd))
            return &helps[i];
    return NULL;
}

static void usage_cmd(FILE *f, const char *cmd)
{
    int n = 0;
    for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++)
        if (help_matches(&helps[i], cmd))
            fprintf(f, "%susage: kioskctl [OPTIONS] %s\n\n%s\n", n++ ? "\n" : "", helps[i].usage,
                    helps[i].text);
}

/* The help entry of "CMD SUB" when there is one ("staff add"), else CMD. */
static const char *help_key(const char *cmd, const char *sub, char *buf, size_t size)
{
    if (sub && (size_t)snprintf(buf, size, "%s %s", cmd, sub) < size && find_help(buf) &&
        strcmp(find_help(buf)->name, buf) == 0)
        return buf;
    return cmd;
}

__attribute__((format(printf, 2, 3))) static int usage_error(const char *cmd, const char *fmt, ...);
static int usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "kioskctl: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n");
    if (cmd && find_help(cmd))
        usage_cmd(stderr, cmd);
    else
        fprintf(stderr, "Try 'kioskctl --help'.\n");
    return EXIT_USAGE;
}

__attribute__((format(printf, 1, 2))) static int refused(const char *fmt, ...);
static int refused(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "kioskctl: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n");
    return EXIT_REFUSED;
}

/* ---- output: table, csv, json ----------------------------------------- */

typedef enum { FMT_TABLE, FMT_CSV, FMT_JSON } fmt_t;

typedef struct out {
    FILE *f;
    fmt_t fmt;
    const char *const *cols;
    const int *numeric; /* per column: 1 = number in JSON */
    int ncols;
    int nrows;
    char **cells; /* table: buffered to size the columns */
    size_t ncells, cap;
    const char *eol;
} out_t;

/* Display columns of UTF-8 text: CJK and full-width forms take two. */
static int display_width(const char *s)
{
    int w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        int n;
        if (*p < 0x80) {
            cp = *p;
            n = 1;
        } else if ((*p & 0xE0) == 0xC0) {
            cp = *p & 0x1F;
            n = 2;
        } else if ((*p & 0xF0) == 0xE0) {
            cp = *p & 0x0F;
            n = 3;
        } else {
            cp = *p & 0x07;
            n = 4;
        }
        for (int i = 1; i < n && p[i]; i++)
            cp = (cp << 6) | (p[i] & 0x3F);
        for (int i = 0; i < n && *p; i++)
            p++;
        w += (cp >= 0x1100 &&
              (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
               (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
               (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000))
                 ? 2
                 : 1;
    }
    return w;
}

static void csv_field(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static void out_begin(out_t *o, FILE *f, fmt_t fmt, const char *const *cols, const int *numeric,
                      int ncols)
{
    memset(o, 0, sizeof *o);
    o->f = f;
    o->fmt = fmt;
    o->cols = cols;
    o->numeric = numeric;
    o->ncols = ncols;
    o->eol = "\r\n"; /* RFC 4180 */
    if (fmt == FMT_CSV) {
        for (int i = 0; i < ncols; i++) {
            if (i)
                fputc(',', f);
            csv_field(f, cols[i]);
        }
        fputs(o->eol, f);
    } else if (fmt == FMT_JSON) {
        fputc('[', f);
    }
}

static int out_row(out_t *o, const char *const *vals)
{
    if (o->fmt == FMT_CSV) {
        for (int i = 0; i < o->ncols; i++) {
            if (i)
                fputc(',', o->f);
            csv_field(o->f, vals[i]);
        }
        fputs(o->eol, o->f);
    } else if (o->fmt == FMT_JSON) {
        fputs(o->nrows ? ",\n {" : "\n {", o->f);
        for (int i = 0; i < o->ncols; i++) {
            if (i)
                fputs(", ", o->f);
            json_string(o->f, o->cols[i]);
            fputs(": ", o->f);
            if (o->numeric[i] && vals[i][0])
                fputs(vals[i], o->f);
            else
                json_string(o->f, vals[i]);
        }
        fputc('}', o->f);
    } else {
        if (o->ncells + (size_t)o->ncols > o->cap) {
            size_t cap = o->cap ? o->cap * 2 : 256;
            while (cap < o->ncells + (size_t)o->ncols)
                cap *= 2;
            char **c = realloc(o->cells, cap * sizeof *c);
            if (!c)
                return -1;
            o->cells = c;
            o->cap = cap;
        }
        for (int i = 0; i < o->ncols; i++) {
            char *dup = strdup(vals[i]);
            if (!dup)
                return -1;
            o->cells[o->ncells++] = dup;
        }
    }
    o->nrows++;
    return 0;
}

static void out_end(out_t *o)
{
    if (o->fmt == FMT_JSON) {
        fputs(o->nrows ? "\n]\n" : "]\n", o->f);
    } else if (o->fmt == FMT_TABLE) {
        int *w = calloc((size_t)o->ncols, sizeof *w);
        if (w) {
            for (int i = 0; i < o->ncols; i++)
                w[i] = display_width(o->cols[i]);
            for (size_t c = 0; c < o->ncells; c++) {
                int dw = display_width(o->cells[c]);
                if (dw > w[c % (size_t)o->ncols])
                    w[c % (size_t)o->ncols] = dw;
            }
            for (int r = -1; r < o->nrows; r++) {
                for (int i = 0; i < o->ncols; i++) {
                    const char *s =
                        r < 0 ? o->cols[i] : o->cells[(size_t)r * (size_t)o->ncols + (size_t)i];
                    int last = i == o->ncols - 1;
                    fputs(s, o->f);
                    if (!last)
                        fprintf(o->f, "%*s", w[i] - display_width(s) + 2, "");
                }
                fputc('\n', o->f);
            }
            free(w);
        }
        if (o->nrows == 0)
            fprintf(o->f, "(none)\n");
    }
    for (size_t c = 0; c < o->ncells; c++)
        free(o->cells[c]);
    free(o->cells);
    o->cells = NULL;
}

/* ---- argument helpers -------------------------------------------------- */

typedef struct opt {
    const char *name; /* "--date" */
    const char **value;
} opt_t;

/* Parses "--name VALUE" pairs (and "--name=VALUE") into opts and up to
 * maxpos positional arguments. Returns 0, or a usage error code. */
static int parse_opts(const char *cmd, int argc, char **argv, opt_t *opts, int nopts,
                      const char **pos, int maxpos, int *npos)
{
    *npos = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) == 0 && a[2]) {
            const char *eq = strchr(a, '=');
            size_t len = eq ? (size_t)(eq - a) : strlen(a);
            int found = 0;
            for (int k = 0; k < nopts; k++) {
                if (strlen(opts[k].name) == len && strncmp(opts[k].name, a, len) == 0) {
                    if (eq) {
                        *opts[k].value = eq + 1;
                    } else {
                        if (i + 1 >= argc)
                            return usage_error(cmd, "%s needs a value", opts[k].name);
                        *opts[k].value = argv[++i];
                    }
                    found = 1;
                }
            }
            if (!found)
                return usage_error(cmd, "unknown option '%s' for %s", a, cmd);
        } else {
            if (*npos >= maxpos)
                return usage_error(cmd, "unexpected argument '%s'", a);
            pos[(*npos)++] = a;
        }
    }
    return 0;
}

static int parse_format(const char *cmd, const char *s, fmt_t *fmt)
{
    if (!s || strcmp(s, "table") == 0)
        *fmt = FMT_TABLE;
    else if (strcmp(s, "csv") == 0)
        *fmt = FMT_CSV;
    else if (strcmp(s, "json") == 0)
        *fmt = FMT_JSON;
    else
        return usage_error(cmd, "--format must be table, csv or json, not '%s'", s);
    return 0;
}

static int check_date(const char *cmd, const char *d)
{
    dt_date_t x;
    if (d && dt_parse_date(d, &x))
        return usage_error(cmd, "bad date '%s': expected YYYY-MM-DD", d);
    return 0;
}

/* ---- store access ------------------------------------------------------ */

enum { OPEN_READ, OPEN_WRITE, OPEN_CREATE };

/* Reading commands open the file read-only, so that staff can list and
 * export from a copy or a read-only medium, and never take a write lock. */
static int open_store(ctl_t *c, int mode)
{
    if (mode != OPEN_CREATE && access(c->db, F_OK) != 0)
        return refused("no database at %s (import a catalog first: kioskctl import-catalog FILE)",
                       c->db);
    int flags = mode == OPEN_CREATE ? STORE_OPEN_CREATE
                : mode == OPEN_READ ? STORE_OPEN_READONLY
                                    : 0;
    if (store_open(c->db, flags, &c->st) != STORE_OK)
        return refused("%s", c->st ? store_errmsg(c->st) : "out of memory");
    return 0;
}

static int store_failed(ctl_t *c)
{
    return refused("%s: %s", c->db, store_errmsg(c->st));
}

static int load_key(ctl_t *c, ticket_key_t *key)
{
    char path[CONFIG_PATH_MAX], err[600];
    config_key_path(c->db, path);
    if (ticket_key_load(path, 1, key, err, sizeof err))
        return refused("%s", err);
    return 0;
}

/* Commands that take exactly one argument and no options. */
static int one_arg(const char *cmd, int argc, char **argv, const char *what, const char **arg)
{
    const char *pos[1];
    int npos, rc = parse_opts(cmd, argc, argv, NULL, 0, pos, 1, &npos);
    if (rc)
        return rc;
    if (npos != 1)
        return usage_error(cmd, "%s", what);
    *arg = pos[0];
    return 0;
}

static int ticket_arg(const char *arg, char code[TICKET_CODE_LEN + 1])
{
    if (ticket_code_normalize(arg, code))
        return refused("'%s' is not a ticket code (8 letters and digits, e.g. ABCD-2345)", arg);
    return 0;
}

/* ---- commands ---------------------------------------------------------- */

static int cmd_import(ctl_t *c, int argc, char **argv)
{
    const char *arg;
    int rc = one_arg("import-catalog", argc, argv, "which catalog file?", &arg);
    if (rc)
        return rc;
    catalog_t *cat;
    char err[512], *text;
    if (catalog_load_source(arg, &cat, &text, err, sizeof err))
        return refused("%s", err);
    if ((rc = open_store(c, OPEN_CREATE)) == 0) {
        if (store_import_catalog(c->st, cat, text, arg, c->now, &c->cfg.rules) != STORE_OK) {
            rc = store_failed(c);
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

static int cmd_services(ctl_t *c, int argc, char **argv)
{
    const char *format = NULL, *pos[1];
    opt_t opts[] = {{"--format", &format}};
    int npos, rc = parse_opts("services", argc, argv, opts, 1, pos, 0, &npos);
    fmt_t fmt;
    if (rc || (rc = parse_format("services", format, &fmt)) || (rc = open_store(c, OPEN_READ)))
        return rc;
    catalog_t *cat = NULL;
    if (store_load_catalog(c->st, &cat) != STORE_OK)
        return store_failed(c);
    if (!cat)
        return refused("no catalog imported yet");
    static const char *const cols[] = {"service_id", "category_id", "name",     "name_en",
                                       "duration",   "location",    "schedules"};
    static const int num[] = {0, 0, 0, 0, 1, 0, 1};
    out_t o;
    out_begin(&o, stdout, fmt, cols, num, 7);
    for (int i = 0; i < cat->n_services; i++) {
        const catalog_service_t *s = &cat->services[i];
        char dur[16], ns[16];
        snprintf(dur, sizeof dur, "%d", s->duration);
        snprintf(ns, sizeof ns, "%d", s->n_schedules);
        const char *vals[] = {
            s->id, cat->categories[s->category].id, s->name.zh, s->name.en, dur, s->location.zh,
            ns};
        out_row(&o, vals);
    }
    out_end(&o);
    catalog_destroy(cat);
    return 0;
}

static const char *const session_cols[] = {
    "session_id", "service_id", "category_id", "service_name", "date",
    "start",      "end",        "capacity",    "booked",       "remaining"};
static const int session_num[] = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1};

static int session_row(void *ctx, const store_session_row_t *r)
{
    char cap[16], booked[16], rem[16];
    snprintf(cap, sizeof cap, "%d", r->capacity);
    snprintf(booked, sizeof booked, "%d", r->booked);
    snprintf(rem, sizeof rem, "%d", r->remaining);
    const char *vals[] = {r->session_id,  r->service_id,
                          r->category_id, r->service_name,
                          r->date,        r->start,
                          r->end,         cap,
                          booked,         rem};
    return out_row(ctx, vals);
}

static int cmd_sessions(ctl_t *c, int argc, char **argv)
{
    const char *format = NULL, *date = NULL, *service = NULL, *pos[1];
    opt_t opts[] = {{"--format", &format}, {"--date", &date}, {"--service", &service}};
    int npos, rc = parse_opts("sessions", argc, argv, opts, 3, pos, 0, &npos);
    fmt_t fmt;
    if (rc || (rc = parse_format("sessions", format, &fmt)) ||
        (rc = check_date("sessions", date)) || (rc = open_store(c, OPEN_READ)))
        return rc;
    store_session_filter_t f = {.date = date, .service_id = service};
    out_t o;
    out_begin(&o, stdout, fmt, session_cols, session_num, 10);
    rc = store_sessions(c->st, &f, session_row, &o);
    out_end(&o);
    return rc == STORE_OK ? 0 : store_failed(c);
}

static const char *const booking_cols[] = {"ticket", "session_id", "service_id", "service_name",
                                           "date",   "start",      "phone",      "party",
                                           "status", "created_at"};
static const int booking_num[] = {0, 0, 0, 0, 0, 0, 0, 1, 0, 0};

static int booking_row(void *ctx, const store_booking_row_t *r)
{
    char party[16];
    snprintf(party, sizeof party, "%d", r->party);
    const char *vals[] = {r->ticket, r->session_id, r->service_id, r->service_name, r->date,
                          r->start,  r->phone,      party,         r->status,       r->created_at};
    return out_row(ctx, vals);
}

static int cmd_bookings(ctl_t *c, int argc, char **argv)
{
    const char *format = NULL, *date = NULL, *status = NULL, *phone = NULL, *pos[1];
    opt_t opts[] = {
        {"--format", &format}, {"--date", &date}, {"--status", &status}, {"--phone", &phone}};
    int npos, rc = parse_opts("bookings", argc, argv, opts, 4, pos, 0, &npos);
    fmt_t fmt;
    if (rc || (rc = parse_format("bookings", format, &fmt)) || (rc = check_date("bookings", date)))
        return rc;
    if (status && rules_status_parse(status) < 0)
        return usage_error("bookings", "--status must be booked, checked_in, cancelled or no_show");
    if ((rc = open_store(c, OPEN_READ)))
        return rc;
    store_booking_filter_t f = {.date = date, .status = status, .phone = phone};
    out_t o;
    out_begin(&o, stdout, fmt, booking_cols, booking_num, 10);
    rc = store_bookings(c->st, &f, booking_row, &o);
    out_end(&o);
    return rc == STORE_OK ? 0 : store_failed(c);
}

static int cmd_book(ctl_t *c, int argc, char **argv)
{
    const char *session = NULL, *phone = NULL, *party_s = NULL, *pos[1];
    opt_t opts[] = {{"--session", &session}, {"--phone", &phone}, {"--party", &party_s}};
    int npos, rc = parse_opts("book", argc, argv, opts, 3, pos, 0, &npos);
    if (rc)
        return rc;
    if (!session || !phone)
        return usage_error("book", "book needs --session and --phone");
    int party = 1;
    if (party_s) {
        char *end;
        long n = strtol(party_s, &end, 10);
        if (*end || end == party_s)
            return usage_error("book", "--party must be a number of persons");
        if (n < 1 || n > 99)
            return refused("%s", rules_result_text(RULES_BAD_PARTY, 1));
        party = (int)n;
    }
    if ((rc = open_store(c, OPEN_WRITE)))
        return rc;
    store_refresh_sessions(c->st, c->now, &c->cfg.rules);
    char ticket[STORE_TICKET_LEN + 1];
    rc = store_book(c->st, session, phone, party, c->now, &c->cfg.rules, ticket_code_random, NULL,
                    ticket);
    if (rc == STORE_OK) {
        printf("%s\n", ticket);
        return 0;
    }
    if (rc > 0)
        return refused("%s", rules_result_text((rules_result_t)rc, 1));
    return store_failed(c);
}

/* cancel and no-show from the command line: the same store call as the
 * kiosk's staff screens, so the change and its audit row ("kioskctl") are
 * one transaction. */
static int cmd_status(ctl_t *c, const char *cmd, int argc, char **argv, rules_status_t to,
                      const char *done)
{
    const char *arg;
    int rc = one_arg(cmd, argc, argv, "which ticket?", &arg);
    if (rc)
        return rc;
    char code[TICKET_CODE_LEN + 1];
    if ((rc = ticket_arg(arg, code)))
        return rc;
    if ((rc = open_store(c, OPEN_WRITE)))
        return rc;
    rc = store_staff_set_status(c->st, "kioskctl", code, to,
                                to == RULES_CANCELLED ? "kioskctl" : NULL, c->now);
    if (rc == STORE_OK) {
        printf("%s %s\n", code, done);
        return 0;
    }
    if (rc == RULES_BAD_STATE) {
        store_booking_row_t b;
        if (store_get_booking(c->st, code, &b) == STORE_OK)
            return refused("%s: refused: the booking is %s", code, b.status);
    }
    if (rc > 0)
        return refused("%s: %s", code, rules_result_text((rules_result_t)rc, 1));
    return store_failed(c);
}

static int cmd_checkin(ctl_t *c, int argc, char **argv)
{
    const char *arg;
    int rc = one_arg("checkin", argc, argv, "which ticket?", &arg);
    if (rc)
        return rc;
    ticket_key_t key;
    if ((rc = open_store(c, OPEN_WRITE)) || (rc = load_key(c, &key)))
        return rc;
    checkin_outcome_t o;
    rc = checkin_present(c->st, &key, arg, c->now, &o);
    ticket_key_wipe(&key);
    if (rc == STORE_OK && store_audit(c->st, "kioskctl", "attended", o.booking.ticket,
                                      o.booking.session_id, NULL, c->now) != STORE_OK)
        return refused("%s checked in, but the audit row could not be written: %s",
                       o.booking.ticket, store_errmsg(c->st));
    if (rc == STORE_OK) {
        printf("%s checked in: %s %s %s, party %d\n", o.booking.ticket, o.booking.service_name,
               o.booking.date, o.booking.start, o.booking.party);
        return 0;
    }
    if (rc == RULES_BAD_STATE)
        return refused("%s: refused: the booking is %s", o.booking.ticket, o.booking.status);
    if (rc == RULES_NOT_TODAY)
        return refused("%s: refused: the session is on %s, not today", o.booking.ticket,
                       o.booking.date);
    if (rc > 0)
        return refused("%s: %s", arg, rules_result_text((rules_result_t)rc, 1));
    return store_failed(c);
}

static int cmd_ticket(ctl_t *c, int argc, char **argv)
{
    const char *arg;
    int rc = one_arg("ticket", argc, argv, "which ticket?", &arg);
    if (rc)
        return rc;
    char code[TICKET_CODE_LEN + 1];
    if ((rc = ticket_arg(arg, code)))
        return rc;
    if ((rc = open_store(c, OPEN_READ)))
        return rc;
    store_booking_row_t b;
    rc = store_get_booking(c->st, code, &b);
    if (rc == RULES_NOT_FOUND)
        return refused("%s: %s", code, rules_result_text(RULES_NOT_FOUND, 1));
    if (rc != STORE_OK)
        return store_failed(c);
    ticket_key_t key;
    if ((rc = load_key(c, &key)))
        return rc;
    char payload[TICKET_PAYLOAD_LEN + 1];
    ticket_payload_make(&key, code, payload);
    ticket_key_wipe(&key);
    printf("%s\n", payload);
    return 0;
}

static int cmd_verify(ctl_t *c, int argc, char **argv)
{
    const char *arg;
    int rc = one_arg("verify-ticket", argc, argv, "which payload?", &arg);
    if (rc)
        return rc;
    ticket_key_t key;
    if ((rc = load_key(c, &key)))
        return rc;
    char code[TICKET_CODE_LEN + 1];
    rc = ticket_payload_verify(&key, arg, code);
    ticket_key_wipe(&key);
    if (rc)
        return refused("not a genuine ticket of this station");
    printf("%s\n", code);
    return 0;
}

static int cmd_export(ctl_t *c, int argc, char **argv)
{
    const char *out = NULL, *date = NULL, *from = NULL, *until = NULL, *pos[1];
    opt_t opts[] = {{"--out", &out}, {"--date", &date}, {"--from", &from}, {"--until", &until}};
    int npos, rc = parse_opts("export", argc, argv, opts, 4, pos, 0, &npos);
    if (rc || (rc = check_date("export", date)) || (rc = check_date("export", from)) ||
        (rc = check_date("export", until)))
        return rc;
    if (!out)
        return usage_error("export", "export needs --out FILE.csv");
    if (date && (from || until))
        return usage_error("export", "give either --date D or --from D --until D, not both");
    if (date)
        from = until = date;
    if (from && until && strcmp(from, until) > 0)
        return usage_error("export", "--from %s is after --until %s", from, until);
    if ((rc = open_store(c, OPEN_READ)))
        return rc;
    char err[700];
    int n = export_bookings_csv(c->st, out, from, until, err, sizeof err);
    if (n < 0)
        return refused("%s", err);
    printf("exported %d bookings to %s\n", n, out);
    return 0;
}

static int cmd_purge(ctl_t *c, int argc, char **argv)
{
    const char *pos[1];
    int npos, rc = parse_opts("purge", argc, argv, NULL, 0, pos, 0, &npos);
    if (rc || (rc = open_store(c, OPEN_WRITE)))
        return rc;
    int n = store_purge_phones(c->st, c->now, c->cfg.rules.retention_days);
    if (n < 0)
        return store_failed(c);
    printf("purged %d phone numbers older than %d days\n", n, c->cfg.rules.retention_days);
    return 0;
}

static int cmd_check(ctl_t *c, int argc, char **argv)
{
    const char *pos[1];
    int npos, rc = parse_opts("check", argc, argv, NULL, 0, pos, 0, &npos);
    if (rc || (rc = open_store(c, OPEN_READ)))
        return rc;
    char msg[512];
    if (store_check(c->st, msg, sizeof msg) != STORE_OK)
        return refused("%s: %s", c->db, msg);
    printf("%s\n", msg);
    return 0;
}

static int cmd_backup(ctl_t *c, int argc, char **argv)
{
    const char *arg;
    int rc = one_arg("backup", argc, argv, "backup to which file?", &arg);
    if (rc)
        return rc;
    if ((rc = open_store(c, OPEN_READ)))
        return rc;
    if (store_backup(c->st, arg) != STORE_OK)
        return store_failed(c);
    printf("backed up %s to %s\n", c->db, arg);
    return 0;
}

/* ---- staff and audit ---------------------------------------------------- */

/* Room for a PIN, and for noticing that a line was longer than one. */
#define PIN_BUF 64

/* Where the terminal's settings are while echo is off, for the signal
 * handler: a Ctrl-C at the PIN prompt must not leave the shell blind. A
 * handler reaches only file-scope state. */
static volatile sig_atomic_t pin_tty_fd = -1;
static struct termios pin_tty_saved;

static void pin_tty_restore(int sig)
{
    if (pin_tty_fd >= 0)
        tcsetattr(pin_tty_fd, TCSAFLUSH, &pin_tty_saved);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* One line from fd, byte by byte: stdio would keep a copy of the PIN in a
 * buffer nobody wipes. A line that does not fit is consumed and returned
 * as "" (an invalid PIN). Returns 0, or -1 at end of input before a line. */
static int read_line(int fd, char *buf, size_t size)
{
    size_t n = 0;
    int got = 0, too_long = 0;
    for (;;) {
        char ch;
        ssize_t r = read(fd, &ch, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got = 1;
        if (ch == '\n')
            break;
        if (n + 1 < size)
            buf[n++] = ch;
        else
            too_long = 1;
        ch = 0;
    }
    if (n > 0 && buf[n - 1] == '\r')
        n--;
    buf[n] = '\0';
    if (too_long)
        sodium_memzero(buf, size);
    return got ? 0 : -1;
}

/* Asks once on the terminal fd with echo off. */
static int tty_pin(int fd, const char *prompt, char pin[PIN_BUF])
{
    struct termios quiet;
    if (tcgetattr(fd, &pin_tty_saved) != 0)
        return refused("cannot turn the terminal's echo off: %s", strerror(errno));
    quiet = pin_tty_saved;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    quiet.c_lflag |= ECHONL;
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    struct sigaction sa, old[4];
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = pin_tty_restore;
    sigemptyset(&sa.sa_mask);
    pin_tty_fd = fd;
    for (int i = 0; i < 4; i++) {
        sigaction(sigs[i], &sa, &old[i]);
        if (old[i].sa_handler == SIG_IGN) /* nohup and friends: stay ignored */
            sigaction(sigs[i], &old[i], NULL);
    }
    int rc = 0;
    if (write(fd, prompt, strlen(prompt)) < 0 || tcsetattr(fd, TCSAFLUSH, &quiet) != 0)
        rc = refused("cannot turn the terminal's echo off: %s", strerror(errno));
    else if (read_line(fd, pin, PIN_BUF) != 0)
        rc = refused("no PIN given; nothing changed");
    tcsetattr(fd, TCSAFLUSH, &pin_tty_saved);
    pin_tty_fd = -1;
    for (int i = 0; i < 4; i++)
        sigaction(sigs[i], &old[i], NULL);
    return rc;
}

/* The new PIN: asked twice on the terminal when there is one, else one
 * line of stdin (scripts, provisioning). Never argv: that is visible in ps
 * and in the shell's history. */
static int read_pin(char pin[PIN_BUF])
{
    pin[0] = '\0';
    if (!isatty(STDIN_FILENO)) {
        if (read_line(STDIN_FILENO, pin, PIN_BUF) != 0)
            return refused("no PIN on stdin (one line of 6 to 12 digits); nothing changed");
        return 0;
    }
    int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return refused("cannot open the terminal: %s", strerror(errno));
    char again[PIN_BUF] = "";
    int rc = tty_pin(fd, "PIN (6 to 12 digits): ", pin);
    if (!rc)
        rc = tty_pin(fd, "The same PIN again: ", again);
    if (!rc && strcmp(pin, again) != 0)
        rc = refused("the two PINs differ; nothing changed");
    sodium_memzero(again, sizeof again);
    close(fd);
    if (rc)
        sodium_memzero(pin, PIN_BUF);
    return rc;
}

/* Checks and hashes the PIN, wiping it either way. */
static int hash_pin(char pin[PIN_BUF], char hash[STAFF_HASH_MAX])
{
    int valid = staff_pin_valid(pin);
    int rc = valid ? staff_pin_hash(pin, hash) : -1;
    sodium_memzero(pin, PIN_BUF);
    if (!valid)
        return refused("a PIN is 6 to 12 digits; nothing changed");
    if (rc)
        return refused("cannot hash the PIN (out of memory); nothing changed");
    return 0;
}

typedef struct staff_find {
    const char *name;
    int found;
} staff_find_t;

static int staff_find_row(void *ctx, const store_staff_row_t *r)
{
    staff_find_t *f = ctx;
    f->found = strcmp(r->name, f->name) == 0;
    return f->found;
}

/* Asked before the PIN is, so that nobody types one for nothing: 1, 0 or
 * an exit code. The store checks again when it writes. */
static int staff_check_name(ctl_t *c, const char *name, int want)
{
    if (!store_staff_name_valid(name))
        return refused("not a staff name: 1 to 32 bytes of UTF-8 without control characters");
    staff_find_t f = {name, 0};
    if (store_staff_list(c->st, staff_find_row, &f) != STORE_OK)
        return store_failed(c);
    if (f.found && !want)
        return refused("%s: a staff member of that name exists (staff passwd changes the PIN)",
                       name);
    if (!f.found && want)
        return refused("%s: no such staff member (see staff list)", name);
    return 0;
}

/* The change is made; a missing audit row is still a failure to report. */
static int staff_audit(ctl_t *c, const char *action, const char *name, const char *done)
{
    if (store_audit(c->st, "kioskctl", action, NULL, NULL, name, c->now) != STORE_OK)
        return refused("%s %s, but the audit log could not be written: %s", name, done,
                       store_errmsg(c->st));
    printf("staff member %s %s\n", name, done);
    return 0;
}

static int staff_set_pin(ctl_t *c, const char *cmd, int argc, char **argv, int adding)
{
    /* Anything beyond the name may be a PIN typed where it does not
     * belong: refused without repeating it. */
    if (argc > 1 || (argc == 1 && argv[0][0] == '-'))
        return usage_error(cmd,
                           "%s takes the NAME only; the PIN is read from the terminal or "
                           "stdin, never from the command line",
                           cmd);
    const char *name;
    int rc = one_arg(cmd, argc, argv, "which staff member?", &name);
    if (rc || (rc = open_store(c, OPEN_WRITE)) || (rc = staff_check_name(c, name, !adding)))
        return rc;
    char pin[PIN_BUF], hash[STAFF_HASH_MAX];
    if ((rc = read_pin(pin)) || (rc = hash_pin(pin, hash)))
        return rc;
    rc = adding ? store_staff_add(c->st, name, hash, c->now)
                : store_staff_set_hash(c->st, name, hash, c->now);
    sodium_memzero(hash, sizeof hash);
    if (rc == RULES_DUPLICATE)
        return refused("%s: a staff member of that name exists", name);
    if (rc == RULES_NOT_FOUND)
        return refused("%s: no such staff member", name);
    if (rc != STORE_OK)
        return store_failed(c);
    return adding ? staff_audit(c, "staff_add", name, "added")
                  : staff_audit(c, "staff_passwd", name, "has a new PIN");
}

static int staff_remove(ctl_t *c, int argc, char **argv)
{
    const char *name;
    int rc = one_arg("staff remove", argc, argv, "which staff member?", &name);
    if (rc || (rc = open_store(c, OPEN_WRITE)))
        return rc;
    rc = store_staff_remove(c->st, name, c->now);
    if (rc == RULES_NOT_FOUND)
        return refused("%s: no such staff member (see staff list)", name);
    if (rc != STORE_OK)
        return store_failed(c);
    return staff_audit(c, "staff_remove", name, "removed");
}

static int staff_row(void *ctx, const store_staff_row_t *r)
{
    const char *vals[] = {r->name, r->created_at, r->updated_at};
    return out_row(ctx, vals);
}

static int staff_list(ctl_t *c, int argc, char **argv)
{
    const char *format = NULL, *pos[1];
    opt_t opts[] = {{"--format", &format}};
    int npos, rc = parse_opts("staff list", argc, argv, opts, 1, pos, 0, &npos);
    fmt_t fmt;
    if (rc || (rc = parse_format("staff list", format, &fmt)) || (rc = open_store(c, OPEN_READ)))
        return rc;
    static const char *const cols[] = {"name", "created_at", "updated_at"};
    static const int num[] = {0, 0, 0};
    out_t o;
    out_begin(&o, stdout, fmt, cols, num, 3);
    rc = store_staff_list(c->st, staff_row, &o);
    out_end(&o);
    return rc == STORE_OK ? 0 : store_failed(c);
}

static int cmd_staff(ctl_t *c, int argc, char **argv)
{
    if (argc < 1)
        return usage_error("staff", "staff needs add, passwd, list or remove");
    const char *sub = argv[0];
    if (strcmp(sub, "add") == 0)
        return staff_set_pin(c, "staff add", argc - 1, argv + 1, 1);
    if (strcmp(sub, "passwd") == 0)
        return staff_set_pin(c, "staff passwd", argc - 1, argv + 1, 0);
    if (strcmp(sub, "list") == 0)
        return staff_list(c, argc - 1, argv + 1);
    if (strcmp(sub, "remove") == 0)
        return staff_remove(c, argc - 1, argv + 1);
    return usage_error("staff", "unknown staff command '%s'", sub);
}

static int audit_row(void *ctx, const store_audit_row_t *r)
{
    const char *vals[] = {r->at, r->staff, r->action, r->ticket, r->session_id, r->detail};
    return out_row(ctx, vals);
}

static int cmd_audit(ctl_t *c, int argc, char **argv)
{
    const char *format = NULL, *date = NULL, *pos[1];
    opt_t opts[] = {{"--format", &format}, {"--date", &date}};
    int npos, rc = parse_opts("audit", argc, argv, opts, 2, pos, 0, &npos);
    fmt_t fmt;
    if (rc || (rc = parse_format("audit", format, &fmt)) || (rc = check_date("audit", date)) ||
        (rc = open_store(c, OPEN_READ)))
        return rc;
    static const char *const cols[] = {"at", "staff", "action", "ticket", "session_id", "detail"};
    static const int num[] = {0, 0, 0, 0, 0, 0};
    out_t o;
    out_begin(&o, stdout, fmt, cols, num, 6);
    rc = store_audit_list(c->st, date, audit_row, &o);
    out_end(&o);
    return rc == STORE_OK ? 0 : store_failed(c);
}

/* ---- fleet sync --------------------------------------------------------- */

static int cmd_fleet(ctl_t *c, int argc, char **argv)
{
    if (argc < 1 || strcmp(argv[0], "status") != 0)
        return usage_error("fleet", "fleet needs status");
    const char *pos[1];
    int npos, rc = parse_opts("fleet status", argc - 1, argv + 1, NULL, 0, pos, 0, &npos);
    if (rc || (rc = open_store(c, OPEN_READ)))
        return rc;
    store_sync_state_t s;
    if (store_sync_state(c->st, &s) != STORE_OK)
        return store_failed(c);
    printf("station: %s\n", s.station_id[0] ? s.station_id : "(none: no catalog imported)");
    printf("waiting: %lld events\n", s.pending);
    printf("sent: up to event %lld of %lld\n", s.sent_seq, s.last_seq);
    printf("last attempt: %s\n", s.last_attempt[0] ? s.last_attempt : "never");
    printf("last sync: %s\n", s.last_ok[0] ? s.last_ok : "never");
    if (s.last_error[0])
        printf("last error: %s (at %s)\n", s.last_error, s.last_error_at);
    else
        printf("last error: none\n");
    return s.failing ? EXIT_REFUSED : EXIT_DONE;
}

/* ---- updates ----------------------------------------------------------- */

static int update_apply_cmd(ctl_t *c, int argc, char **argv)
{
    const char *sig = NULL, *pubkey = NULL, *pos[1];
    opt_t opts[] = {{"--sig", &sig}, {"--pubkey", &pubkey}};
    update_opts_t o = {
        .root = c->cfg.update_root, .pubkey = c->cfg.update_pubkey, .data_dir = c->cfg.data_dir};
    /* The one flag among "--name VALUE" options. */
    int n = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--allow-downgrade") == 0)
            o.allow_downgrade = 1;
        else
            argv[n++] = argv[i];
    }
    int npos, rc = parse_opts("update apply", n, argv, opts, 2, pos, 1, &npos);
    if (rc)
        return rc;
    if (npos != 1)
        return usage_error("update apply", "which bundle?");
    char sigpath[CONFIG_PATH_MAX + 16];
    if (!sig) {
        snprintf(sigpath, sizeof sigpath, "%.*s.minisig", CONFIG_PATH_MAX, pos[0]);
        sig = sigpath;
    }
    if (pubkey)
        o.pubkey = pubkey;
    char msg[1024];
    if (update_apply(&o, pos[0], sig, msg, sizeof msg) != UPDATE_OK)
        return refused("%s", msg);
    printf("%s\n", msg);
    return 0;
}

static int update_status_cmd(ctl_t *c, int argc, char **argv)
{
    const char *pos[1];
    int npos, rc = parse_opts("update status", argc, argv, NULL, 0, pos, 0, &npos);
    if (rc)
        return rc;
    update_status_t s;
    char err[600];
    if (update_status(c->cfg.update_root, c->cfg.data_dir, &s, err, sizeof err))
        return refused("%s", err);
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
        return refused("current release %s is damaged: %s", s.current, err);
    return 0;
}

static int update_simple_cmd(ctl_t *c, const char *cmd, int argc, char **argv,
                             int (*fn)(const update_opts_t *, char *, size_t))
{
    const char *pos[1];
    int npos, rc = parse_opts(cmd, argc, argv, NULL, 0, pos, 0, &npos);
    if (rc)
        return rc;
    update_opts_t o = {.root = c->cfg.update_root,
                       .max_boots = c->cfg.update_max_boots,
                       .data_dir = c->cfg.data_dir};
    char msg[1024];
    if (fn(&o, msg, sizeof msg) != UPDATE_OK)
        return refused("%s", msg);
    printf("%s\n", msg);
    return 0;
}

static int cmd_update(ctl_t *c, int argc, char **argv)
{
    if (argc < 1)
        return usage_error("update", "update needs apply, status, rollback or boot");
    const char *sub = argv[0];
    if (strcmp(sub, "apply") == 0)
        return update_apply_cmd(c, argc - 1, argv + 1);
    if (strcmp(sub, "status") == 0)
        return update_status_cmd(c, argc - 1, argv + 1);
    if (strcmp(sub, "rollback") == 0)
        return update_simple_cmd(c, "update rollback", argc - 1, argv + 1, update_rollback);
    if (strcmp(sub, "boot") == 0)
        return update_simple_cmd(c, "update boot", argc - 1, argv + 1, update_boot);
    return usage_error("update", "unknown update command '%s'", sub);
}

static int dispatch(ctl_t *c, const char *cmd, int argc, char **argv)
{
    if (strcmp(cmd, "import-catalog") == 0)
        return cmd_import(c, argc, argv);
    if (strcmp(cmd, "services") == 0)
        return cmd_services(c, argc, argv);
    if (strcmp(cmd, "sessions") == 0)
        return cmd_sessions(c, argc, argv);
    if (strcmp(cmd, "bookings") == 0)
        return cmd_bookings(c, argc, argv);
    if (strcmp(cmd, "book") == 0)
        return cmd_book(c, argc, argv);
    if (strcmp(cmd, "checkin") == 0)
        return cmd_checkin(c, argc, argv);
    if (strcmp(cmd, "ticket") == 0)
        return cmd_ticket(c, argc, argv);
    if (strcmp(cmd, "verify-ticket") == 0)
        return cmd_verify(c, argc, argv);
    if (strcmp(cmd, "cancel") == 0)
        return cmd_status(c, cmd, argc, argv, RULES_CANCELLED, "cancelled");
    if (strcmp(cmd, "no-show") == 0)
        return cmd_status(c, cmd, argc, argv, RULES_NO_SHOW, "marked no-show");
    if (strcmp(cmd, "export") == 0)
        return cmd_export(c, argc, argv);
    if (strcmp(cmd, "purge") == 0)
        return cmd_purge(c, argc, argv);
    if (strcmp(cmd, "check") == 0)
        return cmd_check(c, argc, argv);
    if (strcmp(cmd, "backup") == 0)
        return cmd_backup(c, argc, argv);
    if (strcmp(cmd, "staff") == 0)
        return cmd_staff(c, argc, argv);
    if (strcmp(cmd, "audit") == 0)
        return cmd_audit(c, argc, argv);
    if (strcmp(cmd, "update") == 0)
        return cmd_update(c, argc, argv);
    if (strcmp(cmd, "fleet") == 0)
        return cmd_fleet(c, argc, argv);
    return usage_error(NULL, "unknown command '%s'", cmd);
}

int main(int argc, char **argv)
{
    ctl_t c;
    memset(&c, 0, sizeof c);
    /* The database holds phone numbers and the key signs tickets: nothing
     * this program creates is for other users. */
    umask(027);
    config_defaults(&c.cfg);
    const char *db = NULL, *config = NULL, *now = NULL;
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage_all(stdout);
            return EXIT_DONE;
        }
        if (strcmp(a, "--version") == 0) {
            printf("kioskctl %s\n", KIOSK_VERSION);
            return EXIT_DONE;
        }
        if (strcmp(a, "--db") == 0)
            slot = &db;
        else if (strcmp(a, "--config") == 0)
            slot = &config;
        else if (strcmp(a, "--now") == 0)
            slot = &now;
        else
            return usage_error(NULL, "unknown option '%s'", a);
        if (i + 1 >= argc)
            return usage_error(NULL, "%s needs a value", a);
        *slot = argv[++i];
    }
    if (i >= argc) {
        usage_all(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[i++];
    char key[64];
    if (strcmp(cmd, "help") == 0) {
        if (i < argc && find_help(argv[i])) {
            usage_cmd(stdout,
                      help_key(argv[i], i + 1 < argc ? argv[i + 1] : NULL, key, sizeof key));
            return EXIT_DONE;
        }
        usage_all(stdout);
        return EXIT_DONE;
    }
    for (int k = i; k < argc; k++) {
        if (strcmp(argv[k], "--help") == 0 && find_help(cmd)) {
            usage_cmd(stdout, help_key(cmd, i < argc ? argv[i] : NULL, key, sizeof key));
            return EXIT_DONE;
        }
    }
    if (config) {
        char err[600];
        if (config_load(&c.cfg, config, err, sizeof err))
            return refused("%s", err);
    }
    if (db)
        snprintf(c.db, sizeof c.db, "%s", db);
    else
        config_db_path(&c.cfg, c.db);
    if (now) {
        dt_date_t d;
        int m;
        if (dt_parse_datetime(now, &d, &m))
            return usage_error(NULL, "bad --now '%s': expected \"YYYY-MM-DD HH:MM\"", now);
        c.now = dt_stamp(d, m);
    } else {
        c.now = clock_now_stamp();
    }
    int rc = dispatch(&c, cmd, argc - i, argv + i);
    store_close(c.st);
    return rc;
}
