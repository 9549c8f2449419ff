/* Every word the kiosk shows or prints, in Chinese and English: the
 * resident screens, the staff and technician screens and the test page.
 * Catalog texts (service names, descriptions) come from the catalog. */
#ifndef CORE_STRINGS_H
#define CORE_STRINGS_H

#include <stddef.h>

typedef enum str_id {
    STR_ATTRACT_TITLE,
    STR_ATTRACT_TAP,
    STR_ATTRACT_HINT,
    STR_HOME_TITLE,
    STR_HOME_SUBTITLE,
    STR_MY_BOOKINGS,
    STR_MY_BOOKINGS_SUB,
    STR_CHECKIN,
    STR_CHECKIN_SUB,
    STR_ELDER_ON,
    STR_ELDER_OFF,
    STR_LANG_SWITCH,
    STR_BACK,
    STR_HOME,
    STR_SERVICES_IN,
    STR_ABOUT,
    STR_AUDIENCE,
    STR_LOCATION,
    STR_BRING,
    STR_DURATION,
    STR_MINUTES,
    STR_BOOK,
    STR_NO_SCHEDULE,
    STR_CHOOSE_DATE,
    STR_CHOOSE_TIME,
    STR_NO_SESSIONS_DAY,
    STR_SEATS_LEFT,
    STR_FULL,
    STR_CLOSED,
    STR_TOO_LATE,
    STR_AVAILABLE,
    STR_TODAY,
    STR_TOMORROW,
    STR_WEEKDAY_1,
    STR_WEEKDAY_2,
    STR_WEEKDAY_3,
    STR_WEEKDAY_4,
    STR_WEEKDAY_5,
    STR_WEEKDAY_6,
    STR_WEEKDAY_7,
    STR_PHONE_TITLE,
    STR_PHONE_HINT,
    STR_PHONE_BAD,
    STR_NEXT,
    STR_DELETE,
    STR_CLEAR,
    STR_PHONE_FIRST_DIGIT,
    STR_PHONE_SECOND_DIGIT,
    STR_CONFIRM_TITLE,
    STR_SERVICE,
    STR_TIME,
    STR_PHONE,
    STR_PARTY,
    STR_PERSONS,
    STR_CONFIRM,
    STR_TICKET_TITLE,
    STR_TICKET_CODE,
    STR_TICKET_HINT,
    STR_TICKET_SAVE,
    STR_DONE,
    STR_PRINT,
    STR_REFUSED_TITLE,
    STR_OTHER_TIME,
    STR_LOOKUP_TITLE,
    STR_LOOKUP_HINT,
    STR_BOOKINGS_TITLE,
    STR_BOOKINGS_NONE,
    STR_CANCEL,
    STR_CANCEL_TITLE,
    STR_CANCEL_QUESTION,
    STR_CANCEL_YES,
    STR_CANCEL_NO,
    STR_CANCELLED_OK,
    STR_NOT_CANCELLABLE,
    STR_STATUS_BOOKED,
    STR_STATUS_CHECKED_IN,
    STR_STATUS_CANCELLED,
    STR_STATUS_NO_SHOW,
    STR_CHECKIN_TITLE,
    STR_CHECKIN_HINT,
    STR_IDLE_TITLE,
    STR_IDLE_COUNTDOWN,
    STR_MORE_TIME,
    STR_STORE_ERROR,
    STR_BOOKINGS_OFF,
    STR_LOADING,
    STR_CHECKIN_TYPE,
    STR_CHECKIN_DO,
    STR_CHECKIN_OK,
    STR_CHECKIN_ALREADY,
    STR_CHECKIN_CANCELLED,
    STR_CHECKIN_NO_SHOW,
    STR_CHECKIN_NOT_TODAY, /* %1: the booking's day */
    STR_CHECKIN_FORGED,
    STR_CHECKIN_NOT_FOUND,
    STR_PRINT_OK,
    STR_PRINT_FALLBACK,
    STR_PRINT_TITLE,
    STR_SCAN_HINT,
    /* i15refuse (issue 15 items 5, 6, 7, 13): refusals that say what
     * happened and offer the step that works, check-in results that say
     * where to go, the countdown of a finished screen, and why a disabled
     * item cannot be chosen. Written for residents: never log words. */
    STR_REFUSE_FULL,
    STR_REFUSE_CLOSED,
    STR_REFUSE_TOO_LATE,
    STR_REFUSE_NO_SESSION,
    STR_REFUSE_OTHERS,    /* the next sessions with seats follow */
    STR_REFUSE_NO_OTHERS, /* none: the desk */
    STR_REFUSE_DUPLICATE,
    STR_REFUSE_DUPLICATE_NEXT,
    STR_REFUSE_LIMIT,      /* %d: bookings one phone may hold */
    STR_REFUSE_LIMIT_NEXT, /* 我的预约, or the desk */
    STR_REFUSE_BAD_PHONE,
    STR_REFUSE_BAD_PARTY,
    STR_REFUSE_RETYPE_PHONE,
    STR_REFUSE_CHANGE_PARTY,
    STR_REFUSE_DESK, /* the way to staff, said on every refusal */
    STR_BACK_HOME,
    STR_DONE_COUNTDOWN, /* %d: seconds before a finished screen goes back to the start */
    STR_CHECKIN_GO_TO,  /* followed by the place, large */
    STR_CHECKIN_STARTS, /* %1: the start time */
    STR_CHECKIN_NOT_FOUND_TITLE,
    STR_CHECKIN_NOT_FOUND_NEXT,
    STR_CHECKIN_TYPE_CODE,    /* a button: to the check-in keypad */
    STR_HINT_SESSION_FULL,
    STR_HINT_SESSION_CLOSED,
    STR_HINT_SESSION_LATE,
    STR_HINT_DAY_EMPTY,
    STR_HINT_PHONE_SHORT,
    STR_HINT_CODE_SHORT,
    STR_HINT_CODE_FULL,
    STR_HINT_PARTY_MAX, /* %d: the most persons */
    STR_HINT_PARTY_MIN,
    STR_HINT_NOTHING_TYPED,
    STR_HINT_WAIT,
    STR_HINT_UNAVAILABLE,
    /* end of i15refuse */
    /* i15elder: paging of lists that do not fit one screen, and the step
     * of the booking path in the header (%d: the step, of 4). */
    STR_PAGE_PREV,
    STR_PAGE_NEXT,
    STR_PAGE_OF, /* %d: the page; the count follows after "/" */
    STR_STEP_OF,
    /* i15ticket: the booking seen again from my bookings, and what the
     * ticket screen says to a 打印凭条 tap (issue 15 items 1 and 13). */
    STR_BOOKING_TITLE,
    STR_BOOKING_OPEN,
    STR_BOOKING_BRING,
    STR_BOOKING_COME,
    STR_PRINT_SENDING,
    STR_PRINT_AGAIN_FAILED,
    STR_PRINT_NO_PRINTER,
    /* i16privacy (issue 16): the neutral label of a sensitive service
     * (catalog sensitive = yes) on the ticket, the slip and every list a
     * resident sees; the room beside it says where to come. */
    STR_NEUTRAL_SERVICE,
    /* Cancelling asks for the booking's code: how, a wrong one, a lost one. */
    STR_CANCEL_CODE_HINT,
    STR_CANCEL_CODE_WRONG,
    STR_CANCEL_CODE_LOST,
    STR_LOOKUP_PAUSED, /* the lookup throttle (core/throttle.h) */
    /* end of i16privacy */
    /* i17voice: what the voice says beyond the screens' own words (core/speech.c):
     * the one thing to do next on each resident screen, and the ticket's read-back. */
    STR_SAY_CATEGORY_NEXT,
    STR_SAY_SERVICE_NEXT,
    STR_SAY_SLOTS_NEXT,
    STR_SAY_PHONE_NEXT,
    STR_SAY_TYPED, /* %d: how many digits are typed (never which) */
    STR_SAY_CONFIRM_NEXT,
    STR_SAY_READBACK, /* %1 service, %2 date and time in words, %3 place, %4 code spelled */
    STR_SAY_BOOKINGS_FOUND, /* %d bookings */
    STR_SAY_IDLE_NEXT,
    STR_SAY_PARTY, /* %d persons */
    /* Staff and technician screens (ui/staff_screens.c), the technician's
     * lines (app/kiosk.c) and the printed test page (shell/print.c): in
     * the station's language (the flow's lang_en). %1..%9 are str_format's holes. */
    STR_STAFF_LOGIN_TITLE,
    STR_STAFF_PIN_HINT,
    STR_STAFF_CHECKING,
    STR_STAFF_LOGIN,
    STR_STAFF_BAD_PIN,
    STR_STAFF_LOCKED_TODAY,
    STR_STAFF_LOCKED_DAY,
    STR_STAFF_DONE,
    STR_STAFF_REFUSED,
    STR_STAFF_EXPORTED,
    STR_STAFF_NO_USB,
    STR_STAFF_ERROR,
    STR_STAFF_CALIB_BAD,
    STR_STAFF_DAY_TITLE,
    STR_STAFF_WHO,
    STR_STAFF_LOADING,
    STR_STAFF_NO_SESSIONS,
    STR_STAFF_COUNTS,
    STR_STAFF_CLOSED,
    STR_STAFF_OPEN,
    STR_STAFF_EXPORT,
    STR_STAFF_EXPORT_BUTTON,
    STR_STAFF_TECH,
    STR_STAFF_LOGOUT,
    STR_STAFF_DAY_BEFORE,
    STR_STAFF_DAY_AFTER,
    STR_STAFF_EXPORT_WHICH,
    STR_STAFF_LAST_7,
    STR_STAFF_NEXT_7,
    STR_STAFF_MONTH,
    STR_STAFF_FROM,
    STR_STAFF_UNTIL,
    STR_STAFF_EXPORT_SUM,
    STR_STAFF_EXPORT_SAVE,
    STR_STAFF_PERSONS,
    STR_STAFF_TICKET,
    STR_STAFF_ATTEND,
    STR_STAFF_CANCEL,
    STR_STAFF_SHOW_PHONE,
    STR_STAFF_ROSTER_TITLE,
    STR_STAFF_CLOSED_CALL,
    STR_STAFF_NO_BOOKINGS,
    STR_STAFF_CLOSE_SESSION,
    STR_STAFF_PHONE,
    STR_STAFF_CANCEL_WHY,
    /* The cancel reasons (flow_cancel_reason); the audit records the
     * Chinese word whatever the screen showed. */
    STR_REASON_OWN,
    STR_REASON_CHANGED,
    STR_REASON_DUPLICATE,
    STR_REASON_OTHER,
    STR_STAFF_WORKING,
    STR_STAFF_PRINT_TEST,
    STR_STAFF_TOUCH_TEST,
    STR_STAFF_TEST_PATTERN,
    STR_STAFF_REFRESH,
    STR_STAFF_CALIB_SAVED,
    STR_STAFF_TOUCH_HINT,
    STR_STAFF_LAST_TOUCH,
    STR_STAFF_TOUCH_DOTS,
    STR_STAFF_RECALIBRATE,
    STR_STAFF_CALIB_TAP,
    STR_STAFF_CALIB_DONE,
    STR_STAFF_CALIB_DOTS,
    STR_STAFF_CALIB_SAVE,
    STR_STAFF_CALIB_REDO,
    STR_STAFF_PATTERN_SIZE,
    STR_STAFF_PATTERN_EXIT,
    STR_TECH_VERSION,
    STR_TECH_STATION,
    STR_TECH_DB,
    STR_TECH_DB_PAUSED,
    STR_TECH_DB_READONLY,
    STR_TECH_DB_MEMORY,
    STR_TECH_DISK,
    STR_TECH_PRINTER,
    STR_TECH_NO_PRINTER,
    STR_TECH_SCREEN,
    STR_TECH_LOG,
    STR_TECH_CLOCK,
    STR_TECH_CLOCK_CONFIRM,
    STR_TECH_PRINT_SENT,
    STR_TECH_PRINT_NONE,
    STR_TECH_PRINT_FAILED,
    STR_TEST_TITLE,
    STR_TEST_SERVICE,
    STR_TEST_WHEN,
    STR_TEST_PLACE,
    /* A visit or the kiosk met its booking limit (rules RULES_VISIT_LIMIT,
     * RULES_BURST): said kindly, with what is kept and who can help. */
    STR_LIMIT_TITLE,
    STR_LIMIT_VISIT,
    STR_LIMIT_BURST,
    STR_LIMIT_KEPT,
    STR_LIMIT_ASK_STAFF,
    STR_LIMIT_OK,
    STR_STATUS_CANCELLED_BY_STAFF,
    STR_STAFF_BURSTS, /* %1: bursts not released yet */
    STR_STAFF_RELEASE_BURSTS,
    STR_STAFF_RELEASE_REASON, /* the audit's reason (zh) of a release on the kiosk */
    /* Call staff (issue 17): the button, the calm overlay it puts up, and
     * the staff screen's list of calls nobody acknowledged. */
    STR_CALL_STAFF,
    STR_CALL_TITLE,
    STR_CALL_BODY,
    STR_CALL_FAILED,
    STR_CALL_CLOSE,
    STR_STAFF_CALLS,    /* %1: calls not acknowledged */
    STR_STAFF_CALL_ROW, /* %1: the time, %2: the screen */
    STR_STAFF_CALL_ACK,
    /* i17rest: the header's voice buttons (ui/voice_buttons.c) and the
     * short notice of the volume a tap on them set (%d: 1..5), and what
     * the voice says of it (%1: the level in words). */
    STR_VOICE_REPEAT,
    STR_VOICE_VOLUME,
    STR_VOICE_LOUDER,
    STR_VOICE_SOFTER,
    STR_VOICE_LEVEL,
    STR_SAY_VOLUME,
    /* i17keys: the keypad focus on a widget that cannot be chosen now. */
    STR_SAY_UNAVAILABLE, /* %1: the widget's label */
    /* i16checkin: the second factor of a check-in by typed code, a lost
     * code, staff reprinting a ticket, and the throttles' notice. */
    STR_FACTOR_TITLE,
    STR_FACTOR_HINT,
    STR_FACTOR_WRONG_TITLE,
    STR_FACTOR_WRONG_NEXT,
    STR_CHECKIN_PAUSED,
    STR_BOOKING_CODE_LOST,
    STR_STAFF_REPRINT,
    STR_STAFF_REPRINTED,
    STR_STAFF_THROTTLES, /* %1: times paused today, %2: the last time (HH:MM) */
    STR_BRING_PRIVATE,   /* what to bring of a sensitive service, where it is not named */
    STR_STAFF_REPRINT_FAILED,
    /* i16house (issue 16): whom a booking is for, and booking with no
     * mobile phone. The labels of the people served are stored in Chinese
     * (STR_FOR_* zh), shown in the resident's language. */
    STR_FOR_TITLE,
    STR_FOR_HINT,
    STR_FOR_NOPHONE_TITLE,
    STR_FOR_NOPHONE_HINT,
    STR_FOR_BUTTON,  /* on the phone screen: book for a family member */
    STR_FOR_ROW,     /* the row's label on confirm and ticket */
    STR_FOR_SHOWN,   /* %1: the label ("为：奶奶") */
    STR_NO_PHONE,    /* the button, and the phone row of a booking without one */
    STR_NOPHONE_TICKET,
    STR_REFUSE_HOUSEHOLD, /* %d: household_limit */
    STR_REFUSE_HOUSEHOLD_NEXT,
    STR_FOR_SELF,
    STR_FOR_FATHER,
    STR_FOR_MOTHER,
    STR_FOR_GRANDFATHER,
    STR_FOR_GRANDMOTHER,
    STR_FOR_GRANDFATHER_M,
    STR_FOR_GRANDMOTHER_M,
    STR_FOR_SPOUSE,
    STR_FOR_CHILD,
    STR_FOR_GRANDSON,
    STR_FOR_GRANDDAUGHTER,
    STR_FOR_FAMILY,
    STR_FOR_UNCLE,
    STR_FOR_AUNT,
    STR_NOPHONE_NOPRINT, /* no phone and no slip: the code on the screen is the only key */
    /* end of i16house */
    /* h3 console: the staff console's lines on the technician screen (issue 18) */
    STR_TECH_CONSOLE,       /* "员工控制台：%1", %1 its address */
    STR_TECH_CONSOLE_PRINT, /* "证书指纹：%1", %1 the SHA-256 fingerprint or _NONE */
    STR_TECH_CONSOLE_NONE,
    STR_TECH_CONSOLE_HOST, /* the address's host part when the board has no IPv4 address */
    /* end of h3 console */
    /* w (issue 19): the walk-in queue */
    STR_WALKIN,
    STR_WALKIN_TITLE,
    STR_WALKIN_HINT,
    STR_QUEUE_WAITING,
    STR_QUEUE_CLOSED,
    STR_QUEUE_FULL,
    STR_QUEUE_SOME_SHUT,
    STR_QUEUE_NO_LINES,
    STR_QUEUE_PRIORITY,
    STR_QUEUE_PRIORITY_ON,
    STR_QUEUE_PRIORITY_TERMS,
    STR_QUEUE_PRIORITY_RULE,
    STR_QUEUE_PRIORITY_FIRST,
    STR_QUEUE_TICKET_TITLE,
    STR_QUEUE_AHEAD,
    STR_QUEUE_ESTIMATE,
    STR_QUEUE_NOW,
    STR_QUEUE_WATCH,
    STR_QUEUE_PRINT_FAILED,
    STR_QUEUE_PRINT_AGAIN_FAILED,
    STR_QUEUE_NO_PRINTER,
    STR_QUEUE_KIND_PRIORITY,
    STR_QUEUE_LINE,
    STR_QUEUE_REFUSED_TITLE,
    STR_QUEUE_REFUSED_CLOSED,
    STR_QUEUE_REFUSED_FULL,
    STR_QUEUE_REFUSED_ERROR,
    STR_QUEUE_REFUSED_NEXT,
    STR_QUEUE_OTHER,
    STR_QUEUE_SAY_NUMBER,
    STR_CHECKIN_QUEUE,
    STR_QUEUE_SLIP_TITLE,
    /* end of w */
    /* i19counter: the counter (叫号) screens of staff mode */
    STR_QUEUE_COUNTER_BUTTON,
    STR_QUEUE_COUNTERS_TITLE,
    STR_QUEUE_COUNTERS_HINT,
    STR_QUEUE_COUNTER_N,
    STR_QUEUE_COUNTER_TITLE,
    STR_QUEUE_CALLING,
    STR_QUEUE_SERVING,
    STR_QUEUE_IDLE,
    STR_QUEUE_CALL,
    STR_QUEUE_RECALL,
    STR_QUEUE_SKIP,
    STR_QUEUE_SERVE,
    STR_QUEUE_FINISH,
    STR_QUEUE_TRANSFER,
    STR_QUEUE_TRANSFER_PICK,
    STR_QUEUE_FROM,
    STR_QUEUE_ALL_LINES,
    STR_COUNTER_WAITING,
    STR_QUEUE_NEXT,
    STR_QUEUE_NONE_WAITING,
    STR_QUEUE_GIVEN,
    STR_COUNTER_CLOSED,
    STR_QUEUE_CLOSE,
    STR_QUEUE_OPEN,
    STR_QUEUE_CAP,
    STR_QUEUE_CONFIRM_CLOSE,
    STR_QUEUE_CONFIRM_OPEN,
    STR_QUEUE_CONFIRM_CAP,
    STR_QUEUE_CONFIRM,
    STR_QUEUE_CANCEL,
    STR_QUEUE_DONE,
    STR_QUEUE_REFUSED,
    STR_QUEUE_APPOINTMENT,
    STR_QUEUE_RECALLS,
    STR_QUEUE_LOADING,
    /* end of i19counter */
    /* t (issue 20): courses with terms (ui/screens_terms.c) */
    STR_ENROL,
    STR_TERM_DATES,
    STR_TERM_SPAN,
    STR_TERM_CLASSES,
    STR_TERM_CLASSES_N,
    STR_TERM_PLACES,
    STR_TERM_LEFT_N,
    STR_TERM_AGES,
    STR_TERM_AGES_N,
    STR_TERM_HINT,
    STR_TERM_NEXT,
    STR_TERM_FULL,
    STR_TERM_NONE_LEFT,
    STR_TERM_DUPLICATE,
    STR_TERM_WHEN,
    STR_ENROLLED_TITLE,
    STR_TERM_LOADING,
    /* end of t */
    /* issue 20 (F): 好差评 */
    STR_RATE_ENTRY,
    STR_RATE_TITLE,
    STR_RATE_QUESTION,
    STR_RATE_LAST,
    STR_RATE_NOW,
    STR_RATE_TAP_ONE,
    STR_RATE_LEVEL_1,
    STR_RATE_LEVEL_2,
    STR_RATE_LEVEL_3,
    STR_RATE_LEVEL_4,
    STR_RATE_LEVEL_5,
    STR_RATE_YOU_CHOSE,
    STR_RATE_REASONS_GOOD,
    STR_RATE_REASONS_BAD,
    STR_RATE_SUBMIT,
    STR_RATE_SKIP,
    STR_RATE_ANON,
    STR_RATE_THANKS,
    STR_RATE_FOLLOWUP,
    STR_RATE_NEXT,
    STR_RATE_CODE_HINT,
    STR_RATE_CODE_GO,
    STR_RATE_NOT_FOUND,
    STR_RATE_NOT_ATTENDED,
    STR_RATE_ALREADY,
    STR_RATE_FAILED,
    STR_RATE_SAY_LEVELS,
    STR_REASON_WARM,
    STR_REASON_FAST,
    STR_REASON_CLEAR,
    STR_REASON_WAIT,
    STR_REASON_ATTITUDE,
    STR_REASON_UNSOLVED,
    STR_REASON_COMPLEX,
    STR_REASON_FACILITY,
    STR_STAFF_RATE_PROMPT,
    /* end of issue 20 (F) */
    /* i20wait: the waitlist (screens_waitlist.c) */
    STR_WAIT_OFFER,
    STR_WAIT_JOIN_TITLE,
    STR_WAIT_JOIN_FULL,
    STR_WAIT_JOIN_HOW,
    STR_WAIT_JOIN_CALL,
    STR_WAIT_JOIN_NEXT,
    STR_WAIT_CONFIRM_TITLE,
    STR_WAIT_CONFIRM,
    STR_WAITLISTED_TITLE,
    STR_WAITLISTED_PLACE,
    STR_WAITLISTED_NEXT,
    STR_WAITLISTED_CALL,
    STR_WAIT_CARD_WAITING,
    STR_WAIT_CARD_HELD,
    STR_WAIT_WITHDRAW,
    STR_WAIT_WITHDRAW_SURE,
    STR_WAIT_WITHDRAWN,
    /* end of i20wait */
    STR_COUNT
} str_id_t;

/* The text of id in Chinese (en == 0) or English; never NULL. Some contain
 * one %d for the caller's snprintf (STR_SEATS_LEFT, STR_IDLE_COUNTDOWN,
 * STR_MINUTES, STR_PERSONS). */
const char *str_get(str_id_t id, int en);

/* The text of id with its "%d" replaced by value, into out (n bytes). No
 * printf involved, so a translated string can never become a format bug. */
void str_format_int(str_id_t id, int en, int value, char *out, size_t n);

/* The text of id with each %1..%9 replaced by args[0..8] (missing ones by
 * nothing), into out (n bytes, cut as snprintf would). No printf either. */
void str_format(str_id_t id, int en, char *out, size_t n, const char *const args[], int nargs);
/* The decimal text of v in buf (24 bytes or more): for str_format's args. */
const char *str_num(char *buf, long long v);

#endif
