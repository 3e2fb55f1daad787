/* segment.c - keeping the prefix and suffix segments of the penalised
 * search's routes (segment.h says what they hold). */
#include <math.h>
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

/* The end of the window a start after all of them is late from (the one
 * starting last; of equal starts, the one ending last: model_job_late_s). */
static int64_t last_window_end(const model_job *j)
{
    const model_window *w = &j->windows[0];
    for (int i = 1; i < j->nwindows; i++)
        if (j->windows[i].start > w->start ||
            (j->windows[i].start == w->start && j->windows[i].end > w->end))
            w = &j->windows[i];
    return w->end;
}

sv_late sv_late_job(const sv_ctx *c, int u)
{
    const sv_seg x = sv_seg_job(c, u);
    const model_job *j = &c->p->jobs[u];
    sv_late f = sv_late_none(x.e);
    double rate = j->nwindows > 0 ? sv_soft_rate(j->lateness) : 0;
    if (rate > 0) { /* served at max(t, e): F(t) = rate * max(0, max(t, e) - end) */
        int64_t end = sv_seg_clip(last_window_end(j));
        if (x.e > end)
            f.c0 = rate * (double)(x.e - end);
        int64_t bp = sv_seg_max(x.e, end);
        if (bp < x.l) {
            f.n = 1;
            f.t[0] = bp;
            f.s[0] = rate;
        }
    }
    return f;
}

/* Merges breakpoint q + 1 into q (sorted list of n): the weighted mean,
 * rounded up, carrying both slopes (never above the two it replaces). */
static int merge_at(int64_t *lt, double *lc, int n, int q)
{
    double c = lc[q] + lc[q + 1];
    double mean = ((double)lt[q] * lc[q] + (double)lt[q + 1] * lc[q + 1]) / c;
    int64_t at = (int64_t)ceil(mean);
    lt[q] = sv_seg_min(sv_seg_max(at, lt[q]), lt[q + 1]);
    lc[q] = c;
    memmove(lt + q + 1, lt + q + 2, (size_t)(n - q - 2) * sizeof *lt);
    memmove(lc + q + 1, lc + q + 2, (size_t)(n - q - 2) * sizeof *lc);
    return n - 1;
}

/* Appends (t, c) to the sorted list (lt, lc) of n, t >= its last; equal
 * points add their slopes. Returns the new length. */
static int push_point(int64_t *lt, double *lc, int n, int64_t t, double c)
{
    if (n > 0 && lt[n - 1] == t) {
        lc[n - 1] += c;
        return n;
    }
    lt[n] = t;
    lc[n] = c;
    return n + 1;
}

void sv_late_merge(sv_late *r, const sv_seg *a, const sv_late *fa, const sv_seg *b,
                   const sv_late *fb, int64_t d)
{
    int64_t delta = a->dur - a->tw + d;
    int64_t warp = sv_seg_max(a->e + delta - b->l, 0);
    int64_t rl = sv_seg_min(b->l - delta, a->l) + warp; /* the l of a + b */
    int64_t lt[2 * SV_LATE_NBP];
    double lc[2 * SV_LATE_NBP];
    double late = fa->c0 + fb->c0;
    int n = 0, qa = 0, qb = 0;
    /* b's points as points of t: shifted by delta, those at or below a.e
     * folded into the constant and a point at a.e; with a warp b is always
     * entered at b.l, a constant */
    for (; warp > 0 && qb < fb->n; qb++)
        late += fb->s[qb] * (double)sv_seg_max(0, b->l - fb->t[qb]);
    while (qa < fa->n || qb < fb->n) {
        int64_t tb = qb < fb->n ? fb->t[qb] - delta : SV_SEG_BIG;
        int64_t t;
        double c;
        if (qa < fa->n && fa->t[qa] <= sv_seg_max(tb, a->e)) {
            t = fa->t[qa];
            c = fa->s[qa++];
        } else {
            c = fb->s[qb++];
            t = sv_seg_max(tb, a->e);
            late += c * (double)(t - tb);
        }
        if (t >= rl)
            break; /* beyond l there is warp: F is not read there */
        n = push_point(lt, lc, n, t, c);
    }
    while (n > SV_LATE_NBP) {
        int q = 0;
        for (int i = 1; i + 1 < n; i++)
            if (lt[i + 1] - lt[i] < lt[q + 1] - lt[q])
                q = i;
        n = merge_at(lt, lc, n, q);
    }
    r->c0 = late;
    r->n = n;
    memcpy(r->t, lt, (size_t)n * sizeof *lt);
    memcpy(r->s, lc, (size_t)n * sizeof *lc);
}

/* sv_seg_cost_alone's two orders, as the side flag says. */
SV_LSEG_INLINE double cost_alone(const sv_pls *P, int k, int u, int *breaks_first, bool side)
{
    const sv_slot *s = &P->c->slots[k];
    sv_lseg end = sv_lseg_end(s, side), ju = sv_lseg_job(P, u, side), start = sv_lseg_start(s, side);
    sv_late none = sv_late_none(SV_SEG_BIG), brk_f = sv_late_none(-SV_SEG_BIG);
    sv_lseg brk = sv_lseg_of(SV_SEG_EMPTY, &none, side);
    for (int b = s->nbr - 1; b >= 0; b--) {
        sv_lseg y = sv_lseg_of(sv_seg_break(&s->br[b]), &brk_f, side);
        sv_lseg_cat(P->c, &brk, &y, &brk, side);
    }
    sv_lseg xa, xz;
    sv_lseg_cat3(P->c, &xa, &brk, &ju, &end, side);
    sv_lseg_cat(P->c, &xz, &brk, &end, side);
    sv_lseg_cat(P->c, &xz, &ju, &xz, side);
    sv_lseg_cat(P->c, &xa, &start, &xa, side);
    sv_lseg_cat(P->c, &xz, &start, &xz, side);
    double a = sv_lseg_cost(P, k, &xa, side), z = sv_lseg_cost(P, k, &xz, side);
    *breaks_first = a < z;
    if (side && P->seen_work) /* the order kept */
        P->seen_work[k] = sv_lseg_work(s->t0, a < z ? &xa : &xz);
    return a < z ? a : z;
}

static double cost_alone_side(const sv_pls *P, int k, int u, int *breaks_first)
{
    return cost_alone(P, k, u, breaks_first, true);
}

double sv_seg_cost_alone(const sv_pls *P, int k, int u, int *breaks_first)
{
    return SV_SIDE(P, cost_alone, P, k, u, breaks_first);
}

/* The side copies of segment.h's chains. */
double sv_seg_without_chain_side(const sv_pls *P, int k, int i)
{
    return sv_seg_without_chain(P, k, i, true);
}

double sv_seg_with_chain_side(const sv_pls *P, int k, int i, int u)
{
    return sv_seg_with_chain(P, k, i, u, true);
}

double sv_seg_replaced_chain_side(const sv_pls *P, int k, int i, int u)
{
    return sv_seg_replaced_chain(P, k, i, u, true);
}

static bool reserve(const sv_pls *P, sv_seg_route *R, int m)
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
    if (P->side) {
        GROW(lpre);
        GROW(lsuf);
        GROW(lmid);
    }
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
    free(R->lpre);
    free(R->lsuf);
    free(R->lmid);
}

/* Route k's working time is now w: its technician's total follows (from
 * the solution's route when k is being loaded). */
static void set_work(sv_pls *P, int k, int64_t w)
{
    sv_seg_route *R = &P->r[k];
    if (P->seen_work) {
        int64_t was = P->loaded[k] ? R->work : P->s->r[k].work;
        if (w != was) {
            sv_balance_add(&P->bal, P->c, k, w - was);
            P->bal_stale = true;
        }
    }
    R->work = w;
}

SV_LSEG_INLINE void refresh(sv_pls *P, int k, bool side)
{
    sv_seg_route *R = &P->r[k];
    const sv_slot *s = &P->c->slots[k];
    if (R->m == 0) {
        R->nb[0] = R->b0[0] = 0;
        R->pre[0] = sv_seg_start(s);
        R->suf[0] = sv_seg_end(s);
        R->mid[0] = SV_SEG_EMPTY;
        if (side) {
            R->lpre[0] = R->lsuf[0] = R->lmid[0] = sv_late_none(SV_SEG_BIG);
            set_work(P, k, 0);
        }
        R->lastbrk = -1;
        R->cost = 0; /* an unused technician drives nowhere */
        return;
    }
    R->lastbrk = -1;
    R->b0[0] = 0;
    for (int i = 0; i < R->m; i++)
        R->b0[i + 1] = R->b0[i] + R->nb[i];
    sv_lseg x = sv_lseg_start(s, side);
    R->pre[0] = x.x;
    if (side)
        R->lpre[0] = x.f;
    for (int i = 0; i < R->m; i++) {
        P->where[R->job[i]] = k;
        P->pos[R->job[i]] = i;
        sv_lseg un = sv_lseg_unit(P, k, R, i, side);
        sv_lseg_cat(P->c, &x, &x, &un, side);
        R->pre[i + 1] = x.x;
        if (side)
            R->lpre[i + 1] = x.f;
        if (R->nb[i] > 0)
            R->lastbrk = i;
    }
    sv_late none = sv_late_none(SV_SEG_BIG);
    sv_lseg suf = sv_lseg_unit(P, k, R, R->m, side), mid = sv_lseg_of(SV_SEG_EMPTY, &none, side);
    for (int i = R->m;; i--) {
        R->suf[i] = suf.x;
        R->mid[i] = mid.x;
        if (side) {
            R->lsuf[i] = suf.f;
            R->lmid[i] = mid.f;
        }
        if (i == 0)
            break;
        sv_lseg un = sv_lseg_unit(P, k, R, i - 1, side);
        sv_lseg_cat(P->c, &suf, &un, &suf, side);
        sv_lseg_cat(P->c, &mid, &un, &mid, side);
    }
    sv_lseg whole = sv_lseg_start(s, side);
    sv_lseg_cat(P->c, &whole, &whole, &suf, side);
    R->cost = sv_lseg_cost(P, k, &whole, side);
    if (side)
        set_work(P, k, sv_lseg_work(s->t0, &whole));
}

void sv_seg_refresh(sv_pls *P, int k)
{
    if (P->side)
        refresh(P, k, true);
    else
        refresh(P, k, false);
}

bool sv_seg_set_route(sv_pls *P, int k, const int *jobs, int m, const int *nb)
{
    sv_seg_route *R = &P->r[k];
    if (!reserve(P, R, m))
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
