/* cmd_matrix.c - `fieldplan matrix DB`: travel legs from a CSV file or a
 * road router into the database (usecase/matrix.h). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "usecase/matrix.h"

/* The router options of --osrm / --valhalla, false when neither is given. */
bool cli_router_options(const cli_router_opts *r, io_router_options *o)
{
    memset(o, 0, sizeof *o);
    if (!r->osrm && !r->valhalla)
        return false;
    o->kind = r->osrm ? IO_ROUTER_OSRM : IO_ROUTER_VALHALLA;
    o->url = r->osrm ? r->osrm : r->valhalla;
    o->profile = r->profile;
    o->chunk = r->chunk;
    o->attempts = r->attempts;
    o->timeout_s = r->timeout;
    return true;
}

int cli_cmd_matrix(int argc, char **argv)
{
    cli_matrix_opts o;
    memset(&o, 0, sizeof o);
    const char *db = NULL;
    int prc;
    if (!cli_parse_db("matrix", argc, argv, &o, &db, &prc))
        return prc;
    int sources = (o.from_csv != NULL) + (o.router.osrm != NULL) + (o.router.valhalla != NULL);
    if (sources != 1)
        return cli_usage_error(argv[0], "give exactly one of --from-csv, --osrm, --valhalla");
    model_error err = MODEL_ERROR_INIT;
    usecase_matrix_result res;
    io_router_options ro;
    model_status st = cli_router_options(&o.router, &ro)
                          ? usecase_matrix_from_router(db, &ro, &res, &err)
                          : usecase_matrix_from_csv(db, o.from_csv, &res, &err);
    if (st != MODEL_OK)
        return cli_fail(&err);
    if (o.json)
        printf("{\"locations\": %zu, \"missing\": %zu, \"written\": %zu, \"requests\": %ld, "
               "\"retries\": %ld, \"splits\": %ld, \"cells\": %ld}\n",
               res.locations, res.missing, res.written, res.stats.requests, res.stats.retries,
               res.stats.splits, res.stats.cells);
    else if (o.from_csv)
        printf("%s: %zu legs stored from %s\n", db, res.written, o.from_csv);
    else
        printf("%s: %zu locations, %zu pairs missing, %zu fetched in %ld requests (%ld retries, "
               "%ld cells received)\n",
               db, res.locations, res.missing, res.written, res.stats.requests, res.stats.retries,
               res.stats.cells);
    return CLI_EXIT_OK;
}
