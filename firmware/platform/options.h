/* Command-line options of the programs that read a kiosk.conf (the kiosk,
 * the calling display): one table of options, one loop, one way of saying
 * what is wrong, and the options that override the configuration passed
 * through config_parse so they are checked exactly as the file is. */
#ifndef PLATFORM_OPTIONS_H
#define PLATFORM_OPTIONS_H

#include <stdio.h>

#include "config.h"

typedef struct option {
    const char *name;   /* "--db" */
    const char **value; /* takes the next argument; NULL: a flag */
    int *flag;          /* set to 1 when the flag is given */
} option_t;

enum { OPTIONS_OK = 0, OPTIONS_HELP = 1, OPTIONS_UNKNOWN = 2, OPTIONS_NO_VALUE = 3 };

/* Fills the options' slots from argv[1..]; the table ends with a NULL name.
 * --help (or -h) prints usage on out and returns OPTIONS_HELP at once. An
 * unknown option is said on err as "PROG: unknown option 'X'" followed by
 * the usage (OPTIONS_UNKNOWN), one missing its value as "PROG: X needs a
 * value" (OPTIONS_NO_VALUE). The program exits 0 after help, 2 otherwise. */
int options_parse(const char *prog, const option_t *opts, int argc, char **argv,
                  void (*usage)(FILE *), FILE *out, FILE *err);

/* The exit status options_parse's result asks for: 0 after help, 2 after a
 * usage error; -1 when the program goes on. */
int options_exit(int rc);

/* Applies "key = value" for every pair whose value is set (pairs end with a
 * NULL key) to c through config_parse, as the configuration file's lines:
 * 0, or -1 with the message (without the "command line:N: " prefix) in err. */
int options_override(config_t *c, const char *const (*pairs)[2], char *err, size_t errlen);

#endif
