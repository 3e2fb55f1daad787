/* cg_soft.c - a hard relaxation's lateness and overtime costs in column
 * generation (cg.h cg_ctx.late and ot; bound_relax.c makes the relaxation,
 * docs/bound.md "Soft rules"): what they are per job and slot, and what
 * the labelling charges a given route, for its column's cost. */
#include <stdlib.h>
#include <string.h>

#include "solver/cg.h"

/* The relaxed problem's soft costs (cg_ctx.late, ot), from the problem it
 * relaxes: per job its lateness (charged by model_job_late_s), overtime
 * per slot. */
model_status cg_soft_build(cg_ctx *g, model_error *err)
{
    const sv_ctx *c = g->c;
    const model_problem *p = c->relaxed_from;
    if (!p)
        return MODEL_OK;
    size_t nj = (size_t)c->njobs + 1, ns = (size_t)c->nslots + 1;
    g->late = calloc(nj, sizeof *g->late);
    g->ot = calloc(ns, sizeof *g->ot);
    g->ot_end = calloc(ns, sizeof *g->ot_end);
    if (!g->late || !g->ot || !g->ot_end)
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    for (int j = 0; j < c->njobs; j++) {
        const model_job *job = &p->jobs[j];
        if (job->nwindows > 0 && job->lateness.max_s >= 0)
            g->late[j] = job->lateness;
    }
    for (int k = 0; k < c->nslots; k++) {
        const model_shift *sh = &p->technicians[c->slots[k].tech].shifts[c->slots[k].shift];
        if (sh->overtime.max_s >= 0) {
            g->ot[k] = sh->overtime;
            g->ot_end[k] = sh->end;
        }
    }
    return MODEL_OK;
}

/* cg_late_starts past its first start (t[0], ch[0] set): the next ones. */
int cg_late_starts_next(const cg_ctx *g, int j, int64_t *t, int64_t *ch)
{
    const model_job *job = &g->c->relaxed_from->jobs[j];
    int n = 1;
    while (ch[n - 1] > 0 && n < CG_LATE_STARTS) {
        int64_t next = SV_INF;
        for (int k = 0; k < job->nwindows; k++)
            if (job->windows[k].start > t[n - 1] && job->windows[k].start < next)
                next = job->windows[k].start;
        int64_t at = next == SV_INF ? SV_INF : sv_job_earliest(g->c, j, next);
        if (at == SV_INF)
            break;
        t[n] = at;
        ch[n] = n + 1 == CG_LATE_STARTS ? 0 : cg_late_charge(g, j, at);
        n++;
    }
    return n;
}

/* Keeps (t, cost) in the list a[0..*n) of at most cap states no other
 * earlier and cheaper: a state dominated is not entered, those it
 * dominates leave; a full list merges it with its last state, keeping the
 * earlier time and the lesser cost of the two (optimistic: a column's
 * charge is never more than any placement of its breaks costs, which the
 * integer master's bound of --prove needs). */
static void keep_state(int64_t (*a)[2], int *n, int cap, int64_t t, int64_t cost)
{
    for (int i = 0; i < *n; i++)
        if (a[i][0] <= t && a[i][1] <= cost)
            return;
    int w = 0;
    for (int i = 0; i < *n; i++)
        if (!(t <= a[i][0] && cost <= a[i][1])) {
            a[w][0] = a[i][0];
            a[w][1] = a[i][1];
            w++;
        }
    *n = w;
    if (w < cap) {
        a[w][0] = t;
        a[w][1] = cost;
        (*n)++;
    } else {
        a[cap - 1][0] = t < a[cap - 1][0] ? t : a[cap - 1][0];
        a[cap - 1][1] = cost < a[cap - 1][1] ? cost : a[cap - 1][1];
    }
}

int64_t cg_soft_charge(const cg_ctx *g, int gi, const int *jobs, int m)
{
    const sv_ctx *c = g->c;
    int k = g->g[gi].slot;
    const sv_slot *s = &c->slots[k];
    if (!g->late || m == 0 || s->nbr > CG_MAX_BREAKS)
        return 0;
    enum { CAP = 8 };
    int64_t cur[CG_MAX_BREAKS + 1][CAP][2], nxt[CG_MAX_BREAKS + 1][CAP][2];
    int ncur[CG_MAX_BREAKS + 1] = {0}, nnxt[CG_MAX_BREAKS + 1];
    cur[0][0][0] = s->t0;
    cur[0][0][1] = 0;
    ncur[0] = 1;
    int from = s->sloc;
    int64_t st[CG_MAX_BREAKS + 1];
    for (int i = 0; i < m; i++) {
        int j = jobs[i];
        memset(nnxt, 0, sizeof nnxt);
        for (int b = 0; b <= s->nbr; b++)
            for (int q = 0; q < ncur[b]; q++) {
                cg_gap(c, s, from, cur[b][q][0], b, j, s->nbr - b, st);
                for (int nb = 0; nb <= s->nbr - b; nb++) {
                    if (st[nb] == SV_INF)
                        continue;
                    int64_t at[CG_LATE_STARTS], ch[CG_LATE_STARTS];
                    int nat = cg_late_starts(g, j, st[nb], true, at, ch);
                    for (int a = 0; a < nat; a++)
                        keep_state(nxt[b + nb], &nnxt[b + nb], CAP,
                                   at[a] + c->p->jobs[j].duration, cur[b][q][1] + ch[a]);
                }
            }
        memcpy(cur, nxt, sizeof cur);
        memcpy(ncur, nnxt, sizeof ncur);
        from = c->p->jobs[j].location;
    }
    int64_t best = INT64_MAX;
    for (int b = 0; b <= s->nbr; b++)
        for (int q = 0; q < ncur[b]; q++) {
            cg_gap(c, s, from, cur[b][q][0], b, -1, s->nbr - b, st);
            int64_t a = st[s->nbr - b];
            if (a == SV_INF || a > s->t1)
                continue;
            int64_t v = cur[b][q][1] + cg_over_charge(g, k, a);
            best = v < best ? v : best;
        }
    return best == INT64_MAX ? 0 : best;
}

