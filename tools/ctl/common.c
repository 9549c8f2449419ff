/* What every kioskctl command uses: the usage and refusal messages, the
 * option parser, and opening the store and the ticket key. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../firmware/core/datetime.h"
#include "ctl.h"

/* "kioskctl: MESSAGE" and a line end on stderr. */
__attribute__((format(printf, 1, 0))) static void complain(const char *fmt, va_list ap);
static void complain(const char *fmt, va_list ap)
{
    fprintf(stderr, "kioskctl: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
}

int ctl_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    complain(fmt, ap);
    va_end(ap);
    if (cmd && ctl_find(cmd))
        ctl_usage_cmd(stderr, cmd);
    else
        fprintf(stderr, "Try 'kioskctl --help'.\n");
    return EXIT_USAGE;
}

int ctl_refused(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    complain(fmt, ap);
    va_end(ap);
    return EXIT_REFUSED;
}

int ctl_parse_opts(const char *cmd, int argc, char **argv, ctl_opt_t *opts, int nopts,
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
                    if (opts[k].flag) {
                        if (eq)
                            return ctl_usage_error(cmd, "%s takes no value", opts[k].name);
                        *opts[k].flag = 1;
                    } else if (eq) {
                        *opts[k].value = eq + 1;
                    } else {
                        if (i + 1 >= argc)
                            return ctl_usage_error(cmd, "%s needs a value", opts[k].name);
                        *opts[k].value = argv[++i];
                    }
                    found = 1;
                }
            }
            if (!found)
                return ctl_usage_error(cmd, "unknown option '%s' for %s", a, cmd);
        } else {
            if (*npos >= maxpos)
                return ctl_usage_error(cmd, "unexpected argument '%s'", a);
            pos[(*npos)++] = a;
        }
    }
    return 0;
}

int ctl_person_check(const char *cmd, const char *phone, int no_phone)
{
    if (no_phone && phone)
        return ctl_usage_error(cmd, "--no-phone and --phone exclude each other");
    return 0;
}

int ctl_parse_format(const char *cmd, const char *s, table_format_t *fmt)
{
    if (table_format_parse(s, fmt))
        return ctl_usage_error(cmd, "--format must be table, csv or json, not '%s'", s);
    return 0;
}

int ctl_parse_list_args(const char *cmd, int argc, char **argv, int *open_only, table_format_t *fmt)
{
    int all = 0;
    const char *format = NULL, *pos[1];
    ctl_opt_t opts[] = {{"--format", &format, NULL}, {"--all", NULL, &all}};
    int npos, rc = ctl_parse_opts(cmd, argc, argv, opts, 2, pos, 0, &npos);
    *open_only = !all;
    return rc ? rc : ctl_parse_format(cmd, format, fmt);
}

int ctl_check_date(const char *cmd, const char *d)
{
    dt_date_t x;
    if (d && dt_parse_date(d, &x))
        return ctl_usage_error(cmd, "bad date '%s': expected YYYY-MM-DD", d);
    return 0;
}

/* Reading commands open the file read-only, so that staff can list and
 * export from a copy or a read-only medium, and never take a write lock. */
int ctl_open_store(ctl_t *c, int mode)
{
    if (mode != CTL_OPEN_CREATE && access(c->db, F_OK) != 0)
        return ctl_refused(
            "no database at %s (import a catalog first: kioskctl import-catalog FILE)", c->db);
    int flags = mode == CTL_OPEN_CREATE ? STORE_OPEN_CREATE
                : mode == CTL_OPEN_READ ? STORE_OPEN_READONLY
                                        : 0;
    if (store_open(c->db, flags, &c->st) != STORE_OK)
        return ctl_refused("%s", c->st ? store_errmsg(c->st) : "out of memory");
    store_set_waitlist_hold(c->st, c->cfg.waitlist_hold_minutes); /* i20wait */
    return 0;
}

int ctl_store_failed(ctl_t *c)
{
    return ctl_refused("%s: %s", c->db, store_errmsg(c->st));
}

int ctl_load_key(ctl_t *c, ticket_key_t *key)
{
    char path[CONFIG_PATH_MAX], err[600];
    config_key_path(c->db, path);
    if (ticket_key_load(path, 1, key, err, sizeof err))
        return ctl_refused("%s", err);
    return 0;
}

int ctl_one_arg(const char *cmd, int argc, char **argv, const char *what, const char **arg)
{
    const char *pos[1];
    int npos, rc = ctl_parse_opts(cmd, argc, argv, NULL, 0, pos, 1, &npos);
    if (rc)
        return rc;
    if (npos != 1)
        return ctl_usage_error(cmd, "%s", what);
    *arg = pos[0];
    return 0;
}

int ctl_ticket_arg(const char *arg, char code[KIOSK_TICKET_SIZE])
{
    if (ticket_code_normalize(arg, code))
        return ctl_refused("'%s' is not a ticket code (8 letters and digits, e.g. ABCD-2345)", arg);
    return 0;
}

int ctl_parse_party(const char *cmd, const char *s, int *party)
{
    *party = 1;
    if (!s)
        return 0;
    char *end;
    long n = strtol(s, &end, 10);
    if (*end || end == s)
        return ctl_usage_error(cmd, "--party must be a number of persons");
    if (n < 1 || n > 99)
        return ctl_refused("%s", rules_result_text(RULES_BAD_PARTY, 1));
    *party = (int)n;
    return 0;
}
