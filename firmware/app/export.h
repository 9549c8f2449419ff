/* Bookings as a CSV file that opens cleanly in Excel and WPS: UTF-8 with a
 * BOM, CRLF line ends, RFC 4180 quoting, the columns of `kioskctl bookings`.
 * Written beside the target and renamed, so a pulled USB stick or a full
 * disk never leaves a half file under the real name. */
#ifndef PLATFORM_EXPORT_H
#define PLATFORM_EXPORT_H

#include <stddef.h>

#include "../store/store.h"

/* Writes the bookings of the sessions from date from to date until
 * (inclusive, "YYYY-MM-DD"; NULL: no bound) to path. Returns the number of
 * bookings written, or -1 with a message in err. */
int export_bookings_csv(store_t *st, const char *path, const char *from, const char *until,
                        char *err, size_t errlen);

#endif
