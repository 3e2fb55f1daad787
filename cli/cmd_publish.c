/* cmd_publish.c - `fieldplan publish DB --version V`: makes a draft
 * version (a saved what-if, or `plan --draft`) the published one: parses
 * the options, runs the publish use case (usecase/publish.h: under the plan
 * lock, one transaction, then the feeds) and prints what it did. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/store_util.h"
#include "usecase/publish.h"

static const char usage[] =
    "usage: fieldplan publish DB --version V [--force] [--wait S] [--feeds DIR]\n"
    "                        [--quiet]\n\n"
    "Publishes draft version V (a number, or the name given to 'fieldplan whatif\n"
    "--save'): it replaces the published version, job statuses follow it, and the\n"
    "changes of its scenario (absences, shifts, skills, jobs added, updated or\n"
    "cancelled) are recorded in the database, so that the next plan keeps them.\n"
    "A draft planned against another version than the one published now is\n"
    "refused (its publication would undo the newer one) unless --force.\n\n"
    "  --version V       the draft to publish (required)\n"
    "  --force           publish even if another version was published since\n"
    "  --wait S          wait up to S seconds for a running plan (default 0)\n"
    "  --feeds DIR       also rewrite the technicians' calendar feeds in DIR\n"
    "  -q, --quiet       print nothing on success\n"
    "  -h, --help        show this help\n\n"
    "Exit codes: 0 published, 2 no such draft, refused or usage, 3 I/O error,\n"
    "4 a plan holds the database.\n";

int cli_cmd_publish(int argc, char **argv)
{
    static const cli_option opts[] = {{"version", 0, true}, {"force", 0, false},
                                      {"wait", 0, true},    {"quiet", 'q', false},
                                      {"help", 'h', false}, {"feeds", 0, true}};
    cli_args a;
    cli_args_init(&a, argc, argv);
    const char *db = NULL, *version = NULL, *feeds = NULL, *v;
    bool force = false, quiet = false;
    double wait = 0;
    for (int k; (k = cli_args_next(&a, opts, 6, &v)) != -2;) {
        switch (k) {
        case -3: return CLI_EXIT_INPUT;
        case -1:
            if (!cli_args_take(argv[0], &db, v))
                return CLI_EXIT_INPUT;
            break;
        case 0: version = v; break;
        case 1: force = true; break;
        case 2:
            if (!cli_parse_double(argv[0], "wait", v, 0, 1e7, &wait))
                return CLI_EXIT_INPUT;
            break;
        case 3: quiet = true; break;
        case 4: fputs(usage, stdout); return CLI_EXIT_OK;
        case 5: feeds = v; break;
        }
    }
    if (!db)
        return cli_usage_error(argv[0], "missing DB");
    if (!version)
        return cli_usage_error(argv[0], "missing --version V");
    usecase_session ss = USECASE_SESSION_INIT;
    ss.db = db;
    ss.wait_s = wait;
    ss.feeds_dir = feeds;
    usecase_publish_options opt = {version, force};
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
    if (!quiet) {
        if (pu.superseded)
            printf("version %lld published; version %lld is superseded\n", (long long)pu.version,
                   (long long)pu.superseded);
        else
            printf("version %lld published\n", (long long)pu.version);
    }
    return CLI_EXIT_OK;
}
