/* search_args.c - handing the search options of `plan` and `whatif` to
 * the solver. */
#include "cli/search_args.h"

void cli_search_to_solver(const cli_search_args *sa, solver_options *so)
{
    so->time_limit_s = sa->time_limit;
    so->seed = (uint64_t)sa->seed;
    so->max_iterations = (long)sa->iterations;
    so->move_penalty_s = sa->move_penalty;
    so->shift_penalty_s = sa->shift_penalty;
    so->bound_share = sa->no_bound ? 0 : SOLVER_BOUND_SHARE;
    so->no_columns = sa->no_columns;
}
