/* The screens' ids, as DESIGN.md names them: what scripts, widgets dumps
 * and logs say (expect-screen), one per flow_screen_t. */
#include "flow.h"

static const char *const screen_ids[FLOW_SCREEN_COUNT] = {
    [FLOW_ATTRACT] = "attract",
    [FLOW_HOME] = "home",
    [FLOW_CATEGORY] = "category",
    [FLOW_SERVICE] = "service",
    [FLOW_SLOTS] = "slots",
    [FLOW_PHONE] = "phone",
    [FLOW_CONFIRM] = "confirm",
    [FLOW_TICKET] = "ticket",
    [FLOW_REFUSED] = "refused",
    [FLOW_LOOKUP] = "lookup",
    [FLOW_BOOKINGS] = "bookings",
    [FLOW_CANCEL] = "cancel-confirm",
    [FLOW_CHECKIN] = "checkin",
    [FLOW_CHECKIN_RESULT] = "checkin-result",
    [FLOW_BOOKING] = "booking",
    [FLOW_CHECKIN_FACTOR] = "checkin-verify",
    [FLOW_FOR] = "for", /* i16house */
    [FLOW_WALKIN] = "walk-in", /* w (issue 19) */
    [FLOW_QUEUE_TICKET] = "queue-ticket",
    [FLOW_QUEUE_REFUSED] = "queue-refused",
    [FLOW_TERM] = "term", /* t (issue 20) */
    [FLOW_ENROLLED] = "enrolled",
    [FLOW_RATE_CODE] = "rate-code", /* issue 20 (F) */
    [FLOW_RATE] = "rate",
    [FLOW_RATE_REASONS] = "rate-reasons",
    [FLOW_RATE_DONE] = "rated",
    [FLOW_STAFF_LOGIN] = "staff-login",
    [FLOW_STAFF] = "staff",
    [FLOW_STAFF_ROSTER] = "staff-roster",
    [FLOW_STAFF_CANCEL] = "staff-cancel",
    [FLOW_STAFF_EXPORT] = "staff-export",
    [FLOW_TECH] = "technician",
    [FLOW_TOUCH_TEST] = "touch-test",
    [FLOW_CALIBRATE] = "touch-calibrate",
    [FLOW_PATTERN] = "test-pattern",
    [FLOW_STAFF_COUNTERS] = "staff-counters", /* i19counter */
    [FLOW_STAFF_COUNTER] = "staff-counter",
    [FLOW_WAITLIST_JOIN] = "waitlist-join", /* i20wait */
    [FLOW_WAITLISTED] = "waitlisted",
};

const char *flow_screen_id(flow_screen_t s)
{
    return (int)s >= 0 && s < FLOW_SCREEN_COUNT ? screen_ids[s] : "unknown";
}
