/* cg.h - column generation over the set-partitioning model: the shared
 * data of the master (cg_master.c; with cg_knap.c the files here that call
 * GLPK), the pricing (cg_pricing.c, labelling) and the driver that turns
 * them into a lower bound (cg_bound.c).
 *
 * Master, for a phase ph (CG_PH_WEIGHT or CG_PH_COST):
 *   min  sum_r c_r x_r + sum_j o_j y_j
 *   s.t. sum_r a_jr x_r + y_j = 1            (job j; dual pi_j)
 *        sum_{r in g} x_r <= n_g             (group g; dual mu_g <= 0)
 *        sum_j w_j y_j <= W    (CG_PH_COST;  dual lambda <= 0)
 * where CG_PH_WEIGHT has c_r = 0, o_j = w_j (the unassigned weight) and
 * CG_PH_COST has c_r = travel, o_j = 0. For any pi, mu <= 0, lambda <= 0
 * with pi_j <= o_j - lambda w_j, and rc*_g the least reduced cost
 * c_r - sum_j a_jr pi_j - mu_g over every route of group g (or a
 * relaxation of them, as long as it contains every feasible route),
 *   LB = sum_j pi_j + sum_g n_g mu_g + lambda W + sum_g n_g min(0, rc*_g)
 * is a lower bound of the phase's objective over all schedules (with
 * unassigned weight <= W in CG_PH_COST): the Lagrangian bound. cg_bound.c
 * computes it from the clipped duals it priced with, never from the LP
 * value, so the LP's accuracy does not decide its validity.
 *
 * Subset-row cuts (CG_PH_COST; cg_cuts.c, Jepsen et al. 2008): for a set
 * S of 3 jobs, sum_r floor(|r & S| / 2) x_r <= 1 (dual sigma_S <= 0), with
 * |r & S| counting repeats. Every schedule keeps them (each job served at
 * most once: at most one route holds two of S). With them, a route's
 * reduced cost gains -sum_S sigma_S floor(|r & S| / 2) and
 *   LB = sum_j pi_j + sum_g n_g mu_g + sum_S sigma_S + lambda W
 *        + sum_g n_g min(0, rc*_g)
 * with rc*_g that least reduced cost (cut terms included) over every route
 * of g (or a relaxation containing them): the Lagrangian bound of the
 * master with the cut rows, valid for any sigma_S <= 0 as above.
 *
 * A group is a set of technician-shifts that admit exactly the same routes
 * (times, places, breaks, limits and rule-1 compatibility). n_g is its cap:
 * its number of slots, or fewer when cg_tree_bound shows that no schedule
 * travelling less than the search's has more routes (the bounds then hold
 * over those schedules, which is all a lower bound needs). */
#ifndef FIELDPLAN_SOLVER_CG_H
#define FIELDPLAN_SOLVER_CG_H

#include "solver/bound.h"
#include "solver/route.h"
#include "solver/seqset.h"

enum { CG_PH_WEIGHT = 0, CG_PH_COST = 1 };

/* A group of identical technician-shifts. */
typedef struct cg_group {
    int slot;      /* a representative slot */
    int count;     /* slots in the group */
    int cap;       /* routes it may have at most: count, or fewer where no
                      schedule better than the search's has more
                      (cg_tree_bound's kmax) */
    int *slots;    /* the slots (count) */
    unsigned char *can; /* per job: rule 1 allows it on this group */
} cg_group;

/* What a column costs and serves: its job sequence and group (the key) are
 * the entry of the same index in cg_cols.set. */
typedef struct cg_col {
    int64_t cost;   /* cg_route_cost: travel, less bonuses */
    int64_t weight; /* assigned weight (sum of w_j over its jobs) */
    bool feasible;  /* keeps every rule (checked by route.c): may enter a MIP */
} cg_col;

typedef struct cg_cols {
    sv_seqset set;  /* the job sequences, keyed by group; set.n columns */
    cg_col *col;    /* per entry of set */
    size_t cap;
} cg_cols;

/* The problem as column generation sees it. */
typedef struct cg_ctx {
    const sv_ctx *c;
    cg_group *g;
    int ng;
    int64_t *w;     /* per job: unassigned weight 1 + priority */
    int *ngn;       /* per job: its ng-neighbourhood, CG_NG sorted job indices */
    int *ngn_n;     /* per job: its size */
    uint32_t *ngnear; /* per job: the bits of ngn of its CG_NG_MERGE nearest */
    cg_cols cols;
    sv_route scratch; /* for feasibility checks */
    int64_t *bonus;   /* preferred technicians (extension 2): per group q and
                         job j, bonus[q * njobs + j], which a route of q
                         serving j earns (its cost less it); NULL: none */
    int64_t bonus_max; /* the most bonus a schedule can earn: the sum over
                          jobs of their largest (the bounds that price
                          travel alone take it off) */
    /* A hard relaxation's soft costs (c->relaxed_from; else NULL), charged
     * by the labelling at earliest times, where they grow with time (and,
     * for a job of several windows, at the next windows' starts): */
    model_soft_limit *late; /* per job: its lateness (a zero rate: none) */
    model_soft_limit *ot;   /* per slot: its overtime (zero rate: none) */
    int64_t *ot_end;        /* per slot: its shift's end */
} cg_ctx;

#define CG_NG 8
/* The merged pricing keeps the memory of the nearest few only (ng-routes
 * over smaller neighbourhoods: still a relaxation), and merges only labels
 * of the same memory. */
#define CG_NG_MERGE 2

/* Enters item it of key v into a list of the k least keys so far, sorted
 * by key (items[0..*n), keys[0..*n)): when the list is full, v must be
 * less than its last key, which then drops out; a tie keeps the earlier.
 * The ng-neighbourhoods and the pricing's best routes and next jobs. */
void cg_top_insert(int *items, double *keys, int *n, int k, int it, double v);

model_status cg_ctx_init(cg_ctx *g, const sv_ctx *c, model_error *err);
void cg_ctx_free(cg_ctx *g);

/* The cost of a route (job sequence jobs[0..m) on a slot of group gi), the
 * one place a route's objective is computed (travel today; extension-2
 * terms would be added here and in the pricing's arc costs). */
int64_t cg_route_cost(const cg_ctx *g, int gi, const int *jobs, int m);

/* Adds a column unless present; *idx its index (new or old). false: no
 * memory. feasible is computed here. */
bool cg_cols_add(cg_ctx *g, int gi, const int *jobs, int m, int *idx);
/* Whether the route jobs[0..m) keeps every rule on group gi: rule 1, load,
 * job count, no job twice, and the timing of route.c. */
bool cg_keeps_rules(cg_ctx *g, int gi, const int *jobs, int m);

/* ---- pricing (cg_pricing.c) ---- */

#define CG_MAX_BREAKS 16

/* The gap from location `from` (free at t, breaks [0, k0) taken) to job j
 * (j < 0: the end location): for each number nb <= nbmax of further
 * breaks taken in it (each before driving or after arriving), the earliest
 * service start at j (or arrival at the end), SV_INF when none. */
void cg_gap(const sv_ctx *c, const sv_slot *s, int from, int64_t t, int k0, int j, int nbmax,
            int64_t *out);

/* The job duals pi as group gi's routes see them with bonuses (cg_ctx.bonus)
 * into out[0..njobs): a job's bonus on the group lowers what serving it
 * costs, as a larger dual would, so the reduced cost of a route is its cost
 * less bonuses (cg_route_cost) less the duals. Used by the labelling and the
 * enumeration alike; only when g->bonus is set. */
void cg_bonus_duals(const cg_ctx *g, int gi, const double *pi, double *out);

/* cg_ctx.late, ot and ot_end from c->relaxed_from (nothing
 * without it; cg_soft.c). */
model_status cg_soft_build(cg_ctx *g, model_error *err);

/* The lateness g charges job j served from `start` (FORMAT.md: past the
 * end of the window with the largest start <= start; of equal starts the
 * one ending last), and the overtime it charges slot k arriving at its end
 * at `arrival` (0 without a relaxation's costs). The overtime grows with
 * time; the lateness grows with time between two window starts, and a job
 * of several windows is in time again at the next one's start (so the
 * labelling also tries that start: cg_late_starts). cg_soft.c. */
static inline int64_t cg_late_charge(const cg_ctx *g, int j, int64_t start)
{
    return g->late ? model_soft_limit_cost(
                         g->late[j], model_job_late_s(&g->c->relaxed_from->jobs[j], start, NULL))
                   : 0;
}

/* The starts at job j worth a label when its earliest start (in the
 * relaxation) is st, with their lateness charges, into t[] and ch[]
 * (CG_LATE_STARTS at most); returns how many (>= 1). st itself, and while
 * a start is charged, the earliest start from the next window's start:
 * every start the problem allows from st on is no earlier and charged no
 * less than one of them (a start in a window's gap pays more than that
 * window's first; one at or after the next window's start is no earlier
 * than the earliest from there). Past the cap, the last is charged 0. A
 * job of one window, or charged is false: st alone. */
#define CG_LATE_STARTS 8
int cg_late_starts_next(const cg_ctx *g, int j, int64_t *t, int64_t *ch);
static inline int cg_late_starts(const cg_ctx *g, int j, int64_t st, bool charged, int64_t *t,
                                 int64_t *ch)
{
    t[0] = st;
    ch[0] = charged ? cg_late_charge(g, j, st) : 0;
    if (!charged || !g->late || g->c->relaxed_from->jobs[j].nwindows <= 1)
        return 1;
    return cg_late_starts_next(g, j, t, ch);
}

static inline int64_t cg_over_charge(const cg_ctx *g, int k, int64_t arrival)
{
    return g->ot && arrival > g->ot_end[k] ? model_soft_limit_cost(g->ot[k], arrival - g->ot_end[k])
                                           : 0;
}

/* A relaxation's lateness and overtime (cg_ctx.late, ot) charged to the
 * route jobs[0..m) of group gi as the labelling charges them, at its best
 * placement of breaks (0 without them, or when the route has no timing). */
int64_t cg_soft_charge(const cg_ctx *g, int gi, const int *jobs, int m);

typedef struct cg_price_in {
    int phase;
    const double *pi;   /* per job */
    double mu;          /* the group's dual */
    bool exact;         /* false: heuristic (restricted), its minimum means nothing */
    bool merge;         /* with exact: one label per job, time bucket,
                           breaks taken and memory of the CG_NG_MERGE
                           nearest, merged optimistically (bounded work, a
                           weaker relaxation; no routes returned) */
    long max_labels;    /* exact: give up beyond (then complete = false) */
    double deadline;    /* sv_now() seconds */
    int max_cols;       /* negative routes to return at most */
    const struct cg_cuts *cuts; /* subset-row cuts (NULL: none) */
    const double *sigma; /* per cut: its dual (<= 0) */
    bool no_load;       /* without the slots' load limit: a relaxation (its
                           routes may carry more than a slot may), whose
                           labels do not compare loads, so far fewer of them
                           live where the limit is loose */
} cg_price_in;

typedef struct cg_price_out {
    double min_rc;      /* least reduced cost found (0 when none negative) */
    bool complete;      /* exact and finished: min_rc is the true minimum
                           over the relaxation (elementary routes included) */
    int nroutes;        /* negative routes found (ng-routes: a job may
                           repeat; none in merge mode) */
    int *seq;           /* their jobs, concatenated (owned by the pricer) */
    int *off, *len;
    long labels;
} cg_price_out;

typedef struct cg_pricer cg_pricer;
cg_pricer *cg_pricer_create(const cg_ctx *g);
void cg_pricer_free(cg_pricer *pr);
/* Prices group gi. false only when memory ran out. out stays valid until
 * the next call. */
bool cg_price(cg_pricer *pr, int gi, const cg_price_in *in, cg_price_out *out);

/* The arc's part of a route's reduced cost in a phase: its travel in
 * CG_PH_COST, nothing in CG_PH_WEIGHT. */
double cg_arc_cost(const cg_ctx *g, int phase, int from_loc, int to_loc);
/* The least service duration of the jobs jobs[0..n) (INT64_MAX when n is
 * 0): the widest time bucket in which every step of a route moves on. */
int64_t cg_least_duration(const sv_ctx *c, const int *jobs, int n);

/* ---- completion bounds for the pricing (cg_complete.c) ---- */

/* For a candidate and a time bucket: the least reduced cost a route may
 * still add after it (v1, whose first next job is s1; -1 the end) and the
 * least whose first next job is another (v2, s2). */
typedef struct cg_comp {
    double v1, v2;
    int s1, s2;
} cg_comp;

typedef struct cg_completion {
    cg_comp *f;      /* per bucket and candidate */
    size_t cap;
    int *pos;        /* per job: its candidate index */
    int64_t t0, width; /* bucket b starts at t0 + b * width; width 0: none */
    int nb, nc;
} cg_completion;

/* false: no memory. */
bool cg_completion_init(cg_completion *t, int njobs);
void cg_completion_free(cg_completion *t);
/* Builds the bounds of slot s's routes over the candidate jobs cand[0..nc)
 * at the duals of in (none, width 0, when the jobs' least duration is 0,
 * the work would be too much, or in->deadline passes). false: no memory. */
bool cg_completion_build(cg_completion *t, const cg_ctx *g, const sv_slot *s, const int *cand,
                         int nc, const cg_price_in *in);
/* A lower bound on the reduced cost any route may still add after job j
 * (a candidate of the last build) left free at `time`: HUGE_VAL when no
 * route can end from there, -HUGE_VAL when there are no bounds. */
double cg_completion_at(const cg_completion *t, int j, int64_t time);

/* ---- subset-row cuts (cg_cuts.c) ---- */

#define CG_MAX_CUTS 64 /* a label keeps one bit per cut */
#define CG_BOUND_CUTS 64 /* cuts a bound separates at most (cg_bound_run) */

/* The cuts of a cost master: cut s is the jobs job[s][0..3). The owner
 * (cg_bound.c) inits and frees it; a master and the pricing read it. */
typedef struct cg_cuts {
    int n;                    /* cuts so far (<= CG_MAX_CUTS) */
    int job[CG_MAX_CUTS][3];  /* their jobs */
    uint64_t *mask;           /* per job: bit s when the job is in cut s */
    int njobs;
} cg_cuts;

/* false: no memory (k is then empty and may be freed). */
bool cg_cuts_init(cg_cuts *k, int njobs);
void cg_cuts_free(cg_cuts *k);
/* Adds the cut {a, b, c}; false when full. */
bool cg_cuts_add(cg_cuts *k, int a, int b, int c);
/* floor(|r & S_s| / 2) of the route jobs[0..m) (repeats counted). */
int cg_cuts_coef(const cg_cuts *k, int s, const int *jobs, int m);
/* Separation at the LP solution x (per column of g): adds at most max_new
 * of the most violated 3-row cuts (by more than min_viol) among the jobs
 * of the fractional columns. Returns how many were added, -1: no memory. */
int cg_cuts_separate(cg_cuts *k, const cg_ctx *g, const double *x, int max_new, double min_viol);

/* ---- master (cg_master.c; GLPK) ---- */

typedef struct cg_master cg_master;
/* A master over g's columns for a phase; W: the weight limit (CG_PH_COST). */
cg_master *cg_master_create(const cg_ctx *g, int phase, int64_t W);
void cg_master_free(cg_master *m);
/* Brings the columns added to g since the last call into the LP and solves
 * it within `seconds`. Returns 1 when solved to optimality (duals then
 * filled: pi per job, mu per group, *lambda), 0 when not (time), -1 on a
 * GLPK failure. *obj: the LP value. */
int cg_master_solve(cg_master *m, double seconds, double *pi, double *mu, double *lambda,
                    double *obj);
/* on: cg_master_solve returns the duals of GLPK's interior point method
 * (the centre of the optimal face; better for pricing where the LP is
 * degenerate) when the LP is small, else the simplex's. */
void cg_master_central(cg_master *m, bool on);
/* Gives a cost master its cuts (owned by the caller, who keeps them alive
 * as long as m): the cuts added to k since the last call become rows at the
 * next cg_master_solve. */
void cg_master_set_cuts(cg_master *m, const cg_cuts *k);
/* After a cg_master_solve that returned 1: the duals of the cut rows (per
 * cut of k, 0 for those not yet rows). */
void cg_master_cut_duals(const cg_master *m, double *sigma);
/* After a cg_master_solve that returned 1: the LP's value of each column of
 * g (x per column). Returns 1, -1 on a GLPK failure. */
int cg_master_primal(cg_master *m, double *x);
/* Integer solve over the feasible columns (with relaxed_too, over every
 * column: its optimum then bounds, but may not be a schedule): the
 * phase's objective (CG_PH_COST: at most W unassigned weight, least cost;
 * CG_PH_WEIGHT: least unassigned weight), within `seconds`, with `x0` (1
 * per chosen column, or NULL) as the starting incumbent. Returns 1 with x
 * filled (per column) when an integer solution was found, 0 when not, -1
 * on failure. *proven: the MIP ended optimal over these columns. */
int cg_master_mip(cg_master *m, double seconds, const double *x0, double *x, bool *proven,
                  bool relaxed_too);
/* Separation (cg_cuts_separate) at the solution of m's last solve, which
 * returned 1. Returns the cuts added, -1: no memory. */
int cg_cuts_round(cg_cuts *k, cg_master *m, const cg_ctx *g, int max_new, double min_viol);

/* ---- the bound (cg_bound.c) ---- */

/* sv_bound_run_ex (bound.h) with at most max_cuts subset-row cuts (0:
 * none; sv_bound_run_ex takes CG_BOUND_CUTS), which are separated in timed
 * runs off the degenerate road only; *ncuts (NULL: not wanted): how many
 * were added. */
bool cg_bound_run(const sv_ctx *c, sv_sol *best, const sv_pool *pool, bool prove,
                  double deadline, int max_rounds,
                  model_bound *out, sv_bound_info *info, int central_jobs, int max_cuts,
                  int *ncuts);

/* ---- the search's schedule (cg_warm.c) ---- */

/* The search's routes as the first columns, then those of its pool (NULL:
 * none); *x0 (per column, may be NULL) marks the routes of best, *routes
 * how many. false: no memory. */
bool cg_warm_start(cg_ctx *g, const sv_sol *best, const sv_pool *pool, double **x0, int *routes);
/* The integer master's columns (x per column of g) as a solution: routes
 * on the slots of their groups in order. false when it does not rebuild. */
bool cg_rebuild(const cg_ctx *g, const double *x, sv_sol *out);
/* noload (per group): the group has a load limit and no route of best on
 * its slots carries more than half of it (the column generation then
 * prices it without: cg_price_in.no_load). */
void cg_loose_loads(const cg_ctx *g, const sv_sol *best, bool *noload);

/* ---- bounds without an LP (cg_fallback.c) ---- */

/* A bound value as a whole number of seconds or weight: rounded up, less a
 * tolerance (1e-6 relative) for the floating point of the LP. */
int64_t cg_round_up(double lb);
/* Every served job is entered from somewhere and left to somewhere; the
 * jobs left out (weight <= W) save at most the fractional knapsack of their
 * cheapest entries (or exits): a travel bound (0 beyond 5,000 jobs). */
int64_t cg_fallback_cost(const cg_ctx *g, int64_t W);
/* Jobs no group may serve (rule 1) are unassigned, and when the groups' job
 * limits leave room for fewer jobs than the rest, the lightest of the rest
 * fill the difference: a weight bound. */
int64_t cg_fallback_weight(const cg_ctx *g);
/* Whether some group may serve job j (rule 1); the weight of the jobs none
 * may: every schedule leaves them out, so a schedule of exactly that weight
 * serves every other job. */
bool cg_servable(const cg_ctx *g, int j);
int64_t cg_forced_weight(const cg_ctx *g);

/* ---- the spanning-forest bound (cg_tree.c) ---- */

/* A lower bound on the travel of every schedule that serves all of g's
 * servable jobs (cg_servable: so of every schedule whose weight is
 * cg_forced_weight; 0 when none is found, the jobs are too many, or the
 * shifts cannot carry them): the k-tree relaxation with its degree constraints in a
 * Lagrangian, steps towards ub (the incumbent's travel). *kmax (NULL: not
 * wanted): the most routes a schedule of travel at most ub may have (its
 * bound for k routes, the best over the multipliers tried, is above ub for
 * every larger k; the number of jobs when nothing is known). Work-bounded,
 * so deterministic; also ended by `deadline` (sv_now()) when it is > 0. */
double cg_tree_bound(const cg_ctx *g, double ub, double deadline, int *kmax);

/* ---- what the slots carry (cg_slots.c) ---- */

/* The time a route of slot s may serve and drive in: its span less its
 * breaks, which a shift that serves a job takes in full, overlapping
 * neither service nor travel (FORMAT.md rule 6). */
double cg_work_time(const sv_slot *s);
/* The earliest start of job u at or after `after` in the span [t0, t1]
 * that ends by t1 (SV_INF: none). */
int64_t cg_start_in(const sv_ctx *c, int u, int64_t after, int64_t t0, int64_t t1);

/* The measures of what a slot carries. */
enum { CG_CAP_JOBS, CG_CAP_LOAD, CG_CAP_TIME, CG_CAPS };
/* Per measure m, the slots' job limits, load limits and work times, each
 * sorted the largest first, as prefix sums pre[m][0..nslots] (HUGE_VAL
 * for a slot without a job or load limit); v (nslots) is left with the
 * work times, the longest first. */
void cg_slot_capacities(const sv_ctx *c, double *pre[CG_CAPS], double *v);
/* The least k whose k largest (prefix sums pre[0..ns] of values >= 0)
 * reach want (0 when want <= 0; ns + 1 when none do). */
int cg_least_slots(const double *pre, int ns, double want);

/* ---- round trips (cg_trips.c) ---- */

/* The shortest paths (over the jobs' locations, so that no triangle
 * inequality is assumed) from every group's start to the jobs and from
 * them to every group's end. */
typedef struct cg_trips {
    int nodes;    /* locations on the paths */
    int *node;    /* per location: its node (-1: none) */
    int *loc;     /* per node: its location */
    int *row;     /* per group q: the rows of its start (2q) and end (2q + 1) */
    double *dist; /* per row, per node */
} cg_trips;

/* For the jobs id[0..n). false: the work would be too much (starts and
 * ends times nodes squared above 4e8), or no memory; then nothing to free. */
bool cg_trips_init(cg_trips *t, const cg_ctx *g, const int *id, int n);
/* The least a route of group q that serves job u (one of those of
 * cg_trips_init) drives: out from its start and back to its end; HUGE_VAL
 * when q may not serve u in its shift (rule 1, time). */
double cg_trip(const cg_trips *t, const cg_ctx *g, int q, int u);
void cg_trips_free(cg_trips *t);

/* ---- the time-knapsack weight bound (cg_knap.c) ---- */

/* A lower bound on the unassigned weight of every schedule (0 when none is
 * found): each route's service and its round trip to its jobs, shared by
 * their durations, fit its shift's work time; an LP over the groups by
 * GLPK's simplex within `seconds`, its bound taken from its duals. */
int64_t cg_knap_weight(const cg_ctx *g, double seconds);

/* ---- the radial bound (cg_radial.c) ---- */

/* A lower bound on the travel of every schedule that serves all of g's
 * servable jobs (as cg_tree_bound; 0 when none is found, or the shortest
 * paths to and from the shifts' starts and ends would take too much work):
 * each route drives out to its farthest job and back, and the routes that
 * go beyond x must carry every job beyond x in their time, job limits and
 * loads. Work: sorting and the shortest paths; deterministic. */
double cg_radial_bound(const cg_ctx *g);

/* ---- route enumeration (cg_enum.c) ---- */

/* Adds to g's columns every elementary route of group gi whose reduced cost
 * in phase's terms (CG_PH_COST: travel less bonuses, plus a relaxation's
 * lateness and overtime, - sum pi - mu; CG_PH_WEIGHT: - sum pi - mu, the
 * weight master's columns costing nothing) is at most `threshold` (relaxed timing of
 * cg_pricing.c, so a superset of the routes FORMAT.md allows): with duals
 * of a converged master and threshold = UB - LB, every route of a schedule
 * cheaper than UB. Any number of jobs; a group whose completion bounds
 * (time buckets times candidates squared) pass 3e8 is not enumerated
 * (incomplete). count (may be NULL) counts the routes found (one per
 * placement of breaks, across calls; with count->nnz their non-zeros, each
 * route's jobs plus one) in count->n, and cuts the run once that passes
 * count->max. Returns false when memory
 * ran out; *complete is false when the work budget, the deadline or the
 * count cut it. */
typedef struct cg_enum_count {
    long n, max;
    bool nnz;
} cg_enum_count;
bool cg_enumerate(cg_ctx *g, int gi, int phase, const double *pi, double mu, double threshold,
                  long max_nodes, cg_enum_count *count, double deadline, bool *complete);

/* Routes the integer master takes per second of its time: it loads them
 * into GLPK and solves their LP before its time limit can act (a master of
 * 28,000 routes took 1 s; one of 162,000, 13 s with 4.7 s left). A run
 * that ends by iterations takes at most CG_ENUM_COLS, whatever the time
 * (so that it stays deterministic). */
#define CG_ENUM_COLS_PER_S 10000.0
#define CG_ENUM_COLS 50000L
/* Past CG_ENUM_SMALL jobs (masters of more rows, whose branch and bound is
 * slower by far: Solomon's 100 customers against the 64 jobs the rates
 * above were measured on), non-zeros (a route's jobs and its group's row)
 * per second instead: rc101's proof over 77,000 routes of about seven jobs
 * took 38 s, and on r109 412,000 routes of about eight 39 s given 10. And
 * there an enumeration cut short is dropped (sv_seqset_truncate): it proves
 * nothing, and its integer master would take the time the search resumes
 * with. */
#define CG_ENUM_SMALL 64
#define CG_ENUM_NNZ_PER_S 20000.0
#define CG_ENUM_NNZ 200000L
/* The integer master ends a second per this many non-zeros before its
 * deadline (past CG_ENUM_SMALL jobs, per CG_MIP_NNZ_MARGIN_LARGE): GLPK
 * checks the time between nodes only (r106 with 105,000 routes of about
 * nine jobs: its branch and bound ended 2.1 s after the deadline without a
 * margin; r105's 2.3 s after it with a second per 250,000). */
#define CG_MIP_NNZ_MARGIN 250000.0
#define CG_MIP_NNZ_MARGIN_LARGE 100000.0

/* cg_enumerate over every group (duals pi, mu[group]), at most max_cols
 * routes in all (nnz: non-zeros; then *complete is false, and the routes
 * found so far stay among the columns). */
bool cg_enumerate_gap(cg_ctx *g, int phase, const double *pi, const double *mu,
                      double threshold, long max_cols, bool nnz, double deadline,
                      bool *complete);

#endif
