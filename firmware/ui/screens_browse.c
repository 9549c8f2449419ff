/* The resident screens that browse: attract, home, a category, a service
 * and its dates and sessions. Sizes are given for the reference panel
 * (1080x1920 portrait, 1920x1080 landscape) and scaled by uix_px; text
 * sizes by uix_font, which elder mode enlarges. */
#include "screens_int.h"

/* ---- attract and home ------------------------------------------------------ */

void uix_draw_attract(ui_t *ui, const flow_state_t *s)
{
    uix_fill(ui, uix_rect(0, 0, ui->lw, ui->lh), ui->th.accent, 0);
    int x = uix_px(ui, UIX_MARGIN), w = ui->lw - 2 * x;
    int y = ui->lh * (ui->landscape ? 22 : 30) / 100;
    /* The station's name is never cut: it steps down to fit two lines,
     * then takes what it needs. */
    const char *name = cs(s, &s->cat->station_name);
    int npx = uix_fit_px(ui, name, uix_font(ui, 76), 1, 2 * w - uix_px(ui, 40), 70);
    y += uix_text(ui, name, npx, 1, ui->th.on_accent, x, y, w, UI_ALIGN_CENTER, 0);
    y += uix_px(ui, UIX_SPACE);
    y += uix_text(ui, tr(ui, s, STR_ATTRACT_TITLE), uix_font(ui, 48), 0, ui->th.on_accent, x, y, w,
                  UI_ALIGN_CENTER, 0);
    y += uix_px(ui, ui->landscape ? UIX_MARGIN : UIX_SPACE_XL);
    int bw = uix_px(ui, 720) < w ? uix_px(ui, 720) : w;
    SDL_Rect b = uix_rect((ui->lw - bw) / 2, y, bw, uix_target(ui, 170));
    uix_frame(ui, b, ui->th.card, ui->th.on_accent, uix_px(ui, 4), b.h / 2);
    int tpx = uix_fit_px(ui, tr(ui, s, STR_ATTRACT_TAP), uix_font(ui, 60), 1, b.w - b.h, 60);
    int th = uix_text_height(ui, tr(ui, s, STR_ATTRACT_TAP), tpx, 1, b.w, 0);
    uix_text(ui, tr(ui, s, STR_ATTRACT_TAP), tpx, 1, ui->th.accent, b.x, b.y + (b.h - th) / 2, b.w,
             UI_ALIGN_CENTER, 0);
    y += b.h + uix_px(ui, UIX_MARGIN);
    uix_text(ui, tr(ui, s, STR_ATTRACT_HINT), uix_font(ui, 40), 0, ui->th.on_accent, x, y, w,
             UI_ALIGN_CENTER, 0);
    /* The whole screen starts: an elderly resident may touch anywhere. */
    uix_widget(ui, "start", tr(ui, s, STR_ATTRACT_TAP), uix_rect(0, 0, ui->lw, ui->lh), 1, 0);
}

/* A card of a list (home's categories, a category's services): the name
 * large and bold, the summary under it, whole (nothing is cut: the card is
 * as tall as its text needs, see card_height). */
typedef struct card_text {
    const char *name, *summary;
    int npx, spx, pad, vpad, arrow; /* pad: left and right; vpad: above and below */
} card_text_t;

static int card_inner_w(ui_t *ui, const card_text_t *c, int w)
{
    return w - 2 * c->pad - (c->arrow ? uix_px(ui, 60) : 0);
}

static int card_height(ui_t *ui, const card_text_t *c, int w)
{
    int iw = card_inner_w(ui, c, w);
    int h = uix_text_height(ui, c->name, c->npx, 1, iw, 0);
    if (c->summary[0])
        h += uix_px(ui, UIX_SPACE) / 2 + uix_text_height(ui, c->summary, c->spx, 0, iw, 0);
    return h + 2 * c->vpad;
}

static void card_draw(ui_t *ui, const card_text_t *c, const char *id, SDL_Rect r)
{
    uix_look_t look = uix_card(ui, r, id);
    int iw = card_inner_w(ui, c, r.w), x = r.x + c->pad;
    int h = card_height(ui, c, r.w) - 2 * c->vpad;
    int y = r.y + (r.h - h) / 2;
    y += uix_text(ui, c->name, c->npx, 1, look.text, x, y, iw, UI_ALIGN_LEFT, 0);
    int sy = y + uix_px(ui, UIX_SPACE) / 2;
    if (c->summary[0])
        uix_text(ui, c->summary, c->spx, 0, look.muted, x, sy, iw, UI_ALIGN_LEFT, 0);
    if (c->arrow) {
        int ah = uix_text_height(ui, "›", uix_font(ui, 72), 1, 0, 1);
        uix_text(ui, "›", uix_font(ui, 72), 1, look.accent, r.x + r.w - c->pad - uix_px(ui, 30),
                 r.y + (r.h - ah) / 2, 0, UI_ALIGN_LEFT, 1);
    }
}

/* 1 when bold text at px takes at most two lines of width w and no word
 * of it is wider than w (the breaker would split it). */
static int two_lines(ui_t *ui, const char *t, int px, int w)
{
    int line = uix_text_height(ui, "社", px, 1, 0, 1);
    if (uix_text_height(ui, t, px, 1, w, 0) > 2 * line)
        return 0;
    char word[160];
    for (const char *p = t; *p;) {
        size_t k = strcspn(p, " ");
        if (k > 0 && k < sizeof word) {
            memcpy(word, p, k);
            word[k] = '\0';
            if (uix_text_width(ui, word, px, 1) > w)
                return 0;
        }
        p += k;
        p += strspn(p, " ");
    }
    return 1;
}

/* Rows of cards that fit height h: how many rows a page holds, given each
 * row's height (the tallest of its cards) and the gap; at least one. */
static int rows_per_page(const int *row_h, int first, int n_rows, int h, int gap)
{
    int used = 0, k = 0;
    for (int i = first; i < n_rows; i++) {
        used += row_h[i] + (k ? gap : 0);
        if (used > h)
            break;
        k++;
    }
    return k ? k : 1;
}

/* Splits n_rows rows into pages of height h; fills start[] (the first row
 * of each page, and n_rows after the last) and returns the page count. */
static int paginate(const int *row_h, int n_rows, int h, int gap, int *start, int max_pages)
{
    int pages = 0, r = 0;
    while (r < n_rows && pages < max_pages) {
        start[pages++] = r;
        r += rows_per_page(row_h, r, n_rows, h, gap);
    }
    start[pages] = n_rows;
    return pages;
}

#define MAX_CARDS 64

/* n cards in cols columns from top down to bottom: rows as tall as their
 * tallest card (at least min_h), stretched to fill the space when stretch
 * and they fit one page, else paged down to paged_bottom with the pager
 * in the action bar. */
typedef struct grid {
    card_text_t *cards;
    char (*ids)[80];
    int n, cols, top, bottom, paged_bottom, min_h, stretch;
    int own_pager; /* the screen places the pager's buttons itself */
} grid_t;

/* Measures g: each row's height, the first row of each page (and n_rows
 * after the last); returns the page count. */
static int grid_pages(ui_t *ui, const grid_t *g, int *row_h, int *start)
{
    int gap = uix_px(ui, UIX_GAP);
    int cw = (ui->lw - 2 * uix_px(ui, UIX_MARGIN) - (g->cols - 1) * gap) / g->cols;
    int n_rows = (g->n + g->cols - 1) / g->cols, total = 0;
    for (int r = 0; r < n_rows; r++) {
        row_h[r] = g->min_h;
        for (int c = 0; c < g->cols && r * g->cols + c < g->n; c++) {
            int h = card_height(ui, &g->cards[r * g->cols + c], cw);
            if (h > row_h[r])
                row_h[r] = h;
        }
        total += row_h[r] + (r ? gap : 0);
    }
    start[0] = 0;
    start[1] = n_rows;
    if (total > g->bottom - g->top)
        return paginate(row_h, n_rows, g->paged_bottom - g->top, gap, start, MAX_CARDS);
    if (g->stretch && n_rows) {
        /* One page: the rows share the height, so the grid neither floats
         * between empty bands nor leaves one under it (issue 15 item 10). */
        int extra = (g->bottom - g->top - total) / n_rows;
        for (int r = 0; r < n_rows; r++)
            row_h[r] += extra;
    }
    return 1;
}

/* Draws page `page` of g (the last one when past it), measured by
 * grid_pages into row_h and start. */
static void grid_draw(ui_t *ui, const flow_state_t *s, const grid_t *g, int page, int pages,
                      int *row_h, const int *start)
{
    int m = uix_px(ui, UIX_MARGIN), gap = uix_px(ui, UIX_GAP);
    int cw = (ui->lw - 2 * m - (g->cols - 1) * gap) / g->cols;
    if (page >= pages)
        page = pages - 1;
    if (pages > 1 && g->stretch) {
        /* A page of tiles takes some of the space left too, each row at
         * most a quarter taller: a page of one row would otherwise be
         * tiles three times the height of their text. */
        int used = 0, k = start[page + 1] - start[page];
        for (int r = start[page]; r < start[page + 1]; r++)
            used += row_h[r] + (r > start[page] ? gap : 0);
        int extra = g->paged_bottom - g->top - used;
        for (int r = start[page]; r < start[page + 1] && extra > 0; r++)
            row_h[r] += extra / k < row_h[r] / 4 ? extra / k : row_h[r] / 4;
    }
    int y = g->top;
    for (int r = start[page]; r < start[page + 1]; r++) {
        for (int c = 0; c < g->cols && r * g->cols + c < g->n; c++) {
            int i = r * g->cols + c;
            SDL_Rect rect = uix_rect(m + c * (cw + gap), y, cw, row_h[r]);
            card_draw(ui, &g->cards[i], g->ids[i], rect);
            uix_widget(ui, g->ids[i], g->cards[i].name, rect, 1, 0);
        }
        y += row_h[r] + gap;
    }
    if (pages > 1 && !g->own_pager)
        uix_pager(ui, s, page, pages);
}

/* Home's band: the station's name with the whole width (no back and no
 * home here, issue 15 item 9: home is where both lead), never cut: it
 * steps down to 70%, then takes a further line. Under it what to do, and
 * the page when home is paged. Returns its height; draws when draw. */
static int home_band(ui_t *ui, const flow_state_t *s, const char *page, int draw)
{
    int m = uix_px(ui, UIX_MARGIN), gap = uix_px(ui, UIX_GAP), tw = ui->lw - 2 * m;
    /* Call staff and the voice buttons (issue 17), as on every screen: at
     * the band's right end beside the name when it keeps 700 px
     * (landscape), else in a row of their own under it, the voice at the
     * left and call at the right (portrait). */
    int cw = uix_call_width(ui, s), bh = uix_target(ui, 112), vw = uix_voice_width(ui, s, bh);
    int side = tw - cw - vw - 2 * gap >= uix_px(ui, 700);
    if (side)
        tw -= cw + vw + 2 * gap;
    const char *name = cs(s, &s->cat->station_name);
    char sub[160];
    snprintf(sub, sizeof sub, "%s%s%s", tr(ui, s, STR_HOME_TITLE), page[0] ? " · " : "", page);
    /* The station name may step down a little further than elsewhere (to
     * 55%, 45% beside the buttons) before it takes a second line: the
     * band's second line would push the categories off a landscape screen
     * in elder mode. */
    int title_px = uix_fit_px(ui, name, uix_font(ui, 64), 1, tw, side ? 45 : 55);
    int sub_px = uix_font(ui, 38);
    int vpad = uix_px(ui, ui->landscape ? UIX_GAP : UIX_MARGIN), space = uix_px(ui, UIX_SPACE) / 2;
    int title_h = uix_text_height(ui, name, title_px, 1, tw, 0);
    int text_h = title_h + space + uix_text_height(ui, sub, sub_px, 0, tw, 0);
    int hh = vpad + text_h + vpad;
    if (!side)
        hh += bh + uix_px(ui, UIX_SPACE);
    if (hh < bh + 2 * vpad)
        hh = bh + 2 * vpad;
    if (!draw)
        return hh;
    uix_fill(ui, uix_rect(0, 0, ui->lw, hh), ui->th.accent, 0);
    int ry = side ? (hh - bh) / 2 : hh - vpad - bh;
    uix_voice_buttons(ui, s, side ? ui->lw - m - cw - gap - vw : m, ry, bh,
                      side ? vw : ui->lw - 2 * m - cw - 2 * gap);
    uix_call_button(ui, s, uix_rect(ui->lw - m - cw, ry, cw, bh));
    int y = vpad + uix_text(ui, name, title_px, 1, ui->th.on_accent, m, vpad, tw, UI_ALIGN_LEFT, 0);
    uix_text(ui, sub, sub_px, 0, ui->th.on_accent, m, y + space, tw, UI_ALIGN_LEFT, 0);
    ui->header_h = hh;
    return hh;
}

/* The tools row, one style (issue 15 item 10: two filled and two outlined
 * read as two kinds) and one label size, the largest at which all four
 * fit, so that the elder toggle's label does not shrink when it gains its
 * ✓ (item 4). With pages > 1 (landscape) 上一页 and 下一页 take its ends. */
static void home_tools(ui_t *ui, const flow_state_t *s, SDL_Rect row, int page, int pages)
{
    static const struct {
        const char *id;
        str_id_t label;
    } tools[] = {{"lookup", STR_MY_BOOKINGS},
                 {"checkin", STR_CHECKIN},
                 {"rate", STR_RATE_ENTRY}, /* issue 20 (F): 服务评价 */
                 {"elder", STR_ELDER_OFF},
                 {"lang", STR_LANG_SWITCH}};
    /* issue 20 (F): 服务评价 is a tool in landscape; portrait gives it the
     * row above (uix_draw_home), where a fifth tool would cut 我的预约. */
    const int TOOLS = ui->landscape ? (int)(sizeof tools / sizeof tools[0]) : 4;
    int skip_rate = !ui->landscape;
    /* w (issue 19): in landscape, where height is short, 现场取号 leads
     * the row at twice a tool's width (portrait gives it a row above). */
    int walk = ui->landscape && s->cat->n_lines > 0;
    /* issue 20 (F): with the pager too, 现场取号 takes one tool's width, at
     * the tools' size, so that the five tools keep theirs. */
    int walk_w = walk ? (pages > 1 ? 1 : 2) : 0;
    int gap = uix_px(ui, UIX_GAP), slots = (pages > 1 ? TOOLS + 2 : TOOLS) + walk_w;
    int w = (row.w - (slots - 1) * gap) / slots, x = row.x;
    if (pages > 1) {
        uix_pager_buttons(ui, s, page, pages, uix_rect(row.x, row.y, w, row.h),
                          uix_rect(row.x + (slots - 1) * (w + gap), row.y, w, row.h));
        x += w + gap;
    }
    int px = uix_font(ui, 42);
    if (walk_w == 2) {
        uix_button(ui, "walk-in", tr(ui, s, STR_WALKIN), uix_rect(x, row.y, 2 * w + gap, row.h),
                   UIX_PRIMARY, 1, uix_font(ui, 52), 0);
        x += 2 * (w + gap);
    } else if (walk_w == 1) {
        px = uix_button_label_px(ui, tr(ui, s, STR_WALKIN), w, row.h, px);
    }
    for (int i = 0; i < TOOLS; i++) {
        int t = i + (skip_rate && i >= 2);
        str_id_t label = tools[t].label == STR_ELDER_OFF ? STR_ELDER_ON : tools[t].label;
        int f = uix_button_label_px(ui, tr(ui, s, label), w, row.h, uix_font(ui, 42));
        if (f < px)
            px = f;
    }
    if (walk_w == 1) {
        uix_button_px(ui, "walk-in", tr(ui, s, STR_WALKIN), uix_rect(x, row.y, w, row.h),
                      UIX_PRIMARY, 1, px, 0);
        x += w + gap;
    }
    for (int i = 0; i < TOOLS; i++) {
        int t = i + (skip_rate && i >= 2);
        str_id_t label = tools[t].label;
        if (label == STR_ELDER_OFF && s->elder)
            label = STR_ELDER_ON;
        uix_button_px(ui, tools[t].id, tr(ui, s, label),
                      uix_rect(x + i * (w + gap), row.y, w, row.h), UIX_PRIMARY, 1, px, 0);
    }
}

/* Home: the band, the category grid filling the space down to the tools
 * row (issue 15 item 10: it floated between two empty bands), every name
 * and summary whole; categories that do not fit are paged. */
void uix_draw_home(ui_t *ui, const flow_state_t *s)
{
    const catalog_t *cat = s->cat;
    int m = uix_px(ui, UIX_MARGIN), gap = uix_px(ui, UIX_GAP);
    int tools_h = uix_target(ui, 140);
    int tools_y = ui->lh - m - tools_h;
    int grid_top = home_band(ui, s, "", 0) + m;
    int notice_y = grid_top;
    if (s->bookings_off)
        grid_top += uix_notice_height(ui, tr(ui, s, STR_BOOKINGS_OFF), 0, ui->lw - 2 * m) + m;
    int n = cat->n_categories < MAX_CARDS ? cat->n_categories : MAX_CARDS;
    card_text_t cards[MAX_CARDS];
    char ids[MAX_CARDS][80];
    for (int i = 0; i < n; i++) {
        const catalog_category_t *c = &cat->categories[i];
        snprintf(ids[i], sizeof ids[i], "category:%s", c->id);
        cards[i] = (card_text_t){cs(s, &c->name), cs(s, &c->summary), 0, uix_font(ui, 34),
                                 uix_px(ui, UIX_GAP), uix_px(ui, UIX_GAP), 0};
    }
    int cols = ui->landscape ? 3 : 2;
    int cw = (ui->lw - 2 * m - (cols - 1) * gap) / cols;
    /* One size for every category name, the largest (60 down to 70% of
     * it) at which each takes at most two lines without a word broken:
     * tiles side by side read as one set. */
    int npx = uix_font(ui, 60), min = npx * 70 / 100;
    for (int i = 0; i < n; i++)
        while (npx > min && !two_lines(ui, cards[i].name, npx, card_inner_w(ui, &cards[i], cw)))
            npx = npx * 94 / 100 > min ? npx * 94 / 100 : min;
    /* Paged, the pager takes the action bar in portrait, with the tools
     * row above it; in landscape, where height is short, its two buttons
     * take the ends of the tools row. The names may then step down to
     * 70% if that makes fewer pages. */
    int paged_tools_y = ui->landscape ? tools_y : uix_action_bar_top(ui) - gap - tools_h;
    /* w (issue 19): 现场取号, large, right above the tools row, where the
     * station has walk-in lines. */
    /* issue 20 (F): and 服务评价 beside it, or alone where there are none. */
    int walk_h = !ui->landscape ? uix_target(ui, 150) : 0;
    int walk_sp = walk_h ? walk_h + gap : 0;
    grid_t g = {cards, ids, n, cols, grid_top, tools_y - gap - walk_sp, paged_tools_y - gap - walk_sp,
                uix_px(ui, 200), 1, ui->landscape};
    int row_h[MAX_CARDS], start[MAX_CARDS + 1], pages = 0, best_px = npx, best_ok = 0;
    for (int px = npx;; px = px * 85 / 100 > min ? px * 85 / 100 : min) {
        for (int i = 0; i < n; i++)
            cards[i].npx = px;
        int p = grid_pages(ui, &g, row_h, start), ok = 1;
        /* A row taller than a page would go under the tools: not whole. */
        for (int r = 0; p > 1 && r < start[p]; r++)
            if (row_h[r] > g.paged_bottom - g.top)
                ok = 0;
        if (!pages || ok > best_ok || (ok == best_ok && p < pages)) {
            pages = p;
            best_px = px;
            best_ok = ok;
        }
        if ((p == 1 && ok) || px == min)
            break;
    }
    if (n > 0 && cards[0].npx != best_px) {
        for (int i = 0; i < n; i++)
            cards[i].npx = best_px;
        grid_pages(ui, &g, row_h, start);
    }
    int page = s->home_page < pages ? s->home_page : pages - 1;
    char label[48] = "";
    if (pages > 1)
        uix_page_label(s, page, pages, label, sizeof label);
    home_band(ui, s, label, 1);
    if (s->bookings_off)
        uix_notice(ui, tr(ui, s, STR_BOOKINGS_OFF), 0, m, notice_y, ui->lw - 2 * m);
    grid_draw(ui, s, &g, page, pages, row_h, start);
    if (pages > 1)
        tools_y = paged_tools_y;
    if (walk_h) {
        int rw = cat->n_lines > 0 ? (ui->lw - 2 * m - gap) / 3 : ui->lw - 2 * m;
        if (cat->n_lines > 0)
            uix_button(ui, "walk-in", tr(ui, s, STR_WALKIN),
                       uix_rect(m, tools_y - walk_sp, ui->lw - 2 * m - rw - gap, walk_h),
                       UIX_PRIMARY, 1, uix_font(ui, 60), 0);
        uix_button(ui, "rate", tr(ui, s, STR_RATE_ENTRY),
                   uix_rect(ui->lw - m - rw, tools_y - walk_sp, rw, walk_h), UIX_SECONDARY, 1,
                   uix_font(ui, 52), 0);
    }
    home_tools(ui, s, uix_rect(m, tools_y, ui->lw - 2 * m, tools_h), page,
               ui->landscape ? pages : 1);
}

/* ---- browsing ------------------------------------------------------------- */

/* A category's services as cards, two columns in landscape (issue 15 item
 * 15: one wide column showed 3.5 of 7), every card as tall as its text
 * needs, paged with 上一页/下一页 when they do not fit: never scrolled. */
void uix_draw_category(ui_t *ui, const flow_state_t *s)
{
    const catalog_category_t *c = &s->cat->categories[s->category];
    int top = uix_header(ui, s, cs(s, &c->name));
    int m = uix_px(ui, UIX_MARGIN);
    int y = top + uix_px(ui, UIX_GAP);
    card_text_t cards[MAX_CARDS];
    char ids[MAX_CARDS][80];
    int n = 0;
    for (int i = 0; i < s->cat->n_services && n < MAX_CARDS; i++) {
        const catalog_service_t *sv = &s->cat->services[i];
        if (sv->category != s->category)
            continue;
        snprintf(ids[n], sizeof ids[n], "service:%s", sv->id);
        cards[n++] = (card_text_t){cs(s, &sv->name), cs(s, &sv->summary), uix_font(ui, 50),
                                   uix_font(ui, 36), uix_px(ui, UIX_GAP), uix_px(ui, UIX_SPACE),
                                   1};
    }
    grid_t g = {cards, ids, n, ui->landscape ? 2 : 1, y, ui->lh - m,
                uix_action_bar_top(ui) - uix_px(ui, UIX_GAP), uix_target(ui, 150), 0, 0};
    int row_h[MAX_CARDS], start[MAX_CARDS + 1];
    grid_draw(ui, s, &g, s->cat_page, grid_pages(ui, &g, row_h, start), row_h, start);
}

static int section(ui_t *ui, const char *label, const char *text, int x, int y, int w)
{
    if (!text || !text[0])
        return y;
    y += uix_text(ui, label, uix_font(ui, 36), 1, ui->th.accent, x, y, w, UI_ALIGN_LEFT, 1);
    y += uix_px(ui, 8);
    y += uix_text(ui, text, uix_font(ui, 42), 0, ui->th.text, x, y, w, UI_ALIGN_LEFT, 0);
    return y + uix_px(ui, ui->landscape ? 24 : 36);
}

/* A short fact on one line, its label before it ("服务时长  约45分钟"), where
 * a landscape panel has no height to spare. */
static int fact_line(ui_t *ui, const char *label, const char *text, int x, int y, int w)
{
    int lw = uix_text_width(ui, label, uix_font(ui, 36), 1) + uix_px(ui, 24);
    if (lw + uix_text_width(ui, text, uix_font(ui, 42), 0) > w)
        return section(ui, label, text, x, y, w);
    int h = uix_text_height(ui, text, uix_font(ui, 42), 0, w - lw, 1);
    int lh = uix_text_height(ui, label, uix_font(ui, 36), 1, lw, 1);
    uix_text(ui, label, uix_font(ui, 36), 1, ui->th.accent, x, y + (h - lh) / 2, lw, UI_ALIGN_LEFT, 1);
    uix_text(ui, text, uix_font(ui, 42), 0, ui->th.text, x + lw, y, w - lw, UI_ALIGN_LEFT, 1);
    return y + h + uix_px(ui, 24);
}

void uix_draw_service(ui_t *ui, const flow_state_t *s)
{
    const catalog_service_t *sv = service(s);
    int top = uix_header(ui, s, cs(s, &sv->name));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, uix_action_bar_top(ui));
    char dur[64];
    str_format_int(STR_MINUTES, s->lang_en, sv->duration, dur, sizeof dur);
    int y2 = y;
    if (ui->landscape) {
        /* Two columns use the width, so that where to go and what to bring
         * stay above the fold (issue 15 item 15): what it is and for whom
         * on the left, where, what to bring and how long on the right. */
        int m = uix_px(ui, UIX_MARGIN), gap = uix_px(ui, 96);
        int lw = (ui->lw - 2 * m - gap) * 58 / 100, rw = ui->lw - 2 * m - gap - lw;
        y = section(ui, tr(ui, s, STR_ABOUT), cs(s, &sv->description), m, y, lw);
        y = section(ui, tr(ui, s, STR_AUDIENCE), cs(s, &sv->audience), m, y, lw);
        y2 = section(ui, tr(ui, s, STR_LOCATION), cs(s, &sv->location), m + lw + gap, y2, rw);
        y2 = section(ui, tr(ui, s, STR_BRING), cs(s, &sv->bring), m + lw + gap, y2, rw);
        y2 = fact_line(ui, tr(ui, s, STR_DURATION), dur, m + lw + gap, y2, rw);
    } else {
        y = section(ui, tr(ui, s, STR_ABOUT), cs(s, &sv->description), x, y, w);
        y = section(ui, tr(ui, s, STR_AUDIENCE), cs(s, &sv->audience), x, y, w);
        y = section(ui, tr(ui, s, STR_LOCATION), cs(s, &sv->location), x, y, w);
        y = section(ui, tr(ui, s, STR_BRING), cs(s, &sv->bring), x, y, w);
        y = section(ui, tr(ui, s, STR_DURATION), dur, x, y, w);
    }
    if (y2 > y)
        y = y2;
    y -= uix_px(ui, ui->landscape ? 24 : 36); /* the last section's space below is the body's own margin */
    uix_body_end(ui, y);
    uix_action_bar_bg(ui);
    if (!uix_enrol_button(ui, s)) /* t (issue 20): a course's 报名整学期 beside it */
        uix_button(ui, "book", tr(ui, s, STR_BOOK), uix_action_rect(ui, 0, 1), UIX_PRIMARY, 1,
                   uix_font(ui, 48), 0);
}

/* A day's availability: DAY_OPEN when one of its sessions has seats,
 * DAY_FULL when it has sessions but none can be booked, DAY_NONE when
 * nothing is scheduled. */
enum { DAY_NONE, DAY_FULL, DAY_OPEN };
static int day_state(const flow_state_t *s, dt_date_t d)
{
    int st = DAY_NONE;
    for (int i = 0; i < s->n_sessions; i++) {
        if (dt_days(s->sessions[i].date) != dt_days(d))
            continue;
        if (flow_slot(s, &s->sessions[i]) == FLOW_SLOT_OPEN)
            return DAY_OPEN;
        st = DAY_FULL;
    }
    return st;
}

/* One line of a date chip, set at 112% of its size rather than the
 * theme's line pitch (150% in elder mode), so that three lines keep the
 * chips, and the sessions under them, within the screen: the text is
 * drawn centred on the tighter line. Returns the advance. */
static int chip_line(ui_t *ui, const char *t, int px, int bold, SDL_Color c, SDL_Rect r, int y)
{
    int adv = px * 112 / 100;
    int pitch = uix_text_height(ui, t, px, bold, 0, 1);
    uix_text(ui, t, px, bold, c, r.x, y - (pitch - adv) / 2, r.w, UI_ALIGN_CENTER, 1);
    return adv;
}

void uix_draw_slots(ui_t *ui, const flow_state_t *s)
{
    int horizon = s->rules.horizon_days;
    const catalog_service_t *sv = service(s);
    int top = uix_header(ui, s, cs(s, &sv->name));
    int x, w;
    uix_column(ui, &x, &w);
    int y = uix_body_begin(ui, top, ui->lh);
    if (s->notice == FLOW_NOTICE_STORE_ERROR) {
        y += uix_notice(ui, tr(ui, s, STR_STORE_ERROR), 0, x, y, w) + uix_px(ui, 24);
    }
    if (s->bookings_off)
        y += uix_notice(ui, tr(ui, s, STR_BOOKINGS_OFF), 0, x, y, w) + uix_px(ui, 24);
    if (!s->sessions_loaded) {
        y += uix_text(ui, tr(ui, s, STR_LOADING), uix_font(ui, 44), 0, ui->th.muted, x, y, w,
                      UI_ALIGN_LEFT, 1);
        uix_body_end(ui, y);
        return;
    }
    if (s->n_sessions == 0) {
        y += uix_notice(ui, tr(ui, s, STR_NO_SCHEDULE), 0, x, y, w);
        uix_body_end(ui, y);
        return;
    }
    y += uix_text(ui, tr(ui, s, STR_CHOOSE_DATE), uix_font(ui, 40), 1, ui->th.muted, x, y, w,
                  UI_ALIGN_LEFT, 1);
    y += uix_px(ui, 20);
    int per_row = 7; /* a week a row; chips stay wider than a finger */
    if (horizon < per_row)
        per_row = horizon;
    int gap = uix_px(ui, 12);
    int cw = (w - (per_row - 1) * gap) / per_row, cpad = uix_px(ui, 8);
    /* Three lines a chip: the weekday, the date, and in words whether it
     * has seats (issue 15 item 8: a strike line read as a fraction bar). */
    int px1 = uix_font(ui, 38), px2 = uix_font(ui, 30), px3 = uix_font(ui, 28);
    int ch = 2 * cpad + (px1 + px2 + px3) * 112 / 100;
    if (ch < uix_px(ui, 150))
        ch = uix_px(ui, 150);
    for (int i = 0; i < horizon; i++) {
        dt_date_t d = dt_from_days(dt_days(s->today) + i);
        SDL_Rect r =
            uix_rect(x + (i % per_row) * (cw + gap), y + (i / per_row) * (ch + gap), cw, ch);
        int sel = dt_days(d) == dt_days(s->date);
        int st = day_state(s, d);
        char id[32], d1[32], d2[32], d3[32], label[96], ds[11];
        dt_format_date(d, ds);
        snprintf(id, sizeof id, "date:%s", ds);
        snprintf(d1, sizeof d1, "%d/%d", d.m, d.d);
        snprintf(d2, sizeof d2, "%s",
                 i == 0   ? tr(ui, s, STR_TODAY)
                 : i == 1 ? tr(ui, s, STR_TOMORROW)
                          : str_get((str_id_t)(STR_WEEKDAY_1 + dt_weekday(d) - 1), s->lang_en));
        snprintf(d3, sizeof d3, "%s", tr(ui, s, st == DAY_OPEN ? STR_AVAILABLE : STR_FULL));
        snprintf(label, sizeof label, "%s %s %s", d1, d2, d3);
        /* A day without seats is drawn lighter than one with seats, in
         * every theme: a flat grey fill without an edge and regular
         * weight, where an open day has the accent edge and bold type. */
        SDL_Color fg;
        int bold = 1;
        if (sel) {
            uix_fill(ui, r, ui->th.accent, uix_px(ui, 16));
            fg = ui->th.on_accent;
        } else if (st == DAY_OPEN) {
            uix_look_t look = uix_card_look(ui, uix_is_pressed(ui, id));
            uix_frame(ui, r, look.fill, look.accent, uix_px(ui, 3), uix_px(ui, 16));
            fg = look.text;
        } else {
            uix_fill(ui, r, ui->th.disabled, uix_px(ui, 16));
            fg = ui->th.on_disabled;
            bold = 0;
        }
        int in = cw - 2 * uix_px(ui, 4);
        int f1 = uix_fit_px(ui, d1, px1, bold, in, 70);
        int f2 = uix_fit_px(ui, d2, px2, 0, in, 70);
        int f3 = uix_fit_px(ui, d3, px3, bold, in, 60);
        int ty = r.y + (r.h - (f1 + f2 + f3) * 112 / 100) / 2;
        ty += chip_line(ui, d2, f2, 0, fg, r, ty);
        ty += chip_line(ui, d1, f1, bold, fg, r, ty);
        chip_line(ui, d3, f3, bold, fg, r, ty);
        /* A day with sessions but no seats can still be opened: its
         * sessions say why. */
        uix_widget(ui, id, label, r, st != DAY_NONE, 1);
    }
    y += ((horizon + per_row - 1) / per_row) * (ch + gap) + uix_px(ui, 36);

    char day[64];
    format_date(s, s->date, day, sizeof day);
    char head[128];
    snprintf(head, sizeof head, "%s · %s", tr(ui, s, STR_CHOOSE_TIME), day);
    y += uix_text(ui, head, uix_font(ui, 40), 1, ui->th.muted, x, y, w, UI_ALIGN_LEFT, 1);
    y += uix_px(ui, 20);
    int any = 0;
    for (int i = 0; i < s->n_sessions; i++) {
        const flow_session_t *se = &s->sessions[i];
        if (dt_days(se->date) != dt_days(s->date))
            continue;
        any = 1;
        flow_slot_t st = flow_slot(s, se);
        char id[80], span[32], right[64], label[128];
        snprintf(id, sizeof id, "session:%s", se->id);
        uix_format_span(se->start, se->end, span, sizeof span);
        if (st == FLOW_SLOT_OPEN)
            str_format_int(STR_SEATS_LEFT, s->lang_en, se->remaining, right, sizeof right);
        else
            snprintf(right, sizeof right, "%s",
                     tr(ui, s,
                        st == FLOW_SLOT_FULL       ? STR_FULL
                        : st == FLOW_SLOT_TOO_LATE ? STR_TOO_LATE
                                                   : STR_CLOSED));
        snprintf(label, sizeof label, "%s %s", span, right);
        int h = uix_px(ui, 140);
        SDL_Rect r = uix_rect(x, y, w, h);
        int open = st == FLOW_SLOT_OPEN;
        uix_look_t look = uix_card_look(ui, open && uix_is_pressed(ui, id));
        /* As with the days: one without seats is lighter, never heavier. */
        if (open)
            uix_frame(ui, r, look.fill, look.accent, uix_px(ui, 3), uix_px(ui, 20));
        else
            uix_fill(ui, r, ui->th.disabled, uix_px(ui, 20));
        int pad = uix_px(ui, 40);
        int px = uix_font(ui, 52), rpx = uix_font(ui, 42);
        int th = uix_text_height(ui, span, px, open, 0, 1);
        uix_text(ui, span, px, open, open ? look.text : ui->th.on_disabled, x + pad,
                 y + (h - th) / 2, 0, UI_ALIGN_LEFT, 1);
        int rw = uix_text_width(ui, right, rpx, open);
        int rh = uix_text_height(ui, right, rpx, open, 0, 1);
        uix_text(ui, right, rpx, open, open ? look.accent : ui->th.on_disabled, x + w - pad - rw,
                 y + (h - rh) / 2, 0, UI_ALIGN_LEFT, 1);
        uix_widget(ui, id, label, r, open, 1);
        y += h + uix_px(ui, 20);
    }
    if (!any)
        y += uix_notice(ui, tr(ui, s, STR_NO_SESSIONS_DAY), 0, x, y, w);
    uix_body_end(ui, y);
}
