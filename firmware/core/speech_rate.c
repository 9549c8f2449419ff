/* What the voice says on the 好差评 screens (issue 20): the question and
 * the five levels in their words on rate, the level chosen and what to tap
 * next on rate-reasons, thanks on rated, and how to give the ticket on
 * rate-code; as the screens show them (ui/screens_rate.c). A sensitive
 * service is 预约服务 here too: a voice carries further than a screen. */
#include <stdio.h>
#include <string.h>

#include "rating.h"
#include "speech.h"
#include "speech_int.h"
#include "strings.h"

static void say_id(char *out, size_t n, str_id_t id, int en)
{
    speech_sentence(out, n, str_get(id, en), en);
}

static void say_arg(char *out, size_t n, str_id_t id, const char *arg, int en)
{
    char buf[300];
    const char *args[] = {arg};
    str_format(id, en, buf, sizeof buf, args, 1);
    speech_sentence(out, n, buf, en);
}

static const char *level_words(int level, int en)
{
    int w = rating_level_word(level);
    return w < 0 ? "" : str_get((str_id_t)w, en);
}

int speech_rate_prompt(const flow_state_t *s, char *out, size_t n)
{
    int en = s->lang_en;
    switch (s->screen) {
    case FLOW_RATE_CODE:
        say_id(out, n, STR_RATE_TITLE, en);
        if (s->rate_notice != RULES_OK)
            say_id(out, n,
                   s->rate_notice == RULES_NOT_FOUND   ? STR_RATE_NOT_FOUND
                   : s->rate_notice == RULES_BAD_STATE ? STR_RATE_NOT_ATTENDED
                   : s->rate_notice == RULES_DUPLICATE ? STR_RATE_ALREADY
                                                       : STR_RATE_FAILED,
                   en);
        say_id(out, n, STR_RATE_CODE_HINT, en);
        return 1;
    case FLOW_RATE:
        say_arg(out, n,
                s->rate_channel == RATING_VIA_STAFF    ? STR_RATE_NOW
                : s->rate_channel == RATING_VIA_LOOKUP ? STR_RATE_LAST
                                                       : STR_RATE_QUESTION,
                flow_rate_service_name(s), en);
        say_id(out, n, STR_RATE_SAY_LEVELS, en);
        return 1;
    case FLOW_RATE_REASONS:
        say_arg(out, n, STR_RATE_YOU_CHOSE, level_words(s->rate_level, en), en);
        say_id(out, n,
               s->rate_level >= RATING_GOOD_MIN ? STR_RATE_REASONS_GOOD : STR_RATE_REASONS_BAD, en);
        return 1;
    case FLOW_RATE_DONE:
        say_id(out, n,
               s->rate_saved                       ? STR_RATE_THANKS
               : s->rate_notice == RULES_DUPLICATE ? STR_RATE_ALREADY
                                                   : STR_RATE_FAILED,
               en);
        if (s->rate_saved && rating_is_low(s->rate_level))
            say_id(out, n, STR_RATE_FOLLOWUP, en);
        return 1;
    default:
        return 0;
    }
}
