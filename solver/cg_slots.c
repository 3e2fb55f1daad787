/* cg_slots.c - what the slots can carry, shared by the bounds that count
 * routes (cg.h): the spanning forests (cg_tree.c) and the radial bound
 * (cg_radial.c) need the least number of slots that carry a set of jobs
 * by job limits, loads and work time; the forests and the round trips
 * (cg_trips.c) whether a job fits a span of time at all. */
#include <math.h>
#include <stdlib.h>

#include "solver/cg.h"

double cg_work_time(const sv_slot *s)
{
    double t = (double)(s->t1 - s->t0);
    for (int i = 0; i < s->nbr; i++)
        t -= (double)s->br[i].duration;
    return t > 0 ? t : 0;
}

int64_t cg_start_in(const sv_ctx *c, int u, int64_t after, int64_t t0, int64_t t1)
{
    int64_t s = sv_job_earliest(c, u, after > t0 ? after : t0);
    return s != SV_INF && s <= t1 - c->p->jobs[u].duration ? s : SV_INF;
}

static int cmp_desc(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a < b) - (a > b);
}

void cg_slot_capacities(const sv_ctx *c, double *pre[CG_CAPS], double *v)
{
    int ns = c->nslots;
    for (int m = 0; m < CG_CAPS; m++) {
        for (int k = 0; k < ns; k++) {
            const sv_slot *s = &c->slots[k];
            v[k] = m == CG_CAP_JOBS   ? (s->maxj >= 0 ? s->maxj : HUGE_VAL)
                   : m == CG_CAP_LOAD ? (s->cap > 0 ? s->cap : HUGE_VAL)
                                      : cg_work_time(s);
        }
        qsort(v, (size_t)ns, sizeof *v, cmp_desc);
        pre[m][0] = 0;
        for (int k = 0; k < ns; k++)
            pre[m][k + 1] = pre[m][k] + v[k];
    }
}

int cg_least_slots(const double *pre, int ns, double want)
{
    int lo = 0, hi = ns + 1; /* pre[lo] < want unless lo == 0 and want <= 0 */
    if (want <= 0)
        return 0;
    while (hi - lo > 1) {
        int mid = (lo + hi) / 2;
        if (pre[mid] >= want)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}
