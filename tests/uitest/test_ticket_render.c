/* The printed ticket: rendered with the committed font into a 1-bit image
 * at 384 and 576 dots, the QR found in it module by module, read back by
 * zbarimg (a reader nobody here wrote) from the image and from the ESC/POS
 * job decoded by tests/tools/escpos_decode.py. No display. Run from the
 * repository root. TICKET_RENDER_KEEP=1 keeps the PBM files and says where. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "../../firmware/ticket/escpos.h"
#include "../../firmware/ticket/qr.h"
#include "../../firmware/ui/ticket_render.h"
#include "../unit/test.h"

#define FONT_REGULAR "fonts/NotoSansSC-Kiosk-Regular.otf"
#define FONT_BOLD "fonts/NotoSansSC-Kiosk-Bold.otf"
#define PAYLOAD "KQ1:ABCDEFGH:ABCDEFGHIJKLMNOP"

static char tmpdir[256];
static int have_zbar, have_python;

static ui_ticket_t sample(const char *payload)
{
    ui_ticket_t t = {
        .station = "金普新区先进街道社工站",
        .title = "预约凭条",
        .service = "康养咨询（老年人健康与养老政策）",
        .when = "2026年12月1日 周二 10:00–11:00",
        .place = "先进街道社工站二楼康养服务室（电梯出来右转第二间）",
        .party = "2人",
        .code = "ABCD-EFGH",
        .payload = payload,
        .hint = "请按时到站，出示预约码或扫码签到。如需取消，请在“我的预约”中操作。",
        .labels = {"服务", "时间", "地点", "人数", "预约码"},
    };
    return t;
}

static int render(const ui_ticket_t *t, int dots, escpos_bitmap_t *bm)
{
    char err[256] = "";
    int rc = ui_ticket_render(FONT_REGULAR, FONT_BOLD, t, dots, bm, err, sizeof err);
    if (rc < 0)
        fprintf(stderr, "ui_ticket_render(%d): %s\n", dots, err);
    return rc;
}

static int bit(const escpos_bitmap_t *bm, int x, int y)
{
    int stride = (bm->width + 7) / 8;
    return (bm->bits[(size_t)y * stride + x / 8] >> (7 - x % 8)) & 1;
}

static long ink(const escpos_bitmap_t *bm, int x0, int y0, int x1, int y1)
{
    long n = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            n += bit(bm, x, y);
    return n;
}

typedef struct qr_place {
    int x0, y0, mod, n;
} qr_place_t;

/* Finds the symbol by its top edge: the first row with two black runs of
 * 7 modules (the top finder patterns), n modules apart from edge to edge. */
static int find_qr(const escpos_bitmap_t *bm, int n, qr_place_t *q)
{
    for (int y = 0; y < bm->height; y++) {
        for (int a = 0; a < bm->width; a++) {
            if (!bit(bm, a, y) || (a > 0 && bit(bm, a - 1, y)))
                continue;
            int len = 0;
            while (a + len < bm->width && bit(bm, a + len, y))
                len++;
            if (len < 7 * 6 || len % 7)
                continue;
            int mod = len / 7, b = a + (n - 7) * mod;
            if (b + len > bm->width || (b > 0 && bit(bm, b - 1, y)))
                continue;
            int ok = 1;
            for (int x = b; x < b + len && ok; x++)
                ok = bit(bm, x, y);
            if (ok && (b + len == bm->width || !bit(bm, b + len, y))) {
                q->x0 = a;
                q->y0 = y;
                q->mod = mod;
                q->n = n;
                return 0;
            }
        }
    }
    return -1;
}

/* The QR in the image is the payload's symbol, module for module, centered,
 * at the minimum module size or more, with 4 white modules all round. */
static void check_qr(const escpos_bitmap_t *bm, const char *payload, int min_mod)
{
    ticket_qr_t q;
    CHECK_INT(ticket_qr_encode(payload, &q), 0);
    qr_place_t p;
    CHECK_INT(find_qr(bm, q.width, &p), 0);
    if (test_cur_failed) {
        ticket_qr_free(&q);
        return;
    }
    CHECK(p.mod >= min_mod);
    int size = q.width * p.mod;
    CHECK(abs(p.x0 + p.x0 + size - bm->width) <= 1); /* centered */
    int bad = 0;
    for (int my = 0; my < q.width; my++)
        for (int mx = 0; mx < q.width; mx++) {
            int cx = p.x0 + mx * p.mod + p.mod / 2, cy = p.y0 + my * p.mod + p.mod / 2;
            bad += bit(bm, cx, cy) != q.dark[my * q.width + mx];
        }
    CHECK_INT(bad, 0);
    int qz = 4 * p.mod;
    CHECK(p.x0 - qz >= 0 && p.y0 - qz >= 0 && p.y0 + size + qz <= bm->height);
    if (p.x0 - qz >= 0 && p.y0 - qz >= 0 && p.y0 + size + qz <= bm->height) {
        long outer = ink(bm, p.x0 - qz, p.y0 - qz, p.x0 + size + qz, p.y0 + size + qz);
        long inner = ink(bm, p.x0, p.y0, p.x0 + size, p.y0 + size);
        CHECK_INT(outer - inner, 0); /* the quiet zone is white */
        /* Text above (station ... code) and below (the hint). */
        CHECK(ink(bm, 0, 0, bm->width, p.y0 - qz) > 1000);
        CHECK(ink(bm, 0, p.y0 + size + qz, bm->width, bm->height) > 200);
    }
    ticket_qr_free(&q);
}

static int write_pbm(const escpos_bitmap_t *bm, const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    fprintf(f, "P4\n%d %d\n", bm->width, bm->height);
    size_t n = (size_t)(bm->width + 7) / 8 * (size_t)bm->height;
    int rc = fwrite(bm->bits, 1, n, f) == n ? 0 : -1;
    return fclose(f) == 0 ? rc : -1;
}

static int write_file(const char *path, const unsigned char *p, size_t n, const char *mode)
{
    FILE *f = fopen(path, mode);
    if (!f)
        return -1;
    int rc = fwrite(p, 1, n, f) == n ? 0 : -1;
    return fclose(f) == 0 ? rc : -1;
}

static unsigned char *read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    unsigned char *buf = NULL;
    size_t cap = 0;
    *n = 0;
    for (;;) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 65536;
            unsigned char *p = realloc(buf, cap);
            if (!p)
                break;
            buf = p;
        }
        size_t k = fread(buf + *n, 1, cap - *n, f);
        if (k == 0)
            break;
        *n += k;
    }
    fclose(f);
    return buf;
}

/* What zbarimg reads in an image file, or "" (trailing newline removed). */
static void zbar(const char *path, char *out, size_t outlen)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "zbarimg --raw -q '%s' 2>/dev/null", path);
    out[0] = '\0';
    FILE *p = popen(cmd, "r");
    if (!p)
        return;
    size_t n = fread(out, 1, outlen - 1, p);
    out[n] = '\0';
    pclose(p);
    while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
        out[--n] = '\0';
}

/* An ESC/POS decoder of our own for the C side: only what escpos_job emits,
 * checked strictly (reset first, bands of the full width, feed and cut). */
static int decode_job(const unsigned char *p, size_t n, escpos_bitmap_t *bm, int *bands)
{
    size_t i = 0;
    int stride = (bm->width + 7) / 8, y = 0;
    *bands = 0;
    if (n < 2 || p[0] != 0x1B || p[1] != 0x40)
        return -1;
    i = 2;
    while (i + 8 <= n && p[i] == 0x1D && p[i + 1] == 0x76 && p[i + 2] == 0x30) {
        if (p[i + 3] != 0)
            return -1;
        int xb = p[i + 4] | p[i + 5] << 8, rows = p[i + 6] | p[i + 7] << 8;
        if (xb != stride || rows < 1 || rows > 256 || y + rows > bm->height)
            return -1;
        i += 8;
        if (i + (size_t)xb * rows > n)
            return -1;
        memcpy(bm->bits + (size_t)y * stride, p + i, (size_t)xb * rows);
        i += (size_t)xb * rows;
        y += rows;
        ++*bands;
    }
    static const unsigned char tail[] = {0x1B, 0x64, 0x04, 0x1D, 0x56, 0x42, 0x00};
    if (y != bm->height || n - i != sizeof tail || memcmp(p + i, tail, sizeof tail))
        return -1;
    return 0;
}

static void test_render_384(void)
{
    ui_ticket_t t = sample(PAYLOAD);
    escpos_bitmap_t bm = {0};
    CHECK_INT(render(&t, 384, &bm), 0);
    CHECK_INT(bm.width, 384);
    /* Station, title, four rows (two wrapped), code, QR, hint: about 10 cm. */
    CHECK(bm.height > 500 && bm.height < 1400);
    if (bm.bits)
        check_qr(&bm, PAYLOAD, 6);
    escpos_bitmap_free(&bm);
}

static void test_render_576(void)
{
    ui_ticket_t t = sample(PAYLOAD);
    escpos_bitmap_t small = {0}, bm = {0};
    CHECK_INT(render(&t, 384, &small), 0);
    CHECK_INT(render(&t, 576, &bm), 0);
    CHECK_INT(bm.width, 576);
    /* The same layout 1.5 times larger (wrapping may differ by a line). */
    CHECK(bm.height * 10 > small.height * 13 && bm.height * 10 < small.height * 17);
    if (bm.bits)
        check_qr(&bm, PAYLOAD, 8);
    escpos_bitmap_free(&small);
    escpos_bitmap_free(&bm);
}

/* Nothing is cut off at the edges: a line too long for the roll would be
 * clipped and leave ink in the outermost columns. */
static void test_margins_white(void)
{
    ui_ticket_t t = sample(PAYLOAD);
    t.place = "辽宁省大连市金普新区先进街道先进社区综合服务中心东楼三层康养服务室";
    t.service = "Age-friendly home modification consultation (适老化无障碍改造)";
    for (int dots = 384; dots <= 576; dots += 192) {
        escpos_bitmap_t bm = {0};
        CHECK_INT(render(&t, dots, &bm), 0);
        if (!bm.bits)
            continue;
        int m = dots / 96; /* 4 dots at 384 */
        CHECK_INT(ink(&bm, 0, 0, m, bm.height), 0);
        CHECK_INT(ink(&bm, dots - m, 0, dots, bm.height), 0);
        escpos_bitmap_free(&bm);
    }
}

static void test_english_labels(void)
{
    ui_ticket_t t = sample(PAYLOAD);
    t.title = "Booking ticket";
    t.service = "Health and elderly care consultation";
    t.when = "Tue 1 Dec 2026 10:00-11:00";
    t.place = "Xianjin Street social work station, 2nd floor, room 203";
    t.party = "2 persons";
    t.hint = "Please come on time and show this code or scan it to check in.";
    const char *labels[5] = {"Service", "Time", "Place", "Party", "Ticket"};
    memcpy(t.labels, labels, sizeof labels);
    escpos_bitmap_t bm = {0};
    CHECK_INT(render(&t, 384, &bm), 0);
    if (bm.bits)
        check_qr(&bm, PAYLOAD, 6);
    escpos_bitmap_free(&bm);
}

static void test_refusals(void)
{
    ui_ticket_t t = sample(PAYLOAD);
    escpos_bitmap_t bm = {0};
    char err[256] = "";
    CHECK_INT(ui_ticket_render("fonts/no-such-font.otf", FONT_BOLD, &t, 384, &bm, err, sizeof err),
              -1);
    CHECK(strstr(err, "fonts/no-such-font.otf") != NULL);
    CHECK(bm.bits == NULL);
    CHECK_INT(ui_ticket_render(FONT_REGULAR, FONT_BOLD, &t, 385, &bm, err, sizeof err), -1);
    CHECK_INT(ui_ticket_render(FONT_REGULAR, FONT_BOLD, &t, 0, &bm, err, sizeof err), -1);
    t.payload = NULL;
    CHECK_INT(ui_ticket_render(FONT_REGULAR, FONT_BOLD, &t, 384, &bm, err, sizeof err), -1);
    /* 1000 characters need QR version 24 (113 modules): 6 dots a module
     * plus the quiet zone is 726 dots, wider than either roll. */
    char big[1001];
    memset(big, 'A', 1000);
    big[1000] = '\0';
    t.payload = big;
    err[0] = '\0';
    CHECK_INT(ui_ticket_render(FONT_REGULAR, FONT_BOLD, &t, 576, &bm, err, sizeof err), -1);
    CHECK(strstr(err, "QR") != NULL);
    CHECK(bm.bits == NULL && bm.width == 0 && bm.height == 0);
}

/* escpos_job's bytes, decoded again, are the image exactly. */
static void test_escpos_roundtrip(void)
{
    ui_ticket_t t = sample(PAYLOAD);
    for (int dots = 384; dots <= 576; dots += 192) {
        escpos_bitmap_t bm = {0};
        CHECK_INT(render(&t, dots, &bm), 0);
        if (!bm.bits)
            continue;
        unsigned char *job = NULL;
        size_t len = 0;
        CHECK_INT(escpos_job(&bm, &job, &len), 0);
        size_t size = (size_t)(dots / 8) * bm.height;
        escpos_bitmap_t back = {dots, bm.height, calloc(size, 1)};
        int bands = 0;
        CHECK(back.bits != NULL);
        if (job && back.bits) {
            CHECK_INT(decode_job(job, len, &back, &bands), 0);
            CHECK_INT(bands, (bm.height + 255) / 256);
            CHECK(memcmp(back.bits, bm.bits, size) == 0);
        }
        free(job);
        escpos_bitmap_free(&back);
        escpos_bitmap_free(&bm);
    }
}

/* zbarimg reads the payload straight off the rendered bitmap. */
static void test_zbar_reads_bitmap(void)
{
    if (!have_zbar)
        SKIP("zbarimg absent (Debian package zbar-tools)");
    ui_ticket_t t = sample(PAYLOAD);
    for (int dots = 384; dots <= 576; dots += 192) {
        escpos_bitmap_t bm = {0};
        CHECK_INT(render(&t, dots, &bm), 0);
        char path[512], got[256];
        snprintf(path, sizeof path, "%s/ticket-%d.pbm", tmpdir, dots);
        CHECK_INT(write_pbm(&bm, path), 0);
        zbar(path, got, sizeof got);
        CHECK_STR(got, PAYLOAD);
        escpos_bitmap_free(&bm);
    }
}

/* The printed file, decoded by the independent Python decoder: the same
 * image as rendered, and zbarimg reads the payload of the last ticket. */
static void test_printed_file_decodes(void)
{
    if (!have_python)
        SKIP("python3 absent (Debian package python3)");
    static const char *const payloads[2] = {"KQ1:ZZZZZZZZ:ZZZZZZZZZZZZZZZZ", PAYLOAD};
    for (int dots = 384; dots <= 576; dots += 192) {
        char job_path[512], pbm[512], dec[512], cmd[1600];
        snprintf(job_path, sizeof job_path, "%s/printer-%d.bin", tmpdir, dots);
        snprintf(pbm, sizeof pbm, "%s/rendered-%d.pbm", tmpdir, dots);
        snprintf(dec, sizeof dec, "%s/decoded-%d.pbm", tmpdir, dots);
        remove(job_path);
        /* Two tickets into one printer file, as a day's spool would hold. */
        for (int i = 0; i < 2; i++) {
            ui_ticket_t t = sample(payloads[i]);
            escpos_bitmap_t bm = {0};
            CHECK_INT(render(&t, dots, &bm), 0);
            unsigned char *job = NULL;
            size_t len = 0;
            CHECK_INT(escpos_job(&bm, &job, &len), 0);
            if (job)
                CHECK_INT(write_file(job_path, job, len, "ab"), 0);
            if (i == 1)
                CHECK_INT(write_pbm(&bm, pbm), 0);
            free(job);
            escpos_bitmap_free(&bm);
        }
        snprintf(cmd, sizeof cmd, "python3 tests/tools/escpos_decode.py '%s' '%s' >'%s.txt'",
                 job_path, dec, dec);
        CHECK_INT(system(cmd), 0);
        size_t na = 0, nb = 0;
        unsigned char *a = read_file(pbm, &na), *b = read_file(dec, &nb);
        CHECK(a && b && na == nb && memcmp(a, b, na) == 0);
        free(a);
        free(b);
        /* Two jobs, each with a partial cut. */
        snprintf(cmd, sizeof cmd, "%s.txt", dec);
        size_t nt = 0;
        char *txt = (char *)read_file(cmd, &nt);
        CHECK(txt && nt > 0);
        if (txt) {
            txt[nt - 1] = '\0';
            CHECK(strstr(txt, "job 2: ") != NULL && strstr(txt, "job 3") == NULL);
            CHECK(strstr(txt, "cut: partial") != NULL);
        }
        free(txt);
        if (have_zbar) {
            char got[256];
            zbar(dec, got, sizeof got);
            CHECK_STR(got, PAYLOAD);
        }
    }
    if (!have_zbar)
        printf("# zbarimg absent: the decoded image was only compared, not read\n");
}

/* The decoder refuses what it does not understand. */
static void test_decoder_refuses(void)
{
    if (!have_python)
        SKIP("python3 absent (Debian package python3)");
    static const unsigned char text_job[] = {0x1B, 0x40, 'h', 'i', 0x0A};
    static const unsigned char short_job[] = {0x1B, 0x40, 0x1D, 0x76, 0x30, 0x00,
                                              0x01, 0x00, 0x02, 0x00, 0xFF};
    const unsigned char *jobs[2] = {text_job, short_job};
    size_t lens[2] = {sizeof text_job, sizeof short_job};
    for (int i = 0; i < 2; i++) {
        char path[512], cmd[1200];
        snprintf(path, sizeof path, "%s/bad-%d.bin", tmpdir, i);
        CHECK_INT(write_file(path, jobs[i], lens[i], "wb"), 0);
        snprintf(cmd, sizeof cmd,
                 "python3 tests/tools/escpos_decode.py '%s' '%s.pbm' >/dev/null 2>&1", path, path);
        int rc = system(cmd);
        CHECK(rc != -1 && WIFEXITED(rc) && WEXITSTATUS(rc) == 1);
    }
}

int main(void)
{
    if (TTF_Init() < 0) {
        fprintf(stderr, "TTF_Init: %s\n", TTF_GetError());
        return 1;
    }
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/ticket-render-XXXXXX", base && base[0] ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    have_zbar = system("command -v zbarimg >/dev/null 2>&1") == 0;
    have_python = system("command -v python3 >/dev/null 2>&1") == 0;

    RUN(test_render_384);
    RUN(test_render_576);
    RUN(test_margins_white);
    RUN(test_english_labels);
    RUN(test_refusals);
    RUN(test_escpos_roundtrip);
    RUN(test_zbar_reads_bitmap);
    RUN(test_printed_file_decodes);
    RUN(test_decoder_refuses);

    if (getenv("TICKET_RENDER_KEEP")) {
        printf("# kept in %s\n", tmpdir);
    } else {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", tmpdir);
    }
    TTF_Quit();
    TEST_EXIT();
}
