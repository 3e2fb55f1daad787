/* pls.c - local search over infeasible intermediate solutions: time-window
 * and load violations are allowed and priced (time warp, Vidal et al.
 * 2013: a late arrival "warps" back to the window's end and pays per
 * second warped; load above the capacity pays per unit), the penalties
 * adapt to how often the search ends feasible, and the result is repaired
 * into a feasible solution before anyone sees it.
 *
 * Moves are priced by concatenating route segments. A segment summarises
 * a stretch of a route: its duration, time warp, the earliest and latest
 * start of its first stop, travel, load and its first and last located
 * stops. Every route keeps the segment of each prefix and suffix, so
 * removing, inserting or exchanging a job, or exchanging two tails, is a
 * concatenation of two or three stored segments and a new stop: O(1) (plus
 * the breaks of the unit cut). A move inside one route first passes an
 * O(1) travel test and is then priced by folding the stretch between its
 * two positions.
 *
 * Breaks have no location. A break is glued to the stop after it (the
 * technician drives on, then takes the break there, as route.c prefers),
 * which keeps the concatenation associative: a route is a sequence of
 * "units", each a job (or the end of the shift) with the breaks in front of
 * it. Breaks belong to their technician-shift, so a tail that carries a
 * break never changes routes. Several windows per job are relaxed to their
 * hull; job counts and skills stay hard. The exact checks of route.c decide
 * in the end: a route they refuse loses jobs, which are then inserted
 * wherever they fit exactly.
 *
 * In re-planning runs the penalty for moving a job to another technician
 * is part of the price; the one for shifting an appointment is not (the
 * caller judges the repaired result with it). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/internal.h"

#define BIG ((int64_t)1 << 42) /* "no bound", small enough to add up */

typedef struct seg {
    int64_t dur;  /* from the first start to the last end, waits included */
    int64_t tw;   /* time warp */
    int64_t e, l; /* earliest and latest start of the first stop */
    int64_t dist; /* travel inside */
    double load;
    int first, last; /* located ends, -1: none (breaks only or empty) */
} seg;

static const seg EMPTY = {0, 0, -BIG, BIG, 0, 0, -1, -1};

static inline int64_t mx(int64_t a, int64_t b)
{
    return a > b ? a : b;
}

static inline int64_t mn(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

static inline int64_t clip(int64_t t)
{
    return t < -BIG ? -BIG : t > BIG ? BIG : t;
}

static seg cat(const sv_ctx *c, seg a, seg b)
{
    int64_t d = a.last >= 0 && b.first >= 0 ? sv_travel(c, a.last, b.first) : 0;
    int64_t delta = a.dur - a.tw + d;
    int64_t wait = mx(b.e - delta - a.l, 0);
    int64_t warp = mx(a.e + delta - b.l, 0);
    seg r;
    r.dur = a.dur + b.dur + d + wait;
    r.tw = a.tw + b.tw + warp;
    r.e = mx(b.e - delta, a.e) - wait;
    r.l = mn(b.l - delta, a.l) + warp;
    r.dist = a.dist + b.dist + d;
    r.load = a.load + b.load;
    r.first = a.first >= 0 ? a.first : b.first;
    r.last = b.last >= 0 ? b.last : a.last;
    return r;
}

typedef struct proute {
    int m, cap;   /* jobs, allocated */
    int *job;     /* m */
    int *nb;      /* m + 1: breaks in front of unit i (unit m: the end) */
    int *b0;      /* m + 1: index of the first of them (breaks keep their order) */
    seg *pre;     /* m + 1: pre[i] = start + units [0, i) */
    seg *suf;     /* m + 1: suf[i] = units [i, m] (with the end) */
    seg *mid;     /* m + 1: mid[i] = units [i, m) (without the end) */
    int lastbrk;  /* last unit < m with breaks in front, -1: none */
    double cost;
    bool dirty;   /* changed since it was loaded */
} proute;

/* The workspace: routes are loaded from the solution only when the search
 * reaches them, so a call costs what it touches, not the whole solution. */
struct sv_pls {
    const sv_ctx *c;
    sv_sol *s;        /* the solution being improved */
    proute *r;        /* per slot; valid when loaded */
    unsigned char *loaded, *mark; /* per slot */
    int *loaded_list, nloaded;
    int *where, *pos; /* per job: route (-1: unassigned) and position */
    seg *job_seg;     /* per job */
    double wtw, wld;
    int *tmp, *tmp2;  /* scratch job sequences */
    int *tnb;         /* scratch break counts */
    int *order, *dropped;
    sv_route scratch;
    double deadline;
    bool oom;
};
typedef struct sv_pls pls;

static seg start_seg(const sv_slot *s)
{
    return (seg){0, 0, clip(s->t0), clip(s->t1), 0, 0, s->sloc, s->sloc};
}

static seg end_seg(const sv_slot *s)
{
    return (seg){0, 0, clip(s->t0), clip(s->t1), 0, 0, s->eloc, s->eloc};
}

static seg break_seg(const model_break *b)
{
    return (seg){b->duration, 0, clip(b->earliest), clip(b->latest), 0, 0, -1, -1};
}

/* A job: its service, and its windows relaxed to their hull. */
static seg job_seg_of(const sv_ctx *c, int u)
{
    const sv_win *w = c->win + c->win_off[u];
    int64_t lo = BIG, hi = -BIG;
    for (int q = 0; q < c->win_n[u]; q++) {
        lo = mn(lo, clip(w[q].s));
        hi = mx(hi, clip(w[q].e));
    }
    const model_job *j = &c->p->jobs[u];
    return (seg){j->duration, 0, lo, hi, 0, j->load, j->location, j->location};
}

static double seg_cost(const pls *P, const sv_slot *s, seg x)
{
    double over = s->cap > 0 && x.load > s->cap ? x.load - s->cap : 0;
    return (double)x.dist + P->wtw * (double)x.tw + P->wld * over;
}

/* Route k complete: start + x, the cost of the route it gives. */
static double close_cost(const pls *P, int k, seg x)
{
    const sv_slot *s = &P->c->slots[k];
    return seg_cost(P, s, cat(P->c, start_seg(s), x));
}


/* The breaks of unit i of route k glued in front of x. */
static seg with_breaks(const pls *P, int k, const proute *R, int i, seg x)
{
    if (R->nb[i] == 0)
        return x;
    const sv_slot *s = &P->c->slots[k];
    int b0 = R->b0[i];
    for (int b = b0 + R->nb[i] - 1; b >= b0; b--)
        x = cat(P->c, break_seg(&s->br[b]), x);
    return x;
}

static seg unit_seg(const pls *P, int k, const proute *R, int i)
{
    seg x = i < R->m ? P->job_seg[R->job[i]] : end_seg(&P->c->slots[k]);
    return with_breaks(P, k, R, i, x);
}

static bool reserve(proute *R, int m)
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

/* Recomputes the prefix and suffix segments and the cost of route k. */
static void refresh(pls *P, int k)
{
    proute *R = &P->r[k];
    const sv_slot *s = &P->c->slots[k];
    if (R->m == 0) {
        R->nb[0] = R->b0[0] = 0;
        R->pre[0] = start_seg(s);
        R->suf[0] = end_seg(s);
        R->mid[0] = EMPTY;
        R->lastbrk = -1;
        R->cost = 0; /* an unused technician drives nowhere */
        return;
    }
    R->lastbrk = -1;
    R->b0[0] = 0;
    for (int i = 0; i < R->m; i++)
        R->b0[i + 1] = R->b0[i] + R->nb[i];
    R->pre[0] = start_seg(s);
    for (int i = 0; i < R->m; i++) {
        P->where[R->job[i]] = k;
        P->pos[R->job[i]] = i;
        R->pre[i + 1] = cat(P->c, R->pre[i], unit_seg(P, k, R, i));
        if (R->nb[i] > 0)
            R->lastbrk = i;
    }
    R->suf[R->m] = unit_seg(P, k, R, R->m);
    R->mid[R->m] = EMPTY;
    for (int i = R->m - 1; i >= 0; i--) {
        seg u = unit_seg(P, k, R, i);
        R->suf[i] = cat(P->c, u, R->suf[i + 1]);
        R->mid[i] = cat(P->c, u, R->mid[i + 1]);
    }
    R->cost = seg_cost(P, s, cat(P->c, R->pre[0], R->suf[0]));
}

/* Sets route k to jobs[0..m) with break counts nb[0..m] (NULL: all the
 * slot's breaks at the end). */
static bool set_route(pls *P, int k, const int *jobs, int m, const int *nb)
{
    proute *R = &P->r[k];
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
    refresh(P, k);
    return true;
}

/* Penalised cost of route k without its job at position i. */
static double cost_without(const pls *P, int k, int i)
{
    const proute *R = &P->r[k];
    if (R->m == 1)
        return 0;
    return seg_cost(P, &P->c->slots[k],
                    cat(P->c, R->pre[i], with_breaks(P, k, R, i, R->suf[i + 1])));
}

/* Cost of a route that was empty serving u alone: its breaks either before
 * u or at the end, the better. */
static double cost_alone(const pls *P, int k, int u, int *breaks_first)
{
    const sv_slot *s = &P->c->slots[k];
    seg end = end_seg(s), ju = P->job_seg[u];
    seg brk = EMPTY;
    for (int b = s->nbr - 1; b >= 0; b--)
        brk = cat(P->c, break_seg(&s->br[b]), brk);
    double a = close_cost(P, k, cat(P->c, cat(P->c, brk, ju), end));
    double z = close_cost(P, k, cat(P->c, ju, cat(P->c, brk, end)));
    *breaks_first = a < z;
    return a < z ? a : z;
}

/* Cost of route k with u inserted in front of unit i (before its breaks). */
static double cost_with(const pls *P, int k, int i, int u)
{
    const proute *R = &P->r[k];
    if (R->m == 0) {
        int bf;
        return cost_alone(P, k, u, &bf);
    }
    return close_cost(P, k, cat(P->c, cat(P->c, R->pre[i], P->job_seg[u]), R->suf[i]));
}

/* Cost of route k with its job at position i replaced by u. */
static double cost_replaced(const pls *P, int k, int i, int u)
{
    const proute *R = &P->r[k];
    seg x = cat(P->c, with_breaks(P, k, R, i, P->job_seg[u]), R->suf[i + 1]);
    return seg_cost(P, &P->c->slots[k], cat(P->c, R->pre[i], x));
}

static bool compat(const sv_ctx *c, int u, int k)
{
    return c->compat[(size_t)u * c->nslots + k];
}

static bool room(const sv_ctx *c, int k, int m)
{
    return c->slots[k].maxj < 0 || m <= c->slots[k].maxj;
}

#define EPS 1e-6

/* Route k without its job at position i (whose breaks join the next
 * unit) into jobs and nb; returns the number of jobs. */
static int seq_without(const pls *P, int k, int i, int *jobs, int *nb)
{
    const proute *R = &P->r[k];
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

/* Inserts u in front of unit i of the sequence (jobs, nb) of length m. */
static void seq_insert(int *jobs, int *nb, int m, int i, int u)
{
    memmove(jobs + i + 1, jobs + i, (size_t)(m - i) * sizeof *jobs);
    memmove(nb + i + 1, nb + i, (size_t)(m + 1 - i) * sizeof *nb);
    jobs[i] = u;
    nb[i] = 0;
}

static bool do_relocate(pls *P, int u, int kb, int at)
{
    int ka = P->where[u], i = P->pos[u];
    int m = seq_without(P, ka, i, P->tmp, P->tnb);
    if (ka == kb) {
        if (at > i)
            at--;
        seq_insert(P->tmp, P->tnb, m, at, u);
        return set_route(P, ka, P->tmp, m + 1, P->tnb);
    }
    if (!set_route(P, ka, P->tmp, m, m > 0 ? P->tnb : NULL))
        return false;
    proute *B = &P->r[kb];
    if (B->m == 0) {
        int bf;
        cost_alone(P, kb, u, &bf);
        int nb[2] = {bf ? P->c->slots[kb].nbr : 0, bf ? 0 : P->c->slots[kb].nbr};
        return set_route(P, kb, &u, 1, nb);
    }
    memcpy(P->tmp, B->job, (size_t)B->m * sizeof *P->tmp);
    memcpy(P->tnb, B->nb, (size_t)(B->m + 1) * sizeof *P->tnb);
    seq_insert(P->tmp, P->tnb, B->m, at, u);
    return set_route(P, kb, P->tmp, B->m + 1, P->tnb);
}

/* Cost of route k's sequence after moving its job at position i in front of
 * unit `at` (same route), breaks staying in their gaps. */
/* Location of job position i of route k; the start before 0, the end
 * after the last. */
static int loc_at(const pls *P, int k, const proute *R, int i)
{
    if (i < 0)
        return P->c->slots[k].sloc;
    if (i >= R->m)
        return P->c->slots[k].eloc;
    return P->job_seg[R->job[i]].first;
}

/* Travel change of moving job position i in front of unit `at` of the same
 * route (at not i or i + 1); breaks do not travel. */
static int64_t dist_moved_inside(const pls *P, int k, int i, int at)
{
    const proute *R = &P->r[k];
    const sv_ctx *c = P->c;
    int u = P->job_seg[R->job[i]].first;
    int p = loc_at(P, k, R, i - 1), n = loc_at(P, k, R, i + 1);
    int l = loc_at(P, k, R, at - 1), r = loc_at(P, k, R, at);
    return (int64_t)sv_travel(c, p, n) - sv_travel(c, p, u) - sv_travel(c, u, n) +
           sv_travel(c, l, u) + sv_travel(c, u, r) - sv_travel(c, l, r);
}

static double cost_moved_inside(const pls *P, int k, int i, int at)
{
    const proute *R = &P->r[k];
    const sv_ctx *c = P->c;
    int u = R->job[i];
    seg y;
    if (at > i) { /* jobs i+1 .. at-1 move one place forward */
        y = R->pre[i];
        for (int p = i; p < at - 1; p++)
            y = cat(c, y, with_breaks(P, k, R, p, P->job_seg[R->job[p + 1]]));
        y = cat(c, y, with_breaks(P, k, R, at - 1, P->job_seg[u]));
        y = cat(c, y, R->suf[at]);
    } else { /* jobs at .. i-1 move one place back */
        y = cat(c, R->pre[at], with_breaks(P, k, R, at, P->job_seg[u]));
        for (int p = at + 1; p <= i; p++)
            y = cat(c, y, with_breaks(P, k, R, p, P->job_seg[R->job[p - 1]]));
        y = cat(c, y, R->suf[i + 1]);
    }
    return seg_cost(P, &c->slots[k], y);
}

static bool relocate(pls *P, int u, int v)
{
    const sv_ctx *c = P->c;
    int ka = P->where[u], kb = P->where[v], i = P->pos[u], j = P->pos[v];
    if (ka == kb) {
        for (int side = 0; side < 2; side++) {
            int at = j + side;
            if (at == i || at == i + 1)
                continue;
            /* the penalties are never negative: a move that does not
             * shorten the route enough cannot pay */
            const proute *R = &P->r[ka];
            seg whole = cat(c, R->pre[0], R->suf[0]);
            if ((double)(whole.dist + dist_moved_inside(P, ka, i, at)) >= R->cost - EPS)
                continue;
            double nc = cost_moved_inside(P, ka, i, at);
            if (nc < P->r[ka].cost - EPS) {
                /* the order cost_moved_inside priced, breaks in their gaps */
                proute *R = &P->r[ka];
                int m = R->m, n = 0;
                for (int q = 0; q < m; q++)
                    if (q != i)
                        P->tmp[n++] = R->job[q];
                int a = at > i ? at - 1 : at;
                memmove(P->tmp + a + 1, P->tmp + a, (size_t)(n - a) * sizeof *P->tmp);
                P->tmp[a] = u;
                memcpy(P->tnb, R->nb, (size_t)(m + 1) * sizeof *P->tnb);
                return set_route(P, ka, P->tmp, m, P->tnb);
            }
        }
        return false;
    }
    if (!compat(c, u, kb) || !room(c, kb, P->r[kb].m + 1))
        return false;
    double base = P->r[ka].cost + P->r[kb].cost + (double)sv_pen(c, u, ka);
    double rem = cost_without(P, ka, i) + (double)sv_pen(c, u, kb);
    for (int side = 0; side < 2; side++) {
        int at = j + side;
        if (rem + cost_with(P, kb, at, u) < base - EPS)
            return do_relocate(P, u, kb, at);
    }
    return false;
}

static bool swap(pls *P, int u, int v)
{
    const sv_ctx *c = P->c;
    int ka = P->where[u], kb = P->where[v], i = P->pos[u], j = P->pos[v];
    if (ka == kb || !compat(c, u, kb) || !compat(c, v, ka))
        return false;
    double base = P->r[ka].cost + P->r[kb].cost + (double)(sv_pen(c, u, ka) + sv_pen(c, v, kb));
    double nc = cost_replaced(P, ka, i, v) + cost_replaced(P, kb, j, u) +
                (double)(sv_pen(c, u, kb) + sv_pen(c, v, ka));
    if (nc >= base - EPS)
        return false;
    proute *A = &P->r[ka], *B = &P->r[kb];
    A->job[i] = v;
    B->job[j] = u;
    A->dirty = B->dirty = true;
    refresh(P, ka);
    refresh(P, kb);
    return true;
}

/* 2-opt*: u's route goes on with v and what follows it; v's route keeps
 * what preceded v and goes on with what followed u. Only tails without
 * breaks change routes. */
static bool two_opt_star(pls *P, int u, int v)
{
    const sv_ctx *c = P->c;
    int ka = P->where[u], kb = P->where[v], i = P->pos[u], j = P->pos[v];
    if (ka == kb)
        return false;
    proute *A = &P->r[ka], *B = &P->r[kb];
    if (A->lastbrk >= i + 1 || B->lastbrk >= j)
        return false;
    int na = i + 1 + (B->m - j), nbm = j + (A->m - i - 1);
    if (!room(c, ka, na) || !room(c, kb, nbm))
        return false;
    const sv_slot *sa = &c->slots[ka], *sb = &c->slots[kb];
    seg ea = with_breaks(P, ka, A, A->m, end_seg(sa));
    seg eb = with_breaks(P, kb, B, B->m, end_seg(sb));
    double ca = seg_cost(P, sa, cat(c, cat(c, A->pre[i + 1], B->mid[j]), ea));
    double cb = nbm == 0 ? 0 : seg_cost(P, sb, cat(c, cat(c, B->pre[j], A->mid[i + 1]), eb));
    double pd = 0;
    for (int q = j; q < B->m; q++)
        pd += (double)(sv_pen(c, B->job[q], ka) - sv_pen(c, B->job[q], kb));
    for (int q = i + 1; q < A->m; q++)
        pd += (double)(sv_pen(c, A->job[q], kb) - sv_pen(c, A->job[q], ka));
    if (ca + cb + pd >= A->cost + B->cost - EPS)
        return false;
    for (int q = j; q < B->m; q++)
        if (!compat(c, B->job[q], ka))
            return false;
    for (int q = i + 1; q < A->m; q++)
        if (!compat(c, A->job[q], kb))
            return false;
    /* A' = A[0..i] + B[j..], breaks: A's up to i, then A's end breaks */
    int n = 0;
    for (int q = 0; q <= i; q++) {
        P->tmp[n] = A->job[q];
        P->tnb[n++] = A->nb[q];
    }
    for (int q = j; q < B->m; q++) {
        P->tmp[n] = B->job[q];
        P->tnb[n++] = 0;
    }
    P->tnb[n] = A->nb[A->m];
    int m2 = 0;
    int *tb = P->tmp2, *tbn = P->tnb + (c->njobs + 2);
    for (int q = 0; q < j; q++) {
        tb[m2] = B->job[q];
        tbn[m2++] = B->nb[q];
    }
    for (int q = i + 1; q < A->m; q++) {
        tb[m2] = A->job[q];
        tbn[m2++] = 0;
    }
    tbn[m2] = m2 > 0 ? B->nb[B->m] : 0;
    return set_route(P, ka, P->tmp, n, P->tnb) && set_route(P, kb, tb, m2, tbn);
}

/* 2-opt inside one route: reverses the jobs after u through v. */
static bool two_opt(pls *P, int u, int v)
{
    int k = P->where[u];
    if (k != P->where[v])
        return false;
    int i = P->pos[u], j = P->pos[v];
    if (j <= i + 1)
        return false;
    proute *R = &P->r[k];
    const sv_slot *s = &P->c->slots[k];
    memcpy(P->tmp2, R->job, (size_t)R->m * sizeof *P->tmp2);
    for (int lo = i + 1, hi = j; lo < hi; lo++, hi--) {
        int t = P->tmp2[lo];
        P->tmp2[lo] = P->tmp2[hi];
        P->tmp2[hi] = t;
    }
    seg x = R->suf[j + 1];
    for (int q = j; q > i; q--)
        x = cat(P->c, with_breaks(P, k, R, q, P->job_seg[P->tmp2[q]]), x);
    double nc = seg_cost(P, s, cat(P->c, R->pre[i + 1], x));
    if (nc >= R->cost - EPS)
        return false;
    memcpy(R->job, P->tmp2, (size_t)R->m * sizeof *R->job);
    R->dirty = true;
    refresh(P, k);
    return true;
}

static bool ensure(pls *P, int k);

/* u alone into an empty route it may use (the first one found). */
static bool to_empty(pls *P, int u)
{
    const sv_ctx *c = P->c;
    int ka = P->where[u];
    if (P->r[ka].m < 2)
        return false;
    const int *cand = c->cand + c->cand_off[u];
    for (int q = 0; q < c->cand_n[u]; q++) {
        int k = cand[q];
        if (P->s->r[k].njobs != 0 && !P->loaded[k])
            continue;
        if (!ensure(P, k))
            return false;
        if (P->r[k].m != 0)
            continue;
        int bf;
        double nc = cost_alone(P, k, u, &bf) + cost_without(P, ka, P->pos[u]) +
                    (double)sv_pen(c, u, k);
        if (nc < P->r[ka].cost + (double)sv_pen(c, u, ka) - EPS)
            return do_relocate(P, u, k, 0);
        return false;
    }
    return false;
}

static bool improve_job(pls *P, int u)
{
    const sv_ctx *c = P->c;
    const int *nb = c->nbr + (size_t)u * c->nnbr;
    for (int q = 0; q < c->nnbr; q++) {
        int v = nb[q];
        if (P->where[u] < 0 || P->where[v] < 0)
            continue;
        if (!ensure(P, P->where[u]) || !ensure(P, P->where[v]))
            return false;
        if (relocate(P, u, v) || swap(P, u, v) || two_opt_star(P, u, v) || two_opt(P, u, v))
            return true;
    }
    return P->where[u] >= 0 && ensure(P, P->where[u]) && to_empty(P, u);
}

/* Local search to a local optimum of the penalised cost. */
static void descend(pls *P, const int *order, int n)
{
    long moves = 0, cap = 200L * (n + 10);
    bool improved = true;
    while (improved && moves < cap && !P->oom && sv_now() < P->deadline) {
        improved = false;
        for (int q = 0; q < n && moves < cap; q++) {
            if (P->where[order[q]] < 0)
                continue;
            if (improve_job(P, order[q])) {
                improved = true;
                moves++;
            }
            if ((q & 63) == 0 && sv_now() >= P->deadline)
                break;
        }
    }
}

/* Whether the loaded routes keep their windows (*time) and capacities
 * (*load); returns both. */
static bool routes_feasible(const pls *P, bool *time, bool *load)
{
    *time = *load = true;
    for (int q = 0; q < P->nloaded; q++) {
        int k = P->loaded_list[q];
        const proute *R = &P->r[k];
        if (R->m == 0)
            continue;
        seg x = cat(P->c, R->pre[0], R->suf[0]);
        const sv_slot *s = &P->c->slots[k];
        if (x.tw > 0)
            *time = false;
        if (s->cap > 0 && x.load > s->cap + 1e-9)
            *load = false;
    }
    return *time && *load;
}

static void refresh_all(pls *P)
{
    for (int q = 0; q < P->nloaded; q++)
        refresh(P, P->loaded_list[q]);
}

/* Makes route k feasible for route.c's exact checks, dropping jobs (the
 * one whose removal costs least under heavy penalties) until it is; the
 * dropped jobs go to out. Writes the exact route into r. */
static bool make_exact(pls *P, int k, sv_route *r, int *out, int *nout)
{
    const sv_ctx *c = P->c;
    const sv_slot *s = &c->slots[k];
    for (;;) {
        proute *R = &P->r[k];
        /* (running out of memory looks infeasible here: jobs are dropped
         * and the caller keeps the better solution) */
        if (sv_route_set_jobs(c, r, R->job, R->m) && room(c, k, R->m) &&
            !(s->cap > 0 && r->load > s->cap + 1e-9)) {
            sv_route_fix_breaks(c, r);
            return true;
        }
        if (R->m == 0)
            return sv_route_clear(c, r);
        int worst = 0;
        double best = INFINITY;
        for (int i = 0; i < R->m; i++) {
            double nc = cost_without(P, k, i);
            if (nc < best) {
                best = nc;
                worst = i;
            }
        }
        out[(*nout)++] = R->job[worst];
        P->where[R->job[worst]] = -1;
        int m = seq_without(P, k, worst, P->tmp, P->tnb);
        if (!set_route(P, k, P->tmp, m, m > 0 ? P->tnb : NULL))
            return false;
    }
}

void sv_pls_free(sv_pls *P)
{
    if (!P)
        return;
    if (P->r)
        for (int k = 0; k < P->c->nslots; k++) {
            free(P->r[k].job);
            free(P->r[k].nb);
            free(P->r[k].b0);
            free(P->r[k].pre);
            free(P->r[k].suf);
            free(P->r[k].mid);
        }
    free(P->r);
    free(P->loaded);
    free(P->mark);
    free(P->loaded_list);
    free(P->where);
    free(P->pos);
    free(P->job_seg);
    free(P->tmp);
    free(P->tmp2);
    free(P->tnb);
    free(P->order);
    free(P->dropped);
    sv_route_free(&P->scratch);
    free(P);
}

sv_pls *sv_pls_create(const sv_ctx *c)
{
    sv_pls *P = calloc(1, sizeof *P);
    if (!P)
        return NULL;
    P->c = c;
    size_t n = (size_t)c->njobs + 2, ns = (size_t)c->nslots + 1;
    P->r = calloc(ns, sizeof *P->r);
    P->loaded = calloc(ns, 1);
    P->mark = calloc(ns, 1);
    P->loaded_list = malloc(ns * sizeof *P->loaded_list);
    P->where = malloc(n * sizeof *P->where);
    P->pos = malloc(n * sizeof *P->pos);
    P->job_seg = malloc(n * sizeof *P->job_seg);
    P->tmp = malloc(n * sizeof *P->tmp);
    P->tmp2 = malloc(n * sizeof *P->tmp2);
    P->tnb = malloc(2 * n * sizeof *P->tnb);
    P->order = malloc(n * sizeof *P->order);
    P->dropped = malloc(n * sizeof *P->dropped);
    if (!P->r || !P->loaded || !P->mark || !P->loaded_list || !P->where || !P->pos ||
        !P->job_seg || !P->tmp || !P->tmp2 || !P->tnb || !P->order || !P->dropped) {
        sv_pls_free(P);
        return NULL;
    }
    for (int u = 0; u < c->njobs; u++)
        P->job_seg[u] = job_seg_of(c, u);
    return P;
}

/* Loads route k from the solution the first time the search reaches it. */
static bool ensure(pls *P, int k)
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
    if (!set_route(P, k, P->tmp, m, P->tnb)) {
        P->oom = true;
        return false;
    }
    P->r[k].dirty = false;
    P->loaded[k] = 1;
    P->loaded_list[P->nloaded++] = k;
    return true;
}

void sv_penalty_init(const sv_ctx *c, const sv_sol *s, sv_penalty *pen)
{
    double load = 0;
    for (int u = 0; u < c->njobs; u++)
        load += c->p->jobs[u].load;
    double per_job = s->nassigned ? (double)s->travel / s->nassigned : 1.0;
    pen->w_tw = 1.0;
    pen->w_load = load > 0 ? per_job / (load / (c->njobs ? c->njobs : 1)) : 1.0;
    if (pen->w_load < 0.1)
        pen->w_load = 0.1;
    pen->runs = pen->feasible = 0;
}

/* Each penalty rises when the search ends breaking its rule and falls when
 * it ends keeping it, aiming at about 30% of runs keeping it on their own:
 * often enough to learn from, rarely enough that the search crosses
 * infeasible space. */
static double adapt_one(double w, bool kept, double lo, double hi)
{
    w *= kept ? 0.7 : 1.16;
    return w < lo ? lo : w > hi ? hi : w;
}

static void adapt(sv_penalty *pen, bool time, bool load)
{
    pen->runs++;
    pen->feasible += time && load;
    pen->w_tw = adapt_one(pen->w_tw, time, 0.05, 1e4);
    pen->w_load = adapt_one(pen->w_load, load, 0.01, 1e5);
}

static void note_changed(pls *P, int k, int *changed, int *nchanged)
{
    if (changed && !P->mark[k]) {
        P->mark[k] = 1;
        changed[(*nchanged)++] = k;
    }
}

bool sv_penalised_search(sv_pls *P, sv_sol *s, sv_rng *g, double deadline, sv_penalty *pen,
                         const int *jobs, int njobs, int *changed, int *nchanged)
{
    const sv_ctx *c = P->c;
    int nch = 0;
    if (nchanged)
        *nchanged = 0;
    if (c->nnbr == 0 || njobs == 0)
        return true;
    P->s = s;
    P->deadline = deadline;
    P->wtw = pen->w_tw;
    P->wld = pen->w_load;
    P->oom = false;
    P->nloaded = 0;
    memcpy(P->where, s->where, (size_t)c->njobs * sizeof *P->where);
    for (int q = 0; q < njobs; q++)
        P->order[q] = jobs ? jobs[q] : q;
    for (int q = njobs - 1; q > 0; q--) {
        int w = sv_randint(g, q + 1), t = P->order[q];
        P->order[q] = P->order[w];
        P->order[w] = t;
    }
    descend(P, P->order, njobs);
    bool time, load;
    bool feas = routes_feasible(P, &time, &load);
    adapt(pen, time, load);
    /* repair as the hybrid genetic search does: the same search with
     * penalties ten and a hundred times higher */
    for (int boost = 10; !feas && !P->oom && boost <= 100; boost *= 10) {
        P->wtw = pen->w_tw * boost;
        P->wld = pen->w_load * boost;
        refresh_all(P);
        descend(P, P->order, njobs);
        feas = routes_feasible(P, &time, &load);
    }
    P->wtw = 1e6;
    P->wld = 1e6;
    refresh_all(P);
    bool ok = !P->oom;
    int ndropped = 0;
    for (int q = 0; ok && q < P->nloaded; q++) {
        int k = P->loaded_list[q];
        if (!P->r[k].dirty)
            continue;
        P->scratch.slot = k;
        ok = make_exact(P, k, &P->scratch, P->dropped, &ndropped) &&
             sv_route_copy(&s->r[k], &P->scratch);
        note_changed(P, k, changed, &nch);
    }
    if (ok) {
        sv_sol_recount(c, s);
        for (int q = 0; ok && q < ndropped; q++) {
            int u = P->dropped[q], k, at;
            int64_t cost;
            if (!sv_best_insertion(c, s, u, 0, g, &k, &at, &cost))
                continue;
            ok = sv_sol_insert(c, s, u, k, at);
            note_changed(P, k, changed, &nch);
        }
    }
    for (int q = 0; q < P->nloaded; q++)
        P->loaded[P->loaded_list[q]] = 0;
    for (int q = 0; changed && q < nch; q++)
        P->mark[changed[q]] = 0;
    if (nchanged)
        *nchanged = nch;
    return ok;
}

int64_t sv_segment_warp(const sv_ctx *c, int k, const int *nodes, int n)
{
    const sv_slot *s = &c->slots[k];
    seg x = end_seg(s);
    for (int i = n - 1; i >= 0; i--) {
        seg y = sv_is_break(nodes[i]) ? break_seg(&s->br[-nodes[i] - 1]) : job_seg_of(c, nodes[i]);
        x = cat(c, y, x);
    }
    return cat(c, start_seg(s), x).tw;
}
