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

/* Buckets times candidates squared at most for the completion bounds (a
 * second or so), beyond which a group is not enumerated. */
#define CG_ENUM_BOUND_WORK 3e8

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
    int *path;      /* the partial route (as long as the jobs at most) */
    unsigned char *on; /* per job: on the partial route (elementarity) */
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
 * buckets: the width is at most the least service duration). Cut (E->cut)
 * at the deadline. */
static void completion_bounds(enum_run *E)
{
    const sv_ctx *c = E->g->c;
    const sv_slot *s = E->s;
    for (int b = E->nb - 1; b >= 0 && !E->cut; b--) {
        if (sv_now() >= E->deadline)
            E->cut = true;
        for (int q = 0; q < E->ncand && !E->cut; q++) {
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
}

static void step_to(enum_run *E, int m, int k, int from, int64_t t, double load, int nbr,
                    double cost);

/* The partial route path[0..m) ends at job j, free at t; extends it. */
static void dfs(enum_run *E, int m, int j, int64_t t, double load, int nbr, double cost)
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
        if (E->count && (E->count->n += E->count->nnz ? m + 1 : 1) > E->count->max) {
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
    for (int q = 0; q < E->ncand; q++)
        if (!E->on[E->cand[q]])
            step_to(E, m, E->cand[q], lj, t, load, nbr, cost);
}

/* Extends path[0..m) (ending at location `from`, free at t, breaks nbr
 * taken) by job k: every placement of the breaks before it and every start
 * cg_late_starts allows, each then by dfs. */
static void step_to(enum_run *E, int m, int k, int from, int64_t t, double load, int nbr,
                    double cost)
{
    const sv_ctx *c = E->g->c;
    const sv_slot *s = E->s;
    const model_job *jk = &c->p->jobs[k];
    if (s->cap > 0 && load + jk->load > s->cap)
        return;
    int64_t st[CG_MAX_BREAKS + 1];
    cg_gap(c, s, from, t, nbr, k, s->nbr - nbr, st);
    double nc = cost + E->tf * (double)sv_travel(c, from, jk->location) - E->pi[k];
    E->path[m] = k;
    E->on[k] = 1;
    for (int nb = 0; nb <= s->nbr - nbr; nb++) {
        if (st[nb] == SV_INF)
            continue;
        int64_t at[CG_LATE_STARTS], ch[CG_LATE_STARTS];
        int nat = cg_late_starts(E->g, k, st[nb], E->charge, at, ch);
        for (int a = 0; a < nat; a++)
            dfs(E, m + 1, k, at[a] + jk->duration, load + jk->load, nbr + nb,
                nc + (double)ch[a]);
    }
    E->on[k] = 0;
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
    if (E.s->nbr > CG_MAX_BREAKS)
        return true;
    size_t nj = (size_t)(c->njobs ? c->njobs : 1);
    E.cand = malloc(nj * sizeof *E.cand);
    E.path = malloc(nj * sizeof *E.path);
    E.on = calloc(nj, 1);
    double *pib = g->bonus && cost ? malloc(nj * sizeof *pib) : NULL;
    bool ok = E.cand && E.path && E.on && (!g->bonus || !cost || pib);
    if (ok && pib) {
        cg_bonus_duals(g, gi, pi, pib);
        E.pi = pib;
    }
    int64_t mind = INT64_MAX, H = E.s->t1 - E.s->t0;
    for (int j = 0; ok && j < c->njobs; j++)
        if (g->g[gi].can[j]) {
            E.cand[E.ncand++] = j;
            if (c->p->jobs[j].duration < mind)
                mind = c->p->jobs[j].duration;
        }
    if (ok && (E.ncand == 0 || H <= 0 || E.s->maxj == 0)) {
        *complete = true; /* no route */
    } else if (ok) {
        E.w = H / 2000 + 1;
        if (E.w > mind)
            E.w = mind;
        E.nb = (int)(H / E.w) + 2;
        /* the completion bounds alone would be too much: incomplete */
        if ((double)E.nb * E.ncand * E.ncand <= CG_ENUM_BOUND_WORK) {
            E.B = malloc((size_t)c->njobs * (size_t)E.nb * sizeof *E.B);
            ok = E.B != NULL;
            if (ok)
                completion_bounds(&E);
            for (int q = 0; ok && q < E.ncand && !E.cut && !E.oom; q++)
                step_to(&E, 0, E.cand[q], E.s->sloc, E.s->t0, 0, 0, 0);
            *complete = ok && !E.cut && !E.oom;
            ok = ok && !E.oom;
        }
    }
    free(E.B);
    free(E.cand);
    free(E.path);
    free(E.on);
    free(pib);
    return ok;
}

bool cg_enumerate_gap(cg_ctx *g, int phase, const double *pi, const double *mu,
                      double threshold, long max_cols, bool nnz, double deadline, bool *complete)
{
    *complete = true;
    cg_enum_count count = {0, max_cols, nnz};
    for (int q = 0; *complete && q < g->ng; q++)
        if (!cg_enumerate(g, q, phase, pi, mu[q], threshold, 20000000L, &count, deadline,
                          complete))
            return false;
    return true;
}
