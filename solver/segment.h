/* segment.h - the route data the penalised search keeps: route segments
 * (Vidal et al. 2013) and, per route, the segment of every prefix and
 * suffix, so that a move is priced by concatenating two or three of them.
 *
 * A segment summarises a stretch of a route: its duration, time warp (a
 * late arrival "warps" back to the window's end), the earliest and latest
 * start of its first stop, travel, load and its first and last located
 * stops. Concatenation is associative, so removing, inserting or
 * exchanging a job, or exchanging two tails, costs O(1) (plus the breaks
 * of the unit cut).
 *
 * Breaks have no location. A break is glued to the stop after it (the
 * technician drives on, then takes the break there, as route.c prefers): a
 * route is a sequence of "units", each a job (or the end of the shift) with
 * the breaks in front of it. Several windows per job are relaxed to their
 * hull.
 *
 * Extension 2 (FORMAT.md "Soft rules"): a shift's overtime is priced from
 * the segment itself (sv_seg_cost). A job's lateness and the working time
 * the balance cost is taken over live in a side chain (segment_late.h),
 * kept per route beside pre/suf/mid and per job only when the problem has
 * a lateness or a balance cost (P->side): every pricing site tests the
 * flag once and runs its chain either on the main segments alone or on
 * main and side together (the same code, `side` a constant). The balance
 * itself is priced in pls.c on per-technician totals kept here.
 *
 * Invariant: after sv_seg_refresh(P, k), every field of P->r[k] below
 * describes its jobs and break counts, and P->where / P->pos name the route
 * and position of each of its jobs. The hot helpers are inline: they run
 * for every candidate move. */
#ifndef FIELDPLAN_SOLVER_SEGMENT_H
#define FIELDPLAN_SOLVER_SEGMENT_H

#include "solver/search.h"
#include "solver/soft_fn.h"

#define SV_SEG_BIG ((int64_t)1 << 42) /* "no bound", small enough to add up */
#define SV_SEG_EPS 1e-6               /* a penalised cost must fall by more */

typedef struct sv_seg {
    int64_t dur;  /* from the first start to the last end, waits included */
    int64_t tw;   /* time warp */
    int64_t e, l; /* earliest and latest start of the first stop */
    int64_t dist; /* travel inside */
    double load;
    int first, last; /* located ends, -1: none (breaks only or empty) */
} sv_seg;

static const sv_seg SV_SEG_EMPTY = {0, 0, -SV_SEG_BIG, SV_SEG_BIG, 0, 0, -1, -1};

static inline int64_t sv_seg_max(int64_t a, int64_t b)
{
    return a > b ? a : b;
}

static inline int64_t sv_seg_min(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

static inline int64_t sv_seg_clip(int64_t t)
{
    return t < -SV_SEG_BIG ? -SV_SEG_BIG : t > SV_SEG_BIG ? SV_SEG_BIG : t;
}

/* a followed by b. */
static inline sv_seg sv_seg_cat(const sv_ctx *c, sv_seg a, sv_seg b)
{
    int64_t d = a.last >= 0 && b.first >= 0 ? sv_travel(c, a.last, b.first) : 0;
    int64_t delta = a.dur - a.tw + d;
    int64_t wait = sv_seg_max(b.e - delta - a.l, 0);
    int64_t warp = sv_seg_max(a.e + delta - b.l, 0);
    sv_seg r;
    r.dur = a.dur + b.dur + d + wait;
    r.tw = a.tw + b.tw + warp;
    r.e = sv_seg_max(b.e - delta, a.e) - wait;
    r.l = sv_seg_min(b.l - delta, a.l) + warp;
    r.dist = a.dist + b.dist + d;
    r.load = a.load + b.load;
    r.first = a.first >= 0 ? a.first : b.first;
    r.last = b.last >= 0 ? b.last : a.last;
    return r;
}

#include "solver/segment_late.h"

/* One route of the penalised search. */
typedef struct sv_seg_route {
    int m, cap;   /* jobs, allocated */
    int *job;     /* m */
    int *nb;      /* m + 1: breaks in front of unit i (unit m: the end) */
    int *b0;      /* m + 1: index of the first of them (breaks keep their order) */
    sv_seg *pre;  /* m + 1: pre[i] = start + units [0, i) */
    sv_seg *suf;  /* m + 1: suf[i] = units [i, m] (with the end) */
    sv_seg *mid;  /* m + 1: mid[i] = units [i, m) (without the end) */
    sv_late *lpre, *lsuf, *lmid; /* m + 1: their sides (P->side, else NULL) */
    int lastbrk;  /* last unit < m with breaks in front, -1: none */
    double cost;  /* penalised cost: travel + prices of warp and overload
                     (+ lateness with the side chain) */
    int64_t work; /* working time (with the side chain) */
    bool dirty;   /* changed since it was loaded */
} sv_seg_route;

/* The penalised search's workspace: routes are loaded from the solution
 * only when the search reaches them, so a call costs what it touches, not
 * the whole solution. Owned by pls.c (sv_pls_create / sv_pls_free). */
struct sv_pls {
    const sv_ctx *c;
    sv_sol *s;        /* the solution being improved */
    sv_seg_route *r;  /* per slot; valid when loaded */
    unsigned char *loaded, *mark; /* per slot */
    int *loaded_list, nloaded;
    int *where, *pos; /* per job: route (-1: unassigned) and position */
    sv_seg *job_seg;  /* per job */
    bool side;        /* the problem has a lateness or a balance cost */
    sv_late *job_late; /* per job, with the side chain */
    /* balance (c->balance > 0, else seen_work NULL): the technicians' working
     * times, the loaded routes' as their segments give them, the others' as
     * the solution has them; per slot the working time of the route priced
     * last for it (sv_lseg_cost) */
    sv_balance bal;
    int64_t *seen_work;
    bool bal_stale;   /* bal.cost not repriced since bal.work changed */
    double wtw, wld;  /* prices of a second of warp and a unit of overload */
    int *tmp, *tmp2;  /* scratch job sequences, njobs + 2 each */
    int *tnb;         /* scratch break counts, 2 (njobs + 2) */
    int *order, *dropped;
    sv_route scratch;
    double deadline;
    bool oom;         /* memory ran out: the search stops */
};

static inline sv_seg sv_seg_start(const sv_slot *s)
{
    return (sv_seg){0, 0, sv_seg_clip(s->t0), sv_seg_clip(s->t1), 0, 0, s->sloc, s->sloc};
}

static inline sv_seg sv_seg_end(const sv_slot *s)
{
    return (sv_seg){0, 0, sv_seg_clip(s->t0), sv_seg_clip(s->t1), 0, 0, s->eloc, s->eloc};
}

static inline sv_seg sv_seg_break(const model_break *b)
{
    return (sv_seg){b->duration, 0, sv_seg_clip(b->earliest), sv_seg_clip(b->latest), 0, 0, -1, -1};
}

/* A job: its service, and its windows relaxed to their hull. */
sv_seg sv_seg_job(const sv_ctx *c, int u);

/* Penalised cost of a whole route x on slot s. With a shift's overtime
 * (extension 2) its price too: the route ends at x.e + x.dur - x.tw at the
 * earliest (exact without time warp), past the shift's end at
 * cost_s_per_min / 60 a second. (A job's lateness is not priced here but
 * from the side chain, sv_lseg_cost below; its widened window keeps the
 * timing right.) */
static inline double sv_seg_cost(const sv_pls *P, const sv_slot *s, sv_seg x)
{
    double over = s->cap > 0 && x.load > s->cap ? x.load - s->cap : 0;
    double cost = (double)x.dist + P->wtw * (double)x.tw + P->wld * over;
    if (s->ot.max_s >= 0) {
        int64_t late = x.e + x.dur - x.tw - s->tend;
        if (late > 0)
            cost += model_soft_limit_weight(s->ot, late);
    }
    return cost;
}

/* Route k complete: start + x, the cost of the route it gives. */
static inline double sv_seg_close_cost(const sv_pls *P, int k, sv_seg x)
{
    const sv_slot *s = &P->c->slots[k];
    return sv_seg_cost(P, s, sv_seg_cat(P->c, sv_seg_start(s), x));
}

/* ---- chains of main and side segments (segment_late.h) ---- */

/* f(args..., side) with side the constant P->side is: the one test a
 * priced move makes for the side chain. The copy with the side is called
 * as f_side (SV_SIDE_TWIN), out of line, so that the main one stays as
 * small as it was and is inlined where it was. */
#define SV_SIDE(P, f, ...) ((P)->side ? f##_side(__VA_ARGS__) : f(__VA_ARGS__, false))
#define SV_SIDE_NOINLINE __attribute__((noinline))

/* Route R's prefix, suffix and middle i, job u and slot s's ends as pieces. */
SV_LSEG_INLINE sv_lseg sv_lseg_pre(const sv_seg_route *R, int i, bool side)
{
    return sv_lseg_of(R->pre[i], side ? &R->lpre[i] : NULL, side);
}

SV_LSEG_INLINE sv_lseg sv_lseg_suf(const sv_seg_route *R, int i, bool side)
{
    return sv_lseg_of(R->suf[i], side ? &R->lsuf[i] : NULL, side);
}

SV_LSEG_INLINE sv_lseg sv_lseg_mid(const sv_seg_route *R, int i, bool side)
{
    return sv_lseg_of(R->mid[i], side ? &R->lmid[i] : NULL, side);
}

SV_LSEG_INLINE sv_lseg sv_lseg_job(const sv_pls *P, int u, bool side)
{
    return sv_lseg_of(P->job_seg[u], side ? &P->job_late[u] : NULL, side);
}

SV_LSEG_INLINE sv_lseg sv_lseg_start(const sv_slot *s, bool side)
{
    sv_late none = sv_late_none(SV_SEG_BIG);
    return sv_lseg_of(sv_seg_start(s), &none, side);
}

SV_LSEG_INLINE sv_lseg sv_lseg_end(const sv_slot *s, bool side)
{
    sv_late none = sv_late_none(SV_SEG_BIG);
    return sv_lseg_of(sv_seg_end(s), &none, side);
}

/* The breaks of unit i of route k glued in front of x. */
SV_LSEG_INLINE sv_lseg sv_lseg_with_breaks(const sv_pls *P, int k, const sv_seg_route *R, int i,
                                           sv_lseg x, bool side)
{
    if (R->nb[i] == 0)
        return x;
    const sv_slot *s = &P->c->slots[k];
    sv_late none = sv_late_none(-SV_SEG_BIG);
    int b0 = R->b0[i];
    for (int b = b0 + R->nb[i] - 1; b >= b0; b--) {
        sv_lseg y = sv_lseg_of(sv_seg_break(&s->br[b]), &none, side);
        sv_lseg_cat(P->c, &x, &y, &x, side);
    }
    return x;
}

/* Unit i of route k: its job (the end when i == m) with its breaks. */
SV_LSEG_INLINE sv_lseg sv_lseg_unit(const sv_pls *P, int k, const sv_seg_route *R, int i,
                                    bool side)
{
    sv_lseg x = i < R->m ? sv_lseg_job(P, R->job[i], side) : sv_lseg_end(&P->c->slots[k], side);
    return sv_lseg_with_breaks(P, k, R, i, x, side);
}

/* Penalised cost of a whole route x (from the slot's start) on slot k; with
 * the side chain its jobs' lateness too, F at the shift's start, and its
 * working time noted for the balance (P->seen_work). Every penalised
 * operator prices each route it changes through here. */
SV_LSEG_INLINE double sv_lseg_cost(const sv_pls *P, int k, const sv_lseg *x, bool side)
{
    const sv_slot *s = &P->c->slots[k];
    double cost = sv_seg_cost(P, s, x->x);
    if (side) {
        cost += sv_late_at(&x->f, s->t0);
        if (P->seen_work)
            P->seen_work[k] = sv_lseg_work(s->t0, x);
    }
    return cost;
}

/* a + b + c (r may be any of them). */
SV_LSEG_INLINE void sv_lseg_cat3(const sv_ctx *c, sv_lseg *r, const sv_lseg *a, const sv_lseg *b,
                                 const sv_lseg *d, bool side)
{
    sv_lseg ab;
    sv_lseg_cat(c, &ab, a, b, side);
    sv_lseg_cat(c, r, &ab, d, side);
}

/* ---- the penalised cost of a route changed in one place ---- */

SV_LSEG_INLINE double sv_seg_without_chain(const sv_pls *P, int k, int i, bool side)
{
    const sv_seg_route *R = &P->r[k];
    sv_lseg pre = sv_lseg_pre(R, i, side);
    sv_lseg x = sv_lseg_with_breaks(P, k, R, i, sv_lseg_suf(R, i + 1, side), side);
    sv_lseg_cat(P->c, &x, &pre, &x, side);
    return sv_lseg_cost(P, k, &x, side);
}

double sv_seg_without_chain_side(const sv_pls *P, int k, int i);

/* Penalised cost of route k without its job at position i. */
SV_LSEG_INLINE double sv_seg_cost_without(const sv_pls *P, int k, int i)
{
    if (P->r[k].m == 1)
        return 0;
    return SV_SIDE(P, sv_seg_without_chain, P, k, i);
}

/* Cost of a route that was empty serving u alone: its breaks either before
 * u or at the end, the better (*breaks_first tells which). */
double sv_seg_cost_alone(const sv_pls *P, int k, int u, int *breaks_first);

SV_LSEG_INLINE double sv_seg_with_chain(const sv_pls *P, int k, int i, int u, bool side)
{
    const sv_seg_route *R = &P->r[k];
    sv_lseg pre = sv_lseg_pre(R, i, side), ju = sv_lseg_job(P, u, side);
    sv_lseg suf = sv_lseg_suf(R, i, side), x;
    sv_lseg_cat3(P->c, &x, &pre, &ju, &suf, side);
    /* pre starts at the slot's start; the main chain closes it once more,
     * as sv_seg_close_cost does (no change but the order of operations) */
    x.x = sv_seg_cat(P->c, sv_seg_start(&P->c->slots[k]), x.x);
    return sv_lseg_cost(P, k, &x, side);
}

double sv_seg_with_chain_side(const sv_pls *P, int k, int i, int u);

/* Cost of route k with u inserted in front of unit i (before its breaks). */
SV_LSEG_INLINE double sv_seg_cost_with(const sv_pls *P, int k, int i, int u)
{
    if (P->r[k].m == 0) {
        int bf;
        return sv_seg_cost_alone(P, k, u, &bf);
    }
    return SV_SIDE(P, sv_seg_with_chain, P, k, i, u);
}

SV_LSEG_INLINE double sv_seg_replaced_chain(const sv_pls *P, int k, int i, int u, bool side)
{
    const sv_seg_route *R = &P->r[k];
    sv_lseg x = sv_lseg_with_breaks(P, k, R, i, sv_lseg_job(P, u, side), side);
    sv_lseg pre = sv_lseg_pre(R, i, side), suf = sv_lseg_suf(R, i + 1, side);
    sv_lseg_cat(P->c, &x, &x, &suf, side);
    sv_lseg_cat(P->c, &x, &pre, &x, side);
    return sv_lseg_cost(P, k, &x, side);
}

double sv_seg_replaced_chain_side(const sv_pls *P, int k, int i, int u);

/* Cost of route k with its job at position i replaced by u. */
SV_LSEG_INLINE double sv_seg_cost_replaced(const sv_pls *P, int k, int i, int u)
{
    return SV_SIDE(P, sv_seg_replaced_chain, P, k, i, u);
}

/* Location of job position i of route k; the start before 0, the end
 * after the last. */
static inline int sv_seg_loc_at(const sv_pls *P, int k, const sv_seg_route *R, int i)
{
    if (i < 0)
        return P->c->slots[k].sloc;
    if (i >= R->m)
        return P->c->slots[k].eloc;
    return P->job_seg[R->job[i]].first;
}

/* Job u may be served on slot k (skills, rules). */
static inline bool sv_seg_compat(const sv_ctx *c, int u, int k)
{
    return sv_compat(c, u, k);
}

/* Slot k may serve m jobs. */
static inline bool sv_seg_room(const sv_ctx *c, int k, int m)
{
    return c->slots[k].maxj < 0 || m <= c->slots[k].maxj;
}

/* Recomputes the prefix and suffix segments and the cost of route k. */
void sv_seg_refresh(sv_pls *P, int k);
/* Sets route k to jobs[0..m) with break counts nb[0..m] (NULL: all the
 * slot's breaks at the end; jobs and nb may be P's scratch). Returns false
 * when memory ran out (the route then keeps its old content). */
bool sv_seg_set_route(sv_pls *P, int k, const int *jobs, int m, const int *nb);
/* Route k without its job at position i (whose breaks join the next
 * unit) into jobs and nb; returns the number of jobs. */
int sv_seg_seq_without(const sv_pls *P, int k, int i, int *jobs, int *nb);
/* Inserts u in front of unit i of the sequence (jobs, nb) of length m. */
void sv_seg_seq_insert(int *jobs, int *nb, int m, int i, int u);
/* Loads route k from the solution the first time the search reaches it;
 * false (and P->oom set) when memory ran out. */
bool sv_seg_load(sv_pls *P, int k);
/* Starts a penalised search of s (pls.c): no route loaded yet, the
 * penalties of pen, the balance totals from s's routes. */
void sv_pls_begin(sv_pls *P, sv_sol *s, const sv_penalty *pen);
/* The first improving move of job u (assigned) made; false if none. */
bool sv_pls_improve(sv_pls *P, int u);
/* Frees the arrays of R (not R itself). */
void sv_seg_route_free(sv_seg_route *R);

#endif
