/* kioskctl: the staff and technician command line of the station kiosk.
 * It works on the same SQLite store as the kiosk, safely while it runs.
 * Exit codes: 0 done, 1 refused / invalid / not found, 2 usage.
 *
 * This file holds the one command table, from which both the help and the
 * dispatch are made, and main; the commands are in bookings.c, console.c, staff.c and
 * tech.c, their shared helpers in common.c. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "../../firmware/core/datetime.h"
#include "../../firmware/platform/clock.h"
#include "ctl.h"

/* In the order of --help. A name of two words is a member of a group
 * ("staff add"): `kioskctl staff add NAME` runs it. */
const ctl_command_t ctl_commands[] = {
    {"import-catalog", "import-catalog FILE",
     "Validate the catalog FILE and load it: categories, services and the sessions of the\n"
     "booking horizon. Errors are reported as FILE:LINE: message and leave the database as it\n"
     "was. Re-importing keeps every booking; a service removed from the catalog keeps its\n"
     "booked sessions until they pass.",
     ctl_import},
    {"services", "services [--format table|csv|json]", "List the services of the imported catalog.",
     ctl_services},
    {"sessions", "sessions [--date D] [--service ID] [--format table|csv|json]",
     "List sessions with their seats. Columns:\n"
     "session_id,service_id,category_id,service_name,date,start,end,capacity,booked,remaining\n"
     "booked counts persons of booked and checked-in bookings.",
     ctl_sessions},
    {"bookings",
     "bookings [--date D] [--status S] [--phone P] [--for LABEL] [--burst N]\n"
     "         [--format table|csv|json]",
     "List bookings; --burst N only those of burst N (kioskctl bursts); --for LABEL those for\n"
     "that person (find a booking with no phone by its label and date). S is booked,\n"
     "checked_in, cancelled or no_show. Columns:\n"
     "ticket,session_id,service_id,service_name,date,start,phone,party,status,created_at,for\n"
     "for is the person served (empty: the booker themself).",
     ctl_bookings},
    {"book", "book --session ID (--phone PHONE | --no-phone) [--for LABEL] [--party N]",
     "Book a session and print the ticket code. A refused booking (full, duplicate, too late,\n"
     "limit, household, bad phone, bad label) exits 1 with a one-line reason. --for LABEL books\n"
     "for another person (张奶奶, 孙子: no digits, at most 24 bytes); the limits count per\n"
     "person within the household limit of the phone. --no-phone (needs --for) books for a\n"
     "resident without a mobile phone: the ticket code is then the only key.",
     ctl_book},
    {"checkin", "checkin TICKET|PAYLOAD",
     "Check a booking of today in (booked -> checked_in), by its ticket code or the QR payload\n"
     "a scanner read. A payload must be genuine (see verify-ticket).",
     ctl_checkin},
    {"cancel", "cancel TICKET", "Cancel a booking (booked -> cancelled); its seats are freed.",
     ctl_cancel},
    {"no-show", "no-show TICKET", "Mark a booking as not attended (booked -> no_show).",
     ctl_no_show},
    {"ticket", "ticket TICKET",
     "Print the QR payload of a booking: KQ1:<code>:<MAC under the station key>. The key is\n"
     "ticket.key beside the database (created 0600 on first use).",
     ctl_ticket},
    {"verify-ticket", "verify-ticket PAYLOAD",
     "Exit 0 and print the ticket code when PAYLOAD is a genuine ticket of this station,\n"
     "else exit 1.",
     ctl_verify},
    {"export", "export --out FILE.csv [--date D | --from D --until D]",
     "Write bookings as CSV (UTF-8 with BOM, CRLF: opens cleanly in Excel and WPS).", ctl_export},
    /* t (issue 20): courses with terms. */
    {"terms", "terms [--service S] [--format table|csv|json]",
     "List the terms of the courses (catalog [term ID]). Columns:\n"
     "term,service_id,name,from,to,places,ages,sessions,ahead,enrolled,left\n"
     "ahead: the classes a child enrolled now would hold; left: places not taken.",
     ctl_terms},
    {"enrol", "enrol [--service S] --term T (--phone PHONE | --no-phone) --for LABEL",
     "Enrol a child (LABEL: 孩子, 孙子, 小明: no digits) for the whole term T and print the\n"
     "enrolment's ticket code: one place held in every class of the term not begun yet, in\n"
     "one transaction, or nothing. A term full (its places, or a class without a seat),\n"
     "a child enrolled already, or the phone's limits refuse with the reason. The code\n"
     "checks the child in to the class of the day (kioskctl checkin CODE). The enrolment\n"
     "counts as one booking towards the limits. enrol --drop CODE is drop.",
     ctl_enrol},
    {"drop", "drop --ticket CODE",
     "The child of enrolment CODE drops out: every class ahead is cancelled and its seat\n"
     "freed, in one transaction. A missed class is no drop-out: mark it no-show.",
     ctl_drop},
    {"register", "register --term T [--service S] [--format table|csv|json]",
     "The term register: one row a child (label, masked phone, enrolled or dropped, the\n"
     "attendance rate attended/held, e.g. 7/9), one column a class (present, absent,\n"
     "dropped, cancelled; empty: not held yet), and a last row with how many came to each.",
     ctl_register},
    {"purge", "purge",
     "Clear the phone numbers of bookings whose session ended more than retention_days ago.\n"
     "Refused while the clock is in doubt (see clock status).",
     ctl_purge},
    {"check", "check",
     "Check the database's integrity and schema version; prints ok or the problem. A clock\n"
     "in doubt (see clock status) is said on stderr; the exit status is the database's.",
     ctl_check},
    {"clock status", "clock status",
     "Judge the clock against the latest time the kiosk has seen (its high-water mark). More\n"
     "than 14 days past it (at most retention_days) or more than a day behind it, the clock\n"
     "is in doubt: the kiosk keeps taking bookings, but the phone number purge, the backup\n"
     "rotation and the withdrawal of sessions wait. Exits 1 in doubt.",
     ctl_clock_status},
    {"clock confirm", "clock confirm",
     "Confirm that the clock reads right (after a long time switched off, or once it is set\n"
     "right): its reading becomes the latest time seen, even behind the old one. Audited\n"
     "(clock_confirm). Without this, a clock that comes back within the bounds heals alone.",
     ctl_clock_confirm},
    {"backup", "backup FILE", "Copy the live database to FILE with SQLite's online backup.",
     ctl_backup},
    {"bursts", "bursts [--all] [--format table|csv|json]",
     "List the bursts of bookings from one kiosk that met a limit (one visit's\n"
     "visit_max_bookings, or service_burst_max of one service within service_burst_minutes),\n"
     "newest first; --all includes the released ones. Columns:\n"
     "burst,kiosk,kind,services,first_at,last_at,refused,bookings,booked,released_at,\n"
     "released_by,reason\n"
     "kind is visit or service; booked counts its bookings still booked. Their bookings:\n"
     "kioskctl bookings --burst N.",
     ctl_bursts},
    {"release-burst", "release-burst N --reason TEXT",
     "Release the seats of burst N in one step: every booking of it still booked is\n"
     "cancelled (the resident's ticket shows cancelled by staff), each with an audit row\n"
     "cancel, and one row release_burst with the reason.",
     ctl_release_burst},
    {"calls", "calls [--all] [--format table|csv|json] | calls ack N [--staff NAME]",
     "List the calls for staff that residents made on the kiosk (找工作人员) and nobody\n"
     "acknowledged yet, newest first; --all includes the acknowledged ones. Columns:\n"
     "call,kiosk,at,screen,alerts,alerted_at,acked_at,acked_by\n"
     "alerts counts the alerts (the first and each repeat after call_repeat_minutes).\n"
     "calls ack N acknowledges call N: audited (call_ack) under NAME, else kioskctl.",
     ctl_calls},
    /* issue 20 (F): 好差评 */
    {"ratings", "ratings [--low] [--format table|csv|json]",
     "List the residents' ratings (好差评), newest first; --low: only 不满意 and 非常不满意,\n"
     "for follow-up. Anonymous: no ticket or phone. Columns:\n"
     "rating,day,station,service_id,service,level,level_words,reasons,channel,followed_at,\n"
     "followed_by,note (level 5 非常满意 .. 1 非常不满意; channel lookup, code or staff).",
     ctl_ratings},
    {"rating-followup", "rating-followup N --note TEXT [--staff NAME]",
     "Mark low rating N followed up with what was done: audited (rating_followup) under\n"
     "NAME, else kioskctl.",
     ctl_rating_followup},
    {"rate-prompt", "rate-prompt --ticket TICKET",
     "Ask the kiosk to offer the rating of this attended visit: at its next touch (within\n"
     "30 minutes) it opens on 服务评价 for it instead of home.",
     ctl_rate_prompt},
    /* i20wait (issue 20) */
    {"waitlist",
     "waitlist [--session S] [--all] [--call] [--format table|csv|json]\n"
     "         | waitlist confirm --id N [--staff NAME] | waitlist withdraw --id N [--staff NAME]\n"
     "         | waitlist join --session S --phone P [--for LABEL] [--party N] | waitlist expire",
     "The waitlists (候补) of full sessions: who waits, in order, and whose seat is held. When\n"
     "a seat is freed the first waiting gets a booking held for waitlist_hold_minutes: phone\n"
     "them (the full number is shown here only) and confirm, or the seat passes to the next.\n"
     "--call: only the held ones, the soonest to pass first (the call list); --all: ended\n"
     "entries too. Columns:\n"
     "id,session_id,service_name,date,start,status,position,for,phone,party,held_until,ticket\n"
     "status: waiting, held, taken, expired, withdrawn. confirm (held -> taken) and withdraw\n"
     "(a held seat passes on at once) are audited (waitlist_confirm, waitlist_withdraw) under\n"
     "NAME, else kioskctl. join puts a resident at the desk on a full session's list; expire\n"
     "runs the pass the kiosk runs every minute: holds past their time pass on.",
     ctl_waitlist},
    {"queue take", "queue take --line L [--priority]",
     "Take a walk-in number of line L for a resident at the desk, as the kiosk's 现场取号 does:\n"
     "prints the number (A012) and how many the rule calls before it. --priority: a priority\n"
     "number (绿色通道: over queue_priority_age, disability, pregnancy; self-declared). A line\n"
     "closed or capped for the day, or one that gave its numbers, refuses with the reason.",
     ctl_queue_take},
    {"queue call", "queue call --counter N [--line L] [--staff NAME]",
     "Call the next number to counter N (1..99), of line L or of every line, in the order of\n"
     "the rule: walk-ins in order of taking, priority numbers after at most\n"
     "queue_priority_every regular ones, appointments at their booked time. A counter calls\n"
     "one at a time: serve, finish, skip or transfer its number first. Audited (queue_call).",
     ctl_queue_call},
    {"queue recall", "queue recall --counter N [--staff NAME]",
     "Call counter N's number again. Audited (queue_recall).", ctl_queue_step},
    {"queue skip", "queue skip --counter N [--staff NAME]",
     "The resident counter N called did not come: no-show. Audited (queue_skip).", ctl_queue_step},
    {"queue serve", "queue serve --counter N [--staff NAME]",
     "Counter N starts serving its called number. Audited (queue_serve).", ctl_queue_step},
    {"queue finish", "queue finish --counter N [--staff NAME]",
     "Counter N is done with the number it serves. Audited (queue_finish).", ctl_queue_step},
    {"queue transfer", "queue transfer --counter N --to L [--staff NAME]",
     "Send counter N's number to line L: it waits there from now under the same number.\n"
     "Audited (queue_transfer).",
     ctl_queue_transfer},
    {"queue status", "queue status [--format table|csv|json]",
     "List today's numbers in the order of taking. Columns:\n"
     "number,line,status,taken_at,called_at,counter,ahead\n"
     "status: waiting, called, serving, done, no_show, transferred; ahead: how many its line\n"
     "calls before a waiting number.",
     ctl_queue_status},
    {"queue close", "queue close --line L [--staff NAME]",
     "Close line L for today: no more numbers are given; those given are still called.\n"
     "Audited (queue_close).",
     ctl_queue_day},
    {"queue open", "queue open --line L [--staff NAME]",
     "Open line L again for today. Audited (queue_open).", ctl_queue_day},
    {"queue cap", "queue cap --line L --max N [--staff NAME]",
     "Give at most N numbers of line L today (below the catalog's cap). Audited (queue_cap).",
     ctl_queue_day},
    {"staff add", "staff add NAME",
     "Add a staff member for the kiosk's staff mode. The PIN (6 to 12 digits) is asked twice\n"
     "on the terminal without echo, or read as one line from stdin when stdin is not a\n"
     "terminal; it is never an argument. Only its Argon2id hash is stored. Audited.",
     ctl_staff_add},
    {"staff passwd", "staff passwd NAME",
     "Set a new PIN for a staff member, read as for staff add. Audited.", ctl_staff_passwd},
    {"staff list", "staff list [--format table|csv|json]",
     "List the staff members: name,created_at,updated_at (never a PIN or a hash).", ctl_staff_list},
    {"staff remove", "staff remove NAME",
     "Remove a staff member; the audit rows naming them stay. Audited.", ctl_staff_remove},
    {"audit", "audit [--date D] [--format table|csv|json]",
     "List the audit log, oldest first: who did what to which booking or session. Columns:\n"
     "at,staff,action,ticket,session_id,detail\n"
     "Actions: login, login_failed, attended, no_show, cancel, show_phone, close_session,\n"
     "export, staff_add, staff_passwd, staff_remove, clock_confirm. kioskctl's own rows name\n"
     "kioskctl.",
     ctl_audit},
    {"fleet status", "fleet status",
     "Print the fleet sync state: the station id, events waiting to be sent to the centre\n"
     "(outbox depth), the last event sent, and when kiosk-sync last succeeded and last failed,\n"
     "with its error; and the walk-in queue's events, a stream of their own (queue waiting,\n"
     "queue sent), and the ratings (好差评), one more (ratings waiting, ratings sent). Exits 1\n"
     "when the last attempt failed.",
     ctl_fleet_status},
    {"console fingerprint", "console fingerprint",
     "Print the SHA-256 fingerprint of the staff console's certificate\n"
     "(<data_dir>/console/cert.pem, made at the console's first start): the same as the\n"
     "console prints at start, the kiosk's technician screen shows and a browser shows as the\n"
     "certificate's SHA-256 fingerprint. Staff check it once on their first visit. Exits 1\n"
     "when the console has not made its certificate yet.",
     ctl_console_fingerprint},
    {"update apply", "update apply FILE [--sig FILE.minisig] [--pubkey KEY] [--allow-downgrade]",
     "Install a signed update bundle (tools/make-bundle.sh) from a USB stick or a file. The\n"
     "minisign signature (default FILE.minisig) must verify under the public key (default:\n"
     "update_pubkey of the configuration); the bundle must be made for this board's\n"
     "architecture and newer than the current release. It is unpacked into\n"
     "UPDATE_ROOT/releases/<version>, checked file by file against its manifest, and made\n"
     "current; the old one becomes previous. The new release is on trial until the kiosk\n"
     "has served update_health_seconds. Restart the kiosk to run it. A refused bundle\n"
     "leaves the current release as it was.",
     ctl_update_apply},
    {"update status", "update status",
     "Print the current and previous releases, the release on trial and its starts so far,\n"
     "and the last release rolled back from.",
     ctl_update_status},
    {"update rollback", "update rollback",
     "Make the previous release current again (each of its files checked first).",
     ctl_update_rollback},
    {"update boot", "update boot",
     "Run before each start of the kiosk (ExecStartPre): counts the starts of a release on\n"
     "trial and, after update_max_boots starts without becoming healthy, rolls back.",
     ctl_update_boot},
};
const size_t ctl_ncommands = sizeof ctl_commands / sizeof ctl_commands[0];

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
    for (size_t i = 0; i < ctl_ncommands; i++)
        fprintf(f, "  %s\n", ctl_commands[i].usage);
    fprintf(f, "\nExit codes: 0 done, 1 refused / invalid / not found, 2 usage.\n");
}

/* cmd is the command itself or names its group: "staff" names "staff add",
 * "staff list" ... */
static int matches(const ctl_command_t *k, const char *cmd)
{
    size_t n = strlen(cmd);
    return strncmp(k->name, cmd, n) == 0 && (k->name[n] == '\0' || k->name[n] == ' ');
}

const ctl_command_t *ctl_find(const char *cmd)
{
    for (size_t i = 0; i < ctl_ncommands; i++)
        if (matches(&ctl_commands[i], cmd))
            return &ctl_commands[i];
    return NULL;
}

void ctl_usage_cmd(FILE *f, const char *cmd)
{
    int n = 0;
    for (size_t i = 0; i < ctl_ncommands; i++)
        if (matches(&ctl_commands[i], cmd))
            fprintf(f, "%susage: kioskctl [OPTIONS] %s\n\n%s\n", n++ ? "\n" : "",
                    ctl_commands[i].usage, ctl_commands[i].help);
}

/* The help entry of "CMD SUB" when there is one ("staff add"), else CMD. */
static const char *help_key(const char *cmd, const char *sub, char *buf, size_t size)
{
    if (sub && (size_t)snprintf(buf, size, "%s %s", cmd, sub) < size && ctl_find(buf) &&
        strcmp(ctl_find(buf)->name, buf) == 0)
        return buf;
    return cmd;
}

/* "a, b or c": the members of the group cmd, for its usage error. */
static void member_list(const char *cmd, char *buf, size_t size)
{
    size_t n = strlen(cmd), len = 0;
    int count = 0, total = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < ctl_ncommands; i++)
        total += matches(&ctl_commands[i], cmd) && ctl_commands[i].name[n] == ' ';
    for (size_t i = 0; i < ctl_ncommands && len < size; i++) {
        if (!matches(&ctl_commands[i], cmd) || ctl_commands[i].name[n] != ' ')
            continue;
        count++;
        len += (size_t)snprintf(buf + len, size - len, "%s%s",
                                count == 1       ? ""
                                : count == total ? " or "
                                                 : ", ",
                                ctl_commands[i].name + n + 1);
    }
}

/* A command of one word runs itself; a group's member is named by the
 * next argument ("staff add NAME"). */
static int dispatch(ctl_t *c, const char *cmd, int argc, char **argv)
{
    size_t n = strlen(cmd);
    int members = 0;
    for (size_t i = 0; i < ctl_ncommands; i++) {
        const ctl_command_t *k = &ctl_commands[i];
        if (strcmp(k->name, cmd) == 0 && !strchr(k->name, ' '))
            return k->run(c, k->name, argc, argv);
        if (matches(k, cmd) && k->name[n] == ' ') {
            members++;
            if (argc >= 1 && strcmp(k->name + n + 1, argv[0]) == 0)
                return k->run(c, k->name, argc - 1, argv + 1);
        }
    }
    if (!members)
        return ctl_usage_error(NULL, "unknown command '%s'", cmd);
    char list[256];
    member_list(cmd, list, sizeof list);
    /* A group of one member names it for any other word ("fleet needs status"). */
    if (argc < 1 || members == 1)
        return ctl_usage_error(cmd, "%s needs %s", cmd, list);
    return ctl_usage_error(cmd, "unknown %s command '%s'", cmd, argv[0]);
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
            return ctl_usage_error(NULL, "unknown option '%s'", a);
        if (i + 1 >= argc)
            return ctl_usage_error(NULL, "%s needs a value", a);
        *slot = argv[++i];
    }
    if (i >= argc) {
        usage_all(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[i++];
    char key[64];
    if (strcmp(cmd, "help") == 0) {
        if (i < argc && ctl_find(argv[i])) {
            ctl_usage_cmd(stdout,
                          help_key(argv[i], i + 1 < argc ? argv[i + 1] : NULL, key, sizeof key));
            return EXIT_DONE;
        }
        usage_all(stdout);
        return EXIT_DONE;
    }
    for (int k = i; k < argc; k++) {
        if (strcmp(argv[k], "--help") == 0 && ctl_find(cmd)) {
            ctl_usage_cmd(stdout, help_key(cmd, i < argc ? argv[i] : NULL, key, sizeof key));
            return EXIT_DONE;
        }
    }
    if (config) {
        char err[600];
        if (config_load(&c.cfg, config, err, sizeof err))
            return ctl_refused("%s", err);
    }
    if (db)
        snprintf(c.db, sizeof c.db, "%s", db);
    else
        config_db_path(&c.cfg, c.db);
    if (now) {
        dt_date_t d;
        int m;
        if (dt_parse_datetime(now, &d, &m))
            return ctl_usage_error(NULL, "bad --now '%s': expected \"YYYY-MM-DD HH:MM\"", now);
        c.now = dt_stamp(d, m);
        c.test_clock = 1;
    } else {
        c.now = clock_now_stamp();
    }
    int rc = dispatch(&c, cmd, argc - i, argv + i);
    store_close(c.st);
    return rc;
}
