/* Helpers every file of the update installer uses: messages, whole reads
 * and writes, lines, paths and trees, atomic writes, versions and the
 * board's architecture; and the crash-injection hook of the tests,
 * compiled out of release builds (update_int.h). */
/* nftw() */
#define _XOPEN_SOURCE 700

#include "update_int.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../platform/fsync.h"

void upd_say(char *buf, size_t n, const char *fmt, ...)
{
    if (!buf || !n)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, n, fmt, ap);
    va_end(ap);
}

#ifndef KIOSK_UNTESTABLE
void upd_step(const char *name)
{
    const char *at = getenv("KIOSK_UPDATE_CRASH_AT");
    if (!at)
        return;
    fprintf(stderr, "update: step %s\n", name);
    if (strcmp(at, name) == 0)
        raise(SIGKILL);
}
#endif

int upd_read_full(int fd, void *buf, size_t n)
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

int upd_write_full(int fd, const void *buf, size_t n)
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

int upd_slurp(const char *path, size_t max, char **out, size_t *len, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        upd_say(err, errlen, "%s: cannot open: %s", path, strerror(errno));
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
        upd_say(err, errlen, "%s: %s", path,
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

int upd_next_line(const char *text, size_t len, size_t *pos, const char **line, size_t *n)
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

int upd_stream_file(const char *path, void (*fn)(void *, const unsigned char *, size_t), void *ctx,
                    char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        upd_say(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    unsigned char buf[65536];
    ssize_t r;
    while ((r = read(fd, buf, sizeof buf)) != 0) {
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            upd_say(err, errlen, "%s: %s", path, strerror(errno));
            close(fd);
            return -1;
        }
        fn(ctx, buf, (size_t)r);
    }
    close(fd);
    return 0;
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

int upd_join(char out[PATHBUF], const char *a, const char *b)
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

int upd_rm_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int upd_write_atomic(const char *dir, const char *name, const char *data, size_t len, mode_t mode)
{
    char path[PATHBUF], tmp[PATHBUF];
    if (upd_join(path, dir, name) ||
        (size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp)
        return -1;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0)
        return -1;
    int rc = fchmod(fd, mode) || upd_write_full(fd, data, len) || fsync(fd) ? -1 : 0;
    if (close(fd) != 0)
        rc = -1;
    if (rc == 0 && rename(tmp, path) != 0)
        rc = -1;
    if (rc)
        unlink(tmp);
    return rc == 0 ? fsync_dir(dir) : -1;
}
