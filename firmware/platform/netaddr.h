/* The board's address on the station's network, for the technician screen
 * to say where staff reach the console (issue 18). */
#ifndef PLATFORM_NETADDR_H
#define PLATFORM_NETADDR_H

#include <stddef.h>

/* The IPv4 address of the first interface that is up and not loopback
 * ("192.168.1.20"), preferring one that is not link-local (169.254/16).
 * 0, or -1 (out "") when there is none. */
int netaddr_ipv4(char *out, size_t outlen);

#endif
