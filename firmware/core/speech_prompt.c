/* The prompt of each resident screen and of a tapped item (speech.h): the
 * screen's title and the one thing to do next, from the flow's state and
 * the strings, never from what is drawn. */
#include <stdio.h>
#include <string.h>

#include "hint_words.h"
#include "refusal_words.h"
#include "speech.h"
#include "speech_int.h"
#include "strings.h"

static void add(char *out, size_t n, const char *s)
{
    speech_append(out, n, s, strlen(s));
}

/* A sentence: s and a full stop (unless s ends one already). */
static void sentence(char *out, size_t n, const char *s, int en)
{
    if (!s || !s[0])
        return;
    size_t len = strlen(s);
    /* A line that leads into what the screen lists under it ("点一下就接着
     * 预约：") ends, said, where the colon was: a voice does not pause on
     * one, and "：。" reads as a typo in the log. */
    char cut[512];
    if (len < sizeof cut && ((len >= 3 && strcmp(s + len - 3, "：") == 0) || s[len - 1] == ':')) {
        len -= s[len - 1] == ':' ? 1 : 3;
        memcpy(cut, s, len);
        cut[len] = '\0';
        s = cut;
    }
    add(out, n, s);
    const char *end = s + len;
    int stopped = (len >= 1 && strchr(".?!", end[-1])) ||
                  (len >= 3 && (strcmp(end - 3, "。") == 0 || strcmp(end - 3, "？") == 0 ||
                                strcmp(end - 3, "！") == 0));
    if (!stopped)
        add(out, n, en ? ". " : "。");
    else if (en)
        add(out, n, " ");
}

void speech_sentence(char *out, size_t n, const char *s, int en)
{
    sentence(out, n, s, en);
}

static void sentence_id(char *out, size_t n, str_id_t id, int en)
{
    sentence(out, n, str_get(id, en), en);
}

static void sentence_int(char *out, size_t n, str_id_t id, int en, int v)
{
    char buf[160];
    str_format_int(id, en, v, buf, sizeof buf);
    sentence(out, n, buf, en);
}

void speech_sentence_int(char *out, size_t n, str_id_t id, int en, int v)
{
    sentence_int(out, n, id, en, v);
}

static const catalog_service_t *service_of(const flow_state_t *s)
{
    return s->cat && s->service >= 0 && s->service < s->cat->n_services
               ? &s->cat->services[s->service]
               : NULL;
}

static const flow_session_t *session_of(const flow_state_t *s)
{
    return s->session >= 0 && s->session < s->n_sessions ? &s->sessions[s->session] : NULL;
}

/* The service as the voice names it (issue 16): a sensitive service is
 * never named aloud, on any screen, since a voice carries further than a
 * screen; it is 预约服务 / Appointment, as on the ticket. */
static const char *spoken_service_name(const flow_state_t *s, const catalog_service_t *svc)
{
    return catalog_resident_name(svc, s->lang_en);
}

/* "十二月一日 星期二 上午十点" / "Tuesday 1 December, 10 a.m." */
static void when(const flow_state_t *s, const flow_session_t *se, char *out, size_t n)
{
    out[0] = '\0';
    speech_date(se->date, s->lang_en, out, n);
    add(out, n, s->lang_en ? ", " : " ");
    speech_time(se->start, s->lang_en, out, n);
}

/* i16house: whom the booking is for, when not the booker ("为：奶奶"):
 * a word the resident chose, never a digit (labels hold none). */
static void for_whom(const flow_state_t *s, char *out, size_t n)
{
    if (!s->for_label[0])
        return;
    char buf[96];
    const char *arg[1] = {flow_for_shown(s)};
    str_format(STR_FOR_SHOWN, s->lang_en, buf, sizeof buf, arg, 1);
    sentence(out, n, buf, s->lang_en);
}

static void readback(const flow_state_t *s, char *out, size_t n)
{
    int en = s->lang_en;
    const catalog_service_t *svc = service_of(s);
    const flow_session_t *se = session_of(s);
    sentence_id(out, n, STR_TICKET_TITLE, en);
    if (!svc || !se)
        return;
    char w[128], code[96];
    when(s, se, w, sizeof w);
    code[0] = '\0';
    speech_code(s->ticket, en, code, sizeof code);
    const char *args[4] = {spoken_service_name(s, svc), w, catalog_str(&svc->location, en), code};
    char buf[640];
    str_format(STR_SAY_READBACK, en, buf, sizeof buf, args, 4);
    add(out, n, buf);
    for_whom(s, out, n);
    /* i16checkin: what to bring, as the ticket shows it (neutral for a
     * sensitive service); said even where the screen had no room for it. */
    const char *bring = catalog_resident_bring(svc, en);
    if (bring[0]) {
        snprintf(buf, sizeof buf, "%s%s%s", str_get(STR_BRING, en), en ? ": " : "：", bring);
        sentence(out, n, buf, en);
    }
    if (s->no_phone) /* i16house: the code is the only key (of the slip, or of the screen) */
        sentence_id(out, n,
                    s->print == FLOW_PRINT_FAILED || s->print == FLOW_PRINT_NONE
                        ? STR_NOPHONE_NOPRINT
                        : STR_NOPHONE_TICKET,
                    en);
}

static str_id_t checkin_message(const flow_state_t *s)
{
    const flow_booking_t *b = s->checkin_found ? &s->checkin : NULL;
    switch (s->checkin_result) {
    case RULES_OK:
        return STR_CHECKIN_OK;
    case RULES_BAD_STATE:
        return !b                              ? STR_STORE_ERROR
               : b->status == RULES_CHECKED_IN ? STR_CHECKIN_ALREADY
               : b->status == RULES_NO_SHOW    ? STR_CHECKIN_NO_SHOW
                                               : STR_CHECKIN_CANCELLED;
    case RULES_NOT_TODAY:
        return STR_CHECKIN_NOT_TODAY;
    case RULES_FORGED:
        return STR_CHECKIN_FORGED;
    case RULES_NOT_FOUND:
        return STR_CHECKIN_NOT_FOUND;
    default:
        return STR_STORE_ERROR;
    }
}

/* The refused screen's words, from the table the screen draws too
 * (core/refusal_words.c): what happened, what to do, the way to the staff. */
static void refused(const flow_state_t *s, char *out, size_t n)
{
    int en = s->lang_en;
    if (s->refusal == RULES_VISIT_LIMIT || s->refusal == RULES_BURST) {
        sentence_id(out, n, STR_LIMIT_TITLE, en);
        sentence_id(out, n, s->refusal == RULES_BURST ? STR_LIMIT_BURST : STR_LIMIT_VISIT, en);
        sentence_id(out, n, STR_LIMIT_KEPT, en);
        sentence_id(out, n, STR_LIMIT_ASK_STAFF, en);
        return;
    }
    const flow_refusal_words_t *w = flow_refusal_words(s->refusal);
    sentence_id(out, n, STR_REFUSED_TITLE, en);
    if (w) {
        sentence_int(out, n, w->what, en, flow_refusal_most(s->refusal, &s->rules));
        /* The offer of other times only when the screen lists some
         * (ui/screens_book.c draws flow_alternatives under it). */
        int alt[1];
        if (!w->others || flow_alternatives(s, alt, 1) > 0)
            sentence_id(out, n, w->said_next, en);
    }
    sentence_id(out, n, STR_REFUSE_DESK, en);
}

/* One of my bookings (issue 15 item 1): when and where to come, as the
 * screen shows it; no code. */
static void booking(const flow_state_t *s, char *out, size_t n)
{
    int en = s->lang_en;
    sentence_id(out, n, STR_BOOKING_TITLE, en);
    if (s->booking < 0 || s->booking >= s->n_bookings)
        return;
    const flow_booking_t *b = &s->bookings[s->booking];
    const catalog_service_t *svc = s->cat ? catalog_find_service(s->cat, b->service_id) : NULL;
    sentence(out, n, spoken_service_name(s, svc), en);
    char w[128] = "";
    speech_date(b->date, en, w, sizeof w);
    speech_append(w, sizeof w, en ? ", " : " ", en ? 2 : 1);
    speech_time(b->start, en, w, sizeof w);
    sentence(out, n, w, en);
    if (svc)
        sentence(out, n, catalog_str(&svc->location, en), en);
    sentence_id(out, n, STR_BOOKING_COME, en);
}

void speech_screen_prompt(const flow_state_t *s, char *out, size_t n)
{
    int en = s->lang_en;
    if (!n)
        return;
    out[0] = '\0';
    if (s->idle_warning) {
        sentence_id(out, n, STR_IDLE_TITLE, en);
        sentence_id(out, n, STR_SAY_IDLE_NEXT, en);
        return;
    }
    const catalog_service_t *svc = service_of(s);
    const flow_session_t *se = session_of(s);
    /* The screens whose prompt is fixed: their sentences, in order. */
    static const struct {
        int n;
        str_id_t id[3];
    } fixed[FLOW_SCREEN_COUNT] = {
        [FLOW_ATTRACT] = {2, {STR_ATTRACT_TITLE, STR_ATTRACT_TAP}},
        [FLOW_HOME] = {2, {STR_HOME_TITLE, STR_HOME_SUBTITLE}},
        [FLOW_PHONE] = {3, {STR_PHONE_TITLE, STR_PHONE_HINT, STR_SAY_PHONE_NEXT}},
        [FLOW_LOOKUP] = {3, {STR_LOOKUP_TITLE, STR_LOOKUP_HINT, STR_SAY_PHONE_NEXT}},
        [FLOW_CANCEL] = {1, {STR_CANCEL_QUESTION}},
        [FLOW_CHECKIN] = {3, {STR_CHECKIN_TITLE, STR_CHECKIN_HINT, STR_CHECKIN_TYPE}},
        /* i16checkin: what to type, never what was typed. */
        [FLOW_CHECKIN_FACTOR] = {2, {STR_FACTOR_TITLE, STR_FACTOR_HINT}},
    };
    if (s->screen == FLOW_CHECKIN && (s->notice == FLOW_NOTICE_CHECKIN_MISMATCH ||
                                      s->notice == FLOW_NOTICE_CHECKIN_PAUSED)) {
        /* i16checkin: what happened, as the screen says it above the code. */
        int paused = s->notice == FLOW_NOTICE_CHECKIN_PAUSED;
        sentence_id(out, n, paused ? STR_CHECKIN_PAUSED : STR_FACTOR_WRONG_TITLE, en);
        if (!paused)
            sentence_id(out, n, STR_FACTOR_WRONG_NEXT, en);
        return;
    }
    /* i16house: the for screen asks its one question (no number on it). */
    if (s->screen == FLOW_FOR) {
        sentence_id(out, n, s->for_nophone ? STR_FOR_NOPHONE_TITLE : STR_FOR_TITLE, en);
        sentence_id(out, n, s->for_nophone ? STR_FOR_NOPHONE_HINT : STR_FOR_HINT, en);
        return;
    }
    if (speech_queue_prompt(s, out, n)) /* w (issue 19) */
        return;
    if (speech_rate_prompt(s, out, n)) /* issue 20 (F) */
        return;
    if ((unsigned)s->screen < FLOW_SCREEN_COUNT && fixed[s->screen].n) {
        for (int i = 0; i < fixed[s->screen].n; i++)
            sentence_id(out, n, fixed[s->screen].id[i], en);
        return;
    }
    switch (s->screen) {
    case FLOW_CATEGORY:
        if (s->cat && s->category >= 0 && s->category < s->cat->n_categories)
            sentence(out, n, catalog_str(&s->cat->categories[s->category].name, en), en);
        sentence_id(out, n, STR_SAY_CATEGORY_NEXT, en);
        break;
    case FLOW_SERVICE:
        if (svc) {
            sentence(out, n, spoken_service_name(s, svc), en);
            sentence(out, n, catalog_str(&svc->summary, en), en);
        }
        sentence_id(out, n, s->bookings_off ? STR_BOOKINGS_OFF : STR_SAY_SERVICE_NEXT, en);
        break;
    case FLOW_SLOTS:
        if (svc)
            sentence(out, n, spoken_service_name(s, svc), en);
        sentence_id(out, n, STR_SAY_SLOTS_NEXT, en);
        break;
    case FLOW_CONFIRM:
        sentence_id(out, n, STR_CONFIRM_TITLE, en);
        if (svc && se) {
            char w[128];
            when(s, se, w, sizeof w);
            sentence(out, n, spoken_service_name(s, svc), en);
            sentence(out, n, w, en);
            sentence_int(out, n, STR_SAY_PARTY, en, s->party);
            for_whom(s, out, n);
        }
        /* The phone number is on the screen, masked; it is never said. */
        sentence_id(out, n, STR_SAY_CONFIRM_NEXT, en);
        break;
    case FLOW_TICKET:
        readback(s, out, n);
        break;
    case FLOW_REFUSED:
        refused(s, out, n);
        break;
    case FLOW_BOOKINGS:
        /* As drawn: the notice of a cancel, then the list or its loading. */
        sentence_id(out, n, STR_BOOKINGS_TITLE, en);
        if (s->notice == FLOW_NOTICE_CANCELLED)
            sentence_id(out, n, STR_CANCELLED_OK, en);
        else if (s->notice == FLOW_NOTICE_NOT_CANCELLABLE)
            sentence_id(out, n, STR_NOT_CANCELLABLE, en);
        else if (s->notice == FLOW_NOTICE_STORE_ERROR)
            sentence_id(out, n, STR_STORE_ERROR, en);
        if (s->busy)
            sentence_id(out, n, STR_LOADING, en);
        else if (s->n_bookings)
            sentence_int(out, n, STR_SAY_BOOKINGS_FOUND, en, s->n_bookings);
        else if (s->notice != FLOW_NOTICE_STORE_ERROR)
            sentence_id(out, n, STR_BOOKINGS_NONE, en);
        break;
    case FLOW_BOOKING:
        booking(s, out, n);
        break;
    case FLOW_CHECKIN_RESULT:
        sentence_id(out, n, checkin_message(s), en);
        speech_checkin_queue(s, out, n); /* w (issue 19): 您的排队号 */
        break;
    default:
        /* Staff and technician screens are not spoken. */
        break;
    }
}

void speech_item(const flow_state_t *s, const char *id, const char *label, char *out, size_t n)
{
    if (!n)
        return;
    out[0] = '\0';
    if (s->hint != FLOW_HINT_NONE) {
        /* A tap on something that cannot be chosen: why, as the card by
         * the finger says it (ui/screens_mine.c, uix_draw_hint). */
        int most;
        str_id_t words = flow_hint_words(s, &most);
        if (words != STR_COUNT) {
            sentence_int(out, n, words, s->lang_en, most);
            return;
        }
    }
    if (strncmp(id, "key:", 4) == 0) {
        /* A keypad: how many are typed, never which (a phone number or a
         * ticket code, one digit at a time, is still that number). */
        int typed = s->screen == FLOW_CHECKIN ? s->n_code : s->n_digits;
        sentence_int(out, n, STR_SAY_TYPED, s->lang_en, typed);
        return;
    }
    sentence(out, n, label, s->lang_en);
}

void speech_focus(const flow_state_t *s, const char *id, const char *label, int enabled,
                  char *out, size_t n)
{
    if (!n)
        return;
    out[0] = '\0';
    if (strncmp(id, "key:", 4) == 0 && flow_private_digits(s->screen) && id[4] >= '0' &&
        id[4] <= '9') {
        sentence_int(out, n, STR_SAY_TYPED, s->lang_en, s->n_digits);
        return;
    }
    if (strncmp(id, "service:", 8) == 0 && s->cat)
        label = catalog_resident_name(catalog_find_service(s->cat, id + 8), s->lang_en);
    if (enabled) {
        sentence(out, n, label, s->lang_en);
        return;
    }
    char buf[320];
    const char *args[1] = {label};
    str_format(STR_SAY_UNAVAILABLE, s->lang_en, buf, sizeof buf, args, 1);
    sentence(out, n, buf, s->lang_en);
}
