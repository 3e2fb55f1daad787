/* operator.h - the local search moves as a table of operators: for each
 * move its gain, its validity and its apply kept apart, once exact (ls.c,
 * on route.c's routes and feasibility checks) and once penalised (pls.c,
 * on segment.h's prefix and suffix segments).
 *
 * A driver tries operator `op` on job u and its near neighbour v so:
 *
 *     sv_move mv = {.u = u, .v = v};
 *     if (op->X.begin(W, &mv))
 *         for (mv.var = 0; mv.var < mv.nvar; mv.var++) {
 *             if (!op->X.gain(W, &mv)) { if (mv.stop) break; continue; }
 *             if (improves(&mv) && op->X.is_valid(W, &mv))
 *                 return op->X.apply(W, &mv);
 *         }
 *
 * where improves is `mv.gain > 0` (exact) or `mv.new_cost < mv.old_cost -
 * SV_SEG_EPS` (penalised). Variants (which side of v, string length and
 * direction) are tried in a fixed order and the first improving valid one
 * is applied: the order is part of the search's behaviour. gain and
 * is_valid change nothing but the move and the workspace's scratch (which
 * is_valid may fill for apply); apply returns false only when memory ran
 * out. */
#ifndef FIELDPLAN_SOLVER_OPERATOR_H
#define FIELDPLAN_SOLVER_OPERATOR_H

#include "solver/segment.h"

/* The exact local search's workspace. */
typedef struct sv_ls {
    const sv_ctx *c;
    sv_sol *s;            /* the solution being improved */
    sv_route scratch[2];  /* candidate routes built by is_valid for apply */
    int *a, *b;           /* job sequences of the routes at hand, njobs + 1 each */
    int *tmp;             /* candidate job sequences, 2 (njobs + 1) */
    /* extension 2 (c->soft): is_valid prices a candidate's soft costs
     * incrementally (sv_ls_valid_replace, sv_ls_price_route); a move that
     * pays is made, and undone when the exact cost did not fall */
    sv_soft_price price[2]; /* the new soft cost and work of route ku (0)
                             and kv (1) of the candidate is_valid accepted */
    sv_balance bal;       /* working times per technician, and their cost */
    sv_route save[2];     /* the routes a move changes, as they were */
    int64_t cost;         /* sv_sol_cost of s, kept up to date */
} sv_ls;

/* Debug counters of the exact search with soft costs (ls.c), for tests and
 * benchmarks only: candidates priced, moves made and kept, moves undone
 * because the exact cost did not fall, and (while sv_ls_soft_check is on)
 * kept costs that differed from sv_sol_cost. */
typedef struct sv_ls_soft_stats {
    long priced, made, undone, mismatched;
} sv_ls_soft_stats;
void sv_ls_soft_stats_get(sv_ls_soft_stats *out);
/* Zeroes the counters; on: also compares every kept cost with sv_sol_cost
 * (slow). */
void sv_ls_soft_check(bool on);

/* One candidate move: u moved next to v, in variant var. */
typedef struct sv_move {
    int u, v;        /* the job moved and its near neighbour */
    int ku, kv;      /* their slots */
    int iu, iv;      /* their positions: node index in the exact search's
                        two-route moves, else job index */
    int var, nvar;   /* the variant tried and how many there are */
    bool stop;       /* set by gain: no later variant applies either */
    int na, nb;      /* exact: jobs of u's and v's routes (one-route moves:
                        na only) */
    int ta, tb;      /* exact: jobs of the candidate sequences in L->tmp */
    int len;         /* or-opt: jobs in the string moved */
    int str[2][3];   /* or-opt: the string and its reverse */
    int64_t fixed;   /* exact: travel change shared by the variants */
    int64_t pd;      /* exact: stability penalty change */
    int64_t gain;    /* exact: travel and stability saved; > 0 improves */
    double base, rem; /* penalised: costs shared by the variants */
    double old_cost, new_cost; /* penalised: before and after the move */
} sv_move;

typedef struct sv_exact_op {
    /* Sets up moves of u next to v (mv->u, mv->v given; sets mv->nvar):
     * false when this kind of move does not apply to the pair. */
    bool (*begin)(sv_ls *L, sv_move *mv);
    /* Prices variant mv->var into mv->gain; false when it is not worth
     * checking (with mv->stop: nor is any later variant). */
    bool (*gain)(sv_ls *L, sv_move *mv);
    /* Whether the priced variant keeps every rule (time, load, job count,
     * compatibility). */
    bool (*is_valid)(sv_ls *L, sv_move *mv);
    /* Makes the move and keeps the solution's totals. */
    bool (*apply)(sv_ls *L, const sv_move *mv);
} sv_exact_op;

typedef struct sv_penalised_op {
    bool (*begin)(sv_pls *P, sv_move *mv);
    /* Fills mv->old_cost and mv->new_cost. */
    bool (*gain)(sv_pls *P, sv_move *mv);
    /* Compatibility and job counts (time and load are priced). */
    bool (*is_valid)(sv_pls *P, sv_move *mv);
    bool (*apply)(sv_pls *P, const sv_move *mv);
} sv_penalised_op;

typedef struct sv_operator {
    const char *name;
    sv_exact_op exact;
    sv_penalised_op penalised; /* all NULL: not a move of the penalised search */
} sv_operator;

extern const sv_operator sv_op_relocate;     /* op_relocate.c */
extern const sv_operator sv_op_swap;         /* op_swap.c */
extern const sv_operator sv_op_two_opt_star; /* op_two_opt_star.c */
extern const sv_operator sv_op_or_opt;       /* op_or_opt.c */
extern const sv_operator sv_op_two_opt;      /* op_two_opt.c */

/* The moves in the order both searches try them on a pair. */
extern const sv_operator *const sv_operators[];
extern const int sv_noperators;

/* Penalised search: moves u in front of unit `at` of route kb (kb may be
 * u's route; `at` counts the route with u in it). false: out of memory. */
bool sv_op_relocate_to(sv_pls *P, int u, int kb, int at);

/* ---- helpers of the penalised moves (pls.c) ---- */
/* Fills ku, kv (routes) and iu, iv (node positions) of u and v; returns
 * whether they are in two different routes. */
static inline bool sv_pls_locate(const sv_pls *P, sv_move *mv)
{
    mv->ku = P->where[mv->u];
    mv->kv = P->where[mv->v];
    mv->iu = P->pos[mv->u];
    mv->iv = P->pos[mv->v];
    return mv->ku != mv->kv;
}

/* ---- helpers of the exact moves (ls.c) ---- */
static inline int sv_ls_loc(const sv_ctx *c, int u)
{
    return c->p->jobs[u].location;
}

static inline int64_t sv_ls_pen_delta(const sv_ctx *c, int u, int from, int to)
{
    return sv_pen(c, u, to) - sv_pen(c, u, from);
}

/* Travel of a job sequence on slot k (start, jobs, end). */
int64_t sv_ls_seq_travel(const sv_ctx *c, int k, const int *jobs, int m);
/* u and v in two different routes: fills ku, kv, iu, iv (node indexes);
 * false when they share a route. */
bool sv_ls_two_routes(const sv_ls *L, sv_move *mv);
/* u and v in one route: fills ku = kv, L->a with the route's job sequence
 * (na jobs) and iu, iv with their positions in it (-1 when absent); false
 * when they are in two routes (ku, kv still filled). */
bool sv_ls_one_route(sv_ls *L, sv_move *mv);
/* Marks the jobs of r as served by slot k. */
void sv_ls_set_where(sv_sol *s, const sv_route *r, int k);
/* Whether nodes [i, j) of route k may be replaced by ins[0..m)
 * (sv_eval_replace); with c->soft also prices it into L->price[q]. */
bool sv_ls_valid_replace(sv_ls *L, int q, int k, int i, int j, const int *ins, int m);
/* With c->soft: route t (built whole by is_valid) priced into L->price[q]. */
void sv_ls_price_route(sv_ls *L, int q, const sv_route *t);
/* Replaces nodes [i, j) of route k by ins[0..m) (as sv_route_replace) and
 * keeps the solution's totals. */
bool sv_ls_replace(sv_ls *L, int k, int i, int j, const int *ins, int m);
/* Whether route k may serve jobs[0..m) (the same jobs in another order)
 * and is then shorter; builds that route in L->scratch[0]. */
bool sv_ls_sequence_valid(sv_ls *L, int k, const int *jobs, int m);
/* Makes L->scratch[0] route k. */
bool sv_ls_sequence_apply(sv_ls *L, int k);

#endif
