#include "printer.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "../ticket/escpos.h"

typedef enum printer_kind {
    KIND_DEVICE, /* character device: status when it can be read */
    KIND_FIFO,   /* a spooler's pipe: write only */
    KIND_FILE    /* regular file: appended to */
} printer_kind_t;

typedef struct printer_conn {
    int fd;
    printer_kind_t kind;
    int can_read; /* opened O_RDWR, so DLE EOT replies can come back */
} printer_conn_t;

typedef enum query_result {
    QUERY_REPLY,  /* a valid status byte came back */
    QUERY_SILENT, /* no reply in time, or the device has no back channel */
    QUERY_ERROR   /* the request could not be written; errno says why */
} query_result_t;

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int ms_left(long long deadline)
{
    long long r = deadline - now_ms();
    return r < 0 ? 0 : r > INT_MAX ? INT_MAX : (int)r;
}

static int same_kind(const struct stat *st, printer_kind_t kind)
{
    switch (kind) {
    case KIND_DEVICE:
        return S_ISCHR(st->st_mode);
    case KIND_FIFO:
        return S_ISFIFO(st->st_mode);
    case KIND_FILE:
        return S_ISREG(st->st_mode);
    }
    return 0;
}

/* Decides what path is before opening it, because the open flags differ:
 * O_RDWR on a FIFO would read our own bytes back as "status", and O_CREAT
 * under /dev would make a file that silently swallows every ticket. */
static printer_result_t open_printer(const char *path, printer_conn_t *c, char *err, size_t errlen)
{
    struct stat st;
    c->fd = -1;
    c->can_read = 0;
    if (stat(path, &st) < 0) {
        if (errno != ENOENT || strncmp(path, "/dev/", 5) == 0) {
            snprintf(err, errlen, "not there: %s", strerror(errno));
            return PRINTER_MISSING;
        }
        c->kind = KIND_FILE;
    } else if (S_ISCHR(st.st_mode)) {
        c->kind = KIND_DEVICE;
    } else if (S_ISFIFO(st.st_mode)) {
        c->kind = KIND_FIFO;
    } else if (S_ISREG(st.st_mode)) {
        c->kind = KIND_FILE;
    } else {
        snprintf(err, errlen, "not a printer device nor a file");
        return PRINTER_MISSING;
    }

    switch (c->kind) {
    case KIND_DEVICE:
        c->fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
        c->can_read = c->fd >= 0;
        /* Some udev rules give the kiosk user write access only. */
        if (c->fd < 0 && (errno == EACCES || errno == EPERM || errno == EROFS || errno == EINVAL))
            c->fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
        break;
    case KIND_FIFO:
        /* Non-blocking: fails with ENXIO at once when no spooler reads. */
        c->fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        break;
    case KIND_FILE:
        c->fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOCTTY | O_CLOEXEC, 0644);
        break;
    }
    if (c->fd < 0) {
        snprintf(err, errlen, "cannot open: %s", strerror(errno));
        return PRINTER_MISSING;
    }
    /* The path may have been replaced between stat and open (udev). */
    if (fstat(c->fd, &st) < 0 || !same_kind(&st, c->kind)) {
        close(c->fd);
        c->fd = -1;
        snprintf(err, errlen, "changed while opening");
        return PRINTER_MISSING;
    }
    /* A serial printer (/dev/ttyUSB0) behind a terminal line discipline
     * would get LF turned into CR LF inside the raster. Best effort: a
     * device that refuses is left as it is. */
    if (c->kind == KIND_DEVICE && isatty(c->fd)) {
        struct termios tio;
        if (tcgetattr(c->fd, &tio) == 0) {
            cfmakeraw(&tio);
            tcsetattr(c->fd, TCSANOW, &tio);
        }
    }
    return PRINTER_OK;
}

static void close_printer(printer_conn_t *c, int failed)
{
    if (c->fd < 0)
        return;
    /* close() on a tty waits for unsent output (30 s by default on serial
     * ports); after a failure that output is not wanted anyway. */
    if (failed && c->kind == KIND_DEVICE && isatty(c->fd))
        tcflush(c->fd, TCIOFLUSH);
    close(c->fd);
    c->fd = -1;
}

/* Writes all of buf before deadline, waiting for writability with poll so a
 * stuck printer cannot hold the caller. Returns the bytes written; fewer
 * than n means failure, with errno set (ETIMEDOUT for the deadline). */
static size_t write_all(int fd, const unsigned char *buf, size_t n, long long deadline, int is_file)
{
    size_t done = 0;
    while (done < n) {
        ssize_t k = write(fd, buf + done, n - done);
        if (k > 0) {
            done += (size_t)k;
            continue;
        }
        if (k == 0) {
            errno = EIO;
            return done;
        }
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            return done;
        if (is_file)
            return done;
        for (;;) {
            int left = ms_left(deadline);
            if (left == 0) {
                errno = ETIMEDOUT;
                return done;
            }
            struct pollfd p = {.fd = fd, .events = POLLOUT};
            int r = poll(&p, 1, left);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0)
                return done;
            if (r == 0) {
                errno = ETIMEDOUT;
                return done;
            }
            if (p.revents & (POLLERR | POLLHUP | POLLNVAL)) {
                errno = EIO;
                return done;
            }
            break;
        }
    }
    return done;
}

/* Throws away bytes already waiting, so that a reply to an earlier request
 * (or to a DLE EOT that happened to occur inside raster data) is not taken
 * for the answer to the next one. */
static void drain_input(int fd)
{
    unsigned char junk[64];
    for (int i = 0; i < 64; i++) {
        ssize_t k = read(fd, junk, sizeof junk);
        if (k > 0)
            continue;
        if (k < 0 && errno == EINTR)
            continue;
        break;
    }
}

/* Sends DLE EOT n and waits up to timeout_ms for a status byte; bytes that
 * are not a status reply (XON/XOFF, Automatic Status Back) are skipped. */
static query_result_t query_status(int fd, int n, int timeout_ms, escpos_status_t *st,
                                   unsigned char *raw)
{
    const unsigned char req[3] = {0x10, 0x04, (unsigned char)n};
    long long deadline = now_ms() + timeout_ms;
    drain_input(fd);
    if (write_all(fd, req, sizeof req, deadline, 0) < sizeof req)
        return errno == ETIMEDOUT ? QUERY_SILENT : QUERY_ERROR;
    for (;;) {
        int left = ms_left(deadline);
        if (left == 0)
            return QUERY_SILENT;
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int r = poll(&p, 1, left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0 || !(p.revents & POLLIN))
            return QUERY_SILENT;
        unsigned char buf[16];
        ssize_t k = read(fd, buf, sizeof buf);
        if (k < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        /* usblp on a unidirectional printer reports end of file or an
         * error: there is no back channel to wait for. */
        if (k <= 0)
            return QUERY_SILENT;
        for (ssize_t i = 0; i < k; i++) {
            escpos_status_t s = escpos_parse_status(n, buf[i]);
            if (s != ESCPOS_BAD_REPLY) {
                *st = s;
                *raw = buf[i];
                return QUERY_REPLY;
            }
        }
    }
}

static printer_result_t write_errno_result(const printer_conn_t *c, int e)
{
    /* usblp turns the printer's paper-empty line into ENOSPC and an
     * unplugged printer into ENODEV. */
    if (c->kind == KIND_DEVICE && e == ENOSPC)
        return PRINTER_PAPER_OUT;
    if (e == ENODEV || e == ENXIO)
        return PRINTER_MISSING;
    return PRINTER_FAILED;
}

/* A printer answers DLE EOT within milliseconds when it answers at all, and
 * many never do: a longer wait would only delay every ticket on those. */
#define STATUS_WAIT_MAX_MS 500

/* Asks DLE EOT 4 (paper) and, if the printer answers at all, DLE EOT 2
 * (why offline). At most two waits. *low is set for a near-end roll. */
static printer_result_t check_status(const printer_conn_t *c, int timeout_ms, int *low, char *err,
                                     size_t errlen)
{
    if (timeout_ms > STATUS_WAIT_MAX_MS)
        timeout_ms = STATUS_WAIT_MAX_MS;
    escpos_status_t st = ESCPOS_READY;
    unsigned char raw = 0;
    query_result_t q = query_status(c->fd, ESCPOS_STATUS_PAPER, timeout_ms, &st, &raw);
    if (q == QUERY_ERROR) {
        int e = errno;
        snprintf(err, errlen, "status request: %s", strerror(e));
        return write_errno_result(c, e);
    }
    if (q == QUERY_SILENT)
        return PRINTER_OK; /* many USB printers never answer through usblp */
    if (st == ESCPOS_PAPER_OUT) {
        snprintf(err, errlen, "%s (DLE EOT 4 reply 0x%02X)", escpos_status_text(st), raw);
        return PRINTER_PAPER_OUT;
    }
    *low = st == ESCPOS_PAPER_LOW;

    q = query_status(c->fd, ESCPOS_STATUS_OFFLINE, timeout_ms, &st, &raw);
    if (q == QUERY_ERROR) {
        int e = errno;
        snprintf(err, errlen, "status request: %s", strerror(e));
        return write_errno_result(c, e);
    }
    if (q == QUERY_SILENT || st == ESCPOS_READY)
        return PRINTER_OK;
    snprintf(err, errlen, "%s (DLE EOT 2 reply 0x%02X)", escpos_status_text(st), raw);
    return st == ESCPOS_PAPER_OUT || st == ESCPOS_COVER_OPEN ? PRINTER_PAPER_OUT : PRINTER_OFFLINE;
}

printer_result_t printer_print(const char *path, const unsigned char *job, size_t len,
                               int timeout_ms, char *err, size_t errlen)
{
    char scratch[8];
    if (!err || errlen == 0) {
        err = scratch;
        errlen = sizeof scratch;
    }
    err[0] = '\0';
    if (!path || !path[0]) {
        snprintf(err, errlen, "no printer configured");
        return PRINTER_NONE;
    }
    if (!job && len > 0) {
        snprintf(err, errlen, "no job");
        return PRINTER_FAILED;
    }
    if (timeout_ms < 0)
        timeout_ms = 0;

    printer_conn_t c;
    printer_result_t r = open_printer(path, &c, err, errlen);
    if (r != PRINTER_OK)
        return r;

    int low = 0;
    if (c.can_read) {
        r = check_status(&c, timeout_ms, &low, err, errlen);
        if (r != PRINTER_OK) {
            close_printer(&c, 1);
            return r;
        }
    }

    size_t done = write_all(c.fd, job, len, now_ms() + timeout_ms, c.kind == KIND_FILE);
    if (done < len) {
        int e = errno;
        r = write_errno_result(&c, e);
        if (e == ETIMEDOUT)
            snprintf(err, errlen, "timed out after %zu of %zu bytes", done, len);
        else
            snprintf(err, errlen, "write failed after %zu of %zu bytes: %s", done, len,
                     strerror(e));
        close_printer(&c, 1);
        return r;
    }
    /* A full disk may only show at close() on some file systems. */
    if (close(c.fd) < 0 && c.kind == KIND_FILE) {
        snprintf(err, errlen, "close: %s", strerror(errno));
        return PRINTER_FAILED;
    }
    if (low)
        snprintf(err, errlen, "%s", escpos_status_text(ESCPOS_PAPER_LOW));
    return PRINTER_OK;
}

int printer_paper_low(const char *path, int timeout_ms)
{
    struct stat st;
    if (!path || !path[0] || stat(path, &st) < 0 || !S_ISCHR(st.st_mode))
        return 0;
    char err[64];
    printer_conn_t c;
    if (open_printer(path, &c, err, sizeof err) != PRINTER_OK)
        return 0;
    escpos_status_t s = ESCPOS_READY;
    unsigned char raw = 0;
    int low = 0;
    if (timeout_ms > STATUS_WAIT_MAX_MS)
        timeout_ms = STATUS_WAIT_MAX_MS;
    if (c.can_read && query_status(c.fd, ESCPOS_STATUS_PAPER, timeout_ms < 0 ? 0 : timeout_ms, &s,
                                   &raw) == QUERY_REPLY)
        low = s == ESCPOS_PAPER_LOW;
    close_printer(&c, 0);
    return low;
}
