/* The configuration parser (platform/config.c) on any bytes: accepted or
 * refused with "NAME:LINE: message"; a refusal leaves the configuration as
 * it was; what is accepted stays within the documented ranges. */
#include <string.h>

#include "../../firmware/platform/config.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    config_t c, before;
    char err[512];
    config_defaults(&c);
    before = c;
    int rc = config_parse(&c, (const char *)data, size, "fuzz.conf", err, sizeof err);
    if (rc != 0) {
        FUZZ_ASSERT(memcmp(&c, &before, sizeof c) == 0);
        FUZZ_ASSERT(memchr(err, '\0', sizeof err) != NULL);
        FUZZ_ASSERT(strncmp(err, "fuzz.conf", 9) == 0);
        return 0;
    }
    FUZZ_ASSERT(memchr(c.data_dir, '\0', sizeof c.data_dir) && memchr(c.db, '\0', sizeof c.db));
    FUZZ_ASSERT(memchr(c.printer, '\0', sizeof c.printer) && memchr(c.lang, '\0', sizeof c.lang));
    FUZZ_ASSERT(c.width > 0 && c.height > 0);
    FUZZ_ASSERT(c.rotate == 0 || c.rotate == 90 || c.rotate == 180 || c.rotate == 270);
    FUZZ_ASSERT(c.printer_dots == 384 || c.printer_dots == 576);
    FUZZ_ASSERT(c.idle_timeout > 0 && c.idle_countdown > 0);
    char db[CONFIG_PATH_MAX], key[CONFIG_PATH_MAX];
    config_db_path(&c, db);
    config_key_path(db, key);
    FUZZ_ASSERT(strlen(db) < CONFIG_PATH_MAX && strlen(key) < CONFIG_PATH_MAX);
    return 0;
}
