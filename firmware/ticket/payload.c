#include "payload.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TAG_BYTES 10
#define TAG_CHARS 16 /* base32 of 10 bytes, no padding */

static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

static void base32(const unsigned char in[TAG_BYTES], char out[TAG_CHARS + 1])
{
    /* 10 bytes = 80 bits = exactly 16 symbols of 5 bits. */
    unsigned long long hi = 0, lo = 0;
    for (int i = 0; i < 5; i++)
        hi = hi << 8 | in[i];
    for (int i = 5; i < 10; i++)
        lo = lo << 8 | in[i];
    for (int i = 0; i < 8; i++) {
        out[7 - i] = b32[hi & 31];
        out[15 - i] = b32[lo & 31];
        hi >>= 5;
        lo >>= 5;
    }
    out[TAG_CHARS] = '\0';
}

static void tag_of(const ticket_key_t *key, const char *code, char out[TAG_CHARS + 1])
{
    char msg[sizeof TICKET_PAYLOAD_PREFIX + KIOSK_TICKET_LEN];
    unsigned char mac[crypto_auth_BYTES];
    size_t n = strlen(TICKET_PAYLOAD_PREFIX);
    memcpy(msg, TICKET_PAYLOAD_PREFIX, n);
    memcpy(msg + n, code, KIOSK_TICKET_LEN);
    crypto_auth(mac, (const unsigned char *)msg, n + KIOSK_TICKET_LEN, key->k);
    base32(mac, out);
    sodium_memzero(mac, sizeof mac);
}

void ticket_payload_make(const ticket_key_t *key, const char *code,
                         char out[TICKET_PAYLOAD_LEN + 1])
{
    char tag[TAG_CHARS + 1];
    tag_of(key, code, tag);
    snprintf(out, TICKET_PAYLOAD_LEN + 1, "%s%.8s:%s", TICKET_PAYLOAD_PREFIX, code, tag);
}

int ticket_payload_looks_like(const char *text)
{
    return text && strncmp(text, TICKET_PAYLOAD_PREFIX, strlen(TICKET_PAYLOAD_PREFIX)) == 0;
}

int ticket_payload_verify(const ticket_key_t *key, const char *payload,
                          char code[KIOSK_TICKET_SIZE])
{
    if (!payload)
        return -1;
    size_t len = strlen(payload);
    while (len && (payload[len - 1] == '\n' || payload[len - 1] == '\r'))
        len--;
    size_t pre = strlen(TICKET_PAYLOAD_PREFIX);
    if (len != TICKET_PAYLOAD_LEN || memcmp(payload, TICKET_PAYLOAD_PREFIX, pre) != 0 ||
        payload[pre + KIOSK_TICKET_LEN] != ':')
        return -1;
    char c[KIOSK_TICKET_SIZE];
    memcpy(c, payload + pre, KIOSK_TICKET_LEN);
    c[KIOSK_TICKET_LEN] = '\0';
    char norm[KIOSK_TICKET_SIZE];
    /* The code inside must already be canonical: no case or dash games. */
    if (ticket_code_normalize(c, norm) || strcmp(norm, c) != 0)
        return -1;
    char want[TAG_CHARS + 1];
    tag_of(key, c, want);
    int ok = sodium_memcmp(want, payload + pre + KIOSK_TICKET_LEN + 1, TAG_CHARS) == 0;
    sodium_memzero(want, sizeof want);
    if (!ok)
        return -1;
    memcpy(code, c, sizeof c);
    return 0;
}

void ticket_key_wipe(ticket_key_t *key)
{
    sodium_memzero(key, sizeof *key);
}

static int create_key(const char *path, char *err, size_t errlen)
{
    /* Written under a temporary name and linked into place, so a power cut
     * never leaves a short key that would make every ticket "forged". The
     * temporary name is this process's own: two programs starting at once
     * on one data directory (two kiosks, a kiosk and kioskctl) each write
     * their own, and the first link wins; with one shared name the second
     * unlinked the first's file before it was linked (tests/queue/concurrent.sh). */
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.new.%ld", path, (long)getpid());
    unlink(tmp);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot create the ticket key: %s", path, strerror(errno));
        return -1;
    }
    unsigned char k[TICKET_KEY_BYTES];
    randombytes_buf(k, sizeof k);
    ssize_t w = write(fd, k, sizeof k);
    sodium_memzero(k, sizeof k);
    int bad = w != (ssize_t)sizeof k || fsync(fd) != 0;
    bad |= close(fd) != 0;
    /* link() fails if another process created the key meanwhile: theirs wins. */
    if (bad || (link(tmp, path) != 0 && errno != EEXIST)) {
        snprintf(err, errlen, "%s: cannot write the ticket key: %s", path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    unlink(tmp);
    /* Make the new name durable before any ticket depends on it. */
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    else
        strcpy(dir, ".");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return 0;
}

int ticket_key_load(const char *path, int create, ticket_key_t *key, char *err, size_t errlen)
{
    if (sodium_init() < 0) {
        snprintf(err, errlen, "libsodium cannot start");
        return -1;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0 && errno == ENOENT && create) {
        if (create_key(path, err, errlen))
            return -1;
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    }
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot open the ticket key: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size != TICKET_KEY_BYTES) {
        snprintf(err, errlen, "%s: not a %d-byte ticket key file", path, TICKET_KEY_BYTES);
        close(fd);
        return -1;
    }
    if (st.st_mode & 077) {
        snprintf(err, errlen, "%s: the ticket key must be readable by its owner only (chmod 600)",
                 path);
        close(fd);
        return -1;
    }
    ssize_t r = read(fd, key->k, sizeof key->k);
    close(fd);
    if (r != (ssize_t)sizeof key->k) {
        ticket_key_wipe(key);
        snprintf(err, errlen, "%s: cannot read the ticket key", path);
        return -1;
    }
    return 0;
}
