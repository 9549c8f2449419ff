/* The kiosk's log: one line per event on stderr (the journal on a board).
 * Never pass personal data (phone numbers) to it. */
#ifndef PLATFORM_LOG_H
#define PLATFORM_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

/* Lines below this level are dropped (LOG_INFO by default). */
void log_set_level(enum log_level lvl);
__attribute__((format(printf, 2, 3))) void log_msg(enum log_level lvl, const char *fmt, ...);

/* The last lines logged (oldest first), for the technician screen: at
 * most max lines of up to 160 bytes. Returns how many. */
int log_tail(char lines[][160], int max);

#endif
