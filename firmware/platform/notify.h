/* The systemd notify protocol, without libsystemd: datagrams to the socket
 * in $NOTIFY_SOCKET ("READY=1", "WATCHDOG=1", "STATUS=..."). Without the
 * variable (not under systemd) every call does nothing. */
#ifndef PLATFORM_NOTIFY_H
#define PLATFORM_NOTIFY_H

#include <stdint.h>

/* Sends one message; 0, or -1 when it could not be sent (ignored by callers:
 * the kiosk runs the same with or without a supervisor). */
int notify_send(const char *msg);

/* How often to send WATCHDOG=1, in ms: half of $WATCHDOG_USEC (when
 * $WATCHDOG_PID is unset or ours), or 0 when no watchdog is asked for. */
uint64_t notify_watchdog_interval_ms(void);

#endif
