/* cmd_validate.c - `fieldplan validate PROBLEM`: reads and checks a problem
 * file and prints what it holds. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/problem_load.h"

static const char usage[] =
    "usage: fieldplan validate PROBLEM [--format native|solomon]\n\n"
    "Reads PROBLEM and checks it against the problem format (docs/format.md).\n"
    "Prints a one-line summary when it is valid; otherwise the first error,\n"
    "naming the file, the record and the field.\n\n"
    "  --format F   native (JSON, the default) or solomon (Solomon VRPTW text)\n"
    "  -h, --help   show this help\n\n"
    "Exit codes: 0 valid, 2 invalid problem or usage, 3 file not readable.\n";

int cli_cmd_validate(int argc, char **argv)
{
    const char *path = NULL;
    int npaths = 0;
    bool solomon = false;
    int prc = cli_parse_problem_args(argc, argv, usage, &path, 1, &npaths, &solomon);
    if (prc != CLI_EXIT_OK)
        return prc < 0 ? CLI_EXIT_OK : prc;
    if (!path)
        return cli_usage_error(argv[0], "missing PROBLEM");
    model_error err = MODEL_ERROR_INIT;
    model_problem *p = NULL;
    if (cli_load_problem(path, solomon, &p, &err) != MODEL_OK)
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
