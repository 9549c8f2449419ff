#include "export.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void field(FILE *f, const char *s, int last)
{
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
    fputs(last ? "\r\n" : ",", f);
}

typedef struct csv {
    FILE *f;
    int n;
} csv_t;

static int row(void *ctx, const store_booking_row_t *r)
{
    csv_t *c = ctx;
    char party[16];
    snprintf(party, sizeof party, "%d", r->party);
    const char *v[] = {r->ticket, r->session_id, r->service_id, r->service_name, r->date,
                       r->start,  r->phone,      party,         r->status,       r->created_at};
    for (int i = 0; i < 10; i++)
        field(c->f, v[i], i == 9);
    c->n++;
    return 0;
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
    static const char *const cols[] = {"ticket", "session_id", "service_id", "service_name",
                                       "date",   "start",      "phone",      "party",
                                       "status", "created_at"};
    for (int i = 0; i < 10; i++)
        field(f, cols[i], i == 9);
    csv_t c = {f, 0};
    store_booking_filter_t flt = {.date_from = from, .date_until = until};
    int rc = store_bookings(st, &flt, row, &c);
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
    return c.n;
}
