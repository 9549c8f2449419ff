/* Every word the resident screens show, in Chinese and English. Catalog
 * texts (service names, descriptions) come from the catalog instead. */
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
    STR_LOADING,
    STR_COUNT
} str_id_t;

/* The text of id in Chinese (en == 0) or English; never NULL. Some contain
 * one %d for the caller's snprintf (STR_SEATS_LEFT, STR_IDLE_COUNTDOWN,
 * STR_MINUTES, STR_PERSONS). */
const char *str_get(str_id_t id, int en);

/* The text of id with its "%d" replaced by value, into out (n bytes). No
 * printf involved, so a translated string can never become a format bug. */
void str_format_int(str_id_t id, int en, int value, char *out, size_t n);

#endif
