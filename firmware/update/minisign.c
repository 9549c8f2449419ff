/* minisign public keys and signatures, parsed and checked with libsodium:
 * the kiosk never runs minisign. Its own file because it is the one part a
 * reviewer of the update's security reads first. */
#include "update_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

static int b64(const char *s, size_t n, unsigned char *out, size_t want)
{
    size_t got;
    const char *end;
    if (sodium_base642bin(out, want, s, n, NULL, &got, &end, sodium_base64_VARIANT_ORIGINAL) != 0)
        return -1;
    return got == want && end == s + n ? 0 : -1;
}

static int starts(const char *s, size_t n, const char *prefix)
{
    size_t p = strlen(prefix);
    return n >= p && memcmp(s, prefix, p) == 0;
}

/* minisign prints key ids as 16 hex digits of the little-endian number. */
static void key_id_hex(const unsigned char id[8], char out[17])
{
    for (int i = 0; i < 8; i++)
        snprintf(out + 2 * i, 3, "%02X", id[7 - i]);
}

int update_pubkey_parse(const char *text, size_t len, update_pubkey_t *k, char *err, size_t errlen)
{
    if (sodium_init() < 0) {
        upd_say(err, errlen, "libsodium failed to start");
        return -1;
    }
    size_t pos = 0, n;
    const char *line;
    while (upd_next_line(text, len, &pos, &line, &n) == 0) {
        if (n == 0 || starts(line, n, "untrusted comment:"))
            continue;
        unsigned char raw[42];
        if (b64(line, n, raw, sizeof raw)) {
            upd_say(err, errlen, "not a minisign public key (bad base64 or wrong length)");
            return -1;
        }
        if (memcmp(raw, "Ed", 2) != 0) {
            upd_say(err, errlen, "not an Ed25519 minisign public key");
            return -1;
        }
        memcpy(k->id, raw + 2, 8);
        memcpy(k->pk, raw + 10, 32);
        return 0;
    }
    upd_say(err, errlen, "not a minisign public key (no key line)");
    return -1;
}

int update_pubkey_load(const char *path, update_pubkey_t *k, char *err, size_t errlen)
{
    char *text, e[256];
    size_t len;
    if (upd_slurp(path, SIGFILE_MAX, &text, &len, err, errlen))
        return -1;
    int rc = update_pubkey_parse(text, len, k, e, sizeof e);
    free(text);
    if (rc)
        upd_say(err, errlen, "%s: %s", path, e);
    return rc;
}

typedef struct minisig {
    unsigned char alg[2]; /* "Ed" or "ED" */
    unsigned char id[8];
    unsigned char sig[64];
    char trusted[TRUSTED_MAX + 1];
    size_t trusted_len;
    unsigned char global[64];
} minisig_t;

static int sig_parse(const char *text, size_t len, minisig_t *m, char *err, size_t errlen)
{
    size_t pos = 0, n[4];
    const char *l[4];
    for (int i = 0; i < 4; i++) {
        if (upd_next_line(text, len, &pos, &l[i], &n[i])) {
            upd_say(err, errlen, "signature file too short (4 lines expected)");
            return -1;
        }
    }
    if (!starts(l[0], n[0], "untrusted comment:")) {
        upd_say(err, errlen, "not a minisign signature (no untrusted comment line)");
        return -1;
    }
    unsigned char raw[74];
    if (b64(l[1], n[1], raw, sizeof raw)) {
        upd_say(err, errlen, "not a minisign signature (bad base64 or wrong length)");
        return -1;
    }
    memcpy(m->alg, raw, 2);
    memcpy(m->id, raw + 2, 8);
    memcpy(m->sig, raw + 10, 64);
    static const char tc[] = "trusted comment: ";
    if (!starts(l[2], n[2], tc) || n[2] - strlen(tc) > TRUSTED_MAX) {
        upd_say(err, errlen, "signature file: no trusted comment line");
        return -1;
    }
    m->trusted_len = n[2] - strlen(tc);
    memcpy(m->trusted, l[2] + strlen(tc), m->trusted_len);
    m->trusted[m->trusted_len] = '\0';
    if (b64(l[3], n[3], m->global, sizeof m->global)) {
        upd_say(err, errlen, "signature file: bad trusted comment signature (base64)");
        return -1;
    }
    if (memcmp(m->alg, "Ed", 2) != 0 && memcmp(m->alg, "ED", 2) != 0) {
        upd_say(err, errlen, "unknown signature algorithm '%c%c' (Ed or ED expected)",
                m->alg[0] >= 0x20 && m->alg[0] < 0x7f ? m->alg[0] : '?',
                m->alg[1] >= 0x20 && m->alg[1] < 0x7f ? m->alg[1] : '?');
        return -1;
    }
    return 0;
}

static int key_matches(const update_pubkey_t *k, const minisig_t *m, char *err, size_t errlen)
{
    if (memcmp(k->id, m->id, 8) == 0)
        return 0;
    char want[17], got[17];
    key_id_hex(k->id, want);
    key_id_hex(m->id, got);
    upd_say(err, errlen, "signed by key %s, not by the trusted key %s", got, want);
    return -1;
}

/* msg is the data ("Ed") or its BLAKE2b-512 ("ED"). */
static int sig_check(const update_pubkey_t *k, const minisig_t *m, const unsigned char *msg,
                     size_t len, char *err, size_t errlen)
{
    if (crypto_sign_verify_detached(m->sig, msg, len, k->pk) != 0) {
        upd_say(err, errlen, "bad signature: the file is not what the key signed");
        return -1;
    }
    unsigned char both[64 + TRUSTED_MAX];
    memcpy(both, m->sig, 64);
    memcpy(both + 64, m->trusted, m->trusted_len);
    if (crypto_sign_verify_detached(m->global, both, 64 + m->trusted_len, k->pk) != 0) {
        upd_say(err, errlen, "bad signature of the trusted comment");
        return -1;
    }
    return 0;
}

int update_sig_verify_mem(const update_pubkey_t *k, const char *sig, size_t siglen,
                          const void *data, size_t len, char *err, size_t errlen)
{
    minisig_t m;
    if (sig_parse(sig, siglen, &m, err, errlen) || key_matches(k, &m, err, errlen))
        return -1;
    if (m.alg[1] == 'd')
        return sig_check(k, &m, data, len, err, errlen);
    unsigned char h[crypto_generichash_BYTES_MAX];
    crypto_generichash(h, sizeof h, data, len, NULL, 0);
    return sig_check(k, &m, h, sizeof h, err, errlen);
}

static void blake2b_chunk(void *st, const unsigned char *buf, size_t n)
{
    crypto_generichash_update(st, buf, n);
}

int update_sig_verify_file(const update_pubkey_t *k, const char *sig, size_t siglen,
                           const char *path, char *err, size_t errlen)
{
    minisig_t m;
    if (sig_parse(sig, siglen, &m, err, errlen) || key_matches(k, &m, err, errlen))
        return -1;
    if (m.alg[1] == 'd') {
        char *data;
        size_t len;
        if (upd_slurp(path, BUNDLE_MAX, &data, &len, err, errlen))
            return -1;
        int rc = sig_check(k, &m, (unsigned char *)data, len, err, errlen);
        free(data);
        return rc;
    }
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, crypto_generichash_BYTES_MAX);
    if (upd_stream_file(path, blake2b_chunk, &st, err, errlen))
        return -1;
    unsigned char h[crypto_generichash_BYTES_MAX];
    crypto_generichash_final(&st, h, sizeof h);
    return sig_check(k, &m, h, sizeof h, err, errlen);
}
