/* Reading a bundle: its manifest (version, architectures, sha256 of every
 * file), the ustar archive unpacked file by file against it, and the check
 * of an unpacked release. What is trusted here was signed (minisign.c);
 * where it goes is install.c's business. */
/* nftw() */
#define _XOPEN_SOURCE 700

#include "update_int.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "../platform/fsync.h"

void upd_manifest_free(upd_manifest_t *m)
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

static int manifest_parse(const char *text, size_t len, upd_manifest_t *m, char *err, size_t errlen)
{
    size_t pos = 0, n;
    const char *line;
    int lineno = 0;
    memset(m, 0, sizeof *m);
    m->files = calloc(MANIFEST_FILES_MAX, sizeof *m->files);
    if (!m->files) {
        upd_say(err, errlen, "out of memory");
        return -1;
    }
    while (upd_next_line(text, len, &pos, &line, &n) == 0) {
        char l[PATHBUF];
        lineno++;
        if (n >= sizeof l || memchr(line, '\0', n))
            goto bad;
        memcpy(l, line, n);
        l[n] = '\0';
        if (lineno == 1) {
            if (strcmp(l, "kiosk-update 1") != 0) {
                upd_say(err, errlen, "manifest: not a kiosk update manifest (format 1)");
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
        upd_say(err, errlen, "manifest: version, arch and at least one file are required");
        return -1;
    }
    return 0;
bad:
    upd_say(err, errlen, "manifest line %d: not understood or not allowed", lineno);
    return -1;
}

int upd_arch_ok(const char *list)
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

upd_mfile_t *upd_manifest_find(upd_manifest_t *m, const char *path)
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
    if (upd_read_full(fd, h, sizeof h)) {
        upd_say(err, errlen, "bundle: truncated tar archive");
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
        upd_say(err, errlen, "bundle: not a POSIX ustar archive (bad header)");
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
        upd_say(err, errlen, "bundle: %s: bad size or mode", e->name);
        return -1;
    }
    e->exec = (mode & 0111) != 0;
    size_t n = strlen(e->name);
    if (e->type == '5' && n > 1 && e->name[n - 1] == '/')
        e->name[n - 1] = '\0';
    if (e->type != '0' && e->type != '\0' && e->type != '5') {
        upd_say(err, errlen, "bundle: %s: links, devices and other special entries are not allowed",
                e->name);
        return -1;
    }
    if (!safe_path(e->name)) {
        upd_say(err, errlen, "bundle: '%s': absolute paths and '..' are not allowed", e->name);
        return -1;
    }
    return 1;
}

/* Directories along path under base, created as needed; never through a
 * link (there are none: base is new and the archive holds no links). */
static int make_parents(const char *base, const char *path)
{
    char p[PATHBUF];
    if (upd_join(p, base, path))
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
static int unpack_file(int fd, const tar_entry_t *e, const char *dir, upd_mfile_t *mf, char *err,
                       size_t errlen)
{
    char path[PATHBUF];
    if (make_parents(dir, e->name) || upd_join(path, dir, e->name)) {
        upd_say(err, errlen, "%s: cannot create its directory: %s", e->name, strerror(errno));
        return -1;
    }
    int out =
        open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, e->exec ? 0755 : 0644);
    if (out < 0 || fchmod(out, e->exec ? 0755 : 0644) != 0) {
        upd_say(err, errlen, "%s: cannot create: %s", path, strerror(errno));
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
        if (upd_read_full(fd, buf, n)) {
            upd_say(err, errlen, "bundle: truncated in %s", e->name);
            rc = -1;
        } else if (upd_write_full(out, buf, n)) {
            upd_say(err, errlen, "%s: cannot write: %s", path, strerror(errno));
            rc = -1;
        } else {
            crypto_hash_sha256_update(&st, buf, n);
            left -= n;
        }
    }
    if (rc == 0 && padded > e->size && upd_read_full(fd, buf, (size_t)(padded - e->size))) {
        upd_say(err, errlen, "bundle: truncated in %s", e->name);
        rc = -1;
    }
    if (rc == 0 && fsync(out) != 0) {
        upd_say(err, errlen, "%s: cannot write: %s", path, strerror(errno));
        rc = -1;
    }
    if (close(out) != 0 && rc == 0) {
        upd_say(err, errlen, "%s: cannot write: %s", path, strerror(errno));
        rc = -1;
    }
    unsigned char sha[32];
    crypto_hash_sha256_final(&st, sha);
    if (rc == 0 && sodium_memcmp(sha, mf->sha, 32) != 0) {
        upd_say(err, errlen, "bundle: %s does not match its sha256 in the manifest", e->name);
        rc = -1;
    }
    mf->seen = 1;
    return rc;
}

int upd_read_manifest(int fd, upd_manifest_t *m, char **text, size_t *len, char *err, size_t errlen)
{
    tar_entry_t e;
    int r = tar_next(fd, &e, err, errlen);
    if (r <= 0 || e.type == '5' || strcmp(e.name, "manifest") != 0 || e.size > MANIFEST_MAX) {
        if (r >= 0)
            upd_say(err, errlen, "bundle: the first entry must be the manifest");
        return -1;
    }
    size_t padded = (size_t)(e.size + 511) / 512 * 512;
    char *t = malloc(padded + 1);
    if (!t || upd_read_full(fd, t, padded)) {
        upd_say(err, errlen, t ? "bundle: truncated in the manifest" : "out of memory");
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

static int fsync_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    return flag == FTW_D || flag == FTW_DP ? fsync_dir(p) : 0;
}

int upd_unpack_rest(int fd, upd_manifest_t *m, const char *mtext, size_t mlen, const char *dir,
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
                upd_say(err, errlen, "bundle: %s: a directory with data", e.name);
                return -1;
            }
            continue; /* made as files need them */
        }
        upd_mfile_t *mf = upd_manifest_find(m, e.name);
        if (!mf || mf->seen) {
            upd_say(err, errlen, "bundle: %s is %s", e.name,
                    mf ? "in the archive twice" : "not in the manifest");
            return -1;
        }
        if (unpack_file(fd, &e, dir, mf, err, errlen))
            return -1;
        if (first)
            upd_step("unpack-file");
        first = 0;
    }
    for (int i = 0; i < m->nfiles; i++) {
        if (!m->files[i].seen) {
            upd_say(err, errlen, "bundle: %s is in the manifest but not in the archive",
                    m->files[i].path);
            return -1;
        }
    }
    if (upd_write_atomic(dir, "manifest", mtext, mlen, 0644) != 0 ||
        nftw(dir, fsync_entry, 16, FTW_PHYS) != 0) {
        upd_say(err, errlen, "%s: cannot write: %s", dir, strerror(errno));
        return -1;
    }
    return 0;
}

static void sha256_chunk(void *st, const unsigned char *buf, size_t n)
{
    crypto_hash_sha256_update(st, buf, n);
}

static int hash_file(const char *path, unsigned char sha[32], char *err, size_t errlen)
{
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    if (upd_stream_file(path, sha256_chunk, &st, err, errlen))
        return -1;
    crypto_hash_sha256_final(&st, sha);
    return 0;
}

int update_release_check(const char *root, const char *version, char *err, size_t errlen)
{
    char dir[PATHBUF], path[PATHBUF], *text;
    size_t len;
    upd_manifest_t m;
    if (sodium_init() < 0) {
        upd_say(err, errlen, "libsodium failed to start");
        return -1;
    }
    if (!update_version_valid(version) ||
        (size_t)snprintf(dir, sizeof dir, "%s/releases/%s", root, version) >= sizeof dir ||
        upd_join(path, dir, "manifest")) {
        upd_say(err, errlen, "not a release version: '%s'", version);
        return -1;
    }
    if (upd_slurp(path, MANIFEST_MAX, &text, &len, err, errlen))
        return -1;
    int rc = manifest_parse(text, len, &m, err, errlen);
    free(text);
    for (int i = 0; rc == 0 && i < m.nfiles; i++) {
        unsigned char sha[32];
        if (upd_join(path, dir, m.files[i].path) || hash_file(path, sha, err, errlen)) {
            rc = -1;
            break;
        }
        if (sodium_memcmp(sha, m.files[i].sha, 32) != 0) {
            upd_say(err, errlen, "%s: differs from the release's manifest", path);
            rc = -1;
        }
    }
    if (rc == 0 && strcmp(m.version, version) != 0) {
        upd_say(err, errlen, "%s: its manifest says version %s", dir, m.version);
        rc = -1;
    }
    upd_manifest_free(&m);
    return rc;
}
