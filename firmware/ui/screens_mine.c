/* The resident screens after booking: my bookings, cancelling one,
 * checking in with a code, and the idle warning over any screen.
 * Sizes as in screens_browse.c. */
#include "../core/hint_words.h"
#include "screens_int.h"

/* ---- my bookings ------------------------------------------------------------ */

static const char *status_text(const flow_state_t *s, const flow_booking_t *b)
{
    rules_status_t st = b->status;
    if (st == RULES_CANCELLED && b->by_staff)
        return str_get(STR_STATUS_CANCELLED_BY_STAFF, s->lang_en);
    static const str_id_t ids[] = {STR_STATUS_BOOKED, STR_STATUS_CHECKED_IN, STR_STATUS_CANCELLED,
                                   STR_STATUS_NO_SHOW};
    return str_get(ids[st < RULES_STATUS_COUNT ? st : 0], s->lang_en);
}

static const char *booking_name(const flow_state_t *s, const flow_booking_t *b)
{
    return resident_name(s, catalog_find_service(s->cat, b->service_id));
}

static void booking_when(const flow_state_t *s, const flow_booking_t *b, char *out, size_t n)
{
    char day[64], t[6];
    format_date(s, b->date, day, sizeof day);
    dt_format_hhmm(b->start, t);
    snprintf(out, n, "%s %s", day, t);
}

static const char *booking_place(const flow_state_t *s, const flow_booking_t *b)
{
    const catalog_service_t *sv = catalog_find_service(s->cat, b->service_id);
    return sv ? cs(s, &sv->location) : "";
}

/* My bookings: one card a booking, the whole card a button
 * ("booking:N", N from 1) that opens it (issue 15 item 1: the list had only
 * a red 取消预约 on each). The card says what, when, where and how it
 * stands; cancelling is one step further, on the booking's own screen.
 * Neither shows the ticket code or its QR: how a ticket comes back is
 * issue 16's, with its privacy rules. */
void uix_draw_bookings(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_BOOKINGS_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, ui->lh);
    char masked[KIOSK_PHONE_SIZE];
    rules_mask_phone(s->digits, masked);
    y += uix_text(ui, masked, uix_font(ui, 44), 1, ui->th.muted, x, y, w, UI_ALIGN_LEFT, 1);
    y += uix_px(ui, 24);
    if (s->notice == FLOW_NOTICE_CANCELLED)
        y += uix_notice(ui, tr(ui, s, STR_CANCELLED_OK), 1, x, y, w) + uix_px(ui, 24);
    else if (s->notice == FLOW_NOTICE_NOT_CANCELLABLE)
        y += uix_notice(ui, tr(ui, s, STR_NOT_CANCELLABLE), 0, x, y, w) + uix_px(ui, 24);
    else if (s->notice == FLOW_NOTICE_STORE_ERROR)
        y += uix_notice(ui, tr(ui, s, STR_STORE_ERROR), 0, x, y, w) + uix_px(ui, 24);
    if (s->busy) {
        y += uix_text(ui, tr(ui, s, STR_LOADING), uix_font(ui, 44), 0, ui->th.muted, x, y, w,
                      UI_ALIGN_LEFT, 1);
    } else if (s->n_bookings == 0 && s->n_waits == 0 && s->notice != FLOW_NOTICE_STORE_ERROR) {
        y += uix_notice(ui, tr(ui, s, STR_BOOKINGS_NONE), 0, x, y, w);
    }
    if (!s->busy)
        y += uix_wait_cards(ui, s, x, y, w); /* i20wait: the phone's waitlist first */
    int pad = uix_px(ui, 36);
    const char *open = tr(ui, s, STR_BOOKING_OPEN);
    int ow = uix_text_width(ui, open, uix_font(ui, 40), 1) + uix_px(ui, 60);
    for (int i = 0; i < s->n_bookings; i++) {
        const flow_booking_t *b = &s->bookings[i];
        char when[96], line2[400], id[32], persons[32];
        booking_when(s, b, when, sizeof when);
        str_format_int(STR_PERSONS, s->lang_en, b->party, persons, sizeof persons);
        snprintf(line2, sizeof line2, "%s\n%s\n%s %s  |  %s", when, booking_place(s, b),
                 tr(ui, s, STR_PARTY), persons, status_text(s, b));
        int iw = w - 2 * pad - ow;
        int h1 = uix_text_height(ui, booking_name(s, b), uix_font(ui, 46), 1, iw, 2);
        int h2 = uix_text_height(ui, line2, uix_font(ui, 40), 0, iw, 0);
        int h = pad * 2 + h1 + uix_px(ui, 10) + h2;
        snprintf(id, sizeof id, "booking:%d", i + 1);
        SDL_Rect r = uix_rect(x, y, w, h);
        uix_look_t look = uix_card_look(ui, uix_is_pressed(ui, id));
        uix_frame(ui, r, look.fill, look.edge, uix_px(ui, 2), uix_px(ui, 20));
        int ty = y + pad;
        ty += uix_text(ui, booking_name(s, b), uix_font(ui, 46), 1, look.text, x + pad, ty, iw,
                       UI_ALIGN_LEFT, 2);
        uix_text(ui, line2, uix_font(ui, 40), 0, look.text, x + pad, ty + uix_px(ui, 10), iw,
                 UI_ALIGN_LEFT, 0);
        int oh = uix_text_height(ui, open, uix_font(ui, 40), 1, 0, 1);
        uix_text(ui, open, uix_font(ui, 40), 1, look.accent, x + w - pad - ow, y + (h - oh) / 2,
                 ow - uix_px(ui, 30), UI_ALIGN_RIGHT, 1);
        int ah = uix_text_height(ui, "›", uix_font(ui, 72), 1, 0, 1);
        uix_text(ui, "›", uix_font(ui, 72), 1, look.accent, x + w - pad - uix_px(ui, 24),
                 y + (h - ah) / 2, 0, UI_ALIGN_LEFT, 1);
        uix_widget(ui, id, booking_name(s, b), r, 1, 1);
        y += h + uix_px(ui, 24);
    }
    uix_body_end(ui, y);
}

/* The height of uix_summary_row's rows for the non-empty of vals in
 * width w, each followed by its 28 px. */
static int rows_height(ui_t *ui, const char *const vals[], int n, int w)
{
    int lw = uix_px(ui, 220) * (int)(ui->th.font * 100) / 100, h = 0;
    for (int i = 0; i < n; i++)
        if (vals[i][0])
            h += uix_text_height(ui, vals[i], uix_font(ui, 44), 1, w - lw, 0) + uix_px(ui, 28);
    return h;
}

/* One booking seen again (issue 15 item 1): when and where to come, in
 * large type, whatever became of the printed slip: the service's name
 * with the status beside it, then date with weekday and time, place,
 * what to bring, persons.
 * In landscape what to bring has the right half of the card to itself, so
 * that the page stays above the fold; the closing hint (come on time, ask
 * the staff for a lost code) goes where there is room, else not at all.
 * 取消预约 is there, as a quiet secondary button: coming is what this
 * screen is for. No ticket code and no QR here (issue 16 decides how a
 * ticket comes back, with its privacy rules); the cancel button's id is
 * plain "cancel", so that not even the widget list carries the code. */
void uix_draw_booking(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_BOOKING_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    if (ui->landscape) { /* the whole width, in two halves */
        x = uix_px(ui, UIX_MARGIN);
        w = ui->lw - 2 * x;
    }
    int bottom = uix_action_bar_top(ui);
    int y = uix_body_begin(ui, top, bottom);
    int room = bottom - uix_px(ui, 36) - y;
    const flow_booking_t *b =
        s->booking >= 0 && s->booking < s->n_bookings ? &s->bookings[s->booking] : NULL;
    if (b) {
        char when[96], persons[32];
        booking_when(s, b, when, sizeof when);
        str_format_int(STR_PERSONS, s->lang_en, b->party, persons, sizeof persons);
        const catalog_service_t *sv = catalog_find_service(s->cat, b->service_id);
        const char *bring = resident_bring(s, sv);
        const char *name = booking_name(s, b), *hint = tr(ui, s, STR_BOOKING_COME);
        int side = ui->landscape && bring[0];
        int pad = uix_px(ui, 40), gap = uix_px(ui, 28), iw = w - 2 * pad;
        int lw = side ? (iw - pad) * 58 / 100 : iw; /* the left (or only) column */
        int rw = side ? iw - pad - lw : 0;          /* what to bring, in landscape */
        const char *vals[] = {when, booking_place(s, b), side ? "" : bring, persons};
        const str_id_t labels[] = {STR_TIME, STR_LOCATION, STR_BOOKING_BRING, STR_PARTY};
        /* The status at the right of the name's first line. */
        const char *status = status_text(s, b);
        int npx = uix_font(ui, 56), spx = uix_font(ui, 44);
        int sw = uix_text_width(ui, status, spx, 1);
        int nw = lw - sw - pad;
        int left_h = uix_text_height(ui, name, npx, 1, nw, 0) + uix_px(ui, 24) +
                     rows_height(ui, vals, 4, lw) - gap;
        int right_h = 0;
        if (side)
            right_h =
                uix_text_height(ui, tr(ui, s, STR_BOOKING_BRING), uix_font(ui, 40), 0, rw, 1) +
                uix_px(ui, 8) + uix_text_height(ui, bring, uix_font(ui, 44), 1, rw, 0);
        int inner = left_h > right_h ? left_h : right_h;
        int come = b->status == RULES_BOOKED;
        int hint_h = come ? uix_text_height(ui, hint, uix_font(ui, 40), 0, side ? rw : w, 0) : 0;
        /* The hint: under what to bring in landscape, under the card in
         * portrait; left out where it would push the page past the fold. */
        int with_hint = side ? (right_h + gap + hint_h > inner ? right_h + gap + hint_h : inner)
                             : inner + gap + hint_h;
        if (come && 2 * pad + with_hint <= room) {
            if (side)
                inner = with_hint;
        } else {
            come = 0;
        }
        int card_h = 2 * pad + inner;
        uix_frame(ui, uix_rect(x, y, w, card_h), ui->th.card, ui->th.accent, uix_px(ui, 3),
                  uix_px(ui, 24));
        int cy = y + pad;
        int first = uix_text_height(ui, name, npx, 1, nw, 1);
        uix_text(ui, status, spx, 1, b->status == RULES_BOOKED ? ui->th.accent : ui->th.muted,
                 x + pad + lw - sw, cy + (first - uix_text_height(ui, status, spx, 1, 0, 1)) / 2,
                 sw, UI_ALIGN_RIGHT, 1);
        cy += uix_text(ui, name, npx, 1, ui->th.text, x + pad, cy, nw, UI_ALIGN_LEFT, 0);
        cy += uix_px(ui, 24);
        for (int i = 0; i < 4; i++)
            if (vals[i][0])
                cy = uix_summary_row(ui, tr(ui, s, labels[i]), vals[i], x + pad, cy, lw);
        if (side) {
            int rx = x + pad + lw + pad, ry = y + pad;
            ry += uix_text(ui, tr(ui, s, STR_BOOKING_BRING), uix_font(ui, 40), 0, ui->th.muted, rx,
                           ry, rw, UI_ALIGN_LEFT, 1);
            ry += uix_px(ui, 8);
            ry +=
                uix_text(ui, bring, uix_font(ui, 44), 1, ui->th.text, rx, ry, rw, UI_ALIGN_LEFT, 0);
            if (come)
                uix_text(ui, hint, uix_font(ui, 40), 0, ui->th.muted, rx, ry + gap, rw,
                         UI_ALIGN_LEFT, 0);
        }
        y += card_h;
        if (come && !side)
            y += gap + uix_text(ui, hint, uix_font(ui, 40), 0, ui->th.muted, x, y + gap, w,
                                UI_ALIGN_LEFT, 0);
    }
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    int can = b && b->status == RULES_BOOKED;
    if (can)
        uix_button(ui, "cancel", tr(ui, s, STR_CANCEL), uix_action_rect(ui, 0, 2), UIX_SECONDARY, 1,
                   uix_font(ui, 46), 0);
    uix_button(ui, "done", tr(ui, s, STR_BOOKINGS_TITLE), uix_action_rect(ui, can, can ? 2 : 1),
               UIX_PRIMARY, 1, uix_font(ui, 46), 0);
}

/* The ticket code's keypad (check-in, cancel): the code's alphabet, eight
 * keys a row, then 删除 and the step the code is for (id act). */
void uix_code_keypad(ui_t *ui, const flow_state_t *s, SDL_Rect area, const char *act,
                     str_id_t label, uix_kind_t kind)
{
    static const char keys[] = KIOSK_TICKET_ALPHABET;
    int gap = uix_px(ui, 12), cols = 8, rows = 5;
    int kw = (area.w - (cols - 1) * gap) / cols, kh = (area.h - (rows - 1) * gap) / rows;
    for (int i = 0; keys[i]; i++) {
        char id[8], key[2] = {keys[i], '\0'};
        snprintf(id, sizeof id, "key:%c", keys[i]);
        uix_button(
            ui, id, key,
            uix_rect(area.x + (i % cols) * (kw + gap), area.y + (i / cols) * (kh + gap), kw, kh),
            UIX_SECONDARY, s->n_code < 8, uix_font(ui, 48), 0);
    }
    int by = area.y + 4 * (kh + gap), half = (area.w - gap) / 2;
    uix_button(ui, "key:del", tr(ui, s, STR_DELETE), uix_rect(area.x, by, half, kh), UIX_SECONDARY,
               s->n_code > 0, uix_font(ui, 44), 0);
    uix_button(ui, act, tr(ui, s, label), uix_rect(area.x + half + gap, by, half, kh), kind,
               s->n_code == 8 && !s->busy, uix_font(ui, 44), 0);
}

/* The code typed so far, ABCD-EFGH with _ for what is missing, in a box;
 * returns the box's height. */
int uix_code_box(ui_t *ui, const flow_state_t *s, int alert, int x, int y, int w)
{
    char shown[16];
    int k = 0;
    for (int i = 0; i < 8; i++) {
        if (i == 4)
            shown[k++] = '-';
        shown[k++] = i < s->n_code ? s->code[i] : '_';
    }
    shown[k] = '\0';
    SDL_Rect box = uix_rect(x, y, w, uix_px(ui, 150));
    uix_frame(ui, box, ui->th.card, alert ? ui->th.alert : ui->th.accent, uix_px(ui, 3),
              uix_px(ui, 20));
    int dh = uix_text_height(ui, shown, uix_font(ui, 80), 1, box.w, 1);
    uix_text(ui, shown, uix_font(ui, 80), 1, ui->th.text, box.x, box.y + (box.h - dh) / 2, box.w,
             UI_ALIGN_CENTER, 1);
    return box.h;
}

/* Cancelling (issue 16): the booking (neutral name when sensitive, when;
 * never its code) and the code's keypad. A phone number alone cancels
 * nothing: the resident types the code on the ticket; a wrong one stays
 * to be corrected; whoever lost it is sent to the staff. 返回 in the
 * header keeps the booking. */
void uix_draw_cancel(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_CANCEL_TITLE));
    SDL_Rect info, pad;
    uix_split_keypad(ui, top, 5 * 120 + 4 * 12, &info, &pad);
    int x = info.x, w = info.w, y = info.y, p = uix_px(ui, 32);
    int wrong = s->notice == FLOW_NOTICE_CODE_WRONG;
    const char *msg = tr(ui, s, wrong ? STR_CANCEL_CODE_WRONG : STR_CANCEL_CODE_HINT);
    const char *lost = tr(ui, s, STR_CANCEL_CODE_LOST);
    const flow_booking_t *b =
        s->booking >= 0 && s->booking < s->n_bookings ? &s->bookings[s->booking] : NULL;
    char when[96] = "";
    if (b)
        booking_when(s, b, when, sizeof when);
    const char *vals[] = {b ? booking_name(s, b) : "", when};
    /* The way to the staff must stay in view: where the height is short
     * (landscape, elder mode) the booking's card gives way, as the
     * resident has just seen it on the booking's screen. */
    int card_h = b ? rows_height(ui, vals, 2, w - 2 * p) + 2 * p - uix_px(ui, 28) : 0;
    int msg_h = wrong ? uix_notice_height(ui, msg, 0, w)
                      : uix_text_height(ui, msg, uix_font(ui, 44), 1, w, 0);
    int rest = msg_h + uix_px(ui, 16) + uix_px(ui, 150) + uix_px(ui, 20) +
               uix_text_height(ui, lost, uix_font(ui, 40), 0, w, 0);
    if (b && card_h + uix_px(ui, 28) + rest <= info.h) {
        int card_top = y;
        y += p;
        y = uix_summary_row(ui, tr(ui, s, STR_SERVICE), vals[0], x + p, y, w - 2 * p);
        y = uix_summary_row(ui, tr(ui, s, STR_TIME), vals[1], x + p, y, w - 2 * p);
        /* The card goes under the rows: draw its frame as an outline now. */
        SDL_Rect card = uix_rect(x, card_top, w, y - card_top + p - uix_px(ui, 28));
        SDL_SetRenderDrawColor(ui->r, ui->th.border.r, ui->th.border.g, ui->th.border.b, 255);
        SDL_RenderDrawRect(ui->r, &card);
        y = card.y + card.h + uix_px(ui, 28);
    }
    if (wrong)
        y += uix_notice(ui, msg, 0, x, y, w) + uix_px(ui, 16);
    else
        y += uix_text(ui, msg, uix_font(ui, 44), 1, ui->th.text, x, y, w, UI_ALIGN_LEFT, 0) +
             uix_px(ui, 16);
    y += uix_code_box(ui, s, wrong, x, y, w) + uix_px(ui, 20);
    uix_text(ui, lost, uix_font(ui, 40), 0, ui->th.muted, x, y, w, UI_ALIGN_LEFT, 0);
    uix_code_keypad(ui, s, pad, "confirm", STR_CANCEL_YES, UIX_DANGER);
}

void uix_draw_checkin(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_CHECKIN_TITLE));
    SDL_Rect info, pad;
    uix_split_keypad(ui, top, 5 * 120 + 4 * 12, &info, &pad);
    int y = info.y;
    /* i16checkin: the code and the factor matched no booking (said alike
     * for a wrong code and a wrong factor), or typed check-ins are paused. */
    int paused = s->notice == FLOW_NOTICE_CHECKIN_PAUSED;
    int mismatch = s->notice == FLOW_NOTICE_CHECKIN_MISMATCH;
    int not_found = s->notice == FLOW_NOTICE_CODE_NOT_FOUND || mismatch || paused;
    int box_h = uix_px(ui, 150);
    if (not_found) {
        /* The code typed stays, to be corrected (issue 15 item 5): what
         * happened above it, large, and how to go on. */
        str_id_t title = paused     ? STR_CHECKIN_PAUSED
                         : mismatch ? STR_FACTOR_WRONG_TITLE
                                    : STR_CHECKIN_NOT_FOUND_TITLE;
        y += headline(ui, tr(ui, s, title), 0, info.x, y, info.w) + uix_px(ui, 24);
        if (!paused) {
            y += uix_text(ui,
                          tr(ui, s, mismatch ? STR_FACTOR_WRONG_NEXT : STR_CHECKIN_NOT_FOUND_NEXT),
                          uix_font(ui, 42), 0, ui->th.text, info.x, y, info.w, UI_ALIGN_LEFT, 0) +
                 uix_px(ui, 12);
            y += uix_text(ui, tr(ui, s, STR_REFUSE_DESK), uix_font(ui, 40), 0, ui->th.muted,
                          info.x, y, info.w, UI_ALIGN_LEFT, 0) +
                 uix_px(ui, 20);
        }
        /* The code right above the keypad, as the phone number is. */
        if (!ui->landscape && y < pad.y - box_h - uix_px(ui, 24))
            y = pad.y - box_h - uix_px(ui, 24);
    } else {
        y += uix_text(ui, tr(ui, s, STR_CHECKIN_HINT), uix_font(ui, 48), 1, ui->th.text, info.x, y,
                      info.w, UI_ALIGN_CENTER, 0);
        y += uix_px(ui, 16);
        int ah = uix_text_height(ui, "↓", uix_font(ui, 120), 1, info.w, 1);
        uix_text(ui, "↓", uix_font(ui, 120), 1, ui->th.accent, info.x, y, info.w, UI_ALIGN_CENTER,
                 1);
        y += ah + uix_px(ui, 24);
        y += uix_text(ui, tr(ui, s, STR_CHECKIN_TYPE), uix_font(ui, 40), 0, ui->th.muted, info.x, y,
                      info.w, UI_ALIGN_LEFT, 2);
        y += uix_px(ui, 20);
    }
    uix_code_box(ui, s, not_found, info.x, y, info.w);
    uix_code_keypad(ui, s, pad, "next", STR_CHECKIN_DO, UIX_PRIMARY);
}

/* Checked in (or already): where to go, large; the place is what the
 * resident came to read (issue 15 item 7: "go to 二楼康养咨询室"). */
static int draw_go_to(ui_t *ui, const flow_state_t *s, const flow_booking_t *b, int x, int y, int w)
{
    int y0 = y;
    const catalog_service_t *sv = catalog_find_service(s->cat, b->service_id);
    const char *place = sv ? cs(s, &sv->location) : "";
    /* i16checkin: what to bring, last thing before going in: beside where
     * to go in landscape (height is short), under it in portrait. */
    const char *bring = resident_bring(s, sv);
    int side = ui->landscape && bring[0], gap = uix_px(ui, 48), w0 = w;
    int place_px = uix_font(ui, 80);
    if (side) { /* the place on one line where it can be, what to bring beside it */
        int lo = (w0 - gap) * 38 / 100, hi = (w0 - gap) * 62 / 100;
        place_px = uix_fit_px(ui, place, place_px, 1, hi, 75);
        int pw = uix_text_width(ui, place, place_px, 1) + uix_px(ui, 8);
        w = pw < lo ? lo : pw > hi ? hi : pw;
    }
    if (place[0]) {
        y += uix_text(ui, tr(ui, s, STR_CHECKIN_GO_TO), uix_font(ui, 46), 0, ui->th.text, x, y, w,
                      UI_ALIGN_LEFT, 0);
        y += uix_px(ui, 8);
        y += uix_text(ui, place, place_px, 1, ui->th.accent, x, y, w, UI_ALIGN_LEFT, 0);
        y += uix_px(ui, 16);
    }
    char t[6], starts[64];
    dt_format_hhmm(b->start, t);
    const char *args[] = {t};
    str_format(STR_CHECKIN_STARTS, s->lang_en, starts, sizeof starts, args, 1);
    y += uix_text(ui, starts, uix_font(ui, 48), 1, ui->th.text, x, y, w, UI_ALIGN_LEFT, 0);
    if (side) {
        int rx = x + w + gap, rw = w0 - w - gap, ry = y0;
        ry += uix_text(ui, tr(ui, s, STR_BOOKING_BRING), uix_font(ui, 46), 0, ui->th.text, rx, ry,
                       rw, UI_ALIGN_LEFT, 0) +
              uix_px(ui, 8);
        ry += uix_text(ui, bring, uix_font(ui, 44), 1, ui->th.text, rx, ry, rw, UI_ALIGN_LEFT, 0);
        if (ry > y)
            y = ry;
    } else if (bring[0]) {
        y += uix_px(ui, 16);
        y = uix_summary_row(ui, tr(ui, s, STR_BOOKING_BRING), bring, x, y, w) - uix_px(ui, 28);
    }
    return y - y0 + uix_px(ui, 36);
}

void uix_draw_checkin_result(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_CHECKIN_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    if (ui->landscape) { /* the whole width: where to go and what to bring side by side */
        x = uix_px(ui, UIX_MARGIN);
        w = ui->lw - 2 * x;
    }
    int y = uix_body_begin(ui, top, uix_action_bar_top(ui));
    const flow_booking_t *b = s->checkin_found ? &s->checkin : NULL;
    str_id_t msg = STR_STORE_ERROR;
    int good = 0, retype = 0;
    switch (s->checkin_result) {
    case RULES_OK:
        msg = STR_CHECKIN_OK, good = 1;
        break;
    case RULES_BAD_STATE:
        /* Already checked in is no alarm: calm, and where to go. */
        msg = !b                              ? STR_STORE_ERROR
              : b->status == RULES_CHECKED_IN ? STR_CHECKIN_ALREADY
              : b->status == RULES_NO_SHOW    ? STR_CHECKIN_NO_SHOW
                                              : STR_CHECKIN_CANCELLED;
        good = b && b->status == RULES_CHECKED_IN;
        break;
    case RULES_NOT_TODAY:
        msg = STR_CHECKIN_NOT_TODAY;
        break;
    case RULES_FORGED:
        msg = STR_CHECKIN_FORGED, retype = 1;
        break;
    case RULES_NOT_FOUND:
        msg = STR_CHECKIN_NOT_FOUND, retype = 1;
        break;
    default:
        retype = 1;
        break;
    }
    char text[256], day[64] = "";
    if (b)
        format_date(s, b->date, day, sizeof day);
    const char *args[] = {day};
    str_format(msg, s->lang_en, text, sizeof text, args, 1);
    y += headline(ui, text, good, x, y, w) + uix_px(ui, 36);
    if (good)
        y += uix_checkin_queue(ui, s, x, y, w); /* w (issue 19): 您的排队号 C002 */
    if (good && b)
        y += draw_go_to(ui, s, b, x, y, w);
    else
        y += para(ui, tr(ui, s, STR_REFUSE_DESK), 0, x, y, w);
    /* The booking: a card in portrait, one line where height is short
     * (landscape), and, when even the line would push the page past the
     * fold (elder mode, with what to bring above), left out once checked
     * in: where to go and what to bring come first. */
    int room = uix_action_bar_top(ui) - uix_px(ui, 36) - y;
    char when[96], code[KIOSK_TICKET_SHOWN_SIZE], persons[32], line[400];
    if (b) {
        booking_when(s, b, when, sizeof when);
        ticket_code_format(b->ticket, code);
        str_format_int(STR_PERSONS, s->lang_en, b->party, persons, sizeof persons);
        snprintf(line, sizeof line, "%s%s%s  ·  %s %s  ·  %s %s", booking_name(s, b),
                 good ? "" : "  ·  ", good ? "" : when, tr(ui, s, STR_PARTY), persons,
                 tr(ui, s, STR_TICKET_CODE), code);
    }
    int pad = uix_px(ui, 40);
    const char *vals[] = {b ? booking_name(s, b) : "", good ? "" : when, b ? persons : "",
                          b ? code : ""};
    const str_id_t labels[] = {STR_SERVICE, STR_TIME, STR_PARTY, STR_TICKET_CODE};
    int card_h = 2 * pad - uix_px(ui, 28);
    int lw = uix_px(ui, 220) * (int)(ui->th.font * 100) / 100;
    for (int i = 0; b && i < 4; i++)
        if (vals[i][0])
            card_h += uix_text_height(ui, vals[i], uix_font(ui, 44), 1, w - 2 * pad - lw, 0) +
                      uix_px(ui, 28);
    int line_h = b ? uix_text_height(ui, line, uix_font(ui, 40), 0, w, 0) : 0;
    if (b && !ui->landscape && (card_h <= room || !good)) {
        int top_y = y;
        y += pad;
        for (int i = 0; i < 4; i++)
            if (vals[i][0]) /* checked in: today, at the time said above */
                y = uix_summary_row(ui, tr(ui, s, labels[i]), vals[i], x + pad, y, w - 2 * pad);
        SDL_Rect card = uix_rect(x, top_y, w, y - top_y + pad - uix_px(ui, 28));
        SDL_SetRenderDrawColor(ui->r, ui->th.border.r, ui->th.border.g, ui->th.border.b, 255);
        SDL_RenderDrawRect(ui->r, &card);
        y = card.y + card.h;
    } else if (b && (line_h <= room || !good)) {
        y += uix_text(ui, line, uix_font(ui, 40), 0, ui->th.muted, x, y, w, UI_ALIGN_LEFT, 0);
    }
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    char done[64];
    done_label(s, done, sizeof done);
    if (retype)
        uix_button(ui, "checkin", tr(ui, s, STR_CHECKIN_TYPE_CODE), uix_action_rect(ui, 0, 2),
                   UIX_SECONDARY, 1, uix_font(ui, 46), 0);
    uix_button(ui, "done", done, uix_action_rect(ui, retype, retype + 1), UIX_PRIMARY, 1,
               uix_font(ui, 48), 0);
}

/* Why the item just tapped cannot be chosen (issue 15 item 13): a card by
 * the finger, above it where there is room, until the next touch. */
void uix_draw_hint(ui_t *ui, const flow_state_t *s)
{
    int most;
    str_id_t words = flow_hint_words(s, &most);
    if (words == STR_COUNT)
        return;
    char msg[256];
    str_format_int(words, s->lang_en, most, msg, sizeof msg);
    int x, w;
    uix_column(ui, &x, &w);
    int pad = uix_px(ui, 32), px = uix_font(ui, 46);
    int h = uix_text_height(ui, msg, px, 1, w - 2 * pad, 0) + 2 * pad;
    int gap = uix_px(ui, 40);
    int y = ui->press_y - gap - h;
    if (y < uix_px(ui, 200))
        y = ui->press_y + gap;
    if (y + h > ui->lh - uix_px(ui, 20))
        y = ui->lh - uix_px(ui, 20) - h;
    SDL_Rect r = uix_rect(x, y, w, h);
    uix_frame(ui, r, ui->th.card, ui->th.accent, uix_px(ui, 5), uix_px(ui, 24));
    uix_text(ui, msg, px, 1, ui->th.text, x + pad, y + pad, w - 2 * pad, UI_ALIGN_LEFT, 0);
}

void uix_draw_idle(ui_t *ui, const flow_state_t *s)
{
    /* Modal: the screen below stays visible but cannot be tapped. */
    ui->n_widgets = 0;
    uix_fill(ui, uix_rect(0, 0, ui->lw, ui->lh), ui->th.shade, 0);
    int w = ui->lw - 2 * uix_px(ui, UIX_SPACE_XL);
    if (ui->landscape)
        w = uix_px(ui, 1100);
    int pad = uix_px(ui, UIX_MARGIN);
    char msg[160];
    str_format_int(STR_IDLE_COUNTDOWN, s->lang_en, s->countdown_s, msg, sizeof msg);
    int h1 = uix_text_height(ui, tr(ui, s, STR_IDLE_TITLE), uix_font(ui, 64), 1, w - 2 * pad, 0);
    int h2 = uix_text_height(ui, msg, uix_font(ui, 44), 0, w - 2 * pad, 0);
    int bh = uix_target(ui, 140);
    int h = pad + h1 + uix_px(ui, UIX_GAP) + h2 + uix_px(ui, UIX_MARGIN) + bh + pad;
    SDL_Rect card = uix_rect((ui->lw - w) / 2, (ui->lh - h) / 2, w, h);
    uix_fill(ui, card, ui->th.card, uix_px(ui, UIX_CARD_RADIUS));
    int y = card.y + pad;
    y += uix_text(ui, tr(ui, s, STR_IDLE_TITLE), uix_font(ui, 64), 1, ui->th.text, card.x + pad, y,
                  w - 2 * pad, UI_ALIGN_CENTER, 0);
    y += uix_px(ui, UIX_GAP);
    y += uix_text(ui, msg, uix_font(ui, 44), 0, ui->th.text, card.x + pad, y, w - 2 * pad,
                  UI_ALIGN_CENTER, 0);
    y += uix_px(ui, UIX_MARGIN);
    uix_button(ui, "more-time", tr(ui, s, STR_MORE_TIME),
               uix_rect(card.x + pad, y, w - 2 * pad, bh), UIX_PRIMARY, 1, uix_font(ui, 52), 0);
}

void uix_draw_call(ui_t *ui, const flow_state_t *s)
{
    /* Modal like the idle warning: calm words, no countdown, one way back. */
    ui->n_widgets = 0;
    uix_fill(ui, uix_rect(0, 0, ui->lw, ui->lh), ui->th.shade, 0);
    int w = ui->lw - 2 * uix_px(ui, UIX_SPACE_XL);
    if (ui->landscape)
        w = uix_px(ui, 1100);
    int pad = uix_px(ui, UIX_MARGIN), iw = w - 2 * pad;
    const char *title = tr(ui, s, s->call == FLOW_CALL_FAILED ? STR_CALL_STAFF : STR_CALL_TITLE);
    const char *body = tr(ui, s, s->call == FLOW_CALL_FAILED ? STR_CALL_FAILED : STR_CALL_BODY);
    int tpx = uix_font(ui, 64), bpx = uix_font(ui, 44);
    int h1 = uix_text_height(ui, title, tpx, 1, iw, 0);
    int h2 = uix_text_height(ui, body, bpx, 0, iw, 0);
    int bh = uix_target(ui, 140);
    int h = pad + h1 + uix_px(ui, UIX_GAP) + h2 + uix_px(ui, UIX_MARGIN) + bh + pad;
    SDL_Rect card = uix_rect((ui->lw - w) / 2, (ui->lh - h) / 2, w, h);
    uix_fill(ui, card, ui->th.card, uix_px(ui, UIX_CARD_RADIUS));
    int y = card.y + pad;
    y += uix_text(ui, title, tpx, 1, ui->th.text, card.x + pad, y, iw, UI_ALIGN_CENTER, 0);
    y += uix_px(ui, UIX_GAP);
    y += uix_text(ui, body, bpx, 0, ui->th.text, card.x + pad, y, iw, UI_ALIGN_CENTER, 0);
    y += uix_px(ui, UIX_MARGIN);
    uix_button(ui, "call-close", tr(ui, s, STR_CALL_CLOSE), uix_rect(card.x + pad, y, iw, bh),
               UIX_PRIMARY, 1, uix_font(ui, 52), 0);
}
