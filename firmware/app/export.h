/* Bookings as a CSV file that opens cleanly in Excel and WPS: UTF-8 with a
 * BOM, CRLF line ends, RFC 4180 quoting, the columns of `kioskctl bookings`.
 * Written beside the target and renamed, so a pulled USB stick or a full
 * disk never leaves a half file under the real name; nothing on the stick
 * is followed or truncated (fsync_file_t), and the live database is never
 * a target. */
#ifndef PLATFORM_EXPORT_H
#define PLATFORM_EXPORT_H

#include <stddef.h>
#include <stdio.h>

#include "../store/store.h"
#include "table.h"

/* The columns of a booking in the export and in `kioskctl bookings`:
 * ticket,session_id,service_id,service_name,date,start,phone,party,status,created_at,for
 * (for: the label of the person served, empty for the booker themself;
 * last, so that readers of the older columns keep their positions). */
#define EXPORT_BOOKING_NCOLS 11
extern const char *const export_booking_cols[EXPORT_BOOKING_NCOLS];
/* Which of them are numbers (for JSON). */
extern const int export_booking_numeric[EXPORT_BOOKING_NCOLS];
/* A store_bookings() callback: writes r as one row to the table_t *table
 * begun with those columns. */
int export_booking_row(void *table, const store_booking_row_t *r);

/* Writes the bookings of the sessions from date from to date until
 * (inclusive, "YYYY-MM-DD"; NULL: no bound) to path. Returns the number of
 * bookings written, or -1 with a message in err (also when path is a
 * symbolic link, not a regular file, or the live database). */
int export_bookings_csv(store_t *st, const char *path, const char *from, const char *until,
                        char *err, size_t errlen);

/* The same file's bytes written to f (the console's download): the rows of
 * export_bookings_csv, and no file of its own. The number of bookings, or
 * -1 with err. */
int export_bookings_write(store_t *st, FILE *f, const char *from, const char *until, char *err,
                          size_t errlen);

#endif
