/* The kiosk's printer port: a kiosk_print_fn (app/kiosk.h) that prints the
 * ticket of the state, or the technician's test page, as ESC/POS raster. */
#ifndef SHELL_PRINT_H
#define SHELL_PRINT_H

#include "../core/flow.h"

typedef struct print_port {
    const char *printer;      /* device or file; "" or NULL: none */
    int dots;                 /* 384 or 576 */
    const char *font_regular; /* the committed font subset the ticket is drawn with */
    const char *font_bold;
} print_port_t;

/* ctx is a print_port_t the caller keeps alive while it is set. Logs why a
 * ticket did not print; the flow tells the resident. */
flow_print_t print_ticket(void *ctx, const flow_state_t *s, int test_page);

#endif
