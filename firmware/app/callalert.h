/* Call staff (issue 17): what the kiosk does with a resident's call besides
 * the screen. Records it (store_call_add), alerts staff through the log
 * and the config's call_hook, repeats the alert every call_repeat_minutes
 * while nobody acknowledged it, and lists the open calls for the staff
 * screen. The hook gets the kiosk and the screen, never personal data. */
#ifndef APP_CALLALERT_H
#define APP_CALLALERT_H

#include "../core/flow.h"
#include "../platform/config.h"
#include "../platform/hook.h"
#include "../store/store.h"

/* How long a hook may run before it is killed, in seconds. */
#define CALLALERT_HOOK_DEADLINE 10

typedef struct callalert {
    const config_t *cfg;
    const char *kiosk; /* this kiosk's name */
    hook_set_t hooks;
    long long checked; /* the minute the repeats were last looked for */
} callalert_t;

/* A resident on screen (its id) calls staff in visit: recorded and, when
 * new, alerted. 0, or -1 when the store failed (logged). */
int callalert_call(callalert_t *a, store_t *st, long long visit, const char *screen,
                   long long now);
/* Once a minute at most: the calls of this kiosk due for a repeat are
 * alerted again. Reaps finished hooks every call. Cheap otherwise. */
void callalert_tick(callalert_t *a, store_t *st, long long now);
/* The open calls for the staff screen, into the flow. */
void callalert_staff(store_t *st, flow_t *f);
/* At exit: the hooks still running get their deadline. */
void callalert_finish(callalert_t *a);

#endif
