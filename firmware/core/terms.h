/* Courses with terms (issue 20, 东山小学堂): a term of the catalog
 * ([term ID], catalog.h's catalog_term_t) as dated sessions, and the words
 * the screens and kioskctl say about an enrolment. Pure: no store. */
#ifndef CORE_TERMS_H
#define CORE_TERMS_H

#include "catalog.h"
#include "schedule.h"

/* The sessions of term t: its service's, on the dates from..to, closed days
 * excluded, in date and time order. The count and a malloc'd array in *out
 * (NULL when 0; the caller frees), or -1 when out of memory. */
int terms_sessions(const catalog_t *cat, const catalog_term_t *t, sched_session_t **out);

/* "第3次课 / 共12次" (en: "class 3 of 12") into out. */
void terms_class_of(int nth, int total, int en, char *out, size_t outlen);

/* The attendance rate as staff write it: "7/9"; "0/0" before any class. */
void terms_rate(int attended, int held, char *out, size_t outlen);

#endif
