/* The staff console (issue 18) on the kiosk's technician screen: where
 * staff reach it and the fingerprint of its certificate, which staff check
 * once against their browser's. Read here, in the app layer: the flow
 * state gets the lines, the ui never reads a file. */
#ifndef APP_CONSOLEINFO_H
#define APP_CONSOLEINFO_H

/* The port kiosk-console.service serves on (the console's default). */
#define CONSOLEINFO_PORT 8443

/* The technician's two lines, in the staff's language (en):
 *   addr:  员工控制台：https://<the board's IPv4 address>:8443, then on a
 *          line of its own /s/<station>/
 *   print: 证书指纹：<the SHA-256 of <data_dir>/console/cert.pem in four
 *          groups of 8 bytes, a space between groups, so that the screen
 *          breaks lines there>, or that it is not made yet.
 * station "" or NULL: "station", as the console names a store without one.
 * Returns 0, or -1 when the certificate is not there (print says so). */
int consoleinfo_lines(const char *data_dir, const char *station, int en, char addr[160],
                      char print[160]);

#endif
