/* clock.h - the monotonic clock the use cases time their steps with. */
#ifndef FIELDPLAN_USECASE_CLOCK_H
#define FIELDPLAN_USECASE_CLOCK_H

/* Seconds on a monotonic clock (for differences only). */
double usecase_clock_now(void);

#endif
