/* The for screen (issue 16): whom the booking is for, as a grid of large
 * preset buttons (本人, 爸爸, 妈妈 ...) that fits the screen whole, one
 * question on it; with no phone, the hint says the label is how staff
 * find the booking. The choice made is drawn as the primary button. */
#include "screens_int.h"

void uix_draw_for(ui_t *ui, const flow_state_t *s)
{
    int nophone = s->for_nophone;
    int top = uix_header(ui, s, tr(ui, s, nophone ? STR_FOR_NOPHONE_TITLE : STR_FOR_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int m = uix_px(ui, UIX_MARGIN), gap = uix_px(ui, 24);
    int elder = ui->th.font > 1.0f;
    int y = uix_body_begin(ui, top, ui->lh);
    y += uix_text(ui, tr(ui, s, nophone ? STR_FOR_NOPHONE_HINT : STR_FOR_HINT),
                  uix_font(ui, 44), 0, ui->th.muted, x, y, w, UI_ALIGN_LEFT, 0) +
         uix_px(ui, 32);
    flow_for_choice_t c[FLOW_FOR_MAX];
    int n = flow_for_choices(s, c);
    /* As tall as the room allows, within a comfortable range; a column
     * more where the rows would not fit (elder mode in landscape). */
    int most = uix_px(ui, elder ? 240 : 200), least = uix_px(ui, elder ? 130 : 120);
    int cols = ui->landscape ? (elder ? 4 : 5) : (elder ? 2 : 3), rows, bh;
    for (;; cols++) {
        rows = (n + cols - 1) / cols;
        bh = (ui->lh - m - y - (rows - 1) * gap) / rows;
        if (bh >= least || cols >= 6)
            break;
    }
    int bw = (w - (cols - 1) * gap) / cols;
    bh = bh > most ? most : bh < least ? least : bh;
    int px = uix_font(ui, elder ? 54 : 48);
    for (int i = 0; i < n; i++) {
        int f = uix_button_label_px(ui, tr(ui, s, (str_id_t)c[i].word), bw, bh, px);
        if (f < px)
            px = f;
    }
    for (int i = 0; i < n; i++) {
        int chosen = strcmp(c[i].id, "for:self") == 0
                         ? !s->for_label[0]
                         : s->for_label[0] && strcmp(s->for_label, str_get((str_id_t)c[i].word, 0)) == 0;
        SDL_Rect r = uix_rect(x + (i % cols) * (bw + gap), y + (i / cols) * (bh + gap), bw, bh);
        uix_button_px(ui, c[i].id, tr(ui, s, (str_id_t)c[i].word), r,
                      chosen ? UIX_PRIMARY : UIX_SECONDARY, 1, px, 1);
    }
    uix_body_end(ui, y + rows * (bh + gap) - gap);
}
