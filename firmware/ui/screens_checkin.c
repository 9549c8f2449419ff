/* The second step of a check-in by typed code (issue 16, i16checkin): the
 * last four digits of the phone booked with, or the party size for a
 * booking without a phone, on the phone's keypad. One sentence asks for
 * both, so the screen tells nothing about the code typed before it. The
 * digits typed are shown as typed (four digits are what a masked number
 * shows anyway) and never said aloud (core/speech_prompt.c). */
#include "screens_int.h"

/* The four places of the factor, what is typed in them. */
static void factor_boxes(ui_t *ui, const flow_state_t *s, SDL_Rect area)
{
    int in = uix_px(ui, 10), line = uix_px(ui, 3);
    int slot = (area.w - 2 * in) / 8;
    if (slot > area.h)
        slot = area.h;
    SDL_Rect box = uix_rect(area.x + (area.w - 4 * slot - 2 * in) / 2, area.y, 4 * slot + 2 * in,
                            area.h);
    uix_frame(ui, box, ui->th.card, ui->th.accent, line, uix_px(ui, 16));
    int px = uix_fit_px(ui, "8", uix_font(ui, 84), 1, slot - uix_px(ui, 10), 60);
    uix_digit_slots(ui, box, in, slot, s->digits, 4, px);
    uix_widget(ui, "factor", s->digits, box, 0, 0);
}

void uix_draw_checkin_factor(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_FACTOR_TITLE));
    int elder = ui->th.font > 1.0f;
    SDL_Rect info, pad;
    uix_split_keypad(ui, top, 4 * (elder ? 200 : 170) + 3 * 20, &info, &pad);
    int box_h = uix_px(ui, elder ? 190 : 160), gap = uix_px(ui, 24);
    int y = info.y;
    y += uix_text(ui, tr(ui, s, STR_FACTOR_HINT), uix_font(ui, 48), 1, ui->th.text, info.x, y,
                  info.w, UI_ALIGN_LEFT, 0) +
         gap;
    if (!ui->landscape && y < pad.y - box_h - gap)
        y = pad.y - box_h - gap; /* right above the keypad, as the phone number is */
    factor_boxes(ui, s, uix_rect(info.x, y, info.w, box_h));
    uix_phone_keypad(ui, pad, s->n_digits, s->n_digits > 0, tr(ui, s, STR_DELETE),
                     tr(ui, s, STR_CLEAR), tr(ui, s, STR_CHECKIN_DO));
}
