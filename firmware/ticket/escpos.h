/* ESC/POS for the thermal ticket printer: a 1-bit raster image sent with
 * GS v 0 (so Chinese needs no printer font), then feed and cut; and the
 * meaning of the printer's DLE EOT status bytes. Pure C, no I/O. */
#ifndef TICKET_ESCPOS_H
#define TICKET_ESCPOS_H

#include <stddef.h>

/* A 1-bit image: rows of (width + 7) / 8 bytes, most significant bit is the
 * leftmost dot, 1 = black (burnt). width is the printer's dots (384 or 576). */
typedef struct escpos_bitmap {
    int width, height;
    unsigned char *bits;
} escpos_bitmap_t;

/* The whole job: ESC @ (reset); the image as GS v 0 (m = 0) bands of at
 * most 256 rows, each "1D 76 30 00 xL xH yL yH" + data where xL xH is the
 * bytes per row and yL yH the rows, since printers with small buffers take
 * a tall image better in bands; ESC d 4 (feed past the tear bar); and a
 * partial cut GS V 66 0 ("1D 56 42 00"). Dots in a row's last byte beyond
 * width are sent white. *out is malloc'd (caller frees). Returns 0, or -1
 * (with *out NULL) for a bad bitmap (NULL bits, width or height < 1, more
 * than 65535 bytes a row) or no memory. */
int escpos_job(const escpos_bitmap_t *bm, unsigned char **out, size_t *len);

/* The four DLE EOT status requests (DLE EOT n, n = 1..4). */
#define ESCPOS_STATUS_PRINTER 1
#define ESCPOS_STATUS_OFFLINE 2
#define ESCPOS_STATUS_ERROR 3
#define ESCPOS_STATUS_PAPER 4

typedef enum escpos_status {
    ESCPOS_READY = 0,
    ESCPOS_PAPER_LOW, /* near end: still prints; staff should refill */
    ESCPOS_PAPER_OUT,
    ESCPOS_COVER_OPEN,
    ESCPOS_OFFLINE,
    ESCPOS_FAULT,    /* cutter, head temperature, unrecoverable */
    ESCPOS_BAD_REPLY /* the byte is not a status reply */
} escpos_status_t;

/* What the reply byte to DLE EOT n says (Epson ESC/POS reference). A
 * reply always has bits 1 and 4 set and bits 0 and 7 clear, else it is
 * ESCPOS_BAD_REPLY (as is any n outside 1..4). n = 1: bit 3 offline.
 * n = 2: bit 5 stopped by paper end (checked first), bit 2 cover open,
 * bit 6 error, bit 3 paper fed by the button (offline). n = 3: bits 3
 * (cutter), 5, 6 fault. n = 4: bits 5/6 paper end, else bits 2/3 near end
 * (either bit of a pair counts: clones set only one). */
escpos_status_t escpos_parse_status(int n, unsigned char reply);
/* A short English phrase for logs ("paper out", ...). */
const char *escpos_status_text(escpos_status_t s);

/* Frees bm's bits; safe on a zeroed struct. */
void escpos_bitmap_free(escpos_bitmap_t *bm);

#endif
