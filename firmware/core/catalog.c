/* The catalog once parsed: reading one from a file (the text itself is
 * parsed by catalog_parse.c), freeing it, and the lookups the flow, the
 * schedules and the screens make. */
#include "catalog.h"
#include "catalog_int.h"
#include "strings.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int catalog_load(const char *path, catalog_t **out, char *err, size_t errlen)
{
    return catalog_load_source(path, out, NULL, err, errlen);
}

int catalog_load_source(const char *path, catalog_t **out, char **text, char *err, size_t errlen)
{
    FILE *f;
    char *buf;
    size_t n = 0;
    int rc;

    if (out)
        *out = NULL;
    if (text)
        *text = NULL;
    if (err && errlen)
        err[0] = '\0';
    if (!path || !out) {
        if (err && errlen)
            snprintf(err, errlen, "catalog: no file given");
        return -1;
    }
    f = fopen(path, "rb");
    if (!f) {
        if (err && errlen)
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    /* One byte more than the cap tells a too-big file from one exactly at it. */
    buf = malloc(CATALOG_FILE_MAX + 1);
    if (!buf) {
        fclose(f);
        if (err && errlen)
            snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    while (n < CATALOG_FILE_MAX + 1) {
        size_t r = fread(buf + n, 1, CATALOG_FILE_MAX + 1 - n, f);
        if (r == 0)
            break;
        n += r;
    }
    if (ferror(f)) {
        int e = errno;
        free(buf);
        fclose(f);
        if (err && errlen)
            snprintf(err, errlen, "%s: read error: %s", path, e ? strerror(e) : "I/O error");
        return -1;
    }
    fclose(f);
    if (n > CATALOG_FILE_MAX) {
        free(buf);
        if (err && errlen)
            snprintf(err, errlen, "%s: file is larger than 1 MiB (%d bytes); is it a catalog?",
                     path, CATALOG_FILE_MAX);
        return -1;
    }
    rc = catalog_parse(buf, n, path, out, err, errlen);
    if (rc == 0 && text) {
        /* The very bytes that were validated, for the store to keep. */
        buf[n] = '\0';
        *text = buf;
        return 0;
    }
    free(buf);
    return rc;
}

static void text_free(catalog_text_t *t)
{
    free(t->zh);
    free(t->en);
}

void catalog_destroy(catalog_t *cat)
{
    if (!cat)
        return;
    free(cat->station_id);
    text_free(&cat->station_name);
    text_free(&cat->station_address);
    free(cat->station_phone);
    free(cat->closed);
    for (int i = 0; i < cat->n_categories; i++) {
        catalog_category_t *c = &cat->categories[i];
        free(c->id);
        text_free(&c->name);
        text_free(&c->summary);
    }
    free(cat->categories);
    for (int i = 0; i < cat->n_services; i++) {
        catalog_service_t *s = &cat->services[i];
        free(s->id);
        text_free(&s->name);
        text_free(&s->summary);
        text_free(&s->description);
        text_free(&s->audience);
        text_free(&s->location);
        text_free(&s->bring);
        free(s->queue_line);
        free(s->schedules);
        free(s->closed);
    }
    free(cat->services);
    catalog_lines_free(cat);
    catalog_terms_free(cat);
    free(cat);
}

const catalog_category_t *catalog_find_category(const catalog_t *cat, const char *id)
{
    if (!cat || !id)
        return NULL;
    for (int i = 0; i < cat->n_categories; i++)
        if (strcmp(cat->categories[i].id, id) == 0)
            return &cat->categories[i];
    return NULL;
}

const catalog_service_t *catalog_find_service(const catalog_t *cat, const char *id)
{
    if (!cat || !id)
        return NULL;
    for (int i = 0; i < cat->n_services; i++)
        if (strcmp(cat->services[i].id, id) == 0)
            return &cat->services[i];
    return NULL;
}

const char *catalog_str(const catalog_text_t *t, int en)
{
    if (!t)
        return "";
    if (en && t->en && t->en[0])
        return t->en;
    return t->zh ? t->zh : "";
}

static int date_in(const dt_date_t *list, int n, dt_date_t d)
{
    for (int i = 0; i < n; i++)
        if (dt_date_cmp(list[i], d) == 0)
            return 1;
    return 0;
}

/* Only the closed dates: whether a weekday has a schedule is the
 * schedule module's business. */
int catalog_is_closed(const catalog_t *cat, const catalog_service_t *svc, dt_date_t d)
{
    if (cat && date_in(cat->closed, cat->n_closed, d))
        return 1;
    return svc && date_in(svc->closed, svc->n_closed, d);
}

const char *catalog_resident_name(const catalog_service_t *sv, int en)
{
    return sv && !sv->sensitive ? catalog_str(&sv->name, en) : str_get(STR_NEUTRAL_SERVICE, en);
}

const char *catalog_resident_bring(const catalog_service_t *sv, int en)
{
    if (sv && !sv->sensitive)
        return catalog_str(&sv->bring, en);
    return str_get(STR_BRING_PRIVATE, en);
}
