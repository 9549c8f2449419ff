/* The thermal printer at a path: a character device (/dev/usb/lp0) that
 * may answer DLE EOT status requests, or a plain file (tests, spooling). */
#ifndef PLATFORM_PRINTER_H
#define PLATFORM_PRINTER_H

#include <stddef.h>

typedef enum printer_result {
    PRINTER_OK = 0,
    PRINTER_NONE,      /* no printer configured (empty path) */
    PRINTER_MISSING,   /* the device is not there or cannot be opened */
    PRINTER_PAPER_OUT, /* the printer says so (or the cover is open) */
    PRINTER_OFFLINE,   /* the printer says it is offline or in error */
    PRINTER_FAILED     /* writing failed or timed out */
} printer_result_t;

/* Sends job to the printer at path. What path is decides how:
 * - "" (or NULL): PRINTER_NONE, nothing is opened.
 * - a character device (/dev/usb/lp0, /dev/ttyUSB0, a pty in the tests):
 *   opened O_RDWR | O_NONBLOCK (O_WRONLY, without status, when only write
 *   access is granted). It is asked DLE EOT 4 (paper) and, if it answered,
 *   DLE EOT 2 (offline cause), waiting at most timeout_ms (and never more
 *   than 500 ms) for each reply; a printer that never answers is assumed
 *   ready (usblp often has no back channel). Paper out or cover open gives
 *   PRINTER_PAPER_OUT, offline or an error PRINTER_OFFLINE, and nothing is
 *   sent. Then the job is written within timeout_ms. A tty is switched to
 *   raw mode first.
 * - a FIFO: written without status (a spooler reads it); no reader gives
 *   PRINTER_MISSING.
 * - a regular file, or a path that does not exist outside /dev: appended to
 *   (created 0644), so tests and spooling can name a fresh file.
 * - anything missing under /dev/, or that cannot be opened: PRINTER_MISSING.
 * Never blocks longer than about 3 * timeout_ms (two status replies and the
 * write), except on a plain file, which the disk paces. The write lasts
 * about as long as the printing when the job (45 KB for a ticket at 384
 * dots, 105 KB at 576) exceeds the printer's buffer, so timeout_ms should
 * cover printing one ticket: 3000-5000 ms.
 * Returns a printer_result_t. err (may be NULL) gets a short phrase for the
 * log, without the path: "paper out (DLE EOT 4 reply 0x72)", "timed out
 * after 4096 of 46310 bytes", ...; on PRINTER_OK it is "" or "paper near
 * end". Nothing personal is in a job, and nothing of the job goes into err. */
printer_result_t printer_print(const char *path, const unsigned char *job, size_t len,
                               int timeout_ms, char *err, size_t errlen);

/* Whether the printer at path says its roll is near its end: DLE EOT 4,
 * asked now (up to timeout_ms when it does not answer). 0 for files, FIFOs,
 * printers that do not answer, and any error. Keeps no state, so kioskctl
 * can ask too. Right after printing there is no need: printer_print's err
 * already says "paper near end". */
int printer_paper_low(const char *path, int timeout_ms);

#endif
