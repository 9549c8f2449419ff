/* Staff sessions of the console, in memory: a restart logs everyone out,
 * which is the safe side. The id and the CSRF token are 32 random bytes
 * each (libsodium), compared in constant time. */
#include <sodium.h>
#include <string.h>

#include "console.h"

static void token(char out[CONSOLE_TOKEN_SIZE])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, CONSOLE_TOKEN_SIZE, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

static int expired(const console_t *c, const csession_t *s, long long now_s)
{
    /* A visitor's session (the login form) lives as long; a clock set
     * back counts as time passed, never as more time left. */
    return now_s - s->last_s >= c->idle_seconds || now_s < s->created_s - 60;
}

csession_t *session_new(console_t *c, long long now_s)
{
    csession_t *slot = NULL, *oldest_visitor = NULL, *oldest = NULL;
    for (int i = 0; i < CONSOLE_SESSIONS_MAX; i++) {
        csession_t *s = &c->sessions[i];
        if (s->used && expired(c, s, now_s))
            session_drop(s);
        if (!s->used) {
            if (!slot)
                slot = s;
            continue;
        }
        if (!s->authed && (!oldest_visitor || s->last_s < oldest_visitor->last_s))
            oldest_visitor = s;
        if (!oldest || s->last_s < oldest->last_s)
            oldest = s;
    }
    /* Full: a flood of login forms pushes out visitors, not staff at work;
     * only when every slot is staff's does the longest idle one go. */
    if (!slot)
        slot = oldest_visitor ? oldest_visitor : oldest;
    session_drop(slot);
    slot->used = 1;
    token(slot->id);
    token(slot->csrf);
    slot->created_s = slot->last_s = now_s;
    return slot;
}

csession_t *session_find(console_t *c, const char *cookie, long long now_s, int touch)
{
    if (!cookie || strlen(cookie) != CONSOLE_TOKEN_SIZE - 1)
        return NULL;
    csession_t *found = NULL;
    for (int i = 0; i < CONSOLE_SESSIONS_MAX; i++) {
        csession_t *s = &c->sessions[i];
        if (s->used && sodium_memcmp(s->id, cookie, CONSOLE_TOKEN_SIZE - 1) == 0)
            found = s;
    }
    if (!found)
        return NULL;
    if (expired(c, found, now_s)) {
        session_drop(found);
        return NULL;
    }
    if (touch)
        found->last_s = now_s;
    return found;
}

int session_login(csession_t *s, const char *staff, long long now_s)
{
    if (strlen(staff) >= sizeof s->staff)
        return -1;
    token(s->id);
    token(s->csrf);
    strcpy(s->staff, staff);
    s->authed = 1;
    s->created_s = s->last_s = now_s;
    return 0;
}

void session_drop(csession_t *s)
{
    sodium_memzero(s, sizeof *s);
}

int session_csrf_ok(const csession_t *s, const char *tok)
{
    return s && tok && strlen(tok) == CONSOLE_TOKEN_SIZE - 1 &&
           sodium_memcmp(s->csrf, tok, CONSOLE_TOKEN_SIZE - 1) == 0;
}
