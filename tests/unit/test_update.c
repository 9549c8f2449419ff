/* The minisign checks of update bundles, on vectors made by minisign 0.11
 * itself (the secret keys were thrown away): the default prehashed "ED"
 * signature, the legacy "Ed" one (minisign -l), and every way to spoil them. */
#include <sodium.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../firmware/update/update.h"
#include "test.h"

static const char pub[] = "untrusted comment: minisign public key 73B927E95B5954F1\n"
                          "RWTxVFlb6Se5c+AGDSbhbLwCiCFesUid4xbSvCL6YhCQZlopnHu0tK3z\n";
static const char other_pub[] = "untrusted comment: minisign public key 4AF06027D7914BF6\n"
                                "RWT2S5HXJ2DwSksbQzlSAyGbjb7JlrlbfdncjSioAabvBMEtBoC9+faS\n";
static const char msg[] = "kiosk update test vector\n";
static const char sig_ed[] =
    "untrusted comment: signature from minisign secret key\n"
    "RUTxVFlb6Se5c2EAL6Dk4P6lKdZ82vKbyxHGj/jHI0RyL3qV7viwTWyn2bWllwvUSR4S1I5JKpk0k5hXcABzmSDfDg6UqR"
    "j37Qo=\n"
    "trusted comment: prehashed vector\n"
    "w050+r2QJ+UMcgl8geMJGYiz3pMjzr3KsZQ73+DixsiUlubx0HUC0QGqb/YnICW9CFw65Oxk9SFHqVJ+YExYAg==\n";
static const char sig_legacy[] =
    "untrusted comment: signature from minisign secret key\n"
    "RWTxVFlb6Se5c9wHgd1XD4CSvOLoY6IotqiPKqR2DJdmr++qFEdvY3+3jbBpObCLta70NEVvXD/tG8pa5MdEdPuZooQL74"
    "Tc4ws=\n"
    "trusted comment: legacy vector\n"
    "JbAZkOi3OU4ly+vzB1bID9/law3NF3UKiaB2/eV/9b326yxbVOz+gKu/weRAkvm8YWcZhgUFkb9NW8jf76CYDw==\n";

static char err[512];

static int verify(const char *sig, const char *key, const char *data)
{
    update_pubkey_t k;
    err[0] = '\0';
    if (update_pubkey_parse(key, strlen(key), &k, err, sizeof err))
        return -2;
    return update_sig_verify_mem(&k, sig, strlen(sig), data, strlen(data), err, sizeof err);
}

/* Decodes base64 line `line` (0-based) of text, sets its byte `at` to value and
 * re-encodes: a signature or key spoiled in one chosen place. */
static char *spoil(const char *text, int line, size_t at, unsigned char value)
{
    static char out[2048];
    const char *s = text;
    for (int i = 0; i < line; i++)
        s = strchr(s, '\n') + 1;
    const char *e = strchr(s, '\n');
    unsigned char raw[128];
    size_t n;
    CHECK(sodium_base642bin(raw, sizeof raw, s, (size_t)(e - s), NULL, &n, NULL,
                            sodium_base64_VARIANT_ORIGINAL) == 0);
    raw[at] = value;
    char b[256];
    sodium_bin2base64(b, sizeof b, raw, n, sodium_base64_VARIANT_ORIGINAL);
    snprintf(out, sizeof out, "%.*s%s%s", (int)(s - text), text, b, e);
    return out;
}

static unsigned char byte_at(const char *text, int line, size_t at)
{
    const char *s = text;
    for (int i = 0; i < line; i++)
        s = strchr(s, '\n') + 1;
    unsigned char raw[128];
    size_t n;
    sodium_base642bin(raw, sizeof raw, s, strcspn(s, "\n"), NULL, &n, NULL,
                      sodium_base64_VARIANT_ORIGINAL);
    return raw[at];
}

static void genuine_signatures_verify(void)
{
    CHECK_INT(verify(sig_ed, pub, msg), 0);
    CHECK_STR(err, "");
    CHECK_INT(verify(sig_legacy, pub, msg), 0);
    CHECK_STR(err, "");
    /* The bare key line is a key too, and CRLF line ends are read. */
    CHECK_INT(verify(sig_ed, "RWTxVFlb6Se5c+AGDSbhbLwCiCFesUid4xbSvCL6YhCQZlopnHu0tK3z", msg), 0);
    char crlf[1024] = "";
    for (const char *p = sig_ed; *p; p++)
        strncat(crlf, *p == '\n' ? "\r\n" : (char[]){*p, 0}, sizeof crlf - strlen(crlf) - 1);
    CHECK_INT(verify(crlf, pub, msg), 0);
}

static void a_changed_file_is_refused(void)
{
    CHECK_INT(verify(sig_ed, pub, "kiosk update test vectoR\n"), -1);
    CHECK(strstr(err, "bad signature") != NULL);
    CHECK_INT(verify(sig_legacy, pub, "kiosk update test vector"), -1);
    CHECK(strstr(err, "bad signature") != NULL);
    CHECK_INT(verify(sig_ed, pub, ""), -1);
}

static void a_spoiled_signature_is_refused(void)
{
    /* A flipped bit in the signature proper (bytes 10..73 of line 2). */
    for (size_t at = 10; at < 74; at += 21) {
        CHECK_INT(verify(spoil(sig_ed, 1, at, byte_at(sig_ed, 1, at) ^ 1), pub, msg), -1);
        CHECK(strstr(err, "bad signature") != NULL);
    }
    /* The trusted comment changed, or its own signature. */
    char s[1024];
    snprintf(s, sizeof s, "%s", sig_ed);
    memcpy(strstr(s, "prehashed"), "Prehashed", 9);
    CHECK_INT(verify(s, pub, msg), -1);
    CHECK(strstr(err, "trusted comment") != NULL);
    CHECK_INT(verify(spoil(sig_ed, 3, 5, byte_at(sig_ed, 3, 5) ^ 0x80), pub, msg), -1);
    CHECK(strstr(err, "trusted comment") != NULL);
    /* "Ed" relabelled "ED" (or back): the other algorithm does not verify. */
    CHECK_INT(verify(spoil(sig_legacy, 1, 1, 'D'), pub, msg), -1);
    CHECK_INT(verify(spoil(sig_ed, 1, 1, 'd'), pub, msg), -1);
}

static void a_wrong_key_is_refused(void)
{
    CHECK_INT(verify(sig_ed, other_pub, msg), -1);
    CHECK(strstr(err, "73B927E95B5954F1") && strstr(err, "4AF06027D7914BF6"));
    /* The right key id over another public key. */
    CHECK_INT(verify(sig_ed, spoil(pub, 1, 20, byte_at(pub, 1, 20) ^ 4), msg), -1);
    CHECK(strstr(err, "bad signature") != NULL);
}

static void malformed_input_is_refused(void)
{
    CHECK_INT(verify(sig_ed, "untrusted comment: x\nRWTxVFlb6Se5c+AGDSbh!!\n", msg), -2);
    CHECK(strstr(err, "base64") != NULL);
    CHECK_INT(verify(sig_ed, "RWTxVFlb6Se5c+AGDSbhbLwCiCFesUid4xbSvCL6YhCQZlop", msg), -2);
    CHECK_INT(verify(sig_ed, "", msg), -2);
    CHECK_INT(verify(sig_ed, spoil(pub, 1, 0, 'X'), msg), -2);
    CHECK(strstr(err, "Ed25519") != NULL);
    CHECK_INT(verify(spoil(sig_ed, 1, 1, 'X'), pub, msg), -1);
    CHECK(strstr(err, "algorithm") != NULL);
    char cut[1024];
    snprintf(cut, sizeof cut, "%.*s", (int)(strstr(sig_ed, "w050") - sig_ed), sig_ed);
    CHECK_INT(verify(cut, pub, msg), -1);
    CHECK(strstr(err, "too short") != NULL);
    CHECK_INT(verify(strchr(sig_ed, '\n') + 1, pub, msg), -1);
    CHECK_INT(verify("", pub, msg), -1);
}

static void files_verify_like_memory(void)
{
    char path[] = "/tmp/test_update_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0 && write(fd, msg, strlen(msg)) == (ssize_t)strlen(msg));
    close(fd);
    update_pubkey_t k;
    CHECK(update_pubkey_parse(pub, strlen(pub), &k, err, sizeof err) == 0);
    CHECK_INT(update_sig_verify_file(&k, sig_ed, strlen(sig_ed), path, err, sizeof err), 0);
    CHECK_INT(update_sig_verify_file(&k, sig_legacy, strlen(sig_legacy), path, err, sizeof err), 0);
    fd = open(path, O_WRONLY | O_APPEND);
    CHECK(fd >= 0 && write(fd, "x", 1) == 1);
    close(fd);
    CHECK_INT(update_sig_verify_file(&k, sig_ed, strlen(sig_ed), path, err, sizeof err), -1);
    CHECK_INT(update_sig_verify_file(&k, sig_legacy, strlen(sig_legacy), path, err, sizeof err),
              -1);
    CHECK(truncate(path, 5) == 0);
    CHECK_INT(update_sig_verify_file(&k, sig_ed, strlen(sig_ed), path, err, sizeof err), -1);
    unlink(path);
    CHECK_INT(update_sig_verify_file(&k, sig_ed, strlen(sig_ed), path, err, sizeof err), -1);
    CHECK(strstr(err, "cannot open") != NULL);
}

static void versions_compare_numerically(void)
{
    CHECK(update_version_cmp("1.10.0", "1.9.9") > 0);
    CHECK(update_version_cmp("1.2", "1.2.0") == 0);
    CHECK(update_version_cmp("1.2.0", "1.2.1") < 0);
    CHECK(update_version_cmp("2", "10") < 0);
    CHECK(update_version_valid("0.1.0") && update_version_valid("2026.12.1.3"));
    CHECK(!update_version_valid("") && !update_version_valid("1..2") &&
          !update_version_valid("1.2.") && !update_version_valid("../1") &&
          !update_version_valid("1.2.3.4.5") && !update_version_valid("1.2-rc1") &&
          !update_version_valid("1234567890"));
    CHECK(strcmp(update_arch(), "unknown") != 0);
}

int main(void)
{
    RUN(genuine_signatures_verify);
    RUN(a_changed_file_is_refused);
    RUN(a_spoiled_signature_is_refused);
    RUN(a_wrong_key_is_refused);
    RUN(malformed_input_is_refused);
    RUN(files_verify_like_memory);
    RUN(versions_compare_numerically);
    TEST_EXIT();
}
