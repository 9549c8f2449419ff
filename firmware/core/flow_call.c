/* Call staff (issue 17, 一键呼叫): the call-staff button every resident
 * screen but attract carries. A press puts up the calm "someone is coming"
 * overlay and, the first time in a visit, asks the kiosk to record the call
 * and alert staff; a second press in the same visit shows the same overlay
 * and asks nothing. The idle reset ends the visit (flow_reset). Its own
 * file: one concern beside the resident flow (flow.c), which hands it
 * every tap first. */
#include "flow_int.h"

#include <stdio.h>
#include <string.h>

int flow_call_tap(flow_t *f, const char *id)
{
    if (f->s.call_shown) {
        /* Modal: only the way back is drawn; nothing else may slip through. */
        if (strcmp(id, "call-close") == 0) {
            f->s.call_shown = 0;
            changed(f);
        }
        return 1; /* modal */
    }
    if (strcmp(id, "call-staff") != 0)
        return 0;
    f->s.call_shown = 1;
    if (f->s.call == FLOW_CALL_NONE || f->s.call == FLOW_CALL_FAILED) {
        f->s.call = FLOW_CALL_ASKED;
        request(f, FLOW_REQ_CALL);
        snprintf(f->req.input, sizeof f->req.input, "%s", flow_screen_id(f->s.screen));
    }
    changed(f);
    return 1;
}

void flow_call_result(flow_t *f, int result)
{
    if (!awaited(f, FLOW_REQ_CALL))
        return;
    f->s.call = result == 0 ? FLOW_CALL_MADE : FLOW_CALL_FAILED;
    changed(f);
}
