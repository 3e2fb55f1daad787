/* bound_relax.c - the bound of a problem with soft rules (bound.h
 * sv_bound_run_relaxed).
 *
 * The column generation prices travel under hard rules only. A problem with
 * soft rules (FORMAT.md extension 2) is bounded through its hard relaxation
 * R, a copy of it where
 *   - a job's lateness becomes part of its windows: each window ends
 *     max_min later (the union of R's windows contains every start the
 *     soft rule allows), and no cost;
 *   - a shift's overtime becomes part of the shift: it ends max_min later;
 *   - there is no balance cost; preferred technicians stay (the column
 *     generation prices their bonuses: cg.h cg_ctx.bonus).
 * Every schedule of the problem is then a schedule of R with the same
 * unassigned weight, so R's weight bound holds for the problem; and its
 *   cost = travel + lateness + overtime + balance - bonus
 *       >= travel - bonus >= R's bound of travel - bonus.
 *
 * R is solved on its own context; the search's best is rebuilt on it (its
 * routes keep R's rules: they keep the problem's with lateness and overtime
 * allowed). The columns' costs charge lateness and overtime where they
 * surely arise (cg_soft.c), never more than the problem's costs, so with
 * prove the integer master over every route within the gap bounds the
 * problem's cost too. What that master finds is an R-schedule, which is a
 * schedule of the problem (R allows the same starts and shift ends): it is
 * taken only where the problem's own cost of it is better
 * (cg_bound.c integer_master, through sv_ctx.relaxed_ctx). */
#include <stdlib.h>

#include "model/problem_edit.h"
#include "solver/bound.h"
#include "solver/context.h"
#include "solver/route.h"
#include "solver/solution.h"

/* Turns the copy r of a problem into its hard relaxation (above). */
static void relax(model_problem *r)
{
    for (int j = 0; j < r->njobs; j++) {
        model_job *job = &r->jobs[j];
        if (job->lateness.max_s > 0)
            for (int w = 0; w < job->nwindows; w++)
                job->windows[w].end += job->lateness.max_s;
        job->lateness = MODEL_SOFT_LIMIT_HARD;
    }
    for (int t = 0; t < r->ntechnicians; t++)
        for (int k = 0; k < r->technicians[t].nshifts; k++) {
            model_shift *s = &r->technicians[t].shifts[k];
            if (s->overtime.max_s > 0)
                s->end += s->overtime.max_s;
            s->overtime = MODEL_SOFT_LIMIT_HARD;
        }
    r->objective.balance_us_per_min = 0;
}

model_status sv_relax_open(const sv_ctx *c, const solver_options *opt, model_problem **r,
                           sv_ctx *cr, model_error *err)
{
    *r = NULL;
    model_status st = model_problem_copy(c->p, NULL, r, err);
    if (st != MODEL_OK)
        return st;
    relax(*r);
    solver_options o = *opt;
    o.previous = NULL; /* stability costs nothing in the schedule's cost */
    if ((st = model_problem_finish(*r, err)) != MODEL_OK ||
        (st = sv_ctx_init(cr, *r, &o, err)) != MODEL_OK) {
        model_problem_free(*r);
        *r = NULL;
        return st;
    }
    cr->relaxed_from = c->p; /* its lateness and overtime costs, priced */
    cr->relaxed_ctx = c;
    return MODEL_OK;
}

bool sv_relax_back(const sv_ctx *c, const sv_sol *rs, sv_sol *out)
{
    sv_sol kept = {0}, placed = {0};
    bool k = sv_sol_rebuild(c, rs, false, &kept), p = sv_sol_rebuild(c, rs, true, &placed);
    if (k && (!p || sv_sol_compare(&kept, &placed) <= 0)) {
        *out = kept;
        sv_sol_free(&placed);
    } else {
        *out = placed;
        sv_sol_free(&kept);
    }
    return k || p;
}

bool sv_bound_run_relaxed(const sv_ctx *c, sv_sol *best, const solver_options *opt,
                          double deadline, int max_rounds, model_bound *out,
                          sv_bound_info *info)
{
    *out = (model_bound){0};
    *info = (sv_bound_info){0};
    if (c->large)
        return true;
    model_error err = MODEL_ERROR_INIT;
    model_problem *r;
    sv_ctx cr;
    if (sv_relax_open(c, opt, &r, &cr, &err) != MODEL_OK) /* (not expected): no bound */
        return err.code != MODEL_ERR_NOMEM;
    bool ok = true;
    sv_sol s = {0}, back = {0};
    if (sv_sol_rebuild(&cr, best, false, &s) && !cr.large) {
        ok = sv_bound_run(&cr, &s, NULL, opt->prove, deadline, max_rounds, out, info);
        /* the integer master's schedule, better in the problem's terms */
        if (ok && info->improved)
            info->improved = sv_relax_back(c, &s, &back) && sv_sol_compare(&back, best) < 0 &&
                             (ok = sv_sol_copy(best, &back));
    }
    sv_sol_free(&back);
    sv_sol_free(&s);
    sv_ctx_free(&cr);
    model_problem_free(r);
    return ok;
}
