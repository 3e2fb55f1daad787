/* cmd_db.c - `fieldplan db init DB` creates a database (or brings an older
 * one up to the current schema); `fieldplan db check DB` runs SQLite's
 * integrity and foreign key checks and finds jobs scheduled in no
 * published route; `fieldplan db set-timezone DB TZ`
 * changes the zone before the first publish. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "cli/json_print.h"
#include "io/store/store.h"
#include "io/store/store_query.h"

/* Scheduled jobs in no published route: one line each (at most 20). */
static int check_unrouted(io_store *s, const char *path)
{
    model_error err = MODEL_ERROR_INIT;
    char **ids = NULL;
    int n = 0;
    if (io_store_unrouted_scheduled(s, &ids, &n, &err) != MODEL_OK)
        return cli_fail(&err);
    if (n)
        fprintf(stderr, "fieldplan: error: %s: %d job%s scheduled but in no route of the "
                        "published version:\n", path, n, n == 1 ? " is" : "s are");
    for (int i = 0; i < n; i++) {
        if (i < 20)
            fprintf(stderr, "  %s: status scheduled, in no published route\n", ids[i]);
        free(ids[i]);
    }
    if (n > 20)
        fprintf(stderr, "  and %d more\n", n - 20);
    if (n)
        fprintf(stderr, "fieldplan: run 'fieldplan plan' to plan them again\n");
    free(ids);
    return n ? CLI_EXIT_CHECK : CLI_EXIT_OK;
}

/* --json: the action's outcome as one JSON object (error: NULL when ok). */
static void print_json(const char *path, const char *action, int version, const char *error)
{
    io_json_out o = IO_JSON_OUT_INIT;
    io_json_out_raw(&o, "{\"database\": ");
    io_json_out_string(&o, path);
    io_json_out_raw(&o, ", \"action\": ");
    io_json_out_string(&o, action);
    io_json_out_printf(&o, ", \"ok\": %s", error ? "false" : "true");
    if (version > 0)
        io_json_out_printf(&o, ", \"schema_version\": %d", version);
    if (error) {
        io_json_out_raw(&o, ", \"error\": ");
        io_json_out_string(&o, error);
    }
    io_json_out_raw(&o, "}\n");
    cli_print_json(&o);
}

int cli_cmd_db(int argc, char **argv)
{
    cli_db_opts o = {NULL, false};
    const char *pos[3] = {NULL, NULL, NULL};
    int prc;
    if (!cli_parse_args("db", argc, argv, &o, pos, 3, 1, "missing init or check", &prc))
        return prc;
    const char *action = pos[0], *path = pos[1], *tz = o.timezone;
    bool init = strcmp(action, "init") == 0, set_tz = strcmp(action, "set-timezone") == 0;
    if (!init && !set_tz && strcmp(action, "check") != 0)
        return cli_usage_error(argv[0], "unknown action '%s' (init, check or set-timezone)",
                               action);
    if (!path)
        return cli_usage_error(argv[0], "missing DB");
    if (set_tz && !pos[2])
        return cli_usage_error(argv[0], "missing TZ");
    if (!set_tz && pos[2])
        return cli_usage_error(argv[0], "unexpected argument '%s'", pos[2]);
    if (tz && !init)
        return cli_usage_error(argv[0], "--timezone goes with init");
    model_error err = MODEL_ERROR_INIT;
    io_store_options opt = IO_STORE_OPTIONS_INIT;
    opt.create = init;
    io_store *s = NULL;
    if (io_store_open(&s, path, &opt, &err) != MODEL_OK) {
        if (o.json)
            print_json(path, action, 0, err.msg);
        return cli_fail(&err);
    }
    int rc = CLI_EXIT_OK, version = io_store_schema_version(s);
    if (set_tz) {
        if (io_store_change_timezone(s, pos[2], &err) != MODEL_OK)
            rc = cli_fail(&err);
        else if (!o.json)
            printf("%s: time zone %s\n", path, pos[2]);
    } else if (init) {
        if (tz && io_store_set_timezone(s, tz, &err) != MODEL_OK)
            rc = cli_fail(&err);
        else if (!o.json)
            printf("%s: fieldplan database, schema version %d\n", path, version);
    } else if (io_store_check(s, &err) != MODEL_OK) {
        rc = cli_fail(&err);
    } else {
        rc = check_unrouted(s, path);
        if (rc != CLI_EXIT_OK)
            model_error_set(&err, MODEL_ERR_INPUT, "scheduled jobs in no published route "
                                                   "(listed on stderr)");
        else if (!o.json)
            printf("%s: ok (schema version %d)\n", path, version);
    }
    if (o.json)
        print_json(path, action, version, rc == CLI_EXIT_OK ? NULL : err.msg);
    io_store_close(s);
    return rc;
}
