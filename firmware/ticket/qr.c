#include "qr.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

int ticket_qr_encode(const char *text, ticket_qr_t *out)
{
    memset(out, 0, sizeof *out);
    /* Case-sensitive 8-bit hint: libqrencode still picks alphanumeric mode
     * for the stretches that allow it, which our payload is entirely. */
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q)
        return -1;
    size_t n = (size_t)q->width * (size_t)q->width;
    out->dark = malloc(n);
    if (!out->dark) {
        QRcode_free(q);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        out->dark[i] = q->data[i] & 1;
    out->width = q->width;
    out->version = q->version;
    QRcode_free(q);
    return 0;
}

void ticket_qr_free(ticket_qr_t *qr)
{
    free(qr->dark);
    qr->dark = NULL;
    qr->width = 0;
}
