/* budget.c - a solve's time budget (budget.h): the options it checks, the
 * bound's share of the limit, and the margin kept for the output. */
#include "solver/budget.h"

/* Large problems: seconds kept for building, checking and writing the
 * schedule after the search, at most a quarter of the limit (200,000 jobs:
 * 0.25 s to build and check, 0.45 s to write and free, on an idle core). */
#define OUTPUT_S_PER_JOB 5e-6
double sv_output_margin(const sv_ctx *c, const solver_options *o)
{
    double m = c->njobs * OUTPUT_S_PER_JOB;
    return m < o->time_limit_s * 0.25 ? m : o->time_limit_s * 0.25;
}

/* The share of the time limit for the bound (0: none). */
double sv_bound_share(const solver_options *o)
{
    return o->bound_share > 0 ? (o->bound_share < 0.95 ? o->bound_share : 0.95) : 0;
}

model_status sv_check_options(const solver_options *o, model_error *err)
{
    if (!(o->time_limit_s > 0) || o->time_limit_s > 1e7)
        return model_error_set(err, MODEL_ERR_INPUT,
                               "time limit must be between 0 and 1e7 seconds, not %g",
                               o->time_limit_s);
    if (o->threads < 1)
        return model_error_set(err, MODEL_ERR_INPUT, "threads must be at least 1, not %d",
                               o->threads);
    if (o->max_iterations < 0)
        return model_error_set(err, MODEL_ERR_INPUT, "iterations must not be negative");
    return MODEL_OK;
}
