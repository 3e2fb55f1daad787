/* budget.h - a solve's time budget (budget.c), for solver.c. */
#ifndef FIELDPLAN_SOLVER_BUDGET_H
#define FIELDPLAN_SOLVER_BUDGET_H

#include "model/error.h"
#include "solver/context.h"
#include "solver/solver.h"

/* The options solver_solve refuses: a time limit outside (0, 1e7] s, no
 * thread, negative iterations. */
model_status sv_check_options(const solver_options *o, model_error *err);
/* The share of the time limit for the bound (0: none; at most 0.95). */
double sv_bound_share(const solver_options *o);
/* Large problems: the seconds kept after the search for the output. */
double sv_output_margin(const sv_ctx *c, const solver_options *o);

#endif
