/* The QR symbol of a payload, as a square of modules (libqrencode). */
#ifndef TICKET_QR_H
#define TICKET_QR_H

#include <stddef.h>

typedef struct ticket_qr {
    int width;           /* modules per side, without the quiet zone */
    int version;         /* QR version (the payload keeps it <= 4) */
    unsigned char *dark; /* width * width bytes, row-major: 1 dark, 0 light */
} ticket_qr_t;

/* Encodes text at error correction M. Returns 0, or -1 when it cannot (too
 * long, out of memory). Free with ticket_qr_free. */
int ticket_qr_encode(const char *text, ticket_qr_t *out);
/* Frees out's modules; safe on a zeroed struct. */
void ticket_qr_free(ticket_qr_t *qr);

#endif
