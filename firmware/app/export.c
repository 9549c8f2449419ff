#include "export.h"

#include <stdio.h>
#include <string.h>

#include "../platform/fsync.h"

const char *const export_booking_cols[EXPORT_BOOKING_NCOLS] = {
    "ticket", "session_id", "service_id", "service_name", "date",
    "start",  "phone",      "party",      "status",       "created_at",
    "for"};
const int export_booking_numeric[EXPORT_BOOKING_NCOLS] = {0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0};

int export_booking_row(void *table, const store_booking_row_t *r)
{
    char party[16];
    snprintf(party, sizeof party, "%d", r->party);
    const char *v[EXPORT_BOOKING_NCOLS] = {r->ticket, r->session_id, r->service_id, r->service_name,
                                           r->date,   r->start,      r->phone,      party,
                                           r->status, r->created_at, r->for_label};
    return table_row(table, v);
}

int export_bookings_write(store_t *st, FILE *f, const char *from, const char *until, char *err,
                          size_t errlen)
{
    fputs("\xEF\xBB\xBF", f);
    table_t t;
    table_begin(&t, f, TABLE_CSV, export_booking_cols, export_booking_numeric,
                EXPORT_BOOKING_NCOLS);
    store_booking_filter_t flt = {.date_from = from, .date_until = until};
    int rc = store_bookings(st, &flt, export_booking_row, &t);
    table_end(&t);
    if (rc != STORE_OK) {
        snprintf(err, errlen, "%s", store_errmsg(st));
        return -1;
    }
    return t.nrows;
}

int export_bookings_csv(store_t *st, const char *path, const char *from, const char *until,
                        char *err, size_t errlen)
{
    if (store_is_own_file(st, path)) {
        snprintf(err, errlen, "%s is the live database (or its WAL or journal): not written", path);
        return -1;
    }
    fsync_file_t w;
    if (fsync_file_create(&w, path, 0644, err, errlen))
        return -1;
    int n = export_bookings_write(st, w.f, from, until, err, errlen);
    if (n < 0) {
        fsync_file_abort(&w);
        return -1;
    }
    if (fsync_file_commit(&w, err, errlen))
        return -1;
    return n;
}
