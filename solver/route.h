/* route.h - a route of one slot and its feasibility (route.c).
 *
 * A "slot" is one technician-shift: the unit that gets at most one route.
 * A route is a sequence of nodes between the slot's start and end: jobs
 * (node >= 0, the job index) and breaks (node < 0, break b is -(b+1)).
 * Breaks keep their order; they sit in the gaps between jobs and exist only
 * in routes that serve at least one job.
 *
 * Feasibility is checked incrementally. For every route we cache the
 * forward state after each node (earliest time the technician is free, and
 * where) and, for every job node, the latest service start that keeps the
 * rest of the route feasible. A candidate change to positions [i, j) is
 * then checked by simulating only the inserted jobs and the breaks next to
 * them and comparing with the cached latest start of the first unchanged
 * job: O(1 + breaks) per candidate, not O(route). The forward pass is
 * monotone (a later arrival never makes anything earlier) which is what
 * makes the latest-start test exact, also with several windows per job. */
#ifndef FIELDPLAN_SOLVER_ROUTE_H
#define FIELDPLAN_SOLVER_ROUTE_H

#include "solver/context.h"
#include "solver/soft_fn.h"

/* Whether a route node is a break (else a job index). */
static inline bool sv_is_break(int node)
{
    return node < 0;
}

typedef struct sv_route {
    int slot;
    int n, cap;     /* nodes in use and allocated */
    int *node;
    sv_state *fw;   /* n+1: fw[0] at the start, fw[i+1] after node i */
    int64_t *lst;   /* n+1: latest service start of job node i; lst[n]
                       latest arrival at the end */
    int64_t travel;
    int64_t spen;   /* stability: shifted-appointment penalties */
    int64_t soft;   /* extension 2, when c->soft: lateness and overtime
                       costs of the route as emitted (earliest starts) */
    int64_t work;   /* extension 2, when c->soft: its working time, end
                       arrival - departure as emitted (0 without jobs) */
    double soft_lin; /* extension 2, when c->soft: soft un-rounded (the
                       linear cost sv_eval_replace_soft prices against) */
    bool sf_ready;  /* sf is built for the route as it is */
    sv_soft_fn sf;  /* extension 2, when c->soft and the route is feasible
                       and has jobs: its suffix cost functions */
    double load;
    int njobs;
} sv_route;

/* Earliest valid service start of job j at or after arrival a (SV_INF: none). */
int64_t sv_job_earliest(const sv_ctx *c, int j, int64_t a);
/* Latest valid service start of job j at or before x (SV_NEG_INF: none). */
int64_t sv_job_latest(const sv_ctx *c, int j, int64_t x);
/* One forward step through node (job or break) whose next located stop is at
 * next_loc; false when infeasible. */
bool sv_step(const sv_ctx *c, const sv_slot *s, int node, int next_loc, sv_state *st);
/* The same, also telling the arrival and the service (or break) start. */
bool sv_step_ex(const sv_ctx *c, const sv_slot *s, int node, int next_loc, sv_state *st,
                int64_t *arrival, int64_t *start);
/* Location of the first job at or after position i, else the end location. */
int sv_next_located(const sv_ctx *c, const sv_slot *s, const int *nodes, int n, int i);
/* Simulates a whole node sequence on slot k. Fills *travel and *end (arrival
 * at the end); false when infeasible (load and job count not checked). */
bool sv_simulate(const sv_ctx *c, int k, const int *nodes, int n, int64_t *travel, int64_t *end);
/* Recomputes the caches of r from its nodes; false if the route is infeasible. */
bool sv_route_update(const sv_ctx *c, sv_route *r);
/* Checks replacing nodes [i, j) of r (jobs only) by the jobs ins[0..m):
 * time, load, job count and compatibility. On success *dtravel is the travel
 * change; candidates whose travel change exceeds limit are refused before
 * their timing is checked. For an empty route only i = j = 0 with m = 1 is supported (the
 * breaks are then placed around the job). */
bool sv_eval_replace(const sv_ctx *c, const sv_route *r, int i, int j, const int *ins, int m,
                     int64_t limit, int64_t *dtravel);
/* The travel change sv_eval_replace would report for the same replacement,
 * without checking anything else (the gain of a move, before its validity). */
int64_t sv_replace_dtravel(const sv_ctx *c, const sv_route *r, int i, int j, const int *ins, int m);
/* Extension 2: what a replacement does to a route's soft cost. */
typedef struct sv_soft_price {
    double soft;  /* lateness + overtime cost, linear (un-rounded) */
    int64_t work; /* working time (end arrival - departure; 0: no job) */
} sv_soft_price;
/* sv_eval_replace without a travel limit (for c->soft) that also prices
 * the replacement of nodes [i, j) of r by ins[0..m), in one walk of the
 * changed part, as the route would be before its breaks are moved
 * (sv_route_fix_breaks): the unchanged jobs before i from r's prefix
 * costs, the inserted jobs simulated, the rest from r's suffix function
 * (soft_fn.h), or simulated where that does not hold. The soft cost is
 * linear, to be compared with r->soft_lin. false when the replacement is
 * not feasible or r has no functions (out of memory). */
bool sv_eval_replace_soft(const sv_ctx *c, const sv_route *r, int i, int j, const int *ins,
                          int m, int64_t *dtravel, sv_soft_price *out);
/* Applies a replacement that sv_eval_replace accepted. */
bool sv_route_replace(const sv_ctx *c, sv_route *r, int i, int j, const int *ins, int m);
/* Replaces the whole job sequence of r (breaks placed anew); false when the
 * result is infeasible (r then holds it anyway: use a scratch route). */
bool sv_route_set_jobs(const sv_ctx *c, sv_route *r, const int *jobs, int m);
/* Moves each break to the gap that lets the route end earliest (r must be
 * up to date; it is updated again only when a break moved). */
void sv_route_fix_breaks(const sv_ctx *c, sv_route *r);
/* Position of job u in r (node index), or -1. */
int sv_route_find(const sv_route *r, int u);
/* The jobs of r in order (breaks left out) into out; returns their number. */
int sv_route_jobs(const sv_route *r, int *out);
/* Empties r (no jobs, no breaks); false only when memory ran out. */
bool sv_route_clear(const sv_ctx *c, sv_route *r);
/* Appends a node without updating the caches (call sv_route_update). */
bool sv_route_append_raw(sv_route *r, int node);
void sv_route_free(sv_route *r);
bool sv_route_copy(sv_route *dst, const sv_route *src);

/* ---- costs of extension 2 (route_cost.c) ---- */

/* The terms of a route's cost. */
typedef struct sv_route_cost_terms {
    int64_t travel;     /* seconds driven, start to end */
    int64_t lateness;   /* sum of ceil(late_s * cost_s_per_min / 60) */
    int64_t overtime;   /* ceil(overtime_s * cost_s_per_min / 60) */
    int64_t bonus;      /* preferred technicians' bonuses of its jobs */
    int64_t work;       /* end arrival - departure, as emitted */
    int64_t cost;       /* travel + lateness + overtime - bonus */
} sv_route_cost_terms;

/* THE cost of a whole route, for anyone who prices routes (the search, the
 * route pool, column generation's pricing): the job sequence jobs[0..m)
 * on slot k, its breaks placed as the search places them
 * (sv_route_set_jobs, built in *scratch, which the caller owns and frees
 * with sv_route_free), served at the earliest starts as the schedule is
 * written. Fills *out (cost = travel + lateness + overtime - bonus: the
 * route's share of FORMAT.md's cost, less the balance term, which belongs
 * to all routes together, and without stability penalties). Returns false
 * when the sequence keeps no rule-abiding timing (time, windows widened by
 * lateness, shift end widened by overtime) or does not fit the slot (skills,
 * load, job count); *out is then unspecified. Costs O(m + breaks) after the
 * break placement; thread-safe for distinct scratch routes. */
bool sv_route_cost(const sv_ctx *c, int k, const int *jobs, int m, sv_route *scratch,
                   sv_route_cost_terms *out);

/* The terms of an up-to-date feasible route r (no simulation: read from
 * its forward states). */
void sv_route_cost_of(const sv_ctx *c, const sv_route *r, sv_route_cost_terms *out);

/* Sets r->soft, r->soft_lin, r->work and r->sf from r's forward states
 * (route.c calls it); r->sf_ready false when memory ran out. */
void sv_route_soft_update(const sv_ctx *c, sv_route *r);

/* The departure output.c writes for a route whose first node is `first`
 * (a job served from `start`, or a break): as late as the first job
 * allows, never before the shift's start. */
int64_t sv_departure(const sv_ctx *c, int k, int first, int64_t start);
/* The departure of the up-to-date route r (its shift's start when empty). */
int64_t sv_route_departure(const sv_ctx *c, const sv_route *r);

/* The working times of routes summed per technician (soft_fn.h); false
 * when memory ran out (b then prices no balance). */
bool sv_balance_of_routes(sv_balance *b, const sv_ctx *c, const sv_route *routes, int nroutes);

/* The balance cost of extension 2 given each slot's working time
 * (work[k], e.g. routes[k].work), summed per technician. */
int64_t sv_balance_cost(const sv_ctx *c, const sv_route *routes, int nroutes);

#endif
