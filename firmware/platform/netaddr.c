#include "netaddr.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>

int netaddr_ipv4(char *out, size_t outlen)
{
    struct ifaddrs *all = NULL;
    out[0] = '\0';
    if (getifaddrs(&all) != 0)
        return -1;
    int best = 0; /* 1: a link-local address, 2: any other */
    for (struct ifaddrs *i = all; i && best < 2; i = i->ifa_next) {
        if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || !(i->ifa_flags & IFF_UP) ||
            (i->ifa_flags & IFF_LOOPBACK))
            continue;
        const struct in_addr *a =
            &((const struct sockaddr_in *)(const void *)i->ifa_addr)->sin_addr;
        int rank = (ntohl(a->s_addr) >> 16) == 0xa9fe ? 1 : 2;
        char text[INET_ADDRSTRLEN];
        if (rank > best && inet_ntop(AF_INET, a, text, sizeof text)) {
            snprintf(out, outlen, "%s", text);
            best = rank;
        }
    }
    freeifaddrs(all);
    return best ? 0 : -1;
}
