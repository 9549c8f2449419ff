#include "escpos.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Rows per GS v 0 command. The command allows 65535 rows, but cheap printers
 * buffer the whole band before burning it and some have only a few tens of
 * kilobytes: 256 rows of 576 dots is 18 KB. */
#define BAND_ROWS 256

/* xL xH is a 16-bit count of bytes per row. */
#define MAX_ROW_BYTES 0xFFFF

static const unsigned char job_reset[] = {0x1B, 0x40};            /* ESC @ */
static const unsigned char job_feed[] = {0x1B, 0x64, 0x04};       /* ESC d 4 */
static const unsigned char job_cut[] = {0x1D, 0x56, 0x42, 0x00};  /* GS V 66 0 */
static const unsigned char band_cmd[] = {0x1D, 0x76, 0x30, 0x00}; /* GS v 0, m = 0 */

static unsigned char *put(unsigned char *p, const unsigned char *src, size_t n)
{
    memcpy(p, src, n);
    return p + n;
}

int escpos_job(const escpos_bitmap_t *bm, unsigned char **out, size_t *len)
{
    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!bm || !out || !len || !bm->bits || bm->width <= 0 || bm->height <= 0)
        return -1;
    size_t row = ((size_t)bm->width + 7) / 8;
    if (row > MAX_ROW_BYTES)
        return -1;
    size_t rows = (size_t)bm->height;
    size_t bands = (rows + BAND_ROWS - 1) / BAND_ROWS;
    if (rows > (SIZE_MAX - 64) / row / 2)
        return -1;
    size_t total = sizeof job_reset + bands * (sizeof band_cmd + 4) + rows * row + sizeof job_feed +
                   sizeof job_cut;
    unsigned char *buf = malloc(total);
    if (!buf)
        return -1;

    /* Dots past the width in a row's last byte would still be burnt: the
     * printer only knows whole bytes. */
    unsigned char pad_mask = (unsigned char)(0xFF << ((8 - bm->width % 8) % 8));

    unsigned char *p = put(buf, job_reset, sizeof job_reset);
    for (size_t y0 = 0; y0 < rows; y0 += BAND_ROWS) {
        size_t n = rows - y0 < BAND_ROWS ? rows - y0 : BAND_ROWS;
        p = put(p, band_cmd, sizeof band_cmd);
        *p++ = (unsigned char)(row & 0xFF);
        *p++ = (unsigned char)(row >> 8);
        *p++ = (unsigned char)(n & 0xFF);
        *p++ = (unsigned char)(n >> 8);
        for (size_t y = y0; y < y0 + n; y++) {
            p = put(p, bm->bits + y * row, row);
            p[-1] &= pad_mask;
        }
    }
    p = put(p, job_feed, sizeof job_feed);
    p = put(p, job_cut, sizeof job_cut);
    *out = buf;
    *len = (size_t)(p - buf);
    return 0;
}

/* Every status reply has bit 1 and bit 4 set and bits 0 and 7 clear; this is
 * how a reply is told from an Automatic Status Back block or XON/XOFF. */
#define FIXED_MASK 0x93
#define FIXED_BITS 0x12

escpos_status_t escpos_parse_status(int n, unsigned char reply)
{
    if ((reply & FIXED_MASK) != FIXED_BITS)
        return ESCPOS_BAD_REPLY;
    switch (n) {
    case ESCPOS_STATUS_PRINTER:
        /* bit 2 is the cash drawer, which a kiosk does not have. */
        return reply & 0x08 ? ESCPOS_OFFLINE : ESCPOS_READY;
    case ESCPOS_STATUS_OFFLINE:
        /* Paper end first: it is what staff can fix, and an empty roll also
         * raises the error bit on some models. */
        if (reply & 0x20)
            return ESCPOS_PAPER_OUT;
        if (reply & 0x04)
            return ESCPOS_COVER_OPEN;
        if (reply & 0x40)
            return ESCPOS_FAULT;
        if (reply & 0x08) /* paper being fed with the FEED button */
            return ESCPOS_OFFLINE;
        return ESCPOS_READY;
    case ESCPOS_STATUS_ERROR:
        /* bit 3 cutter, bit 5 unrecoverable, bit 6 auto-recoverable (head
         * too hot): none of them prints a ticket now. */
        return reply & 0x68 ? ESCPOS_FAULT : ESCPOS_READY;
    case ESCPOS_STATUS_PAPER:
        /* Epson sets each sensor's two bits together; clones sometimes set
         * only one of them, which means the same. */
        if (reply & 0x60)
            return ESCPOS_PAPER_OUT;
        if (reply & 0x0C)
            return ESCPOS_PAPER_LOW;
        return ESCPOS_READY;
    default:
        return ESCPOS_BAD_REPLY;
    }
}

const char *escpos_status_text(escpos_status_t s)
{
    switch (s) {
    case ESCPOS_READY:
        return "ready";
    case ESCPOS_PAPER_LOW:
        return "paper near end";
    case ESCPOS_PAPER_OUT:
        return "paper out";
    case ESCPOS_COVER_OPEN:
        return "cover open";
    case ESCPOS_OFFLINE:
        return "offline";
    case ESCPOS_FAULT:
        return "printer error";
    case ESCPOS_BAD_REPLY:
        return "not a status reply";
    }
    return "unknown status";
}

void escpos_bitmap_free(escpos_bitmap_t *bm)
{
    if (!bm)
        return;
    free(bm->bits);
    bm->bits = NULL;
    bm->width = bm->height = 0;
}
