/* cg_fallback.c - bounds that need no LP (cg.h): the travel of each job's
 * cheapest entry and exit, and the weight of the jobs no technician-shift
 * may serve or no job limit leaves room for. They stand in when no exact
 * pricing of cg_bound.c completes in time. */
#include <math.h>
#include <stdlib.h>

#include "solver/cg.h"

int64_t cg_round_up(double lb)
{
    double tol = 1e-6 * (fabs(lb) > 1 ? fabs(lb) : 1);
    return (int64_t)ceil(lb - tol);
}

/* A bound that needs no LP: every served job is entered from somewhere and
 * left to somewhere; the jobs left out (weight <= W) can save at most the
 * fractional knapsack of their cheapest entries. */
int64_t cg_fallback_cost(const cg_ctx *g, int64_t W)
{
    const sv_ctx *c = g->c;
    int n = c->njobs;
    double *in = malloc((size_t)(n ? n : 1) * sizeof *in);
    double *out = malloc((size_t)(n ? n : 1) * sizeof *out);
    int *ord = malloc((size_t)(n ? n : 1) * sizeof *ord);
    int64_t best = 0;
    if (!in || !out || !ord || (double)n * n > 2.5e7)
        goto done;
    for (int j = 0; j < n; j++) {
        int lj = c->p->jobs[j].location;
        double a = HUGE_VAL, b = HUGE_VAL;
        for (int q = 0; q < g->ng; q++) {
            const sv_slot *s = &c->slots[g->g[q].slot];
            if (!g->g[q].can[j])
                continue;
            a = fmin(a, sv_travel(c, s->sloc, lj));
            b = fmin(b, sv_travel(c, lj, s->eloc));
        }
        for (int i = 0; i < n; i++) {
            if (i == j)
                continue;
            int li = c->p->jobs[i].location;
            a = fmin(a, sv_travel(c, li, lj));
            b = fmin(b, sv_travel(c, lj, li));
        }
        in[j] = isfinite(a) ? a : 0;
        out[j] = isfinite(b) ? b : 0;
    }
    for (int pass = 0; pass < 2; pass++) {
        double *v = pass ? out : in, total = 0;
        for (int j = 0; j < n; j++) {
            total += v[j];
            ord[j] = j;
        }
        /* the most saving per unit of weight first (insertion sort: n is small here) */
        for (int a = 1; a < n; a++)
            for (int b = a; b > 0 && v[ord[b]] * (double)g->w[ord[b - 1]] >
                                         v[ord[b - 1]] * (double)g->w[ord[b]]; b--) {
                int t = ord[b];
                ord[b] = ord[b - 1];
                ord[b - 1] = t;
            }
        double room = (double)W;
        for (int q = 0; q < n && room > 0; q++) {
            double w = (double)g->w[ord[q]], take = w <= room ? 1 : room / w;
            total -= take * v[ord[q]];
            room -= take * w;
        }
        int64_t lb = cg_round_up(total);
        if (lb > best)
            best = lb;
    }
done:
    free(in);
    free(out);
    free(ord);
    return best > 0 ? best : 0;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

bool cg_servable(const cg_ctx *g, int j)
{
    for (int q = 0; q < g->ng; q++)
        if (g->g[q].can[j])
            return true;
    return false;
}

int64_t cg_forced_weight(const cg_ctx *g)
{
    int64_t w = 0;
    for (int j = 0; j < g->c->njobs; j++)
        if (!cg_servable(g, j))
            w += g->w[j];
    return w;
}

/* A weight bound that needs no LP: jobs no group may serve (rule 1) are
 * unassigned, and when the groups' job limits leave room for fewer jobs
 * than the rest, the lightest of the rest fill the difference. */
int64_t cg_fallback_weight(const cg_ctx *g)
{
    const sv_ctx *c = g->c;
    int64_t lb = 0, room = 0, n = 0;
    int64_t *w = malloc((size_t)(c->njobs ? c->njobs : 1) * sizeof *w);
    if (!w)
        return 0;
    bool unlimited = false;
    for (int q = 0; q < g->ng; q++) {
        int maxj = c->slots[g->g[q].slot].maxj;
        if (maxj < 0)
            unlimited = true;
        else
            room += (int64_t)maxj * g->g[q].count;
    }
    for (int j = 0; j < c->njobs; j++) {
        if (cg_servable(g, j))
            w[n++] = g->w[j];
        else
            lb += g->w[j];
    }
    if (!unlimited && n > room) {
        qsort(w, (size_t)n, sizeof *w, cmp_i64);
        for (int64_t i = 0; i < n - room; i++)
            lb += w[i];
    }
    free(w);
    return lb;
}
