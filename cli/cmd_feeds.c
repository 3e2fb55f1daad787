/* cmd_feeds.c - `fieldplan feeds DB --out DIR`: writes every technician's
 * iCalendar feed of the published version to DIR, each file replaced
 * atomically. */
#include <stdio.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/feed_args.h"
#include "io/feeds/feed.h"
#include "io/store/store.h"

static const char usage[] =
    "usage: fieldplan feeds DB --out DIR [--refresh S] [--past-days N] [--breaks] [--quiet]\n\n"
    "Writes one iCalendar feed per technician, DIR/TECHNICIAN.ics, with the visits\n"
    "of the published version and of the N days before it (docs/feeds.md). Each\n"
    "file is replaced atomically: a reader sees the old feed or the new one. Every\n"
    "event keeps its UID for good; its SEQUENCE rises whenever its technician,\n"
    "start, end or location changed since the feeds were last built. Use\n"
    "'fieldplan serve' to publish them behind secret per-technician URLs.\n\n"
    "  -o, --out DIR     directory for the feeds (created when missing)\n"
    "  --refresh S       how often calendars should poll, in seconds (default 3600)\n"
    "  --past-days N     days before the published horizon to keep (default 14)\n"
    "  --breaks          breaks as events of their own\n"
    "  -q, --quiet       print nothing on success\n"
    "  -h, --help        show this help\n\n"
    "Exit codes: 0 ok, 2 usage or no published version, 3 I/O error.\n";

int cli_cmd_feeds(int argc, char **argv)
{
    static const cli_option opts[] = {{"out", 'o', true},      {"refresh", 0, true},
                                      {"past-days", 0, true}, {"breaks", 0, false},
                                      {"quiet", 'q', false},  {"help", 'h', false}};
    enum { O_OUT, O_REFRESH, O_PAST, O_BREAKS, O_QUIET, O_HELP, O_COUNT };
    cli_args a;
    cli_args_init(&a, argc, argv);
    const char *db = NULL, *out = NULL, *v, *cmd = argv[0];
    io_feed_options fo = IO_FEED_OPTIONS_INIT;
    bool quiet = false;
    for (int k; (k = cli_args_next(&a, opts, O_COUNT, &v)) != -2;) {
        switch (k) {
        case -3: return CLI_EXIT_INPUT;
        case -1:
            if (!cli_args_take(cmd, &db, v))
                return CLI_EXIT_INPUT;
            break;
        case O_OUT: out = v; break;
        case O_REFRESH:
        case O_PAST:
        case O_BREAKS:
            if (!cli_feed_parse(cmd, opts[k].name, v, &fo))
                return CLI_EXIT_INPUT;
            break;
        case O_QUIET: quiet = true; break;
        case O_HELP: fputs(usage, stdout); return CLI_EXIT_OK;
        }
    }
    if (!db)
        return cli_usage_error(cmd, "missing DB");
    if (!out)
        return cli_usage_error(cmd, "missing --out DIR");
    model_error err = MODEL_ERROR_INIT;
    io_store *s = NULL;
    io_feed_set *fs = NULL;
    int rc = CLI_EXIT_OK;
    if (io_store_open(&s, db, NULL, &err) != MODEL_OK ||
        io_feed_build(s, &fo, (int64_t)time(NULL), &fs, &err) != MODEL_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    if (!fs->version) {
        fprintf(stderr, "fieldplan: error: %s: no published version yet (run 'fieldplan plan')\n",
                db);
        rc = CLI_EXIT_INPUT;
        goto done;
    }
    if (io_feed_write_dir(fs, out, &err) != MODEL_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    if (!quiet) {
        int events = 0;
        for (int i = 0; i < fs->nfeeds; i++)
            events += fs->feeds[i].nevents;
        printf("wrote %d feeds (%d events) of version %lld to %s%s\n", fs->nfeeds, events,
               (long long)fs->version, out,
               fs->stored ? "" : " (read-only database: SEQUENCE bookkeeping not stored)");
    }
done:
    io_feed_set_free(fs);
    io_store_close(s);
    return rc;
}
