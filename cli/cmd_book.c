/* cmd_book.c - `fieldplan book DB --job JOB.json --slot START/END`: adds a
 * job with that window to the published plan at its cheapest place, every
 * other job keeping its technician, order and window, and publishes the
 * result as a new version (with the job in the database): parses the
 * options, runs the book use case (usecase/book.h) and prints the booking. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "cli/diff_report.h"
#include "cli/json_print.h"
#include "cli/store_util.h"
#include "io/formats/json_out.h"
#include "usecase/book.h"

int cli_cmd_book(int argc, char **argv)
{
    cli_book_opts o = {NULL, NULL, 0, NULL, false, false};
    const char *db = NULL;
    int prc;
    if (!cli_parse_db("book", argc, argv, &o, &db, &prc))
        return prc;
    if (!o.job || !o.slot)
        return cli_usage_error(argv[0], "missing --job JOB.json or --slot START/END");
    usecase_session ss = cli_store_session(db, o.wait, o.feeds);
    usecase_book_options opt = {o.job, o.slot};
    usecase_book bk;
    model_error err = MODEL_ERROR_INIT;
    int rc = CLI_EXIT_OK;
    if (usecase_book_run(&ss, &opt, &bk, &err) != MODEL_OK) {
        if (ss.failed == USECASE_STAGE_SOLVE) {
            const model_problem *p = bk.b.res.problem;
            char ws[24], we[24];
            fprintf(stderr, "fieldplan: error: the slot %s-%s is not available (any more): %s\n",
                    model_time_wall(p->tz, bk.window.start, false, ws),
                    model_time_wall(p->tz, bk.window.end, true, we), err.msg);
            rc = cli_exit_for(err.code);
        } else {
            rc = cli_store_fail(&err, ss.failed);
            cli_store_partial(ss.failed, cli_after_publish,
                              "the booking is published (version %lld)", (long long)bk.version);
        }
        goto done;
    }
    if (o.quiet && !o.json) /* -q never silences what --json asks for */
        goto done;
    const model_problem *p = bk.b.res.problem;
    const model_window w = bk.window;
    const model_route *route = bk.route;
    const model_stop *stop = bk.stop;
    int64_t most = bk.most_shifted_s, version = bk.version, run = bk.run;
    const model_technician *t = &p->technicians[route->technician];
    char date[16], b1[24], b2[24], b3[24], b4[24], b5[24];
    model_shift_date(p, route->technician, route->shift, date);
    if (o.json) {
        char t1[MODEL_TIME_BUF], t2[MODEL_TIME_BUF], t3[MODEL_TIME_BUF];
        io_json_out out = IO_JSON_OUT_INIT;
        io_json_out_raw(&out, "{\"job\": ");
        io_json_out_string(&out, p->jobs[bk.b.job].id);
        io_json_out_printf(&out, ", \"version\": %lld, \"run\": %lld, \"technician\": ",
                           (long long)version, (long long)run);
        io_json_out_string(&out, t->id);
        io_json_out_printf(&out, ", \"date\": \"%s\", \"start\": \"%s\", \"window\": {\"start\": "
                               "\"%s\", \"end\": \"%s\"}, \"others_shifted_max_s\": %lld}\n",
                           date, model_time_format(p->tz, stop->start, t1),
                           model_time_format(p->tz, w.start, t2),
                           model_time_format(p->tz, w.end, t3), (long long)most);
        rc = cli_print_json(&out);
    } else {
        printf("booked %s: %s%s%s%s on %s, service %s-%s (window %s-%s); version %lld published "
               "(run %lld); other appointments moved by at most %s\n",
               p->jobs[bk.b.job].id, t->id, t->name ? " (" : "", t->name ? t->name : "",
               t->name ? ")" : "", date, model_time_wall(p->tz, stop->start, true, b1),
               model_time_wall(p->tz, stop->end, true, b2),
               model_time_wall(p->tz, w.start, true, b3),
               model_time_wall(p->tz, w.end, true, b4), (long long)version, (long long)run,
               cli_hours(most, b5, sizeof b5));
    }
done:
    usecase_book_free(&bk);
    return rc;
}
