/* The store tests' shared fixture (store_fixture.h): one copy of what
 * test_store, test_staff, test_store_concurrency, test_crash, the PIN tests
 * and store_bench each used to set up for themselves. */
#include "store_fixture.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../firmware/core/datetime.h"

static char dir[FX_PATH_MAX / 2];

int fx_dir_make(const char *prefix, int ram)
{
    snprintf(dir, sizeof dir, "%s/%s-XXXXXX",
             ram && access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp", prefix);
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return -1;
    }
    return 0;
}

int fx_dir_use(const char *d)
{
    if ((size_t)snprintf(dir, sizeof dir, "%s", d) >= sizeof dir) {
        fprintf(stderr, "%s: path too long for the fixture\n", d);
        return -1;
    }
    return 0;
}

const char *fx_dir(void)
{
    return dir;
}

void fx_path(char out[FX_PATH_MAX], const char *name)
{
    snprintf(out, FX_PATH_MAX, "%s/%s", dir, name);
}

void fx_dir_remove(void)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char p[FX_PATH_MAX * 2];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

long long fx_at(const char *s)
{
    dt_date_t d;
    int m;
    if (dt_parse_datetime(s, &d, &m) != 0) {
        fprintf(stderr, "bad stamp %s\n", s);
        abort();
    }
    return dt_stamp(d, m);
}

int fx_gen(void *ctx, char out[KIOSK_TICKET_SIZE])
{
    static fx_gen_t shared = {'T', 0};
    fx_gen_t *g = ctx ? ctx : &shared;
    unsigned n = ++g->n;
    static const char digits[] = "23456789";
    out[0] = g->letter;
    for (int i = KIOSK_TICKET_LEN - 1; i >= 1; i--, n /= 8)
        out[i] = digits[n % 8];
    out[KIOSK_TICKET_LEN] = '\0';
    return 0;
}

catalog_t *fx_parse(const char *text, const char *source)
{
    char err[256];
    catalog_t *cat = NULL;
    if (catalog_parse(text, strlen(text), source, &cat, err, sizeof err) != 0) {
        fprintf(stderr, "catalog: %s\n", err);
        return NULL;
    }
    return cat;
}

int fx_import(store_t *st, const char *text, const char *source, long long now, const rules_t *r)
{
    catalog_t *cat = fx_parse(text, source);
    if (!cat)
        return -99;
    int rc = store_import_catalog(st, cat, text, source, now, r);
    if (rc)
        fprintf(stderr, "import: %s\n", store_errmsg(st));
    catalog_destroy(cat);
    return rc;
}

store_t *fx_open(const char *name, int flags)
{
    char path[FX_PATH_MAX];
    fx_path(path, name);
    store_t *st = NULL;
    if (store_open(path, flags, &st) != STORE_OK) {
        fprintf(stderr, "open %s: %s\n", path, store_errmsg(st));
        store_close(st);
        return NULL;
    }
    return st;
}

store_t *fx_store(const char *name, const char *text, const char *source, long long now,
                  const rules_t *r)
{
    store_t *st = fx_open(name, STORE_OPEN_CREATE);
    if (st && fx_import(st, text, source, now, r) != STORE_OK) {
        store_close(st);
        return NULL;
    }
    return st;
}

sqlite3 *fx_raw_open(const char *name, int flags)
{
    char path[FX_PATH_MAX];
    fx_path(path, name);
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
        fprintf(stderr, "raw open %s: %s\n", path, db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 5000);
    return db;
}

long long fx_raw_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s = NULL;
    long long v = -999;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    else
        fprintf(stderr, "raw_int(%s): %s\n", sql, sqlite3_errmsg(db));
    sqlite3_finalize(s);
    return v;
}

void fx_raw_text(sqlite3 *db, const char *sql, char *out, size_t size)
{
    sqlite3_stmt *s = NULL;
    out[0] = '\0';
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(s, 0);
        snprintf(out, size, "%s", v ? v : "(null)");
    } else {
        snprintf(out, size, "(error: %s)", sqlite3_errmsg(db));
    }
    sqlite3_finalize(s);
}

char *fx_wide_catalog(int services, int per_service, const char *days)
{
    size_t cap = 256 + (size_t)services * (200 + (size_t)per_service * 48), len = 0;
    char *t = malloc(cap);
    if (!t)
        return NULL;
    len += (size_t)snprintf(t + len, cap - len,
                            "[station]\nid = wide\nname = 大站\n[category c1]\nname = 类别\n");
    for (int v = 0; v < services; v++) {
        len += (size_t)snprintf(t + len, cap - len,
                                "[service s%03d]\ncategory = c1\nname = 服务%d\nname_en = S%d\n"
                                "description = 说明\naudience = 所有人\nlocation = 一楼\n"
                                "duration = 20\n",
                                v, v, v);
        for (int k = 0; k < per_service; k++) {
            int a = 7 * 60 + 20 * k, b = a + 20;
            len += (size_t)snprintf(t + len, cap - len, "schedule = %s %02d:%02d-%02d:%02d 5\n",
                                    days, a / 60, a % 60, b / 60, b % 60);
        }
    }
    return t;
}
