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
    int prc;
    if (!cli_parse_db("export", argc, argv, &o, &db, &prc))
        return prc;
    if ((o.run != 0) == o.latest)
        return cli_usage_error(argv[0], "give one of --run R and --latest");
    if (!o.problem && !o.schedule)
        return cli_usage_error(argv[0], "give --problem FILE, --schedule FILE or both");
    model_error err = MODEL_ERROR_INIT;
    io_store *s = NULL;
    char *problem = NULL, *schedule = NULL;
    int rc = CLI_EXIT_OK;
    if (io_store_open(&s, db, NULL, &err) != MODEL_OK ||
        io_store_export_run(s, o.run, &problem, &schedule, NULL, &err) != MODEL_OK ||
        (o.problem &&
         io_file_write_atomic(o.problem, problem, strlen(problem), &err) != MODEL_OK) ||
        (o.schedule &&
         io_file_write_atomic(o.schedule, schedule, strlen(schedule), &err) != MODEL_OK))
        rc = cli_fail(&err);
    free(problem);
    free(schedule);
    io_store_close(s);
    return rc;
}
