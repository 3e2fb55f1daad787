/* cg_columns.c - what column generation derives from the problem (cg.h):
 * the groups of identical technician-shifts, the jobs' weights and
 * ng-neighbourhoods, and the column store (a job sequence per group, its
 * cost through cg_route_cost, and whether it keeps every rule). */
#include <stdlib.h>
#include <string.h>

#include "solver/cg.h"

static model_status nomem(model_error *err)
{
    return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
}

/* Slots a and b admit the same routes (group `can` of a given). */
static bool same_group(const sv_ctx *c, const cg_group *ga, int b)
{
    const sv_slot *x = &c->slots[ga->slot], *y = &c->slots[b];
    if (!sv_slot_same_shape(x, y))
        return false;
    if (c->relaxed_from) { /* the overtime charged: the relaxed problem's */
        const model_technician *tx = &c->relaxed_from->technicians[x->tech],
                               *ty = &c->relaxed_from->technicians[y->tech];
        const model_shift *sx = &tx->shifts[x->shift], *sy = &ty->shifts[y->shift];
        if (sx->end != sy->end || sx->overtime.max_s != sy->overtime.max_s ||
            sx->overtime.cost_us_per_min != sy->overtime.cost_us_per_min)
            return false;
    }
    if (x->tech == y->tech)
        return true;
    for (int j = 0; j < c->njobs; j++)
        if (ga->can[j] != model_job_allows_technician(c->p, j, y->tech) ||
            (c->has_bonus && model_job_preference_bonus(&c->p->jobs[j], x->tech) !=
                                 model_job_preference_bonus(&c->p->jobs[j], y->tech)))
            return false;
    return true;
}

/* g->bonus and g->bonus_max (groups built; none without bonuses). */
static model_status build_bonus(cg_ctx *g, model_error *err)
{
    const sv_ctx *c = g->c;
    if (!c->has_bonus || c->njobs == 0)
        return MODEL_OK;
    g->bonus = calloc((size_t)g->ng * (size_t)c->njobs, sizeof *g->bonus);
    if (!g->bonus)
        return nomem(err);
    for (int j = 0; j < c->njobs; j++) {
        int64_t most = 0;
        for (int q = 0; q < g->ng; q++) {
            int tech = c->slots[g->g[q].slot].tech;
            int64_t b = g->g[q].can[j] ? model_job_preference_bonus(&c->p->jobs[j], tech) : 0;
            g->bonus[(size_t)q * (size_t)c->njobs + (size_t)j] = b;
            most = b > most ? b : most;
        }
        g->bonus_max += most;
    }
    return MODEL_OK;
}

void cg_bonus_duals(const cg_ctx *g, int gi, const double *pi, double *out)
{
    const int64_t *b = g->bonus + (size_t)gi * (size_t)g->c->njobs;
    for (int j = 0; j < g->c->njobs; j++)
        out[j] = pi[j] + (double)b[j];
}

static model_status build_groups(cg_ctx *g, model_error *err)
{
    const sv_ctx *c = g->c;
    g->g = calloc((size_t)(c->nslots ? c->nslots : 1), sizeof *g->g);
    if (!g->g)
        return nomem(err);
    for (int k = 0; k < c->nslots; k++) {
        int gi = -1;
        for (int q = 0; q < g->ng && q < 64 && gi < 0; q++)
            if (same_group(c, &g->g[q], k))
                gi = q;
        if (gi < 0) {
            gi = g->ng++;
            cg_group *G = &g->g[gi];
            G->slot = k;
            G->can = malloc((size_t)(c->njobs ? c->njobs : 1));
            G->slots = malloc(sizeof *G->slots);
            if (!G->can || !G->slots)
                return nomem(err);
            for (int j = 0; j < c->njobs; j++)
                G->can[j] = model_job_allows_technician(c->p, j, c->slots[k].tech);
        } else {
            int *ns = realloc(g->g[gi].slots, (size_t)(g->g[gi].count + 1) * sizeof *ns);
            if (!ns)
                return nomem(err);
            g->g[gi].slots = ns;
        }
        g->g[gi].slots[g->g[gi].count++] = k;
        g->g[gi].cap = g->g[gi].count;
    }
    return MODEL_OK;
}

void cg_top_insert(int *items, double *keys, int *n, int k, int it, double v)
{
    int i;
    if (*n < k)
        i = (*n)++;
    else if (v < keys[k - 1])
        i = k - 1;
    else
        return;
    while (i > 0 && keys[i - 1] > v) {
        items[i] = items[i - 1];
        keys[i] = keys[i - 1];
        i--;
    }
    items[i] = it;
    keys[i] = v;
}

/* ng-neighbourhoods: the CG_NG nearest other jobs (by travel both ways),
 * sorted by index; none when the problem is too large to look at every
 * pair (the relaxation is then weaker, still valid). */
static model_status build_ng(cg_ctx *g, model_error *err)
{
    const sv_ctx *c = g->c;
    int n = c->njobs;
    g->ngn = malloc((size_t)(n ? n : 1) * CG_NG * sizeof *g->ngn);
    g->ngn_n = calloc((size_t)(n ? n : 1), sizeof *g->ngn_n);
    g->ngnear = calloc((size_t)(n ? n : 1), sizeof *g->ngnear);
    if (!g->ngn || !g->ngn_n || !g->ngnear)
        return nomem(err);
    if ((double)n * n > 2.5e7)
        return MODEL_OK;
    for (int i = 0; i < n; i++) {
        int *nb = g->ngn + (size_t)i * CG_NG;
        double key[CG_NG]; /* travel both ways: whole seconds, exact */
        int m = 0;
        int li = c->p->jobs[i].location;
        for (int j = 0; j < n; j++) {
            if (j == i)
                continue;
            int lj = c->p->jobs[j].location;
            int64_t d = (int64_t)sv_travel(c, li, lj) + sv_travel(c, lj, li);
            cg_top_insert(nb, key, &m, CG_NG, j, (double)d);
        }
        int near[CG_NG_MERGE], nn = m < CG_NG_MERGE ? m : CG_NG_MERGE;
        memcpy(near, nb, (size_t)nn * sizeof *near); /* nearest first */
        for (int a = 1; a < m; a++)
            for (int b = a; b > 0 && nb[b - 1] > nb[b]; b--) {
                int t = nb[b];
                nb[b] = nb[b - 1];
                nb[b - 1] = t;
            }
        g->ngn_n[i] = m;
        for (int a = 0; a < m; a++)
            for (int b = 0; b < nn; b++)
                if (nb[a] == near[b])
                    g->ngnear[i] |= 1u << a;
    }
    return MODEL_OK;
}

model_status cg_ctx_init(cg_ctx *g, const sv_ctx *c, model_error *err)
{
    memset(g, 0, sizeof *g);
    g->c = c;
    model_status st = build_groups(g, err);
    if (st == MODEL_OK)
        st = build_bonus(g, err);
    if (st == MODEL_OK)
        st = cg_soft_build(g, err);
    if (st == MODEL_OK)
        st = build_ng(g, err);
    if (st == MODEL_OK) {
        g->w = malloc((size_t)(c->njobs ? c->njobs : 1) * sizeof *g->w);
        if (!g->w || !sv_seqset_init(&g->cols.set, 1 << 12))
            st = nomem(err);
    }
    if (st != MODEL_OK) {
        cg_ctx_free(g);
        return st;
    }
    for (int j = 0; j < c->njobs; j++)
        g->w[j] = model_job_weight(&c->p->jobs[j]);
    return MODEL_OK;
}

void cg_ctx_free(cg_ctx *g)
{
    for (int q = 0; g->g && q < g->ng; q++) {
        free(g->g[q].can);
        free(g->g[q].slots);
    }
    free(g->g);
    free(g->w);
    free(g->ngn);
    free(g->ngn_n);
    free(g->ngnear);
    free(g->bonus);
    free(g->late);
    free(g->ot);
    free(g->ot_end);
    sv_seqset_free(&g->cols.set);
    free(g->cols.col);
    sv_route_free(&g->scratch);
    memset(g, 0, sizeof *g);
}

int64_t cg_route_cost(const cg_ctx *g, int gi, const int *jobs, int m)
{
    const sv_ctx *c = g->c;
    const sv_slot *s = &c->slots[g->g[gi].slot];
    if (m == 0)
        return 0;
    int64_t t = sv_travel(c, s->sloc, c->p->jobs[jobs[0]].location);
    for (int i = 1; i < m; i++)
        t += sv_travel(c, c->p->jobs[jobs[i - 1]].location, c->p->jobs[jobs[i]].location);
    for (int i = 0; g->bonus && i < m; i++)
        t -= g->bonus[(size_t)gi * (size_t)c->njobs + (size_t)jobs[i]];
    t += cg_soft_charge(g, gi, jobs, m); /* a relaxation's lateness and overtime */
    return t + sv_travel(c, c->p->jobs[jobs[m - 1]].location, s->eloc);
}

bool cg_keeps_rules(cg_ctx *g, int gi, const int *jobs, int m)
{
    const sv_ctx *c = g->c;
    const cg_group *G = &g->g[gi];
    const sv_slot *s = &c->slots[G->slot];
    double load = 0;
    for (int i = 0; i < m; i++) {
        if (!G->can[jobs[i]])
            return false;
        for (int k = 0; k < i; k++)
            if (jobs[k] == jobs[i])
                return false; /* an ng-route that repeats a job */
        load += c->p->jobs[jobs[i]].load;
    }
    if ((s->cap > 0 && load > s->cap) || (s->maxj >= 0 && m > s->maxj))
        return false;
    g->scratch.slot = G->slot;
    return sv_route_set_jobs(c, &g->scratch, jobs, m);
}

bool cg_cols_add(cg_ctx *g, int gi, const int *jobs, int m, int *idx)
{
    cg_cols *K = &g->cols;
    *idx = -1;
    if (m <= 0)
        return true;
    bool added;
    if (!sv_grow((void **)&K->col, &K->cap, (size_t)K->set.n + 1, sizeof *K->col, 256) ||
        !sv_seqset_add(&K->set, gi, jobs, m, idx, &added))
        return false;
    if (!added)
        return true;
    int64_t weight = 0;
    for (int i = 0; i < m; i++)
        weight += g->w[jobs[i]];
    K->col[*idx] =
        (cg_col){cg_route_cost(g, gi, jobs, m), weight, cg_keeps_rules(g, gi, jobs, m)};
    return true;
}
