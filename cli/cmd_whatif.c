/* cmd_whatif.c - `fieldplan whatif DB --scenario FILE`: applies a scenario
 * to the problem the published version solved, re-plans from that version
 * with disruption penalties (usecase/whatif.h), and prints the KPIs side by
 * side and the changes per technician. The published version is never
 * changed; --save keeps the result as a named draft for `fieldplan
 * publish`. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "cli/diff_report.h"
#include "cli/kpi_report.h"
#include "io/formats/json_schedule.h"
#include "usecase/whatif.h"

/* The scenario's warnings, once it is applied (even with --quiet). */
static void on_stage(void *ctx, usecase_stage st, bool done, const void *uc)
{
    (void)ctx;
    const usecase_whatif *w = uc;
    if (st == USECASE_STAGE_LOAD && done)
        for (int i = 0; i < w->res.nwarnings; i++)
            fprintf(stderr, "fieldplan whatif: warning: %s\n", w->res.warnings[i]);
}

static void print_text(const char *db, const cli_whatif_opts *wa, const usecase_whatif *w,
                       int64_t saved)
{
    printf("What-if %s on version %lld (%s to %s): %d change%s\n", io_scenario_source(w->sc),
           (long long)w->base->version, w->base->from, w->base->to, io_scenario_count(w->sc),
           io_scenario_count(w->sc) == 1 ? "" : "s");
    cli_rules rules;
    bool show = cli_rules_init(&rules, w->p0, w->s0, w->res.problem, w->s1);
    cli_diff_print(stdout, w->p0, w->res.problem, w->diff, show ? &rules : NULL);
    char b0[160], b1[160];
    printf("\nLower bound before: %s\n", cli_bound_line(w->s0, w->p0, b0, sizeof b0));
    printf("Lower bound after:  %s\n", cli_bound_line(w->s1, w->res.problem, b1, sizeof b1));
    if (saved)
        printf("\nSaved as draft version %lld '%s' (publish: fieldplan publish %s --version "
               "%s). The published version is unchanged.\n",
               (long long)saved, wa->save, db, wa->save);
    else
        printf("\nNothing was stored: the published version is unchanged.\n");
}

int cli_cmd_whatif(int argc, char **argv)
{
    cli_whatif_opts wa = {NULL, NULL, {5, 0, 1, 3600, 900, false, false}, NULL, false, false};
    const char *db = NULL;
    int prc;
    if (!cli_parse_db("whatif", argc, argv, &wa, &db, &prc))
        return prc;
    usecase_session ss = USECASE_SESSION_INIT;
    ss.db = db;
    ss.progress = on_stage;
    usecase_whatif_options opt = {wa.scenario, wa.version, SOLVER_OPTIONS_INIT, wa.save};
    cli_search_to_solver(&wa.search, &opt.solver);
    usecase_whatif w;
    model_error err = MODEL_ERROR_INIT;
    char *out = NULL;
    int rc = CLI_EXIT_OK;
    if (usecase_whatif_run(&ss, &opt, &w, &err) != MODEL_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    int64_t saved = w.saved;
    if (wa.quiet && !wa.json) /* -q never silences what --json asks for */
        goto done;
    if (wa.json) {
        /* the fields before the diff's: versions, each side's summary.bound */
        io_json_out o = IO_JSON_OUT_INIT;
        io_json_out_printf(&o, "\"base_version\": %lld, \"saved_version\": ",
                           (long long)w.base->version);
        if (saved)
            io_json_out_printf(&o, "%lld", (long long)saved);
        else
            io_json_out_raw(&o, "null");
        io_json_out_raw(&o, ", \"bound\": {\"before\": ");
        io_json_out_bound(&o, &w.s0->bound);
        io_json_out_raw(&o, ", \"after\": ");
        io_json_out_bound(&o, &w.s1->bound);
        io_json_out_raw(&o, "}, ");
        char *extra = io_json_out_finish(&o, &err);
        cli_rules rules;
        bool show = cli_rules_init(&rules, w.p0, w.s0, w.res.problem, w.s1);
        if (extra)
            out = cli_diff_to_json(w.p0, w.res.problem, w.diff, show ? &rules : NULL, extra, &err);
        free(extra);
        if (!out) {
            rc = cli_fail(&err);
            goto done;
        }
        fputs(out, stdout);
    } else {
        print_text(db, &wa, &w, saved);
    }
done:
    free(out);
    usecase_whatif_free(&w);
    return rc;
}
