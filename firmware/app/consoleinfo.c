#include "consoleinfo.h"

#include <stdio.h>

#include "../core/strings.h"
#include "../platform/config.h"
#include "../platform/netaddr.h"
#include "certprint.h"

int consoleinfo_lines(const char *data_dir, const char *station, int en, char addr[160],
                      char print[160])
{
    char host[64], url[128], path[CONFIG_PATH_MAX + 32], fp[CERTPRINT_SIZE], err[64];
    if (netaddr_ipv4(host, sizeof host) != 0)
        snprintf(host, sizeof host, "%s", str_get(STR_TECH_CONSOLE_HOST, en));
    /* The path on a line of its own: a break at the hyphen of a station id
     * ("dl-jinpu-" / "xianjin") would read as a hyphen too many. */
    snprintf(url, sizeof url, "https://%s:%d\n/s/%.40s/", host, CONSOLEINFO_PORT,
             station && *station ? station : "station");
    const char *args[1] = {url};
    str_format(STR_TECH_CONSOLE, en, addr, 160, args, 1);

    certprint_path(data_dir, path, sizeof path);
    int rc = certprint_file(path, fp, err, sizeof err);
    if (rc == 0) {
        /* "AB:..:HH IJ:..": the colon after every eighth byte a space. */
        for (int i = 23; i < CERTPRINT_SIZE - 1; i += 24)
            fp[i] = ' ';
        args[0] = fp;
    } else {
        args[0] = str_get(STR_TECH_CONSOLE_NONE, en);
    }
    str_format(STR_TECH_CONSOLE_PRINT, en, print, 160, args, 1);
    return rc;
}
