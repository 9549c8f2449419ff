#include "throttle.h"

#include "wipe.h"

static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

int throttle_lookup(throttle_t *t, int limit, int window, int pause, const char *number,
                    long long now)
{
    if (limit <= 0)
        return 1;
    if (limit > THROTTLE_MAX)
        limit = THROTTLE_MAX;
    if (t->paused_until) {
        if (now < t->paused_until)
            return 0;
        wipe_bytes(t, sizeof *t); /* the pause is over: count afresh */
    }
    int k = 0; /* keep the numbers of the window, in order */
    for (int i = 0; i < t->n; i++) {
        if (t->at[i] > now - window) {
            t->hash[k] = t->hash[i];
            t->at[k++] = t->at[i];
        }
    }
    t->n = k;
    uint32_t h = fnv1a(number);
    for (int i = 0; i < t->n; i++)
        if (t->hash[i] == h)
            return 1;
    if (t->n >= limit) {
        wipe_bytes(t, sizeof *t);
        t->paused_until = now + (pause > 0 ? pause : 1);
        return 0;
    }
    t->hash[t->n] = h;
    t->at[t->n++] = now;
    return 1;
}

int throttle_paused(const throttle_t *t, long long now)
{
    return t->paused_until && now < t->paused_until;
}
