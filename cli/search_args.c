/* search_args.c - parsing the search options of `plan` and `whatif`, and
 * handing them to the solver. */
#include <assert.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/search_args.h"

bool cli_search_parse(const char *cmd, const char *name, const char *value, cli_search_args *sa)
{
    if (strcmp(name, "time-limit") == 0)
        return cli_parse_double(cmd, name, value, 0.001, 1e7, &sa->time_limit);
    if (strcmp(name, "iterations") == 0)
        return cli_parse_int64(cmd, name, value, 1, INT64_MAX / 2, &sa->iterations);
    if (strcmp(name, "seed") == 0)
        return cli_parse_int64(cmd, name, value, 0, INT64_MAX, &sa->seed);
    if (strcmp(name, "move-penalty") == 0)
        return cli_parse_int64(cmd, name, value, 0, 1000000000, &sa->move_penalty);
    assert(strcmp(name, "shift-penalty") == 0);
    return cli_parse_int64(cmd, name, value, 0, 1000000000, &sa->shift_penalty);
}

void cli_search_to_solver(const cli_search_args *sa, solver_options *so)
{
    so->time_limit_s = sa->time_limit;
    so->seed = (uint64_t)sa->seed;
    so->max_iterations = (long)sa->iterations;
    so->move_penalty_s = sa->move_penalty;
    so->shift_penalty_s = sa->shift_penalty;
}
