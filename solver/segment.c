/* segment.c - keeping the prefix and suffix segments of the penalised
 * search's routes (segment.h says what they hold). */
#include <stdlib.h>
#include <string.h>

#include "solver/segment.h"

sv_seg sv_seg_job(const sv_ctx *c, int u)
{
    const sv_win *w = c->win + c->win_off[u];
    int64_t lo = SV_SEG_BIG, hi = -SV_SEG_BIG;
    for (int q = 0; q < c->win_n[u]; q++) {
        lo = sv_seg_min(lo, sv_seg_clip(w[q].s));
        hi = sv_seg_max(hi, sv_seg_clip(w[q].e));
    }
    const model_job *j = &c->p->jobs[u];
    return (sv_seg){j->duration, 0, lo, hi, 0, j->load, j->location, j->location};
}

double sv_seg_cost_alone(const sv_pls *P, int k, int u, int *breaks_first)
{
    const sv_slot *s = &P->c->slots[k];
    sv_seg end = sv_seg_end(s), ju = P->job_seg[u];
    sv_seg brk = SV_SEG_EMPTY;
    for (int b = s->nbr - 1; b >= 0; b--)
        brk = sv_seg_cat(P->c, sv_seg_break(&s->br[b]), brk);
    double a = sv_seg_close_cost(P, k, sv_seg_cat(P->c, sv_seg_cat(P->c, brk, ju), end));
    double z = sv_seg_close_cost(P, k, sv_seg_cat(P->c, ju, sv_seg_cat(P->c, brk, end)));
    *breaks_first = a < z;
    return a < z ? a : z;
}

static bool reserve(sv_seg_route *R, int m)
{
    if (m + 1 <= R->cap)
        return true;
    int cap = (m + 1) * 2;
    /* on failure the arrays already grown stay valid (and R->cap small) */
#define GROW(f)                                                      \
    do {                                                             \
        void *q_ = realloc(R->f, (size_t)cap * sizeof *R->f);        \
        if (!q_)                                                     \
            return false;                                            \
        R->f = q_;                                                   \
    } while (0)
    GROW(job);
    GROW(nb);
    GROW(b0);
    GROW(pre);
    GROW(suf);
    GROW(mid);
#undef GROW
    R->cap = cap;
    return true;
}

void sv_seg_route_free(sv_seg_route *R)
{
    free(R->job);
    free(R->nb);
    free(R->b0);
    free(R->pre);
    free(R->suf);
    free(R->mid);
}

void sv_seg_refresh(sv_pls *P, int k)
{
    sv_seg_route *R = &P->r[k];
    const sv_slot *s = &P->c->slots[k];
    if (R->m == 0) {
        R->nb[0] = R->b0[0] = 0;
        R->pre[0] = sv_seg_start(s);
        R->suf[0] = sv_seg_end(s);
        R->mid[0] = SV_SEG_EMPTY;
        R->lastbrk = -1;
        R->cost = 0; /* an unused technician drives nowhere */
        return;
    }
    R->lastbrk = -1;
    R->b0[0] = 0;
    for (int i = 0; i < R->m; i++)
        R->b0[i + 1] = R->b0[i] + R->nb[i];
    R->pre[0] = sv_seg_start(s);
    for (int i = 0; i < R->m; i++) {
        P->where[R->job[i]] = k;
        P->pos[R->job[i]] = i;
        R->pre[i + 1] = sv_seg_cat(P->c, R->pre[i], sv_seg_unit(P, k, R, i));
        if (R->nb[i] > 0)
            R->lastbrk = i;
    }
    R->suf[R->m] = sv_seg_unit(P, k, R, R->m);
    R->mid[R->m] = SV_SEG_EMPTY;
    for (int i = R->m - 1; i >= 0; i--) {
        sv_seg u = sv_seg_unit(P, k, R, i);
        R->suf[i] = sv_seg_cat(P->c, u, R->suf[i + 1]);
        R->mid[i] = sv_seg_cat(P->c, u, R->mid[i + 1]);
    }
    R->cost = sv_seg_cost(P, s, sv_seg_cat(P->c, R->pre[0], R->suf[0]));
}

bool sv_seg_set_route(sv_pls *P, int k, const int *jobs, int m, const int *nb)
{
    sv_seg_route *R = &P->r[k];
    if (!reserve(R, m))
        return false;
    memmove(R->job, jobs, (size_t)m * sizeof *jobs);
    if (nb)
        memmove(R->nb, nb, (size_t)(m + 1) * sizeof *nb);
    else {
        memset(R->nb, 0, (size_t)(m + 1) * sizeof *R->nb);
        if (m > 0)
            R->nb[m] = P->c->slots[k].nbr;
    }
    R->m = m;
    R->dirty = true;
    sv_seg_refresh(P, k);
    return true;
}

int sv_seg_seq_without(const sv_pls *P, int k, int i, int *jobs, int *nb)
{
    const sv_seg_route *R = &P->r[k];
    int n = 0;
    for (int q = 0; q < R->m; q++) {
        if (q == i)
            continue;
        jobs[n] = R->job[q];
        nb[n++] = R->nb[q] + (q == i + 1 ? R->nb[i] : 0);
    }
    nb[n] = R->nb[R->m] + (i + 1 == R->m ? R->nb[i] : 0);
    return n;
}

void sv_seg_seq_insert(int *jobs, int *nb, int m, int i, int u)
{
    memmove(jobs + i + 1, jobs + i, (size_t)(m - i) * sizeof *jobs);
    memmove(nb + i + 1, nb + i, (size_t)(m + 1 - i) * sizeof *nb);
    jobs[i] = u;
    nb[i] = 0;
}

bool sv_seg_load(sv_pls *P, int k)
{
    if (P->loaded[k])
        return true;
    const sv_route *r = &P->s->r[k];
    int m = 0, pending = 0;
    for (int i = 0; i < r->n; i++) {
        if (sv_is_break(r->node[i])) {
            pending++;
            continue;
        }
        P->tmp[m] = r->node[i];
        P->tnb[m++] = pending;
        pending = 0;
    }
    P->tnb[m] = pending;
    if (!sv_seg_set_route(P, k, P->tmp, m, P->tnb)) {
        P->oom = true;
        return false;
    }
    P->r[k].dirty = false;
    P->loaded[k] = 1;
    P->loaded_list[P->nloaded++] = k;
    return true;
}

int64_t sv_segment_warp(const sv_ctx *c, int k, const int *nodes, int n)
{
    const sv_slot *s = &c->slots[k];
    sv_seg x = sv_seg_end(s);
    for (int i = n - 1; i >= 0; i--) {
        sv_seg y = sv_is_break(nodes[i]) ? sv_seg_break(&s->br[-nodes[i] - 1])
                                         : sv_seg_job(c, nodes[i]);
        x = sv_seg_cat(c, y, x);
    }
    return sv_seg_cat(c, sv_seg_start(s), x).tw;
}
