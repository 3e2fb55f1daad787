/* clock.c - the use cases' monotonic clock (clock.h). */
#include <time.h>

#include "usecase/clock.h"

double usecase_clock_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
