/* Booking rules of the station: who may book what, and how it is refused.
 * The store enforces them inside its booking transaction; the screens use
 * the same functions to refuse early and to explain. */
#ifndef CORE_RULES_H
#define CORE_RULES_H

#include <stddef.h>

#include "datetime.h"
#include "ids.h"

typedef struct rules {
    int horizon_days;         /* sessions are offered this many days ahead (14) */
    int max_active_per_phone; /* booked future sessions one person served may hold (3):
                               * a phone and a label (config person_limit) */
    int cutoff_minutes;       /* bookings close this long before the start (30) */
    int max_party;            /* persons in one booking, 1..max_party (4) */
    int retention_days;       /* phones are purged this long after the session (90) */
    /* What one kiosk may book, whatever phone numbers are typed
     * (docs/config.md says why these numbers): */
    int visit_max_bookings;    /* bookings one visit (attract to attract) may hold (6) */
    int service_burst_max;     /* bookings of one service from one kiosk ... (10) */
    int service_burst_minutes; /* ... within this sliding window (60) */
    /* i16house: booking for someone else (issue 16) */
    int household_limit; /* future bookings one phone may hold for all its people (5) */
} rules_t;

void rules_defaults(rules_t *r);

/* Outcome of a booking attempt. */
typedef enum rules_result {
    RULES_OK = 0,
    RULES_FULL,        /* not enough seats left for the party */
    RULES_DUPLICATE,   /* this phone already holds this session */
    RULES_LIMIT,       /* this phone holds max_active_per_phone future bookings */
    RULES_TOO_LATE,    /* within the cut-off, or already started */
    RULES_BAD_PHONE,   /* not a mainland mobile number */
    RULES_BAD_PARTY,   /* party outside 1..max_party */
    RULES_NO_SESSION,  /* no such session */
    RULES_CLOSED,      /* session closed by staff or withdrawn from the catalog */
    RULES_NOT_FOUND,   /* no such ticket */
    RULES_BAD_STATE,   /* the booking is not in a state that allows it */
    RULES_NOT_TODAY,   /* check-in: the session is on another day */
    RULES_FORGED,      /* check-in: the scanned ticket is not genuine */
    RULES_LOCKED,      /* staff login: too many wrong PINs, wait */
    RULES_BAD_PIN,     /* staff login: no staff member has this PIN */
    RULES_VISIT_LIMIT, /* this visit at the kiosk holds visit_max_bookings */
    RULES_BURST,       /* this kiosk booked service_burst_max of the service lately */
    /* i16checkin */
    RULES_FACTOR_WRONG, /* check-in by typed code: the second factor does not match */
    /* i16house: booking for someone else, and without a phone (issue 16) */
    RULES_HOUSEHOLD, /* this phone holds household_limit future bookings for its people */
    RULES_BAD_LABEL, /* the label of the person served is not a short name without digits */
    RULES_COUNT
} rules_result_t;

/* One line explaining the result, for residents (zh) or staff tools (en). */
const char *rules_result_text(rules_result_t r, int en);
/* Short stable token: "ok", "full", "duplicate", "limit", "too_late", ... */
const char *rules_result_name(rules_result_t r);

/* The booking cut-off, written once for the store's booking transaction and
 * the slots screen: a session starting on date at start_min (minutes of the
 * day) can be booked at now (a dt_stamp) while at least cutoff_minutes are
 * left before its start. RULES_OK, or RULES_TOO_LATE (also once started). */
rules_result_t rules_check_cutoff(const rules_t *r, dt_date_t date, int start_min, long long now);

/* What a booking is judged on: the request, and the facts the store reads
 * about its session and the phone inside the booking transaction. */
typedef struct rules_booking {
    const char *phone;     /* NULL: no mobile phone (then for_label is required) */
    const char *for_label; /* the person served (rules_label_valid); NULL: the booker */
    int party;
    int session_found; /* 0: no such session (the rest is not read) */
    int open;          /* 0: closed by staff or withdrawn */
    dt_date_t date;
    int start_min;
    long long now;
    int phone_holds_it; /* this person (phone and label) already holds this session */
    int phone_active;   /* future bookings this person (phone and label) holds */
    int household_active; /* future bookings the phone holds, for anyone */
    int seats_taken;    /* persons booked or checked in */
    int capacity;
    /* Only for a booking made at a kiosk (0 and 0 for staff tools): */
    int from_kiosk;     /* 1: the limits of one visit and one kiosk apply */
    int visit_active;   /* bookings this visit holds (booked or checked in) */
    int service_recent; /* bookings this kiosk made of the session's service within
                         * service_burst_minutes, still booked or checked in */
} rules_booking_t;

/* The one judgement of a booking, in the order residents are told: bad
 * phone, bad label, bad party, no session, closed, too late, duplicate,
 * limit (per person), household, visit limit, burst, full. A booking with
 * no phone has no per-person, household or duplicate check: nothing
 * identifies its person but a label that many share (奶奶); the visit and
 * burst limits bound it at a kiosk. The visit and burst limits come before full so that
 * a burst is noticed even on a service it has emptied.
 * RULES_OK when it may be made. */
rules_result_t rules_check_booking(const rules_t *r, const rules_booking_t *b);
/* The part that needs no database (phone and party), so a bad request is
 * refused before a transaction starts: the same as rules_check_booking's. */
rules_result_t rules_check_request(const rules_t *r, const char *phone, int party);
/* rules_check_request for a booking that may be for someone else and may
 * have no phone: phone NULL needs a label (else RULES_BAD_PHONE, as a
 * missing phone always was); a label given must be valid (RULES_BAD_LABEL). */
rules_result_t rules_check_person(const rules_t *r, const char *phone, const char *label,
                                  int party);
/* 1 when s is a label of a person served: 1..KIOSK_LABEL_LEN bytes of
 * valid UTF-8, no control characters and no digits (ASCII or full-width),
 * so that a phone number can never be stored or logged as a label. */
int rules_label_valid(const char *s);
/* The label as shown where phone numbers are masked: its first character
 * and one "*" ("张奶奶" -> "张*", "Father" -> "F*"); "" for NULL or "". */
void rules_mask_label(const char *label, char out[KIOSK_LABEL_SIZE]);

/* 1 when s is a mainland mobile number: exactly 11 ASCII digits, 1[3-9]... */
int rules_phone_valid(const char *s);
/* What is wrong with the digits typed so far, as soon as no further digit
 * can make them a mobile number (the length is judged only at the end, by
 * rules_phone_valid): a mobile number starts with 1, and its second digit
 * is 3 to 9. NULL and "" are RULES_PREFIX_OK: nothing is wrong yet. */
typedef enum {
    RULES_PREFIX_OK,
    RULES_PREFIX_FIRST,  /* the first digit is not 1 */
    RULES_PREFIX_SECOND, /* the second digit is not 3-9 */
    RULES_PREFIX_DIGIT   /* something other than a digit, or more than 11 */
} rules_prefix_t;
rules_prefix_t rules_phone_prefix(const char *typed);
/* "138****5678" for any valid phone; "***" otherwise. out holds 12 bytes. */
void rules_mask_phone(const char *phone, char out[KIOSK_PHONE_SIZE]);

/* Booking status as stored. */
typedef enum rules_status {
    RULES_BOOKED = 0,
    RULES_CHECKED_IN,
    RULES_CANCELLED,
    RULES_NO_SHOW,
    RULES_STATUS_COUNT
} rules_status_t;

/* i16checkin: the second factor of a check-in by typed code. A booking
 * with a phone number (phone not NULL, not "") is matched by its last four
 * digits: the resident knows them without reading anything, and the slip
 * does not print them. One without a phone (NULL or "") by its party size
 * as a decimal ("2"). 1 when typed matches, 0 otherwise (NULL or "" typed
 * never matches). */
int rules_checkin_factor_ok(const char *phone, int party, const char *typed);

const char *rules_status_name(rules_status_t s); /* "booked", "checked_in", ... */
/* Index of a status name, or -1. */
int rules_status_parse(const char *s);

#endif
