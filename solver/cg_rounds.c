/* cg_rounds.c - the pricing rounds of a column generation phase
 * (cg_phase_internal.h) and the duals they price at: the LP's clipped to
 * the bound's signs, smoothed towards the best bound's, and the line
 * searches over lowered job duals; the Lagrangian bound of cg.h at each. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/cg_phase_internal.h"

#define CG_EXACT_LABELS 1500000L /* an exact pricing gives up beyond */
#define CG_HEUR_LABELS 20000L
#define CG_COLS_PER_GROUP 100

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
int cg_ph_price_round(phase_run *P, bool exact, double deadline, bool *complete)
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
double cg_ph_lagrangian(const phase_run *P, double lambda)
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
void cg_ph_smooth_duals(phase_run *P, double alpha, double *lambda)
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
void cg_ph_adapt_alpha(phase_run *P)
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
void cg_ph_note_bound(phase_run *P, double lb, double lambda)
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
void cg_ph_clip_duals(phase_run *P, double lambda)
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
bool cg_ph_shift_search(phase_run *P, double deadline, int steps, int load)
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
        int more = cg_ph_price_round(P, true, deadline, &complete);
        ok = more >= 0;
        double slope = -1;
        if (ok && complete) {
            P->info->exact_prices++;
            double lb = cg_ph_lagrangian(P, lambda);
            cg_ph_note_bound(P, lb, lambda);
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
