/* Ticket codes: what a resident reads aloud at the desk or types on the
 * check-in screen. Eight symbols of a 32-letter alphabet without 0/O and
 * 1/I (40 bits, so guessing a valid code is hopeless), shown as "ABCD-EFGH". */
#ifndef TICKET_CODE_H
#define TICKET_CODE_H

#include <stdint.h>

#include "../core/ids.h"


/* A fresh random code (libsodium's CSPRNG). Returns 0, or -1 when the
 * random source cannot be initialised. Matches store_codegen_fn; ctx unused. */
int ticket_code_random(void *ctx, char out[KIOSK_TICKET_SIZE]);

/* A reproducible code stream for scripted test runs: *state is any seed and
 * advances on each call. Same signature shape as ticket_code_random. */
int ticket_code_seeded(void *state_u64, char out[KIOSK_TICKET_SIZE]);

/* Accepts what people type ("abcd-efgh", " ABCD EFGH "): drops spaces and
 * dashes, upper-cases, and checks length and alphabet. Returns 0 with the
 * canonical code in out, or -1. */
int ticket_code_normalize(const char *in, char out[KIOSK_TICKET_SIZE]);

/* "ABCD-EFGH" for display. */
void ticket_code_format(const char *code, char out[KIOSK_TICKET_SHOWN_SIZE]);

#endif
