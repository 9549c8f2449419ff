/* The screens without a display: text is rendered once and then drawn from
 * the cache, rotation maps touches back to what the resident sees, hits go
 * to the widget drawn there, and a press is fed back on the next frame. */
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "../../firmware/core/flow.h"
#include "../../firmware/core/strings.h"
#include "../../firmware/ui/ui.h"
#include "../unit/test.h"

static catalog_t *cat;

static ui_t *make_ui(int w, int h, int rotate)
{
    ui_opts_t o = {.width = w,
                   .height = h,
                   .rotate = rotate,
                   .headless = 1,
                   .font_regular = "fonts/NotoSansSC-Kiosk-Regular.otf",
                   .font_bold = "fonts/NotoSansSC-Kiosk-Bold.otf"};
    char err[256];
    ui_t *ui = ui_create(&o, err, sizeof err);
    if (!ui)
        fprintf(stderr, "ui_create: %s\n", err);
    return ui;
}

static flow_t *make_flow(void)
{
    flow_config_t fc = {.idle_timeout_ms = 60000, .countdown_ms = 20000};
    rules_defaults(&fc.rules);
    flow_time_t t = {0, dt_stamp((dt_date_t){2026, 12, 1}, 9 * 60)};
    return flow_create(cat, &fc, t);
}

static void unchanged_text_is_not_rendered_again(void)
{
    ui_t *ui = make_ui(1080, 1920, 0);
    flow_t *f = make_flow();
    CHECK(ui && f);
    if (!ui || !f)
        return;
    flow_time_t t = {10, flow_state(f)->now};
    flow_tap(f, "start", t);
    ui_render(ui, flow_state(f));
    ui_stats_t a, b;
    ui_stats(ui, &a);
    CHECK(a.text_renders > 10); /* the home screen's words */
    for (int i = 0; i < 20; i++)
        ui_render(ui, flow_state(f));
    ui_stats(ui, &b);
    CHECK_INT(b.text_renders, a.text_renders);
    CHECK_INT(b.frames, a.frames + 20);
    CHECK(b.text_hits > a.text_hits);
    ui_destroy(ui);
    flow_destroy(f);
}

static void widgets_are_what_was_drawn(void)
{
    ui_t *ui = make_ui(1080, 1920, 0);
    flow_t *f = make_flow();
    if (!ui || !f) {
        CHECK(0);
        return;
    }
    flow_time_t t = {10, flow_state(f)->now};
    flow_tap(f, "start", t);
    ui_render(ui, flow_state(f));
    for (int i = 0; i < cat->n_categories; i++) {
        char id[80];
        snprintf(id, sizeof id, "category:%s", cat->categories[i].id);
        const ui_widget_t *w = ui_find(ui, id);
        CHECK(w != NULL);
        if (!w)
            continue;
        /* Hit targets for fingers: at least 96 px at the reference size. */
        CHECK(w->w >= 96 && w->h >= 96);
        const ui_widget_t *hit = ui_hit(ui, w->x + w->w / 2, w->y + w->h / 2);
        CHECK(hit && strcmp(hit->id, id) == 0);
    }
    for (int i = 0; i < ui_widget_count(ui); i++) {
        const ui_widget_t *w = ui_widget(ui, i);
        CHECK(w->w >= 96 && w->h >= 96);
        CHECK(w->x >= 0 && w->y >= 0 && w->x + w->w <= 1080 && w->y + w->h <= 1920);
    }
    CHECK(ui_shows_text(ui, "儿童保护"));
    CHECK(!ui_shows_text(ui, "Child Protection"));
    ui_destroy(ui);
    flow_destroy(f);
}

static void a_press_is_shown_and_a_drag_is_not_a_tap(void)
{
    ui_t *ui = make_ui(1080, 1920, 0);
    flow_t *f = make_flow();
    if (!ui || !f) {
        CHECK(0);
        return;
    }
    flow_time_t t = {10, flow_state(f)->now};
    flow_tap(f, "start", t);
    ui_render(ui, flow_state(f));
    const ui_widget_t *w = ui_find(ui, "lookup");
    CHECK(w != NULL);
    if (!w)
        return;
    int x = w->x + w->w / 2, y = w->y + w->h / 2;
    CHECK(!ui_dirty(ui));
    ui_press(ui, x, y);
    CHECK(ui_dirty(ui)); /* feedback on the next frame */
    char id[80] = "";
    CHECK(ui_release(ui, x, y, id, sizeof id) == 1);
    CHECK_STR(id, "lookup");
    ui_render(ui, flow_state(f));
    ui_press(ui, x, y);
    ui_move(ui, x, y - 200);
    CHECK(ui_release(ui, x, y - 200, id, sizeof id) == 0);
    ui_destroy(ui);
    flow_destroy(f);
}

/* Issue 15 item 13: a tap on a widget drawn disabled is reported apart (2),
 * with its id, for the flow to say why it cannot be chosen. */
static void a_disabled_widget_reports_its_tap(void)
{
    ui_t *ui = make_ui(1080, 1920, 0);
    flow_t *f = make_flow();
    if (!ui || !f) {
        CHECK(0);
        return;
    }
    flow_time_t t = {10, flow_state(f)->now};
    flow_tap(f, "start", t);
    t.ms += 10;
    flow_tap(f, "checkin", t);
    ui_render(ui, flow_state(f));
    CHECK(ui_find(ui, "next") == NULL); /* nothing typed: 签到 is disabled */
    const ui_widget_t *w = ui_find_any(ui, "next");
    CHECK(w != NULL && !w->enabled);
    if (w) {
        int x = w->x + w->w / 2, y = w->y + w->h / 2;
        CHECK(ui_hit(ui, x, y) == NULL);
        char id[80] = "";
        ui_press(ui, x, y);
        CHECK(ui_release(ui, x, y, id, sizeof id) == 2);
        CHECK_STR(id, "next");
    }
    ui_destroy(ui);
    flow_destroy(f);
}

static void rotation_maps_touches_back(void)
{
    /* A 1080x1920 portrait frame on a panel mounted sideways (1920x1080). */
    ui_t *ui = make_ui(1080, 1920, 90);
    if (!ui) {
        CHECK(0);
        return;
    }
    int x, y;
    /* The frame is turned clockwise: its top-left is the panel's top-right. */
    ui_window_to_logical(ui, 0.999f, 0.0f, &x, &y);
    CHECK(x < 5 && y < 5);
    ui_window_to_logical(ui, 0.0f, 0.999f, &x, &y);
    CHECK(x > 1075 && y > 1915);
    ui_window_to_logical(ui, 0.5f, 0.25f, &x, &y);
    CHECK_INT(x, 270);
    CHECK_INT(y, 960);
    ui_destroy(ui);
    ui = make_ui(1080, 1920, 180);
    ui_window_to_logical(ui, 0.25f, 0.25f, &x, &y);
    CHECK_INT(x, 810);
    CHECK_INT(y, 1440);
    ui_destroy(ui);
}

static void a_missing_font_is_a_clear_error(void)
{
    ui_opts_t o = {.width = 1080,
                   .height = 1920,
                   .headless = 1,
                   .font_regular = "fonts/missing.otf",
                   .font_bold = "fonts/missing.otf"};
    char err[256] = "";
    ui_t *ui = ui_create(&o, err, sizeof err);
    CHECK(ui == NULL);
    CHECK(strstr(err, "fonts/missing.otf") != NULL);
    ui_destroy(ui);
}

/* The printed slip of a sensitive service (catalog sensitive = yes,
 * issue 16): the strings the renderer is given carry no service name, in
 * either language, but the neutral label and the room; an ordinary
 * service keeps its name. */
static void a_sensitive_slip_names_no_service(void)
{
    static const char *const ids[] = {"hunyin-zixun",     "jiazhang-xinli", "jingshen-weiji",
                                      "guduzheng-kangfu", "jiating-tiaojie", "kangyang-zixun"};
    for (int i = 0; i < 6; i++) {
        for (int en = 0; en < 2; en++) {
            flow_state_t s;
            memset(&s, 0, sizeof s);
            s.cat = cat;
            s.lang_en = en;
            s.category = -1;
            s.session = -1;
            s.party = 1;
            s.service = -1;
            for (int k = 0; k < cat->n_services; k++)
                if (strcmp(cat->services[k].id, ids[i]) == 0)
                    s.service = k;
            CHECK(s.service >= 0);
            if (s.service < 0)
                continue;
            const catalog_service_t *sv = &cat->services[s.service];
            strcpy(s.ticket, "C2SV872Y");
            ui_ticket_text_t t;
            ui_ticket_describe(&s, &t);
            const char *fields[] = {t.t.station, t.t.title,   t.t.service, t.t.when,
                                    t.t.place,   t.t.party,   t.t.code,    t.t.payload,
                                    t.t.hint,    t.t.labels[0], t.t.labels[1], t.t.labels[2],
                                    t.t.labels[3], t.t.labels[4], t.t.bring, t.t.bring_label};
            int named = 0;
            for (size_t f = 0; f < sizeof fields / sizeof *fields; f++)
                if (fields[f] && (strstr(fields[f], sv->name.zh) || strstr(fields[f], sv->name.en)))
                    named = 1;
            CHECK_INT(named, !sv->sensitive);
            CHECK_STR(t.t.place, catalog_str(&sv->location, en));
            if (sv->sensitive)
                CHECK_STR(t.t.service, en ? "Appointment" : "预约服务");
            /* i16checkin: what to bring travels on the slip; a sensitive
             * service's would betray it (the child's diagnosis, papers
             * about a dispute): a neutral line instead, never its own. */
            CHECK_STR(t.t.bring_label, en ? "Bring" : "请携带");
            const char *own = catalog_str(&sv->bring, en);
            if (sv->sensitive) {
                CHECK_STR(t.t.bring, str_get(STR_BRING_PRIVATE, en));
                CHECK(strstr(t.t.bring, own) == NULL);
            } else {
                CHECK_STR(t.t.bring, own);
            }
        }
    }
}

/* Issue 16 (i16house): the slip of a booking for someone says for whom
 * (beside the persons: 1人  为：奶奶), and that of a booking with no phone says first
 * that its code is the only key; a booking of one's own with a phone says
 * neither. The strings the renderer is given are checked, not OCR. */
static void the_slip_says_for_whom_and_the_code_only_key(void)
{
    for (int en = 0; en < 2; en++) {
        flow_state_t s;
        memset(&s, 0, sizeof s);
        s.cat = cat;
        s.lang_en = en;
        s.category = s.session = -1;
        s.party = 1;
        s.service = 0;
        strcpy(s.ticket, "C2SV872Y");
        ui_ticket_text_t t;
        ui_ticket_describe(&s, &t);
        CHECK(strstr(t.t.hint, str_get(STR_NOPHONE_TICKET, en)) == NULL);
        CHECK(strstr(t.t.party, en ? "For" : "为") == NULL);
        strcpy(s.for_label, "奶奶");
        s.no_phone = 1;
        ui_ticket_describe(&s, &t);
        CHECK(strncmp(t.t.hint, str_get(STR_NOPHONE_TICKET, en),
                      strlen(str_get(STR_NOPHONE_TICKET, en))) == 0);
        CHECK(strstr(t.t.hint, str_get(STR_TICKET_HINT, en)) != NULL);
        CHECK(strstr(t.t.party, en ? "For: Grandmother" : "为：奶奶") != NULL);
    }
}

int main(void)
{
    char err[256];
    if (catalog_load("assets/catalog/demo.ini", &cat, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    if (SDL_Init(SDL_INIT_EVENTS) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "SDL: %s\n", SDL_GetError());
        return 1;
    }
    RUN(unchanged_text_is_not_rendered_again);
    RUN(widgets_are_what_was_drawn);
    RUN(a_press_is_shown_and_a_drag_is_not_a_tap);
    RUN(a_disabled_widget_reports_its_tap);
    RUN(rotation_maps_touches_back);
    RUN(a_missing_font_is_a_clear_error);
    RUN(a_sensitive_slip_names_no_service);
    RUN(the_slip_says_for_whom_and_the_code_only_key);
    TTF_Quit();
    SDL_Quit();
    catalog_destroy(cat);
    TEST_EXIT();
}
