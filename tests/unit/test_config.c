#include "../../firmware/platform/config.h"
#include "test.h"

static int parse(config_t *c, const char *text, char *err, size_t n)
{
    return config_parse(c, text, strlen(text), "k.conf", err, n);
}

static void defaults(void)
{
    config_t c;
    config_defaults(&c);
    CHECK_INT(c.idle_timeout, 60);
    CHECK_INT(c.idle_countdown, 20);
    CHECK_INT(c.finished_timeout, 20); /* issue 15 item 7: was the idle 60 + 20 */
    CHECK_INT(c.elder_mode_default, 0);
    CHECK_INT(c.printer_dots, 384);
    CHECK_INT(c.rules.horizon_days, 14);
    char db[CONFIG_PATH_MAX];
    config_db_path(&c, db);
    CHECK_STR(db, "data/kiosk.db");
}

static void reads_every_kind_of_value(void)
{
    config_t c;
    config_defaults(&c);
    char err[256] = "";
    const char *text = "\xEF\xBB\xBF# kiosk\r\n"
                       "data_dir = /var/lib/kiosk\r\n"
                       "size=1920x1080\n"
                       "rotate = 90\n"
                       "lang = en\n"
                       "printer = /dev/usb/lp0\n"
                       "printer_dots = 576\n"
                       "touch_matrix = 0 1 0 -1 0 1\n"
                       "max_party = 2\n"
                       "  ; comment\n"
                       "cutoff_minutes = 0\n"
                       "elder_mode_default = on\n";
    CHECK(parse(&c, text, err, sizeof err) == 0);
    CHECK_STR(err, "");
    CHECK(c.width == 1920 && c.height == 1080 && c.rotate == 90);
    CHECK_STR(c.lang, "en");
    CHECK_INT(c.printer_dots, 576);
    CHECK(c.touch_matrix[1] == 1.0f && c.touch_matrix[3] == -1.0f);
    CHECK_INT(c.rules.max_party, 2);
    CHECK_INT(c.rules.cutoff_minutes, 0);
    CHECK_INT(c.elder_mode_default, 1);
    char db[CONFIG_PATH_MAX];
    config_db_path(&c, db);
    CHECK_STR(db, "/var/lib/kiosk/kiosk.db");
}

static void refuses_with_line_and_changes_nothing(void)
{
    static const struct {
        const char *text, *msg;
    } bad[] = {
        {"lang = zh\nlanguage = en\n", "k.conf:2: unknown key 'language'"},
        {"\n\nrotate = 45\n", "k.conf:3: bad value '45' for rotate"},
        {"max_party = 0\n", "k.conf:1: bad value '0' for max_party"},
        {"max_party = 3x\n", "k.conf:1: bad value '3x'"},
        {"size = 1080\n", "k.conf:1: bad value '1080' for size"},
        {"printer_dots = 400\n", "k.conf:1: bad value '400'"},
        {"idle_timeout\n", "k.conf:1: expected key = value"},
        {"touch_matrix = 1 0 0 0 1\n", "k.conf:1: bad value"},
        {"touch_matrix = nan 0 0 0 1 0\n", "k.conf:1: bad value"},
        {"touch_matrix = 1 0 inf 0 1 0\n", "k.conf:1: bad value"},
        {"elder_mode_default = yes\n",
         "k.conf:1: bad value 'yes' for elder_mode_default: expected on or off"},
        {"elder_mode_default = 1\n", "k.conf:1: bad value '1' for elder_mode_default"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        config_t c, before;
        config_defaults(&c);
        before = c;
        char err[256] = "";
        CHECK(parse(&c, bad[i].text, err, sizeof err) == -1);
        if (strncmp(err, bad[i].msg, strlen(bad[i].msg)) != 0) {
            fprintf(stderr, "case %zu: got '%s', want '%s...'\n", i, err, bad[i].msg);
            CHECK(0);
        }
        CHECK(memcmp(&c, &before, sizeof c) == 0);
    }
    config_t c;
    config_defaults(&c);
    char err[256];
    CHECK(config_load(&c, "/nonexistent/kiosk.conf", err, sizeof err) == -1);
    CHECK(strstr(err, "/nonexistent/kiosk.conf: cannot open") == err);
}

/* The board's default configuration is a file the parser accepts, with the
 * documented defaults. */
static void board_default_config_loads(void)
{
    config_t c, d;
    config_defaults(&c);
    config_defaults(&d);
    char err[256] = "";
    CHECK(config_load(&c, "board/kiosk.conf", err, sizeof err) == 0);
    CHECK_STR(err, "");
    CHECK_STR(c.data_dir, "/var/lib/kiosk");
    CHECK_STR(c.printer, "/dev/kiosk-printer");
    CHECK(memcmp(&c.rules, &d.rules, sizeof c.rules) == 0);
    CHECK_INT(c.idle_timeout, d.idle_timeout);
    CHECK_STR(c.update_root, d.update_root);
    CHECK_STR(c.update_pubkey, d.update_pubkey);
    CHECK_INT(c.update_max_boots, d.update_max_boots);
    CHECK_INT(c.update_health_seconds, d.update_health_seconds);
}

static void update_keys(void)
{
    config_t c;
    config_defaults(&c);
    char err[256] = "";
    CHECK_STR(c.update_root, "/opt/kiosk");
    CHECK_STR(c.update_pubkey, "/etc/kiosk/update.pub");
    CHECK(c.update_max_boots == 3 && c.update_health_seconds == 300);
    CHECK(parse(&c, "update_root = /srv/kiosk\nupdate_max_boots = 5\nupdate_health_seconds = 2\n",
                err, sizeof err) == 0);
    CHECK_STR(c.update_root, "/srv/kiosk");
    CHECK(c.update_max_boots == 5 && c.update_health_seconds == 2);
    CHECK(parse(&c, "update_max_boots = 0\n", err, sizeof err) == -1);
    CHECK_STR(err,
              "k.conf:1: bad value '0' for update_max_boots: expected a whole number in range");
    CHECK(parse(&c, "update_health_seconds = soon\n", err, sizeof err) == -1);
    CHECK_INT(c.update_max_boots, 5);
}

static void voice_keys(void)
{
    config_t c;
    config_defaults(&c);
    char err[256] = "";
    /* Voice on in elder mode by default (issue 17), no quiet hours. */
    CHECK_INT(c.voice, CONFIG_VOICE_ELDER);
    CHECK(c.voice_volume == 80 && c.voice_quiet_from == -1 && c.voice_quiet_until == -1);
    CHECK_STR(c.voice_engine, "espeak-ng");
    CHECK(parse(&c, "voice = on\nvoice_volume = 100\nvoice_quiet_hours = 21:30-07:00\n", err,
                sizeof err) == 0);
    CHECK_INT(c.voice, CONFIG_VOICE_ON);
    CHECK(c.voice_volume == 100 && c.voice_quiet_from == 21 * 60 + 30 &&
          c.voice_quiet_until == 7 * 60);
    CHECK(parse(&c, "voice = loud\n", err, sizeof err) == -1);
    CHECK_STR(err, "k.conf:1: bad value 'loud' for voice: expected on, off or elder");
    CHECK(parse(&c, "voice_quiet_hours = 25:00-07:00\n", err, sizeof err) == -1);
    CHECK(parse(&c, "voice_volume = 101\n", err, sizeof err) == -1);
    CHECK_INT(c.voice, CONFIG_VOICE_ON);
    CHECK(parse(&c, "voice = off\nvoice_quiet_hours = none\n", err, sizeof err) == 0);
    CHECK(c.voice == CONFIG_VOICE_OFF && c.voice_quiet_from == -1);
}

static void queue_keys(void)
{
    config_t c;
    config_defaults(&c);
    char err[256] = "";
    /* Issue 19: two regular calls between priority ones, 15 minutes grace. */
    CHECK(c.queue.priority_every == 2 && c.queue.late_grace == 15 && c.queue_priority_age == 60);
    CHECK(parse(&c, "queue_priority_every = 0\nqueue_late_grace_minutes = 30\n"
                    "queue_priority_age = 65\n",
                err, sizeof err) == 0);
    CHECK(c.queue.priority_every == 0 && c.queue.late_grace == 30 && c.queue_priority_age == 65);
    CHECK(parse(&c, "queue_priority_every = -1\n", err, sizeof err) == -1);
    CHECK_STR(err, "k.conf:1: bad value '-1' for queue_priority_every: expected a whole number "
                   "in range");
    CHECK_INT(c.queue.priority_every, 0);
}

int main(void)
{
    RUN(defaults);
    RUN(reads_every_kind_of_value);
    RUN(refuses_with_line_and_changes_nothing);
    RUN(board_default_config_loads);
    RUN(update_keys);
    RUN(voice_keys);
    RUN(queue_keys);
    TEST_EXIT();
}
