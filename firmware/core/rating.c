/* 好差评 (issue 20): the five levels and their reasons (rating.h). */
#include "rating.h"

#include <stdio.h>
#include <string.h>

#include "strings.h"

/* 满意 and better: what went well. 基本满意 and worse: what to improve
 * (基本满意 says something could be better). */
static const char *const good_ids[] = {"warm", "fast", "clear"};
static const int good_words[] = {STR_REASON_WARM, STR_REASON_FAST, STR_REASON_CLEAR};
static const char *const bad_ids[] = {"wait", "attitude", "unsolved", "complex", "facility"};
static const int bad_words[] = {STR_REASON_WAIT, STR_REASON_ATTITUDE, STR_REASON_UNSOLVED,
                                STR_REASON_COMPLEX, STR_REASON_FACILITY};

int rating_level_valid(int level)
{
    return level >= RATING_LEVEL_MIN && level <= RATING_LEVEL_MAX;
}

int rating_is_low(int level)
{
    return rating_level_valid(level) && level <= RATING_LOW_MAX;
}

int rating_level_word(int level)
{
    static const int words[] = {STR_RATE_LEVEL_1, STR_RATE_LEVEL_2, STR_RATE_LEVEL_3,
                                STR_RATE_LEVEL_4, STR_RATE_LEVEL_5};
    return rating_level_valid(level) ? words[level - 1] : -1;
}

int rating_reasons(int level, const char *const **ids, const int **words)
{
    if (!rating_level_valid(level))
        return 0;
    int good = level >= RATING_GOOD_MIN;
    if (ids)
        *ids = good ? good_ids : bad_ids;
    if (words)
        *words = good ? good_words : bad_words;
    return good ? (int)(sizeof good_ids / sizeof *good_ids)
                : (int)(sizeof bad_ids / sizeof *bad_ids);
}

int rating_reason_index(int level, const char *id)
{
    const char *const *ids;
    int n = rating_reasons(level, &ids, NULL);
    for (int i = 0; id && i < n; i++)
        if (strcmp(ids[i], id) == 0)
            return i;
    return -1;
}

int rating_reason_word(const char *id)
{
    for (size_t i = 0; id && i < sizeof good_ids / sizeof *good_ids; i++)
        if (strcmp(good_ids[i], id) == 0)
            return good_words[i];
    for (size_t i = 0; id && i < sizeof bad_ids / sizeof *bad_ids; i++)
        if (strcmp(bad_ids[i], id) == 0)
            return bad_words[i];
    return -1;
}

int rating_reasons_valid(int level, const char *csv)
{
    if (!rating_level_valid(level) || !csv)
        return 0;
    unsigned seen = 0;
    const char *p = csv;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char id[RATING_REASON_ID_MAX];
        if (n == 0 || n >= sizeof id)
            return 0;
        memcpy(id, p, n);
        id[n] = '\0';
        int i = rating_reason_index(level, id);
        if (i < 0 || (seen & (1u << i)))
            return 0;
        seen |= 1u << i;
        if (!end)
            break;
        p = end + 1;
        if (!*p)
            return 0; /* a trailing comma */
    }
    return 1;
}

int rating_reasons_text(int level, unsigned mask, char *out, size_t size)
{
    const char *const *ids;
    int n = rating_reasons(level, &ids, NULL), k = 0;
    size_t o = 0;
    if (size)
        out[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (!(mask & (1u << i)))
            continue;
        int w = snprintf(out + o, size > o ? size - o : 0, "%s%s", k ? "," : "", ids[i]);
        if (w < 0 || (size_t)w >= size - o)
            break;
        o += (size_t)w;
        k++;
    }
    return k;
}

const char *rating_channel_name(rating_channel_t c)
{
    static const char *const names[RATING_CHANNELS] = {"lookup", "code", "staff"};
    return (int)c >= 0 && c < RATING_CHANNELS ? names[c] : NULL;
}

int rating_channel_parse(const char *name)
{
    for (int c = 0; name && c < RATING_CHANNELS; c++)
        if (strcmp(rating_channel_name((rating_channel_t)c), name) == 0)
            return c;
    return -1;
}
