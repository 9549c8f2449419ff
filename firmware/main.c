/* kiosk: the station's self-service touchscreen. Wires configuration,
 * store, flow and screens together; the only place that exits. */
#include <SDL.h>
#include <SDL_ttf.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/datetime.h"
#include "shell/benchlog.h"
#include "platform/clock.h"
#include "platform/config.h"
#include "platform/options.h"
#include "app/kiosk.h"
#include "platform/log.h"
#include "shell/print.h"
#include "shell/sdl_app.h"

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "dev"
#endif
#ifndef KIOSK_DATADIR
#define KIOSK_DATADIR "/usr/share/kiosk"
#endif

static void usage(FILE *f)
{
    fprintf(f,
            "usage: kiosk [OPTIONS]\n"
            "\n"
            "The self-service touchscreen of a township/street social work station.\n"
            "\n"
            "  --config FILE        configuration (key = value; see docs/config.md)\n"
            "  --db FILE            booking database (default: DATA_DIR/kiosk.db)\n"
            "  --catalog FILE       service catalog to import at start\n"
            "                       (default: the demo catalog when none was ever imported)\n"
            "  --data-dir DIR       where the database and keys live (default: data)\n"
            "  --size WxH           panel size in pixels (default 1080x1920)\n"
            "  --windowed           a window instead of fullscreen; Escape quits (development)\n"
            "  --lang zh|en         language after each reset (default zh)\n"
            "  --printer PATH       thermal printer device or file\n"
            "  --now \"YYYY-MM-DD HH:MM\"  fix the clock (scripts: time moves only by wait)\n"
            "  --headless           no display: software rendering into memory\n"
            "  --script FILE        run a test script (see DESIGN.md) and exit\n"
            "  --screenshots DIR    where `shot NAME` writes NAME.bmp\n"
            "  --bench FILE         append frame and touch timings to FILE (make bench)\n"
            "  --no-text-cache      render every string every frame (the bench's baseline)\n"
            "  --voice on|off       voice guidance on or off (default: the config's voice,\n"
            "                       on in elder mode; speech by espeak-ng, run as a program)\n"
            "  --version            print the version\n"
            "  --help               this help\n"
            "\n"
            "Exit codes: 0 done, 1 error (message on stderr), 2 usage, 3 a script step failed.\n");
}

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* The font subset: beside the binary in the source tree, installed data, or
 * the current directory. */
static int find_fonts(char *reg, char *bold, size_t n)
{
    char *base = SDL_GetBasePath();
    const char *dirs[4] = {"fonts", NULL, NULL, KIOSK_DATADIR "/fonts"};
    char d1[1024] = "", d2[1024] = "";
    if (base) {
        snprintf(d1, sizeof d1, "%s../fonts", base);
        snprintf(d2, sizeof d2, "%s../share/kiosk/fonts", base);
        dirs[1] = d1;
        dirs[2] = d2;
        SDL_free(base);
    }
    for (int i = 0; i < 4; i++) {
        if (!dirs[i])
            continue;
        snprintf(reg, n, "%s/NotoSansSC-Kiosk-Regular.otf", dirs[i]);
        snprintf(bold, n, "%s/NotoSansSC-Kiosk-Bold.otf", dirs[i]);
        if (file_exists(reg) && file_exists(bold))
            return 0;
    }
    return -1;
}

/* The demo catalog, found like the fonts: the source tree (beside the
 * binary or the current directory) or the installed data. */
static const char *default_catalog(void)
{
    static char found[1100];
    char *base = SDL_GetBasePath();
    char beside[1024] = "";
    if (base) {
        snprintf(beside, sizeof beside, "%s../assets/catalog/demo.ini", base);
        SDL_free(base);
    }
    const char *const c[] = {"assets/catalog/demo.ini", beside, KIOSK_DATADIR "/catalog/demo.ini"};
    for (int i = 0; i < 3; i++) {
        if (c[i][0] && file_exists(c[i])) {
            snprintf(found, sizeof found, "%s", c[i]);
            return found;
        }
    }
    return NULL;
}

/* The wall clocks of app_clock_t: the system's, or --now's start moving
 * one minute per minute of the loop. */
static long long system_clock(void *ctx, uint64_t ms)
{
    (void)ctx;
    (void)ms;
    return clock_now_stamp();
}

static long long fixed_clock(void *ctx, uint64_t ms)
{
    return *(const long long *)ctx + (long long)(ms / 60000);
}

/* ---- the display ------------------------------------------------------------ */

/* Says there is no display and how to get one. */
static void no_display(const char *why)
{
    fprintf(stderr,
            "kiosk: no display: %s\n"
            "kiosk: the kiosk needs a screen: run it from a desktop session, or under a virtual\n"
            "kiosk: X server (Debian package xvfb): xvfb-run make run, or\n"
            "kiosk: xvfb-run build/kiosk --windowed; or without a screen: --headless\n",
            why);
}

/* 1 when one of the display systems SDL would open is there: an X server
 * or Wayland compositor named in the environment, Wayland's default socket,
 * or a KMS/DRM device (the board's console). SDL_VIDEODRIVER chosen by the
 * caller is theirs to answer for: SDL_Init then says whether it works.
 * Without this, libwayland prints an XDG_RUNTIME_DIR error and SDL falls
 * back to its offscreen driver: a kiosk running with no window. */
static int display_reachable(void)
{
    const char *v = getenv("SDL_VIDEODRIVER");
    if ((v && v[0]) || getenv("DISPLAY") || getenv("WAYLAND_DISPLAY"))
        return 1;
    const char *run = getenv("XDG_RUNTIME_DIR");
    char sock[1100];
    struct stat st;
    if (run && run[0]) {
        snprintf(sock, sizeof sock, "%s/wayland-0", run);
        if (stat(sock, &st) == 0 && S_ISSOCK(st.st_mode))
            return 1;
    }
    for (int i = 0; i < 8; i++) {
        snprintf(sock, sizeof sock, "/dev/dri/card%d", i);
        if (stat(sock, &st) == 0)
            return 1;
    }
    return 0;
}

/* 1 when SDL settled on a driver that shows nothing (offscreen, dummy)
 * that the caller did not ask for by SDL_VIDEODRIVER. */
static int stand_in_driver(void)
{
    const char *d = SDL_GetCurrentVideoDriver();
    const char *v = getenv("SDL_VIDEODRIVER");
    if (!d || (strcmp(d, "offscreen") != 0 && strcmp(d, "dummy") != 0))
        return 0;
    return !(v && strstr(v, d));
}

int main(int argc, char **argv)
{
    config_t cfg;
    config_defaults(&cfg);
    /* The database holds phone numbers and the key signs tickets: nothing
     * this program creates is for other users. */
    umask(027);
    /* A printer FIFO whose reader went away must fail the write, not kill us. */
    signal(SIGPIPE, SIG_IGN);
    const char *config = NULL, *db = NULL, *catalog = NULL, *data_dir = NULL, *size = NULL,
               *lang = NULL, *printer = NULL, *now = NULL, *script = NULL, *shots = NULL,
               *bench = NULL, *voice = NULL;
    int windowed = 0, headless = 0, no_text_cache = 0, version = 0;
    const option_t opts[] = {
        {"--version", NULL, &version},     {"--windowed", NULL, &windowed},
        {"--headless", NULL, &headless},   {"--no-text-cache", NULL, &no_text_cache},
        {"--bench", &bench, NULL},         {"--config", &config, NULL},
        {"--db", &db, NULL},               {"--catalog", &catalog, NULL},
        {"--data-dir", &data_dir, NULL},   {"--size", &size, NULL},
        {"--lang", &lang, NULL},           {"--printer", &printer, NULL},
        {"--now", &now, NULL},             {"--script", &script, NULL},
        {"--screenshots", &shots, NULL},   {"--voice", &voice, NULL},
        {NULL, NULL, NULL},
    };
    int orc = options_exit(options_parse("kiosk", opts, argc, argv, usage, stdout, stderr));
    if (orc >= 0)
        return orc;
    if (version) {
        printf("kiosk %s\n", KIOSK_VERSION);
        return 0;
    }
    char err[1024];
    if (config && config_load(&cfg, config, err, sizeof err)) {
        fprintf(stderr, "kiosk: %s\n", err);
        return 1;
    }
    /* Options override the configuration, through the same parser. */
    const char *const over[][2] = {{"db", db},         {"catalog", catalog}, {"data_dir", data_dir},
                                   {"size", size},     {"lang", lang},       {NULL, NULL}};
    if (options_override(&cfg, over, err, sizeof err)) {
        fprintf(stderr, "kiosk: %s\n", err);
        return 2;
    }
    if (printer)
        snprintf(cfg.printer, sizeof cfg.printer, "%s", printer);
    if (voice && strcmp(voice, "on") != 0 && strcmp(voice, "off") != 0) {
        fprintf(stderr, "kiosk: bad --voice '%s': expected on or off\n", voice);
        return 2;
    }
    if (voice)
        cfg.voice = strcmp(voice, "on") == 0 ? CONFIG_VOICE_ON : CONFIG_VOICE_OFF;
    long long start = clock_now_stamp();
    if (now) {
        dt_date_t d;
        int m;
        if (dt_parse_datetime(now, &d, &m)) {
            fprintf(stderr, "kiosk: bad --now '%s': expected \"YYYY-MM-DD HH:MM\"\n", now);
            return 2;
        }
        start = dt_stamp(d, m);
    }
    if (script && !headless && !getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY"))
        headless = 1; /* scripts never need a screen */

    char reg[1024], bold[1024];
    if (find_fonts(reg, bold, sizeof reg)) {
        fprintf(stderr, "kiosk: cannot find the font subset (fonts/NotoSansSC-Kiosk-*.otf)\n");
        return 1;
    }
    benchlog_t *blog = NULL;
    if (bench && !(blog = benchlog_open(bench, err, sizeof err))) {
        fprintf(stderr, "kiosk: %s\n", err);
        return 1;
    }
    /* The display before the database: a kiosk that cannot show anything
     * says so and stops, without taking the day's backup. */
    if (!headless && !display_reachable()) {
        no_display("no X11 or Wayland display (DISPLAY and WAYLAND_DISPLAY are unset) and no "
                   "KMS/DRM device (/dev/dri/card*)");
        benchlog_close(blog);
        return 1;
    }
    if (headless)
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    /* SIGTERM and SIGINT become SDL_QUIT and stop the kiosk at once; closing
     * its window does not (a resident must not be able to). */
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    if (!windowed)
        SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
    Uint32 sub = headless ? SDL_INIT_EVENTS | SDL_INIT_TIMER : SDL_INIT_VIDEO | SDL_INIT_TIMER;
    if (SDL_Init(sub) != 0) {
        if (headless)
            fprintf(stderr, "kiosk: cannot start SDL: %s\n", SDL_GetError());
        else
            no_display(SDL_GetError());
        benchlog_close(blog);
        return 1;
    }
    if (!headless && stand_in_driver()) {
        char why[200];
        snprintf(why, sizeof why, "SDL found no usable video driver, only its \"%s\" stand-in",
                 SDL_GetCurrentVideoDriver());
        no_display(why);
        SDL_Quit();
        benchlog_close(blog);
        return 1;
    }
    if (TTF_Init() != 0) {
        fprintf(stderr, "kiosk: cannot start SDL_ttf: %s\n", TTF_GetError());
        SDL_Quit();
        benchlog_close(blog);
        return 1;
    }
    kiosk_opts_t ko = {.cfg = &cfg,
                       .now = start,
                       .seeded_codes = script != NULL,
                       .fallback_catalog = default_catalog()};
    kiosk_t *k = kiosk_open(&ko, err, sizeof err);
    if (!k) {
        fprintf(stderr, "kiosk: %s\n", err);
        TTF_Quit();
        SDL_Quit();
        benchlog_close(blog);
        return 1;
    }
    if (!windowed && !headless)
        SDL_ShowCursor(SDL_DISABLE);
    app_opts_t ao = {
        .ui = {.width = cfg.width,
               .height = cfg.height,
               .rotate = cfg.rotate,
               .headless = headless,
               .windowed = windowed,
               .font_regular = reg,
               .font_bold = bold,
               .no_text_cache = no_text_cache},
        .script = script,
        .shots = shots,
        .clock = now ? (app_clock_t){fixed_clock, &start} : (app_clock_t){system_clock, NULL},
        .dev = windowed,
        .update_root = cfg.update_root,
        .health_seconds = cfg.update_health_seconds,
        .data_dir = cfg.data_dir,
        .bench = blog,
        .voice = {.mode = cfg.voice,
                  .volume = cfg.voice_volume,
                  .quiet_from = cfg.voice_quiet_from,
                  .quiet_until = cfg.voice_quiet_until,
                  .engine = cfg.voice_engine,
                  .rate = cfg.voice_rate,
                  .data_dir = cfg.data_dir,
                  .log_path = cfg.voice_log,
                  .bench = blog},
    };
    /* The ports, wired once here: the printer of the request runner (the
     * wall clock of the loop is ao.clock above). */
    print_port_t pp = {
        .printer = cfg.printer, .dots = cfg.printer_dots, .font_regular = reg, .font_bold = bold};
    kiosk_set_printer(k, print_ticket, &pp);
    int rc = app_run(k, &ao, err, sizeof err);
    kiosk_set_printer(k, NULL, NULL);
    /* SDL_CreateWindow or SDL_CreateRenderer failed (ui/output.c's message). */
    if (rc == APP_ERROR && !headless && strstr(err, "cannot create the display"))
        no_display(err);
    else if (rc == APP_ERROR)
        fprintf(stderr, "kiosk: %s\n", err);
    kiosk_close(k);
    benchlog_close(blog);
    TTF_Quit();
    SDL_Quit();
    return rc;
}
