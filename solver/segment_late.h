/* segment_late.h - the side chain of the penalised search's route
 * segments (segment.h includes it after sv_seg; not included on its own):
 * FORMAT.md extension 2's job lateness and the lead a route's working time
 * is measured from, kept beside the 56-byte sv_seg so that problems
 * without lateness or balance carry none of it.
 *
 * An sv_late describes the same stretch of a route as the sv_seg it goes
 * with: the lateness cost of its jobs as a function of the time t it is
 * entered (the arrival at its first stop), every stop served as early as
 * possible, as route.c and the written schedule serve them:
 *
 *     F(t) = c0 + sum_q s[q] * max(0, t - t[q])    for t <= l,
 *
 * convex piecewise linear (past the sv_seg's l there is more time warp,
 * which is priced on its own; a warped arrival counts as arriving at l). A
 * job's own F has one breakpoint: the end of its last window (the one
 * starting last), or its earliest start if later; with several windows
 * this is a lower bound (a start late in an earlier window costs nothing
 * here). Per second a job pays sv_soft_rate (cost_s_per_min / 60) where
 * route_cost.c rounds each job's cost up to a second: the price is below
 * the exact one by less than a second per late job. At most SV_LATE_NBP
 * breakpoints are kept: when there are more, the two closest are merged
 * into one at their weighted mean (rounded up) carrying both slopes, which
 * by convexity never overestimates; the price stays a lower bound, exact
 * outside the merged span.
 *
 * `lead` gives the working time (balance cost) from the segment: the first
 * job's earliest start less the travel to it from a located stop in front
 * (the shift's start), the latest departure that does not delay it, as
 * route_cost.c's departure rule; -SV_SEG_BIG: a break comes first;
 * SV_SEG_BIG: no job yet.
 *
 * Concatenation reads the timing (duration, warp, e and l, located ends)
 * from the two main segments. Values; nothing is owned. */
#ifndef FIELDPLAN_SOLVER_SEGMENT_LATE_H
#define FIELDPLAN_SOLVER_SEGMENT_LATE_H

#define SV_LATE_NBP 4 /* breakpoints kept */

typedef struct sv_late {
    double c0;    /* F's constant */
    int64_t lead; /* see above */
    int n;        /* breakpoints, ascending t */
    int64_t t[SV_LATE_NBP];
    double s[SV_LATE_NBP]; /* slopes, cost per second, > 0 */
} sv_late;

/* A stretch without jobs: a shift's start or end, a break. */
static inline sv_late sv_late_none(int64_t lead)
{
    sv_late f;
    f.c0 = 0;
    f.lead = lead;
    f.n = 0;
    return f;
}

/* The lateness part of a followed by b with at least one breakpoint
 * (segment.c); d: the travel between them. */
void sv_late_merge(sv_late *r, const sv_seg *a, const sv_late *fa, const sv_seg *b,
                   const sv_late *fb, int64_t d);

/* r = fa followed by fb, a and b their main segments (r may be fa). */
static inline void sv_late_cat(const sv_ctx *c, sv_late *r, const sv_seg *a, const sv_late *fa,
                               const sv_seg *b, const sv_late *fb)
{
    int64_t d = a->last >= 0 && b->first >= 0 ? sv_travel(c, a->last, b->first) : 0;
    r->lead = fa->lead != SV_SEG_BIG                          ? fa->lead
              : fb->lead == SV_SEG_BIG || fb->lead == -SV_SEG_BIG ? fb->lead
                                                                 : fb->lead - d;
    if (fa->n == 0 && fb->n == 0) {
        r->c0 = fa->c0 + fb->c0;
        r->n = 0;
        return;
    }
    sv_late_merge(r, a, fa, b, fb, d);
}

/* F(t) of f (the lateness cost when entered at t <= its segment's l). */
static inline double sv_late_at(const sv_late *f, int64_t t)
{
    double v = f->c0;
    for (int q = 0; q < f->n && f->t[q] < t; q++)
        v += f->s[q] * (double)(t - f->t[q]);
    return v;
}

/* A job's side: its lateness hinge over its windows' hull. */
sv_late sv_late_job(const sv_ctx *c, int u);

/* A piece of a chain: a main segment and, when the side chain is kept, its
 * side (f is not read otherwise). */
typedef struct sv_lseg {
    sv_seg x;
    sv_late f;
} sv_lseg;

/* The helpers below take `side` as a constant at every call site (pls's
 * flag tested once per priced move), so the copy without it compiles to
 * the main chain alone. */
#define SV_LSEG_INLINE static inline __attribute__((always_inline))

/* *r = a followed by b (r may be a or b). */
SV_LSEG_INLINE void sv_lseg_cat(const sv_ctx *c, sv_lseg *r, const sv_lseg *a, const sv_lseg *b,
                                bool side)
{
    if (side)
        sv_late_cat(c, &r->f, &a->x, &a->f, &b->x, &b->f);
    r->x = sv_seg_cat(c, a->x, b->x);
}

/* A piece from a main segment and (when side) its side. */
SV_LSEG_INLINE sv_lseg sv_lseg_of(sv_seg x, const sv_late *f, bool side)
{
    sv_lseg r;
    r.x = x;
    if (side)
        r.f = *f;
    return r;
}

/* Working time of a whole route (starting with the slot's start segment)
 * on a shift starting at t0, as route_cost.c counts it: from the departure
 * to the earliest arrival at the end (0 without jobs). */
static inline int64_t sv_lseg_work(int64_t t0, const sv_lseg *x)
{
    if (x->f.lead == SV_SEG_BIG)
        return 0;
    return x->x.e + x->x.dur - x->x.tw - sv_seg_max(t0, x->f.lead);
}

#endif
