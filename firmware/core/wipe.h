/* Zeroing that the compiler may not drop as a dead store: how typed phone
 * digits, ticket codes and keys leave memory. */
#ifndef CORE_WIPE_H
#define CORE_WIPE_H

#include <stddef.h>

void wipe_bytes(void *p, size_t n);

#endif
