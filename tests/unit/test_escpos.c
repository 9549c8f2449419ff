/* ESC/POS: the exact bytes of a raster job, band splitting, refused
 * bitmaps, and what every DLE EOT status reply of interest means. */
#include <stdint.h>
#include <stdlib.h>

#include "../../firmware/ticket/escpos.h"
#include "test.h"

static const unsigned char tail[] = {0x1B, 0x64, 0x04, 0x1D, 0x56, 0x42, 0x00};

/* A 16 x 3 image: the whole job, byte for byte. */
static void test_job_tiny(void)
{
    unsigned char bits[6] = {0x80, 0x01, 0xFF, 0x00, 0x5A, 0xA5};
    escpos_bitmap_t bm = {16, 3, bits};
    unsigned char *job = NULL;
    size_t len = 0;
    CHECK_INT(escpos_job(&bm, &job, &len), 0);
    static const unsigned char want[] = {
        0x1B, 0x40,                                     /* ESC @ */
        0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x03, 0x00, /* GS v 0, 2 bytes x 3 rows */
        0x80, 0x01, 0xFF, 0x00, 0x5A, 0xA5,             /* the rows */
        0x1B, 0x64, 0x04,                               /* ESC d 4 */
        0x1D, 0x56, 0x42, 0x00,                         /* GS V 66 0 */
    };
    CHECK_INT(len, sizeof want);
    CHECK(job && len == sizeof want && memcmp(job, want, len) == 0);
    free(job);
}

/* Walks the bands of a job for a width-dot bitmap; returns the band count,
 * or -1 when the structure is not reset, bands, feed, cut. */
static int count_bands(const unsigned char *job, size_t len, const escpos_bitmap_t *bm,
                       int *rows_seen, int *max_band)
{
    size_t stride = ((size_t)bm->width + 7) / 8, i = 2;
    int bands = 0;
    *rows_seen = *max_band = 0;
    if (len < 2 || job[0] != 0x1B || job[1] != 0x40)
        return -1;
    while (i + 8 <= len && job[i] == 0x1D && job[i + 1] == 0x76) {
        if (job[i + 2] != 0x30 || job[i + 3] != 0x00)
            return -1;
        size_t xb = job[i + 4] | (size_t)job[i + 5] << 8;
        int rows = job[i + 6] | job[i + 7] << 8;
        if (xb != stride || rows < 1)
            return -1;
        i += 8;
        if (i + xb * rows > len ||
            memcmp(job + i, bm->bits + (size_t)*rows_seen * stride, xb * rows) != 0)
            return -1;
        i += xb * rows;
        *rows_seen += rows;
        if (rows > *max_band)
            *max_band = rows;
        bands++;
    }
    if (len - i != sizeof tail || memcmp(job + i, tail, sizeof tail) != 0)
        return -1;
    return bands;
}

static void check_bands(int width, int height, int want_bands, int want_last)
{
    size_t stride = ((size_t)width + 7) / 8;
    escpos_bitmap_t bm = {width, height, malloc(stride * height)};
    CHECK(bm.bits != NULL);
    if (!bm.bits)
        return;
    /* Every row different, so a band boundary off by one shows. */
    for (size_t i = 0; i < stride * height; i++)
        bm.bits[i] = (unsigned char)(i / stride * 7 + i % stride);
    if (width % 8 == 0) {
        unsigned char *job = NULL;
        size_t len = 0;
        int rows = 0, max_band = 0;
        CHECK_INT(escpos_job(&bm, &job, &len), 0);
        CHECK_INT(len, 2 + (size_t)want_bands * 8 + stride * height + sizeof tail);
        CHECK_INT(count_bands(job, len, &bm, &rows, &max_band), want_bands);
        CHECK_INT(rows, height);
        CHECK(max_band <= 256);
        /* The last band's yL yH. */
        if (job && len > sizeof tail + stride * want_last + 8) {
            const unsigned char *h = job + len - sizeof tail - stride * want_last - 8;
            CHECK(h[0] == 0x1D && h[1] == 0x76 && h[2] == 0x30);
            CHECK_INT(h[6] | h[7] << 8, want_last);
        }
        free(job);
    }
    free(bm.bits);
}

static void test_job_bands(void)
{
    check_bands(384, 1, 1, 1);
    check_bands(384, 256, 1, 256);
    check_bands(384, 257, 2, 1);
    check_bands(576, 600, 3, 88);
    check_bands(576, 1024, 4, 256);
    check_bands(8, 5000, 20, 136);
}

/* 72 bytes a row at 576 dots: xL = 72, xH = 0; 300 rows: yL = 44, yH = 1. */
static void test_job_header_little_endian(void)
{
    escpos_bitmap_t bm = {576, 300, calloc(72, 300)};
    unsigned char *job = NULL;
    size_t len = 0;
    CHECK_INT(escpos_job(&bm, &job, &len), 0);
    static const unsigned char first[] = {0x1B, 0x40, 0x1D, 0x76, 0x30, 0x00, 72, 0, 0, 1};
    CHECK(job && memcmp(job, first, sizeof first) == 0); /* 256 rows */
    const unsigned char *second = job ? job + 2 + 8 + 72 * 256 : NULL;
    CHECK(second && second[4] == 72 && second[5] == 0 && second[6] == 44 && second[7] == 0);
    free(job);
    free(bm.bits);
}

/* Dots past the width in the last byte of a row would burn: sent white,
 * and the caller's bitmap is left alone. */
static void test_job_pad_bits(void)
{
    unsigned char bits[4] = {0xFF, 0xFF, 0x00, 0xFF};
    escpos_bitmap_t bm = {10, 2, bits};
    unsigned char *job = NULL;
    size_t len = 0;
    CHECK_INT(escpos_job(&bm, &job, &len), 0);
    CHECK_INT(len, 2 + 8 + 4 + sizeof tail);
    if (job && len >= 14) {
        CHECK_INT(job[6], 2);
        CHECK_INT(job[10], 0xFF);
        CHECK_INT(job[11], 0xC0);
        CHECK_INT(job[12], 0x00);
        CHECK_INT(job[13], 0xC0);
    }
    CHECK_INT(bits[1], 0xFF);
    free(job);
}

static void test_job_refuses_bad_bitmaps(void)
{
    unsigned char bits[16] = {0};
    const escpos_bitmap_t bad[] = {
        {8, 1, NULL},         /* no bits */
        {0, 1, bits},         /* no width */
        {8, 0, bits},         /* no height */
        {-8, 1, bits},        /* negative */
        {8, -1, bits},        /* negative */
        {65536 * 8, 1, bits}, /* 65536 bytes a row: more than xL xH can say */
        {INT32_MAX, 1, bits}, /* and far more */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        unsigned char *job = (unsigned char *)"x";
        size_t len = 99;
        CHECK_INT(escpos_job(&bad[i], &job, &len), -1);
        CHECK(job == NULL);
        CHECK_INT(len, 0);
    }
    unsigned char *job = NULL;
    size_t len = 0;
    CHECK_INT(escpos_job(NULL, &job, &len), -1);
    escpos_bitmap_t ok = {8, 1, bits};
    CHECK_INT(escpos_job(&ok, NULL, &len), -1);
    CHECK_INT(escpos_job(&ok, &job, NULL), -1);
    /* The widest row xL xH allows is still accepted. */
    escpos_bitmap_t widest = {65535 * 8, 1, calloc(65535, 1)};
    CHECK_INT(escpos_job(&widest, &job, &len), 0);
    CHECK_INT(len, 2 + 8 + 65535 + sizeof tail);
    free(job);
    free(widest.bits);
}

typedef struct status_case {
    int n;
    unsigned char reply;
    escpos_status_t want;
} status_case_t;

static void test_status_replies(void)
{
    static const status_case_t cases[] = {
        /* DLE EOT 1: printer. bit 2 is the drawer, bit 3 offline. */
        {1, 0x12, ESCPOS_READY},
        {1, 0x16, ESCPOS_READY},
        {1, 0x1A, ESCPOS_OFFLINE},
        {1, 0x1E, ESCPOS_OFFLINE},
        /* DLE EOT 2: why offline. */
        {2, 0x12, ESCPOS_READY},
        {2, 0x16, ESCPOS_COVER_OPEN},
        {2, 0x1A, ESCPOS_OFFLINE},    /* paper fed by the button */
        {2, 0x32, ESCPOS_PAPER_OUT},  /* stopped by paper end */
        {2, 0x36, ESCPOS_PAPER_OUT},  /* paper end wins over cover open */
        {2, 0x52, ESCPOS_FAULT},      /* error */
        {2, 0x56, ESCPOS_COVER_OPEN}, /* cover open wins over the error it raises */
        {2, 0x72, ESCPOS_PAPER_OUT},  /* paper end wins over the error it raises */
        {2, 0x7E, ESCPOS_PAPER_OUT},
        /* DLE EOT 3: error cause. */
        {3, 0x12, ESCPOS_READY},
        {3, 0x16, ESCPOS_READY},
        {3, 0x1A, ESCPOS_FAULT}, /* autocutter */
        {3, 0x32, ESCPOS_FAULT}, /* unrecoverable */
        {3, 0x52, ESCPOS_FAULT}, /* head too hot, recovers by itself */
        {3, 0x7A, ESCPOS_FAULT},
        /* DLE EOT 4: roll paper sensors. */
        {4, 0x12, ESCPOS_READY},
        {4, 0x1E, ESCPOS_PAPER_LOW}, /* both near-end bits, as Epson */
        {4, 0x16, ESCPOS_PAPER_LOW}, /* one of them, as some clones */
        {4, 0x1A, ESCPOS_PAPER_LOW},
        {4, 0x72, ESCPOS_PAPER_OUT}, /* both paper-end bits */
        {4, 0x7E, ESCPOS_PAPER_OUT}, /* end and near end */
        {4, 0x32, ESCPOS_PAPER_OUT},
        {4, 0x52, ESCPOS_PAPER_OUT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        escpos_status_t got = escpos_parse_status(cases[i].n, cases[i].reply);
        if (got != cases[i].want)
            fprintf(stderr, "DLE EOT %d reply 0x%02X: got %s, want %s\n", cases[i].n,
                    cases[i].reply, escpos_status_text(got), escpos_status_text(cases[i].want));
        CHECK_INT(got, cases[i].want);
    }
}

/* Bytes that are not a reply: XON/XOFF, an ASB block's first byte, noise,
 * and requests other than 1..4. */
static void test_status_bad_replies(void)
{
    static const unsigned char bad[] = {0x00, 0xFF, 0x11, 0x13, 0x10, 0x02,
                                        0x92, 0x13, 0x14, 0x03, 0x33, 0xF2};
    for (size_t i = 0; i < sizeof bad; i++)
        for (int n = 1; n <= 4; n++)
            CHECK_INT(escpos_parse_status(n, bad[i]), ESCPOS_BAD_REPLY);
    CHECK_INT(escpos_parse_status(0, 0x12), ESCPOS_BAD_REPLY);
    CHECK_INT(escpos_parse_status(5, 0x12), ESCPOS_BAD_REPLY);
    CHECK_INT(escpos_parse_status(-1, 0x12), ESCPOS_BAD_REPLY);
    /* Exhaustively: the fixed bits alone decide whether a byte is a reply. */
    int wrong = 0;
    for (int b = 0; b < 256; b++) {
        int fixed_ok = (b & 0x93) == 0x12;
        for (int n = 1; n <= 4; n++)
            wrong += (escpos_parse_status(n, (unsigned char)b) != ESCPOS_BAD_REPLY) != fixed_ok;
    }
    CHECK_INT(wrong, 0);
}

static void test_status_text(void)
{
    CHECK_STR(escpos_status_text(ESCPOS_READY), "ready");
    CHECK_STR(escpos_status_text(ESCPOS_PAPER_OUT), "paper out");
    CHECK_STR(escpos_status_text(ESCPOS_PAPER_LOW), "paper near end");
    for (int a = ESCPOS_READY; a <= ESCPOS_BAD_REPLY; a++) {
        CHECK(escpos_status_text((escpos_status_t)a)[0] != '\0');
        for (int b = a + 1; b <= ESCPOS_BAD_REPLY; b++)
            CHECK(strcmp(escpos_status_text((escpos_status_t)a),
                         escpos_status_text((escpos_status_t)b)) != 0);
    }
}

static void test_bitmap_free(void)
{
    escpos_bitmap_t zero = {0};
    escpos_bitmap_free(&zero);
    escpos_bitmap_free(NULL);
    escpos_bitmap_t bm = {8, 2, malloc(2)};
    escpos_bitmap_free(&bm);
    CHECK(bm.bits == NULL && bm.width == 0 && bm.height == 0);
    escpos_bitmap_free(&bm); /* twice is fine */
}

int main(void)
{
    RUN(test_job_tiny);
    RUN(test_job_bands);
    RUN(test_job_header_little_endian);
    RUN(test_job_pad_bits);
    RUN(test_job_refuses_bad_bitmaps);
    RUN(test_status_replies);
    RUN(test_status_bad_replies);
    RUN(test_status_text);
    RUN(test_bitmap_free);
    TEST_EXIT();
}
