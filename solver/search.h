/* search.h - building and improving a solution: the construction
 * (construct.c), the exact local search (ls.c) and the penalised local
 * search (pls.c), both drivers over the operator table (operator.h). */
#ifndef FIELDPLAN_SOLVER_SEARCH_H
#define FIELDPLAN_SOLVER_SEARCH_H

#include "solver/solution.h"

/* A job ranked by a key: the orders of the constructions. */
typedef struct sv_ranked {
    double key;
    int u;
} sv_ranked;
/* Sorts items by key, then by job: a total order (each job once), so the
 * result does not depend on qsort's algorithm (construct.c). */
void sv_rank(sv_ranked *items, int n);

/* Builds the first schedule; stops at the deadline (solver clock), setting
 * s->time_cut, with the jobs not yet placed unassigned. */
bool sv_construct(const sv_ctx *c, sv_sol *s, double deadline);
/* Called every few steps of a construction with the solution so far (for
 * progress reports; it must not change anything the construction reads). */
typedef void (*sv_tick_fn)(void *ctx, const sv_sol *s);
/* sv_construct, calling tick (may be NULL) every few steps. */
bool sv_construct_ticking(const sv_ctx *c, sv_sol *s, double deadline, sv_tick_fn tick,
                          void *tick_ctx);
/* The construction of a large problem (c->large, sweep.c): a sweep by
 * angle, each technician's shifts filled from its sector; learns the
 * candidate slots of the jobs it tries (hence c is written). Stops at the
 * deadline, setting s->time_cut. Returns false on allocation failure. */
bool sv_sweep_construct(sv_ctx *c, sv_sol *s, double deadline, sv_tick_fn tick, void *tick_ctx);
/* Starts from the previous schedule (stability runs): each slot gets its
 * previous jobs in their previous order, dropping the last ones while the
 * route is infeasible. */
bool sv_warm_start(const sv_ctx *c, sv_sol *s);
/* Local search to a local optimum (or until the deadline, seconds on the
 * solver clock). Returns false on allocation failure. */
bool sv_local_search(const sv_ctx *c, sv_sol *s, sv_rng *g, double deadline);
/* The same, trying moves of the listed jobs only (all when jobs is NULL). */
bool sv_local_search_jobs(const sv_ctx *c, sv_sol *s, sv_rng *g, double deadline,
                          const int *jobs, int njobs);

/* ---- penalised local search (pls.c) ---- */
/* Prices of time warp (per second) and of load above capacity (per unit),
 * adapted by each run. */
typedef struct sv_penalty {
    double w_tw, w_load;
    long runs, feasible; /* runs, and those that ended feasible unrepaired */
} sv_penalty;
void sv_penalty_init(const sv_ctx *c, const sv_sol *s, sv_penalty *pen);
/* The penalised search's workspace (one per search thread). */
typedef struct sv_pls sv_pls;
sv_pls *sv_pls_create(const sv_ctx *c);
void sv_pls_free(sv_pls *P);
/* Local search on the penalised cost from the feasible solution s, moving
 * the listed jobs (all when jobs is NULL), through routes that break time
 * windows or capacities; the routes are then repaired and s is feasible
 * again (jobs that could not be kept are re-inserted where they fit or left
 * unassigned: compare with the input).
 * changed (room for every slot; may be NULL) receives the slots whose
 * routes changed, *nchanged their number.
 * Returns false on allocation failure (s may then be left half changed). */
bool sv_penalised_search(sv_pls *P, sv_sol *s, sv_rng *g, double deadline, sv_penalty *pen,
                         const int *jobs, int njobs, int *changed, int *nchanged);
/* Time warp of the node sequence (jobs and breaks) on slot k, each break
 * taken at the next stop after driving there, windows relaxed to their
 * hull: 0 means the sequence is feasible in time (for tests). */
int64_t sv_segment_warp(const sv_ctx *c, int k, const int *nodes, int n);

#endif
