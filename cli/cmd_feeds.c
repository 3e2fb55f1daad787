/* cmd_feeds.c - `fieldplan feeds DB --out DIR`: writes every technician's
 * iCalendar feed of the published version to DIR, each file replaced
 * atomically. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "cli/json_print.h"
#include "io/feeds/feed.h"
#include "io/formats/json_out.h"
#include "io/store/store.h"

int cli_cmd_feeds(int argc, char **argv)
{
    cli_feeds_opts o = {NULL, IO_FEED_OPTIONS_INIT, false, false};
    const char *db = NULL, *cmd = argv[0];
    int prc;
    if (!cli_parse_db("feeds", argc, argv, &o, &db, &prc))
        return prc;
    const char *out = o.out;
    io_feed_options fo = o.feed;
    bool quiet = o.quiet;
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
    int events = 0;
    for (int i = 0; i < fs->nfeeds; i++)
        events += fs->feeds[i].nevents;
    if (o.json) { /* -q never silences what --json asks for */
        io_json_out j = IO_JSON_OUT_INIT;
        io_json_out_printf(&j, "{\"version\": %lld, \"feeds\": %d, \"events\": %d, \"out\": ",
                           (long long)fs->version, fs->nfeeds, events);
        io_json_out_string(&j, out);
        io_json_out_printf(&j, ", \"stored\": %s}\n", fs->stored ? "true" : "false");
        rc = cli_print_json(&j);
    } else if (!quiet) {
        printf("wrote %d feeds (%d events) of version %lld to %s%s\n", fs->nfeeds, events,
               (long long)fs->version, out,
               fs->stored ? "" : " (read-only database: SEQUENCE bookkeeping not stored)");
    }
done:
    io_feed_set_free(fs);
    io_store_close(s);
    return rc;
}
