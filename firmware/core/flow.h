/* The resident flow: the screen state machine of the kiosk, pure C.
 *
 * The flow takes input (taps on widget ids, typed text, time) and emits
 * requests (load sessions, book, look up, cancel) which the platform carries
 * out with the store and feeds back through the *_result functions. Time is
 * always an argument, so every flow runs headless and deterministically.
 * The UI reads the state through flow_state() and never changes it. */
#ifndef CORE_FLOW_H
#define CORE_FLOW_H

#include <stdint.h>

#include "calib.h"
#include "catalog.h"
#include "ids.h"
#include "queue.h"
#include "rules.h"

typedef enum flow_screen {
    FLOW_ATTRACT,
    FLOW_HOME,
    FLOW_CATEGORY,
    FLOW_SERVICE,
    FLOW_SLOTS,
    FLOW_PHONE,
    FLOW_CONFIRM,
    FLOW_TICKET,
    FLOW_REFUSED,
    FLOW_LOOKUP,
    FLOW_BOOKINGS,
    FLOW_CANCEL,
    FLOW_CHECKIN,
    FLOW_CHECKIN_RESULT,
    FLOW_BOOKING,      /* "booking": one booking of my bookings, when and where (issue 15 item 1) */
    /* i16checkin: the second factor of a check-in by typed code, after the
     * code keypad. Here, not at the end: every screen from FLOW_STAFF_LOGIN
     * on is a staff screen. */
    FLOW_CHECKIN_FACTOR, /* "checkin-verify": the phone's last four digits (or the party) */
    /* i16house: "for": whom the booking is for (本人 or a family member), from
     * the phone screen; a resident screen, so before the staff screens. */
    FLOW_FOR,
    /* w (issue 19): the walk-in queue, resident screens (flow_queue.c). */
    FLOW_WALKIN,         /* "walk-in": one button per line, the priority toggle */
    FLOW_QUEUE_TICKET,   /* "queue-ticket": the number taken, how many ahead */
    FLOW_QUEUE_REFUSED,  /* "queue-refused": a line closed or full today, or the store failed */
    /* t (issue 20): enrolling a child for a whole term (flow_terms.c). */
    FLOW_TERM,     /* "term": the term's dates, classes, places left, ages; term:<id> */
    FLOW_ENROLLED, /* "enrolled": the enrolment's ticket (QR, code), its classes */
    /* issue 20 (F): 好差评, resident screens (flow_rate.c) */
    FLOW_RATE_CODE,    /* "rate-code": home's 服务评价: scan or type the ticket of a visit */
    FLOW_RATE,         /* "rate": the five levels, rate:5 .. rate:1 */
    FLOW_RATE_REASONS, /* "rate-reasons": optional reasons (reason:<id>), submit */
    FLOW_RATE_DONE,    /* "rated": thank you */
    /* end of issue 20 (F) */
    /* i20wait (issue 20): the waitlist, resident screens (core/flow_waitlist.c) */
    FLOW_WAITLIST_JOIN, /* "waitlist-join": the session is full; what joining means */
    FLOW_WAITLISTED,    /* "waitlisted": 候补第 N 位 and what happens next */
    /* end of i20wait */
    FLOW_STAFF_LOGIN,  /* "staff-login": the PIN keypad, behind a long press */
    FLOW_STAFF,        /* "staff": today's sessions with their counts */
    FLOW_STAFF_ROSTER, /* "staff-roster": one session's bookings */
    FLOW_STAFF_CANCEL, /* "staff-cancel": the reason for a staff cancel */
    FLOW_STAFF_EXPORT, /* "staff-export": bookings of a date range to the USB stick */
    FLOW_TECH,         /* "technician": diagnostics */
    FLOW_TOUCH_TEST,   /* "touch-test": draws where touched */
    FLOW_CALIBRATE,    /* "touch-calibrate": tap targets, save the touch matrix */
    FLOW_PATTERN,      /* "test-pattern": bars and a grid for the panel */
    /* i19counter: the counter (叫号) screens of staff mode (core/flow_counter.c) */
    FLOW_STAFF_COUNTERS, /* "staff-counters": pick 工作台 1..queue_counters */
    FLOW_STAFF_COUNTER,  /* "staff-counter": what the counter calls, its steps, the lines */
    /* end of i19counter */
    FLOW_SCREEN_COUNT
} flow_screen_t;

/* The stable screen id of DESIGN.md ("home", "slots", ...). */
const char *flow_screen_id(flow_screen_t s);

/* A moment: monotonic milliseconds for timers, and the wall-clock minute
 * stamp (datetime.h) for the booking rules. */
typedef struct flow_time {
    uint64_t ms;
    long long stamp;
} flow_time_t;

typedef struct flow_config {
    int idle_timeout_ms; /* no input this long: the warning (doubled in elder mode) */
    int countdown_ms;    /* the warning's countdown (doubled in elder mode) */
    int finished_ms;     /* a finished screen (ticket, check-in result) goes back to
                          * attract, wiped as by the idle reset, after this long without
                          * input (doubled in elder mode); 0: only the idle reset */
    int lang_en;         /* the language after each reset */
    rules_t rules;
    int elder; /* elder mode after each reset (config elder_mode_default) */
    /* 我的预约 lookups per kiosk (core/throttle.h; config lookup_*): at most
     * lookup_limit distinct numbers in lookup_window minutes, then none for
     * lookup_pause minutes; lookup_limit 0: no limit. */
    int lookup_limit, lookup_window, lookup_pause;
    /* i16checkin: check-ins by typed code whose code and second factor
     * did not match (core/throttle.h; config checkin_*): at most
     * checkin_limit distinct wrong tries in checkin_window minutes, then no
     * typed check-in for checkin_pause minutes (the scanner still works). */
    int checkin_limit, checkin_window, checkin_pause;
    /* w (issue 19): what the walk-in screen says of priority numbers
     * (config queue_priority_age, queue_priority_every). */
    int queue_priority_age, queue_priority_every;
    int queue_counters; /* i19counter: 工作台 1..this on the counter screens (config) */
} flow_config_t;

typedef struct flow_session {
    char id[KIOSK_SESSION_ID_SIZE];
    dt_date_t date;
    int start, end; /* minutes of the day */
    int capacity, remaining;
    int open; /* 0: closed by staff or withdrawn */
} flow_session_t;

typedef struct flow_booking {
    char ticket[KIOSK_TICKET_SIZE];
    char service_id[CATALOG_ID_MAX + 1];
    char service_name[160]; /* as stored, for services no longer in the catalog */
    dt_date_t date;
    int start;
    int party;
    rules_status_t status;
    int by_staff; /* cancelled by staff (a released burst, say), not by the resident */
} flow_booking_t;

/* Why a session cannot be booked right now, or FLOW_SLOT_OPEN. */
typedef enum flow_slot {
    FLOW_SLOT_OPEN,
    FLOW_SLOT_FULL,
    FLOW_SLOT_CLOSED,
    FLOW_SLOT_TOO_LATE
} flow_slot_t;

/* How the printing of the ticket went (FLOW_PRINT_FAILED and _NONE tell the
 * resident to photograph the QR on the screen instead). */
typedef enum flow_print {
    FLOW_PRINT_IDLE,
    FLOW_PRINT_OK,
    FLOW_PRINT_NONE,   /* this kiosk has no printer */
    FLOW_PRINT_FAILED, /* missing, out of paper, offline, failed */
    FLOW_PRINT_SENDING /* asked for, not answered yet: the screen says it is printing */
} flow_print_t;

/* A session of the staff screen: the resident session plus who is where. */
typedef struct flow_day_row {
    flow_session_t s;
    char service_name[160];
    int booked, checked_in, no_show; /* persons */
    char service_id[CATALOG_ID_MAX + 1]; /* i16checkin: for what to bring on the roster */
} flow_day_row_t;

/* A booking on a staff roster. The phone is held for "show the number" and
 * shown masked otherwise; it is wiped with the rest at logout. */
typedef struct flow_roster_row {
    char ticket[KIOSK_TICKET_SIZE];
    char phone[KIOSK_PHONE_SIZE];
    int party;
    rules_status_t status;
    /* i16house: the person coming (张奶奶; "" for the booker themself),
     * masked like the phone until staff reveal the number (audited). */
    char for_label[KIOSK_LABEL_SIZE];
} flow_roster_row_t;

#define FLOW_TECH_LINES 16

typedef enum flow_staff_notice {
    FLOW_STAFF_NOTICE_NONE,
    FLOW_STAFF_NOTICE_BAD_PIN,
    FLOW_STAFF_NOTICE_LOCKED,  /* until locked_until */
    FLOW_STAFF_NOTICE_DONE,    /* the last action was carried out */
    FLOW_STAFF_NOTICE_REFUSED, /* the booking changed meanwhile */
    FLOW_STAFF_NOTICE_EXPORTED,
    FLOW_STAFF_NOTICE_NO_USB,
    FLOW_STAFF_NOTICE_ERROR,
    FLOW_STAFF_NOTICE_CALIB_BAD, /* the taps do not fit a calibration: tap again */
    /* i16checkin */
    FLOW_STAFF_NOTICE_REPRINTED,     /* a booking's slip printed again (staff_detail: its code) */
    FLOW_STAFF_NOTICE_REPRINT_FAILED /* the printer failed or there is none */
} flow_staff_notice_t;

/* The longest date range staff can export at once, in days. */
#define FLOW_EXPORT_MAX_DAYS 366

typedef enum flow_notice {
    FLOW_NOTICE_NONE,
    FLOW_NOTICE_PHONE_BAD,       /* next pressed on a number that is not a mobile */
    FLOW_NOTICE_CANCELLED,       /* a booking was cancelled */
    FLOW_NOTICE_NOT_CANCELLABLE, /* it was checked in or cancelled meanwhile */
    FLOW_NOTICE_STORE_ERROR,     /* the store failed; ask the staff */
    FLOW_NOTICE_CODE_NOT_FOUND,  /* check-in: no booking has the code typed (kept to correct) */
    FLOW_NOTICE_CODE_WRONG,      /* cancel: the code typed is not this booking's (kept) */
    FLOW_NOTICE_LOOKUP_PAUSED,   /* too many numbers looked up here lately: ask the staff */
    /* i16checkin */
    FLOW_NOTICE_CHECKIN_MISMATCH, /* check-in: code and second factor match no booking (kept) */
    FLOW_NOTICE_CHECKIN_PAUSED    /* too many wrong typed check-ins lately: scan or ask staff */
} flow_notice_t;

/* Why the item just tapped cannot be chosen (issue 15 item 13): a tap on
 * something drawn disabled answers with a word, never with nothing. Shown
 * until the next touch. */
typedef enum flow_hint {
    FLOW_HINT_NONE,
    FLOW_HINT_SESSION_FULL,
    FLOW_HINT_SESSION_CLOSED,
    FLOW_HINT_SESSION_LATE,
    FLOW_HINT_DAY_EMPTY,
    FLOW_HINT_PHONE_SHORT,
    FLOW_HINT_CODE_SHORT,
    FLOW_HINT_CODE_FULL,
    FLOW_HINT_PARTY_MAX,
    FLOW_HINT_PARTY_MIN,
    FLOW_HINT_NOTHING_TYPED,
    FLOW_HINT_WAIT,
    FLOW_HINT_UNAVAILABLE
} flow_hint_t;

/* A call for staff (issue 17) on the staff screen: not acknowledged yet. */
typedef struct flow_call_row {
    long long id;
    char at[17];    /* "YYYY-MM-DD HH:MM" */
    char screen[24]; /* the screen id the resident pressed call-staff on */
    int alerts;      /* staff alerted this many times */
} flow_call_row_t;

/* How the resident's call for staff stands in this visit. */
typedef enum flow_call {
    FLOW_CALL_NONE,   /* not pressed in this visit */
    FLOW_CALL_ASKED,  /* pressed; the kiosk is recording it */
    FLOW_CALL_MADE,   /* recorded: staff are alerted */
    FLOW_CALL_FAILED  /* the store could not record it: the screen says to ask at the desk */
} flow_call_t;

/* w (issue 19): a walk-in queue line as the walk-in screen shows it. */
#define FLOW_QUEUE_LINES 12
typedef struct flow_queue_line {
    char id[24];
    char letter;
    char name_zh[64], name_en[64];
    int waiting; /* numbers waiting now */
    int closed;  /* staff closed it for today */
    int full;    /* it gave all its numbers for today */
} flow_queue_line_t;

/* Why no number was given (queue-refused). */
typedef enum flow_queue_refusal {
    FLOW_QUEUE_OK,
    FLOW_QUEUE_CLOSED,
    FLOW_QUEUE_FULL,
    FLOW_QUEUE_ERROR
} flow_queue_refusal_t;
/* i19counter: what a counter (工作台 N) sees, read in one place
 * (app/counter.c counter_view) for the kiosk's staff-counter screen and the
 * console's counter page: the ticket it calls or serves, and per line the
 * day's state and the next numbers in the rule's order. Numbers and lines
 * only: nothing personal. */
#define FLOW_COUNTER_MAX 99  /* counters are 1..99, as kioskctl's */
#define FLOW_COUNTER_LINES 26 /* one letter each */
#define FLOW_COUNTER_NEXT 5   /* waiting numbers listed per line */
#define FLOW_COUNTER_POLL_MS 2000 /* the screen looks for changes elsewhere this often */
#define FLOW_COUNTER_CAPS 20, 50, 100 /* the caps staff may set on a line for the day */
typedef struct flow_queue_ticket {
    char label[QUEUE_LABEL_SIZE]; /* A012 */
    char line[QUEUE_LINE_ID_MAX];
    char kind[12];   /* walkin, priority, appointment */
    char status[12]; /* called, serving (the counter's); waiting (next) */
    int recalls;
    int ahead;
} flow_queue_ticket_t;
typedef struct flow_counter_line {
    char id[QUEUE_LINE_ID_MAX];
    char letter;
    char name_zh[QUEUE_NAME_MAX];
    char name_en[QUEUE_NAME_MAX];
    int cap, closed, taken, waiting; /* today's */
    int n_next;
    flow_queue_ticket_t next[FLOW_COUNTER_NEXT]; /* in the order they will be called */
} flow_counter_line_t;
typedef struct flow_counter_view {
    int counter;
    int have_mine; /* mine is the counter's called or serving ticket */
    flow_queue_ticket_t mine;
    int n_lines;
    flow_counter_line_t lines[FLOW_COUNTER_LINES];
} flow_counter_view_t;
/* What the counter screen asks to confirm before doing. */
typedef enum flow_line_op {
    FLOW_LINE_OP_NONE,
    FLOW_LINE_OP_CLOSE, /* line-close:<id> */
    FLOW_LINE_OP_OPEN,  /* line-open:<id> */
    FLOW_LINE_OP_CAP    /* line-cap:<id>:<n> */
} flow_line_op_t;
/* end of i19counter */

/* i20wait: one waitlist entry of the phone looked up (我的预约). */
typedef struct flow_wait_row {
    long long id;
    char service_id[CATALOG_ID_MAX + 1];
    char service_name[160];
    dt_date_t date;
    int start;
    int held;     /* 1: a seat is held for them (候补成功); 0: waiting */
    int position; /* waiting: 候补第 N 位 */
} flow_wait_row_t;
#define FLOW_WAITS_MAX 8

/* At most this many other sessions are offered on a refusal. */
#define FLOW_ALTERNATIVES 3

/* issue 20 (F): 好差评. Attended visits a lookup found unrated (the
 * resident is asked about each, newest first), and how the rating shown
 * came (rating_channel_t of core/rating.h). */
#define FLOW_RATE_DUE_MAX 3
/* end of issue 20 (F) */

typedef struct flow_state {
    flow_screen_t screen;
    int idle_warning; /* the idle-warning overlay is up */
    int countdown_s;  /* seconds left on it */
    int lang_en, elder;
    const catalog_t *cat;
    int category, service; /* indices into cat, -1 when none */
    dt_date_t today;
    dt_date_t date;           /* selected on the slots screen */
    flow_session_t *sessions; /* of the selected service, whole horizon */
    int n_sessions;
    int sessions_loaded;
    int session;                   /* index into sessions, -1 */
    char digits[KIOSK_PHONE_SIZE]; /* what was typed on the keypad, NUL-terminated */
    int n_digits;
    int party;
    char ticket[KIOSK_TICKET_SIZE]; /* the code of the booking just made */
    char payload[32];               /* its QR payload (ticket/payload.h) */
    flow_print_t print;
    int print_tries; /* prints asked for this ticket: 1 with the booking, +1 a 打印凭条 tap */
    char code[KIOSK_TICKET_SIZE]; /* ticket code typed on the check-in keypad */
    int n_code;
    int checkin_result; /* rules_result_t of the last check-in, -1 store error */
    int checkin_found;  /* checkin below holds the booking */
    flow_booking_t checkin;
    rules_result_t refusal;
    flow_booking_t *bookings; /* lookup results */
    int n_bookings;
    int booking; /* index of the booking shown (booking) or to cancel, -1 */
    flow_notice_t notice;
    int busy;         /* a request is out */
    unsigned version; /* changes whenever anything visible changes */
    unsigned resets;  /* counts idle resets: the UI drops its caches */
    long long now;    /* the last wall-clock stamp seen */
    rules_t rules;    /* as configured: horizon, cut-off, party size */
    int bookings_off; /* the database cannot take bookings: browsing only */
    /* Issue 15 items 5, 7, 13. */
    char refused_id[KIOSK_SESSION_ID_SIZE]; /* the session a refusal was about */
    int finish_s;     /* seconds before a finished screen goes back to attract; 0: not counting */
    flow_hint_t hint; /* why the item last tapped cannot be chosen */
    /* i15elder: the page shown of home's categories and of a category's
     * services, when they do not fit one screen (page-prev / page-next;
     * the UI draws the last page for one past it). Back from a service
     * returns to the page it was chosen on. */
    int home_page, cat_page;
    /* Issue 17: call staff. The "someone is coming" overlay is up over the
     * screen (call_shown) until call-close, a screen change or the idle
     * reset; the call is made once a visit. */
    int call_shown;
    flow_call_t call;
    /* Staff mode. */
    char staff[KIOSK_STAFF_NAME_SIZE]; /* who is logged in; "" when nobody */
    char pin[KIOSK_PIN_SIZE];          /* PIN being typed (shown as dots) */
    int n_pin;
    long long locked_until;
    flow_staff_notice_t staff_notice;
    char staff_detail[128]; /* e.g. the export file name */
    flow_day_row_t *day;
    int n_day;
    int open_bursts; /* bursts of bookings flagged and not released (kioskctl bursts) */
    flow_call_row_t *calls; /* calls for staff nobody acknowledged, newest first */
    int n_calls;
    int day_row;     /* the roster's session, index into day, -1 */
    flow_roster_row_t *roster;
    int n_roster;
    char cancel_ticket[KIOSK_TICKET_SIZE]; /* booking whose cancel reason is being chosen */
    char reveal[KIOSK_TICKET_SIZE];        /* booking whose number is shown in full */
    char tech[FLOW_TECH_LINES][160];
    int n_tech;
    int tech_clock_doubt; /* the clock is in doubt: the technician screen offers to confirm it */
    dt_date_t export_from, export_until; /* the staff export's range, inclusive */
    /* Touch calibration: the raw touches so far (normalised logical
     * coordinates, uncalibrated), then the fitted map and its worst error. */
    int calib_n;
    float calib_raw[CALIB_TARGETS][2];
    int calib_fitted; /* 1: calib_m is a usable fit, ready to save */
    float calib_m[6];
    float calib_err;
    /* i16checkin: today's pauses of the lookup and check-in throttles, for
     * the staff screen (when, how many; never what was typed). */
    int throttle_trips;
    char throttle_last[6]; /* "HH:MM" of the latest */
    /* i16house (issue 16): whom the booking being made is for: for_label
     * as stored (a preset's Chinese word; "" for the booker themself);
     * no_phone: the resident has no mobile phone (the ticket code is then
     * the only key; a label is required); for_nophone: the for screen was
     * reached by 没有手机 and leads on to the confirmation. Wiped at reset
     * and when another session is chosen. */
    char for_label[KIOSK_LABEL_SIZE];
    int no_phone;
    int for_nophone;
    /* w (issue 19): the walk-in queue. The lines as read when the walk-in
     * screen opened (q_loaded; q_failed: the store could not say), the
     * priority toggle, the number taken (q_label "A012", its line q_line,
     * q_ahead waiting before it, q_minutes the estimate, q_priority_taken
     * its kind), why none was (q_refusal), and the queue number a check-in
     * gave its booking (checkin_queue, "" for none). Wiped at reset. */
    flow_queue_line_t q_lines[FLOW_QUEUE_LINES];
    int n_q_lines, q_loaded, q_failed;
    int q_priority;
    char q_label[8];
    int q_line, q_ahead, q_minutes, q_priority_taken;
    flow_queue_refusal_t q_refusal;
    char checkin_queue[8];
    int queue_priority_age, queue_priority_every; /* as configured, for the words */
    /* i19counter (core/flow_counter.c): the counter chosen (0: none) of
     * n_counters (config queue_counters); the line call-next takes from
     * ("" all); the view as last read (counter_loaded); transfer_pick: the
     * 转到 choice of line is up; line_op on confirm_line (and confirm_cap)
     * waits for 确定. */
    int counter, n_counters;
    char counter_line[QUEUE_LINE_ID_MAX];
    flow_counter_view_t counter_view;
    int counter_loaded;
    int transfer_pick;
    flow_line_op_t line_op;
    char confirm_line[QUEUE_LINE_ID_MAX];
    int confirm_cap;
    /* end of i19counter */
    /* t (issue 20): enrolling for a term. enrolling: the booking path
     * (phone, for, confirm) makes an enrolment in cat->terms[term]; the
     * term's numbers as the store said (term_loaded; term_failed); the
     * refusal of the last try (term_refusal, RULES_OK: none); on enrolled,
     * the ticket and payload above with the classes held. */
    int enrolling, term;
    int term_loaded, term_failed;
    int term_ahead, term_left;
    char term_first[11];
    int term_refusal;
    int enrol_classes;
    /* end of t */
    /* issue 20 (F): 好差评 (flow_rate.c). rate_visit is the booking being
     * rated (its ticket stays in the flow and the request, never in the
     * rating); rate_level 1..5 once tapped (0: not yet), rate_reasons the
     * reasons toggled (bit i: the level's i-th), rate_channel how it came,
     * rate_notice why a code found nothing to rate (RULES_NOT_FOUND,
     * RULES_BAD_STATE: not attended, RULES_DUPLICATE: rated already, -1
     * the store failed) or why a rating was not saved; rate_due the
     * further visits a lookup found unrated. Wiped at reset. */
    flow_booking_t rate_visit;
    int rate_level;
    unsigned rate_reasons;
    int rate_channel;
    int rate_notice;
    int rate_saved; /* rated: the store kept it */
    flow_booking_t rate_due[FLOW_RATE_DUE_MAX];
    int n_rate_due;
    /* end of issue 20 (F) */
    /* i20wait (core/flow_waitlist.c): waitlist = 1 on the way to join a
     * full session's list (phone, for, confirm lead to the join, not a
     * booking); wait_offer: the full session last touched on slots (its
     * index, -1), offered with 候补 (`waitlist`); wait_position the place
     * given; waits the phone's entries read with its bookings, wait_ask
     * the entry (from 1) whose 退出候补 was tapped once (tap again to
     * withdraw); wait_notice 1 withdrawn, -1 failed. Wiped at reset. */
    int waitlist, wait_offer, wait_position;
    flow_wait_row_t waits[FLOW_WAITS_MAX];
    int n_waits, wait_ask, wait_notice;
    /* end of i20wait */
} flow_state_t;

typedef enum flow_request_kind {
    FLOW_REQ_NONE,
    FLOW_REQ_SESSIONS,    /* service_id: load its sessions for the horizon */
    FLOW_REQ_BOOK,        /* session_id, phone, party */
    FLOW_REQ_LOOKUP,      /* phone: the phone's bookings from today on */
    FLOW_REQ_CANCEL,      /* ticket */
    FLOW_REQ_PRINT,       /* ticket: the booking just made (flow_state has its details) */
    FLOW_REQ_CHECKIN,     /* input: a scanned payload or a typed ticket code */
    FLOW_REQ_STAFF_LOGIN, /* input: the PIN (the caller wipes its copy) */
    FLOW_REQ_STAFF_DAY,   /* today's sessions with counts */
    FLOW_REQ_ROSTER,      /* session_id: its bookings */
    FLOW_REQ_STAFF_SET,   /* ticket, status, input = reason (cancel) */
    FLOW_REQ_SHOW_PHONE,  /* ticket: audit that its number was shown */
    FLOW_REQ_CLOSE,       /* session_id */
    FLOW_REQ_EXPORT,      /* date_from..date_until's bookings to the USB stick */
    FLOW_REQ_TECH,        /* diagnostics lines */
    FLOW_REQ_PRINT_TEST,  /* a printer test page */
    FLOW_REQ_CALIB_SAVE,  /* matrix: the fitted map (logical coordinates) to keep */
    FLOW_REQ_CLOCK_CONFIRM, /* staff say the clock reads right; answered with the lines */
    FLOW_REQ_RELEASE,     /* input = reason: release every burst of bookings not released yet */
    FLOW_REQ_CALL,        /* input = the screen id: a resident calls staff */
    FLOW_REQ_CALL_ACK,    /* input = the call's id: staff acknowledge it */
    /* i16checkin */
    FLOW_REQ_THROTTLED,   /* input = "lookup" or "checkin": that throttle paused the kiosk */
    FLOW_REQ_REPRINT,     /* ticket, staff, session_id: print a booking's slip again, audited */
    /* w (issue 19) */
    FLOW_REQ_QUEUE_LINES, /* the walk-in lines with today's state */
    FLOW_REQ_QUEUE_TAKE,  /* input = the line id, party = 1 for a priority number */
    /* i19counter */
    FLOW_REQ_COUNTER,      /* counter: read its view */
    FLOW_REQ_COUNTER_POLL, /* counter: read its view again if the store changed elsewhere */
    FLOW_REQ_QUEUE_STEP,   /* counter, input = the step (call, recall, skip, serve, finish,
                            * transfer, close, open, cap), line, cap; staff */
    /* end of i19counter */
    FLOW_REQ_TERM,  /* t: service_id, input = the term id: its numbers now */
    FLOW_REQ_ENROL, /* t: service_id, input = the term id, phone, for_label */
    /* issue 20 (F) */
    FLOW_REQ_RATE_FIND,   /* input: a scanned payload or a typed ticket code, on rate-code */
    FLOW_REQ_RATE_SUBMIT, /* ticket, party = the level, input = the reasons, counter = channel */
    FLOW_REQ_RATE_SKIP,   /* ticket: the staff's prompt answered 以后再说 (dropped) */
    FLOW_REQ_RATE_PROMPT, /* ticket, staff: the roster's 请居民评价 (answered as a staff action) */
    /* end of issue 20 (F) */
    /* i20wait */
    FLOW_REQ_WAITLIST_JOIN,     /* session_id, phone, party, for_label: join its waitlist */
    FLOW_REQ_WAITLIST_WITHDRAW, /* phone, input = the entry's id: off the list */
} flow_request_kind_t;

typedef struct flow_request {
    flow_request_kind_t kind;
    char service_id[CATALOG_ID_MAX + 1];
    char session_id[KIOSK_SESSION_ID_SIZE];
    char phone[KIOSK_PHONE_SIZE]; /* the caller wipes its copy when done */
    int party;
    char ticket[KIOSK_TICKET_SIZE];
    char input[64];
    char staff[KIOSK_STAFF_NAME_SIZE]; /* who asks, for the audit */
    rules_status_t status;
    char date_from[11], date_until[11]; /* "YYYY-MM-DD" */
    float matrix[6];
    /* i16checkin: CHECKIN typed: the second factor typed (the phone's last
     * four digits, or the party); "" for a scan. The caller wipes it. */
    char factor[8];
    /* i16house: FLOW_REQ_BOOK for someone else: the label of the person
     * served ("" for the booker themself); phone "" with a label: no phone. */
    char for_label[KIOSK_LABEL_SIZE];
    /* i19counter: FLOW_REQ_COUNTER*, FLOW_REQ_QUEUE_STEP */
    int counter;
    char line[QUEUE_LINE_ID_MAX]; /* call: "" any; transfer: to; close/open/cap: which */
    int cap;
} flow_request_t;

typedef struct flow flow_t;

/* i16house: the choices of the for screen, in order: "for:self" (本人; not
 * when the resident has no phone) and the family presets "for:<key>".
 * word is the str_id_t of its words; the label stored is its Chinese. */
#define FLOW_FOR_MAX 16
typedef struct flow_for_choice {
    char id[24];
    int word;
} flow_for_choice_t;
int flow_for_choices(const flow_state_t *s, flow_for_choice_t out[FLOW_FOR_MAX]);
/* The label of the booking being made in the resident's language (a
 * preset's words, or the label as stored); "" for the booker themself. */
const char *flow_for_shown(const flow_state_t *s);

/* cat must outlive the flow. Returns NULL when out of memory. */
flow_t *flow_create(const catalog_t *cat, const flow_config_t *cfg, flow_time_t now);
/* Wipes personal data and frees; NULL-safe. */
void flow_destroy(flow_t *f);

const flow_state_t *flow_state(const flow_t *f);

/* Input. Unknown or disabled ids are ignored. Every input restarts the idle
 * timer; while the idle warning is up any tap means "more time". */
void flow_tap(flow_t *f, const char *id, flow_time_t now);
/* A tap on a widget drawn disabled (a full session, a day without
 * sessions, 下一步 before the number is complete): sets the hint that says
 * why, in the resident's words. */
void flow_tap_disabled(flow_t *f, const char *id, flow_time_t now);
/* Any touch at all, on a widget or not, a drag included: restarts the idle
 * timer. Returns 1 when it dismissed the idle warning: the platform then
 * swallows the rest of that gesture. */
int flow_input(flow_t *f, flow_time_t now);
/* Keyboard text (digits go to the keypad field of phone and lookup). */
void flow_text(flow_t *f, const char *text, flow_time_t now);
/* A press on the calibration screen at (x, y): normalised logical
 * coordinates of the raw touch, before any calibration. Counted while
 * targets remain; the last one fits the map. */
void flow_calib_press(flow_t *f, float x, float y, flow_time_t now);
/* A barcode scanner read text (a ticket's QR): check it in, from any screen. */
void flow_scan(flow_t *f, const char *text, flow_time_t now);
/* Time passing: raises the idle warning, counts down, resets to attract. */
void flow_tick(flow_t *f, flow_time_t now);
/* When the next tick can change anything (ms), or UINT64_MAX: the platform
 * sleeps until then, so nothing is drawn while nothing changes. */
uint64_t flow_next_deadline(const flow_t *f);

/* The pending request, moved out (1), or 0 when none. */
int flow_take_request(flow_t *f, flow_request_t *out);

/* Results of requests. ok: 0 done, else the store failed. */
void flow_sessions_result(flow_t *f, const flow_session_t *rows, int n, int failed);
/* result: RULES_OK with the ticket code and its QR payload, a refusal, or
 * -1 when the store failed. A booking starts its printing (FLOW_REQ_PRINT). */
void flow_book_result(flow_t *f, int result, const char *ticket, const char *payload);
/* print: FLOW_PRINT_OK, _NONE or _FAILED. */
void flow_print_result(flow_t *f, flow_print_t print);
/* result: a rules_result_t (RULES_OK: checked in) or -1; b the booking when
 * one was found (NULL otherwise). */
void flow_checkin_result(flow_t *f, int result, const flow_booking_t *b);
void flow_lookup_result(flow_t *f, const flow_booking_t *rows, int n, int failed);
void flow_cancel_result(flow_t *f, int result);

/* Staff mode results. login: 0 with the name, RULES_LOCKED with
 * locked_until, RULES_BAD_PIN, or -1. */
void flow_staff_login_result(flow_t *f, int result, const char *name, long long locked_until);
void flow_staff_day_result(flow_t *f, const flow_day_row_t *rows, int n, int failed);
/* With the day's sessions: bursts flagged and not yet released, for the
 * staff screen's notice (0: none, or not known). */
void flow_staff_bursts(flow_t *f, int n);
/* With the day's sessions: the calls nobody acknowledged (copied), for
 * the staff screen's list. */
void flow_staff_calls(flow_t *f, const flow_call_row_t *rows, int n);
/* The resident's call: 0 recorded, -1 the store failed. */
void flow_call_result(flow_t *f, int result);
void flow_roster_result(flow_t *f, const flow_roster_row_t *rows, int n, int failed);
/* For STAFF_SET, SHOW_PHONE, CLOSE, RELEASE, CALL_ACK: a rules_result_t or -1. */
void flow_staff_action_result(flow_t *f, int result);
/* Export: 0 with the file written (detail = its name), 1 no USB stick, -1 failed. */
void flow_export_result(flow_t *f, int result, const char *detail);
void flow_tech_result(flow_t *f, const char lines[][160], int n);
/* Whether the clock is in doubt (store_clock_*): then the technician
 * screen has clock-confirm, which asks FLOW_REQ_CLOCK_CONFIRM. */
void flow_tech_clock(flow_t *f, int doubt);
/* Calibration saved and applied (0: on to the touch test) or not (-1). */
void flow_calib_result(flow_t *f, int result);
/* The i-th cancel reason offered to staff (reason:1 is i = 0) in English
 * (en) or Chinese, or NULL past the last. The audit records the Chinese. */
const char *flow_cancel_reason(int i, int en);

/* The platform found the database unusable for writing: every session
 * shows as closed, and the screens say booking is paused. */
void flow_set_bookings_off(flow_t *f, int off);

/* i16checkin: a throttle paused the kiosk (FLOW_REQ_THROTTLED) and the
 * app recorded it (0) or could not (-1). */
void flow_throttled_result(flow_t *f, int result);
/* i16checkin: a slip reprinted from the roster: RULES_OK with print (its
 * flow_print_t), a refusal (RULES_NOT_FOUND, RULES_BAD_STATE) or -1. */
void flow_reprint_result(flow_t *f, int result, flow_print_t print);
/* With the day's sessions: today's throttle pauses and the latest's time. */
void flow_staff_throttles(flow_t *f, int n, const char *last);

/* w (issue 19): the walk-in queue's results. The lines (copied; at most
 * FLOW_QUEUE_LINES) or failed; a number taken: RULES_OK with its label,
 * how many wait before it and the estimate in minutes, or RULES_CLOSED,
 * RULES_FULL, RULES_NOT_FOUND, -1 (the store failed). */
void flow_queue_lines_result(flow_t *f, const flow_queue_line_t *rows, int n, int failed);
void flow_queue_take_result(flow_t *f, int result, const char *label, int ahead, int minutes);
/* Before flow_checkin_result: the queue number the check-in gave its
 * booking ("A012"), or NULL/"" for none. */
void flow_checkin_queue(flow_t *f, const char *label);
/* The line of the number taken, or NULL. */
const flow_queue_line_t *flow_queue_ticket_line(const flow_state_t *s);

/* Whether a session can be booked at the state's current time. */
flow_slot_t flow_slot(const flow_state_t *s, const flow_session_t *se);

/* The sessions a refusal offers instead (indices into s->sessions, at most
 * max, soonest first): open, with seats for the party, not the refused
 * one. Returns how many; 0 while the sessions are being read again. */
int flow_alternatives(const flow_state_t *s, int out[], int max);
/* 1 on a screen whose digit keys type digits of a phone number (the phone
 * and lookup keypads, the check-in's last four digits): such a key takes
 * no keypad focus (ui/focus.c) and is said as a count, never as its digit
 * (core/speech_prompt.c). */
int flow_private_digits(flow_screen_t screen);

/* i19counter (core/flow_counter.c). The counter's view: v when read
 * (copied), NULL with failed 0 for a poll that found nothing changed (no
 * redraw), failed when the store could not be read. */
void flow_counter_result(flow_t *f, const flow_counter_view_t *v, int failed);
/* A step done: result RULES_OK (label: the number it was about), a
 * refusal (RULES_NOT_FOUND: nobody to call or nothing called here;
 * RULES_CLOSED, RULES_FULL, RULES_BAD_STATE) or -1; v the view after it
 * (NULL when it could not be read). */
void flow_queue_step_result(flow_t *f, int result, const char *label,
                            const flow_counter_view_t *v);
/* The line of v with id, or NULL. */
const flow_counter_line_t *flow_counter_line(const flow_counter_view_t *v, const char *id);

/* t (issue 20, core/flow_terms.c): the term's numbers (classes a child
 * enrolled now would hold, places left, the first such class "YYYY-MM-DD")
 * or failed; an enrolment made: RULES_OK with its code, QR payload and the
 * classes it holds, a refusal (RULES_FULL, RULES_DUPLICATE, RULES_LIMIT,
 * RULES_HOUSEHOLD, RULES_TOO_LATE, RULES_NO_SESSION) or -1. */
void flow_term_result(flow_t *f, int ahead, int left, const char *first, int failed);
void flow_enrol_result(flow_t *f, int result, const char *ticket, const char *payload,
                       int classes);
/* The terms of the service shown (indices into cat->terms), at most max. */
int flow_service_terms(const flow_state_t *s, int out[], int max);
/* issue 20 (F): 好差评 (core/flow_rate.c). Before flow_lookup_result: the
 * attended, unrated visits of the number looked up (at most
 * FLOW_RATE_DUE_MAX, newest first); the lookup then asks about each
 * (rate, channel lookup) before the bookings. */
void flow_rate_due(flow_t *f, const flow_booking_t *rows, int n);
/* A staff member's prompt (kioskctl rate-prompt) for visit b: taken on
 * home (at the first touch of a visit), it opens rate, channel staff.
 * Returns 1 when taken. */
int flow_rate_prompt(flow_t *f, const flow_booking_t *b);
/* FLOW_REQ_RATE_FIND's answer: RULES_OK with the visit, RULES_NOT_FOUND,
 * RULES_BAD_STATE (not attended), RULES_DUPLICATE (rated already) or -1. */
void flow_rate_find_result(flow_t *f, int result, const flow_booking_t *b);
/* FLOW_REQ_RATE_SUBMIT's answer: RULES_OK, RULES_DUPLICATE, RULES_BAD_STATE,
 * RULES_NOT_FOUND or -1. */
void flow_rate_submit_result(flow_t *f, int result);
/* The name of the visit being rated as the resident sees it (预约服务 for
 * a sensitive service, docs/security.md). */
const char *flow_rate_service_name(const flow_state_t *s);
/* end of issue 20 (F) */
/* i20wait (core/flow_waitlist.c): the waitlist's results. A join:
 * RULES_OK with the place (候补第 N 位), a refusal, or -1. The phone's
 * entries, before flow_lookup_result (copied, at most FLOW_WAITS_MAX). A
 * withdrawal: RULES_OK, a refusal or -1. */
void flow_waitlist_join_result(flow_t *f, int result, int position);
void flow_waitlist_rows(flow_t *f, const flow_wait_row_t *rows, int n);
void flow_waitlist_withdraw_result(flow_t *f, int result);

#endif
