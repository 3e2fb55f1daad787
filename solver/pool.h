/* pool.h - the route pool and GLPK set partitioning over it (pool.c). */
#ifndef FIELDPLAN_SOLVER_POOL_H
#define FIELDPLAN_SOLVER_POOL_H

#include "solver/solution.h"

typedef struct sv_pool sv_pool;

/* A pool of at most max_cols routes (it restarts empty when full). */
sv_pool *sv_pool_create(const sv_ctx *c, int max_cols);
void sv_pool_free(sv_pool *p);
int sv_pool_size(const sv_pool *p);
/* Adds the job sequence of r (ignored when already present or empty); with
 * a balance cost also for r's twins of other technicians (pool.c). */
bool sv_pool_add(sv_pool *p, const sv_route *r);
/* Solves the set-partitioning MIP for at most `seconds`, with `best` as the
 * incumbent; with a balance cost the MIP prices it un-rounded, and "better"
 * is judged by the exact cost (as sv_sol_cost). Returns 1 and fills out (a
 * solution initialised for the same context) when it found a better
 * combination, 0 when not, -1 on failure. */
int sv_pool_solve(sv_pool *p, const sv_sol *best, double seconds, sv_sol *out);

#endif
