/* The CSV every listing and the bookings export write (app/table.c):
 * RFC 4180 with CRLF. Issue 24's mutants: a comma left unquoted, or a
 * quote left undoubled, passed every test (the export's names have none). */
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

int main(void)
{
    RUN(plain_fields_as_they_are);
    RUN(separators_and_quotes_are_quoted);
    RUN(a_listing_in_csv);
    TEST_EXIT();
}
