/* Shared by core/speech.c, core/speech_prompt.c and core/speech_queue.c only. */
#ifndef CORE_SPEECH_INT_H
#define CORE_SPEECH_INT_H

#include <stddef.h>

#include "flow.h"
#include "strings.h"

/* Appends len bytes of s to the string in out (n bytes), cut at a UTF-8
 * character boundary; out stays NUL-terminated. */
void speech_append(char *out, size_t n, const char *s, size_t len);

/* A sentence: s and a full stop unless it ends one (speech_prompt.c). */
void speech_sentence(char *out, size_t n, const char *s, int en);
/* The same of the string id with its %d replaced by v. */
void speech_sentence_int(char *out, size_t n, str_id_t id, int en, int v);

/* w (issue 19, speech_queue.c): the walk-in queue's screens (1: s shows
 * one of them, its prompt appended to out), and the queue number a
 * check-in gave ("" for none), appended. */
int speech_queue_prompt(const flow_state_t *s, char *out, size_t n);
void speech_checkin_queue(const flow_state_t *s, char *out, size_t n);
/* issue 20 (F, speech_rate.c): the 好差评 screens (1: s shows one of
 * them, its prompt appended to out). */
int speech_rate_prompt(const flow_state_t *s, char *out, size_t n);

#endif
