/* cmd_export.c - `fieldplan export DB --run R --problem P --schedule S`:
 * the exact problem a plan run solved and the schedule it stored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "io/formats/file.h"
#include "io/store/store.h"
#include "io/store/store_query.h"

int cli_cmd_export(int argc, char **argv)
{
    cli_export_opts o = {0, false, NULL, NULL};
    const char *db = NULL;
    int npos;
    int prc = cli_parse(cli_command_find("export"), argc, argv, &o, &db, 1, &npos);
    if (prc != CLI_EXIT_OK)
        return prc == CLI_PARSE_HELP ? CLI_EXIT_OK : prc;
    const char *ppath = o.problem, *spath = o.schedule;
    int64_t run = o.run;
    bool latest = o.latest;
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
