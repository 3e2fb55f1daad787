/* cg_phase_internal.h - one phase of the column generation (cg_bound.c),
 * private to solver/: its state, and the pricing rounds and duals that
 * cg_rounds.c keeps for it. */
#ifndef FIELDPLAN_SOLVER_CG_PHASE_INTERNAL_H
#define FIELDPLAN_SOLVER_CG_PHASE_INTERNAL_H

#include "solver/bound.h"
#include "solver/cg.h"

/* The state of one phase of cg.h's master (CG_PH_WEIGHT or CG_PH_COST). */
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

/* One pricing round over all groups. Returns the new columns (-1: no
 * memory); with exact, *complete tells whether every group's pricing
 * finished (P->rcmin then holds the minima). */
int cg_ph_price_round(phase_run *P, bool exact, double deadline, bool *complete);
/* The Lagrangian bound of cg.h from the (clipped) duals and the exact minima. */
double cg_ph_lagrangian(const phase_run *P, double lambda);
/* Wentges smoothing: alpha of the way from the LP's duals to the best
 * bound's, into P->pi, P->mu, *lambda (alpha 0: the LP's). */
void cg_ph_smooth_duals(phase_run *P, double alpha, double *lambda);
/* Automatic smoothing: alpha after a bound at smoothed duals. */
void cg_ph_adapt_alpha(phase_run *P);
/* Keeps the duals just priced when their bound is the best so far. */
void cg_ph_note_bound(phase_run *P, double lb, double lambda);
/* The LP's duals, clipped to the signs the bound needs (cg.h). */
void cg_ph_clip_duals(phase_run *P, double lambda);
/* The bound along one line of lowered job duals (false: no memory). */
bool cg_ph_shift_search(phase_run *P, double deadline, int steps, int load);

#endif
