/* The keypad focus (issue 17, ui/focus.h): where Tab and the arrows move it
 * over a screen's widgets (pure, on the reference panel's rectangles), where
 * it starts, which widgets never take it, and that its ring is drawn only
 * after a key and hidden again by a touch. No display. */
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "../../firmware/core/flow.h"
#include "../../firmware/ui/focus.h"
#include "../unit/test.h"

static ui_widget_t W(const char *id, int x, int y, int w, int h)
{
    ui_widget_t r = {.x = x, .y = y, .w = w, .h = h, .enabled = 1};
    snprintf(r.id, sizeof r.id, "%s", id);
    return r;
}

/* The phone screen at 1080x1920 (`widgets` of the real kiosk), digits
 * left out as the focus leaves them out. */
static ui_widget_t phone[] = {
    {"back", "", 32, 16, 200, 112, 1, 0},       {"home", "", 848, 16, 200, 112, 1, 0},
    {"call-staff", "", 800, 144, 248, 112, 1, 0}, {"key:1", "", 48, 1132, 231, 170, 1, 0},
    {"key:2", "", 299, 1132, 231, 170, 1, 0},   {"key:3", "", 550, 1132, 231, 170, 1, 0},
    {"key:8", "", 299, 1512, 231, 170, 1, 0},   {"key:9", "", 550, 1512, 231, 170, 1, 0},
    {"key:0", "", 48, 1702, 733, 170, 1, 0},    {"key:del", "", 801, 1132, 231, 170, 0, 0},
    {"key:clear", "", 801, 1322, 231, 170, 0, 0}, {"next", "", 801, 1512, 231, 360, 0, 0},
};
enum { BACK, HOME, CALL, K1, K2, K3, K8, K9, K0, DEL, CLEAR, NEXT, NPHONE };

static void tab_goes_in_order_and_wraps(void)
{
    unsigned char ok[NPHONE];
    memset(ok, 1, sizeof ok);
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, NEXT, UI_FOCUS_NEXT), BACK);
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, BACK, UI_FOCUS_PREV), NEXT);
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, BACK, UI_FOCUS_NEXT), HOME);
    /* What may not take it is passed over. */
    ok[HOME] = ok[CALL] = 0;
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, BACK, UI_FOCUS_NEXT), K1);
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, K1, UI_FOCUS_PREV), BACK);
    /* None yet, or one that may not: the first that may. */
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, -1, UI_FOCUS_DOWN), BACK);
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, HOME, UI_FOCUS_NEXT), BACK);
    memset(ok, 0, sizeof ok);
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, -1, UI_FOCUS_NEXT), -1);
    ok[K2] = 1;
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, K2, UI_FOCUS_NEXT), K2);
}

static void arrows_move_in_the_grid(void)
{
    unsigned char ok[NPHONE];
    memset(ok, 1, sizeof ok);
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, DEL, UI_FOCUS_DOWN), CLEAR);
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, CLEAR, UI_FOCUS_DOWN), NEXT);
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, NEXT, UI_FOCUS_LEFT), K9);
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, K3, UI_FOCUS_RIGHT), DEL);
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, K2, UI_FOCUS_LEFT), K1);
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, K8, UI_FOCUS_DOWN), K0);
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, K0, UI_FOCUS_RIGHT), NEXT);
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, K0, UI_FOCUS_UP), K8);
    /* The header above the keypad: the one in the same column, nearest. */
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, DEL, UI_FOCUS_UP), CALL);
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, CALL, UI_FOCUS_UP), HOME);
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, K1, UI_FOCUS_UP), BACK);
    /* Nothing that way: it stays. */
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, BACK, UI_FOCUS_UP), BACK);
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, NEXT, UI_FOCUS_RIGHT), NEXT);
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, K0, UI_FOCUS_DOWN), K0);
    /* The digits left out, as on the phone screen: left of 删除 is nothing
     * in its row (返回, high in the header, is out of line). */
    ok[K1] = ok[K2] = ok[K3] = ok[K8] = ok[K9] = ok[K0] = 0;
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, DEL, UI_FOCUS_LEFT), DEL);
    CHECK_INT(ui_focus_pick(phone, ok, NPHONE, NEXT, UI_FOCUS_UP), CLEAR);
}

static void arrows_keep_to_the_column(void)
{
    /* Home's two columns of categories at 1080x1920: down stays in the
     * column, not the nearer-centred card of the other. */
    ui_widget_t home[] = {W("a", 48, 289, 476, 449), W("b", 556, 289, 476, 449),
                          W("c", 48, 770, 476, 449), W("d", 556, 770, 476, 449),
                          W("lookup", 48, 1732, 222, 140), W("lang", 810, 1732, 222, 140)};
    unsigned char ok[6] = {1, 1, 1, 1, 1, 1};
    CHECK_INT(ui_focus_pick(home, ok, 6, 1, UI_FOCUS_DOWN), 3);
    CHECK_INT(ui_focus_pick(home, ok, 6, 0, UI_FOCUS_RIGHT), 1);
    CHECK_INT(ui_focus_pick(home, ok, 6, 3, UI_FOCUS_DOWN), 5);
    CHECK_INT(ui_focus_pick(home, ok, 6, 2, UI_FOCUS_DOWN), 4);
    CHECK_INT(ui_focus_pick(home, ok, 6, 5, UI_FOCUS_UP), 3);
}

/* ---- on the real screens ------------------------------------------------- */

static catalog_t *cat;

static ui_t *make_ui(int w, int h)
{
    ui_opts_t o = {.width = w,
                   .height = h,
                   .headless = 1,
                   .font_regular = "fonts/NotoSansSC-Kiosk-Regular.otf",
                   .font_bold = "fonts/NotoSansSC-Kiosk-Bold.otf"};
    char err[256];
    ui_t *ui = ui_create(&o, err, sizeof err);
    if (!ui)
        fprintf(stderr, "ui_create: %s\n", err);
    return ui;
}

/* How many pixels of the last frame (written to path) are the ring's amber. */
static long amber_pixels(ui_t *ui, const char *path)
{
    if (ui_screenshot(ui, path))
        return -1;
    SDL_Surface *bmp = SDL_LoadBMP(path);
    if (!bmp)
        return -1;
    SDL_Surface *s = SDL_ConvertSurfaceFormat(bmp, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(bmp);
    if (!s)
        return -1;
    long n = 0;
    for (int y = 0; y < s->h; y++) {
        const Uint8 *row = (const Uint8 *)s->pixels + y * s->pitch;
        for (int x = 0; x < s->w; x++)
            n += row[4 * x] == 0xFF && row[4 * x + 1] == 0xC4 && row[4 * x + 2] == 0x00;
    }
    SDL_FreeSurface(s);
    remove(path);
    return n;
}

static void the_ring_shows_after_a_key_only(void)
{
    flow_config_t fc = {.idle_timeout_ms = 60000, .countdown_ms = 20000};
    rules_defaults(&fc.rules);
    flow_time_t t = {0, dt_stamp((dt_date_t){2026, 12, 1}, 9 * 60)};
    flow_t *f = flow_create(cat, &fc, t);
    ui_t *ui = make_ui(1080, 1920);
    CHECK(ui && f);
    if (!ui || !f)
        return;
    t.ms = 10;
    flow_tap(f, "start", t);
    ui_render(ui, flow_state(f));
    /* It starts on the main action, the first category, unseen. */
    const ui_widget_t *w = ui_focused(ui);
    CHECK(w && strcmp(w->id, "category:shehui-jiuzhu") == 0);
    CHECK(!ui_focus_shown(ui));
    CHECK_INT(amber_pixels(ui, "build/tests/uitest/focus-hidden.bmp"), 0);
    /* The first key shows it where it is; the next moves it. */
    w = ui_focus_move(ui, UI_FOCUS_RIGHT);
    CHECK(w && strcmp(w->id, "category:shehui-jiuzhu") == 0);
    ui_render(ui, flow_state(f));
    /* Drawn: all round the card, 4 px of amber at the reference size. */
    const ui_widget_t *c = ui_find(ui, "category:shehui-jiuzhu");
    long ring = c ? 2L * 4 * (c->w + c->h) + 4 * 4 * 4 : 0;
    long got = amber_pixels(ui, "build/tests/uitest/focus-shown.bmp");
    printf("# ring: %ld amber pixels round a %dx%d card (%ld expected)\n", got, c ? c->w : 0,
           c ? c->h : 0, ring);
    CHECK(got == ring);
    w = ui_focus_move(ui, UI_FOCUS_RIGHT);
    CHECK(w && strcmp(w->id, "category:yanglao") == 0);
    /* A touch hides it. */
    ui_focus_show(ui, 0);
    CHECK(ui_dirty(ui));
    ui_render(ui, flow_state(f));
    CHECK_INT(amber_pixels(ui, "build/tests/uitest/focus-touched.bmp"), 0);
    /* A new screen: its main action, whatever was focused before. */
    flow_tap(f, "category:yanglao", t);
    flow_tap(f, "service:kangyang-zixun", t);
    ui_render(ui, flow_state(f));
    w = ui_focused(ui);
    CHECK(w && strcmp(w->id, "book") == 0);
    /* Display-only widgets never take it: Tab round the screen meets
     * book, back, home and call-staff, never the step. */
    int seen = 0;
    for (int i = 0; i < 8; i++) {
        w = ui_focus_move(ui, UI_FOCUS_NEXT);
        CHECK(w && strcmp(w->id, "step") != 0);
        seen += w && strcmp(w->id, "book") == 0;
    }
    CHECK_INT(seen, 2);
    ui_destroy(ui);
    flow_destroy(f);
}

int main(void)
{
    char err[256];
    if (catalog_load("assets/catalog/demo.ini", &cat, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    if (SDL_Init(SDL_INIT_EVENTS) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "SDL: %s\n", SDL_GetError());
        return 1;
    }
    RUN(tab_goes_in_order_and_wraps);
    RUN(arrows_move_in_the_grid);
    RUN(arrows_keep_to_the_column);
    RUN(the_ring_shows_after_a_key_only);
    TTF_Quit();
    SDL_Quit();
    catalog_destroy(cat);
    TEST_EXIT();
}
