/* What every resident screen file shares: the words in the visit's
 * language, the dates, the chosen service and the catalog's texts. */
#ifndef UI_SCREENS_INT_H
#define UI_SCREENS_INT_H

#include <stdio.h>
#include <string.h>

#include "../core/strings.h"
#include "../ticket/code.h"
#include "ui_internal.h"

#define MARGIN UIX_MARGIN

static inline const char *tr(const ui_t *ui, const flow_state_t *s, str_id_t id)
{
    (void)ui;
    return str_get(id, s->lang_en);
}

static inline void format_date(const flow_state_t *s, dt_date_t d, char *out, size_t n)
{
    uix_format_date(s->lang_en, d, out, n);
}

static inline const catalog_service_t *service(const flow_state_t *s)
{
    return s->service >= 0 ? &s->cat->services[s->service] : NULL;
}

static inline const char *cs(const flow_state_t *s, const catalog_text_t *t)
{
    return catalog_str(t, s->lang_en);
}

/* A service's name where a resident's ticket, slip or list of bookings
 * shows it (issue 16): a sensitive service (catalog sensitive = yes) is
 * never named there, nor one withdrawn from the catalog (its sensitivity
 * is no longer known), but called 预约服务 / Appointment; the room beside
 * it says where to come. The staff screens and kioskctl name it. */
static inline const char *resident_name(const flow_state_t *s, const catalog_service_t *sv)
{
    return catalog_resident_name(sv, s->lang_en);
}

/* What to bring where resident_name names the service (i16checkin): a
 * sensitive one's is a neutral line (core/catalog.h); "" for a service no
 * longer in the catalog. */
static inline const char *resident_bring(const flow_state_t *s, const catalog_service_t *sv)
{
    return sv ? catalog_resident_bring(sv, s->lang_en) : "";
}

/* What happened, large (issue 15 items 5 and 7: a refusal or a result was a
 * 40 px strip over an empty screen): good (✓, calm green) or not (！);
 * returns its height. */
static inline int headline(ui_t *ui, const char *msg, int good, int x, int y, int w)
{
    int px = uix_font(ui, ui->landscape ? 52 : 60), pad = uix_px(ui, ui->landscape ? 28 : 36);
    SDL_Color fg = good ? ui->th.good : ui->th.alert;
    char text[320];
    snprintf(text, sizeof text, "%s %s", good ? "✓" : "！", msg);
    int h = uix_text_height(ui, text, px, 1, w - 2 * pad, 0) + 2 * pad;
    uix_frame(ui, uix_rect(x, y, w, h), good ? ui->th.good_bg : ui->th.alert_bg, fg, uix_px(ui, 4),
              uix_px(ui, 20));
    uix_text(ui, text, px, 1, fg, x + pad, y + pad, w - 2 * pad, UI_ALIGN_LEFT, 0);
    return h;
}

/* A paragraph of a refusal or result: large body text; returns the height
 * with the gap below it. */
static inline int para(ui_t *ui, const char *msg, int bold, int x, int y, int w)
{
    return uix_text(ui, msg, uix_font(ui, 46), bold, ui->th.text, x, y, w, UI_ALIGN_LEFT, 0) +
           uix_px(ui, 28);
}

/* 完成, with the seconds before a finished screen goes back to the start. */
static inline void done_label(const flow_state_t *s, char *out, size_t n)
{
    if (s->finish_s > 0)
        str_format_int(STR_DONE_COUNTDOWN, s->lang_en, s->finish_s, out, n);
    else
        snprintf(out, n, "%s", str_get(STR_DONE, s->lang_en));
}

#endif
