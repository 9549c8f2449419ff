/* platform/options.c: the option table of the kiosk and the display. */
#include "../../firmware/platform/options.h"
#include "test.h"

static const char *db, *size;
static int flag;
static const option_t opts[] = {
    {"--db", &db, NULL}, {"--size", &size, NULL}, {"--headless", NULL, &flag}, {NULL, NULL, NULL}};

static void usage(FILE *f)
{
    fputs("usage: prog [OPTIONS]\n", f);
}

/* Parses argv with stdout and stderr in out and err. */
static int run_out(int argc, char **argv, char *out, char *err, size_t n)
{
    db = size = NULL;
    flag = 0;
    memset(out, 0, n);
    memset(err, 0, n);
    FILE *o = fmemopen(out, n, "w"), *e = fmemopen(err, n, "w");
    int rc = options_parse("prog", opts, argc, argv, usage, o, e);
    fclose(o);
    fclose(e);
    return rc;
}

static int run(int argc, char **argv, char *err, size_t n)
{
    char out[128];
    return run_out(argc, argv, out, err, n);
}

static void fills_values_and_flags(void)
{
    char err[128] = "";
    char *argv[] = {"prog", "--db", "x.db", "--headless", "--size", "800x1280", NULL};
    CHECK_INT(run(6, argv, err, sizeof err), OPTIONS_OK);
    CHECK_STR(db, "x.db");
    CHECK_STR(size, "800x1280");
    CHECK_INT(flag, 1);
    CHECK_STR(err, "");
    char *none[] = {"prog", NULL};
    CHECK_INT(run(1, none, err, sizeof err), OPTIONS_OK);
    CHECK(db == NULL && size == NULL && flag == 0);
}

static void says_what_is_wrong(void)
{
    char err[128];
    char *unknown[] = {"prog", "--headless", "--dbx", "a", NULL};
    CHECK_INT(run(4, unknown, err, sizeof err), OPTIONS_UNKNOWN);
    CHECK_STR(err, "prog: unknown option '--dbx'\nusage: prog [OPTIONS]\n");
    CHECK_INT(options_exit(OPTIONS_UNKNOWN), 2);
    char *novalue[] = {"prog", "--size", "1x1", "--db", NULL};
    CHECK_INT(run(4, novalue, err, sizeof err), OPTIONS_NO_VALUE);
    CHECK_STR(err, "prog: --db needs a value\n");
    CHECK_INT(options_exit(OPTIONS_NO_VALUE), 2);
    /* A value that looks like an option is still the value. */
    char *dash[] = {"prog", "--db", "--headless", NULL};
    CHECK_INT(run(3, dash, err, sizeof err), OPTIONS_OK);
    CHECK_STR(db, "--headless");
    CHECK_INT(flag, 0);
}

static void help_first_wins(void)
{
    char out[128], err[128];
    char *argv[] = {"prog", "--db", "x", "-h", "--bogus", NULL};
    CHECK_INT(run_out(5, argv, out, err, sizeof out), OPTIONS_HELP);
    CHECK_STR(out, "usage: prog [OPTIONS]\n");
    CHECK_STR(err, "");
    CHECK_INT(options_exit(OPTIONS_HELP), 0);
    char *ok[] = {"prog", "--headless", NULL};
    CHECK_INT(options_exit(run(2, ok, err, sizeof err)), -1);
}

static void overrides_through_the_config_parser(void)
{
    config_t c;
    config_defaults(&c);
    char err[256] = "";
    const char *const over[][2] = {{"db", "a.db"}, {"lang", NULL}, {"size", "800x1280"}, {NULL, NULL}};
    CHECK_INT(options_override(&c, over, err, sizeof err), 0);
    CHECK_STR(c.db, "a.db");
    CHECK_STR(c.lang, "zh");
    CHECK(c.width == 800 && c.height == 1280);
    const char *const bad[][2] = {{"db", "b.db"}, {"size", "12x"}, {NULL, NULL}};
    CHECK_INT(options_override(&c, bad, err, sizeof err), -1);
    CHECK_STR(err, "bad value '12x' for size: expected WIDTHxHEIGHT, e.g. 1080x1920");
    CHECK_STR(c.db, "a.db"); /* nothing applied from a refused set */
    const char *const empty[][2] = {{"db", NULL}, {NULL, NULL}};
    CHECK_INT(options_override(&c, empty, err, sizeof err), 0);
    CHECK_STR(c.db, "a.db");
}

int main(void)
{
    RUN(fills_values_and_flags);
    RUN(says_what_is_wrong);
    RUN(help_first_wins);
    RUN(overrides_through_the_config_parser);
    TEST_EXIT();
}
