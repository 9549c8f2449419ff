/* The station's service catalog: categories, services and their weekly
 * schedules, parsed from the technician-editable text format documented in
 * assets/catalog/README.md.
 *
 * A catalog is loaded whole or not at all: any error leaves *out NULL and
 * names the first offending line as "FILE:LINE: message". The catalog_t owns
 * every string and array inside it; catalog_destroy frees them all. */
#ifndef CORE_CATALOG_H
#define CORE_CATALOG_H

#include <stddef.h>

#include "datetime.h"

/* Longest id (category, service) in bytes; ids are [a-z0-9_-], start with a letter or digit. */
#define CATALOG_ID_MAX 40

/* Biggest catalog in bytes that catalog_parse takes and catalog_load reads:
 * the demo station is about 30 KiB, so a bigger file is not a catalog. */
#define CATALOG_FILE_MAX (1024 * 1024)

/* Bounds on what one catalog may hold, far above any station's (the demo
 * station: 5 categories, 20 services, 40 schedules; a big street centre
 * perhaps 80 services). Each schedule gives at most one session a day, so
 * CATALOG_SCHEDULES_TOTAL_MAX bounds the sessions of a day. A bigger file
 * is a mistake or an attack: 1.4 million generated sessions once held the
 * write lock for minutes. docs/catalog limits: assets/catalog/README.md. */
#define CATALOG_CATEGORIES_MAX 100
#define CATALOG_SERVICES_MAX 500
#define CATALOG_SCHEDULES_TOTAL_MAX 1000
/* Sessions one import may generate over the booking horizon (checked at
 * import, where the horizon is known): a 14-day horizon of the biggest
 * real catalog is a few thousand. */
#define CATALOG_HORIZON_SESSIONS_MAX 20000

/* A text in the two languages of the kiosk. zh is always set (maybe ""); en
 * falls back to zh when the catalog gives no English. */
typedef struct catalog_text {
    char *zh;
    char *en;
} catalog_text_t;

typedef struct catalog_schedule {
    unsigned weekdays; /* bit (1 << wd), wd = 1 (Mon) .. 7 (Sun) */
    int start, end;    /* minutes of the day, start < end */
    int capacity;      /* persons per session, > 0 */
    dt_date_t from;    /* first date it applies; y == 0: no limit */
    dt_date_t until;   /* last date it applies; y == 0: no limit */
    int line;          /* where it stands in the file */
} catalog_schedule_t;

typedef struct catalog_category {
    char *id;
    catalog_text_t name;
    catalog_text_t summary; /* one line under the name on the home grid */
    int line;
} catalog_category_t;

/* A walk-in queue line (issue 19): [line ID] with its letter (the A of
 * A012, one line each), its name, and how many numbers it gives a day. */
typedef struct catalog_line {
    char *id;
    char letter; /* 'A'..'Z' */
    catalog_text_t name;
    int cap; /* numbers a day, 1..QUEUE_NUMBER_MAX (queue.h); the most when not given */
    int line;
} catalog_line_t;

typedef struct catalog_service {
    char *id;
    int category; /* index into catalog_t.categories */
    catalog_text_t name;
    catalog_text_t summary;     /* one line for lists */
    catalog_text_t description; /* what it is */
    catalog_text_t audience;    /* who it is for */
    catalog_text_t location;    /* where */
    catalog_text_t bring;       /* what to bring */
    int duration;               /* minutes one visit takes */
    /* sensitive = yes (child protection, family counselling, 精神慰藉):
     * never named on a ticket or to someone who knows only a phone
     * number (the screens' resident_name; docs/security.md). */
    int sensitive;
    /* The id of the [line] a resident joins when checking in a booking of
     * this service (line = ID); NULL: none, the check-in queues nobody. */
    char *queue_line;
    catalog_schedule_t *schedules;
    int n_schedules;
    dt_date_t *closed; /* dates without sessions of this service */
    int n_closed;
    int line;
} catalog_service_t;

/* t (issue 20): a term of a course, [term ID] (assets/catalog/README.md):
 * the sessions of its service from `from` to `to` (both included; closed
 * days excluded), enrolled as a whole. */
typedef struct catalog_term {
    char *id;
    int service; /* index into catalog_t.services (resolved after the file) */
    char service_id[CATALOG_ID_MAX + 1];
    catalog_text_t name; /* 2027年春季班 */
    dt_date_t from, to;
    int places;           /* children the term takes, 1..the capacity of each session */
    int age_min, age_max; /* ages = 6-12; 0 and 0: not given */
    int line;
    int key_line[7]; /* where each key was first seen (catalog_terms.c) */
} catalog_term_t;

typedef struct catalog {
    char *station_id;
    catalog_text_t station_name;
    catalog_text_t station_address;
    char *station_phone; /* the station's own number, shown to residents; may be "" */
    dt_date_t *closed;   /* station-wide closed dates (holidays) */
    int n_closed;
    catalog_category_t *categories; /* in file order */
    int n_categories;
    catalog_service_t *services; /* in file order */
    int n_services;
    catalog_line_t *lines; /* in file order; none: the station has no walk-in queue */
    int n_lines;
    catalog_term_t *terms; /* t: in file order; none: no course has terms */
    int n_terms;
} catalog_t;

/* Parses text[0..len) (need not be NUL-terminated). filename only names the
 * source in messages. Returns 0 and a new catalog in *out, or -1 with *out =
 * NULL and "FILE:LINE: message" in err (errlen bytes, always terminated). */
int catalog_parse(const char *text, size_t len, const char *filename, catalog_t **out, char *err,
                  size_t errlen);

/* Reads and parses a file; I/O errors are reported as "FILE: message". */
int catalog_load(const char *path, catalog_t **out, char *err, size_t errlen);

/* As catalog_load, and on success hands back in *text the very bytes that
 * were parsed (malloc'd, NUL-terminated; the caller frees), so what is
 * stored is what was validated even if the file changes meanwhile. */
int catalog_load_source(const char *path, catalog_t **out, char **text, char *err, size_t errlen);

/* Safe on NULL. */
void catalog_destroy(catalog_t *cat);

/* Lookups by id; NULL when absent. Returned pointers live as long as cat. */
const catalog_category_t *catalog_find_category(const catalog_t *cat, const char *id);
const catalog_service_t *catalog_find_service(const catalog_t *cat, const char *id);

/* NULL when absent. */
const catalog_line_t *catalog_find_line(const catalog_t *cat, const char *id);

/* t: a term by id, or NULL. */
const catalog_term_t *catalog_find_term(const catalog_t *cat, const char *id);

/* The text in the wanted language (en != 0: English, falling back to Chinese). */
const char *catalog_str(const catalog_text_t *t, int en);
/* A service's name wherever a resident's booking is shown, printed or said
 * (issue 16): a sensitive service, or none (withdrawn from the catalog: its
 * sensitivity is no longer known), is 预约服务 / Appointment, never named;
 * the staff screens and kioskctl name it. */
const char *catalog_resident_name(const catalog_service_t *sv, int en);
/* i16checkin: what to bring, wherever catalog_resident_name is used (the
 * ticket screen and slip, 我的预约, the check-in welcome). What to bring
 * can betray a sensitive service as well as its name ("the child's
 * diagnosis", "papers about the dispute"), so a sensitive service (or
 * none) has a neutral line pointing back to the service's page and the
 * staff; the staff screens show the catalog's. "" when there is nothing. */
const char *catalog_resident_bring(const catalog_service_t *sv, int en);

/* 1 when the service has no session on date d (station or service closed date). */
int catalog_is_closed(const catalog_t *cat, const catalog_service_t *svc, dt_date_t d);

#endif
