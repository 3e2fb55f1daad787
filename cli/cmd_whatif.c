/* cmd_whatif.c - `fieldplan whatif DB --scenario FILE`: applies a scenario
 * to the problem the published version solved, re-plans from that version
 * with disruption penalties (usecase/whatif.h), and prints the KPIs side by
 * side and the changes per technician. The published version is never
 * changed; --save keeps the result as a named draft for `fieldplan
 * publish`. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/diff_report.h"
#include "cli/search_args.h"
#include "usecase/whatif.h"

static const char usage[] =
    "usage: fieldplan whatif DB --scenario FILE [--version V] [--time-limit S]\n"
    "                       [--iterations N] [--seed N] [--move-penalty S]\n"
    "                       [--shift-penalty S] [--save NAME] [--json] [--quiet]\n\n"
    "Applies the changes of FILE (docs/whatif.md: technician absent, shift\n"
    "changed, skill added or removed, job added, cancelled or updated, travel\n"
    "slower) to the problem the published version solved, re-plans starting from\n"
    "that version, keeping jobs where they are unless moving them is needed or\n"
    "pays more than the penalties, and prints the KPIs before and after and every\n"
    "job that moves, shifts, or is left unassigned (with its reason). The\n"
    "published version is not changed.\n\n"
    "  --scenario FILE      the changes (required)\n"
    "  --version V          start from version V (a number or a saved name) instead\n"
    "                       of the published one\n"
    "  --time-limit S       search time in seconds (default 5)\n"
    "  --iterations N       stop after N search iterations (deterministic)\n"
    "  --seed N             random seed (default 1)\n"
    "  --move-penalty S     cost, in seconds of travel, of moving a job to another\n"
    "                       technician or day (default 3600)\n"
    "  --shift-penalty S    cost of moving a start by more than 15 min (default 900)\n"
    "  --save NAME          keep the result as a draft version named NAME; publish it\n"
    "                       with 'fieldplan publish DB --version NAME'\n"
    "  --json               print {\"kpis\": {\"before\", \"after\"}, \"changes\": [...]}\n"
    "  -q, --quiet          print nothing but errors and warnings\n"
    "  -h, --help           show this help\n\n"
    "Exit codes: 0 ok (jobs the scenario leaves unassigned are reported, not an\n"
    "error), 2 bad scenario or usage, 3 I/O error, 70 internal error.\n";

typedef struct whatif_args {
    const char *db, *scenario, *version, *save;
    cli_search_args search;
    bool json, quiet;
} whatif_args;

static int parse(int argc, char **argv, whatif_args *wa)
{
    static const cli_option opts[] = {
        {"scenario", 's', true},   {"version", 0, true},       {"time-limit", 0, true},
        {"iterations", 0, true},   {"seed", 0, true},          {"move-penalty", 0, true},
        {"shift-penalty", 0, true},{"save", 0, true},          {"json", 0, false},
        {"quiet", 'q', false},     {"help", 'h', false},
    };
    enum { O_SCEN, O_VERSION, O_TIME, O_ITER, O_SEED, O_MOVE, O_SHIFT, O_SAVE, O_JSON, O_QUIET,
           O_HELP, O_COUNT };
    cli_args a;
    cli_args_init(&a, argc, argv);
    const char *v, *cmd = argv[0];
    for (int k; (k = cli_args_next(&a, opts, O_COUNT, &v)) != -2;) {
        bool ok = true;
        switch (k) {
        case -3: return CLI_EXIT_INPUT;
        case -1: ok = cli_args_take(cmd, &wa->db, v); break;
        case O_SCEN: wa->scenario = v; break;
        case O_VERSION: wa->version = v; break;
        case O_SAVE:
            wa->save = v;
            if (!v[0] || (v[0] >= '0' && v[0] <= '9'))
                return cli_usage_error(cmd, "--save '%s': a name must not be empty or start "
                                            "with a digit (version numbers do)", v);
            break;
        case O_JSON: wa->json = true; break;
        case O_QUIET: wa->quiet = true; break;
        case O_TIME:
        case O_ITER:
        case O_SEED:
        case O_MOVE:
        case O_SHIFT: ok = cli_search_parse(cmd, opts[k].name, v, &wa->search); break;
        case O_HELP: fputs(usage, stdout); return -1;
        }
        if (!ok)
            return CLI_EXIT_INPUT;
    }
    if (!wa->db)
        return cli_usage_error(cmd, "missing DB");
    if (!wa->scenario)
        return cli_usage_error(cmd, "missing --scenario FILE");
    return CLI_EXIT_OK;
}

/* The scenario's warnings, once it is applied (even with --quiet). */
static void on_stage(void *ctx, usecase_stage st, bool done, const void *uc)
{
    (void)ctx;
    const usecase_whatif *w = uc;
    if (st == USECASE_STAGE_LOAD && done)
        for (int i = 0; i < w->res.nwarnings; i++)
            fprintf(stderr, "fieldplan whatif: warning: %s\n", w->res.warnings[i]);
}

static void print_text(const whatif_args *wa, const usecase_whatif *w, int64_t saved)
{
    printf("What-if %s on version %lld (%s to %s): %d change%s\n", io_scenario_source(w->sc),
           (long long)w->base->version, w->base->from, w->base->to, io_scenario_count(w->sc),
           io_scenario_count(w->sc) == 1 ? "" : "s");
    cli_diff_print(stdout, w->p0, w->res.problem, w->diff);
    if (saved)
        printf("\nSaved as draft version %lld '%s' (publish: fieldplan publish %s --version "
               "%s). The published version is unchanged.\n",
               (long long)saved, wa->save, wa->db, wa->save);
    else
        printf("\nNothing was stored: the published version is unchanged.\n");
}

int cli_cmd_whatif(int argc, char **argv)
{
    whatif_args wa = {0};
    wa.search.time_limit = 5;
    wa.search.seed = 1;
    wa.search.move_penalty = 3600;
    wa.search.shift_penalty = 900;
    int prc = parse(argc, argv, &wa);
    if (prc != CLI_EXIT_OK)
        return prc < 0 ? CLI_EXIT_OK : prc;
    usecase_session ss = USECASE_SESSION_INIT;
    ss.db = wa.db;
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
    if (wa.quiet)
        goto done;
    if (wa.json) {
        char extra[256];
        if (saved)
            snprintf(extra, sizeof extra, "\"base_version\": %lld, \"saved_version\": %lld, ",
                     (long long)w.base->version, (long long)saved);
        else
            snprintf(extra, sizeof extra, "\"base_version\": %lld, \"saved_version\": null, ",
                     (long long)w.base->version);
        if (!(out = cli_diff_to_json(w.p0, w.res.problem, w.diff, extra, &err))) {
            rc = cli_fail(&err);
            goto done;
        }
        fputs(out, stdout);
    } else {
        print_text(&wa, &w, saved);
    }
done:
    free(out);
    usecase_whatif_free(&w);
    return rc;
}
