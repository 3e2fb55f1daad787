/* solution.h - a solution: one route per slot, where each job is, and the
 * totals the search ranks by (solution.c); best insertions. */
#ifndef FIELDPLAN_SOLVER_SOLUTION_H
#define FIELDPLAN_SOLVER_SOLUTION_H

#include "solver/route.h"

typedef struct sv_sol {
    sv_route *r;   /* one per slot, r[k].slot == k */
    int nr;
    int *where;    /* per job: slot or -1 */
    int nj;        /* jobs (length of where) */
    bool has_spen; /* routes carry shifted-appointment penalties */
    bool time_cut; /* the time limit stopped the construction */
    int64_t unw;   /* unassigned weight */
    int64_t travel;
    int64_t pen;   /* stability penalty */
    int nassigned;
    const sv_ctx *c; /* the context it was made for (sv_sol_init) */
} sv_sol;

bool sv_sol_init(const sv_ctx *c, sv_sol *s);
void sv_sol_free(sv_sol *s);
bool sv_sol_copy(sv_sol *dst, const sv_sol *src);
/* Copies only the listed routes (and where[], the totals). */
bool sv_sol_copy_routes(sv_sol *dst, const sv_sol *src, const int *routes, int nroutes);
/* from's routes rebuilt on c (a context of the same slots and jobs: a
 * problem and its hard relaxation, bound_relax.c) into *s (initialised
 * here; the caller frees it, also on failure): breaks where they are, or
 * with place_breaks placed anew as c's search places them. false when a
 * route does not keep c's rules or memory ran out. */
bool sv_sol_rebuild(const sv_ctx *c, const sv_sol *from, bool place_breaks, sv_sol *s);
/* Totals recomputed from the routes (unw, travel, pen, where, nassigned). */
void sv_sol_recount(const sv_ctx *c, sv_sol *s);
/* The cost that ranks below assignment: travel and stability penalties
 * less preference bonuses (sv_pen), and with c->soft the routes' lateness
 * and overtime costs and the balance cost (extension 2). */
int64_t sv_sol_cost(const sv_sol *s);
/* Lexicographic: negative when a is better. */
int sv_sol_compare(const sv_sol *a, const sv_sol *b);
/* Cheapest position of u in route r costing less than bound (travel change
 * plus stability penalty); false when none. blink as below. */
bool sv_best_in_route(const sv_ctx *c, const sv_route *r, int u, int64_t bound, double blink,
                      sv_rng *g, int *pos, int64_t *cost);
/* As sv_best_in_route with no bound and no blink, also giving the route's
 * change of working time at that position (*dwork; 0 without c->soft), for
 * a caller that prices the balance cost itself (the regret construction). */
bool sv_best_in_route_work(const sv_ctx *c, const sv_route *r, int u, int *pos, int64_t *cost,
                           int64_t *dwork);
/* Best insertion of u over all its slots; returns false if none. blink:
 * probability of skipping a position (0: exact). */
bool sv_best_insertion(const sv_ctx *c, const sv_sol *s, int u, double blink, sv_rng *g,
                       int *slot, int *pos, int64_t *cost);
/* Inserts u at (slot, pos) and keeps the totals. */
bool sv_sol_insert(const sv_ctx *c, sv_sol *s, int u, int slot, int pos);
/* The same two for a caller that inserts many jobs in a row: with the
 * balance cost, kept holds the per-technician totals of s's routes
 * (sv_balance_of_routes once, then sv_sol_insert_kept keeps them) instead
 * of sv_best_insertion counting them again on every call. kept may be
 * NULL (counted here, as sv_best_insertion). */
bool sv_best_insertion_kept(const sv_ctx *c, const sv_sol *s, int u, double blink, sv_rng *g,
                            sv_balance *kept, int *slot, int *pos, int64_t *cost);
bool sv_sol_insert_kept(const sv_ctx *c, sv_sol *s, sv_balance *kept, int u, int slot, int pos);
/* Removes u from its route if feasible; returns false otherwise. */
bool sv_sol_remove(const sv_ctx *c, sv_sol *s, int u);

#endif
