/* cmd_db.c - `fieldplan db init DB` creates a database (or brings an older
 * one up to the current schema); `fieldplan db check DB` runs SQLite's
 * integrity and foreign key checks. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "io/store/store.h"

int cli_cmd_db(int argc, char **argv)
{
    cli_db_opts o = {NULL};
    const char *pos[2] = {NULL, NULL};
    int npos;
    int prc = cli_parse(cli_command_find("db"), argc, argv, &o, pos, 2, &npos);
    if (prc != CLI_EXIT_OK)
        return prc == CLI_PARSE_HELP ? CLI_EXIT_OK : prc;
    const char *action = pos[0], *path = pos[1], *tz = o.timezone;
    if (!action)
        return cli_usage_error(argv[0], "missing init or check");
    bool init = strcmp(action, "init") == 0;
    if (!init && strcmp(action, "check") != 0)
        return cli_usage_error(argv[0], "unknown action '%s' (init or check)", action);
    if (!path)
        return cli_usage_error(argv[0], "missing DB");
    if (tz && !init)
        return cli_usage_error(argv[0], "--timezone goes with init");
    model_error err = MODEL_ERROR_INIT;
    io_store_options opt = IO_STORE_OPTIONS_INIT;
    opt.create = init;
    io_store *s = NULL;
    if (io_store_open(&s, path, &opt, &err) != MODEL_OK)
        return cli_fail(&err);
    int rc = CLI_EXIT_OK;
    if (init) {
        if (tz && io_store_set_timezone(s, tz, &err) != MODEL_OK)
            rc = cli_fail(&err);
        else
            printf("%s: fieldplan database, schema version %d\n", path,
                   io_store_schema_version(s));
    } else if (io_store_check(s, &err) != MODEL_OK) {
        rc = cli_fail(&err);
    } else {
        printf("%s: ok (schema version %d)\n", path, io_store_schema_version(s));
    }
    io_store_close(s);
    return rc;
}
