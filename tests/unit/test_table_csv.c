/* The CSV every listing and the bookings export write (app/table.c):
 * RFC 4180 with CRLF. Issue 24's mutants: a comma left unquoted, or a
 * quote left undoubled, passed every test (the export's names have none).
 * Issue 14: a cell a spreadsheet would run as a formula is neutralised
 * (OWASP: a leading single quote, the cell quoted), numbers in numeric
 * columns stay numbers; terminal controls are stripped from what a
 * terminal shows (table_clean), escaped in JSON. */
#include <stdlib.h>

#include "../../firmware/app/table.h"
#include "test.h"

/* What table_csv_field writes for s. */
static const char *field(const char *s)
{
    static char out[256];
    memset(out, 0, sizeof out);
    FILE *f = fmemopen(out, sizeof out, "w");
    if (!f)
        return "(fmemopen failed)";
    table_csv_field(f, s);
    fclose(f);
    return out;
}

static void plain_fields_as_they_are(void)
{
    CHECK_STR(field("康养咨询"), "康养咨询");
    CHECK_STR(field("2026-12-01 14:00"), "2026-12-01 14:00");
    CHECK_STR(field(""), "");
    CHECK_STR(field("it's"), "it's");
}

static void separators_and_quotes_are_quoted(void)
{
    CHECK_STR(field("a,b"), "\"a,b\"");
    CHECK_STR(field("say \"hi\""), "\"say \"\"hi\"\"\"");
    CHECK_STR(field("\""), "\"\"\"\"");
    CHECK_STR(field("two\r\nlines"), "\"two\r\nlines\"");
    CHECK_STR(field("line\n"), "\"line\n\"");
}

static void a_listing_in_csv(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CHECK(f != NULL);
    if (!f)
        return;
    static const char *const cols[] = {"ticket", "service_name", "party"};
    table_t t;
    table_begin(&t, f, TABLE_CSV, cols, NULL, 3);
    const char *r1[] = {"ABCD2345", "讲座, \"健康\"", "2"};
    const char *r2[] = {"EFGH6789", "义诊", "1"};
    CHECK_INT(table_row(&t, r1), 0);
    CHECK_INT(table_row(&t, r2), 0);
    table_end(&t);
    fclose(f);
    CHECK_STR(buf, "ticket,service_name,party\r\n"
                   "ABCD2345,\"讲座, \"\"健康\"\"\",2\r\n"
                   "EFGH6789,义诊,1\r\n");
    free(buf);
}

/* A whole listing of one row in fmt, columns a (text) and n (numeric). */
static char *listing(table_format_t fmt, const char *a, const char *n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    static const char *const cols[] = {"a", "n"};
    static const int numeric[] = {0, 1};
    table_t t;
    table_begin(&t, f, fmt, cols, numeric, 2);
    const char *row[] = {a, n};
    table_row(&t, row);
    table_end(&t);
    fclose(f);
    return buf;
}

static void formulas_are_neutralised(void)
{
    CHECK_STR(field("=HYPERLINK(\"http://x\",\"y\")"),
              "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    CHECK_STR(field("=1+2"), "\"'=1+2\"");
    CHECK_STR(field("+86 138"), "\"'+86 138\"");
    CHECK_STR(field("-2+3"), "\"'-2+3\"");
    CHECK_STR(field("@SUM(A1)"), "\"'@SUM(A1)\"");
    CHECK_STR(field("\t=1"), "\"'\t=1\"");
    CHECK_STR(field("\r=1"), "\"'\r=1\"");
    /* The escape in front is stripped first: what is left is still caught. */
    CHECK_STR(field("\x1b[0m=1"), "\"'=1\"");
}

static void what_a_person_reads_is_unchanged(void)
{
    CHECK_STR(field("13800000001"), "13800000001");
    CHECK_STR(field("2026-12-01"), "2026-12-01");
    CHECK_STR(field("a=b"), "a=b");
    CHECK_STR(field("康养咨询 - 一对一"), "康养咨询 - 一对一");
    CHECK_STR(field("it's"), "it's");
}

static void numbers_in_numeric_columns_stay_numbers(void)
{
    char *s = listing(TABLE_CSV, "-x", "-3");
    CHECK_STR(s, "a,n\r\n\"'-x\",-3\r\n");
    free(s);
    s = listing(TABLE_CSV, "x", "=1+1");
    CHECK_STR(s, "a,n\r\nx,\"'=1+1\"\r\n");
    free(s);
    s = listing(TABLE_CSV, "x", "-1.5");
    CHECK_STR(s, "a,n\r\nx,-1.5\r\n");
    free(s);
}

static void clean_strips_terminal_controls(void)
{
    char out[128];
    CHECK_STR(table_clean(out, sizeof out, "a\x1b[2Jb", 0), "ab");
    CHECK_STR(table_clean(out, sizeof out, "x\x1b]0;title\x07y", 0), "xy");
    CHECK_STR(table_clean(out, sizeof out, "x\x1b]0;title\x1b\\y", 0), "xy");
    CHECK_STR(table_clean(out, sizeof out,
                          "x\x1b"
                          "cy",
                          0),
              "xy");
    CHECK_STR(table_clean(out, sizeof out, "a\x01\x7f\x08z", 0), "az");
    CHECK_STR(table_clean(out, sizeof out,
                          "a\xc2\x9b"
                          "31mb",
                          0),
              "a31mb"); /* C1 CSI */
    CHECK_STR(table_clean(out, sizeof out,
                          "a\x9b"
                          "b",
                          0),
              "a?b"); /* not UTF-8 */
    CHECK_STR(table_clean(out, sizeof out, "a\tb\r\nc", 0), "a b  c");
    CHECK_STR(table_clean(out, sizeof out, "a\tb\r\nc", 1), "a\tb\r\nc");
    CHECK_STR(table_clean(out, sizeof out, "社工站 é ✓", 0), "社工站 é ✓");
    CHECK_STR(table_clean(out, sizeof out, NULL, 0), "");
    CHECK_STR(table_clean(out, sizeof out, "\x1b[", 0), "");
    /* Cut at a character, never inside one. */
    CHECK_STR(table_clean(out, 5, "社工站", 0), "社");
}

static void text_table_and_json(void)
{
    char *s = listing(TABLE_TEXT, "a\x1b[2Jb\tc", "1");
    CHECK_STR(s, "a     n\nab c  1\n");
    free(s);
    s = listing(TABLE_JSON, "a\x1b[2J\xc2\x9b\x7f", "2");
    CHECK_STR(s, "[\n {\"a\": \"a\\u001b[2J\\u009b\\u007f\", \"n\": 2}\n]\n");
    free(s);
}

int main(void)
{
    RUN(plain_fields_as_they_are);
    RUN(separators_and_quotes_are_quoted);
    RUN(a_listing_in_csv);
    RUN(formulas_are_neutralised);
    RUN(what_a_person_reads_is_unchanged);
    RUN(numbers_in_numeric_columns_stay_numbers);
    RUN(clean_strips_terminal_controls);
    RUN(text_table_and_json);
    TEST_EXIT();
}
