/* cg_radial.c - a travel bound from the jobs' distances to the shifts'
 * starts and ends (cg.h cg_radial_bound), for field problems' many short
 * routes, where the spanning forests (cg_tree.c) are weak: they may enter
 * k routes at the k jobs nearest the depots, where every route of a
 * real schedule drives out to its own jobs and back.
 *
 * r_j: the least, over the groups that may serve job j in their shift, of
 * the shortest path from the group's start to j plus that from j to its
 * end (shortest paths over the jobs' locations, so that no triangle
 * inequality of the travel matrix is assumed). A route that serves j
 * drives at least r_j, so at least m_r, the largest r_j of its jobs, and
 * the travel of a schedule is at least
 *   sum_r m_r = integral over x >= 0 of #{routes r: m_r > x}.
 * The routes with m_r > x serve every job with r_j > x; each serves less
 * than W_s - x of them (its slot's span less breaks, which a shift that
 * serves a job takes in full, less its travel; cg_work_time), at most its
 * job limit and its load limit of them, and each has a slot of its own.
 * So #{r: m_r > x} is at least the least k for which k slots carry those
 * jobs by each measure, the k largest of each; the integral of that least
 * k, piecewise constant, is the bound. Its work is sorting the jobs and the
 * shortest paths, and it needs every servable job served (the forests'
 * condition). It ignores the travel between a route's jobs and their
 * windows, so it is weak where routes are long (Solomon's type 2) and
 * strong where they are short and far from the depots (gen_field's days
 * of five jobs: 2000x100x5 815,520 s where the forests give about 405,000,
 * benchmarks/results-bound.txt). */
#include <math.h>
#include <stdlib.h>

#include "solver/cg.h"

/* Per job (n of them, ids id[]): r_j into r. false: a job with no group
 * that has time for it, the work too much, or no memory. */
static bool round_trips(const cg_ctx *g, const int *id, int n, double *r)
{
    cg_trips T;
    if (!cg_trips_init(&T, g, id, n))
        return false;
    bool ok = true;
    for (int j = 0; ok && j < n; j++) {
        r[j] = HUGE_VAL;
        for (int q = 0; q < g->ng; q++)
            r[j] = fmin(r[j], cg_trip(&T, g, q, id[j]));
        ok = isfinite(r[j]);
    }
    cg_trips_free(&T);
    return ok;
}

/* The integral over (a, b] of the routes needed there: the least k whose
 * k longest work times (w, the longest first, prefix sums pre), each less
 * x, exceed the service D (a route with m_r > x serves less than W_s - x),
 * and at least kfix. -1: none suffice somewhere. */
static double integrate(const double *w, const double *pre, int ns, double D, int kfix,
                        double a, double b)
{
    double sum = 0, x = a;
    int k = 1;
    while (x < b) {
        double end = b;
        int kt = 0;
        if (D > 0) {
            /* the least k with pre[k] - k x > D just right of x: its k
             * largest terms all positive */
            while (!(k <= ns && w[k - 1] > x && pre[k] - k * x > D)) {
                if (k > ns || w[k - 1] <= x)
                    return -1;
                k++;
            }
            kt = k;
            end = fmin(b, (pre[k] - D) / k); /* k suffice up to there */
            k++; /* and no further */
        }
        if (end > x)
            sum += (kt > kfix ? kt : kfix) * (end - x);
        x = fmax(x, end);
        if (D <= 0)
            break;
    }
    return sum;
}

typedef struct radial_job {
    double r, dur, load;
} radial_job;

static int cmp_job(const void *x, const void *y)
{
    const radial_job *a = x, *b = y;
    return (a->r < b->r) - (a->r > b->r);
}

double cg_radial_bound(const cg_ctx *g)
{
    const sv_ctx *c = g->c;
    int ns = c->nslots, n = 0;
    int *id = malloc((size_t)(c->njobs ? c->njobs : 1) * sizeof *id);
    double *r = malloc((size_t)(c->njobs ? c->njobs : 1) * sizeof *r);
    radial_job *J = malloc((size_t)(c->njobs ? c->njobs : 1) * sizeof *J);
    double *w = malloc((size_t)(ns ? ns : 1) * sizeof *w), *pre[CG_CAPS];
    for (int m = 0; m < CG_CAPS; m++)
        pre[m] = malloc((size_t)(ns + 1) * sizeof *pre[m]);
    bool ok = id && r && J && w && pre[CG_CAP_JOBS] && pre[CG_CAP_LOAD] && pre[CG_CAP_TIME] &&
              ns > 0;
    for (int j = 0; ok && j < c->njobs; j++)
        if (cg_servable(g, j))
            id[n++] = j;
    ok = ok && n > 0 && round_trips(g, id, n, r);
    if (ok) /* w: the work times, the longest first */
        cg_slot_capacities(c, pre, w);
    double lb = 0;
    if (ok) {
        for (int j = 0; j < n; j++)
            J[j] = (radial_job){r[j], (double)c->p->jobs[id[j]].duration,
                                c->p->jobs[id[j]].load};
        qsort(J, (size_t)n, sizeof *J, cmp_job);
        double D = 0, load = 0;
        for (int i = 0; i < n && ok;) {
            double hi = J[i].r;
            while (i < n && J[i].r == hi) {
                D += J[i].dur;
                load += J[i].load;
                i++;
            }
            double lo = i < n ? J[i].r : 0;
            /* on (lo, hi]: the jobs of r_j >= hi are those of r_j > x */
            int kfix = cg_least_slots(pre[CG_CAP_JOBS], ns, (double)i),
                kl = cg_least_slots(pre[CG_CAP_LOAD], ns, load);
            kfix = kl > kfix ? kl : kfix;
            double part = kfix > ns ? -1 : integrate(w, pre[CG_CAP_TIME], ns, D, kfix, lo, hi);
            if (part < 0)
                ok = false; /* the slots cannot carry them: no schedule does */
            else
                lb += part;
        }
    }
    free(id);
    free(r);
    free(J);
    free(w);
    for (int m = 0; m < CG_CAPS; m++)
        free(pre[m]);
    return ok ? lb : 0;
}
