/* The station's wall clock, read in one place: everything else takes time
 * as an argument. */
#ifndef PLATFORM_CLOCK_H
#define PLATFORM_CLOCK_H

/* Local wall-clock time now, as a minute stamp (core/datetime.h). */
long long clock_now_stamp(void);
/* The same to the second: minute stamp * 60 + second (the staff login
 * throttle's time). */
long long clock_now_seconds(void);

#endif
