#include "wipe.h"

#include <string.h>

void wipe_bytes(void *p, size_t n)
{
    /* explicit_bzero (glibc 2.25, musl 1.1.20) is memset that the compiler
     * may not drop; a volatile byte loop was as safe but about 30 times
     * slower, which showed on the text surfaces wiped after each render. */
    if (p && n)
        explicit_bzero(p, n);
}
