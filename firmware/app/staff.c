#include "staff.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

/* Argon2id, 2 passes over 16 MiB: about 30 ms per hash or check on the
 * development machine (an x86-64 server core), so a few hundred ms on a
 * small ARM board, and well inside the kiosk's 48 MB peak RSS. libsodium's
 * INTERACTIVE memory (64 MiB) alone would break that budget. Verification
 * reads the limits from the stored string, so they can change later
 * without invalidating the PINs already set. */
#define STAFF_OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define STAFF_MEMLIMIT (16u * 1024u * 1024u)

_Static_assert(STAFF_HASH_MAX >= crypto_pwhash_STRBYTES, "a PIN hash must fit STAFF_HASH_MAX");
_Static_assert(STAFF_HASH_MAX <= sizeof(((store_staff_row_t *)0)->pin_hash),
               "a PIN hash must fit the store's row");

int staff_pin_valid(const char *pin)
{
    if (!pin)
        return 0;
    size_t n;
    for (n = 0; pin[n]; n++)
        if (n >= KIOSK_PIN_MAX || pin[n] < '0' || pin[n] > '9')
            return 0;
    return n >= STAFF_PIN_MIN;
}

int staff_pin_hash(const char *pin, char out[STAFF_HASH_MAX])
{
    out[0] = '\0';
    if (!staff_pin_valid(pin) || sodium_init() < 0)
        return -1;
    if (crypto_pwhash_str(out, pin, strlen(pin), STAFF_OPSLIMIT, STAFF_MEMLIMIT) != 0) {
        out[0] = '\0';
        return -1;
    }
    return 0;
}

typedef struct match {
    const char *pin;
    size_t len;
    char *name;
    int found;
} match_t;

static int try_hash(void *ctx, const store_staff_row_t *row)
{
    match_t *m = ctx;
    if (crypto_pwhash_str_verify(row->pin_hash, m->pin, m->len) != 0)
        return 0;
    snprintf(m->name, KIOSK_STAFF_NAME_SIZE, "%s", row->name);
    m->found = 1;
    return 1;
}

/* Checks pin against every staff member's hash: 1 with the name, 0 (a PIN
 * of the wrong shape is a wrong PIN; it is not hashed, which tells nothing
 * an attacker does not know already), -1 when the hashes cannot be read.
 * *valid says whether it had the shape of a PIN. */
static int check_pin(store_t *st, const char *pin, char name[KIOSK_STAFF_NAME_SIZE], int *valid)
{
    *valid = staff_pin_valid(pin);
    match_t m = {pin, *valid ? strlen(pin) : 0, name, 0};
    if (*valid && (sodium_init() < 0 || store_staff_hashes(st, try_hash, &m) != STORE_OK)) {
        name[0] = '\0';
        return -1;
    }
    return m.found;
}

/* The store's lockout policy (store_auth_begin), for the memory throttle. */
#define MEM_MAX_FAILURES 5
#define MEM_MAX_LOCK_MINUTES 1440

static long long mem_lock_minutes(long long lockouts)
{
    return lockouts >= 11 ? MEM_MAX_LOCK_MINUTES
                          : ((1LL << lockouts) < MEM_MAX_LOCK_MINUTES ? 1LL << lockouts
                                                                       : MEM_MAX_LOCK_MINUTES);
}

/* now is in seconds (as the store's lockouts): each lockout runs from the
 * failure's second, not to a minute boundary. */
static int login_in_memory(store_t *st, staff_throttle_t *mem, const char *pin, long long now,
                           char name[KIOSK_STAFF_NAME_SIZE], long long *locked_until)
{
    mem->in_memory = 1;
    /* A lockout beyond any the policy gives: the clock was set back. */
    if (mem->locked_until > now + MEM_MAX_LOCK_MINUTES * 60)
        mem->locked_until = now + MEM_MAX_LOCK_MINUTES * 60;
    if (mem->locked_until > now) {
        if (locked_until)
            *locked_until = mem->locked_until;
        return RULES_LOCKED;
    }
    mem->failures++; /* counted before the check, as the store does */
    int valid, found = check_pin(st, pin, name, &valid);
    if (found < 0)
        return STORE_ERROR; /* the attempt stays counted */
    if (found) {
        mem->failures = mem->lockouts = mem->locked_until = 0;
        return STORE_OK;
    }
    if (mem->failures >= MEM_MAX_FAILURES) {
        mem->locked_until = now + mem_lock_minutes(mem->lockouts) * 60;
        mem->lockouts++;
        mem->failures = 0;
        if (locked_until)
            *locked_until = mem->locked_until;
        return RULES_LOCKED;
    }
    return RULES_BAD_PIN;
}

static int login(store_t *st, staff_throttle_t *mem, const char *where, const char *pin,
                 long long now_s, char name[KIOSK_STAFF_NAME_SIZE], long long *locked_until)
{
    long long now = now_s / 60; /* the audit's minute stamp */
    long long until = 0;
    name[0] = '\0';
    if (locked_until)
        *locked_until = 0;
    if (mem)
        mem->in_memory = 0;
    /* Before anything else, so that neither a crash in the check nor a
     * pulled plug hands out an uncounted try. */
    int rc = store_auth_begin(st, now_s, &until);
    if (rc == STORE_ERROR && mem)
        return login_in_memory(st, mem, pin, now_s, name, locked_until);
    if (rc != STORE_OK) {
        if (rc == RULES_LOCKED && locked_until)
            *locked_until = until;
        return rc;
    }
    int valid, ok = check_pin(st, pin, name, &valid);
    if (ok < 0)
        return STORE_ERROR; /* the attempt stays counted as a failure: the safe side */
    if (store_auth_end(st, ok, now_s, &until) != STORE_OK)
        goto fail;
    /* The detail says what kind of failure, never what was typed. */
    char detail[64];
    snprintf(detail, sizeof detail, "%s%s%s", where ? where : "", where ? ": " : "",
             valid ? "wrong PIN" : "not a PIN of 6 to 12 digits");
    if (ok ? store_audit(st, name, "login", NULL, NULL, where, now)
           : store_audit(st, "", "login_failed", NULL, NULL, detail, now))
        goto fail;
    if (ok)
        return STORE_OK;
    /* The failure that starts a lockout says so at once, not one try later. */
    if (until > now_s) {
        if (locked_until)
            *locked_until = until;
        return RULES_LOCKED;
    }
    return RULES_BAD_PIN;
fail:
    /* No login that the audit log does not show. */
    sodium_memzero(name, KIOSK_STAFF_NAME_SIZE);
    return STORE_ERROR;
}

int staff_login(store_t *st, const char *pin, long long now_s, char name[KIOSK_STAFF_NAME_SIZE],
                long long *locked_until)
{
    return login(st, NULL, NULL, pin, now_s, name, locked_until);
}

int staff_login_from(store_t *st, const char *where, const char *pin, long long now_s,
                     char name[KIOSK_STAFF_NAME_SIZE], long long *locked_until)
{
    return login(st, NULL, where, pin, now_s, name, locked_until);
}

int staff_login_throttled(store_t *st, staff_throttle_t *mem, const char *pin, long long now_s,
                          char name[KIOSK_STAFF_NAME_SIZE], long long *locked_until)
{
    return login(st, mem, NULL, pin, now_s, name, locked_until);
}
