/* The printing pipeline: the ticket on screen described in its words
 * (ui_ticket_describe), laid out with the committed font (ui_ticket_render),
 * encoded as ESC/POS raster (ticket/escpos) and written to the device
 * (platform/printer). Its own file so that the main loop knows nothing of
 * printing: main.c hands print_ticket to the request runner once. */
#include "print.h"

#include <stdlib.h>

#include "../core/strings.h"
#include "../platform/log.h"
#include "../platform/printer.h"
#include "../ticket/escpos.h"
#include "../ui/ui.h"

flow_print_t print_ticket(void *ctx, const flow_state_t *s, int test_page)
{
    const print_port_t *p = ctx;
    const char *path = p->printer;
    if (!path || !path[0]) {
        log_msg(LOG_INFO, "no printer configured: the resident keeps the on-screen QR");
        return FLOW_PRINT_NONE;
    }
    ui_ticket_text_t t;
    escpos_bitmap_t bm = {0};
    char err[256];
    ui_ticket_describe(s, &t);
    if (test_page) {
        /* The technician's test page: a ticket with made-up details and a
         * QR that no check-in accepts. */
        int en = s->lang_en;
        t.t.title = str_get(STR_TEST_TITLE, en);
        t.t.service = str_get(STR_TEST_SERVICE, en);
        t.t.when = str_get(STR_TEST_WHEN, en);
        t.t.place = str_get(STR_TEST_PLACE, en);
        str_format_int(STR_PERSONS, en, 1, t.party, sizeof t.party);
        t.t.party = t.party;
        t.t.code = "TEST-PAGE";
        t.t.payload = "KQ1:TESTPAGE:TESTTESTTESTTEST";
    }
    if (ui_ticket_render(p->font_regular, p->font_bold, &t.t, p->dots, &bm, err, sizeof err)) {
        log_msg(LOG_ERROR, "printer: cannot lay out the ticket: %s", err);
        return FLOW_PRINT_FAILED;
    }
    unsigned char *job = NULL;
    size_t len = 0;
    int rc = escpos_job(&bm, &job, &len);
    escpos_bitmap_free(&bm);
    if (rc) {
        log_msg(LOG_ERROR, "printer: cannot encode the ticket");
        return FLOW_PRINT_FAILED;
    }
    /* Long enough for a slow printer to take a whole ticket (about 50 KB at
     * 58 mm): the write lasts as long as the printing on small buffers. */
    err[0] = '\0';
    printer_result_t pr = printer_print(path, job, len, 4000, err, sizeof err);
    free(job);
    if (pr != PRINTER_OK) {
        /* For staff: the resident was told to photograph the QR instead. */
        log_msg(LOG_WARN, "printer %s: %s; ticket %s shown on screen only", path, err, s->ticket);
        return FLOW_PRINT_FAILED;
    }
    if (err[0])
        log_msg(LOG_WARN, "printer %s: %s", path, err); /* e.g. paper near end */
    return FLOW_PRINT_OK;
}
