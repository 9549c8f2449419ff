/* The keypad focus (focus.h): which widgets take it, where a key moves it,
 * the main action each screen starts it on, and the ring. */
#include "focus.h"

#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

/* ---- where a move lands (pure) --------------------------------------------- */

/* How far r lies from c going d, as (along, across, off): along, the gap
 * between their facing edges (0 when they touch or overlap); across, the
 * gap between their extents the other way (0 when they overlap: the same
 * row or column); off, the distance between their centres across. -1 when
 * r's centre does not lie that way. */
static int distance(const ui_widget_t *c, const ui_widget_t *r, ui_focus_dir_t d, int *along,
                    int *across, int *off)
{
    int vertical = d == UI_FOCUS_UP || d == UI_FOCUS_DOWN;
    int sign = d == UI_FOCUS_DOWN || d == UI_FOCUS_RIGHT ? 1 : -1;
    /* Doubled centres keep half pixels. */
    int cc = vertical ? 2 * c->y + c->h : 2 * c->x + c->w;
    int rc = vertical ? 2 * r->y + r->h : 2 * r->x + r->w;
    int c0 = vertical ? c->y : c->x, c1 = c0 + (vertical ? c->h : c->w);
    int r0 = vertical ? r->y : r->x, r1 = r0 + (vertical ? r->h : r->w);
    /* Its centre that way, and its near edge past c's centre: 找工作人员
     * high in the header is not right of 下一步, whose centre it passes. */
    if ((rc - cc) * sign <= 0 || (sign > 0 ? 2 * r0 < cc : 2 * r1 > cc))
        return -1;
    int gap = sign > 0 ? r0 - c1 : c0 - r1;
    *along = gap > 0 ? gap : 0;
    int a0 = vertical ? c->x : c->y, a1 = a0 + (vertical ? c->w : c->h);
    int b0 = vertical ? r->x : r->y, b1 = b0 + (vertical ? r->w : r->h);
    int apart = b0 >= a1 ? b0 - a1 : a0 >= b1 ? a0 - b1 : 0;
    *across = apart;
    *off = abs((2 * a0 + (a1 - a0)) - (2 * b0 + (b1 - b0)));
    return 0;
}

int ui_focus_pick(const ui_widget_t *w, const unsigned char *ok, int n, int cur, ui_focus_dir_t d)
{
    int first = -1;
    for (int i = 0; i < n && first < 0; i++)
        if (ok[i])
            first = i;
    if (first < 0 || cur < 0 || cur >= n || !ok[cur])
        return first;
    if (d == UI_FOCUS_NEXT || d == UI_FOCUS_PREV) {
        int step = d == UI_FOCUS_NEXT ? 1 : n - 1;
        for (int i = (cur + step) % n; i != cur; i = (i + step) % n)
            if (ok[i])
                return i;
        return cur;
    }
    /* The nearest that way in the same row (or column: their extents
     * across overlap), then the one whose centre is least off the line.
     * Nothing out of line: an arrow that jumped from 删除 to 返回 in the
     * header would lose a resident who cannot see where it went; Tab
     * reaches everything. */
    int best = cur;
    long best_along = 0, best_off = 0;
    for (int i = 0; i < n; i++) {
        int along, across, off;
        if (i == cur || !ok[i] || distance(&w[cur], &w[i], d, &along, &across, &off) || across)
            continue;
        if (best == cur || along < best_along || (along == best_along && off < best_off)) {
            best = i;
            best_along = along;
            best_off = off;
        }
    }
    return best;
}

/* ---- which widgets, and the main action ----------------------------------- */

static int digit_key(const char *id)
{
    return strncmp(id, "key:", 4) == 0 && id[4] >= '0' && id[4] <= '9' && !id[5];
}

/* ok[i] for each widget of the last frame. */
static void focusable(const ui_t *ui, unsigned char *ok)
{
    int phone = flow_private_digits(ui->focus_screen);
    for (int i = 0; i < ui->n_widgets; i++) {
        const ui_widget_t *w = &ui->widgets[i];
        ok[i] = !w->display_only && !(phone && digit_key(w->id));
    }
}

/* id names the widget: exactly, or by its prefix when it ends with ':'. */
static int matches(const char *want, const char *id)
{
    size_t n = strlen(want);
    return n && want[n - 1] == ':' ? strncmp(id, want, n) == 0 : strcmp(id, want) == 0;
}

/* The main action of each screen, in order of preference: the first that
 * can be chosen; else the first drawn (下一步 before the number is typed:
 * Enter goes on once it is); else the first widget that takes the focus. */
static const char *const main_action[FLOW_SCREEN_COUNT][6] = {
    [FLOW_ATTRACT] = {"start"},
    [FLOW_HOME] = {"category:"},
    [FLOW_CATEGORY] = {"service:"},
    [FLOW_SERVICE] = {"enrol", "book"}, /* t: a course's term first */
    [FLOW_SLOTS] = {"session:", "date:"},
    [FLOW_PHONE] = {"next"},
    [FLOW_LOOKUP] = {"next"},
    [FLOW_CONFIRM] = {"confirm"},
    [FLOW_TICKET] = {"done"},
    [FLOW_REFUSED] = {"session:", "slots", "lookup", "phone", "party", "done"},
    [FLOW_BOOKINGS] = {"booking:", "done"},
    [FLOW_BOOKING] = {"done"},
    [FLOW_CANCEL] = {"confirm"},
    [FLOW_CHECKIN] = {"next"},
    [FLOW_CHECKIN_FACTOR] = {"next"},
    [FLOW_FOR] = {"for:"},
    [FLOW_CHECKIN_RESULT] = {"done"},
    [FLOW_WALKIN] = {"line:"}, /* w (issue 19) */
    [FLOW_QUEUE_TICKET] = {"done"},
    [FLOW_QUEUE_REFUSED] = {"walk-in", "done"},
    [FLOW_TERM] = {"next"}, /* t (issue 20) */
    [FLOW_ENROLLED] = {"done"},
    [FLOW_RATE_CODE] = {"next"}, /* issue 20 (F) */
    [FLOW_RATE] = {"rate:"},
    [FLOW_RATE_REASONS] = {"submit"},
    [FLOW_RATE_DONE] = {"done"},
    /* i19counter */
    [FLOW_STAFF_COUNTERS] = {"counter:"},
    [FLOW_STAFF_COUNTER] = {"queue-call", "queue-serve", "queue-finish", "cancel"},
};

static int main_index(const ui_t *ui, const flow_state_t *s, const unsigned char *ok)
{
    static const char *const idle[6] = {"more-time"}, *const call[6] = {"call-close"};
    const char *const *want = s->idle_warning ? idle
                              : s->call_shown ? call
                                              : main_action[(unsigned)s->screen < FLOW_SCREEN_COUNT
                                                                ? s->screen
                                                                : 0];
    for (int enabled_only = 1; enabled_only >= 0; enabled_only--)
        for (int k = 0; k < 6 && want[k]; k++)
            for (int i = 0; i < ui->n_widgets; i++)
                if (ok[i] && (ui->widgets[i].enabled || !enabled_only) &&
                    matches(want[k], ui->widgets[i].id))
                    return i;
    for (int i = 0; i < ui->n_widgets; i++)
        if (ok[i] && ui->widgets[i].enabled)
            return i;
    return ui_focus_pick(ui->widgets, ok, ui->n_widgets, -1, UI_FOCUS_NEXT);
}

static int focused_index(const ui_t *ui, const unsigned char *ok)
{
    for (int i = 0; i < ui->n_widgets; i++)
        if (ok[i] && strcmp(ui->widgets[i].id, ui->focus_id) == 0)
            return i;
    return -1;
}

const ui_widget_t *ui_focus_find(const ui_t *ui, const char *id)
{
    const ui_widget_t *any = NULL;
    for (int i = 0; i < ui->n_widgets; i++) {
        const ui_widget_t *w = &ui->widgets[i];
        if (!w->display_only && strcmp(w->id, id) == 0 && (!any || w->enabled))
            any = any && any->enabled ? any : w;
    }
    return any;
}

const ui_widget_t *ui_focused(const ui_t *ui)
{
    unsigned char ok[UI_MAX_WIDGETS];
    focusable(ui, ok);
    int i = focused_index(ui, ok);
    return i < 0 ? NULL : &ui->widgets[i];
}

const ui_widget_t *ui_focus_move(ui_t *ui, ui_focus_dir_t d)
{
    unsigned char ok[UI_MAX_WIDGETS];
    focusable(ui, ok);
    int cur = focused_index(ui, ok);
    if (ui->focus_shown || cur < 0) {
        int i = ui_focus_pick(ui->widgets, ok, ui->n_widgets, cur, d);
        if (i >= 0 && i != cur) {
            snprintf(ui->focus_id, sizeof ui->focus_id, "%s", ui->widgets[i].id);
            ui->focus_auto = 0; /* the resident's choice: kept while it is drawn */
            ui->dirty = 1;
        }
        cur = i;
    }
    ui_focus_show(ui, 1);
    return cur < 0 ? NULL : &ui->widgets[cur];
}

void ui_focus_show(ui_t *ui, int shown)
{
    if (ui->focus_shown != shown)
        ui->dirty = 1;
    ui->focus_shown = shown;
}

int ui_focus_shown(const ui_t *ui)
{
    return ui->focus_shown;
}

/* ---- each frame ------------------------------------------------------------ */

/* A frame of four bars, inside out from r outward by width. */
static void ring(ui_t *ui, SDL_Rect r, int width, SDL_Color c)
{
    SDL_SetRenderDrawColor(ui->r, c.r, c.g, c.b, 255);
    SDL_Rect bars[4] = {
        {r.x - width, r.y - width, r.w + 2 * width, width},
        {r.x - width, r.y + r.h, r.w + 2 * width, width},
        {r.x - width, r.y, width, r.h},
        {r.x + r.w, r.y, width, r.h},
    };
    SDL_RenderFillRects(ui->r, bars, 4);
}

void uix_focus_frame(ui_t *ui, const flow_state_t *s)
{
    /* A new screen or overlay: the focus starts on its main action, and
     * follows it (a list that loads, 下一步 that becomes possible) until a
     * key moves it. */
    int key = (int)s->screen * 4 + (s->idle_warning ? 2 : 0) + (s->call_shown ? 1 : 0);
    if (key != ui->focus_key) {
        ui->focus_key = key;
        ui->focus_auto = 1;
    }
    ui->focus_screen = s->screen;
    unsigned char ok[UI_MAX_WIDGETS];
    focusable(ui, ok);
    int i = ui->focus_auto ? -1 : focused_index(ui, ok);
    if (i < 0) {
        /* Gone (or never chosen): the main action again. */
        i = main_index(ui, s, ok);
        ui->focus_auto = 1;
        snprintf(ui->focus_id, sizeof ui->focus_id, "%s", i >= 0 ? ui->widgets[i].id : "");
    }
    if (i < 0 || !ui->focus_shown)
        return;
    /* Amber against the widget's edge, dark outside it: one of the two at
     * 3:1 on whatever lies there (the accent band, a card, the background),
     * kept inside the screen (attract's whole-screen widget). */
    int amber = uix_px(ui, UIX_FOCUS_INNER), dark = uix_px(ui, UIX_FOCUS_OUTER);
    amber = amber < 2 ? 2 : amber;
    dark = dark < 3 ? 3 : dark;
    const ui_widget_t *w = &ui->widgets[i];
    int t = amber + dark;
    SDL_Rect r = uix_rect(w->x, w->y, w->w, w->h);
    int x0 = r.x - t < 0 ? t : r.x, y0 = r.y - t < 0 ? t : r.y;
    int x1 = r.x + r.w + t > ui->lw ? ui->lw - t : r.x + r.w;
    int y1 = r.y + r.h + t > ui->lh ? ui->lh - t : r.y + r.h;
    r = uix_rect(x0, y0, x1 - x0, y1 - y0);
    SDL_RenderSetClipRect(ui->r, NULL);
    ring(ui, r, amber, ui->th.focus_halo);
    ring(ui, uix_rect(r.x - amber, r.y - amber, r.w + 2 * amber, r.h + 2 * amber), dark,
         ui->th.focus);
}
