/* cg_warm.c - the search's schedule and the column generation (cg.h):
 * its routes and pool as the first columns, the integer master's columns
 * back as a schedule, and which load limits its routes leave loose. */
#include <stdlib.h>

#include "solver/cg.h"

bool cg_warm_start(cg_ctx *g, const sv_sol *best, const sv_pool *pool, double **x0,
                   int *routes)
{
    const sv_ctx *c = g->c;
    int *slot_group = malloc((size_t)(c->nslots ? c->nslots : 1) * sizeof *slot_group);
    int *jobs = malloc((size_t)(c->njobs + 1) * sizeof *jobs);
    bool ok = slot_group && jobs;
    for (int q = 0; ok && q < g->ng; q++)
        for (int i = 0; i < g->g[q].count; i++)
            slot_group[g->g[q].slots[i]] = q;
    int *chosen = ok ? malloc((size_t)(best->nr + 1) * sizeof *chosen) : NULL;
    int nchosen = 0;
    ok = ok && chosen;
    for (int k = 0; ok && k < best->nr; k++) {
        int m = sv_route_jobs(&best->r[k], jobs), idx;
        ok = cg_cols_add(g, slot_group[k], jobs, m, &idx);
        if (ok && idx >= 0)
            chosen[nchosen++] = idx;
    }
    *routes = nchosen;
    /* the pool's: the LP then starts from the search's alternatives too
     * (where routes are long, the LP of one schedule's routes stays
     * degenerate at its value for many rounds) */
    for (int i = 0; ok && pool && i < sv_pool_size(pool); i++) {
        const int *pj;
        int slot, idx, m = sv_pool_route(pool, i, &pj, &slot);
        ok = cg_cols_add(g, slot_group[slot], pj, m, &idx);
    }
    if (ok && x0) {
        *x0 = calloc((size_t)g->cols.set.n + 1, sizeof **x0);
        ok = *x0 != NULL;
        for (int i = 0; ok && i < nchosen; i++)
            (*x0)[chosen[i]] = 1;
    }
    free(chosen);
    free(slot_group);
    free(jobs);
    return ok;
}

bool cg_rebuild(const cg_ctx *g, const double *x, sv_sol *out)
{
    const sv_ctx *c = g->c;
    int *next = calloc((size_t)(g->ng ? g->ng : 1), sizeof *next);
    bool ok = next != NULL;
    for (int k = 0; ok && k < out->nr; k++)
        ok = sv_route_clear(c, &out->r[k]);
    for (int r = 0; ok && r < g->cols.set.n; r++) {
        if (x[r] < 0.5)
            continue;
        const sv_seq *q = &g->cols.set.e[r];
        ok = g->cols.col[r].feasible && next[q->key] < g->g[q->key].count;
        if (ok)
            ok = sv_route_set_jobs(c, &out->r[g->g[q->key].slots[next[q->key]++]],
                                   sv_seqset_jobs(&g->cols.set, r), q->len);
    }
    free(next);
    if (ok)
        sv_sol_recount(c, out);
    return ok;
}

void cg_loose_loads(const cg_ctx *g, const sv_sol *best, bool *noload)
{
    const sv_ctx *c = g->c;
    for (int q = 0; q < g->ng; q++) {
        const cg_group *gr = &g->g[q];
        bool loose = c->slots[gr->slot].cap > 0;
        for (int i = 0; loose && i < gr->count; i++) {
            int k = gr->slots[i];
            loose = best->r[k].load <= 0.5 * c->slots[k].cap;
        }
        noload[q] = loose;
    }
}
