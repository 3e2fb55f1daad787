/* cmd_book.c - `fieldplan book DB --job JOB.json --slot START/END`: adds a
 * job with that window to the published plan at its cheapest place, every
 * other job keeping its technician, order and window, and publishes the
 * result as a new version (with the job in the database), under the plan
 * lock and in one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/booking.h"
#include "cli/cli.h"
#include "cli/diff_report.h"
#include "cli/store_util.h"
#include "io/formats/json_problem.h"
#include "io/formats/json_schedule.h"
#include "io/formats/json_out.h"
#include "io/feeds/feed.h"
#include "io/store/store.h"
#include "io/store/store_whatif.h"
#include "model/check.h"
#include "solver/solver.h"

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

/* The largest start change of the jobs served in both a and b (same problem). */
static int64_t largest_shift(const model_problem *p, const model_schedule *a,
                             const model_schedule *b, int skip)
{
    int64_t *start = malloc((size_t)(p->njobs ? p->njobs : 1) * sizeof *start), most = 0;
    if (!start)
        return -1;
    for (int j = 0; j < p->njobs; j++)
        start[j] = INT64_MIN;
    for (int r = 0; r < a->nroutes; r++)
        for (int k = 0; k < a->routes[r].nstops; k++)
            if (a->routes[r].stops[k].kind == MODEL_STOP_JOB)
                start[a->routes[r].stops[k].job] = a->routes[r].stops[k].start;
    for (int r = 0; r < b->nroutes; r++)
        for (int k = 0; k < b->routes[r].nstops; k++) {
            const model_stop *st = &b->routes[r].stops[k];
            if (st->kind == MODEL_STOP_JOB && st->job != skip && start[st->job] != INT64_MIN &&
                llabs(st->start - start[st->job]) > most)
                most = llabs(st->start - start[st->job]);
        }
    free(start);
    return most;
}

/* Where the booked job is in s. */
static const model_stop *find_stop(const model_schedule *s, int job, const model_route **route)
{
    for (int r = 0; r < s->nroutes; r++)
        for (int k = 0; k < s->routes[r].nstops; k++)
            if (s->routes[r].stops[k].kind == MODEL_STOP_JOB && s->routes[r].stops[k].job == job) {
                *route = &s->routes[r];
                return &s->routes[r].stops[k];
            }
    return NULL;
}

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
    int64_t started = (int64_t)time(NULL);
    model_error err = MODEL_ERROR_INIT;
    io_store *s = NULL;
    model_tz *tz = NULL;
    cli_booking b = {0};
    model_schedule *s1 = NULL;
    char *pjson = NULL, *sjson = NULL;
    model_window w;
    bool locked = false;
    int rc = CLI_EXIT_OK;
    double t0 = cli_now();
    if (io_store_open(&s, db, NULL, &err) != MODEL_OK ||
        io_store_load_timezone(s, &tz, &err) != MODEL_OK || !cli_parse_slot(slot, tz, &w, &err) ||
        io_store_lock_acquire(s, wait, 600, &err) != MODEL_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    locked = true;
    if (cli_booking_load(s, job, NULL, &w, &b, &err) != MODEL_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    const model_problem *p = b.res.problem;
    char ws[24], we[24];
    if (solver_insert_job(p, b.s0, b.job, &s1, &err) != MODEL_OK) {
        fprintf(stderr, "fieldplan: error: the slot %s-%s is not available (any more): %s\n",
                cli_local(p->tz, w.start, ws, sizeof ws), cli_local(p->tz, w.end, we, sizeof we) + 11,
                err.msg);
        rc = cli_exit_for(err.code);
        goto done;
    }
    int64_t most = largest_shift(p, b.s0, s1, b.job);
    char options[128], message[256];
    snprintf(options, sizeof options, "{\"slot\": [%lld, %lld]}", (long long)w.start,
             (long long)w.end);
    snprintf(message, sizeof message, "booked %.64s for %s-%s into version %lld", p->jobs[b.job].id,
             cli_local(p->tz, w.start, ws, sizeof ws), cli_local(p->tz, w.end, we, sizeof we) + 11,
             (long long)b.v->version);
    io_store_whatif_save sv = {0};
    sv.base = b.v;
    sv.problem = p;
    sv.schedule = s1;
    sv.scenario = b.sc;
    sv.kind = "book";
    sv.options_json = options;
    sv.message = message;
    sv.publish = true;
    sv.started_at = started;
    sv.solve_s = cli_now() - t0;
    int64_t run = 0, version = 0;
    if (!(pjson = io_json_problem_to_string(p, &err)) ||
        !(sjson = io_json_schedule_to_string(p, s1, &err))) {
        rc = cli_fail(&err);
        goto done;
    }
    sv.problem_json = pjson;
    sv.schedule_json = sjson;
    if (io_store_whatif_store(s, &sv, &run, &version, &err) != MODEL_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    /* calendar feeds: SEQUENCE bookkeeping now, and the files when asked */
    if (io_feed_publish(s, feeds, NULL, NULL, &err) != MODEL_OK) {
        rc = cli_fail(&err);
        fprintf(stderr, "fieldplan: the booking is published (version %lld); only updating the "
                        "feeds failed\n", (long long)version);
        goto done;
    }
    if (quiet)
        goto done;
    const model_route *route = NULL;
    const model_stop *stop = find_stop(s1, b.job, &route);
    const model_technician *t = &p->technicians[route->technician];
    char date[16], b1[24], b2[24], b3[24], b4[24], b5[24];
    model_shift_date(p, route->technician, route->shift, date);
    if (json) {
        char t1[MODEL_TIME_BUF], t2[MODEL_TIME_BUF], t3[MODEL_TIME_BUF];
        io_json_out o = IO_JSON_OUT_INIT;
        io_json_out_raw(&o, "{\"job\": ");
        io_json_out_string(&o, p->jobs[b.job].id);
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
               p->jobs[b.job].id, t->id, t->name ? " (" : "", t->name ? t->name : "",
               t->name ? ")" : "", date, cli_local(p->tz, stop->start, b1, sizeof b1) + 11,
               cli_local(p->tz, stop->end, b2, sizeof b2) + 11,
               cli_local(p->tz, w.start, b3, sizeof b3) + 11,
               cli_local(p->tz, w.end, b4, sizeof b4) + 11, (long long)version, (long long)run,
               cli_hours(most, b5, sizeof b5));
    }
done:
    rc = cli_store_unlock(s, locked, rc);
    free(pjson);
    free(sjson);
    model_schedule_free(s1);
    cli_booking_free(&b);
    model_tz_free(tz);
    io_store_close(s);
    return rc;
}
