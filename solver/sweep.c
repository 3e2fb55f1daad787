/* sweep.c - the first schedule of a large problem (sv_ctx.large): a sweep.
 *
 * The jobs are ordered by their angle around the jobs' centre; each
 * technician owns a sector of that order, and each of its shifts is
 * filled from the open jobs of its sector (the next few sectors too),
 * higher priorities first, each at its cheapest position, until the route
 * is full. A step costs O(sector x route length), independent of the
 * number of slots, so the whole sweep is about linear in jobs. Which slots
 * can serve a job is learnt on the way (sv_set_compat records at most
 * SV_LARGE_CANDS per job): jobs the sweep never looked at have no
 * candidates and stay unassigned. The clock is read after every shift:
 * at the deadline the sweep stops with the routes built so far. */
#include <math.h>
#include <stdlib.h>

#include "solver/search.h"

/* The jobs in sweep order: by angle around their centre (input order when
 * some job has no coordinates). */
static bool sweep_order(const sv_ctx *c, int *ord)
{
    const model_problem *p = c->p;
    int n = c->njobs;
    sv_ranked *it = malloc((size_t)n * sizeof *it);
    if (!it)
        return false;
    bool coords = true;
    double cx = 0, cy = 0;
    for (int u = 0; u < n && coords; u++) {
        const model_location *l = &p->locations[p->jobs[u].location];
        coords = l->has_coords;
        cx += l->lon * cos(l->lat * 0.017453292519943295);
        cy += l->lat;
    }
    cx /= n;
    cy /= n;
    for (int u = 0; u < n; u++) {
        const model_location *l = &p->locations[p->jobs[u].location];
        double x = l->lon * cos(l->lat * 0.017453292519943295) - cx, y = l->lat - cy;
        it[u] = (sv_ranked){coords ? atan2(y, x) : (double)u, u};
    }
    sv_rank(it, n);
    for (int i = 0; i < n; i++)
        ord[i] = it[i].u;
    free(it);
    return true;
}

/* The job's start windows can meet the slot's shift at all (a cheap test
 * before the exact one). */
static bool may_overlap(const sv_ctx *c, int u, const sv_slot *sl)
{
    const sv_win *w = c->win + c->win_off[u];
    int64_t dur = c->p->jobs[u].duration;
    for (int q = 0; q < c->win_n[u]; q++)
        if (w[q].s <= sl->t1 - dur && w[q].e >= sl->t0)
            return true;
    return false;
}

static int cmp_priority(const void *a, const void *b)
{
    const sv_ranked *x = a, *y = b;
    if (x->key != y->key)
        return x->key > y->key ? -1 : 1;
    return 0;
}

/* Fills slot k from the open jobs at ord[from..from+span) (wrapping) that
 * may fit, higher priorities first, until the route is full or a few times
 * its job limit of them did not fit (a bound on the work per shift). */
static bool fill_slot(sv_ctx *c, sv_sol *s, int k, const int *ord, long from, long span,
                      sv_ranked *pick)
{
    const sv_slot *sl = &c->slots[k];
    int n = c->njobs, m = 0, fails = 0;
    int budget = sl->maxj >= 0 && sl->maxj < 1000 ? 4 * sl->maxj + 8 : 4096;
    for (long i = 0; i < span && m < 4096; i++) {
        int u = ord[(from + i) % n];
        if (s->where[u] < 0 && c->win_n[u] > 0 && may_overlap(c, u, sl))
            pick[m++] = (sv_ranked){(double)c->p->jobs[u].priority, u};
    }
    /* stable: qsort is not, so the sweep position breaks ties */
    for (int i = 0; i < m; i++)
        pick[i].key = pick[i].key * 4.0 * n + (double)(m - i);
    qsort(pick, (size_t)m, sizeof *pick, cmp_priority);
    for (int i = 0; i < m && fails <= budget; i++) {
        if (sl->maxj >= 0 && s->r[k].njobs >= sl->maxj)
            break;
        int u = pick[i].u, pos;
        int64_t cost;
        if (!model_job_allows_technician(c->p, u, sl->tech))
            continue;
        if (!sv_set_compat(c, u, k, true) ||
            !sv_best_in_route(c, &s->r[k], u, SV_INF, 0, NULL, &pos, &cost)) {
            fails++;
            continue;
        }
        if (!sv_sol_insert(c, s, u, k, pos))
            return false;
    }
    return true;
}

bool sv_sweep_construct(sv_ctx *c, sv_sol *s, double deadline, sv_tick_fn tick, void *tick_ctx)
{
    int n = c->njobs, nt = c->p->ntechnicians;
    if (n == 0 || c->nslots == 0)
        return true;
    int *ord = malloc((size_t)n * sizeof *ord);
    sv_ranked *pick = malloc(4096 * sizeof *pick);
    bool ok = ord && pick && sweep_order(c, ord);
    /* a technician's sector, and how far past it a shift looks */
    long sector = (n + nt - 1) / (nt ? nt : 1), span = 3 * sector;
    if (span < 64)
        span = 64;
    if (span > 4096)
        span = 4096;
    if (span > n)
        span = n;
    for (int k = 0; ok && k < c->nslots; k++) {
        if (sv_now() >= deadline) {
            s->time_cut = true;
            break;
        }
        long from = (long)c->slots[k].tech * n / (nt ? nt : 1);
        ok = fill_slot(c, s, k, ord, from, span, pick);
        if (tick)
            tick(tick_ctx, s);
    }
    free(ord);
    free(pick);
    return ok;
}
