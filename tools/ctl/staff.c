/* kioskctl's staff commands: members added, given a new PIN, listed and
 * removed, and the audit log listed. The PIN is read here, from the
 * terminal without echo or from stdin, and wiped after hashing; it is its
 * own file for that care. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "../../firmware/app/staff.h"
#include "../../firmware/core/rules.h"
#include "ctl.h"

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
        return ctl_refused("cannot turn the terminal's echo off: %s", strerror(errno));
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
        rc = ctl_refused("cannot turn the terminal's echo off: %s", strerror(errno));
    else if (read_line(fd, pin, PIN_BUF) != 0)
        rc = ctl_refused("no PIN given; nothing changed");
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
            return ctl_refused("no PIN on stdin (one line of 6 to 12 digits); nothing changed");
        return 0;
    }
    int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return ctl_refused("cannot open the terminal: %s", strerror(errno));
    char again[PIN_BUF] = "";
    int rc = tty_pin(fd, "PIN (6 to 12 digits): ", pin);
    if (!rc)
        rc = tty_pin(fd, "The same PIN again: ", again);
    if (!rc && strcmp(pin, again) != 0)
        rc = ctl_refused("the two PINs differ; nothing changed");
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
        return ctl_refused("a PIN is 6 to 12 digits; nothing changed");
    if (rc)
        return ctl_refused("cannot hash the PIN (out of memory); nothing changed");
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
        return ctl_refused("not a staff name: 1 to 32 bytes of UTF-8 without control characters");
    staff_find_t f = {name, 0};
    if (store_staff_list(c->st, staff_find_row, &f) != STORE_OK)
        return ctl_store_failed(c);
    if (f.found && !want)
        return ctl_refused("%s: a staff member of that name exists (staff passwd changes the PIN)",
                           name);
    if (!f.found && want)
        return ctl_refused("%s: no such staff member (see staff list)", name);
    return 0;
}

/* The change is made; a missing audit row is still a failure to report. */
static int staff_audit(ctl_t *c, const char *action, const char *name, const char *done)
{
    if (store_audit(c->st, "kioskctl", action, NULL, NULL, name, c->now) != STORE_OK)
        return ctl_refused("%s %s, but the audit log could not be written: %s", name, done,
                           store_errmsg(c->st));
    printf("staff member %s %s\n", name, done);
    return 0;
}

static int staff_set_pin(ctl_t *c, const char *cmd, int argc, char **argv, int adding)
{
    /* Anything beyond the name may be a PIN typed where it does not
     * belong: refused without repeating it. */
    if (argc > 1 || (argc == 1 && argv[0][0] == '-'))
        return ctl_usage_error(cmd,
                               "%s takes the NAME only; the PIN is read from the terminal or "
                               "stdin, never from the command line",
                               cmd);
    const char *name;
    int rc = ctl_one_arg(cmd, argc, argv, "which staff member?", &name);
    if (rc || (rc = ctl_open_store(c, CTL_OPEN_WRITE)) || (rc = staff_check_name(c, name, !adding)))
        return rc;
    char pin[PIN_BUF], hash[STAFF_HASH_MAX];
    if ((rc = read_pin(pin)) || (rc = hash_pin(pin, hash)))
        return rc;
    rc = adding ? store_staff_add(c->st, name, hash, c->now)
                : store_staff_set_hash(c->st, name, hash, c->now);
    sodium_memzero(hash, sizeof hash);
    if (rc == RULES_DUPLICATE)
        return ctl_refused("%s: a staff member of that name exists", name);
    if (rc == RULES_NOT_FOUND)
        return ctl_refused("%s: no such staff member", name);
    if (rc != STORE_OK)
        return ctl_store_failed(c);
    return adding ? staff_audit(c, "staff_add", name, "added")
                  : staff_audit(c, "staff_passwd", name, "has a new PIN");
}

int ctl_staff_add(ctl_t *c, const char *cmd, int argc, char **argv)
{
    return staff_set_pin(c, cmd, argc, argv, 1);
}

int ctl_staff_passwd(ctl_t *c, const char *cmd, int argc, char **argv)
{
    return staff_set_pin(c, cmd, argc, argv, 0);
}

int ctl_staff_remove(ctl_t *c, const char *cmd, int argc, char **argv)
{
    const char *name;
    int rc = ctl_one_arg(cmd, argc, argv, "which staff member?", &name);
    if (rc || (rc = ctl_open_store(c, CTL_OPEN_WRITE)))
        return rc;
    rc = store_staff_remove(c->st, name, c->now);
    if (rc == RULES_NOT_FOUND)
        return ctl_refused("%s: no such staff member (see staff list)", name);
    if (rc != STORE_OK)
        return ctl_store_failed(c);
    return staff_audit(c, "staff_remove", name, "removed");
}

static int staff_row(void *ctx, const store_staff_row_t *r)
{
    const char *vals[] = {r->name, r->created_at, r->updated_at};
    return table_row(ctx, vals);
}

int ctl_staff_list(ctl_t *c, const char *cmd, int argc, char **argv)
{
    const char *format = NULL, *pos[1];
    ctl_opt_t opts[] = {{"--format", &format, NULL}};
    int npos, rc = ctl_parse_opts(cmd, argc, argv, opts, 1, pos, 0, &npos);
    table_format_t fmt;
    if (rc || (rc = ctl_parse_format(cmd, format, &fmt)) || (rc = ctl_open_store(c, CTL_OPEN_READ)))
        return rc;
    static const char *const cols[] = {"name", "created_at", "updated_at"};
    table_t o;
    table_begin(&o, stdout, fmt, cols, NULL, 3);
    rc = store_staff_list(c->st, staff_row, &o);
    table_end(&o);
    return rc == STORE_OK ? 0 : ctl_store_failed(c);
}

static int audit_row(void *ctx, const store_audit_row_t *r)
{
    const char *vals[] = {r->at, r->staff, r->action, r->ticket, r->session_id, r->detail};
    return table_row(ctx, vals);
}

int ctl_audit(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *format = NULL, *date = NULL, *pos[1];
    ctl_opt_t opts[] = {{"--format", &format, NULL}, {"--date", &date, NULL}};
    int npos, rc = ctl_parse_opts(name, argc, argv, opts, 2, pos, 0, &npos);
    table_format_t fmt;
    if (rc || (rc = ctl_parse_format(name, format, &fmt)) || (rc = ctl_check_date(name, date)) ||
        (rc = ctl_open_store(c, CTL_OPEN_READ)))
        return rc;
    static const char *const cols[] = {"at", "staff", "action", "ticket", "session_id", "detail"};
    table_t o;
    table_begin(&o, stdout, fmt, cols, NULL, 6);
    rc = store_audit_list(c->st, date, audit_row, &o);
    table_end(&o);
    return rc == STORE_OK ? 0 : ctl_store_failed(c);
}
