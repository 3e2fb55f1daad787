/* cmd_export.c - `fieldplan export DB --run R --problem P --schedule S`:
 * the exact problem a plan run solved and the schedule it stored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "io/formats/file.h"
#include "io/store/store.h"
#include "io/store/store_query.h"

static const char usage[] =
    "usage: fieldplan export DB (--run R | --latest) [--problem P.json] [--schedule S.json]\n\n"
    "Writes the problem that plan run R solved and the schedule it stored, in the\n"
    "formats of docs/format.md, so that `fieldplan check` or verify_schedule.py\n"
    "can check them. --latest takes the run of the published version. At least\n"
    "one of --problem and --schedule is needed; '-' writes to standard output.\n\n"
    "  --run R            plan run R (see `fieldplan runs`)\n"
    "  --latest           the run of the published version\n"
    "  --problem FILE     write the problem there (atomically)\n"
    "  --schedule FILE    write the schedule there (atomically)\n"
    "  -h, --help         show this help\n\n"
    "Exit codes: 0 written, 2 no such run or usage, 3 I/O error.\n";

int cli_cmd_export(int argc, char **argv)
{
    static const cli_option opts[] = {{"run", 0, true},      {"latest", 0, false},
                                      {"problem", 0, true},  {"schedule", 0, true},
                                      {"help", 'h', false}};
    cli_args a;
    cli_args_init(&a, argc, argv);
    const char *db = NULL, *ppath = NULL, *spath = NULL, *v;
    int64_t run = 0;
    bool latest = false;
    for (int k; (k = cli_args_next(&a, opts, 5, &v)) != -2;) {
        switch (k) {
        case -3: return CLI_EXIT_INPUT;
        case -1:
            if (!cli_args_take(argv[0], &db, v))
                return CLI_EXIT_INPUT;
            break;
        case 0:
            if (!cli_parse_int64(argv[0], "run", v, 1, INT64_MAX, &run))
                return CLI_EXIT_INPUT;
            break;
        case 1: latest = true; break;
        case 2: ppath = v; break;
        case 3: spath = v; break;
        case 4: fputs(usage, stdout); return CLI_EXIT_OK;
        }
    }
    if (!db)
        return cli_usage_error(argv[0], "missing DB");
    if ((run != 0) == latest)
        return cli_usage_error(argv[0], "give one of --run R and --latest");
    if (!ppath && !spath)
        return cli_usage_error(argv[0], "give --problem FILE, --schedule FILE or both");
    model_error err = MODEL_ERROR_INIT;
    io_store *s = NULL;
    char *problem = NULL, *schedule = NULL;
    int rc = CLI_EXIT_OK;
    if (io_store_open(&s, db, NULL, &err) != MODEL_OK ||
        io_store_export_run(s, run, &problem, &schedule, NULL, &err) != MODEL_OK ||
        (ppath && io_file_write_atomic(ppath, problem, strlen(problem), &err) != MODEL_OK) ||
        (spath && io_file_write_atomic(spath, schedule, strlen(schedule), &err) != MODEL_OK))
        rc = cli_fail(&err);
    free(problem);
    free(schedule);
    io_store_close(s);
    return rc;
}
