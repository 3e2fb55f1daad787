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
 * Extension 2 (FORMAT.md "Soft rules"): a segment also carries the lateness
 * cost of its jobs as a function of the time t it is entered (the arrival
 * at its first stop), with every stop served as early as possible, as
 * route.c and the written schedule serve them:
 *
 *     F(t) = late + sum_q lc[q] * max(0, t - lt[q])    for t <= l,
 *
 * convex piecewise linear (past l there is more time warp, which is priced
 * on its own; a warped arrival counts as arriving at l). A job's own F has
 * one breakpoint: the end of its last window (the one starting last), or
 * its earliest start if later; with several windows this is a lower bound
 * (a start late in an earlier window costs nothing here). Per second a job
 * pays the lateness rate per second (sv_seg_rate) where route_cost.c
 * rounds each job's cost up to a second: the segment's price is below the
 * exact one by less than a second per late job. At most SV_SEG_NBP
 * breakpoints are kept: when there are more, the two closest are merged
 * into one at their weighted mean (rounded up) carrying both slopes, which
 * by convexity never overestimates; the price stays a lower bound, exact
 * outside the merged span. sv_seg_cost adds F at the shift's start.
 *
 * The working time of a route (for the balance cost) is read from its
 * segment too: the earliest arrival at the end less the departure that
 * route_cost.c's departure() writes (as late as the first job allows; with
 * a break first, the shift's start), from `lead` below.
 *
 * Invariant: after sv_seg_refresh(P, k), every field of P->r[k] below
 * describes its jobs and break counts, and P->where / P->pos name the route
 * and position of each of its jobs. The hot helpers are inline: they run
 * for every candidate move. */
#ifndef FIELDPLAN_SOLVER_SEGMENT_H
#define FIELDPLAN_SOLVER_SEGMENT_H

#include <string.h>

#include "solver/search.h"

#define SV_SEG_BIG ((int64_t)1 << 42) /* "no bound", small enough to add up */
#define SV_SEG_EPS 1e-6               /* a penalised cost must fall by more */

#define SV_SEG_NBP 4 /* lateness breakpoints kept inline */

typedef struct sv_seg {
    int64_t dur;  /* from the first start to the last end, waits included */
    int64_t tw;   /* time warp */
    int64_t e, l; /* earliest and latest start of the first stop */
    int64_t dist; /* travel inside */
    double load;
    int first, last; /* located ends, -1: none (breaks only or empty) */
    /* the first job's earliest start, less the travel to it from a located
     * stop in front (the shift's start): the latest departure that does not
     * delay it; -SV_SEG_BIG: a break comes first; SV_SEG_BIG: no job yet */
    int64_t lead;
    double late;             /* F's constant (see above) */
    int nbp;                 /* breakpoints, ascending lt */
    int64_t lt[SV_SEG_NBP];
    double lc[SV_SEG_NBP];   /* slopes, cost per second, > 0 */
} sv_seg;

static const sv_seg SV_SEG_EMPTY = {.e = -SV_SEG_BIG, .l = SV_SEG_BIG, .first = -1, .last = -1,
                                    .lead = SV_SEG_BIG};

/* One route of the penalised search. */
typedef struct sv_seg_route {
    int m, cap;   /* jobs, allocated */
    int *job;     /* m */
    int *nb;      /* m + 1: breaks in front of unit i (unit m: the end) */
    int *b0;      /* m + 1: index of the first of them (breaks keep their order) */
    sv_seg *pre;  /* m + 1: pre[i] = start + units [0, i) */
    sv_seg *suf;  /* m + 1: suf[i] = units [i, m] (with the end) */
    sv_seg *mid;  /* m + 1: mid[i] = units [i, m) (without the end) */
    int lastbrk;  /* last unit < m with breaks in front, -1: none */
    double cost;  /* penalised cost: travel + prices of warp and overload */
    int64_t work; /* working time (sv_seg_work) when the balance is priced */
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
    double wtw, wld;  /* prices of a second of warp and a unit of overload */
    int *tmp, *tmp2;  /* scratch job sequences, njobs + 2 each */
    int *tnb;         /* scratch break counts, 2 (njobs + 2) */
    int *order, *dropped;
    sv_route scratch;
    /* balance (c->balance > 0, else NULL): per technician the working time
     * of its routes, the loaded ones as their segments tell; per slot the
     * working time of the route sv_seg_cost priced last */
    int64_t *twork, *seen_work;
    int *btech, nbtech; /* the technicians with a shift (they count) */
    double bal;         /* the balance cost of twork */
    bool bal_stale;     /* twork changed since bal */
    double deadline;
    bool oom;         /* memory ran out: the search stops */
};

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

/* The lateness part of r = a followed by b (r's other fields set): b is
 * entered at max(t, a.e) + delta when a is entered at t, or at b.l when
 * that warps (warp > 0). Keeps at most SV_SEG_NBP breakpoints. */
void sv_seg_late_cat(sv_seg *r, const sv_seg *a, const sv_seg *b, int64_t delta, int64_t warp);

/* a followed by b. */
static inline sv_seg sv_seg_cat(const sv_ctx *c, sv_seg a, sv_seg b)
{
    int64_t d = a.last >= 0 && b.first >= 0 ? sv_travel(c, a.last, b.first) : 0;
    int64_t delta = a.dur - a.tw + d;
    int64_t wait = sv_seg_max(b.e - delta - a.l, 0);
    int64_t warp = sv_seg_max(a.e + delta - b.l, 0);
    sv_seg r = b; /* every field defined (the unused breakpoints too) */
    r.dur = a.dur + b.dur + d + wait;
    r.tw = a.tw + b.tw + warp;
    r.e = sv_seg_max(b.e - delta, a.e) - wait;
    r.l = sv_seg_min(b.l - delta, a.l) + warp;
    r.dist = a.dist + b.dist + d;
    r.load = a.load + b.load;
    r.first = a.first >= 0 ? a.first : b.first;
    r.last = b.last >= 0 ? b.last : a.last;
    r.lead = a.lead != SV_SEG_BIG ? a.lead
             : b.lead == SV_SEG_BIG || b.lead == -SV_SEG_BIG ? b.lead
                                                            : b.lead - d;
    if (a.nbp == 0 && b.nbp == 0) {
        r.late = a.late + b.late;
        r.nbp = 0;
    } else
        sv_seg_late_cat(&r, &a, &b, delta, warp);
    return r;
}

/* A segment of one stop without lateness. (Built field by field: an
 * initializer compiles to a loop clearing the whole segment.) */
static inline sv_seg sv_seg_make(int64_t dur, int64_t e, int64_t l, int loc, int64_t lead)
{
    sv_seg x;
    x.dur = dur;
    x.tw = 0;
    x.e = e;
    x.l = l;
    x.dist = 0;
    x.load = 0;
    x.first = x.last = loc;
    x.lead = lead;
    x.late = 0;
    x.nbp = 0;
    memset(x.lt, 0, sizeof x.lt);
    memset(x.lc, 0, sizeof x.lc);
    return x;
}

/* A located stop of slot s open over the shift: its start or its end. */
static inline sv_seg sv_seg_stop(const sv_slot *s, int loc)
{
    return sv_seg_make(0, sv_seg_clip(s->t0), sv_seg_clip(s->t1), loc, SV_SEG_BIG);
}

static inline sv_seg sv_seg_start(const sv_slot *s)
{
    return sv_seg_stop(s, s->sloc);
}

static inline sv_seg sv_seg_end(const sv_slot *s)
{
    return sv_seg_stop(s, s->eloc);
}

static inline sv_seg sv_seg_break(const model_break *b)
{
    return sv_seg_make(b->duration, sv_seg_clip(b->earliest), sv_seg_clip(b->latest), -1,
                       -SV_SEG_BIG);
}

/* Cost of a second past a soft limit (FORMAT.md extension 2: cost_s_per_min
 * a minute); the one place the segments read a rate. */
static inline double sv_seg_rate(model_soft_limit lim)
{
    return model_soft_limit_per_s(lim);
}

/* F(t) of x (the lateness cost when x is entered at t <= x.l). */
static inline double sv_seg_late_at(const sv_seg *x, int64_t t)
{
    double f = x->late;
    for (int q = 0; q < x->nbp && x->lt[q] < t; q++)
        f += x->lc[q] * (double)(t - x->lt[q]);
    return f;
}

/* Working time of a whole route x on slot s, as route_cost.c counts it:
 * from the departure to the earliest arrival at the end (0 without jobs). */
static inline int64_t sv_seg_work(const sv_slot *s, const sv_seg *x)
{
    if (x->lead == SV_SEG_BIG)
        return 0;
    return x->e + x->dur - x->tw - sv_seg_max(s->t0, x->lead);
}

/* A job: its service, and its windows relaxed to their hull. */
sv_seg sv_seg_job(const sv_ctx *c, int u);

/* Penalised cost of a whole route x on slot s (x starts with the slot's
 * start segment). Extension 2: with a shift's overtime its price too (the
 * route ends at x.e + x.dur - x.tw at the earliest, exact without time
 * warp, past the shift's end at sv_seg_rate a second), and the jobs'
 * lateness, F at the shift's start. When the balance is priced, the route's
 * working time is noted in P->seen_work for the move's driver (pls.c):
 * every penalised operator prices each route it changes through here. */
static inline double sv_seg_cost(const sv_pls *P, const sv_slot *s, sv_seg x)
{
    double over = s->cap > 0 && x.load > s->cap ? x.load - s->cap : 0;
    double cost = (double)x.dist + P->wtw * (double)x.tw + P->wld * over;
    if (s->ot.max_s >= 0) {
        int64_t late = x.e + x.dur - x.tw - s->tend;
        if (late > 0)
            cost += model_soft_limit_weight(s->ot, late);
    }
    if (x.nbp > 0 || x.late != 0)
        cost += sv_seg_late_at(&x, s->t0);
    if (P->seen_work)
        P->seen_work[s - P->c->slots] = sv_seg_work(s, &x);
    return cost;
}

/* Route k complete: start + x, the cost of the route it gives. */
static inline double sv_seg_close_cost(const sv_pls *P, int k, sv_seg x)
{
    const sv_slot *s = &P->c->slots[k];
    return sv_seg_cost(P, s, sv_seg_cat(P->c, sv_seg_start(s), x));
}

/* The breaks of unit i of route k glued in front of x. */
static inline sv_seg sv_seg_with_breaks(const sv_pls *P, int k, const sv_seg_route *R, int i,
                                        sv_seg x)
{
    if (R->nb[i] == 0)
        return x;
    const sv_slot *s = &P->c->slots[k];
    int b0 = R->b0[i];
    for (int b = b0 + R->nb[i] - 1; b >= b0; b--)
        x = sv_seg_cat(P->c, sv_seg_break(&s->br[b]), x);
    return x;
}

/* Unit i of route k: its job (the end when i == m) with its breaks. */
static inline sv_seg sv_seg_unit(const sv_pls *P, int k, const sv_seg_route *R, int i)
{
    sv_seg x = i < R->m ? P->job_seg[R->job[i]] : sv_seg_end(&P->c->slots[k]);
    return sv_seg_with_breaks(P, k, R, i, x);
}

/* Penalised cost of route k without its job at position i. */
static inline double sv_seg_cost_without(const sv_pls *P, int k, int i)
{
    const sv_seg_route *R = &P->r[k];
    if (R->m == 1)
        return 0;
    return sv_seg_cost(P, &P->c->slots[k],
                       sv_seg_cat(P->c, R->pre[i], sv_seg_with_breaks(P, k, R, i, R->suf[i + 1])));
}

/* Cost of a route that was empty serving u alone: its breaks either before
 * u or at the end, the better (*breaks_first tells which). */
double sv_seg_cost_alone(const sv_pls *P, int k, int u, int *breaks_first);

/* Cost of route k with u inserted in front of unit i (before its breaks). */
static inline double sv_seg_cost_with(const sv_pls *P, int k, int i, int u)
{
    const sv_seg_route *R = &P->r[k];
    if (R->m == 0) {
        int bf;
        return sv_seg_cost_alone(P, k, u, &bf);
    }
    return sv_seg_close_cost(P, k,
                             sv_seg_cat(P->c, sv_seg_cat(P->c, R->pre[i], P->job_seg[u]), R->suf[i]));
}

/* Cost of route k with its job at position i replaced by u. */
static inline double sv_seg_cost_replaced(const sv_pls *P, int k, int i, int u)
{
    const sv_seg_route *R = &P->r[k];
    sv_seg x = sv_seg_cat(P->c, sv_seg_with_breaks(P, k, R, i, P->job_seg[u]), R->suf[i + 1]);
    return sv_seg_cost(P, &P->c->slots[k], sv_seg_cat(P->c, R->pre[i], x));
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
/* Frees the arrays of R (not R itself). */
void sv_seg_route_free(sv_seg_route *R);

#endif
