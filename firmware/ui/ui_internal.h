/* Private to the UI: the handle's fields, the layout kit (layout.c), the
 * output (output.c) and the draw function of every screen, which frame.c
 * looks up by screen id (screens_*.c, staff_screens.c). */
#ifndef UI_INTERNAL_H
#define UI_INTERNAL_H

#include <SDL.h>

#include "../core/datetime.h"
#include "../core/strings.h" /* issue 20 (F): str_id_t of the code keypad */
#include "text.h"
#include "ui.h"

#define UI_MAX_WIDGETS 256
#define UI_TOUCHES 64
#define UI_MAX_ELIDED 64
/* The spacing scale, on the reference panel (issue 15 item 14: margins of
 * 32, 48, 56, 80 and 100 px became these four): UIX_SPACE between a label
 * and what it labels, UIX_GAP between cards and inside them, UIX_MARGIN
 * around the screen's content, UIX_SPACE_XL to set one block apart (the
 * attract screen's button). */
#define UIX_SPACE 16
#define UIX_GAP 32
#define UIX_MARGIN 48
#define UIX_SPACE_XL 96
/* The one card: edge width and corner radius on the reference panel. */
#define UIX_CARD_EDGE 2
#define UIX_CARD_RADIUS 24
/* The keypad focus ring (focus.h, issue 17): its amber band next to the
 * widget and its dark band outside that, on the reference panel: 10 px in
 * all, thicker than any edge it can be mistaken for. */
#define UIX_FOCUS_INNER 4
#define UIX_FOCUS_OUTER 6

/* The colours come first and are all SDL_Color: the contrast test walks
 * them. Every pair a resident screen draws is in uix_theme_pairs. */
typedef struct ui_theme {
    SDL_Color bg, card, border, text, muted, accent, accent_dark, on_accent, pressed, disabled,
        on_disabled, alert, alert_bg, good, good_bg, shade;
    /* A pressed card, row, chip or secondary button, and its text: at 3:1
     * against the card and the background (pressed is the light tint the
     * staff screens use for chips). */
    SDL_Color press, on_press;
    /* i17keys: the keypad focus ring's dark band and its amber band. */
    SDL_Color focus, focus_halo;
    float font;   /* text scale: 1.0, or more in elder mode */
    int line_pct; /* line spacing of wrapped text, percent of the font size */
} ui_theme_t;

/* ---- theme.c: the colours and the pairs they are drawn in ---------------- */

void uix_theme(int elder, ui_theme_t *out);

typedef enum { UIX_PAIR_TEXT, UIX_PAIR_EDGE } uix_pair_kind_t;
/* One pair of theme colours a resident screen draws next to each other:
 * text on its background (4.5:1, WCAG 1.4.3) or an edge, a state or a
 * bar against what surrounds it (3:1, WCAG 1.4.11). fg and bg are offsets
 * into ui_theme_t; a translucent bg is laid over the colour at under. */
typedef struct uix_pair {
    const char *what;
    size_t fg, bg, under;
    uix_pair_kind_t kind;
} uix_pair_t;
extern const uix_pair_t uix_theme_pairs[];
extern const int uix_theme_n_pairs;

struct ui {
    ui_opts_t o;
    SDL_Window *win;
    SDL_Renderer *r;
    SDL_Surface *surface; /* headless frame buffer */
    SDL_Texture *target;  /* logical frame when the panel is rotated */
    ui_text_t *text;
    int lw, lh; /* logical size */
    float s;    /* layout scale against the reference panel */
    int landscape;
    ui_theme_t th;
    int lang_en; /* the language of the frame being drawn */
    ui_widget_t widgets[UI_MAX_WIDGETS];
    int n_widgets;
    /* The texts of this frame the layout cut ("…" added), for the
     * `widgets` dump (ui_elided). */
    ui_elided_t elided[UI_MAX_ELIDED];
    int n_elided;
    /* Body scrolling of the current screen. */
    SDL_Rect body;
    int scroll, content_h;
    flow_screen_t scroll_screen;
    int scroll_key;
    /* The gesture in progress. */
    int pressing, dragging, press_x, press_y, last_y;
    char pressed_id[80];
    int dirty;
    unsigned long frames;
    unsigned resets_seen;
    /* The QR of the ticket on screen, made once per payload. */
    char qr_for[32];
    SDL_Texture *qr_tex;
    int qr_modules; /* with the quiet zone */
    /* Every string drawn this frame, '\n'-separated, for expect-text. */
    char *drawn;
    size_t drawn_len, drawn_cap;
    /* The touch test's last presses (a ring), recorded only while that
     * screen is shown: elsewhere they would trace what residents typed. */
    flow_screen_t shown; /* screen of the last frame */
    SDL_Point touches[UI_TOUCHES];
    int n_touches, touch_next;
    /* The header's height in this frame (0: none drawn), and the volume
     * level whose notice goes under it (0: none; ui_voice_level). */
    int header_h, voice_level;
    /* i17keys: the keypad focus (focus.c): the id it is on, whether the
     * ring is drawn (after a key, until a touch), the screen and overlay
     * it was set for, and 1 while it follows the main action (no key
     * moved it). A modal overlay drops the widgets below it (the idle
     * warning, the call): the focus keeps to the overlay by itself. */
    char focus_id[80];
    int focus_shown, focus_key, focus_auto;
    flow_screen_t focus_screen;
};

/* ---- layout.c: the kit every screen draws with ---------------------------- */

SDL_Rect uix_rect(int x, int y, int w, int h);
/* "2026年12月1日 周二", or "Tue 1 Dec 2026" when en. */
void uix_format_date(int en, dt_date_t d, char *out, size_t n);
/* "09:00–10:00". */
void uix_format_span(int start, int end, char *out, size_t n);
/* The colours and text scale: elder mode, or not. */
void uix_set_theme(ui_t *ui, int elder);
/* The colours of a card, list row or chip: pressed, it takes the press
 * fill with light text and no other colour. */
typedef struct uix_look {
    SDL_Color fill, edge, text, muted, accent;
} uix_look_t;
uix_look_t uix_card_look(const ui_t *ui, int pressed);

/* The one card of the resident screens (home's categories, a category's
 * services): fill, edge and radius of the theme, pressed as uix_card_look;
 * returns the look its text is drawn in. */
uix_look_t uix_card(ui_t *ui, SDL_Rect r, const char *id);
/* A touch target's size: ref scaled, and a fifth larger in elder mode
 * (issue 15 item 4: targets grow with the text). */
int uix_target(const ui_t *ui, int ref);
/* The step of the booking path the screen is, 1..4 (service, date and
 * time, phone, confirm), or 0 off the path. */
int uix_step_of(const flow_state_t *s);
/* Paging of a list that does not fit (issue 15 item 15): ‹ 上一页,
 * 第N页/共M页, 下一页 › in the action bar, widgets page-prev and page-next
 * (each disabled at its end). page is 0-based. */
void uix_pager(ui_t *ui, const flow_state_t *s, int page, int pages);
/* Its two buttons alone, where a screen places them, and its label
 * ("第1页 / 2"). */
void uix_pager_buttons(ui_t *ui, const flow_state_t *s, int page, int pages, SDL_Rect prev,
                       SDL_Rect next);
void uix_page_label(const flow_state_t *s, int page, int pages, char *out, size_t n);

/* Pixels for a size given on the reference panel. */
int uix_px(const ui_t *ui, int ref);
/* Font pixel size: layout scale and the theme's text scale. */
int uix_font(const ui_t *ui, int ref);

void uix_fill(ui_t *ui, SDL_Rect r, SDL_Color c, int radius);
void uix_frame(ui_t *ui, SDL_Rect r, SDL_Color fill, SDL_Color line, int width, int radius);

/* Draws text in a box; returns the height used. wrap_w 0: one line. */
int uix_text(ui_t *ui, const char *s, int px, int bold, SDL_Color c, int x, int y, int wrap_w,
             int align, int max_lines);
int uix_text_height(ui_t *ui, const char *s, int px, int bold, int wrap_w, int max_lines);
int uix_text_width(ui_t *ui, const char *s, int px, int bold);
/* The largest size from px down to min_pct percent of it at which s fits
 * width on one line (min_pct of px when nothing fits). */
int uix_fit_px(ui_t *ui, const char *s, int px, int bold, int width, int min_pct);

/* Records a widget; clipped to the body when in_body. Returns 1 when visible. */
int uix_widget(ui_t *ui, const char *id, const char *label, SDL_Rect r, int enabled, int in_body);
int uix_is_pressed(const ui_t *ui, const char *id);
/* A widget that shows something and takes no tap nor the keypad focus
 * (the step, the QR, the phone number's boxes, the scroll bar). */
void uix_display_widget(ui_t *ui, const char *id, const char *label, SDL_Rect r);

typedef enum { UIX_PRIMARY, UIX_SECONDARY, UIX_HEADER, UIX_DANGER } uix_kind_t;
void uix_button(ui_t *ui, const char *id, const char *label, SDL_Rect r, uix_kind_t kind,
                int enabled, int px, int in_body);
/* A button whose label is set at px as given, on up to two lines (where
 * uix_button first shrinks it to one): for a row of buttons that share one
 * size, found with uix_button_label_px (the largest size from px down to
 * 62% at which label fits two lines of a w x h button). */
void uix_button_px(ui_t *ui, const char *id, const char *label, SDL_Rect r, uix_kind_t kind,
                   int enabled, int px, int in_body);
int uix_button_label_px(ui_t *ui, const char *label, int w, int h, int px);

/* Draws the QR of payload with its quiet zone, module px each, at (x, y);
 * returns its side in pixels (0 when it cannot be made). */
int uix_qr(ui_t *ui, const char *payload, int x, int y, int module);
int uix_qr_modules(ui_t *ui, const char *payload);

/* The accent band with the title, back and home; returns its height. */
int uix_header(ui_t *ui, const flow_state_t *s, const char *title);
/* Call staff (issue 17): whether screen s carries the call-staff button
 * (every resident screen but attract), its width, and the button itself. */
int uix_has_call(const flow_state_t *s);
int uix_call_width(ui_t *ui, const flow_state_t *s);
void uix_call_button(ui_t *ui, const flow_state_t *s, SDL_Rect r);
/* ---- voice_buttons.c: the voice's buttons of the header (issue 17) ------- */
/* The width of 重听 (with its loudspeaker), 音量− and 音量+ side by side,
 * bh high. */
int uix_voice_width(ui_t *ui, const flow_state_t *s, int bh);
/* The three at (x, y): widgets speak, volume-down, volume-up; the volume
 * buttons grow into room (the width the three may take) up to 重听's. */
void uix_voice_buttons(ui_t *ui, const flow_state_t *s, int x, int y, int bh, int room);
/* "音量 3/5" under the header, level 1..5 (else nothing). */
void uix_draw_voice_notice(ui_t *ui, const flow_state_t *s, int level);
/* The scrolling body between top and bottom: begin returns the first y,
 * end takes the y below the content. */
int uix_body_begin(ui_t *ui, int top, int bottom);
void uix_body_end(ui_t *ui, int y);
/* The fixed bar at the bottom: its top, its background, button i of n. */
int uix_action_bar_top(const ui_t *ui);
void uix_action_bar_bg(ui_t *ui);
SDL_Rect uix_action_rect(const ui_t *ui, int i, int n);
/* Content column: full width in portrait, a readable measure in landscape. */
void uix_column(const ui_t *ui, int *x, int *w);
/* A framed message, good (✓) or not (！); returns its height. */
/* Notes s as drawn for ui_shows_text, for text drawn piece by piece (the
 * phone number's digits, one per place). */
void uix_record_text(ui_t *ui, const char *s);
int uix_notice(ui_t *ui, const char *msg, int good, int x, int y, int w);
/* The height uix_notice would draw msg at in width w. */
int uix_notice_height(ui_t *ui, const char *msg, int good, int w);
/* Label and value on a summary card; returns the next y. */
int uix_summary_row(ui_t *ui, const char *label, const char *value, int x, int y, int w);
/* Keypad screens: the info area above the keypad (portrait) or beside it. */
void uix_split_keypad(const ui_t *ui, int top, int pad_ref, SDL_Rect *info, SDL_Rect *pad);
/* 1..9, del, 0, next: del is enabled when typed > 0, next when complete. */
void uix_keypad(ui_t *ui, SDL_Rect area, int typed, int complete, const char *del_label,
                const char *next_label);
/* len digit places of slot px each from box.x + in: typed's digits in
 * them (px), a dash in each place not typed yet (i16checkin: the phone's
 * boxes and the check-in factor's). */
void uix_digit_slots(ui_t *ui, SDL_Rect box, int in, int slot, const char *typed, int len, int px);
/* The phone number typed so far in three boxes of 3, 4 and 4 places within
 * area, the first edged in the alert colour when bad; display-only widgets
 * "phone:1".."phone:3" labelled with their digits. */
void uix_phone_boxes(ui_t *ui, const char *digits, int n_digits, SDL_Rect area, int bad);
/* The phone keypad: digits, 删除 and 清空 (key:clear) side by side, 下一步. */
void uix_phone_keypad(ui_t *ui, SDL_Rect area, int typed, int complete, const char *del_label,
                      const char *clear_label, const char *next_label);

/* ---- output.c: window or headless surface, rotation ---------------------- */

/* Creates the window (or surface) and renderer at the logical size, and
 * the texture a rotated panel is drawn through. 0, or -1 with err. */
int uix_output_create(ui_t *ui, char *err, size_t errlen);
void uix_output_destroy(ui_t *ui);
/* Around the drawing of a frame: draw into the upright texture, then turn
 * it onto the panel and present. */
void uix_output_begin(ui_t *ui);
void uix_output_present(ui_t *ui);

/* ---- focus.c: the keypad focus, settled and its ring drawn each frame ---- */

void uix_focus_frame(ui_t *ui, const flow_state_t *s);

/* ---- the screens, looked up by frame.c's table ----------------------------- */

typedef void (*uix_draw_fn)(ui_t *ui, const flow_state_t *s);

/* screens_browse.c, screens_book.c, screens_mine.c: the resident's screens,
 * and the idle overlay drawn on top. */
void uix_draw_attract(ui_t *ui, const flow_state_t *s);
void uix_draw_home(ui_t *ui, const flow_state_t *s);
void uix_draw_category(ui_t *ui, const flow_state_t *s);
void uix_draw_service(ui_t *ui, const flow_state_t *s);
void uix_draw_slots(ui_t *ui, const flow_state_t *s);
void uix_draw_phone(ui_t *ui, const flow_state_t *s);
void uix_draw_lookup(ui_t *ui, const flow_state_t *s);
void uix_draw_confirm(ui_t *ui, const flow_state_t *s);
void uix_draw_ticket(ui_t *ui, const flow_state_t *s);
void uix_draw_refused(ui_t *ui, const flow_state_t *s);
void uix_draw_bookings(ui_t *ui, const flow_state_t *s);
void uix_draw_cancel(ui_t *ui, const flow_state_t *s);
void uix_draw_checkin(ui_t *ui, const flow_state_t *s);
void uix_draw_checkin_result(ui_t *ui, const flow_state_t *s);
void uix_draw_booking(ui_t *ui, const flow_state_t *s);
void uix_draw_checkin_factor(ui_t *ui, const flow_state_t *s); /* i16checkin */
void uix_draw_for(ui_t *ui, const flow_state_t *s); /* i16house: screens_for.c */
/* w (issue 19), screens_queue.c: the walk-in queue's screens, and the
 * queue number on the check-in result (its height with the gap; 0: none). */
void uix_draw_walkin(ui_t *ui, const flow_state_t *s);
void uix_draw_queue_ticket(ui_t *ui, const flow_state_t *s);
void uix_draw_queue_refused(ui_t *ui, const flow_state_t *s);
/* t (issue 20): screens_terms.c. The term screen; the service screen's
 * book and enrol buttons when the course has terms (1: drawn); a term's
 * words where a session's time goes (confirm, the enrolled ticket, its slip). */
void uix_draw_term(ui_t *ui, const flow_state_t *s);
int uix_enrol_button(ui_t *ui, const flow_state_t *s);
void uix_term_when(const flow_state_t *s, char *out, size_t n);
/* issue 20 (F): 好差评, screens_rate.c; the ticket code's keypad and box
 * of screens_mine.c (cancel, check-in), shared with rate-code. */
void uix_draw_rate_code(ui_t *ui, const flow_state_t *s);
void uix_draw_rate(ui_t *ui, const flow_state_t *s);
void uix_draw_rate_reasons(ui_t *ui, const flow_state_t *s);
void uix_draw_rated(ui_t *ui, const flow_state_t *s);
void uix_code_keypad(ui_t *ui, const flow_state_t *s, SDL_Rect area, const char *act,
                     str_id_t label, uix_kind_t kind);
int uix_code_box(ui_t *ui, const flow_state_t *s, int alert, int x, int y, int w);
/* end of issue 20 (F) */
int uix_checkin_queue(ui_t *ui, const flow_state_t *s, int x, int y, int w);
/* The queue number's printed slip (ui_ticket_describe on queue-ticket):
 * station, line, time, the number large, ahead and the estimate; no QR. */
void uix_queue_slip(const flow_state_t *s, ui_ticket_text_t *b);
void uix_draw_idle(ui_t *ui, const flow_state_t *s);
/* The "someone is coming" overlay of call-staff, modal like the idle one. */
void uix_draw_call(ui_t *ui, const flow_state_t *s);
/* Over the screen: why the item just tapped cannot be chosen (s->hint). */
void uix_draw_hint(ui_t *ui, const flow_state_t *s);
/* i20wait (issue 20), screens_waitlist.c: the waitlist's screens; the
 * phone's entries as cards on my bookings (their height); over slots, the
 * 候补 offer (`waitlist`) after a full session was touched. */
void uix_draw_waitlist_join(ui_t *ui, const flow_state_t *s);
void uix_draw_waitlisted(ui_t *ui, const flow_state_t *s);
int uix_wait_cards(ui_t *ui, const flow_state_t *s, int x, int y, int w);
void uix_draw_wait_offer(ui_t *ui, const flow_state_t *s);

/* staff_screens.c: staff and technician screens. */
void uix_draw_staff_login(ui_t *ui, const flow_state_t *s);
void uix_draw_staff_day(ui_t *ui, const flow_state_t *s);
void uix_draw_staff_roster(ui_t *ui, const flow_state_t *s);
void uix_draw_staff_cancel(ui_t *ui, const flow_state_t *s);
void uix_draw_staff_export(ui_t *ui, const flow_state_t *s);
void uix_draw_tech(ui_t *ui, const flow_state_t *s);
void uix_draw_touch_test(ui_t *ui, const flow_state_t *s);
void uix_draw_calibrate(ui_t *ui, const flow_state_t *s);
void uix_draw_pattern(ui_t *ui, const flow_state_t *s);
/* i19counter (staff_counter.c) */
void uix_draw_staff_counters(ui_t *ui, const flow_state_t *s);
void uix_draw_staff_counter(ui_t *ui, const flow_state_t *s);

#endif
