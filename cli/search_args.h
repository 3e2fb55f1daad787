/* search_args.h - the search options that `plan` and `whatif` share:
 * --time-limit, --iterations, --seed, --move-penalty, --shift-penalty,
 * --no-bound, --no-columns. */
#ifndef FIELDPLAN_CLI_SEARCH_ARGS_H
#define FIELDPLAN_CLI_SEARCH_ARGS_H

#include <stdbool.h>
#include <stdint.h>

#include "solver/solver.h"

typedef struct cli_search_args {
    double time_limit;     /* --time-limit S: search seconds */
    int64_t iterations;    /* --iterations N: 0 for no cap */
    int64_t seed;          /* --seed N */
    int64_t move_penalty;  /* --move-penalty S: seconds of travel per moved job */
    int64_t shift_penalty; /* --shift-penalty S: per start moved by more than 15 min */
    bool no_bound;         /* --no-bound: the search has the whole time, no bound */
    bool no_columns;       /* --no-columns: recombinations without priced columns */
} cli_search_args;

/* Sets so's time limit, seed, iteration cap, penalties, bound share
 * (SOLVER_BOUND_SHARE unless --no-bound) and columns from sa. */
void cli_search_to_solver(const cli_search_args *sa, solver_options *so);

#endif
