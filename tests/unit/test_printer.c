/* printer_print against a plain file, missing paths, and a simulated
 * printer: a pseudo-terminal whose slave is the "device" (a character
 * device, as /dev/usb/lp0 is) and whose master is played by a thread that
 * answers DLE EOT with a chosen status byte and records what it receives. */
#define _XOPEN_SOURCE 700 /* posix_openpt and friends */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "../../firmware/platform/printer.h"
#include "../../firmware/ticket/escpos.h"
#include "test.h"

#define TIMEOUT_MS 300
/* Wall-clock bounds that no loaded machine reaches and a bug does: where a
 * call must not wait for its timeout, it is given LONG_TIMEOUT_MS and must
 * return within BOUND_MS (half of it); where it may wait for TIMEOUT_MS, it
 * must not hang, and must return within BOUND_MS (100 timeouts). What a
 * call asked the printer is checked on the recorded bytes, not by time. */
#define LONG_TIMEOUT_MS 60000
#define BOUND_MS 30000

static char tmpdir[256];

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A real job (reset, bands, feed, cut) of a rows-tall striped image. */
static unsigned char *make_job(int rows, size_t *len)
{
    escpos_bitmap_t bm = {384, rows, malloc((size_t)48 * rows)};
    if (!bm.bits)
        return NULL;
    for (size_t i = 0; i < (size_t)48 * rows; i++)
        bm.bits[i] = (unsigned char)(i * 31 + i / 48);
    unsigned char *job = NULL;
    if (escpos_job(&bm, &job, len) < 0)
        job = NULL;
    escpos_bitmap_free(&bm);
    return job;
}

static unsigned char *slurp(const char *path, size_t *n)
{
    *n = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc(size > 0 ? (size_t)size : 1);
    if (buf)
        *n = fread(buf, 1, (size_t)size, f);
    fclose(f);
    return buf;
}

/* ---- the simulated printer ----------------------------------------------- */

typedef struct fake {
    int master, slave; /* the test keeps a slave open, so the pty lives on */
    char path[128];
    int stop[2];
    pthread_t thread;
    /* Set before start: */
    unsigned char reply[5][4]; /* bytes sent for DLE EOT n */
    size_t reply_len[5];       /* 0: stays silent */
    int stall;                 /* stops reading as soon as the job starts */
    size_t unplug_after;       /* > 0: hangs up once this much of the job came */
    /* Recorded: */
    unsigned char prefix[64]; /* bytes before the job's ESC @ */
    size_t prefix_len;
    unsigned char *job; /* from ESC @ on */
    size_t job_len, job_cap;
    int started;
} fake_t;

static void fake_take(fake_t *f, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (f->started) {
            if (f->job_len == f->job_cap) {
                size_t cap = f->job_cap ? f->job_cap * 2 : 65536;
                unsigned char *q = realloc(f->job, cap);
                if (!q)
                    return;
                f->job = q;
                f->job_cap = cap;
            }
            f->job[f->job_len++] = p[i];
            continue;
        }
        if (f->prefix_len == sizeof f->prefix)
            return;
        f->prefix[f->prefix_len++] = p[i];
        const unsigned char *e = f->prefix + f->prefix_len;
        if (f->prefix_len >= 3 && e[-3] == 0x10 && e[-2] == 0x04 && e[-1] >= 1 && e[-1] <= 4) {
            int q = e[-1];
            if (f->reply_len[q] && write(f->master, f->reply[q], f->reply_len[q]) < 0)
                perror("fake printer: reply");
        } else if (f->prefix_len >= 2 && e[-2] == 0x1B && e[-1] == 0x40) {
            f->prefix_len -= 2;
            f->started = 1;
            fake_take(f, (const unsigned char *)"\x1B\x40", 2);
        }
    }
}

static void *fake_run(void *arg)
{
    fake_t *f = arg;
    unsigned char buf[4096];
    for (;;) {
        int reading = !(f->stall && f->started);
        struct pollfd p[2] = {{.fd = f->stop[0], .events = POLLIN},
                              {.fd = f->master, .events = POLLIN}};
        if (poll(p, reading ? 2 : 1, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (p[0].revents) {
            /* printer_print has returned: whatever it wrote is in the pty. */
            ssize_t k;
            while (reading && (k = read(f->master, buf, sizeof buf)) > 0)
                fake_take(f, buf, (size_t)k);
            break;
        }
        if (reading && (p[1].revents & POLLIN)) {
            ssize_t k = read(f->master, buf, sizeof buf);
            if (k > 0)
                fake_take(f, buf, (size_t)k);
            if (f->unplug_after && f->job_len >= f->unplug_after) {
                /* The cable pulled: the pty hangs up under the writer. */
                close(f->master);
                f->master = -1;
                break;
            }
        }
    }
    return NULL;
}

/* replies: for DLE EOT 4 and DLE EOT 2, as strings of bytes (NULL: silent). */
static int fake_start(fake_t *f, const char *reply4, const char *reply2, int stall)
{
    memset(f, 0, sizeof *f);
    f->master = f->slave = f->stop[0] = f->stop[1] = -1;
    if (reply4) {
        f->reply_len[4] = strlen(reply4);
        memcpy(f->reply[4], reply4, f->reply_len[4]);
    }
    if (reply2) {
        f->reply_len[2] = strlen(reply2);
        memcpy(f->reply[2], reply2, f->reply_len[2]);
    }
    f->stall = stall;
    f->master = posix_openpt(O_RDWR | O_NOCTTY);
    if (f->master < 0 || grantpt(f->master) < 0 || unlockpt(f->master) < 0)
        return -1;
    const char *name = ptsname(f->master);
    if (!name)
        return -1;
    snprintf(f->path, sizeof f->path, "%s", name);
    f->slave = open(f->path, O_RDWR | O_NOCTTY);
    if (f->slave < 0)
        return -1;
    /* Raw, so the raster's 0x0A and 0x13 pass unchanged and nothing echoes. */
    struct termios tio;
    if (tcgetattr(f->slave, &tio) < 0)
        return -1;
    cfmakeraw(&tio);
    if (tcsetattr(f->slave, TCSANOW, &tio) < 0)
        return -1;
    fcntl(f->master, F_SETFL, fcntl(f->master, F_GETFL) | O_NONBLOCK);
    if (pipe(f->stop) < 0)
        return -1;
    return pthread_create(&f->thread, NULL, fake_run, f) == 0 ? 0 : -1;
}

static void fake_finish(fake_t *f)
{
    if (write(f->stop[1], "x", 1) != 1)
        perror("fake printer: stop");
    pthread_join(f->thread, NULL);
    close(f->stop[0]);
    close(f->stop[1]);
    close(f->slave);
    if (f->master >= 0)
        close(f->master);
}

static void fake_free(fake_t *f)
{
    free(f->job);
    f->job = NULL;
}

static int prefix_is(const fake_t *f, const char *want, size_t n)
{
    return f->prefix_len == n && memcmp(f->prefix, want, n) == 0;
}

/* ---- files and paths ----------------------------------------------------- */

static void test_plain_file_appended(void)
{
    char path[512], err[256] = "x";
    snprintf(path, sizeof path, "%s/printer.bin", tmpdir);
    size_t len = 0, n = 0;
    unsigned char *job = make_job(300, &len);
    CHECK(job != NULL);
    /* A fresh path is created. */
    CHECK_INT(printer_print(path, job, len, TIMEOUT_MS, err, sizeof err), PRINTER_OK);
    CHECK_STR(err, "");
    unsigned char *got = slurp(path, &n);
    CHECK(got && n == len && memcmp(got, job, len) == 0);
    free(got);
    /* A second ticket goes after the first. */
    CHECK_INT(printer_print(path, job, len, TIMEOUT_MS, err, sizeof err), PRINTER_OK);
    got = slurp(path, &n);
    CHECK(got && n == 2 * len && memcmp(got, job, len) == 0 && memcmp(got + len, job, len) == 0);
    free(got);
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644);
    free(job);
}

static void test_plain_file_keeps_content(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/spool.bin", tmpdir);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs("earlier", f);
        fclose(f);
    }
    static const unsigned char job[] = {0x1B, 0x40, 0x1B, 0x64, 0x04};
    CHECK_INT(printer_print(path, job, sizeof job, TIMEOUT_MS, NULL, 0), PRINTER_OK);
    size_t n = 0;
    unsigned char *got = slurp(path, &n);
    CHECK(got && n == 7 + sizeof job && memcmp(got, "earlier", 7) == 0 &&
          memcmp(got + 7, job, sizeof job) == 0);
    free(got);
}

static void test_missing_and_none(void)
{
    static const unsigned char job[] = {0x1B, 0x40};
    char err[256] = "";
    CHECK_INT(
        printer_print("/dev/usb/lp-nonexistent", job, sizeof job, TIMEOUT_MS, err, sizeof err),
        PRINTER_MISSING);
    CHECK(err[0] != '\0');
    struct stat st;
    CHECK(stat("/dev/usb/lp-nonexistent", &st) < 0); /* nothing was created */
    CHECK_INT(printer_print("", job, sizeof job, TIMEOUT_MS, err, sizeof err), PRINTER_NONE);
    CHECK_INT(printer_print(NULL, job, sizeof job, TIMEOUT_MS, err, sizeof err), PRINTER_NONE);
    /* A file in a directory that does not exist cannot be created. */
    char path[512];
    snprintf(path, sizeof path, "%s/no-such-dir/printer.bin", tmpdir);
    CHECK_INT(printer_print(path, job, sizeof job, TIMEOUT_MS, err, sizeof err), PRINTER_MISSING);
    /* A directory is no printer. */
    CHECK_INT(printer_print(tmpdir, job, sizeof job, TIMEOUT_MS, err, sizeof err), PRINTER_MISSING);
    CHECK_INT(printer_paper_low("", TIMEOUT_MS), 0);
    CHECK_INT(printer_paper_low("/dev/usb/lp-nonexistent", TIMEOUT_MS), 0);
    snprintf(path, sizeof path, "%s/printer.bin", tmpdir);
    CHECK_INT(printer_paper_low(path, TIMEOUT_MS), 0);
}

/* /dev/null is a character device whose read side says end of file at
 * once, like usblp on a printer without a back channel: no waiting. */
static void test_device_without_back_channel(void)
{
    static const unsigned char job[] = {0x1B, 0x40, 0x1B, 0x64, 0x04};
    long long t0 = now_ms();
    CHECK_INT(printer_print("/dev/null", job, sizeof job, LONG_TIMEOUT_MS, NULL, 0), PRINTER_OK);
    CHECK(now_ms() - t0 < BOUND_MS);
}

/* ---- the simulated printer ----------------------------------------------- */

static void test_pty_ready(void)
{
    fake_t f;
    size_t len = 0;
    unsigned char *job = make_job(700, &len);
    CHECK(job != NULL);
    CHECK_INT(fake_start(&f, "\x12", "\x12", 0), 0);
    char err[256] = "x";
    CHECK_INT(printer_print(f.path, job, len, TIMEOUT_MS, err, sizeof err), PRINTER_OK);
    CHECK_STR(err, "");
    fake_finish(&f);
    CHECK(prefix_is(&f, "\x10\x04\x04\x10\x04\x02", 6)); /* paper, then offline cause */
    CHECK_INT(f.job_len, len);
    CHECK(f.job && f.job_len == len && memcmp(f.job, job, len) == 0);
    fake_free(&f);
    free(job);
}

typedef struct refusal {
    const char *reply4, *reply2;
    printer_result_t want;
    const char *prefix;
    size_t prefix_len;
    const char *says;
} refusal_t;

/* Paper out, cover open, offline, error: nothing of the job is sent. */
static void test_pty_refusals(void)
{
    static const refusal_t cases[] = {
        {"\x72", "\x12", PRINTER_PAPER_OUT, "\x10\x04\x04", 3, "paper out"},
        {"\x32", "\x12", PRINTER_PAPER_OUT, "\x10\x04\x04", 3, "paper out"},
        {"\x12", "\x32", PRINTER_PAPER_OUT, "\x10\x04\x04\x10\x04\x02", 6, "paper out"},
        {"\x12", "\x16", PRINTER_PAPER_OUT, "\x10\x04\x04\x10\x04\x02", 6, "cover open"},
        {"\x12", "\x52", PRINTER_OFFLINE, "\x10\x04\x04\x10\x04\x02", 6, "error"},
        {"\x12", "\x1A", PRINTER_OFFLINE, "\x10\x04\x04\x10\x04\x02", 6, "offline"},
    };
    size_t len = 0;
    unsigned char *job = make_job(10, &len);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fake_t f;
        CHECK_INT(fake_start(&f, cases[i].reply4, cases[i].reply2, 0), 0);
        char err[256] = "";
        CHECK_INT(printer_print(f.path, job, len, TIMEOUT_MS, err, sizeof err), cases[i].want);
        CHECK(strstr(err, cases[i].says) != NULL);
        fake_finish(&f);
        CHECK(prefix_is(&f, cases[i].prefix, cases[i].prefix_len));
        CHECK_INT(f.job_len, 0);
        fake_free(&f);
    }
    free(job);
}

/* Near end still prints, and says so for the log; printer_paper_low asks. */
static void test_pty_paper_low(void)
{
    fake_t f;
    size_t len = 0;
    unsigned char *job = make_job(50, &len);
    CHECK_INT(fake_start(&f, "\x1E", "\x12", 0), 0);
    char err[256] = "";
    CHECK_INT(printer_print(f.path, job, len, TIMEOUT_MS, err, sizeof err), PRINTER_OK);
    CHECK_STR(err, "paper near end");
    fake_finish(&f);
    CHECK(f.job && f.job_len == len && memcmp(f.job, job, len) == 0);
    fake_free(&f);

    /* The fake answers only before a job, so each question gets its own. */
    CHECK_INT(fake_start(&f, "\x1E", "\x12", 0), 0);
    CHECK_INT(printer_paper_low(f.path, TIMEOUT_MS), 1);
    fake_finish(&f);
    CHECK(prefix_is(&f, "\x10\x04\x04", 3));
    fake_free(&f);

    CHECK_INT(fake_start(&f, "\x12", "\x12", 0), 0);
    CHECK_INT(printer_paper_low(f.path, TIMEOUT_MS), 0);
    fake_finish(&f);
    CHECK(prefix_is(&f, "\x10\x04\x04", 3));
    fake_free(&f);
    free(job);
}

/* Noise before the reply (XOFF, XON) is skipped, and a stale reply left
 * from earlier is not taken for the answer. */
static void test_pty_noise_and_stale_reply(void)
{
    fake_t f;
    size_t len = 0;
    unsigned char *job = make_job(20, &len);
    CHECK_INT(fake_start(&f, "\x13\x11\x12", "\x12", 0), 0);
    CHECK_INT(write(f.master, "\x72", 1), 1); /* an old "paper out" */
    char err[256] = "";
    CHECK_INT(printer_print(f.path, job, len, TIMEOUT_MS, err, sizeof err), PRINTER_OK);
    fake_finish(&f);
    CHECK(f.job && f.job_len == len && memcmp(f.job, job, len) == 0);
    fake_free(&f);
    free(job);
}

/* Many USB printers never answer: assumed ready after one timeout, without
 * asking the second question. */
static void test_pty_silent_printer(void)
{
    fake_t f;
    size_t len = 0;
    unsigned char *job = make_job(100, &len);
    CHECK_INT(fake_start(&f, NULL, NULL, 0), 0);
    long long t0 = now_ms();
    CHECK_INT(printer_print(f.path, job, len, TIMEOUT_MS, NULL, 0), PRINTER_OK);
    long long took = now_ms() - t0;
    fake_finish(&f);
    CHECK(took >= TIMEOUT_MS - 20);
    CHECK(took < BOUND_MS);
    /* One question (DLE EOT 4), then the job: no second question. */
    CHECK(prefix_is(&f, "\x10\x04\x04", 3));
    CHECK(f.job && f.job_len == len && memcmp(f.job, job, len) == 0);
    fake_free(&f);
    free(job);
}

/* A printer that takes the status request and then stops reading (jammed,
 * or a full buffer that never drains): the pty's buffer fills, and the call
 * gives up within its bound. */
static void test_pty_stalled_printer(void)
{
    fake_t f;
    size_t len = 0;
    unsigned char *job = make_job(20000, &len); /* ~940 KB, far more than a pty buffers */
    CHECK(job != NULL);
    CHECK_INT(fake_start(&f, "\x12", "\x12", 1), 0);
    char err[256] = "";
    long long t0 = now_ms();
    CHECK_INT(printer_print(f.path, job, len, TIMEOUT_MS, err, sizeof err), PRINTER_FAILED);
    long long took = now_ms() - t0;
    CHECK(strstr(err, "timed out") != NULL);
    CHECK(took < BOUND_MS);
    fake_finish(&f);
    CHECK(f.job_len < len);
    fake_free(&f);
    free(job);
}

/* Unplugged in the middle of a ticket: the call fails at once with a
 * reason, not at the timeout, and does not claim the ticket printed. */
static void test_pty_unplugged_mid_ticket(void)
{
    fake_t f;
    size_t len = 0;
    unsigned char *job = make_job(20000, &len);
    CHECK(job != NULL);
    CHECK_INT(fake_start(&f, "\x12", "\x12", 0), 0);
    f.unplug_after = 8192;
    char err[256] = "";
    long long t0 = now_ms();
    int rc = printer_print(f.path, job, len, LONG_TIMEOUT_MS, err, sizeof err);
    long long took = now_ms() - t0;
    CHECK(rc == PRINTER_FAILED || rc == PRINTER_MISSING);
    CHECK(err[0] != '\0');
    CHECK(took < BOUND_MS);
    fake_finish(&f);
    CHECK(f.job_len >= 8192 && f.job_len < len);
    fake_free(&f);
    free(job);
}

int main(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/printer-test-XXXXXX", base && base[0] ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    umask(022);
    RUN(test_plain_file_appended);
    RUN(test_plain_file_keeps_content);
    RUN(test_missing_and_none);
    RUN(test_device_without_back_channel);
    RUN(test_pty_ready);
    RUN(test_pty_refusals);
    RUN(test_pty_paper_low);
    RUN(test_pty_noise_and_stale_reply);
    RUN(test_pty_silent_printer);
    RUN(test_pty_stalled_printer);
    RUN(test_pty_unplugged_mid_ticket);

    char path[600];
    snprintf(path, sizeof path, "%s/printer.bin", tmpdir);
    remove(path);
    snprintf(path, sizeof path, "%s/spool.bin", tmpdir);
    remove(path);
    rmdir(tmpdir);
    TEST_EXIT();
}
