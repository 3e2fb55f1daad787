/* soft_fn.h - extension 2 priced without re-simulating routes (soft_fn.c):
 * the lateness and overtime cost of a route's unchanged suffix as a
 * piecewise linear function of the arrival at its first job, the end
 * arrival as a function of the same, and the per-technician working-time
 * totals that the balance cost is taken over.
 *
 * With earliest starts and one window per job, a job k after position i
 * starts at max(A_k, a + B_k) when the technician arrives at i at time a,
 * and a break taken in the same place (or on arrival at the next stop) has
 * the same max form. Each later job so adds c_k * max(0, a - theta_k) plus
 * a constant, and the shift's overtime one more such term on the end
 * arrival: G_i is non-decreasing, convex and piecewise linear. It is built
 * backwards, one job at a time (shift, clamp at the job's window start, add
 * its lateness hinge), and evaluated by binary search over its breakpoints.
 *
 * Limits, where a caller must simulate instead (sv_soft_fn_at says so):
 * - a job with several windows (or a late-allowed job with several windows)
 *   jumps to its next window: no max form; the positions at and before it
 *   get no function;
 * - a break whose next stop is elsewhere is taken on arrival there when it
 *   can still start in time, else before driving: the function of a
 *   position holds only for arrivals that keep every later break's choice
 *   ([lo, hi] below).
 * Costs are linear (un-rounded): each job's cost is ceil(L * rate / 60), so
 * the function is below the exact cost by less than one second per late
 * job and one for the overtime. Owned by the route that built it
 * (sv_soft_fn_free). */
#ifndef FIELDPLAN_SOLVER_SOFT_FN_H
#define FIELDPLAN_SOLVER_SOFT_FN_H

#include "solver/context.h"

/* Cost per second of a soft limit's excess, un-rounded (the one place the
 * solver reads a rate: model_soft_limit_cost rounds the same product). */
static inline double sv_soft_rate(model_soft_limit l)
{
    return l.max_s >= 0 ? model_soft_limit_per_s(l) : 0.0;
}

/* The function of one node position (jobs and the end; breaks have none). */
typedef struct sv_soft_at {
    bool ok;          /* the function exists (no multi-window job from here on) */
    int64_t lo, hi;   /* it holds for arrivals a with lo < a <= hi */
    int64_t ep, eq;   /* end arrival = max(a + ep, eq) */
    double c0;        /* G(a) for a at or before the first breakpoint */
    double pre;       /* linear lateness cost of the jobs before this position */
    int off, cnt;     /* its breakpoints: bp[off .. off + cnt) */
} sv_soft_at;

/* A breakpoint of G: theta, and the slope and slope x theta summed over
 * this and the earlier breakpoints of the same position. */
typedef struct sv_soft_bp {
    int64_t th;
    double cs, cst;
} sv_soft_bp;

typedef struct sv_soft_fn {
    sv_soft_at *at;  /* n + 1 positions */
    size_t cap_at;
    sv_soft_bp *bp;  /* every position's breakpoints */
    size_t nbp, cap_bp;
    sv_soft_bp *work; /* scratch of the backward pass */
    size_t cap_work;
    double total;    /* linear lateness + overtime cost of the whole route */
} sv_soft_fn;

/* Where the technician is free, and from when (a route's forward state,
 * route.h). */
typedef struct sv_state {
    int64_t t;
    int loc;
} sv_state;

/* The nodes and forward states of a route, as the builder reads them. */
typedef struct sv_soft_route {
    int slot;
    int n;
    const int *node;
    const sv_state *fw;
} sv_soft_route;

/* Builds f for the feasible route r (its forward states up to date).
 * false only when memory ran out (f is then unusable: every position not
 * ok). */
bool sv_soft_fn_build(const sv_ctx *c, const sv_soft_route *r, sv_soft_fn *f);
/* Whether position k's function holds for arrival a. */
bool sv_soft_fn_holds(const sv_soft_fn *f, int k, int64_t a);
/* G_k(a): linear lateness and overtime cost of positions k.. and the end
 * when arriving at k at a (sv_soft_fn_holds must be true). */
double sv_soft_fn_eval(const sv_soft_fn *f, int k, int64_t a);
/* The end arrival for arrival a at k (sv_soft_fn_holds must be true). */
int64_t sv_soft_fn_end(const sv_soft_fn *f, int k, int64_t a);
/* Linear lateness cost of job u started at start (0 when its lateness is
 * hard). */
double sv_soft_late(const sv_ctx *c, int u, int64_t start);
bool sv_soft_fn_copy(sv_soft_fn *dst, const sv_soft_fn *src, int n);
void sv_soft_fn_free(sv_soft_fn *f);

/* Per-technician working times (FORMAT.md: W_t) for the balance cost. */
typedef struct sv_balance {
    int64_t *work;  /* per technician with a shift */
    int *at;        /* per technician: its index in work, or -1 */
    int n;
    int64_t cost;   /* model_balance_cost of work */
} sv_balance;

/* Zero totals for c's technicians. false when memory ran out (b then
 * prices no balance: every cost 0). Without a balance cost nothing is
 * allocated and every cost is 0. */
bool sv_balance_init(sv_balance *b, const sv_ctx *c);
/* Adds d to the work of slot k's technician, without repricing. */
void sv_balance_add(sv_balance *b, const sv_ctx *c, int k, int64_t d);
/* Sets b->cost from the totals. */
void sv_balance_reprice(sv_balance *b, const sv_ctx *c);
/* The balance cost if slot ka's work changed by da and slot kb's (kb may be
 * -1) by db; b itself is left as it was. O(technicians). */
int64_t sv_balance_try(sv_balance *b, const sv_ctx *c, int ka, int64_t da, int kb, int64_t db);
void sv_balance_free(sv_balance *b);

#endif
