/* solver.h - builds and improves a schedule for a problem: the anytime
 * search behind `fieldplan solve` and `fieldplan plan`.
 *
 * The objective is FORMAT.md's: first the unassigned weight (sum of
 * 1 + priority over unassigned jobs), then total travel duration; optional
 * stability penalties (below) rank after assignment. Every schedule returned
 * keeps every hard rule (it is checked with model_check_schedule before it
 * is returned) and every unassigned job has a reason a dispatcher can act on.
 * Deterministic: the same problem, options and seed (and thread count) give
 * the same schedule when the run ends by max_iterations; otherwise the
 * annealing temperature and the set partitioning follow the clock, and a
 * run cut by the time limit returns the best found by then. Nothing prints: progress goes
 * to the optional callback.
 * Large problems (jobs x technician-shifts over 4 million, or over 500,000
 * a second of time limit, or over 10,000 jobs: solver/context.h) start
 * from a sweep that tries each job on a few technicians of its area only,
 * checks the clock after every shift and reports progress from the start;
 * a job it never tried is unassigned with that reason. (`previous` then
 * prices moves but is not the starting point.) */
#ifndef FIELDPLAN_SOLVER_SOLVER_H
#define FIELDPLAN_SOLVER_SOLVER_H

#include <stdint.h>

#include "model/error.h"
#include "model/problem.h"
#include "model/schedule.h"

/* What the progress callback sees. */
typedef struct solver_progress {
    double elapsed_s;             /* since solver_solve was called (or
                                     clock_origin_s) */
    int64_t unassigned_weight;    /* of the best schedule so far */
    int64_t travel_s;             /* of the best schedule so far */
    int assigned;                 /* jobs assigned in the best schedule */
    int njobs;                    /* jobs in the problem */
    long iterations;              /* search iterations so far */
    const model_bound *bound;     /* the last report, after the lower bound:
                                     the schedule's bound; else NULL */
    int64_t cost;                 /* with bound: the schedule's cost, which
                                     the bound's cost is of (FORMAT.md
                                     extension 2; travel_s without soft rules) */
    bool soft;                    /* with bound: the problem uses soft rules
                                     (cost is then not travel) */
} solver_progress;

typedef void (*solver_progress_fn)(void *ctx, const solver_progress *p);

typedef struct solver_options {
    double time_limit_s;     /* wall-clock budget in seconds (> 0) */
    uint64_t seed;           /* random seed */
    int threads;             /* worker threads (>= 1) */
    long max_iterations;     /* 0: no limit besides time and convergence */
    solver_progress_fn progress; /* may be NULL */
    void *progress_ctx;
    double progress_interval_s;  /* seconds between progress calls */
    /* Stability (re-planning): when `previous` is not NULL (a schedule of
     * this same problem), each job served by a different technician or shift
     * than in `previous` costs move_penalty_s, and each kept job whose start
     * shifts by more than 15 minutes costs shift_penalty_s; both are added
     * to travel, i.e. rank below assignment. */
    const model_schedule *previous;
    int64_t move_penalty_s;
    int64_t shift_penalty_s;
    /* When the time limit began, on solver_clock() (e.g. before the problem
     * was read, so that the limit holds for the whole run); 0: when
     * solver_solve is called. Elapsed times count from it. */
    double clock_origin_s;
    /* The lower bound (solver/bound.h): this share of the time limit,
     * after the search, goes to column generation, whose bound the
     * schedule carries in bound (FORMAT.md extension 3); 0: no bound, the
     * search has the whole limit. SOLVER_BOUND_SHARE is the programs'
     * default, SOLVER_PROVE_SHARE that of prove. */
    double bound_share;
    /* Also solve the integer master over the generated columns, which may
     * improve the schedule and prove it optimal. */
    bool prove;
    /* No column generation in the timed runs' route recombinations: the
     * pool's MIP over the search's routes only (cg_recombine.h). */
    bool no_columns;
} solver_options;

#define SOLVER_BOUND_SHARE 0.2
#define SOLVER_PROVE_SHARE 0.8

#define SOLVER_OPTIONS_INIT {10.0, 1, 1, 0, NULL, NULL, 1.0, NULL, 0, 0, 0, 0, false, false}

/* Monotonic seconds: the solver's clock (for clock_origin_s). */
double solver_clock(void);

typedef struct solver_stats {
    double elapsed_s;          /* wall time of the whole solve */
    double first_feasible_s;   /* when the first complete schedule existed */
    long iterations;           /* search iterations done */
    int64_t initial_travel_s;  /* travel of the construction */
    int64_t initial_unassigned_weight;
    int moved_jobs;            /* with `previous`: jobs on another tech/shift */
    int sp_runs;               /* set-partitioning solves over the route pool */
    int sp_improvements;       /* of those, how many improved the best */
    double bound_s;            /* seconds spent on the lower bound */
    int bound_columns;         /* columns it generated */
    bool bound_converged;      /* its column generation converged */
    bool bound_improved;       /* prove: the integer master improved the schedule */
} solver_stats;

/* Solves p (which must be finished) and returns a new schedule in *out
 * (caller frees with model_schedule_free). stats may be NULL. Errors:
 * MODEL_ERR_INPUT for bad options (message names the option),
 * MODEL_ERR_NOMEM, MODEL_ERR_INTERNAL if the final check fails (a bug:
 * then nothing is returned). Infeasible jobs are not an error: they are
 * unassigned with reasons. */
model_status solver_solve(const model_problem *p, const solver_options *opt, model_schedule **out,
                          solver_stats *stats, model_error *err);

/* ---- Appointment slots and insertion into a published schedule ---- */

/* One offer: the job can start within [start, end] (its new window) on
 * technician/shift, adding extra_travel_s to the schedule, with service
 * starting at service_start if booked now. With the soft rules of FORMAT.md
 * extension 2, extra_travel_s is the change of the route's cost: travel,
 * lateness and overtime costs, less the job's preferred-technician bonus
 * (so it may be negative). */
typedef struct solver_slot {
    int64_t start, end;
    int technician, shift;
    int64_t extra_travel_s;
    int64_t service_start;
} solver_slot;

/* For job `job` of p (not served in s, a schedule of p), tries each
 * candidate window cands[i] as the job's only window (clipped by its
 * release and deadline) and finds the cheapest insertion into the routes of
 * s that keeps every other job on its technician, in its order and within
 * its windows (times may shift inside them) and every rule. Fills out[i]
 * for each candidate; technician is -1 when the window cannot be offered. */
model_status solver_slots(const model_problem *p, const model_schedule *s, int job,
                          const model_window *cands, int ncands, solver_slot *out,
                          model_error *err);

/* Inserts job `job` (with its own windows) into s at the cheapest feasible
 * place, every other job keeping its technician and order; *out is the new
 * schedule (checked). MODEL_ERR_INPUT "no technician can take it ..." when
 * it fits nowhere. */
model_status solver_insert_job(const model_problem *p, const model_schedule *s, int job,
                               model_schedule **out, model_error *err);

#endif
