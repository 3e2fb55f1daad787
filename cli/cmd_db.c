/* cmd_db.c - `fieldplan db init DB` creates a database (or brings an older
 * one up to the current schema); `fieldplan db check DB` runs SQLite's
 * integrity and foreign key checks. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "io/store/store.h"

static const char usage[] =
    "usage: fieldplan db init DB [--timezone TZ]\n"
    "       fieldplan db check DB\n\n"
    "init creates the database DB with the current schema (docs/schema.md), or\n"
    "migrates an older one forward; an existing current database is left as it is.\n"
    "check runs PRAGMA integrity_check and foreign_key_check.\n\n"
    "  --timezone TZ   the IANA zone of the times in CSV files and of shift dates\n"
    "                  (default: the first imported JSON problem's zone, else UTC)\n"
    "  -h, --help      show this help\n\n"
    "Exit codes: 0 ok, 1 check found a problem, 2 usage, 3 I/O error.\n";

int cli_cmd_db(int argc, char **argv)
{
    static const cli_option opts[] = {{"timezone", 0, true}, {"help", 'h', false}};
    cli_args a;
    cli_args_init(&a, argc, argv);
    const char *action = NULL, *path = NULL, *tz = NULL, *v;
    for (int k; (k = cli_args_next(&a, opts, 2, &v)) != -2;) {
        if (k == -3)
            return CLI_EXIT_INPUT;
        if (k == 0) {
            tz = v;
        } else if (k == 1) {
            fputs(usage, stdout);
            return CLI_EXIT_OK;
        } else if (!action) {
            action = v;
        } else if (!path) {
            path = v;
        } else {
            return cli_usage_error(argv[0], "unexpected argument '%s'", v);
        }
    }
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
