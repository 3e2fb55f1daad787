/* cg_enum.c - route enumeration for proofs (cg.h): every elementary route
 * of a group whose reduced cost under converged duals is at most the gap
 * UB - LB. A schedule cheaper than UB uses only such routes (its cost is at
 * least LB plus the reduced costs of its routes), so the integer master
 * over them decides optimality.
 *
 * With preferred technicians (cg_ctx.bonus) a route costs its travel less
 * its bonuses: the group's bonus is added to each job's dual, as the
 * pricing does. A hard relaxation's lateness and overtime (cg_ctx.late,
 * ot) are charged at each path's earliest times, as the labelling charges
 * them: every placement of breaks is a path of its own, so the placement
 * that costs a column least (cg_soft_charge) is among them. The completion
 * bounds leave the charges out (they are >= 0).
 *
 * Depth-first from the start, each partial route pruned by a completion
 * bound computed backwards over time buckets (the least reduced cost of
 * any way to go on from a job at a time no earlier than the bucket's
 * start: breaks, load, job limits and elementarity left out, which only
 * lowers it, so no route within the threshold is pruned). Timing and
 * breaks forward are cg_gap's (a superset of FORMAT.md's routes). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/cg.h"

typedef struct enum_run {
    cg_ctx *g;
    int gi;
    const sv_slot *s;
    const double *pi;
    double mu, threshold;
    double tf;      /* 1: travel is the cost (CG_PH_COST); 0: the weight's */
    bool charge;    /* a relaxation's lateness and overtime (CG_PH_COST) */
    double *B;      /* njobs x nb completion bounds */
    int nb;
    int64_t w;
    int *cand, ncand;
    int path[64];
    long nodes, max_nodes;
    cg_enum_count *count; /* routes found, and how many may be (or NULL) */
    double deadline;
    bool cut, oom;
} enum_run;

static int bucket(const enum_run *E, int64_t t)
{
    int64_t b = (t - E->s->t0) / E->w;
    return b < 0 ? 0 : b >= E->nb ? E->nb - 1 : (int)b;
}

/* B[j][b] from the last bucket down (a job's successors end in later
 * buckets: the width is at most the least service duration). */
static void completion_bounds(enum_run *E)
{
    const sv_ctx *c = E->g->c;
    const sv_slot *s = E->s;
    for (int b = E->nb - 1; b >= 0; b--)
        for (int q = 0; q < E->ncand; q++) {
            int j = E->cand[q], lj = c->p->jobs[j].location;
            int64_t t = s->t0 + (int64_t)b * E->w;
            double best = HUGE_VAL;
            if (t + sv_travel(c, lj, s->eloc) <= s->t1)
                best = E->tf * (double)sv_travel(c, lj, s->eloc) - E->mu;
            for (int r = 0; r < E->ncand; r++) {
                int k = E->cand[r];
                if (k == j)
                    continue;
                const model_job *jk = &c->p->jobs[k];
                int64_t st = sv_job_earliest(c, k, t + sv_travel(c, lj, jk->location));
                if (st == SV_INF || st + jk->duration + sv_travel(c, jk->location, s->eloc) > s->t1)
                    continue;
                int bk = bucket(E, st + jk->duration);
                double v = E->tf * (double)sv_travel(c, lj, jk->location) - E->pi[k] +
                           E->B[(size_t)k * E->nb + bk];
                if (v < best)
                    best = v;
            }
            E->B[(size_t)j * E->nb + b] = best;
        }
}

/* The partial route path[0..m) ends at job j, free at t; extends it. */
static void dfs(enum_run *E, int m, int j, int64_t t, double load, int nbr, uint64_t seen,
                double cost)
{
    const sv_ctx *c = E->g->c;
    const sv_slot *s = E->s;
    if (E->cut || E->oom)
        return;
    if ((++E->nodes & 1023) == 0 && sv_now() >= E->deadline)
        E->cut = true;
    if (E->nodes > E->max_nodes)
        E->cut = true;
    if (E->cut)
        return;
    int lj = c->p->jobs[j].location;
    if (cost + E->B[(size_t)j * E->nb + bucket(E, t)] > E->threshold)
        return;
    if (nbr < s->nbr && t > s->br[nbr].latest)
        return;
    int64_t arr[CG_MAX_BREAKS + 1];
    cg_gap(c, s, lj, t, nbr, -1, s->nbr - nbr, arr);
    int64_t end = arr[s->nbr - nbr];
    bool closes = end != SV_INF && end <= s->t1;
    double over = closes && E->charge ? (double)cg_over_charge(E->g, (int)(s - c->slots), end) : 0;
    if (closes && cost + over + E->tf * (double)sv_travel(c, lj, s->eloc) - E->mu <= E->threshold) {
        int idx;
        if (E->count && ++E->count->n > E->count->max) {
            E->cut = true;
            return;
        }
        if (!cg_cols_add(E->g, E->gi, E->path, m, &idx)) {
            E->oom = true;
            return;
        }
    }
    if (s->maxj >= 0 && m >= s->maxj)
        return;
    for (int q = 0; q < E->ncand; q++) {
        int k = E->cand[q];
        if (seen >> k & 1)
            continue;
        const model_job *jk = &c->p->jobs[k];
        if (s->cap > 0 && load + jk->load > s->cap)
            continue;
        int64_t st[CG_MAX_BREAKS + 1];
        cg_gap(c, s, lj, t, nbr, k, s->nbr - nbr, st);
        double nc = cost + E->tf * (double)sv_travel(c, lj, jk->location) - E->pi[k];
        E->path[m] = k;
        for (int nb = 0; nb <= s->nbr - nbr; nb++) {
            if (st[nb] == SV_INF)
                continue;
            int64_t at[CG_LATE_STARTS], ch[CG_LATE_STARTS];
            int nat = cg_late_starts(E->g, k, st[nb], E->charge, at, ch);
            for (int a = 0; a < nat; a++)
                dfs(E, m + 1, k, at[a] + jk->duration, load + jk->load, nbr + nb,
                    seen | (uint64_t)1 << k, nc + (double)ch[a]);
        }
    }
}

bool cg_enumerate(cg_ctx *g, int gi, int phase, const double *pi, double mu, double threshold,
                  long max_nodes, cg_enum_count *count, double deadline, bool *complete)
{
    const sv_ctx *c = g->c;
    *complete = false;
    bool cost = phase == CG_PH_COST;
    enum_run E = {.g = g, .gi = gi, .s = &c->slots[g->g[gi].slot], .pi = pi, .mu = mu,
                  .threshold = threshold + 1e-6 * (fabs(threshold) > 1 ? fabs(threshold) : 1),
                  .tf = cost ? 1 : 0, .charge = cost,
                  .max_nodes = max_nodes, .count = count, .deadline = deadline};
    if (c->njobs > 64 || E.s->nbr > CG_MAX_BREAKS)
        return true;
    E.cand = malloc((size_t)(c->njobs ? c->njobs : 1) * sizeof *E.cand);
    double *pib = g->bonus && cost ? malloc((size_t)c->njobs * sizeof *pib) : NULL;
    if (!E.cand || (g->bonus && cost && !pib)) {
        free(E.cand);
        free(pib);
        return false;
    }
    if (pib) {
        cg_bonus_duals(g, gi, pi, pib);
        E.pi = pib;
    }
    int64_t mind = INT64_MAX, H = E.s->t1 - E.s->t0;
    for (int j = 0; j < c->njobs; j++)
        if (g->g[gi].can[j]) {
            E.cand[E.ncand++] = j;
            if (c->p->jobs[j].duration < mind)
                mind = c->p->jobs[j].duration;
        }
    if (E.ncand == 0 || H <= 0 || (E.s->maxj == 0)) {
        free(E.cand);
        free(pib);
        *complete = true;
        return true;
    }
    E.w = H / 2000 + 1;
    if (E.w > mind)
        E.w = mind;
    E.nb = (int)(H / E.w) + 2;
    E.B = malloc((size_t)c->njobs * (size_t)E.nb * sizeof *E.B);
    if (!E.B) {
        free(E.cand);
        free(pib);
        return false;
    }
    completion_bounds(&E);
    for (int q = 0; q < E.ncand && !E.cut && !E.oom; q++) {
        int k = E.cand[q];
        const model_job *jk = &c->p->jobs[k];
        if (E.s->cap > 0 && jk->load > E.s->cap)
            continue;
        int64_t st[CG_MAX_BREAKS + 1];
        cg_gap(c, E.s, E.s->sloc, E.s->t0, 0, k, E.s->nbr, st);
        E.path[0] = k;
        for (int nb = 0; nb <= E.s->nbr; nb++) {
            if (st[nb] == SV_INF)
                continue;
            int64_t at[CG_LATE_STARTS], ch[CG_LATE_STARTS];
            int nat = cg_late_starts(g, k, st[nb], E.charge, at, ch);
            for (int a = 0; a < nat; a++)
                dfs(&E, 1, k, at[a] + jk->duration, jk->load, nb, (uint64_t)1 << k,
                    E.tf * (double)sv_travel(c, E.s->sloc, jk->location) - E.pi[k] +
                        (double)ch[a]);
        }
    }
    *complete = !E.cut && !E.oom;
    free(E.B);
    free(E.cand);
    free(pib);
    return !E.oom;
}

bool cg_enumerate_gap(cg_ctx *g, int phase, const double *pi, const double *mu,
                      double threshold, long max_cols, double deadline, bool *complete)
{
    *complete = g->c->njobs <= 64;
    cg_enum_count count = {0, max_cols};
    for (int q = 0; *complete && q < g->ng; q++)
        if (!cg_enumerate(g, q, phase, pi, mu[q], threshold, 20000000L, &count, deadline,
                          complete))
            return false;
    return true;
}
