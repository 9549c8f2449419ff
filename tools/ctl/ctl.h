/* kioskctl's parts share this: the program's state, its one command table,
 * and the argument, store and message helpers every command uses
 * (common.c). The commands live by concern in bookings.c, bursts.c,
 * console.c, queue.c, staff.c and tech.c; main.c holds the table, the help made from it, and
 * dispatch. */
#ifndef CTL_H
#define CTL_H

#include <stdio.h>

#include "../../firmware/app/table.h"
#include "../../firmware/platform/config.h"
#include "../../firmware/store/store.h"
#include "../../firmware/ticket/code.h"
#include "../../firmware/ticket/payload.h"

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "dev"
#endif

enum { EXIT_DONE = 0, EXIT_REFUSED = 1, EXIT_USAGE = 2 };

typedef struct ctl {
    config_t cfg;
    char db[CONFIG_PATH_MAX];
    long long now;
    int test_clock; /* now came from --now: audit rows take the wall clock and say so */
    store_t *st;
} ctl_t;

/* One command: "import-catalog", or "staff add" for a group's member (the
 * first word picks the group, the second the member). run gets name and
 * the arguments after it; it returns an exit code. */
typedef struct ctl_command {
    const char *name, *usage, *help;
    int (*run)(ctl_t *c, const char *name, int argc, char **argv);
} ctl_command_t;

/* The table, in the order of --help (main.c). */
extern const ctl_command_t ctl_commands[];
extern const size_t ctl_ncommands;

/* ---- the commands ------------------------------------------------------ */

/* bookings.c */
int ctl_services(ctl_t *c, const char *name, int argc, char **argv);
int ctl_sessions(ctl_t *c, const char *name, int argc, char **argv);
int ctl_bookings(ctl_t *c, const char *name, int argc, char **argv);
int ctl_book(ctl_t *c, const char *name, int argc, char **argv);
int ctl_checkin(ctl_t *c, const char *name, int argc, char **argv);
int ctl_cancel(ctl_t *c, const char *name, int argc, char **argv);
int ctl_no_show(ctl_t *c, const char *name, int argc, char **argv);
int ctl_ticket(ctl_t *c, const char *name, int argc, char **argv);
int ctl_verify(ctl_t *c, const char *name, int argc, char **argv);
int ctl_export(ctl_t *c, const char *name, int argc, char **argv);
/* bursts.c */
int ctl_bursts(ctl_t *c, const char *name, int argc, char **argv);
int ctl_release_burst(ctl_t *c, const char *name, int argc, char **argv);
/* calls.c */
int ctl_calls(ctl_t *c, const char *name, int argc, char **argv);
/* issue 20 (F): 好差评 (ratings.c) */
int ctl_ratings(ctl_t *c, const char *name, int argc, char **argv);
int ctl_rating_followup(ctl_t *c, const char *name, int argc, char **argv);
int ctl_rate_prompt(ctl_t *c, const char *name, int argc, char **argv);
/* waitlist.c (i20wait) */
int ctl_waitlist(ctl_t *c, const char *name, int argc, char **argv);
/* console.c */
int ctl_console_fingerprint(ctl_t *c, const char *name, int argc, char **argv);
/* queue.c */
int ctl_queue_take(ctl_t *c, const char *name, int argc, char **argv);
int ctl_queue_call(ctl_t *c, const char *name, int argc, char **argv);
int ctl_queue_step(ctl_t *c, const char *name, int argc, char **argv);
int ctl_queue_transfer(ctl_t *c, const char *name, int argc, char **argv);
int ctl_queue_day(ctl_t *c, const char *name, int argc, char **argv);
int ctl_queue_status(ctl_t *c, const char *name, int argc, char **argv);
/* staff.c */
int ctl_staff_add(ctl_t *c, const char *name, int argc, char **argv);
int ctl_staff_passwd(ctl_t *c, const char *name, int argc, char **argv);
int ctl_staff_list(ctl_t *c, const char *name, int argc, char **argv);
int ctl_staff_remove(ctl_t *c, const char *name, int argc, char **argv);
int ctl_audit(ctl_t *c, const char *name, int argc, char **argv);
/* terms.c (t, issue 20) */
int ctl_terms(ctl_t *c, const char *name, int argc, char **argv);
int ctl_enrol(ctl_t *c, const char *name, int argc, char **argv);
int ctl_drop(ctl_t *c, const char *name, int argc, char **argv);
int ctl_register(ctl_t *c, const char *name, int argc, char **argv);
/* tech.c */
int ctl_import(ctl_t *c, const char *name, int argc, char **argv);
int ctl_purge(ctl_t *c, const char *name, int argc, char **argv);
int ctl_check(ctl_t *c, const char *name, int argc, char **argv);
int ctl_backup(ctl_t *c, const char *name, int argc, char **argv);
int ctl_clock_status(ctl_t *c, const char *name, int argc, char **argv);
int ctl_clock_confirm(ctl_t *c, const char *name, int argc, char **argv);
int ctl_fleet_status(ctl_t *c, const char *name, int argc, char **argv);
int ctl_update_apply(ctl_t *c, const char *name, int argc, char **argv);
int ctl_update_status(ctl_t *c, const char *name, int argc, char **argv);
int ctl_update_rollback(ctl_t *c, const char *name, int argc, char **argv);
int ctl_update_boot(ctl_t *c, const char *name, int argc, char **argv);

/* ---- help and messages (main.c, common.c) ------------------------------- */

/* The help of cmd: one command, or every member of a group ("staff"). */
void ctl_usage_cmd(FILE *f, const char *cmd);
/* The first command cmd names (itself, or a member of the group cmd), or NULL. */
const ctl_command_t *ctl_find(const char *cmd);

/* "kioskctl: MESSAGE" and the help of cmd (or a pointer to --help) on
 * stderr; returns EXIT_USAGE. */
__attribute__((format(printf, 2, 3))) int ctl_usage_error(const char *cmd, const char *fmt, ...);
/* "kioskctl: MESSAGE" on stderr; returns EXIT_REFUSED. */
__attribute__((format(printf, 1, 2))) int ctl_refused(const char *fmt, ...);

/* ---- arguments ---------------------------------------------------------- */

typedef struct ctl_opt {
    const char *name; /* "--date" */
    const char **value;
    int *flag; /* instead of value: a flag ("--all"), which sets *flag to 1 */
} ctl_opt_t;

/* Parses "--name VALUE" pairs (and "--name=VALUE") and flags into opts and
 * up to maxpos positional arguments. Returns 0, or a usage error code. */
int ctl_parse_opts(const char *cmd, int argc, char **argv, ctl_opt_t *opts, int nopts,
                   const char **pos, int maxpos, int *npos);
/* Whom a booking or an enrolment is for (book, enrol): --phone P or the flag
 * --no-phone, and --for LABEL. */
#define CTL_PERSON_OPTS(phone, label, no_phone)                                                    \
    {"--phone", (phone), NULL}, {"--for", (label), NULL}, { "--no-phone", NULL, (no_phone) }
/* --phone and --no-phone exclude each other: 0, or a usage error code. */
int ctl_person_check(const char *cmd, const char *phone, int no_phone);
/* --format's value (NULL: table). 0, or a usage error code. */
int ctl_parse_format(const char *cmd, const char *s, table_format_t *fmt);
/* A listing's arguments: the flag --all (*open_only becomes 0; it stays 1
 * without) and --format. 0, or a usage error code. */
int ctl_parse_list_args(const char *cmd, int argc, char **argv, int *open_only,
                        table_format_t *fmt);
/* A --date value (NULL passes). 0, or a usage error code. */
int ctl_check_date(const char *cmd, const char *d);
/* Commands that take exactly one argument and no options. */
int ctl_one_arg(const char *cmd, int argc, char **argv, const char *what, const char **arg);
/* --party's value (NULL: 1) into *party: 0, a usage error (not a number)
 * or refused (out of 1..99: the booking rules judge the rest). */
int ctl_parse_party(const char *cmd, const char *s, int *party);
/* A ticket code as typed ("abcd 2345") into its normal form, or refused. */
int ctl_ticket_arg(const char *arg, char code[KIOSK_TICKET_SIZE]);

/* ---- the store and the key ---------------------------------------------- */

enum { CTL_OPEN_READ, CTL_OPEN_WRITE, CTL_OPEN_CREATE };

/* Opens c->db into c->st (main closes it). 0, or an exit code. */
int ctl_open_store(ctl_t *c, int mode);
/* Refuses with the store's message; returns EXIT_REFUSED. */
int ctl_store_failed(ctl_t *c);
/* The station's ticket key beside the database. 0, or an exit code. */
int ctl_load_key(ctl_t *c, ticket_key_t *key);

#endif
