/* ui/text on a software renderer drawing into a plain surface: no display,
 * no window. Run from the repository root (it opens fonts/). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "../../firmware/ui/text.h"
#include "../unit/test.h"

#define FONT_REGULAR "fonts/NotoSansSC-Kiosk-Regular.otf"
#define FONT_BOLD "fonts/NotoSansSC-Kiosk-Bold.otf"
#define WHITE 0xFFFFFFFFu

static const char *const paragraph =
    "社工站联合志愿服务队打造的“东山小学堂”，开设节气美育、朝有趣、小小主播、小小宣传员、"
    "四季欢乐节五大课堂，面向辖区困境儿童全面开放。（每次约60分钟）";

static SDL_Surface *surface;
static SDL_Renderer *renderer;

static ui_text_t *open_cache(size_t budget)
{
    char err[256] = "";
    ui_text_t *t = ui_text_create(renderer, FONT_REGULAR, FONT_BOLD, budget, err, sizeof err);
    if (!t)
        fprintf(stderr, "ui_text_create: %s\n", err);
    CHECK(t != NULL);
    return t;
}

static ui_text_style_t style(int px, int wrap_w)
{
    ui_text_style_t st = {.px = px, .color = {0, 0, 0, 255}, .wrap_w = wrap_w};
    return st;
}

static void clear_white(void)
{
    SDL_SetRenderDrawColor(renderer, 255, 255, 255, 255);
    SDL_RenderClear(renderer);
    SDL_RenderFlush(renderer);
}

static Uint32 pixel(int x, int y)
{
    const Uint8 *row = (const Uint8 *)surface->pixels + (size_t)y * surface->pitch;
    return ((const Uint32 *)row)[x];
}

/* Counts pixels that are no longer white, inside and outside a rectangle. */
static void count_changed(SDL_Rect box, long *inside, long *outside)
{
    SDL_RenderFlush(renderer);
    *inside = *outside = 0;
    for (int y = 0; y < surface->h; y++)
        for (int x = 0; x < surface->w; x++) {
            if (pixel(x, y) == WHITE)
                continue;
            SDL_Point p = {x, y};
            if (SDL_PointInRect(&p, &box))
                (*inside)++;
            else
                (*outside)++;
        }
}

static void same_string_twice_renders_once(void)
{
    ui_text_t *t = open_cache(8u << 20);
    CHECK(t != NULL);
    if (!t)
        return;
    ui_text_style_t st = style(40, 0);
    ui_text_stats_t s;
    int h1 = ui_text_draw(t, "预约服务", &st, 10, 10);
    ui_text_stats(t, &s);
    CHECK_INT(s.renders, 1);
    CHECK_INT(s.misses, 1);
    CHECK_INT(s.hits, 0);
    CHECK_INT(s.entries, 1);
    CHECK(s.bytes > 0);
    int h2 = ui_text_draw(t, "预约服务", &st, 10, 200);
    CHECK_INT(h1, 50); /* 125% of 40 px */
    CHECK_INT(h2, h1);
    for (int i = 0; i < 10; i++)
        ui_text_draw(t, "预约服务", &st, 10, 300);
    ui_text_stats(t, &s);
    CHECK_INT(s.renders, 1);
    CHECK_INT(s.hits, 11);
    CHECK_INT(s.misses, 1);
    ui_text_destroy(t);
}

/* The UI measures a label (with the body colour, left-aligned) before it
 * draws it centred in another colour: that must not cost extra renders. */
static void measuring_renders_nothing_and_align_is_free(void)
{
    ui_text_t *t = open_cache(8u << 20);
    if (!t)
        return;
    ui_text_style_t st = style(36, 400);
    int w = 0, h = 0;
    CHECK_INT(ui_text_size(t, "确认预约", &st, &w, &h), 0);
    ui_text_stats_t s;
    ui_text_stats(t, &s);
    CHECK_INT(s.renders, 0);
    CHECK(w > 4 * 30 && w < 4 * 40);
    CHECK_INT(h, 45);
    st.align = UI_ALIGN_CENTER;
    st.color = (SDL_Color){255, 255, 255, 255};
    CHECK_INT(ui_text_draw(t, "确认预约", &st, 0, 0), 45);
    st.align = UI_ALIGN_RIGHT;
    ui_text_draw(t, "确认预约", &st, 0, 0);
    ui_text_stats(t, &s);
    CHECK_INT(s.renders, 1);
    CHECK_INT(s.entries, 1);
    /* Another colour is another texture of the same layout. */
    st.color = (SDL_Color){200, 0, 0, 255};
    ui_text_draw(t, "确认预约", &st, 0, 0);
    ui_text_stats(t, &s);
    CHECK_INT(s.renders, 2);
    CHECK_INT(s.entries, 1);
    ui_text_destroy(t);
}

static void wrapped_paragraph_fits_its_width(void)
{
    ui_text_t *t = open_cache(8u << 20);
    if (!t)
        return;
    ui_text_style_t st = style(44, 900);
    int w = 0, h = 0;
    CHECK_INT(ui_text_size(t, paragraph, &st, &w, &h), 0);
    CHECK(w > 800 && w <= 900);
    CHECK(h > 55);
    CHECK_INT(h % 55, 0); /* whole lines of 125% of 44 px */
    CHECK(h >= 4 * 55 && h <= 6 * 55);
    st.line_pct = 160;
    int h160 = 0;
    ui_text_size(t, paragraph, &st, NULL, &h160);
    CHECK_INT(h160, h / 55 * 70);
    /* One line without wrap_w: as wide as the text, one line high. */
    ui_text_style_t one = style(44, 0);
    ui_text_size(t, paragraph, &one, &w, &h);
    CHECK(w > 2000);
    CHECK_INT(h, 55);
    /* '\n' breaks even without wrap_w. */
    ui_text_size(t, "第一行\n\n第三行", &one, &w, &h);
    CHECK_INT(h, 3 * 55);
    ui_text_destroy(t);
}

static void max_lines_truncates_with_an_ellipsis(void)
{
    ui_text_t *t = open_cache(8u << 20);
    if (!t)
        return;
    ui_text_style_t st = style(44, 600);
    int w = 0, h = 0, wt = 0, ht = 0;
    ui_text_size(t, paragraph, &st, &w, &h);
    CHECK(h > 2 * 55);
    st.max_lines = 2;
    ui_text_size(t, paragraph, &st, &wt, &ht);
    CHECK_INT(ht, 2 * 55);
    CHECK(wt <= 600);
    clear_white();
    CHECK_INT(ui_text_draw(t, paragraph, &st, 100, 100), 2 * 55);
    long in, out;
    count_changed((SDL_Rect){100, 100, 600, 2 * 55}, &in, &out);
    CHECK(in > 1000);
    CHECK_INT(out, 0);
    /* Text that fits is not touched. */
    int w1 = 0, w2 = 0;
    st.max_lines = 0;
    ui_text_size(t, "短句。", &st, &w1, NULL);
    st.max_lines = 1;
    ui_text_size(t, "短句。", &st, &w2, NULL);
    CHECK_INT(w1, w2);
    /* One line of a long text: shorter than wrap_w and ends with "…". */
    ui_text_size(t, paragraph, &st, &w2, &h);
    CHECK_INT(h, 55);
    CHECK(w2 > 500 && w2 <= 600);
    ui_text_destroy(t);
}

static void flush_empties_the_cache(void)
{
    ui_text_t *t = open_cache(8u << 20);
    if (!t)
        return;
    ui_text_style_t st = style(48, 0);
    ui_text_draw(t, "138 0000 1234", &st, 0, 0);
    ui_text_draw(t, "138 0000 123", &st, 0, 60);
    st.wrap_w = 500;
    ui_text_draw(t, paragraph, &st, 0, 120);
    ui_text_stats_t s;
    ui_text_stats(t, &s);
    CHECK_INT(s.entries, 3);
    CHECK(s.bytes > 0);
    ui_text_flush(t);
    ui_text_stats(t, &s);
    CHECK_INT(s.entries, 0);
    CHECK_INT(s.bytes, 0);
    unsigned long renders = s.renders;
    st.wrap_w = 0;
    ui_text_draw(t, "138 0000 1234", &st, 0, 0);
    ui_text_stats(t, &s);
    CHECK_INT(s.renders, renders + 1);
    CHECK_INT(s.entries, 1);
    ui_text_destroy(t);
}

static void budget_evicts_least_recently_used(void)
{
    const size_t budget = 400 * 1024; /* about ten of these labels */
    ui_text_t *t = open_cache(budget);
    if (!t)
        return;
    ui_text_style_t st = style(40, 0);
    char s[64];
    size_t peak = 0;
    for (int i = 0; i < 300; i++) {
        snprintf(s, sizeof s, "预约编号 %d 号", i);
        CHECK(ui_text_draw(t, s, &st, 0, 0) == 50);
        ui_text_stats_t stats;
        ui_text_stats(t, &stats);
        if (stats.bytes > peak)
            peak = stats.bytes;
    }
    CHECK(peak <= budget);
    ui_text_stats_t stats;
    ui_text_stats(t, &stats);
    CHECK(stats.entries > 5 && stats.entries < 300);
    CHECK_INT(stats.renders, 300);
    /* The newest survived, the oldest was evicted. */
    ui_text_draw(t, "预约编号 299 号", &st, 0, 0);
    ui_text_draw(t, "预约编号 0 号", &st, 0, 0);
    ui_text_stats(t, &stats);
    CHECK_INT(stats.renders, 301);
    /* A text bigger than the whole budget is still drawn, then dropped. */
    st.wrap_w = 1000;
    st.px = 80;
    clear_white();
    CHECK(ui_text_draw(t, paragraph, &st, 0, 0) > 100);
    long in, out;
    count_changed((SDL_Rect){0, 0, 1000, 2000}, &in, &out);
    CHECK(in > 10000);
    ui_text_stats(t, &stats);
    CHECK(stats.bytes <= budget);
    ui_text_destroy(t);
}

static void missing_font_names_the_path(void)
{
    char err[256] = "";
    ui_text_t *t =
        ui_text_create(renderer, "fonts/no-such-font.otf", FONT_BOLD, 1 << 20, err, sizeof err);
    CHECK(t == NULL);
    CHECK(strstr(err, "fonts/no-such-font.otf") != NULL);
    err[0] = '\0';
    t = ui_text_create(renderer, FONT_REGULAR, "/nonexistent/Bold.otf", 1 << 20, err, sizeof err);
    CHECK(t == NULL);
    CHECK(strstr(err, "/nonexistent/Bold.otf") != NULL);
    /* A file that is not a font. */
    t = ui_text_create(renderer, "tests/unit/test.h", FONT_BOLD, 1 << 20, err, sizeof err);
    CHECK(t == NULL);
    CHECK(strstr(err, "tests/unit/test.h") != NULL);
    ui_text_destroy(NULL);
}

static void draws_ink_inside_its_box_only(void)
{
    ui_text_t *t = open_cache(8u << 20);
    if (!t)
        return;
    ui_text_style_t st = style(44, 0);
    int w = 0, h = 0;
    ui_text_size(t, "东山小学堂", &st, &w, &h);
    clear_white();
    CHECK_INT(ui_text_draw(t, "东山小学堂", &st, 200, 300), h);
    long in, out;
    count_changed((SDL_Rect){200, 300, w, h}, &in, &out);
    CHECK(in > 500);
    CHECK_INT(out, 0);
    /* Black on white: the darkest pixel is black, not grey. */
    Uint32 darkest = WHITE;
    for (int y = 300; y < 300 + h; y++)
        for (int x = 200; x < 200 + w; x++)
            if ((pixel(x, y) & 0xFF) < (darkest & 0xFF))
                darkest = pixel(x, y);
    CHECK((darkest & 0xFFFFFF) == 0);

    /* Wrapped, bold and centred: inside the wrap box, in both halves. */
    st.wrap_w = 600;
    st.bold = 1;
    st.align = UI_ALIGN_CENTER;
    ui_text_size(t, paragraph, &st, &w, &h);
    clear_white();
    ui_text_draw(t, paragraph, &st, 50, 400);
    count_changed((SDL_Rect){50, 400, 600, h}, &in, &out);
    CHECK(in > 5000);
    CHECK_INT(out, 0);

    /* Right-aligned short text lands at the right end of the box. */
    st.align = UI_ALIGN_RIGHT;
    st.bold = 0;
    ui_text_size(t, "签到", &st, &w, &h);
    clear_white();
    ui_text_draw(t, "签到", &st, 0, 0);
    count_changed((SDL_Rect){600 - w, 0, w, h}, &in, &out);
    CHECK(in > 100);
    CHECK_INT(out, 0);
    ui_text_destroy(t);
}

/* More sizes than the cache keeps faces for: faces are reopened, and the
 * text at each size is as high as its own line spacing. */
static void many_sizes_and_weights(void)
{
    ui_text_t *t = open_cache(8u << 20);
    if (!t)
        return;
    for (int round = 0; round < 2; round++)
        for (int px = 16; px <= 96; px += 4) {
            ui_text_style_t st = style(px, 0);
            st.bold = px % 8 == 0;
            int w = 0, h = 0;
            CHECK_INT(ui_text_size(t, "服务", &st, &w, &h), 0);
            CHECK_INT(h, (px * 125 + 50) / 100);
            CHECK(w > px && w <= 2 * px + 2);
            CHECK_INT(ui_text_draw(t, "服务", &st, 0, 0), h);
        }
    ui_text_stats_t s;
    ui_text_stats(t, &s);
    CHECK_INT(s.entries, 21);
    CHECK_INT(s.renders, 21);
    ui_text_destroy(t);
}

static void empty_and_odd_text(void)
{
    ui_text_t *t = open_cache(8u << 20);
    if (!t)
        return;
    ui_text_style_t st = style(40, 300);
    int w = -1, h = -1;
    CHECK_INT(ui_text_size(t, "", &st, &w, &h), 0);
    CHECK_INT(w, 0);
    CHECK_INT(h, 50);
    clear_white();
    CHECK_INT(ui_text_draw(t, "", &st, 0, 0), 50);
    CHECK_INT(ui_text_draw(t, "   ", &st, 0, 0), 50);
    long in, out;
    count_changed((SDL_Rect){0, 0, 1, 1}, &in, &out);
    CHECK_INT(in + out, 0);
    ui_text_stats_t s;
    ui_text_stats(t, &s);
    CHECK_INT(s.renders, 0); /* nothing to ink: no TTF call at all */
    /* Invalid UTF-8 draws something and does not crash. */
    CHECK(ui_text_draw(t, "\xff\xfe 中\xe4\xb8 \x80 abc", &st, 0, 0) > 0);
    /* Bad arguments fail cleanly with a message. */
    CHECK_INT(ui_text_draw(t, NULL, &st, 0, 0), -1);
    CHECK_INT(ui_text_size(t, "x", NULL, &w, &h), -1);
    st.px = 0;
    CHECK_INT(ui_text_draw(t, "x", &st, 0, 0), -1);
    CHECK(ui_text_errmsg(t)[0] != '\0');
    CHECK_INT(ui_text_draw(NULL, "x", &st, 0, 0), -1);
    ui_text_destroy(t);
}

/* Is word (len n) one of the words of text? Words are runs of letters. */
static int is_word_of(const char *text, const char *word, size_t n)
{
    for (const char *p = text; *p; p++) {
        int starts = p == text || !isalpha((unsigned char)p[-1]);
        if (starts && strncmp(p, word, n) == 0 && !isalpha((unsigned char)p[n]))
            return 1;
    }
    return 0;
}

/* Issue 15 item 11: "Dongshan Classroom and care for children i…" cut an
 * English word to fit the "…". Every word shown is a word of the text. */
static void an_ellipsis_never_cuts_an_english_word(void)
{
    static const char *const texts[] = {
        "Dongshan Classroom and care for children in difficulty",
        "Xianjin Subdistrict Social Work Station, Jinpu New Area",
        "Volunteering, neighbourhood help and residents' councils",
    };
    ui_text_t *t = open_cache(8u << 20);
    if (!t)
        return;
    int cut = 0;
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        /* From the widest word's width: a word wider than the box is the
         * one case the breaker must split. */
        int widest = 0;
        for (const char *p = texts[k]; *p;) {
            char word[64];
            size_t len = strcspn(p, " ");
            snprintf(word, sizeof word, "%.*s", (int)len, p);
            ui_text_style_t one = style(26, 0);
            int ww = 0;
            CHECK(ui_text_size(t, word, &one, &ww, NULL) == 0);
            if (ww > widest)
                widest = ww;
            p += len + (p[len] == ' ');
        }
        for (int w = widest; w <= 420; w += 7) {
            for (int lines = 1; lines <= 2; lines++) {
                ui_text_style_t st = style(26, w);
                st.max_lines = lines;
                char out[512];
                int n = ui_text_lines(t, texts[k], &st, out, sizeof out);
                CHECK(n >= 1 && n <= lines);
                cut += strstr(out, "\xE2\x80\xA6") != NULL;
                /* A single word wider than the box has to be cut. */
                if (!strpbrk(out, " \n"))
                    continue;
                for (const char *p = out; *p;) {
                    while (*p && !isalpha((unsigned char)*p))
                        p++;
                    size_t len = 0;
                    while (isalpha((unsigned char)p[len]))
                        len++;
                    if (len && !is_word_of(texts[k], p, len)) {
                        fprintf(stderr, "width %d, %d lines: \"%s\" cuts \"%.*s\"\n", w, lines, out,
                                (int)len, p);
                        CHECK(0);
                    }
                    p += len;
                }
            }
        }
    }
    /* The widths above do cut: the check is not vacuous. */
    CHECK(cut > 20);
    ui_text_destroy(t);
}

/* The catalog's names stay on one line when they fit one. */
static void names_set_are_not_split(void)
{
    ui_text_t *t = open_cache(8u << 20);
    if (!t)
        return;
    const char *text = "请到社工站二楼康养咨询室签到";
    const char *const names[] = {"二楼康养咨询室"};
    ui_text_style_t st = style(30, 30 * 9);
    char before[256], after[256];
    CHECK(ui_text_lines(t, text, &st, before, sizeof before) == 2);
    CHECK(strstr(before, "二楼康养咨询室") == NULL);
    CHECK(ui_text_set_names(t, names, 1) == 0);
    CHECK(ui_text_lines(t, text, &st, after, sizeof after) == 2);
    CHECK(strstr(after, "二楼康养咨询室") != NULL);
    /* The same set again keeps the cache; a cleared set breaks as before. */
    ui_text_stats_t a, b;
    ui_text_stats(t, &a);
    CHECK(ui_text_set_names(t, names, 1) == 0);
    ui_text_stats(t, &b);
    CHECK(b.entries == a.entries && b.entries > 0);
    CHECK(ui_text_set_names(t, NULL, 0) == 0);
    CHECK(ui_text_lines(t, text, &st, after, sizeof after) == 2);
    CHECK_STR(after, before);
    ui_text_destroy(t);
}

int main(void)
{
    if (SDL_Init(0) < 0 || TTF_Init() < 0) {
        fprintf(stderr, "SDL: %s\n", SDL_GetError());
        return 1;
    }
    surface = SDL_CreateRGBSurfaceWithFormat(0, 1080, 1920, 32, SDL_PIXELFORMAT_ARGB8888);
    renderer = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    if (!renderer) {
        fprintf(stderr, "software renderer: %s\n", SDL_GetError());
        return 1;
    }
    RUN(same_string_twice_renders_once);
    RUN(measuring_renders_nothing_and_align_is_free);
    RUN(wrapped_paragraph_fits_its_width);
    RUN(max_lines_truncates_with_an_ellipsis);
    RUN(flush_empties_the_cache);
    RUN(budget_evicts_least_recently_used);
    RUN(missing_font_names_the_path);
    RUN(draws_ink_inside_its_box_only);
    RUN(many_sizes_and_weights);
    RUN(empty_and_odd_text);
    RUN(an_ellipsis_never_cuts_an_english_word);
    RUN(names_set_are_not_split);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    TTF_Quit();
    SDL_Quit();
    TEST_EXIT();
}
