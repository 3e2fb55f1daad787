/* cg_recombine.h - column generation for the search's route recombination
 * (cg_recombine.c): heuristic pricing of cg_pricing.c on the duals of the
 * route pool's LP (pool.h's sv_pool_gen), so that the set-partitioning MIP
 * the search runs from time to time (solver.c) chooses among the pool's
 * routes and new ones of negative reduced cost. The recombiner owns its
 * column-generation context and pricer; the pool owns the columns. */
#ifndef FIELDPLAN_SOLVER_CG_RECOMBINE_H
#define FIELDPLAN_SOLVER_CG_RECOMBINE_H

#include "solver/pool.h"

typedef struct cg_recombiner cg_recombiner;

/* The recombiner for c (built at the first call that needs it and kept
 * in *r), or NULL when off, when the problem has costs the pricing does
 * not know (soft costs, preference bonuses, stability penalties: it prices
 * travel) or when memory ran out. */
cg_recombiner *cg_recombine_get(cg_recombiner **r, const sv_ctx *c, bool off);
void cg_recombiner_free(cg_recombiner *r);
/* r's pricing as pool.h's generator (share: of a solve's time for the LP
 * and the pricing rounds). */
sv_pool_gen cg_recombine_gen(cg_recombiner *r, double share);
/* sv_pool_solve with column generation, as sv_pool_solve answers. How the
 * time is shared: the pool recombines a part of the problem at a time
 * (pool.c: the technician-shifts overlapping one's, i.e. a day), up to
 * CG_RECOMBINE_PARTS parts, each from the best so far, each with the time
 * left over the parts left; in a part, half the time at most goes to the
 * LP and the pricing rounds, the rest to the MIP; time a part does not use
 * goes to the next, and what is left at the end back to the search. A part
 * all of whose classes were recombined since the incumbent last changed
 * ends the call (a one-day problem: one part, unless it improved). */
int cg_recombine_solve(cg_recombiner *r, sv_pool *p, const sv_sol *best, double seconds,
                       sv_sol *out);

#endif
