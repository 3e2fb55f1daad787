/* internal.h - the solver's working representation, shared by its modules.
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
#ifndef FIELDPLAN_SOLVER_INTERNAL_H
#define FIELDPLAN_SOLVER_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "model/problem.h"
#include "model/schedule.h"
#include "solver/solver.h"

#define SV_INF INT64_MAX
#define SV_NEG_INF INT64_MIN

typedef struct sv_slot {
    int tech, shift;
    int64_t t0, t1;          /* shift start (departure) and end (arrival) */
    int sloc, eloc;          /* start and end locations */
    double cap;              /* 0: no load limit */
    int maxj;                /* -1: no limit */
    const model_break *br;   /* sorted by earliest */
    int nbr;
} sv_slot;

typedef struct sv_win {
    int64_t s, e; /* latest-start bounds already clipped by release/deadline */
} sv_win;

/* Everything derived from the problem once, read-only during the search. */
typedef struct sv_ctx {
    const model_problem *p;
    int njobs, nslots;
    sv_slot *slots;
    sv_win *win;          /* effective start windows of all jobs */
    int *win_off, *win_n; /* per job: offset into win and count */
    unsigned char *compat;/* njobs x nslots: the job alone fits the slot */
    int *cand, *cand_off, *cand_n; /* per job: the compatible slots */
    int *nbr;             /* per job: nearest other jobs, nnbr each */
    int nnbr;
    int *prev_slot;       /* stability: slot of each job in `previous`, or -1 */
    int64_t *prev_start;  /* stability: service start in `previous` */
    int64_t move_pen;     /* per job on another slot */
    int64_t shift_pen;    /* per kept job whose start moves > 15 min */
} sv_ctx;

/* Where the technician is free, and from when. */
typedef struct sv_state {
    int64_t t;
    int loc;
} sv_state;

typedef struct sv_route {
    int slot;
    int n, cap;     /* nodes in use and allocated */
    int *node;
    sv_state *fw;   /* n+1: fw[0] at the start, fw[i+1] after node i */
    int64_t *lst;   /* n+1: latest service start of job node i; lst[n]
                       latest arrival at the end */
    int64_t travel;
    int64_t spen;   /* stability: shifted-appointment penalties */
    double load;
    int njobs;
} sv_route;

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
} sv_sol;

/* Random numbers (splitmix64 seeded xoshiro-like generator). */
typedef struct sv_rng {
    uint64_t s;
} sv_rng;

static inline uint64_t sv_rand(sv_rng *g)
{
    uint64_t z = (g->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static inline int sv_randint(sv_rng *g, int n)
{
    return (int)(sv_rand(g) % (uint64_t)n);
}

/* Uniform in [0, 1). */
static inline double sv_randu(sv_rng *g)
{
    return (double)(sv_rand(g) >> 11) * (1.0 / 9007199254740992.0);
}

static inline bool sv_is_break(int node)
{
    return node < 0;
}

static inline int sv_travel(const sv_ctx *c, int a, int b)
{
    return model_travel_duration(c->p, a, b);
}

/* ---- context (context.c) ---- */
model_status sv_ctx_init(sv_ctx *c, const model_problem *p, const solver_options *opt,
                         model_error *err);
/* As sv_ctx_init; without neighbour lists (enough for single insertions). */
model_status sv_ctx_init_ex(sv_ctx *c, const model_problem *p, const solver_options *opt,
                            bool neighbours, model_error *err);
void sv_ctx_free(sv_ctx *c);
/* Decides (and records in c->compat) whether job u alone fits slot k:
 * allowed by rule 1, and a route with only u keeps every rule. */
bool sv_set_compat(sv_ctx *c, int u, int k, bool allowed);
/* Stability penalty of serving job u on slot k. */
static inline int64_t sv_pen(const sv_ctx *c, int u, int k)
{
    return (c->prev_slot && c->prev_slot[u] >= 0 && c->prev_slot[u] != k) ? c->move_pen : 0;
}

/* ---- route evaluation (route.c) ---- */
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

/* ---- solutions (solution.c) ---- */
bool sv_sol_init(const sv_ctx *c, sv_sol *s);
void sv_sol_free(sv_sol *s);
bool sv_sol_copy(sv_sol *dst, const sv_sol *src);
/* Copies only the listed routes (and where[], the totals). */
bool sv_sol_copy_routes(sv_sol *dst, const sv_sol *src, const int *routes, int nroutes);
/* Totals recomputed from the routes (unw, travel, pen, where, nassigned). */
void sv_sol_recount(const sv_ctx *c, sv_sol *s);
/* The cost that ranks below assignment: travel and stability penalties. */
int64_t sv_sol_cost(const sv_sol *s);
/* Lexicographic: negative when a is better. */
int sv_sol_compare(const sv_sol *a, const sv_sol *b);
/* Cheapest position of u in route r costing less than bound (travel change
 * plus stability penalty); false when none. blink as below. */
bool sv_best_in_route(const sv_ctx *c, const sv_route *r, int u, int64_t bound, double blink,
                      sv_rng *g, int *pos, int64_t *cost);
/* Best insertion of u over all its slots; returns false if none. blink:
 * probability of skipping a position (0: exact). */
bool sv_best_insertion(const sv_ctx *c, const sv_sol *s, int u, double blink, sv_rng *g,
                       int *slot, int *pos, int64_t *cost);
/* Inserts u at (slot, pos) and keeps the totals. */
bool sv_sol_insert(const sv_ctx *c, sv_sol *s, int u, int slot, int pos);
/* Removes u from its route if feasible; returns false otherwise. */
bool sv_sol_remove(const sv_ctx *c, sv_sol *s, int u);

/* ---- construction and search ---- */
/* Builds the first schedule; stops at the deadline (solver clock), setting
 * s->time_cut, with the jobs not yet placed unassigned. */
bool sv_construct(const sv_ctx *c, sv_sol *s, double deadline);
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

/* ---- output (output.c) ---- */
/* Appends route k of s as stops to schedule out. */
model_status sv_emit_route(const sv_ctx *c, const sv_route *r, model_schedule *out,
                           model_error *err);

/* The checked schedule of solution s (reasons for the unassigned). */
model_status sv_build_schedule(const sv_ctx *c, const sv_sol *s, model_schedule **out,
                               model_error *err);

/* ---- reasons (reasons.c) ---- */
/* A sentence saying why job u is unassigned in s. */
void sv_reason(const sv_ctx *c, const sv_sol *s, int u, char *buf, size_t len);

/* Monotonic seconds. */
double sv_now(void);

#endif
