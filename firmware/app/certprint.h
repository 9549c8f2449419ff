/* The SHA-256 fingerprint of the staff console's certificate (issue 18):
 * what a browser shows as the certificate's SHA-256 fingerprint, so staff
 * can check once that the page they reach is their station's. The console
 * prints it at start, `kioskctl console fingerprint` and the technician
 * screen show it. */
#ifndef APP_CERTPRINT_H
#define APP_CERTPRINT_H

#include <stddef.h>

/* 32 bytes as "AB:CD:...": 95 characters and the NUL. */
#define CERTPRINT_SIZE 96

/* The fingerprint of the first certificate in the PEM text pem. 0, or -1
 * when it holds none that decodes. */
int certprint_pem(const char *pem, char out[CERTPRINT_SIZE]);

/* The same for the PEM file at path. 0, or -1 with err (missing: the
 * console has not started yet). */
int certprint_file(const char *path, char out[CERTPRINT_SIZE], char *err, size_t errlen);

/* The console's certificate file for a data directory: <data_dir>/console/cert.pem. */
void certprint_path(const char *data_dir, char *out, size_t outlen);

#endif
