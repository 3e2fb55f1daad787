/* cmd_validate.c - `fieldplan validate PROBLEM`: reads and checks a problem
 * file and prints what it holds. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "cli/problem_load.h"

int cli_cmd_validate(int argc, char **argv)
{
    const char *path = NULL;
    int npaths = 0;
    cli_problem_opts o = {false};
    int prc = cli_parse(cli_command_find("validate"), argc, argv, &o, &path, 1, &npaths);
    if (prc != CLI_EXIT_OK)
        return prc == CLI_PARSE_HELP ? CLI_EXIT_OK : prc;
    int format = o.format;
    if (!path)
        return cli_usage_error(argv[0], "missing PROBLEM");
    model_error err = MODEL_ERROR_INIT;
    model_problem *p = NULL;
    if (cli_load_problem(path, format, &p, NULL, &err) != MODEL_OK)
        return cli_fail(&err);
    int shifts = 0;
    for (int t = 0; t < p->ntechnicians; t++)
        shifts += p->technicians[t].nshifts;
    printf("ok %s: %d locations, %d technicians (%d shifts), %d jobs, %d skills, timezone %s, "
           "travel %s\n",
           p->name ? p->name : path, p->nlocations, p->ntechnicians, shifts, p->njobs, p->nskills,
           model_tz_name(p->tz), p->travel.kind == MODEL_TRAVEL_HAVERSINE ? "haversine" : "matrix");
    model_problem_free(p);
    return CLI_EXIT_OK;
}
