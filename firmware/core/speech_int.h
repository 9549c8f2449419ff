/* Shared by core/speech.c and core/speech_prompt.c only. */
#ifndef CORE_SPEECH_INT_H
#define CORE_SPEECH_INT_H

#include <stddef.h>

/* Appends len bytes of s to the string in out (n bytes), cut at a UTF-8
 * character boundary; out stays NUL-terminated. */
void speech_append(char *out, size_t n, const char *s, size_t len);

#endif
