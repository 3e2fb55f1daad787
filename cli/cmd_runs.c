/* cmd_runs.c - `fieldplan runs DB [--json]`: the history of plan runs. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "io/formats/json_out.h"
#include "io/formats/json_schedule.h"
#include "io/store/store.h"
#include "io/store/store_query.h"

static void print_table(const io_store_run_row *rows, int n)
{
    printf("%-4s %-19s %-10s %4s %6s %7s %-12s %-17s %9s %7s %9s %6s %7s %8s\n", "run",
           "started", "from", "days", "seed", "limit", "outcome", "version", "assigned", "weight",
           "travel_s", "moved", "solve_s", "gap");
    for (int i = 0; i < n; i++) {
        const io_store_run_row *r = &rows[i];
        char when[32] = "?", version[32] = "-", assigned[32];
        time_t t = (time_t)r->started_at;
        struct tm tm;
        if (localtime_r(&t, &tm))
            strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
        if (r->version)
            snprintf(version, sizeof version, "%lld %s", (long long)r->version,
                     r->version_status ? r->version_status : "");
        snprintf(assigned, sizeof assigned, "%d/%d", r->assigned, r->jobs);
        char gap[24] = "-"; /* the bound's gap; "w>=N": the gap is in the weight */
        const model_bound *b = &r->bound;
        if (b->present && b->has_gap)
            snprintf(gap, sizeof gap, "%.2f%%", 100.0 * b->gap);
        else if (b->present)
            snprintf(gap, sizeof gap, "w>=%lld", (long long)b->unassigned_weight);
        printf("%-4lld %-19s %-10s %4d %6lld %7.1f %-12s %-17s %9s %7lld %9lld %6d %7.2f %8s\n",
               (long long)r->id, when, r->horizon_from, r->horizon_days, (long long)r->seed,
               r->time_limit_s, r->outcome, version, assigned, (long long)r->unassigned_weight,
               (long long)r->travel_s, r->moved_jobs, r->solve_s, gap);
        if (r->message)
            printf("     %s\n", r->message);
    }
    if (n == 0)
        printf("(no runs yet)\n");
}

/* {"runs": [...]}, oldest first; times as UTC ISO 8601. */
static char *runs_json(const io_store_run_row *rows, int n, model_error *err)
{
    io_json_out o = IO_JSON_OUT_INIT;
    io_json_out_raw(&o, "{\"runs\": [");
    for (int i = 0; i < n; i++) {
        const io_store_run_row *r = &rows[i];
        char started[32] = "", finished[32] = "";
        time_t a = (time_t)r->started_at, b = (time_t)r->finished_at;
        struct tm tm;
        if (gmtime_r(&a, &tm))
            strftime(started, sizeof started, "%Y-%m-%dT%H:%M:%SZ", &tm);
        if (r->finished_at && gmtime_r(&b, &tm))
            strftime(finished, sizeof finished, "%Y-%m-%dT%H:%M:%SZ", &tm);
        io_json_out_printf(&o, "%s\n  {\"run\": %lld, \"started_at\": ", i ? "," : "",
                           (long long)r->id);
        io_json_out_string(&o, started);
        io_json_out_raw(&o, ", \"finished_at\": ");
        io_json_out_string(&o, finished[0] ? finished : NULL);
        io_json_out_raw(&o, ", \"horizon_from\": ");
        io_json_out_string(&o, r->horizon_from);
        io_json_out_printf(&o, ", \"horizon_days\": %d, \"seed\": %lld, \"time_limit_s\": ",
                           r->horizon_days, (long long)r->seed);
        io_json_out_number(&o, r->time_limit_s);
        io_json_out_raw(&o, ", \"outcome\": ");
        io_json_out_string(&o, r->outcome);
        io_json_out_raw(&o, ", \"message\": ");
        io_json_out_string(&o, r->message);
        io_json_out_printf(&o, ", \"jobs\": %d, \"technicians\": %d, \"shifts\": %d, "
                               "\"assigned\": %d, \"unassigned\": %d, \"unassigned_weight\": %lld, "
                               "\"travel_s\": %lld, \"distance_m\": %lld, \"moved_jobs\": %d, "
                               "\"shifted_jobs\": %d, \"iterations\": %lld, \"solve_s\": ",
                           r->jobs, r->technicians, r->shifts, r->assigned, r->unassigned,
                           (long long)r->unassigned_weight, (long long)r->travel_s,
                           (long long)r->distance_m, r->moved_jobs, r->shifted_jobs,
                           (long long)r->iterations);
        io_json_out_number(&o, r->solve_s);
        if (r->version)
            io_json_out_printf(&o, ", \"version\": %lld, \"version_status\": ",
                               (long long)r->version);
        else
            io_json_out_raw(&o, ", \"version\": null, \"version_status\": ");
        io_json_out_string(&o, r->version_status);
        /* the schedule's own writer: a run's bound reads as its schedule's */
        io_json_out_raw(&o, ", \"bound\": ");
        io_json_out_bound(&o, &r->bound);
        io_json_out_raw(&o, "}");
    }
    io_json_out_raw(&o, n ? "\n]}\n" : "]}\n");
    return io_json_out_finish(&o, err);
}

int cli_cmd_runs(int argc, char **argv)
{
    const char *db = NULL;
    cli_runs_opts o = {false};
    int prc;
    if (!cli_parse_db("runs", argc, argv, &o, &db, &prc))
        return prc;
    model_error err = MODEL_ERROR_INIT;
    io_store *s = NULL;
    io_store_run_row *rows = NULL;
    int n = 0, rc = CLI_EXIT_OK;
    char *text = NULL;
    if (io_store_open(&s, db, NULL, &err) != MODEL_OK ||
        io_store_runs_list(s, &rows, &n, &err) != MODEL_OK) {
        rc = cli_fail(&err);
    } else if (o.json) {
        if ((text = runs_json(rows, n, &err)))
            fputs(text, stdout);
        else
            rc = cli_fail(&err);
    } else {
        print_table(rows, n);
    }
    free(text);
    io_store_runs_free(rows, n);
    io_store_close(s);
    return rc;
}
