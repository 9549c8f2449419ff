/* 好差评 (issue 20): the national 政务服务"好差评" scheme's five levels and
 * the reasons a resident may tap after one, pure C. A rating is anonymous:
 * the service, the station, the day, the level, the reasons and the
 * channel it came by, never a ticket, phone or label (docs/security.md).
 * The words are in strings.c; this module holds the levels, which reasons
 * belong to which level, and the checks every writer (the kiosk, kioskctl,
 * the store) makes. */
#ifndef CORE_RATING_H
#define CORE_RATING_H

#include <stddef.h>

/* 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意. */
#define RATING_LEVEL_MIN 1
#define RATING_LEVEL_MAX 5
/* 不满意 or worse: shown to staff for follow-up (the scheme asks for it). */
#define RATING_LOW_MAX 2
/* 满意 or better: the share the reports give. */
#define RATING_GOOD_MIN 4

#define RATING_REASON_ID_MAX 16 /* bytes of an id with its NUL */
#define RATING_REASONS_MAX 8    /* reasons one level offers */
/* The reasons of a rating as stored: ids joined by ',' in the order of
 * the level's list, each at most once. */
#define RATING_REASONS_SIZE (RATING_REASONS_MAX * RATING_REASON_ID_MAX)

/* How the rating came: after a lookup of 我的预约 (the next visit), home's
 * 服务评价 with the ticket's code or QR, or on a staff member's prompt. */
typedef enum rating_channel {
    RATING_VIA_LOOKUP,
    RATING_VIA_CODE,
    RATING_VIA_STAFF,
    RATING_CHANNELS
} rating_channel_t;

/* 1 when level is one of the five. */
int rating_level_valid(int level);
/* 1 for 不满意 and 非常不满意. */
int rating_is_low(int level);
/* The level's str_id_t (strings.h) for its words, or -1. */
int rating_level_word(int level);

/* The reasons level offers, in order: their ids and str_id_t words; the
 * count, 0 for an invalid level. */
int rating_reasons(int level, const char *const **ids, const int **words);
/* The index of reason id in level's list, or -1. */
int rating_reason_index(int level, const char *id);
/* The str_id_t of reason id's words (whatever its level), or -1. */
int rating_reason_word(const char *id);
/* Checks a stored reasons text for level ("" or ids joined by ','): every
 * id of level's list, none twice. 1 when valid. */
int rating_reasons_valid(int level, const char *csv);
/* The reasons of the bit set mask (bit i: level's i-th reason) as the
 * stored text, into out (RATING_REASONS_SIZE). Returns the count. */
int rating_reasons_text(int level, unsigned mask, char *out, size_t size);

/* "lookup", "code", "staff"; NULL for none. */
const char *rating_channel_name(rating_channel_t c);
/* The channel named, or -1. */
int rating_channel_parse(const char *name);

#endif
