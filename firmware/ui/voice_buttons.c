/* The header's voice buttons (issue 17): the loudspeaker 重听 says the screen's prompt
 * again, 音量− and 音量+ make the voice softer and louder, on every
 * resident screen beside back (landscape) or under it (portrait). The
 * loudspeaker is not in the committed font subset (no emoji there), so it
 * is drawn here from triangles; the buttons' words say what they do for
 * those who read. The widget ids (speak, volume-down, volume-up) are the
 * shell's (shell/sdl_app.c, app_voice_tap), not the flow's. And the short
 * notice of the volume a tap set ("音量 3/5"), under the header. */
#include <math.h>

#include "../core/strings.h"
#include "ui_internal.h"

#define VOICE_LEVELS 5 /* as STR_VOICE_LEVEL says: "音量 %d/5" */

static int label_px(const ui_t *ui)
{
    return uix_font(ui, 40); /* back, home and call-staff's size */
}

/* The loudspeaker in a box of side h at (x, y): a body, a cone and two
 * waves, in c. */
static void speaker(ui_t *ui, int x, int y, int h, SDL_Color c)
{
    SDL_Vertex v[3 * 64];
    int n = 0;
    SDL_Color col = c;
#define VTX(px, py) (v[n++] = (SDL_Vertex){{(float)(px), (float)(py)}, col, {0, 0}})
    float fx = (float)x, fy = (float)y, fh = (float)h;
    /* Body and cone: the cone's narrow end is the body's height. */
    float bx0 = fx, bx1 = fx + 0.22f * fh, by0 = fy + 0.36f * fh, by1 = fy + 0.64f * fh;
    float cx1 = fx + 0.50f * fh, cy0 = fy + 0.12f * fh, cy1 = fy + 0.88f * fh;
    VTX(bx0, by0), VTX(bx1, by0), VTX(bx1, by1);
    VTX(bx0, by0), VTX(bx1, by1), VTX(bx0, by1);
    VTX(bx1, by0), VTX(cx1, cy0), VTX(cx1, cy1);
    VTX(bx1, by0), VTX(cx1, cy1), VTX(bx1, by1);
    /* Two arcs of 100 degrees about the cone's mouth, each a strip of
     * quads. */
    float ox = cx1 - 0.06f * fh, oy = fy + 0.5f * fh, t = 0.09f * fh;
    const float radii[2] = {0.24f * fh, 0.44f * fh};
    const int segs = 8;
    const float a0 = -0.87f, a1 = 0.87f; /* radians, about ±50 degrees */
    for (int k = 0; k < 2; k++) {
        float r0 = radii[k], r1 = radii[k] + t;
        for (int i = 0; i < segs; i++) {
            float p = a0 + (a1 - a0) * (float)i / segs, q = a0 + (a1 - a0) * (float)(i + 1) / segs;
            float cp = cosf(p), sp = sinf(p), cq = cosf(q), sq = sinf(q);
            VTX(ox + r0 * cp, oy + r0 * sp), VTX(ox + r1 * cp, oy + r1 * sp),
                VTX(ox + r1 * cq, oy + r1 * sq);
            VTX(ox + r0 * cp, oy + r0 * sp), VTX(ox + r1 * cq, oy + r1 * sq),
                VTX(ox + r0 * cq, oy + r0 * sq);
        }
    }
#undef VTX
    SDL_SetRenderDrawBlendMode(ui->r, SDL_BLENDMODE_NONE);
    SDL_RenderGeometry(ui->r, NULL, v, n, NULL, 0);
}

/* A button of the band, outlined as back and home are, turned inside out
 * while pressed; returns the colour of what is drawn on it. */
static SDL_Color band_button(ui_t *ui, const char *id, const char *label, SDL_Rect r)
{
    const ui_theme_t *t = &ui->th;
    int pressed = uix_is_pressed(ui, id);
    uix_frame(ui, r, pressed ? t->card : t->accent, t->on_accent, uix_px(ui, 3), uix_px(ui, 20));
    uix_widget(ui, id, label, r, 1, 0);
    return pressed ? t->accent : t->on_accent;
}

static int speak_width(ui_t *ui, const flow_state_t *s, int bh)
{
    int icon = bh / 2, gap = uix_px(ui, 10);
    int w = icon + gap +
            uix_text_width(ui, str_get(STR_VOICE_REPEAT, s->lang_en), label_px(ui), 1) +
            uix_px(ui, 48);
    int cw = uix_call_width(ui, s); /* never a smaller target than call-staff */
    return w > cw ? w : cw;
}

static int volume_width(ui_t *ui, const flow_state_t *s, int bh)
{
    int w = uix_text_width(ui, str_get(STR_VOICE_VOLUME, s->lang_en), uix_font(ui, 26), 1) +
            uix_px(ui, 28);
    return w > bh ? w : bh;
}

int uix_voice_width(ui_t *ui, const flow_state_t *s, int bh)
{
    int pad = uix_px(ui, UIX_SPACE);
    return speak_width(ui, s, bh) + 2 * (pad + volume_width(ui, s, bh));
}

static void volume_button(ui_t *ui, const flow_state_t *s, const char *id, str_id_t label,
                          const char *sign, SDL_Rect r)
{
    SDL_Color fg = band_button(ui, id, str_get(label, s->lang_en), r);
    /* 音量 small at the top, the sign large in the rest: the sign's line
     * is mostly leading, so it is centred on what is left, not stacked. */
    const char *cap = str_get(STR_VOICE_VOLUME, s->lang_en);
    int cpx = uix_font(ui, 26), spx = uix_font(ui, 52), top = r.y + uix_px(ui, 8);
    int ch = uix_text_height(ui, cap, cpx, 1, 0, 1), sh = uix_text_height(ui, sign, spx, 1, 0, 1);
    uix_text(ui, cap, cpx, 1, fg, r.x, top, r.w, UI_ALIGN_CENTER, 1);
    int rest = r.y + r.h - (top + ch);
    uix_text(ui, sign, spx, 1, fg, r.x, top + ch + (rest - sh) / 2, r.w, UI_ALIGN_CENTER, 1);
}

void uix_voice_buttons(ui_t *ui, const flow_state_t *s, int x, int y, int bh, int room)
{
    int pad = uix_px(ui, UIX_SPACE), sw = speak_width(ui, s, bh), vw = volume_width(ui, s, bh);
    /* Given room (a row of their own), 音量 grows towards 重听's width. */
    int grow = (room - sw - 2 * pad) / 2;
    if (grow > vw)
        vw = grow < sw ? grow : sw;
    const char *repeat = str_get(STR_VOICE_REPEAT, s->lang_en);
    SDL_Rect r = uix_rect(x, y, sw, bh);
    SDL_Color fg = band_button(ui, "speak", repeat, r);
    /* The loudspeaker, then the word, centred together. */
    int icon = bh / 2, gap = uix_px(ui, 10), px = label_px(ui);
    int tw = uix_text_width(ui, repeat, px, 1), th = uix_text_height(ui, repeat, px, 1, 0, 1);
    int x0 = r.x + (r.w - icon - gap - tw) / 2;
    speaker(ui, x0, r.y + (r.h - icon) / 2, icon, fg);
    uix_text(ui, repeat, px, 1, fg, x0 + icon + gap, r.y + (r.h - th) / 2, tw + 1, UI_ALIGN_LEFT,
             1);
    x += sw + pad;
    volume_button(ui, s, "volume-down", STR_VOICE_SOFTER, "−", uix_rect(x, y, vw, bh));
    volume_button(ui, s, "volume-up", STR_VOICE_LOUDER, "+", uix_rect(x + vw + pad, y, vw, bh));
}

void uix_draw_voice_notice(ui_t *ui, const flow_state_t *s, int level)
{
    if (level < 1 || level > VOICE_LEVELS || !uix_has_call(s))
        return;
    char msg[64];
    str_format_int(STR_VOICE_LEVEL, s->lang_en, level, msg, sizeof msg);
    int px = uix_font(ui, 40), pad = uix_px(ui, UIX_SPACE);
    int w = uix_text_width(ui, msg, px, 1) + 4 * pad, h = uix_text_height(ui, msg, px, 1, 0, 1);
    SDL_Rect r = uix_rect(uix_px(ui, UIX_GAP), ui->header_h + pad, w, h + 2 * pad);
    uix_frame(ui, r, ui->th.text, ui->th.card, uix_px(ui, 3), uix_px(ui, 20));
    uix_text(ui, msg, px, 1, ui->th.card, r.x, r.y + pad, r.w, UI_ALIGN_CENTER, 1);
}
