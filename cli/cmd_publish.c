/* cmd_publish.c - `fieldplan publish DB --version V`: makes a draft
 * version (a saved what-if, or `plan --draft`) the published one, in one
 * transaction under the plan lock; a what-if's scenario is recorded in the
 * master data (docs/whatif.md). */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/store_util.h"
#include "io/feeds/feed.h"
#include "io/store/store.h"
#include "io/store/store_whatif.h"

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
    model_error err = MODEL_ERROR_INIT;
    io_store *s = NULL;
    io_store_version_info *before = NULL;
    int64_t id = 0;
    int rc = CLI_EXIT_OK;
    bool locked = false;
    if (io_store_open(&s, db, NULL, &err) != MODEL_OK ||
        io_store_version_find(s, version, &id, &err) != MODEL_OK ||
        io_store_lock_acquire(s, wait, 600, &err) != MODEL_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    locked = true;
    model_error none = MODEL_ERROR_INIT;
    io_store_version_get(s, 0, &before, &none); /* for the message only */
    if (io_store_publish(s, id, force, &err) != MODEL_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    if (io_feed_publish(s, feeds, NULL, NULL, &err) != MODEL_OK) {
        rc = cli_fail(&err);
        fprintf(stderr, "fieldplan: version %lld is published; only updating the feeds failed\n",
                (long long)id);
        goto done;
    }
    if (!quiet) {
        if (before)
            printf("version %lld published; version %lld is superseded\n", (long long)id,
                   (long long)before->version);
        else
            printf("version %lld published\n", (long long)id);
    }
done:
    rc = cli_store_unlock(s, locked, rc);
    io_store_version_info_free(before);
    io_store_close(s);
    return rc;
}
