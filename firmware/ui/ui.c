/* The UI handle: creation and teardown, the widgets of the last frame for
 * hit testing and scripts, and the gestures (press feedback, drag to
 * scroll, tap). Drawing is in layout.c, frame.c and the screens; the
 * window and rotation in output.c. */
#include "ui_internal.h"

#include <stdlib.h>
#include <string.h>

/* Reference panels: layouts are designed at 1080x1920 portrait and
 * 1920x1080 landscape and scaled to the panel actually fitted. */
static float layout_scale(int w, int h)
{
    float a = w < h ? w / 1080.0f : w / 1920.0f;
    float b = w < h ? h / 1920.0f : h / 1080.0f;
    return a < b ? a : b;
}

ui_t *ui_create(const ui_opts_t *o, char *err, size_t errlen)
{
    ui_t *ui = SDL_calloc(1, sizeof *ui);
    if (!ui) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    ui->o = *o;
    ui->lw = o->width;
    ui->lh = o->height;
    if (uix_output_create(ui, err, errlen)) {
        ui_destroy(ui);
        return NULL;
    }
    ui->s = layout_scale(ui->lw, ui->lh);
    ui->landscape = ui->lw > ui->lh;
    uix_set_theme(ui, 0);
    /* Texture budget for cached text: a few screens' worth of words. A
     * budget of 0 keeps nothing (each text is drawn, then dropped). */
    ui->text = ui_text_create(ui->r, o->font_regular, o->font_bold,
                              o->no_text_cache ? 0 : 12u << 20, err, errlen);
    if (!ui->text) {
        ui_destroy(ui);
        return NULL;
    }
    ui->scroll_screen = FLOW_SCREEN_COUNT;
    ui->focus_key = -1;
    return ui;
}

void ui_destroy(ui_t *ui)
{
    if (!ui)
        return;
    ui_text_destroy(ui->text);
    if (ui->qr_tex)
        SDL_DestroyTexture(ui->qr_tex);
    if (ui->drawn) {
        SDL_memset(ui->drawn, 0, ui->drawn_cap);
        SDL_free(ui->drawn);
    }
    uix_output_destroy(ui);
    SDL_free(ui);
}

void ui_size(const ui_t *ui, int *w, int *h)
{
    *w = ui->lw;
    *h = ui->lh;
}

void ui_voice_level(ui_t *ui, int level)
{
    if (ui->voice_level != level)
        ui->dirty = 1;
    ui->voice_level = level;
}

int ui_shows_text(const ui_t *ui, const char *needle)
{
    return ui->drawn && strstr(ui->drawn, needle) != NULL;
}

const char *ui_drawn_text(const ui_t *ui)
{
    return ui->drawn ? ui->drawn : "";
}

/* ---- widgets of the last frame --------------------------------------------- */

int ui_widget_count(const ui_t *ui)
{
    return ui->n_widgets;
}

const ui_widget_t *ui_widget(const ui_t *ui, int i)
{
    return i >= 0 && i < ui->n_widgets ? &ui->widgets[i] : NULL;
}

const ui_widget_t *ui_find(const ui_t *ui, const char *id)
{
    for (int i = 0; i < ui->n_widgets; i++)
        if (ui->widgets[i].enabled && strcmp(ui->widgets[i].id, id) == 0)
            return &ui->widgets[i];
    return NULL;
}

const ui_widget_t *ui_find_any(const ui_t *ui, const char *id)
{
    const ui_widget_t *any = NULL;
    for (int i = 0; i < ui->n_widgets; i++)
        if (strcmp(ui->widgets[i].id, id) == 0 && (!any || ui->widgets[i].enabled))
            any = &ui->widgets[i];
    return any;
}

/* The topmost widget at (x, y), enabled or not. */
static const ui_widget_t *topmost(const ui_t *ui, int x, int y)
{
    /* Later widgets are drawn on top (the idle overlay comes last). */
    for (int i = ui->n_widgets - 1; i >= 0; i--) {
        const ui_widget_t *w = &ui->widgets[i];
        if (x >= w->x && x < w->x + w->w && y >= w->y && y < w->y + w->h)
            return w;
    }
    return NULL;
}

const ui_widget_t *ui_hit(const ui_t *ui, int x, int y)
{
    const ui_widget_t *w = topmost(ui, x, y);
    return w && w->enabled ? w : NULL;
}

/* ---- gestures ------------------------------------------------------------ */

void ui_press(ui_t *ui, int x, int y)
{
    const ui_widget_t *w = topmost(ui, x, y);
    ui->pressing = 1;
    ui->dragging = 0;
    ui->press_x = x;
    ui->press_y = ui->last_y = y;
    snprintf(ui->pressed_id, sizeof ui->pressed_id, "%s", w ? w->id : "");
    ui->dirty = 1; /* feedback on the very next frame */
    if (ui->shown == FLOW_TOUCH_TEST) {
        ui->touches[ui->touch_next] = (SDL_Point){x, y};
        ui->touch_next = (ui->touch_next + 1) % UI_TOUCHES;
        if (ui->n_touches < UI_TOUCHES)
            ui->n_touches++;
    }
}

void ui_move(ui_t *ui, int x, int y)
{
    if (!ui->pressing)
        return;
    int slop = uix_px(ui, 24);
    if (!ui->dragging && (abs(x - ui->press_x) > slop || abs(y - ui->press_y) > slop)) {
        ui->dragging = 1;
        ui->dirty = 1;
    }
    if (ui->dragging && y != ui->last_y) {
        int max = ui->content_h - ui->body.h;
        int before = ui->scroll;
        ui->scroll -= y - ui->last_y;
        if (ui->scroll > max)
            ui->scroll = max;
        if (ui->scroll < 0)
            ui->scroll = 0;
        if (ui->scroll != before)
            ui->dirty = 1;
    }
    ui->last_y = y;
}

int ui_release(ui_t *ui, int x, int y, char *id, size_t idlen)
{
    int tapped = 0;
    if (ui->pressing && !ui->dragging) {
        const ui_widget_t *w = topmost(ui, x, y);
        /* A tap counts where it was pressed and released on one widget;
         * on a disabled one it is reported apart, to be answered with why. */
        if (w && strcmp(w->id, ui->pressed_id) == 0) {
            snprintf(id, idlen, "%s", w->id);
            tapped = w->enabled ? 1 : 2;
        }
    }
    ui->pressing = ui->dragging = 0;
    ui->pressed_id[0] = '\0';
    ui->dirty = 1;
    return tapped;
}

void ui_cancel_gesture(ui_t *ui)
{
    ui->pressing = ui->dragging = 0;
    ui->pressed_id[0] = '\0';
    ui->dirty = 1;
}

int ui_dirty(const ui_t *ui)
{
    return ui->dirty;
}

void ui_stats(const ui_t *ui, ui_stats_t *out)
{
    ui_text_stats_t ts;
    ui_text_stats(ui->text, &ts);
    out->frames = ui->frames;
    out->text_renders = ts.renders;
    out->text_hits = ts.hits;
    out->text_bytes = ts.bytes;
}
