/* nftw() */
#define _XOPEN_SOURCE 700

#include "update.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "../platform/fsync.h"

/* A bundle holds the application (binaries, font, catalog): a few MB. The
 * cap bounds what a legacy "Ed" signature makes us hold in memory. */
#define BUNDLE_MAX (256L * 1024 * 1024)
#define MANIFEST_MAX (1024 * 1024)
#define MANIFEST_FILES_MAX 4096
#define SIGFILE_MAX 4096
#define TRUSTED_MAX 1024
#define PATHBUF 4096
#define NAME_MAX_LEN 255

__attribute__((format(printf, 3, 4))) static void say(char *buf, size_t n, const char *fmt, ...);
static void say(char *buf, size_t n, const char *fmt, ...)
{
    if (!buf || !n)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, n, fmt, ap);
    va_end(ap);
}

/* Test hook (tests/update/kill.sh): with KIOSK_UPDATE_CRASH_AT set, each
 * step is named on stderr and the named one kills the process there, as a
 * power cut would. */
static void step(const char *name)
{
    const char *at = getenv("KIOSK_UPDATE_CRASH_AT");
    if (!at)
        return;
    fprintf(stderr, "update: step %s\n", name);
    if (strcmp(at, name) == 0)
        raise(SIGKILL);
}

static int read_full(int fd, void *buf, size_t n)
{
    unsigned char *p = buf;
    while (n) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

static int write_full(int fd, const void *buf, size_t n)
{
    const unsigned char *p = buf;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* A file of at most max bytes, whole, NUL-terminated. 0, or -1 with err. */
static int slurp(const char *path, size_t max, char **out, size_t *len, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        say(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    /* Sized by the file (one byte more shows that it grew meanwhile). */
    if (st.st_size >= 0 && (unsigned long long)st.st_size < max)
        max = (size_t)st.st_size;
    char *buf = malloc(max + 2);
    size_t n = 0;
    ssize_t r = 0;
    while (buf && n <= max && (r = read(fd, buf + n, max + 1 - n)) != 0) {
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            break;
        n += (size_t)r;
    }
    int e = errno;
    close(fd);
    if (!buf || r < 0 || n > max) {
        say(err, errlen, "%s: %s", path,
            !buf    ? "out of memory"
            : r < 0 ? strerror(e)
                    : "file too large");
        free(buf);
        return -1;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

/* ---- minisign ----------------------------------------------------------- */

/* The next line of text[*pos..len), without its "\n" or "\r\n". */
static int next_line(const char *text, size_t len, size_t *pos, const char **line, size_t *n)
{
    if (*pos >= len)
        return -1;
    const char *s = text + *pos;
    const char *nl = memchr(s, '\n', len - *pos);
    size_t l = nl ? (size_t)(nl - s) : len - *pos;
    *pos += l + (nl ? 1 : 0);
    if (l && s[l - 1] == '\r')
        l--;
    *line = s;
    *n = l;
    return 0;
}

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
        say(err, errlen, "libsodium failed to start");
        return -1;
    }
    size_t pos = 0, n;
    const char *line;
    while (next_line(text, len, &pos, &line, &n) == 0) {
        if (n == 0 || starts(line, n, "untrusted comment:"))
            continue;
        unsigned char raw[42];
        if (b64(line, n, raw, sizeof raw)) {
            say(err, errlen, "not a minisign public key (bad base64 or wrong length)");
            return -1;
        }
        if (memcmp(raw, "Ed", 2) != 0) {
            say(err, errlen, "not an Ed25519 minisign public key");
            return -1;
        }
        memcpy(k->id, raw + 2, 8);
        memcpy(k->pk, raw + 10, 32);
        return 0;
    }
    say(err, errlen, "not a minisign public key (no key line)");
    return -1;
}

int update_pubkey_load(const char *path, update_pubkey_t *k, char *err, size_t errlen)
{
    char *text, e[256];
    size_t len;
    if (slurp(path, SIGFILE_MAX, &text, &len, err, errlen))
        return -1;
    int rc = update_pubkey_parse(text, len, k, e, sizeof e);
    free(text);
    if (rc)
        say(err, errlen, "%s: %s", path, e);
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
        if (next_line(text, len, &pos, &l[i], &n[i])) {
            say(err, errlen, "signature file too short (4 lines expected)");
            return -1;
        }
    }
    if (!starts(l[0], n[0], "untrusted comment:")) {
        say(err, errlen, "not a minisign signature (no untrusted comment line)");
        return -1;
    }
    unsigned char raw[74];
    if (b64(l[1], n[1], raw, sizeof raw)) {
        say(err, errlen, "not a minisign signature (bad base64 or wrong length)");
        return -1;
    }
    memcpy(m->alg, raw, 2);
    memcpy(m->id, raw + 2, 8);
    memcpy(m->sig, raw + 10, 64);
    static const char tc[] = "trusted comment: ";
    if (!starts(l[2], n[2], tc) || n[2] - strlen(tc) > TRUSTED_MAX) {
        say(err, errlen, "signature file: no trusted comment line");
        return -1;
    }
    m->trusted_len = n[2] - strlen(tc);
    memcpy(m->trusted, l[2] + strlen(tc), m->trusted_len);
    m->trusted[m->trusted_len] = '\0';
    if (b64(l[3], n[3], m->global, sizeof m->global)) {
        say(err, errlen, "signature file: bad trusted comment signature (base64)");
        return -1;
    }
    if (memcmp(m->alg, "Ed", 2) != 0 && memcmp(m->alg, "ED", 2) != 0) {
        say(err, errlen, "unknown signature algorithm '%c%c' (Ed or ED expected)",
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
    say(err, errlen, "signed by key %s, not by the trusted key %s", got, want);
    return -1;
}

/* msg is the data ("Ed") or its BLAKE2b-512 ("ED"). */
static int sig_check(const update_pubkey_t *k, const minisig_t *m, const unsigned char *msg,
                     size_t len, char *err, size_t errlen)
{
    if (crypto_sign_verify_detached(m->sig, msg, len, k->pk) != 0) {
        say(err, errlen, "bad signature: the file is not what the key signed");
        return -1;
    }
    unsigned char both[64 + TRUSTED_MAX];
    memcpy(both, m->sig, 64);
    memcpy(both + 64, m->trusted, m->trusted_len);
    if (crypto_sign_verify_detached(m->global, both, 64 + m->trusted_len, k->pk) != 0) {
        say(err, errlen, "bad signature of the trusted comment");
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

/* Feeds the file to fn in chunks, without holding it in memory. */
static int stream_file(const char *path, void (*fn)(void *, const unsigned char *, size_t),
                       void *ctx, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        say(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    unsigned char buf[65536];
    ssize_t r;
    while ((r = read(fd, buf, sizeof buf)) != 0) {
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            say(err, errlen, "%s: %s", path, strerror(errno));
            close(fd);
            return -1;
        }
        fn(ctx, buf, (size_t)r);
    }
    close(fd);
    return 0;
}

static void blake2b_chunk(void *st, const unsigned char *buf, size_t n)
{
    crypto_generichash_update(st, buf, n);
}

static void sha256_chunk(void *st, const unsigned char *buf, size_t n)
{
    crypto_hash_sha256_update(st, buf, n);
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
        if (slurp(path, BUNDLE_MAX, &data, &len, err, errlen))
            return -1;
        int rc = sig_check(k, &m, (unsigned char *)data, len, err, errlen);
        free(data);
        return rc;
    }
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, crypto_generichash_BYTES_MAX);
    if (stream_file(path, blake2b_chunk, &st, err, errlen))
        return -1;
    unsigned char h[crypto_generichash_BYTES_MAX];
    crypto_generichash_final(&st, h, sizeof h);
    return sig_check(k, &m, h, sizeof h, err, errlen);
}

/* ---- versions and boards ------------------------------------------------ */

int update_version_valid(const char *v)
{
    size_t n = strlen(v);
    int parts = 1, digits = 0;
    if (n == 0 || n > UPDATE_VERSION_MAX)
        return 0;
    for (const char *p = v; *p; p++) {
        if (*p == '.') {
            if (!digits || ++parts > 4)
                return 0;
            digits = 0;
        } else if (*p >= '0' && *p <= '9') {
            if (++digits > 9)
                return 0;
        } else {
            return 0;
        }
    }
    return digits > 0;
}

int update_version_cmp(const char *a, const char *b)
{
    while (*a || *b) {
        long x = strtol(a, (char **)&a, 10), y = strtol(b, (char **)&b, 10);
        if (x != y)
            return x < y ? -1 : 1;
        if (*a == '.')
            a++;
        if (*b == '.')
            b++;
    }
    return 0;
}

const char *update_arch(void)
{
#if defined(__x86_64__)
    return "amd64";
#elif defined(__aarch64__)
    return "arm64";
#elif defined(__arm__)
    return "armhf";
#elif defined(__i386__)
    return "i386";
#else
    return "unknown";
#endif
}

/* ---- paths and files ---------------------------------------------------- */

static int join(char out[PATHBUF], const char *a, const char *b)
{
    return (size_t)snprintf(out, PATHBUF, "%s/%s", a, b) < PATHBUF ? 0 : -1;
}

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(p) == 0 || errno == ENOENT ? 0 : -1;
}

static int rm_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int fsync_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    return flag == FTW_D || flag == FTW_DP ? fsync_dir(p) : 0;
}

/* Writes path atomically: a temporary file, fsync, rename, fsync of the
 * directory. */
static int write_atomic(const char *dir, const char *name, const char *data, size_t len,
                        mode_t mode)
{
    char path[PATHBUF], tmp[PATHBUF];
    if (join(path, dir, name) || (size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp)
        return -1;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0)
        return -1;
    int rc = fchmod(fd, mode) || write_full(fd, data, len) || fsync(fd) ? -1 : 0;
    if (close(fd) != 0)
        rc = -1;
    if (rc == 0 && rename(tmp, path) != 0)
        rc = -1;
    if (rc)
        unlink(tmp);
    return rc == 0 ? fsync_dir(dir) : -1;
}

/* ---- links and state ---------------------------------------------------- */

/* The version a link (current, previous) names: "" when there is none. */
static int link_version(const char *root, const char *name, char out[UPDATE_VERSION_MAX + 1])
{
    char path[PATHBUF], target[PATHBUF];
    out[0] = '\0';
    if (join(path, root, name))
        return -1;
    ssize_t n = readlink(path, target, sizeof target - 1);
    if (n < 0)
        return errno == ENOENT ? 0 : -1;
    target[n] = '\0';
    static const char pre[] = "releases/";
    if (strncmp(target, pre, strlen(pre)) != 0 || !update_version_valid(target + strlen(pre)))
        return -1;
    strcpy(out, target + strlen(pre));
    return 0;
}

/* Points root/name at releases/<version>: a new link under a temporary
 * name renamed over the old one, then the directory synced. */
static int set_link(const char *root, const char *name, const char *version)
{
    char path[PATHBUF], tmp[PATHBUF], target[64];
    snprintf(target, sizeof target, "releases/%s", version);
    if (join(path, root, name) || (size_t)snprintf(tmp, sizeof tmp, "%s.new", path) >= sizeof tmp)
        return -1;
    unlink(tmp);
    if (symlink(target, tmp) != 0)
        return -1;
    if (rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return fsync_dir(root);
}

typedef struct state {
    char pending[UPDATE_VERSION_MAX + 1];
    char rolled_back[UPDATE_VERSION_MAX + 1];
    int boots;
} state_t;

static int state_read(const char *root, state_t *s, char *err, size_t errlen)
{
    char path[PATHBUF], *text;
    size_t len;
    memset(s, 0, sizeof *s);
    if (join(path, root, "state/update.state"))
        return -1;
    if (access(path, F_OK) != 0 && errno == ENOENT)
        return 0;
    if (slurp(path, 4096, &text, &len, err, errlen))
        return -1;
    size_t pos = 0, n;
    const char *line;
    int rc = 0;
    while (rc == 0 && next_line(text, len, &pos, &line, &n) == 0) {
        char l[128], *val;
        if (n == 0)
            continue;
        if (n >= sizeof l || !(val = memchr(line, ' ', n))) {
            rc = -1;
            break;
        }
        memcpy(l, line, n);
        l[n] = '\0';
        val = l + (val - line);
        *val++ = '\0';
        if (strcmp(l, "boots") == 0)
            s->boots = atoi(val);
        else if (strcmp(l, "pending") == 0 && update_version_valid(val))
            strcpy(s->pending, val);
        else if (strcmp(l, "rolled_back") == 0 && update_version_valid(val))
            strcpy(s->rolled_back, val);
        else
            rc = -1;
    }
    free(text);
    if (rc)
        say(err, errlen, "%s: damaged (remove it to start afresh)", path);
    return rc;
}

static int state_write(const char *root, const state_t *s)
{
    char dir[PATHBUF], text[256];
    int n = snprintf(text, sizeof text, "%s%s%sboots %d\n%s%s%s", s->pending[0] ? "pending " : "",
                     s->pending, s->pending[0] ? "\n" : "", s->boots,
                     s->rolled_back[0] ? "rolled_back " : "", s->rolled_back,
                     s->rolled_back[0] ? "\n" : "");
    return join(dir, root, "state") ? -1 : write_atomic(dir, "update.state", text, (size_t)n, 0644);
}

/* Takes root/state/lock (creating root, state/ and releases/ when
 * needed). Returns the lock's fd, or -1 with err. */
static int lock_root(const char *root, int wait, int create, char *err, size_t errlen)
{
    char path[PATHBUF];
    /* Readable by the kiosk's user whatever the umask: it reads the state
     * and runs from releases/, and writes none of it. */
    static const char *const dirs[] = {"", "state", "releases"};
    for (int i = 0; create && i < 3; i++) {
        if (join(path, root, dirs[i]) ||
            (mkdir(path, 0755) == 0 ? chmod(path, 0755) != 0 : errno != EEXIST)) {
            say(err, errlen, "%s: cannot create: %s", path, strerror(errno));
            return -1;
        }
    }
    if (join(path, root, "state/lock"))
        return -1;
    int fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0660);
    if (fd < 0) {
        say(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    while (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
        if (errno == EINTR)
            continue;
        say(err, errlen, "another update, rollback or boot check is running (%s)", path);
        close(fd);
        return -1;
    }
    return fd;
}

#define HEALTH_MARK "update-healthy"

/* The kiosk's mark says version served its health period. */
static int marked_healthy(const char *data_dir, const char *version)
{
    char path[PATHBUF], mark[UPDATE_VERSION_MAX + 2] = "";
    if (!data_dir || !version[0] || join(path, data_dir, HEALTH_MARK))
        return 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    int ok = fgets(mark, sizeof mark, f) && strcspn(mark, "\n") == strlen(version) &&
             strncmp(mark, version, strlen(version)) == 0;
    fclose(f);
    return ok;
}

int update_status(const char *root, const char *data_dir, update_status_t *s, char *err,
                  size_t errlen)
{
    memset(s, 0, sizeof *s);
    state_t st;
    if (link_version(root, "current", s->current) || link_version(root, "previous", s->previous)) {
        say(err, errlen, "%s: current or previous is not a link to releases/<version>", root);
        return -1;
    }
    if (state_read(root, &st, err, errlen))
        return -1;
    strcpy(s->pending, st.pending);
    strcpy(s->rolled_back, st.rolled_back);
    s->boots = st.boots;
    s->healthy = marked_healthy(data_dir, s->pending);
    return 0;
}

/* ---- manifest ----------------------------------------------------------- */

typedef struct mfile {
    char *path;
    unsigned char sha[32];
    int seen;
} mfile_t;

typedef struct manifest {
    char version[UPDATE_VERSION_MAX + 1];
    char arch[256];
    mfile_t *files;
    int nfiles;
} manifest_t;

static void manifest_free(manifest_t *m)
{
    for (int i = 0; i < m->nfiles; i++)
        free(m->files[i].path);
    free(m->files);
    memset(m, 0, sizeof *m);
}

/* A relative path of plain names: no "", ".", ".." component, no leading
 * "/", no control characters. */
static int safe_path(const char *p)
{
    size_t n = strlen(p);
    if (n == 0 || n > NAME_MAX_LEN || p[0] == '/')
        return 0;
    for (const char *c = p; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            return 0;
    const char *s = p;
    for (;;) {
        const char *e = strchr(s, '/');
        size_t l = e ? (size_t)(e - s) : strlen(s);
        if (l == 0 || (l == 1 && s[0] == '.') || (l == 2 && s[0] == '.' && s[1] == '.'))
            return 0;
        if (!e)
            return 1;
        s = e + 1;
    }
}

static int hexbytes(const char *s, size_t n, unsigned char *out, size_t want)
{
    size_t got;
    const char *end;
    return n == want * 2 && sodium_hex2bin(out, want, s, n, NULL, &got, &end) == 0 && got == want
               ? 0
               : -1;
}

static int manifest_parse(const char *text, size_t len, manifest_t *m, char *err, size_t errlen)
{
    size_t pos = 0, n;
    const char *line;
    int lineno = 0;
    memset(m, 0, sizeof *m);
    m->files = calloc(MANIFEST_FILES_MAX, sizeof *m->files);
    if (!m->files) {
        say(err, errlen, "out of memory");
        return -1;
    }
    while (next_line(text, len, &pos, &line, &n) == 0) {
        char l[PATHBUF];
        lineno++;
        if (n >= sizeof l || memchr(line, '\0', n))
            goto bad;
        memcpy(l, line, n);
        l[n] = '\0';
        if (lineno == 1) {
            if (strcmp(l, "kiosk-update 1") != 0) {
                say(err, errlen, "manifest: not a kiosk update manifest (format 1)");
                return -1;
            }
        } else if (strncmp(l, "version ", 8) == 0 && !m->version[0]) {
            if (!update_version_valid(l + 8))
                goto bad;
            strcpy(m->version, l + 8);
        } else if (strncmp(l, "arch ", 5) == 0 && !m->arch[0]) {
            if (strlen(l + 5) >= sizeof m->arch)
                goto bad;
            strcpy(m->arch, l + 5);
        } else if (strncmp(l, "file ", 5) == 0 && n > 5 + 64 + 1 && l[5 + 64] == ' ') {
            const char *p = l + 5 + 64 + 1;
            if (m->nfiles >= MANIFEST_FILES_MAX ||
                hexbytes(l + 5, 64, m->files[m->nfiles].sha, 32) || !safe_path(p) ||
                strcmp(p, "manifest") == 0)
                goto bad;
            for (int i = 0; i < m->nfiles; i++)
                if (strcmp(m->files[i].path, p) == 0)
                    goto bad;
            if (!(m->files[m->nfiles].path = strdup(p)))
                goto bad;
            m->nfiles++;
        } else {
            goto bad;
        }
    }
    if (!m->version[0] || !m->arch[0] || m->nfiles == 0) {
        say(err, errlen, "manifest: version, arch and at least one file are required");
        return -1;
    }
    return 0;
bad:
    say(err, errlen, "manifest line %d: not understood or not allowed", lineno);
    return -1;
}

static int arch_ok(const char *list)
{
    const char *me = update_arch();
    size_t n = strlen(me);
    for (const char *p = list; *p;) {
        while (*p == ' ')
            p++;
        size_t l = strcspn(p, " ");
        if (l == n && strncmp(p, me, n) == 0)
            return 1;
        p += l;
    }
    return 0;
}

static mfile_t *manifest_find(manifest_t *m, const char *path)
{
    for (int i = 0; i < m->nfiles; i++)
        if (strcmp(m->files[i].path, path) == 0)
            return &m->files[i];
    return NULL;
}

/* ---- ustar -------------------------------------------------------------- */

typedef struct tar_entry {
    char name[PATHBUF];
    char type;
    unsigned long long size;
    int exec;
} tar_entry_t;

static int octal(const unsigned char *f, size_t n, unsigned long long *out)
{
    size_t i = 0;
    unsigned long long v = 0;
    int digits = 0;
    while (i < n && f[i] == ' ')
        i++;
    for (; i < n && f[i] >= '0' && f[i] <= '7'; i++, digits++) {
        if (v >> 60)
            return -1;
        v = v * 8 + (unsigned)(f[i] - '0');
    }
    if (!digits || (i < n && f[i] != ' ' && f[i] != '\0'))
        return -1;
    *out = v;
    return 0;
}

/* Reads the next header. 1 an entry, 0 the end, -1 with err. */
static int tar_next(int fd, tar_entry_t *e, char *err, size_t errlen)
{
    unsigned char h[512];
    if (read_full(fd, h, sizeof h)) {
        say(err, errlen, "bundle: truncated tar archive");
        return -1;
    }
    int zero = 1;
    for (size_t i = 0; i < sizeof h && zero; i++)
        zero = h[i] == 0;
    if (zero)
        return 0;
    unsigned long long sum, mode, want = 0;
    for (size_t i = 0; i < sizeof h; i++)
        want += i >= 148 && i < 156 ? ' ' : h[i];
    if (octal(h + 148, 8, &sum) || sum != want ||
        memcmp(h + 257,
               "ustar\0"
               "00",
               8) != 0) {
        say(err, errlen, "bundle: not a POSIX ustar archive (bad header)");
        return -1;
    }
    char name[101], prefix[156];
    memcpy(name, h, 100);
    name[100] = '\0';
    memcpy(prefix, h + 345, 155);
    prefix[155] = '\0';
    snprintf(e->name, sizeof e->name, "%s%s%s", prefix, prefix[0] ? "/" : "", name);
    e->type = (char)h[156];
    if (octal(h + 124, 12, &e->size) || octal(h + 100, 8, &mode)) {
        say(err, errlen, "bundle: %s: bad size or mode", e->name);
        return -1;
    }
    e->exec = (mode & 0111) != 0;
    size_t n = strlen(e->name);
    if (e->type == '5' && n > 1 && e->name[n - 1] == '/')
        e->name[n - 1] = '\0';
    if (e->type != '0' && e->type != '\0' && e->type != '5') {
        say(err, errlen, "bundle: %s: links, devices and other special entries are not allowed",
            e->name);
        return -1;
    }
    if (!safe_path(e->name)) {
        say(err, errlen, "bundle: '%s': absolute paths and '..' are not allowed", e->name);
        return -1;
    }
    return 1;
}

/* Directories along path under base, created as needed; never through a
 * link (there are none: base is new and the archive holds no links). */
static int make_parents(const char *base, const char *path)
{
    char p[PATHBUF];
    if (join(p, base, path))
        return -1;
    for (char *s = p + strlen(base) + 1; (s = strchr(s, '/')); s++) {
        *s = '\0';
        struct stat st;
        if (mkdir(p, 0755) == 0 ? chmod(p, 0755) != 0
                                : errno != EEXIST || lstat(p, &st) || !S_ISDIR(st.st_mode))
            return -1;
        *s = '/';
    }
    return 0;
}

/* Copies one entry's data to dir/path, checking it against the manifest. */
static int unpack_file(int fd, const tar_entry_t *e, const char *dir, mfile_t *mf, char *err,
                       size_t errlen)
{
    char path[PATHBUF];
    if (make_parents(dir, e->name) || join(path, dir, e->name)) {
        say(err, errlen, "%s: cannot create its directory: %s", e->name, strerror(errno));
        return -1;
    }
    int out =
        open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, e->exec ? 0755 : 0644);
    if (out < 0 || fchmod(out, e->exec ? 0755 : 0644) != 0) {
        say(err, errlen, "%s: cannot create: %s", path, strerror(errno));
        if (out >= 0)
            close(out);
        return -1;
    }
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    unsigned char buf[65536];
    unsigned long long left = e->size, padded = (e->size + 511) / 512 * 512;
    int rc = 0;
    while (rc == 0 && left) {
        size_t n = left < sizeof buf ? (size_t)left : sizeof buf;
        if (read_full(fd, buf, n)) {
            say(err, errlen, "bundle: truncated in %s", e->name);
            rc = -1;
        } else if (write_full(out, buf, n)) {
            say(err, errlen, "%s: cannot write: %s", path, strerror(errno));
            rc = -1;
        } else {
            crypto_hash_sha256_update(&st, buf, n);
            left -= n;
        }
    }
    if (rc == 0 && padded > e->size && read_full(fd, buf, (size_t)(padded - e->size))) {
        say(err, errlen, "bundle: truncated in %s", e->name);
        rc = -1;
    }
    if (rc == 0 && fsync(out) != 0) {
        say(err, errlen, "%s: cannot write: %s", path, strerror(errno));
        rc = -1;
    }
    if (close(out) != 0 && rc == 0) {
        say(err, errlen, "%s: cannot write: %s", path, strerror(errno));
        rc = -1;
    }
    unsigned char sha[32];
    crypto_hash_sha256_final(&st, sha);
    if (rc == 0 && sodium_memcmp(sha, mf->sha, 32) != 0) {
        say(err, errlen, "bundle: %s does not match its sha256 in the manifest", e->name);
        rc = -1;
    }
    mf->seen = 1;
    return rc;
}

/* Reads the manifest, the archive's first entry. */
static int read_manifest(int fd, manifest_t *m, char **text, size_t *len, char *err, size_t errlen)
{
    tar_entry_t e;
    int r = tar_next(fd, &e, err, errlen);
    if (r <= 0 || e.type == '5' || strcmp(e.name, "manifest") != 0 || e.size > MANIFEST_MAX) {
        if (r >= 0)
            say(err, errlen, "bundle: the first entry must be the manifest");
        return -1;
    }
    size_t padded = (size_t)(e.size + 511) / 512 * 512;
    char *t = malloc(padded + 1);
    if (!t || read_full(fd, t, padded)) {
        say(err, errlen, t ? "bundle: truncated in the manifest" : "out of memory");
        free(t);
        return -1;
    }
    t[e.size] = '\0';
    if (manifest_parse(t, (size_t)e.size, m, err, errlen)) {
        free(t);
        return -1;
    }
    *text = t;
    *len = (size_t)e.size;
    return 0;
}

/* Unpacks the rest of the archive into dir, then writes the manifest there
 * and syncs every directory. */
static int unpack_rest(int fd, manifest_t *m, const char *mtext, size_t mlen, const char *dir,
                       char *err, size_t errlen)
{
    int first = 1;
    for (;;) {
        tar_entry_t e;
        int r = tar_next(fd, &e, err, errlen);
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        if (e.type == '5') {
            if (e.size) {
                say(err, errlen, "bundle: %s: a directory with data", e.name);
                return -1;
            }
            continue; /* made as files need them */
        }
        mfile_t *mf = manifest_find(m, e.name);
        if (!mf || mf->seen) {
            say(err, errlen, "bundle: %s is %s", e.name,
                mf ? "in the archive twice" : "not in the manifest");
            return -1;
        }
        if (unpack_file(fd, &e, dir, mf, err, errlen))
            return -1;
        if (first)
            step("unpack-file");
        first = 0;
    }
    for (int i = 0; i < m->nfiles; i++) {
        if (!m->files[i].seen) {
            say(err, errlen, "bundle: %s is in the manifest but not in the archive",
                m->files[i].path);
            return -1;
        }
    }
    if (write_atomic(dir, "manifest", mtext, mlen, 0644) != 0 ||
        nftw(dir, fsync_entry, 16, FTW_PHYS) != 0) {
        say(err, errlen, "%s: cannot write: %s", dir, strerror(errno));
        return -1;
    }
    return 0;
}

static int hash_file(const char *path, unsigned char sha[32], char *err, size_t errlen)
{
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    if (stream_file(path, sha256_chunk, &st, err, errlen))
        return -1;
    crypto_hash_sha256_final(&st, sha);
    return 0;
}

int update_release_check(const char *root, const char *version, char *err, size_t errlen)
{
    char dir[PATHBUF], path[PATHBUF], *text;
    size_t len;
    manifest_t m;
    if (sodium_init() < 0) {
        say(err, errlen, "libsodium failed to start");
        return -1;
    }
    if (!update_version_valid(version) ||
        (size_t)snprintf(dir, sizeof dir, "%s/releases/%s", root, version) >= sizeof dir ||
        join(path, dir, "manifest")) {
        say(err, errlen, "not a release version: '%s'", version);
        return -1;
    }
    if (slurp(path, MANIFEST_MAX, &text, &len, err, errlen))
        return -1;
    int rc = manifest_parse(text, len, &m, err, errlen);
    free(text);
    for (int i = 0; rc == 0 && i < m.nfiles; i++) {
        unsigned char sha[32];
        if (join(path, dir, m.files[i].path) || hash_file(path, sha, err, errlen)) {
            rc = -1;
            break;
        }
        if (sodium_memcmp(sha, m.files[i].sha, 32) != 0) {
            say(err, errlen, "%s: differs from the release's manifest", path);
            rc = -1;
        }
    }
    if (rc == 0 && strcmp(m.version, version) != 0) {
        say(err, errlen, "%s: its manifest says version %s", dir, m.version);
        rc = -1;
    }
    manifest_free(&m);
    return rc;
}

/* ---- apply, rollback, boot ---------------------------------------------- */

static int copy_file(const char *from, const char *to, char *err, size_t errlen)
{
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0) {
        say(err, errlen, "%s: cannot open: %s", from, strerror(errno));
        return -1;
    }
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (out < 0) {
        say(err, errlen, "%s: cannot create: %s", to, strerror(errno));
        close(in);
        return -1;
    }
    unsigned char buf[65536];
    ssize_t r;
    long long total = 0;
    int rc = 0;
    while (rc == 0 && (r = read(in, buf, sizeof buf)) != 0) {
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0 || (total += r) > BUNDLE_MAX || write_full(out, buf, (size_t)r)) {
            say(err, errlen, "%s: %s", r < 0 ? from : to,
                total > BUNDLE_MAX ? "larger than a bundle can be" : strerror(errno));
            rc = -1;
        }
    }
    close(in);
    if (close(out) != 0 && rc == 0) {
        say(err, errlen, "%s: %s", to, strerror(errno));
        rc = -1;
    }
    return rc;
}

/* Removes every release that neither current nor previous names, and the
 * leftovers of an interrupted install. */
static void prune(const char *root)
{
    char dir[PATHBUF], cur[UPDATE_VERSION_MAX + 1], prev[UPDATE_VERSION_MAX + 1];
    if (join(dir, root, "releases") || link_version(root, "current", cur) ||
        link_version(root, "previous", prev) || !cur[0])
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d))) {
        char path[PATHBUF];
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
            strcmp(de->d_name, cur) == 0 || strcmp(de->d_name, prev) == 0)
            continue;
        if (join(path, dir, de->d_name) == 0)
            rm_tree(path);
    }
    closedir(d);
    fsync_dir(dir);
}

/* Makes previous current and current previous; the caller holds the lock. */
static int do_rollback(const char *root, const char *why, char *msg, size_t msglen)
{
    update_status_t s;
    char err[512];
    if (update_status(root, NULL, &s, err, sizeof err)) {
        say(msg, msglen, "%s", err);
        return UPDATE_REFUSED;
    }
    if (!s.previous[0] || strcmp(s.previous, s.current) == 0) {
        say(msg, msglen, "%sno previous release to roll back to (current: %s)", why,
            s.current[0] ? s.current : "none");
        return UPDATE_REFUSED;
    }
    if (update_release_check(root, s.previous, err, sizeof err)) {
        say(msg, msglen, "%sprevious release %s is not complete, not rolling back: %s", why,
            s.previous, err);
        return UPDATE_REFUSED;
    }
    if (set_link(root, "current", s.previous)) {
        say(msg, msglen, "%scannot switch current: %s", why, strerror(errno));
        return UPDATE_REFUSED;
    }
    step("rollback-switch");
    set_link(root, "previous", s.current);
    step("rollback-previous");
    state_t st = {.boots = 0};
    strcpy(st.rolled_back, s.current);
    if (state_write(root, &st)) {
        say(msg, msglen, "%srolled back to %s, but the state file could not be written: %s", why,
            s.previous, strerror(errno));
        return UPDATE_REFUSED;
    }
    step("rollback-state");
    say(msg, msglen, "%srolled back from %s to %s", why, s.current, s.previous);
    return UPDATE_OK;
}

int update_rollback(const update_opts_t *o, char *msg, size_t msglen)
{
    char dir[PATHBUF];
    struct stat sb;
    if (join(dir, o->root, "state") || stat(dir, &sb) != 0) {
        say(msg, msglen, "no update installed under %s: nothing to roll back to", o->root);
        return UPDATE_REFUSED;
    }
    int lock = lock_root(o->root, 0, 0, msg, msglen);
    if (lock < 0)
        return UPDATE_REFUSED;
    int rc = do_rollback(o->root, "", msg, msglen);
    close(lock);
    return rc;
}

int update_boot(const update_opts_t *o, char *msg, size_t msglen)
{
    char err[512] = "", cur[UPDATE_VERSION_MAX + 1];
    state_t st;
    struct stat sb;
    char dir[PATHBUF];
    if (join(dir, o->root, "state") || stat(dir, &sb) != 0) {
        say(msg, msglen, "no update installed under %s", o->root);
        return UPDATE_OK;
    }
    int lock = lock_root(o->root, 1, 0, msg, msglen);
    if (lock < 0)
        return UPDATE_REFUSED;
    int rc = UPDATE_OK;
    if (state_read(o->root, &st, err, sizeof err) || link_version(o->root, "current", cur)) {
        say(msg, msglen, "%s", err[0] ? err : "current is not a release link");
        rc = UPDATE_REFUSED;
    } else if (!st.pending[0]) {
        say(msg, msglen, "release %s is kept; nothing pending", cur[0] ? cur : "(none)");
    } else if (strcmp(st.pending, cur) != 0) {
        /* The installer stopped before its switch: the old release runs. */
        say(msg, msglen, "update to %s was never switched to; %s stays", st.pending, cur);
        st.pending[0] = '\0';
        st.boots = 0;
        rc = state_write(o->root, &st) ? UPDATE_REFUSED : UPDATE_OK;
    } else if (marked_healthy(o->data_dir, st.pending)) {
        say(msg, msglen, "release %s served its health period: kept", st.pending);
        st.pending[0] = '\0';
        st.boots = 0;
        rc = state_write(o->root, &st) ? UPDATE_REFUSED : UPDATE_OK;
    } else if (st.boots >= o->max_boots) {
        char why[160];
        snprintf(why, sizeof why,
                 "release %s started %d times without becoming healthy: ", st.pending, st.boots);
        rc = do_rollback(o->root, why, msg, msglen);
    } else {
        st.boots++;
        rc = state_write(o->root, &st) ? UPDATE_REFUSED : UPDATE_OK;
        say(msg, msglen,
            rc ? "cannot write the update state" : "start %d of %d of release %s on trial",
            st.boots, o->max_boots, st.pending);
    }
    close(lock);
    return rc;
}

int update_mark_healthy(const char *root, const char *data_dir, const char *version, char *err,
                        size_t errlen)
{
    char cur[UPDATE_VERSION_MAX + 1];
    state_t st;
    err[0] = '\0';
    if (state_read(root, &st, err, errlen))
        return -1;
    if (strcmp(st.pending, version) != 0 || link_version(root, "current", cur) ||
        strcmp(cur, version) != 0)
        return 0;
    /* Only the pending release itself may vouch for it. */
    char rel[PATHBUF], real_rel[PATH_MAX], exe[PATH_MAX];
    if ((size_t)snprintf(rel, sizeof rel, "%s/releases/%s", root, version) >= sizeof rel ||
        !realpath(rel, real_rel) || !realpath("/proc/self/exe", exe) ||
        strncmp(exe, real_rel, strlen(real_rel)) != 0 || exe[strlen(real_rel)] != '/')
        return 0;
    char text[UPDATE_VERSION_MAX + 2];
    int n = snprintf(text, sizeof text, "%s\n", version);
    if (write_atomic(data_dir, HEALTH_MARK, text, (size_t)n, 0640)) {
        say(err, errlen, "%s/%s: cannot write: %s", data_dir, HEALTH_MARK, strerror(errno));
        return -1;
    }
    return 1;
}

/* Steps after the lock: the bundle is copied where nobody else writes, so
 * that what is verified is what is unpacked. */
static int apply_locked(const update_opts_t *o, const char *bundle, const char *sig, char *msg,
                        size_t msglen)
{
    char tmp[PATHBUF], copy[PATHBUF], rels[PATHBUF], newdir[PATHBUF], dest[PATHBUF];
    char *sigtext = NULL, *mtext = NULL;
    size_t siglen, mlen;
    update_pubkey_t key;
    manifest_t m;
    update_status_t s;
    memset(&m, 0, sizeof m);
    int rc = UPDATE_REFUSED, fd = -1;
    if (join(tmp, o->root, "tmp") || join(copy, tmp, "bundle.tar") ||
        join(rels, o->root, "releases")) {
        say(msg, msglen, "%s: path too long", o->root);
        return UPDATE_REFUSED;
    }
    if (update_status(o->root, NULL, &s, msg, msglen))
        return UPDATE_REFUSED;
    prune(o->root);
    rm_tree(tmp);
    if (mkdir(tmp, 0700) != 0) {
        say(msg, msglen, "%s: cannot create: %s", tmp, strerror(errno));
        return UPDATE_REFUSED;
    }
    if (update_pubkey_load(o->pubkey, &key, msg, msglen) ||
        slurp(sig, SIGFILE_MAX, &sigtext, &siglen, msg, msglen) ||
        copy_file(bundle, copy, msg, msglen))
        goto out;
    step("copy");
    char err[512];
    if (update_sig_verify_file(&key, sigtext, siglen, copy, err, sizeof err)) {
        say(msg, msglen, "%s: refused: %s", bundle, err);
        goto out;
    }
    step("verify");
    fd = open(copy, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || read_manifest(fd, &m, &mtext, &mlen, err, sizeof err)) {
        say(msg, msglen, "%s: refused: %s", bundle, fd < 0 ? strerror(errno) : err);
        goto out;
    }
    if (!manifest_find(&m, "bin/kiosk")) {
        say(msg, msglen, "%s: refused: no bin/kiosk in it: not a kiosk release", bundle);
        goto out;
    }
    if (!arch_ok(m.arch)) {
        say(msg, msglen, "%s: refused: made for %s, this kiosk is %s", bundle, m.arch,
            update_arch());
        goto out;
    }
    int cmp = s.current[0] ? update_version_cmp(m.version, s.current) : 1;
    if (cmp == 0 || (cmp < 0 && !o->allow_downgrade)) {
        say(msg, msglen, "%s: refused: version %s is %s the current %s%s", bundle, m.version,
            cmp == 0 ? "already" : "older than", s.current,
            cmp == 0 ? "" : " (--allow-downgrade to go back)");
        goto out;
    }
    if (join(dest, rels, m.version) ||
        (size_t)snprintf(newdir, sizeof newdir, "%s/.new-%s", rels, m.version) >= sizeof newdir)
        goto out;
    /* An earlier copy of this version (rolled back from, or an install
     * killed before its switch) is not trusted: unpacked afresh. */
    if (rm_tree(dest) || rm_tree(newdir) || mkdir(newdir, 0755) != 0 || chmod(newdir, 0755)) {
        say(msg, msglen, "%s: cannot prepare: %s", newdir, strerror(errno));
        goto out;
    }
    if (unpack_rest(fd, &m, mtext, mlen, newdir, err, sizeof err)) {
        say(msg, msglen, "%s: refused: %s", bundle, err);
        rm_tree(newdir);
        goto out;
    }
    step("unpacked");
    if (rename(newdir, dest) != 0 || fsync_dir(rels) != 0) {
        say(msg, msglen, "%s: cannot rename into place: %s", dest, strerror(errno));
        goto out;
    }
    step("release");
    /* Pending before the switch: a new release is on trial from its first
     * start. The first release of a kiosk has nothing to go back to. */
    state_t st;
    if (state_read(o->root, &st, err, sizeof err))
        memset(&st, 0, sizeof st);
    snprintf(st.pending, sizeof st.pending, "%s", s.current[0] ? m.version : "");
    st.boots = 0;
    /* A mark left from an earlier trial of this version vouches for nothing. */
    char mark[PATHBUF];
    if (o->data_dir && join(mark, o->data_dir, HEALTH_MARK) == 0)
        unlink(mark);
    if (state_write(o->root, &st)) {
        say(msg, msglen, "%s: cannot write the update state: %s", o->root, strerror(errno));
        goto out;
    }
    step("state");
    if (s.current[0] && set_link(o->root, "previous", s.current)) {
        say(msg, msglen, "%s/previous: cannot switch: %s", o->root, strerror(errno));
        goto out;
    }
    step("previous");
    if (set_link(o->root, "current", m.version)) {
        say(msg, msglen, "%s/current: cannot switch: %s", o->root, strerror(errno));
        goto out;
    }
    step("switch");
    rm_tree(tmp);
    prune(o->root);
    step("cleanup");
    if (s.current[0])
        say(msg, msglen, "installed %s (was %s): on trial until the kiosk reports healthy",
            m.version, s.current);
    else
        say(msg, msglen, "installed %s", m.version);
    rc = UPDATE_OK;
out:
    if (fd >= 0)
        close(fd);
    free(sigtext);
    free(mtext);
    manifest_free(&m);
    if (rc != UPDATE_OK)
        rm_tree(tmp);
    return rc;
}

int update_apply(const update_opts_t *o, const char *bundle, const char *sig, char *msg,
                 size_t msglen)
{
    if (sodium_init() < 0) {
        say(msg, msglen, "libsodium failed to start");
        return UPDATE_REFUSED;
    }
    int lock = lock_root(o->root, 0, 1, msg, msglen);
    if (lock < 0)
        return UPDATE_REFUSED;
    int rc = apply_locked(o, bundle, sig, msg, msglen);
    close(lock);
    return rc;
}
