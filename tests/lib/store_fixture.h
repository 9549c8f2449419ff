/* The store tests' one fixture (fx_): a temporary directory for their
 * files, stamps, ticket code generators, a store created with a catalog
 * imported, and a plain sqlite3 connection such as a staff member's shell.
 * tests/lib/ is linked into every test but the pure core's and into the
 * benches (TESTLIB_OBJ in the Makefile). Failures are told on stderr. */
#ifndef TESTS_LIB_STORE_FIXTURE_H
#define TESTS_LIB_STORE_FIXTURE_H

#include <stddef.h>

#include <sqlite3.h>

#include "../../firmware/core/catalog.h"
#include "../../firmware/core/rules.h"
#include "../../firmware/store/store.h"

#define FX_PATH_MAX 256

#define FX_STR_(x) #x
#define FX_STR(x) FX_STR_(x)
/* The demo catalog of the store tests, with S2_SEATS seats in s2: station
 * "test"; 2026-11-30 is a Monday; s1 (category c1, 3 seats) runs on
 * Tuesdays at 09:00, s2 (c2) every day at 14:00. */
#define FX_CATALOG(s2_seats)                                                                       \
    "[station]\n"                                                                                  \
    "id = test\n"                                                                                  \
    "name = 测试站\n"                                                                           \
    "[category c1]\n"                                                                              \
    "name = 儿童保护\n"                                                                        \
    "[category c2]\n"                                                                              \
    "name = 养老服务\n"                                                                        \
    "[service s1]\n"                                                                               \
    "category = c1\n"                                                                              \
    "name = 小小主播\n"                                                                        \
    "name_en = Little Anchors\n"                                                                   \
    "description = 练习朗读和主持\n"                                                        \
    "audience = 6-12岁儿童\n"                                                                   \
    "location = 二楼活动室\n"                                                                 \
    "duration = 60\n"                                                                              \
    "schedule = Tue 09:00-10:00 3\n"                                                               \
    "[service s2]\n"                                                                               \
    "category = c2\n"                                                                              \
    "name = 康养咨询\n"                                                                        \
    "name_en = Wellness consultation\n"                                                            \
    "description = 一对一健康咨询\n"                                                        \
    "audience = 60岁以上老人\n"                                                               \
    "location = 一楼咨询室\n"                                                                 \
    "duration = 60\n"                                                                              \
    "schedule = Mon-Sun 14:00-15:00 " FX_STR(s2_seats) "\n"

/* t (issue 20): SQL that takes a file of this build's schema back to 8:
 * what schema 9 (courses with terms) added, dropped. */
#define FX_BEFORE_V9                                                                               \
    "DROP INDEX bookings_enrolment; ALTER TABLE bookings DROP COLUMN enrolment;"                   \
    " DROP TABLE enrolments; DROP TABLE terms;"
/* SQL that takes a file of this build's schema back to 7: what schema 8
 * (the walk-in queue) added, dropped (after 11's, 10's and 9's); for tests that make older files. */
/* issue 20 (F): what schema 11 added (好差评), gone again, for a file made
 * as an older release made it. */
#define FX_BEFORE_V11                                                                              \
    "DROP TABLE ratings; DROP INDEX bookings_rate_prompt;"                                         \
    " ALTER TABLE bookings DROP COLUMN rate_prompt_at; ALTER TABLE bookings DROP COLUMN rated;"
/* i20wait: a file from before schema 10 (the waitlist). */
#define FX_BEFORE_V10 "DROP TABLE waitlist;"
#define FX_BEFORE_V8                                                                               \
    FX_BEFORE_V11 " " FX_BEFORE_V10 " " FX_BEFORE_V9                                               \
    " DROP TABLE queue_events; DROP TABLE queue_tickets; DROP TABLE queue_days;"                    \
    " DROP TABLE queue_lines; ALTER TABLE services DROP COLUMN queue_line;"
/* Makes the directory /tmp/PREFIX-XXXXXX (in /dev/shm instead when ram and
 * it can be written: the crash rounds want speed, not a disk). 0, or -1. */
int fx_dir_make(const char *prefix, int ram);
/* Uses dir as it is (a bench's directory given on the command line): 0,
 * or -1 when it is too long. */
int fx_dir_use(const char *dir);
const char *fx_dir(void);
/* dir/name into out. */
void fx_path(char out[FX_PATH_MAX], const char *name);
/* Removes the files in the directory, then the directory. */
void fx_dir_remove(void);

/* "YYYY-MM-DD HH:MM" as a dt_stamp; a malformed one aborts the test. */
long long fx_at(const char *stamp);

/* A store_codegen_fn: distinct codes in the ticket alphabet, the letter
 * and a counter in the digits 2-9. ctx is an fx_gen_t, or NULL for one
 * shared counter behind the letter T. */
typedef struct fx_gen {
    char letter;
    unsigned n;
} fx_gen_t;
int fx_gen(void *ctx, char out[KIOSK_TICKET_SIZE]);

/* A catalog of services s000.. (category c1), each with per_service
 * schedules of 20-minute sessions on the days DAYS ("Mon-Fri") from 07:00
 * (per_service at most 50): services * per_service sessions on each of
 * those days. malloc'd text (the caller frees), NULL when out of memory. */
char *fx_wide_catalog(int services, int per_service, const char *days);

/* The catalog text, parsed (source names it in errors); NULL when it does not parse. */
catalog_t *fx_parse(const char *text, const char *source);
/* text parsed and imported at now: the store's code, or -99 when it does not parse. */
int fx_import(store_t *st, const char *text, const char *source, long long now, const rules_t *r);
/* The fixture directory's file name opened with flags; NULL on failure. */
store_t *fx_open(const char *name, int flags);
/* name created (STORE_OPEN_CREATE) with text imported at now; NULL on failure. */
store_t *fx_store(const char *name, const char *text, const char *source, long long now,
                  const rules_t *r);

/* name opened with SQLITE_OPEN_* flags and a 5 s busy timeout, as the
 * sqlite3 shell would have it: NULL on failure. */
sqlite3 *fx_raw_open(const char *name, int flags);
/* The first column of the first row: an integer (-999 on error), or text
 * ("(null)" for NULL, "(error: ...)"). */
long long fx_raw_int(sqlite3 *db, const char *sql);
void fx_raw_text(sqlite3 *db, const char *sql, char *out, size_t size);

#endif
