/* bound.h - the lower bound computed after the search (cg_bound.c): column
 * generation over the set-partitioning model (cg.h), a Lagrangian bound
 * kept at every exact pricing, and with `prove` the integer master over the
 * generated columns (price-and-branch without branching) that may improve
 * the search's schedule and close the gap.
 *
 * The objective is lexicographic (FORMAT.md): a first master minimises the
 * unassigned weight (skipped when the search's is 0); only when its bound,
 * rounded up (weights are integers), reaches the search's weight W does a
 * second master bound the travel over schedules of weight <= W (which
 * bounds those of weight exactly W). Travel is integral: its bound is
 * rounded up, less a small tolerance for the floating point. */
#ifndef FIELDPLAN_SOLVER_BOUND_H
#define FIELDPLAN_SOLVER_BOUND_H

#include "model/schedule.h"
#include "solver/pool.h"
#include "solver/solution.h"

/* Column generation rounds per master when the search ends by iterations. */
#define SV_BOUND_ROUNDS 12

typedef struct sv_bound_info {
    int iterations;   /* master solves */
    int columns;      /* columns generated (both masters) */
    int exact_prices; /* exact pricings that completed (bounds taken) */
    bool converged;   /* the cost master's column generation converged */
    bool improved;    /* the integer master improved the search's solution */
    bool mip_proven;  /* the integer master ended optimal over its columns */
} sv_bound_info;

/* Whether the bound models p's objective exactly (else no bound is given). */
bool sv_bound_supported(const model_problem *p);

/* Bounds the problem of c, whose best known solution is *best, until the
 * deadline (sv_now seconds). Fills *out (present false when nothing could
 * be proved, e.g. an unsupported problem); its gap and proven_optimal are
 * left to model_bound_settle against the final schedule. max_rounds > 0
 * caps the column generation rounds of each master (a work budget, so that
 * a run that ends by its search iterations is deterministic unless the
 * deadline comes first). pool (NULL: none): the search's route pool, whose
 * routes join the masters' first columns in timed runs. With prove, *best
 * may be replaced by a better solution (info->improved). Returns false only
 * when memory ran out. */
bool sv_bound_run(const sv_ctx *c, sv_sol *best, const sv_pool *pool, bool prove, double deadline,
                  int max_rounds, model_bound *out, sv_bound_info *info);

/* Jobs per route of the search's solution from which a timed bound takes
 * its master LP as highly degenerate (Solomon type 2: a few routes of 12
 * and more jobs over 100 rows): interior point duals, adaptive smoothing,
 * line searches after each exact pricing (docs/bound.md). */
#define SV_BOUND_CENTRAL_JOBS 12

/* As sv_bound_run for a problem with lateness, overtime or a balance cost
 * (extension 2), which sv_bound_supported turns away: the bound of its hard
 * relaxation (lateness and overtime as longer windows and shifts, priced
 * where they surely arise; no balance cost; bound_relax.c). With
 * opt->prove, *best may be replaced by a better schedule (info->improved). */
bool sv_bound_run_relaxed(const sv_ctx *c, sv_sol *best, const solver_options *opt,
                          double deadline, int max_rounds, model_bound *out,
                          sv_bound_info *info);

/* The hard relaxation R of c's problem (bound_relax.c) in *r, and its
 * context in *cr (relaxed_from and relaxed_ctx pointing at c's): the
 * caller frees both (sv_ctx_free, model_problem_free). Errors as
 * model_problem_copy and sv_ctx_init; then nothing is left to free. */
model_status sv_relax_open(const sv_ctx *c, const solver_options *opt, model_problem **r,
                           sv_ctx *cr, model_error *err);

/* An R-solution rs (of sv_relax_open's cr) on c, the problem relaxed, in
 * *out (the caller frees it, also on failure): its routes with their breaks
 * where they are or placed anew as c's search places them (lateness and
 * overtime then count), whichever c ranks better. false when neither keeps
 * c's rules (not expected: R allows what c does) or memory ran out. */
bool sv_relax_back(const sv_ctx *c, const sv_sol *rs, sv_sol *out);

/* As sv_bound_run, with that threshold given (tests take that road on tiny
 * problems with 1). */
bool sv_bound_run_ex(const sv_ctx *c, sv_sol *best, bool prove, double deadline, int max_rounds,
                     model_bound *out, sv_bound_info *info, int central_jobs);

/* Gives s (the schedule of p) the bound b, with gap and proven_optimal
 * settled against its own totals, after checking its shape (a failure is
 * MODEL_ERR_INTERNAL: a bug), and reports it through opt's progress. */
model_status sv_bound_attach(const model_problem *p, const solver_options *opt, model_bound *b,
                             model_schedule *s, double t_start, model_error *err);

#endif
