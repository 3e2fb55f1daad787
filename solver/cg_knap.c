/* cg_knap.c - a weight bound from the shifts' time (cg.h cg_knap_weight),
 * for days with more jobs than the technicians can serve, where the
 * column generation's weight phase seldom finishes an exact pricing.
 *
 * A route of slot s serves jobs S with service D = sum of their durations
 * and drives at least the largest round trip r_sj of its jobs (cg_trip), so
 * at least their mean weighted by duration, A / D with A = sum r_sj d_j;
 * D + A / D <= W_s (its work time, cg_work_time) and D <= W_s give
 *   sum_{j in S} d_j (1 + r_sj / W_s) <= W_s,
 * a knapsack in each route. With the job limits and loads, summed over a
 * group's identical slots, this is the LP
 *   max sum_j w_j sum_q x_qj
 *   s.t. sum_q x_qj <= 1                            (job j; pi_j)
 *        sum_j d_j (1 + r_qj / W_q) x_qj <= n_q W_q   (group q's time)
 *        sum_j x_qj <= n_q maxj_q,  sum_j l_j x_qj <= n_q cap_q
 *                                                     (gamma_q, delta_q)
 *        0 <= x_qj <= 1,
 * solved by GLPK's simplex. Its value is not trusted: at its duals
 * (clipped to >= 0) the Lagrangian
 *   sum_j pi_j + sum_q n_q (maxj_q gamma_q + cap_q delta_q) + sum_q KP_q,
 * KP_q the fractional knapsack of profits w_j - pi_j - gamma_q - l_j
 * delta_q in group q's time, bounds the weight any schedule serves, for any
 * such duals; the weight left is at least the jobs' less that. On
 * gen_field's 200x10x2 (20 shifts, 200 jobs of about an hour) it gives
 * 51-57 where the count of jobs no one may serve gives 42-43
 * (benchmarks/results-bound.txt, eleventh session). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/cg.h"
#include "solver/mip.h"

/* Non-zeros of the LP at most (its columns are the pairs of a group and a
 * job it may serve). */
#define KNAP_MAX_PAIRS 2000000

typedef struct knap_run {
    const cg_ctx *g;
    int n, np;        /* jobs; pairs */
    int *pj, *pq;     /* per pair: its job and group */
    double *pa;       /* per pair: d_j (1 + r_qj / W_q) */
    double *W;        /* per group: its slots' work time */
    double *pi, *gam, *del; /* duals: per job, per group (count, load) */
    double seconds;   /* the LP's time limit */
} knap_run;

/* The LP (inside sv_mip_guarded): 1 with the duals in K, 0 without. */
static int solve(void *arg)
{
    knap_run *K = arg;
    const cg_ctx *g = K->g;
    int n = K->n, ng = g->ng;
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    glp_add_rows(lp, n + 3 * ng);
    for (int j = 0; j < n; j++)
        glp_set_row_bnds(lp, j + 1, GLP_UP, 0, 1);
    for (int q = 0; q < ng; q++) {
        const sv_slot *s = &g->c->slots[g->g[q].slot];
        double cnt = g->g[q].count;
        glp_set_row_bnds(lp, n + 3 * q + 1, GLP_UP, 0, cnt * K->W[q]);
        if (s->maxj >= 0)
            glp_set_row_bnds(lp, n + 3 * q + 2, GLP_UP, 0, cnt * s->maxj);
        if (s->cap > 0)
            glp_set_row_bnds(lp, n + 3 * q + 3, GLP_UP, 0, cnt * s->cap);
    }
    glp_add_cols(lp, K->np);
    for (int p = 0; p < K->np; p++) {
        int j = K->pj[p], q = K->pq[p];
        int ind[5] = {0, j + 1, n + 3 * q + 1, n + 3 * q + 2, n + 3 * q + 3};
        double val[5] = {0, 1, K->pa[p], 1, g->c->p->jobs[j].load};
        glp_set_col_bnds(lp, p + 1, GLP_DB, 0, 1);
        glp_set_obj_coef(lp, p + 1, (double)g->w[j]);
        glp_set_mat_col(lp, p + 1, 4, ind, val);
    }
    int ok = sv_mip_simplex(lp, K->seconds);
    for (int j = 0; ok && j < n; j++)
        K->pi[j] = fmax(0, glp_get_row_dual(lp, j + 1));
    for (int q = 0; ok && q < ng; q++) {
        K->gam[q] = fmax(0, glp_get_row_dual(lp, n + 3 * q + 2));
        K->del[q] = fmax(0, glp_get_row_dual(lp, n + 3 * q + 3));
    }
    glp_delete_prob(lp);
    return ok;
}

typedef struct knap_item {
    double ratio;
    int p;
} knap_item;

static int cmp_ratio(const void *x, const void *y)
{
    const knap_item *a = x, *b = y;
    if (a->ratio != b->ratio)
        return (a->ratio < b->ratio) - (a->ratio > b->ratio);
    return (a->p > b->p) - (a->p < b->p);
}

/* Job j's profit in group q (slot s) at K's duals. */
static double profit(const knap_run *K, int q, const sv_slot *s, int j)
{
    return (double)K->g->w[j] - K->pi[j] - (s->maxj >= 0 ? K->gam[q] : 0) -
           (s->cap > 0 ? K->g->c->p->jobs[j].load * K->del[q] : 0);
}

/* The Lagrangian at K's duals (the header): at least the weight any
 * schedule serves. items: np scratch. */
static double lagrangian(const knap_run *K, knap_item *items)
{
    const cg_ctx *g = K->g;
    double ub = 0;
    for (int j = 0; j < K->n; j++)
        ub += K->pi[j];
    for (int q = 0, p0 = 0; q < g->ng; q++) {
        const sv_slot *s = &g->c->slots[g->g[q].slot];
        double cnt = g->g[q].count;
        if (s->maxj >= 0)
            ub += cnt * s->maxj * K->gam[q];
        if (s->cap > 0)
            ub += cnt * s->cap * K->del[q];
        /* the pairs are grouped by group, in order */
        int m = 0, p = p0;
        for (; p < K->np && K->pq[p] == q; p++) {
            double v = profit(K, q, s, K->pj[p]);
            if (v > 0)
                items[m++] = (knap_item){K->pa[p] > 0 ? v / K->pa[p] : HUGE_VAL, p};
        }
        p0 = p;
        qsort(items, (size_t)m, sizeof *items, cmp_ratio);
        double room = cnt * K->W[q];
        for (int i = 0; i < m; i++) {
            int pp = items[i].p;
            double take = K->pa[pp] <= room ? 1 : room / K->pa[pp];
            ub += take * profit(K, q, s, K->pj[pp]);
            room -= take * K->pa[pp];
            if (room <= 0)
                break;
        }
    }
    return ub;
}

int64_t cg_knap_weight(const cg_ctx *g, double seconds)
{
    const sv_ctx *c = g->c;
    int n = c->njobs, ng = g->ng;
    knap_run K = {.g = g, .n = n, .seconds = seconds};
    int *id = malloc((size_t)(n ? n : 1) * sizeof *id);
    K.W = malloc((size_t)(ng ? ng : 1) * sizeof *K.W);
    K.pi = malloc((size_t)(n ? n : 1) * sizeof *K.pi);
    K.gam = calloc((size_t)(ng ? ng : 1), sizeof *K.gam);
    K.del = calloc((size_t)(ng ? ng : 1), sizeof *K.del);
    bool ok = id && K.W && K.pi && K.gam && K.del && n > 0;
    int nid = 0;
    int64_t total = 0, lb = 0;
    for (int j = 0; ok && j < n; j++) {
        total += g->w[j];
        if (cg_servable(g, j))
            id[nid++] = j;
    }
    cg_trips T = {0};
    ok = ok && nid > 0 && cg_trips_init(&T, g, id, nid);
    size_t cap = 0;
    for (int q = 0; ok && q < ng; q++) {
        K.W[q] = cg_work_time(&c->slots[g->g[q].slot]);
        for (int i = 0; ok && i < nid; i++) {
            double r = cg_trip(&T, g, q, id[i]);
            if (!isfinite(r) || K.W[q] <= 0)
                continue;
            if ((size_t)K.np == cap) {
                cap = cap ? 2 * cap : 1024;
                int *a = realloc(K.pj, cap * sizeof *a), *b = a ? realloc(K.pq, cap * sizeof *b)
                                                                  : NULL;
                double *d = b ? realloc(K.pa, cap * sizeof *d) : NULL;
                K.pj = a ? a : K.pj;
                K.pq = b ? b : K.pq;
                K.pa = d ? d : K.pa;
                ok = d != NULL && cap <= KNAP_MAX_PAIRS;
                if (!ok)
                    break;
            }
            K.pj[K.np] = id[i];
            K.pq[K.np] = q;
            K.pa[K.np++] = (double)c->p->jobs[id[i]].duration * (1 + r / K.W[q]);
        }
    }
    if (T.dist)
        cg_trips_free(&T);
    /* no pair: nothing fits any shift, and GLPK takes no empty LP */
    knap_item *items = ok && K.np > 0 ? malloc((size_t)K.np * sizeof *items) : NULL;
    if (items && sv_mip_guarded(solve, &K) == 1)
        lb = cg_round_up((double)total - lagrangian(&K, items));
    free(items);
    free(id);
    free(K.W);
    free(K.pi);
    free(K.gam);
    free(K.del);
    free(K.pj);
    free(K.pq);
    free(K.pa);
    return lb > 0 ? lb : 0;
}
