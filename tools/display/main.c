/* kiosk-display: the lobby calling display (issue 19, docs/display.md).
 * Opens the store read-only, polls PRAGMA data_version every 200 ms and
 * draws a frame only when the queue changed (or the minute of its clock);
 * the only place that exits. */
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../firmware/core/datetime.h"
#include "../../firmware/platform/clock.h"
#include "../../firmware/platform/config.h"
#include "../../firmware/platform/options.h"
#include "../../firmware/shell/voice.h"
#include "display.h"

#define POLL_MS 200
#define WAIT_MS 30000
#define SAID_MS 60000
#define VOICE_TURN_MS 20

static void usage(FILE *f)
{
    fprintf(f, "usage: kiosk-display [--config FILE] [--data-dir DIR] [--db FILE] [--size WxH]\n"
               "       [--rotate 0|90|270] [--now \"YYYY-MM-DD HH:MM\"] [--headless]\n"
               "       [--script FILE] [--screenshots DIR] [--always-draw] [--voice on|off]\n"
               "       [--voice-cache DIR]\n"
               "The lobby calling display: the numbers called, read from the kiosk's store.\n"
               "Script commands (docs/display.md): shot NAME, expect-text \"TEXT\", expect-fit,\n"
               "wait-call LABEL, wait-announce, expect-said \"TEXT\" N, idle MS, stats,\n"
               "quit.\n"
               "Exit codes: 0 done, 1 error, 2 usage, 3 a script step failed.\n");
}

typedef struct disp {
    store_t *st;
    char db[CONFIG_PATH_MAX + 16];
    queue_rule_t rule;
    long long start;
    int fixed;
    long long version;
    int have;
    display_state_t s;
    display_draw_t d;
    SDL_Surface *surf; /* headless */
    SDL_Window *win;
    long frames;
    int always;
    const char *shots;
    announce_t ann; /* the chime and the calls said (announce.c) */
    display_calls_t calls;
} disp_t;

static long long now_of(const disp_t *x)
{
    return x->fixed ? x->start + (long long)(SDL_GetTicks64() / 60000) : clock_now_stamp();
}

/* Polls the store; draws when something changed. */
static void tick(disp_t *x)
{
    if (!x->st) {
        struct stat sb;
        if (stat(x->db, &sb) != 0 || store_open(x->db, STORE_OPEN_READONLY, &x->st) != STORE_OK) {
            store_close(x->st);
            x->st = NULL;
        }
    }
    long long v = -1;
    if (x->st && store_data_version(x->st, &v) != STORE_OK)
        v = -1;
    char clock[20];
    dt_format_stamp(now_of(x), clock);
    int changed = !x->have || v != x->version || strcmp(clock, x->s.clock) != 0;
    if (!changed && !x->always)
        return;
    x->version = v;
    x->have = 1;
    display_state_t s;
    if (x->st && display_read(x->st, &x->rule, now_of(x), &s, &x->calls) == 0) {
        x->s = s;
        announce_calls(&x->ann, &x->calls);
    } else
        snprintf(x->s.clock, sizeof x->s.clock, "%s", clock);
    display_frame(&x->d, &x->s);
    x->frames++;
}

/* Waits ms, keeping the announcements going (the voice wants a turn every
 * few ms while it synthesises or plays). */
static void wait_ms(disp_t *x, Uint32 ms)
{
    Uint64 until = SDL_GetTicks64() + ms;
    for (;;) {
        int busy = announce_pump(&x->ann);
        Uint64 t = SDL_GetTicks64();
        if (t >= until)
            return;
        Uint64 left = until - t;
        SDL_Delay((Uint32)(busy && left > VOICE_TURN_MS ? VOICE_TURN_MS : left));
    }
}

static int shot(disp_t *x, const char *name)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s.bmp", x->shots ? x->shots : ".", name);
    SDL_Surface *s = x->surf;
    SDL_Surface *own = NULL;
    if (!s) {
        own = SDL_CreateRGBSurfaceWithFormat(0, x->d.w, x->d.h, 32, SDL_PIXELFORMAT_ARGB8888);
        if (!own || SDL_RenderReadPixels(x->d.r, NULL, SDL_PIXELFORMAT_ARGB8888, own->pixels,
                                         own->pitch) != 0)
            return -1;
        s = own;
    }
    int r = SDL_SaveBMP(s, path);
    SDL_FreeSurface(own);
    return r;
}

/* The quoted or bare argument of a script line. */
static void arg_of(const char *p, char *out, size_t n)
{
    while (*p == ' ')
        p++;
    if (*p == '"') {
        p++;
        const char *e = strrchr(p, '"');
        size_t k = e && e >= p ? (size_t)(e - p) : strlen(p);
        snprintf(out, n, "%.*s", (int)(k < n ? k : n - 1), p);
    } else {
        snprintf(out, n, "%s", p);
        out[strcspn(out, "\r\n")] = '\0';
    }
}

static int drawn(const disp_t *x, const char *t)
{
    for (int i = 0; i < x->d.n_texts; i++)
        if (strstr(x->d.texts[i], t))
            return 1;
    return 0;
}

/* Runs the script; 0, or 3 at the first failing step. */
static int run_script(disp_t *x, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "kiosk-display: cannot open %s\n", path);
        return 1;
    }
    char line[512], a[256];
    int no = 0, rc = 0;
    tick(x);
    while (!rc && fgets(line, sizeof line, f)) {
        no++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        if (!strncmp(line, "shot ", 5)) {
            arg_of(line + 5, a, sizeof a);
            if (shot(x, a)) {
                fprintf(stderr, "kiosk-display: %s:%d: shot failed: %s\n", path, no,
                        SDL_GetError());
                rc = 3;
            }
        } else if (!strncmp(line, "expect-text ", 12)) {
            arg_of(line + 12, a, sizeof a);
            tick(x);
            if (!drawn(x, a)) {
                fprintf(stderr, "kiosk-display: %s:%d: \"%s\" is not on the screen\n", path, no,
                        a);
                rc = 3;
            }
        } else if (!strcmp(line, "expect-fit")) {
            /* Every text within the screen, none over another. */
            tick(x);
            char why[400];
            if (!display_fits(&x->d, why, sizeof why)) {
                fprintf(stderr, "kiosk-display: %s:%d: %s\n", path, no, why);
                rc = 3;
            }
        } else if (!strncmp(line, "wait-call ", 10)) {
            arg_of(line + 10, a, sizeof a);
            printf("display: waiting for %s\n", a);
            fflush(stdout);
            Uint64 until = SDL_GetTicks64() + WAIT_MS;
            for (;;) {
                tick(x);
                if (!strcmp(x->s.current, a))
                    break;
                if (SDL_GetTicks64() > until) {
                    fprintf(stderr, "kiosk-display: %s:%d: %s was not called in %d s\n", path,
                            no, a, WAIT_MS / 1000);
                    rc = 3;
                    break;
                }
                wait_ms(x, POLL_MS);
            }
        } else if (!strcmp(line, "wait-announce")) {
            /* Until a call or recall is announced (30 s at most). */
            printf("display: waiting for an announcement\n");
            fflush(stdout);
            unsigned before = x->ann.calls;
            Uint64 until = SDL_GetTicks64() + WAIT_MS;
            for (;;) {
                tick(x);
                if (x->ann.calls != before)
                    break;
                if (!x->ann.v || SDL_GetTicks64() > until) {
                    fprintf(stderr, "kiosk-display: %s:%d: nothing was announced in %d s%s\n",
                            path, no, WAIT_MS / 1000, x->ann.v ? "" : " (the voice is off)");
                    rc = 3;
                    break;
                }
                wait_ms(x, POLL_MS);
            }
        } else if (!strncmp(line, "expect-said ", 12)) {
            /* expect-said "TEXT" N: once everything pending is said. */
            arg_of(line + 12, a, sizeof a);
            const char *q = strrchr(line, '"');
            int want = q ? atoi(q + 1) : -1;
            if (!x->ann.v) {
                fprintf(stderr, "kiosk-display: %s:%d: the voice is off (--voice on)\n", path,
                        no);
                rc = 3;
                continue;
            }
            Uint64 until = SDL_GetTicks64() + SAID_MS;
            tick(x);
            while (announce_pump(&x->ann) && SDL_GetTicks64() < until) {
                wait_ms(x, POLL_MS);
                tick(x);
            }
            int got = announce_said(&x->ann, a);
            if (announce_pump(&x->ann) || got != want) {
                fprintf(stderr, "kiosk-display: %s:%d: \"%s\" said %d time(s), not %d%s\n", path,
                        no, a, got, want,
                        announce_pump(&x->ann) ? " (still speaking after 60 s)" : "");
                rc = 3;
            }
        } else if (!strncmp(line, "idle ", 5)) {
            /* idle MS: polls as the loop does, for MS. */
            Uint64 until = SDL_GetTicks64() + (Uint64)atoi(line + 5);
            while (SDL_GetTicks64() < until) {
                tick(x);
                wait_ms(x, POLL_MS);
            }
        } else if (!strcmp(line, "stats")) {
            printf("display: frames %ld\n", x->frames);
            fflush(stdout);
        } else if (!strcmp(line, "quit")) {
            break;
        } else {
            fprintf(stderr, "kiosk-display: %s:%d: unknown step '%s'\n", path, no, line);
            rc = 3;
        }
    }
    fclose(f);
    return rc;
}

/* The voice's cache of WAVs: DIR, or /tmp/kiosk-display-UID (the store's
 * folder is read-only to the display; the unit gives it a private /tmp).
 * Created 0700; one that is not a folder of ours is refused. 0, or -1. */
static int voice_cache_dir(const char *dir, char *out, size_t n)
{
    if (dir)
        snprintf(out, n, "%s", dir);
    else
        snprintf(out, n, "/tmp/kiosk-display-%u", (unsigned)getuid());
    struct stat sb;
    mkdir(out, 0700);
    if (lstat(out, &sb) != 0 || !S_ISDIR(sb.st_mode) || sb.st_uid != getuid()) {
        fprintf(stderr, "kiosk-display: %s is not a folder of mine: the display is silent\n",
                out);
        return -1;
    }
    return 0;
}

static int find_font(const char *name, char *out, size_t n)
{
    const char *dirs[] = {"fonts", "/usr/share/kiosk/fonts", "/usr/local/share/kiosk/fonts"};
    for (int i = 0; i < 3; i++) {
        struct stat sb;
        snprintf(out, n, "%s/%s", dirs[i], name);
        if (stat(out, &sb) == 0)
            return 0;
    }
    return -1;
}

int main(int argc, char **argv)
{
    config_t cfg;
    config_defaults(&cfg);
    const char *config = NULL, *data_dir = NULL, *db = NULL, *size = NULL, *now = NULL,
               *script = NULL, *shots = NULL, *voice = NULL, *rotate = NULL,
               *voice_cache = NULL;
    int headless = 0, always = 0;
    const option_t opts[] = {
        {"--headless", NULL, &headless},
        {"--always-draw", NULL, &always}, {"--config", &config, NULL},
        {"--data-dir", &data_dir, NULL}, {"--db", &db, NULL},
        {"--size", &size, NULL},         {"--rotate", &rotate, NULL},
        {"--now", &now, NULL},           {"--script", &script, NULL},
        {"--screenshots", &shots, NULL}, {"--voice", &voice, NULL},
        {"--voice-cache", &voice_cache, NULL}, {NULL, NULL, NULL},
    };
    int orc = options_exit(options_parse("kiosk-display", opts, argc, argv, usage, stdout, stderr));
    if (orc >= 0)
        return orc;
    char err[1024];
    if (config && config_load(&cfg, config, err, sizeof err)) {
        fprintf(stderr, "kiosk-display: %s\n", err);
        return 1;
    }
    const char *const over[][2] = {{"db", db}, {"data_dir", data_dir}, {"size", size}, {NULL, NULL}};
    if (options_override(&cfg, over, err, sizeof err)) {
        fprintf(stderr, "kiosk-display: %s\n", err);
        return 2;
    }
    if (!size && !(config && cfg.width)) {
        cfg.width = 1920;
        cfg.height = 1080;
    }
    if (!size) {
        cfg.width = cfg.width > cfg.height ? cfg.width : cfg.height; /* landscape reference */
        cfg.height = cfg.width == 1920 ? 1080 : cfg.height;
    }
    int rot = rotate ? atoi(rotate) : 0;
    if (rot != 0 && rot != 90 && rot != 270) {
        fprintf(stderr, "kiosk-display: bad --rotate '%s': expected 0, 90 or 270\n", rotate);
        return 2;
    }
    if (rot && cfg.width > cfg.height) {
        int t = cfg.width;
        cfg.width = cfg.height;
        cfg.height = t;
    }
    if (voice && strcmp(voice, "on") && strcmp(voice, "off")) {
        fprintf(stderr, "kiosk-display: bad --voice '%s': expected on or off\n", voice);
        return 2;
    }
    /* On with --voice on, or the config's voice = on (its default, elder,
     * is the kiosk's: a lobby has no elder mode, so the display is silent). */
    int voice_on = voice ? !strcmp(voice, "on") : cfg.voice == CONFIG_VOICE_ON;
    static disp_t x;
    x.rule = cfg.queue;
    x.always = always;
    x.shots = shots;
    x.start = clock_now_stamp();
    if (now) {
        dt_date_t d;
        int m;
        if (dt_parse_datetime(now, &d, &m)) {
            fprintf(stderr, "kiosk-display: bad --now '%s'\n", now);
            return 2;
        }
        x.start = dt_stamp(d, m);
        x.fixed = 1;
    }
    if (cfg.db[0])
        snprintf(x.db, sizeof x.db, "%s", cfg.db);
    else
        snprintf(x.db, sizeof x.db, "%s/kiosk.db", cfg.data_dir);
    char reg[1100], bold[1100];
    if (find_font("NotoSansSC-Kiosk-Regular.otf", reg, sizeof reg) ||
        find_font("NotoSansSC-Kiosk-Bold.otf", bold, sizeof bold)) {
        fprintf(stderr, "kiosk-display: cannot find the font subset\n");
        return 1;
    }
    if (headless)
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    if (SDL_Init(headless ? SDL_INIT_TIMER | SDL_INIT_EVENTS : SDL_INIT_VIDEO | SDL_INIT_TIMER) ||
        TTF_Init()) {
        fprintf(stderr, "kiosk-display: cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    int w = cfg.width, h = cfg.height;
    if (headless) {
        x.surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
        x.d.r = x.surf ? SDL_CreateSoftwareRenderer(x.surf) : NULL;
    } else {
        x.win = SDL_CreateWindow("kiosk-display", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                 w, h, script ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
        x.d.r = x.win ? SDL_CreateRenderer(x.win, -1, SDL_RENDERER_SOFTWARE) : NULL;
        if (x.d.r)
            SDL_RenderSetLogicalSize(x.d.r, w, h);
    }
    int small = w < h ? w : h;
    x.d.w = w;
    x.d.h = h;
    /* The call as large as its room allows (display_frame fits it). */
    x.d.huge_px = small / 5;
    x.d.huge = TTF_OpenFont(bold, x.d.huge_px);
    x.d.big_px = small / 13;
    x.d.mid_px = small / 22;
    x.d.big = TTF_OpenFont(bold, x.d.big_px);
    x.d.mid = TTF_OpenFont(reg, x.d.mid_px);
    if (!x.d.r || !x.d.huge || !x.d.big || !x.d.mid) {
        fprintf(stderr, "kiosk-display: cannot create the display: %s\n", SDL_GetError());
        return 1;
    }
    char cache[CONFIG_PATH_MAX + 64];
    if (voice_on && voice_cache_dir(voice_cache, cache, sizeof cache) == 0) {
        voice_opts_t vo = {0};
        vo.mode = CONFIG_VOICE_ON;
        vo.volume = cfg.voice_volume;
        vo.quiet_from = vo.quiet_until = -1; /* calls are said whenever staff make them */
        vo.engine = cfg.voice_engine;
        vo.rate = cfg.voice_rate;
        vo.data_dir = cache;
        vo.log_path = cfg.voice_log;
        x.ann.v = voice_create(&vo);
    }
    int rc = 0;
    if (script) {
        rc = run_script(&x, script);
    } else {
        for (int run = 1; run;) {
            SDL_Event e;
            while (SDL_PollEvent(&e))
                if (e.type == SDL_QUIT)
                    run = 0;
            tick(&x);
            wait_ms(&x, POLL_MS);
        }
    }
    voice_destroy(x.ann.v);
    store_close(x.st);
    TTF_CloseFont(x.d.huge);
    TTF_CloseFont(x.d.big);
    TTF_CloseFont(x.d.mid);
    SDL_DestroyRenderer(x.d.r);
    if (x.win)
        SDL_DestroyWindow(x.win);
    SDL_FreeSurface(x.surf);
    TTF_Quit();
    SDL_Quit();
    return rc;
}
