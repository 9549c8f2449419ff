/* kioskctl's side of the staff console (issue 18): the fingerprint of the
 * console's certificate, for the technician to give staff, who check it
 * once against what their browser shows. */
#include <stdio.h>

#include "../../firmware/app/certprint.h"
#include "ctl.h"

int ctl_console_fingerprint(ctl_t *c, const char *name, int argc, char **argv)
{
    const char *pos[1];
    int npos, rc = ctl_parse_opts(name, argc, argv, NULL, 0, pos, 0, &npos);
    if (rc)
        return rc;
    char path[CONFIG_PATH_MAX + 32], print[CERTPRINT_SIZE], err[CONFIG_PATH_MAX + 128];
    certprint_path(c->cfg.data_dir, path, sizeof path);
    if (certprint_file(path, print, err, sizeof err) != 0)
        return ctl_refused("no console certificate yet: %s", err);
    printf("%s\n", print);
    return EXIT_DONE;
}
