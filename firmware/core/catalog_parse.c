/* The catalog parser: text in memory to a catalog_t, or the first error
 * with its line. The format is documented for technicians in
 * assets/catalog/README.md; keep the two in step. Its own file because the
 * format and its checks are most of the catalog's code and change with the
 * format, while the rest of the kiosk only uses the model (catalog.c).
 *
 * The parser is strict on purpose: a kiosk that silently drops a
 * misspelled key or an impossible time shows residents sessions that do
 * not exist. It stops at the first error, names its line, and frees
 * everything it built, so a bad catalog never half-replaces a good one.
 *
 * Just over 1,000 lines because the format is one grammar read in one
 * pass; what is particular to [line] and [term] sections is already
 * delegated to catalog_lines.c and catalog_terms.c. */
#include "catalog.h"
#include "catalog_int.h"
#include "queue.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest line in bytes without its line ending; longer ones are a
 * pasted document or binary data rather than a catalog. */
#define CAT_LINE_MAX 4096
#define CAT_CAPACITY_MAX 10000
#define CAT_DURATION_MAX 600
/* A closed range spans at most a year, and one closed list holds at most
 * CAT_CLOSED_MAX dates, so a typo like 2026..2126 cannot eat the memory. */
#define CAT_RANGE_MAX 366
#define CAT_CLOSED_MAX 2000
/* Schedules of one service; the overlap check is quadratic in it. */
#define CAT_SCHEDULES_MAX 200

#if defined(__GNUC__)
#define CAT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define CAT_PRINTF(a, b)
#endif

enum section { SEC_NONE, SEC_STATION, SEC_CATEGORY, SEC_SERVICE, SEC_LINE, SEC_TERM };

enum key_kind {
    K_ZH,       /* Chinese text of a catalog_text_t */
    K_EN,       /* English text of a catalog_text_t */
    K_ID,       /* the station id */
    K_PHONE,    /* the station phone */
    K_CLOSED,   /* closed dates of the station or a service */
    K_CATEGORY, /* a service's category id */
    K_DURATION, /* a service's visit length */
    K_SCHEDULE, /* a service's weekly window */
    K_FLAG,     /* a yes/no of a service: sensitive */
    K_QLINE,    /* a service's queue line id */
    K_LETTER,   /* a line's letter */
    K_CAP,      /* a line's numbers a day */
};

enum { F_REQUIRED = 1, F_REPEAT = 2 };

typedef struct key_def {
    const char *name;
    enum key_kind kind;
    unsigned flags;
    size_t off; /* K_ZH/K_EN: offset of the catalog_text_t in the section's struct */
} key_def_t;

static const key_def_t station_keys[] = {
    {"id", K_ID, F_REQUIRED, 0},
    {"name", K_ZH, F_REQUIRED, offsetof(catalog_t, station_name)},
    {"name_en", K_EN, 0, offsetof(catalog_t, station_name)},
    {"address", K_ZH, 0, offsetof(catalog_t, station_address)},
    {"address_en", K_EN, 0, offsetof(catalog_t, station_address)},
    {"phone", K_PHONE, 0, 0},
    {"closed", K_CLOSED, F_REPEAT, 0},
    {NULL, K_ZH, 0, 0},
};

static const key_def_t category_keys[] = {
    {"name", K_ZH, F_REQUIRED, offsetof(catalog_category_t, name)},
    {"name_en", K_EN, 0, offsetof(catalog_category_t, name)},
    {"summary", K_ZH, 0, offsetof(catalog_category_t, summary)},
    {"summary_en", K_EN, 0, offsetof(catalog_category_t, summary)},
    {NULL, K_ZH, 0, 0},
};

static const key_def_t service_keys[] = {
    {"category", K_CATEGORY, F_REQUIRED, 0},
    {"name", K_ZH, F_REQUIRED, offsetof(catalog_service_t, name)},
    {"name_en", K_EN, F_REQUIRED, offsetof(catalog_service_t, name)},
    {"summary", K_ZH, 0, offsetof(catalog_service_t, summary)},
    {"summary_en", K_EN, 0, offsetof(catalog_service_t, summary)},
    {"description", K_ZH, F_REQUIRED, offsetof(catalog_service_t, description)},
    {"description_en", K_EN, 0, offsetof(catalog_service_t, description)},
    {"audience", K_ZH, F_REQUIRED, offsetof(catalog_service_t, audience)},
    {"audience_en", K_EN, 0, offsetof(catalog_service_t, audience)},
    {"location", K_ZH, F_REQUIRED, offsetof(catalog_service_t, location)},
    {"location_en", K_EN, 0, offsetof(catalog_service_t, location)},
    {"bring", K_ZH, 0, offsetof(catalog_service_t, bring)},
    {"bring_en", K_EN, 0, offsetof(catalog_service_t, bring)},
    {"duration", K_DURATION, F_REQUIRED, 0},
    {"schedule", K_SCHEDULE, F_REQUIRED | F_REPEAT, 0},
    {"closed", K_CLOSED, F_REPEAT, 0},
    {"sensitive", K_FLAG, 0, offsetof(catalog_service_t, sensitive)},
    {"line", K_QLINE, 0, 0},
    {NULL, K_ZH, 0, 0},
};

static const key_def_t line_keys[] = {
    {"letter", K_LETTER, F_REQUIRED, 0},
    {"name", K_ZH, F_REQUIRED, offsetof(catalog_line_t, name)},
    {"name_en", K_EN, 0, offsetof(catalog_line_t, name)},
    {"cap", K_CAP, 0, 0},
    {NULL, K_ZH, 0, 0},
};

#define CAT_KEYS_MAX 20
_Static_assert(sizeof service_keys / sizeof *service_keys - 1 <= CAT_KEYS_MAX,
               "parser_t.key_line is too short for the service keys");

/* A service's category is resolved after the whole file is read, so that
 * categories may stand anywhere; until then the id and its line wait here. */
typedef struct cat_ref {
    char id[CATALOG_ID_MAX + 1];
    int line;
} cat_ref_t;

typedef struct parser {
    const char *file;
    char *err;
    size_t errlen;
    int failed;
    catalog_t *cat;
    int line;

    enum section sec;
    int sec_line;
    int cur;                    /* index of the current category or service */
    const key_def_t *keys;      /* of the current section */
    int key_line[CAT_KEYS_MAX]; /* where each key was first seen; 0: not yet */
    int station_line;           /* 0 while no [station] was seen */

    int cap_categories, cap_services, cap_station_closed, cap_lines, cap_terms;
    int cap_cur_schedules, cap_cur_closed; /* of the current service */
    cat_ref_t *refs;                       /* parallel to cat->services */
    int cap_refs;
    int n_schedules; /* of the whole catalog */
} parser_t;

static int fail(parser_t *p, int line, const char *fmt, ...) CAT_PRINTF(3, 4);

static int fail(parser_t *p, int line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    if (p->failed)
        return -1;
    p->failed = 1;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (p->err && p->errlen)
        snprintf(p->err, p->errlen, "%s:%d: %s", p->file, line, msg);
    return -1;
}

static int oom(parser_t *p)
{
    return fail(p, p->line, "out of memory");
}

/* Values are quoted back in messages; a 4 KiB description would bury the
 * message, so quote at most about 60 bytes, cut on a character boundary. */
static const char *shorten(const char *s, char out[72])
{
    size_t n = strlen(s);
    if (n <= 64)
        return s;
    n = 60;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    memcpy(out, s, n);
    memcpy(out + n, "...", 4);
    return out;
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *r = malloc(n);
    if (r)
        memcpy(r, s, n);
    return r;
}

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int eq_nocase(const char *a, const char *b)
{
    while (*a && ascii_lower((unsigned char)*a) == ascii_lower((unsigned char)*b)) {
        a++;
        b++;
    }
    return *a == '\0' && *b == '\0';
}

/* Technicians type on Chinese keyboards, so U+3000 IDEOGRAPHIC SPACE is
 * trimmed like ASCII blanks. */
static size_t blank_len(const char *s)
{
    if (*s == ' ' || *s == '\t')
        return 1;
    if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
        return 3;
    return 0;
}

static size_t blank_before(const char *s, size_t n)
{
    if (n >= 1 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        return 1;
    if (n >= 3 && (unsigned char)s[n - 3] == 0xE3 && (unsigned char)s[n - 2] == 0x80 &&
        (unsigned char)s[n - 1] == 0x80)
        return 3;
    return 0;
}

/* Trims in place and returns the start of the trimmed string. */
static char *trim(char *s)
{
    size_t b, n;
    while ((b = blank_len(s)) != 0)
        s += b;
    n = strlen(s);
    while ((b = blank_before(s, n)) != 0)
        n -= b;
    s[n] = '\0';
    return s;
}

static int valid_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > CATALOG_ID_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '-' && c != '_')))
            return 0;
    }
    return 1;
}

static int bad_id(parser_t *p, const char *id)
{
    char sh[72];
    return fail(p, p->line,
                "bad id '%s' (use a-z, 0-9, '-' and '_', starting with a letter or digit, "
                "at most %d bytes)",
                shorten(id, sh), CATALOG_ID_MAX);
}

/* Returns a grown copy of arr with room for n + 1 elements, or NULL (arr
 * untouched) when out of memory. */
static void *grow(void *arr, int n, int *cap, size_t elem)
{
    void *r;
    int nc;
    if (n < *cap)
        return arr;
    nc = *cap ? *cap * 2 : 8;
    r = realloc(arr, (size_t)nc * elem);
    if (r)
        *cap = nc;
    return r;
}

/* 1..max, digits only; -1 when not a number, -2 when above max. */
static long parse_count(const char *s, long max)
{
    long v = 0;
    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        if (v <= max)
            v = v * 10 + (*s - '0');
    }
    return v > max ? -2 : v;
}

/* Copies s to out, turning the Chinese list separators '，' and '、' into
 * ',' so lists read the same whichever keyboard typed them. */
static void normalize_commas(const char *s, char *out)
{
    while (*s) {
        const unsigned char *u = (const unsigned char *)s;
        if (u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x8C) { /* ， */
            *out++ = ',';
            s += 3;
        } else if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x81) { /* 、 */
            *out++ = ',';
            s += 3;
        } else {
            *out++ = *s++;
        }
    }
    *out = '\0';
}

/* Splits s at the next ',' (s is modified); returns the trimmed item and
 * advances *rest, or NULL at the end. */
static char *next_item(char **rest)
{
    char *s = *rest, *c;
    if (!s)
        return NULL;
    c = strchr(s, ',');
    if (c) {
        *c = '\0';
        *rest = c + 1;
    } else {
        *rest = NULL;
    }
    return trim(s);
}

/* ---- closed dates ---- */

static int add_closed(parser_t *p, dt_date_t **arr, int *n, int *cap, dt_date_t d)
{
    dt_date_t *r;
    if (*n >= CAT_CLOSED_MAX)
        return fail(p, p->line, "too many closed dates (at most %d in one section)",
                    CAT_CLOSED_MAX);
    r = grow(*arr, *n, cap, sizeof **arr);
    if (!r)
        return oom(p);
    *arr = r;
    r[(*n)++] = d;
    return 0;
}

static int bad_date(parser_t *p, const char *s)
{
    char sh[72];
    return fail(p, p->line, "bad date '%s' (use YYYY-MM-DD, a real calendar date)", shorten(s, sh));
}

/* "2027-01-01, 2027-02-05..2027-02-11": single dates and inclusive ranges. */
static int parse_closed(parser_t *p, const char *value, dt_date_t **arr, int *n, int *cap)
{
    char buf[CAT_LINE_MAX + 1], *rest = buf, *item;
    normalize_commas(value, buf);
    while ((item = next_item(&rest)) != NULL) {
        char *dots = strstr(item, "..");
        dt_date_t a, b;
        if (!*item)
            continue; /* "a, b," and "closed =" are harmless */
        if (!dots) {
            if (dt_parse_date(item, &a))
                return bad_date(p, item);
            if (add_closed(p, arr, n, cap, a))
                return -1;
            continue;
        }
        *dots = '\0';
        char *sa = trim(item), *sb = trim(dots + 2);
        if (dt_parse_date(sa, &a))
            return bad_date(p, sa);
        if (dt_parse_date(sb, &b))
            return bad_date(p, sb);
        long da = dt_days(a), db = dt_days(b);
        if (db < da)
            return fail(p, p->line, "closed range %s..%s ends before it starts", sa, sb);
        if (db - da + 1 > CAT_RANGE_MAX)
            return fail(p, p->line, "closed range %s..%s is longer than %d days", sa, sb,
                        CAT_RANGE_MAX);
        for (long d = da; d <= db; d++)
            if (add_closed(p, arr, n, cap, dt_from_days(d)))
                return -1;
    }
    return 0;
}

/* ---- schedules ---- */

/* 1..7 for "Mon".."Sun" (any case), "周一".."周日"/"周天", "星期一".."星期日"/"星期天"; 0
 * otherwise. */
static int parse_weekday(const char *s)
{
    static const char *en[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    static const char *zh[8] = {"一", "二", "三", "四", "五", "六", "日", "天"};
    for (int i = 0; i < 7; i++)
        if (eq_nocase(s, en[i]))
            return i + 1;
    if (strncmp(s, "周", strlen("周")) == 0)
        s += strlen("周");
    else if (strncmp(s, "星期", strlen("星期")) == 0)
        s += strlen("星期");
    else
        return 0;
    for (int i = 0; i < 8; i++)
        if (strcmp(s, zh[i]) == 0)
            return i < 7 ? i + 1 : 7;
    return 0;
}

static int parse_weekdays(parser_t *p, const char *days, unsigned *mask)
{
    char buf[CAT_LINE_MAX + 1], *rest = buf, *item, sh[72];
    *mask = 0;
    normalize_commas(days, buf);
    while ((item = next_item(&rest)) != NULL) {
        char *dash = strchr(item, '-');
        int a, b;
        if (!*item)
            continue;
        if (dash) {
            *dash = '\0';
            a = parse_weekday(trim(item));
            b = parse_weekday(trim(dash + 1));
            *dash = '-';
        } else {
            a = b = parse_weekday(item);
        }
        if (!a || !b)
            return fail(p, p->line,
                        "bad weekday '%s' (use Mon..Sun or 周一..周日, lists like Tue,Thu, "
                        "ranges like Mon-Fri)",
                        shorten(item, sh));
        if (b < a)
            return fail(p, p->line, "weekday range '%s' runs backwards (write e.g. Mon-Fri)",
                        shorten(item, sh));
        for (int d = a; d <= b; d++)
            *mask |= 1u << d;
    }
    if (!*mask)
        return fail(p, p->line, "schedule needs weekdays first, e.g. 'Tue,Thu 14:00-16:00 12'");
    return 0;
}

static int parse_time(parser_t *p, const char *s, int *minutes)
{
    char sh[72];
    if (dt_parse_hhmm(s, minutes))
        return fail(p, p->line, "bad time '%s' (use HH:MM, 00:00..23:59, e.g. 09:00)",
                    shorten(s, sh));
    return 0;
}

static int ranges_meet(const catalog_schedule_t *a, const catalog_schedule_t *b)
{
    /* y == 0 is an open end, so an open start meets everything before. */
    if (a->until.y && b->from.y && dt_date_cmp(a->until, b->from) < 0)
        return 0;
    if (b->until.y && a->from.y && dt_date_cmp(b->until, a->from) < 0)
        return 0;
    return 1;
}

/* "DAYS HH:MM-HH:MM CAPACITY [from DATE] [until DATE]". Blanks inside DAYS
 * are allowed ("Tue, Thu", "Mon - Fri"): DAYS runs up to the first word
 * that starts with a digit. */
static int parse_schedule(parser_t *p, const char *value, catalog_schedule_t *out)
{
    char buf[CAT_LINE_MAX + 1], days[CAT_LINE_MAX + 1], sh[72];
    char *tok[CAT_LINE_MAX / 2 + 1];
    int ntok = 0, t = 0;
    size_t dl = 0;

    memset(out, 0, sizeof *out);
    out->line = p->line;
    memcpy(buf, value, strlen(value) + 1);
    for (char *s = buf; *s;) {
        while (*s == ' ' || *s == '\t')
            *s++ = '\0';
        if (!*s)
            break;
        tok[ntok++] = s;
        while (*s && *s != ' ' && *s != '\t')
            s++;
    }

    days[0] = '\0';
    for (; t < ntok && !(tok[t][0] >= '0' && tok[t][0] <= '9'); t++) {
        size_t n = strlen(tok[t]);
        if (dl)
            days[dl++] = ' ';
        memcpy(days + dl, tok[t], n + 1);
        dl += n;
    }
    if (t == 0)
        return fail(p, p->line, "schedule needs weekdays first, e.g. 'Tue,Thu 14:00-16:00 12'");
    if (parse_weekdays(p, days, &out->weekdays))
        return -1;

    if (t >= ntok)
        return fail(p, p->line,
                    "schedule needs a time window after the weekdays, e.g. "
                    "'Sat 09:30-11:00 20'");
    char *dash = strchr(tok[t], '-');
    if (!dash)
        return fail(p, p->line, "bad time window '%s' (use HH:MM-HH:MM, e.g. 09:30-11:00)",
                    shorten(tok[t], sh));
    *dash = '\0';
    if (parse_time(p, tok[t], &out->start) || parse_time(p, dash + 1, &out->end))
        return -1;
    if (out->end <= out->start)
        return fail(p, p->line, "time window %s-%s does not end after it starts", tok[t], dash + 1);
    t++;

    if (t >= ntok)
        return fail(p, p->line,
                    "schedule needs a capacity (persons) after the time window, "
                    "e.g. 'Sat 09:30-11:00 20'");
    long c = parse_count(tok[t], CAT_CAPACITY_MAX);
    if (c == -1)
        return fail(p, p->line, "capacity '%s' is not a whole number of persons",
                    shorten(tok[t], sh));
    if (c == -2)
        return fail(p, p->line, "capacity %s is too large (at most %d persons)",
                    shorten(tok[t], sh), CAT_CAPACITY_MAX);
    if (c == 0)
        return fail(p, p->line, "capacity must be at least 1 person");
    out->capacity = (int)c;
    t++;

    while (t < ntok) {
        int is_from = eq_nocase(tok[t], "from");
        if (!is_from && !eq_nocase(tok[t], "until"))
            return fail(p, p->line,
                        "unexpected '%s' in schedule (only 'from DATE' and "
                        "'until DATE' may follow the capacity)",
                        shorten(tok[t], sh));
        dt_date_t *d = is_from ? &out->from : &out->until;
        if (d->y)
            return fail(p, p->line, "'%s' given twice in one schedule", tok[t]);
        if (t + 1 >= ntok)
            return fail(p, p->line, "'%s' needs a date (YYYY-MM-DD)", tok[t]);
        if (dt_parse_date(tok[t + 1], d))
            return bad_date(p, tok[t + 1]);
        t += 2;
    }
    if (out->from.y && out->until.y && dt_date_cmp(out->until, out->from) < 0)
        return fail(p, p->line, "schedule ends (until) before it starts (from)");
    return 0;
}

static int add_schedule(parser_t *p, catalog_service_t *svc, const char *value)
{
    catalog_schedule_t s, *r;
    if (parse_schedule(p, value, &s))
        return -1;
    for (int i = 0; i < svc->n_schedules; i++) {
        const catalog_schedule_t *o = &svc->schedules[i];
        if ((o->weekdays & s.weekdays) && s.start < o->end && o->start < s.end &&
            ranges_meet(o, &s))
            return fail(p, p->line,
                        "schedule overlaps the one on line %d (a shared weekday with "
                        "intersecting times and dates)",
                        o->line);
    }
    if (svc->n_schedules >= CAT_SCHEDULES_MAX)
        return fail(p, p->line, "too many schedules for one service (at most %d)",
                    CAT_SCHEDULES_MAX);
    if (p->n_schedules++ >= CATALOG_SCHEDULES_TOTAL_MAX)
        return fail(p, p->line, "too many schedules in the catalog (at most %d)",
                    CATALOG_SCHEDULES_TOTAL_MAX);
    r = grow(svc->schedules, svc->n_schedules, &p->cap_cur_schedules, sizeof *r);
    if (!r)
        return oom(p);
    svc->schedules = r;
    r[svc->n_schedules++] = s;
    return 0;
}

/* ---- sections ---- */

static void *section_base(parser_t *p)
{
    switch (p->sec) {
    case SEC_STATION:
        return p->cat;
    case SEC_CATEGORY:
        return &p->cat->categories[p->cur];
    case SEC_SERVICE:
        return &p->cat->services[p->cur];
    case SEC_LINE:
        return &p->cat->lines[p->cur];
    default:
        return NULL;
    }
}

static const char *section_label(parser_t *p, char out[CATALOG_ID_MAX + 32])
{
    switch (p->sec) {
    case SEC_STATION:
        return "[station]";
    case SEC_CATEGORY:
        snprintf(out, CATALOG_ID_MAX + 32, "[category %s]", p->cat->categories[p->cur].id);
        return out;
    case SEC_SERVICE:
        snprintf(out, CATALOG_ID_MAX + 32, "[service %s]", p->cat->services[p->cur].id);
        return out;
    case SEC_LINE:
        snprintf(out, CATALOG_ID_MAX + 32, "[line %s]", p->cat->lines[p->cur].id);
        return out;
    default:
        return "(no section)";
    }
}

static catalog_text_t *text_at(void *base, size_t off)
{
    return (catalog_text_t *)((char *)base + off);
}

/* Checks the required keys and gives every text both languages, so the
 * rest of the firmware never meets a NULL string. */
static int finish_section(parser_t *p)
{
    char label[CATALOG_ID_MAX + 32], why[256];
    if (p->sec == SEC_TERM) { /* t: catalog_terms.c */
        p->sec = SEC_NONE;
        if (catalog_term_finish(p->cat, p->cur, why, sizeof why))
            return fail(p, p->sec_line, "%s", why);
        return 0;
    }
    void *base = section_base(p);
    if (!base)
        return 0;
    for (int i = 0; p->keys[i].name; i++)
        if ((p->keys[i].flags & F_REQUIRED) && !p->key_line[i])
            return fail(p, p->sec_line, "%s is missing the required key '%s'",
                        section_label(p, label), p->keys[i].name);
    for (int i = 0; p->keys[i].name; i++) {
        catalog_text_t *t = text_at(base, p->keys[i].off);
        if (p->keys[i].kind == K_ZH && !t->zh && !(t->zh = dup_str("")))
            return oom(p);
    }
    for (int i = 0; p->keys[i].name; i++) {
        catalog_text_t *t = text_at(base, p->keys[i].off);
        if (p->keys[i].kind != K_EN || (t->en && t->en[0]))
            continue;
        free(t->en);
        if (!(t->en = dup_str(t->zh)))
            return oom(p);
    }
    if (p->sec == SEC_STATION && !p->cat->station_phone && !(p->cat->station_phone = dup_str("")))
        return oom(p);
    if (p->sec == SEC_SERVICE) {
        catalog_service_t *svc = base;
        for (int i = 0; i < svc->n_schedules; i++) {
            const catalog_schedule_t *s = &svc->schedules[i];
            if (s->end - s->start < svc->duration) {
                char a[6], b[6];
                dt_format_hhmm(s->start, a);
                dt_format_hhmm(s->end, b);
                return fail(p, s->line,
                            "time window %s-%s is shorter than the service's duration "
                            "(%d minutes)",
                            a, b, svc->duration);
            }
        }
    }
    p->sec = SEC_NONE;
    return 0;
}

static int open_section(parser_t *p, char *inner)
{
    char *type = trim(inner), *id = type, sh[72];
    while (*id && *id != ' ' && *id != '\t')
        id++;
    if (*id)
        *id++ = '\0';
    id = trim(id);

    if (finish_section(p))
        return -1;
    memset(p->key_line, 0, sizeof p->key_line);
    p->sec_line = p->line;

    if (eq_nocase(type, "station")) {
        if (*id)
            return fail(p, p->line, "[station] takes no id (the id is the 'id' key)");
        if (p->station_line)
            return fail(p, p->line, "second [station] section (the first is on line %d)",
                        p->station_line);
        p->station_line = p->line;
        p->sec = SEC_STATION;
        p->keys = station_keys;
        return 0;
    }

    int is_term = eq_nocase(type, "term"); /* t: [term ID], catalog_terms.c */
    if (eq_nocase(type, "line") || is_term) {
        char why[128];
        if (!*id)
            return fail(p, p->line, "[%s] needs an id, e.g. [%s]", type,
                        is_term ? "term jieqi-2027-spring" : "line zixun");
        if (!valid_id(id))
            return bad_id(p, id);
        if ((p->cur = is_term ? catalog_term_add(p->cat, id, p->line, &p->cap_terms, why, sizeof why)
                              : catalog_line_add(p->cat, id, p->line, &p->cap_lines, why,
                                                 sizeof why)) < 0)
            return fail(p, p->line, "%s", why);
        p->sec = is_term ? SEC_TERM : SEC_LINE;
        p->keys = line_keys;
        return 0;
    }
    int is_cat = eq_nocase(type, "category");
    if (!is_cat && !eq_nocase(type, "service"))
        return fail(p, p->line,
                    "unknown section '[%s]' (expected [station], [category ID], [service ID], "
                    "[line ID] or [term ID])",
                    shorten(type, sh));
    if (!*id)
        return fail(p, p->line, "[%s] needs an id, e.g. [%s]", is_cat ? "category" : "service",
                    is_cat ? "category ertong" : "service jieqi-meiyu");
    if (!valid_id(id))
        return bad_id(p, id);

    catalog_t *cat = p->cat;
    if (is_cat ? cat->n_categories >= CATALOG_CATEGORIES_MAX
               : cat->n_services >= CATALOG_SERVICES_MAX)
        return fail(p, p->line, "too many %s in the catalog (at most %d)",
                    is_cat ? "categories" : "services",
                    is_cat ? CATALOG_CATEGORIES_MAX : CATALOG_SERVICES_MAX);
    if (is_cat) {
        for (int i = 0; i < cat->n_categories; i++)
            if (strcmp(cat->categories[i].id, id) == 0)
                return fail(p, p->line, "duplicate category id '%s' (first on line %d)", id,
                            cat->categories[i].line);
        catalog_category_t *r =
            grow(cat->categories, cat->n_categories, &p->cap_categories, sizeof *r);
        if (!r)
            return oom(p);
        cat->categories = r;
        memset(&r[cat->n_categories], 0, sizeof *r);
        r[cat->n_categories].line = p->line;
        if (!(r[cat->n_categories].id = dup_str(id)))
            return oom(p);
        p->cur = cat->n_categories++;
        p->sec = SEC_CATEGORY;
        p->keys = category_keys;
        return 0;
    }

    for (int i = 0; i < cat->n_services; i++)
        if (strcmp(cat->services[i].id, id) == 0)
            return fail(p, p->line, "duplicate service id '%s' (first on line %d)", id,
                        cat->services[i].line);
    int cap_refs = p->cap_refs;
    cat_ref_t *refs = grow(p->refs, cat->n_services, &cap_refs, sizeof *refs);
    if (!refs)
        return oom(p);
    p->refs = refs;
    p->cap_refs = cap_refs;
    catalog_service_t *r = grow(cat->services, cat->n_services, &p->cap_services, sizeof *r);
    if (!r)
        return oom(p);
    cat->services = r;
    memset(&r[cat->n_services], 0, sizeof *r);
    memset(&refs[cat->n_services], 0, sizeof *refs);
    r[cat->n_services].line = p->line;
    r[cat->n_services].category = -1;
    if (!(r[cat->n_services].id = dup_str(id)))
        return oom(p);
    p->cur = cat->n_services++;
    p->sec = SEC_SERVICE;
    p->keys = service_keys;
    p->cap_cur_schedules = p->cap_cur_closed = 0;
    return 0;
}

static int valid_phone(const char *s)
{
    size_t n = strlen(s);
    if (n > 32)
        return 0;
    for (; *s; s++)
        if (!strchr("0123456789+-() ", *s))
            return 0;
    return 1;
}

static int set_key(parser_t *p, const char *key, const char *value)
{
    char label[CATALOG_ID_MAX + 32], sh[72];
    int k;
    for (k = 0; p->keys[k].name; k++)
        if (eq_nocase(key, p->keys[k].name))
            break;
    const key_def_t *def = &p->keys[k];
    if (!def->name)
        return fail(p, p->line, "unknown key '%s' in %s", shorten(key, sh),
                    section_label(p, label));
    if (p->key_line[k] && !(def->flags & F_REPEAT))
        return fail(p, p->line, "duplicate key '%s' (first on line %d)", def->name, p->key_line[k]);
    if (!p->key_line[k])
        p->key_line[k] = p->line;
    if (!*value && ((def->flags & F_REQUIRED) || def->kind == K_DURATION || def->kind == K_FLAG))
        return fail(p, p->line, "'%s' must not be empty", def->name);

    void *base = section_base(p);
    catalog_t *cat = p->cat;
    switch (def->kind) {
    case K_ZH:
    case K_EN: {
        catalog_text_t *t = text_at(base, def->off);
        char **dst = def->kind == K_ZH ? &t->zh : &t->en;
        if (!(*dst = dup_str(value)))
            return oom(p);
        return 0;
    }
    case K_ID:
        if (!valid_id(value))
            return bad_id(p, value);
        if (!(cat->station_id = dup_str(value)))
            return oom(p);
        return 0;
    case K_PHONE:
        if (!valid_phone(value))
            return fail(p, p->line,
                        "bad phone '%s' (digits, spaces, '+', '-', '(' and ')', "
                        "at most 32 bytes)",
                        shorten(value, sh));
        if (!(cat->station_phone = dup_str(value)))
            return oom(p);
        return 0;
    case K_CLOSED:
        if (p->sec == SEC_STATION)
            return parse_closed(p, value, &cat->closed, &cat->n_closed, &p->cap_station_closed);
        {
            catalog_service_t *svc = base;
            return parse_closed(p, value, &svc->closed, &svc->n_closed, &p->cap_cur_closed);
        }
    case K_CATEGORY:
        if (!valid_id(value))
            return bad_id(p, value);
        memcpy(p->refs[p->cur].id, value, strlen(value) + 1);
        p->refs[p->cur].line = p->line;
        return 0;
    case K_DURATION: {
        long d = parse_count(value, CAT_DURATION_MAX);
        if (d < 1)
            return fail(p, p->line, "duration '%s' must be a whole number of minutes, 1..%d",
                        shorten(value, sh), CAT_DURATION_MAX);
        ((catalog_service_t *)base)->duration = (int)d;
        return 0;
    }
    case K_SCHEDULE:
        return add_schedule(p, base, value);
    case K_QLINE:
        if (!valid_id(value))
            return bad_id(p, value);
        if (!(((catalog_service_t *)base)->queue_line = dup_str(value)))
            return oom(p);
        return 0;
    case K_LETTER:
        if (catalog_line_letter(value, &((catalog_line_t *)base)->letter))
            return fail(p, p->line, "letter '%s' must be one capital letter A..Z",
                        shorten(value, sh));
        return 0;
    case K_CAP:
        if (catalog_line_cap(value, &((catalog_line_t *)base)->cap))
            return fail(p, p->line, "cap '%s' must be a whole number of tickets a day, 1..%d",
                        shorten(value, sh), QUEUE_NUMBER_MAX);
        return 0;
    case K_FLAG:
        if (!eq_nocase(value, "yes") && !eq_nocase(value, "no"))
            return fail(p, p->line, "'%s' must be yes or no", def->name);
        *(int *)((char *)base + def->off) = eq_nocase(value, "yes");
        return 0;
    }
    return 0;
}

static int parse_line(parser_t *p, char *raw)
{
    char *s = trim(raw), sh[72];
    if (!*s || *s == '#' || *s == ';')
        return 0;
    if (*s == '[') {
        size_t n = strlen(s);
        if (s[n - 1] != ']')
            return fail(p, p->line, "section header must end with ']'");
        s[n - 1] = '\0';
        return open_section(p, s + 1);
    }
    char *eq = strchr(s, '=');
    if (!eq)
        return fail(p, p->line, "expected 'key = value' or a [section] header, not '%s'",
                    shorten(s, sh));
    *eq = '\0';
    char *key = trim(s), *value = trim(eq + 1);
    if (!*key)
        return fail(p, p->line, "missing key before '='");
    if (p->sec == SEC_NONE)
        return fail(p, p->line,
                    "key '%s' is outside any section (put [station], [category ID] or "
                    "[service ID] above it)",
                    shorten(key, sh));
    char why[256];
    if (p->sec == SEC_TERM && catalog_term_set(p->cat, p->cur, key, value, p->line, why, sizeof why))
        return fail(p, p->line, "%s", why);
    if (p->sec == SEC_TERM) /* t: the term's keys are catalog_terms.c's */
        return 0;
    return set_key(p, key, value);
}

/* Checks that need the whole file: presence of each kind of section and
 * the category references (categories may follow their services). */
static int finish_file(parser_t *p)
{
    catalog_t *cat = p->cat;
    if (finish_section(p))
        return -1;
    if (!p->station_line)
        return fail(p, 1, "no [station] section (the catalog needs one, with id and name)");
    if (cat->n_categories == 0)
        return fail(p, 1, "no [category ID] section (the catalog needs at least one)");
    if (cat->n_services == 0)
        return fail(p, 1, "no [service ID] section (the catalog needs at least one)");
    for (int i = 0; i < cat->n_services; i++) {
        const cat_ref_t *r = &p->refs[i];
        for (int c = 0; c < cat->n_categories; c++)
            if (strcmp(cat->categories[c].id, r->id) == 0)
                cat->services[i].category = c;
        if (cat->services[i].category < 0)
            return fail(p, r->line, "unknown category '%s' (no [category %s] in this file)", r->id,
                        r->id);
    }
    char why[256];
    int at = 0;
    if (catalog_lines_check(cat, &at, why, sizeof why) ||
        catalog_terms_check(cat, &at, why, sizeof why))
        return fail(p, at, "%s", why);
    /* An empty tile on the home screen leads residents nowhere. */
    for (int c = 0; c < cat->n_categories; c++) {
        int used = 0;
        for (int i = 0; i < cat->n_services && !used; i++)
            used = cat->services[i].category == c;
        if (!used)
            return fail(p, cat->categories[c].line, "category '%s' has no services",
                        cat->categories[c].id);
    }
    return 0;
}

int catalog_parse(const char *text, size_t len, const char *filename, catalog_t **out, char *err,
                  size_t errlen)
{
    parser_t p;
    char buf[CAT_LINE_MAX + 1];
    size_t pos = 0;

    memset(&p, 0, sizeof p);
    p.file = filename ? filename : "catalog";
    p.err = err;
    p.errlen = errlen;
    if (err && errlen)
        err[0] = '\0';
    if (out)
        *out = NULL;
    if (!out || (!text && len)) {
        fail(&p, 0, "no catalog to parse");
        return -1;
    }
    if (len > CATALOG_FILE_MAX) {
        fail(&p, 1, "catalog is larger than %d bytes", CATALOG_FILE_MAX);
        return -1;
    }
    p.cat = calloc(1, sizeof *p.cat);
    if (!p.cat) {
        oom(&p);
        return -1;
    }

    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3; /* Notepad's UTF-8 BOM */
    while (pos < len && !p.failed) {
        const char *start = text + pos;
        const char *nl = memchr(start, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - start) : len - pos;
        pos += n + (nl ? 1 : 0);
        p.line++;
        if (n && start[n - 1] == '\r')
            n--;
        if (n > CAT_LINE_MAX) {
            fail(&p, p.line, "line is %zu bytes long (at most %d)", n, CAT_LINE_MAX);
            break;
        }
        char why[96];
        if (catalog_text_check(start, n, why, sizeof why)) {
            fail(&p, p.line, "%s", why);
            break;
        }
        memcpy(buf, start, n);
        buf[n] = '\0';
        parse_line(&p, buf);
    }
    if (!p.failed)
        finish_file(&p);
    free(p.refs);
    if (p.failed) {
        catalog_destroy(p.cat);
        return -1;
    }
    *out = p.cat;
    return 0;
}
