#include "export.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

const char *const export_booking_cols[EXPORT_BOOKING_NCOLS] = {
    "ticket", "session_id", "service_id", "service_name", "date",
    "start",  "phone",      "party",      "status",       "created_at"};
const int export_booking_numeric[EXPORT_BOOKING_NCOLS] = {0, 0, 0, 0, 0, 0, 0, 1, 0, 0};

int export_booking_row(void *table, const store_booking_row_t *r)
{
    char party[16];
    snprintf(party, sizeof party, "%d", r->party);
    const char *v[EXPORT_BOOKING_NCOLS] = {r->ticket, r->session_id, r->service_id, r->service_name,
                                           r->date,   r->start,      r->phone,      party,
                                           r->status, r->created_at};
    return table_row(table, v);
}

int export_bookings_csv(store_t *st, const char *path, const char *from, const char *until,
                        char *err, size_t errlen)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.part", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
        return -1;
    }
    fputs("\xEF\xBB\xBF", f);
    table_t t;
    table_begin(&t, f, TABLE_CSV, export_booking_cols, export_booking_numeric,
                EXPORT_BOOKING_NCOLS);
    store_booking_filter_t flt = {.date_from = from, .date_until = until};
    int rc = store_bookings(st, &flt, export_booking_row, &t);
    table_end(&t);
    int werr = fflush(f) != 0 || fsync(fileno(f)) != 0;
    werr |= fclose(f) != 0;
    if (rc != STORE_OK) {
        snprintf(err, errlen, "%s", store_errmsg(st));
        remove(tmp);
        return -1;
    }
    if (werr || rename(tmp, path) != 0) {
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
        remove(tmp);
        return -1;
    }
    return t.nrows;
}
