/* The printed ticket: laid out with our font and the QR into a 1-bit image
 * the printer's width (384 or 576 dots), for ESC/POS raster printing. */
#ifndef UI_TICKET_RENDER_H
#define UI_TICKET_RENDER_H

#include <stddef.h>

#include "../ticket/escpos.h"

typedef struct ui_ticket {
    const char *station; /* 金普新区先进街道社工站 */
    const char *title;   /* 预约凭条 */
    const char *service;
    const char *when; /* 2026年12月1日 周二 10:00–11:00 */
    const char *place;
    const char *party;     /* 2人 */
    const char *code;      /* ABCD-EFGH, printed large */
    const char *payload;   /* the QR's content */
    const char *hint;      /* 请按时到站，出示预约码或扫码签到 */
    const char *labels[5]; /* 服务, 时间, 地点, 人数, 预约码 in the ticket's language */
    /* i16checkin: what to bring (catalog_resident_bring), a row after 人数. */
    const char *bring;
    const char *bring_label; /* 请携带 */
    /* w (issue 19): a queue number's slip: no QR (nothing to scan), the
     * code being the number. Otherwise a ticket without a payload is
     * refused. */
    int no_qr;
} ui_ticket_t;

/* Renders t into out (width_dots wide, as tall as needed). The QR gets at
 * least 6 dots a module and a 4-module quiet zone. Returns 0, or -1 with a
 * message (font missing, QR too long, no memory). Needs TTF_Init. */
int ui_ticket_render(const char *font_regular, const char *font_bold, const ui_ticket_t *t,
                     int width_dots, escpos_bitmap_t *out, char *err, size_t errlen);

#endif
