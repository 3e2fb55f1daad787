/* brute_force.h - the brute-force optimum of a tiny problem (at most 16
 * jobs; every route of every slot tried in every order, then every split
 * of the jobs among the slots), against which the bounds are tested
 * (test_bound.c, test_solver_bound_soft.c, test_solver_trips.c), and the
 * solve whose bound those tests compare with it. Include after testlib.h. */
#ifndef FIELDPLAN_TESTS_BRUTE_FORCE_H
#define FIELDPLAN_TESTS_BRUTE_FORCE_H

#include <stdint.h>
#include <stdlib.h>

#include "model/problem.h"
#include "solver/context.h"
#include "solver/route.h"
#include "solver/solver.h"

/* Least travel of a route on slot k serving exactly the jobs of mask
 * (every order tried; INT64_MAX: none keeps the rules); with soft, least
 * cost of extension 2 (sv_route_cost: travel + lateness + overtime - bonus,
 * the balance left out). */
static inline int64_t best_route(const sv_ctx *c, int k, unsigned mask, int *perm, int m,
                                 int depth, sv_route *r, bool soft)
{
    if (depth == m && soft) {
        sv_route_cost_terms t;
        return sv_route_cost(c, k, perm, m, r, &t) ? t.cost : INT64_MAX;
    }
    if (depth == m) {
        double load = 0;
        for (int i = 0; i < m; i++) {
            if (!model_job_allows_technician(c->p, perm[i], c->slots[k].tech))
                return INT64_MAX;
            load += c->p->jobs[perm[i]].load;
        }
        if ((c->slots[k].cap > 0 && load > c->slots[k].cap) ||
            (c->slots[k].maxj >= 0 && m > c->slots[k].maxj))
            return INT64_MAX;
        r->slot = k;
        return sv_route_set_jobs(c, r, perm, m) ? r->travel : INT64_MAX;
    }
    int64_t best = INT64_MAX;
    for (int i = depth; i < m; i++) {
        int t = perm[depth];
        perm[depth] = perm[i];
        perm[i] = t;
        int64_t v = best_route(c, k, mask, perm, m, depth + 1, r, soft);
        best = v < best ? v : best;
        perm[i] = perm[depth];
        perm[depth] = t;
    }
    (void)mask;
    return best;
}

/* Per slot k and job set s: the least travel (soft: cost) of a route of k
 * serving exactly s (route[(k << n) + s]; 0 for the empty set, INT64_MAX:
 * none). */
static inline int64_t *route_table(const sv_ctx *c, bool soft)
{
    int n = c->p->njobs, ns = c->nslots;
    unsigned full = (1u << n) - 1;
    int64_t *route = malloc(sizeof *route * (size_t)ns << n);
    sv_route r = {0};
    for (int k = 0; k < ns; k++)
        for (unsigned s = 0; s <= full; s++) {
            int perm[16], m = 0;
            for (int j = 0; j < n; j++)
                if (s >> j & 1)
                    perm[m++] = j;
            route[((size_t)k << n) + s] = m == 0 ? 0 : best_route(c, k, s, perm, m, 0, &r, soft);
        }
    sv_route_free(&r);
    return route;
}

/* The brute-force optimum: least unassigned weight *w, and the least
 * travel (soft: cost of extension 2 without the balance term, which is >= 0)
 * among schedules whose unassigned weight is at most wmax (returned;
 * INT64_MAX when none). */
static inline int64_t brute_force_ex(const model_problem *p, int64_t wmax, int64_t *wbest,
                                     bool soft)
{
    solver_options opt = SOLVER_OPTIONS_INIT;
    sv_ctx c;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(sv_ctx_init(&c, p, &opt, &err), MODEL_OK);
    int n = p->njobs, ns = c.nslots;
    unsigned full = (1u << n) - 1;
    int64_t *route = route_table(&c, soft);
    int64_t *f = malloc(sizeof *f * (size_t)(ns + 1) << n);
    /* f[k][U]: least travel serving exactly U with slots k.. */
    for (unsigned u = 0; u <= full; u++)
        f[((size_t)ns << n) + u] = u == 0 ? 0 : INT64_MAX;
    for (int k = ns - 1; k >= 0; k--)
        for (unsigned u = 0; u <= full; u++) {
            int64_t best = INT64_MAX;
            for (unsigned s = u;; s = (s - 1) & u) {
                int64_t a = route[((size_t)k << n) + s], b = f[((size_t)(k + 1) << n) + (u & ~s)];
                if (a != INT64_MAX && b != INT64_MAX && a + b < best)
                    best = a + b;
                if (s == 0)
                    break;
            }
            f[((size_t)k << n) + u] = best;
        }
    int64_t travel = INT64_MAX;
    *wbest = INT64_MAX;
    for (unsigned u = 0; u <= full; u++) {
        if (f[u] == INT64_MAX)
            continue;
        int64_t w = 0;
        for (int j = 0; j < n; j++)
            if (!(u >> j & 1))
                w += model_job_weight(&p->jobs[j]);
        if (w < *wbest)
            *wbest = w;
        if (w <= wmax && f[u] < travel)
            travel = f[u];
    }
    free(route);
    free(f);
    sv_ctx_free(&c);
    return travel;
}

static inline int64_t brute_force(const model_problem *p, int64_t wmax, int64_t *wbest)
{
    return brute_force_ex(p, wmax, wbest, false);
}

/* p solved with its bound (share of the limit, prove), ending by
 * iterations and column generation rounds (iterations > 0; the limit only
 * guards), or by time (then converged early on small problems). */
static inline model_schedule *bound_solve(const model_problem *p, bool prove, double share,
                                          long iterations, double limit)
{
    solver_options opt = SOLVER_OPTIONS_INIT;
    opt.time_limit_s = limit;
    opt.max_iterations = iterations;
    opt.bound_share = share;
    opt.prove = prove;
    model_schedule *s = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(solver_solve(p, &opt, &s, NULL, &err), MODEL_OK);
    return s;
}

#endif
