/* Command-line options: see options.h. */
#include "options.h"

#include <string.h>

int options_parse(const char *prog, const option_t *opts, int argc, char **argv,
                  void (*usage)(FILE *), FILE *out, FILE *err)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(out);
            return OPTIONS_HELP;
        }
        const option_t *o = opts;
        while (o->name && strcmp(o->name, argv[i]) != 0)
            o++;
        if (!o->name) {
            fprintf(err, "%s: unknown option '%s'\n", prog, argv[i]);
            usage(err);
            return OPTIONS_UNKNOWN;
        }
        if (!o->value) {
            *o->flag = 1;
            continue;
        }
        if (i + 1 >= argc) {
            fprintf(err, "%s: %s needs a value\n", prog, argv[i]);
            return OPTIONS_NO_VALUE;
        }
        *o->value = argv[++i];
    }
    return OPTIONS_OK;
}

int options_exit(int rc)
{
    return rc == OPTIONS_OK ? -1 : rc == OPTIONS_HELP ? 0 : 2;
}

int options_override(config_t *c, const char *const (*pairs)[2], char *err, size_t errlen)
{
    char text[4096];
    size_t n = 0;
    text[0] = '\0';
    for (; pairs[0][0]; pairs++) {
        if (!pairs[0][1])
            continue;
        int w = snprintf(text + n, sizeof text - n, "%s = %s\n", pairs[0][0], pairs[0][1]);
        if (w < 0 || (size_t)w >= sizeof text - n) {
            snprintf(err, errlen, "the options are too long");
            return -1;
        }
        n += (size_t)w;
    }
    char msg[1024];
    if (config_parse(c, text, n, "command line", msg, sizeof msg) == 0)
        return 0;
    /* "command line:N: what" names no file a person could open: keep "what". */
    const char *what = strstr(msg, ": ");
    snprintf(err, errlen, "%s", what ? what + 2 : msg);
    return -1;
}
