/* cg_bound.c - the lower bound after the search (bound.h): column
 * generation rounds (master LP, heuristic pricing, exact pricing at
 * smoothed duals), the Lagrangian bound of cg.h taken at every exact
 * pricing that completes, line searches over lowered job duals, cheap
 * bounds for when none does (entries and exits of cg_fallback.c; spanning
 * forests of cg_tree.c), subset-row cuts once the cost phase's generation has
 * converged (cg_cuts.c), and with `prove` the integer master. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/bound.h"
#include "solver/cg.h"

#define CG_EXACT_LABELS 1500000L /* an exact pricing gives up beyond */
#define CG_HEUR_LABELS 20000L
#define CG_COLS_PER_GROUP 100
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

typedef struct phase_run {
    cg_ctx *g;
    cg_pricer *pr;
    cg_master *m;
    int phase;
    int64_t W;
    int64_t want;      /* CG_PH_WEIGHT: the schedule's weight; a bound that
                          rounds up to it ends the phase */
    double *pi, *mu, *rcmin;
    bool *hard;        /* per group: exact labelling gave up, merge instead */
    bool *noload;      /* per group: priced without its load limit
                          (cg_price_in.no_load): its routes in the search's
                          schedule leave it loose (cg_loose_loads), or exact
                          labelling with it gave up */
    double best;       /* best Lagrangian bound (-HUGE_VAL: none) */
    double ub;         /* the search's best's cost (cost_of): no optimum
                          costs more */
    bool converged;
    int n0;            /* warm-start columns (the first ones) */
    double last_lb;    /* the bound at convergence (pi, mu then its duals) */
    int max_rounds;    /* > 0: at most this many rounds */
    double *bpi, *bmu, blambda; /* the duals of the best bound */
    bool have_b;       /* bpi, bmu, blambda hold some */
    bool unsmooth;     /* next exact pricing at the LP's duals */
    double alpha;      /* smoothing weight of the best bound's duals */
    double *lpi, *lmu, llambda; /* the LP's (clipped) duals of this round */
    double *sub;       /* per job: the supergradient of the bound at the
                          duals last priced exactly (1 - uses of j) */
    bool sub_ok;       /* sub holds one (every group gave its route) */
    double *bsub;      /* the supergradient at the best bound's duals */
    bool bsub_ok;      /* bsub holds one */
    bool lined[2];     /* the line of each direction from the best duals
                          was searched (to its end) */
    bool have_l;       /* lpi, lmu, llambda hold the LP's */
    bool central;      /* timed, few long routes: the master gives interior
                          point duals, and the line search runs often */
    cg_cuts cuts;      /* the cost master's subset-row cuts */
    int max_cuts;      /* at most (0: no cuts in this run) */
    bool cutting;      /* this phase separates cuts */
    double sigma[CG_MAX_CUTS], bsigma[CG_MAX_CUTS], lsigma[CG_MAX_CUTS]; /* their
                          duals priced, of the best bound, of the LP (as pi) */
    sv_bound_info *info;
} phase_run;

/* o_j: the objective coefficient of y_j in this phase. */
static double y_cost(const phase_run *P, int j)
{
    return P->phase == CG_PH_WEIGHT ? (double)P->g->w[j] : 0.0;
}

/* Adds the priced routes of group gi as columns; returns how many were new
 * (-1: no memory). */
static int add_routes(phase_run *P, int gi, const cg_price_out *o)
{
    int added = 0;
    for (int r = 0; r < o->nroutes; r++) {
        int before = P->g->cols.set.n, idx;
        if (!cg_cols_add(P->g, gi, o->seq + o->off[r], o->len[r], &idx))
            return -1;
        added += P->g->cols.set.n > before;
    }
    return added;
}

/* The supergradient of the bound at the duals just priced: each job's
 * 1 less its uses by the least reduced-cost route of every group (taken
 * once per slot of the group) when that route is negative. */
static void note_route(phase_run *P, int gi, const cg_price_out *o)
{
    if (o->min_rc >= 0)
        return;
    if (o->nroutes == 0) {
        P->sub_ok = false; /* merged: no route to tell the direction */
        return;
    }
    for (int i = 0; i < o->len[0]; i++)
        P->sub[o->seq[o->off[0] + i]] -= P->g->g[gi].cap;
}

/* Whether group q has a load limit to drop. */
static bool has_load_limit(const phase_run *P, int q)
{
    return P->g->c->slots[P->g->g[q].slot].cap > 0;
}

/* The time an exact pricing of group q (of those left from q on) may take
 * until: the deadline, or with P->central a share of the time left. */
static double price_until(const phase_run *P, int q, double deadline)
{
    if (!P->central)
        return deadline;
    return sv_now() + (deadline - sv_now()) * (P->hard[q] ? 0.1 : 0.5) / (P->g->ng - q);
}

/* One pricing round over all groups. Returns the new columns (-1: no
 * memory); with exact, *complete tells whether every group's pricing
 * finished (P->rcmin then holds the minima). An exact labelling that cannot
 * finish within its label budget (or with P->central, its share of the time
 * left) is tried again without the group's load limit, from then on (long
 * routes under a loose limit: the loads are what keeps most labels apart);
 * when that cannot finish either, it gives way to the merged relaxation,
 * whose work is bounded: a bound then exists. */
static int price_round(phase_run *P, bool exact, double deadline, bool *complete)
{
    int added = 0;
    *complete = exact;
    P->sub_ok = exact;
    for (int j = 0; exact && j < P->g->c->njobs; j++)
        P->sub[j] = 1;
    for (int q = 0; q < P->g->ng; q++) {
        /* a group whose exact labelling gave up once still gets a cut
         * one (its routes are columns), its bound then from merging */
        long budget = exact ? (P->hard[q] ? CG_EXACT_LABELS / 8 : CG_EXACT_LABELS) : CG_HEUR_LABELS;
        cg_price_in in = {P->phase, P->pi, P->mu[q], exact, false, budget,
                          exact ? price_until(P, q, deadline) : deadline, CG_COLS_PER_GROUP,
                          P->cutting ? &P->cuts : NULL, P->sigma, exact && P->noload[q]};
        cg_price_out o = {0};
        if (!cg_price(P->pr, q, &in, &o))
            return -1;
        int a = add_routes(P, q, &o);
        if (a < 0)
            return -1;
        added += a;
        if (exact && !o.complete && !in.no_load && has_load_limit(P, q) && sv_now() < deadline) {
            P->noload[q] = in.no_load = true;
            in.deadline = price_until(P, q, deadline);
            if (!cg_price(P->pr, q, &in, &o) || (a = add_routes(P, q, &o)) < 0)
                return -1;
            added += a;
        }
        if (exact && o.complete)
            note_route(P, q, &o);
        if (exact && !o.complete && sv_now() < deadline) {
            /* too many labels: this group is priced by merging from now on
             * (too little time: this once) */
            P->hard[q] = P->hard[q] || o.labels > budget;
            P->sub_ok = false;
            in.merge = true;
            in.max_labels = LONG_MAX;
            in.deadline = deadline;
            if (!cg_price(P->pr, q, &in, &o))
                return -1;
        }
        P->rcmin[q] = o.min_rc;
        if (exact && !o.complete)
            *complete = false;
        if (sv_now() >= deadline) {
            *complete = false;
            break;
        }
    }
    return added;
}

/* The Lagrangian bound of cg.h from the (clipped) duals and the exact minima. */
static double lagrangian(const phase_run *P, double lambda)
{
    const cg_ctx *g = P->g;
    double lb = lambda * (double)P->W;
    for (int j = 0; j < g->c->njobs; j++)
        lb += P->pi[j];
    for (int q = 0; q < g->ng; q++)
        lb += g->g[q].cap * (P->mu[q] + (P->rcmin[q] < 0 ? P->rcmin[q] : 0));
    for (int s = 0; P->cutting && s < P->cuts.n; s++)
        lb += P->sigma[s];
    return lb;
}

/* Wentges smoothing: the duals to price, alpha of the way from the LP's
 * (P->lpi, ...) to those of the best bound so far (any duals of the right
 * signs give a valid bound; these move it where the LP is degenerate).
 * alpha 0: the LP's. Into P->pi, P->mu, *lambda. */
static void smooth_duals(phase_run *P, double alpha, double *lambda)
{
    const cg_ctx *g = P->g;
    bool on = alpha > 0 && P->have_b;
    for (int j = 0; j < g->c->njobs; j++)
        P->pi[j] = on ? alpha * P->bpi[j] + (1 - alpha) * P->lpi[j] : P->lpi[j];
    for (int q = 0; q < g->ng; q++)
        P->mu[q] = on ? alpha * P->bmu[q] + (1 - alpha) * P->lmu[q] : P->lmu[q];
    *lambda = on ? alpha * P->blambda + (1 - alpha) * P->llambda : P->llambda;
    for (int s = 0; s < CG_MAX_CUTS; s++)
        P->sigma[s] = on ? alpha * P->bsigma[s] + (1 - alpha) * P->lsigma[s] : P->lsigma[s];
}

/* Automatic smoothing (Pessoa, Sadykov, Uchoa and Vanderbeck 2018): when
 * the bound's supergradient at the duals priced points towards the LP's,
 * trust them more (alpha down), else less. */
static void adapt_alpha(phase_run *P)
{
    const cg_ctx *g = P->g;
    if (!P->sub_ok || !P->have_b)
        return;
    double dot = (double)P->W * (P->llambda - P->blambda);
    for (int j = 0; j < g->c->njobs; j++)
        dot += P->sub[j] * (P->lpi[j] - P->bpi[j]);
    for (int q = 0; q < g->ng; q++)
        if (P->rcmin[q] >= 0)
            dot += g->g[q].cap * (P->lmu[q] - P->bmu[q]);
    if (dot > 0)
        P->alpha = P->alpha > 0.1 ? P->alpha - 0.1 : 0;
    else
        P->alpha += (1 - P->alpha) * 0.1;
    if (P->alpha > 0.95)
        P->alpha = 0.95;
}

/* Keeps the duals just priced when their bound is the best so far. */
static void note_bound(phase_run *P, double lb, double lambda)
{
    const cg_ctx *g = P->g;
    if (lb <= P->best)
        return;
    P->best = lb;
    if (P->phase == CG_PH_WEIGHT && cg_round_up(lb) >= P->want)
        P->converged = true; /* the schedule's weight is optimal: nothing more to learn */
    memcpy(P->bpi, P->pi, (size_t)g->c->njobs * sizeof *P->bpi);
    memcpy(P->bmu, P->mu, (size_t)g->ng * sizeof *P->bmu);
    P->blambda = lambda;
    memcpy(P->bsigma, P->sigma, sizeof P->bsigma);
    P->have_b = true;
    P->lined[0] = P->lined[1] = false;
    P->bsub_ok = P->sub_ok;
    if (P->sub_ok)
        memcpy(P->bsub, P->sub, (size_t)g->c->njobs * sizeof *P->bsub);
}

/* The LP's duals, clipped to the signs the bound needs (cg.h), into
 * P->lpi, P->lmu, P->llambda. */
static void clip_duals(phase_run *P, double lambda)
{
    const cg_ctx *g = P->g;
    P->have_l = true;
    P->llambda = lambda < 0 ? lambda : 0;
    for (int q = 0; q < g->ng; q++)
        P->lmu[q] = P->mu[q] < 0 ? P->mu[q] : 0;
    for (int s = 0; s < CG_MAX_CUTS; s++)
        P->lsigma[s] = P->sigma[s] < 0 ? P->sigma[s] : 0;
    for (int j = 0; j < g->c->njobs; j++) {
        double cap = y_cost(P, j) - P->llambda * (double)g->w[j];
        P->lpi[j] = P->pi[j] > cap ? cap : P->pi[j];
    }
}

/* d_j of shift_search's direction (load: by load, relative to the mean). */
static double direction(const phase_run *P, int load, double mean, int j)
{
    return load && mean > 0 ? P->g->c->p->jobs[j].load / mean : 1;
}

/* The bound's slope along that direction, from a supergradient sg: the
 * sum of sg_j d_j. */
static double slope_along(const phase_run *P, const double *sg, int load, double mean)
{
    double s = 0;
    for (int j = 0; j < P->g->c->njobs; j++)
        s += sg[j] * direction(P, load, mean, j);
    return s;
}

/* The bound along one line: the job duals lowered by -rho * d_j (rho <= 0,
 * d_j >= 0; the caps of cg.h still hold) from the best bound's duals (or
 * the LP's), by bisection on the sign of its slope (sum of d_j times the
 * job's 1 less its uses by the priced routes, taken once per slot).
 * Direction `load` 0: every job alike (d_j = 1), 1: by load. Where routes
 * are long and slots many (Solomon type 2), the least reduced cost times
 * the slots costs the bound more than the duals give; lowering them trades
 * the two (the dual of "the routes serve at most n jobs", or "at most the
 * total load"), and the pricing gets easier as it goes (fewer negative
 * labels). An exact pricing that cannot finish counts as a negative slope.
 * false: no memory. */
static bool shift_search(phase_run *P, double deadline, int steps, int load)
{
    const cg_ctx *g = P->g;
    int nj = g->c->njobs;
    if (!P->have_b && !P->have_l)
        return true;
    double *base = malloc((size_t)(nj ? nj : 1) * sizeof *base);
    if (!base)
        return false;
    double top = 0, mean = 0, lambda = P->have_b ? P->blambda : P->llambda;
    for (int j = 0; j < nj; j++)
        mean += g->c->p->jobs[j].load / (nj ? nj : 1);
    for (int j = 0; j < nj; j++) {
        base[j] = P->have_b ? P->bpi[j] : P->lpi[j];
        double d = direction(P, load, mean, j);
        if (d > 0 && base[j] / d > top)
            top = base[j] / d;
    }
    double lo = -top, hi = 0;
    bool ok = true;
    if (P->have_b && P->lined[load])
        steps = 0; /* searched already, from the same duals */
    /* the bound is concave: with a supergradient g at the best duals,
     * bound(base + rho d) <= best + rho (g . d); g . d >= 0 rules out
     * every rho < 0, and the line has nothing to give */
    if (P->have_b && P->bsub_ok && slope_along(P, P->bsub, load, mean) >= 0)
        steps = 0;
    for (int it = 0; ok && !P->converged && it < steps && sv_now() < deadline &&
                     hi - lo > 1e-3 * (top + 1);
         it++) {
        double rho = 0.5 * (lo + hi);
        for (int j = 0; j < nj; j++)
            P->pi[j] = base[j] + rho * direction(P, load, mean, j);
        for (int q = 0; q < g->ng; q++)
            P->mu[q] = P->have_b ? P->bmu[q] : P->lmu[q];
        memcpy(P->sigma, P->have_b ? P->bsigma : P->lsigma, sizeof P->sigma);
        bool complete;
        int more = price_round(P, true, deadline, &complete);
        ok = more >= 0;
        double slope = -1;
        if (ok && complete) {
            P->info->exact_prices++;
            double lb = lagrangian(P, lambda);
            note_bound(P, lb, lambda);
            if (P->sub_ok)
                slope = slope_along(P, P->sub, load, mean);
        }
        if (slope >= 0) /* at -top every dual with d_j > 0 is <= 0 */
            lo = rho;
        else
            hi = rho;
    }
    if (ok && P->have_b && sv_now() < deadline)
        P->lined[load] = true; /* from the best duals then (or new ones on the line) */
    free(base);
    return ok;
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
            if (!shift_search(P, end, 16, turn % 2))
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
        clip_duals(P, lambda);
        smooth_duals(P, 0, &lambda);
        bool complete;
        int added = price_round(P, false, deadline, &complete);
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
        if (P->central && !P->have_b && !shift_search(P, deadline, 10, 0))
            return false;
        bool smooth = timed && P->have_b && !P->unsmooth && P->alpha > 0;
        smooth_duals(P, smooth ? P->alpha : 0, &lambda);
        double t0 = sv_now();
        int more = price_round(P, true, deadline, &complete);
        if (more < 0)
            return false;
        last_exact_end = sv_now();
        last_exact_took = last_exact_end - t0;
        P->info->columns += more;
        P->unsmooth = smooth && more == 0 && added == 0; /* mispriced: check the LP's duals */
        if (complete) {
            P->info->exact_prices++;
            double lb = lagrangian(P, lambda);
            if (smooth && P->central)
                adapt_alpha(P);
            note_bound(P, lb, lambda);
            /* the line search is cheap and its duals a better centre */
            if (P->central && !(more == 0 && added == 0) && !shift_search(P, deadline, 10, 0))
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
        double value = 0;
        for (int r = 0; r < g->cols.set.n; r++)
            if (x[r] > 0.5) {
                all_feasible = all_feasible && g->cols.col[r].feasible;
                value += (double)g->cols.col[r].cost;
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
 * the best's cost (P->ub), no more than the integer master can take by
 * mip_deadline (cg.h CG_ENUM_COLS); true in *complete when none was cut. */
static bool enumerate(phase_run *P, double deadline, double mip_deadline, bool *complete)
{
    *complete = P->converged;
    long most = P->max_rounds > 0 ? CG_ENUM_COLS
                                  : (long)(CG_ENUM_COLS_PER_S * (mip_deadline - sv_now()));
    return !*complete ||
           cg_enumerate_gap(P->g, P->pi, P->mu, P->ub - P->last_lb, most, deadline, complete);
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
        if (ok && prove && P.m && lbw < W && sv_now() < deadline) {
            double unused;
            ok = integer_master(&P, best, &x0, sv_now() + (deadline - sv_now()) * 0.25, false,
                                &unused);
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
                ok = enumerate(&P, sv_now() + (deadline - sv_now()) * 0.5, deadline, &exact);
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
