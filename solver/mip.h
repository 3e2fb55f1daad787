/* mip.h - the solver's calls into GLPK made safe in one place (mip.c), for
 * the route pool (pool.c), the column generation's master (cg_master.c)
 * and the time-knapsack weight bound (cg_knap.c), which build GLPK
 * problems: terminal output off, a fatal GLPK error caught (glp_error_hook
 * and longjmp) and every solve bounded by a time limit.
 *
 * Internal to solver/ (GLPK's types appear here; no header outside solver/
 * includes it). GLPK's environment is per thread: a problem is built,
 * solved and deleted by the thread that made it. */
#ifndef FIELDPLAN_SOLVER_MIP_H
#define FIELDPLAN_SOLVER_MIP_H

#include <glpk.h>
#include <stdbool.h>

/* sv_mip_guarded's result when GLPK hit a fatal error. */
#define SV_MIP_FATAL (-2)

/* Runs body(arg) with GLPK's terminal output off and its fatal errors
 * caught. Returns body's result, or SV_MIP_FATAL when GLPK hit a fatal
 * error: its environment is then freed, with every glp_prob made before
 * (the caller forgets them), and body has not returned, so what it
 * allocated outside GLPK is lost: allocate that before the call. */
int sv_mip_guarded(int (*body)(void *arg), void *arg);

/* Solves lp's LP by the primal simplex, terminal output off, no presolve,
 * within `seconds` (10 ms at least), once more from an advanced basis when
 * GLPK finds the basis bad. Returns whether an optimum was found. Only
 * inside sv_mip_guarded. */
bool sv_mip_simplex(glp_prob *lp, double seconds);

/* The time limits of sv_mip_solve. */
typedef struct sv_mip_limits {
    bool lp_presolve; /* GLPK's presolve on the LP relaxation */
    int lp_ms;        /* the LP relaxation's limit */
    double seconds;   /* the whole solve, from before the LP */
    int min_ms;       /* the integer search's limit at the least */
} sv_mip_limits;

/* Solves lp's LP relaxation (primal simplex), then the integer problem on
 * it (branch-and-cut, GMI cuts, no presolve) with x0 (1-based column
 * values, or NULL) offered as its first heuristic solution. Returns 1 when
 * an integer solution was found (read it with glp_mip_col_val; *proven: it
 * is optimal), 0 when not (no LP optimum, no integer solution in time).
 * Only inside sv_mip_guarded. */
int sv_mip_solve(glp_prob *lp, const sv_mip_limits *lim, const double *x0, bool *proven);

#endif
