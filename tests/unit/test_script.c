#include "../../firmware/shell/script.h"
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
    c = parse_ok("set-clock \"2026-11-30 23:59\"");
    CHECK(c.op == SCRIPT_SET_CLOCK && c.stamp > 0);
    c = parse_ok("touch-raw 0.25 1");
    CHECK(c.op == SCRIPT_TOUCH_RAW && c.fx == 0.25 && c.fy == 1.0);
    c = parse_ok("touch-raw 0 0.5\r");
    CHECK(c.op == SCRIPT_TOUCH_RAW && c.fx == 0.0 && c.fy == 0.5);
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
    c = parse_ok("expect-speech \"十二月一日 星期二\"");
    CHECK(c.op == SCRIPT_EXPECT_SPEECH);
    CHECK_STR(c.arg, "十二月一日 星期二");
    c = parse_ok("key KP_5");
    CHECK(c.op == SCRIPT_KEY);
    CHECK_STR(c.arg, "KP_5");
    c = parse_ok("wait-speech");
    CHECK(c.op == SCRIPT_WAIT_SPEECH && c.x == 0);
    c = parse_ok("wait-speech start");
    CHECK(c.op == SCRIPT_WAIT_SPEECH && c.x == 1);
    c = parse_ok("tap-if confirm");
    CHECK(c.op == SCRIPT_TAP_IF);
    CHECK_STR(c.arg, "confirm");
    CHECK(parse_ok("rss").op == SCRIPT_RSS);
    c = parse_ok("tap-first cancel:");
    CHECK(c.op == SCRIPT_TAP_FIRST);
    CHECK_STR(c.arg, "cancel:");
    c = parse_ok("expect-focus session:kangyang-zixun-20261201-1000");
    CHECK(c.op == SCRIPT_EXPECT_FOCUS);
    CHECK_STR(c.arg, "session:kangyang-zixun-20261201-1000");
    c = parse_ok("key Shift+Tab");
    CHECK(c.op == SCRIPT_KEY);
    CHECK_STR(c.arg, "Shift+Tab");
}

static void bad_lines_say_why(void)
{
    static const char *const bad[] = {
        "tapp next",
        "tap",
        "expect-speech",
        "expect-focus",
        "key",
        "wait-speech 3",
        "widgets start",
        "tap-at 1",
        "tap-at x y",
        "tap-at 1 2 3",
        "touch-raw",
        "set-clock",
        "set-clock \"2026-02-30 09:00\"",
        "set-clock \"tomorrow\"",
        "touch-raw 0.5",
        "touch-raw 0.5 1.5",
        "touch-raw -0.1 0.5",
        "touch-raw nan 0.5",
        "touch-raw 0.5 0.5 0.5",
        "touch-raw a b",
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
        "touch",
        "touch 1 2 3",
        "touch two words",
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

/* Ours: a finger as SDL events, on a widget or at a point. */
static void touch_takes_an_id_or_a_point(void)
{
    script_cmd_t c = parse_ok("touch book");
    CHECK(c.op == SCRIPT_TOUCH);
    CHECK_STR(c.arg, "book");
    c = parse_ok("touch 10 960");
    CHECK(c.op == SCRIPT_TOUCH && c.x == 10 && c.y == 960);
    CHECK_STR(c.arg, "");
    c = parse_ok("touch \"category:yanglao\"");
    CHECK_STR(c.arg, "category:yanglao");
}

int main(void)
{
    RUN(every_command_of_the_design);
    RUN(touch_takes_an_id_or_a_point);
    RUN(bad_lines_say_why);
    TEST_EXIT();
}
