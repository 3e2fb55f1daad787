/* cmd_publish.c - `fieldplan publish DB --version V`: makes a draft
 * version (a saved what-if, or `plan --draft`) the published one: parses
 * the options, runs the publish use case (usecase/publish.h: under the plan
 * lock, the guard, one transaction, then the feeds) and prints what it did
 * (exit 5 when the guard refused). */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "cli/guard_report.h"
#include "cli/store_util.h"
#include "usecase/publish.h"

int cli_cmd_publish(int argc, char **argv)
{
    cli_publish_opts o = {NULL, false, -1, 0, NULL, false};
    const char *db = NULL;
    int prc;
    if (!cli_parse_db("publish", argc, argv, &o, &db, &prc))
        return prc;
    usecase_session ss = cli_store_session(db, o.wait, o.feeds);
    usecase_publish_options opt = {o.version, o.force, o.max_dropped};
    usecase_publish pu;
    model_error err = MODEL_ERROR_INIT;
    int rc = CLI_EXIT_OK;
    char what[64];
    if (usecase_publish_run(&ss, &opt, &pu, &err) != MODEL_OK) {
        if (pu.would_undo) {
            fprintf(stderr, "fieldplan: error: %s (plan it again, or use --force)\n", err.msg);
            rc = cli_exit_for(err.code);
            goto done;
        }
        rc = cli_store_fail(&err, ss.failed);
        if (ss.failed == USECASE_STAGE_FEEDS)
            fprintf(stderr, "fieldplan: version %lld is published; only updating the feeds "
                            "failed\n", (long long)pu.version);
        goto done;
    }
    snprintf(what, sizeof what, "version %lld", (long long)pu.version);
    if ((rc = cli_guard_report(&pu.guard, what)) != CLI_EXIT_OK)
        goto done;
    if (!o.quiet) {
        if (pu.superseded)
            printf("version %lld published; version %lld is superseded\n", (long long)pu.version,
                   (long long)pu.superseded);
        else
            printf("version %lld published\n", (long long)pu.version);
    }
done:
    usecase_publish_free(&pu);
    return rc;
}
