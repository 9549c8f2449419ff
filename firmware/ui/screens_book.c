/* The resident screens that book: the phone keypad (and the lookup's),
 * the confirmation, the ticket and its printed text, and the refusals.
 * Sizes as in screens_browse.c. */
#include "screens_int.h"

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
    rules_prefix_t bad = rules_phone_prefix(s->digits);
    int msg = bad == RULES_PREFIX_FIRST             ? STR_PHONE_FIRST_DIGIT
              : bad == RULES_PREFIX_SECOND          ? STR_PHONE_SECOND_DIGIT
              : s->notice == FLOW_NOTICE_PHONE_BAD  ? STR_PHONE_BAD
              : s->notice == FLOW_NOTICE_STORE_ERROR ? STR_STORE_ERROR
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
    char day[64], span[32];
    const flow_session_t *se = &s->sessions[s->session];
    format_date(s, se->date, day, sizeof day);
    uix_format_span(se->start, se->end, span, sizeof span);
    snprintf(out, n, "%s %s", day, span);
}

void uix_draw_confirm(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_CONFIRM_TITLE));
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
    int rows_h = 0;
    {
        int lw = uix_px(ui, 220) * (int)(ui->th.font * 100) / 100;
        const char *vals[] = {cs(s, &service(s)->name), when, session_place(s), masked};
        for (int i = 0; i < 4; i++)
            rows_h +=
                uix_text_height(ui, vals[i], uix_font(ui, 44), 1, iw - lw, 0) + uix_px(ui, 28);
    }
    int party_h = uix_px(ui, 130);
    uix_frame(ui, uix_rect(x, card_top, w, rows_h + party_h + 2 * pad + uix_px(ui, 8)), ui->th.card,
              ui->th.border, uix_px(ui, 2), uix_px(ui, 24));
    cy = uix_summary_row(ui, tr(ui, s, STR_SERVICE), cs(s, &service(s)->name), x + pad, cy, iw);
    cy = uix_summary_row(ui, tr(ui, s, STR_TIME), when, x + pad, cy, iw);
    cy = uix_summary_row(ui, tr(ui, s, STR_LOCATION), session_place(s), x + pad, cy, iw);
    cy = uix_summary_row(ui, tr(ui, s, STR_PHONE), masked, x + pad, cy, iw);
    /* Party size: − n + */
    uix_text(ui, tr(ui, s, STR_PARTY), uix_font(ui, 40), 0, ui->th.muted, x + pad,
             cy + (party_h - uix_text_height(ui, "人", uix_font(ui, 40), 0, 0, 1)) / 2, 0,
             UI_ALIGN_LEFT, 1);
    int bx = x + pad + uix_px(ui, 220) * (int)(ui->th.font * 100) / 100;
    int bs = party_h;
    int max = s->rules.max_party;
    if (s->session >= 0 && s->sessions[s->session].remaining < max)
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
    uix_button(ui, "confirm", tr(ui, s, STR_CONFIRM), uix_action_rect(ui, 0, 1), UIX_PRIMARY,
               !s->busy, uix_font(ui, 52), 0);
}

/* At least 8 px a module at the reference size, and never less than 8
 * real pixels a module (scanners need crisp modules). */
static int qr_module(const ui_t *ui)
{
    int m = uix_px(ui, ui->landscape ? 8 : 10);
    return m < 8 ? 8 : m;
}

void uix_draw_ticket(ui_t *ui, const flow_state_t *s)
{
    int top = uix_header(ui, s, tr(ui, s, STR_TICKET_TITLE));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, uix_action_bar_top(ui));
    if (s->print == FLOW_PRINT_FAILED || s->print == FLOW_PRINT_NONE)
        y += uix_notice(ui, tr(ui, s, STR_PRINT_FALLBACK), 0, x, y, w) + uix_px(ui, 28);
    else
        y += uix_notice(ui, tr(ui, s, s->print == FLOW_PRINT_OK ? STR_PRINT_OK : STR_TICKET_SAVE),
                        1, x, y, w) +
             uix_px(ui, 28);
    int pad = uix_px(ui, 40);
    char code[KIOSK_TICKET_SHOWN_SIZE], when[128];
    ticket_code_format(s->ticket, code);
    session_when(s, when, sizeof when);
    /* The code block (code and QR) sits above the details in portrait and
     * beside them in landscape. */
    int iw = w - 2 * pad;
    int side = ui->landscape;
    int cw = side ? iw * 40 / 100 : iw; /* code block width */
    int dw = side ? iw - cw - pad : iw; /* details width */
    int cpx = uix_fit_px(ui, code, uix_font(ui, 110), 1, cw, 60);
    int ch = uix_text_height(ui, code, cpx, 1, cw, 1);
    int module = qr_module(ui);
    int qside = uix_qr_modules(ui, s->payload) * module;
    int lw = uix_px(ui, 220) * (int)(ui->th.font * 100) / 100;
    int rows_h = 0;
    char persons[32];
    str_format_int(STR_PERSONS, s->lang_en, s->party, persons, sizeof persons);
    const char *vals[] = {cs(s, &service(s)->name), when, session_place(s), persons};
    for (int i = 0; i < 4; i++)
        rows_h += uix_text_height(ui, vals[i], uix_font(ui, 44), 1, dw - lw, 0) + uix_px(ui, 28);
    int lh = uix_text_height(ui, tr(ui, s, STR_TICKET_CODE), uix_font(ui, 40), 0, cw, 1);
    int sh = uix_text_height(ui, tr(ui, s, STR_SCAN_HINT), uix_font(ui, 34), 0, cw, 2);
    int code_h = lh + uix_px(ui, 8) + ch + uix_px(ui, 16) + qside + sh;
    int inner_h = side ? (code_h > rows_h ? code_h : rows_h) : code_h + uix_px(ui, 36) + rows_h;
    int card_h = pad + inner_h + pad;
    uix_frame(ui, uix_rect(x, y, w, card_h), ui->th.card, ui->th.accent, uix_px(ui, 3),
              uix_px(ui, 24));
    int cy = y + pad + (side ? (inner_h - code_h) / 2 : 0);
    cy += uix_text(ui, tr(ui, s, STR_TICKET_CODE), uix_font(ui, 40), 0, ui->th.muted, x + pad, cy,
                   cw, UI_ALIGN_CENTER, 1);
    cy += uix_px(ui, 8);
    cy += uix_text(ui, code, cpx, 1, ui->th.accent, x + pad, cy, cw, UI_ALIGN_CENTER, 1);
    cy += uix_px(ui, 16);
    cy += uix_qr(ui, s->payload, x + pad + (cw - qside) / 2, cy, module);
    cy += uix_text(ui, tr(ui, s, STR_SCAN_HINT), uix_font(ui, 34), 0, ui->th.muted, x + pad, cy, cw,
                   UI_ALIGN_CENTER, 2);
    int dx = side ? x + pad + cw + pad : x + pad;
    cy = side ? y + pad + (inner_h - rows_h) / 2 : cy + uix_px(ui, 36);
    cy = uix_summary_row(ui, tr(ui, s, STR_SERVICE), vals[0], dx, cy, dw);
    cy = uix_summary_row(ui, tr(ui, s, STR_TIME), when, dx, cy, dw);
    cy = uix_summary_row(ui, tr(ui, s, STR_LOCATION), vals[2], dx, cy, dw);
    uix_summary_row(ui, tr(ui, s, STR_PARTY), vals[3], dx, cy, dw);
    y += card_h + uix_px(ui, 32);
    y += uix_text(ui, tr(ui, s, STR_TICKET_HINT), uix_font(ui, 40), 0, ui->th.muted, x, y, w,
                  UI_ALIGN_LEFT, 0);
    uix_body_end(ui, y);
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
    int others = 0;
    str_id_t what = STR_REFUSED_TITLE, next = STR_COUNT;
    const char *way = "slots";
    str_id_t way_label = STR_OTHER_TIME;
    switch (s->refusal) {
    case RULES_FULL:
        what = STR_REFUSE_FULL, others = 1;
        break;
    case RULES_CLOSED:
        what = STR_REFUSE_CLOSED, others = 1;
        break;
    case RULES_TOO_LATE:
        what = STR_REFUSE_TOO_LATE, others = 1;
        break;
    case RULES_NO_SESSION:
        what = STR_REFUSE_NO_SESSION, others = 1;
        break;
    case RULES_DUPLICATE:
        what = STR_REFUSE_DUPLICATE, next = STR_REFUSE_DUPLICATE_NEXT;
        way = "lookup", way_label = STR_MY_BOOKINGS;
        break;
    case RULES_LIMIT:
        /* Another time would be refused again: my bookings, or the desk. */
        what = STR_REFUSE_LIMIT, next = STR_REFUSE_LIMIT_NEXT;
        way = "lookup", way_label = STR_MY_BOOKINGS;
        break;
    case RULES_BAD_PHONE:
        what = STR_REFUSE_BAD_PHONE, next = STR_PHONE_BAD;
        way = "phone", way_label = STR_REFUSE_RETYPE_PHONE;
        break;
    case RULES_BAD_PARTY:
        what = STR_REFUSE_BAD_PARTY;
        way = "party", way_label = STR_REFUSE_CHANGE_PARTY;
        break;
    default:
        break;
    }
    char msg[256];
    str_format_int(what, s->lang_en, s->rules.max_active_per_phone, msg, sizeof msg);
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
    memset(b, 0, sizeof *b);
    snprintf(b->station, sizeof b->station, "%s", cs(s, &s->cat->station_name));
    snprintf(b->title, sizeof b->title, "%s", str_get(STR_PRINT_TITLE, s->lang_en));
    if (s->service >= 0)
        snprintf(b->service, sizeof b->service, "%s", cs(s, &service(s)->name));
    if (s->session >= 0 && s->session < s->n_sessions)
        session_when(s, b->when, sizeof b->when);
    snprintf(b->place, sizeof b->place, "%s", session_place(s));
    str_format_int(STR_PERSONS, s->lang_en, s->party, b->party, sizeof b->party);
    ticket_code_format(s->ticket, b->code);
    snprintf(b->payload, sizeof b->payload, "%s", s->payload);
    snprintf(b->hint, sizeof b->hint, "%s", str_get(STR_TICKET_HINT, s->lang_en));
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
                                 str_get(STR_TICKET_CODE, s->lang_en)}};
}
