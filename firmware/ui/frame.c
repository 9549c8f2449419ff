/* One frame: the per-frame housekeeping (the idle reset's wipe, the theme,
 * scrolling and touch-test state kept per screen), then the draw function
 * of the screen shown, looked up in a table indexed by screen id, and the
 * idle overlay on top. A new screen is one line in the table. */
#include "ui_internal.h"

#include <stdio.h>

static const uix_draw_fn draw[FLOW_SCREEN_COUNT] = {
    [FLOW_ATTRACT] = uix_draw_attract,
    [FLOW_HOME] = uix_draw_home,
    [FLOW_CATEGORY] = uix_draw_category,
    [FLOW_SERVICE] = uix_draw_service,
    [FLOW_SLOTS] = uix_draw_slots,
    [FLOW_PHONE] = uix_draw_phone,
    [FLOW_LOOKUP] = uix_draw_lookup,
    [FLOW_CONFIRM] = uix_draw_confirm,
    [FLOW_TICKET] = uix_draw_ticket,
    [FLOW_REFUSED] = uix_draw_refused,
    [FLOW_BOOKINGS] = uix_draw_bookings,
    [FLOW_CANCEL] = uix_draw_cancel,
    [FLOW_CHECKIN] = uix_draw_checkin,
    [FLOW_CHECKIN_RESULT] = uix_draw_checkin_result,
    [FLOW_BOOKING] = uix_draw_booking,
    [FLOW_CHECKIN_FACTOR] = uix_draw_checkin_factor,
    [FLOW_FOR] = uix_draw_for, /* i16house */
    [FLOW_WALKIN] = uix_draw_walkin, /* w (issue 19): screens_queue.c */
    [FLOW_QUEUE_TICKET] = uix_draw_queue_ticket,
    [FLOW_QUEUE_REFUSED] = uix_draw_queue_refused,
    [FLOW_TERM] = uix_draw_term, /* t (issue 20): screens_terms.c */
    [FLOW_ENROLLED] = uix_draw_ticket,
    [FLOW_RATE_CODE] = uix_draw_rate_code, /* issue 20 (F): screens_rate.c */
    [FLOW_RATE] = uix_draw_rate,
    [FLOW_RATE_REASONS] = uix_draw_rate_reasons,
    [FLOW_RATE_DONE] = uix_draw_rated,
    [FLOW_STAFF_LOGIN] = uix_draw_staff_login,
    [FLOW_STAFF] = uix_draw_staff_day,
    [FLOW_STAFF_ROSTER] = uix_draw_staff_roster,
    [FLOW_STAFF_CANCEL] = uix_draw_staff_cancel,
    [FLOW_STAFF_EXPORT] = uix_draw_staff_export,
    [FLOW_TECH] = uix_draw_tech,
    [FLOW_TOUCH_TEST] = uix_draw_touch_test,
    [FLOW_CALIBRATE] = uix_draw_calibrate,
    [FLOW_PATTERN] = uix_draw_pattern,
    [FLOW_STAFF_COUNTERS] = uix_draw_staff_counters, /* i19counter */
    [FLOW_STAFF_COUNTER] = uix_draw_staff_counter,
    [FLOW_WAITLIST_JOIN] = uix_draw_waitlist_join, /* i20wait: screens_waitlist.c */
    [FLOW_WAITLISTED] = uix_draw_waitlisted,
};

/* The catalog's names, which no line breaks inside (issue 15: the station
 * name broke as 社/工站, the place as 咨询/室): the station, categories,
 * services and places in both languages. Given every frame: the text cache
 * compares and does nothing when they are the same, and a catalog reloaded
 * at the same address is still noticed. */
#define FRAME_NAMES 512

static void keep_names(ui_t *ui, const catalog_t *cat)
{
    const char *names[FRAME_NAMES];
    int n = 0;
#define KEEP(t)                                                                                    \
    do {                                                                                           \
        if (n + 2 <= FRAME_NAMES) {                                                                \
            names[n++] = (t).zh;                                                                   \
            names[n++] = (t).en;                                                                   \
        }                                                                                          \
    } while (0)
    if (cat) {
        KEEP(cat->station_name);
        for (int i = 0; i < cat->n_categories; i++)
            KEEP(cat->categories[i].name);
        for (int i = 0; i < cat->n_services; i++) {
            KEEP(cat->services[i].name);
            KEEP(cat->services[i].location);
        }
    }
#undef KEEP
    ui_text_set_names(ui->text, names, n);
}

/* A body taller than its room scrolls, and shows a scroll bar: the bar's
 * track is recorded as a display-only widget "scroll" labelled "content
 * height/room" in pixels, so that the script command `widgets` says which
 * screens scroll (issue 15: the ticket never does). Display-only widgets
 * take no taps; the track lies in the margin, over no other widget. */
static void note_scrolling(ui_t *ui)
{
    if (ui->content_h <= ui->body.h)
        return;
    char label[32];
    snprintf(label, sizeof label, "%d/%d", ui->content_h, ui->body.h);
    uix_display_widget(ui, "scroll", label,
                       uix_rect(ui->lw - uix_px(ui, 14), ui->body.y + uix_px(ui, 12),
                                uix_px(ui, 8), ui->body.h - uix_px(ui, 24)));
}

void ui_render(ui_t *ui, const flow_state_t *s)
{
    if (s->resets != ui->resets_seen) {
        /* The idle reset: typed digits must not survive in texture memory. */
        ui_text_flush(ui->text);
        if (ui->qr_tex)
            SDL_DestroyTexture(ui->qr_tex);
        ui->qr_tex = NULL;
        ui->qr_for[0] = '\0';
        ui->resets_seen = s->resets;
    }
    keep_names(ui, s->cat);
    uix_set_theme(ui, s->elder);
    ui->lang_en = s->lang_en;
    if (s->screen != ui->shown) {
        ui->n_touches = ui->touch_next = 0;
        ui->shown = s->screen;
    }
    int key = s->category * 131 + s->service;
    /* i19counter: the counter screen's confirmation and choice of line
     * replace its long body: they start at the top, and so does the body
     * after them (with the step's outcome). */
    if (s->screen == FLOW_STAFF_COUNTER)
        key = s->line_op * 2 + s->transfer_pick;
    if (s->screen != ui->scroll_screen || key != ui->scroll_key) {
        ui->scroll = 0;
        ui->scroll_screen = s->screen;
        ui->scroll_key = key;
    }
    uix_output_begin(ui);
    SDL_RenderSetClipRect(ui->r, NULL);
    SDL_SetRenderDrawColor(ui->r, ui->th.bg.r, ui->th.bg.g, ui->th.bg.b, 255);
    SDL_RenderClear(ui->r);
    ui->n_widgets = 0;
    ui->n_elided = 0;
    if (ui->drawn) {
        /* Typed digits are drawn too: zero, not just truncate. */
        SDL_memset(ui->drawn, 0, ui->drawn_len);
        ui->drawn_len = 0;
    }
    ui->header_h = 0;
    ui->content_h = 0; /* a screen without a scrolling body does not scroll */
    ui->body = uix_rect(0, 0, 0, 0);
    if ((unsigned)s->screen < FLOW_SCREEN_COUNT && draw[s->screen])
        draw[s->screen](ui, s);
    if (s->screen == FLOW_SLOTS && s->wait_offer >= 0 && !s->idle_warning && !s->call_shown)
        uix_draw_wait_offer(ui, s); /* i20wait */
    if (s->hint != FLOW_HINT_NONE && !s->idle_warning && !s->call_shown)
        uix_draw_hint(ui, s);
    note_scrolling(ui);
    if (ui->header_h && !s->call_shown && !s->idle_warning)
        uix_draw_voice_notice(ui, s, ui->voice_level);
    if (s->call_shown && !s->idle_warning)
        uix_draw_call(ui, s);
    if (s->idle_warning)
        uix_draw_idle(ui, s);
    uix_focus_frame(ui, s);
    SDL_RenderSetClipRect(ui->r, NULL);
    uix_output_present(ui);
    ui->frames++;
    ui->dirty = 0;
}
