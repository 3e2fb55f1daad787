/* cg_bound.c - the lower bound after the search (bound.h): column
 * generation rounds (master LP, heuristic pricing, exact pricing at
 * smoothed duals; the rounds and their duals in cg_rounds.c), the
 * Lagrangian bound of cg.h taken at every exact pricing that completes,
 * cheap bounds for when none does (entries and exits of cg_fallback.c;
 * spanning forests of cg_tree.c), subset-row cuts once the cost phase's
 * generation has converged (cg_cuts.c), and with `prove` the route
 * enumeration (cg_enum.c) and the integer master, for the weight and for
 * the cost. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/cg_phase_internal.h"

#define CG_EPS 1e-6
#define CG_CUTS_PER_ROUND 8
#define CG_CUT_VIOLATION 0.02

bool sv_bound_supported(const model_problem *p)
{
    /* The pricing prices travel less preferred technicians' bonuses
     * (cg_route_cost, the arc costs of cg_pricing.c and its duals): a
     * problem that uses lateness, overtime or a balance cost is bounded
     * through its hard relaxation instead (sv_bound_run_relaxed,
     * bound_relax.c). Skill levels and contacts change no cost; levels are
     * in model_job_allows_technician. */
    return !model_problem_uses_soft_limits(p);
}

/* The bonuses best's routes earn on g's groups (0 without bonuses). */
static int64_t bonus_of(const cg_ctx *g, const sv_sol *best)
{
    int64_t sum = 0;
    for (int k = 0; g->bonus && k < best->nr; k++)
        for (int i = 0; i < best->r[k].n; i++)
            if (!sv_is_break(best->r[k].node[i]))
                sum += model_job_preference_bonus(&g->c->p->jobs[best->r[k].node[i]],
                                                  g->c->slots[k].tech);
    return sum;
}

/* The most an optimum costs in the columns' terms (cg_route_cost), from a
 * solution s: s's travel less its bonuses; for a hard relaxation, s's cost
 * in the problem relaxed (its lateness, overtime and balance too, which the
 * relaxation's copy of s does not show), rebuilt there in *back (freed by
 * the caller). false: s does not keep that problem's rules (not expected)
 * or memory ran out. */
static bool cost_of(const cg_ctx *g, const sv_sol *s, sv_sol *back, double *cost)
{
    if (!g->c->relaxed_ctx) {
        *cost = (double)(s->travel - bonus_of(g, s));
        return true;
    }
    if (!sv_relax_back(g->c->relaxed_ctx, s, back))
        return false;
    *cost = (double)sv_sol_cost(back);
    return true;
}


static bool generate(phase_run *P, double deadline);

/* Column generation of one phase until convergence or the deadline.
 * A run that ends by rounds (max_rounds > 0) prices at the LP's duals,
 * exactly when the heuristic finds nothing and every eighth round. A timed
 * run prices exactly at smoothed duals (alpha 0.5 from the LP's to the best
 * bound's); with few long routes (P->central) at interior point duals,
 * alpha adapted, exact pricing also when the time since the last reaches
 * what that one took (and cut at half the time left), a line search after
 * each, generation until 85 % of the time. The time generation leaves goes
 * to line searches. false: no memory. */
static bool run_phase(phase_run *P, double deadline)
{
    bool timed = P->max_rounds <= 0;
    if (!timed)
        return generate(P, deadline);
    double end = deadline;
    while (!P->converged && sv_now() < end) {
        double before = P->best;
        double until = P->central ? sv_now() + (end - sv_now()) * 0.85 : end;
        if (!generate(P, until))
            return false;
        bool cut = sv_now() >= until; /* else generation had nothing more */
        /* the time generation leaves: line searches by turns along both
         * directions, from the best duals, while they improve the bound;
         * then generation again while either gains */
        for (int turn = 0, idle = 0; !P->converged && idle < 2 && sv_now() < end; turn++) {
            double was = P->best;
            if (!cg_ph_shift_search(P, end, 16, turn % 2))
                return false;
            idle = P->best > was + 1e-9 * fabs(was) ? 0 : idle + 1;
        }
        if (!cut && P->best <= before)
            break;
    }
    return true;
}

/* The rounds of run_phase until convergence or the deadline. */
static bool generate(phase_run *P, double deadline)
{
    bool timed = P->max_rounds <= 0;
    double last_exact_end = sv_now(), last_exact_took = 0;
    for (int round = 0; !P->converged && sv_now() < deadline && (timed || round < P->max_rounds);
         round++) {
        double lambda, obj;
        int rc = cg_master_solve(P->m, deadline - sv_now(), P->pi, P->mu, &lambda, &obj);
        P->info->iterations++;
        if (rc != 1)
            return true; /* no LP optimum in time (or GLPK failed): keep what we have */
        if (P->cutting)
            cg_master_cut_duals(P->m, P->sigma);
        cg_ph_clip_duals(P, lambda);
        cg_ph_smooth_duals(P, 0, &lambda);
        bool complete;
        int added = cg_ph_price_round(P, false, deadline, &complete);
        if (added < 0)
            return false;
        P->info->columns += added;
        /* exact pricing when the heuristic finds nothing, and now and then
         * to keep the bound moving */
        bool due = round % 8 == 7 ||
                   (P->central && P->have_b && sv_now() - last_exact_end >= last_exact_took);
        if (added > 0 && !due)
            continue;
        /* no bound yet: the line search from the LP's duals gives one
         * cheaply (its far shifts price fast), a centre to smooth towards */
        if (P->central && !P->have_b && !cg_ph_shift_search(P, deadline, 10, 0))
            return false;
        bool smooth = timed && P->have_b && !P->unsmooth && P->alpha > 0;
        cg_ph_smooth_duals(P, smooth ? P->alpha : 0, &lambda);
        double t0 = sv_now();
        int more = cg_ph_price_round(P, true, deadline, &complete);
        if (more < 0)
            return false;
        last_exact_end = sv_now();
        last_exact_took = last_exact_end - t0;
        P->info->columns += more;
        P->unsmooth = smooth && more == 0 && added == 0; /* mispriced: check the LP's duals */
        if (complete) {
            P->info->exact_prices++;
            double lb = cg_ph_lagrangian(P, lambda);
            if (smooth && P->central)
                cg_ph_adapt_alpha(P);
            cg_ph_note_bound(P, lb, lambda);
            /* the line search is cheap and its duals a better centre */
            if (P->central && !(more == 0 && added == 0) && !cg_ph_shift_search(P, deadline, 10, 0))
                return false;
            last_exact_end = sv_now(); /* the search counts as exact pricing */
            last_exact_took = last_exact_end - t0;
            if (!smooth && more == 0 && added == 0) {
                /* the LP bound of these rows: cut it off, then generate again */
                int room = P->max_cuts - P->cuts.n, cuts = 0;
                if (P->cutting && room > 0)
                    cuts = cg_cuts_round(&P->cuts, P->m, P->g,
                                         room < CG_CUTS_PER_ROUND ? room : CG_CUTS_PER_ROUND,
                                         CG_CUT_VIOLATION);
                if (cuts < 0)
                    return false;
                if (cuts > 0)
                    continue;
                P->converged = true;
                P->last_lb = lb;
                return true;
            }
        } else if (!smooth && more == 0 && added == 0) {
            return true; /* exact pricing cannot finish: nothing more to learn */
        }
    }
    return true;
}

/* The integer master over the columns, in its phase's terms (cg_master_mip):
 * replaces *best when it finds a better solution, and then *x0 (1 per
 * chosen warm-start column, or NULL) with its columns, which become the
 * warm-start ones for a later master. With exact (every route that a
 * schedule cheaper than *best could use is a column) and an optimal MIP,
 * *lb receives its value: a bound. false: no memory. */
static bool integer_master(phase_run *P, sv_sol *best, double **x0, double deadline, bool exact,
                           double *lb)
{
    cg_ctx *g = P->g;
    /* GLPK checks the time between its nodes only, and a node's LP over a
     * large master takes seconds: it stops early by as much */
    deadline -= (double)(g->cols.set.njobs + (size_t)g->cols.set.n) /
                (g->c->njobs > CG_ENUM_SMALL ? CG_MIP_NNZ_MARGIN_LARGE : CG_MIP_NNZ_MARGIN);
    double *x = calloc((size_t)g->cols.set.n + 1, sizeof *x);
    double *start = calloc((size_t)g->cols.set.n + 1, sizeof *start);
    sv_sol cand = {0};
    bool ok = x && start && sv_sol_init(g->c, &cand);
    if (ok && *x0) /* x0 covers the warm-start columns, which come first */
        for (int r = 0; r < g->cols.set.n && r < P->n0; r++)
            start[r] = (*x0)[r];
    for (int pass = 0; ok && pass < 2 && sv_now() < deadline; pass++) {
        bool proven, relaxed = pass == 0 && exact;
        if (pass == 1 && !exact)
            break;
        int rc = cg_master_mip(P->m, deadline - sv_now(), *x0 ? start : NULL, x, &proven, relaxed);
        if (rc != 1)
            break;
        bool all_feasible = true;
        /* the master's objective: travel (less bonuses, plus charges), or
         * the weight left unassigned */
        double value = 0;
        if (P->phase == CG_PH_WEIGHT)
            for (int j = 0; j < g->c->njobs; j++)
                value += (double)g->w[j];
        for (int r = 0; r < g->cols.set.n; r++)
            if (x[r] > 0.5) {
                all_feasible = all_feasible && g->cols.col[r].feasible;
                value += P->phase == CG_PH_WEIGHT ? -(double)g->cols.col[r].weight
                                                  : (double)g->cols.col[r].cost;
            }
        if (relaxed && proven)
            *lb = value;
        P->info->mip_proven = proven && all_feasible;
        double cost = 0;
        sv_sol back = {0};
        if (all_feasible && cg_rebuild(g, x, &cand) && cost_of(g, &cand, &back, &cost) &&
            (g->c->relaxed_ctx ? cand.unw < best->unw || (cand.unw == best->unw && cost < P->ub)
                               : sv_sol_compare(&cand, best) < 0)) {
            /* of its weight (stability penalties rank too: not always less) */
            P->ub = cand.unw < best->unw ? cost : fmin(P->ub, cost);
            ok = sv_sol_copy(best, &cand);
            P->info->improved = ok;
            free(*x0);
            *x0 = x; /* 1 on the chosen columns: every column so far */
            x = NULL;
            P->n0 = g->cols.set.n;
        }
        sv_sol_free(&back);
        if (all_feasible)
            break; /* else a second pass over the rule-keeping columns only */
    }
    sv_sol_free(&cand);
    free(x);
    free(start);
    return ok;
}

/* Enumerates the routes within the gap between the converged bound and
 * `target` (the cost phase: the best's cost, P->ub; the weight's: one less
 * than the schedule's weight), no more than the integer master can take by
 * mip_deadline (cg.h CG_ENUM_COLS; past CG_ENUM_SMALL jobs, CG_ENUM_NNZ and
 * the columns of a cut enumeration dropped); true in *complete when none
 * was cut. */
static bool enumerate(phase_run *P, double target, double deadline, double mip_deadline,
                      bool *complete)
{
    *complete = P->converged;
    if (!*complete)
        return true;
    bool large = P->g->c->njobs > CG_ENUM_SMALL;
    double left = mip_deadline - sv_now();
    long most = P->max_rounds > 0 ? (large ? CG_ENUM_NNZ : CG_ENUM_COLS)
                                  : (long)((large ? CG_ENUM_NNZ_PER_S : CG_ENUM_COLS_PER_S) * left);
    int n0 = P->g->cols.set.n;
    bool ok = cg_enumerate_gap(P->g, P->phase, P->pi, P->mu, target - P->last_lb, most, large,
                               deadline, complete);
    if (large && !*complete)
        sv_seqset_truncate(&P->g->cols.set, n0);
    return ok;
}

/* With the weight phase converged short of the schedule's weight W: every
 * route a schedule of weight W - 1 or less could use (reduced cost at most
 * W - 1 less the bound), then the integer master over them, which finds
 * such a schedule or shows there is none (then W is the least weight). A
 * quarter of the time left to enumerate, another to solve; nothing when
 * the enumeration cannot be complete (cut by its budget or the time).
 * *lbw rises to what that proves. */
static bool prove_weight(phase_run *P, sv_sol *best, double **x0, double deadline, int64_t *lbw)
{
    double left = deadline - sv_now(), mip_lb = -HUGE_VAL;
    bool exact = false;
    bool ok = enumerate(P, (double)(best->unw - 1), sv_now() + left * 0.25,
                        sv_now() + left * 0.5, &exact);
    if (!ok || !exact) /* (the integer master over what there is ran before) */
        return ok;
    ok = integer_master(P, best, x0, sv_now() + left * 0.5, true, &mip_lb);
    if (ok && mip_lb > -HUGE_VAL) {
        int64_t v = cg_round_up(mip_lb);
        v = v < best->unw ? v : best->unw;
        *lbw = v > *lbw ? v : *lbw;
    }
    return ok;
}

static bool phase(phase_run *P, int ph, int64_t W, double deadline)
{
    P->have_b = false;
    P->bsub_ok = false;
    P->lined[0] = P->lined[1] = false;
    P->unsmooth = false;
    P->alpha = 0.5;
    P->have_l = false;
    P->phase = ph;
    P->W = W;
    P->best = -HUGE_VAL;
    P->converged = false;
    P->m = cg_master_create(P->g, ph, W);
    if (!P->m)
        return true; /* GLPK could not start: no bound from this phase */
    cg_master_central(P->m, P->central);
    /* cuts where exact pricing is the rule: timed, off the degenerate road */
    P->cutting = ph == CG_PH_COST && P->max_cuts > 0 && P->max_rounds <= 0 && !P->central;
    if (P->cutting)
        cg_master_set_cuts(P->m, &P->cuts);
    return run_phase(P, deadline);
}

bool sv_bound_run(const sv_ctx *c, sv_sol *best, const sv_pool *pool, bool prove, double deadline,
                  int max_rounds, model_bound *out, sv_bound_info *info)
{
    return cg_bound_run(c, best, pool, prove, deadline, max_rounds, out, info,
                        SV_BOUND_CENTRAL_JOBS, CG_BOUND_CUTS, NULL);
}

bool sv_bound_run_ex(const sv_ctx *c, sv_sol *best, bool prove, double deadline, int max_rounds,
                     model_bound *out, sv_bound_info *info, int central_jobs)
{
    return cg_bound_run(c, best, NULL, prove, deadline, max_rounds, out, info, central_jobs,
                        CG_BOUND_CUTS, NULL);
}

bool cg_bound_run(const sv_ctx *c, sv_sol *best, const sv_pool *pool, bool prove,
                  double deadline, int max_rounds,
                  model_bound *out, sv_bound_info *info, int central_jobs, int max_cuts,
                  int *ncuts)
{
    if (ncuts)
        *ncuts = 0;
    memset(out, 0, sizeof *out);
    memset(info, 0, sizeof *info);
    if (!sv_bound_supported(c->p) || c->large)
        return true;
    cg_ctx g;
    model_error err;
    if (cg_ctx_init(&g, c, &err) != MODEL_OK)
        return false;
    size_t n = (size_t)c->njobs + 1, ng = (size_t)g.ng + 1;
    phase_run P = {.g = &g, .info = info, .max_rounds = max_rounds, .max_cuts = max_cuts};
    P.pi = calloc(n, sizeof *P.pi);
    P.mu = calloc(ng, sizeof *P.mu);
    P.rcmin = calloc(ng, sizeof *P.rcmin);
    P.hard = calloc(ng, sizeof *P.hard);
    P.noload = calloc(ng, sizeof *P.noload);
    P.bpi = calloc(n, sizeof *P.bpi);
    P.bmu = calloc(ng, sizeof *P.bmu);
    P.lpi = calloc(n, sizeof *P.lpi);
    P.lmu = calloc(ng, sizeof *P.lmu);
    P.sub = calloc(n, sizeof *P.sub);
    P.bsub = calloc(n, sizeof *P.bsub);
    P.pr = cg_pricer_create(&g);
    double *x0 = NULL;
    int routes = 0;
    /* the pool in timed runs only: a run that ends by iterations keeps its
     * small master (and its output) */
    const sv_pool *warm = max_rounds <= 0 ? pool : NULL;
    bool ok = P.pi && P.mu && P.rcmin && P.hard && P.noload && P.bpi && P.bmu && P.lpi && P.lmu &&
              P.sub && P.bsub && P.pr && cg_cuts_init(&P.cuts, c->njobs) &&
              cg_warm_start(&g, best, warm, &x0, &routes);
    P.n0 = g.cols.set.n;
    sv_sol back = {0};
    if (!cost_of(&g, best, &back, &P.ub))
        P.ub = HUGE_VAL; /* no cap on the routes, nothing to enumerate */
    sv_sol_free(&back);
    if (ok && max_rounds <= 0)
        cg_loose_loads(&g, best, P.noload);
    /* few long routes: the master is degenerate far beyond the usual (a
     * basis of ~100 rows with a handful of positive routes), its vertex
     * duals poor guides; the interior point's serve better there */
    P.central = max_rounds <= 0 && routes > 0 && best->nassigned >= central_jobs * routes;
    /* the weight of the jobs no shift may take (or no job limit leaves
     * room for) bounds the weight without an LP */
    int64_t W = best->unw, lbw = W > 0 ? cg_fallback_weight(&g) : 0;
    if (ok && lbw < W) {
        /* the shifts' time: a knapsack of the jobs and their round trips */
        double left = max_rounds > 0 ? 5 : deadline - sv_now();
        int64_t kw = cg_knap_weight(&g, left * 0.25);
        lbw = kw > lbw ? (kw < W ? kw : W) : lbw;
    }
    if (ok && lbw < W) {
        /* phase 1: the unassigned weight, until its bound reaches the
         * schedule's (the travel's phase needs that) or the deadline */
        P.want = W;
        /* with prove, from half the time on the integer master (of the
         * weight) may find a schedule of less weight than the search's */
        bool timed = prove && max_rounds <= 0;
        ok = phase(&P, CG_PH_WEIGHT, 0, timed ? deadline - (deadline - sv_now()) * 0.5 : deadline);
        if (P.best > -HUGE_VAL && cg_round_up(P.best) > lbw)
            lbw = cg_round_up(P.best);
        /* with --prove, and in a timed run whose weight phase converged
         * with time left (it has nothing more to learn then) */
        if (ok && (prove || (max_rounds <= 0 && P.converged)) && P.m && lbw < W &&
            sv_now() < deadline) {
            double unused;
            ok = integer_master(&P, best, &x0, sv_now() + (deadline - sv_now()) * 0.25, false,
                                &unused);
            W = best->unw;
            if (ok && P.converged && lbw < W && sv_now() < deadline)
                ok = prove_weight(&P, best, &x0, deadline, &lbw);
            W = best->unw;
            /* the weight's bound on, first with 40 % kept for the cost's
             * should it reach the weight, then to the end */
            P.want = W;
            for (int step = 0; ok && lbw < W && timed && step < 2; step++) {
                ok = run_phase(&P, step ? deadline : deadline - (deadline - sv_now()) * 0.4);
                if (P.best > -HUGE_VAL && cg_round_up(P.best) > lbw)
                    lbw = cg_round_up(P.best);
            }
        }
        cg_master_free(P.m);
        P.m = NULL;
    }
    if (ok) {
        out->present = true;
        out->unassigned_weight = lbw;
    }
    if (ok && lbw == W) {
        int kmax = c->njobs;
        /* spanning forests need every servable job served: so do the
         * schedules whose weight is that of the jobs no shift may serve */
        bool all = W == cg_forced_weight(&g);
        /* those bound travel: with bonuses a schedule costs at least its
         * travel less bonus_max, so one better than the search's travels
         * at most its cost plus bonus_max */
        double B = (double)g.bonus_max;
        double tree = all ? cg_tree_bound(&g, P.ub + B,
                                          max_rounds > 0 ? 0 : deadline, &kmax)
                          : 0;
        /* each route out to its farthest job and back: the better on
         * many short routes */
        tree = fmax(tree, all ? cg_radial_bound(&g) : 0) - B;
        /* no schedule better than the search's has more routes: the master
         * and the Lagrangian count at most that many (cg.h) */
        for (int q = 0; q < g.ng; q++)
            g.g[q].cap = g.g[q].cap < kmax ? g.g[q].cap : kmax;
        double until = deadline - (prove ? (deadline - sv_now()) * 0.3 : 0);
        ok = phase(&P, CG_PH_COST, W, until);
        /* the time kept for the proof needs convergence: without it, the
         * bound has the better use of it (a little stays for the MIP) */
        if (ok && prove && P.m && !P.converged && max_rounds <= 0 && sv_now() >= until)
            ok = run_phase(&P, deadline - (deadline - sv_now()) * 0.2);
        int64_t lb = cg_fallback_cost(&g, W) - g.bonus_max;
        if (cg_round_up(tree) > lb)
            lb = cg_round_up(tree);
        if (P.best > -HUGE_VAL && cg_round_up(P.best) > lb)
            lb = cg_round_up(P.best);
        info->converged = P.converged;
        if (ok && prove && P.m && sv_now() < deadline) {
            /* a proof: enumerate the routes within the gap, then the
             * integer master over them decides */
            bool exact = false;
            if (lb < P.ub && P.ub < HUGE_VAL)
                ok = enumerate(&P, P.ub, sv_now() + (deadline - sv_now()) * 0.5, deadline, &exact);
            double mip_lb = -HUGE_VAL;
            ok = ok && integer_master(&P, best, &x0, deadline, exact, &mip_lb);
            if (mip_lb > -HUGE_VAL && cg_round_up(mip_lb) > lb)
                lb = cg_round_up(mip_lb);
        } else if (ok && P.m && P.converged && max_rounds <= 0 && lb < P.ub &&
                   sv_now() < deadline) {
            /* converged with time left (small problems): the integer master
             * over the columns may find a better schedule than the search's,
             * in what is left of the bound's time */
            double unused;
            ok = integer_master(&P, best, &x0, deadline, false, &unused);
        }
        out->has_cost = true;
        out->cost = (double)lb;
    }
    cg_master_free(P.m);
    cg_pricer_free(P.pr);
    if (ncuts)
        *ncuts = P.cuts.n;
    cg_cuts_free(&P.cuts);
    free(P.pi);
    free(P.mu);
    free(P.rcmin);
    free(P.hard);
    free(P.noload);
    free(P.bpi);
    free(P.bmu);
    free(P.lpi);
    free(P.lmu);
    free(P.sub);
    free(P.bsub);
    free(x0);
    cg_ctx_free(&g);
    if (!ok)
        memset(out, 0, sizeof *out);
    return ok;
}

/* Gives the schedule its bound (gap and proof against its own totals),
 * checks the bound's shape and reports it. */
model_status sv_bound_attach(const model_problem *p, const solver_options *opt,
                               model_bound *b, model_schedule *s, double t_start,
                               model_error *err)
{
    model_summary sum = model_schedule_summarize(p, s);
    model_bound_settle(b, &sum);
    model_status st = model_bound_check(b, &sum, err);
    if (st != MODEL_OK) {
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%s", err ? err->msg : "breaks a rule");
        return model_error_set(err, MODEL_ERR_INTERNAL, "solver produced a wrong bound: %s", why);
    }
    s->bound = *b;
    if (opt->progress) {
        solver_progress pr = {sv_now() - t_start, sum.unassigned_weight, sum.travel_s,
                              sum.assigned, p->njobs, 0, &s->bound, sum.cost,
                              model_problem_uses_soft_rules(p)};
        opt->progress(opt->progress_ctx, &pr);
    }
    return MODEL_OK;
}
