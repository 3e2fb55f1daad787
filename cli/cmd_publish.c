/* cmd_publish.c - `fieldplan publish DB --version V`: makes a draft
 * version (a saved what-if, or `plan --draft`) the published one: parses
 * the options, runs the publish use case (usecase/publish.h: under the plan
 * lock, one transaction, then the feeds) and prints what it did. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "cli/store_util.h"
#include "usecase/publish.h"

int cli_cmd_publish(int argc, char **argv)
{
    cli_publish_opts o = {NULL, false, 0, NULL, false};
    const char *db = NULL;
    int prc;
    if (!cli_parse_db("publish", argc, argv, &o, &db, &prc))
        return prc;
    usecase_session ss = cli_store_session(db, o.wait, o.feeds);
    usecase_publish_options opt = {o.version, o.force};
    usecase_publish pu;
    model_error err = MODEL_ERROR_INIT;
    if (usecase_publish_run(&ss, &opt, &pu, &err) != MODEL_OK) {
        if (pu.would_undo) {
            fprintf(stderr, "fieldplan: error: %s (plan it again, or use --force)\n", err.msg);
            return cli_exit_for(err.code);
        }
        int rc = cli_store_fail(&err, ss.failed);
        if (ss.failed == USECASE_STAGE_FEEDS)
            fprintf(stderr, "fieldplan: version %lld is published; only updating the feeds "
                            "failed\n", (long long)pu.version);
        return rc;
    }
    if (!o.quiet) {
        if (pu.superseded)
            printf("version %lld published; version %lld is superseded\n", (long long)pu.version,
                   (long long)pu.superseded);
        else
            printf("version %lld published\n", (long long)pu.version);
    }
    return CLI_EXIT_OK;
}
