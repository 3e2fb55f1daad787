/* cmd_publish.c - `fieldplan publish DB --version V`: makes a draft
 * version (a saved what-if, or `plan --draft`) the published one, or
 * restores a superseded version as a new one (a rollback): parses the
 * options, runs the publish use case (usecase/publish.h: under the plan
 * lock, the guard, one transaction, then the feeds) and prints what it did
 * (exit 5 when the guard refused, 1 when a restored version breaks today's
 * rules, 0 for the published version: nothing to do). */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "cli/guard_report.h"
#include "cli/store_util.h"
#include "cli/json_print.h"
#include "usecase/publish.h"

/* What publish did, as one JSON object (--json). */
static int print_json(const usecase_publish *pu)
{
    const usecase_rollback *rb = &pu->rollback;
    int64_t version = pu->restored ? rb->version : pu->version;
    int64_t superseded = pu->restored ? rb->superseded : pu->superseded;
    io_json_out o = IO_JSON_OUT_INIT;
    io_json_out_printf(&o, "{\"version\": %lld, \"superseded\": ", (long long)version);
    if (superseded)
        io_json_out_printf(&o, "%lld", (long long)superseded);
    else
        io_json_out_raw(&o, "null");
    io_json_out_printf(&o, ", \"already_published\": %s, \"restored_from\": ",
                       pu->already ? "true" : "false");
    if (pu->restored)
        io_json_out_printf(&o, "%lld", (long long)rb->restores);
    else
        io_json_out_raw(&o, "null");
    io_json_out_raw(&o, ", \"dropped\": [");
    for (int i = 0; pu->restored && i < rb->ndropped; i++) {
        io_json_out_raw(&o, i ? ", {\"job\": " : "{\"job\": ");
        io_json_out_string(&o, rb->dropped[i].job);
        io_json_out_raw(&o, ", \"why\": ");
        io_json_out_string(&o, rb->dropped[i].why);
        io_json_out_raw(&o, "}");
    }
    io_json_out_printf(&o, "], \"added_unassigned\": %d}\n", pu->restored ? rb->added : 0);
    return cli_print_json(&o);
}

/* What a rollback did, or why it was refused. */
static int report_rollback(const usecase_rollback *rb, bool failed, const model_error *err,
                           usecase_stage stage, bool quiet)
{
    if (failed) {
        int rc = cli_store_fail(err, stage);
        for (int i = 0; i < rb->report.n; i++)
            fprintf(stderr, "  %s\n", rb->report.items[i]);
        cli_store_partial(stage, cli_after_publish, "version %lld is published",
                          (long long)rb->version);
        return rc;
    }
    char what[64];
    snprintf(what, sizeof what, "restoring version %lld", (long long)rb->restores);
    int rc = cli_guard_report(&rb->guard, what);
    if (rc != CLI_EXIT_OK || quiet)
        return rc;
    printf("version %lld restored as version %lld", (long long)rb->restores,
           (long long)rb->version);
    if (rb->superseded)
        printf("; version %lld is superseded", (long long)rb->superseded);
    printf("\n");
    if (rb->ndropped)
        printf("%d job%s dropped:\n", rb->ndropped, rb->ndropped == 1 ? "" : "s");
    for (int i = 0; i < rb->ndropped; i++)
        printf("  %s: %s\n", rb->dropped[i].job, rb->dropped[i].why);
    if (rb->added)
        printf("%d job%s added since version %lld left unassigned (plan again to serve them)\n",
               rb->added, rb->added == 1 ? "" : "s", (long long)rb->restores);
    return CLI_EXIT_OK;
}

int cli_cmd_publish(int argc, char **argv)
{
    cli_publish_opts o = {NULL, false, -1, 0, NULL, false, false};
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
    model_status st = usecase_publish_run(&ss, &opt, &pu, &err);
    if (pu.restored) {
        rc = report_rollback(&pu.rollback, st != MODEL_OK, &err, ss.failed, o.quiet || o.json);
        if (rc == CLI_EXIT_OK && o.json)
            rc = print_json(&pu);
        goto done;
    }
    if (st != MODEL_OK) {
        if (pu.would_undo) {
            fprintf(stderr, "fieldplan: error: %s (plan it again, or use --force)\n", err.msg);
            rc = cli_exit_for(err.code);
            goto done;
        }
        rc = cli_store_fail(&err, ss.failed);
        cli_store_partial(ss.failed, cli_after_publish, "version %lld is published",
                          (long long)pu.version);
        goto done;
    }
    if (pu.already) {
        if (o.json)
            rc = print_json(&pu);
        else if (!o.quiet)
            printf("version %lld is published already; nothing to do\n", (long long)pu.version);
        goto done;
    }
    snprintf(what, sizeof what, "version %lld", (long long)pu.version);
    if ((rc = cli_guard_report(&pu.guard, what)) != CLI_EXIT_OK)
        goto done;
    if (o.json) {
        rc = print_json(&pu);
    } else if (!o.quiet) {
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
