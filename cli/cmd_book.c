/* cmd_book.c - `fieldplan book DB --job JOB.json --slot START/END`: adds a
 * job with that window to the published plan at its cheapest place, every
 * other job keeping its technician, order and window, and publishes the
 * result as a new version (with the job in the database): parses the
 * options, runs the book use case (usecase/book.h) and prints the booking. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/diff_report.h"
#include "cli/store_util.h"
#include "io/formats/json_out.h"
#include "usecase/book.h"

static const char usage[] =
    "usage: fieldplan book DB --job JOB.json --slot START/END [--wait S] [--feeds DIR]\n"
    "                     [--json] [--quiet]\n\n"
    "Books a new job (JOB.json, as for 'fieldplan slots'; its \"id\" is required)\n"
    "with the appointment window START/END: it is inserted into the published plan\n"
    "where it adds the least travel, every other job keeping its technician, its\n"
    "order and its window, and the result is published as a new version; the job\n"
    "is added to the database with that window. A slot that no longer fits is\n"
    "refused and nothing changes.\n\n"
    "  --job FILE          the job (required)\n"
    "  --slot START/END    the window, ISO 8601 times (wall time in the database's\n"
    "                      zone without an offset); END may be HH:MM:\n"
    "                      2026-11-24T10:00/12:00\n"
    "  --wait S            wait up to S seconds for a running plan (default 0)\n"
    "  --feeds DIR         also rewrite the technicians' calendar feeds in DIR\n"
    "                      ('fieldplan serve' follows the new version by itself)\n"
    "  --json              print the booking as one JSON object\n"
    "  -q, --quiet         print nothing on success\n"
    "  -h, --help          show this help\n\n"
    "Exit codes: 0 booked, 2 bad job file, slot no longer available or usage,\n"
    "3 I/O error, 4 a plan holds the database.\n";

int cli_cmd_book(int argc, char **argv)
{
    static const cli_option opts[] = {{"job", 0, true},      {"slot", 0, true},
                                      {"wait", 0, true},     {"json", 0, false},
                                      {"quiet", 'q', false}, {"help", 'h', false},
                                      {"feeds", 0, true}};
    cli_args a;
    cli_args_init(&a, argc, argv);
    const char *db = NULL, *job = NULL, *slot = NULL, *feeds = NULL, *v;
    bool json = false, quiet = false;
    double wait = 0;
    for (int k; (k = cli_args_next(&a, opts, 7, &v)) != -2;) {
        switch (k) {
        case -3: return CLI_EXIT_INPUT;
        case -1:
            if (!cli_args_take(argv[0], &db, v))
                return CLI_EXIT_INPUT;
            break;
        case 0: job = v; break;
        case 1: slot = v; break;
        case 2:
            if (!cli_parse_double(argv[0], "wait", v, 0, 1e7, &wait))
                return CLI_EXIT_INPUT;
            break;
        case 3: json = true; break;
        case 4: quiet = true; break;
        case 5: fputs(usage, stdout); return CLI_EXIT_OK;
        case 6: feeds = v; break;
        }
    }
    if (!db)
        return cli_usage_error(argv[0], "missing DB");
    if (!job || !slot)
        return cli_usage_error(argv[0], "missing --job JOB.json or --slot START/END");
    usecase_session ss = USECASE_SESSION_INIT;
    ss.db = db;
    ss.wait_s = wait;
    ss.feeds_dir = feeds;
    usecase_book_options opt = {job, slot};
    usecase_book bk;
    model_error err = MODEL_ERROR_INIT;
    int rc = CLI_EXIT_OK;
    if (usecase_book_run(&ss, &opt, &bk, &err) != MODEL_OK) {
        if (ss.failed == USECASE_STAGE_SOLVE) {
            const model_problem *p = bk.b.res.problem;
            char ws[24], we[24];
            fprintf(stderr, "fieldplan: error: the slot %s-%s is not available (any more): %s\n",
                    cli_local(p->tz, bk.window.start, ws, sizeof ws),
                    cli_local(p->tz, bk.window.end, we, sizeof we) + 11, err.msg);
            rc = cli_exit_for(err.code);
        } else {
            rc = cli_store_fail(&err, ss.failed);
            if (ss.failed == USECASE_STAGE_FEEDS)
                fprintf(stderr, "fieldplan: the booking is published (version %lld); only "
                                "updating the feeds failed\n", (long long)bk.version);
        }
        goto done;
    }
    if (quiet)
        goto done;
    const model_problem *p = bk.b.res.problem;
    const model_window w = bk.window;
    const model_route *route = bk.route;
    const model_stop *stop = bk.stop;
    int64_t most = bk.most_shifted_s, version = bk.version, run = bk.run;
    const model_technician *t = &p->technicians[route->technician];
    char date[16], b1[24], b2[24], b3[24], b4[24], b5[24];
    model_shift_date(p, route->technician, route->shift, date);
    if (json) {
        char t1[MODEL_TIME_BUF], t2[MODEL_TIME_BUF], t3[MODEL_TIME_BUF];
        io_json_out o = IO_JSON_OUT_INIT;
        io_json_out_raw(&o, "{\"job\": ");
        io_json_out_string(&o, p->jobs[bk.b.job].id);
        io_json_out_printf(&o, ", \"version\": %lld, \"run\": %lld, \"technician\": ",
                           (long long)version, (long long)run);
        io_json_out_string(&o, t->id);
        io_json_out_printf(&o, ", \"date\": \"%s\", \"start\": \"%s\", \"window\": {\"start\": "
                               "\"%s\", \"end\": \"%s\"}, \"others_shifted_max_s\": %lld}\n",
                           date, model_time_format(p->tz, stop->start, t1),
                           model_time_format(p->tz, w.start, t2),
                           model_time_format(p->tz, w.end, t3), (long long)most);
        char *text = io_json_out_finish(&o, &err);
        if (!text) {
            rc = cli_fail(&err);
            goto done;
        }
        fputs(text, stdout);
        free(text);
    } else {
        printf("booked %s: %s%s%s%s on %s, service %s-%s (window %s-%s); version %lld published "
               "(run %lld); other appointments moved by at most %s\n",
               p->jobs[bk.b.job].id, t->id, t->name ? " (" : "", t->name ? t->name : "",
               t->name ? ")" : "", date, cli_local(p->tz, stop->start, b1, sizeof b1) + 11,
               cli_local(p->tz, stop->end, b2, sizeof b2) + 11,
               cli_local(p->tz, w.start, b3, sizeof b3) + 11,
               cli_local(p->tz, w.end, b4, sizeof b4) + 11, (long long)version, (long long)run,
               cli_hours(most, b5, sizeof b5));
    }
done:
    usecase_book_free(&bk);
    return rc;
}
