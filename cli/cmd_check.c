/* cmd_check.c - `fieldplan check PROBLEM SCHEDULE`: the engine's own checker. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "cli/problem_load.h"
#include "cli/json_print.h"
#include "io/formats/json_schedule.h"
#include "model/check.h"

#define MAX_SHOWN 50

/* The result as one JSON object (--json). */
static int print_json(const model_problem *p, const model_report *report)
{
    io_json_out o = IO_JSON_OUT_INIT;
    const model_summary *t = &report->totals;
    if (report->total == 0) {
        io_json_out_printf(&o, "{\"ok\": true, \"summary\": {\"assigned\": %d, \"unassigned\": %d, "
                               "\"unassigned_weight\": %lld, \"travel_s\": %lld, "
                               "\"distance_m\": %lld, \"routes\": %d",
                           t->assigned, t->unassigned, (long long)t->unassigned_weight,
                           (long long)t->travel_s, (long long)t->distance_m, t->routes);
        if (model_problem_uses_extension2(p))
            io_json_out_printf(&o, ", \"cost\": %lld, \"lateness_cost_s\": %lld, "
                                   "\"overtime_cost_s\": %lld, \"balance_cost_s\": %lld, "
                                   "\"preference_bonus_s\": %lld",
                               (long long)t->cost, (long long)t->lateness_cost_s,
                               (long long)t->overtime_cost_s, (long long)t->balance_cost_s,
                               (long long)t->preference_bonus_s);
        io_json_out_raw(&o, "}}\n");
    } else {
        io_json_out_raw(&o, "{\"ok\": false, \"violations\": [");
        for (int i = 0; i < report->n && i < MAX_SHOWN; i++) {
            io_json_out_raw(&o, i ? ", " : "");
            io_json_out_string(&o, report->items[i]);
        }
        io_json_out_printf(&o, "], \"total\": %ld}\n", report->total);
    }
    int rc = cli_print_json(&o);
    if (rc != CLI_EXIT_OK)
        return rc;
    return report->total == 0 ? CLI_EXIT_OK : CLI_EXIT_CHECK;
}

int cli_cmd_check(int argc, char **argv)
{
    const char *paths[2] = {NULL, NULL};
    cli_problem_opts o = {0, false};
    int prc;
    if (!cli_parse_args("check", argc, argv, &o, paths, 2, 2, "expected PROBLEM and SCHEDULE",
                        &prc))
        return prc;
    int format = o.format;
    model_error err = MODEL_ERROR_INIT;
    model_problem *p = NULL;
    model_schedule *s = NULL;
    model_report report = MODEL_REPORT_INIT;
    model_summary claimed;
    int has_claimed = 0, rc;
    if (cli_load_problem(paths[0], format, &p, NULL, &err) != MODEL_OK ||
        io_json_read_schedule_file(p, paths[1], &s, &claimed, &has_claimed, &report, &err) !=
            MODEL_OK ||
        model_check_schedule(p, s, has_claimed ? &claimed : NULL, &report, &err) != MODEL_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    if (o.json) {
        rc = print_json(p, &report);
    } else if (report.total == 0) {
        const model_summary *t = &report.totals;
        char bound[160];
        model_bound_ok_fields(&s->bound, t, bound, sizeof bound);
        /* the oracle's order: totals, extension 2's terms, then the bound */
        printf("ok assigned=%d unassigned=%d unassigned_weight=%lld travel_s=%lld distance_m=%lld "
               "routes=%d",
               t->assigned, t->unassigned, (long long)t->unassigned_weight,
               (long long)t->travel_s, (long long)t->distance_m, t->routes);
        if (model_problem_uses_extension2(p))
            printf(" cost=%lld lateness_cost_s=%lld overtime_cost_s=%lld balance_cost_s=%lld "
                   "preference_bonus_s=%lld",
                   (long long)t->cost, (long long)t->lateness_cost_s,
                   (long long)t->overtime_cost_s, (long long)t->balance_cost_s,
                   (long long)t->preference_bonus_s);
        printf("%s\n", bound);
        rc = CLI_EXIT_OK;
    } else {
        for (int i = 0; i < report.n && i < MAX_SHOWN; i++)
            printf("%s\n", report.items[i]);
        if (report.total > MAX_SHOWN)
            printf("... and %ld more violations (%ld in all)\n", report.total - MAX_SHOWN,
                   report.total);
        rc = CLI_EXIT_CHECK;
    }
done:
    model_report_clear(&report);
    model_schedule_free(s);
    model_problem_free(p);
    return rc;
}
