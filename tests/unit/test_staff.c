/* Staff PINs (platform/staff.c): what a PIN is, the Argon2id hash, and the
 * whole login against a real store: right, wrong, locked and malformed
 * PINs, the audit rows they leave, and that the PIN is nowhere afterwards:
 * not in an audit row, an error message, or the database file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "../../firmware/core/datetime.h"
#include "../../firmware/core/rules.h"
#include "../../firmware/app/staff.h"
#include "../../firmware/store/store.h"
#include "../lib/store_fixture.h"
#include "test.h"

/* Long PINs for the "nowhere in the file" checks: 12 digits in a row by
 * chance in a base64 salt or hash is out of the question; 6 is not. */
#define PIN_WANG "975318642086"
#define PIN_LI "13572468"
#define PIN_WRONG "864209753124"

static store_t *new_store(const char *name, char path[FX_PATH_MAX])
{
    fx_path(path, name);
    return fx_open(name, STORE_OPEN_CREATE);
}

static int add(store_t *st, const char *name, const char *pin)
{
    char h[STAFF_HASH_MAX];
    if (staff_pin_hash(pin, h) != 0)
        return -1;
    return store_staff_add(st, name, h, fx_at("2026-12-01 08:00"));
}

typedef struct audit_rows {
    int n;
    store_audit_row_t r[64];
} audit_rows_t;

static int take(void *ctx, const store_audit_row_t *row)
{
    audit_rows_t *a = ctx;
    if (a->n < 64)
        a->r[a->n] = *row;
    a->n++;
    return 0;
}

/* 1 when needle occurs anywhere in the file's bytes. */
static int file_has(const char *path, const char *needle)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    static char buf[1 << 22];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(buf + i, needle, k) == 0)
            return 1;
    return 0;
}

static int row_has(const store_audit_row_t *r, const char *s)
{
    return strstr(r->at, s) || strstr(r->staff, s) || strstr(r->action, s) ||
           strstr(r->ticket, s) || strstr(r->session_id, s) || strstr(r->detail, s);
}

static void test_pin_valid(void)
{
    CHECK(staff_pin_valid("123456"));
    CHECK(staff_pin_valid("000000"));
    CHECK(staff_pin_valid("123456789012"));
    CHECK(!staff_pin_valid("12345"));
    CHECK(!staff_pin_valid("1234567890123"));
    CHECK(!staff_pin_valid("12345a"));
    CHECK(!staff_pin_valid(" 123456"));
    CHECK(!staff_pin_valid("123456\n"));
    CHECK(!staff_pin_valid("１２３４５６")); /* full-width digits */
    CHECK(!staff_pin_valid(""));
    CHECK(!staff_pin_valid(NULL));
}

static void test_hash_roundtrip(void)
{
    char h1[STAFF_HASH_MAX], h2[STAFF_HASH_MAX];
    CHECK_INT(staff_pin_hash("246810", h1), 0);
    CHECK_INT(staff_pin_hash("246810", h2), 0);
    /* Argon2id with the kiosk's limits, readable from the string. */
    CHECK(strncmp(h1, "$argon2id$v=19$m=16384,t=2,p=1$", 31) == 0);
    CHECK(strcmp(h1, h2) != 0); /* salted */
    CHECK(strstr(h1, "246810") == NULL);
    CHECK_INT(crypto_pwhash_str_verify(h1, "246810", 6), 0);
    CHECK_INT(crypto_pwhash_str_verify(h2, "246810", 6), 0);
    CHECK(crypto_pwhash_str_verify(h1, "246811", 6) != 0);
    /* Only valid PINs are hashed. */
    CHECK_INT(staff_pin_hash("12345", h1), -1);
    CHECK_STR(h1, "");
    CHECK_INT(staff_pin_hash("abcdef", h1), -1);
}

static void test_login(void)
{
    char path[256];
    store_t *st = new_store("login.db", path);
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(add(st, "王芳", PIN_WANG), STORE_OK);
    CHECK_INT(add(st, "李明", PIN_LI), STORE_OK);

    char name[KIOSK_STAFF_NAME_SIZE];
    long long until = -1, t = fx_at("2026-12-01 09:00") * 60; /* seconds */
    CHECK_INT(staff_login(st, PIN_WANG, t, name, &until), STORE_OK);
    CHECK_STR(name, "王芳");
    CHECK_INT(until, 0);
    CHECK_INT(staff_login(st, PIN_LI, t, name, &until), STORE_OK);
    CHECK_STR(name, "李明");

    /* Wrong, and wrong in shape: both are counted failures. */
    CHECK_INT(staff_login(st, PIN_WRONG, t, name, &until), RULES_BAD_PIN);
    CHECK_STR(name, "");
    CHECK_INT(staff_login(st, "12ab", t, name, &until), RULES_BAD_PIN);
    CHECK_INT(staff_login(st, "", t, name, &until), RULES_BAD_PIN);
    CHECK_INT(staff_login(st, NULL, t, name, &until), RULES_BAD_PIN);
    CHECK_INT(until, 0);
    /* The fifth says at once that login is locked, and until when. */
    CHECK_INT(staff_login(st, "1234567890123", t, name, &until), RULES_LOCKED);
    CHECK_INT(until, t + 60);
    CHECK_STR(name, "");
    CHECK(strstr(store_errmsg(st), PIN_WRONG) == NULL);

    /* That was five: locked for a minute, even for the right PIN. */
    CHECK_INT(staff_login(st, PIN_WANG, t, name, &until), RULES_LOCKED);
    CHECK_INT(until, t + 60);
    CHECK_STR(name, "");
    CHECK_STR(store_errmsg(st), rules_result_text(RULES_LOCKED, 1));
    store_close(st);

    /* A restart does not lift it. */
    st = NULL;
    CHECK_INT(store_open(path, 0, &st), STORE_OK);
    CHECK_INT(staff_login(st, PIN_WANG, t, name, &until), RULES_LOCKED);
    CHECK_INT(staff_login(st, PIN_WANG, t + 60, name, &until), STORE_OK);
    CHECK_STR(name, "王芳");

    /* A removed member's PIN no longer opens anything. */
    CHECK_INT(store_staff_remove(st, "李明", (t + 60) / 60), STORE_OK);
    CHECK_INT(staff_login(st, PIN_LI, t + 60, name, &until), RULES_BAD_PIN);

    audit_rows_t a;
    memset(&a, 0, sizeof a);
    CHECK_INT(store_audit_list(st, NULL, take, &a), STORE_OK);
    CHECK_INT(a.n, 9); /* the locked tries are not attempts */
    static const char *const want[][3] = {
        {"login", "王芳", ""},
        {"login", "李明", ""},
        {"login_failed", "", "wrong PIN"},
        {"login_failed", "", "not a PIN of 6 to 12 digits"},
        {"login_failed", "", "not a PIN of 6 to 12 digits"},
        {"login_failed", "", "not a PIN of 6 to 12 digits"},
        {"login_failed", "", "not a PIN of 6 to 12 digits"},
        {"login", "王芳", ""},
        {"login_failed", "", "wrong PIN"},
    };
    for (int i = 0; i < 9 && i < a.n; i++) {
        CHECK_STR(a.r[i].action, want[i][0]);
        CHECK_STR(a.r[i].staff, want[i][1]);
        CHECK_STR(a.r[i].detail, want[i][2]);
    }
    CHECK_STR(a.r[8].at, "2026-12-01 09:01");
    for (int i = 0; i < a.n && i < 64; i++) {
        CHECK(!row_has(&a.r[i], PIN_WANG));
        CHECK(!row_has(&a.r[i], PIN_LI));
        CHECK(!row_has(&a.r[i], PIN_WRONG));
        CHECK(!row_has(&a.r[i], "12ab"));
    }
    store_close(st);

    /* Nor anywhere in the file, its -wal included. */
    char wal[300];
    snprintf(wal, sizeof wal, "%s-wal", path);
    CHECK(file_has(path, "login_failed") || file_has(wal, "login_failed")); /* the search works */
    CHECK(!file_has(path, PIN_WANG) && !file_has(wal, PIN_WANG));
    CHECK(!file_has(path, PIN_WRONG) && !file_has(wal, PIN_WRONG));
}

/* No staff yet: every PIN is wrong, and still counted. */
static void test_login_without_staff(void)
{
    char path[256];
    store_t *st = new_store("empty.db", path);
    CHECK(st != NULL);
    if (!st)
        return;
    char name[KIOSK_STAFF_NAME_SIZE];
    long long until = 0, t = fx_at("2026-12-01 09:00") * 60; /* seconds */
    for (int i = 0; i < 4; i++)
        CHECK_INT(staff_login(st, "123456", t, name, &until), RULES_BAD_PIN);
    CHECK_INT(staff_login(st, "123456", t, name, &until), RULES_LOCKED);
    CHECK_INT(until, t + 60);
    until = 0;
    CHECK_INT(staff_login(st, "123456", t, name, &until), RULES_LOCKED);
    CHECK_INT(until, t + 60);
    /* until may be NULL for a caller that does not show it. */
    CHECK_INT(staff_login(st, "123456", t, name, NULL), RULES_LOCKED);
    store_close(st);
}

/* A store that cannot record the attempt lets nobody in. */
static void test_login_readonly(void)
{
    char path[256];
    store_t *st = new_store("ro.db", path);
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(add(st, "王芳", PIN_WANG), STORE_OK);
    store_close(st);
    st = NULL;
    CHECK_INT(store_open(path, STORE_OPEN_READONLY, &st), STORE_OK);
    char name[KIOSK_STAFF_NAME_SIZE];
    long long until = 0;
    CHECK_INT(staff_login(st, PIN_WANG, fx_at("2026-12-01 09:00") * 60, name, &until), STORE_ERROR);
    CHECK_STR(name, "");
    CHECK(strstr(store_errmsg(st), PIN_WANG) == NULL);
    store_close(st);
}

int main(void)
{
    if (fx_dir_make("kiosk-pin-test", 0))
        return 1;
    RUN(test_pin_valid);
    RUN(test_hash_roundtrip);
    RUN(test_login);
    RUN(test_login_without_staff);
    RUN(test_login_readonly);
    fx_dir_remove();
    TEST_EXIT();
}
