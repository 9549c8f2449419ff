#include "../../firmware/platform/script.h"
#include "test.h"

static script_cmd_t parse_ok(const char *line)
{
    script_cmd_t c;
    char err[128] = "";
    if (script_parse_line(line, &c, err, sizeof err) != 0) {
        fprintf(stderr, "'%s': %s\n", line, err);
        CHECK(0);
    }
    return c;
}

static void every_command_of_the_design(void)
{
    script_cmd_t c = parse_ok("tap category:yanglao");
    CHECK(c.op == SCRIPT_TAP);
    CHECK_STR(c.arg, "category:yanglao");
    c = parse_ok("tap-text \"取消预约\"");
    CHECK(c.op == SCRIPT_TAP_TEXT);
    CHECK_STR(c.arg, "取消预约");
    c = parse_ok("tap-at 540 960");
    CHECK(c.op == SCRIPT_TAP_AT && c.x == 540 && c.y == 960);
    c = parse_ok("type 138 1234 5678");
    CHECK(c.op == SCRIPT_TYPE);
    CHECK_STR(c.arg, "138 1234 5678");
    c = parse_ok("scan KQ1:ABCDEFGH:xyz");
    CHECK(c.op == SCRIPT_SCAN);
    CHECK_STR(c.arg, "KQ1:ABCDEFGH:xyz");
    c = parse_ok("wait 1.5");
    CHECK(c.op == SCRIPT_WAIT && c.seconds == 1.5);
    c = parse_ok("expect-screen idle-warning");
    CHECK(c.op == SCRIPT_EXPECT_SCREEN);
    c = parse_ok("expect-text \"say \\\"hi\\\"\"");
    CHECK_STR(c.arg, "say \"hi\"");
    c = parse_ok("shot 01-home");
    CHECK(c.op == SCRIPT_SHOT);
    c = parse_ok("widgets");
    CHECK(c.op == SCRIPT_WIDGETS);
    c = parse_ok("drag 500 1500 500 500");
    CHECK(c.op == SCRIPT_DRAG && c.y2 == 500);
    c = parse_ok("   # a comment");
    CHECK(c.op == SCRIPT_NONE);
    c = parse_ok("");
    CHECK(c.op == SCRIPT_NONE);
    c = parse_ok("tap next\r");
    CHECK_STR(c.arg, "next");
    c = parse_ok("tap-nth 17");
    CHECK(c.op == SCRIPT_TAP_NTH && c.x == 17);
    CHECK(parse_ok("screen").op == SCRIPT_SCREEN);
    c = parse_ok("tap-if confirm");
    CHECK(c.op == SCRIPT_TAP_IF);
    CHECK_STR(c.arg, "confirm");
    CHECK(parse_ok("rss").op == SCRIPT_RSS);
}

static void bad_lines_say_why(void)
{
    static const char *const bad[] = {
        "tapp next",
        "tap",
        "tap-at 1",
        "tap-at x y",
        "tap-at 1 2 3",
        "wait",
        "wait -1",
        "wait soon",
        "wait nan",
        "wait inf",
        "expect-text \"unterminated",
        "expect-text \"a\" b",
        "shot ../x",
        "shot a/b",
        "widgets now",
        "drag 1 2 3",
        "tap-nth",
        "tap-nth -1",
        "tap-nth 1 2",
        "screen ticket",
        "tap-if",
        "rss now",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        script_cmd_t c;
        char err[128] = "";
        CHECK(script_parse_line(bad[i], &c, err, sizeof err) == -1);
        CHECK(err[0] != '\0');
    }
    char longline[600];
    memset(longline, 'a', sizeof longline - 1);
    longline[sizeof longline - 1] = '\0';
    memcpy(longline, "tap ", 4);
    script_cmd_t c;
    char err[128];
    CHECK(script_parse_line(longline, &c, err, sizeof err) == -1);
}

int main(void)
{
    RUN(every_command_of_the_design);
    RUN(bad_lines_say_why);
    TEST_EXIT();
}
