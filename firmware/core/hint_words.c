#include "hint_words.h"

str_id_t flow_hint_words(const flow_state_t *s, int *most)
{
    static const str_id_t ids[] = {
        [FLOW_HINT_SESSION_FULL] = STR_HINT_SESSION_FULL,
        [FLOW_HINT_SESSION_CLOSED] = STR_HINT_SESSION_CLOSED,
        [FLOW_HINT_SESSION_LATE] = STR_HINT_SESSION_LATE,
        [FLOW_HINT_DAY_EMPTY] = STR_HINT_DAY_EMPTY,
        [FLOW_HINT_PHONE_SHORT] = STR_HINT_PHONE_SHORT,
        [FLOW_HINT_CODE_SHORT] = STR_HINT_CODE_SHORT,
        [FLOW_HINT_CODE_FULL] = STR_HINT_CODE_FULL,
        [FLOW_HINT_PARTY_MAX] = STR_HINT_PARTY_MAX,
        [FLOW_HINT_PARTY_MIN] = STR_HINT_PARTY_MIN,
        [FLOW_HINT_NOTHING_TYPED] = STR_HINT_NOTHING_TYPED,
        [FLOW_HINT_WAIT] = STR_HINT_WAIT,
        [FLOW_HINT_UNAVAILABLE] = STR_HINT_UNAVAILABLE,
    };
    *most = s->rules.max_party;
    if (s->session >= 0 && s->session < s->n_sessions && s->sessions[s->session].remaining < *most)
        *most = s->sessions[s->session].remaining;
    if (s->hint == FLOW_HINT_NONE || (unsigned)s->hint >= sizeof ids / sizeof *ids)
        return STR_COUNT;
    return ids[s->hint];
}
