/* pool.h - the route pool and GLPK set partitioning over it (pool.c),
 * optionally with column generation on the pool's LP (sv_pool_gen: the
 * pricing itself lives in cg_recombine.c). The pool owns its columns. */
#ifndef FIELDPLAN_SOLVER_POOL_H
#define FIELDPLAN_SOLVER_POOL_H

#include "solver/solution.h"

typedef struct sv_pool sv_pool;

/* A pool of at most max_cols routes (it restarts empty when full). */
sv_pool *sv_pool_create(const sv_ctx *c, int max_cols);
void sv_pool_free(sv_pool *p);
int sv_pool_size(const sv_pool *p);
/* Route i (0 <= i < sv_pool_size) of the pool: its jobs (*jobs, valid until
 * the pool changes; the length returned) and the representative slot of its
 * class (*slot), on which it keeps every rule. */
int sv_pool_route(const sv_pool *p, int i, const int **jobs, int *slot);
/* Adds the job sequence of r (ignored when already present or empty); with
 * a balance cost also for r's twins of other technicians (pool.c). */
bool sv_pool_add(sv_pool *p, const sv_route *r);
/* Solves the set-partitioning MIP for at most `seconds`, with `best` as the
 * incumbent; with a balance cost the MIP prices it un-rounded, and "better"
 * is judged by the exact cost (as sv_sol_cost). Returns 1 and fills out (a
 * solution initialised for the same context) when it found a better
 * combination, 0 when not, -1 on failure. */
int sv_pool_solve(sv_pool *p, const sv_sol *best, double seconds, sv_sol *out);

/* Column generation inside a pool solve. price is called with the duals
 * of the pool's LP relaxation: pi per job (its row's dual plus the weight
 * row's dual times the job's weight, so that a route's reduced cost is its
 * travel - sum pi_j - mu_q), mu per class (sv_pool_class_slot), and the
 * part recombined: the classes to price (part[q] != 0; a job served outside
 * it has pi -1e9). It offers routes of those classes with sv_pool_offer
 * until `deadline` (sv_now()) and returns how
 * many were added (-1: no memory). share: the part of the solve's seconds
 * for the LP and pricing rounds; the MIP has the rest. */
typedef struct sv_pool_gen {
    int (*price)(void *arg, sv_pool *p, const double *pi, const double *mu,
                 const unsigned char *part, double deadline);
    void *arg;
    double share;
} sv_pool_gen;

/* What the last sv_pool_solve_gen did (for measurements and tests). */
typedef struct sv_pool_gen_info {
    int rounds;       /* pricing rounds */
    int added;        /* columns the pricing added */
    int fixed;        /* columns fixed at 0 by their reduced cost */
    double lp_value;  /* the last LP value (0 when none) */
    bool converged;   /* that LP was optimal over the whole pool */
    bool mip_skipped; /* its value showed the MIP could not do better */
} sv_pool_gen_info;

/* The classes of identical technician-shifts; a class's representative. */
int sv_pool_nclasses(const sv_pool *p);
int sv_pool_class_slot(const sv_pool *p, int q);
/* The part the next sv_pool_solve_gen recombines: part[q] set for each
 * class q in it (sv_pool_nclasses entries); returns the class it is chosen
 * from. */
int sv_pool_next_part(const sv_pool *p, unsigned char *part);
/* During a pool solve: adds the job sequence jobs[0..m) to class q when it
 * is new, each job fits the class (rule 1) and route.c accepts it on the
 * class's representative slot, while there is room. 1 added, 0 not, -1 no
 * memory. */
int sv_pool_offer(sv_pool *p, int q, const int *jobs, int m);
/* sv_pool_solve with column generation (gen NULL: exactly sv_pool_solve;
 * it is used only without a balance cost). Between the pricing and the
 * MIP, columns whose LP reduced cost shows they cannot be in a solution
 * cheaper than best are fixed at 0. info may be NULL. */
int sv_pool_solve_gen(sv_pool *p, const sv_sol *best, double seconds, const sv_pool_gen *gen,
                      sv_pool_gen_info *info, sv_sol *out);

#endif
