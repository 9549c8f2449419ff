/* Contrast of every colour pair the resident screens draw (issue 15 item
 * 12: card edges were 1.20:1, the pressed state 1.25:1), computed from the
 * theme's own colours (ui/theme.c) with the WCAG 2 formula: text at 4.5:1
 * or better (1.4.3), edges, bars and states at 3:1 or better (1.4.11), in
 * the normal theme and in elder mode. No display. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../../firmware/ui/ui_internal.h"
#include "../unit/test.h"

static double channel(int v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

/* WCAG 2 relative luminance of an opaque sRGB colour. */
static double luminance(SDL_Color c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

static double ratio(SDL_Color a, SDL_Color b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* c laid over an opaque colour below, as SDL's blend mode does. */
static SDL_Color over(SDL_Color c, SDL_Color below)
{
    SDL_Color o = {(Uint8)((c.r * c.a + below.r * (255 - c.a) + 127) / 255),
                   (Uint8)((c.g * c.a + below.g * (255 - c.a) + 127) / 255),
                   (Uint8)((c.b * c.a + below.b * (255 - c.a) + 127) / 255), 255};
    return o;
}

static SDL_Color field(const ui_theme_t *t, size_t off)
{
    SDL_Color c;
    memcpy(&c, (const char *)t + off, sizeof c);
    return c;
}

static double need(uix_pair_kind_t kind)
{
    return kind == UIX_PAIR_TEXT ? 4.5 : 3.0;
}

static void the_formula_gives_the_known_figures(void)
{
    SDL_Color black = {0, 0, 0, 255}, white = {255, 255, 255, 255};
    CHECK(fabs(ratio(black, white) - 21.0) < 0.01);
    CHECK(fabs(ratio(white, white) - 1.0) < 0.001);
    /* The figures, from main's colours: card edge #DCE1E8 on
     * #F3F5F8, pressed #DDE7F4 against a white card. */
    SDL_Color edge = {0xDC, 0xE1, 0xE8, 255}, bg = {0xF3, 0xF5, 0xF8, 255};
    SDL_Color pressed = {0xDD, 0xE7, 0xF4, 255};
    CHECK(fabs(ratio(edge, bg) - 1.20) < 0.01);
    CHECK(fabs(ratio(pressed, white) - 1.25) < 0.01);
    /* Half-transparent black over white is mid grey. */
    SDL_Color half = over((SDL_Color){0, 0, 0, 128}, white);
    CHECK(half.r == 127 && half.g == 127 && half.b == 127);
}

static void every_pair_meets_its_bar(void)
{
    CHECK(uix_theme_n_pairs > 20);
    for (int elder = 0; elder < 2; elder++) {
        ui_theme_t t;
        uix_theme(elder, &t);
        for (int i = 0; i < uix_theme_n_pairs; i++) {
            const uix_pair_t *p = &uix_theme_pairs[i];
            SDL_Color fg = field(&t, p->fg), bg = field(&t, p->bg);
            CHECK(fg.a == 255);
            if (bg.a < 255)
                bg = over(bg, field(&t, p->under));
            double r = ratio(fg, bg);
            printf("# %s %5.2f:1 (needs %.1f) %s\n", elder ? "elder " : "normal", r,
                   need(p->kind), p->what);
            if (r < need(p->kind))
                fprintf(stderr, "%s theme: %s is %.2f:1, needs %.1f:1\n",
                        elder ? "elder" : "normal", p->what, r, need(p->kind));
            CHECK(r >= need(p->kind));
        }
    }
}

/* A colour of the theme that no pair names is one the test cannot
 * guard: every one is in a pair, but the two the resident screens no
 * longer draw (the staff screens' light tint, the old pressed accent). */
static void every_colour_is_in_a_pair(void)
{
    for (size_t off = 0; off < offsetof(ui_theme_t, font); off += sizeof(SDL_Color)) {
        if (off == offsetof(ui_theme_t, pressed) || off == offsetof(ui_theme_t, accent_dark))
            continue;
        int used = 0;
        for (int i = 0; i < uix_theme_n_pairs; i++)
            used |= uix_theme_pairs[i].fg == off || uix_theme_pairs[i].bg == off;
        if (!used)
            fprintf(stderr, "theme colour at offset %zu is in no pair\n", off);
        CHECK(used);
    }
}

/* The look the cards, rows and chips are drawn with (uix_card_look) is
 * the one the pairs describe: pressed and not, its text on its fill, its
 * edge and its pressed fill against the card and the background. */
static void card_looks_meet_the_bars(void)
{
    static ui_t ui;
    for (int elder = 0; elder < 2; elder++) {
        uix_set_theme(&ui, elder);
        uix_look_t up = uix_card_look(&ui, 0), down = uix_card_look(&ui, 1);
        const uix_look_t *looks[2] = {&up, &down};
        for (int k = 0; k < 2; k++) {
            const uix_look_t *l = looks[k];
            CHECK(ratio(l->text, l->fill) >= 4.5);
            CHECK(ratio(l->muted, l->fill) >= 4.5);
            CHECK(ratio(l->accent, l->fill) >= 4.5);
            CHECK(ratio(l->edge, ui.th.bg) >= 3.0);
            CHECK(ratio(l->fill, ui.th.bg) >= 3.0 || ratio(l->edge, l->fill) >= 3.0);
        }
        double r = ratio(down.fill, up.fill);
        printf("# %s pressed card against an unpressed one %.2f:1\n", elder ? "elder " : "normal",
               r);
        CHECK(r >= 3.0);
        CHECK(ratio(down.fill, ui.th.bg) >= 3.0);
    }
}

/* Issue 15 item 8: in elder mode the days without seats looked heavier
 * than the open ones (a dark edge, a strike line). In every theme a date
 * or session without seats (its words on the disabled fill, no edge, see
 * uix_draw_slots) must stand out less than an open one (its words on a
 * card, an accent edge), yet still be read at 4.5:1. */
static void unavailable_days_are_lighter(void)
{
    static ui_t ui;
    for (int elder = 0; elder < 2; elder++) {
        uix_set_theme(&ui, elder);
        uix_look_t open = uix_card_look(&ui, 0);
        double off_text = ratio(ui.th.on_disabled, ui.th.disabled);
        double open_text = ratio(open.text, open.fill);
        double off_shape = ratio(ui.th.disabled, ui.th.bg);
        double open_edge = ratio(open.accent, ui.th.bg);
        printf("# %s words without seats %.2f:1, with seats %.2f:1; shape %.2f:1, edge %.2f:1\n",
               elder ? "elder " : "normal", off_text, open_text, off_shape, open_edge);
        CHECK(off_text >= 4.5);
        CHECK(off_text < open_text);
        CHECK(off_shape < open_edge);
    }
}

/* The keypad focus ring (issue 17, ui/focus.c): two bands, so that on
 * every opaque colour of the theme, whatever the ring lies on, one band
 * stands at 3:1 or better, and the bands at 3:1 against each other. */
static void the_focus_ring_shows_on_every_colour(void)
{
    for (int elder = 0; elder < 2; elder++) {
        ui_theme_t t;
        uix_theme(elder, &t);
        CHECK(ratio(t.focus, t.focus_halo) >= 3.0);
        for (size_t off = 0; off < offsetof(ui_theme_t, font); off += sizeof(SDL_Color)) {
            SDL_Color c = field(&t, off);
            if (c.a < 255)
                c = over(c, t.card); /* the shade, over the lightest below it */
            double best = ratio(t.focus, c) > ratio(t.focus_halo, c) ? ratio(t.focus, c)
                                                                      : ratio(t.focus_halo, c);
            if (best < 3.0)
                fprintf(stderr, "%s theme: colour at offset %zu: the ring's best band %.2f:1\n",
                        elder ? "elder" : "normal", off, best);
            CHECK(best >= 3.0);
        }
    }
}

int main(void)
{
    RUN(the_formula_gives_the_known_figures);
    RUN(every_pair_meets_its_bar);
    RUN(every_colour_is_in_a_pair);
    RUN(card_looks_meet_the_bars);
    RUN(unavailable_days_are_lighter);
    RUN(the_focus_ring_shows_on_every_colour);
    TEST_EXIT();
}
