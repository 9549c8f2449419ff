/* The resident screens that book: the phone keypad (and the lookup's),
 * the confirmation, the ticket and its printed text, and the refusals.
 * Sizes as in screens_browse.c. */
#include "../core/refusal_words.h"
#include "screens_int.h"

/* i16house (issue 16): under the phone screen's hint, 为家人预约 (or whom
 * it is for, once chosen: 为：奶奶) and 没有手机, side by side; returns
 * their height. Booking for oneself with a number stays as it was. */
static int phone_for_buttons(ui_t *ui, const flow_state_t *s, int x, int y, int w)
{
    int elder = ui->th.font > 1.0f, gap = uix_px(ui, 24);
    int h = uix_px(ui, elder ? 150 : 120), bw = (w - gap) / 2;
    char who[96];
    const char *arg[1] = {flow_for_shown(s)};
    if (s->for_label[0])
        str_format(STR_FOR_SHOWN, s->lang_en, who, sizeof who, arg, 1);
    else
        snprintf(who, sizeof who, "%s", tr(ui, s, STR_FOR_BUTTON));
    const char *nop = tr(ui, s, STR_NO_PHONE);
    int px = uix_button_label_px(ui, who, bw, h, uix_font(ui, 44));
    int px2 = uix_button_label_px(ui, nop, bw, h, uix_font(ui, 44));
    px = px2 < px ? px2 : px;
    uix_button_px(ui, "for", who, uix_rect(x, y, bw, h), UIX_SECONDARY, 1, px, 0);
    uix_button_px(ui, "no-phone", nop, uix_rect(x + bw + gap, y, bw, h), UIX_SECONDARY, 1, px, 0);
    return h;
}

/* The phone and lookup keypads. The number sits directly above the keypad
 * in both orientations (it was 650 px away); the hint, and what is wrong
 * with the number as soon as it is wrong, go above it in portrait and
 * beside it in landscape. Elder mode grows the keys and the digits. */
static void draw_keypad_screen(ui_t *ui, const flow_state_t *s, str_id_t title, str_id_t hint)
{
    int top = uix_header(ui, s, tr(ui, s, title));
    int elder = ui->th.font > 1.0f;
    int m = uix_px(ui, UIX_MARGIN), gap = uix_px(ui, 24);
    int box_h = uix_px(ui, elder ? 190 : 160);
    int key_h = uix_px(ui, elder ? 200 : 170), key_gap = uix_px(ui, 20);
    SDL_Rect info, pad;
    if (ui->landscape) {
        /* Elder mode gives the keypad more of the width. */
        int pw = (ui->lw - 3 * m) * (elder ? 58 : 50) / 100;
        info = uix_rect(m, top + m, ui->lw - 3 * m - pw, ui->lh - top - 2 * m);
        pad = uix_rect(2 * m + info.w, top + m + box_h + gap, pw,
                       ui->lh - top - 2 * m - box_h - gap);
    } else {
        int ph = 4 * key_h + 3 * key_gap;
        pad = uix_rect(m, ui->lh - m - ph, ui->lw - 2 * m, ph);
        info = uix_rect(m, top + m, ui->lw - 2 * m, pad.y - 2 * gap - box_h - top - m);
    }
    SDL_Rect boxes = uix_rect(pad.x, pad.y - gap - box_h, pad.w, box_h);
    int y = info.y;
    y += uix_text(ui, tr(ui, s, hint), uix_font(ui, 40), 0, ui->th.muted, info.x, y, info.w,
                  UI_ALIGN_LEFT, 2);
    if (s->screen == FLOW_PHONE)
        y += phone_for_buttons(ui, s, info.x, y + gap, info.w) + gap;
    rules_prefix_t bad = rules_phone_prefix(s->digits);
    int msg = bad == RULES_PREFIX_FIRST             ? STR_PHONE_FIRST_DIGIT
              : bad == RULES_PREFIX_SECOND          ? STR_PHONE_SECOND_DIGIT
              : s->notice == FLOW_NOTICE_PHONE_BAD  ? STR_PHONE_BAD
              : s->notice == FLOW_NOTICE_STORE_ERROR ? STR_STORE_ERROR
              : s->notice == FLOW_NOTICE_LOOKUP_PAUSED ? STR_LOOKUP_PAUSED
                                                     : -1;
    if (msg >= 0) {
        const char *text = tr(ui, s, (str_id_t)msg);
        /* In portrait the notice sits right on the number it is about. */
        int ny = ui->landscape ? y + gap
                               : info.y + info.h - uix_notice_height(ui, text, 0, info.w);
        uix_notice(ui, text, 0, info.x, ny > y ? ny : y, info.w);
    }
    uix_phone_boxes(ui, s->digits, s->n_digits, boxes, bad != RULES_PREFIX_OK);
    uix_phone_keypad(ui, pad, s->n_digits, s->n_digits == KIOSK_PHONE_LEN, tr(ui, s, STR_DELETE),
                     tr(ui, s, STR_CLEAR), tr(ui, s, STR_NEXT));
}

void uix_draw_phone(ui_t *ui, const flow_state_t *s)
{
    draw_keypad_screen(ui, s, STR_PHONE_TITLE, STR_PHONE_HINT);
}

void uix_draw_lookup(ui_t *ui, const flow_state_t *s)
{
    draw_keypad_screen(ui, s, STR_LOOKUP_TITLE, STR_LOOKUP_HINT);
}

static const char *session_place(const flow_state_t *s)
{
    const catalog_service_t *sv = service(s);
    return sv ? cs(s, &sv->location) : "";
}

static void session_when(const flow_state_t *s, char *out, size_t n)
{
    if (s->enrolling && s->term >= 0) { /* t (issue 20): the term, not one session */
        uix_term_when(s, out, n);
        return;
    }
    char day[64], span[32];
    const flow_session_t *se = &s->sessions[s->session];
    format_date(s, se->date, day, sizeof day);
    uix_format_span(se->start, se->end, span, sizeof span);
    snprintf(out, n, "%s %s", day, span);
}

/* The height uix_summary_row takes for each of vals in width w, each
 * followed by gap (uix_summary_row's own is 28 px on the reference panel). */
static int rows_height(ui_t *ui, const char *const vals[], int n, int w, int gap)
{
    int lw = uix_px(ui, 220) * (int)(ui->th.font * 100) / 100;
    int h = 0;
    for (int i = 0; i < n; i++)
        h += uix_text_height(ui, vals[i], uix_font(ui, 44), 1, w - lw, 0) + gap;
    return h;
}

void uix_draw_confirm(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, s->waitlist ? STR_WAIT_CONFIRM_TITLE : STR_CONFIRM_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, uix_action_bar_top(ui));
    if (s->notice == FLOW_NOTICE_STORE_ERROR)
        y += uix_notice(ui, tr(ui, s, STR_STORE_ERROR), 0, x, y, w) + uix_px(ui, 24);
    int pad = uix_px(ui, 40);
    char when[128], masked[KIOSK_PHONE_SIZE];
    session_when(s, when, sizeof when);
    rules_mask_phone(s->digits, masked);
    int cy = y + pad;
    int card_top = y;
    /* Measure first so the card is drawn under its rows. */
    int iw = w - 2 * pad;
    /* i16house: whom it is for (a row only when not the booker), and no
     * number for a resident without a phone. */
    const char *phone = s->no_phone ? tr(ui, s, STR_NO_PHONE) : masked;
    const char *vals[] = {cs(s, &service(s)->name), when, session_place(s), phone,
                          flow_for_shown(s)};
    int nrows = s->for_label[0] ? 5 : 4;
    int rows_h = rows_height(ui, vals, nrows, iw, uix_px(ui, 28));
    int party_h = uix_px(ui, 130);
    uix_frame(ui, uix_rect(x, card_top, w, rows_h + party_h + 2 * pad + uix_px(ui, 8)), ui->th.card,
              ui->th.border, uix_px(ui, 2), uix_px(ui, 24));
    cy = uix_summary_row(ui, tr(ui, s, STR_SERVICE), vals[0], x + pad, cy, iw);
    cy = uix_summary_row(ui, tr(ui, s, STR_TIME), when, x + pad, cy, iw);
    cy = uix_summary_row(ui, tr(ui, s, STR_LOCATION), vals[2], x + pad, cy, iw);
    cy = uix_summary_row(ui, tr(ui, s, STR_PHONE), phone, x + pad, cy, iw);
    if (nrows == 5)
        cy = uix_summary_row(ui, tr(ui, s, STR_FOR_ROW), vals[4], x + pad, cy, iw);
    /* Party size: − n + */
    uix_text(ui, tr(ui, s, STR_PARTY), uix_font(ui, 40), 0, ui->th.muted, x + pad,
             cy + (party_h - uix_text_height(ui, "人", uix_font(ui, 40), 0, 0, 1)) / 2, 0,
             UI_ALIGN_LEFT, 1);
    int bx = x + pad + uix_px(ui, 220) * (int)(ui->th.font * 100) / 100;
    int bs = party_h;
    int max = s->enrolling ? 1 : s->rules.max_party; /* t: one child, one place */
    if (s->session >= 0 && !s->waitlist && s->sessions[s->session].remaining < max)
        max = s->sessions[s->session].remaining;
    uix_button(ui, "party-dec", "−", uix_rect(bx, cy, bs, bs), UIX_SECONDARY, s->party > 1,
               uix_font(ui, 64), 1);
    char n[32];
    str_format_int(STR_PERSONS, s->lang_en, s->party, n, sizeof n);
    int nw = uix_px(ui, 180);
    int nh = uix_text_height(ui, n, uix_font(ui, 56), 1, nw, 1);
    uix_text(ui, n, uix_font(ui, 56), 1, ui->th.text, bx + bs, cy + (bs - nh) / 2, nw,
             UI_ALIGN_CENTER, 1);
    uix_button(ui, "party-inc", "+", uix_rect(bx + bs + nw, cy, bs, bs), UIX_SECONDARY,
               s->party < max, uix_font(ui, 64), 1);
    y = card_top + rows_h + party_h + 2 * pad + uix_px(ui, 8);
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    uix_button(ui, "confirm", tr(ui, s, s->waitlist ? STR_WAIT_CONFIRM : STR_CONFIRM),
               uix_action_rect(ui, 0, 1), UIX_PRIMARY,
               !s->busy, uix_font(ui, 52), 0);
}

/* ---- the ticket ---------------------------------------------------------------
 * The ticket screen never scrolls, in either language, in elder mode or
 * not, at any panel size (issue 15 item 2: in landscape elder mode the QR
 * sat mostly under the action bar, in portrait elder mode the party row was
 * cut, every landscape ticket scrolled). The print notice goes first,
 * across the width; the card below holds the QR with the code, and the
 * details: in portrait the code beside the QR, the hint and the details
 * under both,
 * in landscape the QR over the code on the left and the details on the
 * right. Everything is measured first; what gives way when the card would
 * reach the action bar (ticket_fit), in this order: the QR's module down
 * to 8 px, the space between the detail rows, the hint (the printed slip
 * keeps it), the code's label, the module down to QR_MIN_MODULE. The
 * module is whole pixels (the QR is drawn without smoothing), so modules
 * stay crisp. */
#define QR_MIN_MODULE 6

typedef struct ticket_box {
    int landscape;
    int pad, gap;          /* inside the card; between its parts */
    int n_modules, module; /* the QR: modules a side with its quiet zone, px each */
    int code_w;            /* the column of the code */
    int rows_w;            /* the column of the details */
    int label_h, code_h, hint_h;
    int bring_h; /* what to bring, with its label: never gives way (i16checkin) */
    int rows_h[2]; /* the details with roomy or tight rows */
    int row_gap[2];
    /* What this attempt shows. */
    int with_hint, tight, with_label, with_bring;
} ticket_box_t;

/* The card's height as the box stands. */
static int ticket_card_h(const ticket_box_t *b)
{
    int q = b->n_modules * b->module;
    int code = (b->with_label ? b->label_h : 0) + b->code_h;
    int hint = b->with_hint ? b->hint_h : 0;
    int rows = b->rows_h[b->tight] + (b->with_bring ? b->bring_h + b->row_gap[b->tight] : 0);
    if (b->landscape) {
        int left = q + b->gap + code, right = rows + hint;
        return 2 * b->pad + (left > right ? left : right);
    }
    return 2 * b->pad + (q > code ? q : code) + hint + b->gap + rows;
}

/* The best arrangement whose card is at most room tall, by what matters
 * most: a module of at least good px, what to bring (i16checkin: where it
 * cannot fit, in elder mode on the shorter panels, the slip and the voice
 * still carry it), the code's label, the hint, roomy rows, a larger
 * module. When nothing fits: the least of everything. */
static void ticket_set(ticket_box_t *b, int nominal, int i, int has_bring)
{
    b->module = nominal - i / 16;
    b->with_bring = has_bring && !(i & 8);
    b->with_label = !(i & 4);
    b->with_hint = !(i & 2);
    b->tight = i & 1;
}

static void ticket_fit(ticket_box_t *b, int nominal, int good, int least, int room)
{
    int best = -1, best_key = -1, has_bring = b->bring_h > 0;
    for (int i = 0; i < 16 * (nominal - least + 1); i++) {
        ticket_set(b, nominal, i, has_bring);
        if (ticket_card_h(b) > room)
            continue;
        int key = (b->module >= good) << 13 | b->with_bring << 12 | b->with_label << 11 |
                  b->with_hint << 10 | !b->tight << 9 | b->module;
        if (key > best_key) {
            best_key = key;
            best = i;
        }
    }
    if (best < 0)
        best = 16 * (nominal - least + 1) - 1;
    ticket_set(b, nominal, best, has_bring);
}

void uix_draw_ticket(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, s->screen == FLOW_ENROLLED ? STR_ENROLLED_TITLE
                                                                      : STR_TICKET_TITLE));
    int bottom = uix_action_bar_top(ui);
    int x, w;
    uix_column(ui, &x, &w);
    if (ui->landscape) { /* two columns: the whole width */
        x = uix_px(ui, UIX_MARGIN);
        w = ui->lw - 2 * x;
    }
    int y = uix_body_begin(ui, top, bottom);
    /* A 打印凭条 tap always answers (issue 15 item 13): printing, printed,
     * or, when the printer fails again or there is none, what to do
     * instead, in words other than the first time's. */
    int again = s->print_tries > 1;
    str_id_t msg =
        s->print == FLOW_PRINT_OK        ? STR_PRINT_OK
        : s->print == FLOW_PRINT_SENDING ? STR_PRINT_SENDING
        : s->print == FLOW_PRINT_NONE    ? (again ? STR_PRINT_NO_PRINTER : STR_PRINT_FALLBACK)
        : s->print == FLOW_PRINT_FAILED  ? (again ? STR_PRINT_AGAIN_FAILED : STR_PRINT_FALLBACK)
                                         : STR_TICKET_SAVE;
    int fine = msg == STR_PRINT_OK || msg == STR_PRINT_SENDING || msg == STR_TICKET_SAVE;
    /* i16house: without a phone the code is the only key, said plainly in
     * the notice (one box: the card keeps its room): of the slip when it
     * prints, of the screen (take a photo) when it cannot. */
    char note[400];
    snprintf(note, sizeof note, "%s", tr(ui, s, msg));
    if (s->no_phone) {
        snprintf(note, sizeof note, "%s", tr(ui, s, fine ? STR_NOPHONE_TICKET : STR_NOPHONE_NOPRINT));
        fine = 0;
    }
    y += uix_notice(ui, note, fine, x, y, w) + uix_px(ui, 24);

    char code[KIOSK_TICKET_SHOWN_SIZE], when[128], persons[96];
    ticket_code_format(s->ticket, code);
    session_when(s, when, sizeof when);
    str_format_int(STR_PERSONS, s->lang_en, s->party, persons, sizeof persons);
    /* i16checkin: what to bring travels with the booking. */
    const char *bring = resident_bring(s, service(s));
    const char *vals[] = {resident_name(s, service(s)), when, session_place(s), persons,
                          flow_for_shown(s)};
    const str_id_t labels[] = {STR_SERVICE, STR_TIME, STR_LOCATION, STR_PARTY, STR_FOR_ROW};
    /* i16house: whom it is for, a row of its own in portrait; in landscape,
     * where height is short, beside the persons as on the slip. */
    int nrows = s->for_label[0] && !ui->landscape ? 5 : 4;
    if (s->for_label[0] && ui->landscape) {
        const char *arg[1] = {flow_for_shown(s)};
        size_t l = strlen(persons);
        snprintf(persons + l, sizeof persons - l, "  ");
        str_format(STR_FOR_SHOWN, s->lang_en, persons + l + 2, sizeof persons - l - 2, arg, 1);
    }
    const char *label = tr(ui, s, STR_TICKET_CODE), *hint = tr(ui, s, STR_TICKET_HINT);
    int hint_px = uix_font(ui, 40);
    ticket_box_t b = {.landscape = ui->landscape,
                      .pad = uix_px(ui, 32),
                      .gap = uix_px(ui, 20),
                      .n_modules = uix_qr_modules(ui, s->payload),
                      .row_gap = {uix_px(ui, 28), uix_px(ui, 12)}};
    int iw = w - 2 * b.pad;
    int nominal = uix_px(ui, 10), good = 8;
    if (nominal < good)
        nominal = good; /* as before issue 15: 8 px a module where it fits */
    /* The column of the code: in landscape narrow enough for the details
     * to keep a date and time on one line; in portrait what the QR leaves. */
    b.code_w = b.landscape ? iw * 28 / 100 : iw - b.n_modules * nominal - b.pad;
    b.rows_w = b.landscape ? iw - b.code_w - b.pad : iw;
    if (b.landscape && b.n_modules * nominal > b.code_w && b.n_modules)
        nominal = b.code_w / b.n_modules; /* the QR stays inside its column */
    if (nominal < QR_MIN_MODULE)
        nominal = QR_MIN_MODULE;
    for (int i = 0; i < 2; i++)
        b.rows_h[i] = rows_height(ui, vals, nrows, b.rows_w, b.row_gap[i]) - b.row_gap[i];
    int hint_w = b.landscape ? b.rows_w : iw;
    b.hint_h = b.gap + uix_text_height(ui, hint, hint_px, 0, hint_w, 0);
    /* What to bring (i16checkin): one more row of the details. */
    if (bring[0])
        b.bring_h = rows_height(ui, &bring, 1, b.rows_w, 0);
    int code_px =
        uix_fit_px(ui, code, uix_font(ui, b.landscape ? 80 : 96), 1, b.code_w * 92 / 100, 50);
    b.label_h = uix_text_height(ui, label, uix_font(ui, 40), 0, b.code_w, 1);
    b.code_h = uix_text_height(ui, code, code_px, 1, b.code_w, 1);
    ticket_fit(&b, nominal, good, QR_MIN_MODULE, bottom - uix_px(ui, 36) - y);

    int card_h = ticket_card_h(&b), q = b.n_modules * b.module;
    uix_frame(ui, uix_rect(x, y, w, card_h), ui->th.card, ui->th.accent, uix_px(ui, 3),
              uix_px(ui, 24));
    int ix = x + b.pad, iy = y + b.pad, ih = card_h - 2 * b.pad;
    int code_h = (b.with_label ? b.label_h : 0) + b.code_h;
    int cx, cy, rx, ry, hy = 0;
    SDL_Rect qr_rect;
    if (b.landscape) {
        cy = iy + (ih - (q + b.gap + code_h)) / 2;
        qr_rect = uix_rect(ix + (b.code_w - q) / 2, cy, q, q);
        cy += q + b.gap;
        cx = ix;
        rx = ix + b.code_w + b.pad;
        ry = iy + (ih - b.rows_h[b.tight] - (b.with_bring ? b.bring_h + b.row_gap[b.tight] : 0) -
                   (b.with_hint ? b.hint_h : 0)) /
                      2;
    } else {
        int band = q > code_h ? q : code_h;
        qr_rect = uix_rect(ix, iy + (band - q) / 2, q, q);
        cx = ix + q + b.pad;
        b.code_w = iw - q - b.pad; /* the room the QR left */
        cy = iy + (band - code_h) / 2;
        rx = ix;
        ry = iy + band + (b.with_hint ? b.hint_h : 0) + b.gap;
        hy = iy + band + b.gap;
    }
    /* The QR as a display-only widget "qr" labelled "modules x px a
     * module" (the quiet zone included), for tests to see where and how
     * large it is drawn: its whole rectangle, not clipped to the body, so
     * that a QR reaching under the action bar shows as such. */
    uix_qr(ui, s->payload, qr_rect.x, qr_rect.y, b.module);
    char qr_label[32];
    snprintf(qr_label, sizeof qr_label, "%dx%dpx", b.n_modules, b.module);
    uix_display_widget(ui, "qr", qr_label, qr_rect);
    if (b.with_label)
        cy += uix_text(ui, label, uix_font(ui, 40), 0, ui->th.muted, cx, cy, b.code_w,
                       UI_ALIGN_CENTER, 1);
    cy += uix_text(ui, code, code_px, 1, ui->th.accent, cx, cy, b.code_w, UI_ALIGN_CENTER, 1);
    for (int i = 0; i < nrows; i++)
        ry = uix_summary_row(ui, tr(ui, s, labels[i]), vals[i], rx, ry, b.rows_w) - uix_px(ui, 28) +
             b.row_gap[b.tight];
    if (b.with_bring)
        ry = uix_summary_row(ui, tr(ui, s, STR_BOOKING_BRING), bring, rx, ry, b.rows_w) -
             uix_px(ui, 28) + b.row_gap[b.tight];
    if (b.with_hint) {
        if (b.landscape)
            uix_text(ui, hint, hint_px, 0, ui->th.muted, rx, ry - b.row_gap[b.tight] + b.gap,
                     b.rows_w, UI_ALIGN_LEFT, 0);
        else
            uix_text(ui, hint, hint_px, 0, ui->th.muted, ix, hy, iw, UI_ALIGN_LEFT, 0);
    }
    uix_body_end(ui, y + card_h);
    uix_action_bar_bg(ui);
    uix_button(ui, "print", tr(ui, s, STR_PRINT), uix_action_rect(ui, 0, 2), UIX_SECONDARY, 1,
               uix_font(ui, 48), 0);
    char done[64];
    done_label(s, done, sizeof done);
    uix_button(ui, "done", done, uix_action_rect(ui, 1, 2), UIX_PRIMARY, 1, uix_font(ui, 48), 0);
}

/* A limit of one visit or of this kiosk: no fault of the resident's, so
 * the screen says what happened, that nothing booked is lost, and who
 * helps; the one way on is home. */
static void draw_limit(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_LIMIT_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, uix_action_bar_top(ui));
    y += headline(ui, tr(ui, s, s->refusal == RULES_BURST ? STR_LIMIT_BURST : STR_LIMIT_VISIT), 0,
                  x, y, w) +
         uix_px(ui, 36);
    y += para(ui, tr(ui, s, STR_LIMIT_KEPT), 1, x, y, w);
    y += para(ui, tr(ui, s, STR_LIMIT_ASK_STAFF), 0, x, y, w);
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    uix_button(ui, "done", tr(ui, s, STR_LIMIT_OK), uix_action_rect(ui, 0, 1), UIX_PRIMARY, 1,
               uix_font(ui, 46), 0);
}

/* A session's day without the year (they are all within the horizon). */
static void short_date(const flow_state_t *s, dt_date_t d, char *out, size_t n)
{
    char full[64];
    format_date(s, d, full, sizeof full);
    const char *p = s->lang_en ? NULL : strstr(full, "年");
    if (p) {
        snprintf(out, n, "%s", p + strlen("年"));
    } else {
        char *sp = strrchr(full, ' '); /* "Thu 3 Dec 2026" */
        if (s->lang_en && sp)
            *sp = '\0';
        snprintf(out, n, "%s", full);
    }
}

/* The sessions offered instead of a refused one: a large card each that
 * goes straight on to the confirmation, the number kept. In portrait they
 * stand one under the other; in landscape side by side, so that all are in
 * view. Returns the height used. */
static int draw_alternatives(ui_t *ui, const flow_state_t *s, int x, int y, int w, int *shown)
{
    int y0 = y;
    *shown = 0;
    if (!s->sessions_loaded)
        return uix_text(ui, tr(ui, s, STR_LOADING), uix_font(ui, 44), 0, ui->th.muted, x, y, w,
                        UI_ALIGN_LEFT, 1);
    int alt[FLOW_ALTERNATIVES];
    int n = *shown = flow_alternatives(s, alt, FLOW_ALTERNATIVES);
    if (n == 0)
        return para(ui, tr(ui, s, STR_REFUSE_NO_OTHERS), 1, x, y, w);
    y += para(ui, tr(ui, s, STR_REFUSE_OTHERS), 0, x, y, w);
    int side = ui->landscape, gap = uix_px(ui, 24);
    int cw = side ? (w - (FLOW_ALTERNATIVES - 1) * gap) / FLOW_ALTERNATIVES : w;
    int pad = uix_px(ui, side ? 28 : 36), px = uix_font(ui, 46), spx = uix_font(ui, 42);
    int row_h = 0;
    for (int i = 0; i < n; i++) {
        const flow_session_t *se = &s->sessions[alt[i]];
        char id[80], day[64], span[32], when[100], seats[48], label[160];
        snprintf(id, sizeof id, "session:%s", se->id);
        short_date(s, se->date, day, sizeof day);
        uix_format_span(se->start, se->end, span, sizeof span);
        snprintf(when, sizeof when, side ? "%s\n%s" : "%s  %s", day, span);
        str_format_int(STR_SEATS_LEFT, s->lang_en, se->remaining, seats, sizeof seats);
        snprintf(label, sizeof label, "%s %s %s", day, span, seats);
        int sw = uix_text_width(ui, seats, spx, 1);
        int sh = uix_text_height(ui, seats, spx, 1, 0, 1);
        int tw = side ? cw - 2 * pad : cw - 3 * pad - sw;
        int th = uix_text_height(ui, when, px, 1, tw, 3);
        int h = side ? th + uix_px(ui, 12) + sh + 2 * pad : th + 2 * pad;
        if (h < uix_px(ui, 150))
            h = uix_px(ui, 150);
        int cx = side ? x + i * (cw + gap) : x;
        SDL_Rect r = uix_rect(cx, y, cw, h);
        uix_look_t look = uix_card_look(ui, uix_is_pressed(ui, id));
        uix_frame(ui, r, look.fill, look.accent, uix_px(ui, 3), uix_px(ui, 20));
        if (side) {
            int ty = y + (h - th - uix_px(ui, 12) - sh) / 2;
            uix_text(ui, when, px, 1, look.text, cx + pad, ty, tw, UI_ALIGN_LEFT, 3);
            uix_text(ui, seats, spx, 1, look.accent, cx + pad, ty + th + uix_px(ui, 12), 0,
                     UI_ALIGN_LEFT, 1);
            if (h > row_h)
                row_h = h;
        } else {
            uix_text(ui, when, px, 1, look.text, cx + pad, y + (h - th) / 2, tw, UI_ALIGN_LEFT, 2);
            uix_text(ui, seats, spx, 1, look.accent, cx + cw - pad - sw, y + (h - sh) / 2, 0,
                     UI_ALIGN_LEFT, 1);
            y += h + uix_px(ui, 20);
        }
        uix_widget(ui, id, label, r, 1, 1);
    }
    if (side)
        y += row_h + uix_px(ui, 20);
    return y - y0 + uix_px(ui, 8);
}

/* Every refusal says what happened in the resident's words, large, and
 * offers the step that works (issue 15 item 5): other sessions with seats
 * when this one is full or closed; my bookings when the number holds it
 * or holds the most it may; typing the number or choosing the persons
 * again; and always the way to the staff. Never the log's words. */
void uix_draw_refused(ui_t *ui, const flow_state_t *s)
{
    if (s->refusal == RULES_VISIT_LIMIT || s->refusal == RULES_BURST) {
        draw_limit(ui, s);
        return;
    }
    int top = uix_header(ui, s, tr(ui, s, STR_REFUSED_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, uix_action_bar_top(ui));
    /* The words the voice says too (core/refusal_words.c); a reason
     * without words of its own says the title and offers another time. */
    const flow_refusal_words_t *rw = flow_refusal_words(s->refusal);
    int others = rw && rw->others;
    str_id_t what = rw ? rw->what : STR_REFUSED_TITLE, next = rw ? rw->next : STR_COUNT;
    const char *way = rw ? rw->way : "slots";
    str_id_t way_label = rw ? rw->way_label : STR_OTHER_TIME;
    char msg[256];
    str_format_int(what, s->lang_en, flow_refusal_most(s->refusal, &s->rules), msg, sizeof msg);
    y += headline(ui, msg, 0, x, y, w) + uix_px(ui, 36);
    if (next != STR_COUNT)
        y += para(ui, tr(ui, s, next), 0, x, y, w);
    int shown = 0;
    if (others)
        y += draw_alternatives(ui, s, x, y, w, &shown);
    /* The way to the staff; in landscape, where height is short, only when
     * no other session is offered. */
    if (!ui->landscape || !shown)
        y += uix_text(ui, tr(ui, s, STR_REFUSE_DESK), uix_font(ui, 44), 0, ui->th.muted, x, y, w,
                      UI_ALIGN_LEFT, 0);
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    /* With other sessions offered above, choosing a time is secondary. */
    uix_button(ui, way, tr(ui, s, way_label), uix_action_rect(ui, 0, 2),
               others ? UIX_SECONDARY : UIX_PRIMARY, 1, uix_font(ui, 46), 0);
    uix_button(ui, "done", tr(ui, s, STR_BACK_HOME), uix_action_rect(ui, 1, 2), UIX_SECONDARY, 1,
               uix_font(ui, 46), 0);
}

void ui_ticket_describe(const flow_state_t *s, ui_ticket_text_t *b)
{
    if (s->screen == FLOW_QUEUE_TICKET) { /* w (issue 19): the queue number's slip */
        uix_queue_slip(s, b);
        return;
    }
    memset(b, 0, sizeof *b);
    snprintf(b->station, sizeof b->station, "%s", cs(s, &s->cat->station_name));
    snprintf(b->title, sizeof b->title, "%s", str_get(STR_PRINT_TITLE, s->lang_en));
    if (s->service >= 0)
        snprintf(b->service, sizeof b->service, "%s", resident_name(s, service(s)));
    if ((s->session >= 0 && s->session < s->n_sessions) || (s->enrolling && s->term >= 0))
        session_when(s, b->when, sizeof b->when);
    snprintf(b->place, sizeof b->place, "%s", session_place(s));
    str_format_int(STR_PERSONS, s->lang_en, s->party, b->party, sizeof b->party);
    if (s->for_label[0]) { /* i16house: "1人  为：奶奶" */
        char who[64];
        const char *arg[1] = {flow_for_shown(s)};
        str_format(STR_FOR_SHOWN, s->lang_en, who, sizeof who, arg, 1);
        size_t l = strlen(b->party);
        snprintf(b->party + l, sizeof b->party - l, "  %s", who);
    }
    ticket_code_format(s->ticket, b->code);
    snprintf(b->payload, sizeof b->payload, "%s", s->payload);
    /* i16house: without a phone the slip says first that its code is the only key. */
    snprintf(b->hint, sizeof b->hint, "%s%s%s",
             s->no_phone ? str_get(STR_NOPHONE_TICKET, s->lang_en) : "", s->no_phone ? " " : "",
             str_get(STR_TICKET_HINT, s->lang_en));
    if (s->service >= 0)
        snprintf(b->bring, sizeof b->bring, "%s", resident_bring(s, service(s)));
    b->t =
        (ui_ticket_t){.station = b->station,
                      .title = b->title,
                      .service = b->service,
                      .when = b->when,
                      .place = b->place,
                      .party = b->party,
                      .code = b->code,
                      .payload = b->payload,
                      .hint = b->hint,
                      .labels = {str_get(STR_SERVICE, s->lang_en), str_get(STR_TIME, s->lang_en),
                                 str_get(STR_LOCATION, s->lang_en), str_get(STR_PARTY, s->lang_en),
                                 str_get(STR_TICKET_CODE, s->lang_en)},
                      .bring = b->bring,
                      .bring_label = str_get(STR_BOOKING_BRING, s->lang_en)};
}
