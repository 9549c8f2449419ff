/* Staff PINs: at least 6 digits, one per staff member, hashed with
 * libsodium's Argon2id (crypto_pwhash_str) with limits small enough that one
 * check takes well under a second on a small board and fits the kiosk's
 * memory budget. A PIN never reaches the store, the log or the screen. */
#ifndef PLATFORM_STAFF_H
#define PLATFORM_STAFF_H

#include <stddef.h>

#include "../core/ids.h"
#include "../store/store.h"

#define STAFF_PIN_MIN 6
#define STAFF_HASH_MAX 128

/* 1 when pin is STAFF_PIN_MIN..KIOSK_PIN_MAX ASCII digits. */
int staff_pin_valid(const char *pin);

/* Hashes pin into out (NUL-terminated). 0, or -1 (out of memory). */
int staff_pin_hash(const char *pin, char out[STAFF_HASH_MAX]);

/* The whole login: the attempt is counted in the store first (so a power
 * cut gives no free tries), then pin is checked against every staff
 * member's hash. now_s and *locked_until are seconds (minute stamp * 60 +
 * second; store_auth_begin's). Returns STORE_OK with the name, RULES_LOCKED
 * with *locked_until, RULES_BAD_PIN, or STORE_ERROR. Writes the audit row
 * ("login" or "login_failed", at minute now_s / 60). */
int staff_login(store_t *st, const char *pin, long long now_s, char name[KIOSK_STAFF_NAME_SIZE],
                long long *locked_until);

/* staff_login from another place than the kiosk's screen: where (for
 * example "console") is the audit detail of the login and starts that of a
 * failure ("console: wrong PIN"), so the log says where each try came from.
 * The same throttle and lockout as the kiosk's: they live in the store. */
int staff_login_from(store_t *st, const char *where, const char *pin, long long now_s,
                     char name[KIOSK_STAFF_NAME_SIZE], long long *locked_until);

/* Where the kiosk counts login attempts when its store cannot (a database
 * opened read-only, a full disk): exactly when a technician must log in.
 * The store's policy (the fifth failure in a row locks 1, 2, 4 ... minutes,
 * at most a day; a success resets it), in memory, for this process only:
 * a restart forgets it, which only a person with the power switch can use,
 * five tries a boot. Zero-initialised to start. */
typedef struct staff_throttle {
    long long failures, lockouts, locked_until; /* locked_until: seconds, as now_s */
    int in_memory; /* the last staff_login_throttled: counted here, not audited */
} staff_throttle_t;

/* staff_login, but when the store cannot count the attempt the throttle
 * mem does (and the login is not audited: the caller logs it; in_memory
 * says so). The same results. */
int staff_login_throttled(store_t *st, staff_throttle_t *mem, const char *pin, long long now_s,
                          char name[KIOSK_STAFF_NAME_SIZE], long long *locked_until);

#endif
