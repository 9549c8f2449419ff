/* The catalog parser (core/catalog_parse.c) on any bytes: a catalog or a
 * "FILE:LINE: message" error, never a crash; what it accepts has sane
 * counts and terminated strings. */
#include <string.h>

#include "../../firmware/core/catalog.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    catalog_t *cat = NULL;
    char err[256];
    memset(err, 'x', sizeof err);
    int rc = catalog_parse((const char *)data, size, "fuzz.ini", &cat, err, sizeof err);
    if (rc != 0) {
        FUZZ_ASSERT(cat == NULL);
        FUZZ_ASSERT(memchr(err, '\0', sizeof err) != NULL);
        FUZZ_ASSERT(strncmp(err, "fuzz.ini", 8) == 0);
        return 0;
    }
    FUZZ_ASSERT(cat != NULL);
    FUZZ_ASSERT(cat->n_services >= 0 && cat->n_categories >= 0);
    for (int i = 0; i < cat->n_services; i++) {
        const catalog_service_t *svc = &cat->services[i];
        FUZZ_ASSERT(catalog_find_service(cat, svc->id) != NULL);
        FUZZ_ASSERT(strlen(svc->id) <= CATALOG_ID_MAX);
        FUZZ_ASSERT(svc->category >= 0 && svc->category < cat->n_categories);
        FUZZ_ASSERT(svc->name.zh && svc->name.en);
        for (int j = 0; j < svc->n_schedules; j++)
            FUZZ_ASSERT(svc->schedules[j].start < svc->schedules[j].end &&
                        svc->schedules[j].capacity > 0);
    }
    for (int i = 0; i < cat->n_categories; i++)
        FUZZ_ASSERT(catalog_find_category(cat, cat->categories[i].id) != NULL);
    catalog_destroy(cat);
    return 0;
}
